"""Scenarios written from the law first: each test names the verdict the law gives and its basis.

Sources: Luật Thi đua, khen thưởng 06/2022/QH15 (Điều 5, 21, 22, 23, 26, 74), NĐ 91/2017/NĐ-CP
(Điều 15, 39) for years up to 2023, TT 16/2019/TT-BKHCN (Kỷ niệm chương); see DOMAIN §4.4, §6.2, §6.5, §15.
"""

from __future__ import annotations

import re

from rules.engine_builders import CODES, engine, office_copy, person, unit

from tdkt_desktop.rules.ruleset import load_builtin

H, X = "HTT", "HTXS"


def _verdict(history, year, award, **kwargs):
    return engine(**kwargs).evaluate_person(history, year)[CODES[award]]


def _text(v) -> str:
    return "\n".join(v.reasons)


# --- Điều 21: Chiến sĩ thi đua toàn quốc = two consecutive CSTĐ Bộ/tỉnh AWARDS ----------------

def _two_provincial(first=2021, second=2024, *, cstdcs=range(2019, 2025), extra_awards=None, init=2024):
    awards = {y: ["cstdcs"] for y in cstdcs}
    awards.setdefault(first, []).append("cstdt")
    awards.setdefault(second, []).append("cstdt")
    for y, codes in (extra_awards or {}).items():
        awards.setdefault(y, []).extend(codes)
    return person({y: X for y in range(2017, 2027)}, awards=awards, initiatives=[(init, "toan_quoc")])


def test_cstdtq_eligible_after_consecutive_awards_2021_and_2024_dieu_21():
    """Luật 2022 Điều 21: 2 lần liên tục CSTĐ cấp tỉnh (2021, then 2024 closing the chain 2022–2024)
    + a nationwide initiative → eligible in the year of the second award (timing parameter 0)."""
    v = _verdict(_two_provincial(), 2024, "cstdtq")
    assert v.eligible and v.status == "can_hoi_dong", _text(v)
    assert v.finding("awards_in_row").years == (2021, 2024)
    assert "Đạt: 2 lần liên tục Chiến sĩ thi đua cấp tỉnh (2021, 2024)" in _text(v)
    assert v.authority == "Thủ tướng Chính phủ"


def test_cstdtq_not_eligible_when_the_cstdcs_chain_broke_between_the_awards_dieu_21():
    """Điều 21 "lần liên tục": CSTĐ tỉnh 2018 and 2024 with no CSTĐCS in 2020 are not consecutive."""
    history = _two_provincial(2018, 2024, cstdcs=[2016, 2017, 2018, 2019, 2021, 2022, 2023, 2024])
    v = _verdict(history, 2024, "cstdtq")
    assert not v.eligible and v.status == "chua_du"
    assert "lần năm 2018 không liền với lần sau vì năm 2020 không có Chiến sĩ thi đua cơ sở" in _text(v)


def test_cstdtq_one_award_is_not_two_consecutive_years_of_the_title_dieu_21():
    """Two CSTĐ tỉnh in adjacent calendar years are not what the engine looks for: one award alone is 1 lần."""
    v = _verdict(_two_provincial(2024, 2024), 2025, "cstdtq")
    assert not v.eligible
    assert "cần 2 lần liên tục Chiến sĩ thi đua cấp tỉnh" in _text(v)


def test_cstdtq_timing_is_a_rule_set_parameter_the_year_after_the_second_award():
    """Timing (DOMAIN §4.4, unverified): an office copy reviews CSTĐTQ the year after the second award."""
    later = office_copy(load_builtin()[-1], {"awards.chien_si_thi_dua_toan_quoc.review_after_years": 1})
    v = _verdict(_two_provincial(), 2025, "cstdtq", extra=[later])
    assert v.eligible, _text(v)
    not_yet = _verdict(_two_provincial(2022, 2025, cstdcs=range(2020, 2026), init=2025), 2025, "cstdtq",
                       extra=[later])
    assert not not_yet.eligible and "lần cuối vào năm 2024 (xét vào năm sau lần đạt cuối)" in _text(not_yet)


