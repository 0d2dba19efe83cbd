"""Office settings as key/value rows, read and written as one :class:`Settings` record."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlite_utils import Database

from tdkt_desktop.db import audit
from tdkt_desktop.db.records import Settings
from tdkt_desktop.errors import ValidationError
from tdkt_desktop.text import nfc
from tdkt_desktop.vocabulary import OFFICE_LEVELS, is_record_year

_BOOL_FIELDS = {"is_demo"}


def get_settings(db: Database) -> Settings:
    """The office settings, with defaults for keys never saved."""
    stored = {row["key"]: row["value"] for row in db["settings"].rows}
    values: dict[str, object] = {}
    for f in dataclasses.fields(Settings):
        if f.name in stored:
            raw = stored[f.name]
            values[f.name] = raw == "1" if f.name in _BOOL_FIELDS else raw
    return Settings(**values)


def save_settings(db: Database, settings: Settings) -> None:
    """Store every field (text NFC-normalised) in one transaction, with an audit row.

    Raises:
        ValidationError: an unknown office level.
    """
    if settings.office_level not in OFFICE_LEVELS:
        raise ValidationError({"office_level": f"Cấp cơ quan “{settings.office_level}” không hợp lệ."})
    before = dataclasses.asdict(get_settings(db))
    after = {}
    for key, value in dataclasses.asdict(settings).items():
        after[key] = ("1" if value else "0") if key in _BOOL_FIELDS else nfc(str(value))
    with db.atomic():
        db["settings"].upsert_all(
            [{"key": k, "value": v} for k, v in after.items()], pk="key"
        )
        shown = {k: (("1" if v else "0") if k in _BOOL_FIELDS else v) for k, v in before.items()}
        audit.record(db, "sua", "settings", None, audit.diff_summary(shown, after))


def default_working_year(today: dt.date | None = None) -> int:
    """The year an officer is most likely working on: the current year from October (when the yearly
    review starts), the previous year before that (its decisions are still being made)."""
    today = today or dt.date.today()
    return today.year if today.month >= 10 else today.year - 1


def working_year(db: Database, today: dt.date | None = None) -> int:
    """The working year shared by the review, council, ratings, register and statistics pages."""
    row = db.execute("SELECT value FROM settings WHERE key = 'working_year'").fetchone()
    if row and str(row[0]).isdigit():
        return int(row[0])
    return default_working_year(today)


def set_working_year(db: Database, year: int) -> None:
    """Remember the working year chosen on any page (one transaction, with its audit row).

    Raises:
        ValidationError: a year outside 1945 … next year.
    """
    if not is_record_year(year):
        raise ValidationError({"working_year": f"Năm làm việc “{year}” không hợp lệ."})
    with db.atomic():
        db["settings"].upsert({"key": "working_year", "value": str(year)}, pk="key")
        audit.record(db, "sua", "settings", "working_year", f"năm làm việc: {year}")
