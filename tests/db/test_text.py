"""Folding, NFC and dd/mm/yyyy parsing."""

import datetime as dt
import unicodedata

import pytest

from tdkt_desktop.text import DateError, fold, format_date, nfc, parse_date, tokens


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Đặng Thị Hương", "dang thi huong"),
        (unicodedata.normalize("NFD", "Nguyễn Văn Ân"), "nguyen van an"),
        ("  ĐỖ   HỮU  ", "do huu"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(raw, folded):
    assert fold(raw) == folded


def test_nfc_trims_and_composes():
    nfd = unicodedata.normalize("NFD", " Hương ")
    assert nfc(nfd) == "Hương"
    assert unicodedata.is_normalized("NFC", nfc(nfd))


def test_tokens_drop_punctuation():
    assert tokens('Đặng "Thị"-Hương OR') == ["dang", "thi", "huong", "or"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/03/1980", dt.date(1980, 3, 5)),
        ("5/3/1980", dt.date(1980, 3, 5)),
        ("05.03.1980", dt.date(1980, 3, 5)),
        ("1980-03-05", dt.date(1980, 3, 5)),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2020", "13/13/2020", "abc", "2020", "1/1/20"])
def test_parse_date_rejects_with_vietnamese_message(text):
    with pytest.raises(DateError, match="Ngày sinh: .* không phải ngày hợp lệ"):
        parse_date(text, field="Ngày sinh")


def test_format_date():
    assert format_date(dt.date(2025, 1, 9)) == "09/01/2025"
    assert format_date("2025-01-09") == "09/01/2025"
    assert format_date(None) == ""


def test_one_line_is_nfc_with_single_spaces():
    import unicodedata

    from tdkt_desktop.text import one_line

    typed = "  " + unicodedata.normalize("NFD", "Đặng\tThị\n\n Hương") + "  "
    assert one_line(typed) == "Đặng Thị Hương" and unicodedata.is_normalized("NFC", one_line(typed))
    assert one_line(None) == "" and one_line(" \n ") == ""
