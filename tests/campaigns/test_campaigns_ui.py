"""The campaigns tab driven like a user: create a campaign, register a unit and a pasted list, record a sơ kết
and a tổng kết, create the reward decision, find it in the register filtered by the campaign."""

from __future__ import annotations

import datetime as dt

from campaigns.builders import run_steps
from helpers import run_modal, type_text
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from tdkt_desktop.db import campaign_reviews as reviews
from tdkt_desktop.db import campaigns, decisions, history, registrations
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.ui.awards.widgets import set_combo_data
from tdkt_desktop.ui.campaigns.registrations_panel import RegistrationsPanel
from tdkt_desktop.ui.campaigns.reviews_panel import ReviewsPanel

NAME = "Thi đua lập thành tích chào mừng Đại hội Thi đua yêu nước tỉnh lần thứ VI"


def save(dialog) -> None:
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def select_rows(view, rows) -> None:
    view.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        view.selectionModel().select(view.model().index(row, 0), flags)


def test_campaign_life_from_launch_to_rewards(main_window, qtbot, qtmodeltester, monkeypatch):
    db = main_window.db
    told, warned = [], []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    tab = main_window.campaigns_tab
    main_window.tabs.setCurrentWidget(tab)
    listing = tab.list_page
    qtbot.waitUntil(lambda: listing.model.rowCount() == 6)
    qtmodeltester.check(listing.model)
    assert "Hết thời gian ngày 31/12/2025 nhưng chưa tổng kết" in listing.reminders.text()
    assert "Cao Bằng chung sức xây dựng nông thôn mới" in listing.reminders.text()

    # 1. Launch: a new campaign with its checklist; every unit takes part by default.
    def fill(dialog):
        type_text(dialog.name, NAME)
        set_combo_data(dialog.kind, "chuyen_de")
        type_text(dialog.starts_on, "01/01/2024")
        type_text(dialog.ends_on, "31/12/2024")
        type_text(dialog.doc_number, "03/KH-SKHCN")
        type_text(dialog.doc_date, "05/01/2024")
        type_text(dialog.criteria, "Mỗi phòng một công trình chào mừng")
        QTest.keyClick(dialog.criteria, Qt.Key.Key_Return)
        type_text(dialog.criteria, "Không có hồ sơ trễ hẹn")
        save(dialog)

    run_modal(qtbot, listing.add_button.click, fill)
    campaign = campaigns.find_campaign(db, NAME)
    assert (campaign.kind, campaign.starts_on, campaign.units, campaign.doc_number) == (
        "chuyen_de", dt.date(2024, 1, 1), 8, "03/KH-SKHCN")
    page = tab.page
    assert tab.stack.currentWidget() is page and page.campaign_id == campaign.id
    assert NAME in page.title.text() and "Chuyên đề" in page.facts.text()
    assert [c.text for c in campaigns.list_criteria(db, campaign.id)][1] == "Không có hồ sơ trễ hẹn"

    # 2. Register the whole Văn phòng Sở in one step (10 people and the unit itself).
    panel = page.panel(RegistrationsPanel)
    page.show_panel("Đăng ký thi đua")
    qtbot.waitUntil(lambda: panel.year.currentData() == 2024)

    def whole_unit(dialog):
        dialog.unit.setCurrentIndex(dialog.unit.findText("Văn phòng Sở"))
        assert "10 cán bộ" in dialog.count.text()
        set_combo_data(dialog.person_award, "lao_dong_tien_tien")
        set_combo_data(dialog.unit_award, "tap_the_lao_dong_tien_tien")
        save(dialog)

    run_modal(qtbot, panel.unit_button.click, whole_unit)
    assert told[-1] == "Đã đăng ký 11 lượt."
    assert campaigns.get_campaign(db, campaign.id).registrations == 11
    assert panel.model.rowCount() == 11 and panel.summary.rowCount() == 1
    assert panel.summary.index(0, 4).data() == "LĐTT: 10"
    # The result of each registration is read from the register: they all had LĐTT 2024.
    assert panel.model.index(1, 4).data().startswith("Đạt (")
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.summary)

    # 3. A list pasted from Excel: an unknown line is refused first, then the corrected list registers.
    def bad_paste(dialog):
        set_combo_data(dialog.award, "chien_si_thi_dua_co_so")
        dialog.paste.setPlainText("CB015\nhoang van thang\nNgười Không Có")
        save(dialog)
        assert dialog.isVisible() and "Còn 1 dòng không nhận ra" in dialog.error.text()
        assert "Người Không Có" in dialog.result.text()
        dialog.paste.setPlainText("CB015\tThanh tra Sở\nhoang van thang")
        save(dialog)

    run_modal(qtbot, panel.paste_button.click, bad_paste)
    assert told[-1] == "Đã đăng ký 2 lượt."
    cstdcs = [r for r in registrations.list_registrations(db, campaign_id=campaign.id)
              if r.award_type == "chien_si_thi_dua_co_so"]
    assert sorted(r.code for r in cstdcs) == ["CB001", "CB015"]

    # 4. Sơ kết: default participants (units, then registered people); one unit ranked first.
    reviews_panel = page.panel(ReviewsPanel)
    page.show_panel("Sơ kết, tổng kết")

    def so_ket(dialog):
        assert dialog.kind.currentData() == "so_ket"
        assert dialog.model.rowCount() == 8 + 12
        type_text(dialog.held_on, "31/07/2024")
        type_text(dialog.title, "Sơ kết 6 tháng đầu năm")
        type_text(dialog.summary, "Các phòng triển khai đúng tiến độ.")
        select_rows(dialog.view, [1])
        set_combo_data(dialog.result, "xuat_sac")
        dialog.rank.setValue(1)
        dialog.apply_button.click()
        save(dialog)

    run_modal(qtbot, reviews_panel.new_button.click, so_ket)
    held = reviews.latest_held(db, campaign.id, "so_ket")
    results = reviews.results_of(db, held.id)
    assert (held.held_on, len(results)) == (dt.date(2024, 7, 31), 20)
    assert (results[1].name, results[1].result, results[1].rank) == ("Văn phòng Sở", "xuat_sac", 1)
    assert campaigns.get_campaign(db, campaign.id).status(dt.date(2024, 8, 1)) == "so_ket"

    # 5. Tổng kết: a date before the start is refused (dialog re-opens), then Giấy khen for 2 units and 3 people.
    def tong_ket_bad(dialog):
        assert dialog.kind.currentData() == "tong_ket"
        type_text(dialog.held_on, "20/12/2023")
        save(dialog)

    def tong_ket(dialog):
        assert dialog.held_on.text() == "20/12/2023"  # what was typed is kept
        dialog.held_on.clear()
        type_text(dialog.held_on, "20/12/2024")
        select_rows(dialog.view, [1, 2])  # Văn phòng Sở, Thanh tra Sở
        set_combo_data(dialog.result, "xuat_sac")
        set_combo_data(dialog.award, "giay_khen")
        dialog.apply_button.click()
        select_rows(dialog.view, [8, 9, 10])  # three people
        dialog.apply_button.click()
        dialog.rank_button.click()
        save(dialog)

    run_steps(reviews_panel.new_button.click, [tong_ket_bad, tong_ket])
    assert "trước ngày bắt đầu phong trào" in warned[-1]
    final = reviews.latest_held(db, campaign.id, "tong_ket")
    proposed = [r for r in reviews.results_of(db, final.id) if r.award_type]
    assert sorted(r.award_type for r in proposed) == ["giay_khen"] * 3 + ["giay_khen_tap_the"] * 2
    assert reviews_panel.reward_button.isEnabled()

    # 6. The reward decision from the tổng kết, through the register's decision code.
    def reward(dialog):
        assert "02 tập thể và 03 cá nhân" in dialog.count.text()
        dialog.issued_on.clear()
        type_text(dialog.issued_on, "25/12/2024")
        save(dialog)

    run_modal(qtbot, reviews_panel.reward_button.click, reward)
    decision = decisions.get_decision(db, reviews_panel.last_decision_id)
    assert (decision.kind, decision.campaign_id, decision.award_count) == ("phong_trao", campaign.id, 5)
    assert decision.issued_on == dt.date(2024, 12, 25)
    assert page.panels.tabText(page.panels.currentIndex()) == "Khen thưởng"
    assert "1 quyết định, 5 lượt khen thưởng" in page.panel_list[4].summary.text()

    # 7. Found in the register filtered by the campaign.
    page.panel_list[4].register_button.click()
    register = main_window.titles_tab.page("Sổ khen thưởng")
    assert main_window.tabs.currentWidget() is main_window.titles_tab
    assert register.campaign_combo.currentData() == campaign.id
    assert {a.decision_id for a in register.shown_awards()} == {decision.id}
    assert len(register.shown_awards()) == 5

    # 8. The person's history says which campaign the award came from.
    person = next(a for a in decisions.awards_of_decision(db, decision.id) if a.staff_id)
    main_window.show_person(person.staff_id)
    assert history.person_history(db, person.staff_id).campaign_of(person) == NAME
    from tdkt_desktop.ui.staff.history_panel import PersonHistoryPanel

    panel_h = next(p for p in main_window.staff_tab.detail_pages if isinstance(p, PersonHistoryPanel))
    qtbot.waitUntil(lambda: panel_h.history is not None and panel_h.history.staff_id == person.staff_id)
    row = panel_h.model.row_of(lambda e: e.year == 2024)
    assert "(phong trào: Thi đua lập thành tích chào mừng Đại hội" in panel_h.model.index(row, 4).data()
    assert NAME in panel_h.model.index(row, 4).data(Qt.ItemDataRole.ToolTipRole)

    # 9. Back on the list: the counts and the status follow.
    main_window.tabs.setCurrentWidget(tab)
    page.back_button.click()
    assert tab.stack.currentWidget() is listing and listing.current().id == campaign.id
    assert (listing.current().registrations, listing.current().awards) == (13, 5)
    assert listing.model.status_text(listing.current()) == "Đã kết thúc"


