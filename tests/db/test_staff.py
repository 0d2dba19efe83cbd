"""Staff register: validation, NFC, audit, deactivate vs delete, quick search."""

import dataclasses
import datetime as dt
import unicodedata

import pytest

from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import staff_search
from tdkt_desktop.db import units as units_db
from tdkt_desktop.db.records import Staff, Unit
from tdkt_desktop.errors import ValidationError


@pytest.fixture
def unit(db):
    return units_db.add_unit(db, Unit(id=None, name="Văn phòng Sở"))


def _person(unit, **kw):
    base = dict(id=None, code="CB001", full_name="Đặng Thị Hương", unit_id=unit,
                birth_date=dt.date(1985, 4, 2), recruited_on=dt.date(2010, 9, 1), gender="Nữ")
    base.update(kw)
    return Staff(**base)


def _snapshot(db):
    return [dict(r) for r in db.query("select * from staff order by id")]


def test_add_normalises_nfd_and_writes_audit(db, unit):
    nfd = unicodedata.normalize("NFD", "  Đặng   Thị Hương ")
    staff_id = staff_db.add_staff(db, _person(unit, full_name=nfd))
    stored = staff_db.get_staff(db, staff_id)
    assert stored.full_name == "Đặng Thị Hương"
    assert unicodedata.is_normalized("NFC", stored.full_name)
    assert stored.unit_name == "Văn phòng Sở"
    row = db["staff"].get(staff_id)
    assert row["fold"] == "dang thi huong"
    audit = list(db["audit_log"].rows_where("table_name = 'staff'"))
    assert [(a["action"], a["row_id"]) for a in audit] == [("them", str(staff_id))]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"full_name": "   "}, "full_name", "Họ và tên không được để trống."),
        ({"code": ""}, "code", "Mã cán bộ không được để trống."),
        ({"birth_date": dt.date(2999, 1, 1)}, "birth_date", "Ngày sinh 01/01/2999 ở tương lai."),
        ({"recruited_on": dt.date(2999, 1, 1)}, "recruited_on", "Ngày tuyển dụng 01/01/2999 ở tương lai."),
        ({"recruited_on": dt.date(1980, 1, 1)}, "recruited_on", "phải sau ngày sinh 02/04/1985"),
        ({"gender": "Khác"}, "gender", "Giới tính “Khác” không hợp lệ"),
        ({"unit_id": 999}, "unit_id", "Đơn vị đã chọn không còn tồn tại."),
    ],
)
def test_bad_input_is_refused_and_nothing_written(db, unit, changes, field, message):
    before = _snapshot(db)
    with pytest.raises(ValidationError) as err:
        staff_db.add_staff(db, _person(unit, **changes))
    assert message in err.value.errors[field]
    assert _snapshot(db) == before
    assert db["audit_log"].count_where("table_name = 'staff'") == 0


def test_duplicate_code_names_the_holder(db, unit):
    staff_db.add_staff(db, _person(unit))
    with pytest.raises(ValidationError) as err:
        staff_db.add_staff(db, _person(unit, full_name="Nguyễn Văn An", code=" CB001 "))
    assert err.value.errors["code"] == "Mã cán bộ “CB001” đã dùng cho Đặng Thị Hương."
    assert db["staff"].count == 1


def test_update_keeps_own_code_and_audits_diff(db, unit):
    staff_id = staff_db.add_staff(db, _person(unit))
    person = staff_db.get_staff(db, staff_id)
    staff_db.update_staff(db, dataclasses.replace(person, position="Trưởng phòng"))
    assert staff_db.get_staff(db, staff_id).position == "Trưởng phòng"
    last = list(db.query("select summary from audit_log order by id desc limit 1"))[0]
    assert "position:  → Trưởng phòng" in last["summary"]


def test_add_many_is_all_or_nothing(db, unit):
    people = [_person(unit, code="A1"), _person(unit, code="A2", full_name="")]
    with pytest.raises(ValidationError):
        staff_db.add_many(db, people)
    assert db["staff"].count == 0


def test_delete_refused_with_history_deactivate_instead(db, unit):
    staff_id = staff_db.add_staff(db, _person(unit))
    db["ratings"].insert({"staff_id": staff_id, "year": 2025, "rating": "HTT"})
    with pytest.raises(ValidationError, match="Ngừng theo dõi"):
        staff_db.delete_staff(db, staff_id)
    assert db["staff"].count == 1
    staff_db.set_active(db, staff_id, False)
    assert staff_db.get_staff(db, staff_id).active is False
    assert [s.id for s in staff_db.list_staff(db, include_inactive=False)] == []


def test_delete_without_history(db, unit):
    staff_id = staff_db.add_staff(db, _person(unit))
    staff_db.delete_staff(db, staff_id)
    assert db["staff"].count == 0
    assert staff_search.search_staff(db, "dang") == []


