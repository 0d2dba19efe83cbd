"""Page "Hội nghị": the year's meetings; for the selected one its details, attendance and minutes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from html import escape

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tdkt_desktop.db import bloc_meetings as meetings_db
from tdkt_desktop.db import blocs as blocs_db
from tdkt_desktop.db.bloc_records import BlocMeeting, MeetingAttendance
from tdkt_desktop.text import format_date
from tdkt_desktop.ui.blocs.meeting_dialogs import MeetingDialog
from tdkt_desktop.ui.blocs.models import AttendanceModel, MeetingModel
from tdkt_desktop.ui.blocs.page import BlocPage, edit_on_typing, file_slug, fit_columns
from tdkt_desktop.ui.common.widgets import setup_table
from tdkt_desktop.vocabulary import BLOC_MEETING_KINDS


class MeetingsPage(BlocPage):
    """Meetings on the left; details and attendance (present, representative, position) on the right."""

    def __init__(self, db, window, tab):
        super().__init__(db, window, tab)
        self.meetings = MeetingModel(self)
        self.meetings_view = QTableView()
        setup_table(self.meetings_view, self.meetings, sortable=False)
        fit_columns(self.meetings_view, 2)
        self.add_button = QPushButton("Thêm hội nghị…")
        self.edit_button = QPushButton("Sửa…")
        self.delete_button = QPushButton("Xóa")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.meetings_view)
        buttons = QHBoxLayout()
        for w in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)

        self.details = QTextBrowser()
        self.details.setMaximumHeight(170)
        self.attendance = AttendanceModel(self)
        self.attendance_view = QTableView()
        setup_table(self.attendance_view, self.attendance, sortable=False)
        edit_on_typing(self.attendance_view)
        self.attendance_view.setColumnWidth(0, 300)
        self.attendance_view.setColumnWidth(1, 64)
        self.attendance_view.setColumnWidth(2, 290)
        self.minutes_button = QPushButton("In biên bản hội nghị…")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details)
        right_layout.addWidget(self.attendance_view, 1)
        right_layout.addWidget(self.minutes_button)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([420, 920])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(splitter)

        self.add_button.clicked.connect(self.add_meeting)
        self.edit_button.clicked.connect(self.edit_meeting)
        self.meetings_view.doubleClicked.connect(lambda _i: self.edit_meeting())
        self.delete_button.clicked.connect(self.delete_meeting)
        self.minutes_button.clicked.connect(self.print_minutes)
        self.meetings_view.selectionModel().currentRowChanged.connect(lambda *_a: self._show_meeting())
        self.attendance.edited.connect(self._on_attendance)

    def reload(self) -> None:
        """Meetings of the tab's bloc and year; the previous selection is kept."""
        self._stale = False
        bloc_id = self.tab.bloc_id()
        current = self.selected()
        rows = meetings_db.list_meetings(self.db, bloc_id, self.tab.year()) if bloc_id is not None else []
        self.meetings.set_rows(rows)
        self.add_button.setEnabled(bloc_id is not None)
        row = self.meetings.row_of(lambda m: current is not None and m.id == current.id)
        if row < 0 and rows:
            row = len(rows) - 1  # the latest meeting is the one being prepared or minuted
        if row >= 0:
            self.meetings_view.selectRow(row)
        self._show_meeting()

    def selected(self) -> BlocMeeting | None:
        index = self.meetings_view.currentIndex()
        return self.meetings.meeting(index.row()) if index.isValid() else None

    def _show_meeting(self) -> None:
        meeting = self.selected()
        for w in (self.edit_button, self.delete_button, self.minutes_button):
            w.setEnabled(meeting is not None)
        if meeting is None:
            self.details.setHtml(f"<p>Chưa có hội nghị nào của năm {self.tab.year()}. "
                                 "Bấm “Thêm hội nghị…” (ký giao ước, sơ kết, tổng kết…).</p>")
            self.attendance.set_rows([])
            return
        present, total = meetings_db.head_count(self.db, meeting.id)
        facts = [
            ("Hội nghị", f"{BLOC_MEETING_KINDS[meeting.kind]} — ngày {format_date(meeting.held_on)}"
             + (f", tại {meeting.place}" if meeting.place else "")),
            ("Đăng cai", meeting.host_name), ("Chủ trì", meeting.chair), ("Thư ký", meeting.secretary),
            ("Đại biểu", meeting.guests), ("Tham dự", f"{present}/{total} đơn vị thành viên"),
            ("Nội dung", meeting.agenda), ("Kết luận", meeting.conclusions),
        ]
        self.details.setHtml("".join(f"<p style='margin:2px'><b>{k}:</b> {escape(v).replace(chr(10), '<br>')}</p>"
                                     for k, v in facts if v))
        self.attendance.set_rows(meetings_db.attendance(self.db, meeting.id))

    def _new_meeting(self) -> BlocMeeting:
        year = self.tab.year()
        today = dt.date.today()
        held_on = today if today.year == year else dt.date(year, 12, 20)
        kind = "tong_ket" if held_on.month >= 11 else ("so_ket" if held_on.month >= 6 else "ky_giao_uoc")
        return BlocMeeting(id=None, bloc_id=self.tab.bloc_id(), year=year, kind=kind, held_on=held_on)

    def add_meeting(self) -> None:
        dialog = MeetingDialog(self._new_meeting(), blocs_db.list_members(self.db, self.tab.bloc_id()), self)
        if dialog.exec():
            created = self.write(lambda: meetings_db.save_meeting(self.db, dialog.value()))
            if created is not None:
                self.meetings_view.selectRow(self.meetings.row_of(lambda m: m.id == created))

    def edit_meeting(self) -> None:
        meeting = self.selected()
        if meeting is None:
            return
        dialog = MeetingDialog(meeting, blocs_db.list_members(self.db, meeting.bloc_id, include_inactive=True), self)
        if dialog.exec():
            self.write(lambda: meetings_db.save_meeting(self.db, dialog.value()))

    def delete_meeting(self) -> None:
        meeting = self.selected()
        if meeting is None:
            return
        answer = QMessageBox.question(self, "Khối thi đua", f"Xóa hội nghị {BLOC_MEETING_KINDS[meeting.kind].lower()} "
                                      f"ngày {format_date(meeting.held_on)}?")
        if answer == QMessageBox.StandardButton.Yes:
            self.write(lambda: meetings_db.delete_meeting(self.db, meeting.id))

    def _on_attendance(self, _row: int, record: MeetingAttendance, field: str, value) -> None:
        """Save after the editor closed (never reset the model inside setData)."""
        change = {"present": value} if field == "checked" else {field: value}
        updated = dataclasses.replace(record, **change)
        QTimer.singleShot(0, lambda: self.write(lambda: meetings_db.set_attendance(self.db, updated)))

    def print_minutes(self) -> None:
        from tdkt_desktop.reports.bloc_minutes import render_bloc_minutes
        from tdkt_desktop.services.bloc_documents import minutes_for_meeting

        meeting, bloc = self.selected(), self.tab.bloc()
        if meeting is None or bloc is None:
            return
        self.preview(lambda: render_bloc_minutes(minutes_for_meeting(self.db, meeting.id)),
                     f"Biên bản hội nghị {BLOC_MEETING_KINDS[meeting.kind].lower()} {meeting.year}",
                     f"bien-ban-{meeting.kind.replace('_', '-')}-{meeting.year}-{file_slug(bloc.name)}.pdf")
