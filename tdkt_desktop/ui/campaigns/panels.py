"""Campaign sub-pages: goals and checklist with the participating units; progress notes with evidence; awards."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tdkt_desktop.db import campaign_notes as notes_db
from tdkt_desktop.db import campaigns as campaigns_db
from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.errors import UserError
from tdkt_desktop.ui.awards.models import DecisionAwardsModel, DecisionTableModel
from tdkt_desktop.ui.campaigns.models import CriteriaModel, EvidenceModel, NoteModel
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.changes import WriteFailed
from tdkt_desktop.ui.common.table_model import RecordRole
from tdkt_desktop.ui.common.widgets import LazyPage, setup_table, write_from_dialog


class _Panel(LazyPage, QWidget):
    """A sub-page of one campaign: ``campaign_id`` is set by the page; writes go through the window."""

    topics = frozenset({changes.CAMPAIGNS})

    def __init__(self, db, window, page):
        super().__init__()
        self.db, self.main_window, self.page = db, window, page
        self.campaign_id: int | None = None

    def write(self, action, *topics: str):
        """One write through the window; None when it failed (the user has seen why)."""
        try:
            return self.main_window.run_write(action, *(topics or (changes.CAMPAIGNS,)))
        except WriteFailed:
            return None

    def write_dialog(self, dialog, save, *topics: str):
        """``dialog`` until ``save(dialog.value())`` is written (its result) or cancelled (None); see
        :func:`write_from_dialog`. Topics as :meth:`write`."""
        return write_from_dialog(self.main_window, dialog, save, *(topics or (changes.CAMPAIGNS,)))

    def write_if_confirmed(self, title: str, question: str, action, *topics: str) -> None:
        """Ask ``question``; on Yes, ``action`` is one write through the window (as :meth:`write`)."""
        if QMessageBox.question(self, title, question) == QMessageBox.StandardButton.Yes:
            self.write(action, *topics)


def _selected(view: QTableView) -> list:
    return [i.data(RecordRole) for i in view.selectionModel().selectedRows()]


def _current(view: QTableView):
    """The first selected record of ``view``, or None."""
    rows = _selected(view)
    return rows[0] if rows else None


class GoalsPanel(_Panel):
    """Goals text, the office's checklist (tick what is met) and the participating units."""

    topics = frozenset({changes.CAMPAIGNS, changes.UNITS})

    def __init__(self, db, window, page):
        super().__init__(db, window, page)
        self.goals = QLabel()
        self.goals.setWordWrap(True)
        self.criteria = CriteriaModel(self)
        self.criteria.toggled.connect(self._on_toggled)
        self.criteria_view = QTableView()
        setup_table(self.criteria_view, self.criteria, sortable=False)
        self.progress = QLabel()
        self.units = QLabel()
        self.units.setWordWrap(True)
        self.edit_button = QPushButton("Sửa mục tiêu, tiêu chí, đơn vị…")
        self.edit_button.clicked.connect(lambda: page.edit())
        goals_box = QGroupBox("Mục đích, yêu cầu")
        QVBoxLayout(goals_box).addWidget(self.goals)
        criteria_box = QGroupBox("Tiêu chí, chỉ tiêu thi đua (đánh dấu khi đạt)")
        cl = QVBoxLayout(criteria_box)
        cl.addWidget(self.criteria_view, 1)
        cl.addWidget(self.progress)
        units_box = QGroupBox("Đơn vị tham gia")
        QVBoxLayout(units_box).addWidget(self.units)
        right = QVBoxLayout()
        right.addWidget(units_box)
        right.addStretch(1)
        right.addWidget(self.edit_button)
        body = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(goals_box)
        left.addWidget(criteria_box, 1)
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        QVBoxLayout(self).addLayout(body)

    def reload(self) -> None:
        c = campaigns_db.get_campaign(self.db, self.campaign_id)
        self.goals.setText(c.goals or "(chưa ghi mục đích, yêu cầu)")
        items = campaigns_db.list_criteria(self.db, self.campaign_id)
        self.criteria.set_rows(items)
        done = sum(i.done for i in items)
        self.progress.setText(f"Đã đạt {done}/{len(items)} tiêu chí." if items else "Chưa có tiêu chí nào.")
        units = campaigns_db.campaign_units(self.db, self.campaign_id)
        self.units.setText("<br>".join(f"• {u.name}" for u in units) or "(chưa chọn đơn vị nào)")

    def _on_toggled(self, criterion_id: int, done: bool) -> None:
        self.write(lambda: campaigns_db.set_criterion_done(self.db, criterion_id, done))


