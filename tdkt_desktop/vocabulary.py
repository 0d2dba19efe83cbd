"""Codes, Vietnamese labels and display order shared by every layer (no dependencies)."""

from __future__ import annotations

#: The catalog keeps titles (danh hiệu thi đua) and forms (hình thức khen thưởng) apart, in this order.
AWARD_KINDS = {"danh_hieu": "Danh hiệu thi đua", "hinh_thuc": "Hình thức khen thưởng"}
AWARD_TARGETS = {"ca_nhan": "Cá nhân", "tap_the": "Tập thể"}
AWARD_LEVELS = {"co_so": "Cơ sở", "bo_tinh": "Bộ, ngành, tỉnh", "nha_nuoc": "Nhà nước"}
CERTIFICATE_KINDS = {
    "": "Không có",
    "bang_chung_nhan": "Bằng chứng nhận",
    "giay_khen": "Giấy khen",
    "bang_khen": "Bằng khen",
    "co": "Cờ thi đua",
    "huan_chuong": "Huân chương",
    "ky_niem_chuong": "Kỷ niệm chương",
}

#: Council (Hội đồng TĐKT) roles in the order lists and minutes name them.
COUNCIL_ROLES = {
    "chu_tich": "Chủ tịch Hội đồng",
    "pho_chu_tich": "Phó Chủ tịch Hội đồng",
    "uy_vien_thuong_truc": "Ủy viên thường trực",
    "uy_vien": "Ủy viên",
    "thu_ky": "Ủy viên, Thư ký",
}

#: Genders as stored and shown ("" = not recorded).
GENDERS = ("", "Nam", "Nữ")
#: The first year any record may name (the state's founding); later limits are "this year" plus a margin.
FIRST_YEAR = 1945


def is_record_year(year: object, *, ahead: int = 1) -> bool:
    """A year a rating, award, decision or setting may name: from 1945 to this year + ``ahead``."""
    import datetime as dt

    return isinstance(year, int) and FIRST_YEAR <= year <= dt.date.today().year + ahead


DECISION_KINDS = {
    "hang_nam": "Hằng năm",
    "phong_trao": "Theo đợt, phong trào",
    "chuyen_de": "Chuyên đề",
    "dot_xuat": "Đột xuất",
}

#: Yearly ratings of a person or unit, lowest first (NĐ 90/2020 levels).
RATING_ORDER = {"KHT": 0, "HT": 1, "HTT": 2, "HTXS": 3}
#: The same codes in their written form; write these names the same way everywhere.
RATING_NAMES = {
    "HTXS": "Hoàn thành xuất sắc nhiệm vụ",
    "HTT": "Hoàn thành tốt nhiệm vụ",
    "HT": "Hoàn thành nhiệm vụ",
    "KHT": "Không hoàn thành nhiệm vụ",
}
#: Initiative recognition scopes, lowest first.
SCOPE_ORDER = {"co_so": 0, "bo_tinh": 1, "toan_quoc": 2}
SCOPE_NAMES = {"co_so": "cấp cơ sở", "bo_tinh": "cấp bộ/tỉnh", "toan_quoc": "toàn quốc"}
#: Discipline levels, lightest first (NĐ 112/2020 forms for civil servants).
DISCIPLINE_ORDER = {
    "khien_trach": 1,
    "canh_cao": 2,
    "ha_bac_luong": 3,
    "giang_chuc": 4,
    "cach_chuc": 5,
    "buoc_thoi_viec": 6,
}
DISCIPLINE_NAMES = {
    "khien_trach": "khiển trách",
    "canh_cao": "cảnh cáo",
    "ha_bac_luong": "hạ bậc lương",
    "giang_chuc": "giáng chức",
    "cach_chuc": "cách chức",
    "buoc_thoi_viec": "buộc thôi việc",
}

#: Rating codes, best first (the order of lists and choosers).
RATINGS = tuple(sorted(RATING_ORDER, key=RATING_ORDER.get, reverse=True))

