"""Open the database in exactly one place: checks, pragmas, backup-before-migrate, migrations."""

from __future__ import annotations

import sqlite3
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


def open_database(path: Path | str, *, migrate: bool = True, integrity: bool = True) -> Database:
    """Open (or create) the database file at ``path`` and bring its schema up to date.

    Checks come first and write nothing: a non-SQLite file, a failed ``quick_check`` or a
    schema from a newer build raise a :class:`DatabaseOpenError` with a Vietnamese message.
    Before pending migrations run on an existing file, a copy is put aside.

    ``integrity=False`` leaves ``quick_check`` (0.1–0.8 s on a large office) to the caller, who must
    run :func:`check_integrity` before its first write (the window does it in the background, read-only
    commands never write); pending migrations are writes, so they are still preceded by the check.

    Raises:
        DatabaseOpenError: the file cannot be opened safely.
    """
    path = Path(path)
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        inspect_file(path, integrity=integrity)
    db = Database(_connect(path), execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 3000")
    db.execute("PRAGMA synchronous = NORMAL")
    db.enable_wal()
    if migrate and migrations.pending(db):
        if existed and not integrity:
            check_integrity(path)
        if existed and migrations.applied(db):
            backup.make_backup(db, path, reason="truoc-nang-cap")
        migrations.apply(db)
    return db


def inspect_file(path: Path, *, integrity: bool = True) -> None:
    """Read-only checks of an existing file: SQLite header, integrity (unless ``integrity=False``), schema version.

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
            result = conn.execute("PRAGMA quick_check").fetchall() if integrity else [("ok",)]
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


def check_integrity(path: Path | str) -> None:
    """``PRAGMA quick_check`` of the file on its own read-only connection (safe from a worker thread).

    Raises:
        CorruptDatabaseError: the file is damaged (Vietnamese message; a backup can be restored).
    """
    path = Path(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(path, f"Tệp cơ sở dữ liệu “{path}” bị hỏng ({exc}).", can_restore=True) from exc
    if result != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in result[:3])
        raise CorruptDatabaseError(
            path, f"Tệp cơ sở dữ liệu “{path}” bị hỏng (kiểm tra toàn vẹn: {detail}).", can_restore=True
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
