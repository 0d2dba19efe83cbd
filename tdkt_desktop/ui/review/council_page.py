"""Page "Hội đồng TĐKT": members and roles, attendance and quorum, keyboard vote entry, results, decisions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from tdkt_desktop.db import change_log, review, review_council
from tdkt_desktop.db import settings as settings_db
from tdkt_desktop.errors import UserError
from tdkt_desktop.rules import council as council_rules
from tdkt_desktop.services import council as council_service
from tdkt_desktop.services import rulesets
from tdkt_desktop.text import format_date
from tdkt_desktop.ui.common import changes, working_year
from tdkt_desktop.ui.common.changes import WriteFailed
from tdkt_desktop.ui.common.widgets import LazyPage
from tdkt_desktop.ui.review.council_dialogs import DecideDialog, MeetingDialog, MemberDialog
from tdkt_desktop.ui.review.council_feed import CouncilVerdicts
from tdkt_desktop.ui.review.models import AttendanceModel, CandidateModel, MemberModel
from tdkt_desktop.ui.review.verdict_store import VerdictStore


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setMinimumSectionSize(40)  # a stretched last column may be narrow
    return view


class CouncilPage(CouncilVerdicts, LazyPage, QWidget):
    """Thin composer over ``db.review_council``; every write goes through ``window.run_write``."""

    topics = frozenset({changes.COUNCIL, changes.REVIEW, changes.DECISIONS, changes.RULESETS, changes.STAFF,
                        changes.SETTINGS, changes.WORKING_YEAR})

    def __init__(self, db: Database, window):
        super().__init__()
        self.db = db
        self.main_window = window
        self.projector = None
        self.store: VerdictStore | None = None
        self._next_cell: tuple[int, int] | None = None
        self._seen = 0  # change-log position of what the candidates show

        self.year = QSpinBox()
        self.year.setRange(2017, 2100)
        self.year.setKeyboardTracking(False)
        working_year.show_in(self.year, db)
        self.meeting = QComboBox()
        self.meeting.setMinimumWidth(280)
        self.new_meeting_button = QPushButton("Mở cuộc họp mới…")
        self.secret = QCheckBox("Bỏ phiếu kín")
        self.projector_button = QPushButton("Trình chiếu")
        top = QHBoxLayout()
        for widget in (QLabel("Năm xét:"), self.year, QLabel("Cuộc họp:"), self.meeting, self.new_meeting_button,
                       self.secret, self.projector_button):
            top.addWidget(widget)
        top.addStretch(1)
        self.quorum_label = QLabel()
        self.quorum_label.setStyleSheet("font-weight: bold;")

        self.attendance = AttendanceModel(self)
        self.attendance_view = _table(self.attendance)
        self.attendance_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((110, 145, 50)):  # "Ý kiến" (written opinion) stretches
            self.attendance_view.setColumnWidth(column, width)
        self.members = MemberModel(self)
        self.members_view = _table(self.members)
        self.add_member_button = QPushButton("Thêm thành viên…")
        self.edit_member_button = QPushButton("Sửa…")
        self.remove_member_button = QPushButton("Bỏ khỏi Hội đồng")
        members_box = QWidget()
        members_layout = QVBoxLayout(members_box)
        members_layout.addWidget(self.members_view)
        buttons = QHBoxLayout()
        for b in (self.add_member_button, self.edit_member_button, self.remove_member_button):
            buttons.addWidget(b)
        members_layout.addLayout(buttons)
        left = QTabWidget()
        left.addTab(self.attendance_view, "Điểm danh")
        left.addTab(members_box, "Thành viên")
        self.left_tabs = left

        self.candidates = CandidateModel(self)
        self.candidates_view = _table(self.candidates)
        self.candidates_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        # Fixed widths (short award names) keep every vote column on a 1366 px screen.
        self.candidates_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((130, 95, 100, 142, 55, 90, 88, 95)):
            self.candidates_view.setColumnWidth(column, width)
        self.candidates_view.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        hint = QLabel("Nhập phiếu bằng bàn phím: chọn ô “Đồng ý”, gõ số rồi Enter — con trỏ xuống người tiếp theo.")
        hint.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(hint)
        right_layout.addWidget(self.candidates_view)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([420, 920])

        self.close_button = QPushButton("Kết thúc họp và chốt kết quả")
        self.decide_button = QPushButton("Ra quyết định và lập danh sách trình cấp trên…")
        self.copy_upward_button = QPushButton("Chép danh sách trình cấp trên")
        self.copy_upward_button.setToolTip("Chép danh sách (dạng bảng) để dán vào tờ trình hoặc Excel")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.close_button)
        bottom.addWidget(self.decide_button)
        bottom.addWidget(self.copy_upward_button)
        bottom.addWidget(self.summary, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.quorum_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.year.valueChanged.connect(self._on_year)
        self.meeting.currentIndexChanged.connect(self._fill_meeting)
        self.new_meeting_button.clicked.connect(self.new_meeting)
        self.secret.toggled.connect(self._on_secret)
        self.projector_button.clicked.connect(self.show_projector)
        self.add_member_button.clicked.connect(self._add_member)
        self.edit_member_button.clicked.connect(self._edit_member)
        self.remove_member_button.clicked.connect(self._remove_member)
        self.attendance.changed.connect(self._on_attendance)
        self.candidates.vote_edited.connect(self._on_vote)
        self.close_button.clicked.connect(self.close_meeting)
        self.decide_button.clicked.connect(self.decide)
        self.copy_upward_button.clicked.connect(self.copy_upward)
        # LazyPage: loaded when first shown, like the review page.

    # --- refresh ------------------------------------------------------------------------------

    def current_meeting_id(self) -> int | None:
        return self.meeting.currentData()

    def wants_reload_now(self) -> bool:
        """Visible, or shown on the projector."""
        return self.isVisible() or bool(self.projector and self.projector.isVisible())

    def _on_year(self, year: int) -> None:
        if year == working_year.current(self.db) or not working_year.choose(self.main_window, self.db, year):
            self.reload()

    def reload(self) -> None:
        """Reload members, the year's meetings and the selected meeting."""
        self._stale = False
        working_year.show_in(self.year, self.db)
        if self.store is None:
            self.store = VerdictStore.of(self.main_window)
            self.store.changed.connect(self._on_store)
            self.store.busy_changed.connect(self.candidates.set_judging)
        self.members.set_rows(review_council.list_members(self.db))
        current = self.current_meeting_id()
        self.meeting.blockSignals(True)
        self.meeting.clear()
        for m in review_council.meetings(self.db, self.year.value()):
            state = "đang họp" if m.status == "dang_hop" else "đã kết thúc"
            self.meeting.addItem(f"Ngày {format_date(m.held_on)} ({state})", m.id)
        index = self.meeting.findData(current)
        self.meeting.setCurrentIndex(index if index >= 0 else 0)
        self.meeting.blockSignals(False)
        self._fill_meeting()

    def _fill_meeting(self) -> None:
        meeting_id = self.current_meeting_id()
        if meeting_id is None:
            self.attendance.set_rows([])
            self.candidates.set_rows([])
            self.quorum_label.setText("Chưa có cuộc họp nào của năm này. Bấm “Mở cuộc họp mới…”.")
            for w in (self.secret, self.close_button, self.decide_button, self.copy_upward_button):
                w.setEnabled(False)
            self.summary.setText("")
            self._sync_projector()
            return
        meeting = review_council.get_meeting(self.db, meeting_id)
        is_open = meeting.status == "dang_hop"
        self._seen = change_log.position(self.db)
        try:
            # Verdicts come from the window's store, judged off the GUI thread: a vote typed during the
            # meeting never waits for an evaluation, and the "Điều kiện" column fills in when they arrive.
            self.store.ensure(meeting.year)
            state = self._verdicts()
            rs = state.ruleset if state is not None else rulesets.ruleset_for_year(self.db, meeting.year)
        except UserError as exc:
            self.quorum_label.setText(str(exc))
            return
        self.attendance.editable = is_open
        self.attendance.set_rows(review_council.attendance(self.db, meeting_id))
        self.candidates.editable = is_open
        self.candidates.set_rows(council_service.candidates(self.db, meeting_id, rs, state))
        # The candidates on screen are judged first (the list starts with them).
        self.store.prioritize([c.proposal.staff_id for c in self.candidates.records()[:60] if c.proposal.staff_id])
        present, written, total = review_council.head_count(self.db, meeting_id)
        quorum = council_rules.quorum(rs, present, total)
        extra = f"; {written} ý kiến bằng văn bản" if written else ""
        self.quorum_label.setText(quorum.text + extra + ".")
        self.quorum_label.setStyleSheet("font-weight: bold; color: %s;" % ("#1b5e20" if quorum.met else "#b00020"))
        self.secret.blockSignals(True)
        self.secret.setChecked(meeting.secret_ballot)
        self.secret.blockSignals(False)
        self.secret.setEnabled(is_open)
        self.close_button.setEnabled(is_open)
        self._after_candidates()

    def _after_candidates(self) -> None:
        """Buttons, the summary line and the next vote cell once the candidates are shown."""
        meeting = review_council.get_meeting(self.db, self.current_meeting_id())
        is_open = meeting.status == "dang_hop"
        rows = self.candidates.records()
        decidable = any(c.proposal.status == "dat" for c in rows)
        self.decide_button.setEnabled(not is_open and decidable)
        passed = sum(1 for c in rows if c.passed)
        upward = [c for c in rows if c.proposal.status == "trinh_cap_tren"]
        decided = sum(1 for c in rows if c.proposal.status == "da_quyet_dinh")
        text = f"{len(rows)} đề nghị · {sum(1 for c in rows if c.voted)} đã biểu quyết · {passed} đạt"
        if decided or upward:
            text += f" · {decided} đã có quyết định · {len(upward)} trình cấp trên"
        self.copy_upward_button.setEnabled(bool(upward))
        if upward:
            text += ": " + "; ".join(f"{c.proposal.name} ({c.proposal.award_name})" for c in upward[:6])
        self.summary.setText(text)
        if self._next_cell:
            row, column = self._next_cell
            self._next_cell = None
            last = self.candidates.rowCount() - 1
            if last >= 0:  # after the last candidate, stay on it
                self.candidates_view.setCurrentIndex(self.candidates.index(min(row, last), column))
            self.candidates_view.setFocus()
        self._sync_projector()

    def _sync_projector(self) -> None:
        if self.projector is not None:
            self.projector.refresh()

    # --- writes -------------------------------------------------------------------------------

    def _write(self, action, *topics: str):
        """One write through the window, returning its result; None when it failed (the user has seen why)."""
        try:
            return self.main_window.run_write(action, *(topics or (changes.COUNCIL,)))
        except WriteFailed:
            return None

    def new_meeting(self) -> None:
        dialog = MeetingDialog(self.year.value(), self)
        if not dialog.exec():
            return
        created = self._write(lambda: review_council.open_meeting(self.db, dialog.value()))
        if created is not None:
            self.meeting.setCurrentIndex(self.meeting.findData(created))

    def _on_secret(self, checked: bool) -> None:
        meeting_id = self.current_meeting_id()
        if meeting_id is not None:
            self._write(lambda: review_council.set_secret_ballot(self.db, meeting_id, checked))

    def _on_attendance(self, member_id: int, present: bool, written: bool) -> None:
        meeting_id = self.current_meeting_id()
        QTimer.singleShot(0, lambda: self._write(
            lambda: review_council.set_attendance(self.db, meeting_id, member_id, present, written)))

    def _on_vote(self, row: int, proposal_id: int, votes_for: int, against: int, invalid: int) -> None:
        """Save after the editor has closed (never reset the model inside setData), then move down."""
        meeting_id = self.current_meeting_id()
        column = self.candidates_view.currentIndex().column()

        def save():
            self._next_cell = (row + 1, column)
            try:
                self.main_window.run_write(
                    lambda: review_council.record_vote(self.db, meeting_id, proposal_id, votes_for, against, invalid),
                    changes.COUNCIL)
            except WriteFailed:
                self._next_cell = None

        QTimer.singleShot(0, save)

    def selected_member(self):
        index = self.members_view.currentIndex()
        return self.members.record(index.row()) if index.isValid() else None

    def _add_member(self) -> None:
        dialog = MemberDialog(parent=self)
        if dialog.exec():
            self._write(lambda: review_council.save_member(self.db, dialog.value()))

    def _edit_member(self) -> None:
        member = self.selected_member()
        if member is None:
            return
        dialog = MemberDialog(member, self)
        if dialog.exec():
            self._write(lambda: review_council.save_member(self.db, dialog.value()))

    def _remove_member(self) -> None:
        member = self.selected_member()
        if member is None:
            return
        answer = QMessageBox.question(self, "Hội đồng", f"Bỏ {member.full_name} khỏi Hội đồng?")
        if answer == QMessageBox.StandardButton.Yes:
            self._write(lambda: review_council.remove_member(self.db, member.id))

    def close_meeting(self) -> None:
        meeting_id = self.current_meeting_id()
        if meeting_id is None:
            return
        counts = self._write(lambda: council_service.close_meeting(self.db, meeting_id),
                             changes.COUNCIL, changes.REVIEW)
        if counts is not None:
            self.main_window.statusBar().showMessage(
                f"Đã chốt kết quả: {counts['dat']} đạt, {counts['khong_dat']} không đạt.", 8000)

    def decide(self) -> None:
        meeting_id = self.current_meeting_id()
        if meeting_id is None:
            return
        meeting = review_council.get_meeting(self.db, meeting_id)
        rs = rulesets.ruleset_for_year(self.db, meeting.year)
        office = set(rs.data["council"]["office_decides"])
        passed = [c.proposal for c in self.candidates.records() if c.proposal.status == "dat"]
        local = sorted({p.award_name for p in passed if p.award_type in office})
        upward = [p for p in passed if p.award_type not in office]
        summary = (
            f"Giám đốc quyết định: {', '.join(local) or 'không có'} "
            f"({sum(1 for p in passed if p.award_type in office)} lượt, mỗi danh hiệu một quyết định kèm danh sách).\n"
            f"Trình cấp trên: {len(upward)} đề nghị."
        )
        symbol = settings_db.get_settings(self.db).document_symbol
        dialog = DecideDialog(summary, review.next_decision_number(self.db, dt.date.today().year), symbol, self)
        if not dialog.exec():
            return
        issued_on, number = dialog.value()
        result = self._write(lambda: council_service.create_decisions(self.db, meeting_id, issued_on, number),
                             changes.COUNCIL, changes.REVIEW, changes.DECISIONS)
        if result is not None:
            QMessageBox.information(
                self, "Đã ra quyết định",
                f"Đã tạo {len(result['decisions'])} quyết định với {result['awards']} lượt khen thưởng; "
                f"{len(result['upward'])} đề nghị trình cấp trên.",
            )

    def copy_upward(self) -> None:
        """Put the upward list on the clipboard (tab-separated, pastes as a table)."""

        from PySide6.QtWidgets import QApplication

        QApplication.clipboard().setText(review.upward_table(self.db, self.year.value()))
        self.main_window.statusBar().showMessage("Đã chép danh sách trình cấp trên.", 5000)

    def show_projector(self) -> None:
        from tdkt_desktop.ui.common.projector import ProjectorWindow

        if self.projector is None:
            self.projector = ProjectorWindow(self)
        self.projector.refresh()
        self.projector.show()
        self.projector.raise_()
