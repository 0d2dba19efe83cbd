"""Editable Qt model for one unit's yearly ratings (xếp loại, kỷ luật, ghi chú) and its combo delegate."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from tdkt_desktop.db.award_records import Rating
from tdkt_desktop.db.ratings import parse_discipline
from tdkt_desktop.db.records import Staff
from tdkt_desktop.ui.common.table_model import RecordRole
from tdkt_desktop.vocabulary import DISCIPLINE_ORDER, RATING_NAMES, RATINGS, discipline_label

RATING_CHOICES = ["", *RATINGS]
#: Discipline codes, lightest first; the grid shows their labels ("Khiển trách").
DISCIPLINE_CHOICES = ["", *sorted(DISCIPLINE_ORDER, key=DISCIPLINE_ORDER.get)]
DISCIPLINE_LABELS = {code: discipline_label(code) for code in DISCIPLINE_ORDER}


@dataclass(frozen=True)
class GridRow:
    """One person's line: the values on screen and those in the database."""

    staff: Staff
    rating: str = ""
    discipline: str = ""  # a code of vocabulary.DISCIPLINE_ORDER, or ''
    note: str = ""
    saved: tuple[str, str, str] = ("", "", "")
    titles: str = ""

    @property
    def dirty(self) -> bool:
        """Edited since the last load."""
        return (self.rating, self.discipline, self.note) != self.saved


class RatingsGridModel(QAbstractTableModel):
    """Columns: code, name, rating (editable), discipline (editable), note (editable), titles that year."""

    COL_CODE, COL_NAME, COL_RATING, COL_DISCIPLINE, COL_NOTE, COL_TITLES = range(6)
    HEADERS = ("Mã", "Họ và tên", "Xếp loại", "Kỷ luật", "Ghi chú", "Danh hiệu, khen thưởng trong năm")
    EDITABLE = {COL_RATING: "rating", COL_DISCIPLINE: "discipline", COL_NOTE: "note"}

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[GridRow] = []

    def set_rows(self, rows: list[GridRow]) -> None:
        """Replace every row (a fresh load: nothing dirty)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[GridRow]:
        """Current rows."""
        return list(self._rows)

    def dirty_rows(self) -> list[GridRow]:
        """Rows edited since the load."""
        return [r for r in self._rows if r.dirty]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in self.EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            discipline = row.discipline if role == Qt.ItemDataRole.EditRole else discipline_label(row.discipline)
            values = (row.staff.code, row.staff.full_name, row.rating, discipline, row.note, row.titles)
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_RATING and row.rating:
            return RATING_NAMES.get(row.rating, "")
        if role == Qt.ItemDataRole.BackgroundRole and row.dirty and column in self.EDITABLE:
            return QBrush(QColor("#fff4c2"))
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_RATING and row.rating == "KHT":
            return QBrush(QColor("#b00020"))
        if role == RecordRole:
            return row
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in self.EDITABLE:
            return False
        text = " ".join(str(value or "").split())
        if index.column() == self.COL_RATING:
            text = text.upper()
            if text not in RATING_CHOICES:
                return False
        if index.column() == self.COL_DISCIPLINE:
            text = parse_discipline(text)  # a code, or its label typed or pasted
            if text is None:
                return False
        row = self._rows[index.row()]
        self._rows[index.row()] = replace(row, **{self.EDITABLE[index.column()]: text})
        first, last = self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1)
        self.dataChanged.emit(first, last)
        return True

    def changes(self, year: int) -> tuple[list[Rating], list[tuple[int, int]]]:
        """(ratings to set, (staff_id, year) pairs to clear) for the dirty rows."""
        to_set, to_clear = [], []
        for row in self.dirty_rows():
            if row.rating:
                to_set.append(Rating(None, row.staff.id, year, row.rating, row.discipline, row.note))
            elif row.saved[0]:
                to_clear.append((row.staff.id, year))
        return to_set, to_clear


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor with fixed choices (ratings, discipline levels)."""

    def __init__(self, choices: list[str], labels: dict[str, str] | None = None, parent=None, *,
                 code_shown: bool = True):
        super().__init__(parent)
        self.choices, self.labels, self.code_shown = choices, labels or {}, code_shown

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for choice in self.choices:
            if choice in self.labels:
                label = f"{choice} – {self.labels[choice]}" if self.code_shown else self.labels[choice]
            else:
                label = choice or "(trống)"
            combo.addItem(label, choice)
        # "HTT – Hoàn thành tốt nhiệm vụ" in full, also in the narrow column of a 1366×768 screen.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        metrics = combo.fontMetrics()
        longest = max(metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
        combo.view().setMinimumWidth(longest + 32)
        return combo

    def updateEditorGeometry(self, editor: QComboBox, option, index) -> None:
        """As wide as its longest choice: the editor may cover the next columns while it is open."""
        rect = option.rect
        rect.setWidth(max(rect.width(), editor.sizeHint().width()))
        editor.setGeometry(rect)

    def setEditorData(self, editor: QComboBox, index) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")))

    def setModelData(self, editor: QComboBox, model, index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
