"""Scenario table over the engine: small histories, the expected verdict and the reasons it must give."""

from __future__ import annotations

import pytest
from rules.engine_builders import CODES, engine, person, unit

H = "HTT"
X = "HTXS"

# (id, history, year, award, eligible, needs_council, reason fragments that must appear)
SCENARIOS = [
    # --- Lao động tiên tiến and exclusions
    ("ldtt_htt", person({2025: H}), 2025, "ldtt", True, True,
     ["Đạt: xếp loại năm 2025: Hoàn thành tốt nhiệm vụ.", "Cần Hội đồng xác nhận: Tinh thần tự lực"]),
    ("ldtt_ht_fails", person({2025: "HT"}), 2025, "ldtt", False, False,
     ["Chưa đủ: xếp loại năm 2025 là Hoàn thành nhiệm vụ (cần từ Hoàn thành tốt nhiệm vụ trở lên)."]),
    ("ldtt_no_rating", person({2024: H}), 2025, "ldtt", False, False,
     ["Chưa đủ: chưa có kết quả xếp loại năm 2025."]),
    ("ldtt_discipline", person({2025: X}, discipline={2025: "khien_trach"}), 2025, "ldtt", False, False,
     ["Không xét: bị kỷ luật khiển trách năm 2025."]),
    ("ldtt_recruited_5_months", person({2025: H}, recruited="2025-08-01"), 2025, "ldtt", False, False,
     ["Không xét: tuyển dụng ngày 01/08/2025, mới 5 tháng công tác trong năm 2025 (cần ít nhất 6 tháng)."]),
    ("ldtt_recruited_exactly_6_months", person({2025: H}, recruited="2025-07-01"), 2025, "ldtt", True, True, []),
    ("ldtt_old_regime_10_months", person({2023: H}, recruited="2023-05-01"), 2023, "ldtt", False, False,
     ["mới 8 tháng công tác trong năm 2023 (cần ít nhất 10 tháng)"]),
    ("ldtt_2024_regime_6_months", person({2024: H}, recruited="2024-05-01"), 2024, "ldtt", True, True, []),
    # --- Chiến sĩ thi đua cơ sở: regime change 2024 (HTXS alone suffices only from 2024)
    ("cstdcs_htxs_2025", person({2025: X}), 2025, "cstdcs", True, True,
     ["Đạt: xếp loại Hoàn thành xuất sắc nhiệm vụ năm 2025.",
      "Cần Hội đồng xác nhận (theo tiêu chuẩn Lao động tiên tiến): Tinh thần tự lực"]),
    ("cstdcs_htxs_alone_2023_old", person({2023: X}), 2023, "cstdcs", False, False,
     ["Chưa đủ: cần sáng kiến hoặc đề tài cấp cơ sở trở lên năm 2023, chưa có."]),
    ("cstdcs_initiative_2023_old", person({2023: H}, initiatives=[(2023, "co_so")]), 2023, "cstdcs", True, True,
     ["Đạt: có sáng kiến “Sáng kiến 2023” (cấp cơ sở, năm 2023)."]),
    ("cstdcs_htt_nothing_else", person({2025: H}), 2025, "cstdcs", False, False,
     ["cần xếp loại Hoàn thành xuất sắc nhiệm vụ năm 2025 hoặc sáng kiến"]),
    ("cstdcs_initiative_previous_year", person({2025: H}, initiatives=[(2024, "co_so")]), 2025, "cstdcs",
     False, False, ["chưa có"]),
    ("cstdcs_needs_ldtt", person({2025: X}, recruited="2025-10-01"), 2025, "cstdcs", False, False,
     ["Chưa đủ: chưa đạt tiêu chuẩn Lao động tiên tiến năm 2025."]),
    # --- CSTĐ cấp tỉnh: chains of exactly 2 vs 3, gap years
    ("cstdt_three_running",
     person({2023: X, 2024: X, 2025: X}, awards={2023: ["cstdcs"], 2024: ["cstdcs"]}, initiatives=[(2024, "bo_tinh")]),
     2025, "cstdt", True, True,
     ["Đạt: 3 năm liên tục Chiến sĩ thi đua cơ sở (2023, 2024, 2025).",
      "Năm 2025: đủ điều kiện Chiến sĩ thi đua cơ sở, chưa có quyết định.",
      "Cần Hội đồng xác nhận: Thành tích xuất sắc tiêu biểu"]),
    ("cstdt_exactly_two",
     person({2024: X, 2025: X}, awards={2024: ["cstdcs"]}, initiatives=[(2024, "bo_tinh")]), 2025, "cstdt",
     False, False, ["Chưa đủ: cần 3 năm liên tục Chiến sĩ thi đua cơ sở đến năm 2025, mới có 2024, 2025."]),
    ("cstdt_gap_year",
     person({2022: X, 2023: H, 2024: X, 2025: X}, awards={2022: ["cstdcs"], 2024: ["cstdcs"]},
            initiatives=[(2025, "bo_tinh")]),
     2025, "cstdt", False, False, ["mới có 2024, 2025; chuỗi bị gián đoạn năm 2023 (trước đó có 2022)."]),
    ("cstdt_scope_too_low",
     person({2023: X, 2024: X, 2025: X}, awards={2023: ["cstdcs"], 2024: ["cstdcs"]}, initiatives=[(2024, "co_so")]),
     2025, "cstdt", False, False,
     ["Chưa đủ: cần sáng kiến hoặc đề tài phạm vi cấp bộ/tỉnh trở lên trong năm 2023, 2024, 2025, chưa có."]),
    # --- Giấy khen (office criteria, default 2 years ≥ HTT)
    ("giay_khen_two_years", person({2024: H, 2025: H}), 2025, "gk", True, True,
     ["Đạt: 2 năm liên tục xếp loại từ Hoàn thành tốt nhiệm vụ trở lên (2024, 2025)."]),
    ("giay_khen_one_year", person({2024: "HT", 2025: H}), 2025, "gk", False, False,
     ["Chưa đủ: cần 2 năm liên tục xếp loại từ Hoàn thành tốt nhiệm vụ trở lên, mới có 2025; "
      "chuỗi bị gián đoạn năm 2024 (xếp loại Hoàn thành nhiệm vụ)."]),
    # --- Bằng khen cấp tỉnh
    ("bk_tinh_two_cstdcs", person({2024: X, 2025: X}, awards={2024: ["cstdcs"]}), 2025, "bkt", True, True,
     ["Đạt: 2 năm liên tục Chiến sĩ thi đua cơ sở (2024, 2025)."]),
    ("bk_tinh_issue_example", person({2024: H, 2025: X}), 2025, "bkt", False, False,
     ["Chưa đủ: cần 2 năm liên tục Chiến sĩ thi đua cơ sở đến năm 2025, mới có 2025."]),
    ("bk_tinh_htxs_and_two_initiatives",
     person({2024: X, 2025: X}, initiatives=[(2024, "co_so"), (2025, "co_so")]), 2025, "bkt", True, True,
     ["Đạt: 2 năm liên tục xếp loại Hoàn thành xuất sắc nhiệm vụ (2024, 2025).", "Đạt: có 2 sáng kiến/đề tài"]),
    ("bk_tinh_resets_after_award",
     person({2024: X, 2025: X}, awards={2024: ["cstdcs", "bkt"]}), 2025, "bkt", False, False,
     ["mới có 2025"]),
    ("bk_tinh_disciplined", person({2024: X, 2025: X}, awards={2024: ["cstdcs"]}, discipline={2025: "canh_cao"}),
     2025, "bkt", False, False, ["Không xét: bị kỷ luật cảnh cáo năm 2025."]),
    # --- Bằng khen Thủ tướng (chain after Bằng khen tỉnh), old vs new regime
    ("bk_ttg_chain",
     person({y: H for y in range(2020, 2026)}, awards={2020: ["bkt"], 2022: ["cstdcs"], 2023: ["cstdcs"], 2024: ["cstdcs"]}),
     2025, "bkttg", True, True,
     ["Đạt: có Bằng khen của Chủ tịch UBND tỉnh năm 2020.",
      "Đạt: 5 năm liên tục xếp loại từ Hoàn thành tốt nhiệm vụ trở lên sau năm 2020 (2021, 2022, 2023, 2024, 2025).",
      "Đạt: 3 lần Chiến sĩ thi đua cơ sở trong thời gian đó (2022, 2023, 2024)."]),
    ("bk_ttg_four_years",
     person({y: H for y in range(2021, 2026)}, awards={2021: ["bkt"], 2022: ["cstdcs"], 2023: ["cstdcs"], 2024: ["cstdcs"]}),
     2025, "bkttg", False, False,
     ["Chưa đủ: cần 5 năm liên tục xếp loại từ Hoàn thành tốt nhiệm vụ trở lên sau năm 2021, mới có 2022, 2023, 2024, 2025."]),
    ("bk_ttg_gap_breaks_chain",
     person({2019: H, 2020: H, 2021: H, 2022: "HT", 2023: H, 2024: H, 2025: H}, awards={2019: ["bkt"]}),
     2025, "bkttg", False, False, ["(chuỗi hiện tại từ 2023)"]),
    ("bk_ttg_discipline_breaks_chain",
     person({y: H for y in range(2018, 2026)}, awards={2018: ["bkt"], 2022: ["cstdcs"], 2023: ["cstdcs"], 2024: ["cstdcs"]},
            discipline={2020: "khien_trach"}),
     2025, "bkttg", False, False, ["(chuỗi hiện tại từ 2021)"]),
    ("bk_ttg_old_regime_needs_htxs_and_initiatives",
     person({y: X for y in range(2017, 2024)}, awards={2017: ["bkt"]},
            initiatives=[(y, "co_so") for y in range(2019, 2024)]),
     2023, "bkttg", True, True, ["Đạt: 5 sáng kiến/đề tài trong thời gian đó"]),
    ("bk_ttg_old_regime_htt_years_fail",
     person({y: H for y in range(2017, 2024)}, awards={2017: ["bkt"]},
            initiatives=[(y, "co_so") for y in range(2019, 2024)]),
     2023, "bkttg", False, False, ["Chưa đủ: có Bằng khen của Chủ tịch UBND tỉnh năm 2017, nhưng năm 2023 xếp loại Hoàn thành tốt nhiệm vụ "
      "(cần xếp loại Hoàn thành xuất sắc nhiệm vụ)."]),
    # --- Huân chương Lao động hạng Ba
    ("hcld3_chain",
     person({2019: H, 2020: H, 2021: H, 2022: H, 2023: H, 2024: H, 2025: X},
            awards={2019: ["bkttg"], 2021: ["cstdcs"], 2022: ["cstdcs"], 2023: ["cstdcs"]}),
     2025, "hcld3", True, True, ["Đạt: 1 năm Hoàn thành xuất sắc nhiệm vụ trong thời gian đó (2025)."]),
    ("hcld3_no_htxs",
     person({y: H for y in range(2019, 2026)}, awards={2019: ["bkttg"], 2021: ["cstdcs"], 2022: ["cstdcs"], 2023: ["cstdcs"]}),
     2025, "hcld3", False, False, ["Chưa đủ: cần 1 năm Hoàn thành xuất sắc nhiệm vụ sau năm 2019, mới có 0."]),
    # --- Kỷ niệm chương (service years; once in a lifetime)
    ("knc_man_20_years", person({2025: H}, recruited="2005-01-01"), 2025, "knc", True, False,
     ["Đạt: 20 năm công tác (từ 01/01/2005), cần 20 năm (nam)."]),
    ("knc_woman_14_years", person({2025: H}, recruited="2011-01-01", gender="Nữ"), 2025, "knc", False, False,
     ["Chưa đủ: mới 14 năm công tác (từ 01/01/2011), cần 15 năm (nữ)."]),
    ("knc_state_award_reduces", person({2025: H}, recruited="2008-06-01", awards={2020: ["bkttg"]}), 2025, "knc",
     True, False, ["cần 17 năm (nam)", "Được giảm 3 năm"]),
    ("knc_only_once", person({2025: H}, recruited="2000-01-01", awards={2019: ["knc"]}), 2025, "knc", False, False,
     ["Đã được tặng Kỷ niệm chương “Vì sự nghiệp khoa học và công nghệ” năm 2019; chỉ tặng một lần."]),
]


