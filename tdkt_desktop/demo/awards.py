"""Demo awards: five years (2021–2025) of ratings, initiatives, decisions and awards for the demo office.

Proportions follow the published record of Sở KH&CN Cao Bằng (DOMAIN §13.4): most staff Lao động
tiên tiến each year, about one in eight of those Chiến sĩ thi đua cơ sở, most units Tập thể lao động
tiên tiến, a few Bằng khen and Tập thể lao động xuất sắc, and rare state-level awards. Some chains
are planted on purpose so eligibility and history have something to show.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlite_utils import Database

from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db import ratings as ratings_db
from tdkt_desktop.db import settings as settings_db
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import units as units_db
from tdkt_desktop.db.award_records import Award, Decision, Initiative, Rating

YEARS = range(2021, 2026)
PROVINCE = "UBND tỉnh Cao Bằng"

# Staff codes with planted histories (fixed so tests and the eligibility demo can rely on them).
#: CSTĐCS 2022–2024 + a provincial-scope initiative → Chiến sĩ thi đua cấp tỉnh 2024.
CSTD_TINH = "CB007"
#: CSTĐCS 2023, 2024, 2025 and a provincial initiative: a candidate for CSTĐ tỉnh now.
CANDIDATE = "CB006"
#: Two consecutive CSTĐCS → Bằng khen của Chủ tịch UBND tỉnh.
BANG_KHEN = ("CB013", "CB020", "CB033")
#: Disciplined in 2024 (khiển trách): rated HT, no title that year.
DISCIPLINED = "CB044"
#: Rated HT / KHT in some year.
WEAK = {("CB050", 2022): "HT", ("CB051", 2023): "HT", ("CB052", 2024): "KHT", ("CB053", 2025): "HT"}

_INITIATIVES = [
    "Ứng dụng phần mềm quản lý hồ sơ thi đua, khen thưởng",
    "Số hóa quy trình tiếp nhận hồ sơ đăng ký đề tài khoa học",
    "Cải tiến quy trình kiểm định phương tiện đo",
    "Xây dựng cơ sở dữ liệu chỉ dẫn địa lý sản phẩm đặc sản Cao Bằng",
    "Giải pháp nâng cao hiệu quả thanh tra chuyên ngành đo lường",
    "Ứng dụng công nghệ sinh học nhân giống cây dẻ Trùng Khánh",
    "Bảo tồn và phát triển nguồn gen lúa nếp Pì Pất",
    "Đổi mới cách thức tuyên truyền khoa học và công nghệ trên cổng thông tin",
    "Chuẩn hóa biểu mẫu báo cáo thống kê khoa học và công nghệ",
    "Quy trình kiểm tra chất lượng hàng đóng gói sẵn",
    "Ứng dụng bản đồ số trong quản lý an toàn bức xạ",
    "Giải pháp tiết kiệm điện năng tại trụ sở cơ quan",
]


def _rating_for(rng: random.Random, code: str, year: int) -> str:
    if (code, year) in WEAK:
        return WEAK[(code, year)]
    if code == DISCIPLINED and year == 2024:
        return "HT"
    if code in (CSTD_TINH, CANDIDATE, *BANG_KHEN):
        return "HTXS"
    draw = rng.random()
    return "HTXS" if draw < 0.15 else "HTT" if draw < 0.95 else "HT"


def build(db: Database) -> None:
    """Add the awards part of the demo (needs the office part first); one transaction."""
    rng = random.Random(2021)
    office = settings_db.get_settings(db).office_name
    signer = settings_db.get_settings(db).signer_name
    people = sorted(staff_db.list_staff(db), key=lambda s: s.code)
    by_code = {p.code: p for p in people}
    units = units_db.list_units(db)
    with db.atomic():
        ratings: dict[tuple[int, int], str] = {}
        rows = []
        for year in YEARS:
            for person in people:
                if person.recruited_on and person.recruited_on.year > year:
                    continue
                if not person.active and year == 2025:
                    continue
                rating = _rating_for(rng, person.code, year)
                ratings[(person.id, year)] = rating
                discipline = "khien_trach" if (person.code == DISCIPLINED and year == 2024) else ""
                rows.append(Rating(id=None, staff_id=person.id, year=year, rating=rating, discipline=discipline))
        ratings_db.set_ratings(db, rows)

        # Initiatives: the planted people first, then a few more each year.
        titles = iter(_INITIATIVES * 3)
        planted = [(CSTD_TINH, 2023, "bo_tinh"), (CANDIDATE, 2025, "bo_tinh"), (CSTD_TINH, 2021, "co_so")]
        for code, year, scope in planted:
            ratings_db.add_initiative(db, Initiative(id=None, staff_id=by_code[code].id, year=year,
                                                     title=next(titles), scope=scope, proof_ref=f"QĐ công nhận {year}"))
        for year in YEARS:
            for person in rng.sample(people[:-1], 2):
                kind = "de_tai" if rng.random() < 0.3 else "sang_kien"
                ratings_db.add_initiative(db, Initiative(id=None, staff_id=person.id, year=year, title=next(titles),
                                                         kind=kind, scope="co_so"))

        number = {y: 3 for y in range(2021, 2027)}

        def next_number(issued: dt.date, symbol: str = "QĐ-SKHCN") -> str:
            number[issued.year] += rng.randint(2, 9)
            return f"{number[issued.year]}/{symbol}"

        def decide(issued, issuer, awards, summary, *, kind="hang_nam", symbol="QĐ-SKHCN",
                   signer_name="", signer_title="GIÁM ĐỐC"):
            if not awards:
                return None
            return decisions_db.add_decision(
                db,
                Decision(id=None, number=next_number(issued, symbol), issued_on=issued, issuer=issuer,
                         signer_name=signer_name, signer_title=signer_title, kind=kind, summary=summary),
                awards,
            )

        def line(code, year, *, staff=None, unit=None, reason=""):
            return Award(id=None, decision_id=None, award_type=code, year=year,
                         staff_id=staff.id if staff else None, unit_id=unit.id if unit else None, reason=reason)

        cstdcs_years: dict[str, set[int]] = {}
        for year in YEARS:
            issued = dt.date(year + 1, 1, rng.randint(8, 20))
            rated = [p for p in people if (p.id, year) in ratings]
            ldtt = [p for p in rated if ratings[(p.id, year)] in ("HTXS", "HTT")
                    and not (p.recruited_on and p.recruited_on > dt.date(year, 6, 30))]
            # Units: most are Tập thể lao động tiên tiến; one unit misses it each year.
            missing = units[(year * 3) % len(units)]
            ttldtt = [u for u in units if u.id != missing.id]
            decide(issued, office,
                   [line("lao_dong_tien_tien", year, staff=p) for p in ldtt]
                   + [line("tap_the_lao_dong_tien_tien", year, unit=u) for u in ttldtt],
                   f"Công nhận danh hiệu Lao động tiên tiến và Tập thể lao động tiên tiến năm {year}",
                   signer_name=signer)
            planted = {CSTD_TINH: range(2022, 2025), CANDIDATE: range(2023, 2026)}
            for code in BANG_KHEN:
                planted[code] = range(2022 + BANG_KHEN.index(code), 2024 + BANG_KHEN.index(code))
            chosen = [p for p in ldtt if p.code in planted and year in planted[p.code]]
            others = [p for p in ldtt if ratings[(p.id, year)] == "HTXS" and p.code not in planted]
            chosen += rng.sample(others, min(len(others), 6 - len(chosen)))
            for p in chosen:
                cstdcs_years.setdefault(p.code, set()).add(year)
            decide(dt.date(year + 1, 1, issued.day + 2), office,
                   [line("chien_si_thi_dua_co_so", year, staff=p) for p in sorted(chosen, key=lambda s: s.code)],
                   f"Công nhận danh hiệu Chiến sĩ thi đua cơ sở năm {year}", signer_name=signer)
            # Province: TTLĐXS for two units, Bằng khen for people with 2 consecutive CSTĐCS.
            province_lines = [line("tap_the_lao_dong_xuat_sac", year, unit=u) for u in rng.sample(ttldtt, 2)]
            for p in people:
                got = cstdcs_years.get(p.code, set())
                if {year, year - 1} <= got and p.code != CSTD_TINH and year - 2 not in got:
                    province_lines.append(line("bang_khen_cap_tinh", year, staff=p,
                                               reason="Hai năm liên tục Chiến sĩ thi đua cơ sở"))
            if year == 2024:
                province_lines.append(line("chien_si_thi_dua_cap_tinh", year, staff=by_code[CSTD_TINH],
                                           reason="Ba năm liên tục Chiến sĩ thi đua cơ sở, sáng kiến cấp tỉnh"))
            if year in (2022, 2024):
                province_lines.append(line("bang_khen_cap_tinh_tap_the", year, unit=rng.choice(units)))
            decide(dt.date(year + 1, 3, rng.randint(5, 25)), PROVINCE, province_lines,
                   f"Tặng danh hiệu thi đua và Bằng khen của Chủ tịch UBND tỉnh năm {year}",
                   symbol="QĐ-UBND", signer_title="CHỦ TỊCH")

        # Campaign decision, Tiền Giang style: Giấy khen for 02 tập thể and 14 cá nhân (2020–2025).
        campaign = rng.sample([p for p in people if p.active], 14)
        decide(dt.date(2025, 8, 10), office,
               [line("giay_khen_tap_the", 2025, unit=u) for u in units[1:3]]
               + [line("giay_khen", 2025, staff=p, reason="Điển hình tiên tiến giai đoạn 2020–2025") for p in campaign],
               "Tặng Giấy khen cho các tập thể, cá nhân điển hình tiên tiến giai đoạn 2020–2025",
               kind="phong_trao", signer_name=signer)
        decide(dt.date(2023, 10, 3), office,
               [line("giay_khen", 2023, staff=by_code["CB015"], reason="Thành tích đột xuất phòng chống thiên tai")],
               "Khen thưởng đột xuất", kind="dot_xuat", signer_name=signer)
        # Ministry and state level, rare as in the source article.
        decide(dt.date(2022, 5, 12), "Bộ Khoa học và Công nghệ",
               [line("bang_khen_cap_bo", 2022, staff=by_code["CB001"]),
                line("bang_khen_cap_bo_tap_the", 2022, unit=units[6])],
               "Tặng Bằng khen của Bộ trưởng Bộ Khoa học và Công nghệ", kind="chuyen_de",
               symbol="QĐ-BKHCN", signer_title="BỘ TRƯỞNG")
        decide(dt.date(2024, 5, 6), "Bộ Khoa học và Công nghệ",
               [line("ky_niem_chuong", 2024, staff=p) for p in people[:5]],
               "Tặng Kỷ niệm chương “Vì sự nghiệp khoa học và công nghệ”", kind="chuyen_de",
               symbol="QĐ-BKHCN", signer_title="BỘ TRƯỞNG")
        decide(dt.date(2021, 11, 25), "Thủ tướng Chính phủ",
               [line("bang_khen_thu_tuong", 2021, staff=by_code["CB002"])],
               "Tặng Bằng khen của Thủ tướng Chính phủ", symbol="QĐ-TTg", signer_title="THỦ TƯỚNG")
        decide(dt.date(2025, 4, 18), "Chủ tịch nước",
               [line("huan_chuong_lao_dong_hang_ba", 2025, staff=by_code["CB001"])],
               "Tặng Huân chương Lao động hạng Ba", symbol="QĐ-CTN", signer_title="CHỦ TỊCH NƯỚC")
