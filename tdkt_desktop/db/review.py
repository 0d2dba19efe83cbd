"""Yearly review (bình xét): office rule-set copies, unit ratings, proposals, and decisions from results."""

from __future__ import annotations

import datetime as dt
import json
import re

from sqlite_utils import Database

from tdkt_desktop.db import audit
from tdkt_desktop.db.award_records import UnitRating
from tdkt_desktop.db.review_records import Proposal
from tdkt_desktop.errors import NotFoundError, ValidationError
from tdkt_desktop.text import nfc
from tdkt_desktop.vocabulary import RATINGS

STATUS_NAMES = {
    "de_nghi": "Đề nghị",
    "dat": "Đạt",
    "khong_dat": "Không đạt",
    "da_quyet_dinh": "Đã có quyết định",
    "trinh_cap_tren": "Trình cấp trên",
}


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


# --- office rule-set copies (storage only; services/rulesets.py builds and validates RuleSets) ---


def office_ruleset_rows(db: Database) -> list[dict]:
    """Rows of the office's own rule-set copies, oldest effective date first."""
    return list(db.query("SELECT * FROM office_rulesets ORDER BY effective_from, id"))


def insert_office_ruleset(db: Database, *, name: str, based_on: str, effective_from: dt.date, data: dict) -> int:
    """Store a new active office copy with its audit row; returns its id."""
    with db.atomic():
        new_id = int(db["office_rulesets"].insert({
            "name": nfc(name), "based_on": based_on, "effective_from": effective_from.isoformat(),
            "data": json.dumps(data, ensure_ascii=False), "active": 1, "updated_at": _now(),
        }).last_pk)
        audit.record(db, "them", "office_rulesets", new_id, f"sao chép từ {based_on}")
    return new_id


def update_office_ruleset(db: Database, office_id: int, *, name: str, effective_from: dt.date, data: dict,
                          active: bool, changed: list[str]) -> None:
    """Replace an office copy's stored parameters; ``changed`` names the parameters for the audit row."""
    with db.atomic():
        db["office_rulesets"].update(office_id, {
            "name": nfc(name), "effective_from": effective_from.isoformat(),
            "data": json.dumps(data, ensure_ascii=False), "active": int(active), "updated_at": _now(),
        })
        audit.record(db, "sua", "office_rulesets", office_id, "; ".join(changed)[:500])


def delete_office_ruleset(db: Database, office_id: int) -> None:
    """Remove an office copy; the bundled set it replaced applies again.

    Raises:
        NotFoundError: no such copy.
    """
    if not db["office_rulesets"].count_where("id = ?", [office_id]):
        raise NotFoundError(f"Không tìm thấy bộ quy tắc của cơ quan số {office_id}.")
    with db.atomic():
        db["office_rulesets"].delete(office_id)
        audit.record(db, "xoa", "office_rulesets", office_id)


# --- unit ratings -----------------------------------------------------------------------------


def set_unit_rating(db: Database, item: UnitRating) -> None:
    """Save a unit's yearly rating (and bloc result); one row per unit and year.

    Raises:
        ValidationError: unknown rating or unit.
    """
    errors = {}
    if item.rating not in RATINGS:
        errors["rating"] = f"Xếp loại tập thể “{item.rating}” không hợp lệ (HTXS, HTT, HT, KHT)."
    if not db["units"].count_where("id = ?", [item.unit_id]):
        errors["unit_id"] = "Không tìm thấy đơn vị cần xếp loại."
    if errors:
        raise ValidationError(errors)
    leads = None if item.leads_bloc is None else int(item.leads_bloc)
    with db.atomic():
        db.execute(
            "INSERT INTO unit_ratings (unit_id, year, rating, leads_bloc, note) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (unit_id, year) DO UPDATE SET rating = excluded.rating, "
            "leads_bloc = excluded.leads_bloc, note = excluded.note",
            [item.unit_id, item.year, item.rating, leads, nfc(item.note)],
        )
        audit.record(db, "luu", "unit_ratings", f"{item.unit_id}/{item.year}", f"{item.rating}")


def set_unit_ratings(db: Database, items: list[UnitRating]) -> None:
    """Save several units' ratings in one transaction (all or none).

    Raises:
        ValidationError: one of them is invalid; nothing is saved.
    """
    with db.atomic():
        for item in items:
            set_unit_rating(db, item)


def unit_ratings(db: Database, year: int) -> dict[int, UnitRating]:
    """unit id → rating for ``year``."""
    return {
        r["unit_id"]: UnitRating(
            unit_id=r["unit_id"], year=r["year"], rating=r["rating"],
            leads_bloc=None if r["leads_bloc"] is None else bool(r["leads_bloc"]), note=r["note"],
            unit_name=r["name"],
        )
        for r in db.query(
            "SELECT ur.*, u.name FROM unit_ratings ur JOIN units u ON u.id = ur.unit_id WHERE ur.year = ?", [year]
        )
    }


# --- proposals --------------------------------------------------------------------------------

_PROPOSAL_SELECT = """
SELECT p.id, p.year, p.award_type, p.staff_id, p.unit_id, p.status, p.decision_id, p.note,
       coalesce(s.full_name, u.name, '') AS name, coalesce(s.code, '') AS code,
       coalesce(su.name, u.name, '') AS unit_name, coalesce(t.name, p.award_type) AS award_name
FROM proposals p
LEFT JOIN staff s ON s.id = p.staff_id
LEFT JOIN units su ON su.id = s.unit_id
LEFT JOIN units u ON u.id = p.unit_id
LEFT JOIN award_types t ON t.code = p.award_type
"""


