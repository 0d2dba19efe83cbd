"""A small bloc for tests: five members, a year-end meeting, two criteria; helpers to read the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tdkt_desktop.db import bloc_meetings as meetings_db
from tdkt_desktop.db import bloc_scores as scores_db
from tdkt_desktop.db import blocs as blocs_db
from tdkt_desktop.db.bloc_records import Bloc, BlocMeeting, BlocMember, Criterion
from tdkt_desktop.services import blocs as bloc_service

MEMBERS = ["Sở Nội vụ", "Sở Khoa học và Công nghệ", "Sở Tài chính", "Sở Y tế", "Ban Dân tộc tỉnh"]


def small_bloc(db, *, year: int = 2025) -> dict:
    """A provincial bloc with five members (the second is the office), a year-end meeting and two criteria."""
    bloc_id = bloc_service.save_bloc(db, Bloc(id=None, name="Khối thi đua Văn hóa – Xã hội", level="tinh",
                                              governing_body="UBND TỈNH CAO BẰNG", place_name="Cao Bằng",
                                              council="Hội đồng Thi đua - Khen thưởng tỉnh Cao Bằng"))
    ids = [blocs_db.save_member(db, BlocMember(None, bloc_id, name, is_self=i == 1)) for i, name in enumerate(MEMBERS)]
    meeting_id = meetings_db.save_meeting(db, BlocMeeting(None, bloc_id, year, "tong_ket", dt.date(year, 12, 20),
                                                          place="Cao Bằng", host_id=ids[1],
                                                          chair="Hoàng Văn Thắng – Giám đốc Sở, Trưởng Khối"))
    for code, most in (("TC1", 60), ("TC2", 40)):
        scores_db.save_criterion(db, Criterion(None, bloc_id, year, code, f"Nội dung {code}", Decimal(most)))
    criteria = {c.code: c.id for c in scores_db.list_criteria(db, bloc_id, year)}
    return {"bloc_id": bloc_id, "members": ids, "meeting_id": meeting_id, "criteria": criteria, "year": year}


def snapshot(db) -> dict:
    """Every bloc table's rows (to prove a refused action changed nothing)."""
    tables = [t for t in db.table_names() if t.startswith("bloc")] + ["audit_log"]
    return {t: list(db.query(f"SELECT * FROM [{t}]")) for t in tables}
