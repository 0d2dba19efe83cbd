"""Frozen dataclasses of the staff register and the office (not Qt models, hence no *Model names).

The awards register's records are in award_records.py, the review's and council's in review_records.py:
a window that opens on the staff list defines only these three classes at start.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Unit:
    """A unit of the office (phòng, trung tâm) or an external organisation (bloc member)."""

    id: int | None
    name: str
    parent_id: int | None = None
    kind: str = "noi_bo"  # noi_bo | ben_ngoai
    short_name: str = ""
    sort_order: int = 0
    active: bool = True


@dataclass(frozen=True)
class Staff:
    """One person on the staff register."""

    id: int | None
    code: str
    full_name: str
    birth_date: dt.date | None = None
    gender: str = ""  # '' | 'Nam' | 'Nữ'
    position: str = ""
    unit_id: int | None = None
    recruited_on: dt.date | None = None
    active: bool = True
    note: str = ""
    unit_name: str = field(default="", compare=False)
    #: The stored search key ('dang thi huong'); filled when read from the database.
    fold: str = field(default="", compare=False)

    @property
    def given_name(self) -> str:
        """The last word: Vietnamese lists sort by tên, then họ and đệm."""
        parts = self.full_name.split()
        return parts[-1] if parts else ""


@dataclass(frozen=True)
class Settings:
    """Office-wide settings stored in the database."""

    office_name: str = "Sở Khoa học và Công nghệ"
    governing_body: str = "UBND TỈNH"
    place_name: str = ""
    document_symbol: str = "SKHCN"
    signer_name: str = ""
    signer_title: str = "GIÁM ĐỐC"
    is_demo: bool = False
    office_level: str = "so"  # so: Sở under a province; bo: Văn phòng/Viện under a Bộ (vocabulary.OFFICE_LEVELS)
