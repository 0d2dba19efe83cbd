"""The campaign list: folded filter, derived status, counts, reminders, and the campaign-level actions."""

from __future__ import annotations

import contextlib
import datetime as dt
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from tdkt_desktop.db import campaign_reviews as reviews_db
from tdkt_desktop.db import campaigns as campaigns_db
from tdkt_desktop.db.campaign_records import Campaign, Reminder
from tdkt_desktop.text import format_date
from tdkt_desktop.ui.campaigns.models import CampaignTableModel, campaign_search_text
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.changes import WriteFailed
from tdkt_desktop.ui.common.proxy import FoldFilterProxy
from tdkt_desktop.ui.common.table_model import RecordRole
from tdkt_desktop.ui.common.widgets import LazyPage, setup_table
from tdkt_desktop.vocabulary import CAMPAIGN_KINDS, CAMPAIGN_STATUSES, REVIEW_KINDS

#: Reviews planned within this many days show in the reminders.
HORIZON_DAYS = 30


def reminder_html(r: Reminder) -> str:
    """One reminder as a line with a link that opens the campaign (rendered here, stored as data)."""
    name = f"<a href='{r.campaign_id}'>{escape(r.campaign_name)}</a>"
    kind = REVIEW_KINDS.get(r.review_kind, "").lower()
    if r.kind == "review_due":
        return f"• Sắp đến ngày {kind} ({format_date(r.day)}): {name}"
    if r.kind == "review_late":
        return f"⚠ Đã qua ngày {kind} dự kiến ({format_date(r.day)}) mà chưa ghi kết quả: {name}"
    if r.kind == "overdue":
        warn = f"⚠ Hết thời gian ngày {format_date(r.day)} nhưng chưa tổng kết:"
        return f"<span style='color:#b00020'>{warn}</span> {name}"
    return f"☐ {r.count} đăng ký thi đua chưa có kết quả: {name}"


