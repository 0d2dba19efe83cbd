"""Realistic demo database built from the source articles (Sở KH&CN Cao Bằng and its bloc)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from sqlite_utils import Database

from tdkt_desktop.db import settings as settings_db
from tdkt_desktop.errors import UserError


class NotADemoError(UserError):
    """The target file holds real data; the demo never overwrites it."""


def build_demo(db: Database) -> None:
    """Fill an empty database with the demo office; one transaction per part.

    Each later feature adds its part here (awards, campaigns, blocs ...).
    """
    from tdkt_desktop.demo import awards, blocs, campaigns, office, review

    for part in (office, awards, review, blocs, campaigns):
        part.build(db)


def is_demo(db: Database) -> bool:
    """Whether this database was built by :func:`build_demo`."""
    return settings_db.get_settings(db).is_demo


def _is_complete_demo(db: Database) -> bool:
    # Builds before the demo was one unit of work could be killed after the office part: a demo
    # with staff and no awards is such a half file and is rebuilt, never reported as done.
    return is_demo(db) and db["awards"].count > 0


def ensure_demo_file(path: Path | str) -> Database:
    """Open ``path``, building the demo into it when it is new, empty or a half-built demo.

    The demo is built in a temporary file beside ``path`` and renamed over it only when complete,
    under the same single-writer lock as the window: a killed build leaves no half demo behind.

    Raises:
        NotADemoError: the file already holds a database that is not a demo.
        DatabaseOpenError: the file is damaged, foreign, newer, locked or not writable.
    """
    from tdkt_desktop.db.connection import open_database
    from tdkt_desktop.db.lock import DatabaseLock

    path = Path(path)
    with DatabaseLock(path):
        for stale in path.parent.glob(f".{path.name}.*.tao-mau.tmp*"):  # from a killed build
            stale.unlink(missing_ok=True)
        if path.exists() and path.stat().st_size > 0:
            db = open_database(path)
            if _is_complete_demo(db):
                return db
            has_data = db["staff"].count or db["units"].count or db["decisions"].count
            if has_data and not is_demo(db):
                db.close()
                raise NotADemoError(
                    f"Tệp “{path}” đã có dữ liệu thật, không phải dữ liệu mẫu; chương trình không ghi đè. "
                    "Hãy chọn một tệp khác cho dữ liệu mẫu."
                )
            db.close()
        _build_into(path)
        return open_database(path)


def _build_into(path: Path) -> None:
    """Build the whole demo in a temporary file, then rename it over ``path`` in one step."""
    from tdkt_desktop.db.connection import open_database
    from tdkt_desktop.safefile import atomic_path

    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path, "tao-mau") as tmp:
        tmp.unlink()  # mkstemp made an empty file; the database is created fresh under that name
        try:
            db = open_database(tmp)
            try:
                build_demo(db)
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                db.close()  # the last connection folds the WAL into the file and removes it
        finally:
            for suffix in ("-wal", "-shm"):
                Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        # The replaced file (an empty or half-built demo) takes its side files with it.
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{path}{suffix}")
