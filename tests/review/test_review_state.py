"""The year's verdicts kept between loads: the change log names what a write touched; only that is judged again."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from tdkt_desktop.db import change_log, decisions, ratings, review
from tdkt_desktop.db.award_records import Award, Decision, Rating, UnitRating
from tdkt_desktop.rules.engine import Engine
from tdkt_desktop.rules.model import DECIDED
from tdkt_desktop.services import review_state
from tdkt_desktop.services.eligibility import evaluate_year, stream_year

YEAR = 2026


def _judged(db, year=YEAR) -> review_state.YearState:
    """A complete state of ``year``, judged in small chunks (as the window's worker does)."""
    state = review_state.start(db, year, change_log.watch(db))
    queue = list(state.roster.members)

    def next_chunk():
        chunk = queue[:7]
        del queue[:7]
        return chunk

    return review_state.evaluate_all(db, state, next_chunk, lambda people, verdicts: None, lambda: False)


def _person_in_a_unit(db) -> tuple[int, int]:
    return db.execute("SELECT id, unit_id FROM staff WHERE active = 1 AND unit_id IS NOT NULL ORDER BY id "
                      "LIMIT 1").fetchone()


@pytest.fixture
def counted(monkeypatch):
    """Who the engine judges: people and units, in order."""
    seen = {"people": [], "units": []}
    person, units = Engine.evaluate_person, Engine.evaluate_units

    def evaluate_person(self, p, year):
        seen["people"].append(p.id)
        return person(self, p, year)

    def evaluate_units(self, some, people, year, verdicts=None):
        some = list(some)
        seen["units"] += [u.id for u in some]
        return units(self, some, people, year, verdicts)

    monkeypatch.setattr(Engine, "evaluate_person", evaluate_person)
    monkeypatch.setattr(Engine, "evaluate_units", evaluate_units)
    return seen


def _assert_same_as_a_whole_evaluation(db, state):
    whole = evaluate_year(db, state.year)
    assert list(state.result.people) == list(whole.people)  # name order, as a whole load gives
    assert state.result.person_verdicts == whole.person_verdicts
    assert state.result.unit_verdicts == whole.unit_verdicts


def test_a_rating_change_judges_that_person_and_their_unit_again_and_nobody_else(demo_db, counted):
    state = _judged(demo_db)
    assert sorted(counted["people"]) == sorted(m.id for m in state.roster.members)
    person, unit = _person_in_a_unit(demo_db)
    old = state.result.person_verdicts[person]["lao_dong_tien_tien"]
    ratings.set_rating(demo_db, Rating(None, person, YEAR, "KHT"))

    found = change_log.since(demo_db, state.position)
    staff, units = review_state.touched(state, found)
    assert (staff, units) == ({person}, {unit})
    counted["people"].clear()
    counted["units"].clear()
    new, rows_changed = review_state.update(demo_db, state, staff, units, found.position)
    assert counted["people"] == [person] and counted["units"] == [unit]
    assert not rows_changed and new.position == found.position
    assert old.eligible and not new.result.person_verdicts[person]["lao_dong_tien_tien"].eligible
    assert new.member(person).rating == "KHT"
    _assert_same_as_a_whole_evaluation(demo_db, new)
    assert state.result.person_verdicts[person]["lao_dong_tien_tien"] == old  # the old state is never changed


def test_a_move_to_another_unit_judges_both_units(demo_db, counted):
    state = _judged(demo_db)
    person, unit = _person_in_a_unit(demo_db)
    other = demo_db.execute("SELECT id FROM units WHERE kind = 'noi_bo' AND id != ? ORDER BY id LIMIT 1",
                            [unit]).fetchone()[0]
    with demo_db.atomic():
        demo_db["staff"].update(person, {"unit_id": other})
    found = change_log.since(demo_db, state.position)
    staff, units = review_state.touched(state, found)
    assert staff == {person} and units == {unit, other}
    counted["units"].clear()
    new, _rows = review_state.update(demo_db, state, staff, units, found.position)
    assert sorted(counted["units"]) == sorted({unit, other})
    assert new.member(person).unit_id == other
    _assert_same_as_a_whole_evaluation(demo_db, new)


def test_an_award_decision_makes_the_verdict_decided(demo_db):
    state = _judged(demo_db)
    person, _unit = _person_in_a_unit(demo_db)
    decision = Decision(None, "9001/QĐ-SKHCN", dt.date(YEAR, 11, 20), "Sở Khoa học và Công nghệ", year=YEAR)
    decisions.add_decision(demo_db, decision, [Award(None, None, "lao_dong_tien_tien", staff_id=person, year=YEAR)])
    found = change_log.since(demo_db, state.position)
    new, _rows = review_state.update(demo_db, state, *review_state.touched(state, found), found.position)
    verdict = new.result.person_verdicts[person]["lao_dong_tien_tien"]
    assert verdict.status == DECIDED and verdict.decision.number == "9001/QĐ-SKHCN"
    # Renumbering the decision reaches the verdict through its awardees.
    with demo_db.atomic():
        demo_db.execute("UPDATE decisions SET number = '9002/QĐ-SKHCN' WHERE number = '9001/QĐ-SKHCN'")
    again = change_log.since(demo_db, new.position)
    assert person in again.staff_ids
    newer, _rows = review_state.update(demo_db, new, *review_state.touched(new, again), again.position)
    assert newer.result.person_verdicts[person]["lao_dong_tien_tien"].decision.number == "9002/QĐ-SKHCN"


def test_new_and_departed_people_change_the_rows(demo_db):
    state = _judged(demo_db)
    person, _unit = _person_in_a_unit(demo_db)
    with demo_db.atomic():
        demo_db["staff"].update(person, {"active": 0})
        demo_db.execute("DELETE FROM ratings WHERE staff_id = ? AND year = ?", [person, YEAR])
    found = change_log.since(demo_db, state.position)
    new, rows_changed = review_state.update(demo_db, state, *review_state.touched(state, found), found.position)
    assert rows_changed and new.member(person) is None and person not in new.result.person_verdicts
    _assert_same_as_a_whole_evaluation(demo_db, new)


def test_the_change_log_contract(demo_db):
    start = change_log.watch(demo_db)
    assert change_log.watch(demo_db) == start  # idempotent
    person, unit = _person_in_a_unit(demo_db)
    with pytest.raises(RuntimeError), demo_db.atomic():
        ratings.set_rating(demo_db, Rating(None, person, YEAR, "HT"))
        raise RuntimeError("rolled back")
    assert not change_log.since(demo_db, start)  # a rolled-back write leaves nothing
    proposal = review.propose(demo_db, YEAR, "lao_dong_tien_tien", staff_id=person)
    found = change_log.since(demo_db, start)
    assert found.tables == {"proposals"} and found.proposal_ids == {proposal} and not found.staff_ids
    review.set_unit_ratings(demo_db, [UnitRating(unit_id=unit, year=YEAR, rating="HTXS")])
    assert change_log.since(demo_db, found.position).unit_ids == {unit}
    assert not demo_db.conn.in_transaction  # reading the log never leaves a transaction open
    change_log._LIMIT, limit = 1, change_log._LIMIT
    try:
        change_log.trim(demo_db)
        assert change_log.since(demo_db, start).everything  # behind a trimmed log: reload everything
    finally:
        change_log._LIMIT = limit


def test_another_connection_has_no_log(tmp_path, demo_db):
    from tdkt_desktop.db.connection import open_database

    path = tmp_path / "office.sqlite"
    demo_db.execute(f"VACUUM INTO '{path}'")
    first = open_database(path)
    change_log.watch(first)
    second = open_database(path)
    try:
        assert change_log.since(second, 0).everything and not change_log.watching(second)
    finally:
        first.close()
        second.close()


def test_streaming_gives_the_verdicts_of_a_whole_evaluation_in_its_order(demo_db):
    whole = evaluate_year(demo_db, YEAR).all_verdicts()
    assert list(stream_year(demo_db, YEAR, chunk=7).verdicts) == whole


def test_prefetching_stream_gives_the_same_verdicts_and_leaves_no_load_running(tmp_path, demo_db, monkeypatch):
    import threading

    from tdkt_desktop.db.connection import open_readonly
    from tdkt_desktop.services import eligibility

    path = tmp_path / "demo.sqlite"
    demo_db.execute(f"VACUUM INTO '{path}'")
    whole = evaluate_year(demo_db, YEAR).all_verdicts()
    db = open_readonly(path)
    try:
        assert list(stream_year(db, YEAR, chunk=7, prefetch=True).verdicts) == whole
        stopped = stream_year(db, YEAR, chunk=7, prefetch=True)
        assert next(stopped.batches)
        stopped.close()  # the chunk loading meanwhile is waited for: the connection is free again
        assert not [t for t in threading.enumerate() if t.name == "tdkt-load"]
        assert db.execute("SELECT count(*) FROM staff").fetchone()[0] > 7

        calls = []
        load = eligibility.load_history_rows

        def failing(*args, **kwargs):  # the third chunk cannot be read (a disk error, say)
            calls.append(1)
            if len(calls) == 3:
                raise OSError("đọc lỗi")
            return load(*args, **kwargs)

        monkeypatch.setattr(eligibility, "load_history_rows", failing)
        with pytest.raises(OSError, match="đọc lỗi"):
            list(stream_year(db, YEAR, chunk=7, prefetch=True).verdicts)  # raised on the caller's thread
        assert not [t for t in threading.enumerate() if t.name == "tdkt-load"]
    finally:
        db.close()


def test_a_chunk_loads_in_one_statement_of_one_row(demo_db):
    """What a worker thread loads comes back in one step: rows one by one would each wait for the GIL."""
    from tdkt_desktop.db.histories import load_history_rows, staff_rows

    people = staff_rows(demo_db)[:20]
    statements = []
    demo_db.conn.set_trace_callback(statements.append)
    try:
        rows = load_history_rows(demo_db, YEAR, people=people, with_units=False)
    finally:
        demo_db.conn.set_trace_callback(None)
    assert len(statements) == 1 and statements[0].lstrip().startswith("SELECT")
    assert rows.ratings and rows.decision_refs and set(rows.ratings) <= {p[0] for p in people}


def test_eligibility_json_compact_by_default_and_indented_with_pretty(tmp_path, demo_db):
    path = tmp_path / "demo.sqlite"
    demo_db.execute(f"VACUUM INTO '{path}'")
    run = [sys.executable, "-m", "tdkt_desktop", "--db", str(path), "eligibility", "--year", str(YEAR), "--json"]
    compact = subprocess.run(run, capture_output=True, text=True, encoding="utf-8", check=True).stdout
    pretty = subprocess.run(run + ["--pretty"], capture_output=True, text=True, encoding="utf-8", check=True).stdout
    assert "\n" not in compact.strip() and pretty.startswith("[\n  {\n    \"staff_code\"")
    items = [v.as_json() for v in evaluate_year(demo_db, YEAR).all_verdicts()]
    assert compact == json.dumps(items, ensure_ascii=False) + "\n"  # assembled from pre-encoded texts, same bytes
    assert pretty == json.dumps(items, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", None], ids=["utf8-bytes", "utf16-text", "string"])
def test_compact_json_is_the_same_text_through_any_stream_and_chunking(demo_db, encoding):
    import io

    from tdkt_desktop.commands.eligibility import write_json

    items = [v.as_json() for v in evaluate_year(demo_db, YEAR).all_verdicts()]
    raw = io.BytesIO()
    out = io.StringIO() if encoding is None else io.TextIOWrapper(raw, encoding=encoding)
    out.write("Kết quả: ")  # what the text layer already holds comes first
    write_json(stream_year(demo_db, YEAR, chunk=7).batches, out)
    out.flush()
    text = out.getvalue() if encoding is None else raw.getvalue().decode(encoding)
    assert text == "Kết quả: " + json.dumps(items, ensure_ascii=False) + "\n"
    assert write_json(iter([[], []]), empty := io.StringIO()) is None and empty.getvalue() == "[]\n"
