"""``tdkt-desktop import|export|template FILE.xlsx``: exchange staff, ratings, initiatives, awards with Excel."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

_MAX_SHOWN = 40


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``import``, ``export`` and ``template``."""
    p = sub.add_parser("import", help="nhập cán bộ, xếp loại, sáng kiến, khen thưởng từ tệp Excel (.xlsx)")
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
    p = sub.add_parser("template", help="tạo tệp Excel mẫu trống (tiêu đề và một dòng ví dụ)")
    p.add_argument("file", type=Path, metavar="TỆP.xlsx")
    p.set_defaults(func=run_template)


def _open(args: argparse.Namespace):
    from tdkt_desktop import paths
    from tdkt_desktop.db.connection import open_database

    return open_database(args.db or paths.database_path())


def run_import(args: argparse.Namespace) -> int:
    """Check the whole file; write all of it or nothing; report every bad row."""
    from tdkt_desktop.importing.importer import import_file
    from tdkt_desktop.importing.legacy import ENCODINGS
    from tdkt_desktop.importing.report import write_report

    encoding = {"auto": "auto", "unicode": None}.get(args.encoding, args.encoding)
    db = _open(args)
    try:
        plan = import_file(db, args.file, dry_run=args.dry_run, encoding=encoding)
    finally:
        db.close()
    if plan.encoding:
        print(f"Đã chuyển chữ từ bảng mã {ENCODINGS[plan.encoding]} sang Unicode.")
    for summary in plan.summaries.values():
        print(
            f"{summary.name}: {summary.rows} dòng – thêm {summary.added}, sửa {summary.updated}, "
            f"không đổi {summary.unchanged}."
        )
    if not plan.ok:
        print(f"Lỗi: tệp có {len(plan.issues)} lỗi, không nhập dòng nào.", file=sys.stderr)
        for issue in plan.issues[:_MAX_SHOWN]:
            print(f"  {issue.text()}", file=sys.stderr)
        if len(plan.issues) > _MAX_SHOWN:
            print(f"  … và {len(plan.issues) - _MAX_SHOWN} lỗi khác.", file=sys.stderr)
        if args.file.exists() and args.file.is_file():
            try:
                target = write_report(plan)
                print(f"Báo cáo lỗi: {target}", file=sys.stderr)
            except OSError as exc:
                print(f"Không ghi được báo cáo lỗi cạnh tệp: {exc}", file=sys.stderr)
        return 1
    if args.dry_run:
        print(f"Kiểm tra xong, không có lỗi: sẽ thêm hoặc sửa {plan.changes} dòng (chưa ghi gì).")
    else:
        print(f"Đã nhập xong: {plan.changes} dòng được thêm hoặc sửa.")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write the four sheets."""
    from tdkt_desktop.importing.exporter import export_workbook

    db = _open(args)
    try:
        counts = export_workbook(db, args.file)
    finally:
        db.close()
    print(f"Đã xuất {args.file}: " + ", ".join(f"{name} {n} dòng" for name, n in counts.items()) + ".")
    return 0


def run_template(args: argparse.Namespace) -> int:
    """Write the blank template."""
    from tdkt_desktop.importing.exporter import write_template

    write_template(args.file)
    print(f"Đã tạo tệp mẫu {args.file}.")
    return 0
