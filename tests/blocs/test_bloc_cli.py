"""`tdkt-desktop bloc …` and `print bloc-minutes` end to end on a copy of the demo file."""

from __future__ import annotations

import json
import sqlite3

import pytest
from openpyxl import load_workbook
from pdfutil import page_count, pdf_text
from tests_db_helpers import digest

from tdkt_desktop.cli import main

VPV = "van phong, vien"


def _scores(path, bloc: str = "Khối thi đua Tham mưu – Tổng hợp") -> list:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT c.year, c.code, s.member_id, s.self_score, s.agreed_score FROM bloc_scores s "
                            "JOIN bloc_criteria c ON c.id = s.criterion_id JOIN blocs b ON b.id = c.bloc_id "
                            "WHERE b.name = ? ORDER BY 1, 2, 3", [bloc]).fetchall()


def test_ranking_json_is_ordered_with_shared_ranks(demo_file, capsys):
    assert main(["--db", str(demo_file), "bloc", "ranking", "--bloc", VPV, "--year", "2018", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 14 and set(rows[0]) == {"member", "self_score", "agreed_score", "rank", "tied"}
    assert rows[0] == {"member": "Văn phòng Công nhận chất lượng", "self_score": 100, "agreed_score": 98.5,
                       "rank": 1, "tied": False}
    assert [r["rank"] for r in rows[:5]] == [1, 2, 3, 3, 5] and rows[2]["tied"] and rows[3]["tied"]
    assert all(isinstance(r["agreed_score"], (int, float)) for r in rows)
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)


def test_ranking_falls_back_to_self_scores(demo_file, capsys):
    assert main(["--db", str(demo_file), "bloc", "ranking", "--bloc", "Tham mưu", "--year", "2018", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 11 and all(r["agreed_score"] is None for r in rows)
    assert [r["self_score"] for r in rows] == sorted((r["self_score"] for r in rows), reverse=True)


def test_ranking_as_text(demo_file, capsys):
    assert main(["--db", str(demo_file), "bloc", "ranking", "--bloc", VPV, "--year", "2018"]) == 0
    out = capsys.readouterr().out
    assert "Xếp hạng Khối thi đua các Văn phòng, Viện năm 2018" in out and "3=" in out and "98,5" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["--bloc", "Khối Nội chính", "--year", "2018"], "Không tìm thấy khối thi đua “Khối Nội chính”"),
        (["--bloc", VPV, "--year", "2016"], "chưa có điểm năm 2016 (năm đã có điểm: 2018)"),
    ],
)
def test_unknown_bloc_or_year_is_an_error(demo_file, capsys, args, message):
    assert main(["--db", str(demo_file), "bloc", "ranking", *args]) == 1
    assert message in capsys.readouterr().err


def test_read_only_commands_never_create_a_file(tmp_path, capsys):
    missing = tmp_path / "khong-co.sqlite"
    assert main(["--db", str(missing), "bloc", "ranking", "--bloc", VPV, "--year", "2018"]) == 1
    assert main(["--db", str(missing), "print", "bloc-minutes", "--bloc", VPV, "--year", "2018",
                 "-o", str(tmp_path / "bb.pdf")]) == 1
    assert "Không có tệp cơ sở dữ liệu" in capsys.readouterr().err
    assert not missing.exists() and not (tmp_path / "bb.pdf").exists()


def test_template_then_import_round_trip(demo_file, tmp_path, capsys):
    template = tmp_path / "mau.xlsx"
    assert main(["--db", str(demo_file), "bloc", "score-template", "--bloc", "tham muu", "--year", "2018",
                 "-o", str(template)]) == 0
    assert "Chấm điểm 99 dòng" in capsys.readouterr().out
    book = load_workbook(template)
    sheet = book["Chấm điểm"]
    for row in sheet.iter_rows(min_row=2):
        if row[1].value == "TC2":
            row[3].value = 28  # the bloc agrees 28 on TC2 for everyone
    book.save(template)
    before = _scores(demo_file)
    assert main(["--db", str(demo_file), "bloc", "import-scores", str(template), "--bloc", "tham muu", "--year", "2018",
                 "--dry-run"]) == 0
    assert "chưa ghi gì" in capsys.readouterr().out and _scores(demo_file) == before
    assert main(["--db", str(demo_file), "bloc", "import-scores", str(template), "--bloc", "tham muu",
                 "--year", "2018"]) == 0
    assert "Đã nhập 9 tiêu chí, 99 dòng điểm" in capsys.readouterr().out
    after = _scores(demo_file)
    assert after != before and all(r[4] == "28" for r in after if r[1] == "TC2" and r[0] == 2018)
    assert main(["--db", str(demo_file), "bloc", "import-scores", str(template), "--bloc", "tham muu",
                 "--year", "2018"]) == 0
    assert "Không có gì thay đổi" in capsys.readouterr().out and _scores(demo_file) == after


