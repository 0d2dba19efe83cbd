"""Base renderer: A4 page set-up per Nghị định 30/2020, fonts, styles, letterhead, signer block, page numbers."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from tdkt_desktop import paths
from tdkt_desktop.text import nfc

#: Registered family name. Liberation Serif 2 has Times New Roman's metrics (offices write in Times, so
#: lines break where theirs do) and every Vietnamese letter; the four faces are real static TTFs.
FONT = "VNSerif"
FONT_BOLD = "VNSerif-Bold"
FONT_ITALIC = "VNSerif-Italic"
FONT_BOLD_ITALIC = "VNSerif-BoldItalic"
_FACES = {
    FONT: "LiberationSerif-Regular.ttf",
    FONT_BOLD: "LiberationSerif-Bold.ttf",
    FONT_ITALIC: "LiberationSerif-Italic.ttf",
    FONT_BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}

MM = 72 / 25.4  # points per millimetre (reportlab.lib.units.mm without importing reportlab)

#: NĐ 30/2020 Phụ lục I: top 20–25, bottom 20–25, left 30–35, right 15–20 mm.
MARGIN_TOP = 20 * MM
MARGIN_BOTTOM = 20 * MM
MARGIN_LEFT = 30 * MM
MARGIN_RIGHT = 15 * MM

#: Space left in "Số:        /BC-SKHCN" for the clerk to write the number by hand (non-breaking: kept).
BLANK_NUMBER = "\u00a0" * 10
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

_registered = False


def register_fonts() -> str:
    """Register the bundled Liberation Serif faces once as one family; returns the family name."""
    global _registered
    if _registered:
        return FONT
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, filename in _FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(paths.resource_path("fonts", filename))))
    # Without the family, Platypus <b>/<i> silently stays regular (TOOLCHAIN §2).
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )
    _registered = True
    return FONT


def string_width(text: str, font: str, size: float) -> float:
    """Width in points of ``text`` (NFC) in a registered face."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts()
    return stringWidth(nfc(text), font, size)


def vn_date(d: dt.date | None) -> str:
    """'ngày 05 tháng 02 năm 2024' / 'ngày 10 tháng 8 năm 2020' (NĐ 30: leading 0 for day < 10, month 1–2)."""
    if d is None:
        gap = "\u00a0" * 6  # non-breaking, so the blanks survive paragraph wrapping
        return f"ngày{gap}tháng{gap}năm 20{gap}"
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"


def place_date_line(place: str, d: dt.date | None) -> str:
    """'Cao Bằng, ngày 10 tháng 8 năm 2020'."""
    place = nfc(place)
    return f"{place}, {vn_date(d)}" if place else vn_date(d)[0].upper() + vn_date(d)[1:]


def issuer_name(office_name: str) -> str:
    """Letterhead name of the issuing office: the province sits in the governing-body line, so drop it.

    'Sở Khoa học và Công nghệ tỉnh Cao Bằng' → 'SỞ KHOA HỌC VÀ CÔNG NGHỆ'.
    """
    short = re.sub(r"\s+(tỉnh|thành phố)\s+.*$", "", nfc(office_name), flags=re.IGNORECASE)
    return short.upper()


def office_plain(office_name: str) -> str:
    """'Sở Khoa học và Công nghệ tỉnh Cao Bằng' → 'Sở Khoa học và Công nghệ' (for running text)."""
    return re.sub(r"\s+(tỉnh|thành phố)\s+.*$", "", nfc(office_name), flags=re.IGNORECASE)


def money(amount: int | None) -> str:
    """'7.600.000' (Vietnamese thousands separator); blank for None."""
    if amount is None:
        return ""
    return f"{amount:,}".replace(",", ".")


def two_digits(n: int) -> str:
    """Counts in documents are written with two digits below ten ('02 tập thể')."""
    return f"{n:02d}"


@dataclass(frozen=True)
class Letterhead:
    """The two header blocks of an administrative document (NĐ 30 ô 1–4)."""

    governing_body: str  # "UBND TỈNH CAO BẰNG"
    issuer: str  # "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    number: str  # "125/QĐ-SKHCN" ("" prints "Số:      /QĐ-…" left blank for the clerk)
    place: str
    date: dt.date | None
    numbered: bool = True  # forms (bản đăng ký) carry no number line


