"""``tdkt-desktop screenshots DIR``: render the window and every tab offscreen to PNG, then exit."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from tdkt_desktop.text import fold


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``screenshots`` command."""
    p = sub.add_parser("screenshots", help="chụp ảnh mọi tab (không cần màn hình) vào thư mục DIR")
    p.add_argument("dir", type=Path)
    p.add_argument("--query", default="dang thi", help="từ khóa minh họa cho ô tìm nhanh")
    p.set_defaults(func=run)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def run(args: argparse.Namespace) -> int:
    """Open the database read-write under the usual lock, grab every tab, close without changes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from tdkt_desktop import paths
    from tdkt_desktop.db.connection import open_database
    from tdkt_desktop.db.lock import DatabaseLock
    from tdkt_desktop.ui.shell.app import ensure_app
    from tdkt_desktop.ui.shell.main_window import MainWindow

    path = args.db or paths.database_path()
    app = ensure_app()
    out: Path = args.dir
    out.mkdir(parents=True, exist_ok=True)
    with DatabaseLock(path):
        db = open_database(path)
        try:
            window = MainWindow(db, path)
            window.resize(1360, 820)
            window.show()
            while not window.is_loaded:
                app.processEvents()
            app.processEvents()
            written = []
            for i in range(window.tabs.count()):
                window.tabs.setCurrentIndex(i)
                app.processEvents()
                target = out / f"{i + 1:02d}-{_slug(window.tabs.tabText(i).replace('&&', '&'))}.png"
                window.grab().save(str(target))
                written.append(target)
                sub = getattr(window.tabs.widget(i), "pages", None)
                for k in range(1, sub.count() if sub is not None else 0):
                    sub.setCurrentIndex(k)
                    app.processEvents()
                    target = out / f"{i + 1:02d}-{k + 1}-{_slug(sub.tabText(k))}.png"
                    window.grab().save(str(target))
                    written.append(target)
                if sub is not None:
                    sub.setCurrentIndex(0)
                # A tab may offer more views than its sub-tabs (the campaigns tab: one campaign's page).
                views = getattr(window.tabs.widget(i), "screenshot_views", lambda: [])()
                for k, (title, show) in enumerate(views, start=1):
                    show()
                    app.processEvents()
                    target = out / f"{i + 1:02d}-p{k}-{_slug(title)}.png"
                    window.grab().save(str(target))
                    written.append(target)
            window.tabs.setCurrentIndex(0)
            window.quick_search.setText(args.query)
            app.processEvents()
            target = out / "99-tim-nhanh.png"
            window.quick_search.popup.grab().save(str(target))
            written.append(target)
            window.close()
        finally:
            db.close()
    for target in written:
        print(target)
    return 0
