"""Campaigns (phong trào thi đua): the campaign itself, its checklist, participating units, linked decisions."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlite_utils import Database

from tdkt_desktop.db import audit
from tdkt_desktop.db.award_records import Decision
from tdkt_desktop.db.campaign_records import Campaign, Criterion
from tdkt_desktop.db.decision_checks import _DECISION_SELECT, _row_to_decision
from tdkt_desktop.db.decisions import get_decision
from tdkt_desktop.db.records import Unit
from tdkt_desktop.errors import NotFoundError, ValidationError
from tdkt_desktop.text import fold, format_date, iso, nfc, one_line, tokens
from tdkt_desktop.vocabulary import CAMPAIGN_DOCUMENTS, CAMPAIGN_KINDS, CAMPAIGN_LEVELS, is_record_year

# Counts come from correlated sub-queries on indexed columns: 50 campaigns over 20,000
# registrations list in a few milliseconds, and the status needs no second query.
_SELECT = """
SELECT c.*,
  (SELECT count(*) FROM campaign_units cu WHERE cu.campaign_id = c.id) AS n_units,
  (SELECT count(*) FROM registrations r WHERE r.campaign_id = c.id) AS n_registrations,
  (SELECT count(*) FROM awards a JOIN decisions d ON d.id = a.decision_id WHERE d.campaign_id = c.id) AS n_awards,
  (SELECT count(*) FROM campaign_reviews v WHERE v.campaign_id = c.id AND v.kind = 'so_ket'
     AND v.held_on IS NOT NULL) AS n_so_ket,
  (SELECT v.held_on FROM campaign_reviews v WHERE v.campaign_id = c.id AND v.kind = 'tong_ket'
     AND v.held_on IS NOT NULL) AS tong_ket_on
