"""The frozen build (dist/tdkt-desktop) runs the app's commands with no Python, virtualenv or PYTHONPATH.

Skipped unless the bundle exists: `make test-dist` builds it first, `make test` leaves it alone.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pdfutil import page_count, pdf_text

from tdkt_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "tdkt-desktop"
# On Windows the window executable has no console; the commands run through its console twin.
EXE = BUNDLE / ("tdkt-desktop-cli.exe" if sys.platform == "win32" else "tdkt-desktop")

pytestmark = pytest.mark.skipif(not EXE.is_file(), reason="no bundle in dist/tdkt-desktop (make dist)")


def _clean_env(home: Path) -> dict[str, str]:
    """What an office PC has: system folders on PATH, a home and data folder; no venv, no Python variables."""
    env = {"HOME": str(home), "TDKT_DATA_DIR": str(home / "data")}
    if sys.platform == "win32":
        system_root = os.environ["SYSTEMROOT"]
        env.update(SYSTEMROOT=system_root, PATH=str(Path(system_root) / "System32"), USERPROFILE=str(home),
                   LOCALAPPDATA=str(home / "AppData" / "Local"), APPDATA=str(home / "AppData" / "Roaming"),
                   TEMP=str(home), TMP=str(home))
    else:
        env.update(PATH="/usr/bin:/bin", LANG="C.UTF-8")
    return env


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    home = tmp_path_factory.mktemp("office-pc")
    env = _clean_env(home)
    assert not any(key.startswith("PYTHON") or key == "VIRTUAL_ENV" for key in env)

    def run(*args: str, timeout: float = 120) -> str:
        done = subprocess.run([str(EXE), *args], env=env, cwd=home, capture_output=True, timeout=timeout,
                              encoding="utf-8", errors="replace")
        assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
        return done.stdout

    run.home = home
    return run


@pytest.fixture(scope="module")
def demo(run):
    path = run.home / "demo.sqlite"
    out = run("--db", str(path), "demo", "--no-window")
    assert "61 cán bộ" in out
    return path


def _awardees(path: Path, number: str, year: int) -> list[str]:
    """The people on the decision with this number and year, read from the demo file."""
    with sqlite3.connect(path) as conn:
        decision = conn.execute("SELECT id FROM decisions WHERE number = ? AND year = ?", (number, year)).fetchone()
        rows = conn.execute("SELECT s.full_name FROM awards a JOIN staff s ON s.id = a.staff_id "
                            "WHERE a.decision_id = ? ORDER BY a.position", decision).fetchall()
    return [name for (name,) in rows]


def test_version_says_frozen(run):
    assert run("--version").startswith(f"tdkt-desktop {__version__} (bản đóng gói, Python 3.")


def test_print_certificates_and_decision_carry_the_names(run, demo, tmp_path):
    people = _awardees(demo, "28/QĐ-SKHCN", 2025)
    certificates = tmp_path / "giay-khen.pdf"
    out = run("--db", str(demo), "print", "certificates", "--decision", "28/QĐ-SKHCN", "-o", str(certificates))
    assert f"Đã in {page_count(certificates.read_bytes())} giấy khen" in out
    text = pdf_text(certificates.read_bytes()).casefold()
    assert people and all(name.casefold() in text for name in people), people
    assert "giấy khen" in text

    # Numbering restarts each year: the demo has 11/QĐ-SKHCN in 2025 and in 2026, so the year picks one.
    people = _awardees(demo, "11/QĐ-SKHCN", 2025)
    decision = tmp_path / "quyet-dinh.pdf"
    run("--db", str(demo), "print", "decision", "--decision", "11/QĐ-SKHCN", "--year", "2025", "-o", str(decision))
    text = pdf_text(decision.read_bytes())
    assert "Về việc công nhận danh hiệu Lao động tiên tiến" in text
    assert len(people) > 40 and [name for name in people if name not in text] == []


def test_eligibility_json(run, demo):
    verdicts = json.loads(run("--db", str(demo), "eligibility", "--year", "2025", "--json"))
    with sqlite3.connect(demo) as conn:
        names = {row[0] for row in conn.execute("SELECT full_name FROM staff")}
    people = [v for v in verdicts if "staff_code" in v]
    assert people and {v["name"] for v in people} <= names
    assert any(v["eligible"] for v in people) and any(not v["eligible"] for v in people)
    assert any("Chiến sĩ thi đua cơ sở" in reason for v in people for reason in v["reasons"])


def test_check_and_backup(run, demo):
    assert "không có lỗi" in run("--db", str(demo), "check")
    assert "Đã sao lưu vào" in run("--db", str(demo), "backup")


def test_screenshots_are_real_pictures(run, demo, tmp_path, qapp):
    from PySide6.QtGui import QImage

    out = run("--db", str(demo), "screenshots", str(tmp_path / "shots"))
    files = [Path(line) for line in out.splitlines() if line.endswith(".png")]
    assert len(files) >= 5
    for file in files:
        image = QImage(str(file))
        # Right-click menus and small questions are about 200 px wide; tabs and dialogs are wider.
        assert not image.isNull() and image.width() >= 150, file
        colours = {image.pixel(x, y) for x in range(0, image.width(), 5) for y in range(0, image.height(), 5)}
        assert len(colours) > 10, f"{file} is blank"


def test_ships_licences_and_guide():
    for name in ("LICENSE.txt", "THIRD-PARTY.txt", "HUONG-DAN-CAI-DAT.txt"):
        assert (BUNDLE / name).stat().st_size > 1000, name
    notice = (BUNDLE / "THIRD-PARTY.txt").read_text(encoding="utf-8-sig")
    for needle in ("PySide6_Essentials", "reportlab", "GNU LESSER GENERAL PUBLIC LICENSE", "SIL OPEN FONT LICENSE"):
        assert needle in notice
    fonts = next(BUNDLE.rglob("resources/fonts"))
    assert {p.name for p in fonts.glob("*OFL*")} == {"BeVietnamPro-OFL.txt", "LiberationSerif-OFL.txt"}


def test_export_then_import_into_a_new_file(run, demo, tmp_path):
    workbook = tmp_path / "can-bo.xlsx"
    assert "Cán bộ 61 dòng" in run("--db", str(demo), "export", str(workbook))
    # Registrations name campaigns, which an import never creates: a new file takes the other sheets.
    import openpyxl

    book = openpyxl.load_workbook(workbook)
    del book["Đăng ký thi đua"]
    book.save(workbook)
    fresh = tmp_path / "moi.sqlite"
    assert "Đã nhập xong" in run("--db", str(fresh), "import", str(workbook))
    with sqlite3.connect(fresh) as conn:
        assert conn.execute("SELECT count(*) FROM staff").fetchone()[0] == 61


def test_statistics_report(run, demo, tmp_path):
    report = tmp_path / "thong-ke.pdf"
    run("--db", str(demo), "print", "statistics", "--from", "2021", "--to", "2025", "-o", str(report))
    assert "Kết quả công tác khen thưởng giai đoạn 2021–2025" in pdf_text(report.read_bytes())
