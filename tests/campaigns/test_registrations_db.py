"""Registrations: bulk, per unit, pasted lists; refusals; results read from the awards register; summaries."""

from __future__ import annotations

import datetime as dt

import pytest
from campaigns.builders import campaign, office, people, snapshot

from tdkt_desktop.db import campaigns, registrations, staff, units
from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db.award_records import Award, Decision
from tdkt_desktop.errors import ValidationError


@pytest.fixture
def setup(db):
    ids = office(db)
    return db, ids, campaign(db)


def test_register_unit_in_one_step_then_skip_who_already_registered(setup):
    db, ids, campaign_id = setup
    office_people = [p for p in people(db) if p.unit_id == ids["Văn phòng Sở"]]
    registrations.register(db, campaign_id, 2024, "chien_si_thi_dua_co_so", staff_ids=[office_people[0].id])
    added, skipped = registrations.register_unit(db, campaign_id, 2024, ids["Văn phòng Sở"], "lao_dong_tien_tien",
                                                 "tap_the_lao_dong_tien_tien", registered_on=dt.date(2024, 2, 1))
    assert added == 5 + 1
    assert len(skipped) == 1 and "Chiến sĩ thi đua cơ sở" in skipped[0] and office_people[0].full_name in skipped[0]
    rows = registrations.list_registrations(db, campaign_id=campaign_id, year=2024)
    assert rows[0].unit_id == ids["Văn phòng Sở"] and rows[0].award_name == "Tập thể lao động tiên tiến"
    assert {r.award_type for r in rows if r.staff_id} == {"lao_dong_tien_tien", "chien_si_thi_dua_co_so"}
    # A form on top of a title is a second, separate registration.
    added, skipped = registrations.register(db, campaign_id, 2024, "giay_khen", staff_ids=[office_people[0].id])
    assert (added, skipped) == (1, [])
    assert campaigns.get_campaign(db, campaign_id).registrations == 8


@pytest.mark.parametrize("kwargs, words", [
    ({"year": 2019, "award": "lao_dong_tien_tien"}, "nằm ngoài thời gian"),
    ({"year": 2024, "award": "tap_the_lao_dong_tien_tien"}, "dành cho tập thể"),
    ({"year": 2024, "award": "khong_co"}, "Không có danh hiệu"),
    ({"year": 2024, "award": "lao_dong_tien_tien", "inactive": True}, "ngừng theo dõi"),
    ({"year": 2024, "award": "lao_dong_tien_tien", "nobody": True}, "Chưa chọn"),
    ({"year": 2024, "award": "lao_dong_tien_tien", "closed": True}, "đã kết thúc"),
])
def test_refusals_leave_everything_as_it_was(setup, kwargs, words):
    db, _ids, campaign_id = setup
    person = people(db)[0]
    if kwargs.get("inactive"):
        staff.set_active(db, person.id, False)
    if kwargs.get("closed"):
        campaigns.close_campaign(db, campaign_id, dt.date(2024, 1, 1))
    before = snapshot(db)
    with pytest.raises(ValidationError) as err:
        registrations.register(db, campaign_id, kwargs["year"], kwargs["award"],
                               staff_ids=[] if kwargs.get("nobody") else [person.id])
    assert words in str(err.value)
    assert snapshot(db) == before


def test_unit_without_active_staff_is_refused(setup):
    db, _ids, campaign_id = setup
    from tdkt_desktop.db.records import Unit

    empty = units.add_unit(db, Unit(id=None, name="Phòng mới thành lập"))
    with pytest.raises(ValidationError, match="không có cán bộ nào"):
        registrations.register_unit(db, campaign_id, 2024, empty, "lao_dong_tien_tien")


