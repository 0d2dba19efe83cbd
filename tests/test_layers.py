"""Project invariants read from the import graph (AST): layers point down, no Qt below ui/, docstrings everywhere."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tdkt_desktop"
CORE = ["db", "rules", "reports", "importing", "demo", "services"]
#: Entry points that open the window: the only modules outside ui/ allowed to import it.
WINDOW_ENTRY_POINTS = {"cli.py", "commands/demo.py", "commands/screenshots.py"}
#: layer → layers it must never import.
FORBIDDEN = {
    "db": {"rules", "services", "reports", "importing", "ui", "commands", "demo"},
    "rules": {"db", "services", "reports", "importing", "ui", "commands", "demo"},
    "services": {"ui", "commands"},
    "reports": {"db", "services", "ui", "commands", "importing", "demo"},
    "importing": {"ui", "commands"},
    "demo": {"ui", "commands"},
}


def _modules(folder: Path):
    return sorted(p for p in folder.rglob("*.py"))


def _imports(path: Path) -> list[tuple[str, int]]:
    """Absolute module names imported anywhere in the file (also inside functions), with line numbers."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.module, node.lineno))
            # "from tdkt_desktop import rules" names a layer as an imported name.
            if node.module == "tdkt_desktop":
                out += [(f"tdkt_desktop.{a.name}", node.lineno) for a in node.names]
    return out


def _layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "tdkt_desktop" else None


@pytest.mark.parametrize("layer", CORE)
def test_core_layers_never_import_pyside6(layer):
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in _modules(PACKAGE / layer)
        for name, line in _imports(path)
        if name.split(".")[0] in {"PySide6", "shiboken6"}
    ]
    assert offenders == []


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layers_point_down(layer):
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line} imports {name}"
        for path in _modules(PACKAGE / layer)
        for name, line in _imports(path)
        if _layer_of(name) in FORBIDDEN[layer]
    ]
    assert offenders == []


def test_ui_is_imported_only_by_ui_and_the_window_entry_points():
    offenders = []
    for path in _modules(PACKAGE):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith("ui/") or rel in WINDOW_ENTRY_POINTS:
            continue
        offenders += [f"{rel}:{line}" for name, line in _imports(path) if _layer_of(name) == "ui"]
    assert offenders == []


def test_leaves_import_nothing_of_the_app():
    for leaf in ("errors.py", "text.py", "vocabulary.py"):
        assert [n for n, _ in _imports(PACKAGE / leaf) if _layer_of(n) or n == "tdkt_desktop"] == [], leaf


def test_widgets_never_run_sql_or_open_transactions():
    offenders = []
    for path in _modules(PACKAGE / "ui"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in {"execute", "query", "executescript", "atomic"}:
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


def test_no_handlers_looked_up_by_name():
    """Menus and commands register functions; nothing is dispatched through globals() or getattr(module, name)."""
    offenders = []
    for path in _modules(PACKAGE):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "globals":
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []
