"""Bulk-load the facts the eligibility engine needs (ratings, awards, initiatives, units) in a handful of queries.

SQLite groups the rows per person (``json_group_array``) so Python handles one value per person, not one per
rating or award: on 20,000 staff with 10 years that is 20,000 instead of 400,000. A chunk of people's facts
come back as one row of four JSON texts, so the whole query runs in SQLite without the GIL (a caller may
load the next chunk in a thread while it judges this one).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from sqlite_utils import Database

_loads = json.loads


def _facts_query(restricted: bool) -> str:
    """Ratings, awards and initiatives up to :year, each a JSON list of [staff id, …] per person (only the
    staff ids in the JSON list :ids when ``restricted``), and the decisions' numbers and dates. An award
    line counts only with its decision.

    One row: SQLite computes it in one step without the GIL. A query returning many rows would take
    the GIL back for each row, and on a worker thread each of those waits for the busy main thread.
    """
    only = " AND staff_id IN (SELECT value FROM json_each(:ids))" if restricted else ""
    award_only = " AND a.staff_id IN (SELECT value FROM json_each(:ids))" if restricted else ""
    return f"""SELECT
  (SELECT json_group_array(json_array(staff_id, json(ys), json(fs))) FROM (
     SELECT staff_id, json_group_array(year) AS ys, json_group_array(rating || char(31) || discipline) AS fs
     FROM ratings WHERE year <= :year{only} GROUP BY staff_id)),
  (SELECT json_group_array(json_array(staff_id, json(ys), json(cs), json(ds))) FROM (
     SELECT staff_id, json_group_array(year) AS ys, json_group_array(json(codes)) AS cs,
            json_group_array(json(ids)) AS ds FROM (
       SELECT a.staff_id, a.year, json_group_array(a.award_type) AS codes, json_group_array(a.decision_id) AS ids
       FROM awards a JOIN decisions d ON d.id = a.decision_id
       WHERE a.year <= :year AND a.staff_id IS NOT NULL{award_only}
       GROUP BY a.staff_id, a.year)
     GROUP BY staff_id)),
  (SELECT json_group_array(json_array(staff_id, year, scope, kind, title)) FROM (
     SELECT staff_id, year, scope, kind, title FROM initiatives WHERE year <= :year{only} ORDER BY year, id)),
  (SELECT json_group_array(json_array(id, number, issued_on)) FROM decisions)"""


_FACTS_ALL, _FACTS_SOME = _facts_query(False), _facts_query(True)


@dataclass
class HistoryRows:
    """Plain values grouped by person and unit, up to a year; services/eligibility.py turns them into histories."""

    #: staff id → (years, "rating\x1fdiscipline" per year): two lists of the same length
    ratings: dict[int, tuple[list[int], list[str]]] = field(default_factory=dict)
    #: staff id → (years, award codes held that year, those awards' decision ids): three lists of the same
    #: length; the ids are matched to codes (``parse_decisions``) only when a verdict names a decision
    awards: dict[int, tuple[list[int], list[list[str]], list[list[int]]]] = field(default_factory=dict)
    #: decision id → (number, ISO date of issue)
    decision_refs: dict[int, tuple[str, str]] = field(default_factory=dict)
    #: staff id → [(year, scope, kind, title)] in year order (the field order of ``rules.model.InitiativeFact``)
    initiatives: dict[int, list[tuple[int, str, str, str]]] = field(default_factory=lambda: defaultdict(list))
    #: (id, code, name, gender, unit id, unit name, recruited ISO date, active) in list order (name, then id)
    staff: list[tuple] = field(default_factory=list)
    #: unit id → year → award codes; unit id → (year, award code) → (decision number, ISO date)
    unit_awards: dict[int, dict[int, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    unit_decisions: dict[int, dict[tuple[int, str], tuple[str, str]]] = field(default_factory=lambda: defaultdict(dict))
    #: unit id → year → rating; unit id → year → leads its bloc
    unit_ratings: dict[int, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    unit_leads: dict[int, dict[int, bool]] = field(default_factory=lambda: defaultdict(dict))
    #: (id, name) of the office's own active units in tree order
    units: list[tuple[int, str]] = field(default_factory=list)


def parse_decisions(awards: tuple[list[int], list[list[str]], list[list[int]]], refs: dict[int, tuple[str, str]]
                    ) -> dict[tuple[int, str], tuple[str, str]]:
    """(year, award code) → (decision number, ISO date) from a person's ``awards`` entry."""
    years, codes, ids = awards
    return {(year, code): refs.get(decision_id, ("", ""))
            for year, held, decided in zip(years, codes, ids, strict=True)
            for code, decision_id in zip(held, decided, strict=True)}


