"""Tab "Khối thi đua": choose a bloc and a year; sub-pages for members, pact, meetings, scores and ballots."""

from __future__ import annotations

import contextlib
import datetime as dt
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.changes import WriteFailed
from tdkt_desktop.ui.common.lazy_tabs import LazyTabs

# The bloc modules (storage, rules, services) are imported when the tab is first shown, not at window start.

#: (module, class, tab title). Each page is ``Page(db, main_window, tab)``, built when first shown.
PAGES: list[tuple[str, str, str]] = [
    ("tdkt_desktop.ui.blocs.members_page", "MembersPage", "Thành viên, luân phiên"),
    ("tdkt_desktop.ui.blocs.pact_page", "PactPage", "Giao ước"),
    ("tdkt_desktop.ui.blocs.meetings_page", "MeetingsPage", "Hội nghị"),
    ("tdkt_desktop.ui.blocs.scores_page", "ScoresPage", "Chấm điểm, xếp hạng"),
    ("tdkt_desktop.ui.blocs.votes_page", "VotesPage", "Bình chọn"),
]
SCORES = "Chấm điểm, xếp hạng"


class BlocsTab(QWidget):
    """Thin composer: the bloc and year chosen here are what every sub-page shows."""

    #: The bloc or the year changed: pages reload (now if visible, else when next shown).
    context_changed = Signal()

    def __init__(self, db: Database, window):
        super().__init__()
        self.db = db
        self.main_window = window
        self.projector = None
        self._loaded = False
        self.bloc_combo = QComboBox()
        self.bloc_combo.setMinimumWidth(320)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(1990, 2100)
        self.year_spin.setValue(dt.date.today().year)
        self.add_bloc_button = QPushButton("Thêm khối…")
        self.edit_bloc_button = QPushButton("Sửa khối, quy chế bỏ phiếu…")
        self.projector_button = QPushButton("Trình chiếu")
        self.projector_button.setToolTip("Xếp hạng hoặc kết quả bình chọn bằng chữ lớn trên máy chiếu "
                                         "(F11 toàn màn hình)")
        top = QHBoxLayout()
        for widget in (QLabel("Khối thi đua:"), self.bloc_combo, QLabel("Năm:"), self.year_spin,
                       self.add_bloc_button, self.edit_bloc_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.projector_button)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.pages = LazyTabs(PAGES, self._make_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.pages, 1)
        self.bloc_combo.currentIndexChanged.connect(self._on_bloc)
        self.year_spin.valueChanged.connect(lambda _v: self._context_changed())
        self.add_bloc_button.clicked.connect(self.add_bloc)
        self.edit_bloc_button.clicked.connect(self.edit_bloc)
        self.projector_button.clicked.connect(self.show_projector)
        window.data_changed.connect(self._on_data_changed)

    # --- context --------------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.load_blocs()
        self.pages.build_current()

    def load_blocs(self, select: int | None = None) -> None:
        """Fill the bloc chooser (keeping the choice) and refresh the pages."""
        from tdkt_desktop.db import blocs as blocs_db

        current = select if select is not None else self.bloc_id()
        self.bloc_combo.blockSignals(True)
        self.bloc_combo.clear()
        for bloc in blocs_db.list_blocs(self.db):
            self.bloc_combo.addItem(bloc.name, bloc.id)
        index = self.bloc_combo.findData(current)
        self.bloc_combo.setCurrentIndex(index if index >= 0 else 0)
        self.bloc_combo.blockSignals(False)
        self._on_bloc(adjust_year=select is not None or current is None)

    def bloc_id(self) -> int | None:
        """The chosen bloc's id (None when there is none yet)."""
        return self.bloc_combo.currentData()

    def bloc(self):
        """The chosen bloc (a ``Bloc`` record), or None."""
        from tdkt_desktop.db import blocs as blocs_db

        bloc_id = self.bloc_id()
        return None if bloc_id is None else blocs_db.get_bloc(self.db, bloc_id)

    def year(self) -> int:
        """The chosen year."""
        return self.year_spin.value()

    def _on_bloc(self, *_args, adjust_year: bool = True) -> None:
        from tdkt_desktop.db import blocs as blocs_db

        bloc_id = self.bloc_id()
        if adjust_year and bloc_id is not None:
            year = blocs_db.active_year(self.db, bloc_id)
            if year is not None and year != self.year_spin.value():
                self.year_spin.blockSignals(True)
                self.year_spin.setValue(year)
                self.year_spin.blockSignals(False)
        self._context_changed()

    def _context_changed(self) -> None:
        self.edit_bloc_button.setEnabled(self.bloc_id() is not None)
        self.show_info()
        self.context_changed.emit()
        self.sync_projector()

    def show_info(self) -> None:
        """The year's head and deputy, the theme, and which member is the office."""
        from tdkt_desktop.db import blocs as blocs_db
        from tdkt_desktop.services import blocs as bloc_service

        bloc = self.bloc()
        if bloc is None:
            self.info.setText("Chưa có khối thi đua nào. Bấm “Thêm khối…” để nhập khối, cụm thi đua cơ quan tham gia.")
            return
        year = self.year()
        lead = bloc_service.leaders(self.db, int(bloc.id), year)  # type: ignore[arg-type]
        mine = next((m for m in blocs_db.list_members(self.db, int(bloc.id)) if m.is_self), None)  # type: ignore[arg-type]
        head, deputy = lead.head_name or "chưa ghi", lead.deputy_name or "chưa ghi"
        parts = [f"Năm {year}: Khối trưởng <b>{escape(head)}</b>, Khối phó <b>{escape(deputy)}</b>"]
        if lead.theme:
            parts.append(f"chủ đề “{escape(lead.theme)}”")
        if mine:
            role = " (khối trưởng năm nay)" if mine.id == lead.head_id else (
                " (khối phó năm nay)" if mine.id == lead.deputy_id else "")
            parts.append(f"cơ quan mình: ★ {escape(mine.name)}{role}")
        self.info.setText(" · ".join(parts))

    def _on_data_changed(self, changed) -> None:
        if not self._loaded or not changes.touches(changed, {changes.BLOCS}):
            return
        from tdkt_desktop.db import blocs as blocs_db

        listed = [(self.bloc_combo.itemData(i), self.bloc_combo.itemText(i)) for i in range(self.bloc_combo.count())]
        if listed != [(b.id, b.name) for b in blocs_db.list_blocs(self.db)]:
            self.load_blocs()  # a bloc was added or renamed: the pages follow the chooser
        else:
            self.show_info()  # the pages reload themselves on the same change
            self.sync_projector()

    # --- pages ----------------------------------------------------------------------------------

    def _make_page(self, cls: type) -> QWidget:
        page = cls(self.db, self.main_window, self)
        self.main_window.data_changed.connect(page.refresh)
        self.context_changed.connect(lambda: page.refresh(frozenset({changes.ALL})))
        return page

    def page(self, title: str) -> QWidget:
        """The sub-page with this tab title, built on first request."""
        return self.pages.page(title)

    def write(self, action, *topics: str):
        """One write through the window; None when it failed (the user has already seen why)."""
        try:
            return self.main_window.run_write(action, *(topics or (changes.BLOCS,)))
        except WriteFailed:
            return None

    # --- blocs ----------------------------------------------------------------------------------

    def add_bloc(self) -> None:
        from tdkt_desktop.db.bloc_records import Bloc
        from tdkt_desktop.services import blocs as bloc_service
        from tdkt_desktop.ui.blocs.meeting_dialogs import BlocDialog

        dialog = BlocDialog(Bloc(id=None, name=""), self)
        if dialog.exec():
            bloc_id = self.write(lambda: bloc_service.save_bloc(self.db, dialog.value()))
            if bloc_id is not None:
                self.load_blocs(select=bloc_id)

    def edit_bloc(self) -> None:
        from tdkt_desktop.services import blocs as bloc_service
        from tdkt_desktop.ui.blocs.meeting_dialogs import BlocDialog

        bloc = self.bloc()
        if bloc is None:
            return
        dialog = BlocDialog(bloc, self)
        if dialog.exec():
            self.write(lambda: bloc_service.save_bloc(self.db, dialog.value()))

    # --- projector ------------------------------------------------------------------------------

    def projector_content(self):
        """What the wall shows: the ballot page's selected round, otherwise the ranking."""
        current = self.pages.currentWidget()
        if hasattr(current, "projector_content"):
            return current.projector_content()
        return self.page(SCORES).projector_content()

    def show_projector(self) -> None:
        from tdkt_desktop.ui.common.projector import ProjectorWindow

        if self.bloc_id() is None:
            QMessageBox.information(self, "Trình chiếu", "Chưa có khối thi đua nào để trình chiếu.")
            return
        if self.projector is None:
            self.projector = ProjectorWindow(self, self.projector_content, "Trình chiếu — Khối thi đua")
        self.projector.refresh()
        self.projector.show()
        self.projector.raise_()

    def sync_projector(self) -> None:
        if self.projector is not None and self.projector.isVisible():
            with contextlib.suppress(KeyError):
                self.projector.refresh()