def test_a_bad_file_changes_nothing_and_says_where(demo_file, tmp_path, capsys):
    template = tmp_path / "mau.xlsx"
    assert main(["--db", str(demo_file), "bloc", "score-template", "--bloc", VPV, "--year", "2018",
                 "-o", str(template)]) == 0
    book = load_workbook(template)
    book["Chấm điểm"]["C2"] = 99  # TC1 is worth 15
    book["Chấm điểm"]["A3"] = "Viện Không Có"
    book.save(template)
    before = digest(demo_file)
    capsys.readouterr()
    assert main(["--db", str(demo_file), "bloc", "import-scores", str(template), "--bloc", VPV, "--year", "2018"]) == 1
    err = capsys.readouterr().err
    assert "Lỗi: tệp có 2 lỗi, không nhập gì; dữ liệu giữ nguyên." in err
    assert "Trang “Chấm điểm”, dòng 2, cột “Điểm tự chấm” [99]: Điểm 99 vượt quá điểm tối đa 15 của tiêu chí TC1." in err
    assert "Trang “Chấm điểm”, dòng 3, cột “Thành viên” [Viện Không Có]: Không phải đơn vị thành viên của khối." in err
    assert digest(demo_file) == before


def test_print_bloc_minutes(demo_file, tmp_path, capsys):
    out = tmp_path / "bien-ban.pdf"
    assert main(["--db", str(demo_file), "print", "bloc-minutes", "--bloc", VPV, "--year", "2018", "-o", str(out)]) == 0
    assert "Đã in biên bản hội nghị tổng kết" in capsys.readouterr().out
    pdf = out.read_bytes()
    text = pdf_text(pdf)
    assert page_count(pdf) >= 3
    for fragment in ("KHỐI THI ĐUA CÁC VĂN PHÒNG, VIỆN", "BIÊN BẢN", "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2018",
                     "Hà Nội, ngày 27 tháng 12 năm 2018", "Đơn vị thành viên có mặt: 14/14",
                     "Thống nhất đề nghị Thủ tướng Chính phủ tặng Cờ thi đua của Chính phủ năm 2018 cho: Văn phòng Công nhận chất lượng",
                     "Bầu Văn phòng các Chương trình khoa học và công nghệ quốc gia làm Khối trưởng năm 2019", "3="):
        assert fragment in text, fragment
    sokết = tmp_path / "so-ket.pdf"
    assert main(["--db", str(demo_file), "print", "bloc-minutes", "--bloc", "Tham mưu", "--year", "2018",
                 "--meeting", "sơ kết", "-o", str(sokết)]) == 0
    text = pdf_text(sokết.read_bytes())
    assert "153.135.000 đồng" in text and "Lê Công Nhường" in text and "KẾT QUẢ BÌNH CHỌN" not in text


@pytest.mark.parametrize(
    "args, message",
    [
        (["--bloc", "Khối Nội chính", "--year", "2018"], "Không tìm thấy khối thi đua"),
        (["--bloc", "Tham mưu", "--year", "2018"], "chưa có hội nghị “Tổng kết năm” của năm 2018 (năm đó có: sơ kết 6 tháng"),
        (["--bloc", VPV, "--year", "2020"], "năm đó chưa có hội nghị nào"),
    ],
)
def test_print_bloc_minutes_refusals_leave_no_file(demo_file, tmp_path, capsys, args, message):
    out = tmp_path / "bb.pdf"
    assert main(["--db", str(demo_file), "print", "bloc-minutes", *args, "-o", str(out)]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_unknown_meeting_kind_is_refused_by_the_parser(demo_file, tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(["--db", str(demo_file), "print", "bloc-minutes", "--bloc", VPV, "--year", "2018", "--meeting", "đại hội",
              "-o", str(tmp_path / "bb.pdf")])
    assert info.value.code == 2 and "loại hội nghị “đại hội” không có" in capsys.readouterr().err
    assert not (tmp_path / "bb.pdf").exists()
