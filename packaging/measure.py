"""Bundle size and start-up of the frozen app against the installed one, same machine, same run.

Usage: .venv/bin/python packaging/measure.py [--runs 7]   (after `make dist`)

Each command runs alternately frozen (dist/tdkt-desktop) and installed (the ``tdkt-desktop`` script beside
this Python), after one untimed warm-up each; the table gives medians and the frozen/installed ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "tdkt-desktop"


def folder_size(folder: Path) -> int:
    """Bytes of regular files (a symbolic link is stored once, as a link)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    """Print size, then one line per command: frozen median, installed median, ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    exe_name = "tdkt-desktop-cli.exe" if sys.platform == "win32" else "tdkt-desktop"
    frozen = BUNDLE / exe_name
    installed = Path(sys.executable).parent / ("tdkt-desktop.exe" if sys.platform == "win32" else "tdkt-desktop")
    if not frozen.is_file() or not installed.is_file():
        raise SystemExit(f"need {frozen} (make dist) and {installed} (pip install -e .)")
    print(f"bundle {BUNDLE}: {folder_size(BUNDLE) / 1e6:.1f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "TDKT_DATA_DIR": tmp, "QT_QPA_PLATFORM": "offscreen"}
        demo = Path(tmp) / "demo.sqlite"
        subprocess.run([str(installed), "--db", str(demo), "demo", "--no-window"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        commands = {
            "--version": ["--version"],
            "check (demo)": ["--db", str(demo), "check"],
            "screenshots (demo)": ["--db", str(demo), "screenshots", str(Path(tmp) / "shots")],
        }
        print(f"{'command':<20}{'frozen s':>10}{'installed s':>13}{'ratio':>8}   (median of {args.runs})")
        for label, rest in commands.items():
            times: dict[str, list[float]] = {"frozen": [], "installed": []}
            for exe in (frozen, installed):  # warm-up: page cache, .pyc files
                _timed([str(exe), *rest], env)
            for _ in range(args.runs):
                times["frozen"].append(_timed([str(frozen), *rest], env))
                times["installed"].append(_timed([str(installed), *rest], env))
            f, i = statistics.median(times["frozen"]), statistics.median(times["installed"])
            print(f"{label:<20}{f:>10.3f}{i:>13.3f}{f / i:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
