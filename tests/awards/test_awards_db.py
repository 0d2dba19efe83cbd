"""Catalog, decisions with duplicate guards, ratings, initiatives, statistics and history (db layer)."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt_desktop.db import catalog, decisions, history, ratings, statistics
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import units as units_db
from tdkt_desktop.db.award_records import Award, AwardType, Decision, Initiative, Rating
from tdkt_desktop.db.records import Staff, Unit
from tdkt_desktop.errors import NotFoundError, ValidationError


@pytest.fixture
def office(db):
    unit = units_db.add_unit(db, Unit(id=None, name="Văn phòng Sở"))
    people = [
        staff_db.add_staff(db, Staff(id=None, code=f"CB{i:03d}", full_name=name, unit_id=unit))
        for i, name in enumerate(["Đặng Thị Hương", "Nguyễn Văn An", "Lê Minh Tuấn"], start=1)
    ]
    return db, unit, people


def _decision(number="125/QĐ-SKHCN", day=dt.date(2025, 1, 10), issuer="Sở Khoa học và Công nghệ"):
    return Decision(id=None, number=number, issued_on=day, issuer=issuer, signer_name="Hoàng Văn Thắng")


def _snapshot(db):
    return {t: list(db[t].rows) for t in ("decisions", "awards", "ratings", "initiatives", "award_types")}


def test_catalog_has_every_title_and_form_distinct(db):
    types = {t.code: t for t in catalog.list_award_types(db, active_only=False)}
    for code in [
        "lao_dong_tien_tien", "chien_si_thi_dua_co_so", "chien_si_thi_dua_cap_tinh", "chien_si_thi_dua_cap_bo",
        "chien_si_thi_dua_toan_quoc", "chien_si_tien_tien", "tap_the_lao_dong_tien_tien",
        "tap_the_lao_dong_xuat_sac", "co_thi_dua_cap_bo", "co_thi_dua_cap_tinh", "co_thi_dua_chinh_phu",
        "giay_khen", "bang_khen_cap_bo", "bang_khen_cap_tinh", "bang_khen_thu_tuong",
        "huan_chuong_lao_dong_hang_ba", "huan_chuong_lao_dong_hang_nhi", "huan_chuong_lao_dong_hang_nhat",
        "ky_niem_chuong",
    ]:
        assert code in types, code
    assert types["lao_dong_tien_tien"].kind == "danh_hieu"
    assert types["giay_khen"].kind == "hinh_thuc"
    assert types["tap_the_lao_dong_xuat_sac"].target == "tap_the"
    assert types["giay_khen_tap_the"].family == "giay_khen"
    assert not types["chien_si_tien_tien"].active
    active = catalog.list_award_types(db)
    assert "chien_si_tien_tien" not in {t.code for t in active}
    # Titles come before forms.
    kinds = [t.kind for t in active]
    assert kinds == sorted(kinds, key=lambda k: k != "danh_hieu")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("LĐTT", "lao_dong_tien_tien"),
        ("ldtt", "lao_dong_tien_tien"),
        ("CSTĐCS", "chien_si_thi_dua_co_so"),
        ("Chiến sĩ thi đua cơ sở", "chien_si_thi_dua_co_so"),
        ("chien si thi dua co so", "chien_si_thi_dua_co_so"),
        ("Giấy khen của Giám đốc Sở", "giay_khen"),
        ("Danh hiệu “Lao động tiên tiến”", "lao_dong_tien_tien"),
        ("Bằng khen của Chủ tịch UBND tỉnh", "bang_khen_cap_tinh"),
        ("HCLĐ hạng Ba", "huan_chuong_lao_dong_hang_ba"),
        ("bang_khen_thu_tuong", "bang_khen_thu_tuong"),
    ],
)
def test_find_award_type_accepts_usual_spellings(db, text, code):
    assert catalog.find_award_type(db, text).code == code


def test_find_award_type_by_target_and_unknown(db):
    assert catalog.find_award_type(db, "Giấy khen", target="tap_the").code == "giay_khen_tap_the"
    assert catalog.find_award_type(db, "Huy chương vàng") is None
    with pytest.raises(NotFoundError):
        catalog.get_award_type(db, "khong_co")


def test_office_can_add_its_own_type(db):
    code = catalog.add_award_type(
        db,
        AwardType(code="", name="Giấy khen của Chủ tịch UBND huyện", short_name="GK huyện", kind="hinh_thuc",
                  target="ca_nhan", level="co_so", authority="Chủ tịch UBND huyện", certificate_kind="giay_khen"),
    )
    added = catalog.get_award_type(db, code)
    assert not added.builtin
    assert catalog.find_award_type(db, "giay khen cua chu tich ubnd huyen").code == code
    with pytest.raises(ValidationError) as err:
        catalog.add_award_type(db, AwardType(code="", name="Lao động tiên tiến", short_name="", kind="danh_hieu",
                                             target="ca_nhan", level="", authority="", certificate_kind=""))
    assert "trùng" in err.value.errors["name"]
    with pytest.raises(ValidationError):
        catalog.add_award_type(db, AwardType(code=code, name="X", short_name="", kind="hinh_thuc",
                                             target="ca_nhan", level="", authority="", certificate_kind=""))


def test_add_decision_with_awards_in_order(office):
    db, unit, people = office
    awards = [Award(id=None, decision_id=None, award_type="lao_dong_tien_tien", staff_id=p, year=2024) for p in people]
    awards.append(Award(id=None, decision_id=None, award_type="tap_the_lao_dong_tien_tien", unit_id=unit, year=2024))
    decision_id = decisions.add_decision(db, _decision(), awards)
    saved = decisions.awards_of_decision(db, decision_id)
    assert [a.position for a in saved] == [1, 2, 3, 4]
    assert [a.recipient_name for a in saved] == ["Đặng Thị Hương", "Nguyễn Văn An", "Lê Minh Tuấn", "Văn phòng Sở"]
    assert saved[0].decision_number == "125/QĐ-SKHCN"
    assert saved[0].decision_date == dt.date(2025, 1, 10)
    assert saved[0].staff_code == "CB001"
    decision = decisions.get_decision(db, decision_id)
    assert decision.year == 2025 and decision.award_count == 4
    assert decisions.find_decision(db, "125/qđ-skhcn").id == decision_id
    assert decisions.find_decision(db, "Số: 125 / QĐ-SKHCN", issuer="Sở Khoa học và Công nghệ").id == decision_id
    assert decisions.find_decision(db, "126/QĐ-SKHCN") is None
    assert [a.staff_id for a in decisions.list_awards(db, year=2024, award_type="lao_dong_tien_tien")] == people
    assert len(decisions.list_awards(db, unit_id=unit)) == 4
    assert db["audit_log"].count_where("table_name = 'decisions'") == 1


def test_award_year_defaults_to_decision_year(office):
    db, _, people = office
    decision_id = decisions.add_decision(
        db, _decision(), [Award(id=None, decision_id=None, award_type="giay_khen", staff_id=people[0])]
    )
    assert decisions.awards_of_decision(db, decision_id)[0].year == 2025


@pytest.mark.parametrize(
    ("award", "words"),
    [
        (dict(award_type="khong_co"), "không có danh hiệu"),
        (dict(award_type="tap_the_lao_dong_tien_tien"), "dành cho tập thể"),
        (dict(award_type="lao_dong_tien_tien", staff_id=None, unit_id="unit"), "dành cho cá nhân"),
        (dict(award_type="lao_dong_tien_tien", staff_id=999), "không có trong cơ sở dữ liệu"),
        (dict(award_type="lao_dong_tien_tien", year=1800), "không hợp lệ"),
    ],
)
def test_bad_award_lines_are_refused_and_nothing_written(office, award, words):
    db, unit, people = office
    values = {"staff_id": people[0], "year": 2024, **award}
    if values.get("unit_id") == "unit":
        values["unit_id"] = unit
    before = _snapshot(db)
    with pytest.raises(ValidationError) as err:
        decisions.add_decision(db, _decision(), [Award(id=None, decision_id=None, **values)])
    assert words in str(err.value)
    assert _snapshot(db) == before


def test_same_person_same_title_same_year_is_refused(office):
    db, _, people = office
    line = Award(id=None, decision_id=None, award_type="chien_si_thi_dua_co_so", staff_id=people[0], year=2024)
    decisions.add_decision(db, _decision(), [line])
    before = _snapshot(db)
    with pytest.raises(ValidationError) as err:
        decisions.add_decision(db, _decision("126/QĐ-SKHCN"), [line])
    assert "Đặng Thị Hương" in str(err.value) and "125/QĐ-SKHCN" in str(err.value)
    with pytest.raises(ValidationError) as err:
        decisions.add_decision(db, _decision("127/QĐ-SKHCN"), [
            Award(id=None, decision_id=None, award_type="lao_dong_tien_tien", staff_id=people[1], year=2024),
            Award(id=None, decision_id=None, award_type="lao_dong_tien_tien", staff_id=people[1], year=2024),
        ])
    assert "dòng 1" in str(err.value)
    assert _snapshot(db) == before
    # Another year is fine.
    decisions.add_decision(db, _decision("128/QĐ-SKHCN"), [line.__class__(**{**line.__dict__, "year": 2023})])


def test_decision_number_unique_per_issuer_and_year(office):
    db, _, people = office
    decisions.add_decision(db, _decision(), [])
    before = _snapshot(db)
    with pytest.raises(ValidationError) as err:
        decisions.add_decision(db, _decision(number="125/QD-SKHCN", day=dt.date(2025, 6, 1)), [])
    assert "đã có" in err.value.errors["number"]
    assert _snapshot(db) == before
    decisions.add_decision(db, _decision(day=dt.date(2024, 3, 1)), [])  # another year
    decisions.add_decision(db, _decision(issuer="UBND tỉnh Cao Bằng"), [])  # another issuer
    with pytest.raises(ValidationError) as err:
        decisions.add_decision(db, Decision(id=None, number=" ", issued_on=dt.date(2025, 1, 1), issuer=""), [])
    assert set(err.value.errors) == {"number", "issuer"}


def test_update_remove_and_add_awards(office):
    db, unit, people = office
    lines = [Award(id=None, decision_id=None, award_type="lao_dong_tien_tien", staff_id=p, year=2024) for p in people]
    decision_id = decisions.add_decision(db, _decision(), lines)
    saved = decisions.awards_of_decision(db, decision_id)
    decision = decisions.get_decision(db, decision_id)
    decisions.update_decision(db, decision.__class__(**{**decision.__dict__, "summary": "Tặng danh hiệu"}),
                              [saved[2], saved[0]])
    after = decisions.awards_of_decision(db, decision_id)
    assert [a.id for a in after] == [saved[2].id, saved[0].id]
    assert [a.position for a in after] == [1, 2]
    assert decisions.get_decision(db, decision_id).summary == "Tặng danh hiệu"
    decisions.remove_award(db, saved[2].id)
    assert len(decisions.awards_of_decision(db, decision_id)) == 1
    new_ids = decisions.add_awards(db, decision_id, [
        Award(id=None, decision_id=None, award_type="tap_the_lao_dong_tien_tien", unit_id=unit, year=2024)])
    assert decisions.awards_of_decision(db, decision_id)[-1].id == new_ids[0]
    assert decisions.awards_of_decision(db, decision_id)[-1].position == 3
    decisions.delete_decision(db, decision_id)
    assert db["awards"].count == 0 and db["decisions"].count == 0


def test_ratings_set_replace_and_validate(office):
    db, _, people = office
    ratings.set_rating(db, Rating(id=None, staff_id=people[0], year=2024, rating="HTXS"))
    ratings.set_rating(db, Rating(id=None, staff_id=people[0], year=2024, rating="htt", discipline=""))
    assert [r.rating for r in ratings.ratings_of(db, people[0])] == ["HTT"]
    before = _snapshot(db)
    with pytest.raises(ValidationError):
        ratings.set_ratings(db, [
            Rating(id=None, staff_id=people[1], year=2024, rating="HTXS"),
            Rating(id=None, staff_id=people[2], year=2024, rating="Giỏi"),
        ])
    with pytest.raises(ValidationError):
        ratings.set_rating(db, Rating(id=None, staff_id=people[1], year=2024, rating="HT", discipline="Phạt"))
    assert _snapshot(db) == before
    assert ratings.parse_rating("Hoàn thành xuất sắc nhiệm vụ") == "HTXS"
    assert ratings.parse_rating("hoan thanh nhiem vu") == "HT"
    assert ratings.parse_discipline("cảnh cáo") == "canh_cao"
    assert len(ratings.ratings_for_year(db, 2024)) == 1


def test_initiatives(office):
    db, _, people = office
    new_id = ratings.add_initiative(db, Initiative(id=None, staff_id=people[0], year=2024, title="Phần mềm  quản lý",
                                                   scope="bo_tinh"))
    assert ratings.initiatives_of(db, people[0])[0].title == "Phần mềm quản lý"
    with pytest.raises(ValidationError):
        ratings.add_initiative(db, Initiative(id=None, staff_id=people[0], year=2024, title="phan mem quan ly"))
    with pytest.raises(ValidationError):
        ratings.add_initiative(db, Initiative(id=None, staff_id=people[0], year=2024, title="X", scope="the_gioi"))
    assert ratings.parse_scope("Bộ, tỉnh") == "bo_tinh" and ratings.parse_scope("toàn quốc") == "toan_quoc"
    ratings.remove_initiative(db, new_id)
    assert ratings.initiatives_of(db, people[0]) == []


def test_statistics_are_computed(office):
    db, unit, people = office
    decisions.add_decision(db, _decision(), [
        Award(id=None, decision_id=None, award_type="lao_dong_tien_tien", staff_id=p, year=2024) for p in people
    ] + [Award(id=None, decision_id=None, award_type="giay_khen_tap_the", unit_id=unit, year=2024),
         Award(id=None, decision_id=None, award_type="giay_khen", staff_id=people[0], year=2024)])
    decisions.add_decision(db, _decision("3/QĐ-SKHCN", dt.date(2024, 1, 5)), [
        Award(id=None, decision_id=None, award_type="lao_dong_tien_tien", staff_id=people[0], year=2023)])
    rows = {r.award_type: r for r in statistics.award_counts(db, 2023, 2024)}
    assert (rows["lao_dong_tien_tien"].ca_nhan, rows["lao_dong_tien_tien"].tap_the) == (4, 0)
    assert (rows["giay_khen"].ca_nhan, rows["giay_khen"].tap_the, rows["giay_khen"].total) == (1, 1, 2)
    assert statistics.total(list(rows.values())) == (5, 1, 6)
    assert {r.award_type for r in statistics.award_counts(db, 2023, 2023)} == {"lao_dong_tien_tien"}
    assert statistics.counts_by_year(db, 2023, 2024)[2024]["lao_dong_tien_tien"] == 3
    assert statistics.year_range(db) == (2023, 2024)


def test_history_and_chains(office):
    db, _, people = office
    for year, number in ((2023, "1/QĐ-SKHCN"), (2024, "2/QĐ-SKHCN"), (2025, "3/QĐ-SKHCN")):
        decisions.add_decision(db, _decision(number, dt.date(year, 12, 20)), [
            Award(id=None, decision_id=None, award_type="chien_si_thi_dua_co_so", staff_id=people[0], year=year)])
        ratings.set_rating(db, Rating(id=None, staff_id=people[0], year=year, rating="HTXS"))
    decisions.add_decision(db, _decision("9/QĐ-SKHCN", dt.date(2021, 12, 20)), [
        Award(id=None, decision_id=None, award_type="chien_si_thi_dua_co_so", staff_id=people[0], year=2021)])
    h = history.person_history(db, people[0])
    assert [e.year for e in h.years] == [2025, 2024, 2023, 2021]
    texts = [c.text() for c in h.chains]
    assert "Chiến sĩ thi đua cơ sở: 2023, 2024, 2025 – 3 năm liên tục" in texts
    assert history.consecutive_runs({2019, 2021, 2022}) == [(2019,), (2021, 2022)]


@pytest.mark.parametrize("fts", [True, False])
def test_register_filter_in_sql_matches_the_typed_words(demo_db, fts):
    """Every word begins a word of recipient, staff code, award, decision number, unit or issuer."""
    from tdkt_desktop.db import register
    from tdkt_desktop.text import tokens

    if not fts:  # SQLite builds without FTS5: LIKE on the stored fold
        for trigger in ("staff_ai", "staff_ad", "staff_au"):
            demo_db.execute(f"DROP TRIGGER {trigger}")
        demo_db.execute("DROP TABLE staff_fts")
    everyone = decisions.list_awards(demo_db)
    for typed in ["dang thi huong", "lao dong", "skhcn ubnd", "thanh tra h", "nguyen thi", "CB01", "zzz", "l_o"]:
        expected = {a.id for a in everyone if all(any(w.startswith(t) for w in tokens(
            f"{a.recipient_name} {a.staff_code} {a.award_name} {a.decision_number} {a.unit_name} {a.issuer}"))
            for t in tokens(typed))}
        where = register.award_filter(demo_db, register.AwardQuery(text=typed))
        assert {a.id for a in register.page_awards(demo_db, where, limit=100_000)} == expected, typed
        assert register.count_awards(demo_db, where) == len(expected)
        assert sum(n for _name, n, _i in register.award_totals(demo_db, where)) == len(expected)


@pytest.mark.parametrize("query", [dict(), dict(year=2024), dict(text="lao dong"), dict(text="tap the"),
                                   dict(award_type="tap_the_lao_dong_xuat_sac"), dict(award_type="giay_khen_tap_the"),
                                   dict(text="zzz")])
def test_register_totals_count_lines_and_individuals_per_award_name(demo_db, query):
    """The totals line: per award name, how many lines and how many of them are individuals'; the
    individual and collective forms of one name count together; most frequent first."""
    import collections

    from tdkt_desktop.db import register

    where = register.award_filter(demo_db, register.AwardQuery(**query))
    shown = register.page_awards(demo_db, where, limit=100_000)
    lines, individuals = collections.Counter(), collections.Counter()
    for award in shown:
        lines[award.award_name] += 1
        individuals[award.award_name] += award.staff_id is not None
    totals = register.award_totals(demo_db, where)
    assert {name: (n, i) for name, n, i in totals} == {k: (lines[k], individuals[k]) for k in lines}
    assert [n for _name, n, _i in totals] == sorted(lines.values(), reverse=True)
    if not query:  # the demo has both kinds, so the subtraction of collectives is exercised
        assert any(i < n for _name, n, i in totals) and any(i > 0 for _name, _n, i in totals)
