"""`tdkt-desktop print …` end to end on a demo file, and the report sources over the demo register."""

from __future__ import annotations

import sqlite3

import pytest
from pdfutil import page_count, pdf_text

from tdkt_desktop.cli import main
from tdkt_desktop.errors import NotFoundError, UserError
from tdkt_desktop.reports import sources
from tdkt_desktop.services import council as council_service


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "demo.sqlite"
    assert main(["--db", str(path), "demo", "--no-window"]) == 0
    return path


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
    assert "VĂN PHÒNG SỞ" in text and "Số sổ vàng: 001/2025" in text and "GIẤY KHEN" in text
    assert _register_count(demo_file) == 16
    overlay = tmp_path / "phoi.pdf"
    assert main(["--db", str(demo_file), "print", "certificates", "--decision", "28/qđ-skhcn",
                 "-o", str(overlay), "--overlay"]) == 0
    text = pdf_text(overlay.read_bytes(), tmp_path, first=1, last=1)
    assert "Số sổ vàng: 001/2025" in text and "CỘNG HÒA" not in text  # reprint keeps the serial
    with sqlite3.connect(demo_file) as conn:
        assert conn.execute("SELECT count(*) FROM certificate_register WHERE reprint = 1 AND mode = 'overlay'"
                            ).fetchone()[0] == 16


def test_print_decision_and_statistics(demo_file, tmp_path):
    dec = tmp_path / "qd.pdf"
    assert main(["--db", str(demo_file), "print", "decision", "--decision", "11/QĐ-SKHCN", "-o", str(dec)]) == 0
    pdf = dec.read_bytes()
    assert page_count(pdf, tmp_path) >= 3
    assert "Về việc công nhận danh hiệu Lao động tiên tiến" in pdf_text(pdf, tmp_path, first=1, last=1)
    stat = tmp_path / "tk.pdf"
    assert main(["--db", str(demo_file), "print", "statistics", "--from", "2021", "--to", "2025", "-o", str(stat)]) == 0
    assert "Kết quả công tác khen thưởng giai đoạn 2021–2025" in pdf_text(stat.read_bytes(), tmp_path)


@pytest.mark.parametrize("args, message", [
    (["certificates", "--decision", "999/QĐ-SKHCN"], "Không tìm thấy quyết định số “999/QĐ-SKHCN”"),
    (["decision", "--decision", "999/QĐ-SKHCN"], "Không tìm thấy quyết định số “999/QĐ-SKHCN”"),
    (["certificates", "--decision", "11/QĐ-SKHCN"], "không có lượt khen thưởng nào được cấp giấy khen"),
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


def test_missing_database_file(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "khong.sqlite"), "print", "decision", "--decision", "1", "-o",
                 str(tmp_path / "x.pdf")]) == 1
    assert "Không có tệp cơ sở dữ liệu" in capsys.readouterr().err
    assert not (tmp_path / "khong.sqlite").exists()


def test_sources_over_the_demo(demo_db):
    decision = sources.find_decision(demo_db, "28/QĐ-SKHCN")
    text = sources.decision_text_for(demo_db, decision.id)
    assert text.articles[0].startswith("Điều 1. Tặng Giấy khen của Giám đốc Sở cho 02 tập thể và 14 cá nhân")
    assert text.rows[0].name == "I. Tập thể"
    awards = sources.certificate_awards(demo_db, decision.id, [a.id for a in sources.certificate_awards(
        demo_db, decision.id)][2:4])
    assert len(awards) == 2
    certs = sources.certificates_for(demo_db, awards, [])
    assert certs[0].name.split(": ", 1)[0] in {"Ông", "Bà"}
    with pytest.raises(NotFoundError):
        sources.find_decision(demo_db, "1/QĐ-KHONG")
    external = sources.find_decision(demo_db, "29/QĐ-UBND")
    with pytest.raises(UserError):
        sources.certificate_awards(demo_db, external.id)
    proposal = sources.proposal_for(demo_db, external.id)
    assert proposal.recipient == "Chủ tịch UBND tỉnh Cao Bằng"
    minutes = sources.minutes_for(demo_db, sources.find_decision(demo_db, "20/QĐ-SKHCN").id)
    assert minutes.attendance_rows[0][2] == "Chủ tịch Hội đồng"
    assert len(minutes.vote_rows) == 6 and minutes.vote_rows[0][4] == ""  # votes left to fill by hand
    form = sources.registration_for(demo_db, year=2026, unit_id=4, title="tap_the_lao_dong_tien_tien")
    assert form.collective and form.fields[1] == ("Danh hiệu thi đua đăng ký", "Tập thể lao động tiên tiến")
    with pytest.raises(UserError):
        sources.registration_for(demo_db, year=2026)


def test_minutes_of_a_recorded_meeting(demo_db):
    from tdkt_desktop.db import review_council

    meeting = review_council.meetings(demo_db)[0]
    text = sources.minutes_for_meeting(demo_db, meeting.id)
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
    assert sources.upward_authorities(demo_db, meeting.id) == {"Chủ tịch UBND tỉnh": 2}
    text = sources.proposal_for_meeting(demo_db, meeting.id, "Chủ tịch UBND tỉnh")
    assert text.recipient == "Chủ tịch UBND tỉnh Cao Bằng (qua Sở Nội vụ)"
    assert text.paragraphs[1].endswith("cho 02 cá nhân (có danh sách kèm theo).")
    assert [r.name for r in text.rows if not r.section] == [
        c.proposal.name for c in council_service.candidates(demo_db, meeting.id) if c.passed]
    with pytest.raises(UserError, match="không có ai được đề nghị lên Thủ tướng"):
        sources.proposal_for_meeting(demo_db, meeting.id, "Thủ tướng Chính phủ")
