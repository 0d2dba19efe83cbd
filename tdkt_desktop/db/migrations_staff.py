"""Migration 0007_staff_code_key: a staff code is the same code whatever its case and surrounding spaces."""

from __future__ import annotations

from sqlite_utils import Database

from tdkt_desktop.db.migrations import migrations

#: What the triggers say when a write would make a second "CB001" (the form says it first, with the name).
CODE_TAKEN = "Mã cán bộ đã dùng cho người khác (mã không phân biệt chữ hoa, chữ thường)."


@migrations(name="0007_staff_code_key")
def _staff_code_key(db: Database) -> None:
    """Index ``lower(trim(code))``; triggers refuse a new code that only differs in case from another one."""
    # Databases made before this may already hold such pairs ("CB001" and "cb001"): a UNIQUE index would
    # fail the upgrade, so the index is plain, triggers refuse new pairs, and ``check`` lists the old ones.
    db.execute("CREATE INDEX IF NOT EXISTS staff_code_key ON staff(lower(trim(code)))")
    db.execute(
        "CREATE TRIGGER staff_code_key_insert BEFORE INSERT ON staff "
        "WHEN EXISTS (SELECT 1 FROM staff WHERE lower(trim(code)) = lower(trim(new.code))) "
        f"BEGIN SELECT RAISE(ABORT, '{CODE_TAKEN}'); END"
    )
    # Only when the code really changes: people in an old pair can still be edited until it is fixed.
    db.execute(
        "CREATE TRIGGER staff_code_key_update BEFORE UPDATE OF code ON staff "
        "WHEN lower(trim(new.code)) <> lower(trim(old.code)) AND EXISTS "
        "(SELECT 1 FROM staff WHERE lower(trim(code)) = lower(trim(new.code)) AND id <> new.id) "
        f"BEGIN SELECT RAISE(ABORT, '{CODE_TAKEN}'); END"
    )
