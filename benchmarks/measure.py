"""Child-process measurement (wall time and the child's own peak memory) and the result rows of the table."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The app's per-user folder for every child (backups, verified-file stamps): never the real home.
DATA_DIR = Path(tempfile.gettempdir()) / "tdkt-bench" / "data"


@dataclass
class Run:
    """One child process: seconds from spawn to exit, its peak resident memory, what it printed."""

    seconds: float
    peak_mib: float
    stdout: str
    code: int
    cpu: float = 0.0  # user + system seconds of the child (steadier than wall time on a busy machine)


#: Started by run_child: starts the measured child, then writes its wall time and rusage to the pipe it is given.
#: Why a go-between: a child's peak memory (ru_maxrss) starts at its parent's size when forked, and this runner
#: grows to hundreds of MiB (it builds the databases and the workbook); the go-between is small, so the peak
#: reported is the child's own.
_REAPER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:])
_pid, status, usage = os.wait4(proc.pid, 0)
report = [time.perf_counter() - start, usage.ru_maxrss, usage.ru_utime + usage.ru_stime,
          os.waitstatus_to_exitcode(status)]
os.write(int(sys.argv[1]), json.dumps(report).encode())
"""


def run_child(args: list[str], *, env: dict | None = None) -> Run:
    """Run ``python args…`` with this interpreter: its wall time, CPU time and peak memory, its own alone."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "TDKT_DATA_DIR": str(DATA_DIR),
               **(env or {})}
    read_end, write_end = os.pipe()
    try:
        proc = subprocess.Popen([sys.executable, "-c", _REAPER, str(write_end), sys.executable, *args],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=environ, cwd=ROOT,
                                pass_fds=(write_end,))
    finally:
        os.close(write_end)
    out = proc.stdout.read() if proc.stdout else b""
    proc.wait()
    with os.fdopen(read_end, "rb") as reports:
        seconds, maxrss, cpu, code = json.loads(reports.read() or b"[NaN, 0, 0, -1]")
    return Run(seconds, maxrss / 1024, out.decode("utf-8", "replace"), code, cpu)


def cli(db: Path, *args: str) -> Run:
    """The installed command's code path: ``python -m tdkt_desktop --db DB args…``."""
    run = run_child(["-m", "tdkt_desktop", "--db", str(db), *args])
    if run.code != 0:
        raise RuntimeError(f"tdkt-desktop {' '.join(args)} exited {run.code}")
    return run


def work_copy(source: Path, folder: Path, name: str = "work.sqlite") -> Path:
    """A fresh copy to run against: the cached database is never written."""
    target = folder / name
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


def clean_exit(db: Path) -> None:
    """Leave ``db`` as a user's clean, checked exit leaves it: WAL checkpointed and removed, no session
    marker, its stamp remembered. Children are killed with ``os._exit``, which leaves all three behind,
    and any one of them makes the next start check the whole file first (as it must after a crash)."""
    import sqlite3

    os.environ["TDKT_DATA_DIR"] = str(DATA_DIR)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    from tdkt_desktop import paths
    from tdkt_desktop.db.integrity import record_verified

    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # a connection reads nothing until asked
    conn.close()  # the last connection to close deletes the -wal
    paths.session_marker(db).unlink(missing_ok=True)
    record_verified(db)


def byte_compile(code: Path = ROOT) -> None:
    """Compile the app in checkout ``code`` once, as an installed copy has its bytecode cached (this environment
    sets PYTHONDONTWRITEBYTECODE, which would otherwise make every child compile from source)."""
    import compileall

    compileall.compile_dir(code / "tdkt_desktop", quiet=1, workers=1)
    compileall.compile_dir(ROOT / "benchmarks", quiet=1, workers=1)


@dataclass
class Row:
    """One line of the table: the measured value against its budget (``limit``) or baseline."""

    what: str
    value: float
    unit: str
    limit: float | None = None
    baseline: str = ""  # what value/limit compares against ("" = the budget)
    note: str = ""

    def ratio(self) -> float | None:
        """value ÷ limit (≤ 1 meets a budget); None without a limit."""
        if self.limit is None or not self.limit or math.isnan(self.value):
            return None
        return self.value / self.limit

    def text(self) -> str:
        """The printed line."""
        digits = {"s": ",.3f", "MiB": ",.0f"}.get(self.unit, ".2f")
        value = format(self.value, digits)
        line = f"{self.what:<84} {value:>9} {self.unit:<4}"
        ratio = self.ratio()
        if ratio is not None:
            verdict = "đạt" if ratio <= 1 else "KHÔNG ĐẠT"
            limit = f"{self.limit:g} {self.unit}" if self.unit != "×" else f"{self.limit:g}×"
            line += f" {ratio:6.2f} của {self.baseline or 'ngân sách'} {limit:<9} {verdict}"
        if self.note:
            line += f"  ({self.note})"
        return line
