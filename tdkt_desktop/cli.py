"""argparse entry point ``tdkt-desktop``: opens the window, or runs a batch command."""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
from pathlib import Path

from tdkt_desktop import __version__
from tdkt_desktop.commands import COMMAND_MODULES
from tdkt_desktop.errors import UserError, describe_sqlite_error


def version_text() -> str:
    """``--version``: the app version, whether this is the frozen build, and the Python it runs on."""
    from tdkt_desktop import paths

    kind = "bản đóng gói, " if paths.is_frozen() else ""
    return f"tdkt-desktop {__version__} ({kind}Python {sys.version.split()[0]})"


def build_parser() -> argparse.ArgumentParser:
    """The full parser: global ``--db`` plus one sub-parser per command module."""
    parser = argparse.ArgumentParser(
        prog="tdkt-desktop",
        description="Thi đua – Khen thưởng: quản lý danh hiệu, khen thưởng, phong trào, khối thi đua.",
    )
    parser.add_argument("--version", action="version", version=version_text())
    parser.add_argument(
        "--db", type=Path, default=None, help="tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu người dùng)"
    )
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_parser(sub)
    return parser


def main(argv: list[str]) -> int:
    """Parse ``argv`` and run; a :class:`UserError` prints its Vietnamese message and exits 1."""
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            from tdkt_desktop import paths
            from tdkt_desktop.ui.shell.app import run_window

            return run_window(args.db or paths.database_path())
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    except sqlite3.Error as exc:
        print(f"Lỗi: {describe_sqlite_error(exc)}", file=sys.stderr)
        return 1
    except OSError as exc:  # disk full, permission denied, read-only medium
        print(f"Lỗi hệ thống tệp: {exc.strerror or exc} ({exc.filename or ''})", file=sys.stderr)
        return 1
