"""Council (Hội đồng TĐKT) arithmetic: quorum and pass thresholds from the rule set, counted by rules/voting."""

from __future__ import annotations

from dataclasses import dataclass

from tdkt_desktop.rules import voting
from tdkt_desktop.rules.ruleset import VOTE_BASES, RuleSet, frac, percent


@dataclass(frozen=True)
class Quorum:
    """Whether enough members attend for the council to decide."""

    present: int
    total: int
    required: int
    met: bool
    text: str


@dataclass(frozen=True)
class VoteResult:
    """One candidate's outcome: the base it was counted on, the share, pass or not, and why."""

    votes_for: int
    base: int
    needed: int
    passed: bool
    text: str


def quorum(rs: RuleSet, present: int, total: int) -> Quorum:
    """Quorum check: present ≥ share × total (share from the rule set, e.g. 2/3)."""
    share = frac(rs.data["council"]["quorum"])
    required = voting.at_least(share, total)
    met = total > 0 and present >= required
    text = (
        f"Có mặt {present}/{total} thành viên; cần ít nhất {required} ({percent(share)}): "
        + ("đủ điều kiện họp" if met else "CHƯA đủ điều kiện họp")
    )
    return Quorum(present, total, required, met, text)


def needed_votes(rule: dict, base: int) -> int:
    """The smallest number of 'đồng ý' that passes under ``rule`` on ``base`` voters."""
    return voting.needed_votes(frac(rule["share"]), base, strict=bool(rule.get("strict")))


def tally(rs: RuleSet, award: str, votes_for: int, present: int, total: int, *, quorum_met: bool = True) -> VoteResult:
    """Pass or fail for one candidate; the base is attendees or all members as the rule set says."""
    rule = rs.vote_rule(award)
    # A rule-set vote without "strict" means "at least"; a PassRule on its own defaults to "more than".
    judged = voting.judge(
        voting.PassRule.from_data({**rule, "strict": bool(rule.get("strict"))}),
        votes_for,
        voting.BallotCount(members=total, present=present).base(rule["base"]),
    )
    base, needed = judged.base, judged.needed or 1
    passed = quorum_met and judged.reached
    word = "trên" if rule.get("strict") else "từ"
    pct = f"{round(100 * votes_for / base)} %" if base else "—"
    text = (
        f"{votes_for}/{base} phiếu đồng ý ({pct}); cần {word} {percent(rule['share'])} "
        f"{VOTE_BASES[rule['base']]} = {needed} phiếu"
    )
    if not quorum_met:
        text += "; Hội đồng chưa đủ số thành viên có mặt"
    return VoteResult(votes_for, base, needed, passed, text + (": ĐẠT." if passed else ": KHÔNG ĐẠT."))
