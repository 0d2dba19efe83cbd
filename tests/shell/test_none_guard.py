"""The None-refcount guard keeps a long session alive on PySide6 6.12 + Python 3.11."""

import sys

import pytest
from PySide6.QtWidgets import QLabel

from tdkt_desktop.ui.shell import none_guard


@pytest.mark.skipif(not none_guard.needed(), reason="None is immortal here, or PySide6 is not 6.12")
def test_void_calls_cannot_exhaust_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    none_guard.top_up()
    start = sys.getrefcount(None)
    assert start >= none_guard.FLOOR
    for _ in range(20_000):  # twice what would abort an unguarded Python 3.11 process
        label.setText("Đặng Thị Hương")
    assert sys.getrefcount(None) > 0.9 * start  # each call still leaks (upstream), the reserve absorbs it
    none_guard.top_up()
    assert sys.getrefcount(None) >= none_guard.FLOOR


def test_guard_timer_runs_in_the_app(qapp):
    from PySide6.QtCore import QTimer

    if none_guard.needed():
        assert qapp.findChild(QTimer, "none_guard").isActive()
    else:
        assert qapp.findChild(QTimer, "none_guard") is None


@pytest.mark.skipif(not none_guard.needed(), reason="True/False are immortal here, or PySide6 is not 6.12")
def test_true_and_false_get_the_same_reserve():
    none_guard.top_up()
    assert sys.getrefcount(True) >= none_guard.FLOOR and sys.getrefcount(False) >= none_guard.FLOOR
