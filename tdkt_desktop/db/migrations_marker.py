"""Migration 0009_app_marker: mark the file as this program's with ``PRAGMA application_id``."""

from __future__ import annotations

from sqlite_utils import Database

from tdkt_desktop.db.migrations import migrations

#: ``PRAGMA application_id`` of this program's files: the bytes "TDKT" (0x54444B54 = 1413761876).
APP_ID = 0x54444B54


@migrations(name="0009_app_marker")
def _app_marker(db: Database) -> None:
    # The marker lets a later open tell our file from another program's SQLite file (which has tables
    # and no marker, and is refused rather than migrated). The header field is part of the transaction.
    db.execute(f"PRAGMA application_id = {APP_ID}")
