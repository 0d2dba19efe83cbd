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
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest

TIMEOUT_S = 120.0
REPEATS = 3
STAFF_FILTER = "tran thi h"
REGISTER_SEARCH = "pham van"


class PaintWatch(QObject):
    """Notes when a watched widget (or one inside it) paints while ``ready()`` holds."""

    def __init__(self):
        super().__init__()
        self.target: Callable[[QObject], bool] = lambda obj: False
        self.ready: Callable[[], bool] = lambda: True
        self.painted_at: float | None = None

    def eventFilter(self, obj, event) -> bool:
        if (event.type() == QEvent.Type.Paint and self.painted_at is None and obj.isWidgetType()
                and self.target(obj) and self.ready()):
            self.painted_at = time.perf_counter()
        return False


def inside(widget_of: Callable[[], object]) -> Callable[[QObject], bool]:
    """A target: the widget ``widget_of()`` returns (once it exists) or any widget inside it."""
    def target(obj) -> bool:
        widget = widget_of()
        return widget is not None and (obj is widget or widget.isAncestorOf(obj))
    return target


class Driver:
    """Runs steps: action, then the event loop until the result is painted."""

    def __init__(self, app):
        self.app = app
        self.watch = PaintWatch()
        app.installEventFilter(self.watch)
        self.results: dict[str, float] = {}
        self.samples: dict[str, list[float]] = {}

    def step(self, name: str, action: Callable[[], object], target, ready: Callable[[], bool] = lambda: True) -> None:
        self.watch.target, self.watch.ready, self.watch.painted_at = target, ready, None
        start = time.perf_counter()
        action()
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(1)
        poll.timeout.connect(lambda: (self.watch.painted_at or time.perf_counter() - start > TIMEOUT_S) and loop.quit())
        poll.start()
        loop.exec()
        poll.stop()
        end = self.watch.painted_at or time.perf_counter()
        self.samples.setdefault(name, []).append(end - start if self.watch.painted_at else float("nan"))
        self.results[name] = round(statistics.median(self.samples[name]), 4)  # median of the repeats
        self.results[name + "_first"] = round(self.samples[name][0], 4)
        self.watch.target = lambda obj: False
        self.settle()

    def settle(self) -> None:
        """Let queued work (deferred loads, repaints) finish before the next step."""
        for _ in range(3):
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


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
    loop = QEventLoop()
    window.loaded.connect(loop.quit)
    window.show()
    loop.exec()
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
    """Open every page a user can reach except Bình xét and Hội đồng (peak memory)."""
    skip = {"Bình xét năm", "Hội đồng TĐKT"}
    titles = window.titles_tab
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        driver.settle()
        if window.tabs.widget(i) is titles:
            for j in range(titles.pages.count()):
                if titles.pages.tabText(j) not in skip:
                    titles.pages.setCurrentIndex(j)
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
