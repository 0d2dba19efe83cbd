"""Council (Hội đồng TĐKT): members and roles, meetings, attendance, votes, results and decisions."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from tdkt_desktop.db import audit, review
from tdkt_desktop.db.review_records import Attendance, CouncilMeeting, CouncilMember
from tdkt_desktop.errors import NotFoundError, ValidationError
from tdkt_desktop.text import fold, format_date, nfc, one_line
from tdkt_desktop.vocabulary import COUNCIL_ROLES

ROLES = COUNCIL_ROLES  # the name callers use


def _role_order(column: str) -> str:
    """SQL that sorts council roles as vocabulary.COUNCIL_ROLES lists them (chair first, secretary last)."""
    whens = " ".join(f"WHEN '{code}' THEN {i}" for i, code in enumerate(COUNCIL_ROLES))
    return f"CASE {column} {whens} ELSE {len(COUNCIL_ROLES)} END"


# --- members ----------------------------------------------------------------------------------


def _row_to_member(row: dict) -> CouncilMember:
    return CouncilMember(
        id=row["id"], full_name=row["full_name"], role=row["role"], position=row["position"],
        staff_id=row["staff_id"], sort_order=row["sort_order"], active=bool(row["active"]),
    )


def list_members(db: Database, *, include_inactive: bool = False) -> list[CouncilMember]:
    """Members in role order (Chủ tịch first), then sort order."""
    where = "" if include_inactive else " WHERE active = 1"
    order = (
        f" ORDER BY {_role_order('role')}, sort_order, id"
    )
    return [_row_to_member(r) for r in db.query("SELECT * FROM council_members" + where + order)]


def _validate_member(member: CouncilMember) -> dict[str, str]:
    errors = {}
    if not nfc(member.full_name):
        errors["full_name"] = "Họ và tên thành viên Hội đồng không được để trống."
    if member.role not in ROLES:
        errors["role"] = f"Vai trò “{member.role}” không hợp lệ."
    return errors


def save_member(db: Database, member: CouncilMember) -> int:
    """Add (id None) or update a member.

    Raises:
        ValidationError: blank name, unknown role, or a second Chủ tịch.
    """
    errors = _validate_member(member)
    if member.role == "chu_tich" and db["council_members"].count_where(
        "role = 'chu_tich' AND active = 1 AND id != ?", [member.id or 0]
    ):
        errors["role"] = "Hội đồng đã có Chủ tịch; mỗi Hội đồng chỉ có một Chủ tịch."
    if errors:
        raise ValidationError(errors)
    row = {
        "full_name": one_line(member.full_name), "fold": fold(member.full_name),
        "role": member.role, "position": nfc(member.position), "staff_id": member.staff_id,
        "sort_order": member.sort_order, "active": int(member.active),
    }
    with db.atomic():
        if member.id is None:
            member_id = int(db["council_members"].insert(row).last_pk)
            audit.record(db, "them", "council_members", member_id, f"{row['full_name']} — {ROLES[member.role]}")
        else:
            member_id = member.id
            db["council_members"].update(member_id, row)
            audit.record(db, "sua", "council_members", member_id, f"{row['full_name']} — {ROLES[member.role]}")
    return member_id


def remove_member(db: Database, member_id: int) -> None:
    """Take a member off the council (kept for past meetings' records)."""
    with db.atomic():
        db["council_members"].update(member_id, {"active": 0})
        audit.record(db, "an", "council_members", member_id)


# --- meetings ---------------------------------------------------------------------------------


def _row_to_meeting(row: dict) -> CouncilMeeting:
    return CouncilMeeting(
        id=row["id"], year=row["year"], held_on=dt.date.fromisoformat(row["held_on"]), place=row["place"],
        secret_ballot=bool(row["secret_ballot"]), status=row["status"], note=row["note"],
    )


def meetings(db: Database, year: int | None = None) -> list[CouncilMeeting]:
    """Meetings, newest first."""
    where, args = ("", []) if year is None else (" WHERE year = ?", [year])
    rows = db.query(f"SELECT * FROM council_meetings{where} ORDER BY held_on DESC, id DESC", args)
    return [_row_to_meeting(r) for r in rows]


def get_meeting(db: Database, meeting_id: int) -> CouncilMeeting:
    """One meeting.

    Raises:
        NotFoundError: no such meeting.
    """
    rows = list(db.query("SELECT * FROM council_meetings WHERE id = ?", [meeting_id]))
    if not rows:
        raise NotFoundError(f"Không tìm thấy cuộc họp Hội đồng số {meeting_id}.")
    return _row_to_meeting(rows[0])


def open_meeting(db: Database, meeting: CouncilMeeting) -> int:
    """Create a meeting; every active member is recorded as present until marked otherwise.

    Raises:
        ValidationError: the council has no members.
    """
    members = list_members(db)
    if not members:
        raise ValidationError({"members": "Hội đồng chưa có thành viên; hãy thêm thành viên trước khi họp."})
    with db.atomic():
        meeting_id = int(db["council_meetings"].insert({
            "year": meeting.year, "held_on": meeting.held_on.isoformat(), "place": nfc(meeting.place),
            "secret_ballot": int(meeting.secret_ballot), "status": "dang_hop", "note": nfc(meeting.note),
        }).last_pk)
        db["council_attendance"].insert_all(
            {"meeting_id": meeting_id, "member_id": m.id, "present": 1, "written_opinion": 0} for m in members
        )
        audit.record(db, "them", "council_meetings", meeting_id,
                     f"năm {meeting.year}, ngày {format_date(meeting.held_on)}")
    return meeting_id


def set_secret_ballot(db: Database, meeting_id: int, secret: bool) -> None:
    """Open vote (giơ tay) or secret ballot (bỏ phiếu kín) for this meeting."""
    check_open(db, meeting_id)
    with db.atomic():
        db["council_meetings"].update(meeting_id, {"secret_ballot": int(secret)})
        audit.record(db, "sua", "council_meetings", meeting_id, "bỏ phiếu kín" if secret else "biểu quyết công khai")


def attendance(db: Database, meeting_id: int) -> list[Attendance]:
    """The meeting's members with attendance, in role order."""
    rows = db.query(
        "SELECT a.*, m.full_name, m.role, m.position FROM council_attendance a "
        "JOIN council_members m ON m.id = a.member_id WHERE a.meeting_id = ? "
        f"ORDER BY {_role_order('m.role')}, m.sort_order, m.id",
        [meeting_id],
    )
    return [
        Attendance(
            meeting_id=r["meeting_id"], member_id=r["member_id"], present=bool(r["present"]),
            written_opinion=bool(r["written_opinion"]), full_name=r["full_name"], role=r["role"],
            position=r["position"],
        )
        for r in rows
    ]


def check_open(db: Database, meeting_id: int) -> CouncilMeeting:
    """The meeting, if it is still open.

    Raises:
        ValidationError: it has ended.
    """
    meeting = get_meeting(db, meeting_id)
    if meeting.status != "dang_hop":
        raise ValidationError({"meeting": "Cuộc họp đã kết thúc; không sửa điểm danh, phiếu bầu được nữa."})
    return meeting


def set_attendance(db: Database, meeting_id: int, member_id: int, present: bool, written_opinion: bool = False) -> None:
    """Mark a member present or absent (absent members may send a written opinion)."""
    check_open(db, meeting_id)
    with db.atomic():
        db.execute(
            "UPDATE council_attendance SET present = ?, written_opinion = ? WHERE meeting_id = ? AND member_id = ?",
            [int(present), int(written_opinion and not present), meeting_id, member_id],
        )
        audit.record(db, "sua", "council_attendance", f"{meeting_id}/{member_id}", "có mặt" if present else "vắng")


def head_count(db: Database, meeting_id: int) -> tuple[int, int, int]:
    """(present, written opinions of absentees, total members of the meeting)."""
    row = db.execute(
        "SELECT coalesce(sum(present), 0), coalesce(sum(written_opinion), 0), count(*) "
        "FROM council_attendance WHERE meeting_id = ?", [meeting_id],
    ).fetchone()
    return int(row[0]), int(row[1]), int(row[2])


def record_vote(db: Database, meeting_id: int, proposal_id: int, votes_for: int,
                votes_against: int = 0, votes_invalid: int = 0) -> None:
    """Store the counted votes for one candidate.

    Raises:
        ValidationError: negative counts, or more ballots than members who can vote; nothing is saved.
    """
    meeting = check_open(db, meeting_id)
    proposal = review.get_proposal(db, proposal_id)
    present, written, total = head_count(db, meeting_id)
    voters = present + written
    errors = {}
    if min(votes_for, votes_against, votes_invalid) < 0:
        errors["votes"] = f"{proposal.name}: số phiếu không được âm."
    elif votes_for + votes_against + votes_invalid > voters:
        errors["votes"] = (
            f"{proposal.name} — {proposal.award_name}: tổng {votes_for + votes_against + votes_invalid} phiếu "
            f"vượt quá {voters} thành viên được biểu quyết (có mặt {present}, ý kiến bằng văn bản {written})."
        )
    if proposal.year != meeting.year:
        errors["proposal"] = f"Đề nghị năm {proposal.year} không thuộc cuộc họp năm {meeting.year}."
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        db.execute(
            "INSERT INTO council_votes (meeting_id, proposal_id, votes_for, votes_against, votes_invalid) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (meeting_id, proposal_id) DO UPDATE SET "
            "votes_for = excluded.votes_for, votes_against = excluded.votes_against, "
            "votes_invalid = excluded.votes_invalid",
            [meeting_id, proposal_id, votes_for, votes_against, votes_invalid],
        )
        audit.record(db, "luu", "council_votes", f"{meeting_id}/{proposal_id}",
                     f"{proposal.name}: {votes_for} đồng ý, {votes_against} không, {votes_invalid} không hợp lệ")


def vote_counts(db: Database, meeting_id: int) -> dict[int, tuple[int, int, int]]:
    """proposal id → (for, against, invalid) as counted at the meeting."""
    return {
        r[0]: tuple(r[1:]) for r in db.execute(
            "SELECT proposal_id, votes_for, votes_against, votes_invalid FROM council_votes WHERE meeting_id = ?",
            [meeting_id],
        ).fetchall()
    }


def save_results(db: Database, meeting_id: int, statuses: dict[int, str]) -> dict[str, int]:
    """End the meeting with each voted proposal's status ('dat' / 'khong_dat'); returns the counts."""
    counts = {"dat": 0, "khong_dat": 0}
    with db.atomic():
        for proposal_id, status in statuses.items():
            counts[status] += 1
            db["proposals"].update(proposal_id, {"status": status})
        db["council_meetings"].update(meeting_id, {"status": "ket_thuc"})
        audit.record(db, "ket_thuc", "council_meetings", meeting_id,
                     f"{counts['dat']} đạt, {counts['khong_dat']} không đạt")
    return counts


def mark_decided(db: Database, proposal_ids: list[int], decision_id: int) -> None:
    """The proposals led to this decision (no audit row: the decision has its own)."""
    with db.atomic():
        for proposal_id in proposal_ids:
            db["proposals"].update(proposal_id, {"status": "da_quyet_dinh", "decision_id": decision_id})


def mark_upward(db: Database, meeting_id: int, proposal_ids: list[int], summary: str) -> None:
    """The proposals go to higher levels ('Trình cấp trên'); the audit row sums up the meeting's decisions."""
    with db.atomic():
        for proposal_id in proposal_ids:
            db["proposals"].update(proposal_id, {"status": "trinh_cap_tren"})
        audit.record(db, "ra_quyet_dinh", "council_meetings", meeting_id, summary)
