"""Main window: the four tabs, menus, toolbar quick search and status bar; it only composes."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QToolBar, QWidget
from sqlite_utils import Database

from tdkt_desktop.db import backup
from tdkt_desktop.db import settings as settings_db
from tdkt_desktop.errors import DatabaseOpenError, UserError, describe_sqlite_error
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.changes import WriteFailed
from tdkt_desktop.ui.common.lazy_tabs import LazyTabs, WarmUp, page_modules
from tdkt_desktop.ui.common.widgets import fit_to_screen

WINDOW_TITLE = "Thi đua – Khen thưởng"
T = TypeVar("T")

TITLES, CAMPAIGNS, BLOCS = "Danh hiệu && Khen thưởng", "Phong trào thi đua", "Khối thi đua"
#: Tabs after "Cán bộ": (module, class, title). Each module is imported and its tab built when the tab is
#: first shown or asked for, so start-up pays only for the staff list the user sees first.
LATER_TABS = [
    ("tdkt_desktop.ui.awards.tab", "TitlesTab", TITLES),
    ("tdkt_desktop.ui.campaigns.tab", "CampaignsTab", CAMPAIGNS),
    ("tdkt_desktop.ui.blocs.tab", "BlocsTab", BLOCS),
]


class MainWindow(QMainWindow):
    """Tabs: Cán bộ, Danh hiệu & Khen thưởng, Phong trào thi đua, Khối thi đua."""

    #: Emitted after a write with the frozenset of topics it changed (ui/common/changes.py).
    data_changed = Signal(object)
    #: Emitted when the user asks to see one person (quick search, history links).
    person_requested = Signal(int)
    #: Emitted once the data shown at start is loaded (just after the first paint).
    loaded = Signal()

    def __init__(self, db: Database, db_path: Path | None = None):
        super().__init__()
        self.db = db
        self.db_path = db_path
        fit_to_screen(self, 1280, 800)  # never taller than a 1366×768 laptop's screen
        from tdkt_desktop.ui.shell.quick_search import QuickSearch
        from tdkt_desktop.ui.staff.tab import StaffTab

        self.tabs = LazyTabs(LATER_TABS, lambda cls: cls(self.db, self))
        self.tabs.setDocumentMode(True)
        self.staff_tab = StaffTab(db, self)
        self.tabs.insertTab(0, self.staff_tab, "Cán bộ")
        self.tabs.setCurrentIndex(0)
        self.setCentralWidget(self.tabs)
        #: quick_check of the file, started after the first paint; every write waits for it.
        self.integrity = None

        self.quick_search = QuickSearch(db, self)
        self.quick_search.person_chosen.connect(self.show_person)
        toolbar = QToolBar("Tìm nhanh")
        toolbar.setObjectName("toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel("  Tìm nhanh (Ctrl+K): "))
        toolbar.addWidget(self.quick_search)
        self.quick_search.setMaximumWidth(520)
        self.addToolBar(toolbar)
        self._build_menus()
        # Feature menus install themselves; their modules import the heavy parts only when used.
        from tdkt_desktop.ui.printing import menu as printing_menu
        from tdkt_desktop.ui.shell import about_dialog
        from tdkt_desktop.ui.transfer import menu as transfer_menu

        for install in (printing_menu.install, transfer_menu.install, about_dialog.install):
            install(self)
        self.data_changed.connect(lambda changed: changes.touches(changed, {changes.SETTINGS}) and self.refresh_title())
        self.refresh_title()
        self.statusBar().showMessage(f"Dữ liệu: {db_path}" if db_path else "Dữ liệu trong bộ nhớ")
        self.is_loaded = False
        self._load_scheduled = False
        #: imports the pages not opened yet once the first page is loaded (benchmarks wait for it)
        self.warm_up = WarmUp(page_modules([*self.staff_tab.details.unbuilt(), *self.tabs.unbuilt()]), self)

    def showEvent(self, event) -> None:
        """Paint the window first, then fill it: the first page of staff is read once the frame is drawn."""
        super().showEvent(event)
        if not self._load_scheduled:
            self._load_scheduled = True
            self.staff_tab.table.viewport().installEventFilter(self)
            QTimer.singleShot(250, self._load_data)  # in case the list is not painted (another tab in front)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.staff_tab.table.viewport() and not self.is_loaded:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._load_data)  # after this paint has reached the screen
        return super().eventFilter(watched, event)

    def _load_data(self) -> None:
        if self.is_loaded:
            return
        self.staff_tab.load()
        self.is_loaded = True
        self.loaded.emit()
        self.warm_up.start()
        if self.db_path is not None and self.integrity is None:
            from tdkt_desktop.db.integrity import IntegrityCheck

            self.integrity = IntegrityCheck(self.db_path)
            self._integrity_timer = QTimer(self)
            self._integrity_timer.timeout.connect(self._integrity_finished)
            self._integrity_timer.start(100)

    def _integrity_finished(self) -> None:
        if not self.integrity.done:
            return
        self._integrity_timer.stop()
        if self.integrity_error() is not None:  # say so at once, not only at the first save
            self._refuse_damaged()

    def integrity_error(self) -> DatabaseOpenError | None:
        """The damage the background check found (waiting for it if still running), or None."""
        if self.integrity is None:
            return None
        try:
            self.integrity.wait()
        except DatabaseOpenError as exc:
            return exc
        return None

    def _refuse_damaged(self) -> str:
        message = (f"{self.integrity_error()}\n\nChương trình sẽ không ghi gì vào tệp này. Hãy đóng chương trình "
                   "và mở lại: chương trình sẽ đề nghị khôi phục từ bản sao lưu gần nhất.")
        self.statusBar().showMessage("Tệp dữ liệu bị hỏng: không ghi được gì cho đến khi khôi phục.")
        QMessageBox.critical(self, "Dữ liệu bị hỏng", message)
        return message

    @property
    def titles_tab(self) -> QWidget:
        """Tab "Danh hiệu & Khen thưởng" (built on first use)."""
        return self.tabs.page(TITLES)

    @property
    def campaigns_tab(self) -> QWidget:
        """Tab "Phong trào thi đua" (built on first use)."""
        return self.tabs.page(CAMPAIGNS)

    @property
    def blocs_tab(self) -> QWidget:
        """Tab "Khối thi đua" (built on first use)."""
        return self.tabs.page(BLOCS)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Tệp")
        self.file_menu = file_menu
        act = QAction("Sao lưu ngay", self)
        act.triggered.connect(self._on_backup)
        act.setEnabled(self.db_path is not None)
        file_menu.addAction(act)
        act = QAction("Cài đặt cơ quan…", self)
        act.triggered.connect(self.open_settings)
        file_menu.addAction(act)
        file_menu.addSeparator()
        act = QAction("Thoát", self)
        act.setShortcut(QKeySequence.StandardKey.Quit)
        act.triggered.connect(self.close)
        file_menu.addAction(act)
        self.search_action = QAction("Tìm nhanh", self)
        self.search_action.setShortcut(QKeySequence("Ctrl+K"))
        self.search_action.triggered.connect(self.quick_search.activate)
        self.addAction(self.search_action)

    def refresh_title(self) -> None:
        """Window title: app name and the office from settings."""
        office = settings_db.get_settings(self.db).office_name
        self.setWindowTitle(f"{WINDOW_TITLE} — {office}" if office else WINDOW_TITLE)

    def show_person(self, staff_id: int) -> None:
        """Bring the staff tab forward with this person selected and their record open."""
        self.tabs.setCurrentWidget(self.staff_tab)
        self.staff_tab.select_person(staff_id)
        self.person_requested.emit(staff_id)

    def open_settings(self) -> None:
        """Edit the office settings; the dialog returns a record, the window saves it."""
        from tdkt_desktop.ui.shell.settings_dialog import SettingsDialog

        dialog = SettingsDialog(settings_db.get_settings(self.db), self)
        if dialog.exec():
            with contextlib.suppress(WriteFailed):
                self.run_write(lambda: settings_db.save_settings(self.db, dialog.value()), changes.SETTINGS)

    def run_write(self, action: Callable[[], T], *topics: str) -> T:
        """Run one write (a ``db/`` or ``services/`` call that is its own transaction) and return its result.

        ``topics`` say what it changed (ui/common/changes.py; none given means anything); pages that
        show none of them do not reload. On a user error, a SQLite failure (full disk, locked file)
        or an OS error the user sees a Vietnamese message and :class:`WriteFailed` is raised, so
        the caller stops; the database is as it was before the call. Nothing is written to a file the
        integrity check found damaged (the check started after the first paint is waited for).
        """
        if self.integrity_error() is not None:
            raise WriteFailed(self._refuse_damaged())
        try:
            result = action()
        except UserError as exc:
            QMessageBox.warning(self, "Không lưu được", str(exc))
            raise WriteFailed(str(exc)) from exc
        except sqlite3.Error as exc:
            message = describe_sqlite_error(exc)
            QMessageBox.critical(self, "Lỗi ghi dữ liệu", message)
            raise WriteFailed(message) from exc
        except OSError as exc:
            message = f"Không ghi được dữ liệu: {exc}"
            QMessageBox.critical(self, "Lỗi ghi dữ liệu", message)
            raise WriteFailed(message) from exc
        self.data_changed.emit(changes.changes(topics or changes.ALL))
        return result

    def _on_backup(self) -> None:
        try:
            target = backup.make_backup(self.db, self.db_path, reason="thu-cong")
        except UserError as exc:  # BackupError: nothing with a backup's name was left behind
            QMessageBox.critical(self, "Không sao lưu được", str(exc))
            return
        self.statusBar().showMessage(f"Đã sao lưu: {target}", 8000)
