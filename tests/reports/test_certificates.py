"""Certificates: texts built exactly, long names and reasons fit their boxes, overlay and offsets, PDFs."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfutil import lines_drawn, page_count, pdf_text, rects_drawn, text_runs, unembedded_fonts
from pypdf.generic import ContentStream

from tdkt_desktop.db.award_records import Award, Decision
from tdkt_desktop.db.records import Settings
from tdkt_desktop.reports import base
from tdkt_desktop.reports import certificates as C
from tdkt_desktop.reports.calibration import PRINTABLE_MM, field_boxes, render_calibration
from tdkt_desktop.reports.fitting import FLOOR_SIZE, fit_text, wrap

SETTINGS = Settings(office_name="Sở Khoa học và Công nghệ tỉnh Cao Bằng", governing_body="UBND TỈNH CAO BẰNG",
                    place_name="Cao Bằng", signer_name="Hoàng Văn Thắng", signer_title="GIÁM ĐỐC")
DECISION = Decision(id=1, number="125/QĐ-SKHCN", issued_on=dt.date(2025, 12, 5), issuer=SETTINGS.office_name,
                    signer_name="Hoàng Văn Thắng", signer_title="GIÁM ĐỐC")


def _award(name="Đặng Thị Hương", staff_id=1, award_name="Giấy khen", reason="", unit="Phòng Quản lý khoa học"):
    return Award(id=1, decision_id=1, award_type="giay_khen", staff_id=staff_id,
                 unit_id=None if staff_id else 4, year=2025, reason=reason, award_name=award_name,
                 recipient_name=name, unit_name=unit)


def test_certificate_for_a_person_has_every_text():
    cert = C.certificate_for(award=_award(reason="Đã có thành tích xuất sắc năm 2025"), decision=DECISION,
                             settings=SETTINGS, certificate_kind="giay_khen", award_kind="hinh_thuc",
                             gender="Nữ", position="Chuyên viên chính", serial="045/2025")
    assert cert == C.Certificate(
        heading="GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH CAO BẰNG", verb="TẶNG", title="GIẤY KHEN", title_note="",
        name="Bà: ĐẶNG THỊ HƯƠNG", unit="Chức vụ, đơn vị: Chuyên viên chính, Phòng Quản lý khoa học",
        reason="Đã có thành tích xuất sắc năm 2025", decision="Số QĐ: 125/QĐ-SKHCN ngày 05/12/2025",
        serial="Số sổ vàng: 045/2025", place_date="Cao Bằng, ngày 05 tháng 12 năm 2025",
        signer_title="GIÁM ĐỐC", signer_name="Hoàng Văn Thắng",
    )


def test_certificate_numbers_below_ten_take_a_leading_zero_and_the_reason_given():
    cert = C.certificate_for(award=_award(), decision=Decision(**{**DECISION.__dict__, "number": "8/QĐ-SKHCN"}),
                             settings=SETTINGS, certificate_kind="giay_khen", award_kind="hinh_thuc",
                             reason="Là điển hình tiên tiến giai đoạn 2020–2025")
    assert cert.decision == "Số QĐ: 08/QĐ-SKHCN ngày 05/12/2025"
    assert cert.reason == "Là điển hình tiên tiến giai đoạn 2020–2025"
    unit = C.certificate_for(award=_award("Văn phòng Sở", staff_id=None, unit=""), decision=DECISION,
                             settings=SETTINGS, certificate_kind="giay_khen", award_kind="hinh_thuc",
                             recipient="Văn phòng Sở Khoa học và Công nghệ tỉnh Cao Bằng")
    assert unit.name == "VĂN PHÒNG SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH CAO BẰNG"


def test_certificate_for_a_collective_title():
    cert = C.certificate_for(award=_award("Phòng Quản lý khoa học", staff_id=None,
                                          award_name="Tập thể lao động xuất sắc", unit=""),
                             decision=DECISION, settings=SETTINGS, certificate_kind="bang_chung_nhan",
                             award_kind="danh_hieu")
    assert (cert.verb, cert.title, cert.title_note) == ("CÔNG NHẬN DANH HIỆU", "TẬP THỂ LAO ĐỘNG XUẤT SẮC", "Năm 2025")
    assert cert.name == "PHÒNG QUẢN LÝ KHOA HỌC"
    assert cert.unit == "" and cert.serial == ""
    assert cert.reason == "Đã có thành tích xuất sắc trong công tác năm 2025"


def _inside(text: str, field: C.Field) -> None:
    fitted = C.fit_field(text, field)
    font = C._FONTS[field.font]
    assert fitted.lines, "text must not vanish"
    assert " ".join(fitted.lines).replace(" ", "") == text.replace(" ", "")  # nothing dropped
    for line in fitted.lines:
        assert base.string_width(line, font, fitted.size) <= field.w * base.MM + 0.01
    assert fitted.height <= field.h * base.MM + 0.01


def test_sixty_character_name_stays_inside_its_box():
    full = "Nguyễn Thị Phương Thảo Hoàng Lê Minh Ngọc Đặng Thùy Dương Anh Thư Hạnh"[:60]
    assert len(full) == 60
    name = C.certificate_for(award=_award(full), decision=DECISION, settings=SETTINGS, certificate_kind="giay_khen",
                             award_kind="hinh_thuc", gender="Nữ").name
    field = C.get_blank("a4_ngang").fields["name"]
    assert base.string_width(name, base.FONT_BOLD, field.size) > field.w * base.MM  # really too long
    _inside(name, field)


def test_name_without_spaces_is_split_not_overflowing():
    field = C.get_blank("a4_ngang").fields["name"]
    _inside("Ư" * 60, field)


def test_very_long_reason_shrinks_and_wraps():
    reason = ("Đã có thành tích xuất sắc trong phong trào thi đua “Phát triển bền vững dựa vào khoa học "
              "công nghệ”, hoàn thành xuất sắc nhiệm vụ năm 2025, góp phần ") * 3
    field = C.get_blank("a4_ngang").fields["reason"]
    fitted = C.fit_field(reason, field)
    assert fitted.size < field.size and len(fitted.lines) > 1
    _inside(reason, field)


def test_fit_text_keeps_short_text_at_full_size():
    fitted = fit_text("Hoàng Văn Thắng", base.FONT_BOLD, 300, 30, size=14, min_size=9, max_lines=1)
    assert fitted.size == 14 and fitted.lines == ("Hoàng Văn Thắng",)


def test_fit_text_floor_never_overflows_even_when_impossible():
    fitted = fit_text("chữ " * 400, base.FONT, 100, 10, size=14, min_size=9, max_lines=1)
    assert fitted.size == FLOOR_SIZE
    assert fitted.height <= 10 + 0.01


def test_wrap_breaks_at_spaces():
    assert wrap("Đặng Thị Hương", base.FONT, 12, base.string_width("Đặng Thị", base.FONT, 12) + 1) == [
        "Đặng Thị", "Hương"]


class RecordingCanvas:
    """Stands in for a ReportLab canvas and records where strings go."""

    def __init__(self):
        self.strings: list[tuple[str, float, float]] = []
        self.font = ("", 0.0)

    def setFont(self, name, size):
        self.font = (name, size)

    def drawString(self, x, y, text):
        self.strings.append((text, x, y))

    drawCentredString = drawRightString = drawString

    def __getattr__(self, name):
        return lambda *a, **k: None


def _cert():
    return C.certificate_for(award=_award(), decision=DECISION, settings=SETTINGS, certificate_kind="giay_khen",
                             award_kind="hinh_thuc", gender="Nữ", position="Chuyên viên", serial="001/2025")


def test_overlay_prints_only_fields_and_applies_offsets():
    blank = C.get_blank("a4_ngang")
    plain, moved = RecordingCanvas(), RecordingCanvas()
    C.draw_certificate(plain, _cert(), blank, overlay=True)
    C.draw_certificate(moved, _cert(), blank, overlay=True, offset_mm=(2.0, 3.0))
    texts = [t for t, _, _ in plain.strings]
    assert "Bà: ĐẶNG THỊ HƯƠNG" in texts
    assert "GIẤY KHEN" not in texts and base.QUOC_HIEU not in texts  # pre-printed on the blank
    for (t1, x1, y1), (t2, x2, y2) in zip(plain.strings, moved.strings, strict=True):
        assert t1 == t2
        assert x2 - x1 == pytest.approx(2.0 * base.MM)
        assert y2 - y1 == pytest.approx(-3.0 * base.MM)  # y offset is "down"


def test_full_page_ignores_offsets_and_draws_everything():
    blank = C.get_blank("a4_ngang")
    a, b = RecordingCanvas(), RecordingCanvas()
    C.draw_certificate(a, _cert(), blank, overlay=False)
    C.draw_certificate(b, _cert(), blank, overlay=False, offset_mm=(5.0, 5.0))
    assert a.strings == b.strings
    texts = [t for t, _, _ in a.strings]
    assert {"GIẤY KHEN", "TẶNG", base.QUOC_HIEU, base.TIEU_NGU} <= set(texts)


def test_a3_blank_is_the_a4_layout_scaled():
    a4, a3 = C.get_blank("a4_ngang"), C.get_blank("a3_ngang")
    assert a3.page_mm == (420, 297)
    assert a3.fields["name"].x == pytest.approx(a4.fields["name"].x * 420 / 297)
    assert C.get_blank("khong-co").code == C.default_blank()


def test_certificates_pdf_one_page_each_with_exact_text(tmp_path):
    certs = [_cert(), C.certificate_for(award=_award("Hồ Công Nam", unit="Thanh tra Sở"), decision=DECISION,
                                        settings=SETTINGS, certificate_kind="giay_khen", award_kind="hinh_thuc",
                                        gender="Nam", serial="002/2025")]
    pdf = C.render_certificates(certs)
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf, tmp_path) == 2
    first = pdf_text(pdf, tmp_path, first=1, last=1)
    for text in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH CAO BẰNG",
                 "GIẤY KHEN", "Bà: ĐẶNG THỊ HƯƠNG", "Số sổ vàng: 001/2025", "Cao Bằng, ngày 05 tháng 12 năm 2025"):
        assert text in first
    assert "Ông: HỒ CÔNG NAM" in pdf_text(pdf, tmp_path, first=2, last=2)


def _drawn_page_by_page(certs, **kw):
    """The run drawn the plain way, every text on every page: what the shared form must look like."""
    from io import BytesIO

    from reportlab.pdfgen.canvas import Canvas

    out = BytesIO()
    canvas = Canvas(out, pagesize=(297 * base.MM, 210 * base.MM), initialFontName=base.FONT)
    for cert in certs:
        C.draw_certificate(canvas, cert, C.get_blank("a4_ngang"), **kw)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


@pytest.mark.parametrize("overlay", [False, True])
def test_texts_shared_by_a_run_are_drawn_once_yet_every_page_shows_them(overlay):
    certs = [_cert(),
             C.certificate_for(award=_award("Hồ Công Nam", unit="Thanh tra Sở"), decision=DECISION, settings=SETTINGS,
                               certificate_kind="giay_khen", award_kind="hinh_thuc", gender="Nam", serial="002/2025"),
             C.certificate_for(award=_award("Lục Thị Mai"), decision=DECISION, settings=SETTINGS, gender="Nữ",
                               certificate_kind="giay_khen", award_kind="hinh_thuc", serial="003/2025",
                               reason="Đã có thành tích đột xuất phòng chống thiên tai")]
    kw = {"overlay": overlay, "offset_mm": (1.5, -2)}
    pdf, reference = C.render_certificates(certs, **kw), _drawn_page_by_page(certs, **kw)
    for page in (1, 2, 3):
        got = sorted(text_runs(pdf, page), key=lambda r: (r.text, r.y))
        want = sorted(text_runs(reference, page), key=lambda r: (r.text, r.y))
        assert [(r.text, r.font, r.size) for r in got] == [(r.text, r.font, r.size) for r in want]
        for g, w in zip(got, want, strict=True):
            assert (g.x, g.y) == pytest.approx((w.x, w.y), abs=1e-3)
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    forms = {ref.idnum for page in pages for ref in page["/Resources"]["/XObject"].values()}
    assert len(forms) == 1  # one shared drawing, shown by every page
    drawn = [len(ContentStream(page.get_contents(), None).operations) for page in pages]
    redrawn = [len(ContentStream(page.get_contents(), None).operations)
               for page in pypdf.PdfReader(io.BytesIO(reference)).pages]
    assert all(d < r / 2 for d, r in zip(drawn, redrawn, strict=True))  # a page draws only its own fields
    assert len(pdf) < len(reference)


def test_overlay_pdf_and_calibration_page(tmp_path):
    overlay = C.render_certificates([_cert()], overlay=True, offset_mm=(1.5, -2))
    text = pdf_text(overlay, tmp_path)
    assert "Bà: ĐẶNG THỊ HƯƠNG" in text and "CỘNG HÒA" not in text
    calibration = render_calibration(offset_mm=(1.5, -2))
    text = pdf_text(calibration, tmp_path)
    assert "TRANG CĂN CHỈNH IN" in text
    assert "X = +1.5 mm, Y = -2.0 mm" in text
    assert "Họ và tên" in text and "Số sổ vàng" in text


_VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.text(alphabet=_VIET + _VIET.upper(), min_size=1, max_size=25), min_size=1, max_size=40),
    field_name=st.sampled_from(["name", "unit", "reason", "heading", "signer_name"]),
)
def test_any_text_fits_its_box(words, field_name):
    field = C.get_blank("a4_ngang").fields[field_name]
    text = " ".join(words)
    fitted = C.fit_field(text, field)
    for line in fitted.lines:
        assert base.string_width(line, C._FONTS[field.font], fitted.size) <= field.w * base.MM + 0.01
    assert fitted.height <= field.h * base.MM + 0.01


def test_certificate_pdfs_embed_every_font():
    assert unembedded_fonts(C.render_certificates([_cert()])) == set()
    assert unembedded_fonts(C.render_certificates([_cert()], overlay=True)) == set()
    assert unembedded_fonts(render_calibration()) == set()


def _crosses(label, box):
    apart = label[2] <= box[0] or label[0] >= box[2] or label[3] <= box[1] or label[1] >= box[3]
    inside = label[0] >= box[0] and label[2] <= box[2] and label[1] >= box[1] and label[3] <= box[3]
    return not (apart or inside)


@pytest.mark.parametrize("blank, offset", [("a4_ngang", (0, 0)), ("a4_ngang", (1.5, -2)), ("a3_ngang", (0, 0))])
def test_calibration_labels_never_cross_a_box_border(blank, offset):
    pdf = render_calibration(blank_code=blank, offset_mm=offset)
    boxes = rects_drawn(pdf)
    assert len(boxes) == len(C.get_blank(blank).fields)  # every field's box is drawn
    expected = [(x0 * base.MM, y0 * base.MM, x1 * base.MM, y1 * base.MM) for x0, y0, x1, y1 in
                field_boxes(C.get_blank(blank))]
    shift = (offset[0] * base.MM, -offset[1] * base.MM)
    for got, want in zip(sorted(boxes), sorted(expected), strict=True):
        assert got == pytest.approx((want[0] + shift[0], want[1] + shift[1], want[2] + shift[0], want[3] + shift[1]))
    for run in text_runs(pdf):
        # The glyphs' box: baseline − descent to baseline + cap height with accents.
        label = (run.x, run.y - 0.25 * run.size, run.right, run.y + run.size)
        assert not any(_crosses(label, box) for box in boxes), run.text


def test_calibration_rulers_are_numbered_every_10_mm_inside_the_printable_area():
    pdf = render_calibration()
    w, h = 297 * base.MM, 210 * base.MM
    edge = PRINTABLE_MM * base.MM
    runs = text_runs(pdf)
    top = [r for r in runs if r.text.isdigit() and r.y > h - 15 * base.MM]
    assert [int(r.text) for r in top] == list(range(10, 290, 10))
    for r in top:  # each number is centred on its tick, at its distance from the paper's left edge
        assert (r.x + r.right) / 2 == pytest.approx(int(r.text) * base.MM, abs=0.01)
    left = [r for r in runs if r.text.isdigit() and r.x < 20 * base.MM and r.y < h - 15 * base.MM]
    assert [int(r.text) for r in left] == list(range(10, 200, 10))
    for x0, y0, x1, y1 in lines_drawn(pdf):
        assert min(x0, x1) >= edge and max(x0, x1) <= w - edge and min(y0, y1) >= edge and max(y0, y1) <= h - edge
    for r in runs:
        assert r.x >= edge and r.right <= w - edge and r.y - 0.25 * r.size >= edge and r.y + r.size <= h - edge, r
