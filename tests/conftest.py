"""Shared fixtures: offscreen Qt set once, a fresh database per test, data dir in tmp."""

from __future__ import annotations

import os
from pathlib import Path

# Offscreen before any QApplication exists; set here once, never in test modules. The virtual screen is
# the office laptop the window must fit (1366×768), so dialogs size themselves as they would there.
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={Path(__file__).with_name('laptop-screen.json')}")

import pytest
from hypothesis import settings as hypothesis_settings

from tdkt_desktop.db.connection import open_memory

# CI runs the property tests on fixed examples (a red run must be reproducible); locally they explore.
hypothesis_settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    """Every test gets its own data dir, so nothing touches the real home."""
    monkeypatch.setenv("TDKT_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def db():
    """A fresh in-memory database with every migration applied."""
    database = open_memory()
    yield database
    database.close()


@pytest.fixture(scope="session")
def _demo_template():
    """The demo built once per test session (about 0.5 s); tests get copies of it."""
    from tdkt_desktop.demo import build_demo

    template = open_memory()
    build_demo(template)
    yield template
    template.close()


@pytest.fixture
def demo_db(db, _demo_template):
    """A fresh copy of the full demo database (SQLite backup API: milliseconds, not a rebuild)."""
    _demo_template.conn.backup(db.conn)
    return db


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


@pytest.fixture(scope="session", autouse=True)
def _none_guard(qapp):
    """The test QApplication gets the same None-refcount guard as the real one (ui/none_guard.py)."""
    from tdkt_desktop.ui.shell import none_guard

    none_guard.install(qapp)


@pytest.fixture(scope="session", autouse=True)
def _qt_translation(qapp):
    """The test QApplication speaks Vietnamese like the real one (ui/shell/app.install_translation)."""
    from tdkt_desktop.ui.shell.app import install_translation

    install_translation(qapp)


@pytest.fixture(autouse=True)
def _top_up_none():
    """Tests drive Qt far faster than a person: top up before each one, not only once a second."""
    from tdkt_desktop.ui.shell import none_guard

    none_guard.top_up()


@pytest.fixture(scope="session")
def qapp_args():
    """No command-line arguments for the test QApplication."""
    return ["tdkt-tests"]


@pytest.fixture
def app_fonts(qapp):
    """The bundled UI fonts, as the real app installs them."""
    from tdkt_desktop.ui.shell.app import install_fonts

    install_fonts(qapp)
    return qapp


@pytest.fixture
def main_window(qtbot, demo_db, app_fonts):
    """The main window on the demo database, registered with qtbot."""
    from tdkt_desktop.ui.shell.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded):
        window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def boxes(monkeypatch):
    """Record message boxes instead of showing them; questions are answered with ``answer``."""
    from PySide6.QtWidgets import QMessageBox

    shown = {"critical": [], "warning": [], "question": [], "information": [],
             "answer": QMessageBox.StandardButton.Yes}
    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, _k=kind, **kw: shown[_k].append(a[2]))

    def question(*a, **kw):
        shown["question"].append(a[2])
        return shown["answer"]

    monkeypatch.setattr(QMessageBox, "question", question)
    return shown