def test_result_is_read_from_the_awards_register_and_a_miss_is_recorded(setup):
    db, ids, campaign_id = setup
    a, b = people(db)[:2]
    registrations.register(db, campaign_id, 2024, "lao_dong_tien_tien", staff_ids=[a.id, b.id])
    registrations.register(db, campaign_id, 2024, "tap_the_lao_dong_tien_tien", unit_ids=[ids["Thanh tra Sở"]])
    decisions_db.add_decision(db, Decision(None, "3/QĐ-SKHCN", dt.date(2025, 1, 10), "Sở"), [
        Award(None, None, "lao_dong_tien_tien", staff_id=a.id, year=2024),
        Award(None, None, "tap_the_lao_dong_tien_tien", unit_id=ids["Thanh tra Sở"], year=2024)])
    rows = {(r.staff_id, r.unit_id): r for r in registrations.list_registrations(db, campaign_id=campaign_id)}
    assert rows[(a.id, None)].result == "dat" and rows[(a.id, None)].result_number == "3/QĐ-SKHCN"
    assert rows[(None, ids["Thanh tra Sở"])].result == "dat"
    assert rows[(b.id, None)].result == ""
    with pytest.raises(ValidationError, match="đã đạt"):
        registrations.set_outcome(db, [rows[(a.id, None)].id], True)
    registrations.set_outcome(db, [rows[(b.id, None)].id], True)
    assert registrations.list_registrations(db, staff_id=b.id)[0].result == "khong_dat"
    registrations.set_outcome(db, [rows[(b.id, None)].id], False)
    assert registrations.list_registrations(db, staff_id=b.id)[0].result == ""
    registrations.remove_registrations(db, [rows[(b.id, None)].id])
    assert registrations.list_registrations(db, staff_id=b.id) == []


def test_summary_by_unit_and_registered_awards(setup):
    db, ids, campaign_id = setup
    registrations.register_unit(db, campaign_id, 2025, ids["Văn phòng Sở"], "lao_dong_tien_tien",
                                "tap_the_lao_dong_xuat_sac")
    registrations.register_unit(db, campaign_id, 2025, ids["Thanh tra Sở"], "lao_dong_tien_tien")
    first = people(db)[0]
    registrations.register(db, campaign_id, 2025, "giay_khen", staff_ids=[first.id])
    rows = registrations.summary_by_unit(db, campaign_id, 2025)
    assert [(r.unit_name, r.staff, r.own, r.counts) for r in rows] == [
        ("Văn phòng Sở", 6, ("tap_the_lao_dong_xuat_sac",), {"lao_dong_tien_tien": 6, "giay_khen": 1}),
        ("Thanh tra Sở", 6, (), {"lao_dong_tien_tien": 6}),
    ]
    assert rows[0].people == 7
    given = registrations.registered_awards(db, 2025)
    assert given[("ca_nhan", first.id)] == ("lao_dong_tien_tien", "giay_khen")
    assert given[("tap_the", ids["Văn phòng Sở"])] == ("tap_the_lao_dong_xuat_sac",)
    assert registrations.registered_awards(db, 2024) == {}


def test_pasted_lines_match_codes_names_and_excel_rows(setup):
    db, _ids, _campaign_id = setup
    everyone = staff.list_staff(db)
    twin = people(db)[-1]
    staff.add_staff(db, staff.Staff(id=None, code="NV99", full_name="Nguyễn Văn An"))  # same name as NV01
    everyone = staff.list_staff(db)
    text = "NV02\ntran thi binh\n3\tLê Văn Cường\tVăn phòng Sở\nNguyễn Văn An\nKhông Có Ai\n\n" + twin.code.lower()
    found, unknown = registrations.match_pasted(text, everyone, units.list_units(db), collective=False)
    assert [s.code for s in found] == ["NV02", "NV03", twin.code]  # "Trần Thị Bình" is NV02 too: listed once
    assert unknown == ["Nguyễn Văn An (trùng tên, hãy dùng mã cán bộ)", "Không Có Ai"]
    found, unknown = registrations.match_pasted("thanh tra so\nPhòng Ma", [], units.list_units(db), collective=True)
    assert [u.name for u in found] == ["Thanh tra Sở"] and unknown == ["Phòng Ma"]