def test_cstdtq_counts_cstd_cap_bo_and_cap_tinh_as_one_rank_dieu_5():
    """One rank: CSTĐ cấp Bộ 2021 + CSTĐ cấp tỉnh 2024 are two consecutive CSTĐ Bộ/tỉnh."""
    history = _two_provincial()
    awards = dict(history.awards)
    awards[2021] = frozenset({CODES["cstdcs"], CODES["cstdb"]})
    v = _verdict(person({y: X for y in range(2017, 2027)},
                        awards={y: [c for c in CODES if CODES[c] in got] for y, got in awards.items()},
                        initiatives=[(2024, "toan_quoc")]), 2024, "cstdtq")
    assert v.eligible, _text(v)


def test_cstdtq_awards_used_by_an_earlier_cstdtq_do_not_count_again_dieu_5():
    """Điều 5 (one achievement, one award): after CSTĐTQ 2021 (2018 + 2021), 2021 + 2024 is not a new pair."""
    history = _two_provincial(2021, 2024, cstdcs=range(2016, 2025), extra_awards={2018: ["cstdt"], 2021: ["cstdtq"]})
    v = _verdict(history, 2024, "cstdtq")
    assert not v.eligible
    assert "2021 đã dùng cho Chiến sĩ thi đua toàn quốc" in _text(v)


# --- Bằng khen Bộ/tỉnh: old regime and one rank ------------------------------------------------

def test_bk_tinh_2023_old_regime_has_no_two_cstdcs_path_nd91_dieu_39():
    """NĐ 91/2017 Điều 39 (years ≤ 2023): 2 consecutive years HTXS + 2 initiatives; CSTĐCS 2022–2023 with
    HTT ratings does not qualify (the "2 lần liên tục CSTĐCS" path starts with Luật 2022 Điều 74)."""
    history = person({2022: H, 2023: H}, awards={2022: ["cstdcs"], 2023: ["cstdcs"]},
                     initiatives=[(2022, "co_so"), (2023, "co_so")])
    v = _verdict(history, 2023, "bkt")
    assert not v.eligible and v.finding("chain") is None, _text(v)
    assert "cần 2 năm liên tục xếp loại Hoàn thành xuất sắc nhiệm vụ" in _text(v)
    same_in_2025 = person({2024: H, 2025: H}, awards={2024: ["cstdcs"], 2025: ["cstdcs"]})
    assert _verdict(same_in_2025, 2025, "bkt").eligible  # Luật 2022 Điều 74 k1 d


def test_bk_tinh_2023_htxs_two_years_and_two_initiatives_nd91_dieu_39():
    history = person({2022: X, 2023: X}, initiatives=[(2022, "co_so"), (2023, "co_so")])
    assert _verdict(history, 2023, "bkt").eligible


def test_bk_tinh_after_bk_bo_restarts_the_chain_one_achievement_one_award_dieu_5():
    """Điều 5: CSTĐCS 2023–2025 and Bằng khen cấp Bộ 2024 (for 2023–2024) → Bằng khen tỉnh 2025 not eligible;
    the years used are named."""
    history = person({2023: X, 2024: X, 2025: X}, awards={2023: ["cstdcs"], 2024: ["cstdcs", "bkb"], 2025: ["cstdcs"]})
    v = _verdict(history, 2025, "bkt")
    assert not v.eligible and v.status == "chua_du"
    assert "2024 đã dùng cho Bằng khen của Bộ trưởng" in _text(v)
    assert v.finding("chain").used == ((2023, "Bằng khen của Bộ trưởng"), (2024, "Bằng khen của Bộ trưởng"))


