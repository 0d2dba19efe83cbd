"""Stored bytes that pass quick_check but do not decode are named (table, row id, column), never a traceback."""

from __future__ import annotations

import sqlite3
import sys

import pytest
from safety import faultkit as fk

from tdkt_desktop.cli import main
from tdkt_desktop.db import backup, staff_search
from tdkt_desktop.db.connection import open_database
from tdkt_desktop.ui.shell import recovery
from tdkt_desktop.ui.shell.app import install_excepthook, open_for_window


def _mark(path):
    """Give the rows to damage unique bytes, back the good file up, and return their row ids."""
    db = open_database(path)
    staff_date, staff_name = 5, 7
    db["staff"].update(staff_date, {"birth_date": "1977-07-07"})
    db["staff"].update(staff_name, {"full_name": "Ông Độc Nhất", "fold": "ong doc nhat"})
    rating = db.execute("SELECT id FROM ratings WHERE rating = 'HTT' ORDER BY id LIMIT 1").fetchone()[0]
    db["ratings"].update(rating, {"discipline": "", "note": "GHICHU-DOCNHAT"})
    backup.make_backup(db, path)
    db.close()
    return staff_date, staff_name, rating


def _damage_passing_quick_check(path):
    fk.flip(path, b"1977-07-07", b"1977-07-7X")  # a stored date
    fk.flip(path, "Độc".encode(), b"\xff\xfe\xfd\xfc\xfb\xfa")  # a name that is not UTF-8 any more
    fk.flip(path, b"DEFAULT 'noi_bo'", b"DEFAULT 'no\xff_bo'")  # one byte of a table's schema text


def _integrity(path):
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute("PRAGMA quick_check").fetchall()
    finally:
        conn.close()


def test_check_names_every_damaged_value(demo_file, capsys, tally):
    staff_date, staff_name, rating = _mark(demo_file)
    _damage_passing_quick_check(demo_file)
    assert _integrity(demo_file) == [("ok",)], "SQLite's own check sees nothing wrong"
    fk.flip(demo_file, b"HTTGHICHU-DOCNHAT", b"HT\x19GHICHU-DOCNHAT")  # a stored rating
    tally.injected("byte hỏng trong tệp", 4)
    before = fk.digest(demo_file)
    assert main(["--db", str(demo_file), "check"]) == 1
    err = capsys.readouterr().err
    assert f"bảng “staff”, dòng {staff_date}, cột “birth_date”: ngày giờ “1977-07-7X” không hợp lệ" in err
    assert f"bảng “staff”, dòng {staff_name}, cột “full_name”: chữ không đọc được (sai mã UTF-8)" in err
    assert f"bảng “ratings”, dòng {rating}, cột “rating”: giá trị “HT\\x19”" in err
    assert "bảng “sqlite_master”" in err and "cột “sql”: văn bản cấu trúc của “units” không đọc được" in err
    assert "Traceback" not in err
    assert fk.digest(demo_file) == before


def test_other_commands_report_damage_instead_of_a_traceback(demo_file, capsys, tally):
    _mark(demo_file)
    _damage_passing_quick_check(demo_file)
    tally.injected("byte hỏng trong tệp", 3)
    assert main(["--db", str(demo_file), "export", str(demo_file.parent / "x.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "bị hỏng" in err and "cột “birth_date”" in err and "restore" in err


def test_window_reports_damage_and_offers_restore_at_open(demo_file, qapp, boxes, tally):
    _, _, rating = _mark(demo_file)
    fk.flip(demo_file, b"HTTGHICHU-DOCNHAT", b"HT\x19GHICHU-DOCNHAT")
    tally.injected("byte hỏng trong tệp")
    db, lock = open_for_window(demo_file)
    try:
        assert db.execute("SELECT rating FROM ratings WHERE id = ?", [rating]).fetchone()[0] == "HTT"
    finally:
        db.close()
        lock.release()
    (question,) = boxes["question"]
    assert f"bảng “ratings”, dòng {rating}, cột “rating”" in question and "Khôi phục từ bản sao lưu" in question


def test_window_names_damage_found_while_running_instead_of_a_generic_error(demo_file, qtbot, boxes, monkeypatch, tally):
    from tdkt_desktop.ui.shell.main_window import MainWindow

    staff_date, _, _ = _mark(demo_file)
    _damage_passing_quick_check(demo_file)
    tally.injected("byte hỏng trong tệp", 3)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    session = recovery.Session(demo_file)
    install_excepthook(session)
    boxes["answer"] = None  # the user declines the restore for now
    db, lock = open_for_window(demo_file)  # quick_check passes: the damage shows only when values are read
    try:
        with qtbot.capture_exceptions() as raised:
            window = MainWindow(db, demo_file)
            qtbot.addWidget(window)
            window.show()
            qtbot.waitUntil(lambda: bool(raised), timeout=5000)
        for exc_type, exc, tb in raised:
            sys.excepthook(exc_type, exc, tb)
    finally:
        db.close()
        lock.release()
    assert not [m for m in boxes["critical"] if "Lỗi chương trình" in m]
    (question,) = boxes["question"]
    assert "bị hỏng" in question and f"bảng “staff”, dòng {staff_date}, cột “birth_date”" in question
    assert session.damaged and not session.restore_requested  # a damaged file is not backed up on close


@pytest.mark.parametrize("query", ["ng_yen", "_", "__", "h_ong"])
def test_like_fallback_treats_wildcards_as_letters(demo_db, query):

    # A SQLite build without FTS5 uses the LIKE fallback: drop the index the way such a build never has it.
    for trigger in [r[0] for r in demo_db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'staff_fts%'")]:
        demo_db.execute(f"DROP TRIGGER {trigger}")
    demo_db.execute("DROP TABLE staff_fts")
    assert not staff_search.has_fts(demo_db)
    assert staff_search.search_staff(demo_db, "nguyen")  # the fallback still finds real names
    assert staff_search.search_staff(demo_db, query) == []
