"""Opening a file says what is really wrong: locked, full disk, read-only are not damage; every failure is a dialog."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest
from safety import faultkit as fk

from tdkt_desktop.db import backup
from tdkt_desktop.db.connection import open_database
from tdkt_desktop.db.migrations import migrations
from tdkt_desktop.ui.shell.app import open_for_window, run_window


def _with_backup(path):
    db = open_database(path)
    backup.make_backup(db, path)
    db.close()


@pytest.mark.parametrize("wal_exclusive", [True, False], ids=["wal-locking-exclusive", "rollback-journal"])
def test_file_locked_by_another_program_is_not_damage(demo_file, qapp, boxes, tally, wal_exclusive):
    _with_backup(demo_file)
    other = fk.hold_exclusive(demo_file, wal_exclusive=wal_exclusive)
    try:
        assert open_for_window(demo_file) is None
    finally:
        fk.release(other)
    tally.injected("khóa tệp (BEGIN EXCLUSIVE)")
    assert boxes["question"] == [], "a locked file must not be offered a restore"
    (message,) = boxes["critical"]
    assert "đang bị một chương trình khác khóa" in message and "không bị hỏng" in message
    # The other program's newest row survives in the live file; nothing was replaced or renamed.
    assert fk.setting(demo_file, "ghi_chu_khac") == "dòng mới nhất"
    assert not list(demo_file.parent.glob("*.truoc-khoi-phuc-*"))


def test_full_disk_at_open_is_not_damage(demo_file, tally):
    _with_backup(demo_file)
    before = fk.digest(demo_file)
    # 16 KB of room: SQLite cannot even create the 32 KB shared-memory file beside a WAL database.
    shown = fk.open_window_in_child(demo_file, limit=16 * 1024)
    tally.injected("đầy đĩa (RLIMIT_FSIZE)")
    assert not shown["opened"] and shown["question"] == []
    (message,) = shown["critical"]
    assert ("ổ đĩa" in message) and "không bị hỏng" in message
    assert fk.digest(demo_file) == before


@pytest.fixture
def read_only_like(monkeypatch):
    """chmod as a normal user sees it: root ignores mode bits, so report access from them when root."""
    if os.geteuid() != 0:
        return
    real = os.access

    def access(path, mode, *a, **kw):
        if mode & os.W_OK and os.path.exists(path) and not os.stat(path).st_mode & stat.S_IWUSR:
            return False
        return real(path, mode, *a, **kw)

    monkeypatch.setattr(os, "access", access)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_file_or_folder_is_not_damage(demo_file, qapp, boxes, tally, read_only_like, what):
    _with_backup(demo_file)
    before = fk.tree(demo_file.parent)
    target = demo_file if what == "file" else demo_file.parent
    old_mode = target.stat().st_mode
    target.chmod(0o444 if what == "file" else 0o555)
    try:
        if what == "folder":  # the lock file lives in the folder: make it exist so only the data file is at stake
            before = fk.tree(demo_file.parent)
        assert open_for_window(demo_file) is None
    finally:
        target.chmod(old_mode)
    tally.injected("chỉ đọc (tệp, thư mục)")
    assert boxes["question"] == []
    (message,) = boxes["critical"]
    assert "chỉ cho phép đọc" in message and "không bị hỏng" in message
    after = fk.tree(demo_file.parent)
    assert {k: v for k, v in after.items() if not k.endswith(".lock")} == {
        k: v for k, v in before.items() if not k.endswith(".lock")
    }


def _older_schema(path, stop_before="0004_certificate_register"):
    db = open_database(path, migrate=False)
    migrations.apply(db, stop_before=stop_before)
    db["settings"].insert({"key": "office_name", "value": "Sở cũ"})
    db.close()


def test_lock_file_that_cannot_be_written_is_a_dialog(tmp_path, qapp, boxes, tally):
    path = tmp_path / "a.sqlite"
    open_database(path).close()
    (tmp_path / "a.sqlite.lock").mkdir()  # a folder where the lock file must go
    assert open_for_window(path) is None
    tally.injected("tệp khóa không ghi được")
    assert "tệp khóa" in boxes["critical"][0]


def test_path_that_is_a_folder_is_a_dialog(tmp_path, qapp, boxes, tally):
    folder = tmp_path / "du-lieu.sqlite"
    folder.mkdir()
    assert open_for_window(folder) is None
    tally.injected("đường dẫn là thư mục")
    assert "là một thư mục" in boxes["critical"][0]
    assert not (tmp_path / "du-lieu.sqlite.lock").exists()


def test_failed_migration_is_a_dialog_and_rolled_back(tmp_path, qapp, boxes, tally):
    path = tmp_path / "cu.sqlite"
    _older_schema(path)
    conn = sqlite3.connect(path)  # the table the next migration creates is already there: it fails
    conn.execute("CREATE TABLE certificate_register (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = fk.content(path)
    assert open_for_window(path) is None
    tally.injected("nâng cấp cấu trúc thất bại")
    (message,) = boxes["critical"]
    assert "Không nâng cấp được cấu trúc dữ liệu" in message and "hoàn tác" in message
    assert fk.content(path) == before
    assert len(backup.list_backups(path)) == 1  # the copy made before trying


def test_failed_backup_before_migration_means_no_migration(tmp_path, qapp, boxes, tally):
    path = tmp_path / "cu.sqlite"
    _older_schema(path)
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / "cu.sqlite").write_text("không phải thư mục")  # the backup folder cannot be made
    before = fk.content(path)
    assert open_for_window(path) is None
    tally.injected("sao lưu trước nâng cấp thất bại")
    (message,) = boxes["critical"]
    assert "Không sao lưu được" in message and "chưa nâng cấp" in message
    assert fk.content(path) == before


def test_run_window_shows_open_errors_instead_of_raising(demo_file, qapp, boxes, monkeypatch, tally):
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    other = fk.hold_exclusive(demo_file, wal_exclusive=True)
    try:
        assert run_window(demo_file) == 1
    finally:
        fk.release(other)
    tally.injected("khóa tệp (BEGIN EXCLUSIVE)")
    assert "đang bị một chương trình khác khóa" in boxes["critical"][0]


def test_failed_backup_on_close_is_shown(demo_file, tally):
    (demo_file.parent / "backups").mkdir()
    (demo_file.parent / "backups" / demo_file.name).write_text("chặn")  # no folder can be made here
    before = fk.content(demo_file)
    shown = fk.open_window_in_child(demo_file, run=True)  # a real window, closed after half a second
    tally.injected("sao lưu khi đóng thất bại")
    assert shown["exit"] == 0
    (message,) = shown["warning"]
    assert "Không sao lưu được" in message and "Dữ liệu đã lưu vẫn nằm nguyên" in message
    assert fk.content(demo_file) == before
