"""Certificate register (serials, reprints, conflicts leave the DB unchanged), print profiles and options."""

from __future__ import annotations

import pytest

from tdkt_desktop.db import certificates as register
from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db.award_records import CertificateIssue, PrintOptions, PrintProfile
from tdkt_desktop.errors import UserError, ValidationError
from tdkt_desktop.services import certificate_sources as sources
from tdkt_desktop.services import printing


def _snapshot(db):
    return (
        [tuple(r) for r in db.execute("SELECT * FROM certificate_register ORDER BY id").fetchall()],
        [tuple(r) for r in db.execute("SELECT id, certificate_serial, printed_at FROM awards ORDER BY id").fetchall()],
        [tuple(r) for r in db.execute("SELECT * FROM print_profiles ORDER BY id").fetchall()],
    )


def _giay_khen(demo_db):
    decision = printing.find_decision(demo_db, "28/QĐ-SKHCN")
    return decision, sources.certificate_awards(demo_db, decision.id)


def test_migration_is_recorded(db):
    names = {r[0] for r in db.execute("SELECT name FROM _sqlite_migrations").fetchall()}
    assert "0004_certificate_register" in names


def test_first_print_gets_running_serials_then_reprints_keep_them(demo_db):
    decision, awards = _giay_khen(demo_db)
    issues = register.plan_certificates(demo_db, awards)
    assert [i.serial for i in issues[:3]] == ["001/2025", "002/2025", "003/2025"]
    assert not any(i.reprint for i in issues)
    assert demo_db["certificate_register"].count == 0  # planning writes nothing
    register.record_printing(demo_db, issues, mode="overlay", profile_name="Máy in phòng VP")
    first = decisions_db.get_award(demo_db, awards[0].id)
    assert first.certificate_serial == "001/2025" and first.printed_at
    again = register.plan_certificates(demo_db, decisions_db.awards_of_decision(demo_db, decision.id))
    assert again[0] == CertificateIssue(awards[0].id, "001/2025", reprint=True)
    register.record_printing(demo_db, again[:1])
    history = register.register_entries(demo_db, award_id=awards[0].id)
    assert [(e.serial, e.reprint, e.mode) for e in history] == [("001/2025", False, "overlay"), ("001/2025", True, "full")]
    assert history[0].recipient_name == awards[0].recipient_name
    assert history[0].decision_number == "28/QĐ-SKHCN"
    assert register.register_entries(demo_db, serial="001/2025") == history
    assert len(register.register_entries(demo_db, decision_id=decision.id)) == len(awards) + 1
    # Another decision issued the same year continues the year's numbering.
    other = printing.find_decision(demo_db, "14/QĐ-SKHCN")
    plan = register.plan_certificates(demo_db, sources.certificate_awards(demo_db, other.id))
    assert plan[0].serial == f"{len(awards) + 1:03d}/2025"


def test_serial_taken_meanwhile_is_refused_and_nothing_changes(demo_db):
    _, awards = _giay_khen(demo_db)
    stale = register.plan_certificates(demo_db, awards)
    register.record_printing(demo_db, stale[:1])
    before = _snapshot(demo_db)
    with pytest.raises(UserError, match="001/2025"):
        register.record_printing(demo_db, stale)  # the plan is stale: 001/2025 is gone
    assert _snapshot(demo_db) == before


def test_unknown_mode_is_refused(demo_db):
    _, awards = _giay_khen(demo_db)
    with pytest.raises(UserError):
        register.record_printing(demo_db, register.plan_certificates(demo_db, awards), mode="laser")
    assert demo_db["certificate_register"].count == 0


def test_profiles_default_validation_and_save(db):
    assert register.default_profile(db) == PrintProfile(id=None, name="Mặc định", blank_type="a4_ngang", is_default=True)
    before = _snapshot(db)
    with pytest.raises(ValidationError) as err:
        register.save_profile(db, PrintProfile(id=None, name="  ", blank_type="a4_ngang", offset_x_mm=60))
    assert set(err.value.errors) == {"name", "offset_x_mm"}
    assert _snapshot(db) == before
    pid = register.save_profile(db, PrintProfile(id=None, name="Canon LBP", blank_type="a3_ngang",
                                                 offset_x_mm=1.25, offset_y_mm=-2, is_default=True))
    second = register.save_profile(db, PrintProfile(id=None, name="HP", blank_type="a4_ngang", is_default=True))
    assert register.default_profile(db).id == second
    assert [p.name for p in register.list_profiles(db)] == ["HP", "Canon LBP"]
    with pytest.raises(ValidationError, match="Đã có cấu hình"):
        register.save_profile(db, PrintProfile(id=second, name="Canon LBP", blank_type="a4_ngang"))
    saved = next(p for p in register.list_profiles(db) if p.id == pid)
    assert (saved.offset_x_mm, saved.offset_y_mm, saved.is_default) == (1.2, -2.0, False)


def test_print_options_round_trip_nfc(db):
    import unicodedata

    register.save_print_options(db, PrintOptions(
        office_bases=(unicodedata.normalize("NFD", "Quyết định số 08/2018/QĐ-UBND;"), "  "),
        proposer="Chánh Văn phòng Sở"))
    assert register.get_print_options(db) == PrintOptions(("Quyết định số 08/2018/QĐ-UBND",), "Chánh Văn phòng Sở")
    assert db["audit_log"].count_where("table_name = 'print_options'") == 1
