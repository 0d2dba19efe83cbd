"""One window start, then exit: ``--bare`` (plain PySide6), ``--app DB`` (to first paint), ``--app-loaded DB`` (data filled)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    """Build and show the window, render its first frame, then leave at once (or once loaded)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget

    mode = sys.argv[1]
    if mode == "--bare":
        app = QApplication([])
        window = QMainWindow()
        window.setCentralWidget(QTabWidget())
        window.resize(1280, 800)
    else:
        from tdkt_desktop.db.connection import open_database
        from tdkt_desktop.ui.shell.app import ensure_app
        from tdkt_desktop.ui.shell.main_window import MainWindow

        app = ensure_app()
        window = MainWindow(open_database(sys.argv[2]), Path(sys.argv[2]))
    window.show()
    window.grab()  # offscreen has no compositor: render the first frame as a screen would
    if mode != "--app-loaded":
        os._exit(0)  # the same abrupt exit for both sides, so only start-up is compared
    window.loaded.connect(lambda: os._exit(0))
    QTimer.singleShot(20_000, lambda: os._exit(1))  # never hang a benchmark
    app.exec()


if __name__ == "__main__":
    main()
