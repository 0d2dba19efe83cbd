"""The working year's verdicts for the Bình xét and Hội đồng pages: judged off the GUI thread, kept, brought up to date.

One store per window. A page asks for a year (``ensure``); the first time, a worker evaluates the
whole office chunk by chunk (the rows on screen first) and the page fills in as chunks arrive. After
a write, ``ensure`` reads the change log (``db.change_log``) and re-evaluates only the people and
units it names; their rows show "Đang xét…" meanwhile. The worker opens its own read-only
connection (``db.connection.reader_for``); states it hands back are never changed afterwards.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal
from sqlite_utils import Database

from tdkt_desktop.db import change_log
from tdkt_desktop.db.connection import reader_for
from tdkt_desktop.db.histories import staff_count
from tdkt_desktop.db.settings import get_settings
from tdkt_desktop.errors import UserError
from tdkt_desktop.services import review_state
from tdkt_desktop.services.bulk import paused_gc
from tdkt_desktop.services.review_state import BASIS_TABLES, PERSON_TABLES, Key, Member, YearState
from tdkt_desktop.ui.common import changes

log = logging.getLogger(__name__)
FIRST_CHUNK, CHUNK = 60, 2000  # a first screen fast, then chunks large enough to keep the loader efficient
ROSTER_WAIT_S = 2.0  # how long the worker waits for the pages to show the roster before its second chunk
FREEZE_FROM = 5000  # people; below, the collector's passes over the verdicts take a few milliseconds
#: Past this share of the office a write's re-evaluation is done as a whole new evaluation.
WHOLE_SHARE = 0.3


@dataclass(frozen=True)
class StoreUpdate:
    """What changed in the store: the rows whose verdicts changed (None: all), and whether rows came or went."""

    keys: frozenset[Key] | None
    rows: bool = False


class _Signals(QObject):
    """Carries a job's results to the GUI thread (queued: the receiver lives there)."""

    roster = Signal(int, object)
    chunk = Signal(int, object, object)
    done = Signal(int, object, bool)
    failed = Signal(int, str)


class _Control:
    """What the store and a running job share (plain Python, thread-safe): cancel, who to judge next."""

    def __init__(self, generation: int, year: int):
        self.generation = generation
        self.year = year
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        self._first: list[int] = []
        self.queue: list[Member] = []
        self._done: set[int] = set()
        #: set once the pages have shown the roster (and said which rows they show): chunks start then
        self.roster_seen = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()
        self.roster_seen.set()

    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def prioritize(self, ids: list[int]) -> None:
        """Judge these people next (the rows the user is looking at)."""
        with self._lock:
            self._first = list(ids)

    def next_chunk(self) -> list[Member]:
        """The next people to judge: those asked for first, then the rest in queue order; [] when all are.

        The first chunk goes at once (the queue starts with the rows Bình xét shows when it opens); the
        next waits until the pages have shown the roster and the first chunk and said which rows they show.
        """
        if self._done:
            self.roster_seen.wait(ROSTER_WAIT_S)
        with self._lock:
            wanted = {i for i in self._first if i not in self._done}
            size = FIRST_CHUNK if not self._done or wanted else CHUNK  # what is on screen comes back at once
            self._first = []
            chunk = [m for m in self.queue if m.id in wanted][:size] if wanted else []
            taken = {m.id for m in chunk}
            for m in self.queue:
                if len(chunk) >= size:
                    break
                if m.id not in self._done and m.id not in taken:
                    chunk.append(m)
            self._done.update(m.id for m in chunk)
            return chunk


class _Job(QRunnable):
    """One evaluation on a worker thread with its own connection; ``work(db, control)`` returns (state, rows).

    Qt owns and deletes the runnable once it has run; the store keeps only its ``_Control``.
    """

    def __init__(self, control: _Control, open_reader: Callable[[], Database], work, signals: _Signals,
                 *, own_connection: bool = True):
        super().__init__()
        self.control = control
        self.open_reader = open_reader
        self.work = work
        self.signals = signals
        self.own_connection = own_connection

    def run(self) -> None:
        generation, db = self.control.generation, None
        try:
            db = self.open_reader()
            state, rows = self.work(db, self.control)
            if state is not None:
                self.signals.done.emit(generation, state, rows)
        except UserError as exc:
            self.signals.failed.emit(generation, str(exc))
        except Exception as exc:  # a bug: say so on the page instead of waiting for ever
            log.exception("review evaluation failed")
            self.signals.failed.emit(generation, f"Lỗi khi xét điều kiện khen thưởng: {exc}")
        finally:
            if db is not None and self.own_connection:
                db.close()


