"""``tdkt-desktop backup`` and ``tdkt-desktop check``: data safety from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``backup`` and ``check``."""
    p = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu (giữ 10 bản gần nhất)")
    p.set_defaults(func=run_backup)
    p = sub.add_parser("check", help="kiểm tra tệp cơ sở dữ liệu, không sửa gì")
    p.set_defaults(func=run_check)


def _path(args: argparse.Namespace) -> Path:
    from tdkt_desktop import paths

    return args.db or paths.database_path()


def run_backup(args: argparse.Namespace) -> int:
    """Copy the database into its backup folder."""
    from tdkt_desktop.db import backup
    from tdkt_desktop.db.connection import open_database
    from tdkt_desktop.errors import NotFoundError

    path = _path(args)
    if not path.exists():
        raise NotFoundError(f"Không có tệp cơ sở dữ liệu “{path}”.")
    db = open_database(path)
    try:
        target = backup.make_backup(db, path, reason="thu-cong")
    finally:
        db.close()
    print(f"Đã sao lưu vào {target}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Read-only checks; exits 1 with a Vietnamese message on a bad file."""
    from tdkt_desktop.db.connection import inspect_file
    from tdkt_desktop.errors import NotFoundError

    path = _path(args)
    if not path.exists():
        raise NotFoundError(f"Không có tệp cơ sở dữ liệu “{path}”.")
    inspect_file(path)
    print(f"Tệp “{path}” không có lỗi.")
    from tdkt_desktop.db.staff import code_key_report_for_file
    print("\n".join(code_key_report_for_file(path)) or "Mã cán bộ: không có mã trùng nhau.")
    return 0
