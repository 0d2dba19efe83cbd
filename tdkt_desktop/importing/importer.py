"""Excel import: read and check every row first, then write all of it in one transaction (or nothing)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sqlite_utils import Database

from tdkt_desktop.db import bulk, catalog
from tdkt_desktop.db import ratings as ratings_db
from tdkt_desktop.db import review as review_db
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import units as units_db
from tdkt_desktop.db.award_records import Initiative, Rating
from tdkt_desktop.db.records import Staff
from tdkt_desktop.errors import UserError
from tdkt_desktop.importing import legacy
from tdkt_desktop.importing.award_rows import check_award_rows
from tdkt_desktop.importing.plan import ImportIssue, ImportPlan, SheetSummary
from tdkt_desktop.importing.rating_rows import check_unit_row, recruited_on
from tdkt_desktop.importing.reader import read_workbook
from tdkt_desktop.importing.registration_rows import apply_registrations, check_registration_rows
from tdkt_desktop.importing.workbook import (
    SHEETS,
    CellError,
    WorkbookError,
    code_value,
    date_value,
    match_columns,
    match_sheet,
    text_value,
    year_value,
)
from tdkt_desktop.text import fold
from tdkt_desktop.vocabulary import DISCIPLINE_ORDER, discipline_label
from tdkt_desktop.vocabulary import GENDERS as GENDER_NAMES

GENDERS = {fold(g): g for g in GENDER_NAMES}  # "nu", "NỮ", "Nữ" → "Nữ"


def _read_sheets(path: Path, encoding: str | None) -> tuple[dict, list[str], str | None, str | None, list]:
    """(format key → (title, rows of (row number, values, number formats))), unknown titles, detected, used,
    and the issues found while reading (formula cells without a value, over-long text, two sheets of one kind).
    """
    sheets_read, problems = read_workbook(path)
    raw: list[tuple[str, list]] = [(sheet.title, sheet.rows) for sheet in sheets_read]
    # Detected sheet by sheet: a workbook may join a sheet typed long ago in .VnTime to new ones.
    detected = None
    converted = []
    for title, rows in raw:
        texts = [title] + [v for _, values, _ in rows for v in values if isinstance(v, str)]
        found = legacy.detect(texts)
        detected = detected or found
        chosen = found if encoding == "auto" else encoding
        if chosen:
            title = legacy.convert(title, chosen)
            rows = [(n, [legacy.convert(v, chosen) if isinstance(v, str) else v for v in values], f)
                    for n, values, f in rows]
        converted.append((title, rows))
    raw = converted
    used = detected if encoding == "auto" else encoding
    sheets, unknown, issues = {}, [], []
    for title, rows in raw:
        fmt = match_sheet(title)
        if fmt is None:
            unknown.append(title)
        elif fmt.key in sheets:
            issues.append(ImportIssue(title, 0, "", "", f"Hai trang “{sheets[fmt.key][0]}” và “{title}” cùng là "
                                      f"trang {fmt.name}; hãy gộp lại một trang, hoặc đổi tên trang không dùng."))
        else:
            sheets[fmt.key] = (title, rows)
    for problem in problems:
        issues.append(ImportIssue(problem.sheet, problem.row, problem.header, problem.value, problem.reason))
    return sheets, unknown, detected, used, issues


def check_file(db: Database, path: Path | str, *, encoding: str | None = "auto") -> ImportPlan:
    """Read the workbook and check every row against the file itself and the database.

    ``encoding``: 'auto' converts TCVN3/VNI text when detected, None never converts, or force one.
    Nothing is written.
    """
    path = Path(path)
    plan = ImportPlan(path=path)
    try:
        sheets, unknown, plan.detected_encoding, plan.encoding, read_issues = _read_sheets(path, encoding)
    except WorkbookError as exc:
        plan.issues.append(ImportIssue("", 0, "", path.name, str(exc)))
        return plan
    plan.issues.extend(read_issues)
    if not sheets:
        names = ", ".join(f"“{s.name}”" for s in SHEETS)
        found = ", ".join(f"“{t}”" for t in unknown) or "không có trang nào"
        reason = f"Không có trang dữ liệu nào đúng mẫu (cần ít nhất một trong {names}; tệp có {found})."
        plan.issues.append(ImportIssue("", 0, "", path.name, reason))
        return plan
    if not any(rows[1:] for _, rows in sheets.values()):
        reason = "Tệp không có dòng dữ liệu nào (chỉ có tiêu đề hoặc trống)."
        plan.issues.append(ImportIssue("", 0, "", path.name, reason))
        return plan
    _Checker(db, plan, sheets).run()
    return plan


class _Checker:
    """Checks the sheets in dependency order and fills the plan."""

    def __init__(self, db: Database, plan: ImportPlan, sheets: dict):
        self.db, self.plan, self.sheets = db, plan, sheets
        self.staff_by_code = {s.code: s for s in staff_db.list_staff(db)}
        self.file_codes: set[str] = set()
        self.types = catalog.lookup_table(db)

    def issue(self, sheet: str, row: int, column: str, value: object, reason: str) -> None:
        self.plan.issues.append(ImportIssue(sheet, row, column, text_value(value), reason))

    def rows(self, key: str):
        """Yield (sheet title, row number, {column key: (value, number format)}) for data rows."""
        if key not in self.sheets:
            return
        title, rows = self.sheets[key]
        fmt = next(s for s in SHEETS if s.key == key)
        self.plan.summaries[key] = SheetSummary(fmt.name)
        if not rows:
            return
        positions, missing = match_columns(fmt, rows[0][1])
        for header in missing:
            self.issue(title, rows[0][0], header, "", f"Thiếu cột “{header}” trong dòng tiêu đề.")
        if missing:
            return
        for number, values, formats in rows[1:]:
            cells = {
                k: (values[i] if i < len(values) else None, formats[i] if i < len(formats) else None)
                for k, i in positions.items()
            }
            self.plan.summaries[key].rows += 1
            yield title, number, cells

    def header(self, key: str, column: str) -> str:
        fmt = next(s for s in SHEETS if s.key == key)
        return next(c.header for c in fmt.columns if c.key == column)

    def code(self, key, title, number, cells, *, required=True) -> str | None:
        value, number_format = cells.get("code", (None, None))
        code = code_value(value, number_format)
        if not code:
            if required:
                self.issue(title, number, self.header(key, "code"), value, "Thiếu mã cán bộ.")
            return None
        if code not in self.staff_by_code and code not in self.file_codes:
            self.issue(title, number, self.header(key, "code"), code,
                       f"Mã cán bộ “{code}” không có trong cơ sở dữ liệu và trong trang “Cán bộ”.")
            return None
        return code

    def year(self, key, title, number, cells) -> int | None:
        value = cells.get("year", (None, None))[0]
        try:
            return year_value(value)
        except CellError as exc:
            self.issue(title, number, self.header(key, "year"), value, str(exc))
            return None

    def run(self) -> None:
        self.check_staff()
        self.check_ratings()
        self.check_initiatives()
        self.check_awards()
        check_registration_rows(self)

    # --- sheets ---------------------------------------------------------------------------------

    def check_staff(self) -> None:
        seen: dict[str, int] = {}
        for title, number, cells in self.rows("staff"):
            bad = len(self.plan.issues)
            code = code_value(*cells["code"])
            name = text_value(cells["full_name"][0])
            values = {}
            for column, label in (("birth_date", "Ngày sinh"), ("recruited_on", "Ngày tuyển dụng")):
                raw = cells.get(column, (None, None))[0]
                try:
                    values[column] = date_value(raw, field=label)
                except CellError as exc:
                    self.issue(title, number, label, raw, str(exc))
            raw_gender = cells.get("gender", (None, None))[0]
            gender = GENDERS.get(fold(text_value(raw_gender)))
            if gender is None:
                self.issue(title, number, "Giới tính", raw_gender, "Giới tính phải là “Nam” hoặc “Nữ” (hoặc để trống).")
            if not code:
                self.issue(title, number, "Mã cán bộ", "", "Thiếu mã cán bộ.")
            elif code in seen:
                self.issue(title, number, "Mã cán bộ", code, f"Mã cán bộ “{code}” trùng với dòng {seen[code]}.")
            if len(self.plan.issues) > bad:
                continue
            seen[code] = number
            existing = self.staff_by_code.get(code)
            unit = text_value(cells.get("unit", (None, None))[0])
            record = Staff(
                id=existing.id if existing else None, code=code, full_name=name,
                birth_date=values.get("birth_date"), gender=gender or "",
                position=text_value(cells.get("position", (None, None))[0]),
                recruited_on=values.get("recruited_on"),
                active=existing.active if existing else True, note=existing.note if existing else "",
            )
            if existing:
                # A column the sheet does not have keeps what the register holds: a short list
                # (code, name, unit) must never blank birth dates or positions.
                kept = {k: getattr(existing, k) for k in ("birth_date", "gender", "position", "recruited_on")
                        if k not in cells}
                record = dataclasses.replace(record, **kept)
                if "unit" not in cells:
                    unit = existing.unit_name
            record = staff_db.normalized(record)
            errors = staff_db.validate_staff(self.db, record, by_code=self.staff_by_code)
            for column, message in errors.items():
                label = {"full_name": "Họ và tên", "code": "Mã cán bộ", "birth_date": "Ngày sinh",
                         "recruited_on": "Ngày tuyển dụng", "gender": "Giới tính"}.get(column, column)
                self.issue(title, number, label, getattr(record, column, ""), message)
            if errors:
                continue
            self.file_codes.add(code)
            summary = self.plan.summaries["staff"]
            if existing is None:
                op = "add"
                summary.added += 1
            elif _same_staff(existing, record, unit):
                op = "same"
                summary.unchanged += 1
            else:
                op = "update"
                summary.updated += 1
            self.plan.staff.append((op, record, unit))

    def check_ratings(self) -> None:
        existing = {
            (r["code"], r["year"]): r
            for r in self.db.query(
                "SELECT s.code, r.year, r.rating, r.discipline, r.note FROM ratings r JOIN staff s ON s.id = r.staff_id"
            )
        }
        seen: dict[tuple, int] = {}
        for title, number, cells in self.rows("ratings"):
            bad = len(self.plan.issues)
            unit = text_value(cells.get("collective", (None, None))[0])
            code = self.code("ratings", title, number, cells, required=not unit)
            year = self.year("ratings", title, number, cells)
            raw = cells["rating"][0]
            rating = ratings_db.parse_rating(text_value(raw))
            if rating is None:
                self.issue(title, number, "Xếp loại", raw,
                           "Xếp loại không hợp lệ (HTXS, HTT, HT, KHT hoặc “Hoàn thành tốt nhiệm vụ”…).")
            raw_disc = cells.get("discipline", (None, None))[0]
            discipline = ratings_db.parse_discipline(text_value(raw_disc))
            if discipline is None:
                labels = ", ".join(discipline_label(c) for c in DISCIPLINE_ORDER)
                self.issue(title, number, "Kỷ luật", raw_disc, f"Hình thức kỷ luật không hợp lệ ({labels}).")
            if unit:
                check_unit_row(self, title, number, unit, code, year, rating, discipline, seen, bad)
                continue
            if code and year and (code, year) in seen:
                self.issue(title, number, "Năm", year,
                           f"Cán bộ {code} đã có xếp loại năm {year} ở dòng {seen[(code, year)]}.")
            recruited = recruited_on(self, code)
            if code and year and recruited and year < recruited.year:
                self.issue(title, number, "Năm", year,
                           f"Cán bộ {code} được tuyển dụng ngày {recruited:%d/%m/%Y}; không xếp loại năm {year}.")
            if len(self.plan.issues) > bad:
                continue
            seen[(code, year)] = number
            old = existing.get((code, year))
            summary = self.plan.summaries["ratings"]
            if old is None:
                op, summary.added = "add", summary.added + 1
            elif old["rating"] == rating and old["discipline"] == discipline:
                op, summary.unchanged = "same", summary.unchanged + 1
            else:
                op, summary.updated = "update", summary.updated + 1
            # The sheet has no note column: a note typed in the program stays.
            note = old["note"] if old else ""
            self.plan.ratings.append((op, code, Rating(None, 0, year, rating, discipline, note)))

    def check_initiatives(self) -> None:
        existing = {
            (r["code"], r["year"], fold(r["title"])): r
            for r in self.db.query(
                "SELECT i.id, s.code, i.year, i.title, i.kind, i.scope FROM initiatives i "
                "JOIN staff s ON s.id = i.staff_id"
            )
        }
        seen: dict[tuple, int] = {}
        for title, number, cells in self.rows("initiatives"):
            bad = len(self.plan.issues)
            code = self.code("initiatives", title, number, cells)
            year = self.year("initiatives", title, number, cells)
            name = text_value(cells["title"][0])
            if not name:
                self.issue(title, number, "Tên sáng kiến", "", "Thiếu tên sáng kiến, đề tài.")
            raw_scope = cells["scope"][0]
            scope = ratings_db.parse_scope(text_value(raw_scope))
            if scope is None:
                self.issue(title, number, "Phạm vi", raw_scope, "Phạm vi phải là “Cơ sở”, “Bộ, tỉnh” hoặc “Toàn quốc”.")
            raw_kind = cells.get("kind", (None, None))[0]
            kind = ratings_db.parse_initiative_kind(text_value(raw_kind))
            if kind is None:
                self.issue(title, number, "Loại", raw_kind, "Loại phải là “Sáng kiến” hoặc “Đề tài”.")
            key = (code, year, fold(name))
            if code and year and name and key in seen:
                self.issue(title, number, "Tên sáng kiến", name, f"Trùng với dòng {seen[key]}.")
            if len(self.plan.issues) > bad:
                continue
            seen[key] = number
            old = existing.get(key)
            summary = self.plan.summaries["initiatives"]
            item = Initiative(old["id"] if old else None, 0, year, name, kind, scope)
            if old is None:
                op, summary.added = "add", summary.added + 1
            elif old["kind"] == kind and old["scope"] == scope:
                op, summary.unchanged = "same", summary.unchanged + 1
            else:
                op, summary.updated = "update", summary.updated + 1
            self.plan.initiatives.append((op, code, item))

    def check_awards(self) -> None:
        check_award_rows(self)


def _same_staff(old: Staff, new: Staff, unit: str) -> bool:
    return (
        old.full_name == new.full_name
        and old.birth_date == new.birth_date
        and old.gender == new.gender
        and old.position == new.position
        and old.recruited_on == new.recruited_on
        and fold(old.unit_name) == fold(unit)
    )


def apply_plan(db: Database, plan: ImportPlan) -> int:
    """Write a checked plan in one transaction, in batches, with one audit row; returns rows added or changed.

    Raises:
        UserError: the plan has issues, or the database refused a row (then nothing is written).
    """
    if not plan.ok:
        raise UserError(f"Tệp có {len(plan.issues)} lỗi; không nhập dòng nào.")
    with db.atomic():
        # Any unit with that name, sub-units included, before creating a new top-level one.
        unit_ids: dict[str, int | None] = {fold(u.name): u.id for u in units_db.list_units(db, kind=None)}
        unit_ids[""] = None
        named = [unit for op, _r, unit in plan.staff if op != "same"]
        named += [unit for group in plan.decisions.values() for _a, code, unit in group["new"] if not code]
        named += [unit for op, unit, _r in plan.unit_ratings if op != "same"]
        named += [unit for *_cya, code, unit in plan.registrations if not code]
        created = bulk.add_units(db, [n for n in named if fold(n) not in unit_ids])
        unit_ids.update(created)

        def unit_id(name: str) -> int | None:
            return unit_ids[fold(name)]

        rows = bulk.ImportRows(new_units=len(created))
        for op, record, unit in plan.staff:
            if op != "same":
                record = dataclasses.replace(record, unit_id=unit_id(unit))
                (rows.new_staff if op == "add" else rows.changed_staff).append(record)
        rows.ratings = [(code, r) for op, code, r in plan.ratings if op != "same"]
        rows.new_initiatives = [(code, i) for op, code, i in plan.initiatives if op == "add"]
        rows.changed_initiatives = [(code, i) for op, code, i in plan.initiatives if op == "update"]
        for group in plan.decisions.values():
            lines = [
                (code or None, dataclasses.replace(award, staff_id=None, unit_id=None if code else unit_id(unit)))
                for award, code, unit in group["new"]
            ]
            if lines:
                rows.decisions.append((group["decision"], group["id"], lines))
        bulk.write_import(db, rows, source=plan.path.name)
        # Unit ratings and registrations are few (one per unit, per registered person): written as before.
        review_db.set_unit_ratings(
            db, [dataclasses.replace(r, unit_id=unit_id(unit)) for op, unit, r in plan.unit_ratings if op != "same"])
        if plan.registrations:
            apply_registrations(db, plan, dict(db.execute("SELECT code, id FROM staff").fetchall()), unit_id)
    return plan.changes


def import_file(db: Database, path: Path | str, *, dry_run: bool = False, encoding: str | None = "auto") -> ImportPlan:
    """Check, then (unless ``dry_run`` or there are issues) apply; returns the plan either way."""
    plan = check_file(db, path, encoding=encoding)
    if plan.ok and not dry_run:
        apply_plan(db, plan)
    return plan


__all__ = ["ImportIssue", "ImportPlan", "SheetSummary", "apply_plan", "check_file", "import_file"]
