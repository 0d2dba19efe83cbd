"""Bình xét and Hội đồng judged on a worker thread: results arrive by signal, rows being judged never show old reasons."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from tdkt_desktop.db import decisions, ratings
from tdkt_desktop.db.award_records import Award, Decision, Rating
from tdkt_desktop.services.eligibility import evaluate_year
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.table_model import RecordRole
from tdkt_desktop.ui.review import verdict_store
from tdkt_desktop.ui.review.verdict_store import VerdictStore

YEAR = 2026
WAIT_MS = 20_000


@pytest.fixture
def worker(monkeypatch):
    """Every office judged on the worker (the demo's 60 people would be judged at once), and which thread
    opened which connection."""
    monkeypatch.setattr(VerdictStore, "INLINE_LIMIT", 0)
    opened = []
    reader_for = verdict_store.reader_for

    def recording(db):
        open_reader = reader_for(db)

        def open_and_record():
            reader = open_reader()
            opened.append((threading.get_ident(), reader.conn))
            return reader

        return open_and_record

    monkeypatch.setattr(verdict_store, "reader_for", recording)
    return opened


def _review_page(window, qtbot):
    """The Bình xét page shown on 2026, LĐTT chosen, once every verdict has arrived from the worker."""
    store = VerdictStore.of(window)
    with qtbot.waitSignal(store.busy_changed, timeout=WAIT_MS, check_params_cb=lambda busy: not busy):
        window.tabs.setCurrentWidget(window.titles_tab)
        page = window.titles_tab.page("Bình xét năm")
        window.titles_tab.pages.setCurrentWidget(page)
        page.year.setValue(YEAR)
    page.award.setCurrentIndex(page.award.findData("lao_dong_tien_tien"))
    return page, store


def _row(page, staff_id):
    return page.model.record(page.model.row_of_key(("ca_nhan", staff_id)))


def _select(page, staff_id):
    source = page.model.index(page.model.row_of_key(("ca_nhan", staff_id)), 0)
    page.table.setCurrentIndex(page.proxy.mapFromSource(source))


def _someone(db):
    return db.execute("SELECT id, unit_id FROM staff WHERE active = 1 AND unit_id IS NOT NULL ORDER BY id "
                      "LIMIT 1").fetchone()


def test_the_worker_judges_the_year_on_its_own_connection(main_window, qtbot, qtmodeltester, worker):
    page, store = _review_page(main_window, qtbot)
    assert worker and all(thread != threading.get_ident() and conn is not main_window.db.conn
                          for thread, conn in worker)
    whole = evaluate_year(main_window.db, YEAR)
    rows = page.model.records()
    assert len(rows) == len(whole.people) and not any(r.pending for r in rows)
    assert {r.id: r.verdict for r in rows} == {pid: v["lao_dong_tien_tien"] for pid, v in whole.person_verdicts.items()}
    assert store.state.complete and store.state.result.unit_verdicts == whole.unit_verdicts
    assert page.result is store.state.result and not page.busy_label.isVisible()
    qtmodeltester.check(page.model)


def test_a_rating_write_shows_the_person_as_being_judged_then_the_new_verdict(main_window, qtbot, qtmodeltester,
                                                                             worker):
    db = main_window.db
    page, store = _review_page(main_window, qtbot)
    person, unit = _someone(db)
    other = next(r for r in page.model.records() if r.subject == "ca_nhan" and r.unit_id != unit)
    _select(page, person)
    old = _row(page, person)
    assert old.verdict.eligible and "Lao động tiên tiến: Đủ điều kiện" in page.reasons.toPlainText()

    with qtbot.waitSignal(store.busy_changed, timeout=WAIT_MS, check_params_cb=lambda busy: not busy):
        main_window.run_write(lambda: ratings.set_rating(db, Rating(None, person, YEAR, "KHT")), changes.RATINGS)
        # Until the worker answers, the row and the panel say it is being judged: never the old reasons.
        pending = _row(page, person)
        assert pending.pending and pending.verdict is None and pending.verdict_text() == "Đang xét…"
        assert store.pending == {("ca_nhan", person), ("tap_the", unit)}
        assert "Đang xét điều kiện khen thưởng" in page.reasons.toPlainText()
        assert "Đủ điều kiện" not in page.reasons.toPlainText()
        assert _row(page, other.id) is other  # nobody else is touched
        qtmodeltester.check(page.model)
        _select(page, other.id)  # moving on meanwhile shows that person's own reasons
        assert page.reasons.toPlainText().splitlines()[0] == other.name
    new = _row(page, person)
    assert not new.pending and new.rating == "KHT" and not new.verdict.eligible
    assert new.verdict == evaluate_year(db, YEAR).person_verdicts[person]["lao_dong_tien_tien"]
    assert page.reasons.toPlainText().splitlines()[0] == other.name  # the panel stayed on the row chosen
    _select(page, person)
    assert "xếp loại năm 2026 là Không hoàn thành nhiệm vụ" in page.reasons.toPlainText()
    qtmodeltester.check(page.model)


def test_an_award_decision_turns_the_row_into_decided(main_window, qtbot, worker):
    db = main_window.db
    page, store = _review_page(main_window, qtbot)
    person, _unit = _someone(db)
    decision = Decision(None, "9001/QĐ-SKHCN", dt.date(YEAR, 11, 20), "Sở Khoa học và Công nghệ", year=YEAR)
    with qtbot.waitSignal(store.busy_changed, timeout=WAIT_MS, check_params_cb=lambda busy: not busy):
        main_window.run_write(lambda: decisions.add_decision(
            db, decision, [Award(None, None, "lao_dong_tien_tien", staff_id=person, year=YEAR)]), changes.DECISIONS)
    row = _row(page, person)
    assert row.decided and row.status_text() == "Đã có QĐ số 9001/QĐ-SKHCN"
    index = page.proxy.mapFromSource(page.model.index(page.model.row_of_key(("ca_nhan", person)), 7))
    assert index.data() == "Đã có QĐ số 9001/QĐ-SKHCN"


def test_another_year_never_shows_the_previous_years_rows(main_window, qtbot, worker):
    page, store = _review_page(main_window, qtbot)
    with qtbot.waitSignal(store.busy_changed, timeout=WAIT_MS, check_params_cb=lambda busy: not busy):
        page.year.setValue(YEAR - 1)
        assert page.model.rowCount() == 0 or all(r.pending for r in page.model.records())
        assert page.busy_label.isVisible() and page.busy_label.text().startswith("Đang xét điều kiện khen thưởng")
    assert page.state.year == YEAR - 1 and not any(r.pending for r in page.model.records())
    assert page.proxy.index(0, 3).data(RecordRole).rating  # the ratings of 2025


def test_the_council_fills_in_conditions_as_they_arrive(main_window, qtbot, qtmodeltester, worker):
    from tdkt_desktop.db import review, review_council
    from tdkt_desktop.db.review_records import CouncilMeeting

    db = main_window.db
    whole = evaluate_year(db, YEAR)
    eligible = [pid for pid, v in whole.person_verdicts.items() if v["lao_dong_tien_tien"].eligible][:3]
    for pid in eligible:
        review.propose(db, YEAR, "lao_dong_tien_tien", staff_id=pid)
    review_council.open_meeting(db, CouncilMeeting(id=None, year=YEAR, held_on=dt.date(2026, 12, 18)))
    store = VerdictStore.of(main_window)
    with qtbot.waitSignal(store.busy_changed, timeout=WAIT_MS, check_params_cb=lambda busy: not busy):
        main_window.tabs.setCurrentWidget(main_window.titles_tab)
        council = main_window.titles_tab.page("Hội đồng TĐKT")
        main_window.titles_tab.pages.setCurrentWidget(council)
        council.year.setValue(YEAR)
        assert council.candidates.rowCount() == 3  # listed at once, conditions still being judged
        assert council.candidates.index(0, 3).data() == "Đang xét…"
    assert [c.status for c in council.candidates.records()] == ["can_hoi_dong"] * 3
    assert all(c.reasons for c in council.candidates.records())
    qtmodeltester.check(council.candidates)


def test_the_opening_rows_are_judged_first_and_shown_before_the_rest(main_window, qtbot, worker, monkeypatch):
    """The worker judges the rows Bình xét opens on (the lowest staff codes) while the page fills its table,
    and starts on everyone else only once those verdicts have reached the page."""
    from tdkt_desktop.services import review_state

    monkeypatch.setattr(verdict_store, "FIRST_CHUNK", 10)
    store = VerdictStore.of(main_window)
    chunks = []  # (people judged, how many verdicts the page had applied when the chunk began)
    judge = review_state.judge

    def recording(db, engine, year, members, **shared):
        members = list(members)
        chunks.append(({m.id for m in members}, store._judged))
        return judge(db, engine, year, members, **shared)

    monkeypatch.setattr(review_state, "judge", recording)
    page, _store = _review_page(main_window, qtbot)
    opening = {page.proxy.index(row, 0).data(RecordRole).id for row in range(10)}  # sorted by code on opening
    assert chunks[0] == (opening, 0)
    assert len(chunks) >= 2 and chunks[1][1] == 10