class NotesPanel(_Panel):
    """Dated progress notes; the selected note's evidence files open with the system viewer."""

    def __init__(self, db, window, page):
        super().__init__(db, window, page)
        self.notes = NoteModel(self)
        self.notes_view = QTableView()
        setup_table(self.notes_view, self.notes)
        self.notes_view.setColumnWidth(0, 95)
        self.notes_view.setColumnWidth(1, 520)
        self.notes_view.selectionModel().selectionChanged.connect(lambda *_: self._show_files())
        self.files = EvidenceModel(self)
        self.files_view = QTableView()
        setup_table(self.files_view, self.files)
        self.files_view.setColumnWidth(0, 280)
        self.files_view.doubleClicked.connect(lambda _: self.open_file())
        self.add_button = QPushButton("Thêm ghi chép, minh chứng…")
        self.open_button = QPushButton("Mở tệp")
        self.delete_button = QPushButton("Xóa ghi chép")
        buttons = QHBoxLayout()
        for button, slot in ((self.add_button, self.add_note), (self.open_button, self.open_file),
                             (self.delete_button, self.delete_note)):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        split = QSplitter()
        split.addWidget(self.notes_view)
        files = QWidget()
        fl = QVBoxLayout(files)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addWidget(QLabel("Tệp minh chứng của ghi chép đã chọn (nhấp đúp để mở):"))
        fl.addWidget(self.files_view, 1)
        split.addWidget(files)
        split.setSizes([760, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

    def reload(self) -> None:
        keep = self.current_note()
        self.notes.set_rows(notes_db.list_notes(self.db, self.campaign_id))
        row = self.notes.row_of(lambda n: keep is not None and n.id == keep.id)
        self.notes_view.selectRow(max(row, 0)) if self.notes.rowCount() else self._show_files()

    def current_note(self):
        return _current(self.notes_view)

    def _show_files(self) -> None:
        note = self.current_note()
        self.files.set_rows(list(note.files) if note else [])

    def add_note(self) -> None:
        from tdkt_desktop.services import campaigns as service
        from tdkt_desktop.ui.campaigns.small_dialogs import NoteDialog

        new_id = self.write_dialog(NoteDialog(self),
                                   lambda value: service.add_progress_note(self.db, self.campaign_id, *value))
        if new_id is not None:
            row = self.notes.row_of(lambda n: n.id == new_id)
            if row >= 0:
                self.notes_view.selectRow(row)

    def open_file(self) -> None:
        """Open the selected evidence with the program the system uses for that kind of file."""
        from tdkt_desktop.services import campaigns as service

        rows = _selected(self.files_view) or self.files.records()[:1]
        if not rows:
            QMessageBox.information(self, "Mở tệp", "Ghi chép này chưa có tệp minh chứng.")
            return
        try:
            path = service.evidence_path(self.db, rows[0])
        except UserError as exc:
            QMessageBox.warning(self, "Không mở được tệp", str(exc))
            return
        self.opened = path  # what was asked for (tests read it; offscreen has no viewer)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def delete_note(self) -> None:
        from tdkt_desktop.services import campaigns as service

        note = self.current_note()
        if note is not None:
            self.write_if_confirmed("Xóa ghi chép", f"Xóa ghi chép ngày {note.noted_on:%d/%m/%Y} và "
                                    f"{len(note.files)} tệp minh chứng kèm theo?",
                                    lambda: service.delete_progress_note(self.db, note.id))


class AwardsPanel(_Panel):
    """Decisions made for the campaign and their award lines; link an existing decision; see the register."""

    topics = frozenset({changes.CAMPAIGNS, changes.DECISIONS, changes.STAFF, changes.UNITS})

    def __init__(self, db, window, page):
        super().__init__(db, window, page)
        self.decisions = DecisionTableModel(self)
        self.decisions_view = QTableView()
        setup_table(self.decisions_view, self.decisions)
        for column, width in ((0, 140), (1, 95), (2, 260), (3, 140), (4, 60)):
            self.decisions_view.setColumnWidth(column, width)
        self.decisions_view.selectionModel().selectionChanged.connect(lambda *_: self._show_lines())
        self.lines = DecisionAwardsModel(self)
        self.lines_view = QTableView()
        setup_table(self.lines_view, self.lines)
        for column, width in ((0, 45), (1, 220), (2, 65), (3, 260), (4, 260), (5, 55)):
            self.lines_view.setColumnWidth(column, width)
        self.summary = QLabel()
        self.register_button = QPushButton("Xem trong Sổ khen thưởng")
        self.link_button = QPushButton("Gắn quyết định có sẵn…")
        self.unlink_button = QPushButton("Bỏ gắn quyết định")
        self.print_button = QPushButton("In quyết định")
        buttons = QHBoxLayout()
        for button, slot in ((self.register_button, self.show_in_register), (self.link_button, self.link),
                             (self.unlink_button, self.unlink), (self.print_button, self.print_decision)):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.decisions_view)
        split.addWidget(self.lines_view)
        split.setSizes([180, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

    def reload(self) -> None:
        keep = self.current_decision()
        items = campaigns_db.campaign_decisions(self.db, self.campaign_id)
        self.decisions.set_rows(items)
        total = sum(d.award_count for d in items)
        self.summary.setText(f"{len(items)} quyết định, {total} lượt khen thưởng theo phong trào này."
                             if items else "Chưa có quyết định khen thưởng nào theo phong trào này. Quyết định "
                             "được tạo từ đợt tổng kết (trang “Sơ kết, tổng kết”) hoặc gắn quyết định có sẵn.")
        row = self.decisions.row_of(lambda d: keep is not None and d.id == keep.id)
        if items:
            self.decisions_view.selectRow(max(row, 0))
        else:
            self._show_lines()

    def current_decision(self):
        return _current(self.decisions_view)

    def _show_lines(self) -> None:
        d = self.current_decision()
        self.lines.set_rows(decisions_db.awards_of_decision(self.db, d.id) if d else [])

    def show_in_register(self) -> None:
        """The awards register, filtered by this campaign."""
        titles = self.main_window.titles_tab
        register = titles.page("Sổ khen thưởng")
        self.main_window.tabs.setCurrentWidget(titles)
        titles.pages.setCurrentWidget(register)
        register.set_filters(campaign_id=self.campaign_id)

    def link(self) -> None:
        """Record that an existing decision (not yet tied to a campaign) was made for this one."""
        from tdkt_desktop.ui.printing.choosers import DecisionChooser

        free = [d for d in decisions_db.list_decisions(self.db) if d.campaign_id is None]
        if not free:
            QMessageBox.information(self, "Gắn quyết định", "Mọi quyết định đều đã gắn với một phong trào.")
            return
        dialog = DecisionChooser(free, "Chọn quyết định khen thưởng theo phong trào này", self)
        if dialog.exec() and dialog.decision() is not None:
            chosen = dialog.decision().id
            self.write(lambda: campaigns_db.link_decision(self.db, self.campaign_id, chosen),
                       changes.CAMPAIGNS, changes.DECISIONS)

    def unlink(self) -> None:
        d = self.current_decision()
        if d is not None:
            self.write_if_confirmed("Bỏ gắn quyết định", f"Quyết định số {d.number} không còn tính là khen thưởng "
                                    "theo phong trào này (quyết định vẫn giữ nguyên)?",
                                    lambda: campaigns_db.unlink_decision(self.db, d.id),
                                    changes.CAMPAIGNS, changes.DECISIONS)

    def print_decision(self) -> None:
        from tdkt_desktop.ui.printing.actions import preview_decision

        d = self.current_decision()
        if d is not None:
            preview_decision(self.main_window, d.id)

