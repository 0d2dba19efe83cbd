"""The awards register read a page at a time: filter, sort, count and totals in SQL (Sổ khen thưởng)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlite_utils import Database

from tdkt_desktop.db.award_records import Award
from tdkt_desktop.db.decisions import _AWARD_SELECT, _row_to_award
from tdkt_desktop.db.staff_search import begins_a_word, has_fts
from tdkt_desktop.text import fold, tokens


@dataclass(frozen=True)
class AwardQuery:
    """What the register shows: any of year, award type, unit (its own awards and its staff's), decision,
    campaign (the awards of decisions made for it), and typed words that must each begin a word of the
    recipient, staff code, award, decision number, unit or issuer."""

    year: int | None = None
    award_type: str | None = None
    unit_id: int | None = None
    decision_id: int | None = None
    campaign_id: int | None = None
    text: str = ""


@dataclass(frozen=True)
class AwardFilter:
    """A query turned into a WHERE clause over ``awards a`` alone (no join), computed once per query."""

    where: str
    args: tuple


def _marks(values: list) -> str:
    return ",".join("?" * len(values))


def award_filter(db: Database, query: AwardQuery) -> AwardFilter:
    """The WHERE clause for ``query``. Names and codes go through the staff FTS index; the few award types,
    decisions and units are matched here, so no row of the register is ever folded in Python."""
    clauses, args = ["1"], []
    for column, value in (("a.year", query.year), ("a.award_type", query.award_type),
                          ("a.decision_id", query.decision_id)):
        if value is not None:
            clauses.append(f"{column} = ?")
            args.append(value)
    if query.unit_id is not None:
        clauses.append("(a.unit_id = ? OR a.staff_id IN (SELECT id FROM staff WHERE unit_id = ?))")
        args += [query.unit_id, query.unit_id]
    if query.campaign_id is not None:
        clauses.append("a.decision_id IN (SELECT id FROM decisions WHERE campaign_id = ?)")
        args.append(query.campaign_id)
    words = tokens(query.text)
    if not words:
        return AwardFilter(" WHERE " + " AND ".join(clauses), tuple(args))
    types = db.execute("SELECT code, name FROM award_types").fetchall()
    decisions = db.execute("SELECT id, number || ' ' || issuer FROM decisions").fetchall()
    units = db.execute("SELECT id, fold FROM units").fetchall()
    fts = has_fts(db)
    others = {
        w: ([c for c, name in types if begins_a_word(name, w)], [i for i, text in decisions if begins_a_word(text, w)],
            [i for i, folded in units if begins_a_word(folded, w)])
        for w in words
    }
    # Words only a person's name or code can match are one FTS MATCH (an AND in C), as for the staff list.
    name_only = [w for w in words if others[w] == ([], [], [])] if fts else []
    if name_only:
        clauses.append("a.staff_id IN (SELECT rowid FROM staff_fts WHERE staff_fts MATCH ?)")
        args.append(" ".join(f'"{w}"*' for w in name_only))
    for word in words:
        if word in name_only:
            continue
        if fts:
            people = "a.staff_id IN (SELECT rowid FROM staff_fts WHERE staff_fts MATCH ?)"
            args.append(f'"{word}"*')
        else:
            people = "a.staff_id IN (SELECT id FROM staff WHERE (' ' || fold || ' ' || lower(code)) LIKE ? ESCAPE '\\')"
            args.append("% " + word.replace("_", "\\_") + "%")
        alternatives = [people]
        type_codes, decision_ids, unit_ids = others[word]
        for matched, sql in ((type_codes, "a.award_type IN ({})"), (decision_ids, "a.decision_id IN ({})")):
            if matched:
                alternatives.append(sql.format(_marks(matched)))
                args += matched
        if unit_ids:
            marks = _marks(unit_ids)
            alternatives.append(
                f"(a.unit_id IN ({marks}) OR a.staff_id IN (SELECT id FROM staff WHERE unit_id IN ({marks})))"
            )
            args += unit_ids + unit_ids
        clauses.append("(" + " OR ".join(alternatives) + ")")
    return AwardFilter(" WHERE " + " AND ".join(clauses), tuple(args))


#: Sort keys of the register → (joins needed, SQL terms); blanks first ascending, as the table model sorts.
_J_DECISION = " JOIN decisions d ON d.id = a.decision_id"
_J_TYPE = " JOIN award_types t ON t.code = a.award_type"
_J_STAFF = " LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN units u ON u.id = a.unit_id"
_J_UNIT = _J_STAFF + " LEFT JOIN units su ON su.id = s.unit_id"
AWARD_ORDERS = {
    "year": ("", ("a.year",)),
    "award": (_J_TYPE, ("tdkt_fold(t.name)",)),
    "kind": (_J_TYPE, ("t.kind",)),
    "recipient": (_J_STAFF, ("coalesce(s.fold, u.fold, '')",)),
    "code": (_J_STAFF, ("coalesce(s.code, '')",)),
    "unit": (_J_UNIT, ("coalesce(su.fold, u.fold, '')",)),
    "number": (_J_DECISION, ("tdkt_fold(d.number)",)),
    "date": (_J_DECISION, ("d.issued_on",)),
    "issuer": (_J_DECISION, ("tdkt_fold(d.issuer)",)),
}
_DEFAULT_ORDER = (_J_DECISION, "a.year DESC, d.issued_on DESC, a.decision_id DESC, a.position, a.id")
# Few distinct award names, numbers and issuers: folding each once keeps a sort by them in C speed.
_cached_fold = lru_cache(maxsize=4096)(fold)


def _order(db: Database, order: tuple[str, bool] | None) -> tuple[str, str]:
    """(joins, ORDER BY terms) for a sort key and direction; None is the register's usual order."""
    if order is None:
        return _DEFAULT_ORDER
    joins, keys = AWARD_ORDERS[order[0]]
    db.conn.create_function("tdkt_fold", 1, _cached_fold, deterministic=True)
    return joins, ", ".join(k + (" DESC" if order[1] else "") for k in keys) + ", a.id"


def count_awards(db: Database, where: AwardFilter) -> int:
    """How many award lines the filter keeps."""
    return db.execute("SELECT count(*) FROM awards a" + where.where, where.args).fetchone()[0]


def page_awards(
    db: Database, where: AwardFilter, *, order: tuple[str, bool] | None = None, offset: int = 0, limit: int = 200
) -> list[Award]:
    """One page of the register: the ids are chosen with only the joins the order needs, then read in full."""
    joins, terms = _order(db, order)
    ids = [r[0] for r in db.execute(
        "SELECT a.id FROM awards a" + joins + where.where + " ORDER BY " + terms + " LIMIT ? OFFSET ?",
        [*where.args, limit, offset],
    ).fetchall()]
    if not ids:
        return []
    rows = {r["id"]: _row_to_award(r) for r in db.query(_AWARD_SELECT + f" WHERE a.id IN ({_marks(ids)})", ids)}
    return [rows[i] for i in ids if i in rows]


def award_position(
    db: Database, where: AwardFilter, award_id: int, *, order: tuple[str, bool] | None = None
) -> int | None:
    """Where an award line stands (0-based) in the filtered, ordered register, or None."""
    joins, terms = _order(db, order)
    row = db.execute(
        f"SELECT n FROM (SELECT a.id, row_number() OVER (ORDER BY {terms}) - 1 AS n FROM awards a{joins}"
        f"{where.where}) WHERE id = ?", [*where.args, award_id],
    ).fetchone()
    return row[0] if row else None


def award_totals(db: Database, where: AwardFilter) -> list[tuple[str, int, int]]:
    """(award name, lines, of which individuals) per award type the filter keeps, most frequent first."""
    # Grouped by year first, SQLite walks the (year, award_type) index in its order and counts; grouped by
    # type alone it sorts every line in a temporary tree (0.44 s instead of 0.07 s for all years at 100,000
    # staff). Each line is an individual's or a collective's (a CHECK rule), and collectives are few: they are
    # counted through their own index and subtracted.
    counts = db.execute(
        "SELECT a.award_type, count(*) FROM awards a" + where.where + " GROUP BY a.year, a.award_type", where.args,
    ).fetchall()
    collective = dict(db.execute(
        "SELECT a.award_type, count(*) FROM awards a" + where.where + " AND a.unit_id IS NOT NULL"
        " GROUP BY a.award_type", where.args,
    ).fetchall())
    names = dict(db.execute("SELECT code, name FROM award_types").fetchall())
    by_name: dict[str, list[int]] = {}
    for code, n in counts:  # the individual and collective forms of one name count together
        total = by_name.setdefault(names.get(code, code), [0, 0])
        total[0] += n
        total[1] += n
    for code, n in collective.items():
        by_name[names.get(code, code)][1] -= n
    return sorted(((name, n, i) for name, (n, i) in by_name.items()), key=lambda t: (-t[1], fold(t[0])))
