"""Every benchmark in one run (``make bench``): each row of ISSUE 16's table as a ratio against its budget or baseline.

Usage: python benchmarks/run.py [--runs N] [--full] [--only SECTION …]

Databases (cached in the temp dir, keyed by schema): 20,000 and 100,000 staff with 10 years, and a realistic
office of 2,000 staff with 15 years. Windows and commands run as child processes on fresh copies, with the app
byte-compiled first, as an installed copy would be. ``--full`` adds Bình xét and Hội đồng at 100,000 staff.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import bigdb  # noqa: E402
from measure import Row, byte_compile, clean_exit, cli, run_child, work_copy  # noqa: E402

#: window.py step → (label, budget in s at 20,000/100,000 staff); on the realistic office every budget is 0.1 s.
#: Quick steps are repeated three times: the row shows the median, the note the first (cold) time.
STEPS = {
    "staff_filter": ("Lọc danh sách cán bộ", 0.1),
    "register_open": ("Mở Sổ khen thưởng (năm mới nhất)", 1.0),
    "register_all_years": ("Sổ khen thưởng: chọn “Tất cả” các năm", 0.3),
    "register_search": ("Sổ khen thưởng: tìm kiếm trên mọi năm", 0.3),
    "council_open": ("Mở trang Hội đồng TĐKT", 0.5),
    "review_open": ("Mở trang Bình xét năm", 1.0),
    "review_space": ("Bình xét: một lần nhấn Space (đề nghị)", 0.1),
}


def size(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def bench_startup(dbs: dict[int, Path], runs: int) -> list[Row]:
    """Whole process, start to the painted staff list, vs a bare PySide6 window with four tabs (alternating)."""
    script = str(HERE / "startup.py")
    with tempfile.TemporaryDirectory() as tmp:
        copies = {n: work_copy(path, Path(tmp), f"start{n}.sqlite") for n, path in dbs.items()}
        first = copies[min(copies)]
        commands = {"bare": [script, "--bare"], "floor": [script, "--floor", str(first)],
                    "floor_sqlite3": [script, "--floor-sqlite3", str(first)],
                    **{n: [script, "--app", str(p)] for n, p in copies.items()}}
        for cmd in commands.values():
            run_child(cmd)  # warm the page cache; the first app start also sets up WAL
        times: dict = {k: [] for k in commands}
        for _ in range(runs):
            for key, cmd in commands.items():
                if key in copies:
                    clean_exit(copies[key])
                run = run_child(cmd)
                if run.code:
                    raise RuntimeError(f"startup.py {cmd[1:]} exited {run.code}")
                times[key].append(run.seconds)
    bare = statistics.median(times["bare"])
    rows = [Row("Cửa sổ PySide6 trống (4 thẻ) đến lần vẽ đầu", bare, "s", note="mốc so sánh")]
    for key, label in (("floor_sqlite3", "sqlite3"), ("floor", "sqlite-utils")):
        floor = statistics.median(times[key])
        rows.append(Row(f"Sàn của nền qua {label}: cửa sổ trống, phông, bản dịch, 100 cán bộ (so với trống)",
                        floor / bare, "×", note=f"{floor:.3f} s"))
    for n in dbs:
        app = statistics.median(times[n])
        rows.append(Row(f"Khởi động đến danh sách cán bộ đã vẽ, {size(n)} cán bộ (so với cửa sổ trống)", app / bare,
                        "×", 1.5, note=f"{app:.3f} s"))
    return rows


def bench_pages(db: Path, scenario: str, label: str, *, office: bool = False) -> list[Row]:
    """One window, driven step by step (window.py); each step against its budget."""
    with tempfile.TemporaryDirectory() as tmp:
        run = run_child([str(HERE / "window.py"), str(work_copy(db, Path(tmp))), scenario])
    if run.code:
        raise RuntimeError(f"window.py {scenario} exited {run.code}")
    results = json.loads(run.stdout.strip().splitlines()[-1])
    rows = []
    for key, (what, budget) in STEPS.items():
        if key in results:
            first = results.get(key + "_first", results[key])
            note = f"lần đầu {first:.3f} s" if abs(first - results[key]) > 0.0005 else ""
            rows.append(Row(f"{what}, {label}", results[key], "s", 0.1 if office else budget, note=note))
    return rows


def bench_memory(db: Path, label: str) -> list[Row]:
    """Peak memory of the window after opening every page (Bình xét and Hội đồng with everybody judged)."""
    with tempfile.TemporaryDirectory() as tmp:
        run = run_child([str(HERE / "window.py"), str(work_copy(db, Path(tmp))), "visit"])
    if run.code:
        raise RuntimeError(f"window.py visit exited {run.code}")
    return [Row(f"Bộ nhớ đỉnh của cửa sổ sau khi mở mọi trang (Bình xét đã xét xong), {label}", run.peak_mib, "MiB",
                400)]


def bench_commands(db20: Path) -> list[Row]:
    """eligibility --json, import of 50,000 rows into a new file, export of the 20,000-staff database."""
    from bench_import import big_workbook

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        copy = work_copy(db20, folder)
        cli(copy, "check")  # opens once: WAL set up, page cache warm, as for a user's second command
        run = cli(copy, "eligibility", "--year", "2025", "--json")
        rows += [Row("eligibility --year 2025 --json, 20.000 cán bộ", run.seconds, "s", 3.0,
                     note=f"CPU {run.cpu:.1f} s"),
                 Row("eligibility --year 2025 --json: bộ nhớ đỉnh", run.peak_mib, "MiB", 300)]
        book = big_workbook()
        run = cli(folder / "new.sqlite", "import", str(book))
        rows += [Row("Nhập 50.000 dòng Excel vào tệp mới", run.seconds, "s", 10.0, note=f"CPU {run.cpu:.1f} s"),
                 Row("Nhập 50.000 dòng: bộ nhớ đỉnh", run.peak_mib, "MiB", 300)]
        run = cli(copy, "export", str(folder / "out.xlsx"))
        rows += [Row("Xuất Excel toàn bộ CSDL 20.000 cán bộ", run.seconds, "s", 15.0, note=f"CPU {run.cpu:.1f} s"),
                 Row("Xuất Excel: bộ nhớ đỉnh", run.peak_mib, "MiB", 300)]
    return rows


def bench_search(db_path: Path, count: int = 200) -> list[Row]:
    """Quick-search latency as the user sees it: query + results model + popup, per typed query (in process)."""
    from tdkt_desktop.db.connection import open_database
    from tdkt_desktop.text import fold
    from tdkt_desktop.ui.shell.app import ensure_app
    from tdkt_desktop.ui.shell.quick_search import QuickSearch

    app = ensure_app()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(work_copy(db_path, Path(tmp)))
        box = QuickSearch(db)
        box.show()
        rng = random.Random(11)
        times = []
        for _ in range(count):
            name = bigdb.random_name(rng)
            kind = rng.random()
            if kind < 0.4:  # typed without diacritics, growing prefix
                text = fold(name)[: rng.randint(3, 18)]
            elif kind < 0.6:
                text = " ".join(w[: rng.randint(1, 3)] for w in name.split())
            elif kind < 0.8:
                text = name
            else:
                text = f"cb{rng.randint(1, 19999):06d}"[: rng.randint(3, 8)]
            start = time.perf_counter()
            box.run_search(text)
            app.processEvents()
            times.append(time.perf_counter() - start)
        box.close()
        db.close()
    p95 = sorted(times)[int(0.95 * (len(times) - 1))]
    return [Row(f"Tìm nhanh ({count} truy vấn), p95, 20.000 cán bộ", p95, "s", 0.030,
                note=f"p50 {statistics.median(times) * 1000:.1f} ms")]


def main() -> int:
    """Build (or reuse) the databases, then print every row as it is measured."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="start-up runs per side (median)")
    parser.add_argument("--full", action="store_true", help="also Bình xét and Hội đồng at 100,000 staff")
    parser.add_argument("--only", nargs="*", default=None,
                        help="sections: startup pages memory commands certificates search small features")
    args = parser.parse_args()
    wanted = set(args.only or ["startup", "pages", "memory", "commands", "certificates", "search", "small",
                               "features"])
    t0 = time.perf_counter()
    byte_compile()
    db20, db100, office = bigdb.build(20_000), bigdb.build(100_000), bigdb.build(2_000, years=15)
    print(f"CSDL thử tải trong {bigdb.CACHE} (dựng/đọc {time.perf_counter() - t0:.1f} s)", flush=True)
    sections = [
        ("startup", lambda: bench_startup({20_000: db20, 100_000: db100}, args.runs)),
        ("pages", lambda: bench_pages(db20, "pages", "20.000 cán bộ")),
        ("pages", lambda: bench_pages(db100, "pages" if args.full else "light", "100.000 cán bộ")),
        ("pages", lambda: bench_pages(office, "pages", "cơ quan 2.000 cán bộ × 15 năm", office=True)),
        ("memory", lambda: bench_memory(db100, "100.000 cán bộ")),
        ("commands", lambda: bench_commands(db20)),
        ("certificates", lambda: __import__("bench_certificates").run(db20)),
        ("search", lambda: bench_search(db20)),
        ("small", lambda: __import__("bench_eligibility").run() + __import__("bench_import").run()),
    ]
    rows: list[Row] = []
    for name, section in sections:
        if name in wanted:
            for row in section():
                rows.append(row)
                print(row.text(), flush=True)
    if "features" in wanted:  # blocs and campaigns print their own lines against their targets
        for module in ("bench_blocs", "bench_campaigns"):
            for line in __import__(module).run():
                print(line, flush=True)
    failed = [r for r in rows if (r.ratio() or 0) > 1]
    elapsed = time.perf_counter() - t0
    print(f"\n{len(rows) - len(failed)}/{len(rows)} dòng trong ngân sách; tổng thời gian {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # Skip interpreter teardown: PySide6 objects left from the search benchmark can abort it.
    os._exit(code)