@pytest.fixture
def people(db, unit):
    names = ["Đặng Thị Hương", "Nguyễn Văn An", "Phạm Thị Phượng", "Đặng Văn Hùng", "Lê Thị Hường"]
    for i, name in enumerate(names):
        staff_db.add_staff(db, _person(unit, code=f"CB{i + 1:03d}", full_name=name))
    return db


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dang thi huong", ["Đặng Thị Hương"]),
        ("Đặng Thị Hương", ["Đặng Thị Hương"]),
        ("DANG THI", ["Đặng Thị Hương"]),
        ("ng v a", ["Nguyễn Văn An"]),
        ("huong", ["Đặng Thị Hương", "Lê Thị Hường"]),
        ("cb002", ["Nguyễn Văn An"]),
        ("dang", ["Đặng Thị Hương", "Đặng Văn Hùng"]),
        ('"OR -', []),
        ("", []),
    ],
)
def test_quick_search(people, query, expected):
    assert sorted(s.full_name for s in staff_search.search_staff(people, query)) == sorted(expected)


def test_substring_inside_word_does_not_match(people):
    # "huong" must not find "Phượng" (phuong): tokens match as prefixes, not substrings.
    assert "Phạm Thị Phượng" not in [s.full_name for s in staff_search.search_staff(people, "huong")]


def test_search_follows_updates(people):
    person = staff_db.find_by_code(people, "CB002")
    staff_db.update_staff(people, dataclasses.replace(person, full_name="Nguyễn Văn Bình"))
    assert [s.code for s in staff_search.search_staff(people, "binh")] == ["CB002"]
    assert staff_search.search_staff(people, "nguyen van an") == []


def test_like_fallback_matches_fts(people):
    people.execute("DROP TABLE staff_fts")
    assert not staff_search.has_fts(people)
    assert [s.full_name for s in staff_search.search_staff(people, "ng v a")] == ["Nguyễn Văn An"]
    assert [s.code for s in staff_search.search_staff(people, "cb00 dang thi")] == ["CB001"]


def test_list_staff_by_unit_includes_sub_units(db, unit):
    child = units_db.add_unit(db, Unit(id=None, name="Tổ Hành chính", parent_id=unit))
    other = units_db.add_unit(db, Unit(id=None, name="Thanh tra Sở"))
    staff_db.add_staff(db, _person(child, code="C1"))
    staff_db.add_staff(db, _person(other, code="C2", full_name="Lê Văn Hòa"))
    assert [s.code for s in staff_db.list_staff(db, unit_id=unit)] == ["C1"]


def test_unit_duplicate_name_ignores_diacritics(db, unit):
    with pytest.raises(ValidationError, match="đã có"):
        units_db.add_unit(db, Unit(id=None, name="VĂN PHÒNG SỞ"))
    assert units_db.ensure_unit(db, "van phong so") == unit


@pytest.mark.parametrize("fts", [True, False])
def test_sql_filter_folds_like_the_typed_words_expect(demo_db, fts):
    """Every typed word begins a word of name, code, position or unit; diacritics and case ignored."""
    from tdkt_desktop.text import tokens

    if not fts:  # SQLite builds without FTS5 fall back to LIKE on the stored fold
        for trigger in ("staff_ai", "staff_ad", "staff_au"):
            demo_db.execute(f"DROP TRIGGER {trigger}")
        demo_db.execute("DROP TABLE staff_fts")
    everyone = staff_db.list_staff(demo_db)
    for typed in ["dang thi huong", "ĐẶNG", "thanh tra", "chuyen vien chinh", "cb01", "van phong h", "pho",
                  "nguyen truong phong", "zzz", "  ", "hương-văn", "nguyen h", "le thi t", "cb0 h", "th_i", "h"]:
        words = tokens(typed)
        expected = {
            s.id for s in everyone
            if all(any(w.startswith(t) for w in tokens(f"{s.full_name} {s.code} {s.position} {s.unit_name}"))
                   for t in words)
        }
        where = staff_search.staff_filter(demo_db, staff_search.StaffQuery(text=typed))
        got = {s.id for s in staff_search.page_staff(demo_db, where, limit=1000)}
        assert got == expected, typed
        assert staff_search.count_staff(demo_db, where) == len(expected)


def test_paged_list_orders_by_given_name_through_its_index(demo_db):
    where = staff_search.staff_filter(demo_db, staff_search.StaffQuery())
    rows = staff_search.page_staff(demo_db, where, limit=1000)
    assert [(s.fold.rpartition(" ")[2], s.fold) for s in rows] == sorted((s.fold.rpartition(" ")[2], s.fold) for s in rows)
    plan = " ".join(str(r) for r in demo_db.execute(
        "EXPLAIN QUERY PLAN SELECT s.id FROM staff s LEFT JOIN units u ON u.id = s.unit_id"
        + staff_search._order_sql(demo_db, None) + " LIMIT 200").fetchall())
    assert "staff_given" in plan  # the first page is read from the index, not sorted from 100,000 rows
    first, second = (staff_search.page_staff(demo_db, where, offset=o, limit=30) for o in (0, 30))
    assert first + second == rows[:60]
    assert staff_search.staff_row(demo_db, where, rows[45].id) == 45


def test_get_many_reads_people_in_one_query(demo_db):
    everyone = staff_db.list_staff(demo_db)
    wanted = [everyone[3].id, everyone[0].id, everyone[3].id]
    assert staff_db.get_many(demo_db, wanted) == {p.id: p for p in (everyone[0], everyone[3])}
    assert staff_db.get_many(demo_db, []) == {}
