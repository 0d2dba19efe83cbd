"""File-name slugs from Vietnamese titles, for suggested save names and screenshot files."""

from __future__ import annotations

import re

from tdkt_desktop.text import fold


def slug(text: str) -> str:
    """'Danh hiệu & Khen thưởng' → 'danh-hieu-khen-thuong': folded, every run of other characters one dash."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
