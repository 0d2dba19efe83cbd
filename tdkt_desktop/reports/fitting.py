"""Fit text into a box: shrink the font, wrap onto more lines, never overflow (certificate fields)."""

from __future__ import annotations

from dataclasses import dataclass

from tdkt_desktop.reports.base import register_fonts
from tdkt_desktop.text import one_line

#: Below this size nothing is readable; text still shrinks past a field's own minimum rather than overflow.
FLOOR_SIZE = 4.0
LEADING = 1.2


@dataclass(frozen=True)
class Fitted:
    """The chosen size and the lines to draw; every line is at most ``width`` points wide."""

    size: float
    lines: tuple[str, ...]

    @property
    def height(self) -> float:
        """Height in points of the block of lines."""
        return len(self.lines) * self.size * LEADING


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; a single word wider than the box is split between characters."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while stringWidth(word, font, size) > width:
            # Split an over-long word at the last character that still fits (at least one).
            cut = 1
            while cut < len(word) and stringWidth(word[: cut + 1], font, size) <= width:
                cut += 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def fit_text(
    text: str, font: str, width: float, height: float, *, size: float, min_size: float, max_lines: int
) -> Fitted:
    """The largest size (0.5 pt steps) at which ``text`` fits in ``max_lines`` lines and the box.

    Sizes go down to ``min_size`` first; if the text still does not fit, down to :data:`FLOOR_SIZE`
    with as many lines as the height allows, because overflowing a pre-printed blank spoils it.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts()
    text = one_line(text)
    if not text:
        return Fitted(size, ())
    # Fast path: most names and units fit on one line at the largest size.
    if stringWidth(text, font, size) <= width and size * LEADING <= height:
        return Fitted(size, (text,))
    current = size
    while current >= FLOOR_SIZE:
        allowed = max_lines if current >= min_size else max(max_lines, int(height // (current * LEADING)))
        lines = wrap(text, font, current, width)
        if len(lines) <= allowed and len(lines) * current * LEADING <= height + 0.01:
            return Fitted(current, tuple(lines))
        current -= 0.5
    lines = wrap(text, font, FLOOR_SIZE, width)
    keep = max(1, int(height // (FLOOR_SIZE * LEADING)))
    return Fitted(FLOOR_SIZE, tuple(lines[:keep]))
