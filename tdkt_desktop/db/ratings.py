"""Yearly ratings (HTXS / HTT / HT / KHT), discipline, and initiatives / research tasks per person."""

from __future__ import annotations

import dataclasses

from sqlite_utils import Database

from tdkt_desktop.db import audit
from tdkt_desktop.db.award_records import Initiative, Rating
from tdkt_desktop.errors import NotFoundError, ValidationError
from tdkt_desktop.text import fold, format_date, nfc, one_line, tokens
from tdkt_desktop.vocabulary import DISCIPLINE_ORDER, RATING_NAMES, discipline_label, is_record_year

INITIATIVE_KINDS = {"sang_kien": "Sáng kiến", "de_tai": "Đề tài, nhiệm vụ KH&CN"}
SCOPES = {"co_so": "Cơ sở", "bo_tinh": "Bộ, tỉnh", "toan_quoc": "Toàn quốc"}

# Folded spellings people use in spreadsheets → code (the full names come from vocabulary.RATING_NAMES).
_RATING_ALIASES = {
    **{" ".join(tokens(name)): code for code, name in RATING_NAMES.items()},
    **{code.lower(): code for code in RATING_NAMES},
    "hoan thanh xuat sac": "HTXS", "xuat sac": "HTXS", "hoan thanh tot": "HTT", "tot": "HTT",
    "hoan thanh": "HT", "khong hoan thanh": "KHT",
}
_DISCIPLINE_ALIASES = {
    **{" ".join(tokens(discipline_label(code))): code for code in DISCIPLINE_ORDER},
    **{code.replace("_", " "): code for code in DISCIPLINE_ORDER},
}
_SCOPE_ALIASES = {
    "co so": "co_so", "co_so": "co_so", "cap co so": "co_so",
    "bo tinh": "bo_tinh", "bo_tinh": "bo_tinh", "tinh": "bo_tinh", "bo": "bo_tinh", "cap tinh": "bo_tinh",
    "cap bo": "bo_tinh", "bo nganh tinh": "bo_tinh", "cap bo tinh": "bo_tinh",
    "toan quoc": "toan_quoc", "toan_quoc": "toan_quoc", "cap toan quoc": "toan_quoc",
}
_KIND_ALIASES = {
    "sang kien": "sang_kien", "sang_kien": "sang_kien", "sang kien cai tien": "sang_kien",
    "de tai": "de_tai", "de_tai": "de_tai", "de an": "de_tai", "nhiem vu khcn": "de_tai",
    "de tai nhiem vu kh cn": "de_tai", "de tai nhiem vu khcn": "de_tai",
}


def parse_rating(text: str | None) -> str | None:
    """'HTXS', 'htt', 'Hoàn thành xuất sắc nhiệm vụ' → code; None when not understood."""
    return _RATING_ALIASES.get(" ".join(tokens(text)))


def parse_discipline(text: str | None) -> str | None:
    """'Cảnh cáo', 'canh cao', 'canh_cao' → the code ('canh_cao'); '' for none; None when not understood."""
    key = " ".join(tokens(text)).replace("_", " ")
    if key in ("", "khong"):
        return ""
    return _DISCIPLINE_ALIASES.get(key)


def parse_scope(text: str | None) -> str | None:
    """'cơ sở', 'Bộ, tỉnh', 'toàn quốc' → scope code; None when not understood."""
    return _SCOPE_ALIASES.get(" ".join(tokens(text)))


def parse_initiative_kind(text: str | None) -> str | None:
    """'Sáng kiến' / 'Đề tài' → kind code ('' or blank gives sang_kien); None when not understood."""
    key = " ".join(tokens(text))
    return "sang_kien" if not key else _KIND_ALIASES.get(key)


def _year_ok(year: int) -> bool:
    return is_record_year(year)


