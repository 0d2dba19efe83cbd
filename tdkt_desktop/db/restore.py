"""Restore a backup without ever making things worse than they were.

The live file is not renamed, truncated or deleted until the replacement is completely written, synced
and verified in a temporary file beside it. Then the live file is kept under another name (a hard link,
so it costs no space) and the replacement takes its place in one atomic rename. Any failure before that
rename leaves the live file exactly as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tdkt_desktop.db.backup import BackupInfo, describe_backup, newest_good
from tdkt_desktop.errors import (
    CorruptDatabaseError,
    DamagedDataError,
    DatabaseBusyError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotSQLiteError,
    UserError,
)
from tdkt_desktop.safefile import copy_synced, describe_os_error, fsync_dir, temp_beside


@dataclass(frozen=True)
class RestoreResult:
    """The backup used, where the replaced file was kept (None if there was none), what was skipped."""

    used: BackupInfo
    kept: Path | None
    skipped: tuple[BackupInfo, ...] = ()


def choose_backup(db_path: Path | str, source: Path | str | None = None) -> tuple[BackupInfo, list[BackupInfo]]:
    """The backup a restore would use: ``source`` if given (it must be good), else the newest good one.

    Raises:
        UserError: no usable backup (the message lists what was skipped and why).
    """
    if source is not None:
        info = describe_backup(source)
        if not info.ok:
            raise UserError(f"Không khôi phục được từ “{info.path}”: bản sao lưu {info.status()}.")
        return info, []
    info, skipped = newest_good(db_path)
    if info is None:
        notes = "".join(f"\n  • {s.path.name}: {s.status()}" for s in skipped)
        raise UserError(f"Không có bản sao lưu tốt nào của “{db_path}”.{notes}")
    return info, skipped


def skipped_note(skipped: list[BackupInfo] | tuple[BackupInfo, ...], *, names: bool = True) -> str:
    """A Vietnamese note on newer backups that were passed over (``names``: with their file names)."""
    if not skipped:
        return ""
    lines = "".join(f"\n  • {s.when()}{f' ({s.path.name})' if names else ''}: {s.status()}" for s in skipped)
    return f"Đã bỏ qua {len(skipped)} bản sao lưu mới hơn nhưng không dùng được:{lines}"


def restore(db_path: Path | str, source: Path | str | None = None) -> RestoreResult:
    """Replace ``db_path`` with a verified backup; the replaced file is kept beside it.

    The caller holds the writer lock (the window before opening, or the ``restore`` command).

    Raises:
        UserError: no usable backup, the copy failed (disk full …) or did not verify; the live file is
            unchanged in every case.
    """
    db_path = Path(db_path)
    check_replaceable(db_path)
    info, skipped = choose_backup(db_path, source)
    _refuse_if_busy(db_path)
    tmp = _verified_copy(info, db_path)
    try:
        kept = _swap(tmp, db_path)
    finally:
        tmp.unlink(missing_ok=True)
    return RestoreResult(info, kept, tuple(skipped))


def check_replaceable(db_path: Path) -> None:
    """Another program's file, or one from a newer build, is never replaced; damage is what restore is for."""
    from tdkt_desktop.db.inspection import can_read_immutable, inspect_file

    if not db_path.is_file():
        return
    try:
        inspect_file(db_path, immutable=can_read_immutable(db_path))
    except (CorruptDatabaseError, NotSQLiteError, DamagedDataError, DatabaseBusyError):
        pass  # damage is restored; a lock is reported by the check that follows
    except (ForeignDatabaseError, NewerSchemaError):
        raise


def _refuse_if_busy(db_path: Path) -> None:
    """Another program holding the live file's lock would keep writing to the replaced file: refuse instead.

    Only reads (``mode=ro``; immutable WAL files are skipped, they have no writer), so the check itself
    never changes the live file or creates anything beside it.
    """
    from tdkt_desktop.db.inspection import can_read_immutable, ro_connect

    if not db_path.is_file() or can_read_immutable(db_path):
        return
    try:
        conn = ro_connect(db_path, timeout=0.5)
    except sqlite3.Error:
        return
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise DatabaseBusyError(
                db_path,
                f"Tệp “{db_path}” đang bị một chương trình khác khóa; chưa khôi phục gì. Hãy đóng chương trình đó "
                "rồi thử lại.",
            ) from exc
    except sqlite3.DatabaseError:
        pass  # a damaged file: nothing else can be using it meaningfully
    finally:
        conn.close()


def _verified_copy(info: BackupInfo, db_path: Path) -> Path:
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = temp_beside(db_path, "khoi-phuc")
    except OSError as exc:
        raise UserError(f"Không khôi phục được: {describe_os_error(exc)}. Tệp hiện tại không bị thay đổi.") from exc
    try:
        copy_synced(info.path, tmp)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(
            f"Không chép được bản sao lưu vào cạnh tệp dữ liệu: {describe_os_error(exc)}. Tệp hiện tại không bị "
            "thay đổi."
        ) from exc
    check = describe_backup(tmp)
    if not check.ok or check.counts != info.counts:
        tmp.unlink(missing_ok=True)
        raise UserError(
            f"Bản chép của bản sao lưu không khớp khi kiểm tra lại ({check.status()}). Tệp hiện tại không bị thay đổi."
        )
    return tmp


def _swap(tmp: Path, db_path: Path) -> Path | None:
    """Keep the live file (and its WAL) under a new name, then rename ``tmp`` over it."""
    kept = None
    if db_path.exists():
        kept = _kept_name(db_path)
        _keep(db_path, kept)
    moved: list[tuple[Path, Path]] = []
    try:
        if kept is not None:
            # The old WAL belongs to the kept file; beside the restored one SQLite would replay it into it.
            for suffix in ("-wal", "-shm"):
                side, aside = Path(f"{db_path}{suffix}"), Path(f"{kept}{suffix}")
                if side.exists():
                    os.replace(side, aside)
                    moved.append((side, aside))
        os.replace(tmp, db_path)
    except OSError as exc:
        for original, aside in reversed(moved):  # put the live file's WAL back: it is its data
            with contextlib.suppress(OSError):
                os.replace(aside, original)
        if kept is not None:
            kept.unlink(missing_ok=True)  # a link to (or copy of) the live file, which is untouched
        raise UserError(
            f"Không thay được tệp dữ liệu bằng bản sao lưu: {describe_os_error(exc)}. Tệp hiện tại không bị thay đổi."
        ) from exc
    with contextlib.suppress(OSError):
        fsync_dir(db_path.parent)
    return kept


def _kept_name(db_path: Path) -> Path:
    """A name no earlier restore used: two restores in one second must not overwrite the first kept file."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = db_path.with_name(f"{db_path.name}.truoc-khoi-phuc-{stamp}")
    n = 1
    while kept.exists() or Path(f"{kept}-wal").exists():
        n += 1
        kept = db_path.with_name(f"{db_path.name}.truoc-khoi-phuc-{stamp}-{n}")
    return kept


def _keep(db_path: Path, kept: Path) -> None:
    """A second name for the live file: a hard link (no space, no copy), else a synced copy."""
    try:
        os.link(db_path, kept)
        return
    except OSError:
        pass  # FAT drives and some shares have no hard links
    tmp = None
    try:
        tmp = temp_beside(kept, "giu-lai")
        copy_synced(db_path, tmp)
        os.replace(tmp, kept)
    except OSError as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise UserError(
            f"Không giữ lại được tệp hiện tại trước khi khôi phục: {describe_os_error(exc)}. Chưa khôi phục gì; "
            "tệp hiện tại không bị thay đổi."
        ) from exc
