"""Review and council db layer: rule-set copies, proposals, votes, quorum, decisions; bad input changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from tdkt_desktop.db import review, review_council
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db.award_records import UnitRating
from tdkt_desktop.db.review_records import CouncilMeeting, CouncilMember
from tdkt_desktop.errors import ValidationError
from tdkt_desktop.rules.params import set_param
from tdkt_desktop.services import council as council_service
from tdkt_desktop.services import rulesets
from tdkt_desktop.services.eligibility import evaluate_year, load_histories


def _snapshot(db) -> dict:
    tables = ["proposals", "council_votes", "council_meetings", "council_attendance", "council_members",
              "decisions", "awards", "office_rulesets", "unit_ratings"]
    return {t: list(db.query(f"SELECT * FROM {t} ORDER BY rowid")) for t in tables}


def test_migration_recorded(db):
    names = {r["name"] for r in db.query("SELECT name FROM _sqlite_migrations")}
    assert "0003_review_council" in names


def test_office_copy_edit_and_validation(db):
    base = rulesets.ruleset_for_year(db, 2025)
    office_id = rulesets.copy_ruleset(db, base)
    rs = rulesets.ruleset_for_year(db, 2025)
    assert rs.source == "office" and rs.office_id == office_id and rs.based_on == base.name
    before = _snapshot(db)
    bad = set_param(rs.data, "awards.tap_the_lao_dong_tien_tien.ldtt_share", "150%")
    with pytest.raises(ValidationError) as err:
        rulesets.save_office_ruleset(db, office_id, bad)
    assert "awards.tap_the_lao_dong_tien_tien.ldtt_share" in err.value.errors
    assert _snapshot(db) == before
    good = set_param(rs.data, "awards.tap_the_lao_dong_tien_tien.ldtt_share", "7/10")
    rulesets.save_office_ruleset(db, office_id, good)
    assert rulesets.ruleset_for_year(db, 2025).data["awards"]["tap_the_lao_dong_tien_tien"]["ldtt_share"] == "7/10"
    assert rulesets.ruleset_for_year(db, 2024).source == "builtin"
    rulesets.delete_office_ruleset(db, office_id)
    assert rulesets.ruleset_for_year(db, 2025).source == "builtin"


def test_proposal_errors_leave_db_unchanged(demo_db):
    person = staff_db.find_by_code(demo_db, "CB010")
    unit_id = person.unit_id
    before = _snapshot(demo_db)
    with pytest.raises(ValidationError, match="không dành cho cá nhân"):
        review.propose(demo_db, 2026, "tap_the_lao_dong_tien_tien", staff_id=person.id)
    with pytest.raises(ValidationError, match="không dành cho tập thể"):
        review.propose(demo_db, 2026, "lao_dong_tien_tien", unit_id=unit_id)
    with pytest.raises(ValidationError, match="đúng một cá nhân hoặc một tập thể"):
        review.propose(demo_db, 2026, "lao_dong_tien_tien", staff_id=person.id, unit_id=unit_id)
    with pytest.raises(ValidationError, match="danh mục"):
        review.propose(demo_db, 2026, "khong_co", staff_id=person.id)
    given = demo_db.execute("SELECT staff_id FROM awards WHERE award_type = 'lao_dong_tien_tien' AND year = 2025").fetchone()
    with pytest.raises(ValidationError, match="Đã có quyết định"):
        review.propose(demo_db, 2025, "lao_dong_tien_tien", staff_id=given[0])
    ids = [s.id for s in staff_db.list_staff(demo_db)[:3]]
    with pytest.raises(ValidationError):
        review.toggle_proposals(demo_db, 2026, "lao_dong_tien_tien",
                                [("ca_nhan", i, None) for i in ids] + [("ca_nhan", None, None)], withdraw_all=False)
    assert _snapshot(demo_db) == before


def test_unit_rating_validation(demo_db):
    before = _snapshot(demo_db)
    with pytest.raises(ValidationError, match="không hợp lệ"):
        review.set_unit_rating(demo_db, UnitRating(unit_id=1, year=2026, rating="GIOI"))
    with pytest.raises(ValidationError, match="Không tìm thấy đơn vị"):
        review.set_unit_rating(demo_db, UnitRating(unit_id=999, year=2026, rating="HTT"))
    assert _snapshot(demo_db) == before
    review.set_unit_rating(demo_db, UnitRating(unit_id=1, year=2026, rating="HT", leads_bloc=True))
    assert review.unit_ratings(demo_db, 2026)[1].rating == "HT"


def test_council_needs_members_and_one_chair(db):
    with pytest.raises(ValidationError, match="chưa có thành viên"):
        review_council.open_meeting(db, CouncilMeeting(id=None, year=2026, held_on=dt.date(2026, 11, 20)))
    review_council.save_member(db, CouncilMember(id=None, full_name="Hoàng Văn Thắng", role="chu_tich"))
    with pytest.raises(ValidationError, match="chỉ có một Chủ tịch"):
        review_council.save_member(db, CouncilMember(id=None, full_name="Bùi Phương Yến", role="chu_tich"))
    with pytest.raises(ValidationError, match="không được để trống"):
        review_council.save_member(db, CouncilMember(id=None, full_name="  ", role="uy_vien"))
    assert len(review_council.list_members(db)) == 1


def _meeting_2026(db) -> tuple[int, list[int]]:
    """A 2026 meeting with proposals: 3 LĐTT, 1 CSTĐCS, 1 Tập thể LĐTT, 1 Bằng khen tỉnh."""
    result = evaluate_year(db, 2026)
    people = [pid for pid, v in result.person_verdicts.items() if v["lao_dong_tien_tien"].eligible][:3]
    cs = next(pid for pid, v in result.person_verdicts.items() if v["chien_si_thi_dua_co_so"].eligible)
    unit = next(v.subject_id for v in result.unit_verdicts if v.award == "tap_the_lao_dong_tien_tien" and v.eligible)
    proposals = [review.propose(db, 2026, "lao_dong_tien_tien", staff_id=pid) for pid in people]
    proposals.append(review.propose(db, 2026, "chien_si_thi_dua_co_so", staff_id=cs))
    proposals.append(review.propose(db, 2026, "tap_the_lao_dong_tien_tien", unit_id=unit))
    proposals.append(review.propose(db, 2026, "bang_khen_cap_tinh", staff_id=people[0]))
    meeting_id = review_council.open_meeting(db, CouncilMeeting(id=None, year=2026, held_on=dt.date(2026, 11, 18)))
    return meeting_id, proposals


def test_votes_quorum_results_and_decisions(demo_db):
    meeting_id, proposals = _meeting_2026(demo_db)
    members = review_council.attendance(demo_db, meeting_id)
    assert len(members) == 9
    for m in members[:4]:  # 5 of 9 present: below the 2/3 quorum (6)
        review_council.set_attendance(demo_db, meeting_id, m.member_id, False)
    review_council.record_vote(demo_db, meeting_id, proposals[0], 5)
    before = _snapshot(demo_db)
    with pytest.raises(ValidationError, match="CHƯA đủ điều kiện họp"):
        council_service.close_meeting(demo_db, meeting_id)
    with pytest.raises(ValidationError, match="vượt quá 5 thành viên"):
        review_council.record_vote(demo_db, meeting_id, proposals[1], 4, 2)
    assert _snapshot(demo_db) == before
    for m in members[:2]:
        review_council.set_attendance(demo_db, meeting_id, m.member_id, True)
    review_council.set_attendance(demo_db, meeting_id, members[2].member_id, False, True)  # written opinion
    assert review_council.head_count(demo_db, meeting_id) == (7, 1, 9)
    # LĐTT, TTLĐTT, Bằng khen: > 50 % of 7 present → 4. CSTĐCS: ≥ 80 % of all 9 → 8 (7 present + 1 written).
    for pid, votes in zip(proposals, [7, 4, 3, 8, 6, 3], strict=True):
        review_council.record_vote(demo_db, meeting_id, pid, votes)
    results = {c.proposal.id: c for c in council_service.candidates(demo_db, meeting_id)}
    assert [results[p].passed for p in proposals] == [True, True, False, True, True, False]
    assert "cần từ 80 % tổng số thành viên Hội đồng = 8 phiếu" in results[proposals[3]].result_text
    assert council_service.close_meeting(demo_db, meeting_id) == {"dat": 4, "khong_dat": 2}
    with pytest.raises(ValidationError, match="đã kết thúc"):
        review_council.record_vote(demo_db, meeting_id, proposals[2], 7)

    decisions_before = demo_db["decisions"].count
    done = council_service.create_decisions(demo_db, meeting_id, dt.date(2026, 11, 25), 301)
    assert len(done["decisions"]) == 3 and done["awards"] == 4 and done["upward"] == []
    rows = list(demo_db.query(
        "SELECT d.number, a.award_type, a.amount, a.staff_id, a.unit_id FROM awards a "
        "JOIN decisions d ON d.id = a.decision_id WHERE d.id IN ({}) ORDER BY d.number, a.position"
        .format(",".join(str(i) for i in done["decisions"]))
    ))
    assert [r["number"] for r in rows] == ["301/QĐ-SKHCN", "301/QĐ-SKHCN", "302/QĐ-SKHCN", "303/QĐ-SKHCN"]
    assert {r["award_type"]: r["amount"] for r in rows} == {
        "lao_dong_tien_tien": 760_000, "chien_si_thi_dua_co_so": 2_530_000, "tap_the_lao_dong_tien_tien": 2_030_000,
    }
    assert demo_db["decisions"].count == decisions_before + 3
    statuses = [review.get_proposal(demo_db, p).status for p in proposals]
    assert statuses == ["da_quyet_dinh", "da_quyet_dinh", "khong_dat", "da_quyet_dinh", "da_quyet_dinh", "khong_dat"]
    # Nothing is awarded twice: a second run has nothing new, and a new proposal is refused.
    before = _snapshot(demo_db)
    with pytest.raises(ValidationError, match="Không có kết quả đạt nào mới"):
        council_service.create_decisions(demo_db, meeting_id, dt.date(2026, 11, 26))
    with pytest.raises(ValidationError, match="Đã có quyết định"):
        review.propose(demo_db, 2026, "lao_dong_tien_tien", staff_id=review.get_proposal(demo_db, proposals[0]).staff_id)
    with pytest.raises(ValidationError, match="đã có quyết định, không rút được"):
        review.withdraw(demo_db, proposals[0])
    assert _snapshot(demo_db) == before


def test_upward_proposals_and_taken_decision_number(demo_db):
    meeting_id, proposals = _meeting_2026(demo_db)
    for pid in proposals:
        review_council.record_vote(demo_db, meeting_id, pid, 9)
    council_service.close_meeting(demo_db, meeting_id)
    taken = demo_db.execute("SELECT number, year FROM decisions WHERE year = 2025 AND number LIKE '%/QĐ-SKHCN' LIMIT 1").fetchone()
    assert taken
    number = int(taken[0].split("/")[0])
    before = _snapshot(demo_db)
    # Decisions dated 2025 reuse the year's numbering: a taken number fails and writes nothing.
    with pytest.raises(ValidationError):
        council_service.create_decisions(demo_db, meeting_id, dt.date(2025, 12, 30), number)
    assert _snapshot(demo_db) == before
    done = council_service.create_decisions(demo_db, meeting_id, dt.date(2026, 11, 27))
    assert [p.award_type for p in done["upward"]] == ["bang_khen_cap_tinh"]
    assert review.get_proposal(demo_db, proposals[-1]).status == "trinh_cap_tren"


def test_bulk_load_matches_the_register(demo_db):
    people, units = load_histories(demo_db, 2025)
    assert len(people) == demo_db["staff"].count_where("active = 1")
    total = sum(len(codes) for p in people.values() for codes in p.awards.values())
    ids = ",".join(str(i) for i in people)
    assert total == demo_db["awards"].count_where(f"staff_id IN ({ids}) AND year <= 2025")
    assert {u.name for u in units} >= {"Văn phòng Sở", "Thanh tra Sở"}


def test_cli_json_and_errors(tmp_path, demo_db):
    path = tmp_path / "demo.sqlite"
    demo_db.execute(f"VACUUM INTO '{path}'")
    run = [sys.executable, "-m", "tdkt_desktop", "--db", str(path), "eligibility", "--year", "2026"]
    out = subprocess.run(run + ["--json"], capture_output=True, text=True, encoding="utf-8", check=True)
    items = json.loads(out.stdout)
    people = {i["staff_code"] for i in items if "staff_code" in i}
    assert len(people) == demo_db["staff"].count_where("active = 1")
    assert {i["award"] for i in items} >= {"lao_dong_tien_tien", "chien_si_thi_dua_co_so", "bang_khen_cap_tinh",
                                          "tap_the_lao_dong_tien_tien"}
    for item in items:
        assert {"staff_code" if "staff_code" in item else "unit", "name", "award", "eligible",
                "needs_council", "reasons", "status", "authority"} <= set(item)
        assert item["reasons"]
        assert not (item["needs_council"] and not item["eligible"])
    text = subprocess.run(run, capture_output=True, text=True, encoding="utf-8", check=True).stdout
    assert "Xét năm 2026 theo bộ quy tắc: Luật TĐKT 2022 + NĐ 152/2025" in text
    bad = subprocess.run(run[:-1] + ["2010"], capture_output=True, text=True, encoding="utf-8")
    assert bad.returncode == 1 and "Không có bộ quy tắc nào áp dụng cho năm 2010" in bad.stderr
    missing = subprocess.run([sys.executable, "-m", "tdkt_desktop", "--db", str(tmp_path / "x.sqlite"),
                              "eligibility", "--year", "2025"], capture_output=True, text=True, encoding="utf-8")
    assert missing.returncode == 1 and "Không có tệp cơ sở dữ liệu" in missing.stderr


def test_only_the_highest_title_money_is_paid(demo_db):
    """NĐ 152/2025 Điều 49 k5: LĐTT and CSTĐCS for the same year → only the CSTĐCS amount."""
    result = evaluate_year(demo_db, 2026)
    pid = next(p for p, v in result.person_verdicts.items() if v["chien_si_thi_dua_co_so"].eligible)
    other = next(p for p, v in result.person_verdicts.items() if v["lao_dong_tien_tien"].eligible and p != pid)
    ids = [review.propose(demo_db, 2026, "lao_dong_tien_tien", staff_id=pid),
           review.propose(demo_db, 2026, "chien_si_thi_dua_co_so", staff_id=pid),
           review.propose(demo_db, 2026, "lao_dong_tien_tien", staff_id=other)]
    meeting_id = review_council.open_meeting(demo_db, CouncilMeeting(id=None, year=2026, held_on=dt.date(2026, 11, 18)))
    for proposal_id in ids:
        review_council.record_vote(demo_db, meeting_id, proposal_id, 9)
    council_service.close_meeting(demo_db, meeting_id)
    council_service.create_decisions(demo_db, meeting_id, dt.date(2026, 11, 25))
    paid = {(r["staff_id"], r["award_type"]): (r["amount"], r["reason"]) for r in demo_db.query(
        "SELECT staff_id, award_type, amount, reason FROM awards WHERE year = 2026")}
    assert paid[(pid, "chien_si_thi_dua_co_so")][0] == 2_530_000
    assert paid[(pid, "lao_dong_tien_tien")][0] == 0
    assert "tiền thưởng theo mức cao nhất: Chiến sĩ thi đua cơ sở" in paid[(pid, "lao_dong_tien_tien")][1]
    assert paid[(other, "lao_dong_tien_tien")][0] == 760_000


def test_office_rule_set_text_is_stored_nfc(db):
    import unicodedata

    office_id = rulesets.copy_ruleset(db, rulesets.ruleset_for_year(db, 2025))
    rs = rulesets.get_office_ruleset(db, office_id)
    nfd = unicodedata.normalize("NFD", "Quy chế TĐKT tỉnh Cao Bằng 2025")
    data = set_param(rs.data, "name", nfd)
    data = set_param(data, "awards.lao_dong_tien_tien.council_criteria", [unicodedata.normalize("NFD", "Đoàn kết")])
    rulesets.save_office_ruleset(db, office_id, data)
    saved = rulesets.get_office_ruleset(db, office_id)
    assert saved.name == unicodedata.normalize("NFC", nfd) == saved.data["name"]
    assert saved.data["awards"]["lao_dong_tien_tien"]["council_criteria"] == ["Đoàn kết"]


def test_partial_load_gives_the_same_verdicts(demo_db):
    full = evaluate_year(demo_db, 2026)
    unit = next(u for u in full.units if u.name == "Thanh tra Sở")
    some = [pid for pid in list(full.people)[:5]]
    part = evaluate_year(demo_db, 2026, staff_ids=some, unit_ids=[unit.id])
    assert set(part.people) == set(some) | set(unit.member_ids)
    for pid in part.people:
        assert part.person_verdicts[pid] == full.person_verdicts[pid]
    assert [v for v in full.unit_verdicts if v.subject_id == unit.id] == part.unit_verdicts
