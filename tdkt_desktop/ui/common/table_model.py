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


class _AnyRole(frozenset):
    """Marker: the subclass answers roles of its own choosing in ``extra_data``."""

    def __contains__(self, item: object) -> bool:
        return True

    def __bool__(self) -> bool:
        return True


_ANY_ROLE = _AnyRole()
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_OWN_ROLES = frozenset({_DISPLAY, _ALIGN, _TOOLTIP, RecordRole, SortRole})


class RecordTableModel(QAbstractTableModel):
    """Read-only model: ``set_rows(records)`` resets it; subclasses declare ``COLUMNS``.

    A subclass that answers more roles in ``extra_data`` lists them in ``EXTRA_ROLES``
    (default: any role, so an override is never silently skipped).
    """

    COLUMNS: Sequence[Column] = ()
    #: Roles ``extra_data`` answers; empty means none, so unanswered roles return at once.
    EXTRA_ROLES: frozenset = _ANY_ROLE

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

    def replace_rows(self, rows: dict[int, Any]) -> None:
        """Replace some rows in place (source row → record), the selection kept: one ``dataChanged`` per row for
        a few, one for the whole span for many (a chunk of 2,000 verdicts)."""
        if not rows:
            return
        for i, record in rows.items():
            self._rows[i] = record
        last = self.columnCount() - 1
        if len(rows) > 50:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), last))
            return
        for i in rows:
            self.dataChanged.emit(self.index(i, 0), self.index(i, last))

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
                for idx, rec in zip(persistent, held, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        col = self.COLUMNS[column]
        key = col.sort or col.display
        self._rows.sort(
            key=lambda r: _sort_key(key(r)), reverse=order == Qt.SortOrder.DescendingOrder
        )

    def _record_at(self, row: int) -> Any:
        """The record at ``row``, or None past the end (LazyRecordModel fetches it from a page)."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _size(self) -> int:
        return len(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._size()

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # Role first: a view asks ~10 roles per cell per paint, most unanswered; keep those cheap.
        if role not in _OWN_ROLES and not self.EXTRA_ROLES:
            return None
        if not index.isValid():
            return None
        record = self._record_at(index.row())
        if record is None:
            return None
        column = self.COLUMNS[index.column()]
        if role == _DISPLAY:
            return column.display(record)
        if role == RecordRole:
            return record
        if role == SortRole:
            return (column.sort or column.display)(record)
        if role == _ALIGN:
            return int(column.align)
        if role == _TOOLTIP and column.tooltip:
            return column.tooltip(record)
        if role in self.EXTRA_ROLES or self.EXTRA_ROLES is _ANY_ROLE:
            return self.extra_data(record, index.column(), role)
        return None

    def extra_data(self, record: Any, column: int, role: int):
        """Hook for subclasses (colours, fonts); None by default."""
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section].header
        return None
