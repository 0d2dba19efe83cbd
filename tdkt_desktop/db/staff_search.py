"""Finding people: the diacritic-free quick search and the paged staff list (filter, sort, count in SQL)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from tdkt_desktop.db.migrations_perf import GIVEN_NAME_SQL
from tdkt_desktop.db.records import Staff
from tdkt_desktop.db.staff import STAFF_SELECT, staff_rows
from tdkt_desktop.text import fold, tokens


def has_fts(db: Database) -> bool:
    """Whether the FTS5 index exists (it is skipped on SQLite builds without FTS5)."""
    return db["staff_fts"].exists()


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_staff(db: Database, query: str, *, limit: int = 50) -> list[Staff]:
    """Quick search by name or code, ignoring case, diacritics and đ/Đ; every token is a prefix.

    "dang thi huong", "Đặng Thị Hương", "DANG THI", "ng v a" and a staff code all match.
    """
    words = tokens(query)
    if not words:
        return []
    if has_fts(db):
        # Each token quoted (safe against " - OR : in user input) and used as a prefix.
        match = " ".join(f'"{w}"*' for w in words)
        sql = (
            STAFF_SELECT
            + " JOIN staff_fts f ON f.rowid = s.id WHERE staff_fts MATCH ? "
            "ORDER BY s.active DESC, s.fold LIMIT ?"
        )
        return staff_rows(db, sql, [match, limit])
    # "_" and "%" typed by the user are letters to find, not LIKE wildcards ("ng_yen" is not "nguyen").
    clauses = ["(' ' || s.fold || ' ' || lower(s.code)) LIKE ? ESCAPE '\\'" for _ in words]
    args: list[object] = [f"% {_like_escape(w)}%" for w in words]
    sql = STAFF_SELECT + " WHERE " + " AND ".join(clauses) + " ORDER BY s.active DESC, s.fold LIMIT ?"
    return staff_rows(db, sql, [*args, limit])


# --- the paged list: filter and sort in SQL, one page at a time ---------------------------------------


@dataclass(frozen=True)
class StaffQuery:
    """What the staff table shows: a unit (with its sub-units), typed words, active people only."""

    unit_id: int | None = None
    text: str = ""
    active_only: bool = False


@dataclass(frozen=True)
class StaffFilter:
    """A query turned into SQL once (the unit and position words are looked up here, not per page)."""

    where: str
    args: tuple


#: Sort keys of the staff table → SQL order terms (ascending; blanks first, as the table model sorts).
STAFF_ORDERS = {
    "code": ("s.code",),
    "name": (GIVEN_NAME_SQL.format(fold="s.fold"), "s.fold"),
    "birth": ("coalesce(s.birth_date, '')",),
    "gender": ("s.gender",),
    "position": ("tdkt_fold(s.position)",),
    "unit": ("coalesce(u.fold, '')",),
    "recruited": ("coalesce(s.recruited_on, '')",),
    "status": ("s.active = 0",),
}

_FROM = " FROM staff s LEFT JOIN units u ON u.id = s.unit_id"


def begins_a_word(text: str, token: str) -> bool:
    """Whether a typed word ``token`` begins some word of ``text`` (folded: diacritics and case ignored)."""
    return any(word.startswith(token) for word in tokens(text))


def staff_filter(db: Database, query: StaffQuery) -> StaffFilter:
    """The WHERE clause for ``query``: every typed word must begin a word of the name, code, position or unit.

    Names and codes go through the FTS index (a ``LIKE`` on the stored fold without FTS5); the few
    units and distinct positions are matched here, so the table is never scanned with Python code.
    """
    clauses, args = ["1"], []
    if query.unit_id is not None:
        clauses.append(
            "s.unit_id IN (WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL "
            "SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) SELECT id FROM sub)"
        )
        args.append(query.unit_id)
    if query.active_only:
        clauses.append("s.active = 1")
    words = tokens(query.text)
    if not words:
        return StaffFilter(" WHERE " + " AND ".join(clauses), tuple(args))
    units = db.execute("SELECT id, fold FROM units").fetchall()
    positions = [r[0] for r in db.execute("SELECT DISTINCT position FROM staff").fetchall() if r[0]]
    others = {}
    for word in words:
        unit_ids = [uid for uid, folded in units if begins_a_word(folded, word)]
        matched = [p for p in positions if begins_a_word(p, word)]
        others[word] = (unit_ids, matched)
    # Words only a name or code can match go to the FTS index together, in one MATCH (an AND in C): one
    # short word ("h") on its own would make SQLite build a set of half the register for nothing.
    name_only = [w for w in words if others[w] == ([], [])]
    fts = has_fts(db)
    if name_only and fts:
        clauses.append("s.id IN (SELECT rowid FROM staff_fts WHERE staff_fts MATCH ?)")
        args.append(" ".join(f'"{w}"*' for w in name_only))
    for word in words:
        unit_ids, matched = others[word]
        if word in name_only and fts:
            continue
        if fts and not name_only:
            alternatives = ["s.id IN (SELECT rowid FROM staff_fts WHERE staff_fts MATCH ?)"]
            args.append(f'"{word}"*')
        else:  # no FTS5, or the rows are already narrowed by the MATCH: test the stored fold row by row
            alternatives = ["(' ' || s.fold || ' ' || lower(s.code)) LIKE ? ESCAPE '\\'"]
            args.append("% " + word.replace("_", "\\_") + "%")
        if unit_ids:
            alternatives.append(f"s.unit_id IN ({','.join('?' * len(unit_ids))})")
            args += unit_ids
        if matched:
            alternatives.append(f"s.position IN ({','.join('?' * len(matched))})")
            args += matched
        clauses.append("(" + " OR ".join(alternatives) + ")")
    return StaffFilter(" WHERE " + " AND ".join(clauses), tuple(args))


def _order_terms(db: Database, order: tuple[str, bool] | None) -> tuple[tuple[str, ...], bool]:
    """(SQL terms, descending); the id breaks ties, in the same direction, so every order is total."""
    key, descending = order or ("name", False)
    if key == "position":
        # Registered per call (cheap, idempotent): sorting by position is rare, so is the Python fold it runs.
        db.conn.create_function("tdkt_fold", 1, fold, deterministic=True)
    return (*STAFF_ORDERS[key], "s.id"), descending


def _order_sql(db: Database, order: tuple[str, bool] | None) -> str:
    terms, descending = _order_terms(db, order)
    return " ORDER BY " + ", ".join(term + (" DESC" if descending else "") for term in terms)


def count_staff(db: Database, where: StaffFilter) -> int:
    """How many people the filter keeps."""
    return db.execute("SELECT count(*) FROM staff s" + where.where, where.args).fetchone()[0]


def page_staff(
    db: Database, where: StaffFilter, *, order: tuple[str, bool] | None = None, offset: int = 0, limit: int = 200
) -> list[Staff]:
    """One page of the filtered list in ``order`` ((key of :data:`STAFF_ORDERS`, descending); default by tên)."""
    sql = STAFF_SELECT + where.where + _order_sql(db, order) + " LIMIT ? OFFSET ?"
    return staff_rows(db, sql, [*where.args, limit, offset])


def staff_row(db: Database, where: StaffFilter, staff_id: int, *, order: tuple[str, bool] | None = None) -> int | None:
    """Where ``staff_id`` stands (0-based) in the filtered, ordered list, or None when the filter drops them.

    The people before them are counted (through the order's index where there is one), not the whole
    list numbered: keeping the selection while typing a filter stays cheap on 100,000 people.
    """
    terms, descending = _order_terms(db, order)
    key = db.execute(f"SELECT {', '.join(terms)}" + _FROM + where.where + " AND s.id = ?",
                     [*where.args, staff_id]).fetchone()
    if key is None:
        return None
    before = f"({', '.join(terms)}) {'>' if descending else '<'} ({','.join('?' * len(key))})"
    return db.execute("SELECT count(*)" + _FROM + where.where + " AND " + before, [*where.args, *key]).fetchone()[0]
