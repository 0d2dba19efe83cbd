"""Checking the "Xếp loại" sheet beyond a person's row: collectives' ratings and plausible years."""

from __future__ import annotations

import datetime as dt

from tdkt_desktop.db import units as units_db
from tdkt_desktop.db.award_records import UnitRating
from tdkt_desktop.text import fold
from tdkt_desktop.vocabulary import discipline_label


def recruited_on(checker, code: str | None) -> dt.date | None:
    """The recruitment date the file gives (its "Cán bộ" sheet), else the register's."""
    person = _planned_by_code(checker).get(code) or checker.staff_by_code.get(code or "")
    return person.recruited_on if person else None


def _planned_by_code(checker) -> dict:
    """Staff code → the first record the file plans for it, indexed once per state of the plan: a scan of
    the plan per rating row made a 50,000-row import quadratic (12 of its 21 s)."""
    cached = getattr(checker, "_planned_index", None)
    if cached is None or cached[0] != len(checker.plan.staff):
        by_code: dict = {}
        for _op, record, _unit in checker.plan.staff:
            by_code.setdefault(record.code, record)
        cached = checker._planned_index = (len(checker.plan.staff), by_code)
    return cached[1]


def _lookups(checker) -> tuple[dict, dict]:
    """(folded unit name → unit, (unit id, year) → saved rating), read once per import."""
    if not hasattr(checker, "_unit_lookups"):
        units = {fold(u.name): u for u in units_db.list_units(checker.db, kind=None)}
        saved = {
            (r["unit_id"], r["year"]): UnitRating(unit_id=r["unit_id"], year=r["year"], rating=r["rating"],
                                                  leads_bloc=None if r["leads_bloc"] is None else bool(r["leads_bloc"]),
                                                  note=r["note"])
            for r in checker.db.query("SELECT * FROM unit_ratings")
        }
        checker._unit_lookups = (units, saved)
    return checker._unit_lookups


def check_unit_row(checker, title, number, unit, code, year, rating, discipline, seen, bad) -> None:
    """A collective's row (the unit's name in "Tập thể"): once a year, no discipline; a unit not yet in
    the register is created on import, as on the "Khen thưởng" sheet."""
    if code:
        checker.issue(title, number, "Tập thể", unit,
                      "Mỗi dòng xếp loại cho một cán bộ (Mã cán bộ) hoặc một tập thể, không cả hai.")
    if discipline:
        checker.issue(title, number, "Kỷ luật", discipline_label(discipline), "Tập thể không có hình thức kỷ luật.")
    units, saved = _lookups(checker)
    found = units.get(fold(unit))
    key = ("unit", fold(unit), year)
    if year and key in seen:
        checker.issue(title, number, "Năm", year, f"Tập thể “{unit}” đã có xếp loại năm {year} ở dòng {seen[key]}.")
    if len(checker.plan.issues) > bad:
        return
    seen[key] = number
    old = saved.get((found.id, year)) if found else None
    summary = checker.plan.summaries["ratings"]
    if old is None:
        op, summary.added = "add", summary.added + 1
    elif old.rating == rating:
        op, summary.unchanged = "same", summary.unchanged + 1
    else:
        op, summary.updated = "update", summary.updated + 1
    # The bloc result and the note are not in the sheet: what the program holds stays.
    checker.plan.unit_ratings.append((op, unit, UnitRating(
        unit_id=found.id if found else 0, year=year, rating=rating, leads_bloc=old.leads_bloc if old else None,
        note=old.note if old else "")))
