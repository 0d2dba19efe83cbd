"""Đăng ký thi đua: who registered for which title or form, for which year of which campaign.

Registration is optional since 2024 (DOMAIN §2): it is information for the office, never a
condition of the yearly review. Whether a registration was met is read from the awards register.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlite_utils import Database

from tdkt_desktop.db import audit
from tdkt_desktop.db.campaign_records import Campaign, Registration, UnitRegistrations
from tdkt_desktop.db.catalog import list_award_types
from tdkt_desktop.db.records import Staff, Unit
from tdkt_desktop.errors import ValidationError
from tdkt_desktop.text import fold, format_date, iso, nfc
from tdkt_desktop.vocabulary import AWARD_TARGETS

# The result is the number of a decision granting exactly what was registered (same type, year,
# person or unit); two sub-queries so each uses its own index on awards.
_SELECT = """
SELECT r.*, coalesce(s.full_name, u.name, '') AS name, coalesce(s.code, '') AS code,
       coalesce(su.name, u.name, '') AS unit_name, t.name AS award_name, c.name AS campaign_name,
       coalesce(
         (SELECT d.number FROM awards a JOIN decisions d ON d.id = a.decision_id
          WHERE a.staff_id = r.staff_id AND a.award_type = r.award_type AND a.year = r.year),
         (SELECT d.number FROM awards a JOIN decisions d ON d.id = a.decision_id
          WHERE a.unit_id = r.unit_id AND a.award_type = r.award_type AND a.year = r.year),
         '') AS result_number
