"""Bloc documents: the data of the minutes, pact and proposal asserted exactly; the PDFs smoke-tested."""

from __future__ import annotations

import datetime as dt

import pytest
from blocs.bloc_builders import small_bloc
from pdfutil import page_count, pdf_text

from tdkt_desktop.db import blocs as blocs_db
from tdkt_desktop.errors import NotFoundError
from tdkt_desktop.reports.bloc_minutes import opening, person_name, render_bloc_minutes
from tdkt_desktop.reports.bloc_pact import intro, render_pact, signed_line
from tdkt_desktop.reports.bloc_proposal import render_bloc_proposal, requests
from tdkt_desktop.services import bloc_documents as docs
from tdkt_desktop.services import blocs as bloc_service


def _vpv(db):
    return bloc_service.resolve_bloc(db, "Văn phòng, Viện")


def test_year_end_minutes_data(demo_db):
    data = docs.minutes_for(demo_db, _vpv(demo_db), 2018)
    assert data.subject == "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2018"
    assert data.heading.letterhead("", data.held_on).issuer == "KHỐI THI ĐUA CÁC VĂN PHÒNG, VIỆN"
    assert opening(data)[0] == ("Vào hồi …… giờ …… phút, ngày 27 tháng 12 năm 2018, tại Hà Nội, Khối thi đua các "
                                "Văn phòng, Viện tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2018.")
    assert opening(data)[-1] == "Đơn vị thành viên có mặt: 14/14."
    assert [(r.rank, r.member, r.agreed_score) for r in data.ranking[:4]] == [
        ("1", "Văn phòng Công nhận chất lượng", "98,5"), ("2", "Văn phòng các Chương trình trọng điểm cấp nhà nước", "97"),
        ("3=", "Viện Năng lượng nguyên tử Việt Nam", "96,5"), ("3=", "Viện Ứng dụng Công nghệ", "96,5")]
    assert data.ranking_note.startswith("Thang điểm: 9 mục, tối đa 105 điểm (trừ tối đa 5 điểm).")
    assert [b.title for b in data.ballots] == ["Cờ thi đua của Chính phủ",
                                               "Cờ thi đua của Bộ", "Khối trưởng năm 2019", "Khối phó năm 2019"]
    assert data.ballots[0].rule == "trên 50 % tổng số thành viên; tối đa 1 đơn vị có số phiếu cao nhất"
    assert data.ballots[0].rows[0] == ("Văn phòng Công nhận chất lượng", "12", "85,7 %", "Đạt")
    assert data.ballots[1].summary.startswith("Số phiếu phát ra: 14; thu về: 14; hợp lệ: 13; không hợp lệ: 1.")
    assert data.results == (
        "Thống nhất đề nghị Thủ tướng Chính phủ tặng Cờ thi đua của Chính phủ năm 2018 cho: Văn phòng Công nhận chất lượng.",
        "Thống nhất đề nghị Bộ trưởng tặng Cờ thi đua của Bộ năm 2018 cho: Văn phòng các Chương trình trọng điểm cấp nhà "
        "nước; Viện Năng lượng nguyên tử Việt Nam; Viện Ứng dụng Công nghệ.",
        "Bầu Văn phòng các Chương trình khoa học và công nghệ quốc gia làm Khối trưởng năm 2019.",
        "Bầu Học viện Khoa học, Công nghệ và Đổi mới sáng tạo làm Khối phó năm 2019.",
    )


def test_minutes_pdf_pages_and_diacritics(demo_db):
    pdf = render_bloc_minutes(docs.minutes_for(demo_db, _vpv(demo_db), 2018))
    pages = page_count(pdf)
    assert pdf.startswith(b"%PDF") and 3 <= pages <= 4
    first = pdf_text(pdf, first=1, last=1)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "Số: /BB-KTĐ" in first
    assert "I. THÀNH PHẦN THAM DỰ" in first  # the attendance table starts on page 1, not after a blank half page
    assert "V. KẾT LUẬN" in pdf_text(pdf, first=pages - 1)


def test_six_month_review_minutes_have_no_scores_or_ballots(demo_db):
    data = docs.minutes_for(demo_db, bloc_service.resolve_bloc(demo_db, "Tham mưu"), 2018, "so_ket")
    assert data.ranking == () and data.ballots == () and data.results == ()
    assert data.subject == "Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2018"
    assert person_name(data.chair) == "Lê Công Nhường"
    assert opening(data)[2] == "Chủ trì: Lê Công Nhường – Giám đốc Sở Khoa học và Công nghệ, Trưởng Khối."


