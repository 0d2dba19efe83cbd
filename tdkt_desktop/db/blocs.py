"""Emulation blocs: the blocs, their member organisations, yearly head/deputy, and the yearly pact."""

from __future__ import annotations

import datetime as dt
import json

from sqlite_utils import Database

from tdkt_desktop.db import audit
from tdkt_desktop.db.bloc_records import Bloc, BlocMember, BlocYear, Pact, PactSigner
from tdkt_desktop.errors import NotFoundError, ValidationError
from tdkt_desktop.text import fold, nfc, one_line, tokens
from tdkt_desktop.vocabulary import BLOC_LEVELS


def member_key(name: str) -> str:
    """Matching key ignoring case, diacritics, spacing and punctuation ('Sở  KH&CN' ≡ 'so khcn')."""
    return "".join(tokens(name))


# --- blocs ------------------------------------------------------------------------------------


def _row_to_bloc(row: dict) -> Bloc:
    return Bloc(
        id=row["id"], name=row["name"], level=row["level"], governing_body=row["governing_body"],
        council=row["council"], place_name=row["place_name"], regulation=row["regulation"],
        vote_rules=json.loads(row["vote_rules"] or "{}"), note=row["note"], sort_order=row["sort_order"],
        active=bool(row["active"]),
    )


def list_blocs(db: Database, *, include_inactive: bool = False) -> list[Bloc]:
    """Blocs in display order."""
    where = None if include_inactive else "active = 1"
    return [_row_to_bloc(r) for r in db["blocs"].rows_where(where, order_by="sort_order, fold")]


def get_bloc(db: Database, bloc_id: int) -> Bloc:
    """One bloc.

    Raises:
        NotFoundError: no such bloc.
    """
    rows = list(db["blocs"].rows_where("id = ?", [bloc_id]))
    if not rows:
        raise NotFoundError(f"Không tìm thấy khối thi đua (mã {bloc_id}).")
    return _row_to_bloc(rows[0])


def find_bloc(db: Database, name: str) -> Bloc | None:
    """The bloc named ``name`` (case, diacritics and spacing ignored), or the only one whose name contains it."""
    key = member_key(name)
    if not key:
        return None
    blocs = list_blocs(db, include_inactive=True)
    exact = [b for b in blocs if member_key(b.name) == key]
    if exact:
        return exact[0]
    partial = [b for b in blocs if key in member_key(b.name)]
    return partial[0] if len(partial) == 1 else None


def save_bloc(db: Database, bloc: Bloc) -> int:
    """Add (id None) or update a bloc; ``vote_rules`` must already be checked by the caller.

    Raises:
        ValidationError: blank or duplicate name, unknown level.
    """
    name = one_line(bloc.name)
    errors = {}
    if not name:
        errors["name"] = "Tên khối thi đua không được để trống."
    elif db["blocs"].count_where("fold = ? AND id != ?", [fold(name), bloc.id or 0]):
        errors["name"] = f"Khối “{name}” đã có."
    if bloc.level not in BLOC_LEVELS:
        errors["level"] = f"Cấp của khối “{bloc.level}” không hợp lệ."
    if errors:
        raise ValidationError(errors)
    row = {
        "name": name, "fold": fold(name), "level": bloc.level, "governing_body": one_line(bloc.governing_body),
        "council": one_line(bloc.council), "place_name": one_line(bloc.place_name), "regulation": nfc(bloc.regulation),
        "vote_rules": json.dumps(bloc.vote_rules, ensure_ascii=False, sort_keys=True), "note": nfc(bloc.note),
        "sort_order": bloc.sort_order, "active": int(bloc.active),
    }
    with db.atomic():
        if bloc.id is None:
            bloc_id = int(db["blocs"].insert(row).last_pk)
            audit.record(db, "them", "blocs", bloc_id, name)
        else:
            bloc_id = bloc.id
            audit.update(db, "blocs", bloc_id, row)
    return bloc_id


# --- members ----------------------------------------------------------------------------------


def _row_to_member(row: dict) -> BlocMember:
    return BlocMember(
        id=row["id"], bloc_id=row["bloc_id"], name=row["name"], short_name=row["short_name"],
        contact_person=row["contact_person"], phone=row["phone"], is_self=bool(row["is_self"]),
        sort_order=row["sort_order"], active=bool(row["active"]),
    )


def list_members(db: Database, bloc_id: int, *, include_inactive: bool = False) -> list[BlocMember]:
    """Members of a bloc in list order."""
    where = "bloc_id = ?" + ("" if include_inactive else " AND active = 1")
    return [_row_to_member(r) for r in db["bloc_members"].rows_where(where, [bloc_id], order_by="sort_order, id")]


def get_member(db: Database, member_id: int) -> BlocMember:
    """One member.

    Raises:
        NotFoundError: no such member.
    """
    rows = list(db["bloc_members"].rows_where("id = ?", [member_id]))
    if not rows:
        raise NotFoundError(f"Không tìm thấy đơn vị thành viên (mã {member_id}).")
    return _row_to_member(rows[0])