FROM registrations r
JOIN award_types t ON t.code = r.award_type
JOIN campaigns c ON c.id = r.campaign_id
LEFT JOIN staff s ON s.id = r.staff_id
LEFT JOIN units su ON su.id = s.unit_id
LEFT JOIN units u ON u.id = r.unit_id
"""


def _row(row: dict) -> Registration:
    return Registration(
        id=row["id"], campaign_id=row["campaign_id"], year=row["year"], award_type=row["award_type"],
        staff_id=row["staff_id"], unit_id=row["unit_id"],
        registered_on=dt.date.fromisoformat(row["registered_on"]) if row["registered_on"] else None,
        outcome=row["outcome"], note=row["note"], name=row["name"], code=row["code"],
        unit_name=row["unit_name"], award_name=row["award_name"], campaign_name=row["campaign_name"],
        result_number=row["result_number"] or "",
    )


def list_registrations(
    db: Database, *, campaign_id: int | None = None, year: int | None = None, staff_id: int | None = None
) -> list[Registration]:
    """Registrations matching every filter: collectives first, then people by unit and name."""
    clauses, args = [], []
    for column, value in (("r.campaign_id", campaign_id), ("r.year", year), ("r.staff_id", staff_id)):
        if value is not None:
            clauses.append(f"{column} = ?")
            args.append(value)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    order = " ORDER BY r.year DESC, r.staff_id IS NOT NULL, coalesce(su.sort_order, u.sort_order), s.fold, u.fold"
    return [_row(r) for r in db.query(_SELECT + where + order, args)]


def registration_years(db: Database, campaign_id: int) -> list[int]:
    """Years with registrations in this campaign, newest first."""
    rows = db.query("SELECT DISTINCT year FROM registrations WHERE campaign_id = ? ORDER BY year DESC", [campaign_id])
    return [r["year"] for r in rows]


def registered_awards(db: Database, year: int) -> dict[tuple[str, int], tuple[str, ...]]:
    """(subject, id) → award codes registered for ``year`` in any campaign (the Bình xét page column)."""
    out: dict[tuple[str, int], list[str]] = {}
    rows = db.execute("SELECT staff_id, unit_id, award_type FROM registrations WHERE year = ? ORDER BY id", [year])
    for staff_id, unit_id, award_type in rows.fetchall():
        key = ("ca_nhan", staff_id) if staff_id is not None else ("tap_the", unit_id)
        codes = out.setdefault(key, [])
        if award_type not in codes:
            codes.append(award_type)
    return {k: tuple(v) for k, v in out.items()}


# --- writing ------------------------------------------------------------------------------------


def _subjects(db: Database, staff_ids: list[int], unit_ids: list[int]) -> dict[tuple[str, int], dict]:
    out = {}
    for sid in staff_ids:
        rows = list(db["staff"].rows_where("id = ?", [sid]))
        out[("staff", sid)] = rows[0] if rows else None
    for uid in unit_ids:
        rows = list(db["units"].rows_where("id = ?", [uid]))
        out[("unit", uid)] = rows[0] if rows else None
    return out


def check_registration(campaign: Campaign, year: int, award_kind: str | None, award_name: str,
                       award_target: str | None, target: str) -> tuple[str, str] | None:
    """(field, Vietnamese sentence) saying why this registration cannot be made, or None. Shared with imports.

    field: 'award' (unknown or wrong target), 'year' (outside the period), 'campaign' (closed).
    """
    if award_kind is None:
        return "award", f"Không có danh hiệu/hình thức “{award_name}” trong danh mục."
    if award_target != target:
        return "award", (f"“{award_name}” dành cho {AWARD_TARGETS[award_target].lower()}, "
                         f"không đăng ký cho {AWARD_TARGETS[target].lower()}.")
    if year not in campaign.years:
        return "year", (f"Năm {year} nằm ngoài thời gian của phong trào “{campaign.name}” "
                        f"({campaign.period_text()}).")
    if campaign.closed_on is not None:
        return "campaign", (f"Phong trào “{campaign.name}” đã kết thúc ngày {format_date(campaign.closed_on)}; "
                            "không nhận đăng ký.")
    return None


def register(
    db: Database, campaign_id: int, year: int, award_type: str, *,
    staff_ids: list[int] = (), unit_ids: list[int] = (), registered_on: dt.date | None = None,
) -> tuple[int, list[str]]:
    """Register people and/or units for one title or form in one transaction.

    Whoever already registered a title (or a form) of the same kind for that year of the campaign
    is skipped and named in the returned list; everyone else is added.

    Returns:
        (number added, sentences naming those skipped).

    Raises:
        ValidationError: unknown type, wrong target, year outside the period, closed campaign,
            unknown or inactive person; nothing is written.
    """
    from tdkt_desktop.db.campaigns import get_campaign

    campaign = get_campaign(db, campaign_id)
    types = {t.code: t for t in list_award_types(db, active_only=False)}
    chosen = types.get(award_type)
    staff_ids, unit_ids = list(dict.fromkeys(staff_ids)), list(dict.fromkeys(unit_ids))
    if not staff_ids and not unit_ids:
        raise ValidationError({"who": "Chưa chọn cá nhân hoặc tập thể nào để đăng ký."})
    errors: dict[str, str] = {}
    for target, ids in (("ca_nhan", staff_ids), ("tap_the", unit_ids)):
        if ids:
            problem = check_registration(campaign, year, chosen and chosen.kind, chosen.name if chosen else award_type,
                                         chosen and chosen.target, target)
            if problem:
                errors[problem[0]] = problem[1]
    subjects = _subjects(db, staff_ids, unit_ids)
    for (kind, sid), row in subjects.items():
        if row is None:
            errors[f"{kind}_{sid}"] = f"Không tìm thấy {'cán bộ' if kind == 'staff' else 'đơn vị'} mã số {sid}."
        elif kind == "staff" and not row["active"]:
            errors[f"staff_{sid}"] = f"{row['full_name']} ({row['code']}) đã ngừng theo dõi, không đăng ký thi đua."
    if errors:
        raise ValidationError(errors)
    taken = _taken(db, campaign_id, year, chosen.kind, types)
    added, skipped = [], []
    for (kind, sid), row in subjects.items():
        key = ("staff_id" if kind == "staff" else "unit_id", sid)
        name = row["full_name"] if kind == "staff" else row["name"]
        if key in taken:
            skipped.append(f"{name} đã đăng ký “{types[taken[key]].name}”")
            continue
        added.append({
            "campaign_id": campaign_id, "year": year, "award_type": award_type,
            "staff_id": sid if kind == "staff" else None, "unit_id": sid if kind == "unit" else None,
            "registered_on": iso(registered_on),
        })
    with db.atomic():
        db["registrations"].insert_all(added)
        audit.record(db, "them", "registrations", campaign_id,
                     f"{len(added)} đăng ký “{chosen.name}” năm {year}; bỏ qua {len(skipped)}")
    return len(added), skipped


def register_unit(db: Database, campaign_id: int, year: int, unit_id: int, person_award: str | None,
                  unit_award: str | None = None, *, registered_on: dt.date | None = None) -> tuple[int, list[str]]:
    """Register a whole unit in one step: every active person for ``person_award``, the unit for ``unit_award``.

    Returns:
        (number added, sentences naming those skipped because they had already registered).

    Raises:
        ValidationError: nothing chosen, no active staff, or any :func:`register` refusal; nothing is written.
    """
    if not person_award and not unit_award:
        raise ValidationError({"award": "Hãy chọn danh hiệu/hình thức đăng ký cho cán bộ hoặc cho tập thể."})
    people = [r[0] for r in db.execute("SELECT id FROM staff WHERE unit_id = ? AND active = 1 ORDER BY fold",
                                       [unit_id]).fetchall()]
    if person_award and not people:
        name = db.execute("SELECT name FROM units WHERE id = ?", [unit_id]).fetchone()
        raise ValidationError({"unit": f"Đơn vị “{name[0] if name else unit_id}” không có cán bộ nào đang làm việc."})
    added, skipped = 0, []
    with db.atomic():
        for award, staff_ids, unit_ids in ((person_award, people, []), (unit_award, [], [unit_id])):
            if award:
                n, s = register(db, campaign_id, year, award, staff_ids=staff_ids, unit_ids=unit_ids,
                                registered_on=registered_on)
                added, skipped = added + n, skipped + s
    return added, skipped


def _taken(db: Database, campaign_id: int, year: int, kind: str, types: dict) -> dict[tuple[str, int], str]:
    """(column, id) → award code already registered of the same kind (title or form) that year."""
    out = {}
    rows = db.execute("SELECT staff_id, unit_id, award_type FROM registrations WHERE campaign_id = ? AND year = ?",
                      [campaign_id, year]).fetchall()
    for staff_id, unit_id, award_type in rows:
        if types[award_type].kind == kind:
            out[("staff_id", staff_id) if staff_id is not None else ("unit_id", unit_id)] = award_type
    return out


def remove_registrations(db: Database, registration_ids: list[int]) -> int:
    """Delete registrations entered by mistake (all in one transaction); returns how many."""
    with db.atomic():
        for rid in registration_ids:
            db.execute("DELETE FROM registrations WHERE id = ?", [rid])
        audit.record(db, "xoa", "registrations", None, f"{len(registration_ids)} đăng ký: {registration_ids[:20]}")
    return len(registration_ids)


def set_outcome(db: Database, registration_ids: list[int], missed: bool) -> None:
    """Record that these registrations were not met (or clear that mark); a met one is read from awards.

    Raises:
        ValidationError: one of them was met (an award exists), so it cannot be marked missed.
    """
    if missed:
        met = [r for r in _by_ids(db, registration_ids) if r.result_number]
        if met:
            r = met[0]
            raise ValidationError({"outcome": (
                f"{r.name} đã đạt “{r.award_name}” năm {r.year} (Quyết định số {r.result_number}); "
                "không ghi “không đạt”."
            )})
    with db.atomic():
        for rid in registration_ids:
            db["registrations"].update(rid, {"outcome": "khong_dat" if missed else ""})
        audit.record(db, "sua", "registrations", None,
                     f"{'không đạt' if missed else 'bỏ ghi không đạt'}: {len(registration_ids)} đăng ký")


def _by_ids(db: Database, ids: list[int]) -> list[Registration]:
    marks = ",".join("?" for _ in ids) or "NULL"
    return [_row(r) for r in db.query(_SELECT + f" WHERE r.id IN ({marks})", list(ids))]


# --- summaries ----------------------------------------------------------------------------------


def summary_by_unit(db: Database, campaign_id: int, year: int) -> list[UnitRegistrations]:
    """Tổng hợp đăng ký thi đua: per unit, what it registered itself and how many of its people per award.

    People count under the unit they work in now; units appear in the office's display order.
    """
    from tdkt_desktop.db.units import list_units

    unit_of = dict(db.execute("SELECT id, unit_id FROM staff").fetchall())
    staff_count = Counter(r[0] for r in db.execute("SELECT unit_id FROM staff WHERE active = 1").fetchall())
    own: dict[int, list[str]] = {}
    counts: dict[int | None, Counter] = {}
    rows = db.execute("SELECT staff_id, unit_id, award_type FROM registrations WHERE campaign_id = ? AND year = ? "
                      "ORDER BY id", [campaign_id, year]).fetchall()
    for staff_id, unit_id, award_type in rows:
        if unit_id is not None:
            own.setdefault(unit_id, []).append(award_type)
        else:
            counts.setdefault(unit_of.get(staff_id), Counter())[award_type] += 1
    out = [
        UnitRegistrations(u.id, u.name, staff_count.get(u.id, 0), tuple(own.get(u.id, ())), dict(counts.get(u.id, {})))
        for u in list_units(db, kind=None) if u.id in own or u.id in counts
    ]
    if None in counts:
        out.append(UnitRegistrations(None, "(chưa có đơn vị)", staff_count.get(None, 0), (), dict(counts[None])))
    return out


def match_pasted(text: str, staff: list[Staff], units: list[Unit], *, collective: bool) -> tuple[list, list[str]]:
    """Each pasted line (a code, a name, or an Excel row of cells) → a person or unit; and lines not understood.

    A name shared by two people is not guessed: the line is reported and the code must be used.
    """
    pool = units if collective else [s for s in staff if s.active]
    by_code = {} if collective else {s.code.casefold(): s for s in pool}
    by_name: dict[str, list] = {}
    for r in pool:
        by_name.setdefault(fold(r.name if collective else r.full_name), []).append(r)
    found, unknown = [], []
    for raw in text.splitlines():
        cells = [nfc(c) for c in raw.split("\t") if nfc(c)]
        if not cells:
            continue
        match, ambiguous = None, False
        for cell in cells:
            if cell.casefold() in by_code:
                match = by_code[cell.casefold()]
                break
            same = by_name.get(fold(cell), [])
            if len(same) == 1:
                match = same[0]
                break
            ambiguous = ambiguous or len(same) > 1
        if match is None:
            unknown.append(" ".join(cells) + (" (trùng tên, hãy dùng mã cán bộ)" if ambiguous else ""))
        elif match not in found:
            found.append(match)
    return found, unknown
