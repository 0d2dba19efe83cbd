"""Bloc ranking and ballot tally: 30 members × 40 criteria, and a 30-voter ballot (target < 50 ms together).

The time includes reading criteria, scores, ballots and candidates from a database file, the exact
totals, the competition ranking and the tally, as the scoring page and the projector do on each change.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tdkt_desktop.db import bloc_meetings as meetings_db
from tdkt_desktop.db import blocs as blocs_db
from tdkt_desktop.db.bloc_records import Bloc, BlocMeeting, BlocMember
from tdkt_desktop.db.connection import open_database
from tdkt_desktop.services import blocs as bloc_service

MEMBERS = 30
CRITERIA = 40
YEAR = 2025
TARGET_S = 0.050


def build(path: Path) -> tuple[int, int]:
    """A bloc of 30 members, 40 criteria scored by every member and the bloc, and one counted ballot."""
    rng = random.Random(30)
    db = open_database(path)
    bloc_id = bloc_service.save_bloc(db, Bloc(id=None, name="Khối thi đua thử nghiệm", level="tinh"))
    members = [blocs_db.save_member(db, BlocMember(None, bloc_id, f"Đơn vị thành viên số {i + 1}"))
               for i in range(MEMBERS)]
    with db.atomic():
        db["bloc_criteria"].insert_all(
            {"bloc_id": bloc_id, "year": YEAR, "code": f"TC{i + 1}", "fold_code": f"tc{i + 1}",
             "content": f"Tiêu chí {i + 1}", "max_points": "10", "kind": "tieu_chi", "position": i + 1}
            for i in range(CRITERIA)
        )
        ids = [r[0] for r in db.execute("SELECT id FROM bloc_criteria WHERE bloc_id = ?", [bloc_id]).fetchall()]
        db["bloc_scores"].insert_all(
            {"criterion_id": c, "member_id": m, "self_score": str(Decimal(rng.randint(14, 20)) / 2),
             "agreed_score": str(Decimal(rng.randint(12, 20)) / 2)}
            for c in ids for m in members
        )
    meeting_id = meetings_db.save_meeting(db, BlocMeeting(None, bloc_id, YEAR, "tong_ket", dt.date(YEAR, 12, 20)))
    round_id = bloc_service.open_round(db, meeting_id, "co_bo_tinh", members, seats=3, max_choices=3)
    bloc_service.issue_to_present(db, round_id)
    votes = {m: rng.randint(0, 3) for m in members}
    bloc_service.record_count(db, round_id, MEMBERS, MEMBERS, 0, votes)
    db.close()
    return bloc_id, round_id


def run() -> list[str]:
    """Build once, then time twenty ranking + tally passes (median and worst)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bloc.sqlite"
        bloc_id, round_id = build(path)
        db = open_database(path)
        try:
            bloc_service.ranking(db, bloc_id, YEAR)  # warm the page cache
            ranks, tallies, totals = [], [], []
            for _ in range(20):
                t0 = time.perf_counter()
                rows = bloc_service.ranking(db, bloc_id, YEAR)
                t1 = time.perf_counter()
                result = bloc_service.round_result(db, round_id)
                t2 = time.perf_counter()
                ranks.append(t1 - t0), tallies.append(t2 - t1), totals.append(t2 - t0)
        finally:
            db.close()
    median, worst = statistics.median(totals), max(totals)
    status = "ĐẠT" if worst < TARGET_S else "KHÔNG ĐẠT"
    ties = sum(r.tied for r in rows)
    return [
        f"Khối thi đua: {MEMBERS} đơn vị × {CRITERIA} tiêu chí ({MEMBERS * CRITERIA} ô điểm, {ties} đơn vị bằng điểm), "
        f"lượt bỏ phiếu {len(result.candidates)} ứng viên",
        f"  xếp hạng: trung vị {statistics.median(ranks) * 1000:.1f} ms; kiểm phiếu: trung vị "
        f"{statistics.median(tallies) * 1000:.1f} ms",
        f"  cộng lại: trung vị {median * 1000:.1f} ms, chậm nhất {worst * 1000:.1f} ms "
        f"(mục tiêu < {TARGET_S * 1000:.0f} ms: {status}; {worst / TARGET_S:.2f} ngân sách)",
    ]


if __name__ == "__main__":
    print("\n".join(run()))
