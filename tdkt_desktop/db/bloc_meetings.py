"""Bloc meetings: the meeting record, who attended, and its ballots (rounds, ballots issued, candidates, counts).

Whether a count is consistent and who wins is decided in ``services/blocs.py`` with ``rules/voting``;
this module stores what was decided and refuses what the schema alone can tell is wrong (a second
ballot for the same member, a written ballot from a member in the room).
"""

from __future__ import annotations

import datetime as dt
import json

from sqlite_utils import Database

from tdkt_desktop.db import audit
from tdkt_desktop.db import blocs as blocs_db
from tdkt_desktop.db.bloc_records import BlocMeeting, MeetingAttendance, RoundCandidate, RoundVoter, VoteRound
from tdkt_desktop.errors import NotFoundError, ValidationError
from tdkt_desktop.text import format_date, nfc, one_line
from tdkt_desktop.vocabulary import BALLOT_KINDS, BLOC_MEETING_KINDS, VOTER_MODES

# --- meetings ---------------------------------------------------------------------------------


def _row_to_meeting(row: dict) -> BlocMeeting:
    return BlocMeeting(
        id=row["id"], bloc_id=row["bloc_id"], year=row["year"], kind=row["kind"],
        held_on=dt.date.fromisoformat(row["held_on"]), place=row["place"], host_id=row["host_id"],
        chair=row["chair"], secretary=row["secretary"], guests=row["guests"], agenda=row["agenda"],
        conclusions=row["conclusions"], note=row["note"], host_name=row.get("host_name") or "",
    )


_MEETING_SQL = "SELECT m.*, h.name AS host_name FROM bloc_meetings m LEFT JOIN bloc_members h ON h.id = m.host_id "


def list_meetings(db: Database, bloc_id: int, year: int | None = None) -> list[BlocMeeting]:
    """Meetings of a bloc (of one year when given), by date."""
    where, args = "WHERE m.bloc_id = ?", [bloc_id]
    if year is not None:
        where, args = where + " AND m.year = ?", [*args, year]
    return [_row_to_meeting(r) for r in db.query(_MEETING_SQL + where + " ORDER BY m.held_on, m.id", args)]


def get_meeting(db: Database, meeting_id: int) -> BlocMeeting:
    """One meeting.

    Raises:
        NotFoundError: no such meeting.
    """
    rows = list(db.query(_MEETING_SQL + "WHERE m.id = ?", [meeting_id]))
    if not rows:
        raise NotFoundError(f"Không tìm thấy hội nghị của khối (mã {meeting_id}).")
    return _row_to_meeting(rows[0])


def find_meeting(db: Database, bloc_id: int, year: int, kind: str) -> BlocMeeting | None:
    """The latest meeting of ``kind`` for a bloc-year, or None."""
    found = [m for m in list_meetings(db, bloc_id, year) if m.kind == kind]
    return found[-1] if found else None


def _check_meeting(db: Database, meeting: BlocMeeting) -> dict[str, str]:
    errors = {}
    if meeting.kind not in BLOC_MEETING_KINDS:
        errors["kind"] = f"Loại hội nghị “{meeting.kind}” không hợp lệ."
    if not meeting.year - 1 <= meeting.held_on.year <= meeting.year + 1:
        errors["held_on"] = (f"Ngày họp {format_date(meeting.held_on)} không thuộc năm thi đua {meeting.year} "
                             "(chỉ được sớm hoặc muộn nhất một năm, ví dụ tổng kết vào tháng 1 năm sau).")
    if meeting.host_id is not None:
        members = {m.id for m in blocs_db.list_members(db, meeting.bloc_id, include_inactive=True)}
        if meeting.host_id not in members:
            errors["host_id"] = "Đơn vị đăng cai phải là thành viên của khối."
    return errors


