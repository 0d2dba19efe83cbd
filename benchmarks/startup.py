"""One window start, then exit at once: ``--bare`` (PySide6 window, four tabs) or ``--app DB`` (staff list painted).

The parent times the whole process, interpreter start included. The bare window leaves on its first paint;
the app leaves when the staff table has painted with people in it, in a real event loop (no ``grab()``,
which would force a render the user does not see).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    """Build and show the window; exit just after the awaited paint (20 s safety net)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class ExitOnPaint(QObject):
        def __init__(self, widget, ready):
            super().__init__()
            self.ready = ready
            widget.installEventFilter(self)

        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint and self.ready():
                QTimer.singleShot(0, lambda: os._exit(0))  # once this paint is done
            return False

    if sys.argv[1] == "--bare":
        from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

        app = QApplication([])
        window = QMainWindow()
        tabs = QTabWidget()
        for title in ("Cán bộ", "Danh hiệu & Khen thưởng", "Phong trào thi đua", "Khối thi đua"):
            tabs.addTab(QWidget(), title)
        window.setCentralWidget(tabs)
        window.resize(1280, 800)
        watch = ExitOnPaint(tabs, lambda: True)
    else:
        from tdkt_desktop.ui.shell.app import ensure_app, open_for_window
        from tdkt_desktop.ui.shell.main_window import MainWindow

        app = ensure_app()
        # The parent left the file as a clean, checked exit does (measure.clean_exit), like a user's day.
        path = Path(sys.argv[2])
        db, _lock = open_for_window(path)
        window = MainWindow(db, path)
        table = window.staff_tab.table
        watch = ExitOnPaint(table.viewport(), lambda: table.model().rowCount() > 0)
    window.show()
    QTimer.singleShot(20_000, lambda: os._exit(1))  # never hang a benchmark
    app.exec()
    del watch


if __name__ == "__main__":
    main()
