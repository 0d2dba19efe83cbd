"""Page "Thành viên, luân phiên": member organisations with contacts, and head/deputy by year."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from tdkt_desktop.db import blocs as blocs_db
from tdkt_desktop.db.bloc_records import BlocMember, BlocYear
from tdkt_desktop.services import blocs as bloc_service
from tdkt_desktop.ui.blocs.dialogs import MemberDialog, YearDialog
from tdkt_desktop.ui.blocs.models import MemberModel, YearModel
from tdkt_desktop.ui.blocs.page import BlocPage, fit_columns
from tdkt_desktop.ui.common.proxy import FoldFilterProxy
from tdkt_desktop.ui.common.widgets import setup_table


class MembersPage(BlocPage):
    """Members on the left (★ marks the office), the rotation of head and deputy on the right."""

    def __init__(self, db: Database, window, tab):
        super().__init__(db, window, tab)
        self.members = MemberModel(self)
        self.proxy = FoldFilterProxy(lambda m: f"{m.name} {m.short_name} {m.contact_person}", self)
        self.proxy.setSourceModel(self.members)
        self.members_view = QTableView()
        setup_table(self.members_view, self.proxy)
        fit_columns(self.members_view, 1)
        self.show_former = QCheckBox("Hiện cả đơn vị đã thôi tham gia")
        self.add_button = QPushButton("Thêm đơn vị…")
        self.edit_button = QPushButton("Sửa…")
        self.leave_button = QPushButton("Thôi tham gia / tham gia lại")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.members_view)
        buttons = QHBoxLayout()
        for w in (self.add_button, self.edit_button, self.leave_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(self.show_former)
        left_layout.addLayout(buttons)

        self.years = YearModel(self)
        self.years_view = QTableView()
        setup_table(self.years_view, self.years, sortable=False)
        header = self.years_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # long names elide; the tooltip has them whole
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.year_button = QPushButton("Đặt khối trưởng, khối phó…")
        right = QGroupBox("Khối trưởng, khối phó qua các năm")
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.years_view)
        right_layout.addWidget(self.year_button)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([800, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(splitter)

        self.add_button.clicked.connect(self.add_member)
        self.edit_button.clicked.connect(self.edit_member)
        self.members_view.doubleClicked.connect(lambda _i: self.edit_member())
        self.leave_button.clicked.connect(self.toggle_active)
        self.show_former.toggled.connect(lambda _c: self.reload())
        self.year_button.clicked.connect(self.edit_year)
        self.years_view.doubleClicked.connect(lambda _i: self.edit_year())

    def reload(self) -> None:
        """Members and the rotation of the tab's bloc."""
        self._stale = False
        bloc_id = self.tab.bloc_id()
        has_bloc = bloc_id is not None
        for w in (self.add_button, self.edit_button, self.leave_button, self.year_button):
            w.setEnabled(has_bloc)
        if not has_bloc:
            self.members.set_rows([])
            self.years.set_rows([])
            return
        self.members.set_rows(blocs_db.list_members(self.db, bloc_id, include_inactive=self.show_former.isChecked()))
        self.years.set_rows(blocs_db.list_years(self.db, bloc_id))

    def selected_member(self) -> BlocMember | None:
        index = self.members_view.currentIndex()
        return self.members.record(self.proxy.mapToSource(index).row()) if index.isValid() else None

    def add_member(self) -> None:
        dialog = MemberDialog(BlocMember(id=None, bloc_id=self.tab.bloc_id(), name=""), self)
        if dialog.exec():
            self.write(lambda: blocs_db.save_member(self.db, dialog.value()))

    def edit_member(self) -> None:
        member = self.selected_member()
        if member is None:
            return
        dialog = MemberDialog(member, self)
        if dialog.exec():
            self.write(lambda: blocs_db.save_member(self.db, dialog.value()))

    def toggle_active(self) -> None:
        member = self.selected_member()
        if member is None:
            return
        if member.active:
            answer = QMessageBox.question(self, "Khối thi đua", f"“{member.name}” thôi tham gia khối? Kết quả các "
                                          "năm trước vẫn được giữ.")
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.write(lambda: blocs_db.set_member_active(self.db, member.id, not member.active))

    def edit_year(self) -> None:
        bloc_id = self.tab.bloc_id()
        if bloc_id is None:
            return
        index = self.years_view.currentIndex()
        year = self.years.entry(index.row()).year if index.isValid() else self.tab.year()
        entry = bloc_service.leaders(self.db, bloc_id, year)
        dialog = YearDialog(entry, blocs_db.list_members(self.db, bloc_id), self)
        if dialog.exec():
            value: BlocYear = dialog.value()
            self.write(lambda: blocs_db.save_year(self.db, value))
