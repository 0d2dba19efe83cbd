"""Council (Hội đồng TĐKT): members and roles, meetings, attendance, votes, results and decisions."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlite_utils import Database

from tdkt_desktop.db import audit, review
from tdkt_desktop.db.records import Attendance, CandidateVote, CouncilMeeting, CouncilMember
from tdkt_desktop.errors import NotFoundError, ValidationError
from tdkt_desktop.rules import council as council_rules
from tdkt_desktop.rules.ruleset import RuleSet, money_amount
from tdkt_desktop.text import fold, format_date, nfc

ROLES = {
    "chu_tich": "Chủ tịch Hội đồng",
    "pho_chu_tich": "Phó Chủ tịch Hội đồng",
    "uy_vien_thuong_truc": "Ủy viên thường trực",
    "uy_vien": "Ủy viên",
    "thu_ky": "Ủy viên, Thư ký",
}


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
        " ORDER BY CASE role WHEN 'chu_tich' THEN 0 WHEN 'pho_chu_tich' THEN 1 "
        "WHEN 'uy_vien_thuong_truc' THEN 2 WHEN 'uy_vien' THEN 3 ELSE 4 END, sort_order, id"
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
        "full_name": " ".join(nfc(member.full_name).split()), "fold": fold(member.full_name),
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
    return [_row_to_meeting(r) for r in db.query(f"SELECT * FROM council_meetings{where} ORDER BY held_on DESC, id DESC", args)]


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
        audit.record(db, "them", "council_meetings", meeting_id, f"năm {meeting.year}, ngày {format_date(meeting.held_on)}")
    return meeting_id


def set_secret_ballot(db: Database, meeting_id: int, secret: bool) -> None:
    """Open vote (giơ tay) or secret ballot (bỏ phiếu kín) for this meeting."""
    _check_open(db, meeting_id)
    with db.atomic():
        db["council_meetings"].update(meeting_id, {"secret_ballot": int(secret)})
        audit.record(db, "sua", "council_meetings", meeting_id, "bỏ phiếu kín" if secret else "biểu quyết công khai")


def attendance(db: Database, meeting_id: int) -> list[Attendance]:
    """The meeting's members with attendance, in role order."""
    rows = db.query(
        "SELECT a.*, m.full_name, m.role, m.position FROM council_attendance a "
        "JOIN council_members m ON m.id = a.member_id WHERE a.meeting_id = ? "
        "ORDER BY CASE m.role WHEN 'chu_tich' THEN 0 WHEN 'pho_chu_tich' THEN 1 "
        "WHEN 'uy_vien_thuong_truc' THEN 2 WHEN 'uy_vien' THEN 3 ELSE 4 END, m.sort_order, m.id",
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


def _check_open(db: Database, meeting_id: int) -> CouncilMeeting:
    meeting = get_meeting(db, meeting_id)
    if meeting.status != "dang_hop":
        raise ValidationError({"meeting": "Cuộc họp đã kết thúc; không sửa điểm danh, phiếu bầu được nữa."})
    return meeting


def set_attendance(db: Database, meeting_id: int, member_id: int, present: bool, written_opinion: bool = False) -> None:
    """Mark a member present or absent (absent members may send a written opinion)."""
    _check_open(db, meeting_id)
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
    meeting = _check_open(db, meeting_id)
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


def candidates(db: Database, meeting_id: int, rs: RuleSet | None = None, verdicts=None) -> list[CandidateVote]:
    """Every proposal of the meeting's year with its votes and result under the year's rule set.

    ``verdicts`` (an ``eligibility_input.YearResult``) adds the engine's verdicts when given.
    """
    meeting = get_meeting(db, meeting_id)
    rs = rs or review.ruleset_for_year(db, meeting.year)
    present, written, total = head_count(db, meeting_id)
    quorum = council_rules.quorum(rs, present, total)
    votes = {
        r[0]: r[1:] for r in db.execute(
            "SELECT proposal_id, votes_for, votes_against, votes_invalid FROM council_votes WHERE meeting_id = ?",
            [meeting_id],
        ).fetchall()
    }
    out = []
    for p in review.list_proposals(db, meeting.year):
        got = votes.get(p.id)
        vf, va, vi = got if got else (0, 0, 0)
        # A share of all members counts absent members' written opinions among the 'đồng ý' (NĐ 98 Điều 30 k7).
        result = council_rules.tally(rs, p.award_type, vf, present, total, quorum_met=quorum.met)
        verdict = verdicts.verdict(award=p.award_type, staff_id=p.staff_id, unit_id=p.unit_id) if verdicts else None
        out.append(CandidateVote(
            proposal=p, votes_for=vf, votes_against=va, votes_invalid=vi, voted=got is not None,
            passed=bool(got is not None and result.passed), result_text=result.text if got else "Chưa biểu quyết.",
            eligible=None if verdict is None else verdict.eligible,
            needs_council=bool(verdict and verdict.needs_council),
            reasons=verdict.reasons if verdict else (),
        ))
    return out


def close_meeting(db: Database, meeting_id: int) -> dict[str, int]:
    """End the meeting: each voted proposal becomes 'Đạt' or 'Không đạt'. Returns the counts.

    Raises:
        ValidationError: quorum not met; nothing changes.
    """
    meeting = _check_open(db, meeting_id)
    rs = review.ruleset_for_year(db, meeting.year)
    present, _written, total = head_count(db, meeting_id)
    quorum = council_rules.quorum(rs, present, total)
    if not quorum.met:
        raise ValidationError({"quorum": quorum.text})
    counts = {"dat": 0, "khong_dat": 0}
    with db.atomic():
        for c in candidates(db, meeting_id, rs):
            if not c.voted or c.proposal.status not in ("de_nghi", "dat", "khong_dat"):
                continue
            status = "dat" if c.passed else "khong_dat"
            counts[status] += 1
            db["proposals"].update(c.proposal.id, {"status": status})
        db["council_meetings"].update(meeting_id, {"status": "ket_thuc"})
        audit.record(db, "ket_thuc", "council_meetings", meeting_id, f"{counts['dat']} đạt, {counts['khong_dat']} không đạt")
    return counts


def create_decisions(db: Database, meeting_id: int, issued_on: dt.date, first_number: int | None = None) -> dict:
    """From a closed meeting: one decision per award the head of office decides (with its list),
    and the passed proposals for higher levels marked 'Trình cấp trên'. Nothing is awarded twice.

    Returns ``{"decisions": [ids], "awards": n, "upward": [Proposal]}``.

    Raises:
        ValidationError: meeting still open, nothing new to decide, or a decision number is taken;
            nothing is written.
    """
    from tdkt_desktop.db import decisions as decisions_db
    from tdkt_desktop.db import settings as settings_db
    from tdkt_desktop.db.records import Award, Decision

    meeting = get_meeting(db, meeting_id)
    if meeting.status != "ket_thuc":
        raise ValidationError({"meeting": "Hãy kết thúc cuộc họp (chốt kết quả biểu quyết) trước khi ra quyết định."})
    rs = review.ruleset_for_year(db, meeting.year)
    office_decides = set(rs.data["council"]["office_decides"])
    passed = [p for p in review.list_proposals(db, meeting.year) if p.status == "dat"]
    local = [p for p in passed if p.award_type in office_decides]
    upward = [p for p in passed if p.award_type not in office_decides]
    if not local and not upward:
        raise ValidationError({"meeting": "Không có kết quả đạt nào mới để ra quyết định hoặc trình cấp trên."})
    settings = settings_db.get_settings(db)
    number = first_number or review.next_decision_number(db, issued_on.year)
    made, award_count = [], 0
    best_title = _highest_paid_titles(db, rs, meeting.year, local)
    titles = {r[0] for r in db.execute("SELECT code FROM award_types WHERE kind = 'danh_hieu'").fetchall()}
    with db.atomic():
        by_award: dict[str, list] = {}
        for p in local:
            by_award.setdefault(p.award_type, []).append(p)
        for code in [c for c in rs.data["awards"] if c in by_award]:
            items = by_award[code]
            name = rs.award_name(code)
            verb = "tặng" if code == "giay_khen" else "công nhận danh hiệu"
            decision = Decision(
                id=None, number=f"{number}/QĐ-{settings.document_symbol}", issued_on=issued_on,
                issuer=settings.office_name, signer_name=settings.signer_name, signer_title=settings.signer_title,
                kind="hang_nam",
                summary=f"Về việc {verb} “{name}” năm {meeting.year}",
                note=f"Theo kết quả họp Hội đồng Thi đua – Khen thưởng ngày {format_date(meeting.held_on)}",
            )
            amount = money_amount(rs, code, issued_on)
            awards = []
            for p in items:
                reason = f"Đạt {name} năm {meeting.year}"
                pay = amount
                higher = best_title.get(p.staff_id) if p.staff_id is not None else None
                if code in titles and higher and higher != code:
                    pay = 0
                    reason += f" (tiền thưởng theo mức cao nhất: {rs.award_name(higher)})"
                awards.append(Award(id=None, decision_id=None, award_type=code, staff_id=p.staff_id,
                                    unit_id=p.unit_id, year=meeting.year, amount=pay, reason=reason))
            decision_id = decisions_db.add_decision(db, decision, awards)
            made.append(decision_id)
            award_count += len(awards)
            for p in items:
                db["proposals"].update(p.id, {"status": "da_quyet_dinh", "decision_id": decision_id})
            number += 1
        for p in upward:
            db["proposals"].update(p.id, {"status": "trinh_cap_tren"})
        audit.record(db, "ra_quyet_dinh", "council_meetings", meeting_id,
                     f"{len(made)} quyết định, {award_count} lượt; {len(upward)} đề nghị trình cấp trên")
    upward = [dataclasses.replace(p, status="trinh_cap_tren") for p in upward]
    return {"decisions": made, "awards": award_count, "upward": upward}


def _highest_paid_titles(db: Database, rs: RuleSet, year: int, local: list) -> dict[int, str]:
    """staff id → the title whose money is paid when a person gets several titles for one year.

    NĐ 152/2025 Điều 49 k5: several titles for the same period → only the highest amount is paid.
    Titles already decided for that year count too (their money was paid then).
    """
    titles = {r[0] for r in db.execute("SELECT code FROM award_types WHERE kind = 'danh_hieu'").fetchall()}
    held: dict[int, set[str]] = {}
    for p in local:
        if p.staff_id is not None and p.award_type in titles:
            held.setdefault(p.staff_id, set()).add(p.award_type)
    if not held:
        return {}
    marks = ",".join("?" for _ in held)
    for staff_id, code in db.execute(
        f"SELECT staff_id, award_type FROM awards WHERE year = ? AND staff_id IN ({marks})", [year, *held]
    ).fetchall():
        if code in titles:
            held[staff_id].add(code)

    def coefficient(code: str) -> float:
        return float((rs.data["awards"].get(code) or {}).get("money") or 0)

    return {sid: max(codes, key=coefficient) for sid, codes in held.items() if len(codes) > 1}
