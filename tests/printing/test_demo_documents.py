"""What the demo office's documents say: the recorded council, the right date, one purpose said one way."""

from __future__ import annotations

import datetime as dt

import pytest
from pdfutil import pdf_text

from tdkt_desktop.db import review, review_council
from tdkt_desktop.db.review_records import CouncilMeeting
from tdkt_desktop.reports.minutes import render_minutes
from tdkt_desktop.services import certificate_sources, documents, printing
from tdkt_desktop.services import council as council_service
from tdkt_desktop.services.documents import NoMeetingRecorded


def _decided_by_a_meeting(db) -> tuple[int, int]:
    """A 2026 council meeting (one member absent with a written opinion) that decides three LĐTT."""
    people = [r[0] for r in db.execute(
        "SELECT staff_id FROM ratings WHERE year = 2026 AND rating IN ('HTXS', 'HTT') ORDER BY staff_id LIMIT 3")]
    proposals = [review.propose(db, 2026, "lao_dong_tien_tien", staff_id=p) for p in people]
    meeting_id = review_council.open_meeting(db, CouncilMeeting(id=None, year=2026, held_on=dt.date(2026, 11, 18),
                                                                place="Phòng họp tầng 2"))
    absent = review_council.attendance(db, meeting_id)[4]
    review_council.set_attendance(db, meeting_id, absent.member_id, False, True)
    for pid in proposals:
        review_council.record_vote(db, meeting_id, pid, 9)
    council_service.close_meeting(db, meeting_id)
    done = council_service.create_decisions(db, meeting_id, dt.date(2026, 11, 25), 301)
    return meeting_id, done["decisions"][0]


def test_minutes_of_a_decision_use_the_recorded_council_and_meeting(demo_db):
    meeting_id, decision_id = _decided_by_a_meeting(demo_db)
    text = documents.minutes_for(demo_db, decision_id)
    members = review_council.list_members(demo_db)
    assert [r[1] for r in text.attendance_rows] == [a.full_name for a in review_council.attendance(demo_db, meeting_id)]
    assert len(text.attendance_rows) == len(members) == 9
    secretary = next(m.full_name for m in members if m.role == "thu_ky")
    standing = next(m.full_name for m in members if m.role == "uy_vien_thuong_truc")
    assert text.opening[2] == f"Thư ký: {secretary}." and text.secretary.name == secretary
    assert ("4", standing, "Ủy viên thường trực", "Có mặt", "") in text.attendance_rows
    assert "ngày 18 tháng 11 năm 2026, tại Phòng họp tầng 2" in text.opening[0]
    assert text.letterhead.date == dt.date(2026, 11, 18)


def test_a_decision_without_a_recorded_meeting_says_so_and_the_form_uses_the_council(demo_db):
    decision = printing.find_decision(demo_db, "20/QĐ-SKHCN")
    with pytest.raises(NoMeetingRecorded, match="Chưa có cuộc họp Hội đồng .* Quyết định số 20/QĐ-SKHCN ngày 16/01/2026"):
        printing.minutes(demo_db, decision.id)
    form = documents.blank_minutes_for(demo_db, decision.id)
    members = review_council.list_members(demo_db)
    assert [r[1] for r in form.attendance_rows] == [m.full_name for m in members]  # 9, not guessed from titles
    assert all(r[3] == "" for r in form.attendance_rows) and all(r[4] == "" for r in form.vote_rows)
    assert form.opening[2] == f"Thư ký: {next(m.full_name for m in members if m.role == 'thu_ky')}."
    assert form.letterhead.date is None
    # 06 candidates, all people: the text names what is listed.
    assert form.opening[4].endswith("cho 06 lượt cá nhân theo đề nghị của các phòng, đơn vị.")
    # With no council recorded, the form has blank rows to fill, never invented names.
    for m in members:
        review_council.remove_member(demo_db, m.id)
    form = documents.blank_minutes_for(demo_db, decision.id)
    assert [r[1:] for r in form.attendance_rows] == [("", "", "", "")] * documents.BLANK_MEMBER_ROWS
    assert form.opening[1:3] == ("Chủ trì: ……", "Thư ký: ……")


def test_written_opinions_explain_the_extra_vote(demo_db, tmp_path):
    meeting = review_council.meetings(demo_db)[0]
    assert review_council.head_count(demo_db, meeting.id) == (8, 1, 9)
    text = documents.minutes_for_meeting(demo_db, meeting.id)
    assert text.opening[3].startswith("Thành viên có mặt: 8/9.")
    assert "01 thành viên vắng mặt có ý kiến bằng văn bản, được tính vào kết quả biểu quyết." in text.opening[3]
    assert {r[4:6] for r in text.vote_rows} == {("9", "100 %")}
    assert text.vote_note == ("Số phiếu đồng ý gồm phiếu của 08 thành viên có mặt và ý kiến bằng văn bản của "
                              "01 thành viên vắng mặt. Tỷ lệ tính trên tổng số 09 thành viên Hội đồng.")
    out = pdf_text(render_minutes(text), tmp_path)
    table = out[out.index("2. Kết quả bỏ phiếu"):out.index("3. Kết luận")]
    assert "9 100 %" in table and text.vote_note in table  # the note is the vote table's last row
    assert "Đề nghị Chiến sĩ thi đua cấp tỉnh: 01 lượt cá nhân" in out


