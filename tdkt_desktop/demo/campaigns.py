"""Demo campaigns from the source articles (DOMAIN §13.3): the yearly regular campaign (2025, 2026),
"Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "Cao Bằng chung sức xây dựng nông thôn
mới", the 75th anniversary of the call to patriotic emulation, and the 2020–2025 period campaign whose
tổng kết gave Giấy khen to 02 tập thể and 14 cá nhân (source article 004).
"""

from __future__ import annotations

import datetime as dt
import random

from sqlite_utils import Database

from tdkt_desktop.db import campaign_notes as notes_db
from tdkt_desktop.db import campaign_reviews as reviews_db
from tdkt_desktop.db import campaigns as campaigns_db
from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db import registrations as registrations_db
from tdkt_desktop.db import settings as settings_db
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import units as units_db
from tdkt_desktop.db.campaign_records import Campaign, CampaignReview, ReviewResult
from tdkt_desktop.services import campaigns as campaign_service

YEARLY = "Thi đua thực hiện thắng lợi nhiệm vụ chính trị năm {year}"
HO_CHI_MINH = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh giai đoạn 2021–2025"
NONG_THON_MOI = "Cao Bằng chung sức xây dựng nông thôn mới (giúp đỡ xã Thị Ngân, huyện Thạch An)"
ANNIVERSARY = ("Thi đua lập thành tích chào mừng kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi "
               "thi đua ái quốc (11/6/1948 – 11/6/2023)")
PERIOD = "Phong trào thi đua yêu nước giai đoạn 2020–2025"

_YEARLY_CRITERIA = [
    "100% cán bộ, công chức, viên chức, người lao động đăng ký thi đua từ đầu năm",
    "Hoàn thành 100% nhiệm vụ khoa học và công nghệ được giao đúng tiến độ",
    "Giải quyết 100% thủ tục hành chính đúng hạn, không có hồ sơ trễ hẹn",
    "Có ít nhất 05 sáng kiến, giải pháp được công nhận cấp cơ sở",
    "Không có cán bộ vi phạm kỷ luật; cơ quan đạt chuẩn văn hóa",
]


def build(db: Database) -> None:
    """Add the campaigns part of the demo (needs office, awards and review parts first)."""
    rng = random.Random(2020)
    office = settings_db.get_settings(db).office_name
    units = units_db.list_units(db)
    people = [s for s in staff_db.list_staff(db) if s.active]
    for year, (doc, day) in {2025: ("08/KH-SKHCN", dt.date(2025, 1, 15)),
                             2026: ("06/KH-SKHCN", dt.date(2026, 1, 12))}.items():
        _yearly(db, rng, year, doc, day, office, units, people)
    _ho_chi_minh(db, office, units)
    _nong_thon_moi(db, units)
    _anniversary(db, rng, office, units, people)
    _period(db, office, units)


def _add(db: Database, campaign: Campaign, units: list, criteria: list[str] = (), *, met: int = 0) -> int:
    """Create the campaign; the first ``met`` checklist lines are ticked as achieved."""
    campaign_id = campaigns_db.add_campaign(db, campaign, criteria=list(criteria), unit_ids=[u.id for u in units])
    for item in campaigns_db.list_criteria(db, campaign_id)[:met]:
        campaigns_db.set_criterion_done(db, item.id, True)
    return campaign_id


def _unit_results(units: list, rng: random.Random, review_id: int | None = None) -> list[ReviewResult]:
    order = rng.sample(units, len(units))
    marks = ["xuat_sac", "xuat_sac", "tot", "tot", "tot", "tot", "hoan_thanh", "hoan_thanh"]
    return [ReviewResult(None, review_id, unit_id=u.id, result=marks[min(i, len(marks) - 1)], rank=i + 1)
            for i, u in enumerate(order)]


