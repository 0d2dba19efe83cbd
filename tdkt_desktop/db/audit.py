"""Audit log: one row per write, recorded by the db functions inside the same transaction."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database


def record(db: Database, action: str, table: str, row_id: object, summary: str = "") -> None:
    """Append an audit row (time, action, table, id, before/after summary)."""
    db["audit_log"].insert(
        {
            "at": dt.datetime.now().isoformat(timespec="seconds"),
            "action": action,
            "table_name": table,
            "row_id": None if row_id is None else str(row_id),
            "summary": summary,
        }
    )


def update(db: Database, table: str, row_id: object, row: dict) -> None:
    """Save ``row`` over the stored one and log the fields that changed (call inside the write's transaction)."""
    before = db[table].get(row_id)
    db[table].update(row_id, row)
    record(db, "sua", table, row_id, diff_summary(before, row))


def diff_summary(before: dict, after: dict) -> str:
    """'field: old → new; …' for the fields that changed."""
    parts = [
        f"{key}: {before.get(key)!s} → {after.get(key)!s}"
        for key in after
        if before.get(key) != after.get(key)
    ]
    return "; ".join(parts)
