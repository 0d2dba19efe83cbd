"""Evaluate a year: load histories through db/, judge them with the rules/ engine, keep the verdicts."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections import defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass

from sqlite_utils import Database

from tdkt_desktop.db.histories import HistoryRows, load_history_rows, load_unit_rows, parse_decisions, staff_rows
from tdkt_desktop.db.settings import get_settings
from tdkt_desktop.rules.engine import Engine
from tdkt_desktop.rules.model import (
    InitiativeFact,
    PersonHistory,
    UnitHistory,
    Verdict,
    YearFacts,
    discipline_code,
)
from tdkt_desktop.rules.ruleset import RuleSet
from tdkt_desktop.services.bulk import paused_gc


@dataclass(frozen=True)
class YearResult:
    """All verdicts of one year: per person (award → verdict), per unit, and the set used."""

    year: int
    ruleset: RuleSet
    office_level: str
    people: dict[int, PersonHistory]
    units: list[UnitHistory]
    person_verdicts: dict[int, dict[str, Verdict]]
    unit_verdicts: list[Verdict]

    def all_verdicts(self) -> list[Verdict]:
        """Individuals first (in staff order), then collectives."""
        out = [v for pid in self.people for v in self.person_verdicts[pid].values()]
        return out + list(self.unit_verdicts)

    def verdict(self, *, award: str, staff_id: int | None = None, unit_id: int | None = None) -> Verdict | None:
        """One verdict, or None when the year's set does not evaluate that award for that subject."""
        if staff_id is not None:
            return self.person_verdicts.get(staff_id, {}).get(award)
        return next((v for v in self.unit_verdicts if v.subject_id == unit_id and v.award == award), None)


class _Decisions(Mapping):
    """A person's (year, award) → (decision number, ISO date), parsed from the loaded rows on first use.

    Only verdicts that name a decision read it (an award already decided, a prior award), so most
    people's are never parsed: 200,000 award lines on a large office cost nothing until needed.
    """

    __slots__ = ("_source", "_map")

    def __init__(self, awards: tuple, refs: dict[int, tuple[str, str]]):
        self._source: tuple[tuple, dict] | None = (awards, refs)
        self._map: dict | None = None

    def _data(self) -> dict:
        if self._map is None:
            self._map = parse_decisions(*self._source)
            self._source = None
        return self._map

    def __getitem__(self, key):
        return self._data()[key]

    def get(self, key, default=None):
        return self._data().get(key, default)

    def __iter__(self):
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())

    def __repr__(self) -> str:
        return repr(self._data())


class _Interned(dict):
    """Equal immutable values built once and shared (a year's facts, a set of award codes)."""

    def __init__(self, make):
        super().__init__()
        self._make = make

    def __missing__(self, key):
        value = self[key] = self._make(key)
        return value


def _year_facts(key: str) -> YearFacts:
    """A year's facts from the loader's "rating\x1fdiscipline" (a rating code never holds the separator)."""
    rating, discipline = key.split("\x1f", 1)
    return YearFacts(rating=rating, discipline=discipline_code(discipline))


def _histories(rows: HistoryRows, year: int, *, units_wanted: list[int] | None) -> tuple[dict, list]:
    """PersonHistory and UnitHistory records from the loaded rows (people with a record for ``year``)."""
    facts = _Interned(_year_facts)
    codes = _Interned(frozenset)
    no_decisions: dict = {}
    no_years: tuple = ((), ())
    refs = rows.decision_refs
    people: dict[int, PersonHistory] = {}
    for sid, code, name, gender, unit_id, unit_name, recruited, active in rows.staff:
        rated, year_facts = rows.ratings.get(sid, no_years)
        if not active and year not in rated:
            continue
        awards = rows.awards.get(sid)
        initiatives = rows.initiatives.get(sid)  # most people have none
        people[sid] = PersonHistory(
            id=sid, code=code, name=name, gender=gender, unit_id=unit_id, unit_name=unit_name,
            recruited_on=dt.date.fromisoformat(recruited) if recruited else None,
            years=dict(zip(rated, map(facts.__getitem__, year_facts), strict=True)),
            awards=dict(zip(awards[0], map(codes.__getitem__, map(tuple, awards[1])), strict=True)) if awards else {},
            initiatives=tuple([InitiativeFact(*row) for row in initiatives]) if initiatives else (),
            decisions=_Decisions(awards, refs) if awards else no_decisions,
        )
    return people, unit_histories(rows, people.values(), units_wanted)