def test_a_proposal_is_dated_by_its_decision_and_takes_that_days_laws(demo_db):
    early = printing.find_decision(demo_db, "8/QĐ-SKHCN")
    text = documents.proposal_for(demo_db, early.id)
    assert text.letterhead.date == dt.date(2023, 1, 13)
    assert "Nghị định số 91/2017/NĐ-CP" in text.bases[1]
    late = printing.find_decision(demo_db, "28/QĐ-SKHCN")
    assert documents.proposal_for(demo_db, late.id).letterhead.date == dt.date(2025, 8, 10)
    chosen = documents.proposal_for(demo_db, late.id, on=dt.date(2025, 6, 30))
    assert chosen.letterhead.date == dt.date(2025, 6, 30) and "Nghị định số 98/2023/NĐ-CP" in chosen.bases[1]


def test_a_proposal_after_a_meeting_is_dated_by_the_meeting(demo_db):
    _meeting_id, decision_id = _decided_by_a_meeting(demo_db)
    assert documents.proposal_for(demo_db, decision_id).letterhead.date == dt.date(2026, 11, 18)


def test_the_council_never_proposes_to_its_own_chair(demo_db):
    decision = printing.find_decision(demo_db, "28/QĐ-SKHCN")
    text = documents.proposal_for(demo_db, decision.id)
    chair = next(m for m in review_council.list_members(demo_db) if m.role == "chu_tich")
    vice = next(m for m in review_council.list_members(demo_db) if m.role == "pho_chu_tich")
    assert text.recipient == "Giám đốc Sở Khoa học và Công nghệ"
    assert chair.full_name == "Hoàng Văn Thắng"  # the Giám đốc chairs the council
    assert text.signer.name == vice.full_name != chair.full_name
    assert (text.signer.authority, text.signer.title) == ("TM. HỘI ĐỒNG\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_one_purpose_in_the_subject_article_one_list_and_certificates(demo_db):
    decision = printing.find_decision(demo_db, "28/QĐ-SKHCN")
    text = documents.decision_text_for(demo_db, decision.id)
    assert text.subject == "Về việc tặng Giấy khen cho các tập thể, cá nhân điển hình tiên tiến giai đoạn 2020–2025"
    assert text.articles[0] == ("Điều 1. Tặng Giấy khen của Giám đốc Sở cho 02 tập thể và 14 cá nhân là điển hình "
                                "tiên tiến giai đoạn 2020–2025 (có danh sách kèm theo).")
    assert all(r.note == "" for r in text.rows)  # the reason is said once, not repeated per line
    awards = certificate_sources.certificate_awards(demo_db, decision.id)
    certs = certificate_sources.certificates_for(demo_db, awards, [])
    assert {c.reason for c in certs} == {"Là điển hình tiên tiến giai đoạn 2020–2025"}
    assert [c.name for c in certs[:2]] == ["VĂN PHÒNG SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH CAO BẰNG",
                                           "THANH TRA SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH CAO BẰNG"]


def test_an_ad_hoc_decision_is_not_about_the_years_work(demo_db):
    decision = printing.find_decision(demo_db, "34/QĐ-SKHCN")
    text = documents.decision_text_for(demo_db, decision.id)
    assert text.articles[0] == ("Điều 1. Tặng Giấy khen của Giám đốc Sở cho 01 cá nhân đã có thành tích đột xuất "
                                "phòng chống thiên tai (có danh sách kèm theo).")
    assert "trong công tác năm" not in " ".join(text.articles)
    awards = certificate_sources.certificate_awards(demo_db, decision.id)
    cert = certificate_sources.certificates_for(demo_db, awards, [])[0]
    assert cert.reason == "Đã có thành tích đột xuất phòng chống thiên tai"


def test_article_three_names_only_what_is_listed(demo_db):
    people = documents.decision_text_for(demo_db, printing.find_decision(demo_db, "20/QĐ-SKHCN").id)
    assert "và các cá nhân có tên tại Điều 1" in people.articles[-1]
    assert "tập thể" not in people.articles[-1] and "tập thể" not in people.list_title.lower()
    both = documents.decision_text_for(demo_db, printing.find_decision(demo_db, "28/QĐ-SKHCN").id)
    assert "và các tập thể, cá nhân có tên tại Điều 1" in both.articles[-1]


def test_the_proposal_of_a_decision_gives_its_purpose_once(demo_db):
    decision = printing.find_decision(demo_db, "28/QĐ-SKHCN")
    text = documents.proposal_for(demo_db, decision.id)
    assert text.paragraphs[1].endswith("tặng Giấy khen của Giám đốc Sở cho 02 tập thể và 14 cá nhân là điển hình "
                                       "tiên tiến giai đoạn 2020–2025 (có danh sách kèm theo).")
    assert all(r.note == "" for r in text.rows)
