"""Demo blocs from the source articles (DOMAIN §13.1): Bình Định's "Tham mưu – Tổng hợp" and the ministry's
"Văn phòng, Viện" with its 27/12/2018 year-end review.

Organisation names, dates, places, themes and results are as published. Contact persons and phone
numbers, scores and vote counts are illustrative (the articles publish none); the counts are chosen
to give the published results, and the notes of the demo records say so.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlite_utils import Database

from tdkt_desktop.db import bloc_meetings as meetings_db
from tdkt_desktop.db import bloc_scores as scores_db
from tdkt_desktop.db import blocs as blocs_db
from tdkt_desktop.db.bloc_records import Bloc, BlocMeeting, BlocMember, BlocYear, Criterion, Pact, PactSigner
from tdkt_desktop.services import blocs as bloc_service

TMTH = "Khối thi đua Tham mưu – Tổng hợp"
TMTH_MEMBERS = [
    "Văn phòng Đoàn đại biểu Quốc hội tỉnh", "Văn phòng Hội đồng nhân dân tỉnh", "Văn phòng Ủy ban nhân dân tỉnh",
    "Sở Nội vụ", "Sở Khoa học và Công nghệ", "Sở Tài nguyên và Môi trường", "Sở Kế hoạch và Đầu tư", "Sở Ngoại vụ",
    "Viện Nghiên cứu phát triển kinh tế - xã hội", "Ban Dân tộc tỉnh", "Liên minh các Hợp tác xã tỉnh",
]
VPV = "Khối thi đua các Văn phòng, Viện"
VPV_MEMBERS = [
    "Viện Năng lượng nguyên tử Việt Nam", "Văn phòng các Chương trình trọng điểm cấp nhà nước",
    "Văn phòng Công nhận chất lượng", "Văn phòng Đăng ký hoạt động khoa học và công nghệ",
    "Văn phòng Chương trình Nông thôn miền núi", "Văn phòng các Chương trình khoa học và công nghệ quốc gia",
    "Văn phòng Ủy ban Vũ trụ Việt Nam", "Viện Khoa học sở hữu trí tuệ",
    "Viện Nghiên cứu sáng chế và Khai thác công nghệ",
    "Viện Nghiên cứu và Phát triển Vùng", "Viện Ứng dụng Công nghệ", "Viện Đánh giá khoa học và Định giá công nghệ",
    "Trung tâm Nghiên cứu và Phát triển hội nhập khoa học và công nghệ quốc tế",
    "Học viện Khoa học, Công nghệ và Đổi mới sáng tạo",
]
#: (code, content, maximum, kind): the criteria both demo blocs scored 2018 against (100 points + bonus − penalty).
CRITERIA = [
    ("TC1", "Thực hiện chủ trương của Đảng, chính sách, pháp luật của Nhà nước và quy chế làm việc của cơ quan", 15,
     "tieu_chi"),
    ("TC2", "Hoàn thành các chỉ tiêu, nhiệm vụ chuyên môn được giao trong năm", 30, "tieu_chi"),
    ("TC3", "Tổ chức các phong trào thi đua; hưởng ứng chủ đề thi đua của Khối", 15, "tieu_chi"),
    ("TC4", "Cải cách thủ tục hành chính, ứng dụng công nghệ thông tin", 10, "tieu_chi"),
    ("TC5", "Thực hành tiết kiệm, chống lãng phí, phòng, chống tham nhũng", 10, "tieu_chi"),
    ("TC6", "Xây dựng tổ chức Đảng, chính quyền, đoàn thể trong sạch, vững mạnh", 10, "tieu_chi"),
    ("TC7", "Tham gia hoạt động chung của Khối; gửi báo cáo đúng thời hạn", 10, "tieu_chi"),
    ("C1", "Điểm thưởng: mô hình, cách làm mới được Khối ghi nhận và nhân rộng", 5, "cong"),
    ("T1", "Điểm trừ: chậm báo cáo, vắng họp Khối không có lý do", 5, "tru"),
]
_CONTACT = ["Nguyễn Thị Thu Hà", "Trần Văn Khải", "Lê Thị Minh Nguyệt", "Phạm Quốc Bảo", "Võ Thị Thanh Tâm",
            "Đỗ Minh Trí", "Huỳnh Thị Kim Oanh", "Bùi Văn Lộc", "Đặng Thị Mỹ Linh", "Phan Văn Hòa",
            "Ngô Thị Bích Vân", "Trương Công Danh", "Hà Thị Lan Anh", "Vũ Đình Phúc"]
ILLUSTRATIVE = "Số liệu minh họa (bài viết nguồn không công bố)."


def build(db: Database) -> None:
    """Both blocs with members, leaders, pacts, meetings, 2018 criteria and scores, and the 2018 ballots."""
    rng = random.Random(2018)
    _tham_muu_tong_hop(db, rng)
    _van_phong_vien(db, rng)


def _members(db: Database, bloc_id: int, names: list[str], area: str, rng: random.Random,
             self_name: str | None = None) -> dict[str, int]:
    ids = {}
    for order, name in enumerate(names, start=1):
        ids[name] = blocs_db.save_member(db, BlocMember(
            id=None, bloc_id=bloc_id, name=name, contact_person=_CONTACT[(order + len(area)) % len(_CONTACT)],
            phone=f"{area} {rng.randint(3_800_000, 3_899_999)}", is_self=name == self_name, sort_order=order,
        ))
    return ids


def _criteria(db: Database, bloc_id: int, year: int) -> dict[str, Criterion]:
    for position, (code, content, most, kind) in enumerate(CRITERIA, start=1):
        scores_db.save_criterion(db, Criterion(None, bloc_id, year, code, content, Decimal(most), kind, position))
    return {c.code: c for c in scores_db.list_criteria(db, bloc_id, year)}


def _spread(total: Decimal, rng: random.Random) -> dict[str, Decimal]:
    """Per-criterion points summing to ``total`` on the 100-point criteria (half-point steps below each maximum)."""
    points = {code: Decimal(most) for code, _c, most, kind in CRITERIA if kind == "tieu_chi"}
    missing = Decimal(100) - total
    codes = list(points)
    while missing > 0:
        code = rng.choice(codes)
        if points[code] > Decimal(_most(code)) - 3:
            points[code] -= Decimal("0.5")
            missing -= Decimal("0.5")
    return points


def _most(code: str) -> int:
    """The maximum of a demo criterion."""
    return next(most for c, _t, most, _k in CRITERIA if c == code)


def _score_member(db: Database, criteria: dict[str, Criterion], member_id: int, agreed: Decimal | None,
                  own: Decimal, bonus: Decimal, rng: random.Random) -> None:
    """Self-scores summing to ``own`` (+ bonus); agreed scores summing to ``agreed`` where the bloc scored."""
    own_points = _spread(own - bonus, rng)
    agreed_points = _spread(agreed - bonus, random.Random(member_id)) if agreed is not None else {}
    for code, criterion in criteria.items():
        if criterion.kind == "tieu_chi":
            mine, theirs = own_points[code], agreed_points.get(code)
        elif criterion.kind == "cong":
            mine, theirs = bonus, (bonus if agreed is not None else None)
        else:
            mine, theirs = Decimal(0), (Decimal(0) if agreed is not None else None)
        bloc_service.set_score(db, int(criterion.id), member_id, mine, theirs)  # type: ignore[arg-type]


def _tham_muu_tong_hop(db: Database, rng: random.Random) -> None:
    """Bình Định [S1]: Sở KH&CN heads the bloc in 2018; sơ kết on 31/7/2018 at the Sở; self-scores sent in."""
    bloc_id = bloc_service.save_bloc(db, Bloc(
        id=None, name=TMTH, level="tinh", governing_body="UBND TỈNH BÌNH ĐỊNH",
        council="Hội đồng Thi đua - Khen thưởng tỉnh Bình Định", place_name="Bình Định", sort_order=1,
        note="Khối thi đua của tỉnh Bình Định (theo bài viết ngày 02/8/2018). " + ILLUSTRATIVE.replace(
            "Số liệu", "Người liên hệ, điện thoại và điểm tự chấm là số liệu"),
    ))
    ids = _members(db, bloc_id, TMTH_MEMBERS, "0256", rng, self_name="Sở Khoa học và Công nghệ")
    head = ids["Sở Khoa học và Công nghệ"]
    blocs_db.save_year(db, BlocYear(bloc_id, 2018, head_id=head,
                                    note="Trưởng Khối: Giám đốc Sở Khoa học và Công nghệ Lê Công Nhường."))
    blocs_db.save_pact(db, Pact(
        id=None, bloc_id=bloc_id, year=2018, title="Giao ước thi đua năm 2018", note="Đăng ký giao ước đầu năm 2018.",
        items=(
            "Thi đua thực hiện thắng lợi các chỉ tiêu kinh tế - xã hội, củng cố quốc phòng - an ninh, xây dựng Đảng, "
            "chính quyền vững mạnh năm 2018.",
            "Thực hiện tốt phong trào “Tỉnh Bình Định chung sức xây dựng nông thôn mới” giai đoạn 2016-2020 gắn với "
            "phong trào “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”.",
            "Đẩy mạnh phong trào lao động giỏi, lao động sáng tạo, sáng kiến, cải tiến kỹ thuật, cải cách thủ tục "
            "hành chính, xây dựng cơ quan, đơn vị văn hóa.",
            "Tiếp tục đẩy mạnh việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
            "Tham gia ủng hộ xây dựng nhà tình nghĩa cho hộ nghèo và các hoạt động xã hội của Khối.",
            "Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến; gửi báo cáo sơ kết, tổng kết đúng thời hạn.",
        ),
        signers=tuple(PactSigner(member_id=i) for i in ids.values()),
    ))
    meeting_id = meetings_db.save_meeting(db, BlocMeeting(
        id=None, bloc_id=bloc_id, year=2018, kind="so_ket", held_on=dt.date(2018, 7, 31),
        place="Sở Khoa học và Công nghệ", host_id=head,
        chair="Lê Công Nhường – Giám đốc Sở Khoa học và Công nghệ, Trưởng Khối",
        guests="Đại diện Hội đồng Thi đua - Khen thưởng tỉnh",
        agenda="Sơ kết công tác thi đua, khen thưởng 06 tháng đầu năm và phương hướng, nhiệm vụ 06 tháng cuối "
               "năm 2018.",
        conclusions=(
            "Trưởng Khối đã ban hành Kế hoạch tổ chức thực hiện các phong trào thi đua của Khối, tổ chức đăng ký giao "
            "ước thi đua đầu năm 2018; các đơn vị ủng hộ xây dựng 03 nhà tình nghĩa cho hộ nghèo, tổng số tiền "
            "153.135.000 đồng.\nHạn chế: sự phối hợp giữa các đơn vị trong Khối chưa chặt chẽ, đồng bộ; một số phong "
            "trào chưa thường xuyên, sâu rộng; công tác tuyên truyền, nhân rộng điển hình tiên tiến còn hạn chế.\n"
            "Phương hướng 06 tháng cuối năm: đẩy mạnh phong trào thi đua thực hiện thắng lợi các chỉ tiêu kinh tế - "
            "xã hội; thực hiện Nghị quyết số 18, 19-NQ/TW; phong trào “Tỉnh Bình Định chung sức xây dựng nông thôn "
            "mới”; kịp thời sơ kết, tổng kết, biểu dương, khen thưởng các tập thể, cá nhân tiêu biểu."
        ),
    ))
    for entry in meetings_db.attendance(db, meeting_id):
        meetings_db.set_attendance(db, entry.__class__(
            meeting_id=meeting_id, member_id=entry.member_id, present=True,
            representative="Lãnh đạo và chuyên viên theo dõi thi đua"))
    criteria = _criteria(db, bloc_id, 2018)
    for member_id in ids.values():
        own = Decimal(rng.randrange(186, 199)) / 2
        _score_member(db, criteria, member_id, None, own, Decimal(0), rng)


def _van_phong_vien(db: Database, rng: random.Random) -> None:
    """The ministry's bloc [S0]: tổng kết 27/12/2018 in Hà Nội, flags proposed, 2019 head and deputy elected."""
    bloc_id = bloc_service.save_bloc(db, Bloc(
        id=None, name=VPV, level="bo", governing_body="BỘ KHOA HỌC VÀ CÔNG NGHỆ",
        council="Hội đồng Thi đua - Khen thưởng Bộ Khoa học và Công nghệ", place_name="Hà Nội", sort_order=2,
        note="Khối thi đua thuộc Bộ Khoa học và Công nghệ (theo bài viết ngày 28/12/2018). Kết quả bình chọn theo "
             "bài viết; số phiếu, điểm, người liên hệ và điện thoại là số liệu minh họa.",
    ))
    ids = _members(db, bloc_id, VPV_MEMBERS, "024", rng)
    blocs_db.save_year(db, BlocYear(bloc_id, 2018, theme="Phát triển bền vững dựa vào khoa học công nghệ"))
    meeting_id = meetings_db.save_meeting(db, BlocMeeting(
        id=None, bloc_id=bloc_id, year=2018, kind="tong_ket", held_on=dt.date(2018, 12, 27), place="Hà Nội",
        guests="Thứ trưởng Bộ Khoa học và Công nghệ Phạm Công Tạc; bà Lê Ngân Giang, Phó Vụ trưởng Vụ Thi đua - "
               "Khen thưởng",
        agenda="Tổng kết công tác thi đua, khen thưởng năm 2018 và phương hướng, nhiệm vụ năm 2019; chấm điểm, "
               "bình chọn đề nghị Cờ thi đua; bầu Khối trưởng, Khối phó năm 2019; ký giao ước thi đua năm 2019.",
        conclusions=(
            "Các đơn vị trong Khối đã triển khai chủ đề thi đua “Phát triển bền vững dựa vào khoa học công nghệ”, "
            "hoàn thành tốt nhiệm vụ được giao, đảm bảo đúng kế hoạch, tiến độ.\nPhương hướng năm 2019: tiếp tục "
            "triển khai phong trào thi đua trong từng đơn vị và toàn Khối; chủ động xây dựng tiêu chí, nội dung thi "
            "đua; triển khai đầy đủ các phong trào thi đua do Bộ phát động.\n"
            "Các đơn vị đã ký giao ước thi đua năm 2019."
        ),
        note="Số phiếu là số liệu minh họa; kết quả bình chọn theo bài viết nguồn.",
    ))
    criteria = _criteria(db, bloc_id, 2018)
    # Agreed totals give the published order; two members share 3rd place and two share 9th.
    agreed = [96.5, 97.0, 98.5, 93.0, 92.5, 95.5, 91.5, 94.0, 92.0, 91.0, 96.5, 93.0, 90.5, 95.0]
    for member_id, total in zip(ids.values(), agreed, strict=True):
        bonus = Decimal(2) if total >= 96 else Decimal(0)
        own = min(Decimal(str(total)) + Decimal(rng.choice([0, 0.5, 1, 1.5])), Decimal(100) + bonus)
        _score_member(db, criteria, member_id, Decimal(str(total)), own, bonus, rng)
    blocs_db.save_pact(db, Pact(
        id=None, bloc_id=bloc_id, year=2019, title="Giao ước thi đua năm 2019", signed_on=dt.date(2018, 12, 27),
        place="Hà Nội", items=(
            "Tiếp tục triển khai phong trào thi đua trong từng đơn vị và trong toàn Khối theo chủ đề do Khối trưởng "
            "phát động.",
            "Chủ động xây dựng các tiêu chí, nội dung thi đua cho từng đơn vị căn cứ chức năng, nhiệm vụ được giao.",
            "Triển khai đầy đủ các phong trào thi đua do Bộ Khoa học và Công nghệ phát động.",
            "Phấn đấu hoàn thành các chỉ tiêu kế hoạch năm 2019; thực hiện tốt chức năng, nhiệm vụ, hướng dẫn "
            "chuyên môn nghiệp vụ của đơn vị.",
            "Thực hành tiết kiệm, chống lãng phí, chống tham nhũng; tăng cường cải cách thủ tục hành chính.",
            "Tăng cường giao lưu, sinh hoạt chuyên đề định kỳ trong Khối; gửi báo cáo sơ kết, tổng kết đúng thời hạn.",
        ),
        signers=tuple(PactSigner(member_id=i) for i in ids.values()),
    ))
    _ballots(db, meeting_id, ids)


