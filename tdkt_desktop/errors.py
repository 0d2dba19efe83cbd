"""Errors the user can act on, each with a Vietnamese message (the environment's fault or bad input)."""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """Base: ``str(err)`` is a complete Vietnamese sentence to show as it is."""


class DatabaseOpenError(UserError):
    """The database file cannot be opened safely; nothing was written to it."""

    def __init__(self, path: Path | str, message: str, *, can_restore: bool = False):
        super().__init__(message)
        self.path = Path(path)
        self.can_restore = can_restore


class NotSQLiteError(DatabaseOpenError):
    """The file exists but is not an SQLite database."""


class CorruptDatabaseError(DatabaseOpenError):
    """SQLite's integrity check failed."""


class NewerSchemaError(DatabaseOpenError):
    """The file was written by a newer version of the app."""


class DatabaseLockedError(DatabaseOpenError):
    """Another instance has the file open."""


class DatabaseBusyError(DatabaseOpenError):
    """Another program holds an SQLite lock on the file; it is not damaged."""


class DiskError(DatabaseOpenError):
    """The disk is full or cannot be read or written; the file is not damaged."""


class NotPermittedError(DatabaseOpenError):
    """The file or its folder is read-only, or the user may not open it; the file is not damaged."""


class ForeignDatabaseError(DatabaseOpenError):
    """An SQLite file of another program: refused, never migrated."""


class NeedsUpgradeError(DatabaseOpenError):
    """A read-only command met a file whose schema is older than this build."""


class MigrationError(DatabaseOpenError):
    """A schema upgrade failed and was rolled back; the file is as it was."""


class DamagedDataError(DatabaseOpenError):
    """Stored values that do not decode or break the schema's rules; ``problems`` names each place."""

    def __init__(self, path: Path | str, message: str, problems: list, *, can_restore: bool = True):
        super().__init__(path, message, can_restore=can_restore)
        self.problems = list(problems)


class BackupError(UserError):
    """A backup could not be written; no file with a backup's name was left behind."""


class ValidationError(UserError):
    """Input that cannot be saved. ``errors`` maps a field name to its Vietnamese message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("\n".join(errors.values()))
        self.errors = dict(errors)


class NotFoundError(UserError):
    """A record the user referred to does not exist."""


def describe_sqlite_error(exc: Exception) -> str:
    """A Vietnamese sentence for an SQLite failure during a write (the transaction was rolled back)."""
    text = str(exc).lower()
    if "disk is full" in text:  # not just "full": "Could not decode … column 'full_name'" is no disk error
        reason = "ổ đĩa đã đầy"
    elif "locked" in text or "busy" in text:
        reason = "tệp dữ liệu đang bị chương trình khác khóa, hãy thử lại sau ít phút"
    elif "readonly" in text or "read-only" in text:
        reason = "tệp dữ liệu chỉ cho phép đọc"
    elif "malformed" in text or "not a database" in text:
        reason = "tệp dữ liệu bị hỏng, hãy đóng chương trình và mở lại để khôi phục từ bản sao lưu"
    else:
        reason = str(exc)
    return f"Không ghi được dữ liệu: {reason}. Dữ liệu vẫn giữ nguyên như trước thao tác."
