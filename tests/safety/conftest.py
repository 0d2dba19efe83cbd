"""Fixtures for the fault-injection tests, and the tally of faults injected printed after the run."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtWidgets import QMessageBox

_INJECTED: Counter = Counter()
_LOST: Counter = Counter()


class Tally:
    """Counts faults by kind; ``lost`` is only called when data was lost or changed (a test then fails)."""

    def injected(self, kind: str, n: int = 1) -> None:
        _INJECTED[kind] += n

    def lost(self, kind: str, n: int = 1) -> None:
        _LOST[kind] += n


@pytest.fixture
def tally() -> Tally:
    """Record the faults a test injects."""
    return Tally()


def pytest_terminal_summary(terminalreporter):
    """One line per kind of fault: how many were injected, how many lost or changed data."""
    if not _INJECTED:
        return
    terminalreporter.section("fault injection (tests/safety)")
    for kind, n in sorted(_INJECTED.items()):
        terminalreporter.write_line(f"{kind:<40} {n:>5} injected, {_LOST[kind]} lost or changed data")
    terminalreporter.write_line(f"{'total':<40} {sum(_INJECTED.values()):>5} injected, {sum(_LOST.values())} lost")


@pytest.fixture(scope="session")
def _demo_file_template(tmp_path_factory):
    """The demo built once into a real file (closed, WAL folded in)."""
    from tdkt_desktop.demo import ensure_demo_file

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    ensure_demo_file(path).close()
    return path


@pytest.fixture
def demo_file(tmp_path, _demo_file_template):
    """A fresh copy of the demo database file in this test's folder."""
    import shutil

    target = tmp_path / "tdkt.sqlite"
    shutil.copyfile(_demo_file_template, target)
    return target


@pytest.fixture
def boxes(monkeypatch):
    """Record message boxes instead of showing them; questions are answered with ``answer``."""
    shown = {"critical": [], "warning": [], "question": [], "information": [],
             "answer": QMessageBox.StandardButton.Yes}
    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, _k=kind, **kw: shown[_k].append(a[2]))

    def question(*a, **kw):
        shown["question"].append(a[2])
        return shown["answer"]

    monkeypatch.setattr(QMessageBox, "question", question)
    return shown
