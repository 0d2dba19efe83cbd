"""Read-only checks of a database file before anything writes to it, and what each SQLite failure means.

Only a failed header check, "file is not a database", "malformed" or a failing ``quick_check`` count as
damage (and may offer a restore). A locked file, a full or failing disk and a read-only file or folder
are not damage: they get their own Vietnamese message and never a restore.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tdkt_desktop.db import verify
from tdkt_desktop.db.migrations import known_names, migrations
from tdkt_desktop.db.migrations_marker import APP_ID
from tdkt_desktop.db.verify import Problem
from tdkt_desktop.errors import (
    CorruptDatabaseError,
    DamagedDataError,
    DatabaseBusyError,
    DatabaseOpenError,
    DiskError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotPermittedError,
    NotSQLiteError,
)

_SQLITE_MAGIC = b"SQLite format 3\x00"
# SQLite primary result codes (extended codes keep them in the low byte).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR = 3, 5, 6, 8, 10
_CORRUPT, _FULL, _CANTOPEN, _AUTH, _NOTADB = 11, 13, 14, 23, 26
# quick_check lines that name broken rows rather than broken pages.
_ROW_RULE = re.compile(r"^(CHECK constraint failed in|NULL value in)")


@dataclass(frozen=True)
class FileState:
    """What the checks found: an empty file (nothing of anyone's yet) or ours, with its schema state."""

    empty: bool
    applied: frozenset[str] = frozenset()
    user_version: int = 0

    @property
    def pending(self) -> bool:
        """Whether this build would migrate the file."""
        return self.empty or bool(known_names() - self.applied)


def schema_version() -> int:
    """``PRAGMA user_version`` this build writes: the number of migrations it knows."""
    return len(known_names())


def is_wal_file(path: Path) -> bool:
    """Whether the header asks for WAL (bytes 18–19 are 2): a reader would then create ``-wal``/``-shm``."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18] == 2


def can_read_immutable(path: Path) -> bool:
    """Whether checks can read the file as immutable, so they create no ``-wal``/``-shm`` beside it.

    A WAL file with no ``-wal`` has no writer: any writer of a WAL file keeps one open. A rollback
    journal file is read with plain ``mode=ro``, which creates nothing and still sees another
    program's lock.
    """
    return is_wal_file(path) and not os.path.exists(f"{path}-wal")


def ro_connect(path: Path, *, immutable: bool = False, timeout: float = 1.0) -> sqlite3.Connection:
    """A read-only connection (``mode=ro``); ``immutable`` for files nobody writes (backups, locked reads)."""
    query = "mode=ro&immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True, timeout=timeout, check_same_thread=False)


def inspect_file(path: Path | str, *, immutable: bool = False, integrity: bool = True) -> FileState:
    """Check an existing file without writing: header, owner (marker), schema version, ``quick_check``.

    ``integrity=False`` skips ``quick_check``: a writer runs it on its own read-write connection
    (:func:`check_integrity`), where SQLite also verifies CHECK constraints; read-only connections skip them.

    Raises:
        DatabaseOpenError: a subclass saying exactly what is wrong (damaged, foreign, newer, locked,
            disk full, not permitted).
    """
    path = Path(path)
    check_path(path)
    if path.stat().st_size == 0:
        return FileState(empty=True)
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise describe_os_error(path, exc) from exc
    if header != _SQLITE_MAGIC:
        raise NotSQLiteError(
            path, f"Tệp “{path}” không phải cơ sở dữ liệu của chương trình (không phải tệp SQLite)."
        )
    try:
        conn = ro_connect(path, immutable=immutable)
        try:
            state = _read_state(conn, path)
            if integrity and not state.empty:
                check_integrity(conn, path, immutable=immutable)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise describe_sqlite_error(path, exc) from exc
    return state


def check_integrity(conn: sqlite3.Connection, path: Path, *, immutable: bool = False) -> None:
    """``PRAGMA quick_check`` on ``conn``; broken rows are named, broken pages are damage.

    Raises:
        DamagedDataError: only rows break the schema's rules (each is named).
        CorruptDatabaseError: the file's structure is damaged.
        sqlite3.Error: the check could not run (locked, disk); the caller describes it.
    """
    result = conn.execute("PRAGMA quick_check").fetchall()
    if result == [("ok",)]:
        return
    lines = [str(r[0]) for r in result]
    if all(_ROW_RULE.match(line) for line in lines):
        raise damaged_data_error(path, find_damage(path, immutable=immutable, compare_schema=False))
    detail = "; ".join(lines[:3])
    raise CorruptDatabaseError(
        path, f"Tệp cơ sở dữ liệu “{path}” bị hỏng (kiểm tra toàn vẹn: {detail}).", can_restore=True
    )


def find_damage(path: Path, *, immutable: bool = False, compare_schema: bool = True) -> list[Problem]:
    """Every stored value of ``path`` that does not read back (see :mod:`tdkt_desktop.db.verify`)."""
    conn = ro_connect(path, immutable=immutable)
    try:
        return verify.scan(conn, compare_schema=compare_schema)
    finally:
        conn.close()


def damaged_data_error(path: Path, problems: list[Problem]) -> DamagedDataError:
    """The error to raise for named damage; the message lists the places."""
    return DamagedDataError(
        path,
        f"Dữ liệu trong tệp “{path}” bị hỏng ở {len(problems) or 'một số'} chỗ (các byte đã lưu bị thay đổi):\n"
        + verify.describe(problems),
        problems,
    )


def check_path(path: Path) -> None:
    """Refuse a folder or an unreadable path before SQLite turns it into a vague error."""
    if path.is_dir():
        raise NotPermittedError(path, f"“{path}” là một thư mục, không phải tệp dữ liệu. Hãy chọn tệp .sqlite.")
    if path.exists() and not os.access(path, os.R_OK):
        raise NotPermittedError(path, f"Không có quyền đọc tệp “{path}”. Tệp không bị hỏng.")


def check_writable(path: Path) -> None:
    """A writer needs the file and its folder writable (SQLite adds ``-wal``/``-shm`` beside it)."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and not os.access(path, os.W_OK):
        raise NotPermittedError(
            path,
            f"Tệp “{path}” chỉ cho phép đọc, chương trình không ghi được. Tệp không bị hỏng: hãy bỏ thuộc tính "
            "chỉ đọc (hoặc chép tệp sang thư mục có quyền ghi) rồi mở lại.",
        )
    if folder.exists() and not os.access(folder, os.W_OK):
        raise NotPermittedError(
            path,
            f"Thư mục “{folder}” chỉ cho phép đọc, chương trình không ghi được tệp “{path.name}”. Tệp không bị "
            "hỏng: hãy chép tệp sang thư mục có quyền ghi rồi mở lại.",
        )


def _read_state(conn: sqlite3.Connection, path: Path) -> FileState:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    applied = _applied_names(conn)
    # Our migration rows also count: a flipped byte in the header's marker must not make our file "foreign".
    ours = app_id == APP_ID or bool(applied)
    if not ours:
        if app_id == 0 and objects == 0:
            return FileState(empty=True)
        raise ForeignDatabaseError(
            path,
            f"Tệp “{path}” là tệp SQLite của một chương trình khác, không phải tệp dữ liệu của chương trình "
            "Thi đua – Khen thưởng. Chương trình không mở và không thay đổi tệp này.",
        )
    unknown = applied - known_names()
    if unknown or user_version > schema_version():
        extra = f" (có thay đổi cấu trúc chưa biết: {', '.join(sorted(unknown))})" if unknown else ""
        raise NewerSchemaError(
            path,
            f"Tệp “{path}” được tạo bởi phiên bản mới hơn của chương trình{extra}. "
            "Hãy cập nhật chương trình; tệp không bị thay đổi.",
        )
    return FileState(empty=False, applied=frozenset(applied), user_version=user_version)


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


def describe_sqlite_error(path: Path, exc: sqlite3.Error) -> DatabaseOpenError:
    """The right :class:`DatabaseOpenError` for an SQLite failure while opening ``path``."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary in (_BUSY, _LOCKED) or "locked" in text:
        return DatabaseBusyError(
            path,
            f"Tệp “{path}” đang bị một chương trình khác khóa (ví dụ một công cụ xem SQLite đang mở giao dịch). "
            "Tệp không bị hỏng: hãy đóng chương trình đó rồi mở lại.",
        )
    if primary == _FULL or "full" in text:
        return DiskError(
            path,
            f"Không mở được “{path}”: ổ đĩa đã đầy (database or disk is full). Tệp không bị hỏng: hãy giải phóng "
            "chỗ trống trên ổ đĩa rồi mở lại.",
        )
    if primary == _IOERR or "disk i/o" in text:
        return DiskError(
            path,
            f"Không mở được “{path}”: lỗi đọc/ghi ổ đĩa (disk I/O error), thường do ổ đĩa đầy hoặc ổ USB/mạng bị "
            "ngắt. Tệp không bị hỏng: hãy kiểm tra ổ đĩa rồi mở lại.",
        )
    if primary in (_PERM, _READONLY, _AUTH, _CANTOPEN) or "readonly" in text or "unable to open" in text:
        return NotPermittedError(
            path,
            f"Không có quyền mở hoặc ghi tệp “{path}” (tệp hay thư mục chỉ cho phép đọc). Tệp không bị hỏng: "
            "hãy chép tệp sang thư mục có quyền ghi rồi mở lại.",
        )
    if primary in (_CORRUPT, _NOTADB) or "malformed" in text or "not a database" in text:
        return CorruptDatabaseError(path, f"Tệp cơ sở dữ liệu “{path}” bị hỏng ({exc}).", can_restore=True)
    return DatabaseOpenError(path, f"Không mở được tệp “{path}”: {exc}.")


def describe_os_error(path: Path, exc: OSError) -> DatabaseOpenError:
    """The right :class:`DatabaseOpenError` for a file-system failure while opening ``path``."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DiskError(path, f"Không mở được “{path}”: ổ đĩa đã đầy. Tệp không bị hỏng: hãy giải phóng chỗ trống.")
    if exc.errno == errno.EIO:
        return DiskError(path, f"Không đọc được “{path}”: lỗi đọc/ghi ổ đĩa. Tệp không bị hỏng: hãy kiểm tra ổ đĩa.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return NotPermittedError(
            path, f"Không có quyền mở hoặc ghi tệp “{path}” (chỉ cho phép đọc). Tệp không bị hỏng."
        )
    if exc.errno in (errno.EISDIR, errno.ENOTDIR):
        return NotPermittedError(path, f"“{path}” là một thư mục hoặc đường dẫn sai, không phải tệp dữ liệu.")
    return DatabaseOpenError(path, f"Không mở được tệp “{path}”: {exc.strerror or exc}.")
