"""The streaming .xlsx writer: each kind of cell as a spreadsheet reads it, and the export's dates, blanks and limits."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import load_workbook

from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db.records import Staff
from tdkt_desktop.errors import UserError
from tdkt_desktop.importing import xlsx_stream as xlsx
from tdkt_desktop.importing.exporter import export_workbook
from tdkt_desktop.importing.reader import read_workbook
from tdkt_desktop.importing.template import write_template
from tdkt_desktop.text import format_date

ROWS = [
    ("007", "Nguyễn Văn An", 2024),
    (None, "  Lê Thị Bình ", 2.5),  # no code: the cell stays, formatted as text
    ("=1+2", 'Sở KH&CN <Văn phòng> "A"', None),
    ("-7", "ký tự\x01điều khiển _x0041_ \ufffe", None),
    ("CB9",),
]


def _write(path, rows, *, guide_rows=()):
    sheets = [xlsx.Sheet("Cán bộ", (12, 30, 16, 16), frozenset({0}), ("Mã cán bộ", "Họ và tên", "Năm")),
              xlsx.Sheet("Hướng dẫn", (40,))]
    with xlsx.Workbook(path, sheets) as book:
        with book.next_sheet() as sheet:
            assert sheet.write_rows(rows) == len(rows)
        with book.next_sheet() as sheet:
            for row, heading in guide_rows:
                sheet.write_rows([row], style=xlsx.HEADING if heading else xlsx.PLAIN)
    return path


def test_every_kind_of_cell_reads_back_as_written(tmp_path):
    path = _write(tmp_path / "x.xlsx", ROWS, guide_rows=[(("Ghi chú",), True), ((), False), (("=chữ",), False)])
    sheets, problems = read_workbook(path)  # as the import reads it
    assert problems == [] and [values for _, values, _ in sheets[0].rows] == [
        ["Mã cán bộ", "Họ và tên", "Năm"], ["007", "Nguyễn Văn An", 2024], [None, "  Lê Thị Bình ", 2.5],
        ["=1+2", 'Sở KH&CN <Văn phòng> "A"'], ["-7", "ký tự\x01điều khiển _x0041_ \ufffe"], ["CB9"]]
    with zipfile.ZipFile(path) as z:  # Excel drops spaces at either end of a text unless told to keep them
        assert '<t xml:space="preserve">  Lê Thị Bình </t>' in z.read("xl/worksheets/sheet1.xml").decode()
    book = load_workbook(path)
    ws = book["Cán bộ"]
    assert all(c.data_type == "s" for c in (ws["A4"], ws["A5"], ws["B4"]))  # text, never a formula
    assert ws["A4"].quotePrefix and ws["B4"].quotePrefix is False and ws["A5"].quotePrefix  # Excel keeps them text
    assert ws["A2"].number_format == ws["A3"].number_format == "@"  # a code typed later stays "007"
    assert ws["B2"].number_format == "General" and ws["C3"].data_type == "n"
    assert [c.value for c in ws[1]] == ["Mã cán bộ", "Họ và tên", "Năm"] and ws["A1"].font.b
    assert ws["C1"].fill.fgColor.rgb == "FFDDEBF7" and ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width == pytest.approx(12.71, abs=0.01)
    assert ws.column_dimensions["B"].width == pytest.approx(30.71, abs=0.01)
    guide = book["Hướng dẫn"]
    assert [c.value for c in guide["A"]] == ["Ghi chú", None, "=chữ"] and guide["A1"].font.b
    assert guide.freeze_panes is None and book.active.title == "Cán bộ"
    # The <dimension> a read-only reader trusts for the last row and column.
    fast = load_workbook(path, read_only=True)
    assert (fast["Cán bộ"].max_row, fast["Cán bộ"].max_column) == (6, 3)
    assert (fast["Hướng dẫn"].max_row, fast["Hướng dẫn"].max_column) == (3, 1)
    fast.close()


def test_text_longer_than_a_cell_counts_utf16_units(tmp_path):
    with pytest.raises(xlsx.CellTooLong) as caught:
        _write(tmp_path / "dai.xlsx", [("CB1", "x" * 32_767), ("CB2", "😀" * 16_384)])  # 32,768 UTF-16 units
    assert (caught.value.row, caught.value.column, caught.value.length) == (3, 1, 32_768)


def test_export_refuses_a_text_excel_would_cut_and_leaves_no_file(db, tmp_path):
    person = staff_db.add_staff(db, Staff(id=None, code="CB1", full_name="Trần Văn Cường"))
    db.execute("UPDATE staff SET position = ? WHERE id = ?", ["Chuyên viên " * 3000, person])
    out = tmp_path / "xuat.xlsx"
    with pytest.raises(UserError, match="trang “Cán bộ”, dòng 2, cột “Chức vụ” dài 36000 ký tự"):
        export_workbook(db, out)
    assert list(tmp_path.iterdir()) == []


def test_export_writes_stored_dates_as_ddmmyyyy_and_blanks_as_empty_cells(demo_db, tmp_path):
    out = tmp_path / "xuat.xlsx"
    export_workbook(demo_db, out)
    book = load_workbook(out)
    got = [[c.value for c in row] for row in book["Cán bộ"].iter_rows(min_row=2)]
    stored = demo_db.execute("SELECT s.code, s.birth_date, s.gender, s.position, u.name, s.recruited_on FROM staff s "
                             "LEFT JOIN units u ON u.id = s.unit_id ORDER BY s.code").fetchall()
    assert [[r[0], r[2], r[3], r[4], r[5], r[6]] for r in got] == [
        [code, format_date(born) or None, gender or None, position or None, unit or None,
         format_date(recruited) or None] for code, born, gender, position, unit, recruited in stored]
    decisions = {(issuer, number, format_date(day))
                 for issuer, number, day in demo_db.execute("SELECT issuer, number, issued_on FROM decisions")}
    awards = list(book["Khen thưởng"].iter_rows(min_row=2, values_only=True))
    assert awards and all((issuer, number, day) in decisions for _, _, _, number, day, issuer, _ in awards)


def test_export_stops_at_a_stored_date_that_is_not_a_day(demo_db, tmp_path):
    """A damaged date is not exported as a blank: the export fails, and the command then names the damage."""
    demo_db.execute("UPDATE staff SET birth_date = '1977-02-30' WHERE code = (SELECT MIN(code) FROM staff)")
    out = tmp_path / "xuat.xlsx"
    with pytest.raises(ValueError, match="staff.birth_date: '1977-02-30'"):
        export_workbook(demo_db, out)
    assert not out.exists()


def test_template_is_a_complete_package(tmp_path):
    path = tmp_path / "mau.xlsx"
    write_template(path)
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        names = set(z.namelist())
        types = z.read("[Content_Types].xml").decode()
    sheets = {f"xl/worksheets/sheet{i}.xml" for i in range(1, 7)}
    assert sheets | {"xl/workbook.xml", "xl/styles.xml", "xl/theme/theme1.xml", "docProps/app.xml"} <= names
    assert all(f'PartName="/{name}"' in types for name in sheets)
    book = load_workbook(path)
    assert book.sheetnames[-1] == "Hướng dẫn" and all(book[n].freeze_panes == "A2" for n in book.sheetnames[:-1])
