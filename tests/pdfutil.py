"""Helpers for PDF tests, read with pypdf (pip only, no poppler binaries): text, pages, sizes, fonts."""

from __future__ import annotations

import io
import unicodedata
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
    """Font names used by the pages, without the subset prefix ('NotoSerif-Bold')."""
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
