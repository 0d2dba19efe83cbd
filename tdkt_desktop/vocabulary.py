"""Codes, Vietnamese labels and display order shared by every layer (no dependencies)."""

from __future__ import annotations

DECISION_KINDS = {
    "hang_nam": "Hằng năm",
    "phong_trao": "Theo đợt, phong trào",
    "chuyen_de": "Chuyên đề",
    "dot_xuat": "Đột xuất",
}
