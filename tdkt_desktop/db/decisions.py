"""Decisions (quyết định khen thưởng) and the awards attached to them, with the duplicate guards."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from tdkt_desktop.db import audit
from tdkt_desktop.db.award_records import Award, Decision

# What identifies a decision and the checks live in decision_checks (which never imports this
# module); re-exported here, where callers look for them.
from tdkt_desktop.db.decision_checks import (
    _DECISION_SELECT,
    _row_to_decision,
    find_decision,
    normalize_number,
    normalized_decision,
    number_key,
    validate_awards,
    validate_decision,
)
from tdkt_desktop.errors import NotFoundError, ValidationError
from tdkt_desktop.text import format_date, iso, nfc

__all__ = [
    "find_decision", "normalize_number", "number_key", "validate_awards", "validate_decision",
]

_AWARD_SELECT = """
SELECT a.*, t.name AS award_name, t.kind AS award_kind,
       coalesce(s.full_name, u.name, '') AS recipient_name,
       coalesce(s.code, '') AS staff_code,
       coalesce(su.name, u.name, '') AS unit_name,
       d.number AS decision_number, d.issued_on AS decision_date, d.issuer AS issuer
FROM awards a
JOIN award_types t ON t.code = a.award_type
JOIN decisions d ON d.id = a.decision_id
LEFT JOIN staff s ON s.id = a.staff_id
LEFT JOIN units su ON su.id = s.unit_id
LEFT JOIN units u ON u.id = a.unit_id
"""

_AWARD_ORDER = " ORDER BY a.year DESC, d.issued_on DESC, a.decision_id DESC, a.position, a.id"


def _row_to_award(row: dict) -> Award:
    return Award(
        id=row["id"],
        decision_id=row["decision_id"],
        award_type=row["award_type"],
        staff_id=row["staff_id"],
        unit_id=row["unit_id"],
        year=row["year"],
        reason=row["reason"],
        amount=row["amount"],
        position=row["position"],
        certificate_serial=row["certificate_serial"],
        printed_at=row["printed_at"],
        award_name=row["award_name"],
        recipient_name=row["recipient_name"],
        staff_code=row["staff_code"],
        unit_name=row["unit_name"],
        decision_number=row["decision_number"],
        decision_date=dt.date.fromisoformat(row["decision_date"]) if row["decision_date"] else None,
        award_kind=row["award_kind"],
        issuer=row["issuer"],
    )


# --- reading ------------------------------------------------------------------------------------


def get_decision(db: Database, decision_id: int) -> Decision:
    """One decision by id.

    Raises:
        NotFoundError: no such decision.
    """
    rows = list(db.query(_DECISION_SELECT + " WHERE d.id = ?", [decision_id]))
    if not rows:
        raise NotFoundError(f"Không tìm thấy quyết định có mã số nội bộ {decision_id}.")
    return _row_to_decision(rows[0])


def award_codes_of(db: Database, year: int, staff_ids: list[int]) -> list[tuple[int, str]]:
    """(staff id, award code) of every award these people hold for ``year``."""
    if not staff_ids:
        return []
    marks = ",".join("?" for _ in staff_ids)
    return [tuple(r) for r in db.execute(
        f"SELECT staff_id, award_type FROM awards WHERE year = ? AND staff_id IN ({marks})", [year, *staff_ids]
    ).fetchall()]


def list_decisions(db: Database, *, year: int | None = None) -> list[Decision]:
    """Decisions, newest first; ``year`` is the year they were issued."""
    where, args = (" WHERE d.year = ?", [year]) if year is not None else ("", [])
    sql = _DECISION_SELECT + where + " ORDER BY d.issued_on DESC, d.id DESC"
    return [_row_to_decision(r) for r in db.query(sql, args)]


def decisions_numbered(db: Database, number: str, *, year: int | None = None,
                       issued_on: dt.date | None = None) -> list[Decision]:
    """Every decision written with this number, oldest first ("8/QĐ-SKHCN" finds "08/QĐ-SKHCN").

    Numbering restarts each year, so one number can belong to several decisions: ``year`` (of
    issue) or ``issued_on`` narrows them down.
    """
    key = number_key(number)
    clauses, args = [], []
    if year is not None:
        clauses.append("d.year = ?")
        args.append(year)
    if issued_on is not None:
        clauses.append("d.issued_on = ?")
        args.append(issued_on.isoformat())
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = db.query(_DECISION_SELECT + where + " ORDER BY d.issued_on, d.id", args)
    return [_row_to_decision(r) for r in rows if number_key(r["number"]) == key]


def council_meeting_of(db: Database, decision_id: int) -> int | None:
    """The council meeting whose votes led to this decision (its proposals carry the decision), or None."""
    row = db.execute(
        "SELECT v.meeting_id FROM council_votes v JOIN proposals p ON p.id = v.proposal_id "
        "WHERE p.decision_id = ? ORDER BY v.meeting_id DESC LIMIT 1", [decision_id],
    ).fetchone()
    return int(row[0]) if row else None


def awards_of_decision(db: Database, decision_id: int) -> list[Award]:
    """The decision's award lines in list order, display fields filled."""
    sql = _AWARD_SELECT + " WHERE a.decision_id = ? ORDER BY a.position, a.id"
    return [_row_to_award(r) for r in db.query(sql, [decision_id])]


