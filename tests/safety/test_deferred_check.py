"""A reading command checks a file as a clean, checked session left it beside its work, and still refuses damage."""

from __future__ import annotations

import os
import sqlite3
import threading

import pytest

from tdkt_desktop.cli import main
from tdkt_desktop.db import integrity
from tdkt_desktop.db.integrity import record_verified, unchanged_since_verified

ELIGIBILITY = ["eligibility", "--year", "2025", "--json"]


@pytest.fixture
def checks(monkeypatch):
    """Every integrity check started beside a command (to tell the deferred path from the checked-first one)."""
    started = []

    class Counted(integrity.IntegrityCheck):
        def __init__(self, *args, **kwargs):
            started.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(integrity, "IntegrityCheck", Counted)
    return started


def _scribble_audit_log(path, *, keep_stamp: bool) -> None:
    """Overwrite the audit log's first page in place: nothing eligibility reads, only quick_check notices.

    ``keep_stamp``: put the size and modification time back, as damage from a failing disk leaves them.
    """
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'audit_log'").fetchone()[0]
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    before = path.stat()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page + 8)
        fh.write(b"\x07" * 192)
    if keep_stamp:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


def _no_check_running() -> bool:
    return not [t for t in threading.enumerate() if t.name == "tdkt-quick-check"]


def test_verified_file_is_checked_beside_and_prints_the_same(demo_file, capsys, checks):
    assert main(["--db", str(demo_file), *ELIGIBILITY]) == 0  # never verified here: checked first
    first = capsys.readouterr().out
    assert checks == [] and json_list(first)
    record_verified(demo_file)
    assert main(["--db", str(demo_file), *ELIGIBILITY]) == 0
    assert capsys.readouterr().out == first
    (check,) = checks
    assert check.done and check.error is None and _no_check_running()
    assert main(["--db", str(demo_file), "eligibility", "--year", "2025"]) == 0  # the readable list too
    assert "Xét năm 2025" in capsys.readouterr().out and len(checks) == 2


@pytest.mark.parametrize("args", [ELIGIBILITY, ["eligibility", "--year", "2025"]], ids=["json", "text"])
def test_damage_that_kept_the_stamp_still_fails_the_command(demo_file, capsys, checks, tally, args):
    record_verified(demo_file)
    _scribble_audit_log(demo_file, keep_stamp=True)
    tally.injected("trang hỏng trong tệp đã kiểm tra (giữ nguyên cỡ và giờ sửa)")
    assert unchanged_since_verified(demo_file)  # looks as the clean session left it: checked beside
    assert main(["--db", str(demo_file), *args]) == 1
    out, err = capsys.readouterr()
    assert out == "", "nothing of the result is printed from a damaged file"
    assert "bị hỏng" in err and str(demo_file) in err
    assert len(checks) == 1 and _no_check_running()


def test_damage_written_normally_is_checked_before_anything_is_read(demo_file, capsys, checks, tally):
    record_verified(demo_file)
    _scribble_audit_log(demo_file, keep_stamp=False)  # a write moves the modification time
    tally.injected("trang hỏng ghi sau lần kiểm tra")
    assert not unchanged_since_verified(demo_file)
    assert main(["--db", str(demo_file), *ELIGIBILITY]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "bị hỏng" in err and checks == []


def test_a_check_that_cannot_run_has_not_passed(tmp_path):
    def broken(path):
        raise RuntimeError("ổ đĩa ngắt kết nối")

    check = integrity.IntegrityCheck(tmp_path / "a.sqlite", check=broken)
    with pytest.raises(integrity.DatabaseOpenError, match="Không kiểm tra được"):
        check.wait()


def json_list(text: str) -> list:
    import json

    return json.loads(text)
