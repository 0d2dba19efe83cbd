"""Sơ kết / tổng kết: dates inside or after the period, one tổng kết, results checked; reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from campaigns.builders import campaign, office, people, snapshot

from tdkt_desktop.db import campaign_reviews as reviews
from tdkt_desktop.db import campaigns, registrations
from tdkt_desktop.db.campaign_records import CampaignReview, ReviewResult
from tdkt_desktop.errors import ValidationError

TODAY = dt.date(2025, 9, 1)


@pytest.fixture
def setup(db):
    ids = office(db)
    return db, ids, campaign(db)


def test_plan_then_record_with_results_in_order(setup):
    db, ids, campaign_id = setup
    planned = reviews.plan_review(db, campaign_id, "so_ket", dt.date(2023, 8, 10), "Sơ kết giữa giai đoạn",
                                  today=dt.date(2023, 1, 1))
    review = reviews.get_review(db, planned)
    assert not review.held and review.day == dt.date(2023, 8, 10)
    a, b = people(db)[:2]
    results = [ReviewResult(None, None, unit_id=ids["Thanh tra Sở"], result="tot", rank=2),
               ReviewResult(None, None, staff_id=a.id, result="xuat_sac", rank=1, award_type="giay_khen"),
               ReviewResult(None, None, unit_id=ids["Văn phòng Sở"], result="xuat_sac", rank=1)]
    reviews.record_review(db, CampaignReview(planned, campaign_id, "so_ket", planned_on=review.planned_on,
                                             held_on=dt.date(2023, 8, 10), summary="Kết quả tốt"), results, today=TODAY)
    saved = reviews.results_of(db, planned)
    assert [(r.name, r.award_name) for r in saved] == [
        ("Thanh tra Sở", ""), (a.full_name, "Giấy khen của Giám đốc Sở"), ("Văn phòng Sở", "")]
    ordered = reviews.with_rank_order(saved)
    assert [r.name for r in ordered] == ["Văn phòng Sở", "Thanh tra Sở", a.full_name]
    assert reviews.get_review(db, planned).results == 3
    # Recording again replaces the results exactly.
    reviews.record_review(db, reviews.get_review(db, planned), [ReviewResult(None, None, staff_id=b.id)], today=TODAY)
    assert [r.staff_id for r in reviews.results_of(db, planned)] == [b.id]
    assert campaigns.get_campaign(db, campaign_id).so_ket_held == 1


@pytest.mark.parametrize("review, words", [
    (dict(kind="so_ket", held_on=dt.date(2020, 1, 1)), "trước ngày bắt đầu"),
    (dict(kind="so_ket", held_on=dt.date(2025, 12, 1)), "chưa đến"),
    (dict(kind="so_ket", held_on=None), "Hãy nhập ngày"),
    (dict(kind="hoi_nghi", held_on=dt.date(2024, 1, 1)), "không hợp lệ"),
    (dict(kind="tong_ket", held_on=dt.date(2025, 8, 20)), "đã có đợt tổng kết"),
    (dict(kind="so_ket", held_on=dt.date(2025, 8, 25)), "sau đợt tổng kết"),
])
def test_bad_review_is_refused(setup, review, words):
    db, _ids, campaign_id = setup
    reviews.record_review(db, CampaignReview(None, campaign_id, "tong_ket", held_on=dt.date(2025, 8, 10)), [],
                          today=TODAY)
    before = snapshot(db)
    with pytest.raises(ValidationError) as err:
        reviews.record_review(db, CampaignReview(None, campaign_id, **review), [], today=TODAY)
    assert words in str(err.value)
    assert snapshot(db) == before


def test_tong_ket_before_a_so_ket_is_refused(setup):
    db, _ids, campaign_id = setup
    reviews.record_review(db, CampaignReview(None, campaign_id, "so_ket", held_on=dt.date(2024, 7, 31)), [],
                          today=TODAY)
    with pytest.raises(ValidationError, match="trước đợt sơ kết"):
        reviews.plan_review(db, campaign_id, "tong_ket", dt.date(2024, 1, 15), today=TODAY)


@pytest.mark.parametrize("result, words", [
    (ReviewResult(None, None), "một cá nhân hoặc một tập thể"),
    (ReviewResult(None, None, staff_id=999, name="Người lạ"), "không có trong cơ sở dữ liệu"),
    (ReviewResult(None, None, staff_id=1, result="gioi"), "không hợp lệ"),
    (ReviewResult(None, None, staff_id=1, rank=0), "từ 1 trở lên"),
    (ReviewResult(None, None, staff_id=1, award_type="giay_khen_tap_the", name="Nguyễn Văn An"), "dành cho tập thể"),
    (ReviewResult(None, None, staff_id=1, award_type="huy_chuong"), "không có hình thức"),
])
def test_bad_results_are_refused(setup, result, words):
    db, _ids, campaign_id = setup
    before = snapshot(db)
    with pytest.raises(ValidationError) as err:
        reviews.record_review(db, CampaignReview(None, campaign_id, "so_ket", held_on=dt.date(2024, 7, 31)),
                              [result], today=TODAY)
    assert words in str(err.value)
    assert snapshot(db) == before


def test_duplicate_participant_is_refused(setup):
    db, _ids, campaign_id = setup
    person = people(db)[0]
    with pytest.raises(ValidationError, match="đã có ở dòng 1"):
        reviews.record_review(db, CampaignReview(None, campaign_id, "so_ket", held_on=dt.date(2024, 7, 31)),
                              [ReviewResult(None, None, staff_id=person.id, name=person.full_name)] * 2, today=TODAY)


def test_default_results_are_units_then_registered_people(setup):
    db, ids, campaign_id = setup
    registrations.register(db, campaign_id, 2024, "lao_dong_tien_tien", staff_ids=[people(db)[3].id])
    rows = reviews.default_results(db, campaign_id, 2024)
    assert [r.name for r in rows] == ["Văn phòng Sở", "Thanh tra Sở", "Phòng Quản lý khoa học", people(db)[3].full_name]


def test_reminders_due_late_overdue_and_unresolved(setup):
    db, ids, period = setup
    yearly = campaign(db, name="Thi đua thực hiện thắng lợi nhiệm vụ năm 2025", kind="thuong_xuyen",
                      starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2025, 12, 31))
    reviews.plan_review(db, yearly, "tong_ket", dt.date(2025, 12, 18), today=TODAY)
    reviews.plan_review(db, yearly, "so_ket", dt.date(2025, 7, 31), today=TODAY)
    registrations.register(db, period, 2024, "lao_dong_tien_tien", staff_ids=[p.id for p in people(db)[:3]])
    registrations.register(db, yearly, 2025, "lao_dong_tien_tien", staff_ids=[people(db)[4].id])
    found = reviews.reminders(db, dt.date(2025, 11, 29), horizon_days=30)
    assert [(r.kind, r.campaign_id, r.day, r.review_kind, r.count) for r in found] == [
        ("review_late", yearly, dt.date(2025, 7, 31), "so_ket", 0),
        ("review_due", yearly, dt.date(2025, 12, 18), "tong_ket", 0),
        ("unresolved", period, None, "", 3),
    ]
    after = reviews.reminders(db, dt.date(2026, 1, 5))
    assert {(r.kind, r.campaign_id) for r in after} == {
        ("review_late", yearly), ("overdue", period), ("overdue", yearly), ("unresolved", period),
        ("unresolved", yearly)}
    campaigns.close_campaign(db, yearly, dt.date(2026, 1, 5))
    assert {r.campaign_id for r in reviews.reminders(db, dt.date(2026, 1, 5))} == {period}


def test_planned_review_can_be_deleted(setup):
    db, _ids, campaign_id = setup
    review_id = reviews.plan_review(db, campaign_id, "so_ket", dt.date(2024, 7, 31), today=TODAY)
    reviews.delete_review(db, review_id)
    assert reviews.list_reviews(db, campaign_id) == []
