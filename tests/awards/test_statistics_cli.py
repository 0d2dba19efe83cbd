"""``tdkt-desktop statistics``: the computed table on the console and in Excel."""

from __future__ import annotations

from openpyxl import load_workbook

from tdkt_desktop.cli import main
from tdkt_desktop.db import statistics
from tdkt_desktop.db.connection import open_database
from tdkt_desktop.demo import build_demo


def test_statistics_command(tmp_path, capsys):
    path = tmp_path / "demo.db"
    db = open_database(path)
    build_demo(db)
    rows = statistics.award_counts(db, 2021, 2025)
    db.close()
    out = tmp_path / "tk.xlsx"
    assert main(["--db", str(path), "statistics", "--from", "2021", "--to", "2025", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    _, _, total = statistics.total(rows)
    assert f"Thống kê khen thưởng 2021–2025: {total} lượt" in text
    assert "Lao động tiên tiến" in text
    sheet = load_workbook(out)["Thống kê"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[2] == ["STT", "Danh hiệu/Hình thức", "Loại", "Cá nhân", "Tập thể", "Tổng"]
    assert values[-1][1] == "Tổng cộng" and values[-1][5] == total
    assert len(values) == 3 + len(rows) + 1
