"""Schema migrations (sqlite-utils ``Migrations``); never edit one that has been applied."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("tdkt_desktop")


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE units (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            fold TEXT NOT NULL,
            short_name TEXT NOT NULL DEFAULT '',
            parent_id INTEGER REFERENCES units(id),
            kind TEXT NOT NULL DEFAULT 'noi_bo' CHECK (kind IN ('noi_bo', 'ben_ngoai')),
            sort_order INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1
        )"""
    )
    # The same name may appear under different parents, never twice under one parent.
    db.execute("CREATE UNIQUE INDEX units_parent_fold ON units(coalesce(parent_id, 0), fold)")
    db.execute(
        """CREATE TABLE staff (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            full_name TEXT NOT NULL,
            fold TEXT NOT NULL,
            birth_date TEXT,
            gender TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'Nam', 'Nữ')),
            position TEXT NOT NULL DEFAULT '',
            unit_id INTEGER REFERENCES units(id),
            recruited_on TEXT,
            active INTEGER NOT NULL DEFAULT 1,
            note TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX staff_unit ON staff(unit_id)")
    db.execute("CREATE INDEX staff_fold ON staff(fold)")
    db.execute(
        """CREATE TABLE ratings (
            id INTEGER PRIMARY KEY,
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            year INTEGER NOT NULL,
            rating TEXT NOT NULL CHECK (rating IN ('HTXS', 'HTT', 'HT', 'KHT')),
            discipline TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (staff_id, year)
        )"""
    )
    db.execute(
        """CREATE TABLE initiatives (
            id INTEGER PRIMARY KEY,
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            year INTEGER NOT NULL,
            title TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'sang_kien' CHECK (kind IN ('sang_kien', 'de_tai')),
            scope TEXT NOT NULL CHECK (scope IN ('co_so', 'bo_tinh', 'toan_quoc')),
            proof_ref TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX initiatives_staff ON initiatives(staff_id, year)")
    db.execute(
        """CREATE TABLE award_types (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            short_name TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL CHECK (kind IN ('danh_hieu', 'hinh_thuc')),
            target TEXT NOT NULL CHECK (target IN ('ca_nhan', 'tap_the')),
            level TEXT NOT NULL DEFAULT '',
            authority TEXT NOT NULL DEFAULT '',
            certificate_kind TEXT NOT NULL DEFAULT '',
            sort_order INTEGER NOT NULL DEFAULT 0,
            builtin INTEGER NOT NULL DEFAULT 1,
            active INTEGER NOT NULL DEFAULT 1
        )"""
    )
    db.execute(
        """CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL,
            issued_on TEXT NOT NULL,
            year INTEGER NOT NULL,
            issuer TEXT NOT NULL,
            signer_name TEXT NOT NULL DEFAULT '',
            signer_title TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'hang_nam',
            campaign_id INTEGER,
            summary TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT ''
        )"""
    )
    # "A decision number is unique per issuer and year."
    db.execute("CREATE UNIQUE INDEX decisions_number ON decisions(issuer, year, number)")
    db.execute(
        """CREATE TABLE awards (
            id INTEGER PRIMARY KEY,
            decision_id INTEGER NOT NULL REFERENCES decisions(id),
            award_type TEXT NOT NULL REFERENCES award_types(code),
            staff_id INTEGER REFERENCES staff(id),
            unit_id INTEGER REFERENCES units(id),
            year INTEGER NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            amount INTEGER,
            position INTEGER NOT NULL DEFAULT 0,
            certificate_serial TEXT,
            printed_at TEXT,
            CHECK ((staff_id IS NULL) <> (unit_id IS NULL))
        )"""
    )
    db.execute("CREATE INDEX awards_decision ON awards(decision_id, position)")
    db.execute("CREATE INDEX awards_year ON awards(year, award_type)")
    # The same person (or unit) cannot get the same title twice in one year.
    db.execute(
        "CREATE UNIQUE INDEX awards_once_staff ON awards(staff_id, award_type, year) "
        "WHERE staff_id IS NOT NULL"
    )
    db.execute(
        "CREATE UNIQUE INDEX awards_once_unit ON awards(unit_id, award_type, year) "
        "WHERE unit_id IS NOT NULL"
    )
    db.execute(
        """CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            table_name TEXT NOT NULL,
            row_id TEXT,
            summary TEXT NOT NULL DEFAULT ''
        )"""
    )
    if _has_fts5(db):
        db.execute(
            "CREATE VIRTUAL TABLE staff_fts USING fts5(fold, code, content='staff', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
        )
        # One execute per trigger: executescript() would COMMIT the migration's transaction.
        db.execute(
            "CREATE TRIGGER staff_ai AFTER INSERT ON staff BEGIN "
            "INSERT INTO staff_fts(rowid, fold, code) VALUES (new.id, new.fold, lower(new.code)); END"
        )
        db.execute(
            "CREATE TRIGGER staff_ad AFTER DELETE ON staff BEGIN "
            "INSERT INTO staff_fts(staff_fts, rowid, fold, code) "
            "VALUES ('delete', old.id, old.fold, lower(old.code)); END"
        )
        db.execute(
            "CREATE TRIGGER staff_au AFTER UPDATE ON staff BEGIN "
            "INSERT INTO staff_fts(staff_fts, rowid, fold, code) "
            "VALUES ('delete', old.id, old.fold, lower(old.code)); "
            "INSERT INTO staff_fts(rowid, fold, code) VALUES (new.id, new.fold, lower(new.code)); END"
        )


def _has_fts5(db: Database) -> bool:
    options = {row[0] for row in db.execute("PRAGMA compile_options").fetchall()}
    return "ENABLE_FTS5" in options


def known_names() -> set[str]:
    """Names of every migration this build knows (to detect a newer database)."""
    return {m.name for m in migrations._migrations}


@migrations(name="0002_award_catalog")
def _award_catalog(db: Database) -> None:
    """Seed the award catalog from resources/award_catalog.json (titles and forms, DOMAIN §4–§6)."""
    import json

    from tdkt_desktop import paths

    # family groups the individual and collective variants of one form for statistics;
    # aliases ("|"-separated) let imports accept the usual spellings and abbreviations.
    db.execute("ALTER TABLE award_types ADD COLUMN family TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE award_types ADD COLUMN aliases TEXT NOT NULL DEFAULT ''")
    db.execute("CREATE INDEX awards_staff ON awards(staff_id, year)")
    db.execute("CREATE INDEX awards_unit ON awards(unit_id, year)")
    catalog = json.loads(paths.resource_path("award_catalog.json").read_text(encoding="utf-8"))
    for item in catalog["award_types"]:
        db.execute(
            "INSERT INTO award_types (code, name, short_name, kind, target, level, authority, "
            "certificate_kind, sort_order, builtin, active, family, aliases) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
            [
                item["code"],
                item["name"],
                item["short_name"],
                item["kind"],
                item["target"],
                item["level"],
                item["authority"],
                item["certificate_kind"],
                item["sort_order"],
                int(item.get("active", True)),
                item.get("family") or item["code"],
                "|".join(item.get("aliases", [])),
            ],
        )



@migrations(name="0004_certificate_register")
def _certificate_register(db: Database) -> None:
    """Certificate register (serial per printed certificate, reprints logged) and print profiles."""
    db.execute(
        """CREATE TABLE certificate_register (
            id INTEGER PRIMARY KEY,
            award_id INTEGER NOT NULL REFERENCES awards(id),
            serial TEXT NOT NULL,
            year INTEGER NOT NULL,
            seq INTEGER,
            printed_at TEXT NOT NULL,
            reprint INTEGER NOT NULL DEFAULT 0,
            mode TEXT NOT NULL DEFAULT 'full' CHECK (mode IN ('full', 'overlay')),
            profile_name TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX certificate_register_award ON certificate_register(award_id)")
    # A running number is handed out once per year; reprints reuse the award's serial.
    db.execute(
        "CREATE UNIQUE INDEX certificate_register_seq ON certificate_register(year, seq) "
        "WHERE reprint = 0 AND seq IS NOT NULL"
    )
    db.execute(
        """CREATE TABLE print_profiles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            blank_type TEXT NOT NULL,
            offset_x_mm REAL NOT NULL DEFAULT 0,
            offset_y_mm REAL NOT NULL DEFAULT 0,
            printer_name TEXT NOT NULL DEFAULT '',
            is_default INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE TABLE print_options (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@migrations(name="0003_review_council")
def _review_council(db: Database) -> None:
    """Yearly review: office rule-set copies, unit ratings, proposals, council members/meetings/votes."""
    db.execute(
        """CREATE TABLE office_rulesets (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            based_on TEXT NOT NULL DEFAULT '',
            effective_from TEXT NOT NULL,
            data TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL
        )"""
    )
    # leads_bloc: NULL while the bloc (khối) result is unknown, then 1/0 (Cờ thi đua).
    db.execute(
        """CREATE TABLE unit_ratings (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            year INTEGER NOT NULL,
            rating TEXT NOT NULL CHECK (rating IN ('HTXS', 'HTT', 'HT', 'KHT')),
            leads_bloc INTEGER,
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (unit_id, year)
        )"""
    )
    db.execute(
        """CREATE TABLE proposals (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL,
            award_type TEXT NOT NULL REFERENCES award_types(code),
            staff_id INTEGER REFERENCES staff(id),
            unit_id INTEGER REFERENCES units(id),
            status TEXT NOT NULL DEFAULT 'de_nghi'
                CHECK (status IN ('de_nghi', 'dat', 'khong_dat', 'da_quyet_dinh', 'trinh_cap_tren')),
            decision_id INTEGER REFERENCES decisions(id),
            note TEXT NOT NULL DEFAULT '',
            CHECK ((staff_id IS NULL) <> (unit_id IS NULL))
        )"""
    )
    db.execute(
        "CREATE UNIQUE INDEX proposals_once_staff ON proposals(year, award_type, staff_id) "
        "WHERE staff_id IS NOT NULL"
    )
    db.execute(
        "CREATE UNIQUE INDEX proposals_once_unit ON proposals(year, award_type, unit_id) "
        "WHERE unit_id IS NOT NULL"
    )
    db.execute(
        """CREATE TABLE council_members (
            id INTEGER PRIMARY KEY,
            full_name TEXT NOT NULL,
            fold TEXT NOT NULL,
            role TEXT NOT NULL
                CHECK (role IN ('chu_tich', 'pho_chu_tich', 'uy_vien_thuong_truc', 'uy_vien', 'thu_ky')),
            position TEXT NOT NULL DEFAULT '',
            staff_id INTEGER REFERENCES staff(id),
            sort_order INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1
        )"""
    )
    db.execute(
        """CREATE TABLE council_meetings (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL,
            held_on TEXT NOT NULL,
            place TEXT NOT NULL DEFAULT '',
            secret_ballot INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'dang_hop' CHECK (status IN ('dang_hop', 'ket_thuc')),
            note TEXT NOT NULL DEFAULT ''
        )"""
    )
    # Attendance rows are the meeting's snapshot of the membership (total = rows of the meeting).
    db.execute(
        """CREATE TABLE council_attendance (
            meeting_id INTEGER NOT NULL REFERENCES council_meetings(id),
            member_id INTEGER NOT NULL REFERENCES council_members(id),
            present INTEGER NOT NULL DEFAULT 1,
            written_opinion INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (meeting_id, member_id)
        )"""
    )
    db.execute(
        """CREATE TABLE council_votes (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES council_meetings(id),
            proposal_id INTEGER NOT NULL REFERENCES proposals(id),
            votes_for INTEGER NOT NULL DEFAULT 0 CHECK (votes_for >= 0),
            votes_against INTEGER NOT NULL DEFAULT 0 CHECK (votes_against >= 0),
            votes_invalid INTEGER NOT NULL DEFAULT 0 CHECK (votes_invalid >= 0),
            UNIQUE (meeting_id, proposal_id)
        )"""
    )


# Later migrations live in their own modules, registered on the same ``migrations`` object in number
# order (the file would pass 400 lines); keep these imports last.
from tdkt_desktop.db import (  # noqa: E402
    migrations_blocs,  # noqa: F401
    migrations_campaigns,  # noqa: F401
    migrations_marker,  # noqa: F401
    migrations_perf,  # noqa: F401
    migrations_review,  # noqa: F401
    migrations_staff,  # noqa: F401
)
