"""Staff register: list, validate, add, edit, deactivate (finding people is in db/staff_search.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from sqlite_utils import Database

from tdkt_desktop.db import audit
from tdkt_desktop.db.records import Staff
from tdkt_desktop.errors import NotFoundError, ValidationError
from tdkt_desktop.text import fold, format_date, iso, nfc, one_line
from tdkt_desktop.vocabulary import GENDERS

STAFF_SELECT = """
SELECT s.id, s.code, s.full_name, s.birth_date, s.gender, s.position, s.unit_id, s.recruited_on,
       s.active, s.note, coalesce(u.name, '') AS unit_name, s.fold
FROM staff s LEFT JOIN units u ON u.id = s.unit_id
"""

#: Limits that match reality: nobody on the register was born before 1930 or is younger than 15.
MIN_BIRTH_YEAR = 1930
MIN_AGE = 15
MAX_NAME = 100
MAX_CODE = 30


_date = dt.date.fromisoformat


def staff_rows(db: Database, sql: str, args: list) -> list[Staff]:
    """People from ``sql`` selecting ``STAFF_SELECT``'s columns, as records."""
    # Plain cursor tuples, not sqlite-utils dicts: 20,000 people load in a fraction of the time. What many
    # people share (unit, position, gender, a date) is one object per call instead of one per person.
    texts: dict[str, str] = {}
    one = texts.setdefault
    days: dict[str, dt.date] = {}
    day, remember = days.get, days.setdefault  # a date is never false: "or" makes each one once
    return [
        Staff(i, code, name, (day(birth) or remember(birth, _date(birth))) if birth else None, one(gender, gender),
              one(position, position), unit_id, (day(hired) or remember(hired, _date(hired))) if hired else None,
              bool(active), one(note, note), one(unit_name, unit_name), folded)
        for (i, code, name, birth, gender, position, unit_id, hired, active, note, unit_name,
             folded) in db.execute(sql, args).fetchall()
    ]


def list_staff(
    db: Database, *, unit_id: int | None = None, include_inactive: bool = True
) -> list[Staff]:
    """Staff ordered by folded name; optionally one unit (and its sub-units) only."""
    clauses, args = [], []
    if unit_id is not None:
        clauses.append(
            "s.unit_id IN (WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL "
            "SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) SELECT id FROM sub)"
        )
        args.append(unit_id)
    if not include_inactive:
        clauses.append("s.active = 1")
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return staff_rows(db, STAFF_SELECT + where + " ORDER BY s.fold", args)


def get_staff(db: Database, staff_id: int) -> Staff:
    """One person by id.

    Raises:
        NotFoundError: no such person.
    """
    rows = staff_rows(db, STAFF_SELECT + " WHERE s.id = ?", [staff_id])
    if not rows:
        raise NotFoundError(f"Không tìm thấy cán bộ có mã số nội bộ {staff_id}.")
    return rows[0]


def get_many(db: Database, staff_ids: list[int]) -> dict[int, Staff]:
    """id → person for these ids, in one query (documents for a whole decision)."""
    wanted = sorted(set(staff_ids))
    if not wanted:
        return {}
    return {s.id: s for s in staff_rows(db, STAFF_SELECT + " WHERE s.id IN (SELECT value FROM json_each(?))",
                                          [json.dumps(wanted)])}


def find_by_code(db: Database, code: str) -> Staff | None:
    """The person with this staff code (exact, after trimming), or None."""
    rows = staff_rows(db, STAFF_SELECT + " WHERE s.code = ?", [nfc(code)])
    return rows[0] if rows else None


def find_by_code_key(db: Database, code: str) -> list[Staff]:
    """Everyone whose code equals ``code`` ignoring case and surrounding spaces ("cb001" finds "CB001").

    The comparison is SQLite's ``lower(trim(code))``, the expression of the ``staff_code_key`` index and
    trigger (migration 0007), so the check here and the one in the database always agree.
    """
    return staff_rows(db, STAFF_SELECT + " WHERE lower(trim(s.code)) = lower(trim(?)) ORDER BY s.id", [nfc(code)])


