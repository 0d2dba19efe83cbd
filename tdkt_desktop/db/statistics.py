"""Award statistics: counts by award type and year, individuals vs collectives (computed, never typed)."""

from __future__ import annotations

from sqlite_utils import Database

from tdkt_desktop.db.award_records import AwardCount
from tdkt_desktop.db.catalog import list_award_types

_COUNT_SQL = """
SELECT t.family AS family, t.target AS target, count(*) AS n
FROM awards a JOIN award_types t ON t.code = a.award_type
WHERE a.year BETWEEN ? AND ?
GROUP BY t.family, t.target
"""


def award_counts(
    db: Database, from_year: int, to_year: int, *, include_zero: bool = False
) -> list[AwardCount]:
    """Counts per award family (individual and collective variants together) over the years.

    Rows follow the catalog order: titles first, then forms, highest level first within a kind,
    like the published tables ("Huân chương Lao động hạng Nhì: 1 tập thể + 1 cá nhân").
    """
    counts: dict[tuple[str, str], int] = {
        (r["family"] or "", r["target"]): r["n"] for r in db.query(_COUNT_SQL, [from_year, to_year])
    }
    rows: list[AwardCount] = []
    seen: set[str] = set()
    for award_type in _display_order(db):
        family = award_type.family or award_type.code
        if family in seen:
            continue
        seen.add(family)
        row = AwardCount(
            award_type=family,
            name=_family_name(db, family, award_type),
            kind=award_type.kind,
            ca_nhan=counts.get((family, "ca_nhan"), 0),
            tap_the=counts.get((family, "tap_the"), 0),
        )
        if row.total or (include_zero and award_type.active):
            rows.append(row)
    return rows


_LEVEL_RANK = {"nha_nuoc": 0, "bo_tinh": 1, "co_so": 2}


def _display_order(db: Database):
    types = list_award_types(db, active_only=False)
    return sorted(types, key=lambda t: (t.kind != "danh_hieu", _LEVEL_RANK.get(t.level, 3), t.sort_order))


def _family_name(db: Database, family: str, fallback) -> str:
    rows = list(db["award_types"].rows_where("code = ?", [family], limit=1))
    return rows[0]["name"] if rows else fallback.name


def counts_by_year(db: Database, from_year: int, to_year: int) -> dict[int, dict[str, int]]:
    """year → family → number of awards (individuals plus collectives), for the per-year table."""
    result: dict[int, dict[str, int]] = {y: {} for y in range(from_year, to_year + 1)}
    sql = (
        "SELECT a.year AS year, t.family AS family, count(*) AS n FROM awards a "
        "JOIN award_types t ON t.code = a.award_type WHERE a.year BETWEEN ? AND ? "
        "GROUP BY a.year, t.family"
    )
    for r in db.query(sql, [from_year, to_year]):
        result[r["year"]][r["family"]] = r["n"]
    return result


def total(rows: list[AwardCount]) -> tuple[int, int, int]:
    """(cá nhân, tập thể, tổng) over statistics rows: the headline "N lượt tập thể, cá nhân"."""
    individuals = sum(r.ca_nhan for r in rows)
    collectives = sum(r.tap_the for r in rows)
    return individuals, collectives, individuals + collectives


def year_range(db: Database) -> tuple[int, int] | None:
    """(first, last) year that has any award, or None."""
    row = next(iter(db.query("SELECT min(year) AS lo, max(year) AS hi FROM awards")))
    return (row["lo"], row["hi"]) if row["lo"] is not None else None
