"""Codes, Vietnamese labels and display order shared by every layer (no dependencies)."""

from __future__ import annotations

DECISION_KINDS = {
    "hang_nam": "Hằng năm",
    "phong_trao": "Theo đợt, phong trào",
    "chuyen_de": "Chuyên đề",
    "dot_xuat": "Đột xuất",
}

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