def code_key_duplicates(db: Database) -> list[list[Staff]]:
    """Groups of people whose codes differ only in case or spaces (allowed by databases made before 0007)."""
    people = staff_rows(
        db,
        STAFF_SELECT + " WHERE lower(trim(s.code)) IN (SELECT lower(trim(code)) FROM staff "
        "GROUP BY lower(trim(code)) HAVING count(*) > 1) ORDER BY lower(trim(s.code)), s.id",
        [],
    )
    groups: dict[str, list[Staff]] = {}
    for person in people:
        groups.setdefault(person.code.strip().lower(), []).append(person)
    return list(groups.values())


def code_key_report(db: Database) -> list[str]:
    """Vietnamese lines for ``check``: each group of codes that differ only in case, with the names."""
    groups = code_key_duplicates(db)
    if not groups:
        return []
    lines = [f"Cảnh báo: {len(groups)} mã cán bộ chỉ khác nhau ở chữ hoa/chữ thường hoặc dấu cách; "
             "hãy sửa để mỗi người một mã:"]
    for group in groups:
        lines.append("  " + "; ".join(f"“{p.code}” – {p.full_name}" for p in group))
    return lines


def normalized(staff: Staff) -> Staff:
    """The same record with every text field trimmed and NFC-normalised."""
    return dataclasses.replace(
        staff,
        code=nfc(staff.code),
        full_name=one_line(staff.full_name),
        gender=nfc(staff.gender),
        position=nfc(staff.position),
        note=nfc(staff.note),
    )


