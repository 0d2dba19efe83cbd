"""The campaigns tab: refusals (each a Vietnamese message, data unchanged), filters, reminders, checklist,
evidence files, linked decisions and the three documents in the preview."""

from __future__ import annotations

import datetime as dt

from campaigns.builders import run_steps, snapshot
from helpers import run_modal, type_text
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QMessageBox

from tdkt_desktop.db import campaign_notes as notes_db
from tdkt_desktop.db import campaign_reviews, campaigns, decisions
from tdkt_desktop.demo.campaigns import NONG_THON_MOI, PERIOD, YEARLY
from tdkt_desktop.ui.awards.widgets import set_combo_data
from tdkt_desktop.ui.campaigns.panels import AwardsPanel, GoalsPanel, NotesPanel
from tdkt_desktop.ui.campaigns.registrations_panel import RegistrationsPanel
from tdkt_desktop.ui.campaigns.reviews_panel import ReviewsPanel
from tdkt_desktop.ui.printing.preview import PreviewDialog


def save(dialog) -> None:
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def open_tab(window, qtbot):
    tab = window.campaigns_tab
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.list_page.model.rowCount() > 0)
    return tab


def open_campaign(window, qtbot, name, panel=None):
    tab = open_tab(window, qtbot)
    tab.open_campaign(campaigns.find_campaign(window.db, name).id, panel)
    return tab.page


def test_campaign_dialog_refusals_keep_what_was_typed(main_window, qtbot, boxes):
    db = main_window.db
    listing = open_tab(main_window, qtbot).list_page
    before = snapshot(db)

    def bad_date_text(dialog):
        type_text(dialog.name, "Phong trào thử")
        type_text(dialog.starts_on, "31/02/2026")
        save(dialog)
        assert dialog.isVisible() and "không phải ngày hợp lệ" in dialog.error.text()
        dialog.reject()

    run_modal(qtbot, listing.add_button.click, bad_date_text)

    def end_before_start(dialog):
        type_text(dialog.name, PERIOD)  # also a duplicate name
        type_text(dialog.starts_on, "01/06/2026")
        type_text(dialog.ends_on, "01/01/2026")
        save(dialog)

    def reopened(dialog):  # after the refusal, with what was typed
        assert dialog.name.text() == PERIOD and dialog.ends_on.text() == "01/01/2026"
        dialog.reject()

    run_steps(listing.add_button.click, [end_before_start, reopened])
    assert "phải sau ngày bắt đầu" in boxes["warning"][0] and "Đã có phong trào" in boxes["warning"][0]
    assert snapshot(db) == before


def test_delete_close_and_reopen(main_window, qtbot, boxes, monkeypatch):
    db = main_window.db
    listing = open_tab(main_window, qtbot).list_page
    yearly = campaigns.find_campaign(db, YEARLY.format(year=2025))
    listing.select_campaign(yearly.id)
    before = snapshot(db)
    listing.delete_button.click()
    assert "Không xóa được phong trào" in boxes["warning"][-1] and "Kết thúc phong trào" in boxes["warning"][-1]
    assert snapshot(db) == before
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("32/01/2026", True))
    listing.close_button.click()
    assert "không phải ngày hợp lệ" in boxes["warning"][-1] and snapshot(db) == before
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("05/01/2026", True))
    listing.close_button.click()
    assert campaigns.get_campaign(db, yearly.id).closed_on == dt.date(2026, 1, 5)
    assert listing.close_button.text() == "Mở lại phong trào"
    listing.close_button.click()
    assert campaigns.get_campaign(db, yearly.id).closed_on is None


