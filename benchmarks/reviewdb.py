"""Build the review benchmark databases (ratings, awards, initiatives, proposals, an open council meeting), cached.

``build_review(20_000, 10)`` is the large office of the review targets; ``build_review(2_000, 15)`` the realistic
one. Files live in the benchmark cache (``bigdb.CACHE``), keyed by size and by a hash of the migrations and this
generator, so a stale file is never used. Each person has a rating for every year (HTXS/HTT/HT/KHT mix, about 1 %
with discipline), initiatives, Lao động tiên tiến, Giấy khen and Chiến sĩ thi đua cơ sở awards for the past years,
units are rated, and the year under review has proposals and an open council meeting with votes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bigdb import CACHE, random_name

from tdkt_desktop.db.connection import open_database
from tdkt_desktop.demo.office import UNITS
from tdkt_desktop.text import fold

REVIEW_YEAR = 2025


def schema_key() -> str:
    """Changes when the migrations or this generator change."""
    root = Path(__file__).resolve().parent.parent / "tdkt_desktop" / "db"
    digest = hashlib.sha256()
    for path in sorted(root.glob("migrations*.py")) + [Path(__file__).resolve()]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def build_review(staff_count: int = 20_000, years: int = 10, seed: int = 7) -> Path:
    """The cached review database (about 1 s per 5,000 staff to build the first time)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"review-{staff_count}-{years}-{schema_key()}.sqlite"
    if path.exists():
        return path
    for old in CACHE.glob(f"review-{staff_count}-{years}-*.sqlite"):
        old.unlink()
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    open_database(tmp).close()  # the schema, through the app's own migrations
    conn = sqlite3.connect(tmp)
    with conn:
        _fill(conn, staff_count, REVIEW_YEAR - years + 1, random.Random(seed))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")  # one file: copies need no -wal beside them
    conn.execute("ANALYZE")
    conn.close()
    tmp.rename(path)
    return path


def _fill(conn: sqlite3.Connection, n: int, first_year: int, rng: random.Random) -> None:
    for key, value in (("office_name", "Sở Khoa học và Công nghệ (dữ liệu thử tải)"), ("place_name", "Cao Bằng"),
                       ("signer_name", "Hoàng Văn Thắng"), ("signer_title", "Giám đốc"),
                       ("working_year", str(REVIEW_YEAR))):
        conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", [key, value])
    unit_ids = [conn.execute("INSERT INTO units (name, fold, sort_order) VALUES (?, ?, ?)",
                             [name, fold(name), i]).lastrowid for i, (name, _size) in enumerate(UNITS)]
    staff = []
    for i in range(1, n + 1):
        name = random_name(rng)
        staff.append((
            i, f"CB{i:06d}", name, fold(name),
            dt.date(rng.randint(1965, 1999), rng.randint(1, 12), rng.randint(1, 28)).isoformat(),
            "Nữ" if " Thị " in name else "Nam", rng.choice(["Chuyên viên", "Chuyên viên chính", "Kỹ sư", "Kế toán"]),
            rng.choice(unit_ids), f"{rng.randint(1990, first_year)}-09-01", 0 if rng.random() < 0.03 else 1,
        ))
    conn.executemany(
        "INSERT INTO staff (id, code, full_name, fold, birth_date, gender, position, unit_id, recruited_on, active) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", staff,
    )
    decisions = {
        year: conn.execute(
            "INSERT INTO decisions (number, issued_on, year, issuer, signer_name, signer_title) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [f"{100 + year - first_year}/QĐ-SKHCN", f"{year}-12-20", year, "Sở Khoa học và Công nghệ",
             "Hoàng Văn Thắng", "Giám đốc"],
        ).lastrowid
        for year in range(first_year, REVIEW_YEAR)
    }
    ratings, initiatives, awards = [], [], []
    for sid in range(1, n + 1):
        for year in range(first_year, REVIEW_YEAR + 1):
            rating = rng.choices(["HTXS", "HTT", "HT", "KHT"], [15, 75, 8, 2])[0]
            discipline = "khien_trach" if rng.random() < 0.01 else ""
            ratings.append((sid, year, rating, discipline))
            has_initiative = rng.random() < 0.12
            if has_initiative:
                scope = rng.choices(["co_so", "bo_tinh", "toan_quoc"], [85, 13, 2])[0]
                initiatives.append((sid, year, f"Sáng kiến cải tiến quy trình số {sid}/{year}", scope))
            if year == REVIEW_YEAR or discipline or rating not in ("HTXS", "HTT"):
                continue  # the year under review has no decisions yet
            awards.append((decisions[year], "lao_dong_tien_tien", sid, year, sid))
            if rng.random() < 0.2:
                awards.append((decisions[year], "giay_khen", sid, year, sid))
            if rating == "HTXS" and has_initiative:
                awards.append((decisions[year], "chien_si_thi_dua_co_so", sid, year, sid))
    conn.executemany("INSERT INTO ratings (staff_id, year, rating, discipline) VALUES (?, ?, ?, ?)", ratings)
    conn.executemany("INSERT INTO initiatives (staff_id, year, title, scope) VALUES (?, ?, ?, ?)", initiatives)
    conn.executemany("INSERT INTO awards (decision_id, award_type, staff_id, year, position) VALUES (?, ?, ?, ?, ?)",
                     awards)
    conn.executemany(
        "INSERT INTO unit_ratings (unit_id, year, rating) VALUES (?, ?, ?)",
        [(u, y, rng.choice(["HTXS", "HTT", "HTT"])) for u in unit_ids for y in range(first_year, REVIEW_YEAR + 1)],
    )
    _review(conn, rng, [r for r in ratings if r[1] == REVIEW_YEAR], len(unit_ids))


