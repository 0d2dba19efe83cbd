"""Bloc scores in Excel: template, round trip, idempotent import, and every refusal (all or nothing)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from blocs.bloc_builders import small_bloc, snapshot
from openpyxl import Workbook, load_workbook

from tdkt_desktop.db import bloc_scores as scores_db
from tdkt_desktop.db import blocs as blocs_db
from tdkt_desktop.importing.bloc_scores import import_scores, issue_text, write_template
from tdkt_desktop.importing.workbook import WorkbookError
from tdkt_desktop.services import blocs as bloc_service


@pytest.fixture
def bloc(db):
    b = small_bloc(db)
    b["record"] = blocs_db.get_bloc(db, b["bloc_id"])
    return b


def _workbook(path, criteria, scores, members=None):
    book = Workbook()
    book.remove(book.active)
    if members is not None:
        ws = book.create_sheet("Thành viên")
        ws.append(["Thành viên"])
        for m in members:
            ws.append([m])
    ws = book.create_sheet("Tiêu chí")
    ws.append(["Mã tiêu chí", "Nội dung", "Điểm tối đa", "Loại"])
    for row in criteria:
        ws.append(list(row))
    ws = book.create_sheet("Chấm điểm")
    ws.append(["Thành viên", "Mã tiêu chí", "Điểm tự chấm", "Điểm khối chấm"])
    for row in scores:
        ws.append(list(row))
    book.save(path)
    return path


CRITERIA = [("A1", "Hoàn thành nhiệm vụ", 60, None), ("A2", "Phong trào thi đua", 40, "Tiêu chí"),
            ("B1", "Điểm thưởng", 5, "Điểm cộng")]


def test_template_has_the_three_sheets_prefilled(db, bloc, tmp_path):
    bloc_service.set_score(db, bloc["criteria"]["TC1"], bloc["members"][0], Decimal("55.5"), None)
    path = tmp_path / "mau.xlsx"
    counts = write_template(db, bloc["record"], 2025, path)
    assert counts == {"Thành viên": 5, "Tiêu chí": 2, "Chấm điểm": 10}
    book = load_workbook(path)
    assert book.sheetnames == ["Thành viên", "Tiêu chí", "Chấm điểm"]
    assert [c.value for c in book["Thành viên"][1]] == ["Thành viên"]
    assert [c.value for c in book["Tiêu chí"][1]][:3] == ["Mã tiêu chí", "Nội dung", "Điểm tối đa"]
    assert [c.value for c in book["Tiêu chí"][2]][:3] == ["TC1", "Nội dung TC1", 60]
    assert [c.value for c in book["Chấm điểm"][1]] == ["Thành viên", "Mã tiêu chí", "Điểm tự chấm", "Điểm khối chấm"]
    assert [c.value for c in book["Chấm điểm"][2]] == ["Sở Nội vụ", "TC1", 55.5, None]
    # A year without criteria gives empty sheets to fill.
    assert write_template(db, bloc["record"], 2030, tmp_path / "trong.xlsx")["Chấm điểm"] == 0


def test_template_keeps_a_text_that_looks_like_a_formula_as_text(db, bloc, tmp_path):
    from tdkt_desktop.db.bloc_records import Criterion

    scores_db.save_criterion(db, Criterion(None, bloc["bloc_id"], 2025, "TC3", "=SUM(1,2) điểm thưởng", Decimal(5)))
    path = tmp_path / "mau.xlsx"
    write_template(db, bloc["record"], 2025, path)
    cell = load_workbook(path)["Tiêu chí"]["B4"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=SUM(1,2) điểm thưởng", "s", True)
    assert [p.name for p in tmp_path.iterdir()] == ["mau.xlsx"]  # written under a temporary name, then renamed


def test_round_trip_replaces_the_year_and_the_same_file_twice_changes_nothing(db, bloc, tmp_path):
    path = _workbook(tmp_path / "diem.xlsx", CRITERIA, [
        ("  SO NOI  VU ", "a1", 58, 57.5),  # names and codes match ignoring case, diacritics and spacing
        ("Sở Khoa học và Công nghệ", "A1", "59,5", None),
        ("Sở Khoa học và Công nghệ", "A2", 38, None),
        ("Sở Nội vụ", "A2", 39, 39),
        ("Sở Nội vụ", "B1", 2, 2),
        ("Sở Tài chính", "A1", None, None),  # an empty line for a member who sent nothing
    ], members=[*["Sở Nội vụ", "so khoa hoc va cong nghe"]])
    result = import_scores(db, path, bloc["record"], 2025)
    assert result.ok and result.changed
    assert [c.code for c in scores_db.list_criteria(db, bloc["bloc_id"], 2025)] == ["A1", "A2", "B1"]
    rows = bloc_service.ranking(db, bloc["bloc_id"], 2025)
    assert [(r.name, r.rank, r.self_score, r.agreed_score) for r in rows[:2]] == [
        ("Sở Nội vụ", 1, Decimal(99), Decimal("98.5")), ("Sở Khoa học và Công nghệ", 2, Decimal("97.5"), None)]
    before = snapshot(db)
    again = import_scores(db, path, bloc["record"], 2025)
    assert again.ok and not again.changed
    assert snapshot(db) == before  # not even an audit row


def test_dry_run_writes_nothing(db, bloc, tmp_path):
    path = _workbook(tmp_path / "diem.xlsx", CRITERIA, [("Sở Nội vụ", "A1", 50, None)])
    before = snapshot(db)
    result = import_scores(db, path, bloc["record"], 2025, dry_run=True)
    assert result.ok and len(result.scores) == 1 and not result.changed
    assert snapshot(db) == before


@pytest.mark.parametrize(
    "criteria, scores, expected",
    [
        (CRITERIA, [("Sở Nội vụ", "A1", 61, None)],
         "Trang “Chấm điểm”, dòng 2, cột “Điểm tự chấm” [61]: Điểm 61 vượt quá điểm tối đa 60 của tiêu chí A1."),
        (CRITERIA, [("Sở Nội vụ", "A1", 50, -1)],
         "Trang “Chấm điểm”, dòng 2, cột “Điểm khối chấm” [-1]: Điểm -1 không được âm của tiêu chí A1."),
        (CRITERIA, [("Sở Xây dựng", "A1", 50, None)],
         "Trang “Chấm điểm”, dòng 2, cột “Thành viên” [Sở Xây dựng]: Không phải đơn vị thành viên của khối."),
        (CRITERIA, [("Sở Nội vụ", "Z9", 50, None)],
         "Trang “Chấm điểm”, dòng 2, cột “Mã tiêu chí” [Z9]: Mã tiêu chí không có ở trang “Tiêu chí”."),
        (CRITERIA, [("Sở Nội vụ", "A1", 50, None), ("so noi vu", "A1", 40, None)],
         "Trang “Chấm điểm”, dòng 3, cột “Thành viên” [so noi vu]: Trùng dòng 2: “Sở Nội vụ” đã có điểm tiêu chí A1."),
        (CRITERIA, [("Sở Nội vụ", "A1", "năm mươi", None)],
         "Trang “Chấm điểm”, dòng 2, cột “Điểm tự chấm” [năm mươi]: “năm mươi” không phải số: cần một số (ví dụ 9,5)."),
        ([("A1", "Một", "sáu mươi", None)], [],
         "Trang “Tiêu chí”, dòng 2, cột “Điểm tối đa” [sáu mươi]: “sáu mươi” không phải số: cần một số (ví dụ 9,5)."),
        ([("A1", "Một", 10, None), ("a1", "Hai", 10, None)], [],
         "Trang “Tiêu chí”, dòng 3, cột “Mã tiêu chí” [a1]: Mã tiêu chí trùng với dòng 2."),
        ([("A1", "Một", 10, "Điểm phạt")], [],
         "Trang “Tiêu chí”, dòng 2, cột “Loại” [Điểm phạt]: Loại phải là “Tiêu chí”, “Điểm cộng” hoặc “Điểm trừ”"),
        ([("A1", "Một", 0, None)], [], "Trang “Tiêu chí”, dòng 2, cột “Điểm tối đa” [0]: Điểm tối đa phải lớn hơn 0."),
    ],
)
def test_every_bad_cell_is_reported_and_nothing_changes(db, bloc, tmp_path, criteria, scores, expected):
    bloc_service.set_score(db, bloc["criteria"]["TC1"], bloc["members"][0], Decimal(50), None)
    before = snapshot(db)
    path = _workbook(tmp_path / "loi.xlsx", criteria, scores)
    result = import_scores(db, path, bloc["record"], 2025)
    assert not result.ok and not result.changed
    assert any(issue_text(i).startswith(expected) for i in result.issues), [issue_text(i) for i in result.issues]
    assert snapshot(db) == before


def test_every_problem_of_a_file_is_listed_at_once(db, bloc, tmp_path):
    path = _workbook(tmp_path / "loi.xlsx", CRITERIA, [("Sở Nội vụ", "A1", 61, None), ("Sở Ngoại vụ", "A2", 1, None),
                                                       ("Sở Y tế", "A2", "x", None)], members=["Sở Giáo dục"])
    result = import_scores(db, path, bloc["record"], 2025)
    assert [(i.sheet, i.row, i.column) for i in result.issues] == [
        ("Thành viên", 2, "Thành viên"), ("Chấm điểm", 2, "Điểm tự chấm"), ("Chấm điểm", 3, "Thành viên"),
        ("Chấm điểm", 4, "Điểm tự chấm")]


def test_missing_sheets_and_columns(db, bloc, tmp_path):
    book = Workbook()
    book.active.title = "Chấm điểm"
    book.active.append(["Thành viên", "Mã tiêu chí", "Điểm tự chấm"])
    book.save(tmp_path / "thieu.xlsx")
    result = import_scores(db, tmp_path / "thieu.xlsx", bloc["record"], 2025)
    texts = [issue_text(i) for i in result.issues]
    assert "Trang “Tiêu chí”: Tệp thiếu trang “Tiêu chí”." in texts
    assert "Trang “Chấm điểm”, dòng 1, cột “Điểm khối chấm”: Thiếu cột “Điểm khối chấm” ở dòng tiêu đề." in texts


def test_not_a_workbook(db, bloc, tmp_path):
    bad = tmp_path / "diem.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(WorkbookError, match="không phải bảng tính Excel"):
        import_scores(db, bad, bloc["record"], 2025)