def test_filters_search_and_reminder_link(main_window, qtbot):
    listing = open_tab(main_window, qtbot).list_page
    set_combo_data(listing.status, "qua_han")
    assert [listing.proxy.index(r, 0).data() for r in range(listing.proxy.rowCount())] == [NONG_THON_MOI]
    set_combo_data(listing.status, None)
    set_combo_data(listing.kind, "thuong_xuyen")
    assert listing.proxy.rowCount() == 2
    set_combo_data(listing.kind, None)
    type_text(listing.search, "hoc tap va lam theo")
    assert listing.proxy.rowCount() == 1 and "1/6" in listing.count.text()
    listing.search.clear()
    set_combo_data(listing.year, 2023)
    assert listing.model.rowCount() == 4
    nong_thon_moi = campaigns.find_campaign(main_window.db, NONG_THON_MOI).id
    listing.reminders.linkActivated.emit(str(nong_thon_moi))
    assert listing.tab.page.campaign_id == nong_thon_moi
    assert "đã hết thời gian nhưng chưa tổng kết" in listing.tab.page.facts.text()


def test_checklist_tick_is_saved(main_window, qtbot, qtmodeltester):
    page = open_campaign(main_window, qtbot, NONG_THON_MOI, "Mục tiêu, tiêu chí")
    goals = page.panel(GoalsPanel)
    qtbot.waitUntil(lambda: goals.criteria.rowCount() == 1)
    qtmodeltester.check(goals.criteria)
    index = goals.criteria.index(0, 0)
    assert goals.criteria.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert campaigns.list_criteria(main_window.db, page.campaign_id)[0].done
    assert goals.progress.text() == "Đã đạt 1/1 tiêu chí."
    assert "Văn phòng Sở" in goals.units.text()


def test_registration_refused_in_a_closed_campaign(main_window, qtbot, boxes):
    db = main_window.db
    campaign = campaigns.find_campaign(db, YEARLY.format(year=2026))
    campaigns.close_campaign(db, campaign.id, dt.date(2026, 6, 1))
    page = open_campaign(main_window, qtbot, campaign.name, "Đăng ký thi đua")
    panel = page.panel(RegistrationsPanel)
    before = snapshot(db)

    def register(dialog):
        dialog.unit.setCurrentIndex(dialog.unit.findText("Thanh tra Sở"))
        save(dialog)

    run_modal(qtbot, panel.unit_button.click, register)
    assert "đã kết thúc ngày 01/06/2026; không nhận đăng ký" in boxes["warning"][-1]
    assert snapshot(db) == before
    # A registration that was met cannot be marked missed; one without a result can.
    panel.year.setCurrentIndex(panel.year.findData(2026))
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    panel.view.selectRow(panel.proxy.rowCount() - 1)
    panel.missed_button.click()
    assert panel.model.records()[-1].result == "khong_dat"
    set_combo_data(panel.result, "khong_dat")
    assert panel.proxy.rowCount() == 1


def test_reward_needs_proposals(main_window, qtbot, boxes):
    page = open_campaign(main_window, qtbot, YEARLY.format(year=2025), "Sơ kết, tổng kết")
    panel = page.panel(ReviewsPanel)
    qtbot.waitUntil(lambda: panel.reviews.rowCount() == 2)
    panel.reviews_view.selectRow(1)
    assert not panel.reward_button.isEnabled()
    panel.create_reward()
    assert "chưa đề nghị khen thưởng cho ai" in boxes["warning"][-1]


