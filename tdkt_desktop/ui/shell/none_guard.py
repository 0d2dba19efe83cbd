"""Work around PySide6 6.12 on Python < 3.12: void Qt calls drop references to None (teardown: True, False).

PySide6 6.12.0 returns ``None`` from void methods without taking a reference, which is harmless
where ``None`` is immortal (Python 3.12+, PEP 683) but on Python 3.11 walks ``None``'s reference
count down by one per call (``label.setText`` or ``app.processEvents`` alike) until the
interpreter aborts with "none_dealloc: deallocating None", after some ten thousand calls, i.e.
minutes of normal use. 6.11.3 does not do this. Until a fixed release is pinned, this module
credits ``None`` with the references PySide6 takes away, from a timer.

The credit is written straight into CPython's reference count (``ob_refcnt``, the first field
of every object) rather than held in a list: a list would be freed at interpreter shutdown and
take the count to zero there, aborting the exit.
"""

from __future__ import annotations

import sys

#: Below this many references to None, add a fresh reserve.
FLOOR = 2_000_000
#: How many references one top-up adds.
RESERVE = 4_000_000
#: How often the window tops up (ms); far fewer void calls than FLOOR fit in this time.
INTERVAL_MS = 1000


def needed() -> bool:
    """True on the affected combination: Python < 3.12 with PySide6 6.12."""
    if sys.version_info >= (3, 12):
        return False
    import PySide6

    return PySide6.__version__.startswith("6.12")


#: The singletons the credit covers: None, and True/False, which a test session with many windows was seen
#: to take to zero while PySide6 6.12 tore its wrappers down at exit ("bool_dealloc" at finalization).
_SINGLETONS = (None, True, False)


def top_up() -> None:
    """Add references to None, True and False when they run low (no-op where they are immortal)."""
    if not needed():
        return
    import ctypes

    for singleton in _SINGLETONS:
        if sys.getrefcount(singleton) < FLOOR:
            ctypes.c_ssize_t.from_address(id(singleton)).value += RESERVE


def install(app) -> None:
    """Top up now and every second for the life of ``app``."""
    if not needed():
        return
    from PySide6.QtCore import QTimer

    top_up()
    timer = QTimer(app)
    timer.setObjectName("none_guard")
    timer.timeout.connect(top_up)
    timer.start(INTERVAL_MS)