def test_minutes_of_a_meeting_not_held(demo_db):
    with pytest.raises(NotFoundError, match="chưa có hội nghị “Ký kết giao ước thi đua” của năm 2018"):
        docs.minutes_for(demo_db, _vpv(demo_db), 2018, "ky_giao_uoc")


def test_pact_text_and_pdf(demo_db):
    data = docs.pact_for(demo_db, _vpv(demo_db), 2019)
    assert len(data.items) == 6 and len(data.signers) == 14
    assert intro(data).startswith("Thực hiện phong trào thi đua năm 2019, các đơn vị thành viên Khối thi đua các Văn "
                                  "phòng, Viện thống nhất ký kết giao ước thi đua")
    assert signed_line(data).startswith("Giao ước được ký ngày 27 tháng 12 năm 2018 tại Hà Nội;")
    pdf = render_pact(data)
    text = pdf_text(pdf)
    assert "GIAO ƯỚC THI ĐUA NĂM 2019" in text and "ĐẠI DIỆN CÁC ĐƠN VỊ KÝ GIAO ƯỚC" in text
    assert "Học viện Khoa học, Công nghệ và Đổi mới sáng tạo" in text and "Số:" not in text
    undated = docs.pact_for(demo_db, bloc_service.resolve_bloc(demo_db, "Tham mưu"), 2018)
    assert signed_line(undated).startswith("Giao ước được ký ngày …… tháng …… năm ……;")
    assert "chủ đề" not in intro(undated)
    with pytest.raises(NotFoundError, match="chưa có giao ước thi đua năm 2017"):
        docs.pact_for(demo_db, _vpv(demo_db), 2017)


def test_proposal_lists_the_elected_flags(demo_db):
    data = docs.proposal_for(demo_db, _vpv(demo_db), 2018)
    assert [(p.member, p.award, p.rank, p.votes, p.share) for p in data.proposed] == [
        ("Văn phòng Công nhận chất lượng", "Cờ thi đua của Chính phủ", "1/14", "12/14", "85,7 %"),
        ("Văn phòng các Chương trình trọng điểm cấp nhà nước", "Cờ thi đua của Bộ", "2/14", "12/14", "85,7 %"),
        ("Viện Năng lượng nguyên tử Việt Nam", "Cờ thi đua của Bộ", "3=/14", "12/14", "85,7 %"),
        ("Viện Ứng dụng Công nghệ", "Cờ thi đua của Bộ", "3=/14", "11/14", "78,6 %"),
    ]
    assert requests(data)[0] == ("- Trình Thủ tướng Chính phủ tặng Cờ thi đua của Chính phủ năm 2018 cho: "
                                 "Văn phòng Công nhận chất lượng.")
    pdf = render_bloc_proposal(data)
    assert page_count(pdf) == 2
    text = pdf_text(pdf)
    assert "Kính gửi: Hội đồng Thi đua - Khen thưởng Bộ Khoa học và Công nghệ" in text
    assert "TM. KHỐI THI ĐUA" in text and "DANH SÁCH ĐƠN VỊ ĐƯỢC ĐỀ NGHỊ TẶNG CỜ THI ĐUA NĂM 2018" in text


def test_no_proposal_before_the_flag_ballots_are_closed(db):
    b = small_bloc(db)
    bloc = blocs_db.get_bloc(db, b["bloc_id"])
    round_id = bloc_service.open_round(db, b["meeting_id"], "co_bo_tinh", b["members"][:2])
    bloc_service.issue_to_present(db, round_id)
    bloc_service.record_count(db, round_id, 5, 5, 0, {b["members"][0]: 4, b["members"][1]: 1})
    with pytest.raises(NotFoundError, match="chưa có kết quả bình chọn Cờ thi đua đã chốt"):
        docs.proposal_for(db, bloc, 2025)
    bloc_service.close_round(db, round_id)
    data = docs.proposal_for(db, bloc, 2025)
    assert [(p.member, p.award, p.decider) for p in data.proposed] == [
        ("Sở Nội vụ", "Cờ thi đua của Ủy ban nhân dân tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh")]
    assert data.meeting_date == dt.date(2025, 12, 20)


def test_signatures_never_stand_alone_on_the_last_page(demo_db):
    for bloc, kind in (("Tham mưu", "so_ket"), ("Văn phòng, Viện", "tong_ket")):
        pdf = render_bloc_minutes(docs.minutes_for(demo_db, bloc_service.resolve_bloc(demo_db, bloc), 2018, kind))
        last = pdf_text(pdf, first=page_count(pdf))
        assert "Hội nghị kết thúc vào hồi" in last and "CHỦ TRÌ HỘI NGHỊ" in last and "THƯ KÝ" in last
