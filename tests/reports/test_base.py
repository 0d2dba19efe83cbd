"""Base renderer: NĐ 30 dates and numbers, the bundled Times-metric font, one set of edges for every block,
signatures kept with the body, page numbers (the annex on its own), every font embedded."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from pdfutil import fonts, lines_drawn, page_count, pdf_text, text_runs, unembedded_fonts
from reportlab.lib.fonts import tt2ps

from tdkt_desktop import paths
from tdkt_desktop.reports import base, blocks

MM = base.MM
LEFT, RIGHT = base.MARGIN_LEFT, 210 * MM - base.MARGIN_RIGHT


def test_dates_follow_nd30_leading_zero_rules():
    assert base.vn_date(dt.date(2024, 2, 5)) == "ngày 05 tháng 02 năm 2024"
    assert base.vn_date(dt.date(2020, 8, 10)) == "ngày 10 tháng 8 năm 2020"
    assert base.vn_date(dt.date(2025, 1, 31)) == "ngày 31 tháng 01 năm 2025"
    assert base.place_date_line("Bình Định", dt.date(2020, 8, 10)) == "Bình Định, ngày 10 tháng 8 năm 2020"


def test_document_numbers_below_ten_take_a_leading_zero():
    assert base.doc_number("8/QĐ-SKHCN") == "08/QĐ-SKHCN"
    assert base.doc_number("08/QĐ-SKHCN") == "08/QĐ-SKHCN"
    assert base.doc_number("10/QĐ-SKHCN") == "10/QĐ-SKHCN"
    assert base.doc_number("125/QĐ-SKHCN") == "125/QĐ-SKHCN"
    assert base.doc_number(f"{base.BLANK_NUMBER}/BB-HĐTĐKT") == f"{base.BLANK_NUMBER}/BB-HĐTĐKT"


def test_names_and_money():
    assert base.issuer_name("Sở Khoa học và Công nghệ tỉnh Cao Bằng") == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert base.office_plain("Sở Tư pháp thành phố Hà Nội") == "Sở Tư pháp"
    assert base.money(7_600_000) == "7.600.000"
    assert base.money(None) == ""
    assert base.two_digits(2) == "02"


#: Every letter of Vietnamese: 12 vowels × 6 tones, both cases, đ/Đ and the consonants.
VIETNAMESE = sorted({unicodedata.normalize("NFC", v + tone) for v in "aăâeêioôơuưy" + "AĂÂEÊIOÔƠUƯY"
                     for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")}
                    | set("đĐbcdghklmnpqrstvxBCDGHKLMNPQRSTVX"))


@pytest.mark.parametrize("face", sorted(base._FACES.values()))
def test_bundled_serif_has_every_vietnamese_letter_and_its_licence(face):
    from reportlab.pdfbase.ttfonts import TTFontFile

    assert len(VIETNAMESE) == 178
    font = TTFontFile(str(paths.resource_path("fonts", face)))
    assert [c for c in VIETNAMESE if ord(c) not in font.charToGlyph] == []
    assert font.name.decode().startswith("LiberationSerif")
    licence = paths.resource_path("fonts", "LiberationSerif-OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Liberation" in licence


def test_document_font_has_times_new_roman_metrics():
    """Liberation Serif advances equal Times New Roman's (units per 1000 em), so lines break as in Word."""
    times = {"H": 722, "n": 500, "a": 444, "W": 944, "i": 278, "M": 889}  # Times-Roman AFM widths
    for ch, width in times.items():
        assert base.string_width(ch, base.FONT, 1000) == pytest.approx(width, abs=1)
    assert base.string_width("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", base.FONT_BOLD, 12) < 78 * MM


def test_font_family_maps_bold_and_italic_to_real_faces():
    base.register_fonts()
    assert tt2ps(base.FONT, 1, 0) == base.FONT_BOLD
    assert tt2ps(base.FONT, 0, 1) == base.FONT_ITALIC
    assert tt2ps(base.FONT, 1, 1) == base.FONT_BOLD_ITALIC


def _long_document(rows: int, paragraphs: int = 1, annex_rows: int = 0) -> base.Document:
    s = base.styles()
    body = [base.para(f"Nội dung thử {i}: Đặng Thị Hương, Chiến sĩ thi đua cơ sở, hoàn thành xuất sắc nhiệm vụ "
                      "được giao trong năm, là tấm gương tiêu biểu của cơ quan.", s["body"])
            for i in range(paragraphs)]
    table = blocks.data_table(["STT", "Họ và tên"], [[str(i), f"Người thứ {i}"] for i in range(rows)],
                              [40, base.frame_width() - 40])
    annex = [blocks.data_table(["STT", "Họ và tên"], [[str(i), f"Phụ lục {i}"] for i in range(annex_rows)],
                               [40, base.frame_width() - 40])] if annex_rows else []
    return base.Document(
        letterhead=base.Letterhead("UBND TỈNH CAO BẰNG", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "12/QĐ-SKHCN",
                                   "Cao Bằng", dt.date(2020, 8, 10)),
        kind="QUYẾT ĐỊNH", subject="Về việc thử", body=[table, *body] if rows else body,
        signer=base.Signer("PHÓ GIÁM ĐỐC", "Hoàng Văn Thắng", authority="KT. GIÁM ĐỐC"),
        recipients=["Như Điều 3;", "Lưu: VT, VP."], annex=annex,
    )


