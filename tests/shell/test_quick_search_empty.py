"""Quick search says when nothing matches, Enter then does nothing, and its placeholder's examples work."""

from __future__ import annotations

import re

from helpers import replace_text, type_text
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tdkt_desktop.db import staff_search


def test_nothing_found_is_said_and_enter_does_nothing(main_window, qtbot):
    search = main_window.quick_search
    main_window.tabs.setCurrentIndex(1)
    main_window.search_action.trigger()  # Ctrl+K
    type_text(search, "nguyen khong ai")
    assert search.popup.isVisible() and search.empty_label.isVisible() and not search.view.isVisible()
    assert search.empty_label.text().startswith("Không tìm thấy “nguyen khong ai”.")
    chosen = []
    search.person_chosen.connect(chosen.append)
    QTest.keyClick(search, Qt.Key.Key_Return)
    assert chosen == [] and main_window.tabs.currentIndex() == 1  # nothing opened, nowhere moved
    assert search.text() == "nguyen khong ai"  # the typing is kept, to correct it
    replace_text(search, "dang thi huong")  # a match again: the list comes back
    assert search.view.isVisible() and not search.empty_label.isVisible()
    assert search.model.index(0, 0).data() == "Đặng Thị Hương"
    search.clear()
    assert not search.popup.isVisible()


def test_placeholder_examples_each_find_someone_in_the_demo(main_window):
    search = main_window.quick_search
    examples = re.findall(r"“([^”]+)”", search.placeholderText())
    assert len(examples) == 3
    for example in examples:
        assert staff_search.search_staff(main_window.db, example), example
