"""``tdkt-desktop eligibility --year Y [--json]``: every verdict of the year, with its reasons."""

from __future__ import annotations

import argparse
import json
import sys


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``eligibility`` command."""
    p = sub.add_parser("eligibility", help="xét điều kiện danh hiệu, khen thưởng của một năm")
    p.add_argument("--year", type=int, required=True, help="năm xét (ví dụ 2025)")
    p.add_argument("--json", action="store_true", help="in danh sách kết quả dạng JSON")
    p.add_argument("--pretty", action="store_true", help="JSON thụt lề cho dễ đọc (chậm hơn với cơ quan lớn)")
    p.set_defaults(func=run)


def write_json(verdicts, out, *, pretty: bool = False) -> None:
    """One JSON list of the verdicts, written item by item.

    Compact output encodes each item with the C encoder (Python's pure encoder runs for ``indent``, 3×
    slower on 20,000 staff) and never builds the whole 50 MB text in memory; ``--pretty`` indents.
    """
    if pretty:
        out.write(json.dumps([v.as_json() for v in verdicts], ensure_ascii=False, indent=2))
        out.write("\n")
        return
    out.write("[")
    for i, verdict in enumerate(verdicts):
        if i:
            out.write(",")
        out.write(json.dumps(verdict.as_json(), ensure_ascii=False))
    out.write("]\n")


def run(args: argparse.Namespace) -> int:
    """Print the verdicts: a readable list, or JSON objects with the keys the issue fixes."""
    from tdkt_desktop.commands.opening import reading
    from tdkt_desktop.errors import ValidationError
    from tdkt_desktop.services.eligibility import evaluate_year

    if not 1900 <= args.year <= 2100:
        raise ValidationError({"year": f"Năm xét “{args.year}” không hợp lệ."})
    with reading(args) as db:  # read-only: never migrates or creates the file
        result = evaluate_year(db, args.year)
    verdicts = result.all_verdicts()
    if args.json:
        write_json(verdicts, sys.stdout, pretty=args.pretty)
        return 0
    from tdkt_desktop.vocabulary import OFFICE_LEVELS, VERDICT_STATUSES

    print(f"Xét năm {args.year} theo bộ quy tắc: {result.ruleset.label()}")
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
    return 0
