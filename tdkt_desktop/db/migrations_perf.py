"""Migration 0011_staff_list_indexes: indexes the lazy staff list pages and filters by."""

from __future__ import annotations

from sqlite_utils import Database

from tdkt_desktop.db.migrations import migrations

#: The staff list's default order (Vietnamese lists sort by tên, the last word, then the whole name):
#: the last word of ``fold`` with built-in functions only, so an index can hold it and every connection
#: (the sqlite3 shell included) can use it. Kept here as the one spelling db/staff.py orders by.
GIVEN_NAME_SQL = "substr({fold}, length(rtrim({fold}, replace({fold}, ' ', ''))) + 1)"


@migrations(name="0011_staff_list_indexes")
def _staff_list_indexes(db: Database) -> None:
    """Indexes for the lazy staff list: its first page by given name, and the filter's position lookup."""
    # IF NOT EXISTS: a file from before the renumbering already holds them under 0005_staff_list_indexes.
    db.execute(f"CREATE INDEX IF NOT EXISTS staff_given ON staff({GIVEN_NAME_SQL.format(fold='fold')}, fold)")
    db.execute("CREATE INDEX IF NOT EXISTS staff_position ON staff(position)")
