"""Small reusable widgets: a date field that reads dd/mm/yyyy, and an inline error label."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
)

from tdkt_desktop.text import DateError, format_date, parse_date
from tdkt_desktop.ui.common import changes


class DateLineEdit(QLineEdit):
    """Free typing of dd/mm/yyyy (blank allowed); ``date()`` parses or raises DateError."""

    def __init__(self, field: str, parent=None):
        super().__init__(parent)
        self.field = field
        self.setPlaceholderText("dd/mm/yyyy")
        self.setMaxLength(10)

    def date(self) -> dt.date | None:
        """The typed date, None when blank; raises DateError with a Vietnamese message."""
        return parse_date(self.text(), field=self.field)

    def set_date(self, value: dt.date | None) -> None:
        """Show ``value`` as dd/mm/yyyy."""
        self.setText(format_date(value))


class ErrorLabel(QLabel):
    """Red text under a field; hidden when there is nothing to say."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setStyleSheet("color: #b00020;")
        self.setWordWrap(True)
        self.hide()

    def show_error(self, message: str | None) -> None:
        """Show the message, or hide when None/empty."""
        self.setText(message or "")
        self.setVisible(bool(message))


class LazyPage:
    """Mixin for tab pages: load only when shown, so the window starts fast on a large database.

    ``refresh(changed)`` (connected to ``data_changed``) does nothing when the write touched none of
    the page's ``topics``; otherwise it reloads a page the user can see at once and marks a hidden
    one stale; a stale page reloads when it is next shown. Subclasses implement ``reload()``, set
    ``topics`` to what they show, and may widen ``wants_reload_now()`` (e.g. a projector window).
    """

    _stale = True
    #: Change topics (ui/common/changes.py) this page shows; the default reloads after any write.
    topics: frozenset[str] = frozenset({changes.ALL})

    def wants_reload_now(self) -> bool:
        """Whether a refresh must reload at once (default: the page is visible)."""
        return self.isVisible()  # type: ignore[attr-defined]

    def refresh(self, changed: frozenset[str] = frozenset({changes.ALL})) -> None:
        """Reload now if seen, else on next show; nothing when the write did not touch this page."""
        if not changes.touches(changed, self.topics):
            return
        if self.wants_reload_now():
            self._stale = False
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)  # type: ignore[misc]
        if self._stale:
            self._stale = False
            self.reload()

    def reload(self) -> None:  # pragma: no cover - always overridden
        raise NotImplementedError


def setup_table(view: QTableView, model, *, multi: bool = False, sortable: bool = True) -> None:
    """Row selection, click-to-sort (rows start in database order), last column stretched, compact rows."""
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection if multi else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # No sort indicator at first: enabling sorting would otherwise re-sort by column 0 at once.
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(sortable)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)


def save_cancel_box(dialog: QDialog, *, save_text: str = "Lưu") -> QDialogButtonBox:
    """Save/Cancel buttons in Vietnamese, wired to the dialog's accept/reject."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Save).setText(save_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


__all__ = ["DateError", "DateLineEdit", "ErrorLabel", "LazyPage", "save_cancel_box", "setup_table"]
