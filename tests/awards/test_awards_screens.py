"""Awards screens on a 1366×768 laptop: rating editor, history panel, council meeting dialog, certificate register."""

from __future__ import annotations

from helpers import button_with_text, when_modal
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox

from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.demo import awards as demo_awards
from tdkt_desktop.ui.printing.choosers import RegisterDialog
from tdkt_desktop.ui.staff.history_panel import PersonHistoryPanel


def _page(window, title):
    page = window.titles_tab.page(title)
    window.tabs.setCurrentWidget(window.titles_tab)
    window.titles_tab.pages.setCurrentWidget(page)
    return page


def test_rating_editor_shows_the_whole_rating_name(main_window, qtbot):
    page = _page(main_window, "Xếp loại, sáng kiến")
    page.year.setValue(2025)
    index = page.grid.index(0, page.grid.COL_RATING)
    qtbot.waitUntil(lambda: page.view.visualRect(index).isValid() and page.view.isVisible())
    center = page.view.visualRect(index).center()
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    editor = next((c for c in page.view.findChildren(QComboBox) if c.isVisible()), None)
    assert editor is not None, "double click opens the rating editor"
    longest = max((editor.itemText(i) for i in range(editor.count())), key=len)
    assert longest.startswith("HTXS – ") or longest.startswith("HTT – ")
    assert editor.width() > editor.fontMetrics().horizontalAdvance(editor.currentText())
    assert editor.view().minimumWidth() > editor.fontMetrics().horizontalAdvance(longest)
    QTest.keyClick(editor, Qt.Key.Key_Escape)


def test_history_panel_shows_forms_and_initiatives_in_the_laptop_pane(main_window, qtbot):
    main_window.resize(1366, 768)
    tab = main_window.staff_tab
    person = staff_db.find_by_code(main_window.db, demo_awards.CSTD_TINH)
    main_window.show_person(person.id)
    panel = next(p for p in tab.detail_pages if isinstance(p, PersonHistoryPanel))
    qtbot.waitUntil(lambda: panel.history is not None and panel.history.staff_id == person.id)
    tab.fit_splitter()
    qtbot.waitUntil(lambda: panel.table.viewport().width() < 500)
    header = panel.table.horizontalHeader()
    titles = [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())
              if not header.isSectionHidden(c)]
    assert titles[-3:] == ["Danh hiệu", "Hình thức", "Sáng kiến"]
    last = header.logicalIndex(header.count() - 1)
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= panel.table.viewport().width()
    assert not panel.table.horizontalScrollBar().isVisible()
    assert all(header.sectionSize(c) >= 60 for c in (3, 4, 5))
    row = panel.model.row_of(lambda e: any(i for i in e.initiatives))
    assert row >= 0 and panel.model.index(row, 5).data()


def test_new_council_meeting_dialog_fits_its_text(main_window, qtbot):
    page = _page(main_window, "Hội đồng TĐKT")
    seen = {}

    def look(dialog):
        seen["width"] = dialog.width()
        seen["title"] = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle())
        seen["place"] = (dialog.place.width(), dialog.place.fontMetrics().horizontalAdvance(dialog.place.text()))
        seen["errors"] = dialog.error.isVisible()
        dialog.reject()

    when_modal(look)
    qtbot.mouseClick(page.new_meeting_button, Qt.MouseButton.LeftButton)
    assert seen["width"] >= 440 and seen["width"] > seen["title"]
    assert seen["place"][0] > seen["place"][1] + 8  # "Phòng họp cơ quan" whole in its field
    assert not seen["errors"]


def test_certificate_register_has_close_and_says_when_empty(main_window, qtbot):
    seen = {}

    def look(dialog):
        assert isinstance(dialog, RegisterDialog)
        seen["empty"] = dialog.empty.text() if dialog.empty.isVisible() else ""
        seen["table"] = dialog.view.isVisible()
        qtbot.mouseClick(button_with_text(dialog, "Đóng"), Qt.MouseButton.LeftButton)
        seen["closed"] = not dialog.isVisible()

    when_modal(look)
    action = next(a for a in main_window.print_menu.actions() if a.text().startswith("Sổ cấp giấy khen"))
    action.trigger()
    assert seen["empty"].startswith("Chưa cấp giấy khen nào.") and not seen["table"]
    assert seen["closed"]


def test_certificate_register_search_without_match_says_so(qtbot, app_fonts):
    from helpers import type_text

    from tdkt_desktop.db.award_records import RegisterEntry

    entry = RegisterEntry(id=1, award_id=1, serial="001/2025", recipient_name="Đặng Thị Hương", award_name="Giấy khen",
                          decision_number="20/QĐ-SKHCN", printed_at="2026-01-20T09:00:00", reprint=False,
                          mode="full")
    dialog = RegisterDialog([entry])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.view.isVisible() and dialog.count.text() == "1 lượt cấp"
    type_text(dialog.search, "khong co ai")
    assert not dialog.view.isVisible() and dialog.empty.text() == "Không có dòng nào khớp “khong co ai”."
