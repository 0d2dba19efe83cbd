"""Bulk-load the facts the eligibility engine needs (ratings, awards, initiatives, units) in a handful of queries."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from sqlite_utils import Database


@dataclass
class HistoryRows:
    """Plain rows grouped by person and unit, up to a year; services/eligibility.py turns them into histories."""

    #: staff id → year → (rating, discipline text)
    ratings: dict[int, dict[int, tuple[str, str]]] = field(default_factory=lambda: defaultdict(dict))
    #: staff id → year → award codes
    awards: dict[int, dict[int, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    #: unit id → year → award codes
    unit_awards: dict[int, dict[int, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    #: ("staff" | "unit", id) → (year, award code) → (decision number, ISO date)
    decisions: dict[tuple[str, int], dict[tuple[int, str], tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(dict))
    #: staff id → [(year, scope, kind, title)] in year order
    initiatives: dict[int, list[tuple[int, str, str, str]]] = field(default_factory=lambda: defaultdict(list))
    #: (id, code, name, gender, unit id, unit name, recruited ISO date, active) in list order
    staff: list[tuple] = field(default_factory=list)
    #: unit id → year → rating; unit id → year → leads its bloc
    unit_ratings: dict[int, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    unit_leads: dict[int, dict[int, bool]] = field(default_factory=lambda: defaultdict(dict))
    #: (id, name) of the office's own active units in tree order
    units: list[tuple[int, str]] = field(default_factory=list)


def load_history_rows(
    db: Database, year: int, *, staff_ids: list[int] | None = None, unit_ids: list[int] | None = None
) -> HistoryRows:
    """Every fact up to ``year``; ``staff_ids``/``unit_ids`` restrict it to some people and units (with members).

    Six queries whatever the office size; rows are grouped in Python.
    """
    conn = db.conn
    out = HistoryRows()
    only = ""
    args: list = [year]
    if staff_ids is not None or unit_ids is not None:
        wanted = set(staff_ids or [])
        if unit_ids:
            marks = ",".join("?" for _ in unit_ids)
            wanted |= {r[0] for r in conn.execute(f"SELECT id FROM staff WHERE unit_id IN ({marks})", list(unit_ids))}
        only = " AND staff_id IN (SELECT value FROM json_each(?))"
        args.append(json.dumps(sorted(wanted)))
    for staff_id, y, rating, discipline in conn.execute(
        "SELECT staff_id, year, rating, discipline FROM ratings WHERE year <= ?" + only, args
    ):
        out.ratings[staff_id][y] = (rating, discipline)
    unit_only = ""
    unit_args: list = [year]
    if only:
        unit_only = (" AND (a.staff_id IN (SELECT value FROM json_each(?)) "
                     "OR a.unit_id IN (SELECT value FROM json_each(?)))")
        unit_args += [args[1], json.dumps(sorted(unit_ids or []))]
    for staff_id, unit_id, y, code, number, issued in conn.execute(
        "SELECT a.staff_id, a.unit_id, a.year, a.award_type, d.number, d.issued_on FROM awards a "
        "JOIN decisions d ON d.id = a.decision_id WHERE a.year <= ?" + unit_only, unit_args
    ):
        if staff_id is not None:
            out.awards[staff_id][y].add(code)
            out.decisions[("staff", staff_id)][(y, code)] = (number, issued)
        else:
            out.unit_awards[unit_id][y].add(code)
            out.decisions[("unit", unit_id)][(y, code)] = (number, issued)
    for staff_id, y, scope, kind, title in conn.execute(
        "SELECT staff_id, year, scope, kind, title FROM initiatives WHERE year <= ?" + only + " ORDER BY year, id",
        args,
    ):
        out.initiatives[staff_id].append((y, scope, kind, title))
    staff_only = " WHERE s.id IN (SELECT value FROM json_each(?))" if only else ""
    out.staff = list(conn.execute(
        "SELECT s.id, s.code, s.full_name, s.gender, s.unit_id, coalesce(u.name, ''), s.recruited_on, s.active "
        "FROM staff s LEFT JOIN units u ON u.id = s.unit_id" + staff_only + " ORDER BY s.fold, s.id",
        args[1:],
    ))
    for unit_id, y, rating, leads_bloc in conn.execute(
        "SELECT unit_id, year, rating, leads_bloc FROM unit_ratings WHERE year <= ?", [year]
    ):
        out.unit_ratings[unit_id][y] = rating
        if leads_bloc is not None:
            out.unit_leads[unit_id][y] = bool(leads_bloc)
    out.units = list(conn.execute(
        "SELECT id, name FROM units WHERE kind = 'noi_bo' AND active = 1 ORDER BY sort_order, id"
    ))
    return out
