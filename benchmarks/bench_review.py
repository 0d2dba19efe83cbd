"""Bình xét and Hội đồng on a large office, and the eligibility command: times against their budgets.

Usage: python benchmarks/bench_review.py [--staff N] [--years Y] [--runs R] [--skip-cli] [--office]

Builds (or reuses, cached by schema in the temp dir) the review database: 20,000 staff with 10 years of ratings,
about 200,000 awards, proposals and an open council meeting (``reviewdb.build_review``). Each window measurement
runs in a fresh child process on a fresh copy of the file, as a user would: a step's time runs from the action
until the page shows its result (the verdicts evaluated, the table painted). ``--office`` measures the realistic
office (2,000 staff, 15 years) where every interaction must stay under 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from measure import byte_compile, run_child, work_copy  # noqa: E402

#: step → (what, budget in s on the 20,000-staff office); on the realistic office every budget is 0.1 s.
STEPS = {
    "review_first_screen": ("Mở trang Bình xét năm: màn hình đầu có kết quả xét", 1.0),
    "review_open": ("Mở trang Bình xét năm: xét xong mọi người, mọi tập thể", 1.0),
    "review_space": ("Bình xét: một lần nhấn Space (đề nghị / bỏ đề nghị)", 0.1),
    "review_refresh_rating": ("Bình xét: cập nhật sau khi sửa xếp loại một người", 1.0),
    "review_refresh_decision": ("Bình xét: cập nhật sau quyết định khen thưởng một người", 1.0),
    "review_award": ("Bình xét: đổi danh hiệu xét", 1.0),
    "council_open": ("Mở trang Hội đồng TĐKT (danh sách đề nghị)", 0.5),
    "council_verdicts": ("Hội đồng: cột “Điều kiện” đủ cho mọi đề nghị", 0.5),
    "council_vote": ("Hội đồng: nhập số phiếu một người", 0.1),
}
CLI = {"cli_seconds": ("eligibility --year 2025 --json (thời gian)", 3.0, "s"),
       "cli_mib": ("eligibility --year 2025 --json (bộ nhớ đỉnh)", 300.0, "MiB")}

#: Measured with this script (``--before``) on the unchanged code (commit a711f09), in the same runs as the code
#: after the change, 2 cores shared with other work, offscreen: 20,000 staff × 10 years; the realistic office
#: (2,000 × 15) in OFFICE_BEFORE. The old page showed nothing before every verdict was ready: first screen = all.
BEFORE = {"review_first_screen": 8.139, "review_open": 8.139, "review_space": 0.151, "review_refresh_rating": 10.584,
          "review_refresh_decision": 9.479, "review_award": 0.329, "council_open": 6.382, "council_verdicts": 6.383,
          "council_vote": 6.306, "window_mib": 901.0, "cli_seconds": 16.44, "cli_mib": 1051.2}
OFFICE_BEFORE = {"review_first_screen": 0.804, "review_open": 0.803, "review_space": 0.015,
                 "review_refresh_rating": 0.868, "review_refresh_decision": 0.996, "review_award": 0.046,
                 "council_open": 0.618, "council_verdicts": 0.618, "council_vote": 0.509, "window_mib": 196.6}


#: The app measured: this checkout, or another one given with ``--before`` (e.g. the code before a change).
CODE = ROOT


def child(args: list[str]) -> tuple[float, float, str]:
    """Run ``python args`` with this interpreter: (seconds, peak MiB of the child itself, stdout)."""
    run = run_child(args, env={"PYTHONPATH": str(CODE), "TDKT_BENCH_CODE": str(CODE)})
    if run.code:
        raise RuntimeError(f"{' '.join(args)} exited {run.code}")
    return run.seconds, run.peak_mib, run.stdout


def window_steps(db: Path, scenario: str) -> tuple[dict, float]:
    with tempfile.TemporaryDirectory() as tmp:
        _s, peak, out = child([str(HERE / "review_window.py"), str(work_copy(db, Path(tmp))), scenario])
    return json.loads(out.strip().splitlines()[-1]), peak


def cli_run(db: Path, runs: int) -> dict:
    """``eligibility --year 2025 --json`` into a file (checked to be a JSON list), median time and peak memory."""
    times, peaks = [], []
    with tempfile.TemporaryDirectory() as tmp:
        copy = work_copy(db, Path(tmp))
        out = Path(tmp) / "out.json"
        for i in range(runs + 1):
            start = time.perf_counter()
            with open(out, "wb") as fh:
                proc = subprocess.Popen([sys.executable, "-m", "tdkt_desktop", "--db", str(copy), "eligibility",
                                         "--year", "2025", "--json"], stdout=fh, cwd=CODE,
                                        env={**os.environ, "PYTHONPATH": str(CODE)})
                _pid, status, usage = os.wait4(proc.pid, 0)
            if os.waitstatus_to_exitcode(status):
                raise RuntimeError("eligibility exited with an error")
            if i:  # the first run warms the page cache and sets the file up (WAL)
                times.append(time.perf_counter() - start)
                peaks.append(usage.ru_maxrss / 1024)
        # Checked in a child: loading 80 MB of JSON here would grow this process, and a child forked from a
        # large parent reports the parent's size as its own peak (ru_maxrss counts the pages before exec).
        _s, _m, counted = child(["-c", "import json, sys; print(len(json.load(open(sys.argv[1], encoding='utf-8'))))",
                                 str(out)])
    return {"cli_seconds": statistics.median(times), "cli_mib": max(peaks), "cli_verdicts": int(counted)}


def line(what: str, value: float, unit: str, budget: float, before: float | None) -> str:
    ratio = value / budget
    was = f"trước {before:8.3f} ({before / budget:6.2f}×)" if before is not None else " " * 27
    verdict = "đạt" if ratio <= 1 else "KHÔNG ĐẠT"
    return f"{what:<62} {was}  sau {value:8.3f} {unit:<3} ({ratio:5.2f}× ngân sách {budget:g} {unit}) {verdict}"


def measure(db: Path, runs: int, *, cli: bool) -> dict[str, float]:
    """Median of each step over ``runs`` fresh windows (Hội đồng and Bình xét each in its own), peak memories."""
    byte_compile(CODE)
    results: dict[str, list[float]] = {}
    peaks = []
    for _ in range(runs):
        for scenario in ("council", "review"):
            got, peak = window_steps(db, scenario)
            peaks.append(peak)
            for key, value in got.items():
                results.setdefault(key, []).append(value)
    out = {key: statistics.median(values) for key, values in results.items()}
    out["window_mib"] = max(peaks)
    if cli:
        out.update(cli_run(db, runs))
    return out


def main() -> None:
    global CODE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=20_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--office", action="store_true", help="the realistic office: 2,000 staff, 15 years")
    parser.add_argument("--before", type=Path, help="measure this checkout of the app too, as the 'before' column")
    args = parser.parse_args()
    if args.office:
        args.staff, args.years = 2_000, 15
    from reviewdb import build_review

    started = time.perf_counter()
    db = build_review(args.staff, args.years)
    print(f"Cơ sở dữ liệu: {db.name} ({args.staff:,} cán bộ × {args.years} năm; {time.perf_counter() - started:.1f} s)")
    office = args.staff <= 5_000
    cli = not args.skip_cli and not office
    if args.before:
        CODE = args.before.resolve()
        before = measure(db, args.runs, cli=cli)
        CODE = ROOT
        print(f"Trước: {args.before} (đo trong cùng lần chạy)")
    else:
        before = OFFICE_BEFORE if office else BEFORE if (args.staff, args.years) == (20_000, 10) else {}
        print("Trước: số đo đã ghi (commit a711f09)")
    after = measure(db, args.runs, cli=cli)
    for key, (what, budget) in STEPS.items():
        if key in after:
            print(line(what, after[key], "s", 0.1 if office else budget, before.get(key)))
    print(f"{'Bộ nhớ đỉnh của cửa sổ (Bình xét hoặc Hội đồng)':<62} trước {before.get('window_mib', float('nan')):8.0f}"
          f"            sau {after['window_mib']:8.0f} MiB")
    if cli:
        for key, (what, budget, unit) in CLI.items():
            print(line(what, after[key], unit, budget, before.get(key)))
        print(f"  ({after['cli_verdicts']:,} kết quả xét trong JSON)")
    print(json.dumps({"before": before, "after": after}))


if __name__ == "__main__":
    main()
