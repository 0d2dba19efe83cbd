"""TCVN3 (ABC) and VNI legacy text: detection, conversion to NFC, and import of old workbooks."""

from __future__ import annotations

import unicodedata

import pytest
from openpyxl import Workbook

from tdkt_desktop.db import decisions
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.importing import legacy
from tdkt_desktop.importing.importer import check_file, import_file

TCVN3 = {
    "TiÕng ViÖt rÊt hay": "Tiếng Việt rất hay",
    "§Æng ThÞ H\xad¬ng": "Đặng Thị Hương",
    "Lao ®éng tiªn tiÕn": "Lao động tiên tiến",
    "ChiÕn sÜ thi ®ua c¬ së": "Chiến sĩ thi đua cơ sở",
    "Phßng Qu¶n lý khoa häc": "Phòng Quản lý khoa học",
    "NguyÔn V¨n An": "Nguyễn Văn An",
}
VNI = {
    "Tieáng Vieät raát hay": "Tiếng Việt rất hay",
    "Ñaëng Thò Höông": "Đặng Thị Hương",
    "Lao ñoäng tieân tieán": "Lao động tiên tiến",
    "Giaáy khen cuûa Giaùm ñoác Sôû": "Giấy khen của Giám đốc Sở",
    "Hoaøn thaønh xuaát saéc nhieäm vuï": "Hoàn thành xuất sắc nhiệm vụ",
    "ÑAËNG THÒ HÖÔNG": "ĐẶNG THỊ HƯƠNG",
    "Nguyeãn Vaên An": "Nguyễn Văn An",
}


@pytest.mark.parametrize(("encoding", "table"), [("tcvn3", TCVN3), ("vni", VNI)])
def test_convert_and_detect(encoding, table):
    for old, new in table.items():
        converted = legacy.convert(old, encoding)
        assert converted == new
        assert unicodedata.is_normalized("NFC", converted)
        assert legacy.detect([old]) == encoding, old


@pytest.mark.parametrize("text", ["Đặng Thị Hương", "Nguyễn Văn An", "CB001", "café", "José Müller", "Thuê nhà", ""])
def test_unicode_and_plain_text_are_left_alone(text):
    assert legacy.detect([text]) is None


def _legacy_book(path, encoding):
    enc = {"tcvn3": {v: k for k, v in TCVN3.items()}, "vni": {v: k for k, v in VNI.items()}}[encoding]
    to_old = {  # header and sheet names typed in the old font too
        "tcvn3": {"Cán bộ": "C¸n bé", "Mã cán bộ": "M· c¸n bé", "Họ và tên": "Hä vµ tªn", "Đơn vị": "§¬n vÞ",
                  "Khen thưởng": "Khen th\xadëng", "Năm": "N¨m", "Danh hiệu/Hình thức": "Danh hiÖu/H×nh thøc",
                  "Số quyết định": "Sè quyÕt ®Þnh", "Ngày quyết định": "Ngµy quyÕt ®Þnh",
                  "Cơ quan ban hành": "C¬ quan ban hµnh", "Sở": "Së"},
        "vni": {"Cán bộ": "Caùn boä", "Mã cán bộ": "Maõ caùn boä", "Họ và tên": "Hoï vaø teân", "Đơn vị": "Ñôn vò",
                "Khen thưởng": "Khen thöôûng", "Năm": "Naêm", "Danh hiệu/Hình thức": "Danh hieäu/Hình thöùc",
                "Số quyết định": "Soá quyeát ñònh", "Ngày quyết định": "Ngaøy quyeát ñònh",
                "Cơ quan ban hành": "Cô quan ban haønh", "Sở": "Sôû"},
    }[encoding]
    book = Workbook()
    ws = book.active
    ws.title = to_old["Cán bộ"]
    ws.append([to_old["Mã cán bộ"], to_old["Họ và tên"], to_old["Đơn vị"]])
    ws.append(["CB100", enc["Đặng Thị Hương"], enc.get("Phòng Quản lý khoa học", "Phoøng Quaûn lyù khoa hoïc")])
    ws.append(["CB101", enc["Nguyễn Văn An"], None])
    aw = book.create_sheet(to_old["Khen thưởng"])
    aw.append([to_old[h] for h in ("Mã cán bộ", "Năm", "Danh hiệu/Hình thức", "Số quyết định", "Ngày quyết định",
                                    "Cơ quan ban hành")])
    aw.append(["CB100", 2020, enc["Lao động tiên tiến"], "7/QĐ-SKHCN", "15/01/2021", to_old["Sở"]])
    book.save(path)
    return path


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_old_workbook_is_detected_converted_and_imported(db, tmp_path, encoding):
    path = _legacy_book(tmp_path / f"{encoding}.xlsx", encoding)
    plan = check_file(db, path)
    assert plan.detected_encoding == encoding and plan.encoding == encoding
    assert plan.ok, [i.text() for i in plan.issues]
    import_file(db, path)
    person = staff_db.find_by_code(db, "CB100")
    assert person.full_name == "Đặng Thị Hương"
    assert person.unit_name == "Phòng Quản lý khoa học"
    award = decisions.list_awards(db, staff_id=person.id)[0]
    assert award.award_type == "lao_dong_tien_tien" and award.issuer == "Sở"


def test_conversion_can_be_refused(db, tmp_path):
    path = _legacy_book(tmp_path / "t.xlsx", "tcvn3")
    plan = check_file(db, path, encoding=None)
    assert plan.detected_encoding == "tcvn3" and plan.encoding is None
    assert not plan.ok  # the headers are unreadable without conversion
    assert db["staff"].count == 0
