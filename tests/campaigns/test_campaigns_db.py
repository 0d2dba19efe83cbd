"""Campaign storage: migration, validation, derived status, close/delete rules, checklist, units, decision links."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

import pytest
from campaigns.builders import campaign, office, snapshot

from tdkt_desktop.db import campaign_reviews as reviews
from tdkt_desktop.db import campaigns, registrations
from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db.award_records import Award, Decision
from tdkt_desktop.db.campaign_records import Campaign, CampaignReview
from tdkt_desktop.errors import NotFoundError, ValidationError


def test_migration_is_recorded_and_links_decisions(db):
    names = [r["name"] for r in db.query("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert "0005_campaigns" in names
    assert {"campaigns", "registrations", "campaign_reviews", "review_results", "campaign_evidence"} <= set(
        db.table_names())
    assert "decisions_campaign" in {i.name for i in db["decisions"].indexes}
    # The decisions → campaigns link is enforced like a foreign key (triggers).
    db.execute("INSERT INTO decisions (number, issued_on, year, issuer) VALUES ('1/QĐ', '2025-01-01', 2025, 'Sở')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE decisions SET campaign_id = 99")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO decisions (number, issued_on, year, issuer, campaign_id) "
                   "VALUES ('2/QĐ', '2025-01-01', 2025, 'Sở', 42)")


def test_add_campaign_with_checklist_units_and_audit(db):
    office(db)
    campaign_id = campaign(db)
    c = campaigns.get_campaign(db, campaign_id)
    assert (c.name, c.kind, c.units) == ("Phong trào thi đua yêu nước giai đoạn 2020–2025", "giai_doan", 3)
    assert [x.text for x in campaigns.list_criteria(db, campaign_id)] == ["Tiêu chí một", "Tiêu chí hai"]
    assert db["audit_log"].count_where("table_name = 'campaigns'") == 1
    assert c.years == range(2020, 2026)
    assert c.phrase() == "phong trào thi đua yêu nước giai đoạn 2020–2025"
    assert campaigns.find_campaign(db, "PHONG TRAO THI DUA YEU NUOC GIAI DOAN 2020–2025").id == campaign_id


@pytest.mark.parametrize("change, field, words", [
    ({"name": "  "}, "name", "không được để trống"),
    ({"name": "phong trào thi đua yêu nước giai đoạn 2020–2025"}, "name", "Đã có phong trào"),
    ({"ends_on": dt.date(2020, 8, 10)}, "ends_on", "phải sau ngày bắt đầu"),
    ({"ends_on": dt.date(2019, 1, 1)}, "ends_on", "phải sau ngày bắt đầu"),
    ({"starts_on": None}, "starts_on", "không được để trống"),
    ({"starts_on": dt.date(1900, 1, 1)}, "starts_on", "không hợp lệ"),
    ({"kind": "hang_nam"}, "kind", "không hợp lệ"),
    ({"doc_date": dt.date(2026, 3, 1)}, "doc_date", "sau ngày kết thúc"),
])
def test_bad_campaign_is_refused_and_nothing_written(db, change, field, words):
    office(db)
    campaign(db)
    before = snapshot(db)
    bad = dataclasses.replace(campaigns.list_campaigns(db)[0], id=None, **{"name": "Phong trào khác", **change})
    with pytest.raises(ValidationError) as err:
        campaigns.add_campaign(db, bad)
    assert words in err.value.errors[field]
    assert snapshot(db) == before


def test_status_is_derived_from_dates_reviews_and_closing(db):
    office(db)
    campaign_id = campaign(db, starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2025, 12, 31))

    def status(today):
        return campaigns.get_campaign(db, campaign_id).status(today)

    assert status(dt.date(2024, 12, 1)) == "chuan_bi"
    assert status(dt.date(2025, 3, 1)) == "dang_trien_khai"
    reviews.record_review(db, CampaignReview(None, campaign_id, "so_ket", held_on=dt.date(2025, 7, 31)), [],
                          today=dt.date(2025, 8, 1))
    assert status(dt.date(2025, 8, 1)) == "so_ket"
    assert not campaigns.get_campaign(db, campaign_id).overdue(dt.date(2025, 12, 31))
    assert campaigns.get_campaign(db, campaign_id).overdue(dt.date(2026, 1, 5))  # period over, no tổng kết
    reviews.record_review(db, CampaignReview(None, campaign_id, "tong_ket", held_on=dt.date(2025, 12, 20)), [],
                          today=dt.date(2025, 12, 21))
    assert status(dt.date(2025, 12, 21)) == "tong_ket"
    assert status(dt.date(2026, 1, 2)) == "da_ket_thuc"
    assert not campaigns.get_campaign(db, campaign_id).overdue(dt.date(2026, 1, 2))


def test_close_and_reopen(db):
    office(db)
    campaign_id = campaign(db)
    with pytest.raises(ValidationError, match="trước ngày bắt đầu"):
        campaigns.close_campaign(db, campaign_id, dt.date(2019, 1, 1))
    campaigns.close_campaign(db, campaign_id, dt.date(2024, 5, 1))
    c = campaigns.get_campaign(db, campaign_id)
    assert c.status(dt.date(2024, 6, 1)) == "da_ket_thuc" and c.closed_on == dt.date(2024, 5, 1)
    campaigns.reopen_campaign(db, campaign_id)
    assert campaigns.get_campaign(db, campaign_id).closed_on is None


def test_campaign_with_registrations_or_awards_is_never_deleted(db):
    ids = office(db)
    with_registration = campaign(db)
    registrations.register(db, with_registration, 2024, "tap_the_lao_dong_tien_tien", unit_ids=[ids["Thanh tra Sở"]])
    with_award = campaign(db, name="Kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc",
                          kind="chuyen_de", starts_on=dt.date(2023, 3, 1), ends_on=dt.date(2023, 6, 11))
    decisions_db.add_decision(db, Decision(None, "5/QĐ-SKHCN", dt.date(2023, 6, 20), "Sở", kind="phong_trao",
                                           campaign_id=with_award),
                              [Award(None, None, "giay_khen_tap_the", unit_id=ids["Văn phòng Sở"], year=2023)])
    before = snapshot(db)
    for campaign_id in (with_registration, with_award):
        with pytest.raises(ValidationError, match="Kết thúc phong trào"):
            campaigns.delete_campaign(db, campaign_id)
    assert snapshot(db) == before
    # Even bypassing the check, the database keeps a campaign its decisions point to.
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("DELETE FROM campaigns WHERE id = ?", [with_award])
    empty = campaign(db, name="Phong trào nhập nhầm")
    reviews.plan_review(db, empty, "so_ket", dt.date(2021, 6, 1), today=dt.date(2021, 1, 1))
    campaigns.delete_campaign(db, empty)
    assert campaigns.find_campaign(db, "Phong trào nhập nhầm") is None
    assert not db["campaign_reviews"].count_where("campaign_id = ?", [empty])
    assert db["audit_log"].count_where("action = 'xoa' AND table_name = 'campaigns'") == 1


def test_new_period_must_still_hold_registrations_and_reviews(db):
    ids = office(db)
    campaign_id = campaign(db)
    registrations.register(db, campaign_id, 2021, "tap_the_lao_dong_tien_tien", unit_ids=[ids["Thanh tra Sở"]])
    c = campaigns.get_campaign(db, campaign_id)
    with pytest.raises(ValidationError, match="năm 2021"):
        campaigns.update_campaign(db, dataclasses.replace(c, starts_on=dt.date(2022, 1, 1)))
    campaigns.update_campaign(db, dataclasses.replace(c, ends_on=dt.date(2026, 12, 31), goals="Mục tiêu mới"))
    assert campaigns.get_campaign(db, campaign_id).goals == "Mục tiêu mới"


def test_checklist_ticks_follow_the_text_and_units_are_replaced(db):
    ids = office(db)
    campaign_id = campaign(db)
    first = campaigns.list_criteria(db, campaign_id)[0]
    campaigns.set_criterion_done(db, first.id, True)
    campaigns.save_campaign(db, campaigns.get_campaign(db, campaign_id), criteria=["Tiêu chí ba", "Tiêu chí một"],
                            unit_ids=[ids["Thanh tra Sở"]])
    assert [(c.text, c.done) for c in campaigns.list_criteria(db, campaign_id)] == [
        ("Tiêu chí ba", False), ("Tiêu chí một", True)]
    assert [u.name for u in campaigns.campaign_units(db, campaign_id)] == ["Thanh tra Sở"]
    with pytest.raises(ValidationError):
        campaigns.set_campaign_units(db, campaign_id, [999])


def test_link_and_unlink_existing_decision(db):
    ids = office(db)
    a, b = campaign(db), campaign(db, name="Cả nước chung sức xây dựng nông thôn mới", kind="chuyen_de")
    decision_id = decisions_db.add_decision(
        db, Decision(None, "12/QĐ-SKHCN", dt.date(2025, 8, 10), "Sở", kind="phong_trao"),
        [Award(None, None, "giay_khen_tap_the", unit_id=ids["Văn phòng Sở"], year=2025)])
    campaigns.link_decision(db, a, decision_id)
    assert campaigns.get_campaign(db, a).awards == 1
    assert campaigns.campaign_names_by_decision(db) == {decision_id: campaigns.get_campaign(db, a).name}
    assert [x.id for x in decisions_db.list_awards(db, campaign_id=a)] == [x.id for x in
                                                                            decisions_db.list_awards(db)]
    with pytest.raises(ValidationError, match="đã gắn với phong trào"):
        campaigns.link_decision(db, b, decision_id)
    campaigns.unlink_decision(db, decision_id)
    assert campaigns.get_campaign(db, a).awards == 0 and decisions_db.get_decision(db, decision_id) is not None
    with pytest.raises(NotFoundError, match="Không tìm thấy quyết định"):
        campaigns.link_decision(db, a, 999)


def test_list_by_year_and_match_names(db):
    office(db)
    campaign(db)
    campaign(db, name="Thi đua thực hiện thắng lợi nhiệm vụ năm 2026", kind="thuong_xuyen",
             starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 12, 31))
    assert [c.name[:8] for c in campaigns.list_campaigns(db, year=2026)] == ["Thi đua "]
    assert len(campaigns.list_campaigns(db, year=2023)) == 1
    assert campaigns.campaign_years(db)[0] == 2026
    assert len(campaigns.match_campaigns(db, "thi dua")) == 2
    assert [c.kind for c in campaigns.match_campaigns(db, "nhiem vu nam 2026")] == ["thuong_xuyen"]
    assert campaigns.match_campaigns(db, "không có") == []


def test_records_render_documents(db):
    c = Campaign(None, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", doc_kind="ke_hoach",
                 doc_number="15/KH-SKHCN", doc_date=dt.date(2021, 2, 24), doc_issuer="Sở KH&CN")
    assert c.document_text() == "Kế hoạch số 15/KH-SKHCN ngày 24/02/2021 của Sở KH&CN"
    assert c.phrase() == "phong trào thi đua “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”"
    spoken = dataclasses.replace(c, doc_kind="phat_dong", doc_number="")
    assert spoken.document_text() == "lời phát động ngày 24/02/2021 của Sở KH&CN"