def test_review_page_shows_who_registered(main_window, qtbot):
    """Beside each verdict of the Bình xét page: whether the person registered (information only)."""
    db = main_window.db
    page = main_window.titles_tab.page("Bình xét năm")
    main_window.tabs.setCurrentWidget(main_window.titles_tab)
    main_window.titles_tab.pages.setCurrentWidget(page)
    page.year.setValue(2025)
    set_combo_data(page.award, "lao_dong_tien_tien")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    column = next(i for i, c in enumerate(page.model.COLUMNS) if c.header == "Đăng ký")
    assert page.model.COLUMNS[column - 1].header == "Kết quả xét"
    shown = {page.model.record(r).code: page.model.index(r, column).data() for r in range(page.model.rowCount())}
    regs = {r.code: r.award_type for r in registrations.list_registrations(db, year=2025) if r.staff_id}
    ldtt = next(code for code, award in regs.items() if award == "lao_dong_tien_tien")
    strong = next(code for code, award in regs.items() if award == "chien_si_thi_dua_co_so")
    assert shown[ldtt] == "Đã đăng ký"
    assert shown[strong].startswith("Đăng ký CSTĐCS")
    newcomer = staff_db.find_by_code(db, "CB061")
    assert newcomer is None or shown.get("CB061", "") in ("", "Đã đăng ký")
    assert "không phải điều kiện" in page.model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
