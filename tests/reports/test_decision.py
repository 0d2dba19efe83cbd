"""Decision texts built exactly (Căn cứ by date, Điều 1–3, attached list) and the PDF over several pages."""

from __future__ import annotations

import datetime as dt

import pytest
from pdfutil import page_count, pdf_text, text_runs

from tdkt_desktop.db.award_records import Award, Decision
from tdkt_desktop.db.records import Settings
from tdkt_desktop.reports import decision as D

SETTINGS = Settings(office_name="Sở Khoa học và Công nghệ tỉnh Cao Bằng", governing_body="UBND TỈNH CAO BẰNG",
                    place_name="Cao Bằng", document_symbol="SKHCN", signer_name="Hoàng Văn Thắng",
                    signer_title="GIÁM ĐỐC")


def _decision(**kw):
    values = dict(id=1, number="125/QĐ-SKHCN", issued_on=dt.date(2025, 8, 10), issuer=SETTINGS.office_name,
                  signer_name="Hoàng Văn Thắng", signer_title="GIÁM ĐỐC")
    values.update(kw)
    return Decision(**values)


def _award(i, *, staff=True, code="giay_khen", name="Giấy khen", amount=None, unit="Văn phòng Sở", year=2025):
    return Award(id=i, decision_id=1, award_type=code, staff_id=i if staff else None, unit_id=None if staff else i,
                 year=year, amount=amount, position=i, award_name=name,
                 recipient_name=f"Người {i}" if staff else f"Phòng {i}", unit_name=unit if staff else "")


def _plain(text):
    """Text with its no-break spaces (which only steer line breaks) as ordinary spaces."""
    return text.replace("\xa0", " ")


KINDS = {"giay_khen": "hinh_thuc", "giay_khen_tap_the": "hinh_thuc", "lao_dong_tien_tien": "danh_hieu",
         "tap_the_lao_dong_tien_tien": "danh_hieu"}


def test_list_rows_sections_and_numbering():
    awards = [_award(1, staff=False, code="giay_khen_tap_the", amount=1_520_000),
              _award(2, amount=760_000), _award(3)]
    rows = D.list_rows(awards, {2: "Chuyên viên"}, KINDS)
    assert rows == [
        D.ListRow("", "I. Tập thể", section=True),
        D.ListRow("1", "Phòng 1", "", "1.520.000", ""),
        D.ListRow("", "II. Cá nhân", section=True),
        D.ListRow("1", "Người 2", "Chuyên viên, Văn phòng Sở", "760.000", ""),
        D.ListRow("2", "Người 3", "Văn phòng Sở", "", ""),
    ]


def test_decision_text_giay_khen_with_money():
    awards = [_award(1, staff=False, code="giay_khen_tap_the", amount=1_520_000),
              _award(2, staff=False, code="giay_khen_tap_the", amount=1_520_000)]
    awards += [_award(i, amount=760_000) for i in range(3, 17)]
    text = D.decision_text(_decision(), awards, SETTINGS, positions={}, kinds=KINDS)
    assert text.subject == ("Về việc tặng Giấy khen cho các tập thể, cá nhân đã có thành tích xuất sắc trong công tác "
                            "năm 2025")
    assert text.authority == "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert text.bases == (
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết thi hành "
        "một số điều của Luật Thi đua, khen thưởng;",
        "Căn cứ Thông tư số 15/2025/TT-BNV của Bộ trưởng Bộ Nội vụ hướng dẫn thi hành Luật Thi đua, khen thưởng "
        "và Nghị định số 152/2025/NĐ-CP;",
        "Theo đề nghị của Chánh Văn phòng Sở.",
    )
    assert text.articles == (
        "Điều 1. Tặng Giấy khen cho 02 tập thể và 14 cá nhân đã có thành tích xuất sắc trong công tác năm 2025 "
        "(có danh sách kèm theo).",
        "Điều 2. Tiền thưởng kèm theo thực hiện theo quy định hiện hành (có danh sách kèm theo), tổng số tiền: "
        "13.680.000 đồng, chi từ nguồn quỹ thi đua, khen thưởng của Sở Khoa học và Công nghệ tỉnh Cao Bằng.",
        "Điều 3. Chánh Văn phòng Sở, Trưởng các phòng, đơn vị thuộc Sở và các tập thể, cá nhân có tên tại Điều 1 "
        "chịu trách nhiệm thi hành Quyết định này./.",
    )
    assert _plain(text.list_title) == "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN"
    assert _plain(text.list_subtitle) == ("(Kèm theo Quyết định số 125/QĐ-SKHCN ngày 10/08/2025 của Giám đốc "
                                          "Sở Khoa học và Công nghệ)")
    assert text.signer.authority == "" and text.has_amount