@pytest.mark.parametrize(
    "history, year, award, eligible, council, fragments",
    [s[1:] for s in SCENARIOS],
    ids=[s[0] for s in SCENARIOS],
)
def test_person_scenario(history, year, award, eligible, council, fragments):
    verdict = engine().evaluate_person(history, year)[CODES[award]]
    text = "\n".join(verdict.reasons)
    assert verdict.eligible is eligible, text
    assert verdict.needs_council is council, text
    for fragment in fragments:
        assert fragment in text
    assert verdict.reasons, "every verdict explains itself"


def test_every_person_gets_every_individual_award_of_the_year():
    eng = engine()
    verdicts = eng.evaluate_person(person({2025: "KHT"}), 2025)
    assert set(verdicts) == set(eng.ruleset_for(2025).awards(collective=False, level="so"))
    assert all(not v.eligible and not v.needs_council for v in verdicts.values() if v.award != CODES["knc"])


def _members(ratings: list[str], year: int = 2025, **kwargs) -> list:
    return [person({year: r}, pid=i + 1, **kwargs) for i, r in enumerate(ratings)]


def _unit_verdict(members, ratings, award, year=2025, leads=None):
    eng = engine()
    people = {m.id: m for m in members}
    verdicts = eng.evaluate_units([unit(1, members, ratings, leads)], people, year)
    return next((v for v in verdicts if v.award == CODES[award]), None)


