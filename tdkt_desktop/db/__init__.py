"""Database layer: sqlite-utils connection, migrations, records, one module per aggregate (no Qt)."""

import importlib.util
import sys


def _defer(name: str) -> None:
    """Load module ``name`` on first use instead of now (``importlib.util.LazyLoader``).

    sqlite-utils imports ``dateutil.parser`` for its CSV recipes, which this app never calls; loading it
    costs about 18 ms of every start (a sixth of a bare window's), so it is deferred until something uses it.
    """
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    setattr(sys.modules[parent], child, module)  # so "from dateutil import parser" does not load it


_defer("dateutil.parser")
