"""Evaluate a year: load histories through db/, judge them with the rules/ engine, keep the verdicts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlite_utils import Database

from tdkt_desktop.db.histories import load_history_rows
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


def load_histories(
    db: Database, year: int, *, staff_ids: list[int] | None = None, unit_ids: list[int] | None = None
) -> tuple[dict[int, PersonHistory], list[UnitHistory]]:
    """People with a record for ``year`` (active, or rated that year) and the office's own units.

    ``staff_ids``/``unit_ids`` restrict the load to some people and units (with their members),
    e.g. a meeting's candidates.
    """
    rows = load_history_rows(db, year, staff_ids=staff_ids, unit_ids=unit_ids)
    restricted = staff_ids is not None or unit_ids is not None
    years = {
        sid: {y: YearFacts(rating=r, discipline=discipline_code(d)) for y, (r, d) in by_year.items()}
        for sid, by_year in rows.ratings.items()
    }
    no_decisions: dict = {}
    people: dict[int, PersonHistory] = {}
    members: dict[int, list[int]] = defaultdict(list)
    for sid, code, name, gender, unit_id, unit_name, recruited, active in rows.staff:
        if not active and year not in years.get(sid, {}):
            continue
        people[sid] = PersonHistory(
            id=sid, code=code, name=name, gender=gender, unit_id=unit_id, unit_name=unit_name,
            recruited_on=dt.date.fromisoformat(recruited) if recruited else None,
            years=years.get(sid, {}),
            awards={y: frozenset(c) for y, c in rows.awards.get(sid, {}).items()},
            initiatives=tuple(
                InitiativeFact(year=y, scope=scope, kind=kind, title=title)
                for y, scope, kind, title in rows.initiatives.get(sid, ())
            ),
            decisions=rows.decisions.get(("staff", sid), no_decisions),
        )
        if unit_id is not None:
            members[unit_id].append(sid)
    units = [
        UnitHistory(
            id=uid, name=name, ratings=rows.unit_ratings.get(uid, {}), leads_bloc=rows.unit_leads.get(uid, {}),
            awards={y: frozenset(c) for y, c in rows.unit_awards.get(uid, {}).items()},
            member_ids=tuple(members.get(uid, ())), decisions=rows.decisions.get(("unit", uid), no_decisions),
        )
        for uid, name in rows.units
        if (members.get(uid) or uid in rows.unit_ratings) and (not restricted or uid in (unit_ids or []))
    ]
    return people, units


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
    if rulesets is None:
        from tdkt_desktop.services.rulesets import all_rulesets

        rulesets = all_rulesets(db)
    level = get_settings(db).office_level
    engine = Engine(rulesets, office_level=level)
    rs = engine.ruleset_for(year)
    people, units = load_histories(db, year, staff_ids=staff_ids, unit_ids=unit_ids)
    person_verdicts = {pid: engine.evaluate_person(p, year) for pid, p in people.items()}
    unit_verdicts = engine.evaluate_units(units, people, year, person_verdicts)
    return YearResult(year, rs, level, people, units, person_verdicts, unit_verdicts)
