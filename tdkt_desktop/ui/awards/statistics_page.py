"""Sub-page "Thống kê": counts by award type over a period, individuals vs collectives; export to Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from tdkt_desktop.db import settings as settings_db
from tdkt_desktop.db import statistics
from tdkt_desktop.ui.awards.models import StatisticsModel
from tdkt_desktop.ui.common import changes, working_year
from tdkt_desktop.ui.common.widgets import LazyPage, setup_table


class StatisticsPage(LazyPage, QWidget):
    """A period (from–to year), the computed table, and the headline total."""

    topics = frozenset({changes.DECISIONS, changes.CATALOG, changes.WORKING_YEAR})

    def __init__(self, db: Database, window):
        super().__init__()
        self.db, self.main_window = db, window
        this_year = dt.date.today().year
        self.from_year = QSpinBox()
        self.to_year = QSpinBox()
        for spin in (self.from_year, self.to_year):
            spin.setRange(1945, this_year + 1)
        self.from_year.setValue(this_year - 5)
        self.to_year.setValue(this_year)
        self._first = True
        self.export_button = QPushButton("Xuất ra Excel…")
        self.export_button.clicked.connect(self.export)
        top = QHBoxLayout()
        top.addWidget(QLabel("Từ năm:"))
        top.addWidget(self.from_year)
        top.addWidget(QLabel("đến năm:"))
        top.addWidget(self.to_year)
        top.addStretch(1)
        top.addWidget(self.export_button)
        self.model = StatisticsModel(self)
        self.table = QTableView()
        setup_table(self.table, self.model)
        self.table.setColumnWidth(0, 380)
        self.table.setColumnWidth(1, 170)
        self.headline = QLabel()
        note = QLabel("Số liệu được tính từ các quyết định đã nhập, không gõ tay. Giấy khen, Bằng khen… "
                      "gộp cá nhân và tập thể trên cùng một dòng.")
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.headline)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        self.from_year.valueChanged.connect(lambda _: self.refresh())
        self.to_year.valueChanged.connect(self._on_to_year)
        self.to_year.setKeyboardTracking(False)

    def _on_to_year(self, year: int) -> None:
        """"đến năm" is the working year: choosing it here chooses it for every page."""
        if year == working_year.current(self.db) or not working_year.choose(self.main_window, self.db, year):
            self.refresh()

    def period(self) -> tuple[int, int]:
        """(from, to), swapped if typed backwards."""
        a, b = self.from_year.value(), self.to_year.value()
        return (a, b) if a <= b else (b, a)

    def reload(self) -> None:
        """Recompute the table (the first time, over every year that has awards)."""
        if self._first:
            self._first = False
            span = statistics.year_range(self.db)
            if span:
                self.from_year.blockSignals(True)
                self.from_year.setValue(span[0])
                self.from_year.blockSignals(False)
        working_year.show_in(self.to_year, self.db)
        start, end = self.period()
        rows = statistics.award_counts(self.db, start, end)
        self.model.set_rows(rows)
        individuals, collectives, total = statistics.total(rows)
        self.headline.setText(
            f"<b>Giai đoạn {start}–{end}: {total} lượt tập thể, cá nhân</b> được khen thưởng "
            f"({collectives} lượt tập thể, {individuals} lượt cá nhân)."
        )

    def export(self) -> None:
        """Save the table as .xlsx."""

        start, end = self.period()
        path, _ = QFileDialog.getSaveFileName(
            self, "Xuất thống kê", f"thong-ke-khen-thuong-{start}-{end}.xlsx", "Excel (*.xlsx)"
        )
        if not path:
            return
        from tdkt_desktop.importing.exporter import export_statistics

        try:
            export_statistics(self.model.records(), (start, end), Path(path),
                              office=settings_db.get_settings(self.db).office_name)
        except OSError as exc:
            QMessageBox.critical(self, "Không ghi được tệp", f"Không ghi được “{path}”: {exc}")
            return
        self.main_window.statusBar().showMessage(f"Đã xuất thống kê: {path}", 8000)
