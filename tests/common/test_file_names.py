"""File-name slugs: folded Vietnamese, one dash for every run of other characters, none at the ends."""

from tdkt_desktop.ui.common.file_names import slug


def test_slug_folds_vietnamese_and_collapses_punctuation():
    assert slug("Đợt thi đua “Chung sức xây dựng nông thôn mới” năm 2025") == (
        "dot-thi-dua-chung-suc-xay-dung-nong-thon-moi-nam-2025")
    assert slug("Danh hiệu && Khen thưởng") == "danh-hieu-khen-thuong"  # a menu's escaped '&'
    assert slug("  (Sơ kết)…  ") == "so-ket"
    assert slug("") == ""
