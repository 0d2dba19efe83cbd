"""Sub-page "Sổ khen thưởng": every award with filters (year, title/form, unit, decision) and totals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget
from sqlite_utils import Database

from tdkt_desktop.db import campaigns as campaigns_db
from tdkt_desktop.db import catalog, register
from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db import units as units_db
from tdkt_desktop.db.award_records import Award
from tdkt_desktop.ui.awards.models import AwardSource, AwardTableModel
from tdkt_desktop.ui.awards.widgets import fill_award_types
from tdkt_desktop.ui.common import changes, working_year
from tdkt_desktop.ui.common.table_model import RecordRole
from tdkt_desktop.ui.common.widgets import LazyPage, setup_table


class RegisterPage(LazyPage, QWidget):
    """Filters on top, the register table, totals by type at the bottom; double-click opens."""

    topics = frozenset({
        changes.DECISIONS, changes.STAFF, changes.UNITS, changes.CATALOG, changes.WORKING_YEAR, changes.CAMPAIGNS,
    })

    def __init__(self, db: Database, window):
        super().__init__()
        self.db, self.main_window = db, window
        self.year_combo = QComboBox()
        self.type_combo = QComboBox()
        self.type_combo.setMinimumWidth(260)
        self.type_combo.setMaximumWidth(360)
        self.unit_combo = QComboBox()
        self.unit_combo.setMinimumWidth(200)
        self.unit_combo.setMaximumWidth(320)
        self.decision_combo = QComboBox()
        self.decision_combo.setMinimumWidth(180)
        self.campaign_combo = QComboBox()
        self.campaign_combo.setMinimumWidth(260)
        self.campaign_combo.setMaximumWidth(420)
        self.campaign_combo.setToolTip("Chỉ các lượt khen thưởng theo quyết định của một phong trào thi đua")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm tên, mã, số quyết định… (không cần dấu)")
        self.search.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        for label, widget in (
            ("Năm:", self.year_combo), ("Danh hiệu/Hình thức:", self.type_combo),
            ("Đơn vị:", self.unit_combo), ("Quyết định:", self.decision_combo),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        search_row = QHBoxLayout()
        search_row.addWidget(QLabel("Phong trào:"))
        search_row.addWidget(self.campaign_combo)
        search_row.addWidget(QLabel("Tìm:"))
        search_row.addWidget(self.search, 1)

        # Filtered, sorted, counted and totalled in SQL; the table reads the pages it shows.
        self.model = AwardTableModel(self)
        self.table = QTableView()
        setup_table(self.table, self.model, multi=True)
        for column, width in ((0, 50), (1, 230), (2, 150), (3, 190), (4, 60), (5, 200), (6, 120), (7, 95)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._on_double_click)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        hint = QLabel("Nhấp đúp: mở hồ sơ cá nhân (hoặc quyết định, nếu nhấp vào cột số quyết định hay dòng tập thể).")
        hint.setStyleSheet("color: #666;")
        layout.addWidget(self.totals)
        layout.addWidget(hint)

        self._loading = False
        self._year_shown: int | None = None
        for combo in (self.year_combo, self.type_combo, self.unit_combo, self.decision_combo, self.campaign_combo):
            combo.currentIndexChanged.connect(self._on_filter)
        self.search.textChanged.connect(lambda _text: self._load_rows())

    # --- data -----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Reload filter choices and rows (after any write)."""
        self._loading = True
        try:
            year = self.year_combo.currentData()
            self.year_combo.clear()
            self.year_combo.addItem("Tất cả", None)
            for y in decisions_db.award_years(self.db):
                self.year_combo.addItem(str(y), y)
            chosen = working_year.current(self.db)
            if chosen != self._year_shown and self.year_combo.findData(chosen) >= 0:
                # The working year, chosen once for every page (the whole register can be very long).
                year = chosen
            elif self._year_shown is None and self.year_combo.count() > 1:
                year = self.year_combo.itemData(1)  # no award yet in the working year: the latest
            self._year_shown = chosen
            self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(year)))
            fill_award_types(self.type_combo, catalog.list_award_types(self.db, active_only=False), all_text="Tất cả")
            unit = self.unit_combo.currentData()
            self.unit_combo.clear()
            self.unit_combo.addItem("Tất cả", None)
            for u in units_db.list_units(self.db, kind=None):
                self.unit_combo.addItem(u.name, u.id)
            self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(unit)))
            self._fill_decisions()
            self._fill_campaigns()
        finally:
            self._loading = False
        self._load_rows()

    def _fill_decisions(self) -> None:
        current = self.decision_combo.currentData()
        self.decision_combo.clear()
        self.decision_combo.addItem("Tất cả", None)
        for d in decisions_db.list_decisions(self.db):
            self.decision_combo.addItem(f"{d.number} ({d.issued_on:%d/%m/%Y})", d.id)
        self.decision_combo.setCurrentIndex(max(0, self.decision_combo.findData(current)))

    def _fill_campaigns(self) -> None:
        current = self.campaign_combo.currentData()
        self.campaign_combo.clear()
        self.campaign_combo.addItem("Tất cả", None)
        for c in campaigns_db.list_campaigns(self.db):
            self.campaign_combo.addItem(c.name, c.id)
            self.campaign_combo.setItemData(self.campaign_combo.count() - 1, c.name, Qt.ItemDataRole.ToolTipRole)
        self.campaign_combo.setCurrentIndex(max(0, self.campaign_combo.findData(current)))

    def award_query(self) -> register.AwardQuery:
        """What the filters and the search box ask for."""
        return register.AwardQuery(
            year=self.year_combo.currentData(), award_type=self.type_combo.currentData(),
            unit_id=self.unit_combo.currentData(), decision_id=self.decision_combo.currentData(),
            campaign_id=self.campaign_combo.currentData(), text=self.search.text(),
        )

    def _load_rows(self) -> None:
        source = AwardSource(self.db, self.award_query())
        self.model.set_source(source)
        self._update_totals(source.totals())

    def _on_filter(self) -> None:
        if not self._loading:
            self._load_rows()
            year = self.year_combo.currentData()
            if year is not None and self.sender() is self.year_combo:
                working_year.choose(self.main_window, self.db, year)

    def shown_awards(self) -> list[Award]:
        """The rows the filters and search leave on screen (all of them: for small results)."""
        return self.model.records()

    def _update_totals(self, totals: list[tuple[str, int, int]]) -> None:
        """The totals line from one GROUP BY query, never from the rows."""
        shown = sum(n for _name, n, _i in totals)
        individuals = sum(i for _name, _n, i in totals)
        parts = ", ".join(f"{name}: {n}" for name, n, _i in totals)
        self.totals.setText(
            f"<b>Tổng: {shown} lượt</b> ({individuals} cá nhân, {shown - individuals} tập thể)"
            + (f" — {parts}" if parts else "")
        )

    # --- actions ----------------------------------------------------------------------------------

    def set_filters(self, *, year=None, award_type=None, unit_id=None, decision_id=None, campaign_id=None) -> None:
        """Set several filters at once (tests, links from other pages)."""
        if self._stale:  # a link may arrive before the page was ever shown
            self._stale = False
            self.reload()
        self._loading = True
        try:
            for combo, value in ((self.year_combo, year), (self.type_combo, award_type),
                                 (self.unit_combo, unit_id), (self.decision_combo, decision_id),
                                 (self.campaign_combo, campaign_id)):
                combo.setCurrentIndex(max(0, combo.findData(value)))
        finally:
            self._loading = False
        self._load_rows()

    def _on_double_click(self, index) -> None:
        award: Award = index.data(RecordRole)
        if award is None:
            return
        if award.staff_id is not None and index.column() != AwardTableModel.COL_NUMBER:
            self.main_window.show_person(award.staff_id)
        else:
            self.open_decision(award.decision_id)

    def open_decision(self, decision_id: int) -> None:
        """Switch to the decisions page with this decision selected."""

        titles = self.main_window.titles_tab
        page = titles.page("Quyết định")
        titles.pages.setCurrentWidget(page)
        self.main_window.tabs.setCurrentWidget(titles)
        page.select_decision(decision_id)
