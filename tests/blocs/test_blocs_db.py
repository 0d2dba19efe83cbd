"""Bloc storage and use cases: members, leaders, pacts, meetings, scores, ballots; every refusal leaves data as it was."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from blocs.bloc_builders import small_bloc, snapshot

from tdkt_desktop.db import bloc_meetings as meetings_db
from tdkt_desktop.db import blocs as blocs_db
from tdkt_desktop.db.bloc_records import BlocMeeting, BlocMember, BlocYear, Pact, PactSigner
from tdkt_desktop.errors import NotFoundError, ValidationError
from tdkt_desktop.services import blocs as bloc_service


def _refused(db, action, fragment: str):
    before = snapshot(db)
    with pytest.raises(ValidationError) as info:
        action()
    assert fragment in str(info.value)
    assert snapshot(db) == before
    return info.value


def test_migration_is_recorded(db):
    names = [r["name"] for r in db.query("SELECT name FROM _sqlite_migrations")]
    assert "0006_blocs" in names


def test_members_match_ignoring_case_diacritics_and_spacing(db):
    b = small_bloc(db)
    _refused(db, lambda: blocs_db.save_member(db, BlocMember(None, b["bloc_id"], "  so  NOI vu ")), "đã có đơn vị “Sở Nội vụ”")
    _refused(db, lambda: blocs_db.save_member(db, BlocMember(None, b["bloc_id"], "Sở Xây dựng", is_self=True)),
             "Khối đã đánh dấu “Sở Khoa học và Công nghệ” là cơ quan mình")
    _refused(db, lambda: blocs_db.save_member(db, BlocMember(None, b["bloc_id"], "  ")), "không được để trống")
    assert blocs_db.find_bloc(db, "van hoa xa hoi").id == b["bloc_id"]
    assert blocs_db.find_bloc(db, "KHỐI THI ĐUA VĂN HÓA - XÃ HỘI").id == b["bloc_id"]
    assert blocs_db.find_bloc(db, "kinh tế") is None
    with pytest.raises(NotFoundError, match="Các khối trong dữ liệu: “Khối thi đua Văn hóa – Xã hội”"):
        bloc_service.resolve_bloc(db, "Khối Nội chính")


def test_bloc_rules_are_checked_before_saving(db):
    b = small_bloc(db)
    bloc = blocs_db.get_bloc(db, b["bloc_id"])
    _refused(db, lambda: bloc_service.save_bloc(db, dataclasses.replace(bloc, vote_rules={"co_bo_tinh": {"share": "7/5"}})),
             "Cờ thi đua của Bộ, ngành, tỉnh: Tỷ lệ “7/5”")
    bloc_service.save_bloc(db, dataclasses.replace(bloc, vote_rules={"co_bo_tinh": {"base": "total", "share": "1/2",
                                                                                     "seats": 2}}))
    assert bloc_service.vote_rules(blocs_db.get_bloc(db, b["bloc_id"]))["co_bo_tinh"].seats == 2
    assert bloc_service.vote_rules(blocs_db.get_bloc(db, b["bloc_id"]))["co_chinh_phu"].seats == 1  # default kept


def test_one_head_and_one_deputy_per_year_never_the_same(db):
    b = small_bloc(db)
    head, deputy = b["members"][:2]
    _refused(db, lambda: blocs_db.save_year(db, BlocYear(b["bloc_id"], 2025, head_id=head, deputy_id=head)),
             "không thể vừa là Khối trưởng vừa là Khối phó năm 2025")
    blocs_db.save_year(db, BlocYear(b["bloc_id"], 2025, head_id=head, deputy_id=deputy, theme="Đoàn kết"))
    blocs_db.save_year(db, BlocYear(b["bloc_id"], 2026, head_id=deputy))
    history = blocs_db.list_years(db, b["bloc_id"])
    assert [(y.year, y.head_name, y.deputy_name) for y in history] == [
        (2026, "Sở Khoa học và Công nghệ", ""), (2025, "Sở Nội vụ", "Sở Khoa học và Công nghệ")]
    audit = [r["summary"] for r in db.query("SELECT summary FROM audit_log WHERE table_name = 'bloc_years'")]
    assert "năm 2025: khối trưởng Sở Nội vụ, khối phó Sở Khoa học và Công nghệ" in audit


def test_pact_is_replaced_whole_with_numbered_items(db):
    b = small_bloc(db)
    pact = Pact(None, b["bloc_id"], 2025, "Giao ước thi đua năm 2025", dt.date(2025, 1, 15), "Cao Bằng",
                items=("Hoàn thành nhiệm vụ", "", "Cải cách hành chính"), signers=(PactSigner(b["members"][0], "Nông Văn A"),))
    pact_id = blocs_db.save_pact(db, pact)
    stored = blocs_db.get_pact(db, b["bloc_id"], 2025)
    assert stored.items == ("Hoàn thành nhiệm vụ", "Cải cách hành chính")
    assert [(s.member_name, s.signer_name) for s in stored.signers] == [("Sở Nội vụ", "Nông Văn A")]
    assert blocs_db.save_pact(db, dataclasses.replace(stored, items=("Một",), signers=())) == pact_id
    assert blocs_db.get_pact(db, b["bloc_id"], 2025).items == ("Một",)
    _refused(db, lambda: blocs_db.save_pact(db, dataclasses.replace(stored, items=())), "ít nhất một nội dung")


def test_meeting_dates_and_hosts_are_checked(db):
    b = small_bloc(db)
    _refused(db, lambda: meetings_db.save_meeting(db, BlocMeeting(None, b["bloc_id"], 2025, "so_ket", dt.date(2021, 7, 1))),
             "không thuộc năm thi đua 2025")
    # A year-end review held in January of the next year is normal.
    meeting_id = meetings_db.save_meeting(db, BlocMeeting(None, b["bloc_id"], 2025, "tong_ket", dt.date(2026, 1, 10)))
    assert len(meetings_db.attendance(db, meeting_id)) == 5
    assert meetings_db.head_count(db, meeting_id) == (5, 5)


def test_scores_stay_within_each_criterion_maximum(db):
    b = small_bloc(db)
    tc1, member = b["criteria"]["TC1"], b["members"][0]
    _refused(db, lambda: bloc_service.set_score(db, tc1, member, Decimal(61), None),
             "Điểm tự chấm của “Sở Nội vụ” ở tiêu chí TC1: điểm 61 vượt quá điểm tối đa 60.")
    _refused(db, lambda: bloc_service.set_score(db, tc1, member, Decimal(50), Decimal(-1)), "không được âm")
    bloc_service.set_score(db, tc1, member, Decimal("59.5"), Decimal(58))
    assert bloc_service.ranking(db, b["bloc_id"], 2025)[0].agreed_score == Decimal(58)


def test_ranking_shares_ranks_and_uses_self_scores_where_the_bloc_gave_none(db):
    b = small_bloc(db)
    m, c = b["members"], b["criteria"]
    plan = {m[0]: ("55", "35", "50", None), m[1]: ("58", "37", None, None), m[2]: ("50", "40", "52", "36"),
            m[3]: ("50", "35", None, None)}
    for member, (s1, s2, a1, a2) in plan.items():
        bloc_service.set_score(db, c["TC1"], member, Decimal(s1), Decimal(a1) if a1 else None)
        bloc_service.set_score(db, c["TC2"], member, Decimal(s2), Decimal(a2) if a2 else None)
    rows = bloc_service.ranking(db, b["bloc_id"], 2025)
    got = [(r.name, r.rank, r.tied, r.self_score, r.agreed_score) for r in rows]
    assert got == [
        ("Sở Khoa học và Công nghệ", 1, False, Decimal(95), None),
        ("Sở Tài chính", 2, False, Decimal(90), Decimal(88)),
        ("Sở Nội vụ", 3, True, Decimal(90), Decimal(85)),  # 50 agreed + 35 own
        ("Sở Y tế", 3, True, Decimal(85), None),  # own 85 ties with Sở Nội vụ's agreed 85
        ("Ban Dân tộc tỉnh", None, False, None, None),
    ]
    assert [r.as_json()["rank"] for r in rows] == [1, 2, 3, 3, None]
    with pytest.raises(NotFoundError, match="chưa có điểm năm 2024"):
        bloc_service.require_ranking(db, blocs_db.get_bloc(db, b["bloc_id"]), 2024)


def _round(db, b, kind="co_bo_tinh", candidates=(0, 2, 3), **kw) -> int:
    return bloc_service.open_round(db, b["meeting_id"], kind, [b["members"][i] for i in candidates], **kw)


def test_no_member_votes_twice_in_a_round(db):
    b = small_bloc(db)
    round_id = _round(db, b)
    assert bloc_service.issue_to_present(db, round_id) == 5
    _refused(db, lambda: meetings_db.issue_ballot(db, round_id, b["members"][0], "truc_tiep"),
             "“Sở Nội vụ” đã nhận phiếu tại hội nghị ở lượt “Cờ thi đua của Ủy ban nhân dân tỉnh”; "
             "mỗi thành viên chỉ bỏ phiếu một lần trong một lượt.")
    assert bloc_service.issue_to_present(db, round_id) == 0


def test_written_ballots_only_from_absent_members(db):
    b = small_bloc(db)
    absent = b["members"][4]
    row = next(a for a in meetings_db.attendance(db, b["meeting_id"]) if a.member_id == absent)
    meetings_db.set_attendance(db, dataclasses.replace(row, present=False))
    round_id = _round(db, b)
    _refused(db, lambda: meetings_db.issue_ballot(db, round_id, absent, "truc_tiep"), "vắng mặt: chỉ nhận phiếu bằng văn bản")
    _refused(db, lambda: meetings_db.issue_ballot(db, round_id, b["members"][0], "van_ban"), "có mặt tại hội nghị")
    meetings_db.issue_ballot(db, round_id, absent, "van_ban")
    assert bloc_service.issue_to_present(db, round_id) == 4
    # Marking the written voter present would make its ballot a second one in the room.
    _refused(db, lambda: meetings_db.set_attendance(db, dataclasses.replace(row, present=True)), "đã gửi phiếu bằng văn bản")
    result = bloc_service.round_result(db, round_id)
    assert (result.count.present, result.count.written, result.count.issued) == (4, 1, 5)


@pytest.mark.parametrize(
    "counted, valid, invalid, votes, fragment",
    [
        (6, 6, 0, {}, "Số phiếu thu về (6) không được vượt quá số phiếu phát ra (5)."),
        (5, 3, 1, {}, "Phiếu hợp lệ (3) cộng phiếu không hợp lệ (1) phải bằng số phiếu thu về (5)."),
        (5, 5, 0, {0: 6}, "Sở Nội vụ: 6 phiếu, vượt quá số phiếu hợp lệ (5)."),
        (5, 5, 0, {0: 5, 2: 5, 3: 5, 1: 1}, "Chỉ ghi phiếu cho các đơn vị ứng cử"),
    ],
)
def test_inconsistent_counts_leave_the_round_unchanged(db, counted, valid, invalid, votes, fragment):
    b = small_bloc(db)
    round_id = _round(db, b, max_choices=2)
    bloc_service.issue_to_present(db, round_id)
    typed = {b["members"][i]: v for i, v in votes.items()}
    _refused(db, lambda: bloc_service.record_count(db, round_id, counted, valid, invalid, typed), fragment)


def test_count_close_and_next_years_leaders(db):
    b = small_bloc(db)
    m = b["members"]
    head_round = _round(db, b, "khoi_truong", candidates=(0, 2))
    bloc_service.issue_to_present(db, head_round)
    _refused(db, lambda: bloc_service.close_round(db, head_round), "chưa nhập kết quả kiểm phiếu")
    bloc_service.record_count(db, head_round, 5, 5, 0, {m[0]: 4, m[2]: 1})
    closed = bloc_service.close_round(db, head_round)
    assert closed.round.status == "ket_thuc" and closed.tally.winners() == [m[0]]
    assert blocs_db.get_year(db, b["bloc_id"], 2026).head_id == m[0]
    _refused(db, lambda: bloc_service.record_count(db, head_round, 5, 5, 0, {m[0]: 3}), "đã chốt kết quả")
    # Electing next year's head as its deputy too is refused, and the round stays open.
    deputy_round = _round(db, b, "khoi_pho", candidates=(0, 3))
    bloc_service.issue_to_present(db, deputy_round)
    bloc_service.record_count(db, deputy_round, 5, 5, 0, {m[0]: 3, m[3]: 2})
    _refused(db, lambda: bloc_service.close_round(db, deputy_round), "không thể vừa là Khối trưởng vừa là Khối phó")
    assert meetings_db.get_round(db, deputy_round).status == "mo"


def test_a_tie_at_the_last_seat_opens_a_second_round_for_the_open_seats(db):
    b = small_bloc(db)
    m = b["members"]
    round_id = _round(db, b, "co_bo_tinh", candidates=(0, 1, 2, 3), seats=2)
    bloc_service.issue_to_present(db, round_id)
    bloc_service.record_count(db, round_id, 5, 5, 0, {m[0]: 4, m[1]: 3, m[2]: 3, m[3]: 0})
    result = bloc_service.close_round(db, round_id)
    assert result.tally.winners() == [m[0]] and result.tally.tied_at_cutoff() == [m[1], m[2]]
    assert "Bằng phiếu ở vị trí cuối: Sở Khoa học và Công nghệ, Sở Tài chính" in result.summary
    second = bloc_service.revote(db, round_id)
    again = bloc_service.round_result(db, second)
    assert again.round.round_no == 2 and again.rule.seats == 1 and again.label.endswith("vòng 2")
    assert [c.member_id for c in again.candidates] == [m[1], m[2]]
    _refused(db, lambda: bloc_service.revote(db, second), "không có ứng viên bằng phiếu")


def test_every_write_is_audited(db):
    b = small_bloc(db)
    round_id = _round(db, b)
    bloc_service.issue_to_present(db, round_id)
    bloc_service.record_count(db, round_id, 5, 5, 0, {b["members"][0]: 4})
    tables = {r["table_name"] for r in db.query("SELECT table_name FROM audit_log")}
    assert {"blocs", "bloc_members", "bloc_meetings", "bloc_criteria", "bloc_vote_rounds", "bloc_round_voters"} <= tables
    assert any("thu về 5, hợp lệ 5" in r["summary"] for r in db.query("SELECT summary FROM audit_log"))


def test_demo_blocs_follow_the_source_articles(demo_db):
    blocs = {b.name: b for b in blocs_db.list_blocs(demo_db)}
    tmth, vpv = blocs["Khối thi đua Tham mưu – Tổng hợp"], blocs["Khối thi đua các Văn phòng, Viện"]
    assert len(blocs_db.list_members(demo_db, tmth.id)) == 11 and len(blocs_db.list_members(demo_db, vpv.id)) == 14
    assert blocs_db.get_year(demo_db, tmth.id, 2018).head_name == "Sở Khoa học và Công nghệ"
    assert [m.held_on for m in meetings_db.list_meetings(demo_db, tmth.id, 2018)] == [dt.date(2018, 7, 31)]
    year_end = meetings_db.find_meeting(demo_db, vpv.id, 2018, "tong_ket")
    assert year_end.held_on == dt.date(2018, 12, 27)
    names = blocs_db.member_names(demo_db, vpv.id)
    winners = {r.kind: [names[k] for k in bloc_service.round_result(demo_db, r.id).tally.winners()]
               for r in meetings_db.list_rounds(demo_db, year_end.id)}
    assert winners == {
        "co_chinh_phu": ["Văn phòng Công nhận chất lượng"],
        "co_bo_tinh": ["Văn phòng các Chương trình trọng điểm cấp nhà nước", "Viện Năng lượng nguyên tử Việt Nam",
                       "Viện Ứng dụng Công nghệ"],
        "khoi_truong": ["Văn phòng các Chương trình khoa học và công nghệ quốc gia"],
        "khoi_pho": ["Học viện Khoa học, Công nghệ và Đổi mới sáng tạo"],
    }
    y2019 = blocs_db.get_year(demo_db, vpv.id, 2019)
    assert (y2019.head_name, y2019.deputy_name) == ("Văn phòng các Chương trình khoa học và công nghệ quốc gia",
                                                    "Học viện Khoa học, Công nghệ và Đổi mới sáng tạo")
    ranking = bloc_service.ranking(demo_db, vpv.id, 2018)
    assert ranking[0].name == "Văn phòng Công nhận chất lượng"
    assert any(r.tied for r in ranking)  # the demo shows shared ranks
