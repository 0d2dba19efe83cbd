"""Phrases documents share, so a decision, its list, its tờ trình and its certificates say one thing one way."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from tdkt_desktop.reports.base import two_digits
from tdkt_desktop.text import fold, nfc, one_line

#: "… cho các tập thể, cá nhân <purpose>" at the end of a trích yếu.
_RECIPIENTS = re.compile(
    r"\bcho\s+(?:các\s+)?(?:tập thể,?\s*(?:và\s+)?cá nhân|cá nhân,?\s*(?:và\s+)?tập thể|tập thể|cá nhân)\s+(.+)$",
    flags=re.IGNORECASE,
)
#: Openings that already read as a predicate ("đã có thành tích …", "là điển hình …").
_PREDICATES = ("da ", "la ", "co thanh tich", "dat ", "hoan thanh", "tich cuc", "gop phan")


def count_phrase(units: int, people: int) -> str:
    """'02 tập thể và 14 cá nhân' (counts below ten with a leading zero, as offices write them)."""
    parts = []
    if units:
        parts.append(f"{two_digits(units)} tập thể")
    if people:
        parts.append(f"{two_digits(people)} cá nhân")
    return " và ".join(parts)


def who(people: int, units: int) -> str:
    """'tập thể, cá nhân', 'cá nhân' or 'tập thể': only the kinds of recipient actually listed."""
    if people and units:
        return "tập thể, cá nhân"
    return "cá nhân" if people or not units else "tập thể"


def award_phrase(name: str, kind: str, year: int) -> str:
    """'tặng Giấy khen' / 'công nhận danh hiệu “Lao động tiên tiến” năm 2025'."""
    if kind == "danh_hieu":
        return f"công nhận danh hiệu “{nfc(name)}” năm {year}"
    return f"tặng {nfc(name)}"


def predicate(phrase: str) -> str:
    """A purpose as the predicate of "… cho 14 cá nhân <predicate>" (lower-case first letter).

    'Điển hình tiên tiến giai đoạn 2020–2025' → 'là điển hình tiên tiến giai đoạn 2020–2025';
    'Thành tích đột xuất phòng chống thiên tai' → 'đã có thành tích đột xuất phòng chống thiên tai'.
    """
    text = one_line(phrase).rstrip(" .;,")
    if not text:
        return ""
    text = text[0].lower() + text[1:]
    key = fold(text)
    if key.startswith(_PREDICATES):
        return text
    if key.startswith("thanh tich"):
        return f"đã có {text}"
    if key.startswith("dien hinh"):
        return f"là {text}"
    return f"đã có thành tích {text}"


def sentence(phrase: str) -> str:
    """The predicate as a certificate line: 'Đã có thành tích …', 'Là điển hình …'."""
    text = predicate(phrase)
    return text[0].upper() + text[1:] if text else ""


def shared_reason(awards: Iterable[Any]) -> str:
    """The one reason the decision's lines give (lines without one agree), or '' if they differ."""
    reasons = {nfc(a.reason).strip() for a in awards if nfc(a.reason).strip()}
    return reasons.pop() if len(reasons) == 1 else ""


def purpose(decision: Any, awards: list[Any]) -> str:
    """What a decision rewards, from one field, as a predicate ('là điển hình tiên tiến …').

    The trích yếu says it first ("Tặng Giấy khen cho các tập thể, cá nhân điển hình tiên tiến giai
    đoạn 2020–2025"); a decision whose trích yếu names no purpose ("Khen thưởng đột xuất") takes the
    reason its lines share; otherwise a yearly decision rewards the year's work and an ad-hoc one
    its own occasion, never "the year's work".
    """
    match = _RECIPIENTS.search(nfc(decision.summary))
    if match:
        return predicate(match.group(1))
    common = shared_reason(awards)
    if common:
        return predicate(common)
    year = next((a.year for a in awards if a.year), decision.year)
    if decision.kind == "hang_nam":
        return f"đã có thành tích xuất sắc trong công tác năm {year}"
    if decision.kind == "dot_xuat":
        return "đã có thành tích xuất sắc đột xuất"
    return "đã có thành tích xuất sắc"


def full_unit_name(unit: str, office: str) -> str:
    """A collective named with its office: 'Văn phòng Sở' → 'Văn phòng Sở Khoa học và Công nghệ tỉnh
    Cao Bằng'; 'Phòng Quản lý khoa học' → 'Phòng Quản lý khoa học, Sở Khoa học và Công nghệ tỉnh Cao Bằng'."""
    unit, office = nfc(unit).strip(), nfc(office).strip()
    if not office or fold(office) in fold(unit):
        return unit
    head, _, tail = office.partition(" ")
    if fold(unit).endswith(" " + fold(head)) and tail:
        return f"{unit} {tail}"  # "… Sở" + "Khoa học và Công nghệ tỉnh Cao Bằng"
    return f"{unit}, {office}"


#: Positions by rank, folded: heads of units first, then their deputies, then the staff.
_HEADS = ("giam doc", "chanh van phong", "chanh thanh tra", "chi cuc truong", "truong phong", "truong ban",
          "truong tram", "giam doc trung tam")
_STAFF = ("chuyen vien cao cap", "chuyen vien chinh", "chuyen vien", "ke toan", "can su", "nhan vien")


def position_rank(position: str) -> tuple[int, int]:
    """Sort key of a position: head (0), deputy (1), staff by grade (2, n), others last (3)."""
    key = fold(position).split(",")[0].strip()
    if key.startswith(_HEADS):
        return (0, 0)
    if key.startswith("pho "):
        return (1, 0)
    for i, grade in enumerate(_STAFF):
        if key.startswith(grade):
            return (2, i)
    return (3, 0)
