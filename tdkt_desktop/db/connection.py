"""Open the database in exactly one place: checks, pragmas, backup-before-migrate, migrations.

Two ways in: :func:`open_database` for a writer (the window and writing commands, which hold the
:class:`~tdkt_desktop.db.lock.DatabaseLock`) and :func:`open_readonly` for reading commands, which never
create, migrate or leave ``-wal``/``-shm`` files behind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from tdkt_desktop.db import backup
from tdkt_desktop.db.inspection import (
    FileState,
    can_read_immutable,
    check_integrity,
    check_path,
    check_writable,
    describe_os_error,
    describe_sqlite_error,
    inspect_file,
    is_wal_file,
    ro_connect,
    schema_version,
)
from tdkt_desktop.db.lock import DatabaseLock
from tdkt_desktop.db.migrations import migrations
from tdkt_desktop.db.migrations_marker import APP_ID
from tdkt_desktop.errors import (
    BackupError,
    CorruptDatabaseError,
    DatabaseBusyError,
    DatabaseOpenError,
    DiskError,
    MigrationError,
    NeedsUpgradeError,
    NotFoundError,
    NotPermittedError,
)


def open_memory() -> Database:
    """A fresh in-memory database with every migration applied (tests, benchmarks)."""
    db = Database(memory=True, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db)
    return db


def database_file(db: Database) -> Path | None:
    """The file behind ``db`` (None in memory)."""
    for _seq, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(file) if file else None
    return None


def reader_for(db: Database) -> Callable[[], Database]:
    """How a worker thread gets its own read-only connection to ``db``'s data (never share one across threads).

    Call this on the thread that owns ``db``; call what it returns on the worker, which owns (and
    closes) the connection it gets. A file is opened again read-only (WAL lets it read while the
    window writes); an in-memory database (tests) is copied now, as it stands, into a private one.
    """
    path = database_file(db)
    if path is not None:
        def open_file() -> Database:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
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


def open_database(path: Path | str, *, migrate: bool = True, integrity: bool = True) -> Database:
    """Open (or create) the database file at ``path`` for writing and bring its schema up to date.

    Checks come first and write nothing: a folder, a non-SQLite or foreign file, a damaged file, a
    newer schema, a locked file, a full disk or a read-only file raise a :class:`DatabaseOpenError`
    subclass with a Vietnamese message. Before pending migrations run on an existing file, a verified
    backup is written; if it cannot be, nothing is migrated. A failed migration is rolled back.

    ``integrity=False`` leaves ``quick_check`` (0.1–0.8 s on a large office) to the caller, who must
    run :func:`check_file_integrity` before its first write (the window does it in the background);
    when opening itself writes (pending migrations, the WAL switch, the marker) the check still comes first.

    Raises:
        DatabaseOpenError: the file cannot be opened safely (nothing was changed).
        BackupError: the backup before an upgrade failed (nothing was migrated).
    """
    path = Path(path)
    check_path(path)
    existed = path.exists()
    quiet = existed and can_read_immutable(path)
    state = inspect_file(path, immutable=quiet, integrity=False) if existed else FileState(empty=True)
    if existed and state.empty and backup.list_backups(path):
        # An empty file beside real backups is lost data (a failed copy, a disk error), not a new office.
        raise CorruptDatabaseError(
            path,
            f"Tệp dữ liệu “{path}” rỗng (không có bảng nào) trong khi đã có bản sao lưu của nó: dữ liệu có thể "
            "đã bị mất do lỗi ghi đĩa. Chương trình không tạo cơ sở dữ liệu trống đè lên.",
            can_restore=True,
        )
    check_writable(path)
    try:
        db = Database(_connect(path), execute_plugins=False)
    except sqlite3.Error as exc:
        raise describe_sqlite_error(path, exc) from exc
    except OSError as exc:
        raise describe_os_error(path, exc) from exc
    try:
        if existed and not state.empty and (integrity or _writes_on_open(db, path, state, migrate)):
            _check_integrity(db, path)
        _prepare(db, path)
        if migrate and migrations.pending(db):
            if existed and not state.empty:
                backup.make_backup(db, path, reason="truoc-nang-cap")
            _migrate(db, path)
        if migrate:
            _mark(db, path)
    except BaseException:
        db.close()
        if not existed:  # a file this call created and could not finish is not left as an empty office
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    return db


def _check_integrity(db: Database, path: Path) -> None:
    """quick_check on the writer's own connection, before anything is written (CHECK rules included)."""
    try:
        check_integrity(db.conn, path)
    except sqlite3.Error as exc:
        raise describe_sqlite_error(path, exc) from exc


def _writes_on_open(db: Database, path: Path, state: FileState, migrate: bool) -> bool:
    """Whether opening writes to the file (WAL switch, migrations, marker), so a deferred check cannot wait."""
    if not is_wal_file(path):
        return True
    if not migrate:
        return False
    try:
        marked = db.execute("PRAGMA application_id").fetchone()[0] == APP_ID
    except sqlite3.Error as exc:
        raise describe_sqlite_error(path, exc) from exc
    return state.pending or state.user_version != schema_version() or not marked


def check_file_integrity(path: Path | str) -> None:
    """``PRAGMA quick_check`` of the file on a connection of its own (safe from a worker thread).

    The connection is read-write but ``query_only``: SQLite verifies CHECK rules only there (a
    ``mode=ro`` connection skips them), and it writes nothing.

    Raises:
        DatabaseOpenError: the file is damaged (:class:`CorruptDatabaseError`, :class:`DamagedDataError`)
            or could not be checked; nothing may be written to it.
    """
    path = Path(path)
    try:
        conn = sqlite3.connect(str(path), timeout=3.0)
        try:
            conn.execute("PRAGMA query_only = 1")
            check_integrity(conn, path)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise describe_sqlite_error(path, exc) from exc


