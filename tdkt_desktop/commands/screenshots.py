"""``tdkt-desktop screenshots DIR [--size 1366x768]``: every tab and dialog offscreen to PNG, then exit."""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
from pathlib import Path


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"kích thước “{text}” không hợp lệ (ví dụ 1366x768)")
    return int(match.group(1)), int(match.group(2))


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``screenshots`` command."""
    p = sub.add_parser("screenshots", help="chụp ảnh mọi tab và hộp thoại (không cần màn hình) vào thư mục DIR")
    p.add_argument("dir", type=Path)
    p.add_argument("--query", default="dang thi", help="từ khóa minh họa cho ô tìm nhanh")
    p.add_argument("--size", type=_size, default=(1366, 768), metavar="RỘNGxCAO",
                   help="kích thước màn hình và cửa sổ (mặc định 1366x768, màn hình máy tính xách tay văn phòng)")
    p.set_defaults(func=run)


def _offscreen_screen(width: int, height: int) -> Path | None:
    """Make the offscreen platform's screen ``width``×``height`` (before the QApplication exists)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    if platform != "offscreen":
        os.environ.setdefault("QT_QPA_PLATFORM", platform)
        return None
    screen = {"name": "screenshots", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
    handle, name = tempfile.mkstemp(suffix=".json", prefix="tdkt-screen-")
    with os.fdopen(handle, "w", encoding="utf-8") as fh:
        json.dump({"screens": [screen]}, fh)
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={name}"
    return Path(name)


def run(args: argparse.Namespace) -> int:
    """Open the database under the usual lock, grab every tab and dialog, close without changes."""
    from tdkt_desktop.ui.shell import screenshots as tour

    width, height = args.size
    config = None if tour.app_exists() else _offscreen_screen(width, height)
    from tdkt_desktop import paths
    from tdkt_desktop.db.connection import open_database
    from tdkt_desktop.db.lock import DatabaseLock
    from tdkt_desktop.ui.shell.app import ensure_app
    from tdkt_desktop.ui.shell.main_window import MainWindow

    path = args.db or paths.database_path()
    app = ensure_app()
    if config is not None:
        config.unlink(missing_ok=True)  # read when the platform started
    out: Path = args.dir
    out.mkdir(parents=True, exist_ok=True)
    with DatabaseLock(path):
        db = open_database(path)
        try:
            window = MainWindow(db, path)
            window.resize(width, height)
            window.show()
            while not window.is_loaded:
                app.processEvents()
            written = tour.run_tour(window, out, query=args.query).written
            window.close()
        finally:
            db.close()
    for target in written:
        print(target)
    return 0
