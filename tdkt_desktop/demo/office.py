"""Demo office: Sở KH&CN tỉnh Cao Bằng, its seven units and about 60 fictional staff."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import unicodedata

from sqlite_utils import Database

from tdkt_desktop.db import settings as settings_db
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import units as units_db
from tdkt_desktop.db.records import Settings, Staff, Unit

SETTINGS = Settings(
    office_name="Sở Khoa học và Công nghệ tỉnh Cao Bằng",
    governing_body="UBND TỈNH CAO BẰNG",
    place_name="Cao Bằng",
    document_symbol="SKHCN",
    signer_name="Hoàng Văn Thắng",
    signer_title="GIÁM ĐỐC",
    is_demo=True,
)

#: (unit, how many staff); DOMAIN.md §13.2 typical units of a Sở KH&CN.
UNITS = [
    ("Ban Giám đốc", 4),
    ("Văn phòng Sở", 10),
    ("Thanh tra Sở", 5),
    ("Phòng Quản lý khoa học", 7),
    ("Phòng Quản lý công nghệ và Thị trường công nghệ", 7),
    ("Phòng Quản lý chuyên ngành", 6),
    ("Chi cục Tiêu chuẩn Đo lường Chất lượng", 10),
    ("Trung tâm Thông tin và Ứng dụng khoa học và công nghệ", 12),
]

_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Nông", "Hà", "Lương", "Triệu", "Đàm", "Ma", "Mông"]
_MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thế", "Ngọc", "Xuân", "Tiến"]
_MIDDLE_F = ["Thị", "Thị", "Thu", "Ngọc", "Thanh", "Phương", "Kim", "Hồng", "Bích", "Mai"]
_GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Mạnh", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Toàn", "Tuấn", "Việt", "Vượng", "Đạt"]
_GIVEN_F = ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Liên", "Linh", "Loan", "Nga", "Ngân", "Nhung", "Oanh", "Phượng", "Thảo", "Yến"]

_POSITIONS_LEAD = ["Giám đốc", "Phó Giám đốc", "Phó Giám đốc", "Phó Giám đốc"]
_POSITIONS_UNIT = ["Trưởng phòng", "Phó Trưởng phòng"]
_POSITIONS_STAFF = ["Chuyên viên", "Chuyên viên chính", "Chuyên viên", "Kỹ sư", "Kế toán viên", "Nhân viên"]


def _people(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """Distinct fictional (full name, gender) pairs."""
    seen: set[str] = set()
    people = []
    while len(people) < count:
        female = rng.random() < 0.48
        name = " ".join(
            [
                rng.choice(_FAMILY),
                rng.choice(_MIDDLE_F if female else _MIDDLE_M),
                rng.choice(_GIVEN_F if female else _GIVEN_M),
            ]
        )
        if name not in seen:
            seen.add(name)
            people.append((name, "Nữ" if female else "Nam"))
    return people


def staff_records(unit_ids: dict[str, int], seed: int = 2019) -> list[Staff]:
    """The demo staff, deterministic for a seed; every fifth name arrives as NFD, like a pasted list."""
    rng = random.Random(seed)
    total = sum(n for _, n in UNITS)
    people = _people(rng, total)
    # The signer and one searchable name from the spec are fixed.
    people[0] = ("Hoàng Văn Thắng", "Nam")
    people[5] = ("Đặng Thị Hương", "Nữ")
    records = []
    index = 0
    for unit, count in UNITS:
        for k in range(count):
            name, gender = people[index]
            index += 1
            if unit == "Ban Giám đốc":
                position = _POSITIONS_LEAD[k]
            elif k < 2:
                heads = ["Chi cục trưởng", "Phó Chi cục trưởng"]
                position = heads[k] if unit.startswith("Chi cục") else _POSITIONS_UNIT[k]
            else:
                position = rng.choice(_POSITIONS_STAFF)
            birth = dt.date(rng.randint(1966, 1998), rng.randint(1, 12), rng.randint(1, 28))
            recruited_year = min(2024, birth.year + rng.randint(22, 30))
            recruited = dt.date(recruited_year, rng.choice([3, 7, 9, 10]), 1)
            shown = unicodedata.normalize("NFD", name) if index % 5 == 0 else name
            records.append(
                Staff(
                    id=None,
                    code=f"CB{index:03d}",
                    full_name=shown,
                    birth_date=birth,
                    gender=gender,
                    position=position,
                    unit_id=unit_ids[unit],
                    recruited_on=recruited,
                )
            )
    # One person who left, so the register shows the "Ngừng theo dõi" state.
    records[-1] = dataclasses.replace(records[-1], active=False, note="Chuyển công tác 2025")
    return records


def build(db: Database) -> dict[str, int]:
    """Settings, units and staff of the demo office; returns unit name → id."""
    with db.atomic():
        settings_db.save_settings(db, SETTINGS)
        unit_ids = {
            name: units_db.add_unit(db, Unit(id=None, name=name, sort_order=i))
            for i, (name, _) in enumerate(UNITS)
        }
        staff_db.add_many(db, staff_records(unit_ids))
    return unit_ids