def test_rendered_document_has_header_signer_and_numbers_from_page_two(tmp_path):
    pdf = base.render(_long_document(70))
    assert pdf.startswith(b"%PDF")
    pages = page_count(pdf, tmp_path)
    assert pages >= 2
    first = pdf_text(pdf, tmp_path, first=1, last=1)
    for text in ("UBND TỈNH CAO BẰNG", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "Số: 12/QĐ-SKHCN", "Cao Bằng, ngày 10 tháng 8 năm 2020",
                 "QUYẾT ĐỊNH", "Về việc thử"):
        assert text in first
    assert not first.startswith("1 ")  # NĐ 30: the first page carries no number
    second = pdf_text(pdf, tmp_path, first=2, last=2)
    assert second.startswith("2 ")
    assert "STT Họ và tên" in second  # the table header repeats on the next page
    last = pdf_text(pdf, tmp_path, first=pages, last=pages)
    for text in ("Nơi nhận:", "- Như Điều 3;", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hoàng Văn Thắng"):
        assert text in last


def test_page_numbers_are_centred_over_the_text_column():
    pdf = base.render(_long_document(70))
    number = next(r for r in text_runs(pdf, 2) if r.text == "2")
    assert (number.x + number.right) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=0.5)
    assert number.y > 297 * MM - base.MARGIN_TOP  # in the top margin


def test_the_annex_numbers_its_own_pages():
    pdf = base.render(_long_document(0, annex_rows=90))
    pages = page_count(pdf)
    assert pages >= 3
    first_annex = text_runs(pdf, 2)
    assert first_annex[0].text == "STT"  # no page number on the annex's first page
    numbers = [next(r.text for r in text_runs(pdf, p) if r.y > 297 * MM - base.MARGIN_TOP) for p in range(3, pages + 1)]
    assert numbers == [str(n) for n in range(2, pages)]


