"""Bloc use cases combining storage and rules: scores and ranking, ballot counts, results, next year's leaders.

The window and the command line both call these; each write is one transaction with its audit rows.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from dataclasses import dataclass
from decimal import Decimal

from sqlite_utils import Database

from tdkt_desktop import paths
from tdkt_desktop.db import bloc_meetings as meetings_db
from tdkt_desktop.db import bloc_scores as scores_db
from tdkt_desktop.db import blocs as blocs_db
from tdkt_desktop.db.bloc_records import Bloc, BlocYear, RoundCandidate, Score, VoteRound
from tdkt_desktop.errors import NotFoundError, ValidationError
from tdkt_desktop.rules import scoring, voting
from tdkt_desktop.rules.ranking import competition_ranking
from tdkt_desktop.vocabulary import BALLOT_KINDS, ballot_label

# --- blocs and their regulation ---------------------------------------------------------------


@functools.cache
def default_vote_rules() -> dict[str, dict]:
    """The pass rules a bloc uses until its own regulation is entered (resources/blocs/vote_rules.json)."""
    data = json.loads(paths.resource_path("blocs", "vote_rules.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def vote_rules(bloc: Bloc) -> dict[str, voting.PassRule]:
    """The bloc's pass rule for every ballot kind (its own where set, the default elsewhere)."""
    merged = {**default_vote_rules(), **bloc.vote_rules}
    return voting.parse_rule_map(merged, list(BALLOT_KINDS))


def save_bloc(db: Database, bloc: Bloc) -> int:
    """Check the bloc's own pass rules, then save it.

    Raises:
        ValidationError: a wrong rule (named by its ballot), or what ``db.blocs.save_bloc`` refuses.
    """
    for kind, data in bloc.vote_rules.items():
        if kind not in BALLOT_KINDS:
            raise ValidationError({"vote_rules": f"Nội dung bình chọn “{kind}” không có trong danh mục."})
        try:
            voting.PassRule.from_data(data)
        except ValueError as exc:
            raise ValidationError({"vote_rules": f"{BALLOT_KINDS[kind]}: {exc}"}) from exc
    return blocs_db.save_bloc(db, bloc)


def resolve_bloc(db: Database, name: str) -> Bloc:
    """The bloc the user named (case, diacritics and spacing ignored; a unique part of the name is enough).

    Raises:
        NotFoundError: no bloc matches; the message lists the blocs there are.
    """
    bloc = blocs_db.find_bloc(db, name)
    if bloc is None:
        known = "; ".join(f"“{b.name}”" for b in blocs_db.list_blocs(db, include_inactive=True)) or "chưa có khối nào"
        raise NotFoundError(f"Không tìm thấy khối thi đua “{name}”. Các khối trong dữ liệu: {known}.")
    return bloc


def leaders(db: Database, bloc_id: int, year: int) -> BlocYear:
    """Head and deputy of a year (empty when not recorded)."""
    return blocs_db.get_year(db, bloc_id, year) or BlocYear(bloc_id=bloc_id, year=year)


# --- scores and ranking -----------------------------------------------------------------------


@dataclass(frozen=True)
class MemberRank:
    """A member's totals and rank; ``rank`` None when it has no score yet."""

    member_id: int
    name: str
    self_score: Decimal | None
    agreed_score: Decimal | None
    rank: int | None
    tied: bool
    is_self: bool = False

    @property
    def score(self) -> Decimal | None:
        """The score that ranks: agreed where the bloc scored, the member's own otherwise."""
        return self.agreed_score if self.agreed_score is not None else self.self_score

    def as_json(self) -> dict:
        """``{member, self_score, agreed_score, rank, tied}`` with numbers as numbers."""
        return {"member": self.name, "self_score": scoring.points_json(self.self_score),
                "agreed_score": scoring.points_json(self.agreed_score), "rank": self.rank, "tied": self.tied}


def ranking(db: Database, bloc_id: int, year: int) -> list[MemberRank]:
    """Every active member (and any former member with scores) ranked on the year's totals, best first."""
    criteria = scores_db.list_criteria(db, bloc_id, year)
    facts = [scoring.CriterionFact(c.id, c.max_points, c.kind) for c in criteria]
    stored = scores_db.list_scores(db, bloc_id, year)
    marks = {(s.member_id, s.criterion_id): (s.self_score, s.agreed_score) for s in stored}
    scored_ids = {s.member_id for s in stored}
    members = [m for m in blocs_db.list_members(db, bloc_id, include_inactive=True) if m.active or m.id in scored_ids]
    totals = scoring.member_totals(facts, marks, [m.id for m in members])
    ranked = competition_ranking([(m.id, totals[m.id].ranking_score) for m in members])
    by_id = {m.id: m for m in members}
    return [
        MemberRank(member_id=r.key, name=by_id[r.key].name, self_score=totals[r.key].self_total,
                   agreed_score=totals[r.key].agreed_total, rank=r.rank, tied=r.tied, is_self=by_id[r.key].is_self)
        for r in ranked
    ]


