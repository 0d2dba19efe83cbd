"""The fifth Excel sheet "Đăng ký thi đua": round trip, idempotence, all-or-nothing, row report, no campaign created."""

from __future__ import annotations

import datetime as dt

import pytest
from campaigns.builders import campaign, office, snapshot
from openpyxl import Workbook, load_workbook

from tdkt_desktop.cli import main
from tdkt_desktop.db import campaigns, registrations, staff
from tdkt_desktop.db.connection import open_database
from tdkt_desktop.importing.exporter import export_workbook
from tdkt_desktop.importing.importer import check_file, import_file
from tdkt_desktop.importing.report import report_path
from tdkt_desktop.importing.template import write_template

HEAD = ["Mã cán bộ", "Tập thể", "Năm", "Phong trào", "Danh hiệu/Hình thức đăng ký"]
PERIOD = "Phong trào thi đua yêu nước giai đoạn 2020–2025"


def book(path, rows, *, extra=None):
    wb = Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("Đăng ký thi đua")
    for row in [HEAD, *rows]:
        ws.append(row)
    for title, sheet_rows in (extra or {}).items():
        other = wb.create_sheet(title)
        for row in sheet_rows:
            other.append(row)
    wb.save(path)
    return path


@pytest.fixture
def setup(db):
    office(db)
    return db, campaign(db)


def test_import_registrations_then_again_changes_nothing(setup, tmp_path):
    db, campaign_id = setup
    path = book(tmp_path / "dk.xlsx", [
        ["NV01", None, 2024, PERIOD.upper(), "LĐTT"],  # name matched without case or diacritics
        ["NV02", None, 2024, PERIOD, "Chiến sĩ thi đua cơ sở"],
        ["NV02", None, 2024, PERIOD, "Giấy khen"],  # a form besides the title
        [None, "Thanh tra Sở", 2024, PERIOD, "Tập thể lao động tiên tiến"],
    ])
    plan = import_file(db, path)
    assert plan.ok, [i.text() for i in plan.issues]
    assert (plan.summaries["registrations"].added, plan.summaries["registrations"].name) == (4, "Đăng ký thi đua")
    assert campaigns.get_campaign(db, campaign_id).registrations == 4
    again = import_file(db, path)
    assert again.ok and again.summaries["registrations"].unchanged == 4 and again.changes == 0
    assert campaigns.get_campaign(db, campaign_id).registrations == 4


@pytest.mark.parametrize("row, column, words", [
    (["NV01", None, 2024, "Phong trào chưa có", "LĐTT"], "Phong trào", "không tự tạo phong trào"),
    (["NV01", None, 2024, None, "LĐTT"], "Phong trào", "Thiếu tên phong trào"),
    (["NV01", None, 2019, PERIOD, "LĐTT"], "Năm", "nằm ngoài thời gian"),
    (["NV01", None, 2024, PERIOD, "Tập thể lao động tiên tiến"], "Danh hiệu/Hình thức đăng ký", "dành cho tập thể"),
    (["NV01", None, 2024, PERIOD, "Huy hiệu"], "Danh hiệu/Hình thức đăng ký", "Không có danh hiệu"),
    (["NV77", None, 2024, PERIOD, "LĐTT"], "Mã cán bộ", "không có trong cơ sở dữ liệu"),
    ([None, "Phòng Ma", 2024, PERIOD, "Tập thể lao động tiên tiến"], "Tập thể", "không có trong danh sách đơn vị"),
    (["NV01", "Thanh tra Sở", 2024, PERIOD, "LĐTT"], "Tập thể", "không cả hai"),
    ([None, None, 2024, PERIOD, "LĐTT"], "Mã cán bộ", "Thiếu mã cán bộ"),
])
def test_a_bad_row_stops_the_whole_file(setup, tmp_path, row, column, words):
    db, _campaign_id = setup
    path = book(tmp_path / "dk.xlsx", [["NV03", None, 2024, PERIOD, "LĐTT"], row])
    before = snapshot(db)
    plan = import_file(db, path)
    assert not plan.ok
    issue = plan.issues[0]
    assert (issue.sheet, issue.row, issue.column) == ("Đăng ký thi đua", 3, column)
    assert words in issue.reason
    assert snapshot(db) == before
    assert db["campaigns"].count == 1  # an unknown campaign is never created


