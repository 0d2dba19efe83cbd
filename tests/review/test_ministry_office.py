"""A Văn phòng/Viện under a Bộ: the office level setting, the Bộ's titles and forms, the tờ trình to the Bộ trưởng."""

from __future__ import annotations

import dataclasses
import datetime as dt

from tdkt_desktop.db import review, review_council
from tdkt_desktop.db import settings as settings_db
from tdkt_desktop.db.award_records import UnitRating
from tdkt_desktop.db.review_records import CouncilMeeting
from tdkt_desktop.services import council as council_service
from tdkt_desktop.services import documents as sources
from tdkt_desktop.services.eligibility import evaluate_year


def _as_institute(db) -> None:
    s = settings_db.get_settings(db)
    settings_db.save_settings(db, dataclasses.replace(
        s, office_name="Viện Ứng dụng Công nghệ", governing_body="BỘ KHOA HỌC VÀ CÔNG NGHỆ", office_level="bo"))


def test_the_office_level_decides_which_bo_or_tinh_awards_are_reviewed(demo_db):
    so = evaluate_year(demo_db, 2026)
    assert "bang_khen_cap_tinh" in so.ruleset.awards(level=so.office_level)
    _as_institute(demo_db)
    bo = evaluate_year(demo_db, 2026)
    codes = {v.award for v in bo.all_verdicts()}
    assert {"bang_khen_cap_bo", "chien_si_thi_dua_cap_bo", "co_thi_dua_cap_bo"} <= codes
    assert not codes & {"bang_khen_cap_tinh", "chien_si_thi_dua_cap_tinh", "co_thi_dua_cap_tinh"}
    ttldxs = next(v for v in bo.unit_verdicts if v.award == "tap_the_lao_dong_xuat_sac")
    assert ttldxs.authority == "Bộ trưởng"


def test_upward_proposals_of_an_institute_go_to_its_minister(demo_db):
    _as_institute(demo_db)
    unit = review.unit_ratings(demo_db, 2026)
    unit_id = next(iter(unit))
    review.set_unit_rating(demo_db, UnitRating(unit_id=unit_id, year=2026, rating="HTXS"))
    proposal = review.propose(demo_db, 2026, "tap_the_lao_dong_xuat_sac", unit_id=unit_id)
    meeting_id = review_council.open_meeting(demo_db, CouncilMeeting(id=None, year=2026, held_on=dt.date(2026, 12, 18)))
    review_council.record_vote(demo_db, meeting_id, proposal, 9)
    council_service.close_meeting(demo_db, meeting_id)
    assert sources.upward_authorities(demo_db, meeting_id) == {"Bộ trưởng": 1}
    text = sources.proposal_for_meeting(demo_db, meeting_id, "Bộ trưởng", on=dt.date(2026, 12, 20))
    assert text.recipient == "Bộ trưởng Bộ Khoa học và Công nghệ"


def test_settings_dialog_sets_the_office_level(main_window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from tdkt_desktop.ui.shell import settings_dialog

    def choose(dialog):
        dialog.office_level.setCurrentIndex(dialog.office_level.findData("bo"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", choose)
    main_window.open_settings()
    assert settings_db.get_settings(main_window.db).office_level == "bo"
    page = main_window.titles_tab.page("Bình xét năm")
    main_window.tabs.setCurrentWidget(main_window.titles_tab)
    main_window.titles_tab.pages.setCurrentWidget(page)
    assert page.award.findData("bang_khen_cap_bo") >= 0 and page.award.findData("bang_khen_cap_tinh") < 0
