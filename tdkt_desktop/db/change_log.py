"""Which people, units and proposals the writes of this session touched: a log the database keeps itself.

Why: the review keeps a year's verdicts and must re-evaluate exactly the people a write changed (a
rating, an award, an initiative, a move to another unit), whichever screen or import made it. TEMP
triggers on this connection write one row per changed record into ``temp.change_log``; a reader
remembers the last log id it has seen (``position``) and asks what changed since (``since``).

Contract: the triggers exist only on the connection ``watch`` was called on (the window's writer;
TEMP objects are per connection and never reach the file), they are part of every write's own
transaction (a rolled-back write leaves no row), and only row-level writes are seen: a restore
that replaces the whole file is announced by the window as ``changes.ALL`` instead.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from sqlite_utils import Database

#: table → what its log rows hold: (row id, staff id, unit id) as expressions over the NEW or OLD row ``{r}``
_WATCHED = {
    "ratings": ("{r}.id", "{r}.staff_id", "NULL"),
    "initiatives": ("{r}.id", "{r}.staff_id", "NULL"),
    "awards": ("{r}.decision_id", "{r}.staff_id", "{r}.unit_id"),
    "staff": ("{r}.id", "{r}.id", "{r}.unit_id"),  # the unit the person is in (joined, left)
    "units": ("{r}.id", "NULL", "{r}.id"),
    "unit_ratings": ("{r}.id", "NULL", "{r}.unit_id"),
    "proposals": ("{r}.id", "{r}.staff_id", "{r}.unit_id"),
    "council_votes": ("{r}.proposal_id", "NULL", "NULL"),
    "council_attendance": ("{r}.meeting_id", "NULL", "NULL"),
    "council_meetings": ("{r}.id", "NULL", "NULL"),
    "council_members": ("{r}.id", "NULL", "NULL"),
    "office_rulesets": ("{r}.id", "NULL", "NULL"),
    "settings": ("NULL", "NULL", "NULL"),
    "award_types": ("NULL", "NULL", "NULL"),
}
#: Past this many rows the log is cleared; readers behind it are told to reload everything.
_LIMIT = 200_000


@dataclass(frozen=True)
class Changes:
    """What changed after a log position: ids per table; ``everything`` when the log cannot say."""

    position: int
    tables: frozenset[str] = frozenset()
    staff_ids: frozenset[int] = frozenset()
    unit_ids: frozenset[int] = frozenset()
    #: units renamed, moved or switched off: every member's row shows the unit's name
    units_changed: frozenset[int] = frozenset()
    #: proposal ids written (proposals, and the proposals of votes)
    proposal_ids: frozenset[int] = frozenset()
    decision_ids: frozenset[int] = frozenset()
    everything: bool = False
    rows: int = field(default=0, compare=False)

    def __bool__(self) -> bool:
        return self.everything or bool(self.tables)


def watch(db: Database) -> int:
    """Start logging on this connection (idempotent); returns the current position."""
    conn = db.conn
    # AUTOINCREMENT: positions never go back, even after the log is trimmed
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS change_log (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                 "tbl TEXT NOT NULL, row_id INTEGER, staff_id INTEGER, unit_id INTEGER)")
    existing = {r[0] for r in conn.execute("SELECT name FROM sqlite_temp_master WHERE type = 'trigger'")}
    tables = {r[0] for r in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")}
    for table, columns in _WATCHED.items():
        if table not in tables:
            continue
        for event, sides in (("INSERT", ("NEW",)), ("DELETE", ("OLD",)), ("UPDATE", ("NEW", "OLD"))):
            name = f"change_log_{table}_{event.lower()}"
            if name not in existing:
                body = " ".join(
                    f"INSERT INTO change_log (tbl, row_id, staff_id, unit_id) VALUES ('{table}', "
                    + ", ".join(c.format(r=side) for c in columns) + ");"
                    for side in sides
                )
                conn.execute(f"CREATE TEMP TRIGGER {name} AFTER {event} ON main.{table} BEGIN {body} END")
    if "decisions" in tables and "change_log_decisions_update" not in existing:
        # A decision's number and date are shown in its awards' verdicts: log each awardee.
        conn.execute(
            "CREATE TEMP TRIGGER change_log_decisions_update AFTER UPDATE ON main.decisions BEGIN "
            "INSERT INTO change_log (tbl, row_id, staff_id, unit_id) "
            "SELECT 'decisions', NEW.id, staff_id, unit_id FROM awards WHERE decision_id = NEW.id; END"
        )
    return position(db)


def watching(db: Database) -> bool:
    """Whether this connection logs changes (a reopened connection does not)."""
    return bool(db.conn.execute(
        "SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = 'change_log'").fetchone())


def position(db: Database) -> int:
    """The id of the last logged change (0 when none)."""
    return db.conn.execute("SELECT coalesce(max(id), 0) FROM temp.change_log").fetchone()[0]


def since(db: Database, after: int) -> Changes:
    """Everything logged after position ``after``.

    ``everything`` is set when the log cannot say: this connection does not log (reopened), or the
    log was trimmed past ``after``.
    """
    conn = db.conn
    try:
        first = conn.execute("SELECT min(id) FROM temp.change_log").fetchone()[0]
        rows = conn.execute(
            "SELECT id, tbl, row_id, staff_id, unit_id FROM temp.change_log WHERE id > ? ORDER BY id", [after]
        ).fetchall()
    except sqlite3.OperationalError:  # no log on this connection
        return Changes(position=after, everything=True)
    end = rows[-1][0] if rows else after
    if first is not None and first > after + 1:
        return Changes(position=end, everything=True)
    found: dict[str, set] = {"tables": set(), "staff": set(), "units": set(), "moved": set(), "proposals": set(),
                             "decisions": set()}
    for _id, table, row_id, staff_id, unit_id in rows:
        found["tables"].add(table)
        if table in ("proposals", "council_votes"):
            found["proposals"].add(row_id)  # a proposal's subject changes no verdict
            continue
        if staff_id is not None:
            found["staff"].add(staff_id)
        if unit_id is not None:
            found["units"].add(unit_id)  # for a person: the unit joined or left
        if table == "units":
            found["moved"].add(row_id)
        elif table == "decisions":
            found["decisions"].add(row_id)
    return Changes(
        position=end, tables=frozenset(found["tables"]), staff_ids=frozenset(found["staff"]),
        unit_ids=frozenset(found["units"]), units_changed=frozenset(found["moved"]),
        proposal_ids=frozenset(found["proposals"]), decision_ids=frozenset(found["decisions"]), rows=len(rows),
    )


def trim(db: Database) -> None:
    """Keep the log small: past ``_LIMIT`` rows only the last is kept (readers behind it reload everything)."""
    count = db.conn.execute("SELECT count(*) FROM temp.change_log").fetchone()[0]
    if count > _LIMIT:
        with db.atomic():
            db.conn.execute("DELETE FROM temp.change_log WHERE id < (SELECT max(id) FROM temp.change_log)")
