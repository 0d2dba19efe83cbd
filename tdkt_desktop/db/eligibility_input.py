"""Bulk-load every history the eligibility engine needs in a handful of queries, then evaluate a year."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass

from sqlite_utils import Database

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

    Six queries whatever the office size; rows are grouped in Python. ``staff_ids``/``unit_ids``
    restrict the load to some people and units (with their members), e.g. a meeting's candidates.
    """
    conn = db.conn
    only = ""
    args: list = [year]
    if staff_ids is not None or unit_ids is not None:
        wanted = set(staff_ids or [])
        if unit_ids:
            marks = ",".join("?" for _ in unit_ids)
            wanted |= {r[0] for r in conn.execute(f"SELECT id FROM staff WHERE unit_id IN ({marks})", list(unit_ids))}
        only = " AND staff_id IN (SELECT value FROM json_each(?))"
        args.append(json.dumps(sorted(wanted)))
    ratings: dict[int, dict[int, YearFacts]] = defaultdict(dict)
    for staff_id, y, rating, discipline in conn.execute(
        "SELECT staff_id, year, rating, discipline FROM ratings WHERE year <= ?" + only, args
    ):
        ratings[staff_id][y] = YearFacts(rating=rating, discipline=discipline_code(discipline))
    awards: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    unit_awards: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    unit_only = ""
    unit_args: list = [year]
    if only:
        unit_only = " AND (staff_id IN (SELECT value FROM json_each(?)) OR unit_id IN (SELECT value FROM json_each(?)))"
        unit_args += [args[1], json.dumps(sorted(unit_ids or []))]
    for staff_id, unit_id, y, code in conn.execute(
        "SELECT staff_id, unit_id, year, award_type FROM awards WHERE year <= ?" + unit_only, unit_args
    ):
        (awards[staff_id] if staff_id is not None else unit_awards[unit_id])[y].add(code)
    initiatives: dict[int, list[InitiativeFact]] = defaultdict(list)
    for staff_id, y, scope, kind, title in conn.execute(
        "SELECT staff_id, year, scope, kind, title FROM initiatives WHERE year <= ?" + only + " ORDER BY year, id",
        args,
    ):
        initiatives[staff_id].append(InitiativeFact(year=y, scope=scope, kind=kind, title=title))
    people: dict[int, PersonHistory] = {}
    members: dict[int, list[int]] = defaultdict(list)
    staff_only = " WHERE s.id IN (SELECT value FROM json_each(?))" if only else ""
    for sid, code, name, gender, unit_id, unit_name, recruited, active in conn.execute(
        "SELECT s.id, s.code, s.full_name, s.gender, s.unit_id, coalesce(u.name, ''), s.recruited_on, s.active "
        "FROM staff s LEFT JOIN units u ON u.id = s.unit_id" + staff_only + " ORDER BY s.fold, s.id",
        args[1:],
    ):
        if not active and year not in ratings.get(sid, {}):
            continue
        people[sid] = PersonHistory(
            id=sid, code=code, name=name, gender=gender, unit_id=unit_id, unit_name=unit_name,
            recruited_on=dt.date.fromisoformat(recruited) if recruited else None,
            years=ratings.get(sid, {}),
            awards={y: frozenset(c) for y, c in awards.get(sid, {}).items()},
            initiatives=tuple(initiatives.get(sid, ())),
        )
        if unit_id is not None:
            members[unit_id].append(sid)
    unit_rows: dict[int, dict[int, str]] = defaultdict(dict)
    leads: dict[int, dict[int, bool]] = defaultdict(dict)
    for unit_id, y, rating, leads_bloc in conn.execute(
        "SELECT unit_id, year, rating, leads_bloc FROM unit_ratings WHERE year <= ?", [year]
    ):
        unit_rows[unit_id][y] = rating
        if leads_bloc is not None:
            leads[unit_id][y] = bool(leads_bloc)
    units = [
        UnitHistory(
            id=uid, name=name, ratings=unit_rows.get(uid, {}), leads_bloc=leads.get(uid, {}),
            awards={y: frozenset(c) for y, c in unit_awards.get(uid, {}).items()},
            member_ids=tuple(members.get(uid, ())),
        )
        for uid, name in conn.execute(
            "SELECT id, name FROM units WHERE kind = 'noi_bo' AND active = 1 ORDER BY sort_order, id"
        )
        if (members.get(uid) or uid in unit_rows) and (not only or uid in (unit_ids or []))
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

    ``rulesets`` defaults to the bundled sets plus the office's own copies.

    Raises:
        ValidationError: no rule set covers ``year``.
    """
    if rulesets is None:
        from tdkt_desktop.db.review import all_rulesets

        rulesets = all_rulesets(db)
    engine = Engine(rulesets)
    rs = engine.ruleset_for(year)
    people, units = load_histories(db, year, staff_ids=staff_ids, unit_ids=unit_ids)
    person_verdicts = {pid: engine.evaluate_person(p, year) for pid, p in people.items()}
    unit_verdicts = engine.evaluate_units(units, people, year, person_verdicts)
    return YearResult(year, rs, people, units, person_verdicts, unit_verdicts)
