"""Read a workbook's cell values with bounded work: count rows and find formula cells before reading them.

A pre-scan streams each sheet's XML once (no values kept) to stop past :data:`MAX_DATA_ROWS` data rows
and to find formula cells that carry no calculated value; only then does openpyxl stream the values.
Import never evaluates or keeps a formula: it takes the value Excel saved, or reports the cell.
"""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from tdkt_desktop.importing.workbook import WorkbookError, open_workbook

#: Data rows read per sheet at most (the header row not counted).
MAX_DATA_ROWS = 200_000
#: Excel's own limit for the text of one cell.
MAX_TEXT = 32_767

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_COLUMN = re.compile(r"^([A-Za-z]{1,3})")


@dataclass
class CellProblem:
    """A cell whose value cannot be used as it is: sheet, row, column (1-based), value shown, why.

    ``header`` is the text of the sheet's header row above the cell, or its column letter.
    """

    sheet: str
    row: int
    column: int
    value: str
    reason: str
    header: str = ""


@dataclass
class SheetData:
    """One sheet's non-empty rows: (row number, values, number formats)."""

    title: str
    rows: list[tuple[int, list, list]] = field(default_factory=list)


@dataclass
class _Scan:
    last_row: int = 0
    data_rows: int = 0
    no_value: set[tuple[int, int]] = field(default_factory=set)


def decode_escapes(text: str) -> str:
    """Excel's ``_xHHHH_`` escapes (``_x000D_`` for a carriage return) as the characters they stand for."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _column_index(ref: str | None) -> int | None:
    match = _COLUMN.match(ref or "")
    if not match:
        return None
    index = 0
    for ch in match.group(1).upper():
        index = index * 26 + ord(ch) - 64
    return index


def _prescan(archive: zipfile.ZipFile, part: str, title: str) -> _Scan:
    """Stream one sheet's XML: count data rows (stop past the bound), note formulas with no value."""
    scan = _Scan()
    row_number, column, has_value, has_formula, row_filled = 0, 0, False, False, False
    parents: list[ElementTree.Element] = []
    limit = MAX_DATA_ROWS + 1  # + the header row
    with archive.open(part) as source:
        for event, elem in ElementTree.iterparse(source, events=("start", "end")):
            tag = elem.tag
            if event == "start":
                parents.append(elem)
                if tag == _NS + "row":
                    row_number = int(elem.get("r") or row_number + 1)
                    column, row_filled = 0, False
                elif tag == _NS + "c":
                    column = _column_index(elem.get("r")) or column + 1
                    has_value = has_formula = False
                continue
            parents.pop()
            if tag == _NS + "v" or tag == _NS + "is":
                has_value = True
            elif tag == _NS + "f":
                has_formula = True
            elif tag == _NS + "c":
                if has_formula and not has_value:
                    scan.no_value.add((row_number, column))
                row_filled = row_filled or has_value or has_formula
            elif tag == _NS + "row" and row_filled:
                scan.data_rows += 1
                scan.last_row = row_number
                if scan.data_rows > limit:
                    raise WorkbookError(
                        f"Trang “{title}” có hơn {MAX_DATA_ROWS:,} dòng dữ liệu".replace(",", ".")
                        + "; chương trình dừng đọc để tránh treo máy. Hãy chia dữ liệu thành nhiều tệp nhỏ hơn."
                    )
            # Drop what has been looked at (cells keep their children until the cell itself ends).
            if parents and parents[-1].tag not in (_NS + "c", _NS + "is", _NS + "r"):
                parents[-1].remove(elem)
    return scan


def read_workbook(path: Path) -> tuple[list[SheetData], list[CellProblem]]:
    """Every sheet's non-empty rows, and the cells that cannot be imported as they are.

    Raises:
        WorkbookError: the file cannot be read, or a sheet is past the row bound.
    """
    book = open_workbook(path)
    sheets: list[SheetData] = []
    problems: list[CellProblem] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for ws in book.worksheets:
                part = getattr(ws, "_worksheet_path", None)
                scan = _prescan(book._archive, part, ws.title) if part else _Scan(last_row=ws.max_row or 0)
                found: list[CellProblem] = []
                sheets.append(_read_sheet(ws, scan, found))
                problems += _with_headers(sheets[-1], found)
    except (zipfile.BadZipFile, zlib.error, ElementTree.ParseError, EOFError, KeyError, ValueError) as exc:
        raise WorkbookError(f"Tệp “{Path(path).name}” bị hỏng, không đọc được hết ({type(exc).__name__}).") from exc
    finally:
        book.close()
    return sheets, problems


def _read_sheet(ws, scan: _Scan, problems: list[CellProblem]) -> SheetData:
    sheet = SheetData(ws.title)
    if not scan.last_row:
        return sheet
    ws.reset_dimensions()  # a forged <dimension> (A1:XFD1048576) must not pad every row
    no_value_rows = {r for r, _ in scan.no_value}
    for number, row in enumerate(ws.iter_rows(min_row=1, max_row=scan.last_row), start=1):
        values, formats = [], []
        for column, cell in enumerate(row, start=1):
            value = cell.value
            if (number, column) in scan.no_value:
                problems.append(CellProblem(ws.title, number, column, "", (
                    "Ô có công thức nhưng tệp không lưu kết quả đã tính; chương trình không tự tính công thức. "
                    "Hãy mở tệp trong Excel, lưu lại (hoặc dán giá trị thay cho công thức) rồi nhập."
                )))
            elif getattr(cell, "data_type", None) == "e":
                problems.append(CellProblem(ws.title, number, column, str(value), f"Ô có lỗi công thức “{value}”."))
                value = None
            elif isinstance(value, str):
                value = decode_escapes(value)
                if len(value) > MAX_TEXT:
                    problems.append(CellProblem(ws.title, number, column, value[:40] + "…", (
                        f"Ô dài {len(value):,} ký tự, quá giới hạn {MAX_TEXT:,} ký tự của một ô Excel."
                        .replace(",", ".")
                    )))
            values.append(value)
            formats.append(getattr(cell, "number_format", None))
        if number in no_value_rows or any(v not in (None, "") for v in values):
            sheet.rows.append((number, values, formats))
    return sheet


def _with_headers(sheet: SheetData, problems: list[CellProblem]) -> list[CellProblem]:
    from openpyxl.utils import get_column_letter

    header = sheet.rows[0] if sheet.rows else (0, [], [])
    for problem in problems:
        above = header[1][problem.column - 1] if header[0] < problem.row and problem.column <= len(header[1]) else None
        problem.header = str(above).strip() if above not in (None, "") else f"cột {get_column_letter(problem.column)}"
    return problems
