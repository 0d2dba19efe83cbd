"""UI: entering a decision with several people, duplicate refusal, register filters, history panel."""

from __future__ import annotations

import datetime as dt

from helpers import run_modal, type_text
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from tdkt_desktop.db import decisions, history, statistics
from tdkt_desktop.db import ratings as ratings_db
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.demo import awards as demo_awards
from tdkt_desktop.ui.awards.decision_dialog import DecisionDialog
from tdkt_desktop.ui.awards.widgets import set_combo_data
from tdkt_desktop.ui.staff.history_panel import PersonHistoryPanel


def save_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def awards_page(window, title):
    page = window.titles_tab.page(title)
    window.tabs.setCurrentWidget(window.titles_tab)
    window.titles_tab.pages.setCurrentWidget(page)
    return page


def test_enter_a_decision_with_several_people(main_window, qtbot, qtmodeltester):
    db = main_window.db
    page = awards_page(main_window, "Quyết định")
    before = db["awards"].count
    codes_pasted = ["CB010", "CB011", "CB012"]

    def drive(dialog: DecisionDialog):
        type_text(dialog.number, "41/QĐ-SKHCN")
        type_text(dialog.issued_on, "20/11/2026")
        type_text(dialog.summary, "Tặng Giấy khen cho cá nhân có thành tích trong phong trào")
        assert set_combo_data(dialog.award_type, "giay_khen")
        dialog.year.setValue(2026)
        # Search without diacritics, multi-select two people, add them.
        type_text(dialog.search, "dang thi")
        qtbot.waitUntil(lambda: dialog.pick_proxy.rowCount() >= 2)
        names = {dialog.pick_proxy.index(r, 1).data() for r in range(dialog.pick_proxy.rowCount())}
        assert "Đặng Thị Hương" in names
        dialog.pick_view.selectAll()
        picked = dialog.pick_proxy.rowCount()
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        assert dialog.lines.rowCount() == picked
        dialog.search.clear()
        # Type a name, Enter: the only match is added and the box is cleared for the next one.
        type_text(dialog.search, "trieu thanh linh")
        qtbot.waitUntil(lambda: dialog.pick_proxy.rowCount() == 1)
        QTest.keyClick(dialog.search, Qt.Key.Key_Return)
        assert dialog.lines.record(dialog.lines.rowCount() - 1).recipient_name == "Triệu Thanh Linh"
        assert dialog.search.text() == ""
        picked += 1
        # Paste a column from Excel: codes and one name, one line not understood.
        dialog.paste.setPlainText("\n".join(codes_pasted) + "\nNguyễn Không Có\n")
        qtbot.mouseClick(dialog.paste_button, Qt.MouseButton.LeftButton)
        assert "Không nhận ra 1 dòng" in dialog.paste_result.text()
        assert dialog.lines.rowCount() == picked + 3
        qtmodeltester.check(dialog.lines)
        qtmodeltester.check(dialog.pick_model)
        # Move the last line to the top and drop a line.
        dialog.lines_view.selectRow(dialog.lines.rowCount() - 1)
        for _ in range(dialog.lines.rowCount() - 1):
            qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
        assert dialog.lines.record(0).staff_code == "CB012"
        assert [a.position for a in dialog.lines.records()] == list(range(1, dialog.lines.rowCount() + 1))
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    run_modal(qtbot, page.add_button.click, drive)
    saved = decisions.find_decision(db, "41/QĐ-SKHCN")
    assert saved is not None and saved.issued_on == dt.date(2026, 11, 20)
    lines = decisions.awards_of_decision(db, saved.id)
    assert lines[0].staff_code == "CB012" and {a.award_type for a in lines} == {"giay_khen"}
    assert db["awards"].count == before + len(lines)
    assert page.current_decision_id() == saved.id  # the new decision is selected
    assert page.awards_model.rowCount() == len(lines)
    assert sorted(page.selected_award_ids()) == sorted(a.id for a in lines)
    assert page.actions_bar.count() >= 4
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.awards_model)


def test_duplicate_title_is_refused_in_the_dialog_and_nothing_written(main_window, qtbot):
    db = main_window.db
    page = awards_page(main_window, "Quyết định")
    person = staff_db.find_by_code(db, demo_awards.CANDIDATE)
    before = (db["awards"].count, db["decisions"].count)
    seen = {}

    def drive(dialog: DecisionDialog):
        type_text(dialog.number, "42/QĐ-SKHCN")
        type_text(dialog.issued_on, "20/01/2026")
        set_combo_data(dialog.award_type, "chien_si_thi_dua_co_so")
        dialog.year.setValue(2025)
        dialog.add_recipients([person])
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
        assert dialog.isVisible()  # refused, everything typed is kept
        seen["error"] = dialog.error.text()
        dialog.done(0)

    run_modal(qtbot, page.add_button.click, drive)
    assert "Đặng Thị Hương" in seen["error"] and "chỉ tặng một lần trong năm" in seen["error"]
    assert (db["awards"].count, db["decisions"].count) == before


