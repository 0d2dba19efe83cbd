"""Fixtures for the delivery tests: load a script from packaging/ (a folder, not an importable package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def load_script():
    """Import ``packaging/<name>.py`` under a private module name (``packaging`` itself is the PyPI library)."""

    def load(name: str):
        spec = importlib.util.spec_from_file_location(f"tdkt_packaging_{name}", ROOT / "packaging" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module

    return load
