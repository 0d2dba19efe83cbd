"""Excel in and out: text never becomes a formula, formulas are never evaluated, work is bounded."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from safety import faultkit as fk
from safety import xlsx

from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.importing.exporter import export_workbook
from tdkt_desktop.importing.importer import check_file, import_file
from tdkt_desktop.importing.report import write_report
from tdkt_desktop.importing.template import write_template

TRICKY = ['=HYPERLINK("http://vi.du/x","Bấm")', "+84 Nguyễn Văn A", "-Trần Thị B", "@Lê Văn C"]


def _formulas(path) -> int:
    """How many live formulas the workbook holds (any <f> element in any sheet)."""
    with zipfile.ZipFile(path) as z:
        return sum(z.read(n).count(b"<f>") + z.read(n).count(b"<f ") for n in z.namelist() if n.startswith("xl/worksheets/"))


def _staff_book(path, rows, title="Cán bộ"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(["Mã cán bộ", "Họ và tên", "Giới tính"])
    for values in rows:
        ws.append(values)
        for c in ws[ws.max_row]:
            if c.data_type == "f":  # typed as text in Excel ('=…): a string cell, not a formula
                c.data_type = "s"
    wb.save(path)
    return path


def test_text_that_looks_like_a_formula_goes_out_and_back_as_the_same_text(db, tmp_path, tally):
    book = _staff_book(tmp_path / "vao.xlsx", [[f"X{i}", name, "Nam"] for i, name in enumerate(TRICKY)])
    assert _formulas(book) == 0
    tally.injected("sổ Excel dựng sẵn (công thức trong chữ)")
    assert import_file(db, book).ok
    assert sorted(s.full_name for s in staff_db.list_staff(db)) == sorted(TRICKY)
    out = tmp_path / "ra.xlsx"
    export_workbook(db, out)
    assert _formulas(out) == 0, "every text cell is written as text"
    read = openpyxl.load_workbook(out)  # not read-only: sees formulas if there were any
    names = [c.value for c in read["Cán bộ"]["B"][1:]]
    assert sorted(names) == sorted(TRICKY) and all(c.data_type == "s" for c in read["Cán bộ"]["B"][1:])
    plan = import_file(db, out)  # the export imports back and changes nothing
    assert plan.ok and plan.changes == 0


def test_error_report_keeps_typed_values_as_text(db, tmp_path, tally):
    book = _staff_book(tmp_path / "sai.xlsx", [["X1", "Nguyễn Văn A", '=HYPERLINK("http://vi.du","Bấm")']])
    tally.injected("sổ Excel dựng sẵn (công thức trong chữ)")
    plan = check_file(db, book)
    assert not plan.ok
    report = write_report(plan)
    assert _formulas(report) == 0
    values = [c.value for row in openpyxl.load_workbook(report).active.iter_rows() for c in row]
    assert '=HYPERLINK("http://vi.du","Bấm")' in values


def test_formula_without_a_saved_value_is_a_row_error_and_saved_values_are_used(db, tmp_path, tally):
    path = xlsx.write(tmp_path / "cong-thuc.xlsx", [("Cán bộ", [
        xlsx.row(1, ["Mã cán bộ", "Họ và tên"]),
        xlsx.row(2, ["CB1", ("f", '"Nguyễn"&" Văn An"', "Nguyễn Văn An")]),  # Excel saved the result
        xlsx.row(3, ["CB2", ("f", 'A2&"x"', None)]),  # never calculated: no value to take
    ])])
    tally.injected("sổ Excel dựng sẵn (công thức không có giá trị)")
    plan = check_file(db, path)
    (issue,) = plan.issues
    assert (issue.sheet, issue.row, issue.column) == ("Cán bộ", 3, "Họ và tên")
    assert "không lưu kết quả đã tính" in issue.reason
    assert db["staff"].count == 0
    fixed = xlsx.write(tmp_path / "cong-thuc-2.xlsx", [("Cán bộ", [
        xlsx.row(1, ["Mã cán bộ", "Họ và tên"]),
        xlsx.row(2, ["CB1", ("f", '"Nguyễn"&" Văn An"', "Nguyễn Văn An")]),
    ])])
    assert import_file(db, fixed).ok
    assert [s.full_name for s in staff_db.list_staff(db)] == ["Nguyễn Văn An"]


_MEASURED = """
import sys
from tdkt_desktop.cli import main
code = main(sys.argv[1:])
# VmHWM is this process's own peak since exec (ru_maxrss would include the forked test runner).
peak = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(f"VmHWM {peak}", file=sys.stderr)
sys.exit(code)
"""


def _run_measured(args, *, exit_code: int = 1) -> tuple[int, str]:
    """Run the CLI and return (its peak RSS in MB, stderr)."""
    proc = subprocess.run([sys.executable, "-c", _MEASURED, *args], env=fk.ENV, capture_output=True, text=True,
                          timeout=120, check=False)
    peak = int(proc.stderr.rsplit("VmHWM", 1)[1].split()[0])
    assert proc.returncode == exit_code, proc.stderr
    return peak // 1024, proc.stderr


def test_shared_strings_bomb_is_refused_before_it_is_read(demo_file, tmp_path, tally):
    text = "Nguyễn Văn An " * 1000
    bomb = xlsx.write(tmp_path / "bom.xlsx", [("Cán bộ", [xlsx.row(1, ["Mã cán bộ", "Họ và tên"])])],
                      shared_strings=(f"<si><t>{text}</t></si>" * 100 for _ in range(36)))
    assert bomb.stat().st_size < 2_000_000 and zipfile.ZipFile(bomb).getinfo("xl/sharedStrings.xml").file_size > 50 * 2**20
    tally.injected("sổ Excel dựng sẵn (bom sharedStrings)")
    before = fk.digest(demo_file)
    rss, err = _run_measured(["--db", str(demo_file), "import", str(bomb)])
    print(f"peak RSS, shared-strings bomb: {rss} MB")
    assert "bảng chữ dùng chung" in err and "50 MB" in err
    assert rss < 120, f"{rss} MB"
    assert fk.digest(demo_file) == before


def test_a_million_row_sheet_stops_past_200000_rows(demo_file, tmp_path, tally):
    def rows():
        yield xlsx.row(1, ["Mã cán bộ", "Họ và tên"])
        for start in range(2, 1_048_576, 50_000):
            yield "".join(
                f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>CB{n}</t></is></c>'
                f'<c r="B{n}" t="inlineStr"><is><t>Nguyễn Văn An</t></is></c></row>'
                for n in range(start, min(start + 50_000, 1_048_576))
            )

    big = xlsx.write(tmp_path / "trieu-dong.xlsx", [("Cán bộ", rows())])
    tally.injected("sổ Excel dựng sẵn (1.048.575 dòng)")
    before = fk.digest(demo_file)
    rss, err = _run_measured(["--db", str(demo_file), "import", str(big)])
    print(f"peak RSS, 1,048,575-row sheet: {rss} MB")
    assert "hơn 200.000 dòng dữ liệu" in err
    assert rss < 120, f"{rss} MB"
    assert fk.digest(demo_file) == before


def test_forged_dimension_does_not_pad_rows(demo_file, tmp_path, tally):
    rows = [xlsx.row(1, ["Mã cán bộ", "Họ và tên"])] + [xlsx.row(n, [f"TM{n}", "Nguyễn Văn An"]) for n in range(2, 3002)]
    path = xlsx.write(tmp_path / "kich-thuoc.xlsx", [("Cán bộ", rows)], dimension="A1:XFD1048576")
    assert path.stat().st_size < 100_000  # a small file claiming 16,384 columns in every row
    tally.injected("sổ Excel dựng sẵn (dimension giả)")
    rss, err = _run_measured(["--db", str(demo_file), "import", str(path), "--dry-run"], exit_code=0)
    print(f"peak RSS, forged dimension: {rss} MB")
    assert rss < 120, f"{rss} MB"


def test_over_long_text_is_a_row_error_and_escapes_are_decoded(db, tmp_path, tally):
    path = xlsx.write(tmp_path / "dai.xlsx", [("Cán bộ", [
        xlsx.row(1, ["Mã cán bộ", "Họ và tên", "Chức vụ"]),
        xlsx.row(2, ["CB1", "Nguyễn_x000D_Văn An", "Chuyên_x0020_viên"]),
        xlsx.row(3, ["CB2", "Trần Thị Bình", "x" * 40_000]),
    ])])
    tally.injected("sổ Excel dựng sẵn (ô quá dài, _x000D_)")
    plan = check_file(db, path)
    (issue,) = plan.issues
    assert (issue.row, issue.column) == (3, "Chức vụ") and "32.767" in issue.reason
    short = xlsx.write(tmp_path / "ngan.xlsx", [("Cán bộ", [
        xlsx.row(1, ["Mã cán bộ", "Họ và tên", "Chức vụ"]), xlsx.row(2, ["CB1", "Nguyễn_x000D_Văn An", "Chuyên_x0020_viên"]),
    ])])
    assert import_file(db, short).ok
    (person,) = staff_db.list_staff(db)
    assert (person.full_name, person.position) == ("Nguyễn Văn An", "Chuyên viên")


def test_two_sheets_of_one_kind_are_an_error_naming_both(db, tmp_path, tally):
    path = xlsx.write(tmp_path / "hai-trang.xlsx", [
        ("Cán bộ", [xlsx.row(1, ["Mã cán bộ", "Họ và tên"]), xlsx.row(2, ["CB1", "Nguyễn Văn An"])]),
        ("Danh sách cán bộ", [xlsx.row(1, ["Mã cán bộ", "Họ và tên"]), xlsx.row(2, ["CB2", "Trần Thị Bình"])]),
    ])
    tally.injected("sổ Excel dựng sẵn (hai trang cùng loại)")
    plan = check_file(db, path)
    assert any("“Cán bộ”" in i.reason and "“Danh sách cán bộ”" in i.reason for i in plan.issues)
    assert not import_file(db, path).ok and db["staff"].count == 0


def test_encrypted_workbook_and_renamed_xls_get_their_own_messages(db, tmp_path, tally):
    import msoffcrypto.format.ooxml
    import xlwt

    plain = _staff_book(tmp_path / "ro.xlsx", [["CB1", "Nguyễn Văn An", "Nam"]])
    locked = tmp_path / "mat-khau.xlsx"
    with open(plain, "rb") as src, open(locked, "wb") as dst:
        msoffcrypto.format.ooxml.OOXMLFile(src).encrypt("matkhau", dst)
    old = xlwt.Workbook()
    old.add_sheet("Can bo").write(0, 0, "Mã cán bộ")
    old.save(str(tmp_path / "cu.xls"))
    renamed = (tmp_path / "cu.xls").rename(tmp_path / "cu-doi-ten.xlsx")
    tally.injected("sổ Excel dựng sẵn (mật khẩu, .xls đổi tên)", 2)
    (issue,) = check_file(db, locked).issues
    assert "mật khẩu" in issue.reason
    (issue,) = check_file(db, renamed).issues
    assert ".xls" in issue.reason and "lưu lại dạng .xlsx" in issue.reason


def test_export_to_a_full_disk_leaves_no_file_and_keeps_an_old_one(demo_file, tmp_path, tally):
    from tdkt_desktop.db.connection import open_database

    db = open_database(demo_file)  # enough people that the sheet outgrows 64 KB
    db["staff"].insert_all({"code": f"TM{i:04d}", "full_name": f"Nguyễn Văn {i}", "fold": f"nguyen van {i}"}
                           for i in range(800))
    db.close()
    out = tmp_path / "xuat.xlsx"
    run = fk.cli("--db", str(demo_file), "export", str(out), limit=64 * 1024)
    tally.injected("đầy đĩa (RLIMIT_FSIZE)")
    assert run.returncode == 1 and not out.exists(), run.stderr
    assert "ổ đĩa đã đầy" in run.stderr and "Traceback" not in run.stderr
    out.write_bytes(b"ban cu")
    run = fk.cli("--db", str(demo_file), "export", str(out), limit=64 * 1024)
    tally.injected("đầy đĩa (RLIMIT_FSIZE)")
    assert run.returncode == 1 and out.read_bytes() == b"ban cu"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_template_failing_at_the_rename_leaves_no_file(tmp_path, monkeypatch, tally):
    real = os.replace

    def full(src, dst, *a, **kw):
        if str(dst).endswith(".xlsx"):
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        return real(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError):
        write_template(tmp_path / "mau.xlsx")
    tally.injected("lỗi khi đổi tên (os.replace ENOSPC)")
    assert list(tmp_path.iterdir()) == []
