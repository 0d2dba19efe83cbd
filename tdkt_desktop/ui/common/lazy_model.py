"""Windowed table model for large tables: rows come from a paged source when the view asks, sorted in SQL.

A :class:`LazyRecordModel` knows how many rows its source has and holds only the pages the view has
looked at (least recently used pages are dropped), so 100,000 people or a million awards cost a few
pages of records. Filtering and sorting are the source's job (``db/`` functions with SQL); the model
keeps the :class:`RecordTableModel` columns, roles and ``set_rows`` for small in-memory lists.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer

from tdkt_desktop.ui.common.table_model import RecordTableModel, _sort_key

#: (sort key name known to the source, descending); None is the source's own default order.
Order = tuple[str, bool] | None


class PagedSource(Protocol):
    """Rows of one query: how many, a page of them in an order, and where one of them stands."""

    def count(self) -> int:
        """Number of rows."""

    def fetch(self, offset: int, limit: int, order: Order) -> list:
        """Up to ``limit`` records from row ``offset`` in ``order``."""

    def position(self, key: Any, order: Order) -> int | None:
        """The row of the record whose key is ``key`` in ``order``, or None when it is not there."""


class ListSource:
    """A :class:`PagedSource` over records already in memory (small tables, tests, the empty state)."""

    def __init__(self, records: Sequence[Any], sorters: Mapping[str, Callable[[Any], Any]],
                 key: Callable[[Any], Any]):
        self._records, self._sorters, self._key = list(records), sorters, key
        self._sorted: dict[Order, list] = {}

    def _in(self, order: Order) -> list:
        if order is None:
            return self._records
        if order not in self._sorted:
            sort = self._sorters[order[0]]
            self._sorted[order] = sorted(self._records, key=lambda r: _sort_key(sort(r)), reverse=order[1])
        return self._sorted[order]

    def count(self) -> int:
        return len(self._records)

    def fetch(self, offset: int, limit: int, order: Order) -> list:
        return self._in(order)[offset:offset + limit]

    def position(self, key: Any, order: Order) -> int | None:
        return next((i for i, r in enumerate(self._in(order)) if self._key(r) == key), None)


class LazyRecordModel(RecordTableModel):
    """Read-only model over a :class:`PagedSource`; ``set_source`` resets it, ``reload`` re-reads the same query.

    Subclasses declare ``COLUMNS`` (as for :class:`RecordTableModel`) and ``SORT_KEYS`` (column → the
    source's sort key; other columns do not sort). ``key(record)`` identifies a record across reloads.
    """

    PAGE = 200
    #: Pages kept in memory; the view shows one or two, scrolling back is served from here.
    MAX_PAGES = 30
    SORT_KEYS: Mapping[int, str] = {}

    def __init__(self, parent=None):
        super().__init__(parent)
        self._source: PagedSource = self._list_source([])
        self._count = 0
        self._pages: OrderedDict[int, list] = OrderedDict()
        self._order: Order = None
        self._reported = False

    def key(self, record: Any) -> Any:
        """What identifies a record (its id by default)."""
        return record.id

    def _list_source(self, records: Sequence[Any]) -> ListSource:
        sorters = {name: (self.COLUMNS[c].sort or self.COLUMNS[c].display) for c, name in self.SORT_KEYS.items()}
        return ListSource(records, sorters, self.key)

    # --- filling ---------------------------------------------------------------------------------

    def set_source(self, source: PagedSource) -> None:
        """Show another query (a new filter): the view starts again from the top."""
        self.beginResetModel()
        self._source = source
        self._pages.clear()
        self._reported = False
        self._count = source.count()
        self.endResetModel()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # Pages are read while Qt paints: an error (a damaged stored value) raised back through Qt's C++
        # would end the process. It is raised again from the event loop, where the window's error handler
        # names the damage, once per query.
        try:
            return super().data(index, role)
        except Exception as exc:
            if not self._reported:
                self._reported = True
                QTimer.singleShot(0, partial(_raise, exc))
            return None

    def reload(self) -> None:
        """Re-read the same query after a write."""
        self.set_source(self._source)

    def set_rows(self, records: Sequence[Any]) -> None:
        """Show a fixed list of records (kept in memory)."""
        self.set_source(self._list_source(records))

    def replace_rows(self, rows: dict[int, Any]) -> None:
        """Not for a lazy model: its rows are pages of a source; :meth:`reload` reads them again."""
        raise NotImplementedError("LazyRecordModel re-reads its pages: call reload()")

    def order(self) -> Order:
        """The current sort (key, descending), or None for the source's default."""
        return self._order

    # --- rows ------------------------------------------------------------------------------------

    def _size(self) -> int:
        return self._count

    def _record_at(self, row: int) -> Any:
        if not 0 <= row < self._count:
            return None
        number, within = divmod(row, self.PAGE)
        page = self._pages.get(number)
        if page is None:
            page = self._pages[number] = self._source.fetch(number * self.PAGE, self.PAGE, self._order)
            while len(self._pages) > self.MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[within] if within < len(page) else None

    def record(self, row: int) -> Any:
        """The record at ``row`` (fetched with its page if needed)."""
        record = self._record_at(row)
        if record is None:
            raise IndexError(row)
        return record

    def records(self) -> list[Any]:
        """Every record in order: reads the whole query, so only for small results (tests, exports)."""
        return self._source.fetch(0, self._count, self._order) if self._count else []

    def row_of(self, predicate: Callable[[Any], bool]) -> int:
        """The first row whose record matches, or -1 (reads every row: use :meth:`row_of_key` on large tables)."""
        return next((i for i, r in enumerate(self.records()) if predicate(r)), -1)

    def row_in_first_page(self, key: Any) -> int:
        """The row of the record with this key if it is in the first page (no query beyond that page), or -1."""
        self._record_at(0)
        page = self._pages.get(0, [])
        return next((i for i, r in enumerate(page) if self.key(r) == key), -1)

    def row_of_key(self, key: Any) -> int:
        """The row of the record with this key (one query, whatever the size), or -1."""
        row = self._source.position(key, self._order)
        return -1 if row is None else row

    # --- sorting ---------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the source (SQL); the view's selection follows its records to their new rows."""
        if column not in self.SORT_KEYS:
            return
        self._order = (self.SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        keys = {}
        for index in persistent:
            record = self._record_at(index.row())
            keys[index.row()] = None if record is None else self.key(record)
        self._pages.clear()
        moved: dict[int, int] = {}
        for old, key in keys.items():
            new = self._source.position(key, self._order) if key is not None else None
            moved[old] = -1 if new is None else new
        self.changePersistentIndexList(
            persistent,
            [self.index(moved[i.row()], i.column()) if moved[i.row()] >= 0 else QModelIndex() for i in persistent],
        )
        self.layoutChanged.emit()


def _raise(exc: BaseException) -> None:
    raise exc