def discipline_label(code: str) -> str:
    """The written form of a discipline code for tables and Excel ('canh_cao' → 'Cảnh cáo'); '' for none."""
    name = DISCIPLINE_NAMES.get(code, "")
    return name[:1].upper() + name[1:]


#: What the engine concluded for one subject and award (``rules.model.Verdict.status``).
VERDICT_STATUSES = {
    "du": "Đủ điều kiện",
    "can_hoi_dong": "Đủ điều kiện, cần Hội đồng xác nhận",
    "chua_du": "Chưa đủ",
    "loai_tru": "Không xét",
    "da_quyet_dinh": "Đã có quyết định",
}

#: The kind of office the program serves: it decides which Bộ/tỉnh titles and forms apply.
OFFICE_LEVELS = {
    "so": "Sở (cơ quan chuyên môn thuộc UBND tỉnh)",
    "bo": "Văn phòng, Viện thuộc Bộ",
}


# --- Emulation blocs (khối, cụm thi đua; DOMAIN §9) ---------------------------------------------

BLOC_LEVELS = {
    "tinh": "Khối, cụm thi đua của tỉnh",
    "bo": "Khối thi đua thuộc Bộ, ngành",
    "trung_uong": "Khối thi đua Trung ương",
}
BLOC_MEETING_KINDS = {
    "ky_giao_uoc": "Ký kết giao ước thi đua",
    "so_ket": "Sơ kết 6 tháng",
    "tong_ket": "Tổng kết năm",
    "chuyen_de": "Chuyên đề",
    "khac": "Khác",
}
BALLOT_KINDS = {
    "co_chinh_phu": "Cờ thi đua của Chính phủ",
    "co_bo_tinh": "Cờ thi đua của Bộ, ngành, tỉnh",
    "bang_khen": "Bằng khen",
    "khoi_truong": "Khối trưởng năm sau",
    "khoi_pho": "Khối phó năm sau",
    "khac": "Nội dung khác",
}
#: How the flag of the bloc's own level is named on its documents.
FLAG_OF_LEVEL = {
    "tinh": "Cờ thi đua của Ủy ban nhân dân tỉnh",
    "bo": "Cờ thi đua của Bộ",
    "trung_uong": "Cờ thi đua của Bộ, ban, ngành",
}
VOTER_MODES = {"truc_tiep": "Bỏ phiếu tại hội nghị", "van_ban": "Phiếu bằng văn bản (vắng mặt)"}


def ballot_label(kind: str, level: str = "") -> str:
    """The ballot's Vietnamese name; the bloc-level flag is named for the bloc's level."""
    if kind == "co_bo_tinh" and level in FLAG_OF_LEVEL:
        return FLAG_OF_LEVEL[level]
    return BALLOT_KINDS.get(kind, kind)
# --- campaigns (phong trào thi đua) ---------------------------------------------------------------

CAMPAIGN_KINDS = {
    "thuong_xuyen": "Thường xuyên",
    "chuyen_de": "Chuyên đề",
    "giai_doan": "Giai đoạn",
}

CAMPAIGN_LEVELS = {
    "co_quan": "Cơ quan",
    "tinh_bo": "Tỉnh hoặc Bộ",
    "toan_quoc": "Toàn quốc",
}

#: The document that launches a campaign.
CAMPAIGN_DOCUMENTS = {
    "ke_hoach": "Kế hoạch",
    "phat_dong": "Phát động",
}

#: Derived, never stored (see campaign_records.Campaign.status).
CAMPAIGN_STATUSES = {
    "chuan_bi": "Chuẩn bị",
    "dang_trien_khai": "Đang triển khai",
    "so_ket": "Sơ kết",
    "tong_ket": "Tổng kết",
    "da_ket_thuc": "Đã kết thúc",
}

REVIEW_KINDS = {
    "so_ket": "Sơ kết",
    "tong_ket": "Tổng kết",
}

#: A participant's result in a sơ kết / tổng kết.
REVIEW_RESULTS = {
    "xuat_sac": "Hoàn thành xuất sắc",
    "tot": "Hoàn thành tốt",
    "hoan_thanh": "Hoàn thành",
    "chua_hoan_thanh": "Chưa hoàn thành",
}
