"""Project invariants: the core layers never import PySide6; every module has a docstring."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tdkt_desktop"
CORE = ["db", "rules", "reports", "importing", "demo", "services"]


def _modules(folder: Path):
    return sorted(p for p in folder.rglob("*.py"))


@pytest.mark.parametrize("layer", CORE)
def test_core_layers_never_import_pyside6(layer):
    offenders = []
    for path in _modules(PACKAGE / layer):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] == "PySide6" for n in names):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_widgets_never_run_sql():
    offenders = []
    for path in _modules(PACKAGE / "ui"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in {"execute", "query", "executescript"}:
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []


def test_every_module_has_a_docstring():
    missing = [
        str(p.relative_to(PACKAGE))
        for p in _modules(PACKAGE)
        if not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))
    ]
    assert missing == []


def test_no_qtablewidget_as_store():
    hits = [str(p) for p in _modules(PACKAGE / "ui") if "QTableWidget" in p.read_text(encoding="utf-8")]
    assert hits == []
