"""Use cases: the reward decision from a tổng kết (02 tập thể, 14 cá nhân as in source article 004), and
progress notes whose evidence files are copied beside the database."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from campaigns.builders import campaign, office, people, snapshot

from tdkt_desktop.db import campaign_notes as notes_db
from tdkt_desktop.db import campaign_reviews as reviews
from tdkt_desktop.db import campaigns, history
from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db.award_records import Award, Decision
from tdkt_desktop.db.campaign_records import CampaignReview, ReviewResult
from tdkt_desktop.db.connection import open_database
from tdkt_desktop.errors import UserError, ValidationError
from tdkt_desktop.services import campaigns as service

HELD = dt.date(2025, 8, 10)


def tong_ket(db, ids, campaign_id, *, proposals=True) -> int:
    """The Hội nghị điển hình tiên tiến: 2 collectives and 14 individuals proposed for Giấy khen."""
    units = [ids["Văn phòng Sở"], ids["Thanh tra Sở"]]
    results = [ReviewResult(None, None, unit_id=u, result="xuat_sac", rank=i,
                            award_type="giay_khen_tap_the" if proposals else None) for i, u in enumerate(units, 1)]
    results += [ReviewResult(None, None, staff_id=p.id, result="xuat_sac" if i < 10 else "tot", rank=i + 1,
                             award_type="giay_khen" if proposals else None) for i, p in enumerate(people(db)[:14])]
    results.append(ReviewResult(None, None, staff_id=people(db)[14].id, result="hoan_thanh"))
    return reviews.record_review(db, CampaignReview(None, campaign_id, "tong_ket", held_on=HELD,
                                                    title="Hội nghị điển hình tiên tiến"), results,
                                 today=dt.date(2025, 9, 1))


@pytest.fixture
def setup(db):
    ids = office(db)
    campaign_id = campaign(db)
    return db, ids, campaign_id, tong_ket(db, ids, campaign_id)


def test_reward_decision_from_tong_ket_goes_through_the_register(setup):
    db, _ids, campaign_id, review_id = setup
    header = service.default_decision(db, review_id, HELD)
    assert header.number == "1/QĐ-SKHCN" and header.kind == "phong_trao" and header.campaign_id == campaign_id
    assert "phong trào thi đua yêu nước giai đoạn 2020–2025" in header.summary
    decision_id = service.create_reward_decision(db, review_id, header)
    decision = decisions_db.get_decision(db, decision_id)
    assert (decision.kind, decision.campaign_id, decision.award_count) == ("phong_trao", campaign_id, 16)
    lines = decisions_db.awards_of_decision(db, decision_id)
    assert [a.unit_id is not None for a in lines[:2]] == [True, True]
    assert [a.staff_code for a in lines[2:]] == [f"NV{i:02d}" for i in range(1, 15)]  # by rank
    # Money from the rule set in force: Giấy khen cá nhân 0.3 × 2,340,000 rounded up to 10,000 đ.
    assert lines[2].amount == 710_000 and lines[0].amount is None
    assert reviews.get_review(db, review_id).decision_number == "1/QĐ-SKHCN"
    assert campaigns.get_campaign(db, campaign_id).awards == 16
    # The register filters by campaign; the person's history names it.
    assert {a.id for a in decisions_db.list_awards(db, campaign_id=campaign_id)} == {a.id for a in lines}
    person = people(db)[0]
    shown = history.person_history(db, person.id)
    award = next(a for a in shown.awards if a.decision_id == decision_id)
    assert shown.campaign_of(award) == "Phong trào thi đua yêu nước giai đoạn 2020–2025"
    assert next(e for e in shown.years if e.year == 2025).campaigns == {decision_id: shown.campaign_of(award)}
    assert db["audit_log"].count_where("table_name = 'campaign_reviews' AND summary LIKE 'quyết định%'") == 1
    # Once made, the tổng kết keeps its decision: no second one, no deletion.
    with pytest.raises(UserError, match="đã có Quyết định"):
        service.create_reward_decision(db, review_id, dataclasses.replace(header, number="2/QĐ-SKHCN"))
    with pytest.raises(ValidationError, match="không xóa được"):
        reviews.delete_review(db, review_id)


def test_reward_refusals_write_nothing(setup):
    db, ids, campaign_id, review_id = setup
    header = service.default_decision(db, review_id, HELD)
    before = snapshot(db)
    with pytest.raises(ValidationError, match="trước ngày tổng kết"):
        service.create_reward_decision(db, review_id, dataclasses.replace(header, issued_on=dt.date(2025, 8, 1)))
    assert snapshot(db) == before
    # A person already has a Giấy khen that year: the register refuses, nothing of the decision stays.
    decisions_db.add_decision(db, Decision(None, "9/QĐ-SKHCN", dt.date(2025, 3, 1), header.issuer),
                              [Award(None, None, "giay_khen", staff_id=people(db)[5].id, year=2025)])
    before = snapshot(db)
    with pytest.raises(ValidationError, match="chỉ tặng một lần trong năm"):
        service.create_reward_decision(db, review_id, header)
    assert snapshot(db) == before
    assert reviews.get_review(db, review_id).decision_id is None
    so_ket = reviews.record_review(db, CampaignReview(None, campaign_id, "so_ket", held_on=dt.date(2023, 8, 10)),
                                   [], today=dt.date(2025, 9, 1))
    with pytest.raises(UserError, match="từ đợt tổng kết"):
        service.create_reward_decision(db, so_ket, header)


def test_tong_ket_without_proposals_has_nothing_to_reward(db):
    ids = office(db)
    campaign_id = campaign(db)
    review_id = tong_ket(db, ids, campaign_id, proposals=False)
    with pytest.raises(UserError, match="chưa đề nghị khen thưởng"):
        service.reward_lines(db, review_id)


def test_planned_tong_ket_cannot_reward(db):
    office(db)
    campaign_id = campaign(db)
    review_id = reviews.plan_review(db, campaign_id, "tong_ket", dt.date(2025, 12, 20), today=dt.date(2025, 9, 1))
    with pytest.raises(UserError, match="đã ghi kết quả"):
        service.reward_lines(db, review_id)


def test_progress_note_copies_evidence_beside_the_database(tmp_path):
    path = tmp_path / "so-lieu" / "tdkt.sqlite"
    db = open_database(path)
    office(db)
    campaign_id = campaign(db)
    report = tmp_path / "Báo cáo tiến độ quý 3.pdf"
    report.write_bytes(b"%PDF-1.4 minh chung")
    photo = tmp_path / "anh.jpg"
    photo.write_bytes(b"\xff\xd8 anh")
    note_id = service.add_progress_note(db, campaign_id, dt.date(2024, 9, 30), "Kiểm tra tiến độ quý 3",
                                        [report, photo])
    note = notes_db.list_notes(db, campaign_id)[0]
    assert note.id == note_id and [f.file_name for f in note.files] == ["Báo cáo tiến độ quý 3.pdf", "anh.jpg"]
    copy = service.evidence_path(db, note.files[0])
    assert copy.parent.parent == tmp_path / "so-lieu" / "attachments" / "tdkt"
    assert copy.read_bytes() == b"%PDF-1.4 minh chung"
    # The same name again never overwrites the first copy.
    service.add_progress_note(db, campaign_id, dt.date(2024, 10, 30), "Bổ sung", [report])
    second = notes_db.list_notes(db, campaign_id)[0].files[0]
    assert service.evidence_path(db, second) != copy and copy.read_bytes() == b"%PDF-1.4 minh chung"
    service.delete_progress_note(db, note_id)
    assert not copy.exists()
    with pytest.raises(UserError, match="Không tìm thấy tệp"):
        service.evidence_path(db, note.files[1])
    db.close()


def test_bad_note_leaves_no_copy_and_no_row(tmp_path):
    path = tmp_path / "tdkt.sqlite"
    db = open_database(path)
    office(db)
    campaign_id = campaign(db)
    present = tmp_path / "co.txt"
    present.write_text("có")
    for args, words in (((dt.date(2019, 1, 1), "Sớm"), "trước ngày bắt đầu"),
                        ((dt.date(2024, 1, 1), "  "), "không được để trống"),
                        ((dt.date(2024, 1, 1), "Có"), "Không tìm thấy tệp")):
        with pytest.raises(ValidationError, match=words):
            service.add_progress_note(db, campaign_id, *args, [present, tmp_path / "khong-co.txt"])
    assert db["campaign_notes"].count == 0 and db["campaign_evidence"].count == 0
    assert not (tmp_path / "attachments").exists() or not any((tmp_path / "attachments").rglob("*.txt"))
    db.close()


def test_copies_are_removed_when_the_note_cannot_be_saved(tmp_path, monkeypatch):
    import sqlite3

    db = open_database(tmp_path / "tdkt.sqlite")
    office(db)
    campaign_id = campaign(db)
    source = tmp_path / "a.txt"
    source.write_text("minh chứng")

    def full_disk(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(notes_db, "add_note", full_disk)
    with pytest.raises(sqlite3.OperationalError):
        service.add_progress_note(db, campaign_id, dt.date(2024, 1, 2), "Ghi chép", [source])
    assert list((tmp_path / "attachments").rglob("*.txt")) == []
    db.close()


def test_deleting_a_campaign_removes_its_evidence_copies(tmp_path):
    db = open_database(tmp_path / "tdkt.sqlite")
    office(db)
    campaign_id = campaign(db, name="Phong trào nhập nhầm")
    source = tmp_path / "a.txt"
    source.write_text("minh chứng")
    service.add_progress_note(db, campaign_id, dt.date(2024, 1, 2), "Ghi chép", [source])
    copy = service.evidence_path(db, notes_db.list_notes(db, campaign_id)[0].files[0])
    service.delete_campaign(db, campaign_id)
    assert not copy.exists() and db["campaigns"].count == 0
    db.close()


def test_find_one_campaign_names_the_candidates(setup):
    db, *_ = setup
    campaign(db, name="Thi đua lập thành tích chào mừng 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc",
             kind="chuyen_de")
    assert service.find_one_campaign(db, "loi keu goi").kind == "chuyen_de"
    with pytest.raises(UserError, match="khớp với 2 phong trào"):
        service.find_one_campaign(db, "thi đua")
    with pytest.raises(UserError, match="Không có phong trào"):
        service.find_one_campaign(db, "Nông thôn mới")