def test_body_tables_letterhead_and_recipients_share_the_text_edges():
    pdf = base.render(_long_document(3, paragraphs=3))
    runs = text_runs(pdf, 1)
    grid = [seg for seg in lines_drawn(pdf, 1) if seg[0] == seg[2]]  # vertical table lines
    assert min(seg[0] for seg in grid) == pytest.approx(LEFT, abs=0.01)
    assert max(seg[0] for seg in grid) == pytest.approx(RIGHT, abs=0.01)
    body = [r for r in runs if r.text.startswith("Nội dung thử") or r.text.endswith("của cơ quan.")]
    first_lines = [r for r in body if r.text.startswith("Nội dung thử")]
    continued = [r for r in body if not r.text.startswith("Nội dung thử")]
    assert continued and all(r.x == pytest.approx(LEFT, abs=0.01) for r in continued)
    assert all(r.x == pytest.approx(LEFT + 10 * MM, abs=0.01) for r in first_lines)  # 1 cm first-line indent
    recipients = next(r for r in runs if r.text == "Nơi nhận:")
    assert recipients.x == pytest.approx(LEFT, abs=0.01)
    issuer = next(r for r in runs if r.text == "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    quoc_hieu = next(r for r in runs if r.text == base.QUOC_HIEU)
    assert issuer.x == pytest.approx(LEFT, abs=0.01)  # the widest left line starts at the edge
    assert quoc_hieu.right == pytest.approx(RIGHT, abs=0.5)  # the widest right line ends at it


def test_council_letterhead_fits_on_one_line_and_keeps_clear_of_the_quoc_hieu():
    lh = base.Letterhead("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "", "Cao Bằng",
                         dt.date(2025, 12, 22))
    pdf = base.render(base.Document(letterhead=lh, kind="BIÊN BẢN"))
    runs = text_runs(pdf, 1)
    council = next(r for r in runs if r.text == "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG")  # one line, not two
    governing = next(r for r in runs if r.text == "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    quoc_hieu = next(r for r in runs if r.text == base.QUOC_HIEU)
    motto = next(r for r in runs if r.text == base.TIEU_NGU)
    assert governing.y == quoc_hieu.y and council.y < governing.y
    assert quoc_hieu.x - governing.right > 5 * MM  # clear space between the blocks on each row
    assert motto.x - council.right > 5 * MM


@pytest.mark.parametrize("paragraphs", range(14, 26))
def test_signature_is_never_alone_on_a_page(paragraphs):
    """However the body falls, the page with the signer's name also holds the body's last line."""
    pdf = base.render(_long_document(0, paragraphs=paragraphs))
    last = page_count(pdf)
    texts = [r.text for r in text_runs(pdf, last)]
    assert "Hoàng Văn Thắng" in texts
    assert any(t.endswith("của cơ quan.") for t in texts)  # the body's last line


def test_bold_and_italic_are_embedded_as_their_own_fonts(tmp_path):
    names = {n for n in fonts(base.render(_long_document(3)), tmp_path) if n.startswith("Liberation")}
    # Four separate embedded faces, none synthesised.
    assert names == {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic"}


def test_every_font_is_embedded_and_no_helvetica_is_left_behind():
    pdf = base.render(_long_document(70, annex_rows=5))
    assert unembedded_fonts(pdf) == set()
    assert b"Helvetica" not in pdf


def test_nfd_input_is_drawn_as_nfc(tmp_path):
    s = base.styles()
    decomposed = unicodedata.normalize("NFD", "Đặng Thị Hương")
    doc = base.Document(letterhead=None, kind="", body=[base.para(decomposed, s["body"])])
    assert "Đặng Thị Hương" in pdf_text(base.render(doc), tmp_path)


def test_balanced_headings_break_between_words_and_evenly():
    lines = blocks.balanced_lines(blocks.keep_words("Về việc tặng Giấy khen cho các tập thể, cá nhân điển hình "
                                                    "tiên tiến giai đoạn 2020–2025"), base.FONT_BOLD, 14, 160 * MM)
    assert len(lines) == 2
    widths = [base.string_width(line, base.FONT_BOLD, 14) for line in lines]
    assert max(widths) - min(widths) < 30 * MM  # no word left alone on the last line
    assert not any(line.endswith(("tập", "cá", "điển", "tiên", "giai")) for line in lines)


@pytest.mark.parametrize("width_mm", [26, 30, 36, 44])
def test_table_header_cells_break_between_words_only(width_mm):
    header = "Họ và tên / Tên tập thể"
    table = blocks.data_table(["STT", header, "Hình thức khen thưởng đăng ký"], [["1", "Đặng Thị Hương", ""]],
                              [12 * MM, width_mm * MM, width_mm * MM])
    pdf = base.render(base.Document(letterhead=None, kind="", body=[table]))
    lines = [r.text for r in text_runs(pdf, 1) if r.font == "LiberationSerif-Bold" and r.text != "STT"]
    words = ["Họ và tên", "/", "Tên", "tập thể", "Hình thức", "khen thưởng", "đăng ký"]
    for line in lines:  # every line is a run of whole words ("Tên tập / thể" would leave "Tên tập")
        rest = line
        while rest:
            word = next((w for w in words if rest.startswith(w) and rest[len(w):len(w) + 1] in ("", " ")), None)
            assert word is not None, (line, lines)
            rest = rest[len(word):].lstrip()
    assert " ".join(lines) == f"{header} Hình thức khen thưởng đăng ký"


def test_a_word_wider_than_its_column_breaks_between_syllables_not_letters():
    table = blocks.data_table(["STT", "Hình thức khen thưởng"], [["1", "Lao động tiên tiến"]], [12 * MM, 17 * MM])
    pdf = base.render(base.Document(letterhead=None, kind="", body=[table]))
    syllables = {"Hình", "thức", "khen", "thưởng", "Lao", "động", "tiên", "tiến"}
    lines = [r.text for r in text_runs(pdf, 1) if r.text not in {"STT", "1"}]
    assert all(set(line.split(" ")) <= syllables for line in lines), lines


def test_a_heading_over_a_long_table_starts_it_on_the_same_page():
    first = blocks.data_table(["STT", "Họ và tên"], [[str(i), "Có mặt"] for i in range(15)], [40, 400])
    long = blocks.data_table(["STT", "Họ và tên"], [[str(i), "Phiếu"] for i in range(60)], [40, 400])
    doc = base.Document(letterhead=None, kind="", body=[first, *blocks.table_heading("2. Kết quả bỏ phiếu"), long])
    texts = [r.text for r in text_runs(base.render(doc), 1)]
    assert "2. Kết quả bỏ phiếu" in texts and texts[-1] == "Phiếu"  # not left behind with half a page empty


@pytest.mark.parametrize("paragraphs", range(14, 24))
def test_a_heading_before_the_closing_paragraphs_is_never_left_at_a_page_foot(paragraphs):
    s = base.styles()
    doc = _long_document(0, paragraphs=paragraphs)
    doc.body += [base.para("3. Kết luận", s["heading"]), base.para("Hội đồng thống nhất đề nghị.", s["body"]),
                 base.para("Cuộc họp kết thúc cùng ngày./.", s["body"])]
    pdf = base.render(doc)
    for page in range(1, page_count(pdf) + 1):
        texts = [r.text for r in text_runs(pdf, page)]
        if "3. Kết luận" in texts:
            assert texts[texts.index("3. Kết luận") + 1] == "Hội đồng thống nhất đề nghị."
