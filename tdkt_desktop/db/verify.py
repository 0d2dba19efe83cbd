"""Find stored values that pass ``quick_check`` but cannot be read: bad UTF-8, dates, codes, references.

A flipped byte inside a record or in a table's schema text leaves the page structure valid, so SQLite's
own checks say "ok" while the program later fails with a decoding or lookup error. This scan names every
such place (table, row id, column) so the user is told what is damaged instead of seeing a traceback.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sqlite3
from dataclasses import dataclass

_ENUM = re.compile(r"CHECK\s*\(\s*(\w+)\s+IN\s*\(([^)]*)\)\s*\)", re.IGNORECASE)
_LITERAL = re.compile(r"'((?:[^']|'')*)'")
_DATE_SUFFIXES = ("_on", "_date")
_TIME_NAMES = ("at",)
_TIME_SUFFIXES = ("_at",)


@dataclass(frozen=True)
class Problem:
    """One damaged place: table, row id (None for the table itself), column, and why, in Vietnamese."""

    table: str
    rowid: int | None
    column: str
    reason: str

    def text(self) -> str:
        """One line for a message or the console."""
        where = f"bảng “{self.table}”"
        if self.rowid is not None:
            where += f", dòng {self.rowid}"
        if self.column:
            where += f", cột “{self.column}”"
        return f"{where}: {self.reason}"


def describe(problems: list[Problem], *, limit: int = 12) -> str:
    """The problems as lines, the first ``limit`` of them, then a count of the rest."""
    lines = [f"  • {p.text()}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"  … và {len(problems) - limit} chỗ hỏng khác.")
    return "\n".join(lines)


def scan(conn: sqlite3.Connection, *, compare_schema: bool = True) -> list[Problem]:
    """Every damaged value in ``conn``'s tables, in table order; [] when everything reads back.

    ``compare_schema``: also report tables and columns this build's migrations create but the file
    lacks (a damaged schema text can rename them). Off for a file that still awaits migrations.
    """
    old_factory = conn.text_factory
    conn.text_factory = bytes
    try:
        problems, tables = _scan_schema(conn)
        if compare_schema:
            problems += _compare_schema(conn, tables)
        for name, sql in tables.items():
            problems += _scan_table(conn, name, sql)
        problems += _scan_references(conn, tables)
    finally:
        conn.text_factory = old_factory
    return problems


def _show(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "backslashreplace")
    text = str(value)
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)
    return text if len(text) <= 40 else text[:40] + "…"


def _scan_schema(conn: sqlite3.Connection) -> tuple[list[Problem], dict[str, str]]:
    problems: list[Problem] = []
    tables: dict[str, str] = {}
    virtual: list[str] = []
    for rowid, kind, name, sql in conn.execute("SELECT rowid, type, name, sql FROM sqlite_master"):
        try:
            name_text = name.decode("utf-8") if isinstance(name, bytes) else str(name)
        except UnicodeDecodeError:
            problems.append(Problem("sqlite_master", rowid, "name", "tên trong cấu trúc không đọc được (sai mã UTF-8)"))
            continue
        try:
            sql_text = sql.decode("utf-8") if isinstance(sql, bytes) else (sql or "")
        except UnicodeDecodeError:
            problems.append(Problem(
                "sqlite_master", rowid, "sql", f"văn bản cấu trúc của “{name_text}” không đọc được (sai mã UTF-8)"
            ))
            sql_text = ""  # its rows are still scanned, without the CHECK lists the text would give
        if kind != b"table" or name_text.startswith("sqlite_"):
            continue
        if sql_text.upper().startswith("CREATE VIRTUAL"):
            virtual.append(name_text)
            continue
        tables[name_text] = sql_text
    # FTS5 keeps its index in shadow tables named after the virtual table; they hold binary data.
    for name in [t for t in tables if any(t.startswith(v + "_") for v in virtual)]:
        del tables[name]
    return problems, tables


@functools.lru_cache(maxsize=1)
def _expected_columns() -> dict[str, tuple[str, ...]]:
    from sqlite_utils import Database

    from tdkt_desktop.db.migrations import migrations

    db = Database(memory=True, execute_plugins=False)
    migrations.apply(db)
    expected = {
        t.name: tuple(c.name for c in t.columns)
        for t in db.tables
        if not t.name.startswith("staff_fts") and t.name != "_sqlite_migrations"
    }
    db.close()
    return expected


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]] | None:
    try:
        rows = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
        return [(r[1].decode("utf-8"), (r[2] or b"").decode("utf-8").upper()) for r in rows]
    except (sqlite3.Error, UnicodeDecodeError):
        return None


def _compare_schema(conn: sqlite3.Connection, tables: dict[str, str]) -> list[Problem]:
    problems = []
    for table, columns in _expected_columns().items():
        if table not in tables:
            problems.append(Problem(table, None, "", "thiếu bảng này (văn bản cấu trúc của tệp bị sửa hoặc hỏng)"))
            continue
        actual = {name for name, _ in _columns(conn, table) or []}
        for column in columns:
            if column not in actual:
                problems.append(Problem(table, None, column, "thiếu cột này (cấu trúc của tệp bị sửa hoặc hỏng)"))
    return problems


def _enums(sql: str) -> dict[str, set[str]]:
    return {m.group(1): {v.replace("''", "'") for v in _LITERAL.findall(m.group(2))} for m in _ENUM.finditer(sql)}


def _date_kind(column: str) -> str | None:
    if column.endswith(_DATE_SUFFIXES):
        return "date"
    if column in _TIME_NAMES or column.endswith(_TIME_SUFFIXES):
        return "time"
    return None


def _parses(kind: str, text: str) -> bool:
    try:
        if kind == "date":
            dt.date.fromisoformat(text)
        else:
            dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _scan_table(conn: sqlite3.Connection, table: str, sql: str) -> list[Problem]:
    columns = _columns(conn, table)
    if columns is None:
        return [Problem(table, None, "", "không đọc được danh sách cột (cấu trúc bảng bị hỏng)")]
    enums = _enums(sql)
    names = [name for name, _ in columns]
    numeric = {name for name, decl in columns if "INT" in decl or "REAL" in decl}
    problems: list[Problem] = []
    dates: dict[str, list[Problem]] = {n: [] for n in names if _date_kind(n)}
    filled = dict.fromkeys(dates, 0)
    quoted = ", ".join(f'"{n}"' for n in names)
    try:
        cursor = conn.execute(f'SELECT rowid, {quoted} FROM "{table}"')
    except sqlite3.Error as exc:
        return [Problem(table, None, "", f"không đọc được bảng ({exc})")]
    for rowid, *values in cursor:
        for column, value in zip(names, values, strict=True):
            if value is None:
                continue
            if isinstance(value, bytes):
                try:
                    value = value.decode("utf-8")
                except UnicodeDecodeError:
                    reason = f"chữ không đọc được (sai mã UTF-8): “{_show(value)}”"
                    problems.append(Problem(table, rowid, column, reason))
                    continue
                if column in numeric:
                    problems.append(Problem(table, rowid, column, f"phải là số, đang là “{_show(value)}”"))
                    continue
            if column in enums and str(value) not in enums[column]:
                allowed = ", ".join(sorted(enums[column]))
                problems.append(Problem(table, rowid, column, f"giá trị “{_show(value)}” không thuộc {{{allowed}}}"))
            if column in dates and isinstance(value, str) and value:
                filled[column] += 1
                if not _parses(_date_kind(column) or "date", value):
                    dates[column].append(Problem(table, rowid, column, f"ngày giờ “{_show(value)}” không hợp lệ"))
    for column, bad in dates.items():
        # A "…_on" column that is mostly free text (e.g. "căn cứ") is not a date column.
        if bad and len(bad) * 2 <= filled[column]:
            problems += bad
    return problems


def _scan_references(conn: sqlite3.Connection, tables: dict[str, str]) -> list[Problem]:
    try:
        rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.Error:
        return []
    problems = []
    for table, rowid, parent, fkid in rows:
        table = table.decode("utf-8", "replace") if isinstance(table, bytes) else table
        parent = parent.decode("utf-8", "replace") if isinstance(parent, bytes) else parent
        if table not in tables:
            continue
        column = ""
        for fk in conn.execute(f'PRAGMA foreign_key_list("{table}")'):
            if fk[0] == fkid:
                column = fk[3].decode("utf-8", "replace") if isinstance(fk[3], bytes) else fk[3]
        problems.append(Problem(table, rowid, column, f"trỏ tới một dòng không có trong bảng “{parent}”"))
    return problems