def list_awards(
    db: Database,
    *,
    year: int | None = None,
    award_type: str | None = None,
    unit_id: int | None = None,
    decision_id: int | None = None,
    staff_id: int | None = None,
    kind: str | None = None,
    campaign_id: int | None = None,
) -> list[Award]:
    """Awards matching every given filter; ``unit_id`` matches a unit's own awards and its staff's;
    ``campaign_id`` keeps the awards of decisions made for that campaign."""
    clauses, args = [], []
    for column, value in (
        ("a.year", year),
        ("a.award_type", award_type),
        ("a.decision_id", decision_id),
        ("a.staff_id", staff_id),
        ("t.kind", kind),
        ("d.campaign_id", campaign_id),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            args.append(value)
    if unit_id is not None:
        clauses.append("(a.unit_id = ? OR s.unit_id = ?)")
        args += [unit_id, unit_id]
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return [_row_to_award(r) for r in db.query(_AWARD_SELECT + where + _AWARD_ORDER, args)]


def get_award(db: Database, award_id: int) -> Award:
    """One award line by id.

    Raises:
        NotFoundError: no such award.
    """
    rows = list(db.query(_AWARD_SELECT + " WHERE a.id = ?", [award_id]))
    if not rows:
        raise NotFoundError(f"Không tìm thấy lượt khen thưởng có mã số nội bộ {award_id}.")
    return _row_to_award(rows[0])


def award_years(db: Database) -> list[int]:
    """Years that have awards, newest first (filters)."""
    return [r["year"] for r in db.query("SELECT DISTINCT year FROM awards ORDER BY year DESC")]


# --- writing ------------------------------------------------------------------------------------


def _decision_row(decision: Decision) -> dict:
    return {
        "number": decision.number,
        "issued_on": iso(decision.issued_on),
        "year": decision.year,
        "issuer": decision.issuer,
        "signer_name": decision.signer_name,
        "signer_title": decision.signer_title,
        "kind": decision.kind,
        "campaign_id": decision.campaign_id,
        "summary": decision.summary,
        "note": decision.note,
    }


def _award_row(award: Award, decision_id: int, default_year: int, position: int) -> dict:
    return {
        "decision_id": decision_id,
        "award_type": award.award_type,
        "staff_id": award.staff_id,
        "unit_id": award.unit_id,
        "year": award.year or default_year,
        "reason": nfc(award.reason),
        "amount": award.amount,
        "position": position,
        "certificate_serial": award.certificate_serial,
        "printed_at": award.printed_at,
    }


def add_decision(db: Database, decision: Decision, awards: list[Award]) -> int:
    """Save a decision with its award lines in one transaction; positions follow list order.

    Raises:
        ValidationError: duplicate number, duplicate award, unknown type, wrong recipient...;
            nothing is written.
    """
    decision = normalized_decision(decision)
    errors = validate_decision(db, decision)
    errors.update(validate_awards(db, awards, default_year=decision.year or 0, issued_on=decision.issued_on))
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        decision_id = int(db["decisions"].insert(_decision_row(decision)).last_pk)
        audit.record(
            db, "them", "decisions", decision_id,
            f"{decision.number} ngày {format_date(decision.issued_on)}: {len(awards)} lượt khen thưởng",
        )
        _insert_awards(db, decision_id, decision.year or 0, awards, start=1)
    return decision_id


def _insert_awards(db: Database, decision_id: int, default_year: int, awards: list[Award], *, start: int) -> list[int]:
    ids = []
    for offset, award in enumerate(awards):
        row = _award_row(award, decision_id, default_year, start + offset)
        award_id = int(db["awards"].insert(row).last_pk)
        ids.append(award_id)
    if awards:
        audit.record(
            db, "them", "awards", decision_id,
            f"{len(awards)} lượt: " + ", ".join(f"{a.award_type}/{a.staff_id or a.unit_id}" for a in awards[:20]),
        )
    return ids


def add_awards(db: Database, decision_id: int, awards: list[Award]) -> list[int]:
    """Append award lines to an existing decision (after its current last position).

    Raises:
        ValidationError, NotFoundError: nothing is written.
    """
    decision = get_decision(db, decision_id)
    errors = validate_awards(db, awards, default_year=decision.year or 0, issued_on=decision.issued_on)
    if errors:
        raise ValidationError(errors)
    sql = "SELECT coalesce(max(position), 0) FROM awards WHERE decision_id = ?"
    last = db.execute(sql, [decision_id]).fetchone()[0]
    with db.atomic():
        return _insert_awards(db, decision_id, decision.year or 0, awards, start=last + 1)


def update_decision(db: Database, decision: Decision, awards: list[Award] | None = None) -> None:
    """Save the decision header; with ``awards``, also make its list exactly that (in that order).

    Lines with an id keep their certificate serial and print date; missing lines are removed.

    Raises:
        ValidationError, NotFoundError: nothing is written.
    """
    if decision.id is None:
        raise NotFoundError("Chưa chọn quyết định để sửa.")
    before = get_decision(db, decision.id)
    decision = normalized_decision(decision)
    errors = validate_decision(db, decision)
    if awards is not None:
        errors.update(validate_awards(db, awards, default_year=decision.year or 0, issued_on=decision.issued_on))
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        db["decisions"].update(decision.id, _decision_row(decision))
        audit.record(
            db, "sua", "decisions", decision.id,
            audit.diff_summary(_decision_row(before), _decision_row(decision)),
        )
        if awards is None:
            return
        keep = {a.id for a in awards if a.id is not None}
        current = [r["id"] for r in db.query("SELECT id FROM awards WHERE decision_id = ?", [decision.id])]
        for award_id in current:
            if award_id not in keep:
                db["awards"].delete(award_id)
                audit.record(db, "xoa", "awards", award_id, f"bỏ khỏi quyết định {decision.number}")
        for position, award in enumerate(awards, start=1):
            row = _award_row(award, decision.id, decision.year or 0, position)
            if award.id is not None and award.id in current:
                db["awards"].update(award.id, row)
            else:
                award_id = int(db["awards"].insert(row).last_pk)
                audit.record(db, "them", "awards", award_id, f"{award.award_type} vào {decision.number}")


def remove_award(db: Database, award_id: int) -> None:
    """Delete one award line (entered by mistake).

    Raises:
        NotFoundError: no such award.
    """
    award = get_award(db, award_id)
    with db.atomic():
        db["awards"].delete(award_id)
        audit.record(
            db, "xoa", "awards", award_id,
            f"{award.award_name} – {award.recipient_name} ({award.year}), QĐ {award.decision_number}",
        )


def remove_awards(db: Database, award_ids: list[int]) -> None:
    """Delete several award lines in one transaction (all or none)."""
    with db.atomic():
        for award_id in award_ids:
            remove_award(db, award_id)


def delete_decision(db: Database, decision_id: int) -> None:
    """Delete a decision and all its award lines in one transaction."""
    decision = get_decision(db, decision_id)
    with db.atomic():
        db.execute("DELETE FROM awards WHERE decision_id = ?", [decision_id])
        db["decisions"].delete(decision_id)
        audit.record(
            db, "xoa", "decisions", decision_id,
            f"{decision.number} ngày {format_date(decision.issued_on)} ({decision.award_count} lượt)",
        )


def mark_printed(db: Database, award_ids: list[int], *, serials: dict[int, str] | None = None) -> None:
    """Record that certificates were printed now (printing calls this), optionally with serials."""
    now = dt.datetime.now().isoformat(timespec="seconds")
    serials = serials or {}
    with db.atomic():  # two batched statements: a 1,000-page run is not 1,000 single-row updates
        db.conn.executemany("UPDATE awards SET printed_at = ?, certificate_serial = ? WHERE id = ?",
                            [(now, serials[i], i) for i in award_ids if i in serials])
        db.conn.executemany("UPDATE awards SET printed_at = ? WHERE id = ?",
                            [(now, i) for i in award_ids if i not in serials])
        audit.record(db, "in", "awards", None, f"in {len(award_ids)} giấy chứng nhận")
