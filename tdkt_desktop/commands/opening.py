"""How commands open the database: readers never create, migrate or write; writers take the writer lock."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database


def db_path(args: argparse.Namespace) -> Path:
    """The file the command works on: ``--db`` or the user's real database."""
    from tdkt_desktop import paths

    return Path(args.db) if args.db else paths.database_path()


@contextlib.contextmanager
def reading(args: argparse.Namespace, *, allow_older: bool = False, defer_check: bool = False) -> Iterator[Database]:
    """The database opened read-only (``mode=ro``); a missing file or one that needs a migration is refused.

    ``defer_check``: a file as a clean, checked session left it is checked beside the command, which
    calls ``db.verified()`` before it prints or writes anything (see ``open_readonly``).
    """
    from tdkt_desktop.db.connection import open_readonly

    db = open_readonly(db_path(args), allow_older=allow_older, defer_check=defer_check)
    try:
        yield db
    finally:
        db.close()


@contextlib.contextmanager
def writing(args: argparse.Namespace, *, create: bool = False, integrity: bool = True) -> Iterator[Database]:
    """The database opened for writing under the same single-writer lock as the window.

    ``create``: a missing file is created (``import`` into a new office); otherwise it is refused.
    ``integrity=False``: the caller runs the integrity check itself before its first write (see
    :func:`~tdkt_desktop.db.connection.open_database`).

    Raises:
        DatabaseLockedError: the window (or another writing command) has the file open.
    """
    from tdkt_desktop.db.connection import open_database
    from tdkt_desktop.db.lock import DatabaseLock
    from tdkt_desktop.errors import NotFoundError

    path = db_path(args)
    if not create and not path.exists():
        raise NotFoundError(f"Không có tệp cơ sở dữ liệu “{path}”.")
    with DatabaseLock(path):
        db = open_database(path, integrity=integrity)
        try:
            yield db
        finally:
            db.close()
