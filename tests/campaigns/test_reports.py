"""Campaign documents: Kế hoạch phát động, Tổng hợp đăng ký thi đua, Báo cáo sơ kết/tổng kết — texts and PDFs."""

from __future__ import annotations

import datetime as dt

from campaigns.builders import campaign, office, people
from pdfutil import fonts, page_count, page_size, pdf_text

from tdkt_desktop.db import campaign_reviews as reviews
from tdkt_desktop.db import registrations
from tdkt_desktop.db.campaign_records import Campaign, CampaignReview, ReviewResult, UnitRegistrations
from tdkt_desktop.db.records import Settings
from tdkt_desktop.reports import campaign_plan as PL
from tdkt_desktop.reports import campaign_registrations as RG
from tdkt_desktop.reports import campaign_review as RV
from tdkt_desktop.services import campaign_documents as sources
from tdkt_desktop.services import campaigns as service

SETTINGS = Settings(office_name="Sở Khoa học và Công nghệ tỉnh Tiền Giang", governing_body="UBND TỈNH TIỀN GIANG",
                    place_name="Tiền Giang", document_symbol="SKHCN", signer_name="Dương Văn Bon",
                    signer_title="GIÁM ĐỐC")
YEARLY = Campaign(1, "Thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2026", kind="thuong_xuyen",
                  starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 12, 31), doc_kind="ke_hoach",
                  doc_number="06/KH-SKHCN", doc_date=dt.date(2026, 1, 12),
                  doc_issuer="Sở Khoa học và Công nghệ tỉnh Tiền Giang", goals="Hoàn thành xuất sắc nhiệm vụ năm 2026.")


class _C:
    def __init__(self, text):
        self.text = text


class _U:
    def __init__(self, name):
        self.name = name


def test_plan_skeleton_has_the_four_parts_filled_from_the_campaign():
    planned = [CampaignReview(1, 1, "so_ket", planned_on=dt.date(2026, 7, 31), title="Sơ kết 6 tháng"),
               CampaignReview(2, 1, "tong_ket", planned_on=dt.date(2026, 12, 18))]
    text = PL.plan_text(YEARLY, [_C("Không có hồ sơ trễ hẹn")], [_U("Văn phòng Sở"), _U("Thanh tra Sở")], planned,
                        SETTINGS, deadline=dt.date(2026, 1, 31))
    assert text.letterhead.number == "06/KH-SKHCN" and text.letterhead.date == dt.date(2026, 1, 12)
    assert text.subject == "Tổ chức phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2026"
    assert [s.heading for s in text.sections] == [
        "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG, CHỈ TIÊU THI ĐUA", "III. KHEN THƯỞNG", "IV. TỔ CHỨC THỰC HIỆN"]
    assert text.sections[0].paragraphs[0] == "1. Hoàn thành xuất sắc nhiệm vụ năm 2026."
    assert "1. Không có hồ sơ trễ hẹn" in text.sections[1].paragraphs
    assert "Thời gian thực hiện: từ ngày 01/01/2026 đến ngày 31/12/2026." in text.sections[1].paragraphs
    organisation = text.sections[3].paragraphs
    assert "trước ngày 31/01/2026" in organisation[1]
    assert organisation[-2] == ("4. Thời gian sơ kết, tổng kết dự kiến: Sơ kết: ngày 31/07/2026 (Sơ kết 6 tháng); "
                                "Tổng kết: ngày 18/12/2026.")
    assert organisation[-1].startswith("5. Trong quá trình thực hiện")
    # Launched by another body: the office's own plan number is left blank for the clerk.
    other = PL.plan_text(Campaign(2, "Cao Bằng chung sức xây dựng nông thôn mới", starts_on=dt.date(2021, 3, 1),
                                  ends_on=dt.date(2025, 12, 31), doc_number="24/KH-UBND",
                                  doc_issuer="Ủy ban nhân dân tỉnh Cao Bằng"), [], [], [], SETTINGS)
    assert other.letterhead.number.endswith("/KH-SKHCN") and other.letterhead.date is None
    assert other.subject == "Tổ chức phong trào thi đua “Cao Bằng chung sức xây dựng nông thôn mới”"