def test_titles_for_an_earlier_year_use_the_laws_then_in_force():
    awards = [_award(1, code="lao_dong_tien_tien", name="Lao động tiên tiến", year=2023),
              _award(2, staff=False, code="tap_the_lao_dong_tien_tien", name="Tập thể lao động tiên tiến", year=2023)]
    text = D.decision_text(_decision(issued_on=dt.date(2024, 1, 20), signer_title="Phó Giám đốc",
                                     signer_name="Bùi Phương Yến"),
                           awards, SETTINGS, positions={}, kinds=KINDS,
                           office_bases=["Quyết định số 08/2018/QĐ-UBND ngày 02 tháng 3 năm 2018;"],
                           proposer="Hội đồng Thi đua - Khen thưởng Sở")
    assert "Nghị định số 98/2023/NĐ-CP" in text.bases[1]
    assert text.bases[-2] == "Căn cứ Quyết định số 08/2018/QĐ-UBND ngày 02 tháng 3 năm 2018;"
    assert text.bases[-1] == "Theo đề nghị của Hội đồng Thi đua - Khen thưởng Sở."
    assert text.subject == ("Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2023 và công nhận danh hiệu "
                            "“Tập thể lao động tiên tiến” năm 2023 cho các tập thể, cá nhân")
    assert text.articles[:3] == (
        "Điều 1. Khen thưởng các tập thể, cá nhân có tên trong danh sách kèm theo, cụ thể:",
        "1. Công nhận danh hiệu “Lao động tiên tiến” năm 2023 cho 01 cá nhân (có danh sách kèm theo).",
        "2. Công nhận danh hiệu “Tập thể lao động tiên tiến” năm 2023 cho 01 tập thể (có danh sách kèm theo).",
    )
    assert text.articles[3] == "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."
    assert text.signer == D.base.Signer(title="PHÓ GIÁM ĐỐC", name="Bùi Phương Yến", authority="KT. GIÁM ĐỐC")
    assert D.legal_bases(dt.date(2019, 5, 1))[1].startswith("Nghị định số 91/2017/NĐ-CP")


def test_summary_becomes_the_subject():
    text = D.decision_text(_decision(summary="Tặng Giấy khen cho các cá nhân điển hình tiên tiến"), [_award(1)],
                           SETTINGS, positions={}, kinds=KINDS)
    assert text.subject == "Về việc tặng Giấy khen cho các cá nhân điển hình tiên tiến"


def test_decision_pdf_list_over_pages_repeats_header(tmp_path):
    awards = [_award(i, amount=760_000, unit="Trung tâm Thông tin và Ứng dụng khoa học và công nghệ")
              for i in range(1, 61)]
    pdf = D.render_decision(D.decision_text(_decision(number="8/QĐ-SKHCN"), awards, SETTINGS,
                                            positions={1: "Kỹ sư"}, kinds=KINDS))
    pages = page_count(pdf, tmp_path)
    assert pages >= 3  # the decision, then a list of 60 that needs two pages
    first = pdf_text(pdf, tmp_path, first=1, last=1)
    for text in ("Số: 08/QĐ-SKHCN", "Cao Bằng, ngày 10 tháng 8 năm 2025", "QUYẾT ĐỊNH:",
                 "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", "Điều 1. Tặng Giấy khen cho 60 cá nhân",
                 "Nơi nhận:", "Hoàng Văn Thắng"):
        assert text in first
    annex = pdf_text(pdf, tmp_path, first=2, last=2)
    assert annex.startswith("DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN")  # its first page carries no number
    assert "(Kèm theo Quyết định số 08/QĐ-SKHCN ngày 10/08/2025" in annex
    assert "Kỹ sư, Trung tâm Thông tin và Ứng dụng khoa học và công nghệ" in annex
    for page in range(2, pages + 1):
        text = pdf_text(pdf, tmp_path, first=page, last=page)
        if page > 2:
            assert text.startswith(f"{page - 1} ")  # the list numbers its own pages
        assert "STT" in text and "Chức vụ, đơn vị" in text and "Số tiền (đồng)" in text
    assert "Người 60" in pdf_text(pdf, tmp_path, first=pages, last=pages)


