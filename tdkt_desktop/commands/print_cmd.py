"""``tdkt-desktop print certificates|decision|statistics|campaign-report … -o FILE.pdf``: documents from the CLI."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from tdkt_desktop.errors import UserError


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``print`` and its three kinds."""
    p = sub.add_parser("print", help="in giấy khen, quyết định, báo cáo thống kê ra tệp PDF")
    kinds = p.add_subparsers(dest="kind", metavar="LOẠI", required=True)
    cert = kinds.add_parser("certificates", help="giấy khen của một quyết định (mỗi người một trang)")
    cert.add_argument("--decision", required=True, metavar="SỐ", help="số quyết định, ví dụ “125/QĐ-SKHCN”")
    cert.add_argument("--overlay", action="store_true", help="chỉ in các trường lên phôi in sẵn")
    cert.add_argument("-o", "--output", required=True, type=Path, metavar="TỆP.pdf", help="tệp PDF kết quả")
    dec = kinds.add_parser("decision", help="quyết định kèm danh sách")
    dec.add_argument("--decision", required=True, metavar="SỐ", help="số quyết định, ví dụ “125/QĐ-SKHCN”")
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
    from tdkt_desktop import paths
    from tdkt_desktop.commands.campaigns import print_campaign_report

    subject = print_campaign_report(args.db or paths.database_path(), args.campaign, args.review, args.output)
    print(f"Đã in báo cáo “{subject}” vào {args.output}.")
    return 0


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it, so a failure never leaves half a file."""
    path = Path(path)
    if path.parent and not path.parent.exists():
        raise UserError(f"Thư mục “{path.parent}” không tồn tại.")
    fd, tmp = tempfile.mkstemp(prefix=".tdkt-", suffix=".pdf.tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    """Open the database, build the document, write it; the register logs printed certificates."""
    from tdkt_desktop.commands.opening import reading, writing

    # Certificates record serials in the register (a write, under the writer lock); the rest only read.
    opened = writing(args) if args.kind == "certificates" else reading(args)
    with opened as db:
        if args.kind == "certificates":
            count = print_certificates(db, args.decision, args.output, overlay=args.overlay)
            print(f"Đã in {count} giấy khen vào {args.output}.")
        elif args.kind == "decision":
            print_decision(db, args.decision, args.output)
            print(f"Đã in quyết định {args.decision} vào {args.output}.")
        else:
            print_statistics(db, args.from_year, args.to_year, args.output)
            print(f"Đã in báo cáo thống kê {args.from_year}–{args.to_year} vào {args.output}.")
    return 0


def print_certificates(db, number: str, output: Path, *, overlay: bool = False) -> int:
    """All certificates of decision ``number``; serials are logged only once the file is written."""
    from tdkt_desktop.db import certificates as register
    from tdkt_desktop.reports import sources
    from tdkt_desktop.reports.certificates import render_certificates

    decision = sources.find_decision(db, number)
    awards = sources.certificate_awards(db, decision.id)
    profile = register.default_profile(db)
    with db.atomic():  # the register rows roll back if the file cannot be written
        issues = register.plan_certificates(db, awards)
        pdf = render_certificates(
            sources.certificates_for(db, awards, issues), blank_code=profile.blank_type, overlay=overlay,
            offset_mm=(profile.offset_x_mm, profile.offset_y_mm), title=f"Giấy khen – {decision.number}",
        )
        register.record_printing(db, issues, mode="overlay" if overlay else "full", profile_name=profile.name)
        write_atomically(output, pdf)
    return len(issues)


def print_decision(db, number: str, output: Path) -> None:
    """The decision with its attached list."""
    from tdkt_desktop.reports import sources
    from tdkt_desktop.reports.decision import render_decision

    decision = sources.find_decision(db, number)
    write_atomically(output, render_decision(sources.decision_text_for(db, decision.id)))


def print_statistics(db, from_year: int, to_year: int, output: Path) -> None:
    """The award statistics report for a period."""
    from tdkt_desktop.reports import statistics

    write_atomically(output, statistics.render_statistics(statistics.statistics_for(db, from_year, to_year)))


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
    from tdkt_desktop.commands.bloc import open_read
    from tdkt_desktop.reports.bloc_minutes import render_bloc_minutes
    from tdkt_desktop.services.bloc_documents import minutes_for
    from tdkt_desktop.services.blocs import resolve_bloc

    with open_read(args) as db:
        bloc = resolve_bloc(db, args.bloc)
        data = minutes_for(db, bloc, args.year, args.meeting)
    write_atomically(args.output, render_bloc_minutes(data))
    print(f"Đã in biên bản {data.subject[0].lower()}{data.subject[1:]} của “{bloc.name}” vào {args.output}.")
    return 0
