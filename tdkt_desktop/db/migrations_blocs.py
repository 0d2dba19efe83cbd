"""Migration 0006_blocs: emulation blocs (khối thi đua), kept out of migrations.py so that file stays small.

Member organisations get their own table rather than rows of ``units``: they exist only inside a
bloc, carry a contact person and phone per bloc, and one of them may be "our office"; as ``units``
rows they would appear in the staff tree, the award choosers and the import's unit matching,
where a bloc member named "Sở Nội vụ" would silently match an award line of the office's own data.
"""

from __future__ import annotations

from sqlite_utils import Database

from tdkt_desktop.db.migrations import migrations


@migrations(name="0006_blocs")
def _blocs(db: Database) -> None:
    """Blocs, members, yearly head/deputy, pacts, meetings, attendance, criteria, scores, ballots."""
    # vote_rules: JSON {ballot kind: pass rule} overriding resources/blocs/vote_rules.json.
    db.execute(
        """CREATE TABLE blocs (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            fold TEXT NOT NULL UNIQUE,
            level TEXT NOT NULL DEFAULT 'tinh' CHECK (level IN ('tinh', 'bo', 'trung_uong')),
            governing_body TEXT NOT NULL DEFAULT '',
            council TEXT NOT NULL DEFAULT '',
            place_name TEXT NOT NULL DEFAULT '',
            regulation TEXT NOT NULL DEFAULT '',
            vote_rules TEXT NOT NULL DEFAULT '{}',
            note TEXT NOT NULL DEFAULT '',
            sort_order INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1
        )"""
    )
    db.execute(
        """CREATE TABLE bloc_members (
            id INTEGER PRIMARY KEY,
            bloc_id INTEGER NOT NULL REFERENCES blocs(id),
            name TEXT NOT NULL,
            fold TEXT NOT NULL,
            short_name TEXT NOT NULL DEFAULT '',
            contact_person TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            is_self INTEGER NOT NULL DEFAULT 0,
            sort_order INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1,
            UNIQUE (bloc_id, fold)
        )"""
    )
    # "Our office" is at most one member of a bloc.
    db.execute("CREATE UNIQUE INDEX bloc_members_self ON bloc_members(bloc_id) WHERE is_self = 1")
    # One head and at most one deputy per bloc-year (DOMAIN §9.3), never the same member.
    db.execute(
        """CREATE TABLE bloc_years (
            bloc_id INTEGER NOT NULL REFERENCES blocs(id),
            year INTEGER NOT NULL,
            head_id INTEGER REFERENCES bloc_members(id),
            deputy_id INTEGER REFERENCES bloc_members(id),
            theme TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (bloc_id, year),
            CHECK (head_id IS NULL OR deputy_id IS NULL OR head_id <> deputy_id)
        )"""
    )
    db.execute(
        """CREATE TABLE bloc_pacts (
            id INTEGER PRIMARY KEY,
            bloc_id INTEGER NOT NULL REFERENCES blocs(id),
            year INTEGER NOT NULL,
            title TEXT NOT NULL,
            signed_on TEXT,
            place TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (bloc_id, year)
        )"""
    )
    db.execute(
        """CREATE TABLE bloc_pact_items (
            pact_id INTEGER NOT NULL REFERENCES bloc_pacts(id),
            position INTEGER NOT NULL,
            content TEXT NOT NULL,
            PRIMARY KEY (pact_id, position)
        )"""
    )
    db.execute(
        """CREATE TABLE bloc_pact_signers (
            pact_id INTEGER NOT NULL REFERENCES bloc_pacts(id),
            member_id INTEGER NOT NULL REFERENCES bloc_members(id),
            signer_name TEXT NOT NULL DEFAULT '',
            signer_title TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (pact_id, member_id)
        )"""
    )
    db.execute(
        """CREATE TABLE bloc_meetings (
            id INTEGER PRIMARY KEY,
            bloc_id INTEGER NOT NULL REFERENCES blocs(id),
            year INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('ky_giao_uoc', 'so_ket', 'tong_ket', 'chuyen_de', 'khac')),
            held_on TEXT NOT NULL,
            place TEXT NOT NULL DEFAULT '',
            host_id INTEGER REFERENCES bloc_members(id),
            chair TEXT NOT NULL DEFAULT '',
            secretary TEXT NOT NULL DEFAULT '',
            guests TEXT NOT NULL DEFAULT '',
            agenda TEXT NOT NULL DEFAULT '',
            conclusions TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX bloc_meetings_year ON bloc_meetings(bloc_id, year, held_on)")
    db.execute(
        """CREATE TABLE bloc_attendance (
            meeting_id INTEGER NOT NULL REFERENCES bloc_meetings(id),
            member_id INTEGER NOT NULL REFERENCES bloc_members(id),
            present INTEGER NOT NULL DEFAULT 1,
            representative TEXT NOT NULL DEFAULT '',
            position TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (meeting_id, member_id)
        )"""
    )
    db.execute(
        """CREATE TABLE bloc_criteria (
            id INTEGER PRIMARY KEY,
            bloc_id INTEGER NOT NULL REFERENCES blocs(id),
            year INTEGER NOT NULL,
            code TEXT NOT NULL,
            fold_code TEXT NOT NULL,
            content TEXT NOT NULL,
            max_points TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'tieu_chi' CHECK (kind IN ('tieu_chi', 'cong', 'tru')),
            position INTEGER NOT NULL DEFAULT 0,
            UNIQUE (bloc_id, year, fold_code)
        )"""
    )
    # Points are stored as decimal text ('9.75'): exact, so equal totals stay equal.
    db.execute(
        """CREATE TABLE bloc_scores (
            criterion_id INTEGER NOT NULL REFERENCES bloc_criteria(id),
            member_id INTEGER NOT NULL REFERENCES bloc_members(id),
            self_score TEXT,
            agreed_score TEXT,
            PRIMARY KEY (criterion_id, member_id)
        )"""
    )
    # rule: JSON snapshot of the pass rule when the round was opened (a later regulation edit
    # never changes a past result).
    db.execute(
        """CREATE TABLE bloc_vote_rounds (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES bloc_meetings(id),
            kind TEXT NOT NULL
                CHECK (kind IN ('co_chinh_phu', 'co_bo_tinh', 'bang_khen', 'khoi_truong', 'khoi_pho', 'khac')),
            round_no INTEGER NOT NULL DEFAULT 1,
            title TEXT NOT NULL DEFAULT '',
            secret INTEGER NOT NULL DEFAULT 1,
            max_choices INTEGER NOT NULL DEFAULT 1 CHECK (max_choices >= 1),
            rule TEXT NOT NULL,
            ballots_counted INTEGER CHECK (ballots_counted >= 0),
            ballots_valid INTEGER CHECK (ballots_valid >= 0),
            ballots_invalid INTEGER CHECK (ballots_invalid >= 0),
            status TEXT NOT NULL DEFAULT 'mo' CHECK (status IN ('mo', 'ket_thuc')),
            UNIQUE (meeting_id, kind, round_no)
        )"""
    )
    # A member receives at most one ballot per round: in the room, or a written one when absent.
    db.execute(
        """CREATE TABLE bloc_round_voters (
            round_id INTEGER NOT NULL REFERENCES bloc_vote_rounds(id),
            member_id INTEGER NOT NULL REFERENCES bloc_members(id),
            mode TEXT NOT NULL DEFAULT 'truc_tiep' CHECK (mode IN ('truc_tiep', 'van_ban')),
            PRIMARY KEY (round_id, member_id)
        )"""
    )
    db.execute(
        """CREATE TABLE bloc_votes (
            round_id INTEGER NOT NULL REFERENCES bloc_vote_rounds(id),
            member_id INTEGER NOT NULL REFERENCES bloc_members(id),
            votes INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
            position INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (round_id, member_id)
        )"""
    )
