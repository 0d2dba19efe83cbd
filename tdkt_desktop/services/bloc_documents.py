"""Bloc documents from the database: minutes of a meeting, the pact of a year, the proposal for the flags.

Each function reads what one document needs, applies the ranking and ballot rules through
``services/blocs.py``, and returns the plain-text data its ``reports/bloc_*`` module lays out.
"""

from __future__ import annotations

from sqlite_utils import Database

from tdkt_desktop.db import bloc_meetings as meetings_db
from tdkt_desktop.db import bloc_scores as scores_db
from tdkt_desktop.db import blocs as blocs_db
from tdkt_desktop.db.bloc_records import Bloc, BlocMeeting
from tdkt_desktop.errors import NotFoundError
from tdkt_desktop.reports.bloc_minutes import (
    AttendanceLine,
    BallotTable,
    BlocHeading,
    MinutesData,
    RankLine,
)
from tdkt_desktop.reports.bloc_pact import PactData
from tdkt_desktop.reports.bloc_proposal import ProposalData, Proposed
from tdkt_desktop.rules import scoring, voting
from tdkt_desktop.rules.ranking import rank_text
from tdkt_desktop.services import blocs as bloc_service
from tdkt_desktop.text import format_date
from tdkt_desktop.vocabulary import BLOC_MEETING_KINDS, ballot_label

#: Who awards the bloc-level flag, by the bloc's level; the Government flag is the Prime Minister's.
DECIDERS = {"tinh": "Chủ tịch Ủy ban nhân dân tỉnh", "bo": "Bộ trưởng", "trung_uong": "Bộ trưởng, Thủ trưởng cơ quan"}
FLAG_KINDS = ("co_chinh_phu", "co_bo_tinh")


def heading(bloc: Bloc) -> BlocHeading:
    """The letterhead lines of the bloc's documents."""
    return BlocHeading(bloc.governing_body, bloc.name, bloc.place_name)


def decider(kind: str, level: str) -> str:
    """Who is asked to award a flag of ``kind``."""
    return "Thủ tướng Chính phủ" if kind == "co_chinh_phu" else DECIDERS.get(level, "cấp có thẩm quyền")


def find_meeting(db: Database, bloc: Bloc, year: int, kind: str = "tong_ket") -> BlocMeeting:
    """The bloc's meeting of ``kind`` in ``year``.

    Raises:
        NotFoundError: none recorded; the message lists the meetings of that year.
    """
    meeting = meetings_db.find_meeting(db, int(bloc.id), year, kind)  # type: ignore[arg-type]
    if meeting is None:
        held = meetings_db.list_meetings(db, int(bloc.id), year)  # type: ignore[arg-type]
        listed = "; ".join(f"{BLOC_MEETING_KINDS[m.kind].lower()} ngày {format_date(m.held_on)}" for m in held)
        raise NotFoundError(
            f"Khối “{bloc.name}” chưa có hội nghị “{BLOC_MEETING_KINDS.get(kind, kind)}” của năm {year}"
            + (f" (năm đó có: {listed})." if listed else "; năm đó chưa có hội nghị nào.")
        )
    return meeting


def rank_lines(db: Database, bloc: Bloc, year: int) -> tuple[RankLine, ...]:
    """The year's ranking as printed ('3=' for a shared rank); empty without scores."""
    return tuple(
        RankLine(rank_text(r.rank, r.tied), r.name, scoring.points_text(r.self_score),
                 scoring.points_text(r.agreed_score))
        for r in bloc_service.ranking(db, int(bloc.id), year) if r.rank is not None  # type: ignore[arg-type]
    )


def ranking_note(db: Database, bloc: Bloc, year: int) -> str:
    """The scale and how the ranking was made."""
    criteria = scores_db.list_criteria(db, int(bloc.id), year)  # type: ignore[arg-type]
    facts = [scoring.CriterionFact(c.id, c.max_points, c.kind) for c in criteria]
    penalty = sum(c.max_points for c in criteria if c.kind == "tru")
    text = (f"Thang điểm: {len(criteria)} mục, tối đa {scoring.points_text(scoring.maximum_total(facts))} điểm"
            + (f" (trừ tối đa {scoring.points_text(penalty)} điểm)" if penalty else "") + ". ")
    return text + ("Xếp hạng theo điểm khối chấm (điểm tự chấm nếu khối chưa chấm); các đơn vị bằng điểm được xếp "
                   "cùng hạng, đánh dấu “=”, không tự phân định thứ tự.")


def _result_sentence(bloc: Bloc, year: int, result: bloc_service.RoundResult) -> str | None:
    if result.tally is None or result.round.status != "ket_thuc":
        return None
    names = {c.member_id: c.name for c in result.candidates}
    winners = "; ".join(names[k] for k in result.tally.winners())
    tied = "; ".join(names[k] for k in result.tally.tied_at_cutoff())
    kind = result.round.kind
    if not winners:
        sentence = f"{result.label}: không có đơn vị đạt."
    elif kind in FLAG_KINDS:
        sentence = (f"Thống nhất đề nghị {decider(kind, bloc.level)} tặng {ballot_label(kind, bloc.level)} "
                    f"năm {year} cho: {winners}.")
    elif kind == "khoi_truong":
        sentence = f"Bầu {winners} làm Khối trưởng năm {year + 1}."
    elif kind == "khoi_pho":
        sentence = f"Bầu {winners} làm Khối phó năm {year + 1}."
    else:
        sentence = f"{result.label}: {winners}."
    if tied:
        sentence += f" Bằng phiếu giữa {tied}: cần bỏ phiếu lại."
    return sentence


