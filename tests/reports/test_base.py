"""Base renderer: NĐ 30 dates, names, fonts (real bold/italic faces), page numbers from page 2."""

from __future__ import annotations

import datetime as dt

from pdfutil import fonts, page_count, pdf_text
from reportlab.lib.fonts import tt2ps

from tdkt_desktop.reports import base


def test_dates_follow_nd30_leading_zero_rules():
    assert base.vn_date(dt.date(2024, 2, 5)) == "ngày 05 tháng 02 năm 2024"
    assert base.vn_date(dt.date(2020, 8, 10)) == "ngày 10 tháng 8 năm 2020"
    assert base.vn_date(dt.date(2025, 1, 31)) == "ngày 31 tháng 01 năm 2025"
    assert base.place_date_line("Bình Định", dt.date(2020, 8, 10)) == "Bình Định, ngày 10 tháng 8 năm 2020"


def test_names_and_money():
    assert base.issuer_name("Sở Khoa học và Công nghệ tỉnh Cao Bằng") == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert base.office_plain("Sở Tư pháp thành phố Hà Nội") == "Sở Tư pháp"
    assert base.money(7_600_000) == "7.600.000"
    assert base.money(None) == ""
    assert base.two_digits(2) == "02"


def test_font_family_maps_bold_and_italic_to_real_faces():
    base.register_fonts()
    assert tt2ps(base.FONT, 1, 0) == base.FONT_BOLD
    assert tt2ps(base.FONT, 0, 1) == base.FONT_ITALIC
    assert tt2ps(base.FONT, 1, 1) == base.FONT_BOLD_ITALIC


def _long_document(rows: int) -> base.Document:
    s = base.styles()
    body = [base.para("Nội dung thử: Đặng Thị Hương, Chiến sĩ thi đua cơ sở.", s["body"])]
    table = base.data_table(["STT", "Họ và tên"], [[str(i), f"Người thứ {i}"] for i in range(rows)], [40, 300])
    return base.Document(
        letterhead=base.Letterhead("UBND TỈNH CAO BẰNG", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "12/QĐ-SKHCN",
                                   "Cao Bằng", dt.date(2020, 8, 10)),
        kind="QUYẾT ĐỊNH", subject="Về việc thử", body=body + [table],
        signer=base.Signer("PHÓ GIÁM ĐỐC", "Hoàng Văn Thắng", authority="KT. GIÁM ĐỐC"),
        recipients=["Như Điều 3;", "Lưu: VT, VP."],
    )


def test_rendered_document_has_header_signer_and_numbers_from_page_two(tmp_path):
    pdf = base.render(_long_document(70))
    assert pdf.startswith(b"%PDF")
    pages = page_count(pdf, tmp_path)
    assert pages >= 2
    first = pdf_text(pdf, tmp_path, first=1, last=1)
    for text in ("UBND TỈNH CAO BẰNG", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "Số: 12/QĐ-SKHCN", "Cao Bằng, ngày 10 tháng 8 năm 2020",
                 "QUYẾT ĐỊNH", "Về việc thử", "Nội dung thử: Đặng Thị Hương, Chiến sĩ thi đua cơ sở."):
        assert text in first
    assert not first.startswith("1 ")  # NĐ 30: the first page carries no number
    second = pdf_text(pdf, tmp_path, first=2, last=2)
    assert second.startswith("2 ")
    assert "STT Họ và tên" in second  # the table header repeats on the next page
    last = pdf_text(pdf, tmp_path, first=pages, last=pages)
    for text in ("Nơi nhận:", "- Như Điều 3;", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hoàng Văn Thắng"):
        assert text in last


def test_bold_and_italic_are_embedded_as_their_own_fonts(tmp_path):
    names = {n for n in fonts(base.render(_long_document(3)), tmp_path) if n.startswith("NotoSerif")}
    # Four separate embedded faces (PostScript names of the static instances), none synthesised.
    assert names == {"NotoSerif-Regular", "NotoSerif-Bold", "NotoSerifItalic-Italic", "NotoSerifItalic-BoldItalic"}


def test_nfd_input_is_drawn_as_nfc(tmp_path):
    import unicodedata

    s = base.styles()
    decomposed = unicodedata.normalize("NFD", "Đặng Thị Hương")
    doc = base.Document(letterhead=None, kind="", body=[base.para(decomposed, s["body"])])
    assert "Đặng Thị Hương" in pdf_text(base.render(doc), tmp_path)
