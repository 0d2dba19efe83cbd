"""Certificates of merit (Giấy khen, Bằng khen, chứng nhận danh hiệu): full page or field-only overlay on blanks."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from typing import Any

from tdkt_desktop import paths
from tdkt_desktop.reports import base
from tdkt_desktop.reports.fitting import LEADING, Fitted, fit_text
from tdkt_desktop.reports.wording import sentence
from tdkt_desktop.text import format_date, nfc

MM = base.MM
RED = (0.78, 0.05, 0.05)
_FONTS = {"normal": base.FONT, "bold": base.FONT_BOLD, "italic": base.FONT_ITALIC}

#: certificate_kind (award catalog) → (verb line, title); danh hiệu certificates name the title itself.
_TITLES = {"giay_khen": ("TẶNG", "GIẤY KHEN"), "bang_khen": ("TẶNG", "BẰNG KHEN")}


@dataclass(frozen=True)
class Certificate:
    """Every text on one certificate, NFC, ready to draw (built by :func:`certificate_for`)."""

    heading: str
    verb: str
    title: str
    title_note: str
    name: str
    unit: str
    reason: str
    decision: str
    serial: str
    place_date: str
    signer_title: str
    signer_name: str


@dataclass(frozen=True)
class Field:
    """A field's box on the blank, in mm from the bottom-left corner, and how to draw it."""

    x: float
    y: float
    w: float
    h: float
    size: float
    min: float
    lines: int
    font: str
    color: str
    align: str


@dataclass(frozen=True)
class Blank:
    """A certificate blank (phôi): page size and field boxes."""

    code: str
    name: str
    page_mm: tuple[float, float]
    fields: dict[str, Field]
    overlay_fields: tuple[str, ...]


@lru_cache(maxsize=1)
def _blank_data() -> dict[str, Any]:
    return json.loads(paths.resource_path("print", "certificate_blanks.json").read_text(encoding="utf-8"))


def blank_types() -> dict[str, str]:
    """code → Vietnamese name of every blank layout shipped with the app."""
    return {code: b["name"] for code, b in _blank_data()["blanks"].items()}


def default_blank() -> str:
    """The blank used when the office has not chosen one."""
    return str(_blank_data()["default"])


def get_blank(code: str) -> Blank:
    """The layout of blank ``code``; a scaled blank (A3) multiplies its base's boxes and sizes."""
    data = _blank_data()["blanks"]
    if code not in data:
        code = default_blank()
    spec = data[code]
    source = data[spec.get("scale_of", code)]
    factor = spec["page_mm"][0] / source["page_mm"][0] if "scale_of" in spec else 1.0
    fields = {}
    for name, f in source["fields"].items():
        scaled = {k: (v * factor if k in {"x", "y", "w", "h", "size", "min"} else v) for k, v in f.items()}
        fields[name] = Field(**scaled)
    return Blank(code, spec["name"], tuple(spec["page_mm"]), fields, tuple(source["overlay_fields"]))


def _address(gender: str) -> str:
    return {"Nam": "Ông", "Nữ": "Bà"}.get(gender, "Ông/Bà")


