"""A streaming .xlsx writer for the export and the template: rows go straight into the zip as inline strings.

Why not a library: XlsxWriter (used before) spends about 5 µs of Python per cell in its generic cell path
(A1-notation check, a cell tuple, attribute lists, two regex escapes); the 20,000-staff register has 2 million
cells, so that was 10 of the export's 14 s of CPU. This writer knows the few kinds of cell the export has
(text, whole number, an empty code cell), checks and escapes each distinct text of a column once, and builds
a cell with one f-string. It writes the parts XlsxWriter's ``constant_memory`` mode wrote, in its words: on
the 20,000-staff register every sheet's XML is byte for byte the same. The differences: the style sheet lists
the two quote-prefix styles even when unused, and the theme is the Office theme as openpyxl ships it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tdkt_desktop.importing.reader import MAX_TEXT  # Excel keeps this many UTF-16 units of a cell, cuts the rest
from tdkt_desktop.importing.saving import FORMULA_START  # text Excel would take for a formula when edited

# Cell styles: their index in <cellXfs> below.
PLAIN, HEADING, TEXT, QUOTED, TEXT_QUOTED = 0, 1, 2, 3, 4

_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006"
_STYLES = (
    f'{_HEADER}<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="@"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/>'
    '<scheme val="minor"/></font><font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/>'
    '<scheme val="minor"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid">'
    '<fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="1"><border>'
    '<left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'  # PLAIN
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>'  # HEADING
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'  # TEXT
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'  # QUOTED
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1" applyNumberFormat="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" '
    'defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
)
_SHEET_TAIL = ('</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
               "</worksheet>")
_FROZEN_HEADER = ('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                  '<selection pane="bottomLeft"/>')

# Anything in a text that cannot go into the XML as it is: markup characters, control characters (Excel's
# _xHHHH_ escape, so a literal "_x0041_" must itself be escaped), and the two non-characters.
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")
_LITERAL_ESCAPE = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_CHUNK_ROWS = 2000
_CACHED = 20_000  # texts remembered per column
_LEVEL = 5  # on the 20,000-staff export: 0.57 s of zlib for 8.3 MiB; level 6 (the default) 1.0 s for 8.2 MiB
_ZIP64 = 1 << 30  # an entry this large needs the zip64 header before its size is known


class CellTooLong(ValueError):
    """A text longer than an Excel cell holds (Excel would cut it): 1-based ``row``, 0-based ``column``."""

    def __init__(self, row: int, column: int, length: int):
        super().__init__(f"row {row}, column {column}: {length} > {MAX_TEXT}")
        self.row, self.column, self.length = row, column, length


def _escaped(value: str) -> str:
    """Excel's escaping for cell text: _xHHHH_ for control characters, then XML entities."""
    value = _LITERAL_ESCAPE.sub(r"_x005F\1", value)
    value = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    value = value.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml(value: str) -> str:
    """A name for an attribute or an element's text."""
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def column_letter(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _width(characters: float) -> float:
    """Excel's stored width for a column ``characters`` (≥ 1) wide in Calibri 11: 7-pixel digits, 5 pixels padding."""
    return int((int(characters * 7 + 0.5) + 5) / 7 * 256) / 256


@dataclass(frozen=True)
class Sheet:
    """A sheet's layout: tab name, column widths (characters), which columns hold text codes, a header row."""

    name: str
    widths: Sequence[float]
    text_columns: frozenset[int] = frozenset()  # "@" format: "007" stays "007" when the user types in Excel
    header: Sequence[str] = ()  # written bold on a fill, and kept in view while scrolling


class _SheetWriter:
    """The rows of one sheet, encoded into a temporary file until the sheet is finished: the <dimension>
    that opens the sheet's XML is only known then (XlsxWriter's ``constant_memory`` mode does the same)."""

    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        self.body = tempfile.TemporaryFile()  # noqa: SIM115 - closed by Workbook.next_sheet
        self.next_row = 1
        self.rows: tuple[int, int] | None = None  # first and last row with a cell
        self.cols: tuple[int, int] | None = None
        if sheet.header:
            self.write_rows([sheet.header], style=HEADING)

    def write_rows(self, rows: Iterable[Sequence], *, style: int = PLAIN) -> int:
        """Append ``rows`` (str, int, float or None cells) below the last one; returns how many.

        Every text is a string cell, never a formula; one that begins like a formula also gets a quote
        prefix, so editing it in Excel keeps it text. Blank cells are left out, except in a text column.

        Raises:
            CellTooLong: a text is longer than Excel keeps in a cell.
        """
        texts = self.sheet.text_columns
        before = n = self.next_row - 1
        chunk: list[str] = []
        starts: list[str] = []  # per column: the cell's opening up to its row number
        numbers: list[str] = []  # what follows the row number in a number cell
        # Per column, text → what follows the row number in its cell. Most values repeat (units, ratings,
        # award names, dates), so each is checked and escaped once; a bounded number, so memory stays flat.
        tails: list[dict[str, str]] = []
        low, high = self.cols or (1 << 20, -1)
        rows_seen = self.rows
        for row in rows:
            if len(row) > len(starts):
                for index in range(len(starts), len(row)):
                    own = style if style != PLAIN else (TEXT if index in texts else PLAIN)
                    starts.append(f'<c r="{column_letter(index)}')
                    numbers.append(f'" s="{own}"><v>' if own else '"><v>')
                    tails.append({})
            n += 1
            r = str(n)
            cells = []
            last = -1
            for index, value in enumerate(row):
                if value.__class__ is str:
                    tail = tails[index].get(value)
                    if tail is None:
                        tail = self._text_tail(value, index in texts, style, n, index)
                        if len(tails[index]) < _CACHED:
                            tails[index][value] = tail
                    cells.append(f"{starts[index]}{r}{tail}")
                elif value is None:
                    if index not in texts:
                        continue
                    cells.append(f'{starts[index]}{r}" s="{TEXT}"/>')
                elif value.__class__ is int:
                    cells.append(f"{starts[index]}{r}{numbers[index]}{value}</v></c>")
                elif isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
                    cells.append(f"{starts[index]}{r}{numbers[index]}{value:.16G}</v></c>")
                else:
                    raise TypeError(f"no cell for {value!r}")
                last = index
            if cells:
                chunk.append(f'<row r="{r}">{"".join(cells)}</row>')
                rows_seen = (rows_seen or (n,))[0], n
                if last > high:
                    high = last
                if low:  # the first column with a cell: A as soon as one row starts there
                    low = min(low, next(i for i, v in enumerate(row) if v is not None or i in texts))
                if len(chunk) >= _CHUNK_ROWS:
                    self.body.write("".join(chunk).encode())
                    chunk.clear()
        if chunk:
            self.body.write("".join(chunk).encode())
        self.rows = rows_seen
        if high >= 0:
            self.cols = (low, high)
        self.next_row = n + 1
        return n - before

    @staticmethod
    def _text_tail(value: str, text_column: bool, style: int, row: int, column: int) -> str:
        """A text cell from after its row number to its end: style, escaped text, kept spaces."""
        length = len(value)
        if length > MAX_TEXT // 2 and len(value.encode("utf-16-le", "surrogatepass")) > 2 * MAX_TEXT:
            raise CellTooLong(row, column, len(value.encode("utf-16-le", "surrogatepass")) // 2)
        if style == PLAIN and value.startswith(FORMULA_START):
            style = TEXT_QUOTED if text_column else QUOTED
        elif style == PLAIN and text_column:
            style = TEXT
        if _SPECIAL.search(value):
            value = _escaped(value)
        own = f' s="{style}"' if style else ""
        space = ' xml:space="preserve"' if len(value.strip()) != len(value) else ""  # spaces at either end
        return f'"{own} t="inlineStr"><is><t{space}>{value}</t></is></c>'

    def xml(self, selected: bool) -> tuple[bytes, bytes]:
        """The sheet's XML before and after its rows."""
        if self.rows is None or self.cols is None:
            dimension = "A1"
        else:
            dimension = f"{column_letter(self.cols[0])}{self.rows[0]}"
            if self.rows[0] != self.rows[1] or self.cols[0] != self.cols[1]:
                dimension += f":{column_letter(self.cols[1])}{self.rows[1]}"
        tab = ' tabSelected="1"' if selected else ""
        view = (f'<sheetView{tab} workbookViewId="0">{_FROZEN_HEADER}</sheetView>' if self.sheet.header
                else f'<sheetView{tab} workbookViewId="0"/>')
        spans: list[list] = []  # [first, last, width, style]: neighbours alike share one <col>, as Excel saves
        for i, width in enumerate(self.sheet.widths):
            style = f' style="{TEXT}"' if i in self.sheet.text_columns else ""
            if spans and spans[-1][1] == i - 1 and spans[-1][2:] == [width, style]:
                spans[-1][1] = i
            else:
                spans.append([i, i, width, style])
        cols = "".join(f'<col min="{a + 1}" max="{b + 1}" width="{_width(w):.16G}"{style} customWidth="1"/>'
                       for a, b, w, style in spans)
        head = (f'{_HEADER}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><dimension ref="{dimension}"/>'
                f'<sheetViews>{view}</sheetViews><sheetFormatPr defaultRowHeight="15"/>'
                + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>")
        return head.encode(), _SHEET_TAIL.encode()


class Workbook:
    """An .xlsx written in one pass: the package parts first, then each sheet of ``sheets`` in order.

    ``with Workbook(path, sheets) as book:`` then, per sheet, ``with book.next_sheet() as sheet:
    sheet.write_rows(rows)``. On an error the file is left unfinished: write it under a temporary name.
    """

    def __init__(self, path: Path | str, sheets: Sequence[Sheet]):
        self.sheets = list(sheets)
        self.written = 0
        self.zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=_LEVEL)
        for name, xml in _package(self.sheets):  # dated 1980-01-01 as the sheets below (zipfile's default)
            self.zip.writestr(zipfile.ZipInfo(name), xml, compress_type=zipfile.ZIP_DEFLATED, compresslevel=_LEVEL)

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if kind is None and self.written != len(self.sheets):
            raise RuntimeError(f"{self.written} of {len(self.sheets)} sheets written")
        if kind is None:
            self.zip.close()
            return
        with contextlib.suppress(OSError):  # the error being raised is the one to report
            self.zip.close()

    @contextlib.contextmanager
    def next_sheet(self) -> Iterator[_SheetWriter]:
        """The next sheet's rows; stored in the file when the block ends without an error."""
        sheet = _SheetWriter(self.sheets[self.written])
        try:
            yield sheet
            head, tail = sheet.xml(selected=self.written == 0)
            size = len(head) + sheet.body.tell() + len(tail)
            self.written += 1
            with self.zip.open(f"xl/worksheets/sheet{self.written}.xml", "w", force_zip64=size > _ZIP64) as out:
                out.write(head)
                sheet.body.seek(0)
                shutil.copyfileobj(sheet.body, out, 1 << 20)
                out.write(tail)
        finally:
            sheet.body.close()


def _package(sheets: Sequence[Sheet]) -> list[tuple[str, str]]:
    """Every part but the sheets' XML, in XlsxWriter's words (its sheets' tab order, no shared strings)."""
    from openpyxl.writer.theme import theme_xml  # the standard Office theme the styles' colours refer to

    count = len(sheets)
    kind = "application/vnd.openxmlformats-officedocument"
    overrides = [("/docProps/app.xml", f"{kind}.extended-properties+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/xl/styles.xml", f"{kind}.spreadsheetml.styles+xml"),
                 ("/xl/theme/theme1.xml", f"{kind}.theme+xml"),
                 ("/xl/workbook.xml", f"{kind}.spreadsheetml.sheet.main+xml")]
    overrides += [(f"/xl/worksheets/sheet{i}.xml", f"{kind}.spreadsheetml.worksheet+xml") for i in range(1, count + 1)]
    types = (f'{_HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             + "".join(f'<Override PartName="{part}" ContentType="{ct}"/>' for part, ct in overrides) + "</Types>")
    root_rels = (f'{_HEADER}<Relationships xmlns="{_PKG_REL}">'
                 f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
                 '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
                 'metadata/core-properties" Target="docProps/core.xml"/>'
                 f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
                 "</Relationships>")
    book_rels = (f'{_HEADER}<Relationships xmlns="{_PKG_REL}">'
                 + "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                           for i in range(1, count + 1))
                 + f'<Relationship Id="rId{count + 1}" Type="{_REL}/theme" Target="theme/theme1.xml"/>'
                 f'<Relationship Id="rId{count + 2}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>')
    book = (f'{_HEADER}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
            '<fileVersion appName="xl" lastEdited="4" lowestEdited="4" rupBuild="4505"/>'
            '<workbookPr defaultThemeVersion="124226"/><bookViews><workbookView xWindow="240" yWindow="15" '
            'windowWidth="16095" windowHeight="9660"/></bookViews><sheets>'
            + "".join(f'<sheet name="{_xml(s.name)}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, s in enumerate(sheets, start=1))
            + '</sheets><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>')
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    titles = "".join(f"<vt:lpstr>{_xml(s.name)}</vt:lpstr>" for s in sheets)
    app = (f'{_HEADER}<Properties xmlns="{_PROPS}/extended-properties" xmlns:vt="{vt}">'
           "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
           '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr>'
           f'</vt:variant><vt:variant><vt:i4>{count}</vt:i4></vt:variant></vt:vector></HeadingPairs>'
           f'<TitlesOfParts><vt:vector size="{count}" baseType="lpstr">{titles}</vt:vector></TitlesOfParts>'
           "<Company></Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
           "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>")
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    core = (f'{_HEADER}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            "<dc:creator></dc:creator><cp:lastModifiedBy></cp:lastModifiedBy>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified></cp:coreProperties>')
    return [("[Content_Types].xml", types), ("_rels/.rels", root_rels), ("xl/_rels/workbook.xml.rels", book_rels),
            ("xl/workbook.xml", book), ("xl/styles.xml", _STYLES), ("xl/theme/theme1.xml", theme_xml),
            ("docProps/core.xml", core), ("docProps/app.xml", app)]