class CampaignListPage(LazyPage, QWidget):
    """Filters and reminders on top, the list, the actions row; double-click opens a campaign."""

    topics = frozenset({changes.CAMPAIGNS, changes.DECISIONS, changes.UNITS, changes.STAFF, changes.CATALOG})

    def __init__(self, db: Database, window, tab):
        super().__init__()
        self.db, self.main_window, self.tab = db, window, tab
        self.today = dt.date.today()
        self.year = QComboBox()
        self.kind = QComboBox()
        self.kind.addItem("Mọi loại", None)
        for code, label in CAMPAIGN_KINDS.items():
            self.kind.addItem(label, code)
        self.status = QComboBox()
        self.status.addItem("Mọi trạng thái", None)
        for code, label in CAMPAIGN_STATUSES.items():
            self.status.addItem(label, code)
        self.status.addItem("Quá hạn tổng kết", "qua_han")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm tên phong trào, số văn bản… (không cần dấu)")
        self.search.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        for label, widget in (("Năm:", self.year), ("Loại:", self.kind), ("Trạng thái:", self.status)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)

        self.reminders = QLabel()
        self.reminders.setObjectName("campaignReminders")
        self.reminders.setWordWrap(True)
        self.reminders.setTextFormat(Qt.TextFormat.RichText)
        self.reminders.linkActivated.connect(lambda link: self.tab.open_campaign(int(link)))
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        bl = QVBoxLayout(box)
        bl.setContentsMargins(8, 4, 8, 4)
        bl.addWidget(self.reminders)

        self.model = CampaignTableModel(self)
        self.proxy = FoldFilterProxy(campaign_search_text, self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        setup_table(self.table, self.proxy)
        # Widths from the font (the UI font is wider than the usual system font).
        char = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate((40, 11, 21, 22, 12, 22, 8, 7)):
            self.table.setColumnWidth(column, chars * char + 12)
        self.table.doubleClicked.connect(lambda _: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.add_button = QPushButton("Thêm phong trào…")
        self.open_button = QPushButton("Mở phong trào")
        self.edit_button = QPushButton("Sửa…")
        self.close_button = QPushButton("Kết thúc phong trào")
        self.delete_button = QPushButton("Xóa")
        self.plan_button = QPushButton("In kế hoạch phát động…")
        self.count = QLabel()
        actions = QHBoxLayout()
        for button, slot in ((self.add_button, self.add_campaign), (self.open_button, self.open_selected),
                             (self.edit_button, self.edit_selected), (self.close_button, self.toggle_closed),
                             (self.delete_button, self.delete_selected), (self.plan_button, self.print_plan)):
            button.clicked.connect(slot)
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(box)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._loading = False
        self.year.currentIndexChanged.connect(self._load_rows)
        self.kind.currentIndexChanged.connect(self._apply_predicate)
        self.status.currentIndexChanged.connect(self._apply_predicate)
        self.search.textChanged.connect(self._on_search)
        self._update_buttons()

    # --- data -------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Years, rows and reminders (after a write, or when first shown)."""
        self.today = dt.date.today()
        self._loading = True
        try:
            year = self.year.currentData()
            self.year.clear()
            self.year.addItem("Mọi năm", None)
            for y in campaigns_db.campaign_years(self.db):
                self.year.addItem(str(y), y)
            self.year.setCurrentIndex(max(0, self.year.findData(year)))
        finally:
            self._loading = False
        self._load_rows()
        self.show_reminders(reviews_db.reminders(self.db, self.today, horizon_days=HORIZON_DAYS))

    def _load_rows(self) -> None:
        if self._loading:
            return
        keep = self.current()
        self.model.today = self.today
        self.model.set_rows(campaigns_db.list_campaigns(self.db, year=self.year.currentData()))
        if keep is not None:
            self.select_campaign(keep.id)
        elif self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_count()

    def show_reminders(self, items: list[Reminder]) -> None:
        """The reminders box: what is due, late or unresolved, each line opening its campaign."""
        if not items:
            self.reminders.setText("Không có việc cần nhắc: không có đợt sơ kết, tổng kết nào trong "
                                   f"{HORIZON_DAYS} ngày tới và mọi phong trào đã hết hạn đều đã tổng kết.")
            return
        lines = "<br>".join(reminder_html(r) for r in items[:8])
        more = f"<br>… và {len(items) - 8} việc khác." if len(items) > 8 else ""
        self.reminders.setText(f"<b>Việc cần làm ({len(items)}):</b><br>{lines}{more}")

    def _apply_predicate(self) -> None:
        kind, status, today = self.kind.currentData(), self.status.currentData(), self.today
        if kind is None and status is None:
            self.proxy.set_predicate(None)
        else:
            self.proxy.set_predicate(lambda c: (kind is None or c.kind == kind) and (
                status is None or (c.overdue(today) if status == "qua_han" else c.status(today) == status)))
        self._update_count()

    def _on_search(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(f"{self.proxy.rowCount()}/{self.model.rowCount()} phong trào")
        self._update_buttons()

    def current(self) -> Campaign | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RecordRole) if rows else None

    def select_campaign(self, campaign_id: int) -> bool:
        """Select a campaign by id (filters that hide it are cleared)."""
        row = self.model.row_of(lambda c: c.id == campaign_id)
        if row < 0 and self.year.currentIndex() != 0:
            self.year.setCurrentIndex(0)
            row = self.model.row_of(lambda c: c.id == campaign_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.search.clear()
            self.kind.setCurrentIndex(0)
            self.status.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _update_buttons(self) -> None:
        c = self.current()
        for button in (self.open_button, self.edit_button, self.close_button, self.delete_button, self.plan_button):
            button.setEnabled(c is not None)
        self.close_button.setText("Mở lại phong trào" if c is not None and c.closed_on else "Kết thúc phong trào")

    # --- actions ----------------------------------------------------------------------------------

    def open_selected(self) -> None:
        c = self.current()
        if c is not None:
            self.tab.open_campaign(c.id)

    def add_campaign(self) -> int | None:
        """New campaign; its page opens once saved."""
        from tdkt_desktop.ui.campaigns.actions import edit_campaign

        new_id = edit_campaign(self, self.db, self.main_window, None)
        if new_id is not None:
            self.tab.open_campaign(new_id)
        return new_id

    def edit_selected(self) -> None:
        from tdkt_desktop.ui.campaigns.actions import edit_campaign

        c = self.current()
        if c is not None:
            edit_campaign(self, self.db, self.main_window, c.id)

    def toggle_closed(self) -> None:
        """Close (đã kết thúc) the selected campaign today, or reopen a closed one."""
        from tdkt_desktop.ui.campaigns.actions import toggle_closed

        c = self.current()
        if c is not None:
            toggle_closed(self, self.db, self.main_window, c)

    def delete_selected(self) -> None:
        """Delete a campaign entered by mistake (refused once it has registrations or awards)."""
        from tdkt_desktop.services import campaigns as service

        c = self.current()
        if c is None:
            return
        answer = QMessageBox.question(self, "Xóa phong trào", f"Xóa phong trào “{c.name}” cùng tiêu chí, ghi chép "
                                      "tiến độ và các đợt sơ kết, tổng kết của nó?")
        if answer == QMessageBox.StandardButton.Yes:
            with contextlib.suppress(WriteFailed):
                self.main_window.run_write(lambda: service.delete_campaign(self.db, c.id), changes.CAMPAIGNS)

    def print_plan(self) -> None:
        from tdkt_desktop.ui.campaigns.actions import preview_plan

        c = self.current()
        if c is not None:
            preview_plan(self.main_window, c.id)
