"""Migrations of this work: discipline text becomes codes (0008), the office level is inferred (0010)."""

from __future__ import annotations

from sqlite_utils import Database

from tdkt_desktop.db.migrations import migrations
from tdkt_desktop.db.settings import get_settings


def _before(name: str) -> Database:
    """A database with every migration before ``name`` applied (as an older release left it)."""
    db = Database(memory=True)
    migrations.apply(db, stop_before=name)
    return db


def test_discipline_text_becomes_codes_and_unknown_text_is_kept_in_the_note():
    db = _before("0008_discipline_codes")
    db["staff"].insert({"id": 1, "code": "CB001", "full_name": "Nông Văn Bình", "fold": "nong van binh"})
    rows = [("Khiển trách", ""), ("CẢNH CÁO", "ghi chú"), ("canh_cao", ""), ("Phạt tiền", ""), ("", "")]
    for year, (text, note) in enumerate(rows, start=2020):
        db["ratings"].insert({"staff_id": 1, "year": year, "rating": "HT", "discipline": text, "note": note})
    migrations.apply(db)
    got = [(r["discipline"], r["note"]) for r in db.query("SELECT * FROM ratings ORDER BY year")]
    assert got == [("khien_trach", ""), ("canh_cao", "ghi chú"), ("canh_cao", ""),
                   ("khien_trach", "Kỷ luật ghi cũ: Phạt tiền"), ("", "")]


def test_office_level_follows_the_governing_body():
    db = _before("0010_office_level")
    db["settings"].insert_all([{"key": "office_name", "value": "Viện Ứng dụng Công nghệ"},
                               {"key": "governing_body", "value": "BỘ KHOA HỌC VÀ CÔNG NGHỆ"}], pk="key")
    migrations.apply(db)
    assert get_settings(db).office_level == "bo"
    province = _before("0010_office_level")
    province["settings"].insert({"key": "governing_body", "value": "UBND TỈNH CAO BẰNG"}, pk="key")
    migrations.apply(province)
    assert get_settings(province).office_level == "so"
    fresh = _before("0010_office_level")
    migrations.apply(fresh)
    assert get_settings(fresh).office_level == "so" and not fresh["settings"].count
