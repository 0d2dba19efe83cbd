"""Ballot counting (rules/voting): majority, fixed seats, ties, invalid ballots, absent members' written votes."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt_desktop.rules import council, voting
from tdkt_desktop.rules.ruleset import load_builtin, resolve

MAJORITY = voting.PassRule(base="total", share=Fraction(1, 2), strict=True)


def count(votes: dict, *, members=14, present=14, written=0, issued=None, counted=None, valid=None, invalid=0,
          max_choices=1) -> voting.BallotCount:
    issued = present + written if issued is None else issued
    counted = issued if counted is None else counted
    valid = counted - invalid if valid is None else valid
    return voting.BallotCount(members=members, present=present, written=written, issued=issued, counted=counted,
                              valid=valid, invalid=invalid, max_choices=max_choices, votes=tuple(votes.items()))


def test_more_than_half_of_all_members():
    # 14 members: more than half is 8, whatever the attendance.
    result = voting.tally(MAJORITY, count({"A": 8, "B": 4}, present=12))
    assert (result.base, result.needed) == (14, 8)
    assert result.winners() == ["A"]
    assert [o.status for o in result.outcomes] == ["dat", "khong_dat"]
    assert not voting.tally(MAJORITY, count({"A": 7, "B": 5}, present=12)).winners()


def test_more_than_half_of_those_present():
    rule = voting.PassRule(base="present", share=Fraction(1, 2), strict=True)
    result = voting.tally(rule, count({"A": 6, "B": 4}, present=10))
    assert (result.base, result.needed, result.winners()) == (10, 6, ["A"])
    assert voting.tally(rule, count({"A": 5, "B": 5}, present=10)).winners() == []


def test_at_least_a_share_is_exact_with_thirds():
    rule = voting.PassRule(base="total", share=Fraction(2, 3), strict=False)
    assert rule.needed(9) == 6 and rule.needed(10) == 7
    assert voting.tally(rule, count({"A": 6}, members=9, present=9)).winners() == ["A"]


def test_fixed_number_of_flags_to_the_top_ranked():
    rule = voting.PassRule(base="valid", share=None, seats=3)
    result = voting.tally(rule, count({"A": 12, "B": 11, "C": 9, "D": 2}, max_choices=3))
    assert result.winners() == ["A", "B", "C"] and not result.undecided
    assert result.needed is None


def test_tie_at_the_last_seat_is_flagged_and_never_broken():
    rule = voting.PassRule(base="total", share=Fraction(1, 2), strict=True, seats=3)
    result = voting.tally(rule, count({"A": 12, "B": 11, "C": 9, "D": 9, "E": 1}, max_choices=3))
    assert result.winners() == ["A", "B"]
    assert result.undecided and result.tied_at_cutoff() == ["C", "D"]
    by_key = {o.key: o for o in result.outcomes}
    assert by_key["C"].status == by_key["D"].status == "bang_phieu"
    assert by_key["C"].rank == by_key["D"].rank == 3 and by_key["C"].tied
    assert by_key["E"].rank == 5  # competition ranking: 1, 2, 3, 3, 5
    assert "cần bỏ phiếu lại" in voting.outcome_text(by_key["C"], result)


def test_a_tie_within_the_seats_elects_both():
    rule = voting.PassRule(base="total", share=Fraction(1, 2), strict=True, seats=3)
    result = voting.tally(rule, count({"A": 12, "B": 12, "C": 11, "D": 2}, max_choices=3))
    assert result.winners() == ["A", "B", "C"] and not result.undecided
    assert [o.tied for o in result.outcomes] == [True, True, False, False]


def test_single_seat_tie_elects_nobody():
    rule = voting.PassRule(base="present", share=None, seats=1)
    result = voting.tally(rule, count({"A": 7, "B": 7}))
    assert result.winners() == [] and result.tied_at_cutoff() == ["A", "B"]


def test_invalid_ballots_count_toward_members_but_not_toward_valid():
    on_valid = voting.PassRule(base="valid", share=Fraction(1, 2), strict=True)
    ballots = count({"A": 7, "B": 5}, invalid=2)
    assert voting.tally(on_valid, ballots).winners() == ["A"]  # 7 of 12 valid
    assert voting.tally(MAJORITY, ballots).winners() == []  # 7 of 14 members is not more than half


def test_absent_members_written_votes_are_ballots():
    # 10 present + 2 absent members who sent written ballots: 12 ballots issued, base "voters" is 12.
    rule = voting.PassRule(base="voters", share=Fraction(1, 2), strict=True)
    ballots = count({"A": 7, "B": 5}, present=10, written=2)
    assert ballots.issued == 12
    assert voting.tally(rule, ballots).winners() == ["A"]
    problems = voting.count_problems(count({"A": 1}, present=10, written=2, issued=13))
    assert "issued" in problems and "phiếu bằng văn bản" in problems["issued"]


@pytest.mark.parametrize(
    "kwargs, field, fragment",
    [
        ({"issued": 14, "counted": 15}, "counted", "không được vượt quá số phiếu phát ra"),
        ({"counted": 14, "valid": 12, "invalid": 1}, "valid", "phải bằng"),
        ({"invalid": -1}, "invalid", "không được âm"),
        ({"present": 15}, "present", "vượt quá 14 thành viên"),
    ],
)
def test_inconsistent_counts_are_refused_with_a_reason(kwargs, field, fragment):
    problems = voting.count_problems(count({"A": 3}, **kwargs))
    assert field in problems and fragment in problems[field]
    with pytest.raises(ValueError):
        voting.tally(MAJORITY, count({"A": 3}, **kwargs))


def test_votes_cannot_exceed_valid_ballots():
    problems = voting.count_problems(count({"A": 15}), {"A": "Viện A"})
    assert problems["votes:A"] == "Viện A: 15 phiếu, vượt quá số phiếu hợp lệ (14)."
    problems = voting.count_problems(count({"A": 10, "B": 10}))  # one choice per ballot: 20 > 14
    assert "votes" in problems and "14 phiếu hợp lệ × 1 lựa chọn" in problems["votes"]
    assert not voting.count_problems(count({"A": 10, "B": 10, "C": 10}, max_choices=3))


def test_zero_votes_never_elect():
    rule = voting.PassRule(base="valid", share=None, seats=2)
    assert voting.tally(rule, count({"A": 0, "B": 0})).winners() == []


@pytest.mark.parametrize(
    "data, fragment",
    [
        ({"base": "all"}, "Căn cứ tính tỷ lệ"),
        ({"share": "abc"}, "không hợp lệ"),
        ({"share": "3/2"}, "không quá 100 %"),
        ({"share": "1/2", "seats": 0}, "từ 1 trở lên"),
        ({"base": "total"}, "cần một tỷ lệ"),
    ],
)
def test_rule_data_is_checked(data, fragment):
    with pytest.raises(ValueError, match=fragment):
        voting.PassRule.from_data(data)


def test_rule_round_trip_and_description():
    rule = voting.PassRule.from_data({"base": "total", "share": "50%", "strict": True, "seats": 3})
    assert rule.to_data() == {"base": "total", "share": "1/2", "strict": True, "seats": 3}
    assert rule.describe() == "trên 50 % tổng số thành viên; tối đa 3 đơn vị có số phiếu cao nhất"
    assert voting.PassRule(base="valid", share=None, seats=1).describe() == "1 đơn vị có số phiếu cao nhất"


def test_council_counts_through_the_same_module():
    rs = resolve(load_builtin(), 2025)
    for votes in range(0, 10):
        rule = rs.vote_rule("chien_si_thi_dua_co_so")
        judged = voting.judge(voting.PassRule.from_data({**rule, "strict": bool(rule.get("strict"))}), votes, 9)
        assert council.tally(rs, "chien_si_thi_dua_co_so", votes, 8, 9).passed == judged.reached
    assert council.needed_votes({"share": "1/2", "strict": True}, 6) == voting.needed_votes(Fraction(1, 2), 6, strict=True)


@settings(max_examples=200, deadline=None)
@given(votes=st.lists(st.integers(0, 14), min_size=1, max_size=8), seats=st.integers(1, 4))
def test_never_more_winners_than_seats_and_ties_are_never_split(votes, seats):
    rule = voting.PassRule(base="valid", share=None, seats=seats)
    ballots = count({f"U{i}": v for i, v in enumerate(votes)}, valid=14, max_choices=8)
    if voting.count_problems(ballots):
        return
    result = voting.tally(rule, ballots)
    winners = set(result.winners())
    assert len(winners) <= seats
    by_votes: dict[int, set] = {}
    for o in result.outcomes:
        by_votes.setdefault(o.votes, set()).add(o.key)
    for group in by_votes.values():  # equal votes: all elected or none
        assert group <= winners or not (group & winners)