def _yearly(db, rng, year, doc, day, office, units, people) -> None:
    campaign_id = _add(db, Campaign(
        None, YEARLY.format(year=year), kind="thuong_xuyen", level="co_quan", starts_on=dt.date(year, 1, 1),
        ends_on=dt.date(year, 12, 31), doc_kind="ke_hoach", doc_number=doc, doc_date=day, doc_issuer=office,
        goals=(f"Động viên cán bộ, công chức, viên chức và người lao động thi đua hoàn thành xuất sắc nhiệm vụ "
               f"chính trị năm {year}; gắn thi đua với cải cách hành chính và ứng dụng khoa học, công nghệ."),
    ), units, _YEARLY_CRITERIA, met=4 if year == 2025 else 1)
    last = {r[0]: r[1] for r in db.execute("SELECT staff_id, rating FROM ratings WHERE year = ?", [year - 1])}
    joined = [p for p in people if not p.recruited_on or p.recruited_on <= dt.date(year, 1, 31)]
    strong = [p.id for p in joined if last.get(p.id) == "HTXS"]
    registered_on = day + dt.timedelta(days=20)
    registrations_db.register(db, campaign_id, year, "chien_si_thi_dua_co_so", staff_ids=strong,
                              registered_on=registered_on)
    registrations_db.register(db, campaign_id, year, "lao_dong_tien_tien",
                              staff_ids=[p.id for p in joined if p.id not in strong], registered_on=registered_on)
    leading = {units[1].id, units[6].id}
    registrations_db.register(db, campaign_id, year, "tap_the_lao_dong_xuat_sac", unit_ids=sorted(leading),
                              registered_on=registered_on)
    registrations_db.register(db, campaign_id, year, "tap_the_lao_dong_tien_tien",
                              unit_ids=[u.id for u in units if u.id not in leading], registered_on=registered_on)
    for i, p in enumerate(rng.sample(joined, 6)):  # a form as well, for people with a plan of their own
        if i < 4:
            registrations_db.register(db, campaign_id, year, "giay_khen", staff_ids=[p.id], registered_on=registered_on)
    reviews_db.record_review(db, CampaignReview(
        None, campaign_id, "so_ket", held_on=dt.date(year, 7, 31), title=f"Sơ kết 6 tháng đầu năm {year}",
        summary=("Các phòng, đơn vị triển khai kế hoạch đúng tiến độ; 100% cán bộ đã đăng ký thi đua; "
                 "giải quyết thủ tục hành chính đúng hạn đạt 98%."),
        shortcomings="Một số phòng chậm gửi báo cáo tiến độ; việc nhân rộng điển hình tiên tiến còn hạn chế.",
        directions="Đẩy mạnh thi đua 6 tháng cuối năm, tập trung các nhiệm vụ khoa học và công nghệ trọng tâm.",
    ), _unit_results(units, rng))
    notes = [(dt.date(year, 3, 20), "Các phòng đã tổ chức cho cán bộ đăng ký thi đua và gửi bản đăng ký về Văn phòng."),
             (dt.date(year, 6, 25), "Kiểm tra tiến độ thực hiện chỉ tiêu thi đua tại 8 phòng, đơn vị.")]
    for noted_on, text in notes:
        notes_db.add_note(db, campaign_id, noted_on, text)
    if year == 2025:
        reviews_db.record_review(db, CampaignReview(
            None, campaign_id, "tong_ket", held_on=dt.date(2025, 12, 22), title="Tổng kết công tác thi đua năm 2025",
            summary="Hoàn thành vượt mức các chỉ tiêu thi đua; 07/08 phòng, đơn vị hoàn thành tốt nhiệm vụ trở lên.",
            shortcomings="Số sáng kiến cấp cơ sở được công nhận chưa đạt chỉ tiêu đề ra.",
            directions="Triển khai phong trào thi đua năm 2026 ngay từ đầu năm.",
        ), _unit_results(units, rng))
    else:
        reviews_db.plan_review(db, campaign_id, "tong_ket", dt.date(2026, 12, 18), "Tổng kết công tác thi đua năm 2026")