def test_decision_number_must_be_unique_and_date_valid(main_window, qtbot):
    db = main_window.db
    existing = decisions.list_decisions(db)[0]
    dialog = DecisionDialog(db, main_window)
    qtbot.addWidget(dialog)
    dialog.number.setText(existing.number)
    dialog.issued_on.set_date(existing.issued_on)
    dialog.issuer.setEditText(existing.issuer)
    assert "đã có" in dialog.validate()
    dialog.issued_on.setText("31/02/2026")
    assert "không phải ngày hợp lệ" in dialog.validate()


def test_register_filters_totals_and_double_click(main_window, qtbot, qtmodeltester):
    db = main_window.db
    page = awards_page(main_window, "Sổ khen thưởng")
    page.set_filters(year=2024, award_type="chien_si_thi_dua_co_so")
    expected = decisions.list_awards(db, year=2024, award_type="chien_si_thi_dua_co_so")
    assert page.model.rowCount() == len(expected) > 0
    assert f"Tổng: {len(expected)} lượt" in page.totals.text()
    qtmodeltester.check(page.model)
    page.set_filters()
    assert page.model.rowCount() == db["awards"].count
    type_text(page.search, "dang thi huong")
    shown = page.shown_awards()
    assert shown and all(a.recipient_name == "Đặng Thị Hương" for a in shown)
    assert f"Tổng: {len(shown)} lượt</b> ({len(shown)} cá nhân, 0 tập thể)" in page.totals.text()
    qtmodeltester.check(page.model)
    # Double-click a person's row: the staff tab opens on them.
    index = page.model.index(0, 1)
    page._on_double_click(index)
    assert main_window.tabs.currentWidget() is main_window.staff_tab
    assert main_window.staff_tab.current_staff().full_name == "Đặng Thị Hương"
    # Double-click the decision number: the decisions page opens on it.
    awards_page(main_window, "Sổ khen thưởng")
    page._on_double_click(page.model.index(0, page.model.COL_NUMBER))
    decisions_page = main_window.titles_tab.page("Quyết định")
    assert main_window.titles_tab.pages.currentWidget() is decisions_page
    assert decisions_page.current_decision_id() == shown[0].decision_id


def test_history_panel_shows_timeline_and_chains(main_window, qtbot, qtmodeltester):
    db = main_window.db
    person = staff_db.find_by_code(db, demo_awards.CSTD_TINH)
    main_window.show_person(person.id)
    panel = next(p for p in main_window.staff_tab.detail_pages if isinstance(p, PersonHistoryPanel))
    assert panel.staff_id == person.id
    assert main_window.staff_tab.details.currentWidget() is panel  # asked for: history in front
    qtbot.waitUntil(lambda: panel.history is not None and panel.history.staff_id == person.id)
    assert "Chiến sĩ thi đua cơ sở: 2022, 2023, 2024 – 3 năm liên tục" in panel.chains.text()
    expected = history.person_history(db, person.id)
    assert panel.model.rowCount() == len(expected.years)
    row_2024 = panel.model.row_of(lambda e: e.year == 2024)
    titles = panel.model.index(row_2024, 3).data()
    assert "Chiến sĩ thi đua cấp tỉnh" in titles and "Chiến sĩ thi đua cơ sở" in titles
    assert "Chiến sĩ thi đua" not in (panel.model.index(row_2024, 4).data() or "")  # forms apart
    # Another person selected while the panel is in front: it follows at once.
    other = staff_db.find_by_code(db, demo_awards.CANDIDATE)
    main_window.show_person(other.id)
    qtbot.waitUntil(lambda: panel.history is not None and panel.history.staff_id == other.id)
    assert "Chiến sĩ thi đua cơ sở: 2023, 2024, 2025 – 3 năm liên tục" in panel.chain_texts()
    qtmodeltester.check(panel.model)
    # Picking people in the register itself leaves the chosen detail tab alone.
    main_window.staff_tab.details.setCurrentIndex(0)
    main_window.staff_tab.select_person(person.id)
    assert main_window.staff_tab.details.currentIndex() == 0
    panel.set_person(None)
    assert panel.model.rowCount() == 0 and "Chọn một cán bộ" in panel.heading.text()