FROM campaigns c
"""
_ORDER = " ORDER BY c.starts_on DESC, c.fold"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _row_to_campaign(row: dict) -> Campaign:
    return Campaign(
        id=row["id"], name=row["name"], kind=row["kind"], level=row["level"],
        starts_on=_date(row["starts_on"]), ends_on=_date(row["ends_on"]), doc_kind=row["doc_kind"],
        doc_number=row["doc_number"], doc_date=_date(row["doc_date"]), doc_issuer=row["doc_issuer"],
        goals=row["goals"], closed_on=_date(row["closed_on"]), note=row["note"],
        units=row.get("n_units") or 0, registrations=row.get("n_registrations") or 0,
        awards=row.get("n_awards") or 0, so_ket_held=row.get("n_so_ket") or 0,
        tong_ket_on=_date(row.get("tong_ket_on")),
    )


# --- reading ------------------------------------------------------------------------------------


def list_campaigns(db: Database, *, year: int | None = None) -> list[Campaign]:
    """Every campaign, newest first; with ``year``, only those whose period touches that year."""
    where, args = "", []
    if year is not None:
        where = " WHERE substr(c.starts_on, 1, 4) <= ? AND substr(c.ends_on, 1, 4) >= ?"
        args = [str(year), str(year)]
    return [_row_to_campaign(r) for r in db.query(_SELECT + where + _ORDER, args)]


def get_campaign(db: Database, campaign_id: int) -> Campaign:
    """One campaign with its counts.

    Raises:
        NotFoundError: no such campaign.
    """
    rows = list(db.query(_SELECT + " WHERE c.id = ?", [campaign_id]))
    if not rows:
        raise NotFoundError(f"Không tìm thấy phong trào có mã số nội bộ {campaign_id}.")
    return _row_to_campaign(rows[0])


def find_campaign(db: Database, name: str) -> Campaign | None:
    """The campaign with exactly this name (case and diacritics ignored), or None."""
    rows = list(db.query(_SELECT + " WHERE c.fold = ?", [fold(nfc(name))]))
    return _row_to_campaign(rows[0]) if rows else None


def match_campaigns(db: Database, text: str) -> list[Campaign]:
    """Campaigns a typed name may mean: the exact name if there is one, else every name holding all words."""
    exact = find_campaign(db, text)
    if exact is not None:
        return [exact]
    words = tokens(text)
    if not words:
        return []
    return [c for c in list_campaigns(db) if all(w in tokens(c.name) for w in words)]


def campaign_names(db: Database) -> dict[str, int]:
    """Folded name → id (imports resolve the "Phong trào" column with it)."""
    return {r["fold"]: r["id"] for r in db.query("SELECT id, fold FROM campaigns")}


def campaign_years(db: Database) -> list[int]:
    """Every year some campaign runs in, newest first (the list's year filter)."""
    years: set[int] = set()
    for row in db.query("SELECT starts_on, ends_on FROM campaigns"):
        years.update(range(int(row["starts_on"][:4]), int(row["ends_on"][:4]) + 1))
    return sorted(years, reverse=True)


# --- checking -----------------------------------------------------------------------------------


def normalized(campaign: Campaign) -> Campaign:
    """Trimmed NFC text with single spaces in the name."""
    return dataclasses.replace(
        campaign, name=one_line(campaign.name), doc_number=nfc(campaign.doc_number).replace(" ", ""),
        doc_issuer=one_line(campaign.doc_issuer), goals=nfc(campaign.goals), note=nfc(campaign.note),
    )


def _date_ok(value: dt.date) -> bool:
    return is_record_year(value.year, ahead=10)


def validate_campaign(db: Database, campaign: Campaign) -> dict[str, str]:
    """Field → Vietnamese message for everything wrong (name, codes, dates, period vs existing data)."""
    c = normalized(campaign)
    errors: dict[str, str] = {}
    if not c.name:
        errors["name"] = "Tên phong trào không được để trống."
    else:
        other = find_campaign(db, c.name)
        if other is not None and other.id != c.id:
            errors["name"] = f"Đã có phong trào “{other.name}” ({other.period_text()}); hãy đặt tên khác."
    if c.kind not in CAMPAIGN_KINDS:
        errors["kind"] = f"Loại phong trào “{c.kind}” không hợp lệ."
    if c.level not in CAMPAIGN_LEVELS:
        errors["level"] = f"Cấp phát động “{c.level}” không hợp lệ."
    if c.doc_kind not in CAMPAIGN_DOCUMENTS:
        errors["doc_kind"] = f"Loại văn bản phát động “{c.doc_kind}” không hợp lệ."
    for key, value, label in (("starts_on", c.starts_on, "Ngày bắt đầu"), ("ends_on", c.ends_on, "Ngày kết thúc")):
        if value is None:
            errors[key] = f"{label} của phong trào không được để trống."
        elif not _date_ok(value):
            errors[key] = f"{label} {format_date(value)} không hợp lệ."
    if "starts_on" not in errors and "ends_on" not in errors and c.ends_on <= c.starts_on:
        errors["ends_on"] = (
            f"Ngày kết thúc ({format_date(c.ends_on)}) phải sau ngày bắt đầu ({format_date(c.starts_on)})."
        )
    if c.doc_date is not None and c.ends_on is not None and c.doc_date > c.ends_on:
        errors["doc_date"] = (
            f"Ngày văn bản phát động ({format_date(c.doc_date)}) sau ngày kết thúc phong trào "
            f"({format_date(c.ends_on)})."
        )
    if c.closed_on is not None and c.starts_on is not None and c.closed_on < c.starts_on:
        errors["closed_on"] = f"Ngày kết thúc phong trào ({format_date(c.closed_on)}) trước ngày bắt đầu."
    if c.id is not None and not errors:
        errors.update(_period_conflicts(db, c))
    return errors


def _period_conflicts(db: Database, c: Campaign) -> dict[str, str]:
    """A new period must still hold the registrations and reviews already recorded."""
    errors = {}
    outside = list(db.query(
        "SELECT year, count(*) AS n FROM registrations WHERE campaign_id = ? AND (year < ? OR year > ?) "
        "GROUP BY year ORDER BY year", [c.id, c.starts_on.year, c.ends_on.year]))
    if outside:
        years = ", ".join(f"{r['year']} ({r['n']} đăng ký)" for r in outside)
        errors["starts_on"] = f"Đã có đăng ký thi đua cho năm {years} nằm ngoài thời gian mới của phong trào."
    early = list(db.query(
        "SELECT coalesce(held_on, planned_on) AS day FROM campaign_reviews WHERE campaign_id = ? "
        "AND coalesce(held_on, planned_on) < ? ORDER BY day LIMIT 1", [c.id, iso(c.starts_on)]))
    if early:
        errors["starts_on"] = (
            f"Đã có đợt sơ kết/tổng kết ngày {format_date(early[0]['day'])}, trước ngày bắt đầu mới "
            f"({format_date(c.starts_on)})."
        )
    return errors


# --- writing ------------------------------------------------------------------------------------


def _to_row(c: Campaign) -> dict:
    return {
        "name": c.name, "fold": fold(c.name), "kind": c.kind, "level": c.level,
        "starts_on": iso(c.starts_on), "ends_on": iso(c.ends_on), "doc_kind": c.doc_kind,
        "doc_number": c.doc_number, "doc_date": iso(c.doc_date), "doc_issuer": c.doc_issuer,
        "goals": c.goals, "closed_on": iso(c.closed_on), "note": c.note,
    }


def add_campaign(db: Database, campaign: Campaign, *, criteria: list[str] = (), unit_ids: list[int] = ()) -> int:
    """Create a campaign (with its checklist and participating units) in one transaction.

    Raises:
        ValidationError: bad name, codes or dates; nothing is written.
    """
    c = normalized(dataclasses.replace(campaign, id=None))
    errors = validate_campaign(db, c)
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        campaign_id = int(db["campaigns"].insert(_to_row(c)).last_pk)
        audit.record(db, "them", "campaigns", campaign_id, f"{c.name} ({c.period_text()})")
        set_criteria(db, campaign_id, list(criteria))
        set_campaign_units(db, campaign_id, list(unit_ids))
    return campaign_id


def update_campaign(db: Database, campaign: Campaign) -> None:
    """Save the campaign's fields (the checklist and units have their own functions).

    Raises:
        NotFoundError, ValidationError: nothing is written.
    """
    if campaign.id is None:
        raise NotFoundError("Chưa chọn phong trào để sửa.")
    before = get_campaign(db, campaign.id)
    c = normalized(campaign)
    errors = validate_campaign(db, c)
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        db["campaigns"].update(c.id, _to_row(c))
        audit.record(db, "sua", "campaigns", c.id, audit.diff_summary(_to_row(before), _to_row(c)))


def save_campaign(db: Database, campaign: Campaign, *, criteria: list[str], unit_ids: list[int]) -> int:
    """Create or update a campaign with its checklist and participating units, in one transaction.

    Raises:
        NotFoundError, ValidationError: nothing is written.
    """
    if campaign.id is None:
        return add_campaign(db, campaign, criteria=criteria, unit_ids=unit_ids)
    with db.atomic():
        update_campaign(db, campaign)
        set_criteria(db, campaign.id, criteria)
        set_campaign_units(db, campaign.id, unit_ids)
    return campaign.id


def close_campaign(db: Database, campaign_id: int, closed_on: dt.date) -> None:
    """Mark the campaign ended (đã kết thúc) on ``closed_on``; its data stays.

    Raises:
        ValidationError: the date is before the start.
    """
    c = get_campaign(db, campaign_id)
    if c.starts_on and closed_on < c.starts_on:
        raise ValidationError({"closed_on": (
            f"Ngày kết thúc phong trào ({format_date(closed_on)}) trước ngày bắt đầu ({format_date(c.starts_on)})."
        )})
    with db.atomic():
        db["campaigns"].update(campaign_id, {"closed_on": iso(closed_on)})
        audit.record(db, "dong", "campaigns", campaign_id, f"{c.name}: kết thúc ngày {format_date(closed_on)}")


def reopen_campaign(db: Database, campaign_id: int) -> None:
    """Undo :func:`close_campaign`."""
    c = get_campaign(db, campaign_id)
    with db.atomic():
        db["campaigns"].update(campaign_id, {"closed_on": None})
        audit.record(db, "mo_lai", "campaigns", campaign_id, c.name)


def delete_campaign(db: Database, campaign_id: int) -> None:
    """Delete a campaign entered by mistake, with its checklist, units, notes and reviews.

    Raises:
        ValidationError: it has registrations or awards (close it instead); nothing is deleted.
    """
    c = get_campaign(db, campaign_id)
    if c.registrations or c.awards or db["decisions"].count_where("campaign_id = ?", [campaign_id]):
        raise ValidationError({"id": (
            f"Không xóa được phong trào “{c.name}”: đã có {c.registrations} lượt đăng ký và {c.awards} lượt "
            "khen thưởng gắn với phong trào. Hãy dùng “Kết thúc phong trào” để giữ lại dữ liệu."
        )})
    with db.atomic():
        for sql in (
            "DELETE FROM review_results WHERE review_id IN (SELECT id FROM campaign_reviews WHERE campaign_id = ?)",
            "DELETE FROM campaign_reviews WHERE campaign_id = ?",
            "DELETE FROM campaign_evidence WHERE note_id IN (SELECT id FROM campaign_notes WHERE campaign_id = ?)",
            "DELETE FROM campaign_notes WHERE campaign_id = ?",
            "DELETE FROM campaign_criteria WHERE campaign_id = ?",
            "DELETE FROM campaign_units WHERE campaign_id = ?",
            "DELETE FROM campaigns WHERE id = ?",
        ):
            db.execute(sql, [campaign_id])
        audit.record(db, "xoa", "campaigns", campaign_id, f"{c.name} ({c.period_text()})")


def _row(db: Database, table: str, row_id: int, what: str) -> dict:
    """One row by id, or a Vietnamese NotFoundError (sqlite-utils' own error is not a user message)."""
    rows = list(db[table].rows_where("id = ?", [row_id]))
    if not rows:
        raise NotFoundError(f"Không tìm thấy {what} có mã số nội bộ {row_id}.")
    return rows[0]


# --- checklist and participating units ----------------------------------------------------------


def list_criteria(db: Database, campaign_id: int) -> list[Criterion]:
    """The checklist in its order."""
    rows = db.query("SELECT * FROM campaign_criteria WHERE campaign_id = ? ORDER BY position, id", [campaign_id])
    return [Criterion(r["id"], r["campaign_id"], r["text"], bool(r["done"]), r["position"]) for r in rows]


def set_criteria(db: Database, campaign_id: int, texts: list[str], *, done: set[str] = frozenset()) -> None:
    """Make the checklist exactly these lines (blank lines dropped); ticks follow the text."""
    lines = [nfc(t) for t in texts if nfc(t)]
    old_done = {fold(c.text) for c in list_criteria(db, campaign_id) if c.done} | {fold(t) for t in done}
    with db.atomic():
        db.execute("DELETE FROM campaign_criteria WHERE campaign_id = ?", [campaign_id])
        db["campaign_criteria"].insert_all(
            {"campaign_id": campaign_id, "position": i, "text": t, "done": int(fold(t) in old_done)}
            for i, t in enumerate(lines, start=1)
        )
        audit.record(db, "sua", "campaign_criteria", campaign_id, f"{len(lines)} tiêu chí")


def set_criterion_done(db: Database, criterion_id: int, done: bool) -> None:
    """Tick or untick one checklist line."""
    row = _row(db, "campaign_criteria", criterion_id, "tiêu chí")
    with db.atomic():
        db["campaign_criteria"].update(criterion_id, {"done": int(done)})
        audit.record(db, "sua", "campaign_criteria", criterion_id, f"{'đạt' if done else 'chưa đạt'}: {row['text']}")


def campaign_units(db: Database, campaign_id: int) -> list[Unit]:
    """Participating units in the office's display order."""
    from tdkt_desktop.db.units import _row_to_unit

    rows = db.query(
        "SELECT u.* FROM campaign_units cu JOIN units u ON u.id = cu.unit_id WHERE cu.campaign_id = ? "
        "ORDER BY u.sort_order, u.fold", [campaign_id])
    return [_row_to_unit(r) for r in rows]


def set_campaign_units(db: Database, campaign_id: int, unit_ids: list[int]) -> None:
    """Make the participating units exactly ``unit_ids``.

    Raises:
        ValidationError: an id is not a unit.
    """
    ids = list(dict.fromkeys(unit_ids))
    known = {r["id"] for r in db.query("SELECT id FROM units")}
    if any(i not in known for i in ids):
        raise ValidationError({"units": "Có đơn vị tham gia không còn trong danh sách đơn vị."})
    with db.atomic():
        db.execute("DELETE FROM campaign_units WHERE campaign_id = ?", [campaign_id])
        db["campaign_units"].insert_all({"campaign_id": campaign_id, "unit_id": i} for i in ids)
        audit.record(db, "sua", "campaign_units", campaign_id, f"{len(ids)} đơn vị tham gia")


# --- decisions made for the campaign ------------------------------------------------------------


def campaign_decisions(db: Database, campaign_id: int) -> list[Decision]:
    """Decisions recorded as made for this campaign, newest first."""
    sql = _DECISION_SELECT + " WHERE d.campaign_id = ? ORDER BY d.issued_on DESC, d.id DESC"
    return [_row_to_decision(r) for r in db.query(sql, [campaign_id])]


def link_decision(db: Database, campaign_id: int, decision_id: int) -> None:
    """Record that an existing decision was made for this campaign.

    Raises:
        ValidationError: the decision already belongs to another campaign.
    """
    c = get_campaign(db, campaign_id)
    decision = get_decision(db, decision_id)
    if decision.campaign_id not in (None, campaign_id):
        other = get_campaign(db, decision.campaign_id)
        raise ValidationError({"decision": (
            f"Quyết định số {decision.number} đã gắn với phong trào “{other.name}”; hãy bỏ gắn ở đó trước."
        )})
    with db.atomic():
        db["decisions"].update(decision_id, {"campaign_id": campaign_id})
        audit.record(db, "sua", "decisions", decision_id, f"gắn với phong trào “{c.name}”")


def unlink_decision(db: Database, decision_id: int) -> None:
    """The decision no longer counts as made for a campaign (the decision itself stays)."""
    decision = get_decision(db, decision_id)
    with db.atomic():
        db["decisions"].update(decision_id, {"campaign_id": None})
        db.execute("UPDATE campaign_reviews SET decision_id = NULL WHERE decision_id = ?", [decision_id])
        audit.record(db, "sua", "decisions", decision_id, f"bỏ gắn phong trào ({decision.number})")


def campaign_names_by_decision(db: Database, decision_ids: list[int] | None = None) -> dict[int, str]:
    """Decision id → the name of the campaign it was made for (person history, register)."""
    sql = "SELECT d.id, c.name FROM decisions d JOIN campaigns c ON c.id = d.campaign_id"
    rows = db.query(sql)
    wanted = set(decision_ids) if decision_ids is not None else None
    return {r["id"]: r["name"] for r in rows if wanted is None or r["id"] in wanted}
