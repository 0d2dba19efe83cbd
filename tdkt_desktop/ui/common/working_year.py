"""The working year shared by the review, council, ratings, register and statistics pages.

Chosen on any of them, remembered in the settings (``db.settings.working_year``); the write announces
``changes.WORKING_YEAR`` so the other pages follow when next shown.
"""

from __future__ import annotations

from sqlite_utils import Database

from tdkt_desktop.db import settings as settings_db
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.changes import WriteFailed


def current(db: Database) -> int:
    """The working year (the saved one, else the default for today's date)."""
    return settings_db.working_year(db)


def choose(window, db: Database, year: int) -> bool:
    """Make ``year`` the working year; False when it could not be saved (the user has seen why)."""
    if year == current(db):
        return True
    try:
        window.run_write(lambda: settings_db.set_working_year(db, year), changes.WORKING_YEAR)
    except WriteFailed:
        return False
    return True


def show_in(spin, db: Database) -> None:
    """Put the working year in a year box without announcing a change."""
    spin.blockSignals(True)
    spin.setValue(current(db))
    spin.blockSignals(False)
