"""Input and output records of the eligibility engine (histories in, verdicts out); pure data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from tdkt_desktop.vocabulary import DISCIPLINE_ORDER

#: Verdict statuses (labels in ``vocabulary.VERDICT_STATUSES``).
ELIGIBLE, NEEDS_COUNCIL, NOT_YET, EXCLUDED, DECIDED = "du", "can_hoi_dong", "chua_du", "loai_tru", "da_quyet_dinh"


def discipline_code(text: str) -> str:
    """A stored discipline value as a code: codes pass through, '' stays ''.

    Ratings hold codes since migration 0008; anything else (a file written by hand) counts as at
    least khiển trách rather than being silently ignored.
    """
    if not text or text in DISCIPLINE_ORDER:
        return text or ""
    return "khien_trach"


def _quick_init(cls):
    """Give a frozen dataclass an ``__init__`` that writes the instance dict directly (same signature).

    Why: a large office's evaluation builds 40,000 histories and 24,000 initiatives, and the generated
    frozen ``__init__`` calls ``object.__setattr__`` once per field (3× slower). Equality, hashing,
    ``repr`` and ``dataclasses.replace`` are unchanged. Only for classes without ``__post_init__``.
    """
    fields = dataclasses.fields(cls)
    if hasattr(cls, "__post_init__"):  # the written __init__ would skip it
        raise TypeError(f"_quick_init: {cls.__name__} has __post_init__")
    scope = {}
    params, lines = [], []
    for f in fields:
        if f.default_factory is not dataclasses.MISSING:  # a fresh value per instance, as the dataclass makes
            scope[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            lines.append(f"    values[{f.name!r}] = _factory_{f.name}() if {f.name} is _MISSING else {f.name}\n")
        else:
            if f.default is not dataclasses.MISSING:
                scope[f"_default_{f.name}"] = f.default
                params.append(f"{f.name}=_default_{f.name}")
            else:
                params.append(f.name)
            lines.append(f"    values[{f.name!r}] = {f.name}\n")
    scope["_MISSING"] = dataclasses.MISSING
    source = f"def __init__(self, {', '.join(params)}):\n    values = self.__dict__\n" + "".join(lines)
    exec(source, scope)  # the source is built above from the class's own field names
    scope["__init__"].__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = scope["__init__"]
    return cls


@dataclass(frozen=True)
class YearFacts:
    """What one person did in one year: rating, discipline, days away."""

    rating: str | None = None
    discipline: str = ""  # a DISCIPLINE_ORDER code or ''
    absent_days: int = 0
    maternity_days: int = 0


@_quick_init
@dataclass(frozen=True)
class InitiativeFact:
    """A recognised initiative (sáng kiến) or accepted research task (đề tài)."""

    year: int
    scope: str = "co_so"
    kind: str = "sang_kien"
    title: str = ""


@dataclass(frozen=True)
class DecisionRef:
    """The decision that gave an award: what, for which year, its number and date (blank when unknown)."""

    award: str
    year: int
    number: str = ""
    issued_on: dt.date | None = None
    award_name: str = ""


def _ref(decisions: dict, code: str, year: int) -> DecisionRef:
    number, issued = decisions.get((year, code), ("", ""))
    return DecisionRef(code, year, number, dt.date.fromisoformat(issued) if issued else None)


@_quick_init
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
    #: (year, award code) → (decision number, ISO date of issue), when the register has it
    decisions: dict[tuple[int, str], tuple[str, str]] = field(default_factory=dict)

    def has_award(self, code: str, year: int) -> bool:
        """Whether a decision gave ``code`` for ``year``."""
        return code in self.awards.get(year, ())

    @functools.cached_property
    def _years_by_code(self) -> dict[str, tuple[int, ...]]:
        """award code → years held, ascending (built once: the engine asks many times per person)."""
        out: dict[str, list[int]] = {}
        for year in sorted(self.awards):
            for code in self.awards[year]:
                years = out.get(code)
                if years is None:
                    out[code] = [year]
                else:
                    years.append(year)
        return {code: tuple(years) for code, years in out.items()}

    def last_award(self, codes: tuple[str, ...], before: int) -> int | None:
        """The latest year before ``before`` in which one of ``codes`` was awarded (None: never)."""
        by_code = self._years_by_code
        last = None
        for code in codes:
            years = by_code.get(code)
            if years:  # most people hold few of the codes asked about
                for year in reversed(years):
                    if year < before:
                        if last is None or year > last:
                            last = year
                        break
        return last

    def any_award(self, codes) -> list[int]:
        """Years (ascending) in which any of ``codes`` was awarded."""
        return list(self.award_years(tuple(codes)))

    def award_years(self, codes: tuple[str, ...]) -> tuple[int, ...]:
        """``any_award`` for a tuple of codes (the rules ask it many times per person: no list is built)."""
        by_code = self._years_by_code
        if len(codes) == 1:
            return by_code.get(codes[0], ())
        found = [by_code[c] for c in codes if c in by_code]
        if len(found) <= 1:
            return found[0] if found else ()
        return tuple(sorted({y for years in found for y in years}))

    def decision(self, code: str, year: int) -> DecisionRef:
        """The decision behind an award held (number blank when the register does not say)."""
        return _ref(self.decisions, code, year)

    def for_year(self, year: int, shared: dict | None = None) -> PersonHistory:
        """Only ``year``'s facts and awards: what a collective title reads of a member (less to keep).

        ``shared``: where many people's are kept, their equal one-year dicts are one object (never changed).
        """
        facts = self.years.get(year)
        held = self.awards.get(year)
        years = {year: facts} if facts is not None else {}
        awards = {year: held} if held is not None else {}
        if shared is not None:
            years = shared.setdefault(("years", year, facts), years)
            awards = shared.setdefault(("awards", year, held), awards)
        return PersonHistory(id=self.id, code=self.code, name=self.name, gender=self.gender, unit_id=self.unit_id,
                             unit_name=self.unit_name, recruited_on=self.recruited_on, years=years, awards=awards)


@dataclass(frozen=True)
class UnitHistory:
    """One collective (phòng, trung tâm) and its members, as the engine sees it."""

    id: int
    name: str
    ratings: dict[int, str] = field(default_factory=dict)
    leads_bloc: dict[int, bool] = field(default_factory=dict)
    awards: dict[int, frozenset[str]] = field(default_factory=dict)
    member_ids: tuple[int, ...] = ()
    decisions: dict[tuple[int, str], tuple[str, str]] = field(default_factory=dict)

    def has_award(self, code: str, year: int) -> bool:
        """Whether a decision gave ``code`` to the unit for ``year``."""
        return code in self.awards.get(year, ())

    def decision(self, code: str, year: int) -> DecisionRef:
        """The decision behind an award held."""
        return _ref(self.decisions, code, year)


class Finding(NamedTuple):
    """One thing the engine checked, with the facts it used; ``rules.reasons`` writes it in Vietnamese.

    ``kind`` names the check (see ``rules.reasons``); ``met`` is True when the criterion holds,
    False when it does not, None for information. The other fields are the facts, each used by
    the kinds that need it.

    A named tuple, not a dataclass: a large office's evaluation makes 350,000 of them, and a tuple
    is built, hashed (the rendered sentence is remembered by the finding itself) and freed in C.
    """

    kind: str
    met: bool | None = None
    year: int = 0
    years: tuple[int, ...] = ()
    need: int = 0
    count: int = 0
    award: str = ""
    award_name: str = ""
    rating: str = ""
    min_rating: str = ""
    scope: str = ""
    level: str = ""
    share: str = ""
    strict: bool = False
    date: dt.date | None = None
    initiatives: tuple[InitiativeFact, ...] = ()
    names: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    text: str = ""
    decision: DecisionRef | None = None
    #: information attached to a chain: its latest run, years used by an earlier award, a break
    earlier: tuple[int, ...] = ()
    used: tuple[tuple[int, str], ...] = ()  # (year, name of the award that used it)
    gap: tuple[int, ...] = ()
    after: int = 0  # a run counted only after this year (the prior award's year)
    path: str = ""  # "alt" for the second way of meeting an award (Bằng khen: HTXS + sáng kiến)


def finding_maker(kind: str, *facts: str) -> Callable[..., Finding]:
    """A constructor of ``kind`` findings taking only ``facts`` (by position or keyword, each defaulting as in
    :class:`Finding`); every other field keeps its default.

    Why: a large office's evaluation makes 350,000 findings, and the named tuple's own constructor binds
    all 25 fields on every call (0.8 µs); this one binds the few its kind uses (0.3 µs). Same tuples.
    """
    fields = Finding._fields
    defaults = Finding._field_defaults
    if set(facts) - set(fields[1:]):
        raise TypeError(f"Finding has no field {sorted(set(facts) - set(fields[1:]))}")
    for name in fields[1:]:  # the fields left out are written as literals below
        if name not in facts and not (defaults[name] is None or type(defaults[name]) in (str, int, bool)
                                      or defaults[name] == ()):
            raise TypeError(f"default of {name} is not a literal")
    values = ", ".join(repr(kind) if name == "kind" else name if name in facts else repr(defaults[name])
                       for name in fields)
    scope = {"_new": tuple.__new__, "_Finding": Finding}
    exec(f"def make({', '.join(facts)}):\n    return _new(_Finding, ({values}))", scope)  # source built just above
    make = scope["make"]
    make.__defaults__ = tuple(defaults[name] for name in facts)
    make.__qualname__ = make.__name__ = f"finding_{kind}"
    return make


class Verdict(NamedTuple):
    """The engine's answer for one subject, one award, one year: status, facts, and who decides.

    ``eligible`` says whether the data meets the criteria (a decided award usually does);
    ``status`` is what a screen shows: đủ / cần Hội đồng / chưa đủ / loại trừ / đã có quyết định.
    A named tuple like :class:`Finding` (180,000 of them on a large office).
    """

    subject: str  # 'ca_nhan' | 'tap_the'
    subject_id: int
    code: str  # staff code, or unit name for collectives
    name: str
    award: str
    award_name: str
    eligible: bool
    status: str
    findings: tuple[Finding, ...]
    year: int
    ruleset: str
    unit_name: str = ""
    council: tuple[str, ...] = ()  # criteria only the council can confirm (own and inherited)
    decision: DecisionRef | None = None  # the decision that already grants it (or a higher title)
    authority: str = ""  # who decides ("Giám đốc Sở", "Chủ tịch UBND tỉnh", "Bộ trưởng" …)

    @property
    def needs_council(self) -> bool:
        """Eligible on the data, but the council must still confirm some criteria."""
        return self.eligible and bool(self.council) and self.status != EXCLUDED

    @property
    def decided(self) -> bool:
        """A decision already grants this award (or a higher one) for the year."""
        return self.status == DECIDED

    @property
    def reasons(self) -> tuple[str, ...]:
        """The Vietnamese sentences, rendered from the findings."""
        from tdkt_desktop.rules.reasons import render_verdict

        return render_verdict(self)

    def finding(self, kind: str) -> Finding | None:
        """The first finding of a kind (facts for screens and tests)."""
        return next((f for f in self.findings if f.kind == kind), None)

    def as_json(self) -> dict:
        """The CLI's JSON object (the first keys are fixed by the issue)."""
        key = "staff_code" if self.subject == "ca_nhan" else "unit"
        out = {
            key: self.code,
            "name": self.name,
            "award": self.award,
            "eligible": self.eligible,
            "needs_council": self.needs_council,
            "reasons": list(self.reasons),
            "status": self.status,
            "authority": self.authority,
        }
        if self.decision:
            out["decision"] = {"award": self.decision.award, "year": self.decision.year,
                               "number": self.decision.number,
                               "issued_on": self.decision.issued_on.isoformat() if self.decision.issued_on else None}
        return out
