"""One window on a database, driven like a user in a real event loop; prints timings as JSON, then exits.

``window.py DB pages``  staff filter, register (open, "Tất cả" years, search), Hội đồng open, Bình xét open, Space
``window.py DB light``  the same without Bình xét and Hội đồng
``window.py DB visit``  open every page except Bình xét and Hội đồng (the parent reads the peak memory)

A step's time runs from the user's action until the widget showing its result has painted with the result
(an application-wide event filter sees the paint; nothing forces a render the user would not see).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from window_driver import Driver, inside, show_loaded

REPEATS = 3
STAFF_FILTER = "tran thi h"
REGISTER_SEARCH = "pham van"


def open_window(db_path: Path):
    """The window as ``run_window`` builds it, shown, with its staff list loaded."""
    from tdkt_desktop import paths
    from tdkt_desktop.db.integrity import record_verified
    from tdkt_desktop.ui.shell.app import ensure_app, open_for_window
    from tdkt_desktop.ui.shell.main_window import MainWindow

    app = ensure_app()
    paths.session_marker(db_path).unlink(missing_ok=True)  # as after a clean, checked exit
    record_verified(db_path)
    db, _lock = open_for_window(db_path)
    window = MainWindow(db, db_path)
    show_loaded(window)
    return app, window


def show_page(window, title: str):
    """Switch to a sub-page of the titles tab (built on first show) and return it."""
    titles = window.titles_tab
    window.tabs.setCurrentWidget(titles)
    index = next(i for i in range(titles.pages.count()) if titles.pages.tabText(i) == title)
    titles.pages.setCurrentIndex(index)
    return titles.page(title)


def built(window, title: str):
    """The sub-page if already built (without building it)."""
    return window.titles_tab.pages.built.get(title)


def pages(driver: Driver, window, *, review_pages: bool = True) -> None:
    """Every timed interaction of the table in ISSUE 16, in the order a user would do them."""
    staff = window.staff_tab
    for _ in range(REPEATS):  # the quick steps are repeated and their median kept (a busy machine is noisy)
        driver.step("staff_filter", lambda: staff.filter_edit.setText(STAFF_FILTER), inside(lambda: staff.table))
        driver.step("staff_filter_clear", lambda: staff.filter_edit.setText(""), inside(lambda: staff.table))

    register = "Sổ khen thưởng"
    driver.step("register_open", lambda: show_page(window, register), inside(lambda: built(window, register)))
    page = built(window, register)
    for _ in range(REPEATS):
        driver.step("register_all_years", lambda: page.year_combo.setCurrentIndex(0), inside(lambda: page.table))
        driver.step("register_search", lambda: page.search.setText(REGISTER_SEARCH), inside(lambda: page.table))
        driver.step("register_search_clear", lambda: page.search.setText(""), inside(lambda: page.table))
        page.year_combo.setCurrentIndex(1)  # back to the latest year for the next repeat
        driver.settle()

    if not review_pages:
        return
    council = "Hội đồng TĐKT"
    driver.step("council_open", lambda: show_page(window, council), inside(lambda: built(window, council)))

    review = "Bình xét năm"
    driver.step("review_open", lambda: show_page(window, review), inside(lambda: built(window, review)),
                ready=lambda: built(window, review) is not None and built(window, review).table.model().rowCount() > 0)
    page = built(window, review)
    page.table.setFocus()
    page.table.selectRow(togglable_row(driver, page))
    driver.settle()
    before = page.current_row().proposal is not None
    driver.step("review_space", lambda: QTest.keyClick(page.table, Qt.Key.Key_Space), inside(lambda: page.table),
                ready=lambda: (page.current_row().proposal is not None) != before)


def togglable_row(driver: Driver, page) -> int:
    """The first row a Space press proposes or withdraws: judged, and not already granted by a decision
    (Space on a decided row only explains so in the status bar, and nothing in the table repaints)."""
    from tdkt_desktop.ui.common.table_model import RecordRole

    for _ in range(1000):
        for row in range(page.proxy.rowCount()):
            record = page.proxy.index(row, 0).data(RecordRole)
            if record is not None and not record.pending and not (record.decided and not record.proposal):
                return row
        driver.settle()  # the verdicts are still arriving
    raise RuntimeError("Bình xét: no row to propose")


def visit(driver: Driver, window) -> None:
    """Open every page a user can reach, Bình xét and Hội đồng waiting until everybody is judged (peak memory)."""
    titles = window.titles_tab
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        driver.settle()
        if window.tabs.widget(i) is titles:
            for j in range(titles.pages.count()):
                titles.pages.setCurrentIndex(j)
                driver.settle()
                page = titles.pages.currentWidget()
                while getattr(page, "is_busy", lambda: False)():  # the review's worker judging the year
                    driver.settle()
    register = titles.page("Sổ khen thưởng")
    register.year_combo.setCurrentIndex(0)  # the whole register, every year
    driver.settle()
    driver.results["visited"] = 1.0


def main() -> None:
    """Open, run the scenario, print JSON, leave without teardown (same for every run)."""
    db_path, scenario = Path(sys.argv[1]), sys.argv[2]
    start = time.perf_counter()
    app, window = open_window(db_path)
    driver = Driver(app)
    driver.results["window_loaded"] = round(time.perf_counter() - start, 4)
    scenarios = {"pages": pages, "light": lambda d, w: pages(d, w, review_pages=False), "visit": visit}
    scenarios[scenario](driver, window)
    print(json.dumps(driver.results), flush=True)
    os._exit(0)


if __name__ == "__main__":
    main()
