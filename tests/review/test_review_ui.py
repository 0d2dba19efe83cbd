"""Review flow in the window: verdicts → proposals → council votes by keyboard → decisions, asserting the DB."""

from __future__ import annotations

from helpers import type_text
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from tdkt_desktop.db import review, review_council
from tdkt_desktop.services import rulesets
from tdkt_desktop.ui.common.table_model import RecordRole
from tdkt_desktop.ui.review import council_page as council_module


def _votes(db, meeting_id) -> set[int]:
    return {r["votes_for"] for r in db.query("SELECT votes_for FROM council_votes WHERE meeting_id = ?", [meeting_id])}


def _count(db, meeting_id) -> int:
    return db["council_votes"].count_where("meeting_id = ?", [meeting_id])


def _pages(window):
    window.tabs.setCurrentWidget(window.titles_tab)
    review_page = window.titles_tab.page("Bình xét năm")
    council = window.titles_tab.page("Hội đồng TĐKT")
    return review_page, council


def _select_award(page, code):
    page.award.setCurrentIndex(page.award.findData(code))


def _row_of(page, predicate) -> int:
    for row in range(page.proxy.rowCount()):
        if predicate(page.proxy.index(row, 0).data(RecordRole)):
            return row
    raise AssertionError("row not found")


def test_pages_wait_until_shown(main_window):
    page = main_window.titles_tab.page("Bình xét năm")
    council = main_window.titles_tab.page("Hội đồng TĐKT")
    assert main_window.tabs.currentWidget() is not main_window.titles_tab
    assert page.result is None and page._stale  # nothing evaluated at window start
    main_window.titles_tab.pages.setCurrentWidget(page)
    _pages(main_window)
    assert page.result is not None and page.model.rowCount() > 0
    main_window.titles_tab.pages.setCurrentWidget(council)
    assert not council._stale


def test_review_flow_end_to_end(main_window, qtbot, monkeypatch, qtmodeltester):
    db = main_window.db
    page, council = _pages(main_window)
    main_window.titles_tab.pages.setCurrentWidget(page)
    page.year.setValue(2026)
    qtmodeltester.check(page.model)
    _select_award(page, "lao_dong_tien_tien")
    assert page.ruleset_label.text().startswith("Bộ quy tắc áp dụng cho năm 2026: Luật TĐKT 2022 + NĐ 152/2025")
    assert page.proxy.rowCount() == db["staff"].count_where("active = 1")

    # Diacritic-free search, typed in Vietnamese one character at a time, then Space proposes.
    eligible = next(r for r in page.model.records() if r.verdict.eligible)
    type_text(page.search, eligible.name)
    qtbot.waitUntil(lambda: page.proxy.rowCount() >= 1)
    row = _row_of(page, lambda r: r.id == eligible.id)
    page.table.setFocus()
    page.table.selectRow(row)
    assert eligible.name in page.reasons.toPlainText()
    assert "Lao động tiên tiến: Đủ điều kiện, cần Hội đồng xác nhận" in page.reasons.toPlainText()
    QTest.keyClick(page.table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(review.list_proposals(db, 2026, award="lao_dong_tien_tien")) == 1)
    assert review.list_proposals(db, 2026)[0].staff_id == eligible.id
    assert page.meter_label.text().startswith("Đề nghị: 1 · Đủ điều kiện:")
    row = _row_of(page, lambda r: r.id == eligible.id)
    assert page.proxy.index(row, 7).data() == "Đề nghị"  # the row was replaced in place
    page.search.clear()

    # Everyone eligible for CSTĐCS, and one collective after rating it.
    _select_award(page, "chien_si_thi_dua_co_so")
    page.propose_all_button.click()
    cstdcs = review.list_proposals(db, 2026, award="chien_si_thi_dua_co_so")
    assert cstdcs and len(cstdcs) == sum(1 for r in page.model.records() if r.proposable)
    _select_award(page, "tap_the_lao_dong_tien_tien")
    unit_row = _row_of(page, lambda r: r.name == "Văn phòng Sở")
    page.table.selectRow(unit_row)
    page.unit_form.rating.setCurrentIndex(page.unit_form.rating.findData("HTXS"))
    page.unit_form.save_button.click()
    assert review.unit_ratings(db, 2026)[page.selected_rows()[0].id].rating == "HTXS"
    page.table.selectRow(_row_of(page, lambda r: r.name == "Văn phòng Sở"))
    page.toggle_selected()
    assert len(review.list_proposals(db, 2026, award="tap_the_lao_dong_tien_tien")) == 1

    # Council: open a meeting, one member absent, votes typed on the keyboard.
    main_window.titles_tab.pages.setCurrentWidget(council)
    council.year.setValue(2026)
    monkeypatch.setattr(council_module.MeetingDialog, "exec", lambda self: 1)
    council.new_meeting_button.click()
    meeting_id = council.current_meeting_id()
    assert meeting_id is not None and review_council.get_meeting(db, meeting_id).status == "dang_hop"
    for model in (council.attendance, council.candidates, council.members):
        qtmodeltester.check(model)
    absent = council.attendance.index(8, 2)
    council.attendance.setData(absent, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: review_council.head_count(db, meeting_id)[0] == 8)
    assert "Có mặt 8/9 thành viên; cần ít nhất 6" in council.quorum_label.text()

    candidates = council.candidates.records()
    assert len(candidates) == 2 + len(cstdcs)
    view = council.candidates_view
    view.setFocus()
    view.setCurrentIndex(council.candidates.index(0, 4))
    for row in range(len(candidates)):
        assert view.currentIndex().row() == row
        QTest.keyClicks(view, "8")  # any key opens the editor on the 'Đồng ý' cell
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda row=row: _votes(db, meeting_id) == {8} and _count(db, meeting_id) == row + 1)
        qtbot.waitUntil(lambda row=row: view.currentIndex().row() == min(row + 1, len(candidates) - 1) and QApplication.focusWidget() is view)

    # A wrong count is refused with a Vietnamese message and changes nothing.
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    view.setCurrentIndex(council.candidates.index(0, 4))
    council.candidates.setData(council.candidates.index(0, 5), 5)
    qtbot.waitUntil(lambda: bool(warnings))
    assert "vượt quá 8 thành viên được biểu quyết" in warnings[0]
    assert {r["votes_against"] for r in db.query("SELECT votes_against FROM council_votes WHERE meeting_id = ?", [meeting_id])} == {0}

    council.show_projector()
    assert council.projector.model.rowCount() == len(candidates)
    assert "XÉT NĂM 2026" in council.projector.title.text()
    council.projector.close()

    council.close_button.click()
    assert review_council.get_meeting(db, meeting_id).status == "ket_thuc"
    # 8 of 8 present pass LĐTT (> 50 %); CSTĐCS needs ≥ 80 % of all 9 = 8: passes too.
    assert {p.status for p in review.list_proposals(db, 2026)} == {"dat"}

    monkeypatch.setattr(council_module.DecideDialog, "exec", lambda self: 1)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    before = db["awards"].count
    assert council.decide_button.isEnabled()
    council.decide_button.click()
    made = [p for p in review.list_proposals(db, 2026) if p.status == "da_quyet_dinh"]
    assert len(made) == len(candidates)
    assert db["awards"].count == before + len(candidates)
    assert len({p.decision_id for p in made}) == 3  # LĐTT, CSTĐCS, Tập thể LĐTT: one decision each
    assert not council.decide_button.isEnabled()  # nothing left to award twice
    assert "đã có quyết định" in council.summary.text()