def _review(conn: sqlite3.Connection, rng: random.Random, ratings: list[tuple], units: int) -> None:
    """Proposals of the year under review, council members and an open meeting with votes."""
    proposals = []
    for sid, _year, rating, discipline in ratings:
        if discipline or rating not in ("HTXS", "HTT"):
            continue
        if rng.random() < 0.6:
            proposals.append((REVIEW_YEAR, "lao_dong_tien_tien", sid))
        if rating == "HTXS" and rng.random() < 0.5:
            proposals.append((REVIEW_YEAR, "chien_si_thi_dua_co_so", sid))
    conn.executemany("INSERT INTO proposals (year, award_type, staff_id) VALUES (?, ?, ?)", proposals)
    conn.executemany("INSERT INTO proposals (year, award_type, unit_id) VALUES (?, 'tap_the_lao_dong_tien_tien', ?)",
                     [(REVIEW_YEAR, u) for u in range(1, units + 1, 2)])
    roles = ["chu_tich", "pho_chu_tich", "pho_chu_tich", "uy_vien_thuong_truc", "uy_vien", "uy_vien", "uy_vien",
             "uy_vien", "thu_ky"]
    for order, role in enumerate(roles, start=1):
        name = conn.execute("SELECT full_name FROM staff WHERE id = ?", [order]).fetchone()[0]
        conn.execute(
            "INSERT INTO council_members (id, full_name, fold, role, position, staff_id, sort_order) "
            "VALUES (?, ?, ?, ?, 'Lãnh đạo', ?, ?)", [order, name, fold(name), role, order, order],
        )
    meeting = conn.execute(
        "INSERT INTO council_meetings (year, held_on, place, secret_ballot, status) "
        "VALUES (?, '2025-12-22', 'Phòng họp tầng 2', 1, 'dang_hop')", [REVIEW_YEAR],
    ).lastrowid
    conn.executemany("INSERT INTO council_attendance (meeting_id, member_id) VALUES (?, ?)",
                     [(meeting, m) for m in range(1, len(roles) + 1)])
    voted = [r[0] for r in conn.execute(
        "SELECT id FROM proposals WHERE award_type = 'chien_si_thi_dua_co_so' ORDER BY id LIMIT 300")]
    conn.executemany("INSERT INTO council_votes (meeting_id, proposal_id, votes_for) VALUES (?, ?, ?)",
                     [(meeting, pid, rng.randint(5, 9)) for pid in voted])


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["20000x10"]:
        count, _, span = arg.partition("x")
        print(build_review(int(count), int(span or 10)))