def validate_rating(db: Database, rating: Rating) -> dict[str, str]:
    """Field → Vietnamese message (empty when valid).

    ``discipline`` is a code of ``vocabulary.DISCIPLINE_ORDER`` (or ''); a rating before the year the
    person was recruited is refused.
    """
    errors: dict[str, str] = {}
    if rating.rating not in RATING_NAMES:
        errors["rating"] = f"Xếp loại “{rating.rating}” không hợp lệ (HTXS, HTT, HT hoặc KHT)."
    if rating.discipline and rating.discipline not in DISCIPLINE_ORDER:
        choices = ", ".join(discipline_label(c) for c in DISCIPLINE_ORDER)
        errors["discipline"] = f"Hình thức kỷ luật “{rating.discipline}” không hợp lệ ({choices})."
    if not _year_ok(rating.year):
        errors["year"] = f"Năm {rating.year} không hợp lệ."
    row = db.execute("SELECT full_name, recruited_on FROM staff WHERE id = ?", [rating.staff_id]).fetchone()
    if row is None:
        errors["staff_id"] = "Cán bộ không có trong cơ sở dữ liệu."
    elif row[1] and _year_ok(rating.year) and rating.year < int(row[1][:4]):
        errors["year"] = (
            f"{row[0]}: không xếp loại năm {rating.year}, trước khi được tuyển dụng "
            f"(ngày {format_date(row[1])})."
        )
    return errors


def _rating_row(rating: Rating) -> dict:
    return {
        "staff_id": rating.staff_id,
        "year": rating.year,
        "rating": rating.rating,
        "discipline": rating.discipline,
        "note": rating.note,
    }


def set_ratings(db: Database, ratings: list[Rating]) -> int:
    """Insert or replace each person's rating for the year, in one transaction; returns rows changed.

    Raises:
        ValidationError: nothing is written.
    """
    ratings = [
        dataclasses.replace(r, rating=nfc(r.rating).upper(), discipline=nfc(r.discipline), note=nfc(r.note))
        for r in ratings
    ]
    errors: dict[str, str] = {}
    for i, rating in enumerate(ratings):
        for field, message in validate_rating(db, rating).items():
            errors[f"{field}_{i}"] = message
    if errors:
        raise ValidationError(errors)
    changed = 0
    with db.atomic():
        for rating in ratings:
            row = _rating_row(rating)
            existing = list(
                db["ratings"].rows_where("staff_id = ? AND year = ?", [rating.staff_id, rating.year])
            )
            if existing:
                old = existing[0]
                if all(old[k] == row[k] for k in row):
                    continue
                db["ratings"].update(old["id"], row)
                audit.record(db, "sua", "ratings", old["id"], audit.diff_summary(old, row))
            else:
                rid = db["ratings"].insert(row).last_pk
                audit.record(db, "them", "ratings", rid, f"{rating.staff_id}/{rating.year}: {rating.rating}")
            changed += 1
    return changed


def set_rating(db: Database, rating: Rating) -> None:
    """Insert or replace one person's rating for one year.

    Raises:
        ValidationError: nothing is written.
    """
    set_ratings(db, [rating])


def save_ratings(db: Database, ratings: list[Rating], *, clear: list[tuple[int, int]] = ()) -> int:
    """The grid's save: set these ratings and remove the (staff_id, year) pairs in ``clear``, all at once.

    Raises:
        ValidationError: nothing is written.
    """
    with db.atomic():
        changed = set_ratings(db, ratings)
        for staff_id, year in clear:
            delete_rating(db, staff_id, year)
    return changed + len(clear)


def delete_rating(db: Database, staff_id: int, year: int) -> None:
    """Remove a person's rating for a year (entered by mistake)."""
    with db.atomic():
        for row in list(db["ratings"].rows_where("staff_id = ? AND year = ?", [staff_id, year])):
            db["ratings"].delete(row["id"])
            audit.record(db, "xoa", "ratings", row["id"], f"{staff_id}/{year}: {row['rating']}")


def _row_to_rating(row: dict) -> Rating:
    return Rating(
        id=row["id"], staff_id=row["staff_id"], year=row["year"], rating=row["rating"],
        discipline=row["discipline"], note=row["note"],
    )


def ratings_for_year(db: Database, year: int) -> list[Rating]:
    """Every rating of a year."""
    # Plain cursor tuples and one object per distinct code: the ratings page reads 100,000 of them at once.
    texts: dict[str, str] = {}
    one = texts.setdefault
    return [Rating(i, staff_id, y, one(rating, rating), one(discipline, discipline), one(note, note))
            for i, staff_id, y, rating, discipline, note in db.execute(
                "SELECT id, staff_id, year, rating, discipline, note FROM ratings WHERE year = ? ORDER BY staff_id",
                [year]).fetchall()]


