"""Build a large synthetic database (20,000 staff, 200,000 awards) for the benchmarks, once per size."""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tdkt_desktop.db.connection import open_database
from tdkt_desktop.demo.office import _FAMILY, _GIVEN_F, _GIVEN_M, _MIDDLE_F, _MIDDLE_M, UNITS
from tdkt_desktop.text import fold

CACHE = Path(tempfile.gettempdir()) / "tdkt-bench"


def random_name(rng: random.Random) -> str:
    """A plausible Vietnamese full name."""
    female = rng.random() < 0.5
    return " ".join(
        [
            rng.choice(_FAMILY),
            rng.choice(_MIDDLE_F if female else _MIDDLE_M),
            rng.choice(_MIDDLE_F if female else _MIDDLE_M) if rng.random() < 0.3 else "",
            rng.choice(_GIVEN_F if female else _GIVEN_M),
        ]
    ).replace("  ", " ")


def build(staff_count: int = 20_000, years: int = 10, seed: int = 7) -> Path:
    """A database with ``staff_count`` staff and ``staff_count × years`` awards (cached by size)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"big-{staff_count}-{years}.sqlite"
    if path.exists():
        return path
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    rng = random.Random(seed)
    db = open_database(tmp)
    with db.atomic():
        db["settings"].insert({"key": "office_name", "value": "Sở Khoa học và Công nghệ (dữ liệu thử tải)"})
        unit_ids = [
            db["units"].insert({"name": name, "fold": fold(name), "sort_order": i}).last_pk
            for i, (name, _) in enumerate(UNITS)
        ]
        staff = []
        for i in range(staff_count):
            name = random_name(rng)
            staff.append(
                {
                    "id": i + 1,
                    "code": f"CB{i + 1:05d}",
                    "full_name": name,
                    "fold": fold(name),
                    "birth_date": dt.date(rng.randint(1965, 1999), rng.randint(1, 12), rng.randint(1, 28)).isoformat(),
                    "gender": "Nữ" if " Thị " in name else "Nam",
                    "position": "Chuyên viên",
                    "unit_id": rng.choice(unit_ids),
                    "recruited_on": "2015-09-01",
                }
            )
        db["staff"].insert_all(staff, batch_size=2000)
        if not db["award_types"].count_where("code = 'lao_dong_tien_tien'"):
            db["award_types"].insert(
                {"code": "lao_dong_tien_tien", "name": "Lao động tiên tiến", "kind": "danh_hieu", "target": "ca_nhan"}
            )
        first_year = 2025 - years + 1
        for k, year in enumerate(range(first_year, 2026)):
            db["decisions"].insert(
                {"id": k + 1, "number": f"{100 + k}/QĐ-SKHCN", "issued_on": f"{year}-12-20", "year": year, "issuer": "SKHCN"}
            )
        awards = (
            {"decision_id": k + 1, "award_type": "lao_dong_tien_tien", "staff_id": s + 1, "year": first_year + k, "position": s}
            for k in range(years)
            for s in range(staff_count)
        )
        db["awards"].insert_all(awards, batch_size=5000)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    tmp.rename(path)
    return path


if __name__ == "__main__":
    print(build())
