"""``tdkt-desktop backup`` and ``tdkt-desktop check``: data safety from the command line."""

from __future__ import annotations

import argparse

from tdkt_desktop.commands.opening import db_path, reading, writing


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``backup`` and ``check``."""
    p = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu (giữ 10 bản gần nhất); nâng cấp cấu trúc nếu cần")
    p.set_defaults(func=run_backup)
    p = sub.add_parser("check", help="kiểm tra tệp cơ sở dữ liệu và từng giá trị đã lưu, không sửa gì")
    p.set_defaults(func=run_check)


def run_backup(args: argparse.Namespace) -> int:
    """Copy the database into its backup folder (a file from an older build is upgraded first, after its own backup)."""
    from tdkt_desktop.db import backup

    with writing(args) as db:
        target = backup.make_backup(db, db_path(args), reason="thu-cong")
    print(f"Đã sao lưu vào {target}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Read-only checks of the file and of every stored value; exits 1 naming each damaged place."""
    import sys

    from tdkt_desktop.db import staff as staff_codes
    from tdkt_desktop.db import verify

    path = db_path(args)
    with reading(args, allow_older=True) as db:
        problems = verify.scan(db.conn, compare_schema=not db.needs_upgrade)
        older = db.needs_upgrade
        code_pairs = staff_codes.code_key_report(db)  # codes equal but for case (made before 0007)
    if problems:
        print(f"Lỗi: dữ liệu trong tệp “{path}” bị hỏng ở {len(problems)} chỗ:", file=sys.stderr)
        print(verify.describe(problems, limit=200), file=sys.stderr)
        print(
            f"Hãy khôi phục bản sao lưu tốt gần nhất: tdkt-desktop --db {path} restore "
            "(xem danh sách: restore --list).",
            file=sys.stderr,
        )
        return 1
    print(f"Tệp “{path}” không có lỗi.")
    print("\n".join(code_pairs) or "Mã cán bộ: không có hai người trùng mã.")
    if older:
        print("Tệp được tạo bởi phiên bản cũ hơn: lần mở tới trong cửa sổ (hoặc lệnh backup) sẽ sao lưu rồi nâng cấp.")
    return 0
