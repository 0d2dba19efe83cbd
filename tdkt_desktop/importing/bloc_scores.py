"""Bloc scores in Excel: the template members fill in, and its all-or-nothing import for one bloc-year.

Sheets: "Thành viên" (one row per member), "Tiêu chí" (Mã tiêu chí, Nội dung, Điểm tối đa, optional
Loại) and "Chấm điểm" (Thành viên, Mã tiêu chí, Điểm tự chấm, Điểm khối chấm). The import checks the
whole file first and reports every problem with sheet, row, column and reason; it writes only a
file with none, replacing the year's criteria and scores in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlite_utils import Database

from tdkt_desktop.db import bloc_scores as scores_db
from tdkt_desktop.db import blocs as blocs_db
from tdkt_desktop.db.bloc_records import Bloc, Criterion
from tdkt_desktop.importing.plan import ImportIssue
from tdkt_desktop.importing.saving import append_text_safe, save_atomically
from tdkt_desktop.importing.workbook import key_of, open_workbook, text_value
from tdkt_desktop.rules.scoring import CRITERION_KINDS, points_json, points_text, score_problem, to_points
from tdkt_desktop.text import fold

MEMBERS_SHEET, CRITERIA_SHEET, SCORES_SHEET = "Thành viên", "Tiêu chí", "Chấm điểm"
MEMBER, CODE, CONTENT, MAXIMUM, KIND = "Thành viên", "Mã tiêu chí", "Nội dung", "Điểm tối đa", "Loại"
SELF, AGREED = "Điểm tự chấm", "Điểm khối chấm"
#: Accepted header spellings (matched ignoring case, diacritics and punctuation).
_ALIASES = {
    MEMBER: (MEMBER, "Đơn vị", "Tên đơn vị", "Đơn vị thành viên"),
    CODE: (CODE, "Mã", "Mã TC"),
    CONTENT: (CONTENT, "Tiêu chí", "Nội dung tiêu chí"),
    MAXIMUM: (MAXIMUM, "Điểm chuẩn", "Tối đa"),
    KIND: (KIND, "Loại điểm"),
    SELF: (SELF, "Tự chấm"),
    AGREED: (AGREED, "Khối chấm", "Điểm thống nhất"),
}
_KIND_BY_KEY = {key_of(label): code for code, label in CRITERION_KINDS.items()}


def write_template(db: Database, bloc: Bloc, year: int, path: Path | str) -> dict[str, int]:
    """Write the three sheets for ``bloc`` and ``year``; criteria and any scores already entered are filled in.

    Returns the rows written per sheet.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    members = blocs_db.list_members(db, int(bloc.id))  # type: ignore[arg-type]
    criteria = scores_db.list_criteria(db, int(bloc.id), year)  # type: ignore[arg-type]
    stored = {(s.member_id, s.criterion_id): s for s in scores_db.list_scores(db, int(bloc.id), year)}  # type: ignore[arg-type]
    book = Workbook()
    sheets = {
        MEMBERS_SHEET: ([MEMBER], [[m.name] for m in members], [60]),
        CRITERIA_SHEET: ([CODE, CONTENT, MAXIMUM, KIND],
                         [[c.code, c.content, points_json(c.max_points), CRITERION_KINDS[c.kind]] for c in criteria],
                         [14, 80, 14, 14]),
        SCORES_SHEET: ([MEMBER, CODE, SELF, AGREED], [
            [m.name, c.code, points_json(stored[(m.id, c.id)].self_score) if (m.id, c.id) in stored else None,
             points_json(stored[(m.id, c.id)].agreed_score) if (m.id, c.id) in stored else None]
            for m in members for c in criteria
        ], [60, 14, 16, 16]),
    }
    book.remove(book.active)
    for title, (headers, rows, widths) in sheets.items():
        ws = book.create_sheet(title)
        ws.append(headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            append_text_safe(ws, row)
        for index, width in enumerate(widths):
            ws.column_dimensions[chr(ord("A") + index)].width = width
        ws.freeze_panes = "A2"
    save_atomically(book, path)
    return {title: len(rows) for title, (_h, rows, _w) in sheets.items()}


@dataclass
class ScoreImport:
    """What importing a file did or would do."""

    path: Path
    issues: list[ImportIssue] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)
    scores: list[tuple[str, int, Decimal | None, Decimal | None]] = field(default_factory=list)
    changed: bool = False

    @property
    def ok(self) -> bool:
        return not self.issues


def issue_text(issue: ImportIssue) -> str:
    """'Trang “Chấm điểm”, dòng 5, cột “Điểm tự chấm” [12]: …'; a whole-sheet problem names only the sheet."""
    if issue.row:
        return issue.text()
    return f"Trang “{issue.sheet}”: {issue.reason}"