def staff_rows(db: Database, *, staff_ids: list[int] | None = None, unit_ids: list[int] | None = None) -> list[tuple]:
    """The people (all, or some and every member of some units) as ``HistoryRows.staff`` rows, in list order."""
    where, args = "", []
    if unit_ids is not None:
        where = (" WHERE s.id IN (SELECT value FROM json_each(?)) "
                 "OR s.unit_id IN (SELECT value FROM json_each(?))")
        args = [json.dumps(sorted(set(staff_ids or []))), json.dumps(sorted(set(unit_ids)))]
    elif staff_ids is not None:  # by id only: looked up, not a scan of the staff
        where, args = " WHERE s.id IN (SELECT value FROM json_each(?))", [json.dumps(sorted(set(staff_ids)))]
    rows = db.conn.execute(
        "SELECT s.id, s.code, s.full_name, s.gender, s.unit_id, coalesce(u.name, ''), s.recruited_on, s.active "
        "FROM staff s LEFT JOIN units u ON u.id = s.unit_id" + where + " ORDER BY s.fold, s.id", args,
    ).fetchall()
    # The review keeps these rows for the year: what many people share is one object (100,000 staff: 58 MB → 30 MB).
    texts: dict[str, str] = {}
    one = texts.setdefault
    return [(i, code, name, one(gender, gender), unit_id, one(unit, unit), one(recruited, recruited), active)
            for i, code, name, gender, unit_id, unit, recruited, active in rows]


def staff_count(db: Database) -> int:
    """How many people the office has on file (to size the work of a whole evaluation)."""
    return db.conn.execute("SELECT count(*) FROM staff").fetchone()[0]


def year_ratings(db: Database, year: int, *, staff_ids: list[int] | None = None) -> dict[int, str]:
    """staff id → rating of ``year`` (who has a record that year, and what the review table shows)."""
    if staff_ids is None:
        rows = db.conn.execute("SELECT staff_id, rating FROM ratings WHERE year = ?", [year]).fetchall()
    else:
        rows = db.conn.execute(
            "SELECT staff_id, rating FROM ratings WHERE year = ? AND staff_id IN (SELECT value FROM json_each(?))",
            [year, json.dumps(sorted(staff_ids))]).fetchall()
    codes: dict[str, str] = {}  # a handful of rating codes, one object each for everyone kept
    return {staff_id: codes.setdefault(rating, rating) for staff_id, rating in rows}


def load_history_rows(
    db: Database, year: int, *, staff_ids: list[int] | None = None, unit_ids: list[int] | None = None,
    people: list[tuple] | None = None, with_units: bool = True,
) -> HistoryRows:
    """Every fact up to ``year``; ``staff_ids``/``unit_ids`` restrict it to some people and units (with members).

    ``people`` gives the staff rows already read (``staff_rows``), so a caller going through the office
    chunk by chunk reads the list once; ``with_units=False`` leaves the units out.
    """
    conn = db.conn
    out = HistoryRows()
    out.staff = people if people is not None else staff_rows(db, staff_ids=staff_ids, unit_ids=unit_ids)
    restricted = people is not None or staff_ids is not None or unit_ids is not None
    args: dict = {"year": year}
    if restricted:
        args["ids"] = json.dumps([row[0] for row in out.staff])
    ratings, awards, initiatives, decisions = conn.execute(_FACTS_SOME if restricted else _FACTS_ALL,
                                                           args).fetchone()
    out.ratings = {sid: (years, facts) for sid, years, facts in _loads(ratings)}
    out.awards = {sid: (years, codes, ids) for sid, years, codes, ids in _loads(awards)}
    out.decision_refs = {d: (number, issued) for d, number, issued in _loads(decisions)}
    for staff_id, y, scope, kind, title in _loads(initiatives):
        out.initiatives[staff_id].append((y, scope, kind, title))
    if with_units:
        load_unit_rows(db, year, out)
    return out


def load_unit_rows(db: Database, year: int, out: HistoryRows) -> None:
    """Fill ``out`` with the office's own units, their ratings, bloc results and awards up to ``year`` (few rows)."""
    conn = db.conn
    for unit_id, y, code, number, issued in conn.execute(
        "SELECT a.unit_id, a.year, a.award_type, d.number, d.issued_on FROM awards a "
        # +a.year: look the few unit lines up by unit, not the whole year range by year
        "JOIN decisions d ON d.id = a.decision_id WHERE a.unit_id IS NOT NULL AND +a.year <= ?", [year],
    ):
        out.unit_awards[unit_id][y].add(code)
        out.unit_decisions[unit_id][(y, code)] = (number, issued)
    for unit_id, y, rating, leads_bloc in conn.execute(
        "SELECT unit_id, year, rating, leads_bloc FROM unit_ratings WHERE year <= ?", [year]
    ):
        out.unit_ratings[unit_id][y] = rating
        if leads_bloc is not None:
            out.unit_leads[unit_id][y] = bool(leads_bloc)
    out.units = list(conn.execute(
        "SELECT id, name FROM units WHERE kind = 'noi_bo' AND active = 1 ORDER BY sort_order, id"
    ))
