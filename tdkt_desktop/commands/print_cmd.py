"""``tdkt-desktop print certificates|decision|statistics … -o FILE.pdf``: documents from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from tdkt_desktop.errors import UserError


def _decision_options(parser: argparse.ArgumentParser) -> None:
    """--decision with --year / --date: numbering restarts every year, so a number alone may be ambiguous."""
    parser.add_argument("--decision", required=True, metavar="SỐ", help="số quyết định, ví dụ “125/QĐ-SKHCN”")
    parser.add_argument("--year", type=int, metavar="NĂM", help="năm ban hành (khi nhiều năm có cùng số)")
    parser.add_argument("--date", metavar="dd/mm/yyyy", help="ngày ban hành (khi nhiều quyết định có cùng số)")


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``print`` and its three kinds."""
    p = sub.add_parser("print", help="in giấy khen, quyết định, báo cáo thống kê ra tệp PDF")
    kinds = p.add_subparsers(dest="kind", metavar="LOẠI", required=True)
    cert = kinds.add_parser("certificates", help="giấy khen của một quyết định (mỗi người một trang)")
    _decision_options(cert)
    cert.add_argument("--overlay", action="store_true", help="chỉ in các trường lên phôi in sẵn")
    cert.add_argument("-o", "--output", required=True, type=Path, metavar="TỆP.pdf", help="tệp PDF kết quả")
    dec = kinds.add_parser("decision", help="quyết định kèm danh sách")
    _decision_options(dec)
    dec.add_argument("-o", "--output", required=True, type=Path, metavar="TỆP.pdf", help="tệp PDF kết quả")
    stat = kinds.add_parser("statistics", help="báo cáo thống kê khen thưởng theo giai đoạn")
    stat.add_argument("--from", dest="from_year", required=True, type=int, metavar="NĂM", help="từ năm")
    stat.add_argument("--to", dest="to_year", required=True, type=int, metavar="NĂM", help="đến năm")
    stat.add_argument("-o", "--output", required=True, type=Path, metavar="TỆP.pdf", help="tệp PDF kết quả")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Open the database, build the document, write it; the register logs printed certificates."""
    from tdkt_desktop import paths
    from tdkt_desktop.db.connection import open_database
    from tdkt_desktop.reports.base import doc_number
    from tdkt_desktop.services import printing
    from tdkt_desktop.text import DateError, parse_date

    db_path = args.db or paths.database_path()
    if not Path(db_path).exists():
        raise UserError(f"Không tìm thấy tệp dữ liệu “{db_path}”.")
    on = None
    if getattr(args, "date", None):
        try:
            on = parse_date(args.date, field="--date")
        except DateError as exc:
            raise UserError(str(exc)) from exc
    db = open_database(db_path)
    try:
        if args.kind == "statistics":
            printing.write_atomically(args.output, printing.statistics(db, args.from_year, args.to_year).pdf)
            print(f"Đã in báo cáo thống kê {args.from_year}–{args.to_year} vào {args.output}.")
            return 0
        decision = printing.find_decision(db, args.decision, year=args.year, on=on)
        if args.kind == "certificates":
            run_ = printing.certificates_to_file(db, decision.id, args.output, overlay=args.overlay)
            print(f"Đã in {len(run_.issues)} giấy khen vào {args.output}.")
        else:
            printing.write_atomically(args.output, printing.decision(db, decision.id).pdf)
            print(f"Đã in quyết định {doc_number(decision.number)} ngày {decision.issued_on:%d/%m/%Y} "
                  f"vào {args.output}.")
    finally:
        db.close()
    return 0
