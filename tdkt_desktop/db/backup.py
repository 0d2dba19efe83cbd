"""Rotating backups: each is complete and verified, or it does not exist under a backup's name.

A backup is written under a hidden temporary name, checked with ``quick_check``, synced, and only then
renamed to ``<file name>-<time>-<reason>.sqlite``; a killed or failed backup leaves at most a temporary
file, which the next backup removes. :func:`describe_backup` tells a good backup from a partial, empty,
foreign or newer one, with the counts a person compares before restoring.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from tdkt_desktop import paths
from tdkt_desktop.errors import BackupError, DatabaseOpenError
from tdkt_desktop.safefile import describe_os_error, fsync_dir, fsync_file

#: How many automatic backups to keep per database file.
KEEP = 10
_PART = ".dang-ghi"
_STAMP = re.compile(r"-(\d{8})-(\d{6})(?:-(\d{6}))?-")


@dataclass(frozen=True)
class Counts:
    """What a person recognises their data by."""

    staff: int
    awards: int
    decisions: int

    def text(self) -> str:
        """'61 cán bộ, 372 lượt khen thưởng, 40 quyết định'."""
        return f"{self.staff} cán bộ, {self.awards} lượt khen thưởng, {self.decisions} quyết định"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: when, how big, whether it can be restored (and why not), what it holds."""

    path: Path
    taken_at: dt.datetime
    size: int
    ok: bool
    problem: str = ""
    counts: Counts | None = None

    def when(self) -> str:
        """dd/mm/yyyy HH:MM:SS."""
        return self.taken_at.strftime("%d/%m/%Y %H:%M:%S")

    def status(self) -> str:
        """'tốt', or 'hỏng (why)'."""
        return "tốt" if self.ok else f"hỏng ({self.problem})"


def make_backup(db: Database, db_path: Path | str, *, reason: str = "tu-dong", keep: int = KEEP) -> Path:
    """Copy the live database into its backup folder, verify it, then drop the oldest beyond ``keep``.

    The caller holds the writer lock, so a leftover temporary file can only be from a killed backup.

    Returns:
        The new backup file.

    Raises:
        BackupError: the copy could not be written or verified (no file with a backup's name is left).
    """
    db_path = Path(db_path)
    folder = paths.backup_dir(db_path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.name}-{stamp}-{reason}.sqlite"
    part = folder / f".{target.name}{_PART}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob(f".*{_PART}*"):
            stale.unlink(missing_ok=True)
        _write_verified(db, part)
        fsync_file(part)
        os.replace(part, target)
        with contextlib.suppress(OSError):
            fsync_dir(folder)
    except (OSError, sqlite3.Error) as exc:
        for leftover in folder.glob(f"{part.name}*") if folder.is_dir() else ():
            leftover.unlink(missing_ok=True)
        why = describe_os_error(exc) if isinstance(exc, OSError) else _sqlite_reason(exc)
        raise BackupError(
            f"Không sao lưu được tệp “{db_path.name}” vào “{folder}”: {why}. Không có bản sao lưu dở dang nào "
            "được để lại; dữ liệu đang dùng không bị ảnh hưởng."
        ) from exc
    for old in list_backups(db_path, legacy=False)[keep:]:
        old.unlink(missing_ok=True)
    return target


def _write_verified(db: Database, part: Path) -> None:
    dest = sqlite3.connect(str(part))
    try:
        db.conn.backup(dest)
        # A standalone rollback-journal file: reading or copying it later needs no -wal/-shm.
        dest.execute("PRAGMA journal_mode = DELETE")
        result = dest.execute("PRAGMA quick_check").fetchall()
    finally:
        dest.close()
    if result != [("ok",)]:
        raise sqlite3.DatabaseError(f"bản sao không qua kiểm tra toàn vẹn ({result[0][0]})")


def _sqlite_reason(exc: sqlite3.Error) -> str:
    text = str(exc).lower()
    if "full" in text or "disk i/o" in text:
        return "ổ đĩa đã đầy hoặc lỗi ghi đĩa"
    if "readonly" in text or "unable to open" in text:
        return "không có quyền ghi vào thư mục sao lưu"
    return str(exc)