def _proposals(db: Database, sql: str, args: list) -> list[Proposal]:
    """Proposals from ``_PROPOSAL_SELECT``: plain cursor tuples (Bình xét reads a year's thousand at each open)."""
    return [Proposal(*row) for row in db.execute(sql, args).fetchall()]


def list_proposals(db: Database, year: int, *, award: str | None = None) -> list[Proposal]:
    """Proposals of a year: collectives first, then people by name."""
    where, args = " WHERE p.year = ?", [year]
    if award:
        where += " AND p.award_type = ?"
        args.append(award)
    order = " ORDER BY p.unit_id IS NULL, t.sort_order, s.fold, u.name"
    return _proposals(db, _PROPOSAL_SELECT + where + order, args)


def get_proposal(db: Database, proposal_id: int) -> Proposal:
    """One proposal.

    Raises:
        NotFoundError: no such proposal.
    """
    rows = _proposals(db, _PROPOSAL_SELECT + " WHERE p.id = ?", [proposal_id])
    if not rows:
        raise NotFoundError(f"Không tìm thấy đề nghị số {proposal_id}.")
    return rows[0]


def propose(db: Database, year: int, award: str, *, staff_id: int | None = None, unit_id: int | None = None) -> int:
    """Mark one person or unit as proposed for ``award`` in ``year`` (idempotent).

    Raises:
        ValidationError: unknown award, or the award does not fit a person/unit, or it was already given.
    """
    errors = {}
    row = db.execute("SELECT target, name FROM award_types WHERE code = ?", [award]).fetchone()
    if (staff_id is None) == (unit_id is None):
        errors["subject"] = "Đề nghị phải dành cho đúng một cá nhân hoặc một tập thể."
    elif not row:
        errors["award"] = f"Không có danh hiệu/hình thức “{award}” trong danh mục."
    elif row[0] != ("ca_nhan" if staff_id is not None else "tap_the"):
        errors["award"] = f"“{row[1]}” không dành cho {'cá nhân' if staff_id is not None else 'tập thể'}."
    elif db["awards"].count_where(
        "award_type = ? AND year = ? AND " + ("staff_id = ?" if staff_id is not None else "unit_id = ?"),
        [award, year, staff_id if staff_id is not None else unit_id],
    ):
        errors["award"] = f"Đã có quyết định tặng “{row[1]}” năm {year}; không đề nghị lần nữa."
    if errors:
        raise ValidationError(errors)
    column = "staff_id" if staff_id is not None else "unit_id"
    subject = staff_id if staff_id is not None else unit_id
    existing = db.execute(
        f"SELECT id FROM proposals WHERE year = ? AND award_type = ? AND {column} = ?", [year, award, subject]
    ).fetchone()
    if existing:
        return int(existing[0])
    with db.atomic():
        new_id = int(db["proposals"].insert({
            "year": year, "award_type": award, "staff_id": staff_id, "unit_id": unit_id, "status": "de_nghi",
        }).last_pk)
        audit.record(db, "them", "proposals", new_id, f"{award} năm {year}")
    return new_id


def withdraw(db: Database, proposal_id: int) -> None:
    """Remove a proposal that has no decision yet (its votes go with it).

    Raises:
        ValidationError: the proposal already led to a decision.
    """
    item = get_proposal(db, proposal_id)
    if item.status == "da_quyet_dinh":
        raise ValidationError(
            {"status": f"Đề nghị “{item.award_name}” của {item.name} đã có quyết định, không rút được."})
    with db.atomic():
        db.execute("DELETE FROM council_votes WHERE proposal_id = ?", [proposal_id])
        db["proposals"].delete(proposal_id)
        audit.record(db, "xoa", "proposals", proposal_id, f"{item.award_type} — {item.name}")


def toggle_proposals(
    db: Database, year: int, award: str, subjects: list[tuple[str, int, int | None]], *, withdraw_all: bool
) -> int:
    """Space on the review page: propose every (kind, subject id, proposal id) not yet proposed, or
    withdraw them all when ``withdraw_all``; one transaction. ``kind`` is "ca_nhan" or "tap_the".

    Returns how many proposals were created or withdrawn.

    Raises:
        ValidationError: one of them cannot change; nothing is changed.
    """
    changed = 0
    with db.atomic():
        for kind, subject_id, proposal_id in subjects:
            if withdraw_all and proposal_id is not None:
                withdraw(db, proposal_id)
                changed += 1
            elif not withdraw_all and proposal_id is None:
                who = {"staff_id": subject_id} if kind == "ca_nhan" else {"unit_id": subject_id}
                propose(db, year, award, **who)
                changed += 1
    return changed


def next_decision_number(db: Database, year: int) -> int:
    """One more than the highest leading number of this year's decisions (e.g. '125/QĐ-SKHCN' → 126)."""
    best = 0
    for (number,) in db.execute("SELECT number FROM decisions WHERE year = ?", [year]).fetchall():
        match = re.match(r"\s*(\d+)", number or "")
        if match:
            best = max(best, int(match.group(1)))
    return best + 1


def upward_list(db: Database, year: int) -> list[Proposal]:
    """Passed proposals the office sends to higher levels (the tờ trình's attached list), by award."""
    return [p for p in list_proposals(db, year) if p.status == "trinh_cap_tren"]


def upward_table(db: Database, year: int) -> str:
    """The upward list as tab-separated text (STT, họ tên / tập thể, đơn vị, đề nghị) for pasting."""
    lines = ["STT\tHọ và tên / Tập thể\tĐơn vị\tĐề nghị"]
    for i, p in enumerate(upward_list(db, year), start=1):
        lines.append(f"{i}\t{p.name}\t{p.unit_name if p.staff_id else ''}\t{p.award_name}")
    return "\n".join(lines)
