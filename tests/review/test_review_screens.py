"""Screen defects of Bình xét, Hội đồng and the rule-set dialog, each tested the way an officer meets it."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from tdkt_desktop.db import review, review_council
from tdkt_desktop.db import settings as settings_db
from tdkt_desktop.ui.common.table_model import RecordRole


def _review(window, year=2026):
    window.tabs.setCurrentWidget(window.titles_tab)
    page = window.titles_tab.page("Bình xét năm")
    window.titles_tab.pages.setCurrentWidget(page)
    page.year.setValue(year)
    return page


def _select_award(page, code):
    page.award.setCurrentIndex(page.award.findData(code))


def _click_row(qtbot, page, row: int) -> None:
    index = page.proxy.index(row, 1)
    page.table.scrollTo(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=page.table.visualRect(index).center())


def test_clicking_rows_in_sequence_shows_each_rows_own_reasons(main_window, qtbot):
    """Rows 17, 5, 9 clicked with the mouse once showed the reasons of the row clicked before."""
    page = _review(main_window)
    _select_award(page, "chien_si_thi_dua_co_so")
    for row in (16, 4, 8, 12, 0):
        _click_row(qtbot, page, row)
        record = page.proxy.index(row, 0).data(RecordRole)
        assert page.reasons.toPlainText().splitlines()[0] == record.name, row
        assert page.current_row().key == record.key
    QTest.keyClick(page.table, Qt.Key.Key_Down)  # the arrow keys go the same way
    assert page.reasons.toPlainText().splitlines()[0] == page.proxy.index(1, 0).data(RecordRole).name


def test_decided_rows_show_the_decision_and_space_says_so_without_a_modal(main_window, qtbot, monkeypatch):
    """People who already hold LĐTT 2025 by decision: "Đã có QĐ số …", counted apart, Space → status bar."""
    db = main_window.db
    page = _review(main_window, 2025)
    _select_award(page, "lao_dong_tien_tien")
    decided = [r for r in page.model.records() if r.decided]
    assert decided and all(r.status_text().startswith("Đã có QĐ số ") for r in decided)
    row = next(i for i in range(page.proxy.rowCount()) if page.proxy.index(i, 0).data(RecordRole).decided)
    assert page.proxy.index(row, 7).data().startswith("Đã có QĐ số ")
    counts = page.counts()
    assert counts["decided"] == len(decided) and counts["eligible"] == sum(1 for r in page.model.records()
                                                                           if r.proposable)
    assert f"Đã có QĐ: {len(decided)}" in page.meter_label.text()

    def no_modal(*args, **kwargs):
        raise AssertionError(f"no modal expected: {args[1:3]}")

    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, no_modal)
    before = db["proposals"].count
    _click_row(qtbot, page, row)
    QTest.keyClick(page.table, Qt.Key.Key_Space)
    assert db["proposals"].count == before
    message = main_window.statusBar().currentMessage()
    assert page.proxy.index(row, 0).data(RecordRole).name in message and "không đề nghị lần nữa" in message


def _no_horizontal_scroll(page) -> bool:
    header = page.table.horizontalHeader()
    return header.length() <= page.table.viewport().width() + 1


def test_every_column_fits_at_1366_by_768_for_people_and_collectives(main_window, qtbot):
    main_window.resize(1366, 768)
    page = _review(main_window)
    for code in ("lao_dong_tien_tien", "tap_the_lao_dong_tien_tien", "co_thi_dua_cap_tinh"):
        _select_award(page, code)
        page.table.selectRow(0)
        QApplication.processEvents()
        assert main_window.width() == 1366, code
        assert _no_horizontal_scroll(page), code
        status = page.table.columnViewportPosition(7) + page.table.columnWidth(7)
        assert status <= page.table.viewport().width(), code  # Trạng thái on screen
    council = main_window.titles_tab.page("Hội đồng TĐKT")
    main_window.titles_tab.pages.setCurrentWidget(council)
    council.year.setValue(2025)
    QApplication.processEvents()
    for view in (council.candidates_view, council.attendance_view):
        assert view.horizontalHeader().length() <= view.viewport().width() + 1
    assert main_window.width() == 1366


def test_rule_set_dialog_speaks_vietnamese_and_the_read_only_view_closes(main_window, qtbot, monkeypatch):
    from tdkt_desktop.ui.review import ruleset_dialog

    page = _review(main_window)
    seen = {}

    def look(dialog):
        rows = dialog.params.records()
        shown = [(dialog.params.index(i, c).data() or "") for i in range(len(rows)) for c in range(3)]
        seen["raw"] = [t for t in shown if re.search(r"\b[a-z]+(_[a-z]+)+\b|\b[a-z_]+\.\d+\.|\b\d{4}-\d\d-\d\d\b", t)]
        seen["texts"] = shown
        seen["close"] = dialog.buttons.button(dialog.buttons.StandardButton.Close)
        return 0

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    monkeypatch.setattr(ruleset_dialog.RuleSetDialog, "exec", look)
    page.rules_button.click()
    assert seen["raw"] == []
    texts = seen["texts"]
    assert "01/07/2024" in texts and "2.340.000 đồng/tháng" in texts and "Dòng 2: áp dụng từ ngày" in texts
    assert "từ 4/5 (80 %) tổng số thành viên Hội đồng" in texts and "3 năm" in texts
    assert seen["close"] is not None and seen["close"].text() == "Đóng"


def test_one_working_year_for_every_page_remembered_in_settings(main_window, qtbot):
    db = main_window.db
    page = _review(main_window, 2024)
    assert settings_db.working_year(db) == 2024
    titles = main_window.titles_tab
    for title, get in (("Hội đồng TĐKT", lambda p: p.year.value()), ("Xếp loại, sáng kiến", lambda p: p.year.value()),
                       ("Thống kê", lambda p: p.to_year.value()),
                       ("Sổ khen thưởng", lambda p: p.year_combo.currentData())):
        other = titles.page(title)
        titles.pages.setCurrentWidget(other)
        assert get(other) == 2024, title
    ratings = titles.page("Xếp loại, sáng kiến")
    titles.pages.setCurrentWidget(ratings)
    ratings.year.setValue(2025)
    assert settings_db.working_year(db) == 2025
    titles.pages.setCurrentWidget(page)
    assert page.year.value() == 2025 and page.result.year == 2025


def test_default_working_year_follows_the_review_season():
    import datetime as dt

    assert settings_db.default_working_year(dt.date(2026, 9, 30)) == 2025
    assert settings_db.default_working_year(dt.date(2026, 10, 1)) == 2026


def test_a_vote_count_above_the_voters_is_refused_with_a_message(main_window, qtbot, monkeypatch):
    db = main_window.db
    page = _review(main_window)
    _select_award(page, "lao_dong_tien_tien")
    page.table.selectRow(0)
    page.propose_button.click()
    council = main_window.titles_tab.page("Hội đồng TĐKT")
    main_window.titles_tab.pages.setCurrentWidget(council)
    from tdkt_desktop.ui.review import council_page

    monkeypatch.setattr(council_page.MeetingDialog, "exec", lambda self: 1)
    council.new_meeting_button.click()
    meeting_id = council.current_meeting_id()
    members = review_council.attendance(db, meeting_id)
    review_council.set_attendance(db, meeting_id, members[0].member_id, False, True)  # absent, wrote in
    review_council.set_attendance(db, meeting_id, members[1].member_id, False)
    council.reload()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    view = council.candidates_view
    view.setFocus()
    view.setCurrentIndex(council.candidates.index(0, 4))
    QTest.keyClicks(view, "1")  # any key opens the editor on the 'Đồng ý' cell …
    QTest.keyClicks(QApplication.focusWidget(), "2")  # … which then has the focus
    assert QApplication.focusWidget().text() == "12"  # typed as is, not clamped to the voters
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(warnings))
    assert "vượt quá 8 thành viên được biểu quyết (có mặt 7, ý kiến bằng văn bản 1)" in warnings[0]
    assert not review_council.vote_counts(db, meeting_id)
    assert review.list_proposals(db, 2026)[0].status == "de_nghi"
