"""Foreign and newer files are never changed; read-only commands never write; writers share the window's lock."""

from __future__ import annotations

import sqlite3

import openpyxl
import pytest
from safety import faultkit as fk

from tdkt_desktop.cli import main
from tdkt_desktop.db.connection import open_database
from tdkt_desktop.db.inspection import schema_version
from tdkt_desktop.db.migrations import migrations
from tdkt_desktop.ui.shell.app import open_for_window

FOREIGN = "không phải tệp dữ liệu của chương trình"


def _new_staff_book(tmp_path):
    """vao.xlsx: one new person (CB999) on a "Cán bộ" sheet, for the import commands."""
    book = tmp_path / "vao.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Cán bộ"
    wb.active.append(["Mã cán bộ", "Họ và tên"])
    wb.active.append(["CB999", "Nguyễn Văn Mới"])
    wb.save(book)
    return book


def _commands(tmp_path):
    out = tmp_path / "ra"
    out.mkdir(exist_ok=True)
    book = _new_staff_book(tmp_path)
    return [
        ["check"],
        ["eligibility", "--year", "2025", "--json"],
        ["export", str(out / "x.xlsx")],
        ["statistics"],
        ["print", "decision", "--decision", "28/QĐ-SKHCN", "-o", str(out / "d.pdf")],
        ["print", "statistics", "--from", "2021", "--to", "2025", "-o", str(out / "s.pdf")],
        ["print", "certificates", "--decision", "28/QĐ-SKHCN", "-o", str(out / "g.pdf")],
        ["print", "bloc-minutes", "--bloc", "Tham mưu", "--year", "2018", "-o", str(out / "b.pdf")],
        ["bloc", "ranking", "--bloc", "Tham mưu", "--year", "2018"],
        ["bloc", "score-template", "--bloc", "Tham mưu", "--year", "2018", "-o", str(out / "c.xlsx")],
        ["bloc", "import-scores", str(book), "--bloc", "Tham mưu", "--year", "2018"],
        ["campaigns", "--json"],
        ["print", "campaign-report", "--campaign", "nhiệm vụ chính trị năm 2025", "-o", str(out / "p.pdf")],
        ["import", str(book)],
        ["import", str(book), "--dry-run"],
        ["backup"],
        ["restore"],
        ["demo", "--no-window"],
    ]