def member_names(db: Database, bloc_id: int) -> dict[int, str]:
    """member id → name, including members no longer active (their past results keep a name)."""
    return {r["id"]: r["name"] for r in db.query("SELECT id, name FROM bloc_members WHERE bloc_id = ?", [bloc_id])}


def save_member(db: Database, member: BlocMember) -> int:
    """Add (id None) or update a member organisation.

    Raises:
        ValidationError: blank or duplicate name, or a second member marked as the office itself.
    """
    name = one_line(member.name)
    errors = {}
    get_bloc(db, member.bloc_id)
    if not name:
        errors["name"] = "Tên đơn vị thành viên không được để trống."
    else:
        key = member_key(name)
        for other in list_members(db, member.bloc_id, include_inactive=True):
            if other.id != member.id and member_key(other.name) == key:
                errors["name"] = f"Khối đã có đơn vị “{other.name}”."
    if member.is_self:
        mine = next((m for m in list_members(db, member.bloc_id, include_inactive=True)
                     if m.is_self and m.id != member.id), None)
        if mine:
            errors["is_self"] = f"Khối đã đánh dấu “{mine.name}” là cơ quan mình; mỗi khối chỉ có một."
    if errors:
        raise ValidationError(errors)
    row = {
        "bloc_id": member.bloc_id, "name": name, "fold": fold(name), "short_name": one_line(member.short_name),
        "contact_person": one_line(member.contact_person), "phone": one_line(member.phone),
        "is_self": int(member.is_self), "sort_order": member.sort_order, "active": int(member.active),
    }
    with db.atomic():
        if member.id is None:
            if not member.sort_order:
                row["sort_order"] = (db.execute("SELECT coalesce(max(sort_order), 0) + 1 FROM bloc_members "
                                                "WHERE bloc_id = ?", [member.bloc_id]).fetchone()[0])
            member_id = int(db["bloc_members"].insert(row).last_pk)
            audit.record(db, "them", "bloc_members", member_id, name)
        else:
            member_id = member.id
            audit.update(db, "bloc_members", member_id, row)
    return member_id


def set_member_active(db: Database, member_id: int, active: bool) -> None:
    """A member leaves the bloc (kept for past years' results) or rejoins it."""
    member = get_member(db, member_id)
    with db.atomic():
        db["bloc_members"].update(member_id, {"active": int(active)})
        audit.record(db, "sua", "bloc_members", member_id,
                     f"{member.name}: {'tham gia lại' if active else 'thôi tham gia'}")


# --- yearly head and deputy --------------------------------------------------------------------


def _row_to_year(row: dict) -> BlocYear:
    return BlocYear(
        bloc_id=row["bloc_id"], year=row["year"], head_id=row["head_id"], deputy_id=row["deputy_id"],
        theme=row["theme"], note=row["note"], head_name=row["head_name"] or "", deputy_name=row["deputy_name"] or "",
    )


_YEAR_SQL = (
    "SELECT y.*, h.name AS head_name, d.name AS deputy_name FROM bloc_years y "
    "LEFT JOIN bloc_members h ON h.id = y.head_id LEFT JOIN bloc_members d ON d.id = y.deputy_id "
)


def list_years(db: Database, bloc_id: int) -> list[BlocYear]:
    """The rotation history: every year's head and deputy, latest first."""
    return [_row_to_year(r) for r in db.query(_YEAR_SQL + "WHERE y.bloc_id = ? ORDER BY y.year DESC", [bloc_id])]


def get_year(db: Database, bloc_id: int, year: int) -> BlocYear | None:
    """Head, deputy and theme of one year, or None when not recorded."""
    rows = list(db.query(_YEAR_SQL + "WHERE y.bloc_id = ? AND y.year = ?", [bloc_id, year]))
    return _row_to_year(rows[0]) if rows else None


def _check_year(db: Database, entry: BlocYear) -> dict[str, str]:
    errors = {}
    if not 1945 <= entry.year <= 2100:
        errors["year"] = f"Năm {entry.year} không hợp lệ."
    members = {m.id: m for m in list_members(db, entry.bloc_id, include_inactive=True)}
    roles = (("head_id", entry.head_id, "Khối trưởng"), ("deputy_id", entry.deputy_id, "Khối phó"))
    for key, member_id, label in roles:
        if member_id is not None and member_id not in members:
            errors[key] = f"{label} phải là một đơn vị thành viên của khối."
    if entry.head_id is not None and entry.head_id == entry.deputy_id:
        errors["deputy_id"] = (f"“{members[entry.head_id].name}” không thể vừa là Khối trưởng vừa là Khối phó "
                               f"năm {entry.year}.")
    return errors