def test_collective_ttldtt_majority():
    v = _unit_verdict(_members([H, H, H, "HT"]), {2025: H}, "ttldtt")
    assert v.eligible and v.needs_council
    assert "Đạt: 3/4 người (75 %) đạt hoặc đủ điều kiện Lao động tiên tiến năm 2025 (cần trên 50 %)." in v.reasons


def test_collective_ttldtt_exactly_half_is_not_more_than_half():
    v = _unit_verdict(_members([H, H, "HT", "HT"]), {2025: H}, "ttldtt")
    assert not v.eligible and not v.needs_council
    assert any(r.startswith("Chưa đủ: 2/4 người (50 %)") for r in v.reasons)


def test_collective_ttldtt_member_warned():
    members = _members([H, H, H])
    members[0] = person({2025: H}, pid=1, discipline={2025: "canh_cao"})
    v = _unit_verdict(members, {2025: H}, "ttldtt")
    assert not v.eligible
    assert any("bị kỷ luật từ cảnh cáo trở lên năm 2025: Người 1 (cảnh cáo)" in r for r in v.reasons)


def test_collective_ttldxs_seventy_percent_and_one_cstdcs():
    v = _unit_verdict(_members([X] + [H] * 6 + ["HT"] * 3), {2025: X}, "ttldxs")
    assert v.eligible, v.reasons
    assert "Đạt: 100 % cán bộ xếp loại từ Hoàn thành nhiệm vụ trở lên năm 2025." in v.reasons