def test_list_drops_empty_columns_and_its_only_section_heading():
    rows = D.list_rows([_award(i) for i in range(1, 4)], {1: "Chuyên viên"}, KINDS)
    assert not any(r.section for r in rows)  # one section: no "I. Cá nhân" heading
    pdf = D.render_decision(D.decision_text(_decision(), [_award(i) for i in range(1, 4)], SETTINGS,
                                            positions={1: "Chuyên viên"}, kinds=KINDS))
    header = [r.text for r in text_runs(pdf, 2) if r.font == "LiberationSerif-Bold"]
    assert "Ghi chú" not in " ".join(header) and "Số tiền" not in " ".join(header)  # empty in every row
    assert "Họ và tên" in header and "Tên tập thể" not in " ".join(header)
    assert "I." not in pdf_text(pdf, first=2, last=2)


def test_list_keeps_a_note_that_differs_from_the_decisions_purpose():
    awards = [_award(1), Award(**{**_award(2).__dict__, "reason": "Hai năm liên tục Chiến sĩ thi đua cơ sở"})]
    text = D.decision_text(_decision(summary="Tặng Giấy khen cho các cá nhân hai năm liên tục Chiến sĩ thi đua cơ sở"),
                           awards, SETTINGS, positions={}, kinds=KINDS)
    assert [r.note for r in text.rows] == ["", ""]  # said once in Điều 1, not per line
    awards.append(Award(**{**_award(3).__dict__, "reason": "Thành tích đột xuất"}))
    text = D.decision_text(_decision(summary="Khen thưởng"), awards, SETTINGS, positions={}, kinds=KINDS)
    assert [r.note for r in text.rows] == ["", "Hai năm liên tục Chiến sĩ thi đua cơ sở", "Thành tích đột xuất"]


def _lines_of(pdf, page, font="LiberationSerif-Bold"):
    return [r.text for r in text_runs(pdf, page) if r.font == font]


def test_list_title_breaks_between_phrases():
    awards = [_award(1, staff=False, code="giay_khen_tap_the", name="Giấy khen của Giám đốc Sở")]
    awards += [_award(i, name="Giấy khen của Giám đốc Sở") for i in range(2, 5)]
    pdf = D.render_decision(D.decision_text(_decision(), awards, SETTINGS, positions={}, kinds=KINDS))
    bold = [r.text for r in text_runs(pdf, 2) if r.font == "LiberationSerif-Bold"]
    assert bold[:2] == ["DANH SÁCH TẬP THỂ, CÁ NHÂN", "ĐƯỢC TẶNG GIẤY KHEN CỦA GIÁM ĐỐC SỞ"]
    assert "Họ và tên / Tên tập thể" in bold


@pytest.mark.parametrize("summary, article", [
    ("Tặng Giấy khen cho các cá nhân điển hình tiên tiến giai đoạn 2020–2025",
     "Điều 1. Tặng Giấy khen cho 01 cá nhân là điển hình tiên tiến giai đoạn 2020–2025 (có danh sách kèm theo)."),
    ("Về việc tặng Giấy khen cho các tập thể, cá nhân đã có thành tích xuất sắc trong phong trào thi đua năm 2024",
     "Điều 1. Tặng Giấy khen cho 01 cá nhân đã có thành tích xuất sắc trong phong trào thi đua năm 2024 "
     "(có danh sách kèm theo)."),
])
def test_article_one_repeats_the_purpose_of_the_subject(summary, article):
    text = D.decision_text(_decision(summary=summary, kind="phong_trao"), [_award(1)], SETTINGS, positions={},
                           kinds=KINDS)
    assert text.articles[0] == article
    assert "trong công tác năm" not in article


def test_ad_hoc_decision_without_a_stated_purpose_is_not_about_the_year():
    text = D.decision_text(_decision(summary="Khen thưởng đột xuất", kind="dot_xuat"), [_award(1)], SETTINGS,
                           positions={}, kinds=KINDS)
    assert text.articles[0] == ("Điều 1. Tặng Giấy khen cho 01 cá nhân đã có thành tích xuất sắc đột xuất "
                                "(có danh sách kèm theo).")
