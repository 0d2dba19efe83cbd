"""Import a generated 5,000-row workbook (staff, ratings, initiatives, awards); print rows/s and time.

Target (ARCHITECTURE.md): < 5 s for 5,000 rows, every bad row reported. Also times the check of
the same file with one bad row per 100 (nothing written) and the export of the result.
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

STAFF, RATING_YEARS, INITIATIVES = 800, 3, 200
AWARDS = 5000 - STAFF - STAFF * RATING_YEARS - INITIATIVES  # = 1,600


def make_workbook(path: Path, *, bad_every: int = 0) -> int:
    """Write the benchmark workbook; returns its number of data rows."""
    from openpyxl import Workbook

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bigdb import random_name

    rng = random.Random(5000)
    book = Workbook()
    book.remove(book.active)
    staff = book.create_sheet("Cán bộ")
    staff.append(["Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Đơn vị", "Ngày tuyển dụng"])
    codes = [f"{i:05d}" for i in range(1, STAFF + 1)]
    for code in codes:
        staff.append([code, random_name(rng), f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1965, 1998)}",
                      rng.choice(["Nam", "Nữ"]), "Chuyên viên", rng.choice(UNITS)[0], "01/09/2015"])
    ratings = book.create_sheet("Xếp loại")
    ratings.append(["Mã cán bộ", "Năm", "Xếp loại", "Kỷ luật"])
    n = 0
    for code in codes:
        for year in range(2023, 2023 + RATING_YEARS):
            n += 1
            bad = bad_every and n % bad_every == 0
            ratings.append([code, year, "Giỏi" if bad else rng.choice(["HTXS", "HTT", "Hoàn thành tốt nhiệm vụ", "HT"]), None])
    initiatives = book.create_sheet("Sáng kiến")
    initiatives.append(["Mã cán bộ", "Năm", "Tên sáng kiến", "Phạm vi"])
    for i in range(INITIATIVES):
        initiatives.append([rng.choice(codes), 2024, f"Sáng kiến cải tiến quy trình số {i + 1}", "Cơ sở"])
    awards = book.create_sheet("Khen thưởng")
    awards.append(["Mã cán bộ", "Năm", "Danh hiệu/Hình thức", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"])
    given = 0
    for year in range(2023, 2026):
        for code in codes:
            if given >= AWARDS:
                break
            given += 1
            awards.append([code, year, "LĐTT" if given % 7 else "Chiến sĩ thi đua cơ sở", f"{year - 2000}/QĐ-SKHCN",
                           f"15/01/{year + 1}", "Sở Khoa học và Công nghệ"])
    book.save(path)
    return STAFF + n + INITIATIVES + given


def run() -> list[str]:
    """Lines to print."""
    from tdkt_desktop.importing.exporter import export_workbook
    from tdkt_desktop.importing.importer import check_file, import_file

    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        good, bad = Path(tmp) / "good.xlsx", Path(tmp) / "bad.xlsx"
        rows = make_workbook(good)
        make_workbook(bad, bad_every=100)
        db = open_memory()
        start = time.perf_counter()
        plan = import_file(db, good)
        elapsed = time.perf_counter() - start
        assert plan.ok, plan.issues[:3]
        lines.append(
            f"import {rows} rows: {elapsed:.2f} s, {rows / elapsed:,.0f} rows/s "
            f"({'OK' if elapsed < 5 else 'OVER'} target < 5 s)"
        )
        start = time.perf_counter()
        again = import_file(db, good)
        lines.append(f"re-import same file (idempotent, {again.changes} changes): {time.perf_counter() - start:.2f} s")
        fresh = open_memory()
        start = time.perf_counter()
        checked = check_file(fresh, bad)
        lines.append(
            f"check file with {len(checked.issues)} bad rows (nothing written): {time.perf_counter() - start:.2f} s"
        )
        start = time.perf_counter()
        export_workbook(db, Path(tmp) / "out.xlsx")
        lines.append(f"export {rows} rows: {time.perf_counter() - start:.2f} s")
    return lines


if __name__ == "__main__":
    for line in run():
        print(line)
