"""Units of the office (tree) and external organisations."""

from __future__ import annotations

from sqlite_utils import Database

from tdkt_desktop.db import audit
from tdkt_desktop.db.records import Unit
from tdkt_desktop.errors import ValidationError
from tdkt_desktop.text import fold, nfc


def _row_to_unit(row: dict) -> Unit:
    return Unit(
        id=row["id"],
        name=row["name"],
        parent_id=row["parent_id"],
        kind=row["kind"],
        short_name=row["short_name"],
        sort_order=row["sort_order"],
        active=bool(row["active"]),
    )


def _to_row(unit: Unit, name: str) -> dict:
    return {
        "name": name,
        "fold": fold(name),
        "short_name": nfc(unit.short_name),
        "parent_id": unit.parent_id,
        "kind": unit.kind,
        "sort_order": unit.sort_order,
        "active": int(unit.active),
    }


def list_units(db: Database, *, kind: str | None = "noi_bo") -> list[Unit]:
    """Units ordered for display (sort order, then name); ``kind=None`` gives all."""
    where, args = ("kind = ?", [kind]) if kind else (None, [])
    rows = db["units"].rows_where(where, args, order_by="sort_order, fold")
    return [_row_to_unit(r) for r in rows]


def get_unit(db: Database, unit_id: int) -> Unit:
    """One unit by id (raises NotFoundError from sqlite-utils if missing)."""
    return _row_to_unit(db["units"].get(unit_id))


def find_unit(db: Database, name: str, *, parent_id: int | None = None) -> Unit | None:
    """The unit whose name folds to the same key as ``name`` (diacritics and case ignored)."""
    rows = list(
        db["units"].rows_where(
            "fold = ? AND coalesce(parent_id, 0) = ?", [fold(name), parent_id or 0], limit=1
        )
    )
    return _row_to_unit(rows[0]) if rows else None


def add_unit(db: Database, unit: Unit) -> int:
    """Insert a unit; the name must be non-empty and unique under its parent.

    Raises:
        ValidationError: empty or duplicate name.
    """
    name = nfc(unit.name)
    if not name:
        raise ValidationError({"name": "Tên đơn vị không được để trống."})
    if find_unit(db, name, parent_id=unit.parent_id):
        raise ValidationError({"name": f"Đơn vị “{name}” đã có."})
    with db.atomic():
        unit_id = db["units"].insert(_to_row(unit, name)).last_pk
        audit.record(db, "them", "units", unit_id, name)
    return int(unit_id)


def ensure_unit(db: Database, name: str, *, kind: str = "noi_bo") -> int:
    """The id of the unit named ``name``, created on first use (imports)."""
    existing = find_unit(db, name)
    if existing:
        return int(existing.id)  # type: ignore[arg-type]
    return add_unit(db, Unit(id=None, name=name, kind=kind))


def update_unit(db: Database, unit: Unit) -> None:
    """Rename or move a unit; the name stays unique under its parent and the tree has no cycle.

    Raises:
        ValidationError: empty/duplicate name, or a parent inside the unit itself.
    """
    name = nfc(unit.name)
    if not name:
        raise ValidationError({"name": "Tên đơn vị không được để trống."})
    other = find_unit(db, name, parent_id=unit.parent_id)
    if other and other.id != unit.id:
        raise ValidationError({"name": f"Đơn vị “{name}” đã có."})
    parent = unit.parent_id
    while parent is not None:
        if parent == unit.id:
            raise ValidationError({"parent_id": "Không thể đặt một đơn vị vào trong chính nó."})
        parent = db["units"].get(parent)["parent_id"]
    with db.atomic():
        audit.update(db, "units", unit.id, _to_row(unit, name))
