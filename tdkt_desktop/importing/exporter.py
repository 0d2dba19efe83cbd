"""Excel export in exactly the import format, and the statistics table (the blank template: template.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from sqlite_utils import Database

from tdkt_desktop.db import ratings as ratings_db
from tdkt_desktop.importing import xlsx_stream as xlsx
from tdkt_desktop.importing.reader import MAX_TEXT
from tdkt_desktop.importing.saving import append_text_safe, save_atomically
from tdkt_desktop.importing.workbook import SHEETS, SHEETS_BY_KEY
from tdkt_desktop.safefile import atomic_path
from tdkt_desktop.vocabulary import DISCIPLINE_NAMES, RATING_NAMES, discipline_label

_WIDTHS = {"code": 12, "full_name": 28, "unit": 36, "title": 50, "award": 36, "issuer": 38, "collective": 36,
           "position": 22, "rating": 30, "number": 18, "campaign": 60}
_DATES = (("staff", "birth_date"), ("staff", "recruited_on"), ("decisions", "issued_on"))  # ISO text, exported


def _rows(db: Database) -> dict[str, Iterator[tuple]]:
    """Every sheet's data rows, in a stable order (so export → import → export is identical).

    Read straight from the cursors while the file is written: the whole register is never held in memory.
    SQLite writes the dates as dd/mm/yyyy (``strftime``, what ``text.format_date`` gives for a stored ISO
    date) and blanks as NULL, so the staff and award rows go to the file as the cursor returns them: on the
    20,000-staff register a Python pass over those 213,000 rows cost 0.4 s of the export's CPU.

    Raises:
        ValueError: a stored date is not a day (damage), which ``strftime`` would write as a blank or as
            a day that does not exist (30/02).
    """
    conn = db.conn
    for table, column in _DATES:
        # "+0 days" makes SQLite carry a day past the month's end over ("1977-02-30" → "1977-03-02").
        bad = conn.execute(f"SELECT {column} FROM {table} WHERE {column} <> '' "
                           f"AND date({column}, '+0 days') IS NOT {column} LIMIT 1").fetchone()
        if bad:  # as text.format_date raised: the command then names the damaged value
            raise ValueError(f"{table}.{column}: {bad[0]!r} is not a date")
    scopes, kinds = ratings_db.SCOPES, ratings_db.INITIATIVE_KINDS
    disciplines = {code: discipline_label(code) or None for code in DISCIPLINE_NAMES}
    staff = conn.execute(
        "SELECT s.code, s.full_name, strftime('%d/%m/%Y', s.birth_date), NULLIF(s.gender, ''), "
        "NULLIF(s.position, ''), NULLIF(u.name, ''), strftime('%d/%m/%Y', s.recruited_on) "
        "FROM staff s LEFT JOIN units u ON u.id = s.unit_id ORDER BY s.code"
    )
    ratings = chain(
        ((code, year, RATING_NAMES[rating], disciplines.get(discipline), None)
         for code, year, rating, discipline in conn.execute(
            "SELECT s.code, r.year, r.rating, r.discipline FROM ratings r JOIN staff s ON s.id = r.staff_id "
            "ORDER BY s.code, r.year"
        )),
        ((None, year, RATING_NAMES[rating], None, name)
         for name, year, rating in conn.execute(
            "SELECT u.name, ur.year, ur.rating FROM unit_ratings ur JOIN units u ON u.id = ur.unit_id "
            "ORDER BY u.name, ur.year"
        )),
    )
    initiatives = (
        (code, year, title, scopes[scope], kinds[kind])
        for code, year, title, scope, kind in conn.execute(
            "SELECT s.code, i.year, i.title, i.scope, i.kind FROM initiatives i JOIN staff s ON s.id = i.staff_id "
            "ORDER BY s.code, i.year, i.title, i.id"
        )
    )
    awards = conn.execute(
        "SELECT s.code, a.year, t.name, d.number, strftime('%d/%m/%Y', d.issued_on), d.issuer, u.name AS unit "
        "FROM awards a JOIN decisions d ON d.id = a.decision_id JOIN award_types t ON t.code = a.award_type "
        "LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN units u ON u.id = a.unit_id "
        "ORDER BY a.year, d.issued_on, d.issuer, d.number, a.position, a.id"
    )
    registrations = conn.execute(
        "SELECT s.code, u.name AS unit, r.year, c.name AS campaign, t.name FROM registrations r "
        "JOIN campaigns c ON c.id = r.campaign_id JOIN award_types t ON t.code = r.award_type "
        "LEFT JOIN staff s ON s.id = r.staff_id LEFT JOIN units u ON u.id = r.unit_id "
        "ORDER BY c.starts_on, c.fold, r.year, s.code IS NOT NULL, s.code, u.fold, t.kind, r.award_type"
    )
    return {"staff": staff, "ratings": ratings, "initiatives": initiatives, "awards": awards,
            "registrations": registrations}


@dataclass(frozen=True)
class Guide:
    """A sheet of notes written after the data sheets (the template's "Hướng dẫn"): rows of text cells."""

    title: str
    rows: list[tuple[tuple[str, ...], bool]]  # (cells, shown as a heading)
    widths: tuple[int, ...] = (110,)


def _write(path: Path, data: dict[str, Iterable[tuple]], *, guide: Guide | None = None) -> dict[str, int]:
    """Write the sheets, then the ``guide`` sheet if given; returns data rows per sheet key.

    With the streaming writer of xlsx_stream.py: on the 20,000-staff register (437,000 rows, 2 million cells)
    the ``export`` command took 14 s of CPU with XlsxWriter (10 s of it in XlsxWriter's per-cell code; openpyxl
    was slower still, 25–34 s) and takes 2.7 s now, for sheets that are byte for byte the same. Memory stays
    flat: rows go to a temporary file as the cursors return them. Every text value is a string cell, so a name
    or title that begins with "=" is never stored as a formula.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    layouts = [xlsx.Sheet(fmt.name, [_WIDTHS.get(c.key, 16) for c in fmt.columns],
                          frozenset(i for i, c in enumerate(fmt.columns) if c.key == "code"),
                          [c.header for c in fmt.columns]) for fmt in SHEETS]
    if guide is not None:
        layouts.append(xlsx.Sheet(guide.title, guide.widths))
    counts = {}
    # Written under a temporary name and renamed when complete: a full disk leaves no half file.
    with atomic_path(path, "xlsx") as tmp, xlsx.Workbook(tmp, layouts) as book:
        for fmt in SHEETS:
            with book.next_sheet() as sheet:
                try:
                    counts[fmt.key] = sheet.write_rows(data.get(fmt.key, ()))
                except xlsx.CellTooLong as exc:
                    raise _too_long(fmt, exc.row, fmt.columns[exc.column].header, exc.length) from None
        if guide is not None:
            with book.next_sheet() as sheet:
                for row, heading in guide.rows:
                    sheet.write_rows([row], style=xlsx.HEADING if heading else xlsx.PLAIN)
    return counts


def _too_long(fmt, row: int, header: str, length: int):
    """Excel cuts a cell at 32,767 characters: say so instead of exporting a silently shortened value."""
    from tdkt_desktop.errors import UserError

    return UserError(
        f"Không xuất được: trang “{fmt.name}”, dòng {row}, cột “{header}” dài {length} "
        f"ký tự, quá giới hạn {MAX_TEXT} ký tự của một ô Excel (Excel sẽ cắt mất phần thừa). "
        "Hãy rút gọn nội dung đó rồi xuất lại."
    )


def export_workbook(db: Database, path: Path | str) -> dict[str, int]:
    """Write staff, ratings, initiatives, awards and registrations in the import format; returns rows per sheet.

    Raises:
        UserError: a text is longer than an Excel cell holds (nothing is written).
        OSError: the file cannot be written (an existing file is left as it was).
    """
    counts = _write(Path(path), _rows(db))
    return {SHEETS_BY_KEY[k].name: n for k, n in counts.items()}


def export_statistics(rows, years: tuple[int, int], path: Path | str, *, office: str = "") -> None:
    """The statistics table (award type, cá nhân, tập thể, tổng) as a small workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from tdkt_desktop.db.statistics import total

    book = Workbook()
    ws = book.active
    ws.title = "Thống kê"
    ws.append([f"THỐNG KÊ KHEN THƯỞNG {years[0]}–{years[1]}" + (f" – {office}" if office else "")])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(["STT", "Danh hiệu/Hình thức", "Loại", "Cá nhân", "Tập thể", "Tổng"])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for i, r in enumerate(rows, start=1):
        append_text_safe(ws, [i, r.name, "Danh hiệu thi đua" if r.kind == "danh_hieu" else "Hình thức khen thưởng",
                              r.ca_nhan, r.tap_the, r.total])
    individuals, collectives, grand = total(rows)
    ws.append([None, "Tổng cộng", None, individuals, collectives, grand])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.column_dimensions["B"].width = 55
    ws.column_dimensions["C"].width = 24
    save_atomically(book, path)
