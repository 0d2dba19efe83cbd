"""What a checked import will change, line by line and field by field, before anything is written.

The same list is shown in the import window and printed by ``import --dry-run``:
"CB001 · Họ và tên: Hoàng Văn Thắng → Nguyễn Văn An", "Đơn vị mới: VP Sở", …
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from tdkt_desktop.db import catalog
from tdkt_desktop.db import ratings as ratings_db
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import units as units_db
from tdkt_desktop.db.records import Staff
from tdkt_desktop.importing.plan import ImportPlan
from tdkt_desktop.text import fold, format_date

#: Kinds of change, in the order they are listed, with their Vietnamese label.
KINDS = {
    "sua_can_bo": "Sửa cán bộ",
    "them_can_bo": "Thêm cán bộ",
    "don_vi_moi": "Đơn vị mới",
    "xep_loai": "Xếp loại",
    "sang_kien": "Sáng kiến",
    "quyet_dinh_moi": "Quyết định mới",
    "khen_thuong": "Khen thưởng",
}

_STAFF_FIELDS = (
    ("full_name", "Họ và tên", str),
    ("birth_date", "Ngày sinh", format_date),
    ("gender", "Giới tính", str),
    ("position", "Chức vụ", str),
    ("recruited_on", "Ngày tuyển dụng", format_date),
)


@dataclass(frozen=True)
class PlannedChange:
    """One line of the preview: what kind of change, and the sentence that says it."""

    kind: str
    text: str

    @property
    def label(self) -> str:
        """'Sửa cán bộ', 'Đơn vị mới', …"""
        return KINDS[self.kind]

    def line(self) -> str:
        """One line for the console."""
        return f"{self.label}: {self.text}"


def _value(text: str) -> str:
    return text if text else "(trống)"


def staff_changes(old: Staff, new: Staff, unit: str) -> list[str]:
    """'Họ và tên: Hoàng Văn Thắng → Nguyễn Văn An' for each field that differs."""
    changes = []
    for key, label, show in _STAFF_FIELDS:
        before, after = show(getattr(old, key)), show(getattr(new, key))
        if before != after:
            changes.append(f"{label}: {_value(before)} → {_value(after)}")
    if fold(old.unit_name) != fold(unit):
        changes.append(f"Đơn vị: {_value(old.unit_name)} → {_value(unit)}")
    return changes


def _staff(db: Database, plan: ImportPlan, out: list[PlannedChange]) -> None:
    people = {s.id: s for s in staff_db.list_staff(db)}
    for op, record, unit in plan.staff:
        if op == "update":
            old = people[record.id]
            for change in staff_changes(old, record, unit):
                out.append(PlannedChange("sua_can_bo", f"{record.code} · {change}"))
    for op, record, unit in plan.staff:
        if op == "add":
            where = f" ({unit})" if unit else ""
            out.append(PlannedChange("them_can_bo", f"{record.code} · {record.full_name}{where}"))


def new_units(db: Database, plan: ImportPlan) -> list[str]:
    """Names of the units the import will create (as the file writes them, first spelling kept)."""
    known = {fold(u.name) for u in units_db.list_units(db, kind=None)}
    wanted = [unit for op, _record, unit in plan.staff if op != "same"]
    wanted += [unit for group in plan.decisions.values() for _award, code, unit in group["new"] if not code]
    names: dict[str, str] = {}
    for name in wanted:
        key = fold(name)
        if key and key not in known:
            names.setdefault(key, name)
    return list(names.values())


def _ratings(db: Database, plan: ImportPlan, out: list[PlannedChange]) -> None:
    codes = {s.id: s.code for s in staff_db.list_staff(db)}
    old = {}
    for year in sorted({r.year for op, _code, r in plan.ratings if op == "update"}):
        old.update({(codes[r.staff_id], year): r for r in ratings_db.ratings_for_year(db, year)})
    for op, code, rating in plan.ratings:
        if op == "add":
            text = f"{code} · Xếp loại {rating.year}: {rating.rating}"
            if rating.discipline:
                text += f", kỷ luật {rating.discipline}"
            out.append(PlannedChange("xep_loai", text))
        elif op == "update":
            before = old[(code, rating.year)]
            if before.rating != rating.rating:
                text = f"{code} · Xếp loại {rating.year}: {before.rating} → {rating.rating}"
                out.append(PlannedChange("xep_loai", text))
            if before.discipline != rating.discipline:
                out.append(PlannedChange(
                    "xep_loai",
                    f"{code} · Kỷ luật {rating.year}: {_value(before.discipline)} → {_value(rating.discipline)}",
                ))


def _initiatives(db: Database, plan: ImportPlan, out: list[PlannedChange]) -> None:
    old = {}
    for year in sorted({i.year for op, _code, i in plan.initiatives if op == "update"}):
        old.update({i.id: i for i in ratings_db.initiatives_for_year(db, year)})
    for op, code, item in plan.initiatives:
        what = f"{code} · {ratings_db.INITIATIVE_KINDS[item.kind]} {item.year} “{item.title}”"
        if op == "add":
            out.append(PlannedChange("sang_kien", f"{what}, phạm vi {ratings_db.SCOPES[item.scope].lower()}"))
        elif op == "update" and item.id in old:
            before = old[item.id]
            if before.scope != item.scope:
                out.append(PlannedChange(
                    "sang_kien",
                    f"{what} · Phạm vi: {ratings_db.SCOPES[before.scope]} → {ratings_db.SCOPES[item.scope]}",
                ))
            if before.kind != item.kind:
                kinds = ratings_db.INITIATIVE_KINDS
                out.append(PlannedChange("sang_kien", f"{what} · Loại: {kinds[before.kind]} → {kinds[item.kind]}"))


def _awards(db: Database, plan: ImportPlan, out: list[PlannedChange]) -> None:
    names = {t.code: t.name for t in catalog.list_award_types(db, active_only=False)}
    for group in plan.decisions.values():
        if not group["new"]:
            continue
        decision = group["decision"]
        number = f"{decision.number} ngày {format_date(decision.issued_on)} của {decision.issuer}"
        if group["id"] is None:
            out.append(PlannedChange("quyet_dinh_moi", f"Quyết định số {number}"))
        for award, code, unit in group["new"]:
            who = code or f"Tập thể {unit}"
            out.append(PlannedChange("khen_thuong", f"{who} · {names.get(award.award_type, award.award_type)} "
                                                    f"{award.year} (Quyết định số {decision.number})"))


def describe_plan(db: Database, plan: ImportPlan) -> list[PlannedChange]:
    """Every change a checked plan will make, compared with the database as it is now (nothing written)."""
    if not plan.ok:
        return []
    out: list[PlannedChange] = []
    _staff(db, plan, out)
    out.extend(PlannedChange("don_vi_moi", name) for name in new_units(db, plan))
    _ratings(db, plan, out)
    _initiatives(db, plan, out)
    _awards(db, plan, out)
    order = list(KINDS)
    return sorted(out, key=lambda c: order.index(c.kind))  # stable: file order within each kind


def changed_people(db: Database, plan: ImportPlan) -> list[Staff]:
    """People already in the register whose record the import changes, as the register has them now."""
    ids = [record.id for op, record, _unit in plan.staff if op == "update"]
    if not ids:
        return []
    people = {s.id: s for s in staff_db.list_staff(db)}
    return [people[staff_id] for staff_id in ids]
