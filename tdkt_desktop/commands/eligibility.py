"""``tdkt-desktop eligibility --year Y [--json [--pretty]]``: every verdict of the year, with its reasons."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tdkt_desktop.rules.model import Verdict


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``eligibility`` command."""
    p = sub.add_parser("eligibility", help="xét điều kiện danh hiệu, khen thưởng của một năm")
    p.add_argument("--year", type=int, required=True, help="năm xét (ví dụ 2025)")
    p.add_argument("--json", action="store_true", help="in danh sách kết quả dạng JSON")
    p.add_argument("--pretty", action="store_true", help="JSON thụt lề cho dễ đọc (chậm hơn với cơ quan lớn)")
    p.set_defaults(func=run)


def write_json(batches: Iterable[list], out, *, pretty: bool = False) -> None:
    """One JSON list of the verdicts (``Verdict.as_json`` objects), written one batch (a chunk of people) at a time.

    Nothing holds the whole list or its text, so memory stays flat on any office size. Compact output
    is assembled from UTF-8 texts encoded once each: a verdict's text after the person's name recurs
    for thousands of people (180,000 verdicts on a large office have 3,300 distinct ones), and each
    batch is joined and written as bytes in one piece; ``--pretty`` indents with the standard encoder.
    """
    if pretty:
        _write_pretty(batches, out)
        return
    raw = _utf8_buffer(out)
    tails: dict[tuple, bytes] = {}  # a verdict's text after its name, by what it is made of
    texts = _Texts()  # sentences, statuses, awards: what tails are made of
    write = raw.write if raw is not None else (lambda data: out.write(data.decode("utf-8")))
    first = True  # nothing is written before the first batch is in hand (see _after_check)
    subject = code = name = head = None
    for batch in batches:
        parts: list[bytes] = []
        for v in batch:
            try:
                key = (v.award, v.status, v.eligible, v.council, v.authority, v.decision, v.findings)
                tail = tails.get(key)
            except TypeError:  # a finding value that cannot be a key (a list): written every time
                key, tail = None, None
            if tail is None:
                tail = _tail(v, texts)
                if key is not None:
                    tails[key] = tail
            # A person's verdicts come one after another and share their texts: the head is made once.
            if v.code is not code or v.name is not name or v.subject is not subject:
                subject, code, name = v.subject, v.code, v.name
                head = b"".join((_PERSON if subject == "ca_nhan" else _UNIT, _encode(code).encode("utf-8"), _NAME,
                                 _encode(name).encode("utf-8")))
            parts += head, tail
        if parts:
            if first:  # the list opens, with no comma before the first object
                parts[0], first = b"[" + parts[0][2:], False
            write(b"".join(parts))
        if len(tails) > _TEXTS_MAX:
            tails.clear()
            texts.clear()
    write(b"[]\n" if first else b"]\n")


_TEXTS_MAX = 50_000
_encode = json.JSONEncoder(ensure_ascii=False).encode
_PERSON, _UNIT, _NAME = b', {"staff_code": ', b', {"unit": ', b', "name": '


def _utf8_buffer(out):
    """``out``'s byte stream when it writes UTF-8 (then bytes go straight to it), else None (write text)."""
    buffer = getattr(out, "buffer", None)
    encoding = (getattr(out, "encoding", None) or "").replace("-", "").replace("_", "").lower()
    if buffer is None or encoding != "utf8":
        return None
    out.flush()  # what the text layer holds goes first
    return buffer


class _Texts(dict):
    """A value → its JSON text as UTF-8, each encoded once."""

    def __missing__(self, value):
        text = self[value] = _encode(value).encode("utf-8")
        return text


def _tail(v: Verdict, texts: _Texts) -> bytes:
    """Everything of ``json.dumps(v.as_json(), ensure_ascii=False)`` after the name (same keys, order, spacing)."""
    flags = (b'"eligible": ' + (b"true" if v.eligible else b"false") + b', "needs_council": '
             + (b"true" if v.needs_council else b"false"))
    parts = [b", \"award\": ", texts[v.award], b", ", flags, b', "reasons": [',
             b", ".join(map(texts.__getitem__, v.reasons)), b'], "status": ', texts[v.status],
             b', "authority": ', texts[v.authority]]
    if v.decision:
        parts += b', "decision": ', _encode(v.as_json()["decision"]).encode("utf-8")
    parts.append(b"}")
    return b"".join(parts)