def _prepare(db: Database, path: Path) -> None:
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 3000")
        db.execute("PRAGMA synchronous = NORMAL")
        db.enable_wal()
    except sqlite3.Error as exc:
        raise describe_sqlite_error(path, exc) from exc


def _migrate(db: Database, path: Path) -> None:
    try:
        migrations.apply(db)
    except (DatabaseOpenError, BackupError):
        raise
    except sqlite3.Error as exc:
        described = describe_sqlite_error(path, exc)
        if isinstance(described, (DatabaseBusyError, DiskError, NotPermittedError)):
            raise described from exc
        raise _migration_error(path, exc) from exc
    except Exception as exc:  # a migration is code: any failure is rolled back with its transaction
        raise _migration_error(path, exc) from exc


def _migration_error(path: Path, exc: Exception) -> MigrationError:
    return MigrationError(
        path,
        f"Không nâng cấp được cấu trúc dữ liệu của tệp “{path}” ({type(exc).__name__}: {exc}). Thay đổi đã được "
        "hoàn tác, tệp vẫn như trước; bản sao lưu trước khi nâng cấp nằm trong thư mục backups bên cạnh tệp.",
    )


def _mark(db: Database, path: Path) -> None:
    """Stamp our marker and schema version (files from before ``0009_app_marker`` get it on upgrade)."""
    try:
        if db.execute("PRAGMA application_id").fetchone()[0] != APP_ID:
            db.execute(f"PRAGMA application_id = {APP_ID}")
        if db.execute("PRAGMA user_version").fetchone()[0] != schema_version():
            db.execute(f"PRAGMA user_version = {schema_version()}")
    except sqlite3.Error as exc:
        raise describe_sqlite_error(path, exc) from exc


class _ReadOnlyDatabase(Database):
    """A read-only database that also drops the reader's hold on the writer lock when closed."""

    _lock: DatabaseLock | None = None
    needs_upgrade = False
    #: the integrity check running beside the command (``open_readonly(defer_check=True)``), or None
    integrity = None

    def verified(self) -> None:
        """Wait for the integrity check running beside the command, if there is one (at once otherwise).

        Raises:
            DatabaseOpenError: the file is damaged: the command must not print or write its result.
        """
        if self.integrity is not None:
            self.integrity.wait()

    def close(self) -> None:
        """Close the connection, then let a window open the file again (once a check beside has ended)."""
        try:
            super().close()
        finally:
            if self.integrity is not None:
                self.integrity.finish()  # it reads the file as immutable: no writer may start before it ends
            if self._lock is not None:
                self._lock.release()
                self._lock = None


def open_readonly(path: Path | str, *, allow_older: bool = False, defer_check: bool = False) -> Database:
    """Open an existing file read-only for a command that only reads (check, export, print …).

    Never creates, migrates or writes the file and never leaves ``-wal``/``-shm`` behind: a WAL file
    nobody has open is read as immutable while this process holds the writer lock, so no window
    starts writing mid-read.

    ``allow_older``: open a file that still awaits migrations (``check`` reads it as it is); the
    returned database's ``needs_upgrade`` says so.

    ``defer_check``: when the file is exactly as a clean, checked session left it
    (:func:`~tdkt_desktop.db.integrity.unchanged_since_verified`) and is read as immutable (no
    writer), ``quick_check`` runs in a thread beside the command instead of before it; the command
    calls ``db.verified()`` before it prints or writes anything. Any other file is checked first.

    Raises:
        NotFoundError: there is no such file (nothing is created).
        NeedsUpgradeError: the file needs a migration this command must not make.
        DatabaseOpenError: as :func:`open_database`.
    """
    path = Path(path)
    check_path(path)
    if not path.exists():
        raise NotFoundError(f"Không có tệp cơ sở dữ liệu “{path}” (lệnh này chỉ đọc, không tạo tệp mới).")
    lock = DatabaseLock(path)
    held = lock.try_acquire_existing()
    immutable = can_read_immutable(path) and (held or not lock.lock_path.exists())
    try:
        deferred = defer_check and immutable and _verified(path)
        state = inspect_file(path, immutable=immutable, integrity=not deferred)
        if state.empty:
            raise NeedsUpgradeError(path, f"Tệp “{path}” chưa có dữ liệu của chương trình (tệp trống).")
        if state.pending and not allow_older:
            raise NeedsUpgradeError(
                path,
                f"Tệp “{path}” có cấu trúc cũ (của phiên bản trước) và cần nâng cấp cấu trúc dữ liệu; lệnh này "
                "chỉ đọc nên không nâng cấp. Hãy mở tệp trong cửa sổ chương trình, hoặc chạy "
                f"“tdkt-desktop --db {path} backup” (sao lưu rồi nâng cấp), rồi chạy lại lệnh.",
            )
        conn = ro_connect(path, immutable=immutable, timeout=3.0)
        db = _ReadOnlyDatabase(conn, execute_plugins=False)
        db.execute("PRAGMA query_only = 1")
    except BaseException:
        lock.release()
        raise
    db._lock = lock
    db.needs_upgrade = state.pending
    if deferred:
        from tdkt_desktop.db.integrity import IntegrityCheck

        db.integrity = IntegrityCheck(path, check=lambda target: inspect_file(target, immutable=True))
    return db


def _verified(path: Path) -> bool:
    from tdkt_desktop.db.integrity import unchanged_since_verified  # it builds on this module

    return unchanged_since_verified(path)


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    # check_same_thread=False: the window may run a backup from a worker thread; writes stay serial.
    return sqlite3.connect(str(path), check_same_thread=False)
