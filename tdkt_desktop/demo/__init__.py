"""Realistic demo database built from the source articles (Sở KH&CN Cao Bằng and its bloc)."""

from __future__ import annotations

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


def ensure_demo_file(path: Path) -> Database:
    """Open ``path``, building the demo into it when it is new or empty.

    Raises:
        NotADemoError: the file already holds a database that is not a demo.
    """
    from tdkt_desktop.db.connection import open_database

    db = open_database(path)
    if is_demo(db):
        return db
    if db["staff"].count or db["units"].count or db["decisions"].count:
        db.close()
        raise NotADemoError(
            f"Tệp “{path}” đã có dữ liệu thật, không phải dữ liệu mẫu; chương trình không ghi đè. "
            "Hãy chọn một tệp khác cho dữ liệu mẫu."
        )
    build_demo(db)
    return db
