"""Excel import/export: round trip, idempotence, all-or-nothing on bad input, report, CLI."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook

from tdkt_desktop.cli import main
from tdkt_desktop.db import campaigns, decisions, ratings, staff_search
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db.connection import open_database, open_memory
from tdkt_desktop.importing.exporter import export_workbook
from tdkt_desktop.importing.importer import check_file, import_file
from tdkt_desktop.importing.report import report_path
from tdkt_desktop.importing.template import write_template

TABLES = ("staff", "units", "ratings", "initiatives", "decisions", "awards")

STAFF_HEAD = ["Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Đơn vị", "Ngày tuyển dụng"]
AWARD_HEAD = ["Mã cán bộ", "Năm", "Danh hiệu/Hình thức", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"]


def snapshot(db):
    return {t: list(db[t].rows) for t in TABLES}


def workbook_rows(path):
    book = load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}


def make_book(path, sheets: dict[str, list[list]]):
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


GOOD = {
    "Cán bộ": [STAFF_HEAD, ["007", "Đặng Thị Hương", "05/04/1988", "Nữ", "Chuyên viên", "Phòng Quản lý khoa học", "01/09/2012"]],
    "Xếp loại": [["Năm", "Mã cán bộ", "Xếp loại", "Kỷ luật"], [2024, "007", "Hoàn thành xuất sắc nhiệm vụ", None]],
    "Khen thưởng": [AWARD_HEAD, ["007", 2024, "CSTĐCS", "12/QĐ-SKHCN", "10/01/2025", "Sở Khoa học và Công nghệ"]],
}


def test_round_trip_export_import_export_is_identical(demo_db, tmp_path):
    first = tmp_path / "a.xlsx"
    export_workbook(demo_db, first)
    empty = open_memory()
    # Registrations name campaigns, which a workbook never creates: the campaigns come first.
    for campaign in campaigns.list_campaigns(demo_db):
        campaigns.add_campaign(empty, dataclasses.replace(campaign, id=None))
    plan = import_file(empty, first)
    assert plan.ok, [i.text() for i in plan.issues[:5]]
    second = tmp_path / "b.xlsx"
    export_workbook(empty, second)
    assert workbook_rows(first) == workbook_rows(second)
    assert empty["awards"].count == demo_db["awards"].count
    assert empty["units"].count_where("1") >= 8


def test_reimport_changes_nothing(demo_db, tmp_path):
    path = tmp_path / "a.xlsx"
    export_workbook(demo_db, path)
    before = snapshot(demo_db)
    audit_rows = demo_db["audit_log"].count
    plan = import_file(demo_db, path)
    assert plan.ok and plan.changes == 0
    assert snapshot(demo_db) == before
    assert demo_db["audit_log"].count == audit_rows


def test_good_file_imports_with_phrases_abbreviations_and_leading_zeros(db, tmp_path):
    plan = import_file(db, make_book(tmp_path / "ok.xlsx", GOOD))
    assert plan.ok, [i.text() for i in plan.issues]
    person = staff_db.find_by_code(db, "007")
    assert person.full_name == "Đặng Thị Hương" and person.birth_date == dt.date(1988, 4, 5)
    assert person.unit_name == "Phòng Quản lý khoa học"  # unit created on first use
    assert ratings.ratings_of(db, person.id)[0].rating == "HTXS"
    award = decisions.list_awards(db, staff_id=person.id)[0]
    assert award.award_type == "chien_si_thi_dua_co_so" and award.decision_date == dt.date(2025, 1, 10)


def test_excel_dates_numeric_codes_and_collective_awards(db, tmp_path):
    path = tmp_path / "x.xlsx"
    book = Workbook()
    ws = book.active
    ws.title = "Cán bộ"
    ws.append(["Họ và tên", "Mã cán bộ", "Ngày sinh"])
    ws.append(["Lê Văn Bình", 42, dt.datetime(1990, 2, 3)])
    ws["B2"].number_format = "0000"
    aw = book.create_sheet("khen thuong")
    aw.append([*AWARD_HEAD, "Tập thể"])
    aw.append([None, 2024, "Giấy khen của Giám đốc Sở", "5/QĐ-SKHCN", dt.datetime(2024, 12, 20), "Sở KH&CN", "Văn phòng Sở"])
    aw.append(["0042", "2024", "Giấy khen", "5/QĐ-SKHCN", "20/12/2024", "Sở KH&CN", None])
    book.save(path)
    plan = import_file(db, path)
    assert plan.ok, [i.text() for i in plan.issues]
    person = staff_db.find_by_code(db, "0042")
    assert person.birth_date == dt.date(1990, 2, 3)
    lines = decisions.awards_of_decision(db, decisions.find_decision(db, "5/QĐ-SKHCN").id)
    assert [(a.award_type, a.recipient_name) for a in lines] == [
        ("giay_khen_tap_the", "Văn phòng Sở"), ("giay_khen", "Lê Văn Bình")]


BAD = {
    "missing sheet": ({"Sheet1": [["a", "b"], [1, 2]]}, "Không có trang dữ liệu nào đúng mẫu"),
    "unknown staff code": ({**GOOD, "Xếp loại": [["Mã cán bộ", "Năm", "Xếp loại"], ["999", 2024, "HTT"]]},
                           "Mã cán bộ “999” không có"),
    "bad date": ({**GOOD, "Cán bộ": [STAFF_HEAD, ["007", "Đặng Thị Hương", "31/02/1988", "Nữ", None, None, None]]},
                 "không phải ngày hợp lệ"),
    "unknown award name": ({**GOOD, "Khen thưởng": [AWARD_HEAD, ["007", 2024, "Huy chương vàng", "1/QĐ", "01/01/2025", "Sở"]]},
                           "Không có danh hiệu/hình thức này"),
    "duplicate award in file": ({**GOOD, "Khen thưởng": [AWARD_HEAD, ["007", 2024, "LĐTT", "1/QĐ", "01/01/2025", "Sở"],
                                                         ["007", 2024, "Lao động tiên tiến", "2/QĐ", "02/01/2025", "Sở"]]},
                                "đã có “Lao động tiên tiến” năm 2024 ở dòng 2"),
    "missing column": ({"Xếp loại": [["Mã cán bộ", "Năm"], ["007", 2024]]}, "Thiếu cột “Xếp loại”"),
    "bad rating": ({**GOOD, "Xếp loại": [["Mã cán bộ", "Năm", "Xếp loại"], ["007", 2024, "Giỏi"]]}, "Xếp loại không hợp lệ"),
    "empty workbook": ({"Cán bộ": [STAFF_HEAD]}, "không có dòng dữ liệu nào"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_files_write_nothing_and_report_where(demo_db, tmp_path, case):
    sheets, words = BAD[case]
    path = make_book(tmp_path / "bad.xlsx", sheets)
    before = snapshot(demo_db)
    plan = import_file(demo_db, path)
    assert not plan.ok
    assert any(words in issue.reason for issue in plan.issues), [i.text() for i in plan.issues]
    assert snapshot(demo_db) == before


def test_duplicate_of_an_award_already_in_the_database(demo_db, tmp_path):
    award = decisions.list_awards(demo_db, award_type="chien_si_thi_dua_co_so", year=2024)[0]
    sheets = {"Khen thưởng": [AWARD_HEAD, [award.staff_code, 2024, "CSTĐCS", "999/QĐ-SKHCN", "01/02/2025", "Sở"]]}
    before = snapshot(demo_db)
    plan = import_file(demo_db, make_book(tmp_path / "dup.xlsx", sheets))
    assert f"theo Quyết định số {award.decision_number}" in plan.issues[0].reason
    assert plan.issues[0].sheet == "Khen thưởng" and plan.issues[0].row == 2
    assert snapshot(demo_db) == before


@pytest.mark.parametrize(("name", "content"), [("notes.xlsx", b"this is not a workbook"), ("empty.xlsx", b""),
                                                ("old.xls", b"\xd0\xcf\x11\xe0")])
def test_not_xlsx_or_empty_file(demo_db, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    before = snapshot(demo_db)
    plan = import_file(demo_db, path)
    assert not plan.ok and plan.issues[0].sheet == ""
    assert any(w in plan.issues[0].reason for w in ("không phải bảng tính", "rỗng", ".xls"))
    assert snapshot(demo_db) == before


def test_one_bad_row_among_many_keeps_everything_out(db, tmp_path):
    rows = [STAFF_HEAD] + [[f"N{i:03d}", f"Người {i}", None, None, None, "Phòng A", None] for i in range(50)]
    rows[30][3] = "Khác"
    before = snapshot(db)
    plan = import_file(db, make_book(tmp_path / "many.xlsx", {"Cán bộ": rows}))
    assert [(i.row, i.column) for i in plan.issues] == [(31, "Giới tính")]
    assert snapshot(db) == before


def test_cli_import_exit_codes_and_report(tmp_path, capsys):
    db_path = tmp_path / "t.db"
    bad = make_book(tmp_path / "bad.xlsx", BAD["unknown award name"][0])
    assert main(["--db", str(db_path), "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Trang “Khen thưởng”, dòng 2, cột “Danh hiệu/Hình thức”" in err
    report = report_path(bad)
    assert report.exists()
    rows = workbook_rows(report)["Báo cáo lỗi"]
    assert rows[3] == ["Trang", "Dòng", "Cột", "Giá trị", "Lý do"]
    assert rows[4][:4] == ["Khen thưởng", 2, "Danh hiệu/Hình thức", "Huy chương vàng"]
    db = open_database(db_path)
    assert db["staff"].count == 0
    db.close()
    good = make_book(tmp_path / "good.xlsx", GOOD)
    assert main(["--db", str(db_path), "import", str(good), "--dry-run"]) == 0
    db = open_database(db_path)
    assert db["staff"].count == 0
    db.close()
    assert main(["--db", str(db_path), "import", str(good)]) == 0
    assert "Đã nhập xong" in capsys.readouterr().out
    out = tmp_path / "out.xlsx"
    assert main(["--db", str(db_path), "export", str(out)]) == 0
    assert workbook_rows(out)["Cán bộ"][1][0] == "007"


def test_cli_lists_the_first_40_problems_then_how_many_more(tmp_path, capsys):
    rows = [STAFF_HEAD] + [[f"N{i:03d}", f"Người {i}", None, "Khác", None, "Phòng A", None] for i in range(45)]
    assert main(["--db", str(tmp_path / "t.db"), "import", str(make_book(tmp_path / "bad.xlsx", {"Cán bộ": rows}))]) == 1
    lines = capsys.readouterr().err.splitlines()
    shown = [line for line in lines if line.startswith("  Trang “Cán bộ”")]
    assert len(shown) == 40 and "dòng 2," in shown[0] and "dòng 41," in shown[-1]
    assert "  … và 5 lỗi khác." in lines


def test_template_data_sheets_hold_headers_only(db, tmp_path):
    path = tmp_path / "mau.xlsx"
    write_template(path)
    rows = workbook_rows(path)
    assert rows["Cán bộ"][0] == STAFF_HEAD
    assert all(len(rows[name]) == 1 for name in ("Cán bộ", "Xếp loại", "Sáng kiến", "Khen thưởng"))
    assert any("Nguyễn Văn An" in str(cell) for row in rows["Hướng dẫn"] for cell in row)
    plan = check_file(db, path)  # nothing to import: the examples are only on the guide sheet
    assert [i.reason for i in plan.issues] == ["Tệp không có dòng dữ liệu nào (chỉ có tiêu đề hoặc trống)."]


def test_row_numbers_count_blank_rows_and_mixed_legacy_sheets(db, tmp_path):
    path = tmp_path / "gaps.xlsx"
    book = Workbook()
    ws = book.active
    ws.title = "Cán bộ"
    ws.append([None, "Mã cán bộ", "Họ và tên"])
    ws.append([])
    ws.append([None, "A1", "Lê Văn Bình"])
    ws.append([None, "A2", ""])
    old = book.create_sheet("XÕp lo¹i")  # a sheet typed in TCVN3 next to Unicode ones
    old.append(["M· c¸n bé", "N¨m", "XÕp lo¹i"])
    old.append(["A1", 2024, "Hoµn thµnh tèt nhiÖm vô"])
    book.save(path)
    plan = check_file(db, path)
    assert [(i.sheet, i.row, i.column) for i in plan.issues] == [("Cán bộ", 4, "Họ và tên")]
    assert plan.detected_encoding == "tcvn3"
    assert plan.summaries["ratings"].rows == 1


def test_short_staff_list_updates_only_its_columns(demo_db, tmp_path):
    person = staff_db.find_by_code(demo_db, "CB010")
    rows = [["Mã cán bộ", "Họ và tên"], ["CB010", person.full_name + " Mới"]]
    plan = import_file(demo_db, make_book(tmp_path / "ngan.xlsx", {"Cán bộ": rows}))
    assert plan.ok and plan.summaries["staff"].updated == 1
    after = staff_db.find_by_code(demo_db, "CB010")
    assert after.full_name.endswith(" Mới")
    assert (after.birth_date, after.position, after.unit_id, after.recruited_on) == (
        person.birth_date, person.position, person.unit_id, person.recruited_on)


def test_import_writes_in_batches_with_one_audit_entry_and_its_counts(db, tmp_path):
    """A big sheet is one audit row naming the file and what it wrote, not one per line."""
    people = [[f"{i:04d}", f"Nguyễn Văn {chr(65 + i % 26)}", None, "Nam", "Chuyên viên",
               "Văn phòng Sở" if i % 2 else "Thanh tra Sở", None] for i in range(1, 301)]
    sheets = {
        "Cán bộ": [STAFF_HEAD, *people],
        "Xếp loại": [["Mã cán bộ", "Năm", "Xếp loại", "Kỷ luật"], *[[p[0], 2024, "HTT", None] for p in people]],
        "Sáng kiến": [["Mã cán bộ", "Năm", "Tên sáng kiến", "Phạm vi"],
                      ["0001", 2024, "Số hóa hồ sơ thi đua", "Cơ sở"], ["0002", 2024, "Phần mềm chấm điểm", "Cơ sở"]],
        "Khen thưởng": [AWARD_HEAD, *[[p[0], 2024, "LĐTT", "12/QĐ-SKHCN", "10/01/2025", "Sở Khoa học và Công nghệ"]
                                      for p in people[:120]]],
    }
    before = db["audit_log"].count
    plan = import_file(db, make_book(tmp_path / "lon.xlsx", sheets))
    assert plan.ok and plan.changes == 300 + 300 + 2 + 120
    (entry,) = list(db.query("SELECT * FROM audit_log WHERE id > ?", [before]))
    assert entry["action"] == "nhap" and entry["table_name"] == "import"
    assert entry["summary"] == ("Nhập từ lon.xlsx, 2 đơn vị mới: 300 cán bộ, 300 xếp loại, 2 sáng kiến, 1 quyết định mới, "
                                "120 lượt khen thưởng")
    assert db["staff"].count == 300 and db["ratings"].count == 300 and db["awards"].count == 120
    positions = [r["position"] for r in db.query("SELECT position FROM awards ORDER BY id")]
    assert positions == list(range(1, 121))  # list order kept, as a decision typed by hand
    assert staff_search.search_staff(db, "nguyen van b")  # the FTS index followed the batched insert
    # A second file adds to the same decision after its last line, updates a rating, still one entry.
    more = {"Xếp loại": [["Mã cán bộ", "Năm", "Xếp loại"], ["0001", 2024, "HTXS"]],
            "Khen thưởng": [AWARD_HEAD, ["0200", 2024, "LĐTT", "12/QĐ-SKHCN", "10/01/2025", "Sở Khoa học và Công nghệ"]]}
    plan = import_file(db, make_book(tmp_path / "them.xlsx", more))
    assert plan.ok and plan.changes == 2
    assert db["audit_log"].count == before + 2
    assert ratings.ratings_of(db, staff_db.find_by_code(db, "0001").id)[0].rating == "HTXS"
    assert max(r["position"] for r in db.query("SELECT position FROM awards")) == 121


def test_export_keeps_formula_like_text_as_text_and_codes_as_text(db, tmp_path):
    """Text that starts with "=" is written as a string cell (never a formula) and comes back unchanged."""
    from tdkt_desktop.db.award_records import Initiative
    from tdkt_desktop.db.records import Staff

    person = staff_db.add_staff(db, Staff(id=None, code="007", full_name="Lê Văn Hòa", position="=SUM(A1:A2)"))
    ratings.add_initiative(db, Initiative(None, person, 2024, "=1+2 sáng kiến", "sang_kien", "co_so"))
    path = tmp_path / "x.xlsx"
    counts = export_workbook(db, path)
    assert counts == {"Cán bộ": 1, "Xếp loại": 0, "Sáng kiến": 1, "Khen thưởng": 0, "Đăng ký thi đua": 0}
    book = load_workbook(path)
    staff_sheet, initiatives = book["Cán bộ"], book["Sáng kiến"]
    assert staff_sheet["E2"].value == "=SUM(A1:A2)" and staff_sheet["E2"].data_type == "s"
    assert initiatives["C2"].value == "=1+2 sáng kiến" and initiatives["C2"].data_type == "s"
    assert staff_sheet["A2"].value == "007" and staff_sheet["A2"].number_format == "@"
    assert staff_sheet["A1"].font.b and staff_sheet.freeze_panes == "A2"
    fresh = open_memory()
    plan = import_file(fresh, path)
    assert plan.ok, [i.text() for i in plan.issues]
    assert staff_db.find_by_code(fresh, "007").position == "=SUM(A1:A2)"