@dataclass(frozen=True)
class Signer:
    """Signature block: optional authority line ('KT. GIÁM ĐỐC'), title, full name."""

    title: str
    name: str
    authority: str = ""


@dataclass
class Document:
    """What one document supplies; :func:`render` adds everything NĐ 30 fixes."""

    letterhead: Letterhead | None
    kind: str  # "QUYẾT ĐỊNH", "TỜ TRÌNH", "BIÊN BẢN" ...
    subject: str = ""  # trích yếu under the type name
    body: list[Any] = field(default_factory=list)  # flowables
    signer: Signer | None = None
    recipients: list[str] = field(default_factory=list)  # "Nơi nhận" lines
    annex: list[Any] = field(default_factory=list)  # flowables after a page break
    pdf_title: str = ""
    extra_signers: list[Signer] = field(default_factory=list)  # a second block on the left (minutes)


def styles():
    """The stylesheet every document shares (13 pt body, justified, first-line indent 1 cm)."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle, StyleSheet1

    register_fonts()
    sheet = StyleSheet1()

    def add(name: str, **kw: Any) -> None:
        kw.setdefault("fontName", FONT)
        kw.setdefault("fontSize", 13)
        kw.setdefault("leading", kw["fontSize"] * 1.25)
        sheet.add(ParagraphStyle(name, **kw))

    add("body", alignment=TA_JUSTIFY, firstLineIndent=10 * MM, spaceAfter=6)
    add("field", alignment=TA_LEFT, firstLineIndent=10 * MM, spaceAfter=4)  # "Label: value" lines of forms
    add("basis", parent=sheet["body"], fontName=FONT_ITALIC, spaceAfter=3)
    add("center", alignment=TA_CENTER)
    add("center_bold", alignment=TA_CENTER, fontName=FONT_BOLD)
    add("head_left", alignment=TA_CENTER, fontSize=12)
    add("head_left_bold", alignment=TA_CENTER, fontSize=12, fontName=FONT_BOLD)
    add("head_right_bold", alignment=TA_CENTER, fontSize=12, fontName=FONT_BOLD)
    add("motto", alignment=TA_CENTER, fontSize=13, fontName=FONT_BOLD)
    add("number", alignment=TA_CENTER, fontSize=13)
    add("date", alignment=TA_CENTER, fontSize=13, fontName=FONT_ITALIC)
    add("kind", alignment=TA_CENTER, fontSize=14, fontName=FONT_BOLD, spaceBefore=12)
    add("subject", alignment=TA_CENTER, fontSize=14, fontName=FONT_BOLD)
    add("heading", fontName=FONT_BOLD, spaceBefore=6, spaceAfter=3, keepWithNext=1)  # never orphaned
    add("table_heading", fontName=FONT_BOLD, spaceBefore=6, spaceAfter=3)  # see blocks.table_heading
    add("recipients_head", fontName=FONT_BOLD_ITALIC, fontSize=12)
    add("recipients", fontSize=11, leading=13)
    add("sign_title", alignment=TA_CENTER, fontName=FONT_BOLD, fontSize=13)
    add("sign_name", alignment=TA_CENTER, fontName=FONT_BOLD, fontSize=13)
    add("cell", fontSize=12, alignment=TA_LEFT)
    add("cell_center", fontSize=12, alignment=TA_CENTER)
    add("cell_right", fontSize=12, alignment=TA_RIGHT)
    add("cell_head", fontSize=12, alignment=TA_CENTER, fontName=FONT_BOLD)
    add("cell_section", fontSize=12, fontName=FONT_BOLD)
    add("cell_note", fontSize=11, fontName=FONT_ITALIC, alignment=TA_JUSTIFY)
    add("note", fontSize=12, fontName=FONT_ITALIC, alignment=TA_CENTER)
    return sheet


def para(text: str, style: Any) -> Any:
    """A Paragraph of NFC text, XML-escaped (names may contain '&' or '<')."""
    from xml.sax.saxutils import escape

    from reportlab.platypus import Paragraph

    return Paragraph(escape(nfc(text)).replace("\n", "<br/>"), style)


def lead_para(head: str, rest: str, style: Any) -> Any:
    """A paragraph whose first words are bold ('Điều 1.', '1. Thời gian:')."""
    from xml.sax.saxutils import escape

    from reportlab.platypus import Paragraph

    return Paragraph(f"<b>{escape(nfc(head))}</b> {escape(nfc(rest))}", style)


def doc_number(number: str) -> str:
    """'8/QĐ-SKHCN' → '08/QĐ-SKHCN': NĐ 30 writes document numbers below 10 with a leading zero.

    A number left blank for the clerk ("          /BB-HĐTĐKT") keeps its blank.
    """
    text = unicodedata.normalize("NFC", number or "")
    head, sep, rest = text.partition("/")
    if sep and head.isdigit() and int(head) < 10:
        return f"{int(head):02d}/{rest}"
    return text


def frame_width(landscape: bool = False) -> float:
    """Usable width between the NĐ 30 margins (the frame has no padding: text, tables and
    letterhead share the same left and right edges)."""
    from reportlab.lib.pagesizes import A4

    width = A4[1] if landscape else A4[0]
    return width - MARGIN_LEFT - MARGIN_RIGHT


def build_story(doc: Document, width: float) -> list[Any]:
    """Letterhead, type name and subject, body, signature, then the annex on pages of its own.

    The body's last paragraphs travel with the signature block, so a page never holds only
    the signatures.
    """
    from reportlab.platypus import KeepTogether, NextPageTemplate, PageBreak, Paragraph, Spacer

    from tdkt_desktop.reports import blocks

    s = styles()
    story: list[Any] = []
    if doc.letterhead is not None:
        story.append(blocks.letterhead(doc.letterhead))
    if doc.kind:
        story.append(para(doc.kind.upper(), s["kind"]))
    if doc.subject:
        story.append(blocks.heading(doc.subject, s["subject"], width))
        story.append(blocks.rule(width * 0.3))
    story.append(Spacer(1, 4 * MM))
    body = list(doc.body)
    if doc.signer is not None or doc.recipients or doc.extra_signers:
        tail: list[Any] = []
        # The last lines of the body go with the signatures: up to two closing paragraphs.
        while body and len(tail) < 2 and (not tail or isinstance(body[-1], Paragraph)):
            tail.insert(0, body.pop())
        # A heading kept with what follows must join too: ReportLab never nests it into a KeepTogether.
        while body and getattr(body[-1], "getKeepWithNext", lambda: False)():
            tail.insert(0, body.pop())
        left = doc.extra_signers[0] if doc.extra_signers else None
        story += body
        story.append(KeepTogether(tail + [Spacer(1, 4 * MM),
                                          blocks.signature_table(doc.signer, doc.recipients, width, left)]))
    else:
        story += body
    if doc.annex:
        story += [NextPageTemplate("annex"), PageBreak()]
        story += doc.annex
    return story


def _number_pages(first_of: str) -> Any:
    """An onPage callback: NĐ 30 page numbers, Arabic, centred over the text column in the top
    margin, from the second page of the document (or of its annex, which is numbered on its own)."""

    def draw(canvas: Any, doc: Any) -> None:
        start = doc.section_start.setdefault(first_of, doc.page)
        number = doc.page - start + 1
        if number < 2:
            return
        canvas.saveState()
        canvas.setFont(FONT, 13)
        width, height = doc.pagesize
        canvas.drawCentredString(doc.leftMargin + doc.width / 2, height - 12 * MM, str(number))
        canvas.restoreState()

    return draw


def render(doc: Document, *, landscape: bool = False) -> bytes:
    """Build the PDF in memory and return its bytes (the caller decides where it goes)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape as to_landscape
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    register_fonts()
    out = BytesIO()
    pagesize = to_landscape(A4) if landscape else A4
    template = BaseDocTemplate(
        out, pagesize=pagesize, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=nfc(doc.pdf_title or doc.kind),
        author="tdkt_desktop", creator="tdkt_desktop",
        # The canvas otherwise starts in Helvetica, whose unembedded resource lands in every file.
        initialFontName=FONT,
    )
    template.section_start = {}

    def frame() -> Any:
        return Frame(template.leftMargin, template.bottomMargin, template.width, template.height,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    template.addPageTemplates([
        PageTemplate("main", frames=[frame()], onPage=_number_pages("main")),
        PageTemplate("annex", frames=[frame()], onPage=_number_pages("annex")),
    ])
    template.build(build_story(doc, frame_width(landscape)))
    return out.getvalue()