def save_meeting(db: Database, meeting: BlocMeeting) -> int:
    """Add (id None; every active member is listed as present) or update a meeting.

    Raises:
        ValidationError: unknown kind, a date outside the year, a host outside the bloc.
    """
    blocs_db.get_bloc(db, meeting.bloc_id)
    errors = _check_meeting(db, meeting)
    if errors:
        raise ValidationError(errors)
    row = {
        "bloc_id": meeting.bloc_id, "year": meeting.year, "kind": meeting.kind, "held_on": meeting.held_on.isoformat(),
        "place": nfc(meeting.place), "host_id": meeting.host_id, "chair": nfc(meeting.chair),
        "secretary": nfc(meeting.secretary), "guests": nfc(meeting.guests), "agenda": nfc(meeting.agenda),
        "conclusions": nfc(meeting.conclusions), "note": nfc(meeting.note),
    }
    label = f"{BLOC_MEETING_KINDS[meeting.kind]} ngày {format_date(meeting.held_on)}"
    with db.atomic():
        if meeting.id is None:
            meeting_id = int(db["bloc_meetings"].insert(row).last_pk)
            db["bloc_attendance"].insert_all(
                [{"meeting_id": meeting_id, "member_id": m.id, "present": 1}
                 for m in blocs_db.list_members(db, meeting.bloc_id)]
            )
            audit.record(db, "them", "bloc_meetings", meeting_id, label)
        else:
            meeting_id = meeting.id
            audit.update(db, "bloc_meetings", meeting_id, row)
    return meeting_id


def delete_meeting(db: Database, meeting_id: int) -> None:
    """Remove a meeting that has no ballots yet.

    Raises:
        ValidationError: the meeting has ballots (their results belong to the record).
    """
    meeting = get_meeting(db, meeting_id)
    if db["bloc_vote_rounds"].count_where("meeting_id = ?", [meeting_id]):
        raise ValidationError({"meeting": "Hội nghị đã có lượt bình chọn; không xóa được để giữ kết quả bỏ phiếu."})
    with db.atomic():
        db.execute("DELETE FROM bloc_attendance WHERE meeting_id = ?", [meeting_id])
        db.execute("DELETE FROM bloc_meetings WHERE id = ?", [meeting_id])
        audit.record(db, "xoa", "bloc_meetings", meeting_id,
                     f"{BLOC_MEETING_KINDS[meeting.kind]} ngày {format_date(meeting.held_on)}")


# --- attendance -------------------------------------------------------------------------------


def attendance(db: Database, meeting_id: int) -> list[MeetingAttendance]:
    """Every member listed for the meeting, in member order."""
    return [
        MeetingAttendance(meeting_id=r["meeting_id"], member_id=r["member_id"], present=bool(r["present"]),
                          representative=r["representative"], position=r["position"], member_name=r["name"],
                          is_self=bool(r["is_self"]))
        for r in db.query(
            "SELECT a.*, m.name, m.is_self FROM bloc_attendance a JOIN bloc_members m ON m.id = a.member_id "
            "WHERE a.meeting_id = ? ORDER BY m.sort_order, m.id", [meeting_id],
        )
    ]


def head_count(db: Database, meeting_id: int) -> tuple[int, int]:
    """(members present, members listed)."""
    row = db.execute("SELECT coalesce(sum(present), 0), count(*) FROM bloc_attendance WHERE meeting_id = ?",
                     [meeting_id]).fetchone()
    return int(row[0]), int(row[1])


