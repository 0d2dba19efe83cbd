"""Award catalog: titles (danh hiệu thi đua) and forms (hình thức khen thưởng), seeded from resources."""

from __future__ import annotations

from sqlite_utils import Database

from tdkt_desktop.db import audit
from tdkt_desktop.db.award_records import AwardType
from tdkt_desktop.errors import NotFoundError, ValidationError
from tdkt_desktop.text import nfc, one_line, tokens
from tdkt_desktop.vocabulary import AWARD_KINDS, AWARD_TARGETS

# Words people put before the name in spreadsheets ("Danh hiệu Lao động tiên tiến").
_PREFIXES = ("danh hieu ", "hinh thuc ", "tang ")


def _row_to_type(row: dict) -> AwardType:
    return AwardType(
        code=row["code"],
        name=row["name"],
        short_name=row["short_name"],
        kind=row["kind"],
        target=row["target"],
        level=row["level"],
        authority=row["authority"],
        certificate_kind=row["certificate_kind"],
        sort_order=row["sort_order"],
        builtin=bool(row["builtin"]),
        active=bool(row["active"]),
        family=row["family"] or row["code"],
        aliases=tuple(a for a in row["aliases"].split("|") if a),
    )


def list_award_types(
    db: Database, *, target: str | None = None, active_only: bool = True, kind: str | None = None
) -> list[AwardType]:
    """The catalog in display order: titles first, then forms (each by sort order)."""
    clauses, args = [], []
    if target:
        clauses.append("target = ?")
        args.append(target)
    if kind:
        clauses.append("kind = ?")
        args.append(kind)
    if active_only:
        clauses.append("active = 1")
    where = " AND ".join(clauses) or None
    rows = db["award_types"].rows_where(
        where, args, order_by="CASE kind WHEN 'danh_hieu' THEN 0 ELSE 1 END, sort_order, code"
    )
    return [_row_to_type(r) for r in rows]


def get_award_type(db: Database, code: str) -> AwardType:
    """One type by code.

    Raises:
        NotFoundError: unknown code.
    """
    rows = list(db["award_types"].rows_where("code = ?", [code], limit=1))
    if not rows:
        raise NotFoundError(f"Không có danh hiệu/hình thức khen thưởng mã “{code}”.")
    return _row_to_type(rows[0])


def _key(text: str) -> str:
    key = " ".join(tokens(text))
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix) :]
    return key


def lookup_table(db: Database) -> dict[tuple[str, str], AwardType]:
    """(folded name/alias/code, target) → type, for fast bulk matching (imports)."""
    table: dict[tuple[str, str], AwardType] = {}
    # Inactive types still resolve (old files may hold them); active ones win a clash.
    for award_type in reversed(list_award_types(db, active_only=False)):
        keys = {award_type.code, _key(award_type.name), _key(award_type.short_name)}
        keys.update(_key(a) for a in award_type.aliases)
        for key in keys:
            if key:
                table[(key, award_type.target)] = award_type
    for award_type in list_award_types(db, active_only=True):
        for key in {award_type.code, _key(award_type.name), _key(award_type.short_name)}:
            if key:
                table[(key, award_type.target)] = award_type
    return table


def find_award_type(
    db: Database, text: str, *, target: str | None = None, table: dict | None = None
) -> AwardType | None:
    """The type named by code, name, short name or alias, ignoring case, diacritics, punctuation.

    "LĐTT", "cstdcs", "Giấy khen của Giám đốc Sở" all resolve. Giấy khen and Bằng khen exist for
    individuals and collectives; without ``target`` the individual one is returned.
    """
    text = nfc(text)
    if not text:
        return None
    table = table if table is not None else lookup_table(db)
    key = _key(text)
    for t in ([target] if target else ["ca_nhan", "tap_the"]):
        found = table.get((key, t))
        if found:
            return found
    return None


def _validate(db: Database, award_type: AwardType, *, new: bool) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not award_type.code:
        errors["code"] = "Mã loại khen thưởng không được để trống."
    elif new and db["award_types"].count_where("code = ?", [award_type.code]):
        errors["code"] = f"Mã “{award_type.code}” đã có trong danh mục."
    if not award_type.name:
        errors["name"] = "Tên danh hiệu/hình thức không được để trống."
    elif award_type.target in AWARD_TARGETS:
        key = _key(award_type.name)
        for other in list_award_types(db, target=award_type.target, active_only=False):
            if (new or other.code != award_type.code) and _key(other.name) == key:
                errors["name"] = f"Tên “{award_type.name}” trùng với một loại đã có trong danh mục."
    if award_type.kind not in AWARD_KINDS:
        errors["kind"] = "Hãy chọn: danh hiệu thi đua hoặc hình thức khen thưởng."
    if award_type.target not in AWARD_TARGETS:
        errors["target"] = "Hãy chọn đối tượng: cá nhân hoặc tập thể."
    return errors


def _to_row(award_type: AwardType) -> dict:
    return {
        "code": award_type.code,
        "name": award_type.name,
        "short_name": award_type.short_name,
        "kind": award_type.kind,
        "target": award_type.target,
        "level": award_type.level,
        "authority": award_type.authority,
        "certificate_kind": award_type.certificate_kind,
        "sort_order": award_type.sort_order,
        "builtin": int(award_type.builtin),
        "active": int(award_type.active),
        "family": award_type.family or award_type.code,
        "aliases": "|".join(award_type.aliases),
    }


def _normalized(award_type: AwardType) -> AwardType:
    import dataclasses

    code = award_type.code.strip() or "_".join(tokens(award_type.name))
    return dataclasses.replace(
        award_type,
        code=code,
        name=one_line(award_type.name),
        short_name=nfc(award_type.short_name),
        authority=nfc(award_type.authority),
        aliases=tuple(nfc(a) for a in award_type.aliases if nfc(a)),
    )


def add_award_type(db: Database, award_type: AwardType) -> str:
    """Add an office-specific type (builtin=False); the code is derived from the name when blank.

    Raises:
        ValidationError: nothing is written.
    """
    import dataclasses

    derived = not award_type.code.strip()
    award_type = dataclasses.replace(_normalized(award_type), builtin=False)
    if derived:
        # A code made from the name must not collide with an existing one ("giay_khen" → "giay_khen_2").
        base, n = award_type.code, 1
        while db["award_types"].count_where("code = ?", [award_type.code]):
            n += 1
            award_type = dataclasses.replace(award_type, code=f"{base}_{n}")
    errors = _validate(db, award_type, new=True)
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        db["award_types"].insert(_to_row(award_type))
        audit.record(db, "them", "award_types", award_type.code, award_type.name)
    return award_type.code


def update_award_type(db: Database, award_type: AwardType) -> None:
    """Edit a type (names, authority, active flag); the code and builtin flag never change."""
    import dataclasses

    before = get_award_type(db, award_type.code)
    award_type = dataclasses.replace(_normalized(award_type), builtin=before.builtin)
    errors = _validate(db, award_type, new=False)
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        db["award_types"].update(award_type.code, _to_row(award_type))
        audit.record(
            db, "sua", "award_types", award_type.code,
            audit.diff_summary(_to_row(before), _to_row(award_type)),
        )


def label(award_type: AwardType) -> str:
    """'Giấy khen của Giám đốc Sở (tập thể)' where the name alone is ambiguous; else the name."""
    if award_type.kind != "hinh_thuc":
        return award_type.name
    return f"{award_type.name} ({AWARD_TARGETS[award_type.target].lower()})"