def require_ranking(db: Database, bloc: Bloc, year: int) -> list[MemberRank]:
    """The ranked members that have scores.

    Raises:
        NotFoundError: the year has no scores.
    """
    rows = [r for r in ranking(db, int(bloc.id), year) if r.rank is not None]  # type: ignore[arg-type]
    if not rows:
        years = ", ".join(str(y) for y in scores_db.scored_years(db, int(bloc.id))) or "chưa có năm nào"  # type: ignore[arg-type]
        raise NotFoundError(f"Khối “{bloc.name}” chưa có điểm năm {year} (năm đã có điểm: {years}).")
    return rows


def set_score(db: Database, criterion_id: int, member_id: int, self_score: Decimal | None,
              agreed_score: Decimal | None) -> None:
    """Store one member's scores on one criterion, each within 0 … the criterion's maximum.

    Raises:
        ValidationError: a score out of range, or a member of another bloc; nothing is saved.
    """
    criterion = scores_db.get_criterion(db, criterion_id)
    member = blocs_db.get_member(db, member_id)
    if member.bloc_id != criterion.bloc_id:
        raise ValidationError({"member": f"“{member.name}” không thuộc khối của tiêu chí này."})
    errors = {}
    given = (("self_score", "Điểm tự chấm", self_score), ("agreed_score", "Điểm khối chấm", agreed_score))
    for key, label, value in given:
        problem = None if value is None else scoring.score_problem(value, criterion.max_points)
        if problem:
            errors[key] = f"{label} của “{member.name}” ở tiêu chí {criterion.code}: {problem}."
    if errors:
        raise ValidationError(errors)
    scores_db.store_score(db, Score(criterion_id, member_id, self_score, agreed_score), member.name)


# --- ballots ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CandidateResult:
    """One candidate of a round as shown and printed."""

    member_id: int
    name: str
    votes: int
    rank: int | None = None
    tied: bool = False
    status: str = ""  # '' until counted; dat | khong_dat | bang_phieu
    share: str = ""
    text: str = ""


@dataclass(frozen=True)
class RoundResult:
    """A round with its count, candidates, result and one summary sentence."""

    round: VoteRound
    label: str
    rule: voting.PassRule
    count: voting.BallotCount
    candidates: tuple[CandidateResult, ...]
    tally: voting.Tally | None
    summary: str


def _ballot_count(db: Database, vote_round: VoteRound, candidates: list[RoundCandidate]) -> voting.BallotCount:
    """The round's count as stored, with the votes of ``candidates`` (its candidate rows, read by the caller)."""
    present, members = meetings_db.head_count(db, vote_round.meeting_id)
    ballots = meetings_db.voters(db, vote_round.id)  # type: ignore[arg-type]
    return voting.BallotCount(
        members=members, present=present, written=sum(v.mode == "van_ban" for v in ballots), issued=len(ballots),
        counted=vote_round.counted or 0, valid=vote_round.valid or 0, invalid=vote_round.invalid or 0,
        max_choices=vote_round.max_choices, votes=tuple((c.member_id, c.votes) for c in candidates),
    )


def round_result(db: Database, round_id: int) -> RoundResult:
    """A round's candidates with votes, rank, share and status under the rule it was opened with."""
    vote_round = meetings_db.get_round(db, round_id)
    rule = voting.PassRule.from_data(vote_round.rule)
    candidates = meetings_db.candidates(db, round_id)
    count = _ballot_count(db, vote_round, candidates)
    names = {c.member_id: c.member_name for c in candidates}
    label = meetings_db.round_label(vote_round)
    if not vote_round.is_counted:
        rows = tuple(CandidateResult(k, names[k], 0) for k, _v in count.votes)
        summary = f"{label}: đã phát {count.issued} phiếu; chưa nhập kết quả kiểm phiếu."
        return RoundResult(vote_round, label, rule, count, rows, None, summary)
    tally = voting.tally(rule, count, names)
    rows = tuple(
        CandidateResult(o.key, names[o.key], o.votes, o.rank, o.tied, o.status, voting.share_text(o.share),
                        voting.outcome_text(o, tally))
        for o in tally.outcomes
    )
    return RoundResult(vote_round, label, rule, count, rows, tally, voting.round_summary(count, tally, names))


def default_title(kind: str, level: str, year: int) -> str:
    """'Cờ thi đua của Bộ', 'Khối trưởng năm 2019' (leaders are elected for the year after the meeting's)."""
    if kind in ("khoi_truong", "khoi_pho"):
        return f"{'Khối trưởng' if kind == 'khoi_truong' else 'Khối phó'} năm {year + 1}"
    return ballot_label(kind, level)


