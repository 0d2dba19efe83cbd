"""A backup is complete or it does not exist: kill -9 and a full disk never leave a file with a backup's name."""

from __future__ import annotations

import random
import shutil

import pytest
from safety import faultkit as fk

from tdkt_desktop import paths
from tdkt_desktop.db import backup
from tdkt_desktop.db.connection import open_database
from tdkt_desktop.db.restore import restore

STAFF = 20_000


@pytest.fixture(scope="module")
def _big_template(tmp_path_factory):
    """About 22 MB: a backup takes long enough to be killed in the middle."""
    path = tmp_path_factory.mktemp("big") / "lon.sqlite"
    db = open_database(path)
    note = "Ghi chú quá trình công tác, khen thưởng, kỷ luật. " * 20
    db["staff"].insert_all(
        {"code": f"CB{i:05d}", "full_name": f"Nguyễn Văn {i}", "fold": f"nguyen van {i}", "note": note}
        for i in range(STAFF)
    )
    db.close()
    return path


@pytest.fixture
def big_file(tmp_path, _big_template):
    return fk.copy_db(_big_template, tmp_path / "lon.sqlite")


def _every_backup_is_complete(path) -> int:
    names = backup.list_backups(path)
    for name in names:
        info = backup.describe_backup(name)
        assert info.ok, f"{name.name}: {info.status()}"
        assert info.counts.staff == STAFF
    return len(names)


def test_kill_during_backup_never_leaves_a_partial_backup(big_file, tally):
    folder = paths.backup_dir(big_file)
    rng = random.Random(10)
    mid_copy = 0
    for _ in range(12):
        proc = fk.spawn("--db", str(big_file), "backup")
        parts = []

        def started(parts=parts):
            parts[:] = list(folder.glob(".*.dang-ghi*")) if folder.is_dir() else []
            return bool(parts)

        if fk.kill_when(proc, started, delay=rng.uniform(0, 0.04)):
            tally.injected("kill -9")
            mid_copy += bool(parts)
        _every_backup_is_complete(big_file)
    assert mid_copy >= 8, "most kills must land while the backup is being written"
    run = fk.cli("--db", str(big_file), "backup")
    assert run.returncode == 0, run.stderr
    assert not list(folder.glob(".*.dang-ghi*")), "the next backup clears what a killed one left"
    assert _every_backup_is_complete(big_file) >= 1


def test_full_disk_backup_leaves_no_file_with_a_backups_name(big_file, tally):
    run = fk.cli("--db", str(big_file), "backup")
    assert run.returncode == 0
    before = fk.tree(big_file.parent / "backups")
    run = fk.cli("--db", str(big_file), "backup", limit=1024 * 1024)  # 1 MB of room for a 22 MB copy
    tally.injected("đầy đĩa (RLIMIT_FSIZE)")
    assert run.returncode == 1
    assert "Không sao lưu được" in run.stderr and "ổ đĩa đã đầy" in run.stderr
    assert fk.tree(big_file.parent / "backups") == before
    assert _every_backup_is_complete(big_file) == 1


def test_backup_folder_is_keyed_by_the_whole_file_name(tmp_path, tally):
    sqlite_file, db_file = tmp_path / "data.sqlite", tmp_path / "data.db"
    for path, office in ((sqlite_file, "Sở A (data.sqlite)"), (db_file, "Sở B (data.db)")):
        db = open_database(path)
        db["settings"].upsert({"key": "office_name", "value": office}, pk="key")
        backup.make_backup(db, path)
        db.close()
    # An older build's shared folder backups/data/ holds a copy of data.sqlite: it must not reach data.db.
    legacy = tmp_path / "backups" / "data"
    legacy.mkdir()
    shutil.copyfile(backup.list_backups(sqlite_file)[0], legacy / "data-29990101-000000-000000-tu-dong.sqlite")
    assert paths.backup_dir(sqlite_file) != paths.backup_dir(db_file)
    db_file.write_bytes(b"SQLite format 3\x00" + b"\x00" * 2000)  # data.db is damaged
    tally.injected("tệp dữ liệu hỏng")
    result = restore(db_file)
    assert result.used.path.parent == paths.backup_dir(db_file)
    assert fk.setting(db_file, "office_name") == "Sở B (data.db)"
    assert fk.setting(sqlite_file, "office_name") == "Sở A (data.sqlite)"