def set_attendance(db: Database, entry: MeetingAttendance) -> None:
    """Record whether a member attended and who represented it.

    Raises:
        ValidationError: marking absent a member that already voted in the room (or present one
            that sent a written ballot) in a round of this meeting.
    """
    rows = list(db["bloc_attendance"].rows_where("meeting_id = ? AND member_id = ?",
                                                  [entry.meeting_id, entry.member_id]))
    if not rows:
        raise NotFoundError("Đơn vị này không có trong danh sách tham dự hội nghị.")
    wrong_mode = "truc_tiep" if not entry.present else "van_ban"
    clash = db.execute(
        "SELECT r.kind, r.round_no FROM bloc_round_voters v JOIN bloc_vote_rounds r ON r.id = v.round_id "
        "WHERE r.meeting_id = ? AND v.member_id = ? AND v.mode = ?", [entry.meeting_id, entry.member_id, wrong_mode],
    ).fetchone()
    name = blocs_db.get_member(db, entry.member_id).name
    if clash:
        what = "đã bỏ phiếu tại hội nghị" if entry.present is False else "đã gửi phiếu bằng văn bản"
        raise ValidationError({"present": (
            f"“{name}” {what} ở lượt “{BALLOT_KINDS[clash[0]]}” (vòng {clash[1]}); "
            "hãy thu hồi phiếu đó trước khi đổi tình trạng tham dự."
        )})
    after = {"present": int(entry.present), "representative": one_line(entry.representative),
             "position": one_line(entry.position)}
    with db.atomic():
        db["bloc_attendance"].update((entry.meeting_id, entry.member_id), after)
        audit.record(db, "sua", "bloc_attendance", f"{entry.meeting_id}/{entry.member_id}",
                     f"{name}: {'có mặt' if entry.present else 'vắng'} {after['representative']}".strip())


# --- ballots ----------------------------------------------------------------------------------


def _row_to_round(row: dict) -> VoteRound:
    return VoteRound(
        id=row["id"], meeting_id=row["meeting_id"], kind=row["kind"], round_no=row["round_no"], title=row["title"],
        secret=bool(row["secret"]), max_choices=row["max_choices"], rule=json.loads(row["rule"]),
        counted=row["ballots_counted"], valid=row["ballots_valid"], invalid=row["ballots_invalid"],
        status=row["status"], issued=row["issued"],
    )


_ROUND_SQL = ("SELECT r.*, (SELECT count(*) FROM bloc_round_voters v WHERE v.round_id = r.id) AS issued "
              "FROM bloc_vote_rounds r ")


def list_rounds(db: Database, meeting_id: int) -> list[VoteRound]:
    """The meeting's ballots in the order they were opened."""
    return [_row_to_round(r) for r in db.query(_ROUND_SQL + "WHERE r.meeting_id = ? ORDER BY r.id", [meeting_id])]


def get_round(db: Database, round_id: int) -> VoteRound:
    """One round.

    Raises:
        NotFoundError: no such round.
    """
    rows = list(db.query(_ROUND_SQL + "WHERE r.id = ?", [round_id]))
    if not rows:
        raise NotFoundError(f"Không tìm thấy lượt bình chọn (mã {round_id}).")
    return _row_to_round(rows[0])


def round_label(vote_round: VoteRound) -> str:
    """'Cờ thi đua của Chính phủ — vòng 2' (the title when the officer gave one)."""
    name = vote_round.title or BALLOT_KINDS.get(vote_round.kind, vote_round.kind)
    return f"{name} — vòng {vote_round.round_no}" if vote_round.round_no > 1 else name


def check_open(db: Database, round_id: int) -> VoteRound:
    """The round, if it is still open.

    Raises:
        ValidationError: the result has been closed.
    """
    vote_round = get_round(db, round_id)
    if vote_round.status != "mo":
        raise ValidationError({"round": f"Lượt “{round_label(vote_round)}” đã chốt kết quả; không sửa được nữa."})
    return vote_round