def _ho_chi_minh(db, office, units) -> None:
    campaign_id = _add(db, Campaign(
        None, HO_CHI_MINH, kind="chuyen_de", level="toan_quoc", starts_on=dt.date(2021, 3, 1),
        ends_on=dt.date(2025, 12, 31), doc_kind="ke_hoach", doc_number="15/KH-SKHCN", doc_date=dt.date(2021, 2, 24),
        doc_issuer=office,
        goals=("Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo "
               "tư tưởng, đạo đức, phong cách Hồ Chí Minh, gắn với nhiệm vụ chuyên môn của từng phòng, đơn vị."),
    ), units, ["Mỗi cán bộ đăng ký việc làm theo tấm gương đạo đức Hồ Chí Minh hằng năm",
               "Mỗi phòng, đơn vị có ít nhất một mô hình, điển hình được biểu dương"], met=2)
    reviews_db.record_review(db, CampaignReview(
        None, campaign_id, "so_ket", held_on=dt.date(2023, 6, 15), title="Sơ kết giữa kỳ 2021–2023",
        summary="Các chi bộ, phòng đã cụ thể hóa việc học tập và làm theo gắn với nhiệm vụ chuyên môn.",
    ), [])
    reviews_db.record_review(db, CampaignReview(
        None, campaign_id, "tong_ket", held_on=dt.date(2025, 12, 10), title="Tổng kết giai đoạn 2021–2025",
        summary="Việc học tập và làm theo đi vào nền nếp; 12 tập thể, cá nhân được biểu dương điển hình.",
        shortcomings="Một số mô hình chưa được nhân rộng.",
        directions="Tiếp tục thực hiện Chỉ thị 05-CT/TW trong giai đoạn 2026–2030.",
    ), _unit_results(units, random.Random(5)))


def _nong_thon_moi(db, units) -> None:
    campaign_id = _add(db, Campaign(
        None, NONG_THON_MOI, kind="chuyen_de", level="tinh_bo", starts_on=dt.date(2021, 3, 1),
        ends_on=dt.date(2025, 12, 31), doc_kind="phat_dong", doc_number="24/KH-UBND",
        doc_date=dt.date(2021, 2, 5), doc_issuer="Ủy ban nhân dân tỉnh Cao Bằng",
        goals="Giúp xã Thị Ngân, huyện Thạch An thực hiện các tiêu chí nông thôn mới theo phân công của UBND tỉnh.",
    ), [u for u in units if "công nghệ" in u.name.lower() or "Văn phòng" in u.name][:3],
        ["Chuyển giao ít nhất 02 mô hình ứng dụng khoa học và công nghệ cho xã Thị Ngân"])
    reviews_db.record_review(db, CampaignReview(
        None, campaign_id, "so_ket", held_on=dt.date(2023, 11, 20), title="Sơ kết 3 năm thực hiện",
        summary="Đã chuyển giao mô hình nhân giống cây dẻ Trùng Khánh và lúa nếp Pì Pất cho xã Thị Ngân.",
    ), [])
    notes_db.add_note(db, campaign_id, dt.date(2024, 9, 12),
                      "Khảo sát hiệu quả mô hình nhân giống cây dẻ tại xã Thị Ngân; "
                      "gửi báo cáo về Văn phòng điều phối.")


def _anniversary(db, rng, office, units, people) -> None:
    campaign_id = _add(db, Campaign(
        None, ANNIVERSARY, kind="chuyen_de", level="co_quan", starts_on=dt.date(2023, 3, 1),
        ends_on=dt.date(2023, 6, 11), doc_kind="ke_hoach", doc_number="05/KH-SKHCN", doc_date=dt.date(2023, 2, 27),
        doc_issuer=office,
        goals="Lập thành tích chào mừng kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc.",
    ), units, ["Mỗi phòng, đơn vị có ít nhất một công trình, phần việc chào mừng"], met=1)
    picked = [p for p in rng.sample(people, 8) if p.code != "CB015"][:5]
    results = [ReviewResult(None, None, unit_id=units[3].id, result="xuat_sac", rank=1)]
    results += [ReviewResult(None, None, staff_id=p.id, result="xuat_sac", rank=i, award_type="giay_khen")
                for i, p in enumerate(picked, start=1)]
    results += [ReviewResult(None, None, unit_id=u.id, result="tot", rank=i)
                for i, u in enumerate([u for u in units if u.id != units[3].id], start=2)]
    review_id = reviews_db.record_review(db, CampaignReview(
        None, campaign_id, "tong_ket", held_on=dt.date(2023, 6, 16), title="Hội nghị tổng kết đợt thi đua chào mừng",
        summary="Hoàn thành 12 công trình, phần việc chào mừng; 05 cá nhân tiêu biểu được đề nghị tặng Giấy khen.",
        directions="Duy trì khí thế thi đua trong thực hiện nhiệm vụ 6 tháng cuối năm 2023.",
    ), results)
    header = campaign_service.default_decision(db, review_id, dt.date(2023, 6, 20))
    campaign_service.create_reward_decision(db, review_id, header)


