"""``demo`` is one unit of work: a kill -9 at any moment leaves no half demo, and a half demo is rebuilt."""

from __future__ import annotations

import random
import sqlite3

from safety import faultkit as fk

from tdkt_desktop.cli import main
from tdkt_desktop.db.connection import open_database


def _counts(path):
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("staff", "awards"))
    finally:
        conn.close()


def test_kill_during_demo_leaves_nothing_or_the_whole_demo(tmp_path, tally, demo_counts):
    whole = demo_counts[:2]
    target = tmp_path / "tdkt-demo.sqlite"
    rng = random.Random(7)
    mid_build = 0
    for _ in range(10):
        proc = fk.spawn("--db", str(target), "demo", "--no-window")
        parts = []

        def building(parts=parts):
            parts[:] = list(tmp_path.glob(".tdkt-demo.sqlite.*.tao-mau.tmp*"))
            return bool(parts)

        if fk.kill_when(proc, building, delay=rng.uniform(0, 0.25)):
            tally.injected("kill -9")
            mid_build += bool(parts) and not target.exists()
        if target.exists():
            assert _counts(target) == whole, "a demo under the real name is always complete"
    assert mid_build >= 5, "most kills must land while the demo is being built"
    assert main(["--db", str(target), "demo", "--no-window"]) == 0
    assert _counts(target) == whole
    assert not list(tmp_path.glob(".tdkt-demo.sqlite.*")), "what killed builds left is cleared"


def test_half_demo_from_an_older_build_is_rebuilt_not_reported_done(tmp_path, capsys, tally, demo_counts):
    from tdkt_desktop.demo import office

    target = tmp_path / "tdkt-demo.sqlite"
    db = open_database(target)
    office.build(db)  # what an older build left when killed after its first part: staff, no awards
    db.close()
    tally.injected("demo dở dang (kill -9 ở bản cũ)")
    assert _counts(target) == (demo_counts[0], 0)
    assert main(["--db", str(target), "demo", "--no-window"]) == 0
    assert f"{demo_counts[0]} cán bộ, {demo_counts[1]} lượt khen thưởng" in capsys.readouterr().out
    assert _counts(target) == demo_counts[:2]
