"""Ballot counting shared by the council and the emulation blocs: pass rules as data, count checks, tally, ties.

A pass rule is data (from a rule set or a bloc's regulation): the base the share is taken of (all
members, those present, ballots issued, valid ballots), the share and whether it must be exceeded
("trên 50 %") or reached ("từ 80 %"), and optionally a number of seats that go to the candidates with
the most votes ("3 Cờ thi đua cho 3 đơn vị có số phiếu cao nhất"). Equal votes at the last seat are
flagged as a tie and that seat stays open: counting never breaks a tie by list order.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from tdkt_desktop.rules.ranking import competition_ranking
from tdkt_desktop.rules.ruleset import frac, percent

#: What a share may be taken of, with the Vietnamese words used in results and documents.
BASE_LABELS = {
    "total": "tổng số thành viên",
    "present": "số thành viên có mặt",
    "voters": "số phiếu phát ra",
    "valid": "số phiếu hợp lệ",
}
STATUS_LABELS = {"dat": "Đạt", "khong_dat": "Không đạt", "bang_phieu": "Bằng phiếu"}


def at_least(share: Fraction, count: int) -> int:
    """The smallest whole number ≥ share × count (2/3 of 9 is exactly 6; no floats)."""
    return -(-share.numerator * count // share.denominator)


def needed_votes(share: Fraction, base: int, *, strict: bool) -> int:
    """Votes that pass: more than (strict) or at least ``share`` of ``base``."""
    if strict:
        return share.numerator * base // share.denominator + 1
    return at_least(share, base)


@dataclass(frozen=True)
class PassRule:
    """How a ballot decides: share of a base (optional) and seats for the top-voted (optional)."""

    base: str = "total"
    share: Fraction | None = Fraction(1, 2)
    strict: bool = True
    seats: int | None = None

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> PassRule:
        """Read ``{"base": "total", "share": "1/2", "strict": true, "seats": 3}`` (share or seats may be absent).

        Raises:
            ValueError: with a Vietnamese message naming the wrong part.
        """
        base = data.get("base", "total")
        if base not in BASE_LABELS:
            raise ValueError(f"Căn cứ tính tỷ lệ “{base}” không hợp lệ (chọn: {', '.join(BASE_LABELS)}).")
        raw_share = data.get("share")
        share = None
        if raw_share not in (None, ""):
            try:
                share = frac(raw_share)
            except (ValueError, ZeroDivisionError) as exc:
                raise ValueError(f"Tỷ lệ “{raw_share}” không hợp lệ (ví dụ 1/2, 80%).") from exc
            if not 0 < share <= 1:
                raise ValueError(f"Tỷ lệ “{raw_share}” phải lớn hơn 0 và không quá 100 %.")
        seats = data.get("seats")
        if seats is not None and (isinstance(seats, bool) or not isinstance(seats, int) or seats < 1):
            raise ValueError(f"Số đơn vị được chọn “{seats}” phải là số nguyên từ 1 trở lên.")
        if share is None and seats is None:
            raise ValueError("Quy tắc bỏ phiếu cần một tỷ lệ, một số đơn vị được chọn, hoặc cả hai.")
        return cls(base=base, share=share, strict=bool(data.get("strict", True)), seats=seats)

    def to_data(self) -> dict[str, Any]:
        """The stored form (share as an exact 'p/q' string)."""
        out: dict[str, Any] = {"base": self.base, "strict": self.strict}
        if self.share is not None:
            out["share"] = f"{self.share.numerator}/{self.share.denominator}"
        if self.seats is not None:
            out["seats"] = self.seats
        return out

    def needed(self, base_count: int) -> int | None:
        """Votes needed on ``base_count`` (None when only the seats decide)."""
        if self.share is None:
            return None
        return needed_votes(self.share, base_count, strict=self.strict) if base_count else 1

    def describe(self, labels: Mapping[str, str] = BASE_LABELS) -> str:
        """'trên 50 % tổng số thành viên; tối đa 3 đơn vị có số phiếu cao nhất'."""
        parts = []
        if self.share is not None:
            parts.append(f"{'trên' if self.strict else 'từ'} {percent(self.share)} {labels[self.base]}")
        if self.seats is not None:
            lead = "tối đa " if parts else ""
            parts.append(f"{lead}{self.seats} đơn vị có số phiếu cao nhất")
        return "; ".join(parts)


@dataclass(frozen=True)
class Judgement:
    """One count against a share: the base it was taken on, the votes needed, reached or not."""

    votes: int
    base: int
    needed: int | None
    reached: bool


def judge(rule: PassRule, votes: int, base_count: int) -> Judgement:
    """Whether ``votes`` reaches the rule's share of ``base_count`` (always True without a share)."""
    needed = rule.needed(base_count)
    reached = needed is None or (base_count > 0 and votes >= needed)
    return Judgement(votes, base_count, needed, reached)


