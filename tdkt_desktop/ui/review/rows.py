"""Rows of the Bình xét table built from a year's verdicts and proposals (pure Python, no Qt).

A row is keyed by (subject, id), so a page may rebuild and replace one row (a proposal toggled, a
person re-evaluated) without touching the others; every field a screen shows comes from structured
data (verdict status, decision, proposal status), never from reason text.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlite_utils import Database

from tdkt_desktop.db.review import STATUS_NAMES
from tdkt_desktop.db.review_records import Proposal
from tdkt_desktop.rules.model import DECIDED, ELIGIBLE, EXCLUDED, NEEDS_COUNCIL, UnitHistory, Verdict
from tdkt_desktop.services.kept_verdicts import eligible_elsewhere
from tdkt_desktop.services.review_state import Member, YearState
from tdkt_desktop.text import format_date

#: Short status words for a table cell (the full ones are in vocabulary.VERDICT_STATUSES).
SHORT_STATUS = {
    ELIGIBLE: "Đủ điều kiện",
    NEEDS_COUNCIL: "Đủ, cần HĐ xác nhận",
    "chua_du": "Chưa đủ",
    EXCLUDED: "Không xét",
    DECIDED: "Đã có QĐ",
}


class ReviewRow(NamedTuple):
    """One person or unit in the review table for the chosen award.

    ``pending``: the verdicts are being (re-)evaluated; the row shows no verdict meanwhile, never an old one.
    A named tuple like :class:`Verdict`: a table holds one per person (100,000 on a large office), and one is
    made in a third of a frozen dataclass's time (0.5 µs, not 1.5) and kept in 136 bytes instead of 224.
    """

    subject: str  # ca_nhan | tap_the
    id: int
    code: str
    name: str
    unit_name: str
    rating: str
    verdict: Verdict | None
    proposal: Proposal | None
    eligible_awards: tuple[str, ...] = ()  # short names of the other awards the subject is eligible for
    pending: bool = False
    unit_id: int | None = None  # a person's unit (the unit filter)
    #: What the person or unit registered for that year (đăng ký thi đua), as shown; information only.
    registered: str = ""

    @property
    def key(self) -> tuple[str, int]:
        """Identity of the row across reloads."""
        return (self.subject, self.id)

    @property
    def decided(self) -> bool:
        """A decision already grants the award (or a higher or same-rank one) for the year."""
        return self.verdict is not None and self.verdict.decided

    @property
    def proposable(self) -> bool:
        """Eligible on the data and not yet given: what "Đề nghị tất cả" proposes."""
        return self.verdict is not None and self.verdict.eligible and not self.decided

    def verdict_text(self) -> str:
        """The "Kết quả xét" cell."""
        if self.pending:
            return PENDING
        return SHORT_STATUS[self.verdict.status] if self.verdict else "—"

    def status_text(self) -> str:
        """The "Trạng thái" cell: the decision that already grants it, else the proposal's status."""
        if self.decided:
            number = self.verdict.decision.number
            return f"Đã có QĐ số {number}" if number else "Đã có quyết định"
        return STATUS_NAMES.get(self.proposal.status, "") if self.proposal else ""

    def decision_text(self) -> str:
        """The decision in full, for a tooltip and the status bar."""
        if not self.decided:
            return ""
        ref = self.verdict.decision
        day = f" ngày {format_date(ref.issued_on)}" if ref.issued_on else ""
        number = f" số {ref.number}{day}" if ref.number else ""
        return f"{self.name} đã có quyết định{number} tặng {ref.award_name} năm {ref.year}"


PENDING = "Đang xét…"


def person_row(state: YearState, member: Member, award: str, proposal: Proposal | None,
               short_names: dict[str, str], pending: bool = False, registered: str = "") -> ReviewRow:
    """The row of one person for ``award``; without a verdict while it is being evaluated."""
    verdicts = None if pending else state.result.person_verdicts.get(member.id)
    others = () if verdicts is None else tuple(
        short_names.get(code, name) for code, name in eligible_elsewhere(verdicts, award))
    return ReviewRow("ca_nhan", member.id, member.code, member.name, member.unit_name, member.rating,
                     verdicts.get(award) if verdicts else None, proposal, others, pending=verdicts is None,
                     unit_id=member.unit_id, registered=registered)


def unit_row(state: YearState, unit: UnitHistory, award: str, proposal: Proposal | None,
             short_names: dict[str, str], pending: bool = False, registered: str = "") -> ReviewRow:
    """The row of one collective for ``award`` (its verdicts come once every member is judged)."""
    judged = state.complete and not pending
    mine = [v for v in state.result.unit_verdicts if v.subject_id == unit.id] if judged else []
    others = tuple(short_names.get(v.award, v.award_name) for v in mine
                   if v.award != award and v.eligible and not v.decided)
    verdict = next((v for v in mine if v.award == award), None)
    return ReviewRow("tap_the", unit.id, "", unit.name, unit.name, unit.ratings.get(state.year, ""), verdict,
                     proposal, others, pending=not judged, registered=registered)


def is_collective(state: YearState, award: str) -> bool:
    return award in state.ruleset.awards(collective=True)


def build_rows(state: YearState, award: str, proposals: list[Proposal], short_names: dict[str, str],
               pending: frozenset = frozenset(), registered: dict[tuple[str, int], str] | None = None,
               ) -> list[ReviewRow]:
    """Every person (or, for a collective award, every unit) with its verdict, proposal and registration."""
    by_subject = {(p.staff_id, p.unit_id): p for p in proposals}
    registered = registered or {}
    if is_collective(state, award):
        return [unit_row(state, u, award, by_subject.get((None, u.id)), short_names, ("tap_the", u.id) in pending,
                         registered.get(("tap_the", u.id), "")) for u in state.roster.units]
    return [person_row(state, m, award, by_subject.get((m.id, None)), short_names, ("ca_nhan", m.id) in pending,
                       registered.get(("ca_nhan", m.id), "")) for m in state.roster.members]


def row_for(state: YearState, key: tuple[str, int], award: str, proposal: Proposal | None,
            short_names: dict[str, str], pending: bool, registered: str = "") -> ReviewRow | None:
    """One subject's row again (a verdict or proposal changed), or None when it is no longer listed."""
    subject, ident = key
    if subject == "ca_nhan":
        member = state.member(ident)
        return person_row(state, member, award, proposal, short_names, pending, registered) if member else None
    unit = next((u for u in state.roster.units if u.id == ident), None)
    return unit_row(state, unit, award, proposal, short_names, pending, registered) if unit else None


def registered_texts(db: Database, year: int, award: str) -> dict[tuple[str, int], str]:
    """(subject, id) → "Đã đăng ký" when the chosen award was registered, else the awards that were."""
    from tdkt_desktop.db import catalog
    from tdkt_desktop.db.registrations import registered_awards

    names = {t.code: t.short_name or t.name for t in catalog.list_award_types(db, active_only=False)}
    return {
        key: "Đã đăng ký" if award in codes else "Đăng ký " + ", ".join(names.get(c, c) for c in codes)
        for key, codes in registered_awards(db, year).items()
    }
