"""Office settings as key/value rows, read and written as one :class:`Settings` record."""

from __future__ import annotations

import dataclasses

from sqlite_utils import Database

from tdkt_desktop.db import audit
from tdkt_desktop.db.records import Settings
from tdkt_desktop.text import nfc

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
    """Store every field (text NFC-normalised) in one transaction, with an audit row."""
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
