"""``tdkt-desktop import|export|template FILE.xlsx``: staff, ratings, initiatives, awards, registrations ↔ Excel."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``import``, ``export`` and ``template``."""
    p = sub.add_parser("import", help="nhập cán bộ, xếp loại, sáng kiến, khen thưởng, đăng ký thi đua từ tệp Excel")
    p.add_argument("file", type=Path, metavar="TỆP.xlsx")
    p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
    p.add_argument(
        "--encoding", choices=["auto", "unicode", "tcvn3", "vni"], default="auto",
        help="bảng mã chữ Việt trong tệp (mặc định: tự nhận biết TCVN3/VNI và chuyển sang Unicode)",
    )
    p.set_defaults(func=run_import)
    p = sub.add_parser("export", help="xuất dữ liệu ra tệp Excel đúng mẫu nhập")
    p.add_argument("file", type=Path, metavar="TỆP.xlsx")
    p.set_defaults(func=run_export)
    p = sub.add_parser("template", help="tạo tệp Excel mẫu trống (tiêu đề cột; ví dụ và ghi chú ở trang “Hướng dẫn”)")
    p.add_argument("file", type=Path, metavar="TỆP.xlsx")
    p.set_defaults(func=run_template)
    p = sub.add_parser("statistics", help="thống kê khen thưởng theo loại (cá nhân, tập thể) trong một giai đoạn")
    p.add_argument("--from", dest="from_year", type=int, default=None, metavar="NĂM",
                   help="từ năm (mặc định: năm đầu có dữ liệu)")
    p.add_argument("--to", dest="to_year", type=int, default=None, metavar="NĂM",
                   help="đến năm (mặc định: năm cuối có dữ liệu)")
    p.add_argument("-o", "--output", type=Path, default=None, metavar="TỆP.xlsx", help="ghi bảng ra tệp Excel")
    p.set_defaults(func=run_statistics)


def run_import(args: argparse.Namespace) -> int:
    """Check the whole file; write all of it or nothing; report every bad row."""
    from tdkt_desktop.commands.console import print_issues
    from tdkt_desktop.commands.opening import reading, writing
    from tdkt_desktop.importing.importer import import_file
    from tdkt_desktop.importing.legacy import ENCODINGS
    from tdkt_desktop.importing.plan import ImportIssue
    from tdkt_desktop.importing.preview import describe_plan
    from tdkt_desktop.importing.report import write_report

    encoding = {"auto": "auto", "unicode": None}.get(args.encoding, args.encoding)
    # A real import takes the window's single-writer lock; a dry run only reads.
    opened = reading(args) if args.dry_run else writing(args, create=True)
    with opened as db:
        plan = import_file(db, args.file, dry_run=args.dry_run, encoding=encoding)
        # The same list as the import window, compared with the data before anything is written.
        planned = describe_plan(db, plan) if args.dry_run else []
    if plan.encoding:
        print(f"Đã chuyển chữ từ bảng mã {ENCODINGS[plan.encoding]} sang Unicode.")
    for summary in plan.summaries.values():
        print(
            f"{summary.name}: {summary.rows} dòng – thêm {summary.added}, sửa {summary.updated}, "
            f"không đổi {summary.unchanged}."
        )
    if not plan.ok:
        print(f"Lỗi: tệp có {len(plan.issues)} lỗi, không nhập dòng nào.", file=sys.stderr)
        print_issues(plan.issues, ImportIssue.text)
        if args.file.exists() and args.file.is_file():
            try:
                target = write_report(plan)
                print(f"Báo cáo lỗi: {target}", file=sys.stderr)
            except OSError as exc:
                print(f"Không ghi được báo cáo lỗi cạnh tệp: {exc}", file=sys.stderr)
        return 1
    if args.dry_run:
        if planned:
            print(f"Các thay đổi sẽ ghi ({len(planned)}):")
            for change in planned:
                print(f"  {change.line()}")
        print(f"Kiểm tra xong, không có lỗi: sẽ thêm hoặc sửa {plan.changes} dòng (chưa ghi gì).")
    else:
        print(f"Đã nhập xong: {plan.changes} dòng được thêm hoặc sửa.")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write the five sheets."""
    from tdkt_desktop.commands.opening import reading
    from tdkt_desktop.importing.exporter import export_workbook

    with reading(args) as db:
        counts = export_workbook(db, args.file)
    print(f"Đã xuất {args.file}: " + ", ".join(f"{name} {n} dòng" for name, n in counts.items()) + ".")
    return 0


def run_template(args: argparse.Namespace) -> int:
    """Write the blank template."""
    from tdkt_desktop.importing.template import write_template

    write_template(args.file)
    print(f"Đã tạo tệp mẫu {args.file}.")
    return 0


def run_statistics(args: argparse.Namespace) -> int:
    """Print (and optionally save) counts by award type: computed from the decisions, never typed."""
    from tdkt_desktop.commands.opening import reading
    from tdkt_desktop.db import settings as settings_db
    from tdkt_desktop.db import statistics

    with reading(args) as db:
        span = statistics.year_range(db) or (0, 0)
        start = args.from_year or span[0]
        end = args.to_year or span[1]
        rows = statistics.award_counts(db, start, end)
        office = settings_db.get_settings(db).office_name
    individuals, collectives, total = statistics.total(rows)
    print(f"Thống kê khen thưởng {start}–{end}: {total} lượt ({collectives} tập thể, {individuals} cá nhân)")
    width = max((len(r.name) for r in rows), default=20)
    print(f"{'Danh hiệu / Hình thức':<{width}}  {'Cá nhân':>8}  {'Tập thể':>8}  {'Tổng':>6}")
    for r in rows:
        print(f"{r.name:<{width}}  {r.ca_nhan:>8}  {r.tap_the:>8}  {r.total:>6}")
    if args.output:
        from tdkt_desktop.importing.exporter import export_statistics

        export_statistics(rows, (start, end), args.output, office=office)
        print(f"Đã ghi {args.output}.")
    return 0