@dataclass(frozen=True)
class BallotCount:
    """What the counting officer records for one round.

    ``present`` members vote in the room; ``written`` absent members sent a written ballot. Ballots
    ``issued`` go to those voters; ``counted`` come back and are ``valid`` or ``invalid``. A valid
    ballot may mark up to ``max_choices`` candidates; ``votes`` holds (candidate, votes) in list order.
    """

    members: int
    present: int
    written: int = 0
    issued: int = 0
    counted: int = 0
    valid: int = 0
    invalid: int = 0
    max_choices: int = 1
    votes: tuple[tuple[Hashable, int], ...] = field(default=())

    def base(self, name: str) -> int:
        """The count a share is taken of."""
        return {"total": self.members, "present": self.present, "voters": self.issued, "valid": self.valid}[name]


def count_problems(count: BallotCount, names: Mapping[Hashable, str] | None = None) -> dict[str, str]:
    """Every inconsistency of a count, as field → Vietnamese message (empty when the count is sound)."""
    names = names or {}
    errors: dict[str, str] = {}
    numbers = {"issued": count.issued, "counted": count.counted, "valid": count.valid, "invalid": count.invalid}
    labels = {"issued": "phát ra", "counted": "thu về", "valid": "hợp lệ", "invalid": "không hợp lệ"}
    for key, value in numbers.items():
        if value < 0:
            errors[key] = f"Số phiếu {labels[key]} không được âm."
    if count.present + count.written > count.members:
        errors["present"] = (
            f"Số người bỏ phiếu ({count.present} có mặt + {count.written} gửi phiếu bằng văn bản) "
            f"vượt quá {count.members} thành viên."
        )
    if count.issued > count.present + count.written:
        errors["issued"] = (
            f"Số phiếu phát ra ({count.issued}) vượt quá số thành viên được bỏ phiếu "
            f"({count.present} có mặt, {count.written} gửi phiếu bằng văn bản)."
        )
    if count.counted > count.issued:
        errors["counted"] = f"Số phiếu thu về ({count.counted}) không được vượt quá số phiếu phát ra ({count.issued})."
    if "valid" not in errors and "invalid" not in errors and count.valid + count.invalid != count.counted:
        errors["valid"] = (
            f"Phiếu hợp lệ ({count.valid}) cộng phiếu không hợp lệ ({count.invalid}) phải bằng "
            f"số phiếu thu về ({count.counted})."
        )
    for key, votes in count.votes:
        who = names.get(key, str(key))
        if votes < 0:
            errors[f"votes:{key}"] = f"{who}: số phiếu không được âm."
        elif votes > count.valid:
            errors[f"votes:{key}"] = f"{who}: {votes} phiếu, vượt quá số phiếu hợp lệ ({count.valid})."
    total = sum(v for _k, v in count.votes if v > 0)
    if total > count.valid * count.max_choices:
        errors["votes"] = (
            f"Tổng số phiếu bầu của các ứng viên ({total}) vượt quá {count.valid} phiếu hợp lệ × "
            f"{count.max_choices} lựa chọn trên mỗi phiếu."
        )
    return errors


@dataclass(frozen=True)
class Outcome:
    """One candidate's result: votes, rank by votes (ties share it), share of the base, status."""

    key: Hashable
    votes: int
    rank: int
    tied: bool
    reached: bool
    status: str  # dat | khong_dat | bang_phieu
    share: Fraction | None

    @property
    def elected(self) -> bool:
        return self.status == "dat"