def test_collective_ttldxs_one_kht_member_fails():
    v = _unit_verdict(_members([X] + [H] * 8 + ["KHT"]), {2025: X}, "ttldxs")
    assert not v.eligible
    assert any("1 người xếp loại dưới Hoàn thành nhiệm vụ năm 2025: Người 10 (Không hoàn thành nhiệm vụ)" in r for r in v.reasons)


def test_collective_ttldxs_needs_a_cstdcs():
    v = _unit_verdict(_members([H] * 10), {2025: X}, "ttldxs")
    assert not v.eligible
    assert "Chưa đủ: cần ít nhất 1 Chiến sĩ thi đua cơ sở năm 2025, chưa có." in v.reasons


def test_collective_without_unit_rating():
    v = _unit_verdict(_members([H, H]), {}, "ttldtt")
    assert not v.eligible
    assert "Chưa đủ: chưa có xếp loại tập thể năm 2025." in v.reasons


def test_flag_says_why_while_the_bloc_result_is_unknown():
    """Cờ thi đua (Luật 2022 Điều 26): the khối's result decides; before it is known the verdict says so."""
    unknown = _unit_verdict(_members([H]), {2025: X}, "co")
    assert unknown.status == "chua_du" and not unknown.eligible
    assert unknown.reasons[0].startswith("Chưa đủ: chưa có kết quả bình xét của khối thi đua năm 2025")
    v = _unit_verdict(_members([H]), {2025: X}, "co", leads={2025: True})
    assert v.eligible and v.needs_council
    assert not _unit_verdict(_members([H]), {2025: X}, "co", leads={2025: False}).eligible
