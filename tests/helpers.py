"""Typing helpers for UI tests: qtbot.keyClicks aborts on non-ASCII, so send characters one by one."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def type_text(widget, text: str) -> None:
    """Type ``text`` (Vietnamese included) into ``widget`` as key events."""
    widget.setFocus()
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def replace_text(widget, text: str) -> None:
    """Clear a line edit, then type ``text``."""
    widget.clear()
    type_text(widget, text)
