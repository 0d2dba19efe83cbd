"""Read a workbook's cell values with bounded work: count rows and find formula cells before reading them.

A pre-scan streams each sheet's XML once (no values kept) to stop past :data:`MAX_DATA_ROWS` data rows
and to find formula cells that carry no calculated value; only then does openpyxl stream the values.
Import never evaluates or keeps a formula: it takes the value Excel saved, or reports the cell.
"""

from __future__ import annotations

import posixpath
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from tdkt_desktop.importing.workbook import WorkbookError, check_workbook_file, open_workbook

#: Data rows read per sheet at most (the header row not counted).
MAX_DATA_ROWS = 200_000
#: Excel's own limit for the text of one cell.
MAX_TEXT = 32_767

_CHUNK = 1 << 20
# Tags may carry a namespace prefix ("<x:row>") in files from other writers than Excel.
_ROW_TAG = re.compile(rb"<([A-Za-z_][\w.-]*:)?row\b([^>]*?)(/?)>")
_R_ATTR = re.compile(rb'\br="([^"]*)"')
_CELL = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)c\b(?P<attrs>[^>]*?)(?:/>|>(?P<body>.*?)</\1c>)", re.S)
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_VALUE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:v>[^<]|is[\s>])")
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


def _row_and_column(ref: str) -> tuple[int, int]:
    digits = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    return (int(digits) if digits.isdigit() else 0), (_column_index(ref) or 0)


def _too_many_rows(title: str) -> WorkbookError:
    return WorkbookError(
        f"Trang “{title}” có hơn {MAX_DATA_ROWS:,} dòng dữ liệu".replace(",", ".")
        + "; chương trình dừng đọc để tránh treo máy. Hãy chia dữ liệu thành nhiều tệp nhỏ hơn."
    )


def _prescan(archive: zipfile.ZipFile, part: str, title: str) -> _Scan:
    """Scan one sheet's raw XML at byte speed: count rows with cells (stop past the bound), find formulas
    that carry no saved value. Nothing is parsed into objects, so a huge sheet costs no memory.
    """
    scan = _Scan()
    limit = MAX_DATA_ROWS + 1  # + the header row
    close = b"</row>"
    carry = b""
    with archive.open(part) as source:
        while True:
            data = source.read(_CHUNK)
            buf = carry + data
            cut = len(buf) if not data else buf.rfind(close) + len(close)
            if cut < len(close) and data:
                carry = buf  # not one whole row yet
                continue
            body, carry = buf[:cut], buf[cut:]
            for match in _ROW_TAG.finditer(body):
                if match.group(1) and close == b"</row>":
                    close = b"</" + match.group(1) + b"row>"  # the writer's namespace prefix ("x:")
                if match.group(3):  # <row …/>: no cells
                    continue
                ref = _R_ATTR.search(match.group(2))
                scan.last_row = int(ref.group(1)) if ref else scan.last_row + 1
                scan.data_rows += 1
                if scan.data_rows > limit:
                    raise _too_many_rows(title)
            if _FORMULA.search(body):
                for cell in _CELL.finditer(body):
                    inner = cell.group("body") or b""
                    if _FORMULA.search(inner) and not _VALUE.search(inner):
                        ref = _R_ATTR.search(cell.group("attrs"))
                        scan.no_value.add(_row_and_column(ref.group(1).decode("ascii", "replace")) if ref else (0, 0))
            if not data:
                return scan


def _sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet title, part name in the zip) for every worksheet, from workbook.xml and its relationships."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    parts = []
    for sheet in book.iter(main + "sheet"):
        target = targets.get(sheet.get(rel_id), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        if part in archive.NameToInfo:
            parts.append((sheet.get("name", ""), part))
    return parts


def read_workbook(path: Path) -> tuple[list[SheetData], list[CellProblem]]:
    """Every sheet's non-empty rows, and the cells that cannot be imported as they are.

    Raises:
        WorkbookError: the file cannot be read, or a sheet is past the row bound.
    """
    path = Path(path)
    check_workbook_file(path)
    try:  # bound the work before openpyxl reads anything (its own first pass reads a whole sheet)
        with zipfile.ZipFile(path) as archive:
            scans = {part: _prescan(archive, part, title) for title, part in _sheet_parts(archive)}
    except (zipfile.BadZipFile, zlib.error, ElementTree.ParseError, EOFError, KeyError, ValueError) as exc:
        raise WorkbookError(f"Tệp “{path.name}” bị hỏng, không đọc được hết ({type(exc).__name__}).") from exc
    book = open_workbook(path)
    sheets: list[SheetData] = []
    problems: list[CellProblem] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for ws in book.worksheets:
                part = str(getattr(ws, "_worksheet_path", "")).lstrip("/")
                scan = scans.get(part) or _Scan(last_row=ws.max_row or 0)
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
    for number, row in enumerate(ws.iter_rows(min_row=1, max_row=scan.last_row), start=1):
        values, formats = [], []
        reported = len(problems)
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
        if len(problems) > reported and sheet.rows:
            continue  # the row is already reported; checking its other cells would only echo the cause
        if any(v not in (None, "") for v in values):
            sheet.rows.append((number, values, formats))
    return sheet


def _with_headers(sheet: SheetData, problems: list[CellProblem]) -> list[CellProblem]:
    from openpyxl.utils import get_column_letter

    header = sheet.rows[0] if sheet.rows else (0, [], [])
    for problem in problems:
        above = header[1][problem.column - 1] if header[0] < problem.row and problem.column <= len(header[1]) else None
        problem.header = str(above).strip() if above not in (None, "") else f"cột {get_column_letter(problem.column)}"
    return problems
