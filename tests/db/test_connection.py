"""Opening files safely: migrations, corrupt and foreign files, newer schema, lock, backups."""

import sqlite3

import pytest
from tests_db_helpers import damaged_index_file, digest

from tdkt_desktop.db import backup
from tdkt_desktop.db.connection import open_database
from tdkt_desktop.db.lock import DatabaseLock
from tdkt_desktop.db.migrations import known_names, migrations
from tdkt_desktop.db.restore import restore
from tdkt_desktop.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    NewerSchemaError,
    NotSQLiteError,
    UserError,
)


def test_new_file_gets_every_migration_and_pragmas(tmp_path):
    db = open_database(tmp_path / "a.sqlite")
    assert {m.name for m in migrations.applied(db)} == known_names()
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_reopen_applies_nothing_and_makes_no_backup(tmp_path):
    path = tmp_path / "a.sqlite"
    open_database(path).close()
    open_database(path).close()
    assert backup.list_backups(path) == []


def test_pending_migrations_back_up_the_file_first(tmp_path):
    path = tmp_path / "old.sqlite"
    names = [m.name for m in migrations._migrations]
    assert len(names) >= 2, "needs an older schema to upgrade from"
    old = open_database(path, migrate=False)
    migrations.apply(old, stop_before=names[-1])
    old["settings"].insert({"key": "office_name", "value": "Sở cũ"})
    old.close()
    db = open_database(path)
    assert {m.name for m in migrations.applied(db)} == known_names()
    db.close()
    (copy,) = backup.list_backups(path)
    with sqlite3.connect(copy) as conn:
        applied = {r[0] for r in conn.execute("select name from _sqlite_migrations")}
        assert names[-1] not in applied
        assert conn.execute("select value from settings").fetchone()[0] == "Sở cũ"


def test_not_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("Danh sách khen thưởng năm 2025", encoding="utf-8")
    before = digest(path)
    with pytest.raises(NotSQLiteError, match="không phải tệp SQLite"):
        open_database(path)
    assert digest(path) == before


def test_corrupt_file_is_refused_untouched(tmp_path):
    path = tmp_path / "broken.sqlite"
    db = open_database(path)
    db["staff"].insert_all(
        [{"code": f"C{i}", "full_name": "Lê Văn Hòa", "fold": "le van hoa"} for i in range(300)]
    )
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    for offset in range(4096 + 100, len(data), 4096):  # scribble over every page after the first
        data[offset : offset + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(CorruptDatabaseError) as err:
        open_database(path)
    assert "bị hỏng" in str(err.value) and str(path) in str(err.value)
    assert err.value.can_restore
    assert digest(path) == before


def test_newer_schema_is_refused_untouched(tmp_path):
    path = tmp_path / "new.sqlite"
    db = open_database(path)
    db["_sqlite_migrations"].insert(
        {"migration_set": "tdkt_desktop", "name": "9999_future", "applied_at": "2030-01-01"}
    )
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = digest(path)
    with pytest.raises(NewerSchemaError, match="phiên bản mới hơn"):
        open_database(path)
    assert digest(path) == before


def test_second_instance_is_refused(tmp_path):
    path = tmp_path / "a.sqlite"
    with DatabaseLock(path), pytest.raises(DatabaseLockedError, match="đang được mở"):
        DatabaseLock(path).acquire()
    with DatabaseLock(path):  # released: the next one gets it
        pass


def test_backups_rotate_and_restore_keeps_damaged_file(tmp_path):
    path = tmp_path / "a.sqlite"
    db = open_database(path)
    db["settings"].insert({"key": "office_name", "value": "Sở KH&CN"})
    for _ in range(4):
        backup.make_backup(db, path, keep=3)
    db.close()
    assert len(backup.list_backups(path)) == 3
    path.write_bytes(b"garbage")
    result = restore(path)
    assert result.kept.read_bytes() == b"garbage"
    db = open_database(path)
    assert db["settings"].get("office_name")["value"] == "Sở KH&CN"
    db.close()


def test_restore_without_backup_says_so(tmp_path):
    path = tmp_path / "a.sqlite"
    path.write_bytes(b"x")
    with pytest.raises(UserError, match="Không có bản sao lưu"):
        restore(path)
    assert path.read_bytes() == b"x"


def test_integrity_check_can_be_deferred_but_not_skipped(tmp_path):
    from tdkt_desktop.db.connection import check_file_integrity
    from tdkt_desktop.db.integrity import IntegrityCheck

    path = tmp_path / "index.sqlite"
    damaged_index_file(path)
    with pytest.raises(CorruptDatabaseError, match="kiểm tra toàn vẹn"):
        open_database(path)  # the default still checks on open
    db = open_database(path, integrity=False)  # deferred: opens, reads
    assert db["staff"].count == 200
    db.close()
    with pytest.raises(CorruptDatabaseError, match="bị hỏng"):
        check_file_integrity(path)
    check = IntegrityCheck(path)
    with pytest.raises(CorruptDatabaseError):
        check.wait()
    assert check.done


def test_deferred_check_still_runs_before_migrations(tmp_path):
    path = tmp_path / "old.sqlite"
    damaged_index_file(path)
    with sqlite3.connect(path) as conn:  # an older schema: the last migration is pending
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [migrations._migrations[-1].name])
    conn.close()
    before = digest(path)
    with pytest.raises(CorruptDatabaseError):
        open_database(path, integrity=False)
    assert digest(path) == before and backup.list_backups(path) == []


def test_sound_file_passes_the_background_check(tmp_path):
    from tdkt_desktop.db.integrity import IntegrityCheck

    path = tmp_path / "good.sqlite"
    open_database(path).close()
    check = IntegrityCheck(path)
    check.wait()
    assert check.done and check.error is None


def test_deferred_dateutil_still_works_when_used():
    """sqlite-utils' date recipe still parses once something asks for it (tdkt_desktop/db/__init__.py)."""
    from sqlite_utils.recipes import parsedate

    assert parsedate("05/02/2024", dayfirst=True) == "2024-02-05"