def save_year(db: Database, entry: BlocYear) -> None:
    """Set the head, deputy and theme of a year (one head, at most one deputy, never the same member).

    Raises:
        ValidationError: a member outside the bloc, or head and deputy the same; nothing is saved.
    """
    errors = _check_year(db, entry)
    if errors:
        raise ValidationError(errors)
    row = {"bloc_id": entry.bloc_id, "year": entry.year, "head_id": entry.head_id, "deputy_id": entry.deputy_id,
           "theme": one_line(entry.theme), "note": nfc(entry.note)}
    before = get_year(db, entry.bloc_id, entry.year)
    with db.atomic():
        db["bloc_years"].upsert(row, pk=("bloc_id", "year"))
        after = get_year(db, entry.bloc_id, entry.year)
        summary = f"năm {entry.year}: khối trưởng {after.head_name or '—'}, khối phó {after.deputy_name or '—'}"
        if before:
            summary += f" (trước: {before.head_name or '—'}, {before.deputy_name or '—'})"
        audit.record(db, "luu", "bloc_years", f"{entry.bloc_id}/{entry.year}", summary)


# --- pacts ------------------------------------------------------------------------------------


def get_pact(db: Database, bloc_id: int, year: int) -> Pact | None:
    """The pact of a bloc-year with its items and signers, or None."""
    rows = list(db["bloc_pacts"].rows_where("bloc_id = ? AND year = ?", [bloc_id, year]))
    if not rows:
        return None
    row = rows[0]
    items = tuple(r["content"]
                  for r in db["bloc_pact_items"].rows_where("pact_id = ?", [row["id"]], order_by="position"))
    signers = tuple(
        PactSigner(member_id=r["member_id"], signer_name=r["signer_name"], signer_title=r["signer_title"],
                   member_name=r["name"])
        for r in db.query(
            "SELECT s.*, m.name FROM bloc_pact_signers s JOIN bloc_members m ON m.id = s.member_id "
            "WHERE s.pact_id = ? ORDER BY m.sort_order, m.id", [row["id"]],
        )
    )
    return Pact(
        id=row["id"], bloc_id=row["bloc_id"], year=row["year"], title=row["title"],
        signed_on=dt.date.fromisoformat(row["signed_on"]) if row["signed_on"] else None,
        place=row["place"], note=row["note"], items=items, signers=signers,
    )


def save_pact(db: Database, pact: Pact) -> int:
    """Create or replace the pact of a bloc-year (items renumbered 1…n, signers replaced).

    Raises:
        ValidationError: blank title, no commitment, a signer outside the bloc; nothing is saved.
    """
    errors = {}
    title = one_line(pact.title)
    items = [one_line(i) for i in pact.items if one_line(i)]
    if not title:
        errors["title"] = "Tên giao ước không được để trống."
    if not items:
        errors["items"] = "Giao ước cần ít nhất một nội dung cam kết."
    members = {m.id for m in list_members(db, pact.bloc_id, include_inactive=True)}
    if any(s.member_id not in members for s in pact.signers):
        errors["signers"] = "Chỉ đơn vị thành viên của khối mới ký giao ước."
    if errors:
        raise ValidationError(errors)
    existing = get_pact(db, pact.bloc_id, pact.year)
    row = {"bloc_id": pact.bloc_id, "year": pact.year, "title": title,
           "signed_on": pact.signed_on.isoformat() if pact.signed_on else None,
           "place": one_line(pact.place), "note": nfc(pact.note)}
    with db.atomic():
        if existing is None:
            pact_id = int(db["bloc_pacts"].insert(row).last_pk)
        else:
            pact_id = int(existing.id)  # type: ignore[arg-type]
            db["bloc_pacts"].update(pact_id, row)
            db.execute("DELETE FROM bloc_pact_items WHERE pact_id = ?", [pact_id])
            db.execute("DELETE FROM bloc_pact_signers WHERE pact_id = ?", [pact_id])
        db["bloc_pact_items"].insert_all(
            [{"pact_id": pact_id, "position": i, "content": c} for i, c in enumerate(items, start=1)]
        )
        if pact.signers:
            db["bloc_pact_signers"].insert_all(
                [{"pact_id": pact_id, "member_id": s.member_id, "signer_name": one_line(s.signer_name),
                  "signer_title": one_line(s.signer_title)} for s in pact.signers]
            )
        audit.record(db, "luu", "bloc_pacts", pact_id,
                     f"{title} năm {pact.year}: {len(items)} nội dung, {len(pact.signers)} đơn vị ký")
    return pact_id


def active_year(db: Database, bloc_id: int) -> int | None:
    """The latest year with meetings or scores (else leaders or a pact) — where the officer left off."""
    for sql in (
        "SELECT max(year) FROM (SELECT year FROM bloc_meetings WHERE bloc_id = ?1 "
        "UNION SELECT year FROM bloc_criteria WHERE bloc_id = ?1)",
        "SELECT max(year) FROM (SELECT year FROM bloc_years WHERE bloc_id = ?1 "
        "UNION SELECT year FROM bloc_pacts WHERE bloc_id = ?1)",
    ):
        year = db.execute(sql, [bloc_id]).fetchone()[0]
        if year is not None:
            return int(year)
    return None
