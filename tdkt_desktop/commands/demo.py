"""``tdkt-desktop demo [--no-window]``: build the demo database, then open it."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``demo`` command."""
    p = sub.add_parser("demo", help="tạo cơ sở dữ liệu mẫu rồi mở cửa sổ")
    p.add_argument("--no-window", action="store_true", help="chỉ tạo dữ liệu, không mở cửa sổ")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Build (or reuse) the demo file; a real database is never overwritten."""
    from tdkt_desktop import paths
    from tdkt_desktop.demo import ensure_demo_file

    path = args.db or paths.demo_database_path()
    db = ensure_demo_file(path)
    count = db["staff"].count
    awards = db["awards"].count
    db.close()
    print(f"Dữ liệu mẫu: {path} ({count} cán bộ, {awards} lượt khen thưởng).")
    if args.no_window:
        return 0
    from tdkt_desktop.ui.shell.app import run_window

    return run_window(path)
