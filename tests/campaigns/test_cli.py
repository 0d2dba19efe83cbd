"""``campaigns [--year Y] [--json]`` and ``print campaign-report``: read-only, clear errors, no file on failure."""

from __future__ import annotations

import json

import pytest
from pdfutil import pdf_text
from tests_db_helpers import digest

from tdkt_desktop.cli import main
from tdkt_desktop.db.connection import open_database


def test_campaigns_json_has_the_fixed_keys_and_does_not_touch_the_file(demo_file, capsys):
    before = digest(demo_file)
    assert main(["--db", str(demo_file), "campaigns", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 6
    period = next(r for r in rows if r["name"] == "Phong trào thi đua yêu nước giai đoạn 2020–2025")
    assert {k: period[k] for k in ("kind", "start", "end", "status", "registrations", "awards")} == {
        "kind": "giai_doan", "start": "10/08/2020", "end": "31/12/2025", "status": "da_ket_thuc",
        "registrations": 0, "awards": 16}
    yearly = next(r for r in rows if r["name"].endswith("năm 2025"))
    assert yearly["registrations"] == 72 and yearly["kind_name"] == "Thường xuyên"
    assert digest(demo_file) == before


def test_campaigns_by_year_as_text(demo_file, capsys):
    assert main(["--db", str(demo_file), "campaigns", "--year", "2023"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("4 phong trào thi đua trong năm 2023.")
    assert "Thi đua lập thành tích chào mừng kỷ niệm 75 năm" in out and "năm 2026" not in out
    assert main(["--db", str(demo_file), "campaigns"]) == 0
    assert "QUÁ HẠN TỔNG KẾT" in capsys.readouterr().out  # nông thôn mới: period over, no tổng kết


def test_campaigns_errors(tmp_path, capsys):
    missing = tmp_path / "khong-co.sqlite"
    assert main(["--db", str(missing), "campaigns"]) == 1
    assert "Không có tệp cơ sở dữ liệu" in capsys.readouterr().err and not missing.exists()
    junk = tmp_path / "rac.sqlite"
    junk.write_bytes(b"not a database at all")
    assert main(["--db", str(junk), "campaigns"]) == 1
    assert "không phải tệp SQLite" in capsys.readouterr().err


def test_print_campaign_report(demo_file, tmp_path, capsys):
    out = tmp_path / "bao-cao.pdf"
    assert main(["--db", str(demo_file), "print", "campaign-report", "--campaign", "yêu nước giai đoạn",
                 "-o", str(out)]) == 0
    text = pdf_text(out.read_bytes())
    assert "Tổng kết phong trào thi đua yêu nước giai đoạn 2020–2025" in text
    assert "đã khen thưởng 02 tập thể và 14 cá nhân" in text
    so_ket = tmp_path / "so-ket.pdf"
    assert main(["--db", str(demo_file), "print", "campaign-report", "--campaign",
                 "Thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2026", "--review", "so-ket",
                 "-o", str(so_ket)]) == 0
    assert "Sơ kết phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2026" in pdf_text(so_ket.read_bytes())


@pytest.mark.parametrize("args, words", [
    (["--campaign", "Phong trào không có"], "Không có phong trào nào tên"),
    (["--campaign", "thi đua"], "khớp với"),
    (["--campaign", "nông thôn mới", "--review", "tong-ket"], "chưa có đợt tổng kết"),
])
def test_print_campaign_report_errors_leave_no_file(demo_file, tmp_path, capsys, args, words):
    out = tmp_path / "x.pdf"
    assert main(["--db", str(demo_file), "print", "campaign-report", *args, "-o", str(out)]) == 1
    assert words in capsys.readouterr().err
    assert not out.exists()


def test_older_file_without_campaign_tables_is_explained(tmp_path, capsys):
    path = tmp_path / "cu.sqlite"
    db = open_database(path)
    for table in ("review_results", "campaign_reviews", "campaign_evidence", "campaign_notes", "registrations",
                  "campaign_units", "campaign_criteria"):
        db[table].drop()
    db.execute("DROP TRIGGER campaigns_keep_decisions")
    db["campaigns"].drop()
    db.execute("DELETE FROM _sqlite_migrations WHERE name = '0005_campaigns'")
    db.close()
    assert main(["--db", str(path), "campaigns"]) == 1
    assert "cấu trúc cũ" in capsys.readouterr().err
