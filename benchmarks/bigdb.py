"""Build the benchmark databases (20,000 and 100,000 staff, the 2,000-staff office) once, cached by size and schema."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tdkt_desktop.db.connection import open_database
from tdkt_desktop.demo.office import _FAMILY, _GIVEN_F, _GIVEN_M, _MIDDLE_F, _MIDDLE_M, UNITS
from tdkt_desktop.text import fold

CACHE = Path(tempfile.gettempdir()) / "tdkt-bench"
REVIEW_YEAR = 2025
CERTIFICATE_DECISION = "999/QĐ-SKHCN"  # the 1,000-line Giấy khen decision the certificate benchmark prints
CERTIFICATES = 1000


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


def schema_key(*builders: Path) -> str:
    """Changes when the schema, the data it is made from or a builder changes, so a stale cached file is never used.

    Hashes every migration module (``tdkt_desktop/db/migrations*.py``), the award catalog the migrations seed,
    the modules the generated rows come from (names and units, the search fold), this module and ``builders``:
    the calling generator modules (reviewdb, bench_import).
    """
    root = Path(__file__).resolve().parent.parent
    sources = sorted((root / "tdkt_desktop" / "db").glob("migrations*.py"))
    sources += [root / "resources" / "award_catalog.json", root / "tdkt_desktop" / "demo" / "office.py",
                root / "tdkt_desktop" / "text.py", Path(__file__).resolve(), *builders]
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def cached(kind: str, staff_count: int, years: int, fill: Callable[[sqlite3.Connection], None],
           *builders: Path) -> Path:
    """The cache file ``kind-staff_count-years-key.sqlite``; built through the app's migrations and ``fill`` if missing.

    ``builders`` are the generator modules beyond this one that ``fill`` runs (they join the schema key).
    """
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{kind}-{staff_count}-{years}-{schema_key(*builders)}.sqlite"
    if path.exists():
        return path
    for old in CACHE.glob(f"{kind}-{staff_count}-{years}-*.sqlite"):  # an older schema's file is of no use now
        old.unlink()
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    open_database(tmp).close()  # the schema, through the app's own migrations
    conn = sqlite3.connect(tmp)
    with conn:
        fill(conn)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")  # one file: copies of it need no -wal beside them
    conn.execute("ANALYZE")
    conn.close()
    tmp.rename(path)
    return path


def build(staff_count: int = 20_000, years: int = 10, seed: int = 7) -> Path:
    """The cached database with ``staff_count`` staff and ``years`` years up to 2025 (about 1 s per 6,000 staff).

    Every page of the window has real work to show: 10 years of ratings (2016–2025; the realistic office 15),
    initiatives, about ten awards per person (2016–2024), unit ratings, a 1,000-line Giấy khen decision
    (certificates), the 2025 proposals and an open council meeting with votes.
    """
    return cached("big", staff_count, years, lambda conn: fill(
        conn, staff_count, REVIEW_YEAR - years + 1, random.Random(seed), certificates=CERTIFICATES))


def fill(conn: sqlite3.Connection, n: int, first_year: int, rng: random.Random, *, certificates: int = 0,
         working_year: int | None = None, unit_proposals: bool = False) -> None:
    """Rows for ``n`` staff rated from ``first_year`` to 2025, their awards up to 2024 and the 2025 review.

    Args:
        certificates: when not 0, the 2024 Giấy khen are one decision (``CERTIFICATE_DECISION``) of this many
            lines, the certificates the certificate benchmark prints, instead of lines of the yearly decision.
        working_year: stored as the office's working year when given (the window then opens on it).
        unit_proposals: every other unit is also proposed for Tập thể lao động tiên tiến in 2025.
    """
    settings = {"office_name": "Sở Khoa học và Công nghệ (dữ liệu thử tải)", "place_name": "Cao Bằng",
                "signer_name": "Hoàng Văn Thắng", "signer_title": "Giám đốc"}
    if working_year is not None:
        settings["working_year"] = str(working_year)
    conn.executemany("INSERT OR REPLACE INTO settings VALUES (?, ?)", list(settings.items()))
    unit_ids = [conn.execute("INSERT INTO units (name, fold, sort_order) VALUES (?, ?, ?)",
                             [name, fold(name), i]).lastrowid for i, (name, _size) in enumerate(UNITS)]
    staff = []  # each recruited no later than the first year rated
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
            if not (certificates and year == 2024) and rng.random() < 0.2:
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
    if certificates:
        _certificates(conn, certificates)
    _review(conn, rng, [r for r in ratings if r[1] == REVIEW_YEAR], unit_ids[::2] if unit_proposals else [])


def _certificates(conn: sqlite3.Connection, count: int) -> None:
    """The 2024 Giấy khen decision with ``count`` lines (staff 1 to ``count``)."""
    certificate = conn.execute(
        "INSERT INTO decisions (number, issued_on, year, issuer, signer_name, signer_title, kind) "
        "VALUES (?, '2024-12-27', 2024, 'Sở Khoa học và Công nghệ', 'Hoàng Văn Thắng', 'Giám đốc', 'hang_nam')",
        [CERTIFICATE_DECISION],
    ).lastrowid
    conn.executemany(
        "INSERT INTO awards (decision_id, award_type, staff_id, year, position, reason) "
        "VALUES (?, 'giay_khen', ?, 2024, ?, ?)",
        [(certificate, sid, sid, "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024")
         for sid in range(1, count + 1)],
    )


def _review(conn: sqlite3.Connection, rng: random.Random, ratings: list[tuple], proposed_units: list[int]) -> None:
    """2025 proposals (LĐTT for most who qualify, CSTĐCS for the best), council members and an open meeting."""
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
                     [(REVIEW_YEAR, u) for u in proposed_units])
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
    council = [r[0] for r in conn.execute(
        "SELECT id FROM proposals WHERE award_type = 'chien_si_thi_dua_co_so' ORDER BY id LIMIT 300")]
    conn.executemany("INSERT INTO council_votes (meeting_id, proposal_id, votes_for) VALUES (?, ?, ?)",
                     [(meeting, pid, rng.randint(5, 9)) for pid in council])


if __name__ == "__main__":
    for size in map(int, sys.argv[1:] or ["20000"]):
        print(build(size))
