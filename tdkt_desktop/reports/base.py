"""Base renderer: A4 page set-up per Nghị định 30/2020, fonts, styles, letterhead, signer block, page numbers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from tdkt_desktop import paths
from tdkt_desktop.text import nfc

#: Registered family name; the four faces are real static TTFs (bold/italic are never synthesised).
FONT = "VNSerif"
FONT_BOLD = "VNSerif-Bold"
FONT_ITALIC = "VNSerif-Italic"
FONT_BOLD_ITALIC = "VNSerif-BoldItalic"
_FACES = {
    FONT: "NotoSerif-Regular.ttf",
    FONT_BOLD: "NotoSerif-Bold.ttf",
    FONT_ITALIC: "NotoSerif-Italic.ttf",
    FONT_BOLD_ITALIC: "NotoSerif-BoldItalic.ttf",
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
    """Register the bundled Noto Serif faces once as one family; returns the family name."""
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
    add("recipients_head", fontName=FONT_BOLD_ITALIC, fontSize=12)
    add("recipients", fontSize=11, leading=13)
    add("sign_title", alignment=TA_CENTER, fontName=FONT_BOLD, fontSize=13)
    add("sign_name", alignment=TA_CENTER, fontName=FONT_BOLD, fontSize=13)
    add("cell", fontSize=12, alignment=TA_LEFT)
    add("cell_center", fontSize=12, alignment=TA_CENTER)
    add("cell_right", fontSize=12, alignment=TA_RIGHT)
    add("cell_head", fontSize=12, alignment=TA_CENTER, fontName=FONT_BOLD)
    add("cell_section", fontSize=12, fontName=FONT_BOLD)
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


def rule(width: float, thickness: float = 0.6) -> Any:
    """A solid line of ``width`` points centred in whatever column holds it (issuer, motto, subject).

    HRFlowable centres against the frame, not a table cell, so the line is drawn by hand.
    """
    from reportlab.platypus import Flowable

    class _Rule(Flowable):
        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            self._avail = avail_width
            return avail_width, 7

        def draw(self) -> None:
            left = (self._avail - width) / 2
            self.canv.setLineWidth(thickness)
            self.canv.line(left, 2.5, left + width, 2.5)  # ~5 pt clear of the descenders above

    return _Rule()


def letterhead_table(lh: Letterhead, frame_width: float) -> Any:
    """Left: governing body, issuer (bold, short rule), number. Right: Quốc hiệu, motto (full rule), date."""
    from reportlab.platypus import Table, TableStyle

    s = styles()
    left_w = frame_width * 0.43
    right_w = frame_width - left_w
    issuer = nfc(lh.issuer).upper()
    # The issuer line may wrap; the rule spans ~1/3 of the column per NĐ 30.
    left = [para(nfc(lh.governing_body).upper(), s["head_left"]), para(issuer, s["head_left_bold"]),
            rule(left_w * 0.35)]
    right = [para(QUOC_HIEU, s["head_right_bold"]), para(TIEU_NGU, s["motto"]),
             rule(string_width(TIEU_NGU, FONT_BOLD, 13))]
    table = Table(
        [[left, right], [(para(f"Số: {lh.number}" if lh.number else f"Số:{BLANK_NUMBER}/", s["number"])
                          if lh.numbered else ""),
                         para(place_date_line(lh.place, lh.date), s["date"])]],
        colWidths=[left_w, right_w],
    )
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def signature_table(signer: Signer | None, recipients: list[str], frame_width: float,
                    left_signer: Signer | None = None) -> Any:
    """'Nơi nhận' (or a second signer) on the left, the signer block on the right, kept together."""
    from reportlab.platypus import Spacer, Table, TableStyle

    s = styles()

    def block(sig: Signer | None) -> list[Any]:
        if sig is None:
            return []
        out = []
        if sig.authority:
            out.append(para(sig.authority.upper(), s["sign_title"]))
        out += [para(sig.title.upper(), s["sign_title"]), Spacer(1, 24 * MM), para(sig.name, s["sign_name"])]
        return out

    if left_signer is not None:
        left = block(left_signer)
    elif recipients:
        left = [para("Nơi nhận:", s["recipients_head"])]
        left += [para(f"- {nfc(r)}", s["recipients"]) for r in recipients]
    else:
        left = []
    table = Table([[left, block(signer)]], colWidths=[frame_width * 0.5, frame_width * 0.5])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def data_table(header: list[str], rows: list[list[Any]], col_widths: list[float],
               section_rows: tuple[int, ...] = (), align: dict[int, str] | None = None) -> Any:
    """A bordered table whose header row repeats on every page; ``section_rows`` span all columns.

    Cells may be strings (wrapped as paragraphs) or flowables. Row indexes in ``section_rows``
    count data rows from 0.
    """
    from reportlab.platypus import Table, TableStyle

    s = styles()
    align = align or {}
    cell_style = {"center": s["cell_center"], "right": s["cell_right"]}
    data: list[list[Any]] = [[para(h, s["cell_head"]) for h in header]]
    for i, row in enumerate(rows):
        if i in section_rows:
            data.append([para(str(row[0]), s["cell_section"])] + [""] * (len(header) - 1))
            continue
        data.append([
            para(str(c), cell_style.get(align.get(j, ""), s["cell"])) if isinstance(c, (str, int)) else c
            for j, c in enumerate(row)
        ])
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for i in section_rows:
        commands.append(("SPAN", (0, i + 1), (-1, i + 1)))
    table = Table(data, colWidths=col_widths, repeatRows=1)  # repeatRows: header on every page
    table.setStyle(TableStyle(commands))
    return table


def _page_number(canvas: Any, doc: Any) -> None:
    """NĐ 30: Arabic numeral, centred in the top margin, from page 2 on."""
    canvas.saveState()
    canvas.setFont(FONT, 13)
    width, height = doc.pagesize
    canvas.drawCentredString(width / 2, height - 12 * MM, str(doc.page))
    canvas.restoreState()


def _no_number(canvas: Any, doc: Any) -> None:
    """The first page carries no number."""


def frame_width(landscape: bool = False) -> float:
    """Usable width between the NĐ 30 margins."""
    from reportlab.lib.pagesizes import A4

    width = A4[1] if landscape else A4[0]
    return width - MARGIN_LEFT - MARGIN_RIGHT


def build_story(doc: Document, width: float) -> list[Any]:
    """Letterhead, type name and subject, body, signature, then the annex on a new page."""
    from reportlab.platypus import KeepTogether, PageBreak, Spacer

    s = styles()
    story: list[Any] = []
    if doc.letterhead is not None:
        story.append(letterhead_table(doc.letterhead, width))
    if doc.kind:
        story.append(para(doc.kind.upper(), s["kind"]))
    if doc.subject:
        story.append(para(doc.subject, s["subject"]))
        story.append(rule(width * 0.3))
    story.append(Spacer(1, 4 * MM))
    story += doc.body
    if doc.signer is not None or doc.recipients or doc.extra_signers:
        story.append(Spacer(1, 4 * MM))
        left = doc.extra_signers[0] if doc.extra_signers else None
        story.append(KeepTogether(signature_table(doc.signer, doc.recipients, width, left)))
    if doc.annex:
        story.append(PageBreak())
        story += doc.annex
    return story


def render(doc: Document, *, landscape: bool = False) -> bytes:
    """Build the PDF in memory and return its bytes (the caller decides where it goes)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape as to_landscape
    from reportlab.platypus import SimpleDocTemplate

    register_fonts()
    out = BytesIO()
    pagesize = to_landscape(A4) if landscape else A4
    template = SimpleDocTemplate(
        out, pagesize=pagesize, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=nfc(doc.pdf_title or doc.kind),
        author="tdkt_desktop", creator="tdkt_desktop",
    )
    template.build(build_story(doc, frame_width(landscape)), onFirstPage=_no_number, onLaterPages=_page_number)
    return out.getvalue()
