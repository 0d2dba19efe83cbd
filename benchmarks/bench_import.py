"""Import a generated workbook (staff, ratings, initiatives, awards): 5,000 rows in process, 50,000 by the command.

Targets: < 5 s for 5,000 rows (ARCHITECTURE.md), every bad row reported; < 10 s and < 300 MiB for the
50,000-row workbook through ``tdkt-desktop import`` (ISSUE 16). Also times the check of a file with one
bad row per 100 (nothing written).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tdkt_desktop.db.connection import open_memory
from tdkt_desktop.demo.office import UNITS

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bigdb import CACHE, random_name, schema_key
from measure import Row

STAFF, RATING_YEARS, INITIATIVES = 800, 3, 200
AWARDS = 5000 - STAFF - STAFF * RATING_YEARS - INITIATIVES  # = 1,600
#: The 50,000-row workbook: 8,000 people, 4 years of ratings, 4,000 initiatives, 6,000 awards.
BIG = {"staff": 8000, "rating_years": 4, "initiatives": 4000, "awards": 6000}


def big_workbook() -> Path:
    """The 50,000-row workbook, written once and cached beside the benchmark databases."""
    path = CACHE / f"import-50000-{schema_key(Path(__file__).resolve())}.xlsx"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        for old in CACHE.glob("import-50000-*.xlsx"):
            old.unlink()
        tmp = path.with_suffix(".tmp.xlsx")
        make_workbook(tmp, **BIG)
        tmp.rename(path)
    return path


def make_workbook(path: Path, *, bad_every: int = 0, staff: int = STAFF, rating_years: int = RATING_YEARS,
                  initiatives: int = INITIATIVES, awards: int | None = None) -> int:
    """Write the benchmark workbook; returns its number of data rows."""
    from openpyxl import Workbook

    awards = AWARDS if awards is None else awards
    rng = random.Random(5000)
    book = Workbook(write_only=True)
    staff_count = staff
    staff = book.create_sheet("Cán bộ")
    staff.append(["Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Đơn vị", "Ngày tuyển dụng"])
    codes = [f"{i:05d}" for i in range(1, staff_count + 1)]
    for code in codes:
        born = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1965, 1998)}"
        staff.append([code, random_name(rng), born, rng.choice(["Nam", "Nữ"]), "Chuyên viên", rng.choice(UNITS)[0],
                      "01/09/2015"])
    ratings = book.create_sheet("Xếp loại")
    ratings.append(["Mã cán bộ", "Năm", "Xếp loại", "Kỷ luật"])
    n = 0
    for code in codes:
        for year in range(2022, 2022 + rating_years):
            n += 1
            bad = bad_every and n % bad_every == 0
            rating = "Giỏi" if bad else rng.choice(["HTXS", "HTT", "Hoàn thành tốt nhiệm vụ", "HT"])
            ratings.append([code, year, rating, None])
    initiative_count = initiatives
    initiatives = book.create_sheet("Sáng kiến")
    initiatives.append(["Mã cán bộ", "Năm", "Tên sáng kiến", "Phạm vi"])
    for i in range(initiative_count):
        initiatives.append([rng.choice(codes), 2024, f"Sáng kiến cải tiến quy trình số {i + 1}", "Cơ sở"])
    award_count = awards
    awards = book.create_sheet("Khen thưởng")
    awards.append(["Mã cán bộ", "Năm", "Danh hiệu/Hình thức", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"])
    given = 0
    for year in range(2023, 2026):
        for code in codes:
            if given >= award_count:
                break
            given += 1
            awards.append([code, year, "LĐTT" if given % 7 else "Chiến sĩ thi đua cơ sở", f"{year - 2000}/QĐ-SKHCN",
                           f"15/01/{year + 1}", "Sở Khoa học và Công nghệ"])
    book.save(path)
    return staff_count + n + initiative_count + given


def run() -> list[Row]:
    """The in-process 5,000-row figures (import, idempotent re-import, check of a bad file)."""
    from tdkt_desktop.importing.importer import check_file, import_file

    with tempfile.TemporaryDirectory() as tmp:
        good, bad = Path(tmp) / "good.xlsx", Path(tmp) / "bad.xlsx"
        rows = make_workbook(good)
        make_workbook(bad, bad_every=100)
        db = open_memory()
        start = time.perf_counter()
        plan = import_file(db, good)
        elapsed = time.perf_counter() - start
        assert plan.ok, plan.issues[:3]
        start = time.perf_counter()
        again = import_file(db, good)
        again_s = time.perf_counter() - start
        start = time.perf_counter()
        checked = check_file(open_memory(), bad)
        check_s = time.perf_counter() - start
    return [
        Row(f"Nhập {rows:,} dòng (trong tiến trình)", elapsed, "s", 5.0),
        Row("Nhập lại cùng tệp (không đổi gì)", again_s, "s", note=f"{again.changes} thay đổi"),
        Row(f"Kiểm tra tệp có {len(checked.issues)} dòng sai", check_s, "s"),
    ]


if __name__ == "__main__":
    for row in run():
        print(row.text())
