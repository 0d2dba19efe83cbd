"""The import error report: a small .xlsx written next to the imported file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tdkt_desktop.importing.importer import ImportPlan
from tdkt_desktop.importing.saving import append_text_safe, save_atomically


def report_path(source: Path | str) -> Path:
    """Where the report for ``source`` goes: 'ds.xlsx' → 'ds-bao-cao-loi.xlsx' in the same folder."""
    source = Path(source)
    return source.with_name(f"{source.stem}-bao-cao-loi.xlsx")


def write_report(plan: ImportPlan, path: Path | str | None = None) -> Path:
    """Write one row per issue (sheet, row, column, value, reason); returns the file written.

    Raises:
        OSError: the folder is not writable.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    target = Path(path) if path else report_path(plan.path)
    book = Workbook()
    ws = book.active
    ws.title = "Báo cáo lỗi"
    append_text_safe(ws, [f"Báo cáo nhập dữ liệu từ tệp “{plan.path.name}”"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([f"Lúc {dt.datetime.now():%H:%M %d/%m/%Y}: {len(plan.issues)} lỗi; không dòng nào được nhập."])
    ws.append([])
    ws.append(["Trang", "Dòng", "Cột", "Giá trị", "Lý do"])
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for issue in plan.issues:
        # The value column repeats what the user typed: "=HYPERLINK(…)" must stay text, not a live formula.
        append_text_safe(ws, [issue.sheet or "(tệp)", issue.row or None, issue.column or None, issue.value or None,
                              issue.reason])
    for column, width in zip("ABCDE", (16, 8, 24, 30, 100), strict=True):
        ws.column_dimensions[column].width = width
    save_atomically(book, target)
    return target
