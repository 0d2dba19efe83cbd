"""Page "Bình chọn": ballots of a meeting — ballots issued per member, the officer's count, results, ties."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tdkt_desktop.db import bloc_meetings as meetings_db
from tdkt_desktop.db import blocs as blocs_db
from tdkt_desktop.services import blocs as bloc_service
from tdkt_desktop.services.blocs import RoundResult
from tdkt_desktop.text import format_date
from tdkt_desktop.ui.blocs.meeting_dialogs import RoundDialog
from tdkt_desktop.ui.blocs.models import CandidateModel, RoundModel, VoterModel, VoterRow
from tdkt_desktop.ui.blocs.page import BlocPage, edit_on_typing, file_slug, fit_columns
from tdkt_desktop.ui.common.widgets import setup_table
from tdkt_desktop.vocabulary import BLOC_MEETING_KINDS


def _spin() -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 999)
    return box


class VotesPage(BlocPage):
    """Rounds on the left, the count and results in the middle, the ballots issued on the right."""

    def __init__(self, db, window, tab):
        super().__init__(db, window, tab)
        self.pending: dict[int, int] = {}  # votes typed but not saved yet (member id → votes)
        self.result: RoundResult | None = None
        self.meeting = QComboBox()
        self.meeting.setMinimumWidth(300)
        self.add_round_button = QPushButton("Thêm lượt bình chọn…")
        self.delete_round_button = QPushButton("Xóa lượt")
        self.proposal_button = QPushButton("In tờ trình đề nghị Cờ thi đua…")
        top = QHBoxLayout()
        for w in (QLabel("Hội nghị:"), self.meeting, self.add_round_button, self.delete_round_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.proposal_button)

        self.rounds = RoundModel(self)
        self.rounds_view = QTableView()
        setup_table(self.rounds_view, self.rounds, sortable=False)
        fit_columns(self.rounds_view, 0)
        self.rule_label, self.summary_label = QLabel(), QLabel()
        for label in (self.rule_label, self.summary_label):
            label.setWordWrap(True)
        self.candidates = CandidateModel(self)
        self.candidates_view = QTableView()
        setup_table(self.candidates_view, self.candidates, sortable=False)
        self.candidates_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        edit_on_typing(self.candidates_view)
        fit_columns(self.candidates_view, 0)
        self.counted, self.valid, self.invalid = _spin(), _spin(), _spin()
        self.save_count_button = QPushButton("Lưu kết quả kiểm phiếu")
        self.clear_count_button = QPushButton("Xóa kết quả kiểm phiếu")
        self.close_button = QPushButton("Chốt kết quả")
        self.revote_button = QPushButton("Bỏ phiếu lại (bằng phiếu)")
        self.revote_button.setToolTip("Mở vòng mới chỉ giữa các đơn vị bằng phiếu ở vị trí cuối, cho số suất còn lại")
        count_row = QHBoxLayout()
        for label, box in (("Phiếu thu về:", self.counted), ("Hợp lệ:", self.valid), ("Không hợp lệ:", self.invalid)):
            count_row.addWidget(QLabel(label))
            count_row.addWidget(box)
        count_row.addStretch(1)
        actions = QHBoxLayout()
        for w in (self.save_count_button, self.clear_count_button, self.close_button, self.revote_button):
            actions.addWidget(w)
        actions.addStretch(1)
        middle = QGroupBox("Kiểm phiếu (gõ số phiếu của từng đơn vị, Enter để xuống dòng)")
        middle_layout = QVBoxLayout(middle)
        for w in (self.rule_label, self.candidates_view, self.summary_label):
            middle_layout.addWidget(w, 1 if w is self.candidates_view else 0)
        middle_layout.addLayout(count_row)
        middle_layout.addLayout(actions)

        self.voters = VoterModel(self)
        self.voters_view = QTableView()
        setup_table(self.voters_view, self.voters, sortable=False)
        fit_columns(self.voters_view, 0)
        self.issue_button = QPushButton("Phát phiếu cho đơn vị có mặt")
        right = QGroupBox("Phát phiếu (mỗi đơn vị một phiếu)")
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.voters_view)
        right_layout.addWidget(self.issue_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.rounds_view)
        splitter = QSplitter()
        for w in (left, middle, right):
            splitter.addWidget(w)
        splitter.setSizes([270, 690, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.meeting.currentIndexChanged.connect(lambda _i: self._fill_meeting())
        self.rounds_view.selectionModel().currentRowChanged.connect(lambda *_a: self._show_round())
        self.add_round_button.clicked.connect(self.add_round)
        self.delete_round_button.clicked.connect(self.delete_round)
        self.candidates.vote_typed.connect(self._on_vote)
        self.voters.edited.connect(self._on_ballot)
        self.issue_button.clicked.connect(self.issue_to_present)
        self.save_count_button.clicked.connect(self.save_count)
        self.clear_count_button.clicked.connect(self.clear_count)
        self.close_button.clicked.connect(self.close_round)
        self.revote_button.clicked.connect(self.revote)
        self.proposal_button.clicked.connect(self.print_proposal)

    # --- reading --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Meetings of the year (the year-end review first chosen), then the selected meeting's rounds."""
        self._stale = False
        bloc_id = self.tab.bloc_id()
        current = self.meeting.currentData()
        meetings = meetings_db.list_meetings(self.db, bloc_id, self.tab.year()) if bloc_id is not None else []
        self.meeting.blockSignals(True)
        self.meeting.clear()
        for m in meetings:
            self.meeting.addItem(f"{BLOC_MEETING_KINDS[m.kind]} — {format_date(m.held_on)}", m.id)
        index = self.meeting.findData(current)
        if index < 0:
            year_end = [i for i, m in enumerate(meetings) if m.kind == "tong_ket"]
            index = year_end[-1] if year_end else len(meetings) - 1
        self.meeting.setCurrentIndex(index)
        self.meeting.blockSignals(False)
        self._fill_meeting()

    def _fill_meeting(self) -> None:
        meeting_id = self.meeting.currentData()
        self.add_round_button.setEnabled(meeting_id is not None)
        current = self.result.round.id if self.result else None
        rows = ([bloc_service.round_result(self.db, r.id) for r in meetings_db.list_rounds(self.db, meeting_id)]
                if meeting_id is not None else [])
        self.rounds.set_rows(rows)
        row = self.rounds.row_of(lambda r: r.round.id == current)
        if rows:
            self.rounds_view.selectRow(row if row >= 0 else 0)
        self._show_round()

    def _show_round(self) -> None:
        index = self.rounds_view.currentIndex()
        self.result = self.rounds.record(index.row()) if index.isValid() else None
        self.pending = {}
        result = self.result
        is_open = bool(result and result.round.status == "mo")
        counted = bool(result and result.tally is not None)
        for w in (self.delete_round_button, self.save_count_button, self.issue_button, self.counted, self.valid,
                  self.invalid):
            w.setEnabled(is_open)
        self.clear_count_button.setEnabled(is_open and counted)
        self.close_button.setEnabled(is_open and counted)
        self.revote_button.setEnabled(bool(result and result.tally and result.tally.undecided))
        self.candidates.editable = is_open
        self.voters.editable = is_open
        if result is None:
            self.rule_label.setText("Chưa có lượt bình chọn nào. Bấm “Thêm lượt bình chọn…”."
                                    if self.meeting.currentData() is not None else
                                    f"Năm {self.tab.year()} chưa có hội nghị: thêm hội nghị ở trang “Hội nghị”.")
            self.summary_label.setText("")
            self.candidates.set_rows([])
            self.voters.set_rows([])
            self.tab.sync_projector()
            return
        self.rule_label.setText(f"<b>{result.label}</b> — nguyên tắc: {result.rule.describe()}; "
                                f"mỗi phiếu chọn tối đa {result.round.max_choices} đơn vị.")
        self.summary_label.setText(result.summary)
        self.candidates.set_rows(list(result.candidates))
        issued = result.count.issued
        for box, value in ((self.counted, result.round.counted), (self.valid, result.round.valid),
                           (self.invalid, result.round.invalid)):
            box.setValue(value if value is not None else (0 if box is self.invalid else issued))
        held = {v.member_id: v.mode for v in meetings_db.voters(self.db, result.round.id)}
        self.voters.set_rows([VoterRow(a.member_id, a.member_name, a.present, held.get(a.member_id))
                              for a in meetings_db.attendance(self.db, result.round.meeting_id)])
        self.tab.sync_projector()

    def projector_content(self):
        """The selected ballot's candidates and result in large type."""
        from tdkt_desktop.ui.common.projector import ProjectorContent

        if self._stale:
            self.reload()
        bloc = self.tab.bloc()
        title = f"{bloc.name.upper() if bloc else ''}\n{self.meeting.currentText().upper()}"
        if self.result is None:
            return ProjectorContent(title=title, note="Chưa có lượt bình chọn.", model_class=CandidateModel)
        note = f"{self.result.label}: {self.result.rule.describe()}. {self.result.summary}"
        return ProjectorContent(title=title, note=note, model_class=CandidateModel,
                                rows=self.candidates.records(), stretch_column=0,
                                note_color="#8a5a00" if self.result.tally and self.result.tally.undecided else "")

    # --- writing --------------------------------------------------------------------------------

    def add_round(self) -> None:
        meeting_id, bloc = self.meeting.currentData(), self.tab.bloc()
        if meeting_id is None or bloc is None:
            return
        dialog = RoundDialog(blocs_db.list_members(self.db, bloc.id), bloc.level, bloc_service.vote_rules(bloc), self)
        if dialog.exec():
            v = dialog.value()
            created = self.write(lambda: bloc_service.open_round(self.db, meeting_id, v["kind"], v["candidate_ids"],
                                                                  seats=v["seats"], secret=v["secret"]))
            if created is not None:
                self.rounds_view.selectRow(self.rounds.row_of(lambda r: r.round.id == created))

    def delete_round(self) -> None:
        if self.result is None:
            return
        answer = QMessageBox.question(self, "Bình chọn", f"Xóa lượt “{self.result.label}” cùng phiếu đã phát?")
        if answer == QMessageBox.StandardButton.Yes:
            self.write(lambda: meetings_db.delete_round(self.db, self.result.round.id))

    def _on_vote(self, member_id: int, votes: int) -> None:
        """Keep the typed number and move down; the count is saved with "Lưu kết quả kiểm phiếu"."""
        self.pending[member_id] = votes
        row = self.candidates_view.currentIndex().row()

        def show() -> None:
            self.candidates.set_rows([dataclasses.replace(c, votes=self.pending.get(c.member_id, c.votes), status="",
                                                          share="", rank=None, tied=False)
                                      if c.member_id in self.pending else c for c in self.candidates.records()])
            last = self.candidates.rowCount() - 1
            self.candidates_view.setCurrentIndex(self.candidates.index(min(row + 1, last), CandidateModel.VOTES))
            self.candidates_view.setFocus()
            self.summary_label.setText("Có số phiếu chưa lưu: bấm “Lưu kết quả kiểm phiếu”.")

        QTimer.singleShot(0, show)

    def save_count(self) -> None:
        if self.result is None:
            return
        votes = {c.member_id: c.votes for c in self.candidates.records()}
        round_id = self.result.round.id
        counted, valid, invalid = self.counted.value(), self.valid.value(), self.invalid.value()
        self.write(lambda: bloc_service.record_count(self.db, round_id, counted, valid, invalid, votes))

    def clear_count(self) -> None:
        if self.result is not None:
            self.write(lambda: bloc_service.clear_count(self.db, self.result.round.id))

    def _on_ballot(self, _row: int, record: VoterRow, _field: str, checked) -> None:
        round_id = self.result.round.id if self.result else None
        if round_id is None:
            return

        def action() -> None:
            if checked:  # present members vote in the room; absent ones send a written ballot
                mode = "truc_tiep" if record.present else "van_ban"
                meetings_db.issue_ballot(self.db, round_id, record.member_id, mode)
            else:
                meetings_db.withdraw_ballot(self.db, round_id, record.member_id)

        QTimer.singleShot(0, lambda: self.write(action))

    def issue_to_present(self) -> None:
        if self.result is not None:
            round_id = self.result.round.id
            self.write(lambda: bloc_service.issue_to_present(self.db, round_id))

    def close_round(self) -> None:
        if self.result is None:
            return
        closed = self.write(lambda: bloc_service.close_round(self.db, self.result.round.id))
        if closed is not None:
            self.main_window.statusBar().showMessage(f"Đã chốt: {closed.summary}", 10000)

    def revote(self) -> None:
        if self.result is None:
            return
        created = self.write(lambda: bloc_service.revote(self.db, self.result.round.id))
        if created is not None:
            self.rounds_view.selectRow(self.rounds.row_of(lambda r: r.round.id == created))

    def print_proposal(self) -> None:
        from tdkt_desktop.reports.bloc_proposal import render_bloc_proposal
        from tdkt_desktop.services.bloc_documents import proposal_for

        bloc, year = self.tab.bloc(), self.tab.year()
        if bloc is None:
            return
        self.preview(lambda: render_bloc_proposal(proposal_for(self.db, bloc, year)),
                     f"Tờ trình đề nghị tặng Cờ thi đua năm {year}",
                     f"to-trinh-co-thi-dua-{year}-{file_slug(bloc.name)}.pdf")