def open_round(db: Database, vote_round: VoteRound, candidate_ids: list[int]) -> int:
    """Open a ballot at a meeting with its candidates; ``vote_round.rule`` is already checked.

    Raises:
        ValidationError: unknown kind, the same kind and round number twice, a candidate outside
            the bloc or listed twice, fewer candidates than one.
    """
    meeting = get_meeting(db, vote_round.meeting_id)
    members = blocs_db.member_names(db, meeting.bloc_id)
    errors = {}
    if vote_round.kind not in BALLOT_KINDS:
        errors["kind"] = f"Nội dung bình chọn “{vote_round.kind}” không hợp lệ."
    elif db["bloc_vote_rounds"].count_where("meeting_id = ? AND kind = ? AND round_no = ?",
                                            [meeting.id, vote_round.kind, vote_round.round_no]):
        errors["kind"] = f"Hội nghị đã có lượt “{BALLOT_KINDS[vote_round.kind]}” vòng {vote_round.round_no}."
    if vote_round.max_choices < 1:
        errors["max_choices"] = "Mỗi phiếu được chọn ít nhất một đơn vị."
    if not candidate_ids:
        errors["candidates"] = "Lượt bình chọn cần ít nhất một đơn vị ứng cử."
    elif len(set(candidate_ids)) != len(candidate_ids):
        errors["candidates"] = "Một đơn vị được ghi hai lần trong danh sách ứng cử."
    elif any(c not in members for c in candidate_ids):
        errors["candidates"] = "Ứng cử viên phải là đơn vị thành viên của khối."
    if errors:
        raise ValidationError(errors)
    row = {"meeting_id": meeting.id, "kind": vote_round.kind, "round_no": vote_round.round_no,
           "title": nfc(vote_round.title), "secret": int(vote_round.secret), "max_choices": vote_round.max_choices,
           "rule": json.dumps(vote_round.rule, ensure_ascii=False, sort_keys=True), "status": "mo"}
    with db.atomic():
        round_id = int(db["bloc_vote_rounds"].insert(row).last_pk)
        db["bloc_votes"].insert_all(
            [{"round_id": round_id, "member_id": c, "votes": 0, "position": i} for i, c in enumerate(candidate_ids)]
        )
        audit.record(db, "them", "bloc_vote_rounds", round_id,
                     f"{round_label(get_round(db, round_id))}: {len(candidate_ids)} ứng cử viên")
    return round_id


def candidates(db: Database, round_id: int) -> list[RoundCandidate]:
    """Candidates in the order they were listed, with the votes counted."""
    return [
        RoundCandidate(round_id=r["round_id"], member_id=r["member_id"], votes=r["votes"], member_name=r["name"])
        for r in db.query(
            "SELECT v.*, m.name FROM bloc_votes v JOIN bloc_members m ON m.id = v.member_id "
            "WHERE v.round_id = ? ORDER BY v.position, m.sort_order", [round_id],
        )
    ]


def voters(db: Database, round_id: int) -> list[RoundVoter]:
    """Members that received a ballot in the round."""
    return [
        RoundVoter(round_id=r["round_id"], member_id=r["member_id"], mode=r["mode"], member_name=r["name"])
        for r in db.query(
            "SELECT v.*, m.name FROM bloc_round_voters v JOIN bloc_members m ON m.id = v.member_id "
            "WHERE v.round_id = ? ORDER BY m.sort_order, m.id", [round_id],
        )
    ]


