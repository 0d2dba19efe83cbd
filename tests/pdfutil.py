"""Helpers for PDF tests, read with pypdf (pip only, no poppler binaries): text, pages, sizes, fonts, positions."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pypdf


def pdf_text(pdf: bytes, tmp_path: Path | None = None, *, first: int | None = None,
             last: int | None = None) -> str:
    """Text of pages ``first``..``last`` (1-based, inclusive), whitespace collapsed.

    Lines wrap differently from the source text, so callers compare against collapsed strings.
    ``tmp_path`` is accepted for the callers written when this read a file; nothing is written.
    """
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = reader.pages[(first or 1) - 1:last or len(reader.pages)]
    out = "\n".join(page.extract_text() for page in pages)
    assert unicodedata.is_normalized("NFC", out)
    return " ".join(out.split())


def page_count(pdf: bytes, tmp_path: Path | None = None) -> int:
    """Number of pages."""
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _page_fonts(reader: pypdf.PdfReader):
    seen = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        fonts = resources.get_object().get("/Font") if resources else None
        for ref in (fonts or {}).values():
            font = ref.get_object()
            seen[font.get("/BaseFont")] = font
    return seen


def _is_embedded(font) -> bool:
    """A simple font carries /FontDescriptor /FontFile*; a Type0 font carries it on its descendant."""
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def fonts(pdf: bytes, tmp_path: Path | None = None) -> set[str]:
    """Font names used by the pages, without the subset prefix ('LiberationSerif-Bold')."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return {str(name).lstrip("/").split("+", 1)[-1] for name in _page_fonts(reader)}


def unembedded_fonts(pdf: bytes) -> set[str]:
    """Names of fonts anywhere in the file that are not embedded (pdffonts' "emb" column = no)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    numbers = {(num, gen) for gen, table in reader.xref.items() for num in table}
    numbers |= {(num, 0) for num in reader.xref_objStm}
    out = set()
    for num, gen in sorted(numbers):
        obj = reader.get_object(pypdf.generic.IndirectObject(num, gen, reader))
        if (isinstance(obj, pypdf.generic.DictionaryObject) and obj.get("/Type") == "/Font"
                and obj.get("/Subtype") != "/CIDFontType2" and not _is_embedded(obj)):
            out.add(str(obj.get("/BaseFont")).lstrip("/"))
    return out


def page_size(pdf: bytes, index: int = 0) -> tuple[int, int]:
    """Width and height of a page in points, rounded."""
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[index].mediabox
    return round(float(box.width)), round(float(box.height))


# --- positions: what is drawn where (points, origin bottom-left) ------------------------------------


@dataclass(frozen=True)
class Run:
    """One piece of text as drawn: a Paragraph line, a drawString; ``x`` is its left end on the baseline."""

    text: str
    x: float
    y: float
    font: str  # PostScript name without the subset prefix ('LiberationSerif-Bold')
    size: float

    @property
    def width(self) -> float:
        """Advance width of the text in the font it is drawn in (word spacing of justified lines excluded)."""
        from tdkt_desktop.reports import base

        faces = {"LiberationSerif": base.FONT, "LiberationSerif-Bold": base.FONT_BOLD,
                 "LiberationSerif-Italic": base.FONT_ITALIC, "LiberationSerif-BoldItalic": base.FONT_BOLD_ITALIC}
        return base.string_width(self.text, faces[self.font], self.size)

    @property
    def right(self) -> float:
        return self.x + self.width


def _mult(m: list[float], n: list[float]) -> list[float]:
    return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2],
            m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]]


def text_runs(pdf: bytes, page: int = 1) -> list[Run]:
    """Every text piece drawn on ``page`` (1-based), in drawing order, with its position and font."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    runs: list[Run] = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text.strip() or font_dict is None:
            return
        m = _mult(list(tm), list(cm))
        name = str(font_dict.get("/BaseFont", "")).lstrip("/").split("+", 1)[-1]
        runs.append(Run(" ".join(text.split()), m[4], m[5], name, font_size * m[0]))  # no-break spaces too

    reader.pages[page - 1].extract_text(visitor_text=visit)
    return runs


def lines_drawn(pdf: bytes, page: int = 1) -> list[tuple[float, float, float, float]]:
    """Straight segments stroked on ``page`` ('m'/'l' pairs and the four sides of each 're'), as
    (x0, y0, x1, y1) in page coordinates: table grids, rules, ruler ticks, boxes."""
    from pypdf.generic import ContentStream

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    page_obj = reader.pages[page - 1]
    ops = ContentStream(page_obj.get_contents(), reader).operations
    ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    stack: list[list[float]] = []
    out = []
    start = None

    def at(x: float, y: float) -> tuple[float, float]:
        return x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5]

    for operands, op in ops:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            ctm = _mult([float(v) for v in operands], ctm)
        elif op == b"m":
            start = at(float(operands[0]), float(operands[1]))
        elif op == b"l" and start is not None:
            end = at(float(operands[0]), float(operands[1]))
            out.append((*start, *end))
            start = end
        elif op == b"re":
            x, y, w, h = (float(v) for v in operands)
            corners = [at(x, y), at(x + w, y), at(x + w, y + h), at(x, y + h)]
            out += [(*corners[i], *corners[(i + 1) % 4]) for i in range(4)]
    return out


def rects_drawn(pdf: bytes, page: int = 1) -> list[tuple[float, float, float, float]]:
    """Rectangles ('re') drawn on ``page`` as (x0, y0, x1, y1) in page coordinates."""
    segments = lines_drawn(pdf, page)
    # lines_drawn emits each 're' as four consecutive sides starting at its lower-left corner.
    out = []
    for i in range(len(segments) - 3):
        a, b, c, d = segments[i:i + 4]
        if a[2:] == b[:2] and b[2:] == c[:2] and c[2:] == d[:2] and d[2:] == a[:2] and a[1] == a[3] and b[0] == b[2]:
            xs, ys = (a[0], b[0]), (a[1], c[1])
            out.append((min(xs), min(ys), max(xs), max(ys)))
    return out