def test_ratings_grid_edit_and_save(main_window, qtbot, qtmodeltester, monkeypatch):
    db = main_window.db
    page = awards_page(main_window, "Xếp loại, sáng kiến")
    page.year.setValue(2025)
    qtmodeltester.check(page.grid)
    row = next(i for i, r in enumerate(page.grid.rows()) if r.staff.code == "CB020")
    index = page.grid.index(row, page.grid.COL_RATING)
    assert not page.grid.setData(index, "Giỏi")  # not a rating
    assert page.grid.setData(index, "KHT")
    assert page.save_button.isEnabled()
    assert page.save()
    person = staff_db.find_by_code(db, "CB020")
    assert [r.rating for r in ratings_db.ratings_of(db, person.id) if r.year == 2025] == ["KHT"]
    assert not page.grid.dirty_rows()
    # Unsaved edits, then switching year: the user is asked; "Discard" leaves the DB alone.
    page.grid.setData(page.grid.index(row, page.grid.COL_RATING), "HT")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    page.year.setValue(2024)
    assert [r.rating for r in ratings_db.ratings_of(db, person.id) if r.year == 2025] == ["KHT"]


def test_statistics_page_matches_computed_counts(main_window, qtbot, tmp_path, monkeypatch, qtmodeltester):
    from PySide6.QtWidgets import QFileDialog

    page = awards_page(main_window, "Thống kê")
    page.from_year.setValue(2021)
    page.to_year.setValue(2025)
    rows = statistics.award_counts(main_window.db, 2021, 2025)
    assert page.model.records() == rows
    _, _, total = statistics.total(rows)
    assert f"{total} lượt tập thể, cá nhân" in page.headline.text()
    qtmodeltester.check(page.model)
    target = tmp_path / "tk.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.export()
    assert target.exists()


def test_catalog_page_add_edit_retire(main_window, qtbot, qtmodeltester):
    from tdkt_desktop.db import catalog

    db = main_window.db
    page = awards_page(main_window, "Danh mục khen thưởng")
    qtmodeltester.check(page.model)
    kinds = [page.model.record(r).kind for r in range(page.model.rowCount())]
    assert kinds == sorted(kinds, key=lambda k: k != "danh_hieu")  # titles, then forms

    def drive(dialog):
        type_text(dialog.name, "Giấy khen của Chủ tịch UBND huyện")
        type_text(dialog.authority, "Chủ tịch UBND huyện")
        set_combo_data(dialog.certificate, "giay_khen")
        dialog.aliases.setText("GK huyện; Giấy khen huyện")
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    run_modal(qtbot, page.add_button.click, drive)
    added = catalog.find_award_type(db, "GK huyện")
    assert added is not None and not added.builtin and added.kind == "hinh_thuc"
    assert page.model.row_of(lambda t: t.code == added.code) >= 0
    # New decisions can use it at once.
    dialog = DecisionDialog(db, main_window)
    qtbot.addWidget(dialog)
    assert dialog.award_type.findData(added.code) >= 0
    # Retire it: history stays, new decisions no longer offer it.
    page.table.selectRow(page.model.row_of(lambda t: t.code == added.code))
    page.toggle_button.click()
    assert not catalog.get_award_type(db, added.code).active
    dialog = DecisionDialog(db, main_window)
    qtbot.addWidget(dialog)
    assert dialog.award_type.findData(added.code) < 0


def test_register_search_and_totals_run_in_sql_like_the_typed_words_expect(main_window):
    """Every typed word begins a word of recipient, code, award, decision number, unit or issuer; the totals
    line counts by type with GROUP BY and matches the rows."""
    from collections import Counter

    from tdkt_desktop.text import tokens

    db = main_window.db
    page = awards_page(main_window, "Sổ khen thưởng")
    page.set_filters()
    everyone = decisions.list_awards(db)
    for typed in ["dang thi huong", "chien si", "skhcn", "thanh tra", "ubnd", "van phong lao dong", "zzz", "CB0",
                  "nguyen thi h", "le lao", "h"]:
        page.search.setText(typed)
        words = tokens(typed)
        expected = [a for a in everyone if all(any(w.startswith(t) for w in tokens(
            f"{a.recipient_name} {a.staff_code} {a.award_name} {a.decision_number} {a.unit_name} {a.issuer}"))
            for t in words)]
        assert sorted(a.id for a in page.shown_awards()) == sorted(a.id for a in expected), typed
        assert f"<b>Tổng: {len(expected)} lượt</b>" in page.totals.text()
        for name, n in Counter(a.award_name for a in expected).items():
            assert f"{name}: {n}" in page.totals.text()


def test_register_sorts_every_column_in_sql_as_in_memory(main_window):
    from PySide6.QtCore import Qt

    from tdkt_desktop.ui.awards.models import AwardTableModel

    page = awards_page(main_window, "Sổ khen thưởng")
    page.set_filters()
    memory = AwardTableModel()
    memory.set_rows(decisions.list_awards(main_window.db))
    for column in AwardTableModel.SORT_KEYS:
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            page.model.sort(column, order)
            memory.sort(column, order)
            count = page.model.rowCount()
            assert [page.model.index(r, column).data() for r in range(count)] == [
                memory.index(r, column).data() for r in range(count)], (column, order)

