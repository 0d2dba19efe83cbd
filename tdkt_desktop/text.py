"""Vietnamese text helpers: NFC normalisation, search folding, dd/mm/yyyy dates."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(value: str | None) -> str:
    """Trim and normalise to NFC; Vietnamese IMEs and pasted text may arrive as NFD."""
    return unicodedata.normalize("NFC", (value or "").strip())


def one_line(value: str | None) -> str:
    """NFC text on one line: runs of white space (line breaks too) become one space, the ends trimmed."""
    return " ".join(nfc(value).split())


def fold(value: str | None) -> str:
    """Search key: lower case, no diacritics, đ → d, single spaces ('Đặng Thị Hương' → 'dang thi huong')."""
    s = unicodedata.normalize("NFD", value or "").translate(_D)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return " ".join(s.split())


def tokens(value: str | None) -> list[str]:
    """Folded word tokens, punctuation dropped (for FTS queries and prefix matching)."""
    return re.findall(r"\w+", fold(value))


class DateError(ValueError):
    """A date the user typed could not be understood; the message is Vietnamese."""


_DATE_RE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")


def parse_date(value: str | None, *, field: str = "Ngày") -> dt.date | None:
    """Parse dd/mm/yyyy (also d/m/yyyy, with . or -) or ISO yyyy-mm-dd; blank gives None.

    Raises:
        DateError: with a Vietnamese message naming ``field``.
    """
    text = (value or "").strip()
    if not text:
        return None
    m = _DATE_RE.match(text)
    try:
        if m:
            day, month, year = (int(g) for g in m.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise DateError(f"{field}: “{text}” không phải ngày hợp lệ (dạng dd/mm/yyyy).")


def format_date(value: dt.date | str | None) -> str:
    """dd/mm/yyyy for display; accepts a date or an ISO string; blank for None."""
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return value.strftime("%d/%m/%Y")


def iso(value: dt.date | None) -> str | None:
    """ISO string for storage, or None."""
    return value.isoformat() if value else None
