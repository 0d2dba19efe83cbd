"""The verdicts of the year under review, kept between page loads and brought up to date piece by piece.

A year is evaluated once, chunk by chunk (the rows a screen shows first, if it says which); after a
write only the people it touched are evaluated again, with the collective titles of their units
(``db.change_log`` tells which). These functions run on a worker thread with its own read-only
connection; a state is never changed once made, so a screen reads one while the next is built.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from sqlite_utils import Database

from tdkt_desktop.db.change_log import Changes
from tdkt_desktop.db.histories import HistoryRows, load_history_rows, load_unit_rows, staff_rows, year_ratings
from tdkt_desktop.rules.engine import Engine
from tdkt_desktop.rules.model import PersonHistory, UnitHistory, Verdict
from tdkt_desktop.rules.ruleset import RuleSet
from tdkt_desktop.services.bulk import paused_gc
from tdkt_desktop.services.eligibility import YearResult, _histories, make_engine, unit_histories
from tdkt_desktop.services.kept_verdicts import Memo, pack

Key = tuple[str, int]  # ("ca_nhan", staff id) or ("tap_the", unit id)
#: Verdict-changing tables: people's records, units, decisions; the rule sets and settings change everything.
PERSON_TABLES = frozenset({"ratings", "initiatives", "awards", "staff", "units", "unit_ratings", "decisions"})
BASIS_TABLES = frozenset({"office_rulesets", "settings"})


class Member(NamedTuple):
    """One person with a record for the year: a staff row (``HistoryRows.staff``) and that year's rating."""

    id: int
    code: str
    name: str
    gender: str
    unit_id: int | None
    unit_name: str
    recruited: str | None
    active: int
    rating: str


@dataclass(frozen=True)
class Roster:
    """Who the year's table lists, in name order, and the office's units with their members."""

    members: tuple[Member, ...]
    units: tuple[UnitHistory, ...]


@dataclass(frozen=True)
class YearState:
    """One year's verdicts as far as evaluated: ``complete`` once every person and unit is judged."""

    year: int
    ruleset: RuleSet
    office_level: str
    roster: Roster
    result: YearResult  # people and their verdicts so far (roster order when complete), unit verdicts when complete
    complete: bool
    position: int  # the change-log position the state reflects
    engine: Engine
    #: what the verdicts kept so far share (see ``judge``); the worker alone uses it, one job at a time
    shared: Memo = field(default_factory=Memo, repr=False, compare=False)

    def verdict(self, *, award: str, staff_id: int | None = None, unit_id: int | None = None) -> Verdict | None:
        """One verdict, or None (not evaluated yet, or not an award of the year's set)."""
        return self.result.verdict(award=award, staff_id=staff_id, unit_id=unit_id)

    @functools.cached_property
    def _members(self) -> dict[int, Member]:
        return {m.id: m for m in self.roster.members}

    def member(self, staff_id: int) -> Member | None:
        """A person of the roster by id."""
        return self._members.get(staff_id)


def _members(db: Database, year: int, staff_ids: Iterable[int] | None = None) -> list[Member]:
    """People (all, or some) with a record for ``year`` (active, or rated that year), in name order."""
    ids = None if staff_ids is None else list(staff_ids)
    rated = year_ratings(db, year, staff_ids=ids)
    return [Member(*row, rated.get(row[0], "")) for row in staff_rows(db, staff_ids=ids) if row[7] or row[0] in rated]


def load_roster(db: Database, year: int) -> Roster:
    """People with a record for ``year`` (active, or rated that year) and the office's units."""
    return _roster(db, year, tuple(_members(db, year)))


def _roster(db: Database, year: int, members: tuple[Member, ...]) -> Roster:
    """The roster of these members, with the office's units (read again: few rows) and who is in each."""
    rows = HistoryRows()
    load_unit_rows(db, year, rows)
    return Roster(members, tuple(unit_histories(rows, members, None)))


def start(db: Database, year: int, position: int) -> YearState:
    """An empty state for ``year``: the engine (rule sets, office level) and the roster, nobody judged yet.

    Raises:
        ValidationError: no rule set covers ``year``.
    """
    engine = make_engine(db)
    rs = engine.ruleset_for(year)
    roster = load_roster(db, year)
    empty = YearResult(year, rs, engine.office_level, {}, list(roster.units), {}, [])
    return YearState(year, rs, engine.office_level, roster, empty, False, position, engine)


