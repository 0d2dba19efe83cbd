"""Sub-page "Đăng ký thi đua": who registered for what in a year, per-unit summary, bulk and pasted registration."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tdkt_desktop.db import campaigns as campaigns_db
from tdkt_desktop.db import catalog
from tdkt_desktop.db import registrations as registrations_db
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import units as units_db
from tdkt_desktop.ui.campaigns.models import RegistrationModel, UnitSummaryModel, registration_search_text
from tdkt_desktop.ui.campaigns.panels import _Panel, _selected
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.proxy import FoldFilterProxy
from tdkt_desktop.ui.common.widgets import setup_table

_RESULTS = (("Mọi kết quả", None), ("Chưa có kết quả", ""), ("Đạt", "dat"), ("Không đạt", "khong_dat"))


class RegistrationsPanel(_Panel):
    """Year filter, the registrations table, the per-unit summary; register a unit or a pasted list."""

    topics = frozenset({changes.CAMPAIGNS, changes.DECISIONS, changes.STAFF, changes.UNITS, changes.CATALOG})

    def __init__(self, db, window, page):
        super().__init__(db, window, page)
        self.year = QComboBox()
        self.result = QComboBox()
        for label, value in _RESULTS:
            self.result.addItem(label, value)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm tên, mã, đơn vị… (không cần dấu)")
        self.search.setClearButtonEnabled(True)
        top = QHBoxLayout()
        for widget in (QLabel("Năm:"), self.year, QLabel("Kết quả:"), self.result):
            top.addWidget(widget)
        top.addWidget(self.search, 1)
        note = QLabel("Đăng ký thi đua là thông tin tham khảo: từ năm 2024 không còn là điều kiện xét danh hiệu.")
        note.setStyleSheet("color: #666;")

        self.model = RegistrationModel(self)
        self.proxy = FoldFilterProxy(registration_search_text, self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        setup_table(self.view, self.proxy, multi=True)
        for column, width in ((0, 170), (1, 62), (2, 170), (3, 195)):
            self.view.setColumnWidth(column, width)
        self.summary = UnitSummaryModel(self)
        self.summary_view = QTableView()
        setup_table(self.summary_view, self.summary)
        for column, width in ((0, 170), (1, 55), (2, 62), (3, 70)):
            self.summary_view.setColumnWidth(column, width)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(QLabel("<b>Tổng hợp đăng ký theo đơn vị</b>"))
        rl.addWidget(self.summary_view, 1)
        split = QSplitter()
        split.addWidget(self.view)
        split.addWidget(right)
        split.setSizes([770, 560])

        self.unit_button = QPushButton("Đăng ký cả đơn vị…")
        self.paste_button = QPushButton("Dán danh sách…")
        self.missed_button = QPushButton("Ghi “không đạt”")
        self.clear_button = QPushButton("Bỏ ghi “không đạt”")
        self.delete_button = QPushButton("Xóa đăng ký")
        self.print_button = QPushButton("In tổng hợp đăng ký…")
        self.count = QLabel()
        buttons = QHBoxLayout()
        for button, slot in ((self.unit_button, self.register_unit), (self.paste_button, self.register_pasted),
                             (self.missed_button, lambda: self.set_missed(True)),
                             (self.clear_button, lambda: self.set_missed(False)),
                             (self.delete_button, self.delete_selected), (self.print_button, self.print_summary)):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self._loading = False
        self.year.currentIndexChanged.connect(self._load_rows)
        self.result.currentIndexChanged.connect(self._apply_result)
        self.search.textChanged.connect(self._on_search)

    # --- data ---------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Years of the campaign (the one with registrations, or this year, first), rows and summary."""
        campaign = campaigns_db.get_campaign(self.db, self.campaign_id)
        self.campaign = campaign
        self._loading = True
        try:
            current = self.year.currentData()
            self.year.clear()
            for y in reversed(campaign.years):
                self.year.addItem(str(y), y)
            used = registrations_db.registration_years(self.db, self.campaign_id)
            preferred = current if current in campaign.years else (
                used[0] if used else min(max(dt.date.today().year, campaign.years.start), campaign.years.stop - 1))
            self.year.setCurrentIndex(max(0, self.year.findData(preferred)))
        finally:
            self._loading = False
        self._load_rows()

    def _load_rows(self) -> None:
        if self._loading or self.campaign_id is None:
            return
        year = self.current_year()
        self.model.set_rows(registrations_db.list_registrations(self.db, campaign_id=self.campaign_id, year=year))
        self.summary.award_names = {t.code: t.short_name or t.name
                                    for t in catalog.list_award_types(self.db, active_only=False)}
        self.summary.set_rows(registrations_db.summary_by_unit(self.db, self.campaign_id, year) if year else [])
        self._update_count()

    def current_year(self) -> int | None:
        return self.year.currentData()

    def _apply_result(self) -> None:
        wanted = self.result.currentData()
        self.proxy.set_predicate(None if wanted is None else (lambda r: r.result == wanted))
        self._update_count()

    def _on_search(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._update_count()

    def _update_count(self) -> None:
        rows = self.model.records()
        met = sum(r.result == "dat" for r in rows)
        self.count.setText(f"{self.proxy.rowCount()}/{len(rows)} đăng ký · đạt {met}")

    def selected(self) -> list:
        return _selected(self.view)

    # --- actions ------------------------------------------------------------------------------------

    def _lists(self):
        return (units_db.list_units(self.db), staff_db.list_staff(self.db, include_inactive=False),
                catalog.list_award_types(self.db, active_only=False))

    def _report(self, result) -> None:
        if result is None:
            return
        added, skipped = result
        text = f"Đã đăng ký {added} lượt."
        if skipped:
            text += f"\nGiữ nguyên {len(skipped)} đăng ký đã có: " + "; ".join(skipped[:5]) + (
                "…" if len(skipped) > 5 else ".")
        self.last_report = text  # tests read it
        QMessageBox.information(self, "Đăng ký thi đua", text)

    def register_unit(self) -> None:
        """Every active person of a unit (and the unit itself) in one step."""
        from tdkt_desktop.ui.campaigns.registration_dialogs import UnitRegistrationDialog

        units, staff, types = self._lists()
        dialog = UnitRegistrationDialog(self.campaign, self.current_year() or self.campaign.years.start,
                                        units, staff, types, self)
        if dialog.exec():
            year, unit_id, person_award, unit_award = dialog.value()
            self._report(self.write(lambda: registrations_db.register_unit(
                self.db, self.campaign_id, year, unit_id, person_award, unit_award, registered_on=dt.date.today())))
            self._show_year(year)

    def register_pasted(self) -> None:
        """Codes or names pasted from Excel, all for one title or form."""
        from tdkt_desktop.ui.campaigns.registration_dialogs import PasteRegistrationDialog

        units, staff, types = self._lists()
        dialog = PasteRegistrationDialog(self.campaign, self.current_year() or self.campaign.years.start,
                                         staff, units, types, self)
        if dialog.exec():
            year, award, staff_ids, unit_ids = dialog.value()
            self._report(self.write(lambda: registrations_db.register(
                self.db, self.campaign_id, year, award, staff_ids=staff_ids, unit_ids=unit_ids,
                registered_on=dt.date.today())))
            self._show_year(year)

    def _show_year(self, year: int) -> None:
        index = self.year.findData(year)
        if index >= 0 and index != self.year.currentIndex():
            self.year.setCurrentIndex(index)

    def set_missed(self, missed: bool) -> None:
        rows = self.selected()
        if not rows:
            QMessageBox.information(self, "Kết quả đăng ký", "Hãy chọn các đăng ký trong bảng.")
            return
        self.write(lambda: registrations_db.set_outcome(self.db, [r.id for r in rows], missed))

    def delete_selected(self) -> None:
        rows = self.selected()
        if not rows:
            QMessageBox.information(self, "Xóa đăng ký", "Hãy chọn các đăng ký cần xóa.")
            return
        names = ", ".join(r.name for r in rows[:4]) + ("…" if len(rows) > 4 else "")
        if QMessageBox.question(self, "Xóa đăng ký", f"Xóa {len(rows)} đăng ký ({names})?") == \
                QMessageBox.StandardButton.Yes:
            self.write(lambda: registrations_db.remove_registrations(self.db, [r.id for r in rows]))

    def print_summary(self) -> None:
        from tdkt_desktop.ui.campaigns.actions import preview_registration_summary

        if self.current_year() is not None:
            preview_registration_summary(self.main_window, self.campaign_id, self.current_year())

