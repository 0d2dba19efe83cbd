"""Fixtures for the fault-injection tests, and the tally of faults injected printed after the run."""

from __future__ import annotations

from collections import Counter

import pytest

_INJECTED: Counter = Counter()
_LOST: Counter = Counter()
_BY_TEST: dict[str, Counter] = {}


class Tally:
    """Counts the faults one test injects; if the test then fails, they count as having lost or changed data."""

    def __init__(self, nodeid: str):
        self.counts = _BY_TEST.setdefault(nodeid, Counter())

    def injected(self, kind: str, n: int = 1) -> None:
        self.counts[kind] += n
        _INJECTED[kind] += n


@pytest.fixture
def tally(request) -> Tally:
    """Record the faults a test injects."""
    return Tally(request.node.nodeid)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed safety test means its faults were not survived: each one counts as lost or changed data."""
    report = yield
    if report.failed and item.nodeid in _BY_TEST:
        _LOST.update(_BY_TEST.pop(item.nodeid))
    return report


def pytest_terminal_summary(terminalreporter):
    """One line per kind of fault: how many were injected, how many lost or changed data (failed checks)."""
    if not _INJECTED:
        return
    terminalreporter.section("fault injection (tests/safety)")
    for kind, n in sorted(_INJECTED.items()):
        terminalreporter.write_line(f"{kind:<48} {n:>4} injected, {_LOST[kind]} lost or changed data")
    total, lost = sum(_INJECTED.values()), sum(_LOST.values())
    terminalreporter.write_line(f"{'total':<48} {total:>4} injected, {lost} lost or changed data")


@pytest.fixture(scope="session")
def demo_counts(_demo_template):
    """(staff, awards, decisions) of the demo, built in memory: what a complete demo file holds."""
    return tuple(_demo_template[t].count for t in ("staff", "awards", "decisions"))