def _ballots(db: Database, meeting_id: int, ids: dict[str, int]) -> None:
    """Four ballots of 14 present members giving the published results (counts illustrative)."""
    rounds = [
        ("co_chinh_phu", None, 14, 0, {"Văn phòng Công nhận chất lượng": 12,
                                        "Văn phòng các Chương trình trọng điểm cấp nhà nước": 2}),
        ("co_bo_tinh", 3, 13, 1, {"Văn phòng các Chương trình trọng điểm cấp nhà nước": 12,
                                   "Viện Năng lượng nguyên tử Việt Nam": 12, "Viện Ứng dụng Công nghệ": 11,
                                   "Văn phòng các Chương trình khoa học và công nghệ quốc gia": 2,
                                   "Viện Khoa học sở hữu trí tuệ": 2}),
        ("khoi_truong", None, 14, 0, {"Văn phòng các Chương trình khoa học và công nghệ quốc gia": 12,
                                       "Học viện Khoa học, Công nghệ và Đổi mới sáng tạo": 2}),
        ("khoi_pho", None, 14, 0, {"Học viện Khoa học, Công nghệ và Đổi mới sáng tạo": 13,
                                    "Viện Đánh giá khoa học và Định giá công nghệ": 1}),
    ]
    for kind, seats, valid, invalid, votes in rounds:
        round_id = bloc_service.open_round(db, meeting_id, kind, [ids[n] for n in votes], seats=seats)
        bloc_service.issue_to_present(db, round_id)
        bloc_service.record_count(db, round_id, valid + invalid, valid, invalid, {ids[n]: v for n, v in votes.items()})
        bloc_service.close_round(db, round_id)