def test_bk_tinh_same_year_as_bk_bo_is_already_decided_dieu_5():
    history = person({2024: X, 2025: X}, awards={2024: ["cstdcs"], 2025: ["cstdcs", "bkb"]},
                     decisions={(2025, "bkb"): ("77/QĐ-BKHCN", "2026-03-02")})
    v = _verdict(history, 2025, "bkt")
    assert v.status == "da_quyet_dinh" and v.decision.number == "77/QĐ-BKHCN"
    assert "Đã có quyết định tặng Bằng khen của Bộ trưởng năm 2025 (QĐ số 77/QĐ-BKHCN ngày 02/03/2026)" in _text(v)


def test_cstd_tinh_after_cstd_bo_needs_a_new_three_year_chain_dieu_22():
    """Điều 22 + Điều 5: CSTĐ cấp Bộ 2022 used 2020–2022; CSTĐ tỉnh needs 2023–2025 again."""
    history = person({y: X for y in range(2020, 2026)},
                     awards={**{y: ["cstdcs"] for y in range(2020, 2026)}, 2022: ["cstdcs", "cstdb"]},
                     initiatives=[(2024, "bo_tinh")])
    assert _verdict(history, 2025, "cstdt").eligible
    v = _verdict(history, 2024, "cstdt")
    assert not v.eligible and "2020, 2021, 2022 đã dùng cho Chiến sĩ thi đua cấp Bộ" in _text(v)


# --- Điều 23 k1: CSTĐCS inherits the council confirmation of the LĐTT standard ----------------

def test_cstdcs_needs_the_council_when_ldtt_does_dieu_23_k1():
    eng = engine()
    verdicts = eng.evaluate_person(person({2025: X}), 2025)
    ldtt, cstdcs = verdicts[CODES["ldtt"]], verdicts[CODES["cstdcs"]]
    assert ldtt.needs_council and cstdcs.needs_council
    assert cstdcs.status == "can_hoi_dong"
    assert set(ldtt.council) <= set(cstdcs.council)
    assert any(r.startswith("Cần Hội đồng xác nhận (theo tiêu chuẩn Lao động tiên tiến): Tinh thần tự lực")
               for r in cstdcs.reasons)


def test_cstd_tinh_inherits_the_council_part_of_this_years_pending_cstdcs():
    history = person({2023: X, 2024: X, 2025: X}, awards={2023: ["cstdcs"], 2024: ["cstdcs"]},
                     initiatives=[(2024, "bo_tinh")])
    v = _verdict(history, 2025, "cstdt")
    assert v.needs_council and "Tinh thần tự lực, tự cường, đoàn kết, tương trợ, tích cực tham gia phong trào thi đua" \
        in v.council


# --- Kỷ niệm chương: every state award reduces the service time ------------------------------

def test_knc_three_year_reduction_for_every_huan_chuong_class_tt16_2019():
    """TT 16/2019/TT-BKHCN: holders of a state award need 3 years less (men 17 instead of 20)."""
    for code in ("hcld3", "hcld2", "hcld1", "cstdtq", "bkttg"):
        v = _verdict(person({2025: H}, recruited="2008-06-01", awards={2020: [code]}), 2025, "knc")
        assert v.eligible, (code, _text(v))
        assert v.finding("service").need == 17
    assert "Được giảm 3 năm do có khen thưởng cấp Nhà nước: Huân chương Lao động hạng Nhì năm 2020." in _text(
        _verdict(person({2025: H}, recruited="2008-06-01", awards={2020: ["hcld2"]}), 2025, "knc"))


# --- Ministry offices: the Bộ's titles and forms ----------------------------------------------

