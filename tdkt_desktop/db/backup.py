"""Rotating backups through SQLite's online backup API, and restoring one without overwriting."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from tdkt_desktop import paths

#: How many automatic backups to keep per database file.
KEEP = 10


def make_backup(db: Database, db_path: Path | str, *, reason: str = "tu-dong", keep: int = KEEP) -> Path:
    """Copy the live database into the backup folder and drop the oldest beyond ``keep``.

    Returns:
        The new backup file.
    """
    db_path = Path(db_path)
    folder = paths.backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite"
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    for old in list_backups(db_path)[keep:]:
        old.unlink(missing_ok=True)
    return target


def list_backups(db_path: Path | str) -> list[Path]:
    """Backups of ``db_path``, newest first."""
    folder = paths.backup_dir(Path(db_path))
    if not folder.exists():
        return []
    return sorted(folder.glob("*.sqlite"), key=lambda p: p.name, reverse=True)


def restore_latest(db_path: Path | str) -> tuple[Path, Path]:
    """Replace a damaged ``db_path`` with its newest backup; the damaged file is kept aside.

    Returns:
        (backup used, where the damaged file was moved).

    Raises:
        FileNotFoundError: there is no backup (message in Vietnamese).
    """
    db_path = Path(db_path)
    backups = list_backups(db_path)
    if not backups:
        raise FileNotFoundError(f"Không có bản sao lưu nào của “{db_path}”.")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    damaged = db_path.with_name(f"{db_path.name}.hong-{stamp}")
    db_path.rename(damaged)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            side.rename(damaged.with_name(damaged.name + suffix))
    shutil.copy2(backups[0], db_path)
    return backups[0], damaged
