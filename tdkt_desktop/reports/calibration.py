"""Calibration page for a certificate blank: field boxes, numbered rulers and crosses to measure printer offsets."""

from __future__ import annotations

from io import BytesIO

from tdkt_desktop.reports import base
from tdkt_desktop.reports.certificates import FIELD_NAMES, Blank, default_blank, get_blank

MM = base.MM
#: Printers leave the outer ~5 mm blank: nothing is drawn nearer the edge than this.
PRINTABLE_MM = 6
#: The rulers' first tick, and their lines' distance from the edges' neighbourhood, in mm.
RULER_INSET_MM = 10
LABEL_SIZE = 7.0

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in mm


def _crosses(label: Box, box: Box) -> bool:
    """True when ``label`` straddles an edge of ``box`` (neither inside it nor clear of it)."""
    apart = label[2] <= box[0] or label[0] >= box[2] or label[3] <= box[1] or label[1] >= box[3]
    inside = label[0] >= box[0] and label[2] <= box[2] and label[1] >= box[1] and label[3] <= box[3]
    return not (apart or inside)


def _text_box(text: str, x: float, y: float, size: float, align: str = "left") -> Box:
    """The mm box a string drawn at baseline (x, y) covers (descenders and accents included)."""
    w = base.string_width(text, base.FONT, size) / MM
    x0 = x - w if align == "right" else x - w / 2 if align == "center" else x
    return (x0, y - 0.25 * size / MM, x0 + w, y + 1.0 * size / MM)


def field_boxes(blank: Blank) -> list[Box]:
    """Every field's box, in mm."""
    return [(f.x, f.y, f.x + f.w, f.y + f.h) for f in blank.fields.values()]


def place_label(text: str, candidates: list[tuple[float, float, str]], boxes: list[Box], page: Box,
                size: float = LABEL_SIZE) -> tuple[float, float, str]:
    """The first candidate position (x, y, align) whose label crosses no box border and stays on
    the printable part of ``page``."""
    for x, y, align in candidates:
        box = _text_box(text, x, y, size, align)
        on_page = box[0] >= page[0] and box[2] <= page[2] and box[1] >= page[1] and box[3] <= page[3]
        if on_page and not any(_crosses(box, b) for b in boxes):
            return x, y, align
    return candidates[-1]


def _field_label(name: str, f) -> tuple[str, float, float, float]:
    """The field's label inside its box, shrunk to fit the box (never across its border)."""
    text = FIELD_NAMES.get(name, name)
    size = LABEL_SIZE
    while size > 4 and (base.string_width(text, base.FONT, size) / MM > f.w - 2 or 1.25 * size / MM > f.h - 1):
        size -= 0.5
    return text, size, f.x + 1, f.y + 0.4 + 0.25 * size / MM


def render_calibration(*, blank_code: str = "", offset_mm: tuple[float, float] = (0.0, 0.0)) -> bytes:
    """A test page for a blank: each field's box outlined and named, corner crosses, mm rulers.

    Printed with the current offsets onto a blank (or plain paper held over one against the light),
    it shows how far the printer shifts, so the office can correct the offsets. Ruler numbers are
    distances from the paper's edge in mm.
    """
    from reportlab.pdfgen.canvas import Canvas

    base.register_fonts()
    blank = get_blank(blank_code or default_blank())
    w, h = blank.page_mm
    boxes = field_boxes(blank)
    out = BytesIO()
    c = Canvas(out, pagesize=(w * MM, h * MM), initialFontName=base.FONT)
    c.setTitle("Trang căn chỉnh in")
    dx, dy = offset_mm[0] * MM, -offset_mm[1] * MM

    def at(x: float, y: float) -> tuple[float, float]:
        return x * MM + dx, y * MM + dy

    c.setLineWidth(0.3)
    c.setFont(base.FONT, 6)
    edge = RULER_INSET_MM
    top = h - edge - 2  # the top ruler's line, numbers above it, ticks hanging down
    c.line(*at(edge, top), *at(w - edge, top))
    for x in range(edge, int(w - edge) + 1, 10):
        length = 3 if x % 50 else 5
        c.line(*at(x, top), *at(x, top - length))
        c.drawCentredString(*at(x, top + 1.2), str(x))
    left = edge - 2  # the left ruler's line, ticks pointing right, numbers after them
    c.line(*at(left, edge), *at(left, h - 2 * edge))
    for y in range(edge, int(h - 2 * edge) + 1, 10):
        length = 3 if y % 50 else 5
        c.line(*at(left, y), *at(left + length, y))
        c.drawString(*at(left + length + 0.8, y - 0.8), str(y))
    printable = (PRINTABLE_MM, PRINTABLE_MM, w - PRINTABLE_MM, h - PRINTABLE_MM)
    for cx, cy in ((20, 20), (w - 20, 20), (20, h - 20), (w - 20, h - 20), (w / 2, h / 2)):
        c.line(*at(cx - 5, cy), *at(cx + 5, cy))
        c.line(*at(cx, cy - 5), *at(cx, cy + 5))
        label = f"({cx:g}; {cy:g}) mm"
        inward = "right" if cx > w / 2 + 1 else "left"
        step = -1.5 if inward == "right" else 1.5
        candidates = [(cx + step, y, inward) for y in (cy + 1.5, cy - 4, cy + 6, cy - 8)]
        candidates += [(cx - step, y, "left" if inward == "right" else "right") for y in (cy + 1.5, cy - 4)]
        x, y, align = place_label(label, candidates, boxes, printable)
        c.setFont(base.FONT, LABEL_SIZE)
        draw = {"right": c.drawRightString, "center": c.drawCentredString}.get(align, c.drawString)
        draw(*at(x, y), label)
    c.setDash(2, 2)
    for name, f in blank.fields.items():
        c.rect(*at(f.x, f.y), f.w * MM, f.h * MM)
        text, size, x, y = _field_label(name, f)
        c.setFont(base.FONT, size)
        c.drawString(*at(x, y), text)
    c.setDash()
    c.setFont(base.FONT_BOLD, 12)
    c.drawCentredString(w / 2 * MM, (h - 22) * MM, "TRANG CĂN CHỈNH IN")
    c.setFont(base.FONT, 10)
    lines = [
        f"{blank.name}; độ lệch đang dùng: X = {offset_mm[0]:+.1f} mm, Y = {offset_mm[1]:+.1f} mm.",
        "In trang này lên phôi, đo khoảng lệch giữa khung in ra và khung in sẵn trên phôi,",
        "rồi nhập vào Cài đặt in: X dương dịch sang phải, Y dương dịch xuống dưới.",
    ]
    for i, line in enumerate(lines):
        c.drawCentredString(w / 2 * MM, (h - 28 - 5 * i) * MM, line)
    c.showPage()
    c.save()
    return out.getvalue()
