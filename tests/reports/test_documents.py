"""Statistics report, tờ trình, registration forms and council minutes: exact texts and PDF smoke tests."""

from __future__ import annotations

import datetime as dt

from pdfutil import page_count, pdf_text, text_runs

from tdkt_desktop.db.award_records import Award, AwardCount
from tdkt_desktop.db.records import Settings, Staff
from tdkt_desktop.reports import base
from tdkt_desktop.reports import minutes as M
from tdkt_desktop.reports import proposal as P
from tdkt_desktop.reports import registration as R
from tdkt_desktop.reports import statistics as S

SETTINGS = Settings(office_name="Sở Khoa học và Công nghệ tỉnh Cao Bằng", governing_body="UBND TỈNH CAO BẰNG",
                    place_name="Cao Bằng", document_symbol="SKHCN", signer_name="Hoàng Văn Thắng",
                    signer_title="GIÁM ĐỐC")

# DOMAIN §13.4 (Sở KH&CN Cao Bằng 2014–2019), a subset.
COUNTS = [
    AwardCount("chien_si_thi_dua_cap_tinh", "Chiến sĩ thi đua cấp tỉnh", "danh_hieu", 3, 0),
    AwardCount("lao_dong_tien_tien", "Lao động tiên tiến", "danh_hieu", 373, 0),
    AwardCount("huan_chuong_lao_dong_hang_nhi", "Huân chương Lao động hạng Nhì", "hinh_thuc", 1, 1),
]


def test_statistics_totals_are_computed_from_rows():
    by_year = {2018: {"lao_dong_tien_tien": 180, "huan_chuong_lao_dong_hang_nhi": 2},
               2019: {"lao_dong_tien_tien": 193, "chien_si_thi_dua_cap_tinh": 3}}
    text = S.statistics_text(COUNTS, by_year, SETTINGS, 2018, 2019, today=dt.date(2020, 1, 5))
    assert text.headline == (
        "Trong giai đoạn 2018–2019, Sở Khoa học và Công nghệ tỉnh Cao Bằng đã khen thưởng và được cấp có thẩm "
        "quyền khen thưởng 378 lượt tập thể, cá nhân (1 lượt tập thể, 377 lượt cá nhân), cụ thể như sau:"
    )
    assert text.rows == (
        S.StatRow("", "I. Danh hiệu thi đua", section=True),
        S.StatRow("1", "Chiến sĩ thi đua cấp tỉnh", "0", "3", "3"),
        S.StatRow("2", "Lao động tiên tiến", "0", "373", "373"),
        S.StatRow("", "II. Hình thức khen thưởng", section=True),
        S.StatRow("1", "Huân chương Lao động hạng Nhì", "1", "1", "2"),
        S.StatRow("", "Tổng cộng", "1", "377", "378", bold=True),
    )
    (table,) = text.year_tables
    assert table.header == ("Danh hiệu, hình thức", "2018", "2019", "Tổng")
    assert table.rows[1] == ("Lao động tiên tiến", "180", "193", "373")
    assert table.rows[-1] == ("Tổng cộng", "182", "196", "378")
    assert text.subject == "Kết quả công tác khen thưởng giai đoạn 2018–2019"


def test_statistics_pdf(tmp_path):
    text = S.statistics_text(COUNTS, {2019: {}}, SETTINGS, 2019, 2019, today=dt.date(2020, 1, 5))
    assert text.year_tables == ()  # one year: no per-year table
    assert text.headline.startswith("Trong năm 2019, Sở Khoa học và Công nghệ tỉnh Cao Bằng đã khen thưởng")
    pdf = S.render_statistics(text)
    out = pdf_text(pdf, tmp_path)
    for s in ("BÁO CÁO", "Kết quả công tác khen thưởng năm 2019", "Huân chương Lao động hạng Nhì",
              "Cao Bằng, ngày 05 tháng 01 năm 2020", "/BC-SKHCN", "Sở Nội vụ (Ban Thi đua - Khen thưởng);",
              "Trên đây là báo cáo kết quả công tác khen thưởng năm 2019"):
        assert s in out
    assert "giai đoạn 2019" not in out
    total = [r for r in text_runs(pdf, 1) if r.text in {"Tổng cộng", "378"}]
    assert {r.font for r in total} == {"LiberationSerif-Bold"}  # the totals row is bold
    empty = S.statistics_text([], {2019: {}}, SETTINGS, 2019, 2019)
    assert empty.headline == "Năm 2019, Sở Khoa học và Công nghệ tỉnh Cao Bằng chưa có lượt khen thưởng nào được ghi nhận."