def issue_ballot(db: Database, round_id: int, member_id: int, mode: str) -> None:
    """Give one member its ballot: in the room when present, a written one when absent.

    Raises:
        ValidationError: the member already has a ballot in this round (no one votes twice), the
            mode does not match its attendance, the round is counted or closed.
    """
    vote_round = check_open(db, round_id)
    name = blocs_db.get_member(db, member_id).name
    errors = {}
    seat = list(db["bloc_attendance"].rows_where("meeting_id = ? AND member_id = ?",
                                                 [vote_round.meeting_id, member_id]))
    held = list(db["bloc_round_voters"].rows_where("round_id = ? AND member_id = ?", [round_id, member_id]))
    if mode not in VOTER_MODES:
        errors["mode"] = f"Hình thức bỏ phiếu “{mode}” không hợp lệ."
    elif held:
        how = "tại hội nghị" if held[0]["mode"] == "truc_tiep" else "bằng văn bản"
        errors["member"] = (f"“{name}” đã nhận phiếu {how} ở lượt “{round_label(vote_round)}”; "
                            "mỗi thành viên chỉ bỏ phiếu một lần trong một lượt.")
    elif not seat:
        errors["member"] = f"“{name}” không có trong danh sách tham dự hội nghị."
    elif mode == "truc_tiep" and not seat[0]["present"]:
        errors["mode"] = f"“{name}” vắng mặt: chỉ nhận phiếu bằng văn bản."
    elif mode == "van_ban" and seat[0]["present"]:
        errors["mode"] = f"“{name}” có mặt tại hội nghị: bỏ phiếu trực tiếp, không gửi phiếu bằng văn bản."
    if vote_round.is_counted:
        errors["round"] = "Đã nhập kết quả kiểm phiếu; hãy xóa kết quả kiểm phiếu trước khi phát thêm phiếu."
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        db["bloc_round_voters"].insert({"round_id": round_id, "member_id": member_id, "mode": mode})
        audit.record(db, "phat_phieu", "bloc_round_voters", f"{round_id}/{member_id}", f"{name}: {VOTER_MODES[mode]}")


def withdraw_ballot(db: Database, round_id: int, member_id: int) -> None:
    """Take back a ballot issued by mistake (only before the count is entered).

    Raises:
        ValidationError: the count is entered or the round closed.
    """
    vote_round = check_open(db, round_id)
    if vote_round.is_counted:
        raise ValidationError({"round": "Đã nhập kết quả kiểm phiếu; không thu hồi phiếu được nữa."})
    name = blocs_db.get_member(db, member_id).name
    with db.atomic():
        db.execute("DELETE FROM bloc_round_voters WHERE round_id = ? AND member_id = ?", [round_id, member_id])
        audit.record(db, "thu_hoi_phieu", "bloc_round_voters", f"{round_id}/{member_id}", name)


def store_count(db: Database, round_id: int, counted: int | None, valid: int | None, invalid: int | None,
                votes: dict[int, int]) -> None:
    """Store a count already checked by the caller (``None`` everywhere clears it)."""
    vote_round = check_open(db, round_id)
    with db.atomic():
        db["bloc_vote_rounds"].update(round_id, {"ballots_counted": counted, "ballots_valid": valid,
                                                 "ballots_invalid": invalid})
        for member_id, number in votes.items():
            db.execute("UPDATE bloc_votes SET votes = ? WHERE round_id = ? AND member_id = ?",
                       [number, round_id, member_id])
        summary = ("xóa kết quả kiểm phiếu" if counted is None else
                   f"thu về {counted}, hợp lệ {valid}, không hợp lệ {invalid}; " +
                   ", ".join(f"{k}: {v}" for k, v in votes.items()))
        audit.record(db, "kiem_phieu", "bloc_vote_rounds", round_id, f"{round_label(vote_round)}: {summary}")


def set_round_status(db: Database, round_id: int, status: str, summary: str = "") -> None:
    """Close (``ket_thuc``) or reopen (``mo``) a round; the caller decides and writes what follows."""
    vote_round = get_round(db, round_id)
    with db.atomic():
        db["bloc_vote_rounds"].update(round_id, {"status": status})
        audit.record(db, "ket_thuc" if status == "ket_thuc" else "mo_lai", "bloc_vote_rounds", round_id,
                     f"{round_label(vote_round)}{': ' + summary if summary else ''}")


def delete_round(db: Database, round_id: int) -> None:
    """Remove an open round opened by mistake, with its ballots and candidates."""
    vote_round = check_open(db, round_id)
    with db.atomic():
        for table in ("bloc_round_voters", "bloc_votes"):
            db.execute(f"DELETE FROM {table} WHERE round_id = ?", [round_id])
        db.execute("DELETE FROM bloc_vote_rounds WHERE id = ?", [round_id])
        audit.record(db, "xoa", "bloc_vote_rounds", round_id, round_label(vote_round))