def list_backups(db_path: Path | str, *, legacy: bool = True) -> list[Path]:
    """Backup files of ``db_path``, newest first (complete ones only: temporary files are not listed).

    ``legacy``: include ``backups/<stem>/`` from older builds when no other database in the folder
    shares that stem (``data.sqlite`` and ``data.db`` cannot tell their old backups apart).
    """
    db_path = Path(db_path)
    folders = [paths.backup_dir(db_path)]
    old = paths.legacy_backup_dir(db_path)
    if legacy and old != folders[0] and not _stem_shared(db_path):
        folders.append(old)
    found = [p for folder in folders if folder.is_dir() for p in folder.glob("*.sqlite") if p.is_file()]
    return sorted(found, key=lambda p: (_taken_at(p), p.name), reverse=True)


def _stem_shared(db_path: Path) -> bool:
    for other in db_path.parent.glob(f"{db_path.stem}.*"):
        # Side files (-wal, .lock, kept copies ".hong-…", ".truoc-khoi-phuc-…") are not other databases.
        if other.name == db_path.name or "-" in other.suffix or other.suffix == ".lock" or not other.is_file():
            continue
        with contextlib.suppress(OSError), open(other, "rb") as fh:
            if fh.read(16) == b"SQLite format 3\x00":
                return True
    return False


def _taken_at(path: Path) -> dt.datetime:
    match = _STAMP.search(path.name)
    if match:
        with contextlib.suppress(ValueError):
            return dt.datetime.strptime(match.group(1) + match.group(2) + (match.group(3) or "0"), "%Y%m%d%H%M%S%f")
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return dt.datetime.min


def read_counts(conn: sqlite3.Connection) -> Counts:
    """Staff, awards and decisions in an open database."""
    values = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("staff", "awards", "decisions")]
    return Counts(*values)


def file_counts(path: Path | str) -> Counts | None:
    """Counts of a database file read without changing it; None when it cannot be read."""
    from tdkt_desktop.db.inspection import can_read_immutable, ro_connect

    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        conn = ro_connect(path, immutable=can_read_immutable(path), timeout=0.5)
        try:
            return read_counts(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def describe_backup(path: Path | str) -> BackupInfo:
    """Check one backup without changing it: size, header, owner, schema version, ``quick_check``, counts."""
    from tdkt_desktop.db.inspection import inspect_file, ro_connect

    path = Path(path)
    taken = _taken_at(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return BackupInfo(path, taken, 0, False, describe_os_error(exc))
    if size == 0:
        return BackupInfo(path, taken, 0, False, "tệp rỗng, 0 byte")
    try:
        state = inspect_file(path, immutable=True)  # nobody writes a backup: no lock, no -wal/-shm
        if state.empty:
            return BackupInfo(path, taken, size, False, "không có dữ liệu")
        conn = ro_connect(path, immutable=True)
        try:
            counts = read_counts(conn)
        finally:
            conn.close()
    except DatabaseOpenError as exc:
        return BackupInfo(path, taken, size, False, _short(exc))
    except sqlite3.Error as exc:
        return BackupInfo(path, taken, size, False, f"không đọc được: {exc}")
    return BackupInfo(path, taken, size, True, counts=counts)


def _short(exc: DatabaseOpenError) -> str:
    from tdkt_desktop.errors import (
        DamagedDataError,
        ForeignDatabaseError,
        NewerSchemaError,
        NotSQLiteError,
    )

    if isinstance(exc, NotSQLiteError):
        return "không phải tệp SQLite"
    if isinstance(exc, ForeignDatabaseError):
        return "tệp của chương trình khác"
    if isinstance(exc, NewerSchemaError):
        return "của phiên bản mới hơn"
    if isinstance(exc, DamagedDataError):
        return "dữ liệu bên trong bị hỏng"
    return "không đầy đủ hoặc bị hỏng"


def backup_infos(db_path: Path | str) -> list[BackupInfo]:
    """Every backup of ``db_path`` with its check, newest first."""
    return [describe_backup(p) for p in list_backups(db_path)]


def newest_good(db_path: Path | str) -> tuple[BackupInfo | None, list[BackupInfo]]:
    """The newest backup that passes every check, and the newer ones skipped on the way (with why)."""
    skipped = []
    for path in list_backups(db_path):
        info = describe_backup(path)
        if info.ok:
            return info, skipped
        skipped.append(info)
    return None, skipped