def certificate_for(
    *,
    award: Any,
    decision: Any,
    settings: Any,
    certificate_kind: str,
    award_kind: str,
    gender: str = "",
    position: str = "",
    serial: str = "",
    reason: str = "",
    recipient: str = "",
) -> Certificate:
    """The texts of one certificate from an award, its decision, the office settings and the award type.

    Args:
        award: an ``Award`` (recipient_name, unit_name, staff_id, award_name, year, reason).
        decision: a ``Decision`` (number, issued_on, signer_name, signer_title).
        settings: the office ``Settings``.
        certificate_kind: the catalog's certificate kind ("giay_khen", "bang_chung_nhan" ...).
        award_kind: "danh_hieu" or "hinh_thuc".
        gender, position: of the person (blank for a collective).
        serial: the register's serial ("Số sổ vàng").
        reason: the achievement line, said as the decision says it (``wording.sentence`` of the
            decision's purpose); blank: the award's own reason.
        recipient: a collective's full name with its office ("Văn phòng Sở Khoa học và Công nghệ
            tỉnh Cao Bằng"); blank: the name as recorded.
    """
    heading = f"{settings.signer_title} {settings.office_name}".upper()
    if certificate_kind in _TITLES:
        verb, title = _TITLES[certificate_kind]
        note = ""
    elif award_kind == "danh_hieu":
        verb, title, note = "CÔNG NHẬN DANH HIỆU", award.award_name.upper(), f"Năm {award.year}"
    else:
        verb, title, note = "TẶNG", award.award_name.upper(), ""
    if award.staff_id is not None:
        name = f"{_address(gender)}: {award.recipient_name.upper()}"
        parts = [p for p in (position, award.unit_name) if p]
        unit = f"Chức vụ, đơn vị: {', '.join(parts)}" if parts else ""
    else:
        name = (recipient or award.recipient_name).upper()
        unit = ""
    reason = reason or sentence(award.reason or f"thành tích xuất sắc trong công tác năm {award.year}")
    issued = decision.issued_on
    signer_title = decision.signer_title or settings.signer_title
    return Certificate(
        heading=nfc(heading),
        verb=verb,
        title=nfc(title),
        title_note=note,
        name=nfc(name),
        unit=nfc(unit),
        reason=nfc(reason),
        decision=nfc(f"Số QĐ: {base.doc_number(decision.number)} ngày {format_date(issued)}"),
        serial=nfc(f"Số sổ vàng: {serial}") if serial else "",
        place_date=base.place_date_line(settings.place_name, issued if isinstance(issued, dt.date) else None),
        signer_title=nfc(signer_title.upper()),
        signer_name=nfc(decision.signer_name or settings.signer_name),
    )


@lru_cache(maxsize=8192)
def fit_field(text: str, f: Field) -> Fitted:
    """Fit one field's text into its box (in points).

    Cached: most fields (heading, title, decision, date, signer) are the same on every certificate of a
    decision, and fitting measures the text at each candidate size (a third of a 1,000-page run).
    """
    return fit_text(text, _FONTS[f.font], f.w * MM, f.h * MM, size=f.size, min_size=f.min, max_lines=f.lines)


@lru_cache(maxsize=8)
def _motto_half_width(k: float) -> float:
    return base.string_width(base.TIEU_NGU, base.FONT_BOLD, 14 * k) / 2


def _draw_field(canvas: Any, text: str, f: Field, dx: float, dy: float) -> None:
    if not text:
        return
    fitted = fit_field(text, f)
    canvas.setFont(_FONTS[f.font], fitted.size)
    canvas.setFillColorRGB(*(RED if f.color == "red" else (0, 0, 0)))
    # Lines are centred vertically in the box; baseline ≈ 0.25 of the line height above its bottom.
    line_h = fitted.size * LEADING
    top = (f.y + f.h) * MM + dy - ((f.h * MM) - fitted.height) / 2
    for i, line in enumerate(fitted.lines):
        baseline = top - (i + 1) * line_h + line_h * 0.25
        if f.align == "center":
            canvas.drawCentredString((f.x + f.w / 2) * MM + dx, baseline, line)
        elif f.align == "right":
            canvas.drawRightString((f.x + f.w) * MM + dx, baseline, line)
        else:
            canvas.drawString(f.x * MM + dx, baseline, line)


def _draw_decoration(canvas: Any, blank: Blank) -> None:
    """Plain-paper mode: double border, Quốc hiệu and motto where the blank has them pre-printed."""
    w, h = blank.page_mm[0] * MM, blank.page_mm[1] * MM
    k = blank.page_mm[0] / 297
    canvas.setStrokeColorRGB(*RED)
    canvas.setLineWidth(2.2 * k)
    canvas.rect(10 * MM * k, 10 * MM * k, w - 20 * MM * k, h - 20 * MM * k)
    canvas.setLineWidth(0.7 * k)
    canvas.rect(13 * MM * k, 13 * MM * k, w - 26 * MM * k, h - 26 * MM * k)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(base.FONT_BOLD, 14 * k)
    canvas.drawCentredString(w / 2, 183 * MM * k, base.QUOC_HIEU)
    canvas.setFont(base.FONT_BOLD, 14 * k)
    canvas.drawCentredString(w / 2, 175 * MM * k, base.TIEU_NGU)
    half = _motto_half_width(k)
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.6)
    canvas.line(w / 2 - half, 173.5 * MM * k, w / 2 + half, 173.5 * MM * k)


