"""``tdkt-desktop print certificates|decision|statistics|campaign-report … -o FILE.pdf``: documents from the CLI."""

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
    add_bloc_minutes_parser(kinds)
    p.set_defaults(func=run)
    _add_campaign_report(kinds)


def _add_campaign_report(kinds: argparse._SubParsersAction) -> None:
    """``print campaign-report``: the báo cáo sơ kết/tổng kết of a campaign (read-only, its own runner)."""
    rep = kinds.add_parser("campaign-report", help="báo cáo sơ kết/tổng kết một phong trào thi đua")
    rep.add_argument("--campaign", required=True, metavar="TÊN", help="tên phong trào (hoặc một phần đủ rõ)")
    rep.add_argument("--review", choices=["so-ket", "tong-ket"], default=None,
                     help="đợt báo cáo (mặc định: tổng kết nếu có, không thì sơ kết gần nhất)")
    rep.add_argument("-o", "--output", required=True, type=Path, metavar="TỆP.pdf", help="tệp PDF kết quả")
    rep.set_defaults(func=_run_campaign_report)


def _run_campaign_report(args: argparse.Namespace) -> int:
    from tdkt_desktop.commands.campaigns import print_campaign_report

    subject = print_campaign_report(args)
    print(f"Đã in báo cáo “{subject}” vào {args.output}.")
    return 0


def run(args: argparse.Namespace) -> int:
    """Open the database, build the document, write it; the register logs printed certificates."""
    from tdkt_desktop.commands.opening import db_path, reading, writing
    from tdkt_desktop.db.inspection import is_wal_file
    from tdkt_desktop.db.integrity import IntegrityCheck
    from tdkt_desktop.reports.base import doc_number
    from tdkt_desktop.services import printing
    from tdkt_desktop.text import DateError, parse_date

    on = None
    if getattr(args, "date", None):
        try:
            on = parse_date(args.date, field="--date")
        except DateError as exc:
            raise UserError(str(exc)) from exc
    # Certificates record serials in the register (a write, under the writer lock); the rest only read.
    # For certificates the integrity check runs beside the rendering and is waited for before that write;
    # a file not yet in WAL mode is switched on opening (a write), so it is checked there, once, instead.
    deferred = args.kind == "certificates" and is_wal_file(db_path(args))
    opened = writing(args, integrity=not deferred) if args.kind == "certificates" else reading(args)
    with opened as db:
        check = IntegrityCheck(db_path(args)) if deferred else None
        if args.kind == "statistics":
            printing.write_atomically(args.output, printing.statistics(db, args.from_year, args.to_year).pdf)
            print(f"Đã in báo cáo thống kê {args.from_year}–{args.to_year} vào {args.output}.")
            return 0
        decision = printing.find_decision(db, args.decision, year=args.year, on=on)
        if args.kind == "certificates":
            run_ = printing.certificates_to_file(db, decision.id, args.output, overlay=args.overlay,
                                                 before_write=check.wait if check else None)
            print(f"Đã in {len(run_.issues)} giấy khen vào {args.output}.")
        else:
            printing.write_atomically(args.output, printing.decision(db, decision.id).pdf)
            print(f"Đã in quyết định {doc_number(decision.number)} ngày {decision.issued_on:%d/%m/%Y} "
                  f"vào {args.output}.")
    return 0


# --- bloc minutes (self-contained: its own parser, database opening and writer) --------------------


def add_bloc_minutes_parser(kinds: argparse._SubParsersAction) -> None:
    """``print bloc-minutes --bloc NAME --year Y [--meeting KIND] -o FILE.pdf``."""
    from tdkt_desktop.vocabulary import BLOC_MEETING_KINDS

    bm = kinds.add_parser("bloc-minutes", help="biên bản hội nghị của khối thi đua (mặc định: tổng kết năm)")
    bm.add_argument("--bloc", required=True, metavar="TÊN", help="tên khối (không cần dấu, có thể chỉ một phần tên)")
    bm.add_argument("--year", required=True, type=int, metavar="NĂM", help="năm thi đua của hội nghị")
    bm.add_argument("--meeting", type=_meeting_kind, default="tong_ket", metavar="LOẠI",
                    help="loại hội nghị: " + ", ".join(f"{k} ({v})" for k, v in BLOC_MEETING_KINDS.items()))
    bm.add_argument("-o", "--output", required=True, type=Path, metavar="TỆP.pdf", help="tệp PDF kết quả")
    # The sub-parser's own default wins over ``print``'s, so run() needs no branch for it.
    bm.set_defaults(func=run_bloc_minutes)


def _meeting_kind(text: str) -> str:
    """'so_ket', 'so-ket' or 'sơ kết' → 'so_ket' (argparse reports anything else in Vietnamese)."""
    from tdkt_desktop.text import tokens
    from tdkt_desktop.vocabulary import BLOC_MEETING_KINDS

    code = "_".join(tokens(text))
    if code not in BLOC_MEETING_KINDS:
        raise argparse.ArgumentTypeError(f"loại hội nghị “{text}” không có; chọn: {', '.join(BLOC_MEETING_KINDS)}")
    return code


def run_bloc_minutes(args: argparse.Namespace) -> int:
    """Read the meeting (read-only), build the minutes, write the file only when everything was found."""
    from tdkt_desktop.commands.opening import reading
    from tdkt_desktop.reports.bloc_minutes import render_bloc_minutes
    from tdkt_desktop.services.bloc_documents import minutes_for
    from tdkt_desktop.services.blocs import resolve_bloc
    from tdkt_desktop.services.printing import write_atomically

    with reading(args) as db:
        bloc = resolve_bloc(db, args.bloc)
        data = minutes_for(db, bloc, args.year, args.meeting)
    write_atomically(args.output, render_bloc_minutes(data))
    print(f"Đã in biên bản {data.subject[0].lower()}{data.subject[1:]} của “{bloc.name}” vào {args.output}.")
    return 0