def test_statistics_rows_follow_the_award_ladder():
    shuffled = [
        AwardCount("giay_khen", "Giấy khen của Giám đốc Sở", "hinh_thuc", 2, 15),
        AwardCount("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở", "danh_hieu", 0, 30),
        AwardCount("bang_khen_thu_tuong", "Bằng khen của Thủ tướng Chính phủ", "hinh_thuc", 0, 1),
        AwardCount("lao_dong_tien_tien", "Lao động tiên tiến", "danh_hieu", 0, 263),
        AwardCount("huan_chuong_lao_dong_hang_ba", "Huân chương Lao động hạng Ba", "hinh_thuc", 0, 1),
        AwardCount("chien_si_thi_dua_cap_tinh", "Chiến sĩ thi đua cấp tỉnh", "danh_hieu", 0, 1),
        AwardCount("bang_khen_cap_tinh", "Bằng khen của Chủ tịch UBND tỉnh", "hinh_thuc", 2, 5),
    ]
    text = S.statistics_text(shuffled, {2025: {}}, SETTINGS, 2025, 2025)
    labels = [r.label for r in text.rows if not r.section and not r.bold]
    assert labels == ["Chiến sĩ thi đua cấp tỉnh", "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở",
                      "Huân chương Lao động hạng Ba", "Bằng khen của Thủ tướng Chính phủ",
                      "Bằng khen của Chủ tịch UBND tỉnh", "Giấy khen của Giám đốc Sở"]


def test_more_than_eight_years_are_split_into_tables_never_dropped(tmp_path):
    years = range(2014, 2026)
    by_year = {y: {"lao_dong_tien_tien": y - 2000, "huan_chuong_lao_dong_hang_nhi": 1 if y == 2019 else 0}
               for y in years}
    counts = [AwardCount("lao_dong_tien_tien", "Lao động tiên tiến", "danh_hieu", 0, sum(y - 2000 for y in years)),
              AwardCount("huan_chuong_lao_dong_hang_nhi", "Huân chương Lao động hạng Nhì", "hinh_thuc", 0, 1)]
    text = S.statistics_text(counts, by_year, SETTINGS, 2014, 2025)
    assert [t.header[1:] for t in text.year_tables] == [
        tuple(str(y) for y in range(2014, 2020)), (*(str(y) for y in range(2020, 2026)), "Tổng")]
    assert text.year_tables[-1].rows[-1][-1] == str(sum(y - 2000 for y in years) + 1)
    assert all(len(t.header) - 1 <= S.MAX_YEAR_COLUMNS + 1 for t in text.year_tables)
    out = pdf_text(S.render_statistics(text), tmp_path)
    assert all(str(y) in out for y in years)
    assert S.year_parts(list(range(2000, 2017))) == [list(range(2000, 2006)), list(range(2006, 2012)),
                                                    list(range(2012, 2017))]


def _awards():
    return [Award(id=i, decision_id=1, award_type="bang_khen_cap_tinh", staff_id=i, year=2025,
                  award_name="Bằng khen của Chủ tịch UBND tỉnh", recipient_name=n, unit_name="Thanh tra Sở")
            for i, n in ((1, "Ngô Thị Hà"), (2, "Lê Xuân Sơn"))]


def test_proposal_to_the_province(tmp_path):
    text = P.proposal_text(_awards(), SETTINGS, recipient="Chủ tịch UBND tỉnh Cao Bằng", positions={1: "Chánh Thanh tra"},
                           kinds={"bang_khen_cap_tinh": "hinh_thuc"}, council=False, date=dt.date(2026, 2, 3))
    assert text.subject == "Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh"
    assert text.paragraphs[1] == ("Sở Khoa học và Công nghệ kính đề nghị Chủ tịch UBND tỉnh Cao Bằng xem xét, tặng "
                                  "Bằng khen của Chủ tịch UBND tỉnh cho 02 cá nhân (có danh sách kèm theo).")
    assert text.letterhead.number.endswith("/TTr-SKHCN")
    assert text.signer.title == "GIÁM ĐỐC" and text.signer.authority == ""
    pdf = P.render_proposal(text)
    assert page_count(pdf, tmp_path) == 2
    out = pdf_text(pdf, tmp_path)
    for s in ("TỜ TRÌNH", "Kính gửi: Chủ tịch UBND tỉnh Cao Bằng", "Cao Bằng, ngày 03 tháng 02 năm 2026",
              "DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH", "Chánh Thanh tra, Thanh tra Sở",
              "Kính trình Chủ tịch UBND tỉnh Cao Bằng xem xét, quyết định./."):
        assert s in out


