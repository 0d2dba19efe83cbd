"""Real faults for the safety tests: killed processes, a file-size limit, a second SQLite writer, byte flips."""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import tdkt_desktop

ROOT = Path(tdkt_desktop.__file__).resolve().parent.parent
ENV = {
    **os.environ,
    "PYTHONPATH": str(ROOT),
    "PYTHONDONTWRITEBYTECODE": "1",
    "QT_QPA_PLATFORM": "offscreen",
}


def size_limit(nbytes: int):
    """A ``preexec_fn``: no file this process writes may grow past ``nbytes`` (a full, tiny disk).

    SIGXFSZ is ignored so a write past the limit fails with EFBIG, as a write to a full disk fails
    with ENOSPC, instead of killing the process. Both settings survive ``exec``.
    """

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))

    return apply


def cli(*args: str, limit: int | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python -m tdkt_desktop ARGS`` in a fresh process (optionally on a tiny disk)."""
    return subprocess.run(
        [sys.executable, "-m", "tdkt_desktop", *args], env=ENV, capture_output=True, text=True,
        timeout=timeout, preexec_fn=size_limit(limit) if limit else None, check=False,
    )


def spawn(*args: str, code: str | None = None) -> subprocess.Popen:
    """Start the CLI (or a Python snippet) without waiting, to kill it mid-work."""
    argv = [sys.executable, "-c", code] if code else [sys.executable, "-m", "tdkt_desktop", *args]
    return subprocess.Popen(argv, env=ENV, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def kill_when(proc: subprocess.Popen, ready, *, delay: float = 0.0, timeout: float = 20) -> bool:
    """``kill -9`` the process once ``ready()`` is true (plus ``delay``); True if it was still running.

    ``ready`` looks for a file the child creates; no signal tells us that, so each check waits on the child's
    own exit for at most half a millisecond (``Popen.wait``), and returns at once when it has ended. The
    ``delay`` is the fault's random moment, also spent waiting on the child: if it finishes first, nothing is
    killed and the test sees the finished work.
    """
    deadline = time.monotonic() + timeout
    while not ready() and time.monotonic() < deadline and not _ended(proc, 0.0005):
        pass
    alive = not _ended(proc, delay) if delay else proc.poll() is None
    if alive:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    proc.stderr.close()
    proc.stdin.close()
    return alive


def _ended(proc: subprocess.Popen, seconds: float) -> bool:
    """Wait up to ``seconds`` for the child to exit; whether it has."""
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return False
    return True


def digest(path: Path) -> str | None:
    """SHA-256 of a file, None when it does not exist."""
    path = Path(path)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its digest: a before/after picture of the disk."""
    return {str(p.relative_to(folder)): digest(p) for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def flip(path: Path, old: bytes, new: bytes) -> None:
    """Overwrite the one occurrence of ``old`` in the file with ``new`` (same length): a damaged byte."""
    assert len(old) == len(new)
    data = bytearray(Path(path).read_bytes())
    assert data.count(old) == 1, f"{old!r} occurs {data.count(old)} times"
    at = data.index(old)
    data[at : at + len(old)] = new
    Path(path).write_bytes(bytes(data))


def copy_db(source: Path, target: Path) -> Path:
    """Copy a closed, checkpointed database file."""
    shutil.copyfile(source, target)
    return target


def hold_exclusive(path: Path, *, wal_exclusive: bool) -> subprocess.Popen:
    """Another program (a second sqlite3 connection in its own process) holding ``BEGIN EXCLUSIVE``.

    It inserts a row and waits; send a line on stdin to make it commit and exit. ``wal_exclusive``
    uses ``locking_mode=EXCLUSIVE`` (needed to shut WAL readers out), else the file is switched to a
    rollback journal first, where an exclusive transaction blocks every reader.
    """
    code = f"""
import sqlite3, sys
conn = sqlite3.connect({str(path)!r}, isolation_level=None)
if {wal_exclusive!r}:
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
else:
    conn.execute("PRAGMA journal_mode = DELETE")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("INSERT INTO settings(key, value) VALUES ('ghi_chu_khac', 'dòng mới nhất')")
print("ready", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
conn.close()
"""
    proc = spawn(code=code)
    assert proc.stdout.readline().strip() == b"ready", proc.stderr.read()
    return proc


def release(proc: subprocess.Popen) -> None:
    """Let the other program commit and exit."""
    proc.communicate(b"\n", timeout=20)
    assert proc.returncode == 0


WINDOW_OPEN = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication, QMessageBox
app = QApplication(["tdkt"])
shown = {"critical": [], "question": [], "information": [], "warning": []}
for kind in ("critical", "information", "warning"):
    setattr(QMessageBox, kind, staticmethod(lambda *a, _k=kind, **kw: shown[_k].append(a[2])))
def question(*a, **kw):
    shown["question"].append(a[2])
    return QMessageBox.StandardButton.Yes
QMessageBox.question = staticmethod(question)
if sys.argv[2] == "open":
    from tdkt_desktop.ui.shell.app import open_for_window
    shown["opened"] = open_for_window(Path(sys.argv[1])) is not None
else:  # the whole window: open, show, close after a moment, back up on close
    from PySide6.QtCore import QTimer
    from tdkt_desktop.ui.shell.app import run_window
    QTimer.singleShot(500, app.closeAllWindows)
    shown["exit"] = run_window(Path(sys.argv[1]))
print(json.dumps(shown))
"""


def open_window_in_child(path: Path, *, limit: int | None = None, run: bool = False) -> dict:
    """Run the window's start-up (every dialog answered "Yes") in a fresh process; ``run`` shows and closes it."""
    import json

    proc = subprocess.run(
        [sys.executable, "-c", WINDOW_OPEN, str(path), "run" if run else "open"], env=ENV, capture_output=True,
        text=True, timeout=60, preexec_fn=size_limit(limit) if limit else None, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def content(path: Path) -> list[str]:
    """The database's rows and schema as SQL text (read-only): equal lists mean no data lost or changed."""
    import sqlite3

    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def setting(path: Path, key: str) -> str | None:
    """One row of the settings table, read-only."""
    import sqlite3

    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    finally:
        conn.close()
    return row[0] if row else None
