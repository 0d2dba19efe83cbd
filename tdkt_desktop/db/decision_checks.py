"""What identifies a decision (number, issuer, year) and the checks before one is saved."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from sqlite_utils import Database

from tdkt_desktop.db.award_records import Award, AwardType, Decision
from tdkt_desktop.db.catalog import list_award_types
from tdkt_desktop.text import fold, format_date, nfc, one_line
from tdkt_desktop.vocabulary import AWARD_TARGETS, DECISION_KINDS, is_record_year

_DECISION_SELECT = """
SELECT d.*, (SELECT count(*) FROM awards a WHERE a.decision_id = d.id) AS award_count
FROM decisions d
"""


def _row_to_decision(row: dict) -> Decision:
    return Decision(
        id=row["id"],
        number=row["number"],
        issued_on=dt.date.fromisoformat(row["issued_on"]),
        issuer=row["issuer"],
        signer_name=row["signer_name"],
        signer_title=row["signer_title"],
        kind=row["kind"],
        year=row["year"],
        campaign_id=row["campaign_id"],
        summary=row["summary"],
        note=row["note"],
        award_count=row.get("award_count", 0) or 0,
    )




def normalize_number(number: str) -> str:
    """'Số: 125 / QĐ-SKHCN' → '125/QĐ-SKHCN' (spaces and the "Số:" label dropped)."""
    text = nfc(number)
    text = re.sub(r"^(số|so)\s*:?\s*", "", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", "", text)


def number_key(number: str) -> str:
    """What two ways of writing one number share: '08/QĐ-SKHCN', '8/qđ-skhcn', 'Số: 8 / QĐ-SKHCN'
    → '8/qd-skhcn' (case, spaces, đ and leading zeros of the running number ignored)."""
    key = fold(normalize_number(number))
    head, sep, rest = key.partition("/")
    if sep and head.isdigit():
        return f"{int(head)}/{rest}"
    return key


def decision_key(issuer: str | None, year: int, number: str) -> tuple:
    """What identifies one decision: its issuer, year and number (see :func:`number_key`).

    ``issuer`` None matches any issuer (callers that look a number up within the office's own decisions).
    """
    return (fold(issuer) if issuer is not None else None, year, number_key(number))


def find_decision(
    db: Database, number: str, *, issuer: str | None = None, year: int | None = None
) -> Decision | None:
    """The newest decision with this number (see :func:`number_key` for what counts as equal)."""
    clauses, args = [], []
    if year is not None:
        clauses.append("d.year = ?")
        args.append(year)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    wanted = decision_key(issuer, 0, number)  # the year is filtered in SQL
    for row in db.query(_DECISION_SELECT + where + " ORDER BY d.issued_on DESC", args):
        if decision_key(None if issuer is None else row["issuer"], 0, row["number"]) == wanted:
            return _row_to_decision(row)
    return None


def normalized_decision(decision: Decision) -> Decision:
    """Trimmed, NFC text; the year follows the issue date."""
    return dataclasses.replace(
        decision,
        number=normalize_number(decision.number),
        issuer=one_line(decision.issuer),
        signer_name=one_line(decision.signer_name),
        signer_title=nfc(decision.signer_title),
        summary=nfc(decision.summary),
        note=nfc(decision.note),
        year=decision.issued_on.year if decision.issued_on else decision.year,
    )


def validate_decision(db: Database, decision: Decision) -> dict[str, str]:
    """Field → Vietnamese message for everything wrong with the decision header."""
    decision = normalized_decision(decision)
    errors: dict[str, str] = {}
    if not decision.number:
        errors["number"] = "Số, ký hiệu quyết định không được để trống (ví dụ 125/QĐ-SKHCN)."
    if not isinstance(decision.issued_on, dt.date):
        errors["issued_on"] = "Ngày ban hành quyết định không được để trống."
    elif decision.issued_on > dt.date.today():
        errors["issued_on"] = f"Ngày quyết định {format_date(decision.issued_on)} ở tương lai."
    elif decision.issued_on.year < 1945:
        errors["issued_on"] = f"Ngày quyết định {format_date(decision.issued_on)} không hợp lệ (trước năm 1945)."
    if not decision.issuer:
        errors["issuer"] = "Cơ quan ban hành không được để trống."
    if decision.kind not in DECISION_KINDS:
        errors["kind"] = f"Loại quyết định “{decision.kind}” không hợp lệ."
    if decision.number and decision.issuer and "issued_on" not in errors:
        other = find_decision(db, decision.number, issuer=decision.issuer, year=decision.year)
        if other and other.id != decision.id:
            errors["number"] = (
                f"Số quyết định “{decision.number}” của {decision.issuer} năm {decision.year} đã có "
                f"(ban hành ngày {format_date(other.issued_on)}). Mỗi số chỉ dùng một lần trong năm."
            )
    return errors


def _who(db: Database, award: Award) -> str:
    if award.staff_id is not None:
        row = db["staff"].get(award.staff_id) if db["staff"].count_where("id = ?", [award.staff_id]) else None
        return f"{row['full_name']} ({row['code']})" if row else f"cán bộ #{award.staff_id}"
    if award.unit_id is not None:
        rows = list(db["units"].rows_where("id = ?", [award.unit_id]))
        return rows[0]["name"] if rows else f"đơn vị #{award.unit_id}"
    return "(chưa chọn người nhận)"


def validate_awards(
    db: Database,
    awards: list[Award],
    *,
    default_year: int,
    types: dict[str, AwardType] | None = None,
    issued_on: dt.date | None = None,
) -> dict[str, str]:
    """Messages keyed "award_<i>" for each bad line: unknown type, wrong target, duplicates, and
    (given the decision's date) an achievement year that starts after the decision."""
    types = types if types is not None else {t.code: t for t in list_award_types(db, active_only=False)}
    errors: dict[str, str] = {}
    seen: dict[tuple, int] = {}
    for i, award in enumerate(awards):
        key = f"award_{i}"
        line = f"Dòng {i + 1}"
        award_type = types.get(award.award_type)
        year = award.year or default_year
        if award_type is None:
            errors[key] = f"{line}: không có danh hiệu/hình thức “{award.award_type}” trong danh mục."
            continue
        if (award.staff_id is None) == (award.unit_id is None):
            errors[key] = f"{line}: phải chọn đúng một người nhận (cá nhân hoặc tập thể)."
            continue
        recipient_target = "ca_nhan" if award.staff_id is not None else "tap_the"
        who = _who(db, award)
        if award_type.target != recipient_target:
            errors[key] = (
                f"{line}: “{award_type.name}” dành cho {AWARD_TARGETS[award_type.target].lower()}, "
                f"không tặng cho {AWARD_TARGETS[recipient_target].lower()} {who}."
            )
            continue
        table, column, rid = (
            ("staff", "staff_id", award.staff_id)
            if award.staff_id is not None
            else ("units", "unit_id", award.unit_id)
        )
        if not db[table].count_where("id = ?", [rid]):
            errors[key] = f"{line}: {who} không có trong cơ sở dữ liệu."
            continue
        if not is_record_year(year):
            errors[key] = f"{line}: năm khen thưởng {year} không hợp lệ."
            continue
        if award.amount is not None and award.amount < 0:
            errors[key] = f"{line}: số tiền thưởng không được âm."
            continue
        if isinstance(issued_on, dt.date) and issued_on < dt.date(year, 1, 1):
            errors[key] = (
                f"{line}: khen thưởng năm {year} cho {who} không thể có quyết định ngày {format_date(issued_on)}, "
                f"trước khi năm {year} bắt đầu."
            )
            continue
        dup = (column, rid, award.award_type, year)
        if dup in seen:
            errors[key] = (
                f"{line}: {who} đã có “{award_type.name}” năm {year} ở dòng {seen[dup] + 1} của danh sách."
            )
            continue
        seen[dup] = i
        existing = list(
            db.query(
                "SELECT a.id, d.number, d.issued_on FROM awards a JOIN decisions d ON d.id = a.decision_id "
                f"WHERE a.{column} = ? AND a.award_type = ? AND a.year = ?",
                [rid, award.award_type, year],
            )
        )
        existing = [e for e in existing if e["id"] != award.id]
        if existing:
            e = existing[0]
            errors[key] = (
                f"{line}: {who} đã được “{award_type.name}” năm {year} theo Quyết định số {e['number']} "
                f"ngày {format_date(e['issued_on'])}; mỗi danh hiệu chỉ tặng một lần trong năm."
            )
    return errors


AMBIGUOUS = object()


def _recipient_lookup(pool: list, collective: bool):
    """(exact code → record, code key → records, folded name → records) for pasted lines."""
    by_code: dict[str, object] = {}
    by_key: dict[str, list] = {}
    by_name: dict[str, list] = {}
    for r in pool:
        if not collective:
            by_code[r.code] = r
            by_key.setdefault(r.code.strip().lower(), []).append(r)
        by_name.setdefault(fold(r.name if collective else r.full_name), []).append(r)
    return by_code, by_key, by_name


def match_pasted(text: str, pool: list, *, collective: bool) -> tuple[list, list[str]]:
    """Each pasted line (a staff code, a name, or an Excel row of cells) → one recipient from ``pool``.

    A code typed exactly finds that person; otherwise the code ignoring case ("cb001") when only one
    person has it; otherwise a unique name (diacritics ignored). Returns (recipients, lines not
    understood, with why when a name or code fits several people).
    """
    by_code, by_key, by_name = _recipient_lookup(pool, collective)
    found: list = []
    unknown: list[str] = []
    for raw in text.splitlines():
        cells = [nfc(c) for c in raw.split("\t") if nfc(c)]
        if not cells:
            continue
        match = None
        for cell in cells:
            if cell in by_code:
                match = by_code[cell]
                break
            for candidates in (by_key.get(cell.lower(), []), by_name.get(fold(cell), [])):
                if len(candidates) == 1:
                    match = candidates[0]
                    break
                if len(candidates) > 1:
                    match = AMBIGUOUS
            if match is not None and match is not AMBIGUOUS:
                break
        if match is None or match is AMBIGUOUS:
            note = " (trùng tên hoặc mã, hãy dùng mã đúng như trong sổ)" if match is AMBIGUOUS else ""
            unknown.append(" ".join(cells) + note)
        else:
            found.append(match)
    return found, unknown
