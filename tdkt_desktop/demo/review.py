"""Demo review data: the Sở's council (with Công đoàn and Chi đoàn), unit ratings, 2026 ratings in
progress, and a finished 2025 council meeting whose higher-level proposals went to the province."""

from __future__ import annotations

import datetime as dt
import random

from sqlite_utils import Database

from tdkt_desktop.db import review, review_council
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db.award_records import Rating, UnitRating
from tdkt_desktop.db.review_records import CouncilMeeting, CouncilMember
from tdkt_desktop.services import council as council_service

#: (staff code, council role, title shown in the minutes); DOMAIN §7 and §13.2.
COUNCIL = [
    ("CB001", "chu_tich", "Giám đốc Sở"),
    ("CB002", "pho_chu_tich", "Phó Giám đốc Sở"),
    ("CB004", "pho_chu_tich", "Phó Giám đốc Sở, Chủ tịch Công đoàn cơ quan"),
    ("CB005", "uy_vien_thuong_truc", "Chánh Văn phòng Sở"),
    ("CB015", "uy_vien", "Chánh Thanh tra Sở"),
    ("CB020", "uy_vien", "Trưởng phòng Quản lý khoa học"),
    ("CB021", "uy_vien", "Phó Trưởng phòng Quản lý khoa học, Bí thư Chi đoàn Thanh niên"),
    ("CB016", "uy_vien", "Phó Chánh Thanh tra Sở, Trưởng ban Nữ công"),
    ("CB006", "thu_ky", "Phó Chánh Văn phòng Sở, phụ trách công tác thi đua, khen thưởng"),
]
REVIEW_YEAR = 2026


def build(db: Database) -> None:
    """Council members, unit ratings 2021–2026, 2026 staff ratings, and the 2025 meeting."""
    rng = random.Random(2026)
    staff = {s.code: s for s in staff_db.list_staff(db)}
    for order, (code, role, title) in enumerate(COUNCIL):
        person = staff.get(code)
        if person is None:
            continue
        review_council.save_member(db, CouncilMember(
            id=None, full_name=person.full_name, role=role, position=title, staff_id=person.id, sort_order=order,
        ))
    _unit_ratings(db, rng)
    _ratings_2026(db, rng, staff)
    _meeting_2025(db)


def _unit_ratings(db: Database, rng: random.Random) -> None:
    """Past years follow the collective titles actually given; 2026 is being rated now."""
    given = {
        (r[0], r[1]): r[2]
        for r in db.execute(
            "SELECT unit_id, year, group_concat(award_type) FROM awards "
            "WHERE unit_id IS NOT NULL GROUP BY unit_id, year"
        ).fetchall()
    }
    units = [r[0] for r in db.execute("SELECT id FROM units WHERE kind = 'noi_bo' ORDER BY sort_order, id")]
    for unit_id in units:
        for year in range(2021, REVIEW_YEAR + 1):
            codes = given.get((unit_id, year), "")
            if "tap_the_lao_dong_xuat_sac" in codes:
                rating = "HTXS"
            elif "tap_the_lao_dong_tien_tien" in codes:
                rating = "HTT"
            elif year == REVIEW_YEAR:
                rating = rng.choice(["HTXS", "HTT", "HTT", "HTT"])
            else:
                rating = "HT"
            review.set_unit_rating(db, UnitRating(unit_id=unit_id, year=year, rating=rating))


def _ratings_2026(db: Database, rng: random.Random, staff: dict) -> None:
    from tdkt_desktop.db import ratings as ratings_db

    last = {r[0]: r[1] for r in db.execute("SELECT staff_id, rating FROM ratings WHERE year = ?", [REVIEW_YEAR - 1])}
    rows = []
    for person in staff.values():
        if not person.active:
            continue
        before = last.get(person.id, "HTT")
        roll = rng.random()
        if roll < 0.12:
            rating = "HTXS"
        elif roll < 0.9:
            rating = "HTT" if before != "HTXS" or roll < 0.6 else "HTXS"
        elif roll < 0.97:
            rating = "HT"
        else:
            rating = "KHT"
        rows.append(Rating(id=None, staff_id=person.id, year=REVIEW_YEAR, rating=rating))
    ratings_db.set_ratings(db, rows)


def _meeting_2025(db: Database) -> None:
    """A closed 2025 meeting: the higher-level candidates the engine found, voted and sent upward."""
    from tdkt_desktop.services.eligibility import evaluate_year

    result = evaluate_year(db, 2025)
    rs = result.ruleset
    upward = [
        v for pid in result.people for v in result.person_verdicts[pid].values()
        if v.eligible and v.award not in rs.data["council"]["office_decides"]
        and v.award in ("chien_si_thi_dua_cap_tinh", "bang_khen_cap_tinh")
        and not db["awards"].count_where("staff_id = ? AND award_type = ? AND year = 2025", [v.subject_id, v.award])
    ]
    if not upward or not review_council.list_members(db):
        return
    meeting_id = review_council.open_meeting(db, CouncilMeeting(
        id=None, year=2025, held_on=dt.date(2025, 12, 22), place="Phòng họp tầng 2, Sở Khoa học và Công nghệ",
        secret_ballot=True,
    ))
    absent = review_council.attendance(db, meeting_id)[-2]
    review_council.set_attendance(db, meeting_id, absent.member_id, False, True)
    present, written, total = review_council.head_count(db, meeting_id)
    for v in upward:
        proposal_id = review.propose(db, 2025, v.award, staff_id=v.subject_id)
        review_council.record_vote(db, meeting_id, proposal_id, present + written, 0, 0)
    council_service.close_meeting(db, meeting_id)
    council_service.create_decisions(db, meeting_id, dt.date(2025, 12, 26))
