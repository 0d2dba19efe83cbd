"""Rows of the Bình xét table built from a year's verdicts and proposals (pure Python, no Qt).

A row is keyed by (subject, id), so a page may rebuild and replace one row (a proposal toggled, a
person re-evaluated) without touching the others; every field a screen shows comes from structured
data (verdict status, decision, proposal status), never from reason text.
"""

from __future__ import annotations

from dataclasses import dataclass

from tdkt_desktop.db.records import Proposal
from tdkt_desktop.db.review import STATUS_NAMES
from tdkt_desktop.rules.model import DECIDED, ELIGIBLE, EXCLUDED, NEEDS_COUNCIL, Verdict
from tdkt_desktop.services.eligibility import YearResult
from tdkt_desktop.text import format_date

#: Short status words for a table cell (the full ones are in vocabulary.VERDICT_STATUSES).
SHORT_STATUS = {
    ELIGIBLE: "Đủ điều kiện",
    NEEDS_COUNCIL: "Đủ, cần HĐ xác nhận",
    "chua_du": "Chưa đủ",
    EXCLUDED: "Không xét",
    DECIDED: "Đã có QĐ",
}


@dataclass(frozen=True)
class ReviewRow:
    """One person or unit in the review table for the chosen award."""

    subject: str  # ca_nhan | tap_the
    id: int
    code: str
    name: str
    unit_name: str
    rating: str
    verdict: Verdict | None
    proposal: Proposal | None
    eligible_awards: tuple[str, ...] = ()  # short names of the other awards the subject is eligible for
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


def person_row(result: YearResult, pid: int, award: str, proposal: Proposal | None,
               short_names: dict[str, str], registered: str = "") -> ReviewRow:
    """The row of one person for ``award``."""
    person = result.people[pid]
    verdicts = result.person_verdicts[pid]
    facts = person.years.get(result.year)
    others = tuple(short_names.get(c, v.award_name) for c, v in verdicts.items()
                   if c != award and v.eligible and not v.decided)
    return ReviewRow("ca_nhan", pid, person.code, person.name, person.unit_name,
                     facts.rating if facts and facts.rating else "", verdicts.get(award), proposal, others,
                     registered)


def unit_row(result: YearResult, unit_id: int, award: str, proposal: Proposal | None,
             short_names: dict[str, str], registered: str = "") -> ReviewRow:
    """The row of one collective for ``award``."""
    unit = next(u for u in result.units if u.id == unit_id)
    mine = [v for v in result.unit_verdicts if v.subject_id == unit_id]
    others = tuple(short_names.get(v.award, v.award_name) for v in mine
                   if v.award != award and v.eligible and not v.decided)
    verdict = next((v for v in mine if v.award == award), None)
    return ReviewRow("tap_the", unit_id, "", unit.name, unit.name, unit.ratings.get(result.year, ""), verdict,
                     proposal, others, registered)


def build_rows(result: YearResult, award: str, proposals: list[Proposal], short_names: dict[str, str],
               registered: dict[tuple[str, int], str] | None = None) -> list[ReviewRow]:
    """Every person (or, for a collective award, every unit) with its verdict, proposal and registration."""
    by_subject = {(p.staff_id, p.unit_id): p for p in proposals}
    registered = registered or {}
    if award in result.ruleset.awards(collective=True):
        return [unit_row(result, u.id, award, by_subject.get((None, u.id)), short_names,
                         registered.get(("tap_the", u.id), "")) for u in result.units]
    return [person_row(result, pid, award, by_subject.get((pid, None)), short_names,
                       registered.get(("ca_nhan", pid), "")) for pid in result.people]
