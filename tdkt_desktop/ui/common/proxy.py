"""Filter proxy on folded text (diacritics ignored); sorting is delegated to the source model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from tdkt_desktop.text import tokens
from tdkt_desktop.ui.common.table_model import RecordRole


class FoldFilterProxy(QSortFilterProxyModel):
    """Every typed token must prefix a word of the record's search text; plus an optional predicate."""

    def __init__(self, search_text: Callable[[Any], str], parent=None):
        super().__init__(parent)
        self._search_text = search_text
        self._tokens: list[str] = []
        self._predicate: Callable[[Any], bool] | None = None
        # Folded words per record, computed once: filtering 20,000 rows per keystroke stays cheap.
        self._words: dict[int, list[str]] = {}

    def setSourceModel(self, model) -> None:
        """Attach the model and drop the word cache whenever it resets or replaces rows (a replaced record's
        id may be reused by a new one)."""
        super().setSourceModel(model)
        model.modelReset.connect(self._words.clear)
        model.dataChanged.connect(lambda *_args: self._words.clear())

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Let the source model sort (one Python key per row); the proxy keeps source order."""
        self.sourceModel().sort(column, order)

    def set_filter_text(self, text: str) -> None:
        """Filter by typed text; 'dang thi' keeps 'Đặng Thị Hương'."""
        self.beginFilterChange()
        self._tokens = tokens(text)
        # Qt 6.12: invalidateFilter() is deprecated in favour of begin/endFilterChange.
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        """An extra row condition (e.g. active staff only); None removes it."""
        self.beginFilterChange()
        self._predicate = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._tokens and self._predicate is None:
            return True  # the common case, kept cheap: called once per row on every reset
        record = self.sourceModel().index(source_row, 0, source_parent).data(RecordRole)
        if record is None:
            return False
        if self._predicate and not self._predicate(record):
            return False
        if not self._tokens:
            return True
        words = self._words.get(id(record))
        if words is None:
            words = self._words[id(record)] = tokens(self._search_text(record))
        return all(any(w.startswith(t) for w in words) for t in self._tokens)