def _shift(overlay: bool, offset_mm: tuple[float, float]) -> tuple[float, float]:
    """The printer's offsets in points (x right, y down in mm) in overlay mode; none on plain paper."""
    return (offset_mm[0] * MM, -offset_mm[1] * MM) if overlay else (0.0, 0.0)


def _wanted(blank: Blank, overlay: bool) -> tuple[str, ...]:
    """The fields printed: only the blank's variable ones in overlay mode, every one on plain paper."""
    return blank.overlay_fields if overlay else tuple(blank.fields)


def draw_certificate(canvas: Any, cert: Certificate, blank: Blank, *, overlay: bool = False,
                     offset_mm: tuple[float, float] = (0.0, 0.0)) -> None:
    """Draw one certificate page. Overlay prints only the blank's variable fields, shifted by the
    printer's offsets (x right, y down, in mm); plain paper prints everything, unshifted."""
    dx, dy = _shift(overlay, offset_mm)
    if not overlay:
        _draw_decoration(canvas, blank)
    for name in _wanted(blank, overlay):
        _draw_field(canvas, getattr(cert, name), blank.fields[name], dx, dy)


def render_certificates(certs: list[Certificate], *, blank_code: str = "", overlay: bool = False,
                        offset_mm: tuple[float, float] = (0.0, 0.0), title: str = "Giấy khen") -> bytes:
    """One PDF, one landscape page per certificate, in the given (decision) order.

    What every page shares (the plain-paper decoration and the fields that read the same on every
    certificate: office, title, decision, date, signer, usually the reason) is drawn once, as a form
    XObject each page shows, and each page draws only its own fields: the pages look exactly as if
    drawn in full, the file is a fraction of the size, and a printer rasterises the shared part once.
    """
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    base.register_fonts()
    blank = get_blank(blank_code or default_blank())
    dx, dy = _shift(overlay, offset_mm)
    wanted = _wanted(blank, overlay)
    shared = [n for n in wanted if len({getattr(c, n) for c in certs}) == 1]
    own = [n for n in wanted if n not in shared]
    out = BytesIO()
    canvas = Canvas(out, pagesize=(blank.page_mm[0] * MM, blank.page_mm[1] * MM), initialFontName=base.FONT)
    canvas.setTitle(nfc(title))
    canvas.setAuthor("tdkt_desktop")
    if certs:
        canvas.beginForm("common")
        if not overlay:
            _draw_decoration(canvas, blank)
        for name in shared:
            _draw_field(canvas, getattr(certs[0], name), blank.fields[name], dx, dy)
        canvas.endForm()
    for cert in certs:
        canvas.doForm("common")
        for name in own:
            _draw_field(canvas, getattr(cert, name), blank.fields[name], dx, dy)
        canvas.showPage()
    # Streams stay binary (Flate only): ReportLab's default ASCII85 armour, meant for 7-bit channels,
    # makes the file a quarter larger and is encoded in pure Python, ten times slower than compressing.
    a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        canvas.save()
    finally:
        rl_config.useA85 = a85
    return out.getvalue()


#: Vietnamese labels of the certificate fields (calibration page, settings screen).
FIELD_NAMES = {
    "heading": "Cấp tặng (dòng đỏ)",
    "verb": "Tặng",
    "title": "Tên giấy khen",
    "title_note": "Năm",
    "name": "Họ và tên",
    "unit": "Chức vụ, đơn vị",
    "reason": "Thành tích",
    "decision": "Số quyết định",
    "serial": "Số sổ vàng",
    "place_date": "Địa danh, ngày tháng",
    "signer_title": "Chức vụ người ký",
    "signer_name": "Người ký",
}