def test_ministry_office_is_judged_for_the_bo_titles_and_forms():
    """A Văn phòng/Viện under a Bộ: CSTĐ cấp Bộ, Bằng khen của Bộ trưởng, Cờ thi đua của Bộ (Điều 22, 26, 74)."""
    bo = engine(office_level="bo").evaluate_person(person({2024: X, 2025: X}, awards={2024: ["cstdcs"]}), 2025)
    assert CODES["bkb"] in bo and CODES["cstdb"] in bo
    assert CODES["bkt"] not in bo and CODES["cstdt"] not in bo
    assert bo[CODES["bkb"]].eligible and bo[CODES["bkb"]].authority == "Bộ trưởng"
    so = engine().evaluate_person(person({2024: X, 2025: X}, awards={2024: ["cstdcs"]}), 2025)
    assert so[CODES["bkt"]].authority == "Chủ tịch UBND tỉnh" and CODES["bkb"] not in so
    members = [person({2025: H}, pid=1)]
    units = engine(office_level="bo").evaluate_units([unit(1, members, {2025: X}, {2025: True})], {1: members[0]}, 2025)
    assert {v.award for v in units} >= {CODES["cob"], "tap_the_lao_dong_xuat_sac"}
    assert CODES["co"] not in {v.award for v in units}
    assert next(v for v in units if v.award == "tap_the_lao_dong_xuat_sac").authority == "Bộ trưởng"


# --- Collectives ---------------------------------------------------------------------------------

def test_unit_holding_tap_the_lao_dong_xuat_sac_is_not_shown_short_of_the_lower_title():
    """A unit given TTLĐXS for the year (higher title) is told so for TTLĐTT, not "Chưa đủ" without why."""
    members = [person({2025: H}, pid=1)]
    verdicts = engine().evaluate_units([unit(1, members, {}, awards={2025: ["ttldxs"]})], {1: members[0]}, 2025)
    lower = next(v for v in verdicts if v.award == CODES["ttldtt"])
    assert lower.status == "da_quyet_dinh" and lower.decision.award == CODES["ttldxs"]
    assert "Đã có quyết định tặng Tập thể lao động xuất sắc năm 2025 (danh hiệu cao hơn)." in _text(lower)


def test_flag_verdict_always_has_reasons():
    members = [person({2025: H}, pid=1)]
    for leads in ({}, {2025: False}, {2025: True}):
        verdicts = engine().evaluate_units([unit(1, members, {2025: X}, leads)], {1: members[0]}, 2025)
        flag = next(v for v in verdicts if v.award == CODES["co"])
        assert flag.reasons and flag.status in {"chua_du", "can_hoi_dong"}


# --- Reasons say what is true ---------------------------------------------------------------

def test_reason_names_a_chain_that_does_not_reach_the_reviewed_year():
    history = person({2021: X, 2022: X, 2023: X, 2024: "HT", 2025: H},
                     awards={y: ["cstdcs"] for y in (2021, 2022, 2023)}, initiatives=[(2023, "bo_tinh")])
    v = _verdict(history, 2025, "cstdt")
    assert "có 3 năm liên tục 2021–2023, nhưng năm 2024, 2025 chưa đạt" in _text(v)
    assert "chưa có năm nào" not in _text(v)
    assert v.finding("chain").earlier == (2021, 2022, 2023)


def test_reason_names_a_break_in_the_ratings_chain():
    history = person({2019: H, 2020: H, 2021: H, 2022: "HT", 2023: H, 2024: H, 2025: H}, awards={2019: ["bkt"]})
    v = _verdict(history, 2025, "bkttg")
    assert ("có Bằng khen của Chủ tịch UBND tỉnh năm 2019, nhưng chuỗi năm liên tục xếp loại từ Hoàn thành tốt "
            "nhiệm vụ trở lên sau đó bị gián đoạn năm 2022 (xếp loại Hoàn thành nhiệm vụ)") in _text(v)


def test_rating_names_are_written_in_full_in_every_reason():
    """Every reason writes ratings as "Hoàn thành tốt nhiệm vụ", never the bare code."""
    histories = [person({y: r for y in range(2019, 2026)}, awards={2019: ["bkt"], 2022: ["cstdcs"]},
                        initiatives=[(2024, "co_so")]) for r in ("HTXS", "HTT", "HT", "KHT")]
    codes = re.compile(r"\b(HTXS|HTT|HT|KHT)\b")
    for h in histories:
        for year in (2023, 2025):
            for v in engine().evaluate_person(h, year).values():
                assert not any(codes.search(r) for r in v.reasons), v.reasons
