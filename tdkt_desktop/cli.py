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
        from tdkt_desktop.commands.opening import db_path

        report = damage_report(db_path(args))
        print(f"Lỗi: {report or describe_sqlite_error(exc)}", file=sys.stderr)
        return 1
    except OSError as exc:  # disk full, permission denied, read-only medium
        from tdkt_desktop.safefile import describe_os_error

        where = f" ({exc.filename})" if exc.filename else ""
        print(f"Lỗi hệ thống tệp: {describe_os_error(exc)}{where}. Không có tệp dở dang nào được để lại.",
              file=sys.stderr)
        return 1
    except Exception:
        # A value that does not decode (a flipped byte that passes quick_check) is named, not a traceback.
        from tdkt_desktop.commands.opening import db_path

        report = damage_report(db_path(args))
        if report is None:
            raise
        print(f"Lỗi: {report}", file=sys.stderr)
        return 1


def damage_report(path: Path) -> str | None:
    """A Vietnamese report of damaged stored values in ``path``, or None when none is found."""
    from tdkt_desktop.db.inspection import can_read_immutable, damaged_data_error, find_damage

    try:
        problems = find_damage(Path(path), immutable=can_read_immutable(path)) if Path(path).is_file() else []
    except Exception:  # the report is a courtesy: never hide the original error behind a new one
        return None
    if not problems:
        return None
    advice = f"Hãy khôi phục bản sao lưu tốt gần nhất: tdkt-desktop --db {path} restore"
    return f"{damaged_data_error(Path(path), problems)}\n{advice}"