def open_round(db: Database, meeting_id: int, kind: str, candidate_ids: list[int], *, title: str = "",
               secret: bool = True, seats: int | None = None, max_choices: int | None = None,
               round_no: int | None = None, rule: voting.PassRule | None = None) -> int:
    """Open a ballot under the bloc's rule for ``kind`` (``seats`` overrides how many are chosen).

    Raises:
        ValidationError: what ``db.bloc_meetings.open_round`` refuses, or a wrong number of seats.
    """
    meeting = meetings_db.get_meeting(db, meeting_id)
    bloc = blocs_db.get_bloc(db, meeting.bloc_id)
    if kind not in BALLOT_KINDS:
        raise ValidationError({"kind": f"Nội dung bình chọn “{kind}” không hợp lệ."})
    rule = rule or vote_rules(bloc)[kind]
    if seats is not None:
        if seats < 1:
            raise ValidationError({"seats": "Số đơn vị được chọn phải từ 1 trở lên."})
        rule = dataclasses.replace(rule, seats=seats)
    if round_no is None:
        done = [r.round_no for r in meetings_db.list_rounds(db, meeting_id) if r.kind == kind]
        round_no = max(done, default=0) + 1
    vote_round = VoteRound(
        id=None, meeting_id=meeting_id, kind=kind, round_no=round_no,
        title=title or default_title(kind, bloc.level, meeting.year), secret=secret,
        max_choices=max_choices or rule.seats or 1, rule=rule.to_data(),
    )
    return meetings_db.open_round(db, vote_round, candidate_ids)


def issue_to_present(db: Database, round_id: int) -> int:
    """Give a ballot to every present member that has none yet; returns how many were issued."""
    vote_round = meetings_db.check_open(db, round_id)
    held = {v.member_id for v in meetings_db.voters(db, round_id)}
    due = [a.member_id for a in meetings_db.attendance(db, vote_round.meeting_id)
           if a.present and a.member_id not in held]
    with db.atomic():
        for member_id in due:
            meetings_db.issue_ballot(db, round_id, member_id, "truc_tiep")
    return len(due)


def record_count(db: Database, round_id: int, counted: int, valid: int, invalid: int, votes: dict[int, int]) -> None:
    """Store the officer's count after checking it (counted ≤ issued, valid + invalid = counted …).

    Raises:
        ValidationError: every inconsistency, in Vietnamese; nothing is saved.
    """
    vote_round = meetings_db.check_open(db, round_id)
    candidates = meetings_db.candidates(db, round_id)
    current = _ballot_count(db, vote_round, candidates)
    names = {c.member_id: c.member_name for c in candidates}
    unknown = [k for k in votes if k not in names]
    if unknown:
        raise ValidationError({"votes": "Chỉ ghi phiếu cho các đơn vị ứng cử của lượt này."})
    merged = {k: votes.get(k, v) for k, v in current.votes}
    count = dataclasses.replace(current, counted=counted, valid=valid, invalid=invalid, votes=tuple(merged.items()))
    problems = voting.count_problems(count, names)
    if problems:
        raise ValidationError(problems)
    meetings_db.store_count(db, round_id, counted, valid, invalid, merged)


def clear_count(db: Database, round_id: int) -> None:
    """Remove an open round's count (to issue or take back ballots before counting again)."""
    vote_round = meetings_db.check_open(db, round_id)
    zero = {c.member_id: 0 for c in meetings_db.candidates(db, round_id)}
    meetings_db.store_count(db, int(vote_round.id), None, None, None, zero)  # type: ignore[arg-type]


def close_round(db: Database, round_id: int) -> RoundResult:
    """Close a counted round; a head or deputy elected for next year is recorded for that year.

    Raises:
        ValidationError: not counted yet, or the elected deputy is next year's head (nothing changes).
    """
    vote_round = meetings_db.check_open(db, round_id)
    if not vote_round.is_counted:
        raise ValidationError({"round": f"Lượt “{meetings_db.round_label(vote_round)}” chưa nhập kết quả kiểm phiếu."})
    result = round_result(db, round_id)
    meeting = meetings_db.get_meeting(db, vote_round.meeting_id)
    winners = result.tally.winners() if result.tally else []
    with db.atomic():
        if vote_round.kind in ("khoi_truong", "khoi_pho") and len(winners) == 1:
            year = meeting.year + 1
            entry = leaders(db, meeting.bloc_id, year)
            field = "head_id" if vote_round.kind == "khoi_truong" else "deputy_id"
            blocs_db.save_year(db, dataclasses.replace(entry, **{field: winners[0]}))
        meetings_db.set_round_status(db, round_id, "ket_thuc", result.summary)
    return round_result(db, round_id)


def revote(db: Database, round_id: int) -> int:
    """Open the next round between the candidates tied for the last seat(s), for the seats still open.

    Raises:
        ValidationError: the round has no tie to settle.
    """
    result = round_result(db, round_id)
    tied = result.tally.tied_at_cutoff() if result.tally else []
    if not tied:
        raise ValidationError({"round": f"Lượt “{result.label}” không có ứng viên bằng phiếu cần bỏ phiếu lại."})
    open_seats = (result.rule.seats or len(tied)) - len(result.tally.winners())  # type: ignore[union-attr]
    old = result.round
    return open_round(db, old.meeting_id, old.kind, tied, title=old.title, secret=old.secret, seats=open_seats,
                      max_choices=min(old.max_choices, open_seats), round_no=old.round_no + 1, rule=result.rule)