def _years_after(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29/02 becomes 28/02 in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _code_error(db: Database, staff: Staff, by_code: dict[str, Staff] | None = None) -> str | None:
    """Why the code cannot be used: empty, or held by someone else regardless of case and spaces."""
    if not staff.code:
        return "Mã cán bộ không được để trống."
    if len(staff.code) > MAX_CODE:
        return f"Mã cán bộ dài {len(staff.code)} ký tự; tối đa {MAX_CODE} ký tự."
    exact = by_code.get(staff.code) if by_code is not None else None
    if exact is not None and exact.id != staff.id:
        return f"Mã cán bộ “{staff.code}” đã dùng cho {exact.full_name}."
    others = [p for p in find_by_code_key(db, staff.code) if p.id != staff.id]
    if not others:
        return None
    if staff.id is not None:
        # A pair made before codes ignored case may still be edited, as long as the code is not changed.
        current = db.execute("SELECT code FROM staff WHERE id = ?", [staff.id]).fetchone()
        if current and current[0].strip().lower() == staff.code.lower():
            return None
    holder = others[0]
    if holder.code == staff.code:
        return f"Mã cán bộ “{staff.code}” đã dùng cho {holder.full_name}."
    return (f"Mã cán bộ “{staff.code}” đã dùng cho {holder.full_name} (mã “{holder.code}”; "
            "mã cán bộ không phân biệt chữ hoa, chữ thường).")


def _date_errors(staff: Staff, today: dt.date) -> dict[str, str]:
    """Birth between 1930 and 15 years ago; recruitment not in the future, nor before the age of 15."""
    errors: dict[str, str] = {}
    birth, recruited = staff.birth_date, staff.recruited_on
    if birth and birth > today:
        errors["birth_date"] = f"Ngày sinh {format_date(birth)} ở tương lai."
    elif birth and birth.year < MIN_BIRTH_YEAR:
        errors["birth_date"] = f"Ngày sinh {format_date(birth)} trước năm {MIN_BIRTH_YEAR}; hãy kiểm tra lại năm sinh."
    elif birth and _years_after(birth, MIN_AGE) > today:
        errors["birth_date"] = (
            f"Ngày sinh {format_date(birth)}: chưa đủ {MIN_AGE} tuổi; hãy kiểm tra lại năm sinh."
        )
    if recruited and recruited > today:
        errors["recruited_on"] = f"Ngày tuyển dụng {format_date(recruited)} ở tương lai."
    elif birth and recruited and recruited <= birth:
        errors["recruited_on"] = (
            f"Ngày tuyển dụng {format_date(recruited)} phải sau ngày sinh {format_date(birth)}."
        )
    elif birth and recruited and recruited < _years_after(birth, MIN_AGE):
        errors["recruited_on"] = (
            f"Ngày tuyển dụng {format_date(recruited)}: khi đó chưa đủ {MIN_AGE} tuổi "
            f"(sinh ngày {format_date(birth)})."
        )
    return errors


def validate_staff(
    db: Database, staff: Staff, *, today: dt.date | None = None, by_code: dict[str, Staff] | None = None
) -> dict[str, str]:
    """Field → Vietnamese message for everything wrong with ``staff`` (empty when valid).

    ``by_code`` (code → person, the whole register) answers an exact duplicate without a query when an
    import checks thousands; codes that differ only in case are found through the indexed key.
    """
    staff = normalized(staff)
    today = today or dt.date.today()
    errors: dict[str, str] = {}
    if not staff.full_name:
        errors["full_name"] = "Họ và tên không được để trống."
    elif len(staff.full_name) > MAX_NAME:
        errors["full_name"] = f"Họ và tên dài {len(staff.full_name)} ký tự; tối đa {MAX_NAME} ký tự."
    code_error = _code_error(db, staff, by_code)
    if code_error:
        errors["code"] = code_error
    if staff.gender not in GENDERS:
        errors["gender"] = f"Giới tính “{staff.gender}” không hợp lệ (Nam hoặc Nữ)."
    errors.update(_date_errors(staff, today))
    if staff.unit_id is not None and not db["units"].count_where("id = ?", [staff.unit_id]):
        errors["unit_id"] = "Đơn vị đã chọn không còn tồn tại."
    return errors


def _to_row(staff: Staff) -> dict:
    return {
        "code": staff.code,
        "full_name": staff.full_name,
        "fold": fold(staff.full_name),
        "birth_date": iso(staff.birth_date),
        "gender": staff.gender,
        "position": staff.position,
        "unit_id": staff.unit_id,
        "recruited_on": iso(staff.recruited_on),
        "active": int(staff.active),
        "note": staff.note,
    }


def add_staff(db: Database, staff: Staff) -> int:
    """Validate and insert one person; returns the new id.

    Raises:
        ValidationError: nothing is written.
    """
    staff = normalized(staff)
    errors = validate_staff(db, staff)
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        staff_id = int(db["staff"].insert(_to_row(staff)).last_pk)
        audit.record(db, "them", "staff", staff_id, f"{staff.code} {staff.full_name}")
    return staff_id


def add_many(db: Database, people: list[Staff]) -> list[int]:
    """Insert many people in one transaction (demo, import); all or nothing."""
    ids = []
    with db.atomic():
        for person in people:
            ids.append(add_staff(db, person))
    return ids


def update_staff(db: Database, staff: Staff) -> None:
    """Validate and save changes to an existing person.

    Raises:
        ValidationError, NotFoundError: nothing is written.
    """
    if staff.id is None:
        raise NotFoundError("Chưa chọn cán bộ để sửa.")
    before = get_staff(db, staff.id)
    staff = normalized(staff)
    errors = validate_staff(db, staff)
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        db["staff"].update(staff.id, _to_row(staff))
        audit.record(
            db, "sua", "staff", staff.id, audit.diff_summary(_to_row(before), _to_row(staff))
        )


def set_active(db: Database, staff_id: int, active: bool) -> None:
    """Deactivate (left, retired, transferred) or reactivate; history is kept either way."""
    person = get_staff(db, staff_id)
    with db.atomic():
        db["staff"].update(staff_id, {"active": int(active)})
        audit.record(
            db, "kich_hoat" if active else "ngung", "staff", staff_id, f"{person.code} {person.full_name}"
        )


def delete_staff(db: Database, staff_id: int) -> None:
    """Hard-delete someone entered by mistake: refused when they have any history.

    Raises:
        ValidationError: the person has awards, ratings or initiatives (deactivate instead).
    """
    person = get_staff(db, staff_id)
    history = sum(
        db[table].count_where("staff_id = ?", [staff_id])
        for table in ("awards", "ratings", "initiatives", "registrations", "review_results")
    )
    if history:
        raise ValidationError(
            {
                "id": f"Không xóa được {person.full_name}: đã có {history} mục khen thưởng, xếp "
                "loại, sáng kiến hoặc đăng ký, kết quả thi đua. Hãy chuyển sang “Ngừng theo dõi” để giữ lịch sử."
            }
        )
    with db.atomic():
        db["staff"].delete(staff_id)
        audit.record(db, "xoa", "staff", staff_id, f"{person.code} {person.full_name}")