class VerdictStore(QObject):
    """The verdicts of one year, shared by the window's review pages (``VerdictStore.of(window)``)."""

    changed = Signal(object)  # StoreUpdate
    busy_changed = Signal(bool)
    progress = Signal(int, int)  # people judged, people in all
    failed = Signal(str)

    #: Offices up to this size are judged at once on the GUI thread: faster than a thread and two repaints
    #: (about 30 ms); larger ones on a worker, chunk by chunk.
    INLINE_LIMIT = 400

    @classmethod
    def of(cls, window) -> VerdictStore:
        """The window's store, made on first use."""
        store = getattr(window, "_verdict_store", None)
        if store is None:
            store = window._verdict_store = cls(window.db, window)
        return store

    def __init__(self, db: Database, window):
        super().__init__(window)
        self.db = db
        self.state: YearState | None = None
        self.pending: frozenset[Key] = frozenset()
        self.error = ""
        self._signals = _Signals()
        self._signals.roster.connect(self._on_roster)
        self._signals.chunk.connect(self._on_chunk)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._job: _Control | None = None  # the running job (one at a time)
        self._generation = 0
        self._wanted_year: int | None = None
        self._invalid = False
        self._judged = 0
        change_log.watch(db)
        window.data_changed.connect(self._on_data_changed)
        window.destroyed.connect(self.shutdown)
        QCoreApplication.instance().aboutToQuit.connect(self.shutdown)

    # --- asking -----------------------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._job is not None

    def ensure(self, year: int) -> None:
        """Bring the verdicts of ``year`` up to date: nothing if they are, the changed people, or everything."""
        self._wanted_year = year
        if self._job is not None:
            if self._job.year != year:
                self._start_full(year)  # another year: the running job's result is of no use
            elif self.state is not None:  # the same year: judged again when the job ends; pending till then
                found = change_log.since(self.db, self.state.position)
                if found.tables & PERSON_TABLES and not found.everything:
                    self.pending |= self._keys(*review_state.touched(self.state, found))
                    self.changed.emit(StoreUpdate(self.pending))
            return
        if self.state is None or self.state.year != year or self._invalid or not change_log.watching(self.db):
            self._start_full(year)
            return
        found = change_log.since(self.db, self.state.position)
        if found.everything or (found.tables & BASIS_TABLES and self._basis_changed(found)):
            self._start_full(year)
        elif found.tables & PERSON_TABLES:
            staff, units = review_state.touched(self.state, found)
            if len(staff) > WHOLE_SHARE * max(len(self.state.roster.members), 1):
                self._start_full(year)
            else:
                self._start_update(staff, units, found.position)
        elif found:
            self.state = dataclasses.replace(self.state, position=found.position)

    def prioritize(self, ids: list[int]) -> None:
        """Judge these people first (the rows on screen) when a whole evaluation is running."""
        if self._job is not None:
            self._job.prioritize(ids)

    def shutdown(self) -> None:
        """Stop the running job at its next chunk (the window is closing; its results go nowhere)."""
        if self._job is not None:
            self._job.cancel()

    @staticmethod
    def _keys(staff, units) -> frozenset[Key]:
        return frozenset({("ca_nhan", i) for i in staff} | {("tap_the", i) for i in units})

    # --- jobs -----------------------------------------------------------------------------------

    def _basis_changed(self, found) -> bool:
        """Rule sets changed, or the office level (other settings change no verdict)."""
        return "office_rulesets" in found.tables or get_settings(self.db).office_level != self.state.office_level

    def _start(self, work, year: int) -> _Control:
        if self._job is not None:
            self._job.cancel()
        self._generation += 1
        self._job = control = _Control(self._generation, year)
        self.busy_changed.emit(True)
        if self._inline(year):
            control.roster_seen.set()  # here and now: nothing to wait for, and no event loop to set it
            _Job(control, lambda: self.db, work, self._signals, own_connection=False).run()
        else:
            QThreadPool.globalInstance().start(_Job(control, reader_for(self.db), work, self._signals))
        return control

    def _inline(self, year: int) -> bool:
        """A small office: judge it here and now."""
        if self.state is not None and self.state.year == year:
            return len(self.state.roster.members) <= self.INLINE_LIMIT
        return staff_count(self.db) <= self.INLINE_LIMIT

    def _start_full(self, year: int) -> None:
        self._invalid = False
        self.error = ""
        position = change_log.watch(self.db)  # again if the connection was reopened (TEMP triggers are per connection)
        signals = self._signals

        def work(db: Database, control: _Control):
            with paused_gc():  # see services.bulk
                state = review_state.start(db, year, position)
                # Staff code order, Bình xét's order when it opens: its first screen is judged while the GUI
                # thread fills the table; a page showing other rows asks for them before the second chunk.
                control.queue = sorted(state.roster.members, key=lambda m: m.code)
                signals.roster.emit(control.generation, state)
                final = review_state.evaluate_all(
                    db, state, control.next_chunk, lambda p, v: signals.chunk.emit(control.generation, p, v),
                    control.cancelled)
                if len(state.roster.members) >= FREEZE_FROM:
                    # Millions of records that live until the next whole evaluation and hold no cycles: out of
                    # the collector's sight before it is back on, or its next passes would walk them all (a
                    # second on 20,000 staff, at a random keystroke). Reference counting still frees them.
                    gc.freeze()
            return final, False  # the rows are those of the roster already sent

        self.state = None
        self.pending = frozenset()
        self._start(work, year)
        self.changed.emit(StoreUpdate(None, rows=True))

    def _start_update(self, staff: frozenset[int], units: frozenset[int], position: int) -> None:
        base = self.state

        def work(db: Database, control: _Control):
            return review_state.update(db, base, staff, units, position)

        self.pending = self._keys(staff, units)
        self._start(work, base.year)
        self.changed.emit(StoreUpdate(self.pending))

    # --- results (GUI thread) ---------------------------------------------------------------------

    def _on_roster(self, generation: int, state: YearState) -> None:
        if generation != self._generation:
            return
        self.state = state
        self._judged = 0
        self.progress.emit(0, len(state.roster.members))
        self.changed.emit(StoreUpdate(None, rows=True))

    def _on_chunk(self, generation: int, people: dict, verdicts: dict) -> None:
        if generation != self._generation or self.state is None:
            return
        self.state.result.people.update(people)  # the partial state's dicts belong to this thread
        self.state.result.person_verdicts.update(verdicts)
        if not self._judged and self._job is not None:
            # The second chunk starts once this first screen has painted: judging meanwhile, the worker would
            # hold the GIL while the paint asks the model for every cell (a zero timer runs after the paint).
            QTimer.singleShot(0, self._job.roster_seen.set)
        self._judged += len(people)
        self.progress.emit(self._judged, len(self.state.roster.members))
        self.changed.emit(StoreUpdate(frozenset(("ca_nhan", i) for i in people)))

    def _on_done(self, generation: int, state: YearState, rows: bool) -> None:
        if generation != self._generation:
            return
        full = self.state is None or not self.state.complete
        # After a whole evaluation the people came chunk by chunk already: only the units are new.
        keys = frozenset(("tap_the", u.id) for u in state.roster.units) if full else self.pending
        self.state, self.pending, self._job = state, frozenset(), None
        self.busy_changed.emit(False)
        self.changed.emit(StoreUpdate(keys, rows=rows))
        if self._wanted_year is not None:
            self.ensure(self._wanted_year)  # writes made meanwhile

    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._job, self.pending, self.error = None, frozenset(), message
        self.state = None
        self.busy_changed.emit(False)
        self.failed.emit(message)

    def _on_data_changed(self, changed: frozenset[str]) -> None:
        """A restore or an import replaces what the change log cannot see row by row."""
        if changes.ALL in changed:
            self._invalid = True
