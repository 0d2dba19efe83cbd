"""1,000 certificates into one PDF: the whole ``tdkt-desktop print certificates`` command vs a raw ReportLab script.

Target (ISSUE 16): ratio ≤ 1.3. Both are whole processes on the same database and the same 1,000 award
lines: the command opens the database, plans the register's serials, fits every field and records the
printing; the script (raw_certificates.py) reads the lines with sqlite3 and draws fixed texts. Medians of
alternating runs, each command run on a fresh copy (so every run hands out new serials, none reprints).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bigdb import CERTIFICATE_DECISION, CERTIFICATES
from measure import Row, cli, run_child, work_copy

RUNS = 5
HERE = Path(__file__).resolve().parent


def run(db_path: Path, runs: int = RUNS) -> list[Row]:
    """The ratio of medians, with both times."""
    app_s, raw_s, app_cpu, raw_cpu = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        raw_cmd = [str(HERE / "raw_certificates.py"), str(db_path), CERTIFICATE_DECISION, str(folder / "raw.pdf")]
        run_child(raw_cmd)  # warm the page cache and the font files
        for i in range(runs):
            copy = work_copy(db_path, folder, f"cert{i}.sqlite")
            app = cli(copy, "print", "certificates", "--decision", CERTIFICATE_DECISION, "-o", str(folder / "app.pdf"))
            app_s.append(app.seconds)
            app_cpu.append(app.cpu)
            raw = run_child(raw_cmd)
            if raw.code:
                raise RuntimeError("raw_certificates.py failed")
            raw_s.append(raw.seconds)
            raw_cpu.append(raw.cpu)
            copy.unlink()
    app, raw = statistics.median(app_s), statistics.median(raw_s)
    return [Row(f"{CERTIFICATES:,} giấy khen, cả lệnh in so với ReportLab thuần", app / raw, "×", 1.3,
                note=f"lệnh {app:.2f} s, ReportLab thuần {raw:.2f} s; "
                     f"CPU {statistics.median(app_cpu) / statistics.median(raw_cpu):.2f}×")]


if __name__ == "__main__":
    from bigdb import build

    print("\n".join(r.text() for r in run(build())))
