"""Decision dialog as an officer uses it: Enter adds and never saves, Esc asks, pasted codes find the right person."""

from __future__ import annotations

import datetime as dt

from helpers import button_with_text, type_text, when_modal
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlite_utils import Database

from tdkt_desktop.db import decisions
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db.migrations import migrations
from tdkt_desktop.ui.awards.decision_dialog import DecisionDialog
from tdkt_desktop.ui.awards.widgets import set_combo_data


def _decisions_page(window):
    page = window.titles_tab.page("Quyết định")
    window.tabs.setCurrentWidget(window.titles_tab)
    window.titles_tab.pages.setCurrentWidget(page)
    return page


def _open_add(window, drive):
    """Click "Thêm quyết định…" and run ``drive(dialog)`` inside its event loop; re-raise its failures."""
    failures: list[Exception] = []
    when_modal(drive, failures=failures)
    _decisions_page(window).add_button.click()
    if failures:
        raise failures[0]


def _search_and_enter(qtbot, dialog, text: str) -> None:
    dialog.search.clear()
    type_text(dialog.search, text)
    qtbot.waitUntil(lambda: dialog.pick_proxy.rowCount() == 1)
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)


def test_enter_in_search_adds_the_match_and_never_saves(main_window, qtbot):
    db = main_window.db
    before = (db["decisions"].count, db["awards"].count)
    seen = {}

    def drive(dialog: DecisionDialog):
        type_text(dialog.number, "43/QĐ-SKHCN")
        assert set_combo_data(dialog.award_type, "giay_khen")
        dialog.year.setValue(2026)
        # The date is still empty: Enter adds the person and shows no date error.
        _search_and_enter(qtbot, dialog, "trieu thanh linh")
        assert dialog.isVisible() and dialog.lines.rowCount() == 1
        assert not dialog.error.isVisible()
        type_text(dialog.issued_on, "20/11/2026")
        _search_and_enter(qtbot, dialog, "dang thi huong")
        # With the date filled in too, Enter still only adds: the dialog stays, nothing is written.
        assert dialog.isVisible() and dialog.lines.rowCount() == 2
        assert (db["decisions"].count, db["awards"].count) == before
        QTest.keyClick(dialog.number, Qt.Key.Key_Return)  # Enter in a header field does nothing either
        assert dialog.isVisible()
        seen["names"] = [a.recipient_name for a in dialog.lines.records()]
        QTest.keyClick(dialog.search, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S saves

    _open_add(main_window, drive)
    assert seen["names"] == ["Triệu Thanh Linh", "Đặng Thị Hương"]
    saved = decisions.find_decision(db, "43/QĐ-SKHCN")
    assert saved is not None and saved.issued_on == dt.date(2026, 11, 20)
    assert [a.recipient_name for a in decisions.awards_of_decision(db, saved.id)] == seen["names"]
    assert _decisions_page(main_window).current_decision_id() == saved.id


def test_ctrl_enter_saves_from_the_search_box(main_window, qtbot):
    db = main_window.db

    def drive(dialog: DecisionDialog):
        type_text(dialog.number, "44/QĐ-SKHCN")
        type_text(dialog.issued_on, "21/11/2026")
        assert set_combo_data(dialog.award_type, "giay_khen")
        _search_and_enter(qtbot, dialog, "trieu thanh linh")
        QTest.keyClick(dialog.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    _open_add(main_window, drive)
    saved = decisions.find_decision(db, "44/QĐ-SKHCN")
    assert saved is not None and saved.award_count == 1


def test_escape_and_cancel_ask_before_throwing_lines_away(main_window, qtbot):
    db = main_window.db
    before = (db["decisions"].count, db["awards"].count)
    seen = {}

    def drive(dialog: DecisionDialog):
        type_text(dialog.number, "45/QĐ-SKHCN")
        assert set_combo_data(dialog.award_type, "giay_khen")
        _search_and_enter(qtbot, dialog, "trieu thanh linh")

        def keep_editing(box):
            seen["question"] = box.text()
            qtbot.mouseClick(button_with_text(box, "Tiếp tục nhập"), Qt.MouseButton.LeftButton)

        when_modal(keep_editing, after=dialog)
        QTest.keyClick(dialog.search, Qt.Key.Key_Escape)
        assert dialog.isVisible() and dialog.lines.rowCount() == 1  # nothing lost

        def discard(box):
            qtbot.mouseClick(button_with_text(box, "Bỏ thay đổi"), Qt.MouseButton.LeftButton)

        when_modal(discard, after=dialog)
        cancel = button_with_text(dialog, "Hủy")
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        seen["closed"] = not dialog.isVisible()

    _open_add(main_window, drive)
    assert "1 dòng khen thưởng" in seen["question"]
    assert seen["closed"]
    assert (db["decisions"].count, db["awards"].count) == before


def test_escape_on_an_untouched_dialog_closes_without_asking(main_window, qtbot):
    seen = {}

    def drive(dialog: DecisionDialog):
        QTest.keyClick(dialog.search, Qt.Key.Key_Escape)
        seen["closed"] = not dialog.isVisible()

    _open_add(main_window, drive)
    assert seen["closed"]


def test_future_decision_date_is_named_as_such(main_window, qtbot):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    seen = {}

    def drive(dialog: DecisionDialog):
        type_text(dialog.number, "46/QĐ-SKHCN")
        type_text(dialog.issued_on, tomorrow.strftime("%d/%m/%Y"))
        assert set_combo_data(dialog.award_type, "giay_khen")
        _search_and_enter(qtbot, dialog, "trieu thanh linh")
        qtbot.mouseClick(button_with_text(dialog, "Lưu"), Qt.MouseButton.LeftButton)
        seen["error"] = dialog.error.text()
        dialog.done(0)

    _open_add(main_window, drive)
    assert seen["error"] == f"Ngày quyết định {tomorrow.strftime('%d/%m/%Y')} ở tương lai."
    assert decisions.find_decision(main_window.db, "46/QĐ-SKHCN") is None


def _db_with_code_pair() -> Database:
    """A database made before codes ignored case, holding "CB001" and "cb001", then upgraded."""
    db = Database(memory=True, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db, stop_before="0007_staff_code_key")
    for code, name in (("CB001", "Hoàng Văn Thắng"), ("cb001", "Nông Thị Lan"), ("CB002", "Bùi Phương Yến")):
        db["staff"].insert({"code": code, "full_name": name, "fold": name})
    migrations.apply(db)  # the upgrade must not fail on the old pair
    return db


def test_pasting_a_code_finds_exactly_that_person(qtbot, app_fonts):
    db = _db_with_code_pair()
    dialog = DecisionDialog(db)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))  # no "discard?" question at teardown
    assert set_combo_data(dialog.award_type, "giay_khen")
    dialog.paste.setPlainText("CB001\ncb001\nCb002\n")
    qtbot.mouseClick(dialog.paste_button, Qt.MouseButton.LeftButton)
    assert [(a.staff_code, a.recipient_name) for a in dialog.lines.records()] == [
        ("CB001", "Hoàng Văn Thắng"), ("cb001", "Nông Thị Lan"), ("CB002", "Bùi Phương Yến"),
    ]
    assert dialog.paste_result.text() == "Đã thêm 3 dòng."
    # A code typed in another case that two people share is not guessed.
    dialog.paste.setPlainText("Cb001")
    qtbot.mouseClick(dialog.paste_button, Qt.MouseButton.LeftButton)
    assert "Không nhận ra 1 dòng: Cb001" in dialog.paste_result.text()
    assert dialog.lines.rowCount() == 3
    db.close()