def test_unit_filter_bloc_result_and_upward_list(main_window, qtbot):
    from PySide6.QtWidgets import QApplication

    db = main_window.db
    page, council = _pages(main_window)
    main_window.titles_tab.pages.setCurrentWidget(page)
    page.year.setValue(2026)
    _select_award(page, "lao_dong_tien_tien")
    page.unit_filter.setCurrentIndex(page.unit_filter.findText("Thanh tra Sở"))
    assert page.proxy.rowCount() == 5
    assert {page.proxy.index(r, 2).data() for r in range(5)} == {"Thanh tra Sở"}
    _select_award(page, "co_thi_dua_cap_tinh")
    row = _row_of(page, lambda r: r.name == "Thanh tra Sở")
    assert page.proxy.index(row, 4).data() == "Chưa đủ"  # bloc result not known yet: said so, with why
    page.table.selectRow(row)
    assert "chưa có kết quả bình xét của khối thi đua năm 2026" in page.reasons.toPlainText()
    page.unit_form.rating.setCurrentIndex(page.unit_form.rating.findData("HTXS"))
    page.unit_form.bloc.setCurrentIndex(page.unit_form.bloc.findData(True))
    page.unit_form.save_button.click()
    saved = review.unit_ratings(db, 2026)[page.selected_rows()[0].id]
    assert (saved.rating, saved.leads_bloc) == ("HTXS", True)
    row = _row_of(page, lambda r: r.name == "Thanh tra Sở")
    assert page.proxy.index(row, 4).data() == "Đủ, cần HĐ xác nhận"

    main_window.titles_tab.pages.setCurrentWidget(council)
    council.year.setValue(2025)
    assert council.copy_upward_button.isEnabled()
    council.copy_upward_button.click()
    text = QApplication.clipboard().text().splitlines()
    assert text[0] == "STT\tHọ và tên / Tập thể\tĐơn vị\tĐề nghị"
    assert len(text) == 1 + len(review.upward_list(db, 2025)) and "Chiến sĩ thi đua cấp tỉnh" in text[1]


def test_rule_set_editor_validates_and_saves_a_copy(main_window, qtbot, monkeypatch, qtmodeltester):
    from tdkt_desktop.ui.review import ruleset_dialog

    db = main_window.db
    page, _ = _pages(main_window)
    main_window.titles_tab.pages.setCurrentWidget(page)
    page.year.setValue(2026)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    seen = {}

    def fake_exec(dialog):
        qtmodeltester.check(dialog.params)
        qtmodeltester.check(dialog.years)
        rows = dialog.params.records()
        row = next(i for i, r in enumerate(rows) if r.path == "awards.tap_the_lao_dong_tien_tien.ldtt_share")
        dialog.params.setData(dialog.params.index(row, dialog.params.VALUE), "150%")
        seen["bad"] = (dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled(), dialog.error.text())
        dialog.params.setData(dialog.params.index(row, dialog.params.VALUE), "7/10")
        seen["good"] = dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
        years = {r.year: r.label for r in dialog.years.records()}
        seen["years"] = (years[2023], years[2024], years[2026])
        return 1

    monkeypatch.setattr(ruleset_dialog.RuleSetDialog, "exec", fake_exec)
    page.rules_button.click()
    assert seen["bad"][0] is False and "không quá 100 %" in seen["bad"][1]
    assert seen["good"] is True
    assert seen["years"][0].startswith("Luật TĐKT 2003/2013 + NĐ 91/2017")
    assert seen["years"][1].startswith("Luật TĐKT 2022 + NĐ 98/2023")
    assert seen["years"][2].endswith("(bản của cơ quan)")
    rs = rulesets.ruleset_for_year(db, 2026)
    assert rs.source == "office" and rs.data["awards"]["tap_the_lao_dong_tien_tien"]["ldtt_share"] == "7/10"
    assert "bản của cơ quan" in page.ruleset_label.text()
