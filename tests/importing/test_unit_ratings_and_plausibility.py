"""Excel: collectives' ratings in the "Xếp loại" sheet, and implausible years refused row by row."""

from __future__ import annotations

import dataclasses

from importing.test_import_export import STAFF_HEAD, make_book, snapshot, workbook_rows

from tdkt_desktop.db import campaigns, review
from tdkt_desktop.db.award_records import UnitRating
from tdkt_desktop.db.connection import open_memory
from tdkt_desktop.importing.exporter import export_workbook
from tdkt_desktop.importing.importer import import_file

RATING_HEAD = ["Mã cán bộ", "Năm", "Xếp loại", "Kỷ luật", "Tập thể"]
AWARD_HEAD = ["Mã cán bộ", "Năm", "Danh hiệu/Hình thức", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"]
PERSON = ["007", "Đặng Thị Hương", "05/04/1988", "Nữ", "Chuyên viên", "Phòng Quản lý khoa học", "01/09/2020"]


def test_unit_ratings_export_and_import_round_trip(demo_db, tmp_path):
    unit_id = next(iter(review.unit_ratings(demo_db, 2025)))
    review.set_unit_rating(demo_db, UnitRating(unit_id=unit_id, year=2025, rating="HTXS", leads_bloc=True))
    first = tmp_path / "a.xlsx"
    export_workbook(demo_db, first)
    sheet = workbook_rows(first)["Xếp loại"]
    assert sheet[0] == RATING_HEAD
    units = [r for r in sheet[1:] if r[4]]
    assert len(units) == demo_db["unit_ratings"].count and all(r[0] is None and r[3] is None for r in units)
    empty = open_memory()
    # Registrations name campaigns, which a workbook never creates: the campaigns come first.
    for campaign in campaigns.list_campaigns(demo_db):
        campaigns.add_campaign(empty, dataclasses.replace(campaign, id=None))
    plan = import_file(empty, first)
    assert plan.ok, [i.text() for i in plan.issues[:3]]
    assert empty["unit_ratings"].count == demo_db["unit_ratings"].count
    second = tmp_path / "b.xlsx"
    export_workbook(empty, second)
    assert workbook_rows(first) == workbook_rows(second)
    # Re-import into the original: nothing changes, and the bloc result the sheet does not carry stays.
    before = snapshot(demo_db), list(demo_db["unit_ratings"].rows)
    assert import_file(demo_db, first).changes == 0
    assert (snapshot(demo_db), list(demo_db["unit_ratings"].rows)) == before
    assert review.unit_ratings(demo_db, 2025)[unit_id].leads_bloc is True


def test_unit_rating_rows_are_checked(db, tmp_path):
    path = make_book(tmp_path / "x.xlsx", {
        "Cán bộ": [STAFF_HEAD, PERSON],
        "Xếp loại": [RATING_HEAD,
                     [None, 2024, "HTT", None, "Phòng Quản lý khoa học"],
                     [None, 2024, "HTXS", None, "phong quan ly khoa hoc"],
                     ["007", 2024, "HTT", None, "Phòng Quản lý khoa học"],
                     [None, 2023, "HT", "Cảnh cáo", "Văn phòng Sở"]],
    })
    plan = import_file(db, path)
    reasons = [(i.row, i.column, i.reason) for i in plan.issues]
    assert (3, "Năm", "Tập thể “phong quan ly khoa hoc” đã có xếp loại năm 2024 ở dòng 2.") in reasons
    assert any(r[0] == 4 and "không cả hai" in r[2] for r in reasons)
    assert (5, "Kỷ luật", "Tập thể không có hình thức kỷ luật.") in reasons
    assert db["unit_ratings"].count == 0 and db["staff"].count == 0


def test_a_rating_before_recruitment_is_a_row_error(db, tmp_path):
    path = make_book(tmp_path / "x.xlsx", {
        "Cán bộ": [STAFF_HEAD, PERSON],
        "Xếp loại": [RATING_HEAD[:4], ["007", 2019, "HTT", None], ["007", 2020, "HTT", None]],
    })
    plan = import_file(db, path)
    assert [(i.sheet, i.row, i.column, i.reason) for i in plan.issues] == [
        ("Xếp loại", 2, "Năm", "Cán bộ 007 được tuyển dụng ngày 01/09/2020; không xếp loại năm 2019.")]
    assert db["staff"].count == 0


def test_an_award_decided_before_its_year_is_a_row_error(db, tmp_path):
    path = make_book(tmp_path / "x.xlsx", {
        "Cán bộ": [STAFF_HEAD, PERSON],
        "Khen thưởng": [AWARD_HEAD, ["007", 2026, "LĐTT", "12/QĐ-SKHCN", "10/01/2025", "Sở Khoa học và Công nghệ"],
                        ["007", 2024, "LĐTT", "12/QĐ-SKHCN", "10/01/2025", "Sở Khoa học và Công nghệ"]],
    })
    plan = import_file(db, path)
    assert [(i.row, i.column) for i in plan.issues] == [(2, "Ngày quyết định")]
    assert "Quyết định ngày 10/01/2025 có trước năm thành tích 2026" in plan.issues[0].reason
    assert db["awards"].count == 0


def test_an_award_with_a_future_decision_date_is_a_row_error(db, tmp_path):
    """A decision date after today is refused in the preview, as the decision form refuses it."""
    import datetime as dt

    future = dt.date.today() + dt.timedelta(days=40)
    path = make_book(tmp_path / "x.xlsx", {
        "Cán bộ": [STAFF_HEAD, PERSON],
        "Khen thưởng": [AWARD_HEAD, ["007", future.year, "LĐTT", "12/QĐ-SKHCN", future.strftime("%d/%m/%Y"),
                                     "Sở Khoa học và Công nghệ"]],
    })
    plan = import_file(db, path)
    assert [(i.row, i.column) for i in plan.issues] == [(2, "Ngày quyết định")]
    assert "ở tương lai" in plan.issues[0].reason
    assert db["awards"].count == 0
