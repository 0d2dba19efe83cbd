"""Council use cases: candidates with their vote results, closing a meeting, and the decisions it leads to."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlite_utils import Database

from tdkt_desktop.db import catalog, review
from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db import review_council as council_db
from tdkt_desktop.db import settings as settings_db
from tdkt_desktop.db.award_records import Award, Decision
from tdkt_desktop.db.review_records import CandidateVote
from tdkt_desktop.errors import NotFoundError, ValidationError
from tdkt_desktop.rules import council as council_rules
from tdkt_desktop.rules.ruleset import RuleSet, money_amount
from tdkt_desktop.services.rulesets import ruleset_for_year
from tdkt_desktop.text import format_date


def candidates(db: Database, meeting_id: int, rs: RuleSet | None = None, verdicts=None,
               proposal_ids: set[int] | None = None) -> list[CandidateVote]:
    """Every proposal of the meeting's year (or only ``proposal_ids``) with its votes and result under the
    year's rule set.

    ``verdicts`` (anything with ``verdict(award=, staff_id=, unit_id=)``, e.g. a ``YearResult``) adds the
    engine's verdicts when given.
    """
    meeting = council_db.get_meeting(db, meeting_id)
    rs = rs or ruleset_for_year(db, meeting.year)
    present, written, total = council_db.head_count(db, meeting_id)
    quorum = council_rules.quorum(rs, present, total)
    votes = council_db.vote_counts(db, meeting_id)
    short = {t.code: t.short_name for t in catalog.list_award_types(db, active_only=False)}
    if proposal_ids is None:
        proposals = review.list_proposals(db, meeting.year)
    else:
        proposals = [p for p in (_proposal_or_none(db, i) for i in sorted(proposal_ids))
                     if p is not None and p.year == meeting.year]
    out = []
    for p in proposals:
        got = votes.get(p.id)
        vf, va, vi = got if got else (0, 0, 0)
        passed, text = False, "Chưa biểu quyết."
        if got is not None:  # only a vote has a result (12,000 proposals on a large office, a few hundred voted)
            # A share of all members counts absent members' written opinions among the 'đồng ý' (NĐ 98 Điều 30 k7).
            result = council_rules.tally(rs, p.award_type, vf, present, total, quorum_met=quorum.met)
            passed, text = result.passed, result.text
        verdict = verdicts.verdict(award=p.award_type, staff_id=p.staff_id, unit_id=p.unit_id) if verdicts else None
        out.append(CandidateVote(
            proposal=p, votes_for=vf, votes_against=va, votes_invalid=vi, voted=got is not None,
            passed=bool(passed), result_text=text, short_name=short.get(p.award_type, ""),
            **_verdict_fields(verdict),
        ))
    return out


def with_verdict(candidate: CandidateVote, verdicts) -> CandidateVote:
    """The candidate with the engine's verdict on its proposal (none known: not evaluated yet)."""
    p = candidate.proposal
    verdict = verdicts.verdict(award=p.award_type, staff_id=p.staff_id, unit_id=p.unit_id) if verdicts else None
    return dataclasses.replace(candidate, **_verdict_fields(verdict))


def _verdict_fields(verdict) -> dict:
    return {"eligible": None if verdict is None else verdict.eligible,
            "needs_council": bool(verdict and verdict.needs_council),
            "reasons": verdict.reasons if verdict else (), "status": verdict.status if verdict else ""}


def _proposal_or_none(db: Database, proposal_id: int):
    try:
        return review.get_proposal(db, proposal_id)
    except NotFoundError:
        return None


def close_meeting(db: Database, meeting_id: int) -> dict[str, int]:
    """End the meeting: each voted proposal becomes 'Đạt' or 'Không đạt'. Returns the counts.

    Raises:
        ValidationError: quorum not met; nothing changes.
    """
    meeting = council_db.check_open(db, meeting_id)
    rs = ruleset_for_year(db, meeting.year)
    present, _written, total = council_db.head_count(db, meeting_id)
    quorum = council_rules.quorum(rs, present, total)
    if not quorum.met:
        raise ValidationError({"quorum": quorum.text})
    statuses = {
        c.proposal.id: "dat" if c.passed else "khong_dat"
        for c in candidates(db, meeting_id, rs)
        if c.voted and c.proposal.status in ("de_nghi", "dat", "khong_dat")
    }
    return council_db.save_results(db, meeting_id, statuses)