def ratings_of(db: Database, staff_id: int) -> list[Rating]:
    """One person's ratings, oldest first."""
    rows = db["ratings"].rows_where("staff_id = ?", [staff_id], order_by="year")
    return [_row_to_rating(r) for r in rows]


def rating_years(db: Database) -> list[int]:
    """Years that have ratings, newest first."""
    return [r["year"] for r in db.query("SELECT DISTINCT year FROM ratings ORDER BY year DESC")]


# --- initiatives --------------------------------------------------------------------------------


def _normalized_initiative(item: Initiative) -> Initiative:
    return dataclasses.replace(
        item, title=one_line(item.title), proof_ref=nfc(item.proof_ref)
    )


def validate_initiative(db: Database, item: Initiative) -> dict[str, str]:
    """Field → Vietnamese message (empty when valid); the same title twice in a year is refused."""
    item = _normalized_initiative(item)
    errors: dict[str, str] = {}
    if not item.title:
        errors["title"] = "Tên sáng kiến, đề tài không được để trống."
    if item.kind not in INITIATIVE_KINDS:
        errors["kind"] = f"Loại “{item.kind}” không hợp lệ (sáng kiến hoặc đề tài)."
    if item.scope not in SCOPES:
        errors["scope"] = f"Phạm vi “{item.scope}” không hợp lệ (cơ sở, Bộ/tỉnh, toàn quốc)."
    if not _year_ok(item.year):
        errors["year"] = f"Năm {item.year} không hợp lệ."
    if not db["staff"].count_where("id = ?", [item.staff_id]):
        errors["staff_id"] = "Cán bộ không có trong cơ sở dữ liệu."
    elif item.title and find_initiative(db, item.staff_id, item.year, item.title) not in (None, item.id):
        errors["title"] = f"Sáng kiến “{item.title}” năm {item.year} của cán bộ này đã có."
    return errors


def find_initiative(db: Database, staff_id: int, year: int, title: str) -> int | None:
    """Id of the person's initiative with this title (case and diacritics ignored) in that year."""
    key = fold(title)
    for row in db["initiatives"].rows_where("staff_id = ? AND year = ?", [staff_id, year]):
        if fold(row["title"]) == key:
            return row["id"]
    return None


def _initiative_row(item: Initiative) -> dict:
    return {
        "staff_id": item.staff_id, "year": item.year, "title": item.title,
        "kind": item.kind, "scope": item.scope, "proof_ref": item.proof_ref,
    }


def add_initiative(db: Database, item: Initiative) -> int:
    """Record an initiative / research task.

    Raises:
        ValidationError: nothing is written.
    """
    item = _normalized_initiative(item)
    errors = validate_initiative(db, item)
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        new_id = int(db["initiatives"].insert(_initiative_row(item)).last_pk)
        audit.record(db, "them", "initiatives", new_id, f"{item.staff_id}/{item.year}: {item.title}")
    return new_id


def remove_initiative(db: Database, initiative_id: int) -> None:
    """Delete an initiative entered by mistake."""
    rows = list(db["initiatives"].rows_where("id = ?", [initiative_id]))
    if not rows:
        raise NotFoundError("Không tìm thấy sáng kiến cần xóa.")
    with db.atomic():
        db["initiatives"].delete(initiative_id)
        audit.record(db, "xoa", "initiatives", initiative_id, rows[0]["title"])


def _row_to_initiative(row: dict) -> Initiative:
    return Initiative(
        id=row["id"], staff_id=row["staff_id"], year=row["year"], title=row["title"],
        kind=row["kind"], scope=row["scope"], proof_ref=row["proof_ref"],
    )


def initiatives_of(db: Database, staff_id: int) -> list[Initiative]:
    """One person's initiatives, oldest first."""
    rows = db["initiatives"].rows_where("staff_id = ?", [staff_id], order_by="year, id")
    return [_row_to_initiative(r) for r in rows]


def initiatives_for_year(db: Database, year: int) -> list[Initiative]:
    """Every initiative recognised in a year."""
    rows = db["initiatives"].rows_where("year = ?", [year], order_by="staff_id, id")
    return [_row_to_initiative(r) for r in rows]
