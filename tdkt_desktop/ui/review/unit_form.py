"""The collective's yearly rating and bloc result, edited beside its reasons on the Bình xét page."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QPushButton

from tdkt_desktop.db.award_records import UnitRating
from tdkt_desktop.vocabulary import RATING_NAMES, RATINGS

#: Bloc (khối thi đua) result choices: unknown, leads, does not lead.
BLOC_CHOICES = (("Chưa có kết quả", None), ("Dẫn đầu khối thi đua", True), ("Không dẫn đầu khối", False))


class UnitRatingForm(QGroupBox):
    """Rating and bloc result of the selected collective; ``value(unit_id, year)`` returns the record."""

    def __init__(self, parent=None):
        super().__init__("Xếp loại tập thể", parent)
        self.rating = QComboBox()
        for code in RATINGS:
            self.rating.addItem(RATING_NAMES[code], code)
        self.bloc = QComboBox()
        for label, value in BLOC_CHOICES:
            self.bloc.addItem(label, value)
        self.save_button = QPushButton("Lưu xếp loại tập thể")
        form = QFormLayout(self)
        form.addRow("Xếp loại:", self.rating)
        form.addRow("Khối thi đua:", self.bloc)
        form.addRow(self.save_button)

    def show_unit(self, name: str, year: int, saved: UnitRating | None) -> None:
        """Fill the form for one collective (its saved rating, or the usual HTT)."""
        self.setTitle(f"Xếp loại tập thể năm {year}: {name}")
        self.rating.setCurrentIndex(self.rating.findData(saved.rating if saved else "HTT"))
        self.bloc.setCurrentIndex(max(0, self.bloc.findData(saved.leads_bloc if saved else None)))

    def value(self, unit_id: int, year: int) -> UnitRating:
        """The rating as chosen."""
        return UnitRating(unit_id=unit_id, year=year, rating=self.rating.currentData(),
                          leads_bloc=self.bloc.currentData())
