"""Helpers for PDF smoke tests: text through poppler's pdftotext, page count, embedded fonts."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path


def pdf_text(pdf: bytes, tmp_path: Path, *, first: int | None = None, last: int | None = None) -> str:
    """pdftotext output with whitespace collapsed (lines wrap differently from the source text)."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    out = subprocess.run(args + [str(path), "-"], capture_output=True, check=True).stdout.decode("utf-8")
    assert unicodedata.is_normalized("NFC", out)
    return " ".join(out.split())


def page_count(pdf: bytes, tmp_path: Path) -> int:
    """Pages according to pdfinfo."""
    path = tmp_path / "count.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def fonts(pdf: bytes, tmp_path: Path) -> set[str]:
    """Embedded font names without the subset prefix ('NotoSerif-Bold')."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    names = set()
    for line in out.splitlines()[2:]:
        name = line.split()[0]
        names.add(name.split("+", 1)[-1])
    return names