def ballot_table(result: bloc_service.RoundResult) -> BallotTable:
    """One ballot as printed in the minutes."""
    counted = result.tally is not None
    rows = tuple(
        (c.name, str(c.votes) if counted else "", c.share if counted else "",
         voting.STATUS_LABELS.get(c.status, "Chưa kiểm phiếu"))
        for c in result.candidates
    )
    return BallotTable(result.label, result.rule.describe(), result.summary if counted else
                       f"Số phiếu phát ra: {result.count.issued}; chưa có kết quả kiểm phiếu.", rows)


def minutes_for(db: Database, bloc: Bloc, year: int, kind: str = "tong_ket") -> MinutesData:
    """The minutes of the bloc's meeting of ``kind`` in ``year`` (the year-end review by default).

    Raises:
        NotFoundError: no such meeting.
    """
    return minutes_for_meeting(db, int(find_meeting(db, bloc, year, kind).id))  # type: ignore[arg-type]


def minutes_for_meeting(db: Database, meeting_id: int) -> MinutesData:
    """The minutes of one recorded meeting (with the year's ranking when it is the year-end review)."""
    meeting = meetings_db.get_meeting(db, meeting_id)
    bloc, year = blocs_db.get_bloc(db, meeting.bloc_id), meeting.year
    results = [bloc_service.round_result(db, int(r.id)) for r in meetings_db.list_rounds(db, int(meeting.id))]  # type: ignore[arg-type]
    with_scores = meeting.kind == "tong_ket"
    return MinutesData(
        heading=heading(bloc), year=year, kind=meeting.kind, held_on=meeting.held_on, place=meeting.place,
        chair=meeting.chair, secretary=meeting.secretary, guests=meeting.guests, agenda=meeting.agenda,
        conclusions=tuple(p.strip() for p in meeting.conclusions.split("\n") if p.strip()),
        attendance=tuple(AttendanceLine(a.member_name, a.representative, a.position, a.present)
                         for a in meetings_db.attendance(db, int(meeting.id))),  # type: ignore[arg-type]
        ranking=rank_lines(db, bloc, year) if with_scores else (),
        ranking_note=ranking_note(db, bloc, year) if with_scores else "",
        ballots=tuple(ballot_table(r) for r in results),
        results=tuple(s for s in (_result_sentence(bloc, year, r) for r in results) if s),
    )


def pact_for(db: Database, bloc: Bloc, year: int) -> PactData:
    """The pact of a bloc-year.

    Raises:
        NotFoundError: no pact recorded for that year.
    """
    pact = blocs_db.get_pact(db, int(bloc.id), year)  # type: ignore[arg-type]
    if pact is None:
        raise NotFoundError(f"Khối “{bloc.name}” chưa có giao ước thi đua năm {year}.")
    theme = bloc_service.leaders(db, int(bloc.id), year).theme  # type: ignore[arg-type]
    return PactData(heading=heading(bloc), year=year, title=pact.title, signed_on=pact.signed_on, place=pact.place,
                    theme=theme, items=pact.items,
                    signers=tuple((s.member_name, s.signer_name, s.signer_title) for s in pact.signers))


def proposal_for(db: Database, bloc: Bloc, year: int) -> ProposalData:
    """The proposal for the flags elected at the year-end review.

    Raises:
        NotFoundError: no year-end review, or no closed flag ballot with an elected member.
    """
    meeting = find_meeting(db, bloc, year, "tong_ket")
    ranks = {r.member_id: r for r in bloc_service.ranking(db, int(bloc.id), year) if r.rank is not None}  # type: ignore[arg-type]
    proposed = []
    secret = True
    for vote_round in meetings_db.list_rounds(db, int(meeting.id)):  # type: ignore[arg-type]
        if vote_round.kind not in FLAG_KINDS or vote_round.status != "ket_thuc":
            continue
        result = bloc_service.round_result(db, int(vote_round.id))  # type: ignore[arg-type]
        for c in result.candidates:
            if c.status != "dat":
                continue
            rank = ranks.get(c.member_id)
            proposed.append(Proposed(
                member=c.name, award=ballot_label(vote_round.kind, bloc.level),
                decider=decider(vote_round.kind, bloc.level),
                score=scoring.points_text(rank.score) if rank else "",
                rank=f"{rank_text(rank.rank, rank.tied)}/{len(ranks)}" if rank else "",
                votes=f"{c.votes}/{result.count.base(result.rule.base)}", share=c.share,
            ))
            secret = secret and vote_round.secret
    if not proposed:
        raise NotFoundError(f"Hội nghị tổng kết năm {year} của “{bloc.name}” chưa có kết quả bình chọn Cờ thi đua "
                            "đã chốt; hãy chốt kết quả các lượt bình chọn trước khi in tờ trình.")
    return ProposalData(heading=heading(bloc), year=year, meeting_date=meeting.held_on, council=bloc.council,
                        chair=meeting.chair, proposed=tuple(proposed), secret=secret)
