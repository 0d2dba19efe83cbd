"""Input and output records of the eligibility engine (histories in, verdicts out); pure data."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from tdkt_desktop.vocabulary import DISCIPLINE_ORDER


@functools.lru_cache(maxsize=256)  # a handful of distinct spellings over thousands of rows
def discipline_code(text: str) -> str:
    """Map stored discipline text ('Khiển trách', 'canh_cao', '') to a code; unknown non-empty → khien_trach.

    The ratings table keeps free text, so anything written there is taken as at least khiển trách
    rather than silently ignored.
    """
    from tdkt_desktop.text import fold

    folded = fold(text).replace("_", " ")
    if not folded:
        return ""
    for code in sorted(DISCIPLINE_ORDER, key=DISCIPLINE_ORDER.get, reverse=True):
        if code.replace("_", " ") in folded:
            return code
    return "khien_trach"


@dataclass(frozen=True)
class YearFacts:
    """What one person did in one year: rating, discipline, days away."""

    rating: str | None = None
    discipline: str = ""  # a DISCIPLINE_ORDER code or ''
    absent_days: int = 0
    maternity_days: int = 0


@dataclass(frozen=True)
class InitiativeFact:
    """A recognised initiative (sáng kiến) or accepted research task (đề tài)."""

    year: int
    scope: str = "co_so"
    kind: str = "sang_kien"
    title: str = ""


@dataclass(frozen=True)
class PersonHistory:
    """One person's record as the engine sees it."""

    id: int
    code: str
    name: str
    gender: str = ""
    unit_id: int | None = None
    unit_name: str = ""
    recruited_on: dt.date | None = None
    years: dict[int, YearFacts] = field(default_factory=dict)
    awards: dict[int, frozenset[str]] = field(default_factory=dict)
    initiatives: tuple[InitiativeFact, ...] = ()

    def has_award(self, code: str, year: int) -> bool:
        """Whether a decision gave ``code`` for ``year``."""
        return code in self.awards.get(year, ())

    def any_award(self, codes) -> list[int]:
        """Years (ascending) in which any of ``codes`` was awarded."""
        wanted = set(codes)
        return sorted(y for y, got in self.awards.items() if wanted & got)


@dataclass(frozen=True)
class UnitHistory:
    """One collective (phòng, trung tâm) and its members, as the engine sees it."""

    id: int
    name: str
    ratings: dict[int, str] = field(default_factory=dict)
    leads_bloc: dict[int, bool] = field(default_factory=dict)
    awards: dict[int, frozenset[str]] = field(default_factory=dict)
    member_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """The engine's answer for one subject, one award, one year."""

    subject: str  # 'ca_nhan' | 'tap_the'
    subject_id: int
    code: str  # staff code, or unit name for collectives
    name: str
    award: str
    award_name: str
    eligible: bool
    needs_council: bool
    reasons: tuple[str, ...]
    year: int
    ruleset: str
    unit_name: str = ""

    def as_json(self) -> dict:
        """The CLI's JSON object (keys fixed by the issue)."""
        key = "staff_code" if self.subject == "ca_nhan" else "unit"
        return {
            key: self.code,
            "name": self.name,
            "award": self.award,
            "eligible": self.eligible,
            "needs_council": self.needs_council,
            "reasons": list(self.reasons),
        }
