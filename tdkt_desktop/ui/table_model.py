"""Base table model over a list of frozen records: columns declared once, RecordRole, sort keys."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

#: data(role=RecordRole) returns the record behind a row.
RecordRole = Qt.ItemDataRole.UserRole + 1
#: data(role=SortRole) returns the value the proxy sorts by (folded text, ISO dates, numbers).
SortRole = Qt.ItemDataRole.UserRole + 2


def _sort_key(value: Any) -> tuple[bool, Any]:
    """Blank values first, and never compare None with a value."""
    return (value is not None and value != "", value if value is not None else "")


@dataclass(frozen=True)
class Column:
    """One column: header, how to show a record, and how to sort it."""

    header: str
    display: Callable[[Any], Any]
    sort: Callable[[Any], Any] | None = None
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    tooltip: Callable[[Any], str] | None = None


class RecordTableModel(QAbstractTableModel):
    """Read-only model: ``set_rows(records)`` resets it; subclasses declare ``COLUMNS``."""

    COLUMNS: Sequence[Column] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Any] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, records: Sequence[Any]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(records)
        if self._sort:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def record(self, row: int) -> Any:
        """The record at ``row`` (source-model row)."""
        return self._rows[row]

    def records(self) -> list[Any]:
        """All records, in model order."""
        return list(self._rows)

    def row_of(self, predicate: Callable[[Any], bool]) -> int:
        """The first row whose record matches, or -1."""
        return next((i for i, r in enumerate(self._rows) if predicate(r)), -1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort rows by the column's key with Python's sort: one key per row, not per comparison.

        On 20,000 rows this is far faster than a proxy calling ``lessThan`` through Qt.
        Persistent indexes (the view's selection) follow their records.
        """
        if not (0 <= column < len(self.COLUMNS)):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [self._rows[i.row()] if 0 <= i.row() < len(self._rows) else None for i in persistent]
        self._sort_rows(column, order)
        position = {id(r): i for i, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent,
            [
                self.index(position[id(rec)], idx.column()) if rec is not None else QModelIndex()
                for idx, rec in zip(persistent, held)
            ],
        )
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        col = self.COLUMNS[column]
        key = col.sort or col.display
        self._rows.sort(
            key=lambda r: _sort_key(key(r)), reverse=order == Qt.SortOrder.DescendingOrder
        )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        record = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(record)
        if role == RecordRole:
            return record
        if role == SortRole:
            return (column.sort or column.display)(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(record)
        return self.extra_data(record, index.column(), role)

    def extra_data(self, record: Any, column: int, role: int):
        """Hook for subclasses (colours, fonts); None by default."""
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section].header
        return None