def _period(db, office, units) -> None:
    """Source article 004: phát động at the Hội nghị điển hình tiên tiến; tổng kết five years later."""
    campaign_id = _add(db, Campaign(
        None, PERIOD, kind="giai_doan", level="co_quan", starts_on=dt.date(2020, 8, 10),
        ends_on=dt.date(2025, 12, 31), doc_kind="phat_dong", doc_number="", doc_date=dt.date(2020, 8, 10),
        doc_issuer=office,
        goals=("Gắn thi đua hoàn thành nhiệm vụ chuyên môn với thực hiện Chỉ thị 05-CT/TW, cải cách hành chính, "
               "ứng dụng công nghệ thông tin và văn hóa công sở; sơ kết, tổng kết, khen thưởng kịp thời "
               "các điển hình."),
    ), units, ["Xây dựng và phát động nhiều đợt thi đua hằng năm",
               "Phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến ở từng phòng, đơn vị"], met=2)
    for noted_on, text in ((dt.date(2021, 12, 20), "Các phòng, đơn vị xây dựng kế hoạch thi đua giai đoạn và đăng ký "
                                                   "mô hình, điển hình tiên tiến."),
                           (dt.date(2024, 11, 5), "Rà soát, lập danh sách tập thể, cá nhân điển hình tiên tiến đề xuất "
                                                  "biểu dương tại hội nghị tổng kết giai đoạn.")):
        notes_db.add_note(db, campaign_id, noted_on, text)
    reviews_db.record_review(db, CampaignReview(
        None, campaign_id, "so_ket", held_on=dt.date(2023, 8, 10), title="Sơ kết giữa giai đoạn",
        summary="Các phòng, đơn vị duy trì phong trào thi đua thường xuyên và các đợt thi đua chuyên đề.",
    ), [])
    decision = next((d for d in decisions_db.list_decisions(db, year=2025)
                     if d.kind == "phong_trao" and d.issued_on == dt.date(2025, 8, 10)), None)
    if decision is None:
        return
    awards = decisions_db.awards_of_decision(db, decision.id)
    # Ranked within the collectives and within the individuals, as the conference listed them.
    ranks = {True: 0, False: 0}
    results = []
    for a in awards:
        ranks[a.staff_id is None] += 1
        results.append(ReviewResult(None, None, staff_id=a.staff_id, unit_id=a.unit_id, result="xuat_sac",
                                    rank=ranks[a.staff_id is None], award_type=a.award_type))
    review_id = reviews_db.record_review(db, CampaignReview(
        None, campaign_id, "tong_ket", held_on=dt.date(2025, 8, 10),
        title="Hội nghị điển hình tiên tiến giai đoạn 2020–2025",
        summary=("Tổng kết phong trào thi đua yêu nước giai đoạn 2020–2025; biểu dương 02 tập thể và 14 cá nhân "
                 "điển hình tiên tiến."),
        shortcomings="Việc nhân rộng các điển hình tiên tiến có lúc chưa kịp thời.",
        directions="Phát động phong trào thi đua giai đoạn 2026–2030 gắn với nhiệm vụ chính trị của ngành.",
    ), reviews_db.with_rank_order(results))
    campaigns_db.link_decision(db, campaign_id, decision.id)
    reviews_db.set_review_decision(db, review_id, decision.id)