def unit_histories(rows: HistoryRows, people: Iterable, wanted: list[int] | None) -> list[UnitHistory]:
    """The office's units that have members among ``people`` (anything with ``id`` and ``unit_id``, member ids
    in their order) or a rating; only ``wanted`` ones if given."""
    members: dict[int, list[int]] = defaultdict(list)
    for p in people:
        if p.unit_id is not None:
            members[p.unit_id].append(p.id)
    return [
        UnitHistory(
            id=uid, name=name, ratings=rows.unit_ratings.get(uid, {}), leads_bloc=rows.unit_leads.get(uid, {}),
            awards={y: frozenset(c) for y, c in rows.unit_awards.get(uid, {}).items()},
            member_ids=tuple(members.get(uid, ())), decisions=rows.unit_decisions.get(uid, {}),
        )
        for uid, name in rows.units
        if (members.get(uid) or uid in rows.unit_ratings) and (wanted is None or uid in wanted)
    ]


def load_histories(
    db: Database, year: int, *, staff_ids: list[int] | None = None, unit_ids: list[int] | None = None
) -> tuple[dict[int, PersonHistory], list[UnitHistory]]:
    """People with a record for ``year`` (active, or rated that year) and the office's own units.

    ``staff_ids``/``unit_ids`` restrict the load to some people and units (with their members),
    e.g. a meeting's candidates.
    """
    restricted = staff_ids is not None or unit_ids is not None
    with paused_gc():
        rows = load_history_rows(db, year, staff_ids=staff_ids, unit_ids=unit_ids)
        return _histories(rows, year, units_wanted=list(unit_ids or []) if restricted else None)


def make_engine(db: Database, rulesets: list[RuleSet] | None = None) -> Engine:
    """An engine over the bundled sets plus the office's own copies, for the office level in the settings."""
    if rulesets is None:
        from tdkt_desktop.services.rulesets import all_rulesets

        rulesets = all_rulesets(db)
    return Engine(rulesets, office_level=get_settings(db).office_level)


def evaluate_year(
    db: Database,
    year: int,
    rulesets: list[RuleSet] | None = None,
    *,
    staff_ids: list[int] | None = None,
    unit_ids: list[int] | None = None,
) -> YearResult:
    """Load the office (or only some people and units) and evaluate every person and unit for ``year``.

    ``rulesets`` defaults to the bundled sets plus the office's own copies; the office level
    (Sở or Văn phòng/Viện under a Bộ) comes from the settings.

    Raises:
        ValidationError: no rule set covers ``year``.
    """
    engine = make_engine(db, rulesets)
    rs = engine.ruleset_for(year)
    people, units = load_histories(db, year, staff_ids=staff_ids, unit_ids=unit_ids)
    with paused_gc():
        person_verdicts = {pid: engine.evaluate_person(p, year) for pid, p in people.items()}
        unit_verdicts = engine.evaluate_units(units, people, year, person_verdicts)
    return YearResult(year, rs, engine.office_level, people, units, person_verdicts, unit_verdicts)


