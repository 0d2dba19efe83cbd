"""`tdkt-desktop print …` end to end on a demo file, and the document sources over the demo register."""

from __future__ import annotations

import sqlite3

import pytest
from pdfutil import page_count, pdf_text

from tdkt_desktop.cli import main
from tdkt_desktop.errors import NotFoundError, UserError
from tdkt_desktop.services import certificate_sources, documents, printing
from tdkt_desktop.services import council as council_service


def _register_count(path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM certificate_register").fetchone()[0]


def test_print_certificates_writes_pdf_and_logs_register(demo_file, tmp_path, capsys):
    out = tmp_path / "giay-khen.pdf"
    assert main(["--db", str(demo_file), "print", "certificates", "--decision", "28/QĐ-SKHCN", "-o", str(out)]) == 0
    assert "Đã in 16 giấy khen" in capsys.readouterr().out
    pdf = out.read_bytes()
    assert page_count(pdf, tmp_path) == 16
    text = pdf_text(pdf, tmp_path, first=1, last=1)
    assert "VĂN PHÒNG SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH CAO BẰNG" in text
    assert "Số sổ vàng: 001/2025" in text and "GIẤY KHEN" in text
    assert _register_count(demo_file) == 16
    overlay = tmp_path / "phoi.pdf"
    assert main(["--db", str(demo_file), "print", "certificates", "--decision", "28/qđ-skhcn",
                 "-o", str(overlay), "--overlay"]) == 0
    text = pdf_text(overlay.read_bytes(), tmp_path, first=1, last=1)
    assert "Số sổ vàng: 001/2025" in text and "CỘNG HÒA" not in text  # reprint keeps the serial
    with sqlite3.connect(demo_file) as conn:
        assert conn.execute("SELECT count(*) FROM certificate_register WHERE reprint = 1 AND mode = 'overlay'"
                            ).fetchone()[0] == 16


def test_print_decision_and_statistics(demo_file, tmp_path, capsys):
    dec = tmp_path / "qd.pdf"
    assert main(["--db", str(demo_file), "print", "decision", "--decision", "11/QĐ-SKHCN", "--year", "2026",
                 "-o", str(dec)]) == 0
    assert "Đã in quyết định 11/QĐ-SKHCN ngày 14/01/2026" in capsys.readouterr().out
    pdf = dec.read_bytes()
    assert page_count(pdf, tmp_path) >= 3
    assert "Về việc công nhận danh hiệu Lao động tiên tiến" in pdf_text(pdf, tmp_path, first=1, last=1)
    stat = tmp_path / "tk.pdf"
    assert main(["--db", str(demo_file), "print", "statistics", "--from", "2021", "--to", "2025", "-o", str(stat)]) == 0
    assert "Kết quả công tác khen thưởng giai đoạn 2021–2025" in pdf_text(stat.read_bytes(), tmp_path)


@pytest.mark.parametrize("kind", ["decision", "certificates"])
def test_a_number_two_years_share_is_refused_listing_both(demo_file, tmp_path, capsys, kind):
    out = tmp_path / "x.pdf"
    assert main(["--db", str(demo_file), "print", kind, "--decision", "11/QĐ-SKHCN", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Có 2 quyết định cùng số “11/QĐ-SKHCN”" in err
    assert "11/QĐ-SKHCN ngày 14/01/2025" in err and "11/QĐ-SKHCN ngày 14/01/2026" in err
    assert "--year" in err and "--date" in err
    assert not out.exists() and list(tmp_path.glob("*.tmp")) == []


@pytest.mark.parametrize("choice, day", [
    (["--year", "2025"], "Cao Bằng, ngày 14 tháng 01 năm 2025"),
    (["--date", "14/01/2025"], "Cao Bằng, ngày 14 tháng 01 năm 2025"),
    (["--date", "14/1/2026"], "Cao Bằng, ngày 14 tháng 01 năm 2026"),
])
def test_year_or_date_picks_one_of_them(demo_file, tmp_path, choice, day):
    out = tmp_path / "qd.pdf"
    assert main(["--db", str(demo_file), "print", "decision", "--decision", "11/QĐ-SKHCN", *choice, "-o", str(out)]) == 0
    assert day in pdf_text(out.read_bytes(), tmp_path, first=1, last=1)


def test_numbers_below_ten_with_or_without_the_leading_zero(demo_file, tmp_path):
    pdfs = []
    for number in ("8/QĐ-SKHCN", "08/QĐ-SKHCN", "Số: 08 / qđ-skhcn"):
        out = tmp_path / f"qd{len(pdfs)}.pdf"
        assert main(["--db", str(demo_file), "print", "decision", "--decision", number, "-o", str(out)]) == 0
        pdfs.append(pdf_text(out.read_bytes(), tmp_path))
    assert pdfs[0] == pdfs[1] == pdfs[2]
    assert "Số: 08/QĐ-SKHCN" in pdfs[0] and "Kèm theo Quyết định số 08/QĐ-SKHCN ngày 13/01/2023" in pdfs[0]
    assert "Số: 8/" not in pdfs[0]


@pytest.mark.parametrize("args, message", [
    (["certificates", "--decision", "999/QĐ-SKHCN"], "Không tìm thấy quyết định số “999/QĐ-SKHCN”"),
    (["decision", "--decision", "999/QĐ-SKHCN"], "Không tìm thấy quyết định số “999/QĐ-SKHCN”"),
    (["decision", "--decision", "11/QĐ-SKHCN", "--year", "2023"], "“11/QĐ-SKHCN” năm 2023"),
    (["decision", "--decision", "11/QĐ-SKHCN", "--date", "31/02/2025"], "--date: “31/02/2025” không phải ngày"),
    (["certificates", "--decision", "11/QĐ-SKHCN", "--year", "2026"], "không có lượt khen thưởng nào được cấp"),
    (["decision", "--decision", "29/QĐ-UBND"], "do UBND tỉnh Cao Bằng ban hành"),
    (["statistics", "--from", "2025", "--to", "2021"], "Năm bắt đầu (2025) sau năm kết thúc (2021)"),
])
def test_errors_exit_non_zero_and_write_no_file(demo_file, tmp_path, capsys, args, message):
    out = tmp_path / "khong-co.pdf"
    assert main(["--db", str(demo_file), "print", *args, "-o", str(out)]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()
    assert list(tmp_path.glob("*.tmp")) == []
    assert _register_count(demo_file) == 0


def test_unwritable_output_leaves_register_unchanged(demo_file, tmp_path, capsys):
    out = tmp_path / "khong-co-thu-muc" / "gk.pdf"
    assert main(["--db", str(demo_file), "print", "certificates", "--decision", "28/QĐ-SKHCN", "-o", str(out)]) == 1
    assert "không tồn tại" in capsys.readouterr().err
    assert _register_count(demo_file) == 0
    with sqlite3.connect(demo_file) as conn:
        assert conn.execute("SELECT count(*) FROM awards WHERE certificate_serial IS NOT NULL").fetchone()[0] == 0


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_damaged_file_prints_nothing_and_records_nothing(demo_file, tmp_path, capsys, journal):
    # A WAL file is checked beside the rendering, any other on opening: either way before anything is written.
    # The broken row is in a table printing never reads or writes, so only the integrity check can notice it.
    with sqlite3.connect(demo_file) as conn:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("UPDATE ratings SET rating = 'XS' WHERE id = (SELECT min(id) FROM ratings)")
        conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.close()
    before = demo_file.read_bytes()
    out = tmp_path / "gk.pdf"
    assert main(["--db", str(demo_file), "print", "certificates", "--decision", "28/QĐ-SKHCN", "-o", str(out)]) == 1
    assert "bị hỏng" in capsys.readouterr().err
    assert not out.exists() and list(tmp_path.glob("*.tmp")) == []
    assert demo_file.read_bytes() == before
    assert _register_count(demo_file) == 0


def test_missing_database_file(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "khong.sqlite"), "print", "decision", "--decision", "1", "-o",
                 str(tmp_path / "x.pdf")]) == 1
    assert "Không có tệp cơ sở dữ liệu" in capsys.readouterr().err
    assert not (tmp_path / "khong.sqlite").exists()


def test_documents_over_the_demo(demo_db):
    decision = printing.find_decision(demo_db, "28/QĐ-SKHCN")
    text = documents.decision_text_for(demo_db, decision.id)
    assert text.articles[0].startswith("Điều 1. Tặng Giấy khen của Giám đốc Sở cho 02 tập thể và 14 cá nhân")
    assert text.rows[0].name == "I. Tập thể"
    every = certificate_sources.certificate_awards(demo_db, decision.id)
    awards = certificate_sources.certificate_awards(demo_db, decision.id, [a.id for a in every][2:4])
    assert len(awards) == 2
    certs = certificate_sources.certificates_for(demo_db, awards, [])
    assert certs[0].name.split(": ", 1)[0] in {"Ông", "Bà"}
    with pytest.raises(NotFoundError):
        printing.find_decision(demo_db, "1/QĐ-KHONG")
    external = printing.find_decision(demo_db, "29/QĐ-UBND")
    with pytest.raises(UserError):
        certificate_sources.certificate_awards(demo_db, external.id)
    proposal = documents.proposal_for(demo_db, external.id)
    assert proposal.recipient == "Chủ tịch UBND tỉnh Cao Bằng"
    form = documents.registration_for(demo_db, year=2026, unit_id=4, title="tap_the_lao_dong_tien_tien")
    assert form.collective and form.fields[1] == ("Danh hiệu thi đua đăng ký", "Tập thể lao động tiên tiến")
    with pytest.raises(UserError):
        documents.registration_for(demo_db, year=2026)


def test_minutes_of_a_recorded_meeting(demo_db):
    from tdkt_desktop.db import review_council

    meeting = review_council.meetings(demo_db)[0]
    text = documents.minutes_for_meeting(demo_db, meeting.id)
    present, _written, total = review_council.head_count(demo_db, meeting.id)
    assert text.opening[3].startswith(f"Thành viên có mặt: {present}/{total}.")
    votes = {c.proposal.name: c for c in council_service.candidates(demo_db, meeting.id)}
    for row in text.vote_rows:
        vote = votes[row[1]]
        assert row[4] == str(vote.votes_for)
        assert row[6] == ("Đạt" if vote.passed else "Không đạt")
    assert text.chair.name == text.attendance_rows[0][1]


def test_proposal_for_a_meeting(demo_db):
    from tdkt_desktop.db import review_council

    meeting = review_council.meetings(demo_db)[0]
    assert documents.upward_authorities(demo_db, meeting.id) == {"Chủ tịch UBND tỉnh": 2}
    text = documents.proposal_for_meeting(demo_db, meeting.id, "Chủ tịch UBND tỉnh")
    assert text.recipient == "Chủ tịch UBND tỉnh Cao Bằng (qua Sở Nội vụ)"
    assert text.letterhead.date == meeting.held_on  # dated by its meeting, not by today
    assert text.paragraphs[1].endswith("cho 02 cá nhân (có danh sách kèm theo).")
    assert [r.name for r in text.rows if not r.section] == [
        c.proposal.name for c in council_service.candidates(demo_db, meeting.id) if c.passed]
    with pytest.raises(UserError, match="không có ai được đề nghị lên Thủ tướng"):
        documents.proposal_for_meeting(demo_db, meeting.id, "Thủ tướng Chính phủ")
