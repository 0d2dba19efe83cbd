"""Run every benchmark and print figures as ratios against a baseline, in one run.

Usage: python benchmarks/run.py [--runs N] [--skip-others]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import bigdb  # noqa: E402


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def bench_startup(db_path: Path, runs: int) -> list[str]:
    """Whole-process start to first paint: the app on the big database vs a bare PySide6 window."""
    script = str(HERE / "startup.py")
    bare_cmd = [sys.executable, script, "--bare"]
    app_cmd = [sys.executable, script, "--app", str(db_path)]
    loaded_cmd = [sys.executable, script, "--app-loaded", str(db_path)]
    _time(bare_cmd), _time(app_cmd), _time(loaded_cmd)  # warm the page cache
    bare, app, loaded, ratios, loaded_ratios = [], [], [], [], []
    for _ in range(runs):  # alternate, so drift hits every side alike
        b, a, f = _time(bare_cmd), _time(app_cmd), _time(loaded_cmd)
        bare.append(b), app.append(a), loaded.append(f), ratios.append(a / b), loaded_ratios.append(f / b)
    med = statistics.median
    return [
        f"khởi động (20.000 cán bộ, 200.000 khen thưởng): cửa sổ PySide6 trống {med(bare):.3f} s; "
        f"tdkt-desktop đến lần vẽ đầu {med(app):.3f} s → tỉ lệ {med(ratios):.2f} (mục tiêu ≤ 1,5); "
        f"đến khi danh sách cán bộ hiện đủ {med(loaded):.3f} s → tỉ lệ {med(loaded_ratios):.2f}"
    ]


def _queries(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        name = bigdb.random_name(rng)
        words = name.split()
        kind = rng.random()
        if kind < 0.4:  # typed without diacritics, growing prefix
            text = " ".join(bigdb.fold(w) for w in words)[: rng.randint(3, 18)]
        elif kind < 0.6:
            text = " ".join(w[: rng.randint(1, 3)] for w in words)
        elif kind < 0.8:
            text = name
        else:
            text = f"cb{rng.randint(1, 19999):05d}"[: rng.randint(3, 7)]
        out.append(text)
    return out


def bench_search(db_path: Path, count: int = 200) -> list[str]:
    """Quick-search latency as the user sees it: query + results model + popup, per typed query."""
    from tdkt_desktop.db import staff as staff_db
    from tdkt_desktop.db.connection import open_database
    from tdkt_desktop.ui.shell.app import ensure_app
    from tdkt_desktop.ui.shell.quick_search import QuickSearch

    app = ensure_app()
    db = open_database(db_path)
    box = QuickSearch(db)
    box.show()
    queries = _queries(random.Random(11), count)
    widget_ms, db_ms = [], []
    for q in queries:
        t0 = time.perf_counter()
        box.run_search(q)
        app.processEvents()
        widget_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        staff_db.search_staff(db, q, limit=30)
        db_ms.append((time.perf_counter() - t0) * 1000)
    box.close()
    db.close()

    def pct(values, p):
        return sorted(values)[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]

    return [
        f"tìm nhanh ({count} truy vấn, 20.000 cán bộ): ô tìm + bảng kết quả p50 {pct(widget_ms, 50):.1f} ms, "
        f"p95 {pct(widget_ms, 95):.1f} ms (mục tiêu p95 < 30 ms); riêng truy vấn CSDL p50 "
        f"{pct(db_ms, 50):.2f} ms, p95 {pct(db_ms, 95):.2f} ms"
    ]


def other_benchmarks() -> list[str]:
    """Every ``bench_*.py`` beside this file, each exposing ``run() -> list[str]``."""
    lines = []
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        lines.extend(module.run())
    return lines


def main() -> int:
    """Print every figure."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-others", action="store_true")
    args = parser.parse_args()
    t0 = time.perf_counter()
    db_path = bigdb.build()
    print(f"cơ sở dữ liệu thử tải: {db_path} (dựng/đọc trong {time.perf_counter() - t0:.1f} s)")
    for line in bench_startup(db_path, args.runs) + bench_search(db_path):
        print(line, flush=True)
    if not args.skip_others:
        for line in other_benchmarks():
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # Skip interpreter teardown: PySide6 objects left from the search benchmark can abort it.
    os._exit(code)