def _sheet(book, title: str):
    return next((ws for ws in book.worksheets if key_of(ws.title) == key_of(title)), None)


def _columns(rows: list[tuple], sheet: str, wanted: list[str], required: set[str],
             issues: list[ImportIssue]) -> dict[str, int] | None:
    """Column positions from the header row, or None (with an issue per missing required column)."""
    header = rows[0] if rows else ()
    found: dict[str, int] = {}
    for index, value in enumerate(header):
        key = key_of(value)
        for name in wanted:
            if name not in found and key in {key_of(a) for a in _ALIASES[name]}:
                found[name] = index
                break
    missing = [n for n in wanted if n in required and n not in found]
    for name in missing:
        issues.append(ImportIssue(sheet, 1, name, "", f"Thiếu cột “{name}” ở dòng tiêu đề."))
    return None if missing else found


def _cell(row: tuple, index: int | None) -> object:
    return row[index] if index is not None and index < len(row) else None


def _read_criteria(ws, issues: list[ImportIssue], bloc_id: int, year: int, listed: set[str]) -> list[Criterion]:
    """The sheet's criteria; ``listed`` collects every code written, valid or not (to avoid echo errors)."""
    rows = list(ws.iter_rows(values_only=True))
    cols = _columns(rows, CRITERIA_SHEET, [CODE, CONTENT, MAXIMUM, KIND], {CODE, CONTENT, MAXIMUM}, issues)
    if cols is None:
        return []
    out: list[Criterion] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        code, content = text_value(_cell(row, cols[CODE])), text_value(_cell(row, cols[CONTENT]))
        raw_max, raw_kind = _cell(row, cols[MAXIMUM]), text_value(_cell(row, cols.get(KIND)))
        if not code and not content and raw_max in (None, ""):
            continue
        before = len(issues)
        if not code:
            issues.append(ImportIssue(CRITERIA_SHEET, number, CODE, "", "Thiếu mã tiêu chí."))
        elif fold(code) in seen:
            issues.append(ImportIssue(CRITERIA_SHEET, number, CODE, code,
                                      f"Mã tiêu chí trùng với dòng {seen[fold(code)]}."))
        if not content:
            issues.append(ImportIssue(CRITERIA_SHEET, number, CONTENT, "", "Thiếu nội dung tiêu chí."))
        most = _points(raw_max, CRITERIA_SHEET, number, MAXIMUM, issues, required=True)
        if most is not None and most <= 0:
            issues.append(ImportIssue(CRITERIA_SHEET, number, MAXIMUM, text_value(raw_max),
                                      "Điểm tối đa phải lớn hơn 0."))
        kind = _KIND_BY_KEY.get(key_of(raw_kind), "tieu_chi" if not raw_kind else None)
        if kind is None:
            issues.append(ImportIssue(CRITERIA_SHEET, number, KIND, raw_kind,
                                      "Loại phải là “Tiêu chí”, “Điểm cộng” hoặc “Điểm trừ” (để trống là tiêu chí)."))
        if code:
            seen.setdefault(fold(code), number)
            listed.add(fold(code))
        if len(issues) == before:
            out.append(Criterion(None, bloc_id, year, code, content, most, kind, len(out) + 1))  # type: ignore[arg-type]
    if not out and not issues:
        issues.append(ImportIssue(CRITERIA_SHEET, 2, CODE, "", "Trang “Tiêu chí” chưa có tiêu chí nào."))
    return out


def _points(raw: object, sheet: str, row: int, column: str, issues: list[ImportIssue], *,
            required: bool = False) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            issues.append(ImportIssue(sheet, row, column, "", f"Thiếu “{column}”."))
        return None
    try:
        return to_points(raw)
    except ValueError as exc:
        reason = str(exc)
        issues.append(ImportIssue(sheet, row, column, text_value(raw),
                                  f"{reason[:1].upper()}{reason[1:]}: cần một số (ví dụ 9,5)."))
        return None


def _member_ids(db: Database, bloc_id: int) -> dict[str, tuple[int, str]]:
    return {blocs_db.member_key(m.name): (int(m.id), m.name)  # type: ignore[arg-type]
            for m in blocs_db.list_members(db, bloc_id, include_inactive=True)}