def _write_pretty(batches: Iterable[list], out) -> None:
    encode = json.JSONEncoder(ensure_ascii=False, indent=2).encode
    wrote = False
    for batch in batches:
        for start in range(0, len(batch), 500):  # a few hundred at a time: small texts
            text = encode([v.as_json() for v in batch[start:start + 500]])
            out.write(("," if wrote else "[") + text[1:-2])
            wrote = True
    out.write("\n]\n" if wrote else "[]\n")


def run(args: argparse.Namespace) -> int:
    """Print the verdicts: a readable list, or JSON objects with the keys the issue fixes."""
    from tdkt_desktop.commands.opening import reading
    from tdkt_desktop.errors import ValidationError

    if not 1900 <= args.year <= 2100:
        raise ValidationError({"year": f"Năm xét “{args.year}” không hợp lệ."})
    # Read-only: never migrates or creates the file. A file as a clean, checked session left it is
    # checked beside the evaluation; nothing is printed before that check has passed.
    with reading(args, defer_check=True) as db:
        if args.json:
            _print_json(db, args.year, pretty=args.pretty)
        else:
            _print_text(db, args.year)
    return 0


@contextlib.contextmanager
def _damage_first(db) -> Iterator[None]:
    """A failure while reading a damaged file is reported as the damage, not by how reading it failed: the
    integrity check beside the command is waited for (and raises) before the failure goes on."""
    try:
        yield
    except Exception:
        db.verified()
        raise


def _after_check(db, batches: Iterator[list]) -> Iterator[list]:
    """``batches``, the first one handed on only once the integrity check beside the command has passed."""
    with _damage_first(db):
        first = next(batches, None)
    db.verified()
    if first is not None:
        yield first
        yield from batches


def _print_json(db, year: int, *, pretty: bool) -> None:
    from tdkt_desktop.services.bulk import paused_gc
    from tdkt_desktop.services.eligibility import stream_year

    # Raises before anything is written when no rule set covers the year. The next chunk loads on a
    # worker thread (open_readonly's connection may be used from one) while this one is judged.
    with _damage_first(db):
        stream = stream_year(db, year, prefetch=True)
    out = sys.stdout
    try:
        with paused_gc():  # a short command making no cycles: the collector would only walk the records
            write_json(_after_check(db, stream.batches), out, pretty=pretty)
    finally:
        stream.close()  # a failed write: the worker is done with the connection before it closes
    out.flush()


def _print_text(db, year: int) -> None:
    from tdkt_desktop.services.eligibility import evaluate_year
    from tdkt_desktop.vocabulary import OFFICE_LEVELS, VERDICT_STATUSES

    with _damage_first(db):
        result = evaluate_year(db, year)
    db.verified()
    verdicts = result.all_verdicts()
    print(f"Xét năm {year} theo bộ quy tắc: {result.ruleset.label()}")
    print(f"Cơ quan: {OFFICE_LEVELS[result.office_level]}")
    eligible = sum(v.eligible for v in verdicts)
    print(f"{len(result.people)} cá nhân, {len(result.units)} tập thể; {eligible} kết quả đủ điều kiện.\n")
    current = None
    for v in verdicts:
        if (v.subject, v.subject_id) != current:
            current = (v.subject, v.subject_id)
            who = f"{v.code} {v.name} — {v.unit_name}" if v.subject == "ca_nhan" else f"Tập thể: {v.name}"
            print(who)
        who_decides = f" — {v.authority} quyết định" if v.authority else ""
        print(f"  [{VERDICT_STATUSES[v.status]}] {v.award_name}{who_decides}")
        for reason in v.reasons:
            print(f"      - {reason}")