def test_add_buttons_point_to_the_list_on_the_right(demo_db, qtbot, app_fonts):
    dialog = DecisionDialog(demo_db)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))  # no "discard?" question at teardown
    dialog.show()
    qtbot.waitExposed(dialog)
    lines_left = dialog.lines_view.mapTo(dialog, dialog.lines_view.rect().topLeft()).x()
    assert dialog.add_button.mapTo(dialog, dialog.add_button.rect().topRight()).x() < lines_left
    assert dialog.add_button.text().endswith("→") and dialog.paste_button.text().endswith("→")


def test_decision_dialog_fits_a_1366x768_screen(demo_db, qtbot, app_fonts):
    dialog = DecisionDialog(demo_db)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))  # no "discard?" question at teardown
    free = dialog.screen().availableGeometry()
    assert dialog.width() <= free.width() and dialog.height() <= free.height()  # never beyond the screen
    dialog.resize(1240, 728)  # its size on a 1366×768 laptop (the test screen, tests/conftest.py)
    dialog.show()
    qtbot.waitExposed(dialog)
    person = staff_db.find_by_code(demo_db, "CB006")
    assert set_combo_data(dialog.award_type, "chien_si_thi_dua_co_so")
    dialog.add_recipients([person])
    view = dialog.lines_view
    qtbot.waitUntil(lambda: view.viewport().width() > 600, timeout=2000)  # laid out at the laptop size
    header = view.horizontalHeader()
    award_column = 4
    assert header.sectionViewportPosition(award_column) + header.sectionSize(award_column) <= view.viewport().width()
    award_text = dialog.lines.index(0, award_column).data()
    assert view.fontMetrics().horizontalAdvance(award_text) < header.sectionSize(award_column)
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible(), timeout=2000)
