"""Eligibility for a whole office: 1,000 staff with 10 years of history, one year evaluated (target < 1 s).

The time includes loading every history from the database file (six queries) and evaluating every
individual and collective award of the year's rule set.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tdkt_desktop.db.connection import open_database
from tdkt_desktop.demo.office import UNITS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import Row

STAFF = 1000
YEARS = range(2017, 2027)  # 10 years; 2026 is the year under review
TARGET_S = 1.0


def build(path: Path) -> None:
    """A synthetic office: 8 units, 1,000 people, ratings, initiatives and awards for 10 years."""
    rng = random.Random(1000)
    db = open_database(path)
    with db.atomic():
        db["units"].insert_all(
            {"id": i + 1, "name": name, "fold": name.lower(), "sort_order": i} for i, (name, _n) in enumerate(UNITS)
        )
        db["staff"].insert_all(
            {
                "id": i, "code": f"NV{i:05d}", "full_name": f"Nguyễn Văn {i}", "fold": f"nguyen van {i}",
                "gender": rng.choice(["Nam", "Nữ"]), "unit_id": rng.randint(1, len(UNITS)),
                "recruited_on": f"{rng.randint(1990, 2016)}-{rng.randint(1, 12):02d}-01",
            }
            for i in range(1, STAFF + 1)
        )
        db["decisions"].insert_all(
            {"id": y, "number": f"{y}/QĐ-SKHCN", "issued_on": f"{y + 1}-01-15", "year": y + 1, "issuer": "Sở"}
            for y in YEARS
        )
        ratings, initiatives, awards = [], [], []
        for sid in range(1, STAFF + 1):
            for y in YEARS:
                rating = rng.choices(["HTXS", "HTT", "HT", "KHT"], [15, 75, 8, 2])[0]
                discipline = "khien_trach" if rng.random() < 0.01 else ""
                ratings.append({"staff_id": sid, "year": y, "rating": rating, "discipline": discipline})
                if rng.random() < 0.1:
                    initiatives.append({"staff_id": sid, "year": y, "title": f"Sáng kiến {sid}/{y}",
                                        "scope": rng.choices(["co_so", "bo_tinh", "toan_quoc"], [85, 13, 2])[0]})
                if y == YEARS[-1]:
                    continue  # the year under review has no decisions yet
                if rating in ("HTXS", "HTT") and not discipline:
                    line = {"decision_id": y, "staff_id": sid, "year": y}
                    awards.append({**line, "award_type": "lao_dong_tien_tien"})
                    if rating == "HTXS":
                        awards.append({**line, "award_type": "chien_si_thi_dua_co_so"})
                    if rng.random() < 0.03:
                        awards.append({**line, "award_type": "bang_khen_cap_tinh"})
        db["ratings"].insert_all(ratings, batch_size=1000)
        db["initiatives"].insert_all(initiatives, batch_size=1000)
        db["awards"].insert_all(awards, batch_size=1000)
        db["unit_ratings"].insert_all(
            {"unit_id": u, "year": y, "rating": rng.choice(["HTXS", "HTT", "HTT"])}
            for u in range(1, len(UNITS) + 1) for y in YEARS
        )
    db.close()


def run() -> list[Row]:
    """Build the office once, then time five full evaluations of 2026 (median and worst)."""
    from tdkt_desktop.services.eligibility import evaluate_year, load_histories

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "office.sqlite"
        started = time.perf_counter()
        build(path)
        built = time.perf_counter() - started
        db = open_database(path)
        try:
            evaluate_year(db, YEARS[-1])  # warm the rule-set files and SQLite page cache
            loads, totals = [], []
            for _ in range(5):
                t0 = time.perf_counter()
                load_histories(db, YEARS[-1])
                t1 = time.perf_counter()
                result = evaluate_year(db, YEARS[-1])
                t2 = time.perf_counter()
                loads.append(t1 - t0)
                totals.append(t2 - t1)
        finally:
            db.close()
    verdicts = result.all_verdicts()
    return [Row(f"Xét điều kiện {STAFF:,} cán bộ × {len(YEARS)} năm ({len(verdicts):,} kết quả), lần chậm nhất",
                max(totals), "s", TARGET_S, note=f"đọc lịch sử {statistics.median(loads) * 1000:.0f} ms, "
                f"dựng CSDL {built:.1f} s")]


if __name__ == "__main__":
    print("\n".join(r.text() for r in run()))