def test_plan_pdf():
    text = PL.plan_text(YEARLY, [_C(f"Chỉ tiêu số {i}") for i in range(1, 6)], [], [], SETTINGS)
    pdf = PL.render_plan(text)
    out = pdf_text(pdf)
    for s in ("KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "IV. TỔ CHỨC THỰC HIỆN", "Số: 06/KH-SKHCN",
              "Tiền Giang, ngày 12 tháng 01 năm 2026", "Dương Văn Bon", "Nơi nhận:"):
        assert s in out
    assert {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic"} <= fonts(pdf)


def test_registration_summary_totals_and_landscape_when_wide():
    units = [UnitRegistrations(1, "Văn phòng Sở", 10, ("tap_the_lao_dong_xuat_sac",),
                               {"lao_dong_tien_tien": 8, "chien_si_thi_dua_co_so": 2}),
             UnitRegistrations(2, "Thanh tra Sở", 5, (), {"lao_dong_tien_tien": 5})]
    names = {"lao_dong_tien_tien": "LĐTT", "chien_si_thi_dua_co_so": "CSTĐCS", "tap_the_lao_dong_xuat_sac": "TTLĐXS"}
    text = RG.summary_text(YEARLY, 2026, units, [], names, {}, SETTINGS, today=dt.date(2026, 2, 20))
    assert text.header == ("STT", "Phòng, đơn vị", "Số cán bộ", "Tập thể đăng ký", "LĐTT", "CSTĐCS", "Cộng cá nhân")
    assert text.rows == (("1", "Văn phòng Sở", "10", "TTLĐXS", "8", "2", "10"),
                         ("2", "Thanh tra Sở", "5", "", "5", "0", "5"),
                         ("", "Tổng cộng", "15", "1 lượt", "13", "2", "15"))
    assert "1 lượt tập thể và 15 lượt cá nhân" in text.headline and not text.landscape
    many = {f"a{i}": 1 for i in range(6)}
    wide = RG.summary_text(YEARLY, 2026, [UnitRegistrations(1, "Văn phòng Sở", 6, (), many)], [], {}, {}, SETTINGS)
    assert wide.landscape
    assert page_size(RG.render_summary(wide)) == (842, 595)


def test_summary_and_review_report_from_the_database(db):
    ids = office(db)
    campaign_id = campaign(db)
    registrations.register_unit(db, campaign_id, 2024, ids["Văn phòng Sở"], "lao_dong_tien_tien",
                                "tap_the_lao_dong_tien_tien")
    text = sources.registration_summary_for(db, campaign_id, 2024, today=dt.date(2024, 2, 1))
    first = min((p for p in people(db) if p.unit_id == ids["Văn phòng Sở"]), key=lambda p: p.fold)
    assert [p.name for p in text.people][:2] == ["Văn phòng Sở", first.full_name] == ["Văn phòng Sở", "Đặng Thị Hương"]
    pdf = RG.render_summary(text)
    out = pdf_text(pdf)
    assert "DANH SÁCH CÁ NHÂN ĐĂNG KÝ THI ĐUA" in out and "Tổng hợp đăng ký thi đua năm 2024" in out
    assert page_count(pdf) == 2  # the people's list starts on its own page
    # The tổng kết report: results, counts computed, the award list from the reward decision.
    results = [ReviewResult(None, None, unit_id=ids["Văn phòng Sở"], result="xuat_sac", rank=1,
                            award_type="giay_khen_tap_the")]
    results += [ReviewResult(None, None, staff_id=p.id, result="xuat_sac" if i < 3 else "tot", rank=i + 1,
                             award_type="giay_khen" if i < 3 else None) for i, p in enumerate(people(db)[:6])]
    review_id = reviews.record_review(db, CampaignReview(None, campaign_id, "tong_ket", held_on=dt.date(2025, 8, 10),
                                                         title="Tổng kết giai đoạn 2020–2025",
                                                         shortcomings="Nhân rộng điển hình còn chậm."), results,
                                      today=dt.date(2025, 9, 1))
    text = sources.review_report_for(db, review_id, today=dt.date(2025, 8, 20))
    assert text.subject == "Tổng kết phong trào thi đua yêu nước giai đoạn 2020–2025 (giai đoạn 2020–2025)"
    outcome = {s.heading: s.paragraphs for s in text.sections}
    assert "trong đó 04 hoàn thành xuất sắc; 03 hoàn thành tốt" in " ".join(outcome["II. KẾT QUẢ THỰC HIỆN"])
    assert outcome["III. HẠN CHẾ, NGUYÊN NHÂN"] == ("Nhân rộng điển hình còn chậm.",)
    assert "tặng Giấy khen của Giám đốc Sở cho 01 tập thể và 03 cá nhân" in outcome["V. KIẾN NGHỊ, ĐỀ XUẤT"][0]
    assert text.awards == ()
    decision_id = service.create_reward_decision(db, review_id, service.default_decision(db, review_id,
                                                                                         dt.date(2025, 8, 10)))
    text = sources.review_report_for(db, review_id, today=dt.date(2025, 8, 20))
    outcome = {s.heading: s.paragraphs for s in text.sections}
    assert "3. Khen thưởng: đã khen thưởng 01 tập thể và 03 cá nhân (Quyết định số 1/QĐ-SKHCN" in " ".join(
        outcome["II. KẾT QUẢ THỰC HIỆN"])
    assert [r[1] for r in text.awards][:2] == ["Văn phòng Sở", people(db)[0].full_name]
    assert text.results[0][1:5] == ("Văn phòng Sở", "Tập thể", "Hoàn thành xuất sắc", "1")
    pdf = RV.render_review(text)
    out = pdf_text(pdf)
    for s in ("BÁO CÁO", "I. ĐẶC ĐIỂM TÌNH HÌNH", "V. KIẾN NGHỊ, ĐỀ XUẤT", "Phụ lục 1", "Phụ lục 2",
              "KẾT QUẢ TỔNG KẾT CỦA CÁC TẬP THỂ, CÁ NHÂN", "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG",
              "1/QĐ-SKHCN ngày 10/08/2025", "Tiền Giang, ngày 20 tháng 8 năm 2025"):
        assert s in out, s
    assert decision_id and page_count(pdf) >= 3


def test_title_repeating_the_kind_is_not_printed_twice():
    review = CampaignReview(1, 1, "so_ket", held_on=dt.date(2026, 7, 31), title="Sơ kết 6 tháng đầu năm 2026")
    text = RV.review_text(YEARLY, review, [], [], (0, 0), 3, SETTINGS)
    assert text.subject == ("Sơ kết phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2026 "
                            "(6 tháng đầu năm 2026)")
    assert text.sections[-1].paragraphs == (PL.campaign_texts()["report"]["blank"],) * 2  # left to fill in
