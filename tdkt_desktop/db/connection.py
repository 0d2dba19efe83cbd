"""Open the database in exactly one place: checks, pragmas, backup-before-migrate, migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from tdkt_desktop.db import backup
from tdkt_desktop.db.migrations import known_names, migrations
from tdkt_desktop.errors import CorruptDatabaseError, NewerSchemaError, NotSQLiteError

_SQLITE_MAGIC = b"SQLite format 3\x00"


def open_memory() -> Database:
    """A fresh in-memory database with every migration applied (tests, benchmarks)."""
    db = Database(memory=True, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db)
    return db


def reader_for(db: Database) -> Callable[[], Database]:
    """How a worker thread gets its own read-only connection to ``db``'s data (never share one across threads).

    Call this on the thread that owns ``db``; call what it returns on the worker, which owns (and
    closes) the connection it gets. A file is opened again read-only (WAL lets it read while the
    window writes); an in-memory database (tests) is copied now, as it stands, into a private one.
    """
    path = next((row[2] for row in db.conn.execute("PRAGMA database_list") if row[1] == "main"), "")
    if path:
        def open_file() -> Database:
            conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
            conn.execute("PRAGMA busy_timeout = 3000")
            conn.execute("PRAGMA query_only = 1")
            return Database(conn, execute_plugins=False)

        return open_file
    copy = sqlite3.connect(":memory:", check_same_thread=False)  # handed over to the worker, used there only
    db.conn.backup(copy)

    def open_copy() -> Database:
        copy.execute("PRAGMA query_only = 1")
        return Database(copy, execute_plugins=False)

    return open_copy


def open_database(path: Path | str, *, migrate: bool = True) -> Database:
    """Open (or create) the database file at ``path`` and bring its schema up to date.

    Checks come first and write nothing: a non-SQLite file, a failed ``quick_check`` or a
    schema from a newer build raise a :class:`DatabaseOpenError` with a Vietnamese message.
    Before pending migrations run on an existing file, a copy is put aside.

    Raises:
        DatabaseOpenError: the file cannot be opened safely.
    """
    path = Path(path)
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        inspect_file(path)
    db = Database(_connect(path), execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 3000")
    db.execute("PRAGMA synchronous = NORMAL")
    db.enable_wal()
    if migrate and migrations.pending(db):
        if existed and migrations.applied(db):
            backup.make_backup(db, path, reason="truoc-nang-cap")
        migrations.apply(db)
    return db


def inspect_file(path: Path) -> None:
    """Read-only checks of an existing file: SQLite header, integrity, schema version.

    Raises:
        NotSQLiteError, CorruptDatabaseError, NewerSchemaError.
    """
    with open(path, "rb") as fh:
        header = fh.read(len(_SQLITE_MAGIC))
    if header != _SQLITE_MAGIC:
        raise NotSQLiteError(
            path, f"Tệp “{path}” không phải cơ sở dữ liệu của chương trình (không phải tệp SQLite)."
        )
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchall()
            applied = _applied_names(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(
            path, f"Tệp cơ sở dữ liệu “{path}” bị hỏng ({exc}).", can_restore=True
        ) from exc
    if result != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in result[:3])
        raise CorruptDatabaseError(
            path,
            f"Tệp cơ sở dữ liệu “{path}” bị hỏng (kiểm tra toàn vẹn: {detail}).",
            can_restore=True,
        )
    unknown = applied - known_names()
    if unknown:
        raise NewerSchemaError(
            path,
            f"Tệp “{path}” được tạo bởi phiên bản mới hơn của chương trình "
            f"(có thay đổi cấu trúc chưa biết: {', '.join(sorted(unknown))}). "
            "Hãy cập nhật chương trình; tệp không bị thay đổi.",
        )


def _applied_names(conn: sqlite3.Connection) -> set[str]:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_sqlite_migrations'"
    ).fetchone()
    if not has_table:
        return set()
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [migrations.name]
    ).fetchall()
    return {r[0] for r in rows}


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    # check_same_thread=False: the window may run a backup from a worker thread; writes stay serial.
    return sqlite3.connect(str(path), check_same_thread=False)