def create_decisions(db: Database, meeting_id: int, issued_on: dt.date, first_number: int | None = None) -> dict:
    """From a closed meeting: one decision per award the head of office decides (with its list),
    and the passed proposals for higher levels marked 'Trình cấp trên'. Nothing is awarded twice.

    Returns ``{"decisions": [ids], "awards": n, "upward": [Proposal]}``.

    Raises:
        ValidationError: meeting still open, nothing new to decide, or a decision number is taken;
            nothing is written.
    """
    meeting = council_db.get_meeting(db, meeting_id)
    if meeting.status != "ket_thuc":
        raise ValidationError({"meeting": "Hãy kết thúc cuộc họp (chốt kết quả biểu quyết) trước khi ra quyết định."})
    rs = ruleset_for_year(db, meeting.year)
    office_decides = set(rs.data["council"]["office_decides"])
    passed = [p for p in review.list_proposals(db, meeting.year) if p.status == "dat"]
    local = [p for p in passed if p.award_type in office_decides]
    upward = [p for p in passed if p.award_type not in office_decides]
    if not local and not upward:
        raise ValidationError({"meeting": "Không có kết quả đạt nào mới để ra quyết định hoặc trình cấp trên."})
    settings = settings_db.get_settings(db)
    number = first_number or review.next_decision_number(db, issued_on.year)
    made, award_count = [], 0
    best_title = _highest_paid_titles(db, rs, meeting.year, local)
    titles = {t.code for t in catalog.list_award_types(db, active_only=False, kind="danh_hieu")}
    with db.atomic():
        by_award: dict[str, list] = {}
        for p in local:
            by_award.setdefault(p.award_type, []).append(p)
        for code in [c for c in rs.data["awards"] if c in by_award]:
            items = by_award[code]
            name = rs.award_name(code)
            verb = "tặng" if code == "giay_khen" else "công nhận danh hiệu"
            decision = Decision(
                id=None, number=f"{number}/QĐ-{settings.document_symbol}", issued_on=issued_on,
                issuer=settings.office_name, signer_name=settings.signer_name, signer_title=settings.signer_title,
                kind="hang_nam",
                summary=f"Về việc {verb} “{name}” năm {meeting.year}",
                note=f"Theo kết quả họp Hội đồng Thi đua – Khen thưởng ngày {format_date(meeting.held_on)}",
            )
            amount = money_amount(rs, code, issued_on)
            awards = []
            for p in items:
                reason = f"Đạt {name} năm {meeting.year}"
                pay = amount
                higher = best_title.get(p.staff_id) if p.staff_id is not None else None
                if code in titles and higher and higher != code:
                    pay = 0
                    reason += f" (tiền thưởng theo mức cao nhất: {rs.award_name(higher)})"
                awards.append(Award(id=None, decision_id=None, award_type=code, staff_id=p.staff_id,
                                    unit_id=p.unit_id, year=meeting.year, amount=pay, reason=reason))
            decision_id = decisions_db.add_decision(db, decision, awards)
            made.append(decision_id)
            award_count += len(awards)
            council_db.mark_decided(db, [p.id for p in items], decision_id)
            number += 1
        council_db.mark_upward(db, meeting_id, [p.id for p in upward],
                               f"{len(made)} quyết định, {award_count} lượt; {len(upward)} đề nghị trình cấp trên")
    upward = [dataclasses.replace(p, status="trinh_cap_tren") for p in upward]
    return {"decisions": made, "awards": award_count, "upward": upward}


def _highest_paid_titles(db: Database, rs: RuleSet, year: int, local: list) -> dict[int, str]:
    """staff id → the title whose money is paid when a person gets several titles for one year.

    NĐ 152/2025 Điều 49 k5: several titles for the same period → only the highest amount is paid.
    Titles already decided for that year count too (their money was paid then).
    """
    titles = {t.code for t in catalog.list_award_types(db, active_only=False, kind="danh_hieu")}
    held: dict[int, set[str]] = {}
    for p in local:
        if p.staff_id is not None and p.award_type in titles:
            held.setdefault(p.staff_id, set()).add(p.award_type)
    if not held:
        return {}
    for staff_id, code in decisions_db.award_codes_of(db, year, list(held)):
        if code in titles:
            held[staff_id].add(code)

    def coefficient(code: str) -> float:
        return float((rs.data["awards"].get(code) or {}).get("money") or 0)

    return {sid: max(codes, key=coefficient) for sid, codes in held.items() if len(codes) > 1}
