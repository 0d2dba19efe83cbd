"""Small reusable widgets and dialog helpers: dd/mm/yyyy field, inline error label, sizing, confirmations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from tdkt_desktop.text import DateError, format_date, parse_date
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.changes import WriteFailed

T = TypeVar("T")


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


def hide_columns(view: QTableView, columns: list[int]) -> None:
    """Hide ``columns`` at first; a right click on the header lists every column to show or hide."""
    from PySide6.QtGui import QAction

    header = view.horizontalHeader()
    for column in columns:
        header.setSectionHidden(column, True)
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    model = view.model()
    for column in range(model.columnCount()):
        action = QAction(str(model.headerData(column, Qt.Orientation.Horizontal)), header)
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(column))
        action.toggled.connect(lambda shown, c=column: header.setSectionHidden(c, not shown))
        header.addAction(action)


def save_cancel_box(dialog: QDialog, *, save_text: str = "Lưu") -> QDialogButtonBox:
    """Save/Cancel buttons in Vietnamese, wired to the dialog's accept/reject."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Save).setText(save_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def write_from_dialog(window, dialog: QDialog, save: Callable[[Any], T], *topics: str) -> T | None:
    """Show ``dialog`` until ``save(dialog.value())`` is written through ``window.run_write`` (its result) or
    the user cancels (None). A refused write (the user has seen why) opens the dialog again with what was typed."""
    while dialog.exec():
        value = dialog.value()
        try:
            return window.run_write(lambda v=value: save(v), *topics)
        except WriteFailed:
            continue
    return None


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to ``width`` × ``height``, but never beyond the screen's free area (a 1366×768 laptop)."""
    screen = widget.screen() or QApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        # Room for the title bar and frame the window manager adds around the dialog.
        width, height = min(width, free.width() - 16), min(height, free.height() - 40)
    widget.resize(width, height)


def _needed_height(dialog: QWidget, width: int) -> int:
    layout = dialog.layout()
    if layout is None:
        return dialog.sizeHint().height()
    layout.activate()
    height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
    return max(height, layout.totalSizeHint().height() if height < 0 else 0, layout.totalMinimumSize().height())


def fit_to_content(dialog: QDialog, *, min_width: int = 0) -> None:
    """Make a dialog as large as its content asks (wrapped labels included), at least ``min_width`` wide.

    Qt sizes a window from its layout's size hint, which ignores that a wrapped label needs more lines
    when the window is narrow: dialogs then cut their own text. Call once built, and again (or
    :func:`grow_to_fit`) when messages appear.
    """
    width = max(min_width, dialog.sizeHint().width())
    dialog.setMinimumWidth(min_width)
    dialog.resize(width, _needed_height(dialog, width))


def grow_to_fit(dialog: QWidget) -> None:
    """Grow (never shrink) the dialog's height so every wrapped line of its messages shows."""
    need = _needed_height(dialog, dialog.width())
    if need > dialog.height():
        dialog.resize(dialog.width(), need)


def no_default_buttons(dialog: QDialog) -> None:
    """No button is pressed by Enter typed in a field: only a click, Space, or Enter on the focused button."""
    for button in dialog.findChildren(QPushButton):
        button.setDefault(False)
        button.setAutoDefault(False)


def confirm(parent: QWidget, title: str, question: str, *, yes: str, no: str, details: str = "") -> bool:
    """A question whose buttons say what they do; True only when ``yes`` is clicked (Esc and Enter: ``no``)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent)
    if details:
        box.setDetailedText(details)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    refuse = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(refuse)
    box.setEscapeButton(refuse)
    box.exec()
    return box.clickedButton() is accept


def ask_discard(parent: QWidget, question: str) -> bool:
    """Ask before throwing away typed work; True only when the user chooses to discard it."""
    return confirm(parent, "Bỏ thay đổi chưa lưu?", question, yes="Bỏ thay đổi", no="Tiếp tục nhập")


__all__ = [
    "DateError", "DateLineEdit", "ErrorLabel", "LazyPage", "ask_discard", "confirm", "fit_to_content", "fit_to_screen",
    "grow_to_fit", "hide_columns", "no_default_buttons", "save_cancel_box", "setup_table", "write_from_dialog",
]