def test_progress_note_with_evidence_opens_with_the_system_viewer(main_window, qtbot, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    page = open_campaign(main_window, qtbot, PERIOD, "Tiến độ, minh chứng")
    panel = page.panel(NotesPanel)
    qtbot.waitUntil(lambda: panel.notes.rowCount() == 2)
    evidence = tmp_path / "Biên bản kiểm tra.pdf"
    evidence.write_bytes(b"%PDF-1.4")

    def add(dialog):
        dialog.noted_on.clear()
        type_text(dialog.noted_on, "05/06/2025")
        type_text(dialog.text, "Kiểm tra việc nhân rộng điển hình tiên tiến")
        dialog.add_files([evidence])
        save(dialog)

    run_modal(qtbot, panel.add_button.click, add)
    note = notes_db.list_notes(main_window.db, page.campaign_id)[0]
    assert note.text == "Kiểm tra việc nhân rộng điển hình tiên tiến" and note.files[0].file_name == evidence.name
    assert panel.files.rowCount() == 1
    panel.open_file()
    assert opened and opened[0].endswith(".pdf") and opened[0] != str(evidence)


def test_link_a_decision_and_print_the_three_documents(main_window, qtbot, boxes, monkeypatch):
    db = main_window.db
    page = open_campaign(main_window, qtbot, NONG_THON_MOI, "Khen thưởng")
    awards = page.panel(AwardsPanel)
    free = next(d for d in decisions.list_decisions(db) if d.kind == "dot_xuat")

    def choose(dialog):
        for row in range(dialog.proxy.rowCount()):
            if dialog.proxy.index(row, 0).data() == free.number:
                dialog.view.selectRow(row)
        dialog.accept()

    run_modal(qtbot, awards.link_button.click, choose)
    assert decisions.get_decision(db, free.id).campaign_id == page.campaign_id
    assert awards.decisions.rowCount() == 1 and awards.lines.rowCount() == free.award_count
    awards.unlink_button.click()
    assert decisions.get_decision(db, free.id).campaign_id is None
    page.print_plan()
    assert isinstance(main_window.print_preview, PreviewDialog) and main_window.print_preview.pdf.startswith(b"%PDF")
    main_window.print_preview.close()
    regs = open_campaign(main_window, qtbot, YEARLY.format(year=2025), "Đăng ký thi đua").panel(RegistrationsPanel)
    qtbot.waitUntil(lambda: regs.model.rowCount() > 0)
    regs.print_button.click()
    assert main_window.print_preview.file_name == "tong-hop-dang-ky-thi-dua-2025.pdf"
    main_window.print_preview.close()
    reviews = main_window.campaigns_tab.page.panel(ReviewsPanel)
    main_window.campaigns_tab.page.show_panel("Sơ kết, tổng kết")
    qtbot.waitUntil(lambda: reviews.reviews.rowCount() == 2)
    reviews.report_button.click()
    assert main_window.print_preview.file_name.startswith("bao-cao-tong-ket-phong-trao-thi-dua-thuc-hien")
    main_window.print_preview.close()


def test_delete_a_campaign_entered_by_mistake_while_its_page_is_open(main_window, qtbot, boxes):
    from tdkt_desktop.db.campaign_records import Campaign

    db = main_window.db
    campaign_id = campaigns.add_campaign(db, Campaign(None, "Phong trào nhập nhầm", starts_on=dt.date(2026, 1, 1),
                                                      ends_on=dt.date(2026, 12, 31)))
    page = open_campaign(main_window, qtbot, "Phong trào nhập nhầm")
    tab = main_window.campaigns_tab
    assert tab.stack.currentWidget() is page
    tab.list_page.select_campaign(campaign_id)
    tab.list_page.delete_button.click()
    assert campaigns.find_campaign(db, "Phong trào nhập nhầm") is None
    assert tab.stack.currentWidget() is tab.list_page and page.campaign_id is None
    assert tab.list_page.model.row_of(lambda c: c.id == campaign_id) == -1



def test_deleting_a_note_or_a_review_asks_first(main_window, qtbot, boxes):
    db = main_window.db
    for panel_title, panel_class, stored in (
            ("Tiến độ, minh chứng", NotesPanel, notes_db.list_notes),
            ("Sơ kết, tổng kết", ReviewsPanel, campaign_reviews.list_reviews)):
        page = open_campaign(main_window, qtbot, YEARLY.format(year=2026), panel_title)
        panel = page.panel(panel_class)
        shown = panel.notes if panel_class is NotesPanel else panel.reviews
        qtbot.waitUntil(lambda m=shown: m.rowCount() > 0)
        count = len(stored(db, page.campaign_id))
        for answer, left in ((QMessageBox.StandardButton.No, count), (QMessageBox.StandardButton.Yes, count - 1)):
            boxes["answer"] = answer
            panel.delete_button.click()
            assert len(stored(db, page.campaign_id)) == left == shown.rowCount(), (panel_title, answer)