def judge(db: Database, engine: Engine, year: int, members: Iterable[Member], *, shared: Memo | None = None
          ) -> tuple[dict, dict]:
    """Load and evaluate some people: (id → their facts of ``year``, id → award → Verdict).

    What is returned is kept for the year (the window keeps every person's until the next whole evaluation),
    so only what is read later is: of a history, that year's facts and awards (what the collective titles
    read, ``PersonHistory.for_year``); of the verdicts, each person's own fields and outcomes shared with
    everyone else's equal ones (``services.kept_verdicts``; ``shared`` is the memo, one per year's state).
    On 20,000 staff, 300,000 findings hold about 7,000 distinct values.
    """
    with paused_gc():
        people, _none = _histories(load_history_rows(db, year, people=[m[:8] for m in members], with_units=False),
                                   year, units_wanted=[])
        memo = Memo() if shared is None else shared
        verdicts = {pid: pack(engine.evaluate_person(p, year), memo) for pid, p in people.items()}
        return {pid: p.for_year(year, memo.histories) for pid, p in people.items()}, verdicts


def evaluate_all(db: Database, state: YearState, next_chunk: Callable[[], list[Member]],
                 on_chunk: Callable[[dict, dict], None], cancelled: Callable[[], bool]) -> YearState | None:
    """Judge everybody, ``next_chunk()`` at a time (it returns [] when none is left), then the units.

    ``on_chunk(people, verdicts)`` is called after each chunk; None is returned when ``cancelled()``.
    """
    people: dict[int, PersonHistory] = {}
    verdicts: dict[int, dict[str, Verdict]] = {}
    while chunk := next_chunk():
        if cancelled():
            return None
        found, judged = judge(db, state.engine, state.year, chunk, shared=state.shared)
        people.update(found)
        verdicts.update(judged)
        on_chunk(found, judged)
    return _finish(state, people, verdicts, {u.id for u in state.roster.units}, state.roster, {})


def _finish(state: YearState, people: dict, verdicts: dict, units_to_judge: set[int], roster: Roster,
            kept_units: dict[int, list[Verdict]]) -> YearState:
    """The complete state: people in roster order, the wanted units judged, the others' verdicts kept."""
    people = {m.id: people[m.id] for m in roster.members if m.id in people}
    verdicts = {pid: verdicts[pid] for pid in people}
    judge_now = [u for u in roster.units if u.id in units_to_judge or u.id not in kept_units]
    with paused_gc():
        fresh = state.engine.evaluate_units(judge_now, people, state.year, verdicts)
    by_unit: dict[int, list[Verdict]] = {}
    for v in fresh:
        by_unit.setdefault(v.subject_id, []).append(v)
    unit_verdicts = [v for u in roster.units for v in by_unit.get(u.id, kept_units.get(u.id, []))]
    result = YearResult(state.year, state.ruleset, state.office_level, people, list(roster.units), verdicts,
                        unit_verdicts)
    return replace(state, roster=roster, result=result, complete=True)


def touched(state: YearState, changes: Changes) -> tuple[frozenset[int], frozenset[int]]:
    """The people and units whose verdicts ``changes`` may alter (their rows are shown as pending meanwhile)."""
    staff = set(changes.staff_ids)
    if changes.units_changed:
        staff |= {m.id for m in state.roster.members if m.unit_id in changes.units_changed}
    units = set(changes.unit_ids) | set(changes.units_changed)
    units |= {m.unit_id for m in map(state.member, staff) if m is not None and m.unit_id is not None}
    return frozenset(staff), frozenset(units)


def update(db: Database, state: YearState, staff: frozenset[int], units: frozenset[int], position: int
           ) -> tuple[YearState, bool]:
    """A complete state with ``staff`` and ``units`` judged again; True when people came or went (rows change).

    Only those people's rows are read again; the whole roster only when one of them came, went or was
    renamed (the rows are in name order). Everybody else keeps their verdicts.
    """
    fresh = {m.id: m for m in _members(db, state.year, staff)}
    if all((i in fresh) == (state.member(i) is not None) and (i not in fresh or fresh[i].name == state.member(i).name)
           for i in staff):
        roster = _roster(db, state.year, tuple(fresh.get(m.id, m) for m in state.roster.members))
    else:
        roster = load_roster(db, state.year)
    current = {m.id: m for m in roster.members}
    again = [current[i] for i in staff if i in current]
    found, judged = judge(db, state.engine, state.year, again, shared=state.shared)
    people = {**state.result.people, **found}
    verdicts = {**state.result.person_verdicts, **judged}
    for gone in staff - set(found):
        people.pop(gone, None)
        verdicts.pop(gone, None)
    units = set(units) | {current[i].unit_id for i in found if current[i].unit_id is not None}
    kept = {}
    for v in state.result.unit_verdicts:
        kept.setdefault(v.subject_id, []).append(v)
    new = _finish(replace(state, position=position), people, verdicts, units, roster, kept)
    return new, [m.id for m in roster.members] != [m.id for m in state.roster.members]