@dataclass(frozen=True)
class YearStream:
    """A year's verdicts chunk by chunk (the command line's JSON): bounded memory on any office size."""

    year: int
    ruleset: RuleSet
    office_level: str
    batches: Iterator[list[Verdict]]  # each chunk's people's verdicts, then the collectives'

    @property
    def verdicts(self) -> Iterator[Verdict]:
        """One verdict after another, in ``evaluate_year``'s order."""
        return itertools.chain.from_iterable(self.batches)

    def close(self) -> None:
        """Stop early (or after the end): a chunk still loading on the worker thread is waited for first,
        so the connection is the caller's again."""
        close = getattr(self.batches, "close", None)
        if close is not None:
            close()


def stream_year(db: Database, year: int, *, chunk: int = 2000, prefetch: bool = False) -> YearStream:
    """Every verdict of ``year`` in ``evaluate_year``'s order, loading and judging ``chunk`` people at a time.

    Only what the collective titles need of each person (that year's facts and the verdicts of the
    member titles) is kept until the units are judged at the end.

    ``prefetch``: load the next chunk on a worker thread while this one is judged (SQLite runs the
    query without the GIL, so on a second core loading takes no time of its own). Only for a
    connection made to be used from another thread (``open_readonly``'s), which nothing else uses
    until the stream ends or is closed (:meth:`YearStream.close`).

    Raises:
        ValidationError: no rule set covers ``year`` (before anything is loaded).
    """
    engine = make_engine(db)
    rs = engine.ruleset_for(year)
    return YearStream(year, rs, engine.office_level, _stream(db, engine, year, chunk, prefetch))


def _stream(db: Database, engine: Engine, year: int, chunk: int, prefetch: bool) -> Iterator[list[Verdict]]:
    from tdkt_desktop.rules.collectives import MEMBER_TITLES

    roster = staff_rows(db)
    kept: dict[int, PersonHistory] = {}
    kept_verdicts: dict[int, dict[str, Verdict]] = {}

    def load(start: int) -> HistoryRows:
        return load_history_rows(db, year, people=roster[start:start + chunk], with_units=False)

    starts = range(0, len(roster), chunk)
    loaded = _prefetched(load, starts) if prefetch else map(load, starts)
    try:
        for rows in loaded:
            batch: list[Verdict] = []
            with paused_gc():
                people, _none = _histories(rows, year, units_wanted=[])
                del rows
                for p in people.values():
                    verdicts = engine.evaluate_person(p, year)
                    batch.extend(verdicts.values())
                    kept[p.id] = p.for_year(year)
                    kept_verdicts[p.id] = {c: _without_findings(verdicts[c]) for c in MEMBER_TITLES if c in verdicts}
            yield batch
    finally:
        if prefetch:
            loaded.close()
    rows = HistoryRows()
    load_unit_rows(db, year, rows)
    yield engine.evaluate_units(unit_histories(rows, kept.values(), None), kept, year, kept_verdicts)


def _without_findings(v: Verdict) -> Verdict:
    """``v`` without its findings: the collective titles read only whether a member's title is met, and
    the findings of every member kept until the units are judged weigh 100 MB on a 100,000-staff office."""
    return tuple.__new__(Verdict, (*v[:_FINDINGS], (), *v[_FINDINGS + 1:]))


_FINDINGS = Verdict._fields.index("findings")


def _prefetched(load: Callable[[int], HistoryRows], starts: range) -> Generator[HistoryRows, None, None]:
    """``map(load, starts)``, each next load running on a worker thread while the caller works on this one."""
    results: dict[int, tuple] = {}

    def run(start: int) -> None:
        try:
            results[start] = (load(start), None)
        except BaseException as exc:  # raised again on the caller's thread
            results[start] = (None, exc)

    def begin(start: int) -> threading.Thread:
        thread = threading.Thread(target=run, args=(start,), name="tdkt-load", daemon=True)
        thread.start()
        return thread

    worker = begin(starts[0]) if starts else None
    try:
        for i, start in enumerate(starts):
            worker.join()
            rows, error = results.pop(start)
            if error is not None:
                raise error
            worker = begin(starts[i + 1]) if i + 1 < len(starts) else None
            yield rows
    finally:
        if worker is not None:
            worker.join()
