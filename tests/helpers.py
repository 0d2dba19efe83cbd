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


def when_modal(action, *, after=None, failures=None):
    """Run ``action(widget)`` on the next modal window that is not ``after`` (a dialog opened by exec()).

    Polls from the event loop, so it works for dialogs and message boxes opened while the test waits in
    exec(). Exceptions are appended to ``failures`` (the modal is closed) so a failing check never hangs.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def step():
        widget = QApplication.activeModalWidget()
        if widget is None or widget is after or not widget.isVisible():
            QTimer.singleShot(10, step)
            return
        if not widget.isActiveWindow():  # keys and shortcuts go to the active window, as for a user
            widget.activateWindow()
            QTimer.singleShot(10, step)
            return
        try:
            action(widget)
        except Exception as exc:
            if failures is None:
                raise
            failures.append(exc)
            widget.done(0)

    QTimer.singleShot(0, step)


def run_modal(qtbot, open_it, drive) -> None:
    """Open a modal dialog with ``open_it`` and drive it from inside its event loop; a failed check is raised
    after exec returns (the dialog is closed, never left hanging)."""
    failures = []
    when_modal(drive, failures=failures)
    open_it()
    if failures:
        raise failures[0]


def button_with_text(box, text: str):
    """The push button of a dialog or message box whose text (without &) is ``text``."""
    from PySide6.QtWidgets import QPushButton

    for button in box.findChildren(QPushButton):
        if button.text().replace("&", "") == text:
            return button
    raise AssertionError(f"no button “{text}” in {[b.text() for b in box.findChildren(QPushButton)]}")


def fresh_python(script: str, data_dir) -> str:
    """Run ``script`` in a new offscreen interpreter (what a fresh start imports) and return what it printed."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TDKT_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True).stdout
