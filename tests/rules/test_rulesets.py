"""Rule sets as data: which set judges which year, office edits, validation, money and council arithmetic."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rules.engine_builders import CODES, engine, person, unit

from tdkt_desktop.errors import ValidationError
from tdkt_desktop.rules import council
from tdkt_desktop.rules.engine import Engine
from tdkt_desktop.rules.model import InitiativeFact, PersonHistory, YearFacts
from tdkt_desktop.rules.params import flatten, parse_value, set_param
from tdkt_desktop.rules.ruleset import (
    from_data,
    load_builtin,
    money_amount,
    resolve,
    validate,
)


def test_bundled_sets_are_valid_and_cover_each_regime():
    sets = load_builtin()
    assert [s.name for s in sets] == [
        "Luật TĐKT 2003/2013 + NĐ 91/2017",
        "Luật TĐKT 2022 + NĐ 98/2023",
        "Luật TĐKT 2022 + NĐ 152/2025",
    ]
    for rs in sets:
        assert validate(rs.data) == {}
        assert rs.data["unverified"], "unverified clauses are marked as switchable defaults"


@pytest.mark.parametrize(
    "year, name",
    [(2018, "NĐ 91/2017"), (2023, "NĐ 91/2017"), (2024, "NĐ 98/2023"), (2025, "NĐ 152/2025"), (2026, "NĐ 152/2025")],
)
def test_year_is_judged_by_the_set_in_force_at_year_end(year, name):
    assert resolve(load_builtin(), year).name.endswith(name)


def test_no_set_before_2017():
    with pytest.raises(ValidationError, match="năm 2010"):
        resolve(load_builtin(), 2010)


def _office_copy(base_year: int, **changes) -> object:
    base = resolve(load_builtin(), base_year)
    data = base.data
    for path, value in changes.items():
        data = set_param(data, path.replace("__", "."), value)
    data = {**data, "id": data["id"] + "_co_quan", "name": data["name"] + " (Cao Bằng)"}
    return dataclasses.replace(from_data(data), source="office", office_id=1)


def test_office_copy_wins_over_the_bundled_set_of_the_same_date():
    copy = _office_copy(2025)
    assert resolve(load_builtin() + [copy], 2025) is copy
    assert resolve(load_builtin() + [copy], 2024).name == "Luật TĐKT 2022 + NĐ 98/2023"
    inactive = dataclasses.replace(copy, active=False)
    assert resolve(load_builtin() + [inactive], 2025).source == "builtin"


def test_rule_edit_collective_share_seventy_percent():
    members = [person({2025: r}, pid=i + 1) for i, r in enumerate(["HTT", "HTT", "HTT", "HT", "HT"])]
    people = {m.id: m for m in members}
    copy = _office_copy(2025, awards__tap_the_lao_dong_tien_tien__ldtt_share="7/10",
                        awards__tap_the_lao_dong_tien_tien__ldtt_share_strict=False)
    before = engine().evaluate_units([unit(1, members, {2025: "HTT"})], people, 2025)[0]
    after = engine([copy]).evaluate_units([unit(1, members, {2025: "HTT"})], people, 2025)[0]
    assert before.eligible and not after.eligible
    assert "Chưa đủ: 3/5 người (60 %) đạt hoặc đủ điều kiện Lao động tiên tiến năm 2025 (cần từ 70 %)." in after.reasons


def test_rule_edit_cstdcs_requires_an_initiative():
    copy = _office_copy(2025, awards__chien_si_thi_dua_co_so__paths=["initiative"])
    history = person({2025: "HTXS"})
    assert engine().evaluate_person(history, 2025)[CODES["cstdcs"]].eligible
    assert not engine([copy]).evaluate_person(history, 2025)[CODES["cstdcs"]].eligible


def test_rule_edit_recruitment_months_and_disabled_award():
    copy = _office_copy(2025, exclusions__min_months_worked=10, awards__giay_khen__enabled=False)
    history = person({2024: "HTT", 2025: "HTT"}, recruited="2025-04-01")
    verdicts = engine([copy]).evaluate_person(history, 2025)
    assert not verdicts[CODES["ldtt"]].eligible
    assert CODES["gk"] not in verdicts


def test_each_past_year_is_judged_by_its_own_rule_set():
    """A khiển trách in 2024 breaks the chain only if the 2024 set (not the 2025 one) says so."""
    history = person(
        {y: "HTT" for y in range(2020, 2026)},
        awards={2020: ["bkt"], 2021: ["cstdcs"], 2022: ["cstdcs"], 2023: ["cstdcs"]},
        discipline={2024: "khien_trach"},
    )
    assert not engine().evaluate_person(history, 2025)[CODES["bkttg"]].eligible
    lenient_2024 = _office_copy(2024, exclusions__discipline_min="canh_cao")
    verdict = engine([lenient_2024]).evaluate_person(history, 2025)[CODES["bkttg"]]
    assert verdict.eligible, verdict.reasons
    assert engine([lenient_2024]).ruleset_for(2025).name == "Luật TĐKT 2022 + NĐ 152/2025"


def test_absence_rule_is_off_by_default_and_spares_maternity_leave():
    history = PersonHistory(1, "CB001", "A", years={2025: YearFacts("HTT", absent_days=70, maternity_days=60)})
    assert engine().evaluate_person(history, 2025)[CODES["ldtt"]].eligible
    copy = _office_copy(2025, exclusions__absence_days_max=40)
    assert engine([copy]).evaluate_person(history, 2025)[CODES["ldtt"]].eligible  # 10 days without maternity
    sick = PersonHistory(1, "CB001", "A", years={2025: YearFacts("HTT", absent_days=45)})
    verdict = engine([copy]).evaluate_person(sick, 2025)[CODES["ldtt"]]
    assert not verdict.eligible and "nghỉ 45 ngày làm việc năm 2025" in verdict.reasons[0]


@pytest.mark.parametrize(
    "path, value, fragment",
    [
        ("awards.tap_the_lao_dong_tien_tien.ldtt_share", "1,5", "không phải tỉ lệ"),
        ("awards.tap_the_lao_dong_tien_tien.ldtt_share", "3/2", "không quá 100 %"),
        ("awards.lao_dong_tien_tien.min_rating", "GIOI", "xếp loại “GIOI” không hợp lệ"),
        ("awards.chien_si_thi_dua_cap_tinh.chain_years", 0, "số nguyên từ 1 đến 10"),
        ("exclusions.min_months_worked", 13, "từ 0 đến 12"),
        ("council.quorum", "0", "lớn hơn 0"),
        ("awards.lao_dong_tien_tien.money", -1, "không âm"),
        ("effective_from", "31/12/2025", "không hợp lệ"),
    ],
)
def test_validation_names_the_wrong_parameter(path, value, fragment):
    data = set_param(load_builtin()[-1].data, path, value)
    errors = validate(data)
    assert path in errors and fragment in errors[path]
    with pytest.raises(ValidationError):
        from_data(data)


def test_editor_round_trip_of_flat_parameters():
    data = load_builtin()[-1].data
    flat = dict(flatten(data))
    assert flat["awards.chien_si_thi_dua_cap_tinh.chain_years"] == 3
    assert parse_value("4", 3, "x.chain_years", data) == 4
    assert parse_value("15% lao_dong_tien_tien", None, "awards.x.quota", data) == {"share": "15%", "of": "lao_dong_tien_tien"}
    assert parse_value("total 9/10 >=", None, "awards.x.vote", data) == {"base": "total", "share": "9/10", "strict": False}
    assert parse_value("0,5", 0.3, "awards.x.money", data) == 0.5
    with pytest.raises(ValueError, match="số nguyên"):
        parse_value("ba", 3, "x.chain_years", data)


def test_money_rounds_up_to_ten_thousand_on_the_decision_date():
    rs = resolve(load_builtin(), 2025)
    assert money_amount(rs, "lao_dong_tien_tien", dt.date(2026, 8, 1)) == 760_000
    assert money_amount(rs, "chien_si_thi_dua_co_so", dt.date(2026, 8, 1)) == 2_530_000
    assert money_amount(rs, "co_thi_dua_cap_tinh", dt.date(2026, 8, 1)) == 20_240_000
    assert money_amount(rs, "lao_dong_tien_tien", dt.date(2026, 1, 15)) == 710_000  # 0.3 × 2,340,000 = 702,000


def test_council_quorum_and_thresholds_are_exact():
    rs = resolve(load_builtin(), 2025)
    assert council.quorum(rs, 6, 9).met and not council.quorum(rs, 5, 9).met
    # CSTĐCS: ≥ 80 % of ALL members (9) → 8 votes, even if only 8 attend.
    assert council.tally(rs, "chien_si_thi_dua_co_so", 7, 8, 9).passed is False
    assert council.tally(rs, "chien_si_thi_dua_co_so", 8, 8, 9).passed is True
    # LĐTT: more than half of those present (6) → 4 votes.
    assert not council.tally(rs, "lao_dong_tien_tien", 3, 6, 9).passed
    result = council.tally(rs, "lao_dong_tien_tien", 4, 6, 9)
    assert result.passed and "cần trên 50 % số thành viên có mặt = 4 phiếu" in result.text
    assert not council.tally(rs, "lao_dong_tien_tien", 6, 6, 9, quorum_met=False).passed


# --- property: unrelated years never change a verdict --------------------------------------------

RATINGS = st.sampled_from(["HTXS", "HTT", "HT", "KHT"])
YEAR_AWARDS = st.sets(st.sampled_from([CODES[c] for c in ("ldtt", "cstdcs", "cstdt", "bkt", "gk")]), max_size=3)
YEAR = st.fixed_dictionaries({
    "rating": RATINGS,
    "discipline": st.sampled_from(["", "", "", "", "khien_trach", "canh_cao"]),
    "awards": YEAR_AWARDS,
    "initiatives": st.lists(st.sampled_from(["co_so", "bo_tinh", "toan_quoc"]), max_size=2),
})


def _history(years: dict[int, dict], recruited: dt.date | None, gender: str) -> PersonHistory:
    return PersonHistory(
        id=1, code="CB001", name="Người thử", gender=gender, recruited_on=recruited,
        years={y: YearFacts(f["rating"], f["discipline"]) for y, f in years.items()},
        awards={y: frozenset(f["awards"]) for y, f in years.items() if f["awards"]},
        initiatives=tuple(InitiativeFact(y, s) for y, f in years.items() for s in f["initiatives"]),
    )


@settings(max_examples=150, deadline=None)
@given(
    year=st.integers(2019, 2026),
    span=st.integers(1, 8),
    data=st.data(),
    gender=st.sampled_from(["Nam", "Nữ"]),
)
def test_unrelated_years_never_change_a_verdict(year, span, data, gender):
    first = year - span + 1
    years = {y: data.draw(YEAR) for y in range(first, year + 1) if data.draw(st.booleans()) or y == year}
    recruited = dt.date(first - data.draw(st.integers(0, 20)), data.draw(st.integers(1, 12)), 1)
    # Unrelated: any years after the one judged, and older years cut off by an empty year.
    later = {y: data.draw(YEAR) for y in range(year + 1, year + 1 + data.draw(st.integers(0, 3)))}
    # Older years carry no initiatives: an initiative counts for several years after it (a nationwide one in
    # 2016 backs CSTĐ toàn quốc in 2019), so an empty rating year does not cut it off.
    older = {y: {**data.draw(YEAR), "initiatives": []}
             for y in range(first - 2 - data.draw(st.integers(0, 4)), first - 1)}
    eng = Engine(load_builtin())
    base = eng.evaluate_person(_history(years, recruited, gender), year)
    grown = eng.evaluate_person(_history({**older, **years, **later}, recruited, gender), year)
    for code, verdict in base.items():
        other = grown[code]
        # Reasons may name an older run ("trước đó có 2017"); the conclusion never changes.
        assert (other.eligible, other.needs_council, other.status, other.council) == (
            verdict.eligible, verdict.needs_council, verdict.status, verdict.council
        ), code