def _check_member_sheet(ws, members: dict[str, tuple[int, str]], issues: list[ImportIssue]) -> None:
    rows = list(ws.iter_rows(values_only=True))
    cols = _columns(rows, MEMBERS_SHEET, [MEMBER], {MEMBER}, issues)
    if cols is None:
        return
    for number, row in enumerate(rows[1:], start=2):
        name = text_value(_cell(row, cols[MEMBER]))
        if name and blocs_db.member_key(name) not in members:
            issues.append(ImportIssue(MEMBERS_SHEET, number, MEMBER, name, "Không phải đơn vị thành viên của khối."))


def _read_scores(ws, members: dict[str, tuple[int, str]], criteria: dict[str, Criterion] | None,
                 listed: set[str], issues: list[ImportIssue]) -> list[tuple[str, int, Decimal | None, Decimal | None]]:
    rows = list(ws.iter_rows(values_only=True))
    cols = _columns(rows, SCORES_SHEET, [MEMBER, CODE, SELF, AGREED], {MEMBER, CODE, SELF, AGREED}, issues)
    if cols is None:
        return []
    out = []
    seen: dict[tuple[int, str], int] = {}
    for number, row in enumerate(rows[1:], start=2):
        name, code = text_value(_cell(row, cols[MEMBER])), text_value(_cell(row, cols[CODE]))
        raw_self, raw_agreed = _cell(row, cols[SELF]), _cell(row, cols[AGREED])
        if not name and not code and raw_self in (None, "") and raw_agreed in (None, ""):
            continue
        before = len(issues)
        member = members.get(blocs_db.member_key(name)) if name else None
        if not name:
            issues.append(ImportIssue(SCORES_SHEET, number, MEMBER, "", "Thiếu tên đơn vị thành viên."))
        elif member is None:
            issues.append(ImportIssue(SCORES_SHEET, number, MEMBER, name, "Không phải đơn vị thành viên của khối."))
        criterion = criteria.get(fold(code)) if criteria is not None and code else None
        if not code:
            issues.append(ImportIssue(SCORES_SHEET, number, CODE, "", "Thiếu mã tiêu chí."))
        elif criteria is not None and criterion is None and fold(code) not in listed:
            issues.append(ImportIssue(SCORES_SHEET, number, CODE, code, "Mã tiêu chí không có ở trang “Tiêu chí”."))
        values = []
        for column, raw in ((SELF, raw_self), (AGREED, raw_agreed)):
            value = _points(raw, SCORES_SHEET, number, column, issues)
            problem = score_problem(value, criterion.max_points) if value is not None and criterion else None
            if problem:
                issues.append(ImportIssue(SCORES_SHEET, number, column, points_text(value),
                                          f"{problem[0].upper()}{problem[1:]} của tiêu chí {criterion.code}."))
            values.append(value)
        if member and code:
            key = (member[0], fold(code))
            if key in seen:
                issues.append(ImportIssue(SCORES_SHEET, number, MEMBER, name,
                                          f"Trùng dòng {seen[key]}: “{member[1]}” đã có điểm tiêu chí {code}."))
            seen.setdefault(key, number)
        if len(issues) == before and member and criterion and (values[0] is not None or values[1] is not None):
            out.append((criterion.code, member[0], values[0], values[1]))
    return out


def import_scores(db: Database, path: Path | str, bloc: Bloc, year: int, *, dry_run: bool = False) -> ScoreImport:
    """Check the whole file; unless ``dry_run`` or a problem was found, replace the bloc-year's data.

    Raises:
        WorkbookError: the file is missing or not an .xlsx workbook.
    """
    result = ScoreImport(Path(path))
    book = open_workbook(Path(path))
    try:
        members = _member_ids(db, int(bloc.id))  # type: ignore[arg-type]
        criteria_ws, scores_ws = _sheet(book, CRITERIA_SHEET), _sheet(book, SCORES_SHEET)
        for title, ws in ((CRITERIA_SHEET, criteria_ws), (SCORES_SHEET, scores_ws)):
            if ws is None:
                result.issues.append(ImportIssue(title, 0, "", "", f"Tệp thiếu trang “{title}”."))
        members_ws = _sheet(book, MEMBERS_SHEET)
        if members_ws is not None:
            _check_member_sheet(members_ws, members, result.issues)
        listed: set[str] = set()
        if criteria_ws is not None:
            result.criteria = _read_criteria(criteria_ws, result.issues, int(bloc.id), year, listed)  # type: ignore[arg-type]
        by_code = {fold(c.code): c for c in result.criteria} if criteria_ws is not None else None
        if scores_ws is not None:
            result.scores = _read_scores(scores_ws, members, by_code, listed, result.issues)
    finally:
        book.close()
    if result.ok and not dry_run:
        result.changed = scores_db.replace_year(db, int(bloc.id), year, result.criteria, result.scores,  # type: ignore[arg-type]
                                                source=Path(path).name)
    return result