@dataclass(frozen=True)
class Tally:
    """The result of one round: the rule, the base and votes needed, every candidate, open seats."""

    rule: PassRule
    base: int
    needed: int | None
    outcomes: tuple[Outcome, ...]
    undecided: bool  # a tie at the last seat: those tied must vote again

    def winners(self) -> list[Hashable]:
        """Keys of the elected candidates, most votes first."""
        return [o.key for o in self.outcomes if o.elected]

    def tied_at_cutoff(self) -> list[Hashable]:
        """Keys of the candidates tied for the last seat(s)."""
        return [o.key for o in self.outcomes if o.status == "bang_phieu"]


def tally(rule: PassRule, count: BallotCount, names: Mapping[Hashable, str] | None = None) -> Tally:
    """Decide a round from a sound count.

    Raises:
        ValueError: the count is inconsistent (the message lists every problem).
    """
    problems = count_problems(count, names)
    if problems:
        raise ValueError(" ".join(problems.values()))
    base = count.base(rule.base)
    ranked = competition_ranking(count.votes)
    judged = {r.key: judge(rule, r.score, base) for r in ranked}
    reaching = [r for r in ranked if judged[r.key].reached and r.score > 0]
    elected: set[Hashable] = set()
    tied_out: set[Hashable] = set()
    if rule.seats is None or len(reaching) <= rule.seats:
        elected = {r.key for r in reaching}
    else:
        last = reaching[rule.seats - 1].score
        above = [r for r in reaching if r.score > last]
        at_last = [r for r in reaching if r.score == last]
        elected = {r.key for r in above}
        if len(above) + len(at_last) <= rule.seats:
            elected |= {r.key for r in at_last}
        else:
            tied_out = {r.key for r in at_last}
    outcomes = tuple(
        Outcome(
            key=r.key, votes=r.score, rank=r.rank or 0, tied=r.tied, reached=judged[r.key].reached,
            status="dat" if r.key in elected else ("bang_phieu" if r.key in tied_out else "khong_dat"),
            share=Fraction(r.score, base) if base else None,
        )
        for r in ranked
    )
    return Tally(rule, base, rule.needed(base), outcomes, bool(tied_out))


def share_text(share: Fraction | None) -> str:
    """'85,7 %' (Vietnamese decimal comma); '—' without a base."""
    if share is None:
        return "—"
    value = round(float(share) * 100, 1)
    return f"{value:g} %".replace(".", ",")


def outcome_text(outcome: Outcome, tally_: Tally, labels: Mapping[str, str] = BASE_LABELS) -> str:
    """'12/14 phiếu (85,7 % tổng số thành viên), cần 8: Đạt' for tables and minutes."""
    text = f"{outcome.votes}/{tally_.base} phiếu ({share_text(outcome.share)} {labels[tally_.rule.base]})"
    if tally_.needed is not None:
        text += f", cần {tally_.needed}"
    status = STATUS_LABELS[outcome.status]
    if outcome.status == "bang_phieu":
        status += " ở vị trí cuối, cần bỏ phiếu lại"
    return f"{text}: {status}"


def round_summary(count: BallotCount, tally_: Tally, names: Mapping[Hashable, str]) -> str:
    """One sentence for minutes and the projector: ballots, then who was elected, then any tie."""
    head = (
        f"Số phiếu phát ra: {count.issued}; thu về: {count.counted}; hợp lệ: {count.valid}; "
        f"không hợp lệ: {count.invalid}."
    )
    winners = [names.get(k, str(k)) for k in tally_.winners()]
    body = " Trúng: " + ", ".join(winners) + "." if winners else " Không có ứng viên đạt."
    tied = [names.get(k, str(k)) for k in tally_.tied_at_cutoff()]
    if tied:
        body += " Bằng phiếu ở vị trí cuối: " + ", ".join(tied) + " — cần bỏ phiếu lại giữa các ứng viên này."
    return head + body


def parse_rule_map(data: Mapping[str, Any], kinds: Sequence[str]) -> dict[str, PassRule]:
    """``{kind: rule data}`` → ``{kind: PassRule}`` for the kinds given.

    Raises:
        ValueError: a kind has no rule or a wrong one (the message names the kind).
    """
    out = {}
    for kind in kinds:
        if kind not in data:
            raise ValueError(f"Thiếu quy tắc bỏ phiếu cho “{kind}”.")
        try:
            out[kind] = PassRule.from_data(data[kind])
        except ValueError as exc:
            raise ValueError(f"{kind}: {exc}") from exc
    return out
