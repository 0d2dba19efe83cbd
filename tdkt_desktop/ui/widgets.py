"""Small reusable widgets: a date field that reads dd/mm/yyyy, and an inline error label."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit

from tdkt_desktop.text import DateError, format_date, parse_date


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


def save_cancel_box(dialog: QDialog, *, save_text: str = "Lưu") -> QDialogButtonBox:
    """Save/Cancel buttons in Vietnamese, wired to the dialog's accept/reject."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Save).setText(save_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


__all__ = ["DateError", "DateLineEdit", "ErrorLabel", "save_cancel_box"]