def test_proposal_from_the_council_is_signed_for_the_council():
    text = P.proposal_text(_awards(), SETTINGS, recipient="Giám đốc Sở Khoa học và Công nghệ", positions={},
                           kinds={}, council=True, date=None, signer=P.council_signer("", "Bùi Phương Yến"))
    assert text.letterhead.issuer == "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    assert text.letterhead.governing_body == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    # The Giám đốc chairs the council and receives the tờ trình: a vice-chair signs for the council.
    assert text.signer == base.Signer("PHÓ CHỦ TỊCH", "Bùi Phương Yến", "TM. HỘI ĐỒNG\nKT. CHỦ TỊCH")
    assert P.council_signer("Lê Văn Chủ") == base.Signer("CHỦ TỊCH", "Lê Văn Chủ", "TM. HỘI ĐỒNG")
    out = pdf_text(P.render_proposal(text))
    assert "TM. HỘI ĐỒNG KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in out and "Bùi Phương Yến" in out


def test_individual_registration_form(tmp_path):
    text = R.individual_form(SETTINGS, year=2026, name="Đặng Thị Hương", position="Chuyên viên",
                             unit="Phòng Quản lý khoa học", title="Chiến sĩ thi đua cơ sở", form="",
                             today=dt.date(2026, 1, 9))
    assert text.fields[3] == ("Danh hiệu thi đua đăng ký", "Chiến sĩ thi đua cơ sở")
    assert text.fields[4] == ("Hình thức khen thưởng đăng ký", R.DOTS)
    out = pdf_text(R.render_registration(text), tmp_path)
    for s in ("BẢN ĐĂNG KÝ THI ĐUA NĂM 2026", "PHÒNG QUẢN LÝ KHOA HỌC", "Họ và tên: Đặng Thị Hương",
              "Cao Bằng, ngày 09 tháng 01 năm 2026", "NGƯỜI ĐĂNG KÝ", "Cam kết thực hiện:"):
        assert s in out
    assert "Số:" not in out  # a form has no document number


def test_collective_registration_lists_members_over_pages(tmp_path):
    members = [Staff(id=i, code=f"CB{i:03d}", full_name=f"Nguyễn Văn {i}", position="Chuyên viên") for i in range(45)]
    text = R.collective_form(SETTINGS, year=2026, unit="Trung tâm Thông tin", head_name="Lê Công Tuấn",
                             title="Tập thể lao động tiên tiến", form="", members=members)
    assert text.members[0] == R.MemberRow("1", "Nguyễn Văn 0", "Chuyên viên", "Lao động tiên tiến", "")
    assert ("Số cán bộ đăng ký", "45") in text.fields
    pdf = R.render_registration(text)
    pages = page_count(pdf, tmp_path)
    assert pages >= 2
    assert "Danh hiệu đăng ký" in pdf_text(pdf, tmp_path, first=2, last=2)
    assert "THỦ TRƯỞNG ĐƠN VỊ" in pdf_text(pdf, tmp_path, first=pages, last=pages)


def test_minutes_votes_on_total_membership(tmp_path):
    members = [M.Member("Hoàng Văn Thắng", "Chủ tịch Hội đồng"), M.Member("Bùi Phương Yến", "Phó Chủ tịch Hội đồng"),
               M.Member("Lê Công Tuấn", "Ủy viên", present=False, reason="đi công tác"),
               M.Member("Hồ Quang Mạnh", "Thư ký Hội đồng")]
    candidates = [M.Candidate("Đặng Thị Hương", "Văn phòng Sở", "Chiến sĩ thi đua cơ sở", 4, "Đạt"),
                  M.Candidate("Ngô Văn Phong", "Văn phòng Sở", "Chiến sĩ thi đua cơ sở", 3, "Không đạt")]
    text = M.minutes_text(SETTINGS, year=2025, held_on=dt.date(2026, 1, 8), start=dt.time(14, 0), place="Phòng họp số 1",
                          members=members, candidates=candidates)
    assert M.vote_share(3, 4) == "75 %" and M.vote_share(6, 7) == "85,7 %"
    assert text.opening[0] == ("Vào hồi 14 giờ 00 phút, ngày 08 tháng 01 năm 2026, tại Phòng họp số 1, Hội đồng "
                               "Thi đua - Khen thưởng Sở Khoa học và Công nghệ họp xét danh hiệu thi đua và hình "
                               "thức khen thưởng năm 2025.")
    assert text.opening[3] == "Thành viên có mặt: 3/4. Vắng mặt: Lê Công Tuấn (đi công tác)."
    assert text.attendance_rows[2] == ("3", "Lê Công Tuấn", "Ủy viên", "Vắng", "đi công tác")
    assert text.vote_rows[1] == ("2", "Ngô Văn Phong", "Văn phòng Sở", "Chiến sĩ thi đua cơ sở", "3", "75 %",
                                 "Không đạt")
    assert text.conclusions == ("Đề nghị Chiến sĩ thi đua cơ sở: 01 lượt cá nhân (danh sách tại bảng kết quả bỏ phiếu).",)
    assert text.opening[4].endswith("cho 02 lượt cá nhân theo đề nghị của các phòng, đơn vị.")
    assert text.vote_note == "Tỷ lệ tính trên tổng số 04 thành viên Hội đồng."
    assert (text.chair.name, text.secretary.name) == ("Hoàng Văn Thắng", "Hồ Quang Mạnh")
    out = pdf_text(M.render_minutes(text), tmp_path)
    for s in ("BIÊN BẢN", "/BB-HĐTĐKT", "Kết quả bỏ phiếu", "Tỷ lệ", "THƯ KÝ", "CHỦ TỊCH HỘI ĐỒNG",
              "Ngô Văn Phong", "Không đạt"):
        assert s in out


