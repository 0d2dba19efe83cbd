"""One window start, then exit at once: ``--bare`` (PySide6 window, four tabs) or ``--app DB`` (staff list painted).

The parent times the whole process, interpreter start included. The bare window leaves on its first paint;
the app leaves when the staff table has painted with people in it, in a real event loop (no ``grab()``,
which would force a render the user does not see).

``--floor DB`` is the least a program on the project's stack does before that paint: the bare window with the
bundled fonts and Qt's Vietnamese strings, the file opened through sqlite-utils, its first 100 staff in a
``QAbstractTableModel``. ``--floor-sqlite3 DB`` is the same with the standard library's sqlite3 alone. They show
how much of the start-up budget the stack itself takes before any of the app's own code runs.
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

    if sys.argv[1] in ("--floor", "--floor-sqlite3"):
        app, window, view = _floor(Path(sys.argv[2]), through_sqlite_utils=sys.argv[1] == "--floor")
        watch = ExitOnPaint(view.viewport(), lambda: view.model().rowCount() > 0)
    elif sys.argv[1] == "--bare":
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


def _floor(path: Path, *, through_sqlite_utils: bool):
    """The smallest window that shows the first staff of ``path`` the way the app must (see the docstring)."""
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, Qt, QTranslator
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QTabWidget, QWidget

    resources = Path(__file__).resolve().parent.parent / "resources"
    app = QApplication([])
    for name in ("Regular", "SemiBold", "Bold", "Italic"):
        QFontDatabase.addApplicationFont(str(resources / "fonts" / f"BeVietnamPro-{name}.ttf"))
    app.setFont(QFont("Be Vietnam Pro", 10))
    translator = QTranslator(app)
    translator.load(str(resources / "translations" / "qtbase_vi.qm"))
    app.installTranslator(translator)
    if through_sqlite_utils:
        from sqlite_utils import Database

        db = Database(sqlite3.connect(path))
    else:
        db = sqlite3.connect(path)
    rows = db.execute("SELECT code, full_name, birth_date, unit_id FROM staff ORDER BY code LIMIT 100").fetchall()

    class Staff(QAbstractTableModel):
        def rowCount(self, parent=None) -> int:
            return len(rows)

        def columnCount(self, parent=None) -> int:
            return 4

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return str(rows[index.row()][index.column()])
            return None

    window, tabs, view = QMainWindow(), QTabWidget(), QTableView()
    view.setModel(Staff(view))
    tabs.addTab(view, "Cán bộ")
    for title in ("Danh hiệu & Khen thưởng", "Phong trào thi đua", "Khối thi đua"):
        tabs.addTab(QWidget(), title)
    window.setCentralWidget(tabs)
    window.resize(1280, 800)
    window._keep = (translator, db)  # alive until exit
    return app, window, view


if __name__ == "__main__":
    main()
