"""Codes, Vietnamese labels and display order shared by every layer (no dependencies)."""

from __future__ import annotations

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
