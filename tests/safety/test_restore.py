"""Restore is never worse than what you had: verified copy beside the file, atomic swap, the replaced file kept."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3

import pytest
from safety import faultkit as fk

from tdkt_desktop.cli import main
from tdkt_desktop.db import backup
from tdkt_desktop.db.connection import open_database
from tdkt_desktop.db.restore import restore
from tdkt_desktop.errors import UserError
from tdkt_desktop.ui.shell.app import open_for_window


def _backed_up(path, office="Sở Nội vụ"):
    db = open_database(path)
    db["settings"].upsert({"key": "office_name", "value": office}, pk="key")
    target = backup.make_backup(db, path)
    db.close()
    return target


def test_restore_on_a_tiny_disk_leaves_the_live_file_whole(demo_file, tally):
    _backed_up(demo_file)
    db = open_database(demo_file)
    db["settings"].upsert({"key": "office_name", "value": "Sở mới hơn bản sao lưu"}, pk="key")
    db.close()
    before = fk.tree(demo_file.parent)
    run = fk.cli("--db", str(demo_file), "restore", limit=8 * 1024)  # 8 KB of room for the copy
    tally.injected("đầy đĩa (RLIMIT_FSIZE)")
    assert run.returncode == 1
    assert "ổ đĩa đã đầy" in run.stderr and "Tệp hiện tại không bị thay đổi" in run.stderr
    after = fk.tree(demo_file.parent)
    assert {k: v for k, v in after.items() if not k.endswith(".lock")} == {
        k: v for k, v in before.items() if not k.endswith(".lock")
    }
    assert fk.setting(demo_file, "office_name") == "Sở mới hơn bản sao lưu"


def test_rename_failing_at_the_swap_keeps_the_live_file_and_its_wal(demo_file, monkeypatch, tally):
    _backed_up(demo_file, office="Sở cũ")
    # Committed rows that live only in the WAL: the writer is killed before it folds them in.
    writer = fk.spawn(code=f"""
import sqlite3, sys
conn = sqlite3.connect({str(demo_file)!r})
conn.execute("UPDATE settings SET value = 'Sở trong WAL' WHERE key = 'office_name'")
conn.commit()
print("ready", flush=True)
sys.stdin.readline()
""")
    assert fk.kill_when(writer, lambda: writer.stdout.readline().strip() == b"ready")
    tally.injected("kill -9")
    wal = demo_file.with_name(demo_file.name + "-wal")
    assert wal.stat().st_size > 0
    before = fk.tree(demo_file.parent)
    real_replace = os.replace

    def full_at_rename(src, dst, *a, **kw):
        if os.fspath(dst) == os.fspath(demo_file):
            raise OSError(errno.ENOSPC, "No space left on device", os.fspath(dst))
        return real_replace(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", full_at_rename)
    with pytest.raises(UserError, match="không bị thay đổi"):
        restore(demo_file)
    monkeypatch.undo()
    tally.injected("lỗi khi đổi tên (os.replace ENOSPC)")
    after = fk.tree(demo_file.parent)
    assert {k: v for k, v in after.items() if not k.endswith((".lock", "-shm"))} == {
        k: v for k, v in before.items() if not k.endswith((".lock", "-shm"))
    }
    assert fk.setting(demo_file, "office_name") == "Sở trong WAL"


def _foreign(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes(text) VALUES ('ghi chú')")
    conn.commit()
    conn.close()


def test_window_restore_picks_newest_good_backup_and_shows_counts(demo_file, qapp, boxes, tally, demo_counts):
    good = _backed_up(demo_file, office="Sở từ bản sao lưu tốt")
    folder = good.parent
    # Newer but unusable: a half copy, a 0-byte file, another program's file, a newer build's file.
    (folder / f"{demo_file.name}-29990101-000001-000000-tu-dong.sqlite").write_bytes(good.read_bytes()[:50_000])
    (folder / f"{demo_file.name}-29990101-000002-000000-tu-dong.sqlite").write_bytes(b"")
    _foreign(folder / f"{demo_file.name}-29990101-000003-000000-tu-dong.sqlite")
    newer = folder / f"{demo_file.name}-29990101-000004-000000-tu-dong.sqlite"
    shutil.copyfile(good, newer)
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    demo_file.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)  # the live file is damaged
    tally.injected("tệp sao lưu hỏng/lạ/mới hơn", 4)
    tally.injected("tệp dữ liệu hỏng")
    db, lock = open_for_window(demo_file)
    try:
        assert db["settings"].get("office_name")["value"] == "Sở từ bản sao lưu tốt"
        assert db["staff"].count == demo_counts[0]
    finally:
        db.close()
        lock.release()
    (question,) = boxes["question"]
    info = backup.describe_backup(good)
    assert f"ngày {info.when()}" in question
    assert "Tệp hiện tại: không đọc được" in question
    staff, awards, decisions = demo_counts
    assert f"Bản sao lưu:  {staff} cán bộ, {awards} lượt khen thưởng, {decisions} quyết định" in question
    assert "Đã bỏ qua 4 bản sao lưu" in question
    for why in ("tệp rỗng, 0 byte", "tệp của chương trình khác", "của phiên bản mới hơn", "không đầy đủ hoặc bị hỏng"):
        assert why in question
    (kept,) = demo_file.parent.glob("tdkt.sqlite.truoc-khoi-phuc-*")
    assert kept.read_bytes() == b"SQLite format 3\x00" + b"\x00" * 4000


def test_restore_command_lists_and_restores_like_the_window(demo_file, capsys, tally, demo_counts):
    good = _backed_up(demo_file, office="Sở A")
    partial = good.with_name(f"{demo_file.name}-29990101-000000-000000-tu-dong.sqlite")
    partial.write_bytes(good.read_bytes()[:20_000])
    tally.injected("tệp sao lưu hỏng/lạ/mới hơn")
    db = open_database(demo_file)
    for i in range(3):  # people imported by mistake
        db["staff"].insert({"code": f"SAI{i}", "full_name": "Nhập nhầm", "fold": "nhap nham"})
    remaining = db["staff"].count
    db.close()

    assert main(["--db", str(demo_file), "restore", "--list"]) == 0
    listing = capsys.readouterr().out
    assert "hỏng (không đầy đủ hoặc bị hỏng)" in listing and "tốt" in listing
    assert f"{demo_counts[0]} cán bộ, {demo_counts[1]} lượt khen thưởng" in listing and "KB" in listing

    assert main(["--db", str(demo_file), "restore", "--from", str(partial)]) == 1
    assert "không đầy đủ hoặc bị hỏng" in capsys.readouterr().err

    assert main(["--db", str(demo_file), "restore"]) == 0
    out = capsys.readouterr().out
    assert f"Tệp hiện tại: {remaining} cán bộ" in out and "Đã bỏ qua 1 bản sao lưu" in out
    assert fk.setting(demo_file, "office_name") == "Sở A"
    (kept,) = demo_file.parent.glob("tdkt.sqlite.truoc-khoi-phuc-*")
    conn = sqlite3.connect(f"{kept.as_uri()}?mode=ro", uri=True)
    assert conn.execute("SELECT count(*) FROM staff").fetchone()[0] == remaining  # the replaced file is kept
    conn.close()
