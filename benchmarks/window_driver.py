"""Drives a window like a user for the window benchmarks: each action timed until its result has painted."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

TIMEOUT_S = 120.0


class PaintWatch(QObject):
    """Notes, for each of several conditions, the first paint of a watched widget (or a child) once it holds."""

    def __init__(self):
        super().__init__()
        self.target: Callable[[QObject], bool] = lambda obj: False
        self.marks: dict[str, Callable[[], bool]] = {}
        self.painted: dict[str, float] = {}

    def eventFilter(self, obj, event) -> bool:
        if (event.type() == QEvent.Type.Paint and len(self.painted) < len(self.marks) and obj.isWidgetType()
                and self.target(obj)):
            for name, ready in self.marks.items():
                if name not in self.painted and ready():
                    self.painted[name] = time.perf_counter()
        return False


def show_loaded(window) -> None:
    """Show the main window and run the event loop until it has loaded its first page and, as a user's first
    glance at the window allows (about 0.1 s), imported the pages not opened yet (``MainWindow.warm_up``)."""
    loop = QEventLoop()
    window.loaded.connect(loop.quit)
    window.show()
    loop.exec()
    warm_up = getattr(window, "warm_up", None)  # the code before a change may have none
    if warm_up is not None and not warm_up.done:
        warm_up.finished.connect(loop.quit)
        loop.exec()


def inside(widget_of: Callable[[], object]) -> Callable[[QObject], bool]:
    """A target: the widget ``widget_of()`` returns (once it exists) or any widget inside it."""
    def target(obj) -> bool:
        widget = widget_of()
        return widget is not None and (obj is widget or widget.isAncestorOf(obj))
    return target


class Driver:
    """Runs steps: action, then the event loop until the result is painted.

    ``settle_rounds`` is how many 50 ms rounds of queued work run between steps.
    """

    def __init__(self, app, settle_rounds: int = 3):
        self.app = app  # the QApplication the watch filters
        self.settle_rounds = settle_rounds
        self.watch = PaintWatch()
        app.installEventFilter(self.watch)
        self.results: dict[str, float] = {}
        self.samples: dict[str, list[float]] = {}

    def step(self, name: str, action: Callable[[], object], target, ready: Callable[[], bool] = lambda: True) -> None:
        """Time ``action`` until ``target`` paints with ``ready`` holding: the median of the repeats and the first."""
        seconds = self.time(action, target, {name: ready})[name]
        self.samples.setdefault(name, []).append(seconds)
        self.results[name] = round(statistics.median(self.samples[name]), 4)  # median of the repeats
        self.results[name + "_first"] = round(self.samples[name][0], 4)
        self.settle()

    def time(self, action: Callable[[], object], target: Callable[[QObject], bool],
             marks: dict[str, Callable[[], bool]], nudge: Callable[[], object] | None = None) -> dict[str, float]:
        """Seconds from ``action`` until the target painted with each mark holding (nan if not within the timeout).

        ``nudge``, when given, returns the widget to repaint whenever a mark holds but has not painted yet: a
        result that is ready without changing what the widget shows would otherwise never be seen painting.
        """
        watch = self.watch
        watch.target, watch.marks, watch.painted = target, marks, {}
        start = time.perf_counter()
        action()

        def repaint() -> None:
            widget = nudge() if nudge is not None else None
            if widget is not None:
                widget.update()

        repaint()  # a page that was ready at once: its next paint shows the result

        def check() -> None:
            if len(watch.painted) == len(marks) or time.perf_counter() - start > TIMEOUT_S:
                loop.quit()
            elif nudge is not None and any(n not in watch.painted and ready() for n, ready in marks.items()):
                repaint()

        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(1)
        poll.timeout.connect(check)
        poll.start()
        loop.exec()
        poll.stop()
        watch.target, watch.marks = (lambda obj: False), {}
        return {key: watch.painted[key] - start if key in watch.painted else float("nan") for key in marks}

    def settle(self) -> None:
        """Let queued work (deferred loads, repaints) finish before the next step."""
        for _ in range(self.settle_rounds):
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
