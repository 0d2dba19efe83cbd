"""Migration 0005_campaigns: campaigns, their criteria, units, registrations, progress notes and reviews.

Kept out of migrations.py (which must stay short); imported at its bottom so it registers in order.
"""

from __future__ import annotations

from sqlite_utils import Database

from tdkt_desktop.db.migrations import migrations

_TABLES = [
    # Status is never stored: it follows from the dates, the recorded reviews and closed_on.
    """CREATE TABLE campaigns (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        fold TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'thuong_xuyen' CHECK (kind IN ('thuong_xuyen', 'chuyen_de', 'giai_doan')),
        level TEXT NOT NULL DEFAULT 'co_quan' CHECK (level IN ('co_quan', 'tinh_bo', 'toan_quoc')),
        starts_on TEXT NOT NULL,
        ends_on TEXT NOT NULL,
        doc_kind TEXT NOT NULL DEFAULT 'ke_hoach' CHECK (doc_kind IN ('ke_hoach', 'phat_dong')),
        doc_number TEXT NOT NULL DEFAULT '',
        doc_date TEXT,
        doc_issuer TEXT NOT NULL DEFAULT '',
        goals TEXT NOT NULL DEFAULT '',
        closed_on TEXT,
        note TEXT NOT NULL DEFAULT '',
        CHECK (ends_on >= starts_on)
    )""",
    "CREATE UNIQUE INDEX campaigns_fold ON campaigns(fold)",
    """CREATE TABLE campaign_criteria (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        position INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL,
        done INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX campaign_criteria_campaign ON campaign_criteria(campaign_id, position)",
    """CREATE TABLE campaign_units (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        unit_id INTEGER NOT NULL REFERENCES units(id),
        PRIMARY KEY (campaign_id, unit_id)
    )""",
    # outcome: '' while the result follows from the awards register; 'khong_dat' when the office says so.
    """CREATE TABLE registrations (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        year INTEGER NOT NULL,
        award_type TEXT NOT NULL REFERENCES award_types(code),
        staff_id INTEGER REFERENCES staff(id),
        unit_id INTEGER REFERENCES units(id),
        registered_on TEXT,
        outcome TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'khong_dat')),
        note TEXT NOT NULL DEFAULT '',
        CHECK ((staff_id IS NULL) <> (unit_id IS NULL))
    )""",
    "CREATE UNIQUE INDEX registrations_once_staff ON registrations(campaign_id, year, award_type, staff_id) "
    "WHERE staff_id IS NOT NULL",
    "CREATE UNIQUE INDEX registrations_once_unit ON registrations(campaign_id, year, award_type, unit_id) "
    "WHERE unit_id IS NOT NULL",
    "CREATE INDEX registrations_campaign ON registrations(campaign_id, year)",
    "CREATE INDEX registrations_staff ON registrations(staff_id, year)",
    "CREATE INDEX registrations_unit ON registrations(unit_id, year)",
    """CREATE TABLE campaign_notes (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        noted_on TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX campaign_notes_campaign ON campaign_notes(campaign_id, noted_on)",
    # stored_path is relative to the attachments folder beside the database file.
    """CREATE TABLE campaign_evidence (
        id INTEGER PRIMARY KEY,
        note_id INTEGER NOT NULL REFERENCES campaign_notes(id),
        file_name TEXT NOT NULL,
        stored_path TEXT NOT NULL,
        size INTEGER NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL
    )""",
    "CREATE INDEX campaign_evidence_note ON campaign_evidence(note_id)",
    # A review is planned (planned_on) and later recorded (held_on, texts, results).
    """CREATE TABLE campaign_reviews (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        kind TEXT NOT NULL CHECK (kind IN ('so_ket', 'tong_ket')),
        planned_on TEXT,
        held_on TEXT,
        title TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        shortcomings TEXT NOT NULL DEFAULT '',
        directions TEXT NOT NULL DEFAULT '',
        decision_id INTEGER REFERENCES decisions(id),
        CHECK (planned_on IS NOT NULL OR held_on IS NOT NULL)
    )""",
    "CREATE INDEX campaign_reviews_campaign ON campaign_reviews(campaign_id)",
    # One tổng kết closes a campaign's period; sơ kết may be held several times.
    "CREATE UNIQUE INDEX campaign_reviews_one_tong_ket ON campaign_reviews(campaign_id) WHERE kind = 'tong_ket'",
    """CREATE TABLE review_results (
        id INTEGER PRIMARY KEY,
        review_id INTEGER NOT NULL REFERENCES campaign_reviews(id),
        staff_id INTEGER REFERENCES staff(id),
        unit_id INTEGER REFERENCES units(id),
        result TEXT NOT NULL DEFAULT ''
            CHECK (result IN ('', 'xuat_sac', 'tot', 'hoan_thanh', 'chua_hoan_thanh')),
        rank INTEGER CHECK (rank IS NULL OR rank > 0),
        award_type TEXT REFERENCES award_types(code),
        note TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0,
        CHECK ((staff_id IS NULL) <> (unit_id IS NULL))
    )""",
    "CREATE UNIQUE INDEX review_results_staff ON review_results(review_id, staff_id) WHERE staff_id IS NOT NULL",
    "CREATE UNIQUE INDEX review_results_unit ON review_results(review_id, unit_id) WHERE unit_id IS NOT NULL",
    "CREATE INDEX review_results_staff_id ON review_results(staff_id)",
    "CREATE INDEX decisions_campaign ON decisions(campaign_id)",
]

# decisions.campaign_id predates the campaigns table; SQLite cannot add a foreign key to an existing
# column without rebuilding the table (which awards reference), so triggers enforce the same rule.
_TRIGGERS = [
    """CREATE TRIGGER decisions_campaign_insert BEFORE INSERT ON decisions
       WHEN NEW.campaign_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM campaigns WHERE id = NEW.campaign_id)
       BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed (decisions.campaign_id)'); END""",
    """CREATE TRIGGER decisions_campaign_update BEFORE UPDATE OF campaign_id ON decisions
       WHEN NEW.campaign_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM campaigns WHERE id = NEW.campaign_id)
       BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed (decisions.campaign_id)'); END""",
    """CREATE TRIGGER campaigns_keep_decisions BEFORE DELETE ON campaigns
       WHEN EXISTS (SELECT 1 FROM decisions WHERE campaign_id = OLD.id)
       BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed (decisions.campaign_id)'); END""",
]


@migrations(name="0005_campaigns")
def _campaigns(db: Database) -> None:
    """Campaign tables, the decisions → campaigns link and its index."""
    # One execute per statement: executescript() would COMMIT the migration's transaction.
    for sql in _TABLES + _TRIGGERS:
        db.execute(sql)
    # Decisions saved before this migration may carry a campaign id that never existed.
    db.execute("UPDATE decisions SET campaign_id = NULL WHERE campaign_id IS NOT NULL")