def _notes_file(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes(text) VALUES ('sổ tay của chương trình khác')")
    conn.commit()
    conn.close()


def _own_staff_table(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE staff (id INTEGER PRIMARY KEY, ho_ten TEXT)")
    conn.execute("INSERT INTO staff(ho_ten) VALUES ('Người của chương trình khác')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("make", [_notes_file, _own_staff_table], ids=["notes-table", "own-staff-table"])
def test_foreign_sqlite_file_is_refused_by_every_command_and_the_window(tmp_path, capsys, qapp, boxes, tally, make):
    path = tmp_path / "khac.sqlite"
    make(path)
    commands = _commands(tmp_path)
    before = fk.tree(tmp_path)
    for argv in commands:
        assert main(["--db", str(path), *argv]) == 1, argv
        err = capsys.readouterr().err
        assert FOREIGN in err, (argv, err)
        tally.injected("tệp SQLite của chương trình khác")
    assert open_for_window(path) is None
    tally.injected("tệp SQLite của chương trình khác")
    assert FOREIGN in boxes["critical"][0] and boxes["question"] == []
    after = {k: v for k, v in fk.tree(tmp_path).items() if not k.endswith(".lock")}
    assert after == before, "no byte changed, no -wal/-shm, no backup, no output file"


def test_newer_schema_version_is_refused_unchanged(demo_file, capsys, qapp, boxes, tally):
    conn = sqlite3.connect(demo_file)
    conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    conn.close()
    before = fk.digest(demo_file)
    for argv in (["check"], ["export", str(demo_file.parent / "x.xlsx")], ["backup"]):
        assert main(["--db", str(demo_file), *argv]) == 1
        assert "phiên bản mới hơn" in capsys.readouterr().err
        tally.injected("tệp của phiên bản mới hơn")
    assert open_for_window(demo_file) is None
    assert "phiên bản mới hơn" in boxes["critical"][0]
    assert fk.digest(demo_file) == before


def test_read_only_commands_never_write_create_or_migrate(demo_file, tmp_path, capsys, tally):
    out = tmp_path / "ra"
    out.mkdir()
    before = fk.tree(demo_file.parent)
    readers = [
        ["check"], ["eligibility", "--year", "2025", "--json"], ["export", str(out / "x.xlsx")], ["statistics"],
        ["print", "decision", "--decision", "28/QĐ-SKHCN", "-o", str(out / "d.pdf")],
        ["print", "statistics", "--from", "2021", "--to", "2025", "-o", str(out / "s.pdf")],
        ["print", "bloc-minutes", "--bloc", "Tham mưu", "--year", "2018", "--meeting", "so_ket", "-o", str(out / "b.pdf")],
        ["bloc", "ranking", "--bloc", "Tham mưu", "--year", "2018", "--json"],
        ["bloc", "score-template", "--bloc", "Tham mưu", "--year", "2018", "-o", str(out / "c.xlsx")],
        ["campaigns", "--json"],
        ["print", "campaign-report", "--campaign", "nhiệm vụ chính trị năm 2025", "-o", str(out / "p.pdf")],
        ["restore", "--list"],
    ]
    for argv in readers:
        assert main(["--db", str(demo_file), *argv]) == 0, (argv, capsys.readouterr().err)
    capsys.readouterr()
    after = {k: v for k, v in fk.tree(demo_file.parent).items() if not k.startswith("ra/")}
    assert after == before, "no byte of the file changed and no -wal, -shm or .lock appeared"
    # A mistyped path: an error, and no new empty database.
    typo = tmp_path / "tdkt.sqllite"
    for argv in readers[:-1]:
        assert main(["--db", str(typo), *argv]) == 1
        assert "Không có tệp cơ sở dữ liệu" in capsys.readouterr().err
    assert not typo.exists() and not list(tmp_path.glob("tdkt.sqllite*"))
    tally.injected("đường dẫn gõ sai", len(readers) - 1)


def test_read_only_command_on_an_older_file_points_to_the_window_or_backup(tmp_path, capsys, tally):
    path = tmp_path / "cu.sqlite"
    db = open_database(path, migrate=False)
    migrations.apply(db, stop_before="0009_app_marker")
    db.close()
    before = fk.tree(tmp_path)
    assert main(["--db", str(path), "export", str(tmp_path / "x.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "cần nâng cấp" in err and "cửa sổ" in err and "backup" in err
    assert fk.tree(tmp_path) == before
    assert main(["--db", str(path), "check"]) == 0  # check reads an older file as it is
    assert "phiên bản cũ hơn" in capsys.readouterr().out
    assert fk.tree(tmp_path) == before
    tally.injected("tệp cũ cần nâng cấp")


def test_cli_import_is_refused_while_the_window_has_the_file(demo_file, tmp_path, capsys, qapp, boxes, tally,
                                                            demo_counts):
    book = _new_staff_book(tmp_path)
    db, lock = open_for_window(demo_file)  # the window holds the file
    try:
        for argv in (["import", str(book)], ["restore"], ["demo", "--no-window"], ["backup"]):
            assert main(["--db", str(demo_file), *argv]) == 1
            assert "đang được mở ở một cửa sổ chương trình khác" in capsys.readouterr().err
            tally.injected("khóa ghi (cửa sổ đang mở)")
        assert db["staff"].count == demo_counts[0]
    finally:
        db.close()
        lock.release()
    assert main(["--db", str(demo_file), "import", str(book)]) == 0  # once the window is closed
    assert sum(line.startswith('INSERT INTO "staff"') for line in fk.content(demo_file)) == demo_counts[0] + 1