def test_second_title_same_year_and_duplicates_are_row_errors(setup, tmp_path):
    db, campaign_id = setup
    person = staff.find_by_code(db, "NV01")
    registrations.register(db, campaign_id, 2024, "lao_dong_tien_tien", staff_ids=[person.id])
    path = book(tmp_path / "dk.xlsx", [
        ["NV01", None, 2024, PERIOD, "CSTĐCS"],
        ["NV02", None, 2024, PERIOD, "LĐTT"],
        ["NV02", None, 2024, PERIOD, "Chiến sĩ thi đua cơ sở"],
    ])
    plan = check_file(db, path)
    reasons = {i.row: i.reason for i in plan.issues}
    assert "đã đăng ký “Lao động tiên tiến” năm 2024" in reasons[2]
    assert "ở dòng 3" in reasons[4]


def test_closed_campaign_refuses_registrations(setup, tmp_path):
    db, campaign_id = setup
    campaigns.close_campaign(db, campaign_id, dt.date(2025, 1, 1))
    plan = check_file(db, book(tmp_path / "dk.xlsx", [["NV01", None, 2024, PERIOD, "LĐTT"]]))
    assert plan.issues[0].column == "Phong trào" and "đã kết thúc" in plan.issues[0].reason


def test_units_and_staff_created_by_the_same_file_may_register(setup, tmp_path):
    db, _campaign_id = setup
    staff_sheet = [["Mã cán bộ", "Họ và tên", "Đơn vị"], ["NV50", "Hồ Thị Yến", "Trung tâm Ứng dụng"]]
    path = book(tmp_path / "dk.xlsx", [["NV50", None, 2024, PERIOD, "LĐTT"],
                                       [None, "Trung tâm Ứng dụng", 2024, PERIOD, "TTLĐTT"]],
                extra={"Cán bộ": staff_sheet})
    plan = import_file(db, path)
    assert plan.ok, [i.text() for i in plan.issues]
    names = {r.name for r in registrations.list_registrations(db)}
    assert names == {"Hồ Thị Yến", "Trung tâm Ứng dụng"}


def test_export_template_and_round_trip(demo_db, tmp_path):
    out = tmp_path / "xuat.xlsx"
    counts = export_workbook(demo_db, out)
    assert counts["Đăng ký thi đua"] == demo_db["registrations"].count > 100
    sheet = load_workbook(out)["Đăng ký thi đua"]
    assert [c.value for c in sheet[1]] == HEAD
    assert sheet.cell(2, 1).number_format == "@"  # staff codes stay text
    # Into the same database: nothing changes. The file names every campaign exactly.
    plan = import_file(demo_db, out)
    assert plan.ok and plan.changes == 0 and plan.summaries["registrations"].unchanged == counts["Đăng ký thi đua"]
    template = tmp_path / "mau.xlsx"
    write_template(template)
    rows = list(load_workbook(template)["Đăng ký thi đua"].iter_rows(values_only=True))
    assert rows == [tuple(HEAD)]  # no example row: a campaign name the office lacks would fail the import
    guide = "\n".join(str(r[0]) for r in load_workbook(template)["Hướng dẫn"].iter_rows(values_only=True))
    assert "Năm trang" in guide and "không tự tạo" in guide


def test_cli_import_reports_the_bad_row_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "tdkt.sqlite"
    db = open_database(path)
    office(db)
    campaign(db)
    db.close()
    bad = book(tmp_path / "dk.xlsx", [["NV01", None, 2024, "Phong trào lạ", "LĐTT"]])
    assert main(["--db", str(path), "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Trang “Đăng ký thi đua”, dòng 2, cột “Phong trào” [Phong trào lạ]" in err
    assert report_path(bad).exists()
    db = open_database(path)
    assert db["registrations"].count == 0
    db.close()
