"""File-menu hook: "Nhập từ Excel…", "Xuất ra Excel…", "Tải mẫu Excel trống…"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.changes import WriteFailed


def install(window) -> None:
    """Put the three Excel actions at the top of the Tệp menu."""
    menu = window.file_menu
    first = menu.actions()[0] if menu.actions() else None
    actions = []
    for text, slot in (
        ("Nhập từ Excel…", lambda: import_excel(window)),
        ("Xuất ra Excel…", lambda: export_excel(window)),
        ("Tải mẫu Excel trống…", lambda: save_template(window)),
    ):
        action = QAction(text, window)
        action.triggered.connect(slot)
        actions.append(action)
    if first is None:
        menu.addActions(actions)
        menu.addSeparator()
    else:
        menu.insertActions(first, actions)
        menu.insertSeparator(first)
    window.import_action, window.export_action, window.template_action = actions


def import_excel(window, path: str | None = None) -> bool:
    """Choose a file, preview it, and import it in one transaction when the user confirms."""
    from tdkt_desktop.importing.importer import apply_plan
    from tdkt_desktop.ui.transfer.import_dialog import ImportDialog

    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, "Nhập từ Excel", "", "Excel (*.xlsx);;Tất cả tệp (*)")
        if not path:
            return False
    dialog = ImportDialog(window.db, path, window)
    if not dialog.exec() or dialog.plan is None:
        return False
    plan = dialog.plan
    try:
        window.run_write(lambda: apply_plan(window.db, plan), changes.ALL)
    except WriteFailed:
        return False
    window.statusBar().showMessage(f"Đã nhập {plan.changes} dòng từ {Path(path).name}.", 8000)
    return True


def _save_path(window, title: str, name: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(window, title, name, "Excel (*.xlsx)")
    if not path:
        return None
    path = Path(path)
    return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")


def export_excel(window) -> None:
    """Export staff, ratings, initiatives and awards in the import format."""
    from tdkt_desktop.importing.exporter import export_workbook

    path = _save_path(window, "Xuất ra Excel", "du-lieu-thi-dua-khen-thuong.xlsx")
    if path is None:
        return
    from tdkt_desktop.errors import UserError

    try:
        counts = export_workbook(window.db, path)
    except UserError as exc:  # a text longer than an Excel cell holds: nothing was written
        QMessageBox.warning(window, "Không xuất được", str(exc))
        return
    except OSError as exc:  # the file is written under a temporary name: nothing half-written is left
        QMessageBox.critical(window, "Không ghi được tệp", f"Không ghi được “{path}”: {exc}")
        return
    window.statusBar().showMessage(
        f"Đã xuất {path.name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()), 8000
    )


def save_template(window) -> None:
    """Save the blank template (headers only; examples and notes on its "Hướng dẫn" sheet)."""
    from tdkt_desktop.importing.template import write_template

    path = _save_path(window, "Tải mẫu Excel trống", "mau-nhap-thi-dua-khen-thuong.xlsx")
    if path is None:
        return
    try:
        write_template(path)
    except OSError as exc:
        QMessageBox.critical(window, "Không ghi được tệp", f"Không ghi được “{path}”: {exc}")
        return
    window.statusBar().showMessage(f"Đã lưu tệp mẫu {path}", 8000)
