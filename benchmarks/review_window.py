"""Child of bench_review.py: one window on a database, Bình xét or Hội đồng driven like a user; prints JSON timings.

``review_window.py DB review``   open Bình xét, change the award, Space, a rating write, a decision write
``review_window.py DB council``  open Hội đồng, type one vote

A step's time runs from the action until the page shows its result (``ready``) and the table has painted it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
#: bench_review.py --before DIR runs another checkout of the app (the code before a change) with this driver.
sys.path.insert(0, os.environ.get("TDKT_BENCH_CODE") or str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from window_driver import Driver, inside, show_loaded

YEAR = 2025


def step(driver: Driver, name: str, action: Callable[[], object], target: Callable[[], object],
         ready: Callable[[], bool], **more: Callable[[], bool]) -> None:
    """Time ``action`` until ``ready`` holds and the target has painted; ``more`` marks earlier stages.

    The target is repainted while a mark holds unpainted: a page whose result needs no repaint still shows it.
    """
    got = driver.time(action, inside(target), {name: ready, **more}, nudge=target)
    driver.results.update({key: round(seconds, 4) for key, seconds in got.items()})
    driver.settle()


def open_window(db_path: Path):
    """The window on ``db_path``, shown and loaded; opened directly (the code before a change may predate the
    window's lock and integrity check that window.py's ``open_window`` goes through)."""
    from tdkt_desktop.db.connection import open_database
    from tdkt_desktop.ui.shell.app import ensure_app
    from tdkt_desktop.ui.shell.main_window import MainWindow

    app = ensure_app()
    db = open_database(db_path)
    window = MainWindow(db, db_path)
    window.resize(1366, 768)
    show_loaded(window)
    return app, window


def show_page(window, title: str):
    """The sub-page chosen first, then its tab shown: only that page is built (not the register before it)."""
    titles = window.titles_tab
    index = next(i for i in range(titles.pages.count()) if titles.pages.tabText(i) == title)
    titles.pages.setCurrentIndex(index)
    window.tabs.setCurrentWidget(titles)
    return titles.page(title)


def idle(page) -> bool:
    busy = getattr(page, "is_busy", None)
    return not (busy and busy())


def row_of(page, key):
    """The model's current record for a subject (or None)."""
    return next((r for r in page.model.records() if r.key == key), None)


def settled(row) -> bool:
    return row is not None and not getattr(row, "pending", False)


def review(driver: Driver, window) -> None:
    from tdkt_desktop.db import decisions, ratings
    from tdkt_desktop.db.award_records import Award, Decision, Rating
    from tdkt_desktop.ui.common import changes
    from tdkt_desktop.ui.common.table_model import RecordRole

    title = "Bình xét năm"
    built = window.titles_tab.pages.built
    def first_screen() -> bool:
        page = built.get(title)
        if page is None or page.proxy.rowCount() == 0:
            return False
        rows = [page.proxy.index(r, 0).data(RecordRole) for r in range(min(25, page.proxy.rowCount()))]
        return all(settled(r) for r in rows)

    step(driver, "review_open", lambda: show_page(window, title),
         lambda: built[title].table.viewport() if title in built else None,
         lambda: title in built and built[title].model.rowCount() > 0 and idle(built[title]),
         review_first_screen=first_screen)
    page = built[title]
    db = window.db
    first = page.award.currentIndex()
    second = page.award.itemData(first + 1)
    step(driver, "review_award", lambda: page.award.setCurrentIndex(first + 1), lambda: page.table.viewport(),
         lambda: page.model.rowCount() > 0 and idle(page) and page.current_award() == second)
    page.award.setCurrentIndex(first)
    driver.settle()
    page.table.setFocus()
    page.table.selectRow(0)
    driver.settle()
    key = page.proxy.index(0, 0).data(RecordRole).key
    was = row_of(page, key).proposal is not None
    step(driver, "review_space", lambda: QTest.keyClick(page.table, Qt.Key.Key_Space), lambda: page.table.viewport(),
         lambda: (row_of(page, key).proposal is not None) != was)

    person = page.proxy.index(1, 0).data(RecordRole)
    new = "HT" if person.rating in ("HTXS", "HTT") else "HTT"
    page.table.selectRow(1)
    driver.settle()

    def rate():
        window.run_write(lambda: ratings.set_rating(db, Rating(None, person.id, YEAR, new)), changes.RATINGS)

    step(driver, "review_refresh_rating", rate, lambda: page.table.viewport(),
         lambda: settled(row_of(page, person.key)) and row_of(page, person.key).rating == new and idle(page))

    other = page.proxy.index(2, 0).data(RecordRole)

    def decide():
        decision = Decision(None, "9001/QĐ-SKHCN", dt.date(2026, 1, 10), "Sở Khoa học và Công nghệ", year=2026)
        award = Award(None, None, page.current_award(), staff_id=other.id, year=YEAR)
        window.run_write(lambda: decisions.add_decision(db, decision, [award]), changes.DECISIONS)

    step(driver, "review_refresh_decision", decide, lambda: page.table.viewport(),
         lambda: settled(row_of(page, other.key)) and row_of(page, other.key).status_text().startswith("Đã có")
         and idle(page))


def council(driver: Driver, window) -> None:
    title = "Hội đồng TĐKT"
    built = window.titles_tab.pages.built
    step(driver, "council_open", lambda: show_page(window, title),
         lambda: built[title].candidates_view.viewport() if title in built else None,
         lambda: title in built and built[title].candidates.rowCount() > 0,
         council_verdicts=lambda: title in built and built[title].candidates.rowCount() > 0 and all(
             c.status for c in built[title].candidates.records()))
    page = built[title]
    row = next(i for i, c in enumerate(page.candidates.records()) if not c.voted)
    proposal_id = page.candidates.record(row).proposal.id
    page.candidates_view.setCurrentIndex(page.candidates.index(row, 4))
    driver.settle()

    def vote():
        page.candidates.setData(page.candidates.index(row, 4), "7", Qt.ItemDataRole.EditRole)

    def voted() -> bool:
        found = next((c for c in page.candidates.records() if c.proposal.id == proposal_id), None)
        return found is not None and found.voted and found.votes_for == 7

    step(driver, "council_vote", vote, lambda: page.candidates_view.viewport(), voted)


def main() -> None:
    db_path, scenario = Path(sys.argv[1]), sys.argv[2]
    app, window = open_window(db_path)
    driver = Driver(app, settle_rounds=5)
    {"review": review, "council": council}[scenario](driver, window)
    print(json.dumps(driver.results), flush=True)
    os._exit(0)


if __name__ == "__main__":
    main()