def test_published_breakdown_total_is_computed_not_typed():
    """DOMAIN §13.4: the article says 530 lượt, but its breakdown adds up to 569; the report computes."""
    rows = [
        AwardCount("huan_chuong_lao_dong_hang_nhi", "Huân chương Lao động hạng Nhì", "hinh_thuc", 1, 1),
        AwardCount("huan_chuong_lao_dong_hang_ba", "Huân chương Lao động hạng Ba", "hinh_thuc", 2, 0),
        AwardCount("bang_khen_thu_tuong", "Bằng khen của Thủ tướng Chính phủ", "hinh_thuc", 1, 0),
        AwardCount("bang_khen_cap_bo", "Bằng khen của Bộ trưởng", "hinh_thuc", 1, 1),
        AwardCount("bang_khen_cap_tinh", "Bằng khen của Chủ tịch UBND tỉnh", "hinh_thuc", 25, 0),
        AwardCount("tap_the_lao_dong_xuat_sac", "Tập thể lao động xuất sắc", "danh_hieu", 0, 13),
        AwardCount("chien_si_thi_dua_cap_tinh", "Chiến sĩ thi đua cấp tỉnh", "danh_hieu", 3, 0),
        AwardCount("tap_the_lao_dong_tien_tien", "Tập thể lao động tiên tiến", "danh_hieu", 0, 101),
        AwardCount("chien_si_thi_dua_co_so", "Chiến sĩ thi đua cơ sở", "danh_hieu", 47, 0),
        AwardCount("lao_dong_tien_tien", "Lao động tiên tiến", "danh_hieu", 373, 0),
    ]
    text = S.statistics_text(rows, {y: {} for y in range(2014, 2020)}, SETTINGS, 2014, 2019)
    assert "569 lượt tập thể, cá nhân (116 lượt tập thể, 453 lượt cá nhân)" in text.headline
    assert text.rows[-1] == S.StatRow("", "Tổng cộng", "116", "453", "569", bold=True)
    assert [r.label for r in text.rows if r.section] == ["I. Danh hiệu thi đua", "II. Hình thức khen thưởng"]


def test_collective_registration_lists_the_head_first_and_award_names_whole(tmp_path):
    people = [("Nguyễn Văn An", "Chuyên viên"), ("Lê Thị Bình", "Phó Trưởng phòng"), ("Trần Văn Cường", "Kế toán viên"),
              ("Phạm Thị Dung", "Trưởng phòng"), ("Hoàng Văn Em", "Chuyên viên chính")]
    members = [Staff(id=i, code=f"CB{i:03d}", full_name=n, position=p) for i, (n, p) in enumerate(people)]
    text = R.collective_form(SETTINGS, year=2026, unit="Phòng Quản lý khoa học", head_name="Phạm Thị Dung",
                             title="Tập thể lao động tiên tiến", form="", members=members,
                             member_title="Chiến sĩ thi đua cơ sở")
    assert [m.position for m in text.members] == ["Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên chính",
                                                  "Chuyên viên", "Kế toán viên"]
    assert [m.stt for m in text.members] == ["1", "2", "3", "4", "5"]
    pdf = R.render_registration(text)
    runs = [r.text for r in text_runs(pdf, 1)]
    cells = [t for t in runs if t.startswith(("Chiến sĩ", "thi đua", "cơ sở"))]
    # "Chiến sĩ thi đua cơ sở" fits its column whole, or breaks between words, never inside one.
    assert cells and all(t in {"Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua", "cơ sở", "Chiến sĩ", "thi đua"}
                         for t in cells), cells
    assert "Hình thức khen thưởng đăng ký" in " ".join(runs)
