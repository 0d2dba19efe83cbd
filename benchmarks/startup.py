"""One window start, then exit: ``--bare`` (plain PySide6), ``--app DB`` (to first paint), ``--app-loaded DB`` (data filled)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    """Show a window and quit from the event loop once it has painted."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget

    until_loaded = sys.argv[1] == "--app-loaded"
    if sys.argv[1] == "--bare":
        app = QApplication([])
        window = QMainWindow()
        window.setCentralWidget(QTabWidget())
        window.resize(1280, 800)
    else:
        from tdkt_desktop.db.connection import open_database
        from tdkt_desktop.ui.app import ensure_app
        from tdkt_desktop.ui.main_window import MainWindow

        app = ensure_app()
        window = MainWindow(open_database(sys.argv[2]), Path(sys.argv[2]))

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, app.quit)
            return False

    painted = FirstPaint()
    if until_loaded:  # measure until the staff list is filled, not only the first paint
        window.loaded.connect(lambda: QTimer.singleShot(0, app.quit))
    else:
        window.installEventFilter(painted)
    window.show()
    window.grab()  # offscreen has no compositor: force the first paint as a screen would
    QTimer.singleShot(10_000, app.quit)  # never hang a benchmark
    app.exec()


if __name__ == "__main__":
    main()
