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
    from tdkt_desktop import paths
    from tdkt_desktop.db.connection import open_database
    from tdkt_desktop.errors import NotFoundError, ValidationError
    from tdkt_desktop.services.eligibility import evaluate_year

    if not 1900 <= args.year <= 2100:
        raise ValidationError({"year": f"Năm xét “{args.year}” không hợp lệ."})
    path = args.db or paths.database_path()
    if not path.exists():
        raise NotFoundError(f"Không có tệp cơ sở dữ liệu “{path}”.")
    db = open_database(path, integrity=False)  # read-only: nothing to protect from a damaged file
    try:
        result = evaluate_year(db, args.year)
    finally:
        db.close()
    verdicts = result.all_verdicts()
    if args.json:
        write_json(verdicts, sys.stdout, pretty=args.pretty)
        return 0
    print(f"Xét năm {args.year} theo bộ quy tắc: {result.ruleset.label()}")
    eligible = sum(v.eligible for v in verdicts)
    print(f"{len(result.people)} cá nhân, {len(result.units)} tập thể; {eligible} kết quả đủ điều kiện.\n")
    current = None
    for v in verdicts:
        if (v.subject, v.subject_id) != current:
            current = (v.subject, v.subject_id)
            who = f"{v.code} {v.name} — {v.unit_name}" if v.subject == "ca_nhan" else f"Tập thể: {v.name}"
            print(who)
        mark = "ĐỦ ĐIỀU KIỆN" if v.eligible else "chưa đủ"
        council = " (cần Hội đồng xác nhận)" if v.needs_council else ""
        print(f"  [{mark}{council}] {v.award_name}")
        for reason in v.reasons:
            print(f"      - {reason}")
    return 0
