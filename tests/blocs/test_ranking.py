"""Competition ranking (1, 2, 2, 4) and exact score totals with bonus and penalty items."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tdkt_desktop.rules.ranking import competition_ranking, rank_text
from tdkt_desktop.rules.scoring import (
    CriterionFact,
    maximum_total,
    member_totals,
    points_json,
    points_text,
    score_problem,
    to_points,
)


def test_equal_scores_share_a_rank_and_the_next_rank_skips():
    ranked = competition_ranking([("A", 90), ("B", 95), ("C", 95), ("D", 80)])
    assert [(r.key, r.rank, r.tied) for r in ranked] == [("B", 1, True), ("C", 1, True), ("A", 3, False), ("D", 4, False)]
    ranked = competition_ranking([("A", 99), ("B", 95), ("C", 95), ("D", 90)])
    assert [r.rank for r in ranked] == [1, 2, 2, 4]
    assert [r.key for r in ranked if r.tied] == ["B", "C"]


def test_a_shared_rank_is_marked_when_shown():
    ranked = competition_ranking([("A", 90), ("B", 95), ("C", 95), ("D", None)])
    assert [rank_text(r.rank, r.tied) for r in ranked] == ["1=", "1=", "3", ""]


def test_ties_keep_the_callers_order_and_unscored_come_last():
    ranked = competition_ranking([("Z", None), ("Y", 5), ("X", 5), ("W", 7)])
    assert [r.key for r in ranked] == ["W", "Y", "X", "Z"]
    assert ranked[-1].rank is None and not ranked[-1].tied


def test_everyone_tied_and_lower_is_better():
    assert [r.rank for r in competition_ranking([("A", 1), ("B", 1), ("C", 1)])] == [1, 1, 1]
    ranked = competition_ranking([("A", 3), ("B", 1)], higher_is_better=False)
    assert [r.key for r in ranked] == ["B", "A"]


def test_totals_are_exact_so_equal_points_rank_equal():
    criteria = [CriterionFact("x", Decimal(10)), CriterionFact("y", Decimal(10)), CriterionFact("z", Decimal(10))]
    scores = {("A", "x"): (Decimal("0.1"), None), ("A", "y"): (Decimal("0.2"), None),
              ("B", "x"): (Decimal("0.3"), None)}
    totals = member_totals(criteria, scores, ["A", "B"])
    assert totals["A"].self_total == totals["B"].self_total == Decimal("0.3")
    ranked = competition_ranking([(k, t.ranking_score) for k, t in totals.items()])
    assert [r.rank for r in ranked] == [1, 1]


def test_bonus_adds_penalty_subtracts_and_agreed_falls_back_per_criterion():
    criteria = [CriterionFact(1, Decimal(30)), CriterionFact(2, Decimal(20)), CriterionFact(3, Decimal(5), "cong"),
                CriterionFact(4, Decimal(5), "tru")]
    scores = {
        ("A", 1): (Decimal(30), Decimal(28)),  # the bloc corrected this one
        ("A", 2): (Decimal(20), None),  # ... and accepted this one
        ("A", 3): (Decimal(2), None),
        ("A", 4): (Decimal(1), None),
        ("B", 1): (Decimal(25), None),
    }
    totals = member_totals(criteria, scores, ["A", "B", "C"])
    assert totals["A"].self_total == Decimal(51) and totals["A"].agreed_total == Decimal(49)
    assert totals["A"].ranking_score == Decimal(49)
    assert totals["B"].agreed_total is None and totals["B"].ranking_score == Decimal(25)
    assert totals["C"].self_total is None and totals["C"].ranking_score is None
    assert maximum_total(criteria) == Decimal(55)


@pytest.mark.parametrize("raw, expected", [(9.75, "9.75"), ("9,5", "9.5"), (10, "10"), (8.1, "8.1"), (" 7 ", "7")])
def test_points_accept_excel_numbers_and_decimal_commas(raw, expected):
    assert to_points(raw) == Decimal(expected)


@pytest.mark.parametrize("raw", ["mười", "1.234", True, None, float("nan")])
def test_points_refuse_what_is_not_a_score(raw):
    with pytest.raises(ValueError):
        to_points(raw)


def test_score_range_and_display():
    assert score_problem(Decimal(11), Decimal(10)) == "điểm 11 vượt quá điểm tối đa 10"
    assert score_problem(Decimal(-1), Decimal(10)) == "điểm -1 không được âm"
    assert score_problem(Decimal(10), Decimal(10)) is None
    assert points_text(Decimal("95.50")) == "95,5" and points_text(Decimal("1E+2")) == "100"
    assert points_json(Decimal("9.50")) == 9.5 and isinstance(points_json(Decimal(10)), int)
