"""UI: File-menu Excel actions, the import preview (good file, bad file, legacy encoding), export, template."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.importing.report import report_path
from tdkt_desktop.ui.transfer import menu as transfer_menu

HEAD = ["Mã cán bộ", "Họ và tên", "Đơn vị"]


def _book(path, rows, title="Cán bộ"):
    book = Workbook()
    ws = book.active
    ws.title = title
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def _drive(qtbot, action):
    """Run ``action`` on the import dialog once it is shown modally."""
    seen = {}

    def step():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, step)
            return
        try:
            seen["dialog"] = dialog
            seen["result"] = action(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, step)
    return seen


def test_menu_has_the_excel_actions_first(main_window):
    texts = [a.text() for a in main_window.file_menu.actions()]
    assert texts[:3] == ["Nhập từ Excel…", "Xuất ra Excel…", "Tải mẫu Excel trống…"]


def test_import_preview_then_import(main_window, qtbot, tmp_path, monkeypatch, qtmodeltester):
    path = _book(tmp_path / "moi.xlsx", [HEAD, ["CB900", "Lương Thị Mai", "Phòng Mới"], ["CB901", "Ma Văn Tú", None]])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    changed = []
    main_window.data_changed.connect(lambda: changed.append(1))

    def action(dialog):
        assert dialog.plan.ok and dialog.import_button.isEnabled()
        assert dialog.summary.record(0).added == 2
        qtmodeltester.check(dialog.summary)
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    _drive(qtbot, action)
    main_window.import_action.trigger()
    assert staff_db.find_by_code(main_window.db, "CB900").unit_name == "Phòng Mới"
    assert changed


def test_bad_file_shows_issues_writes_report_and_nothing_else(main_window, qtbot, tmp_path, qtmodeltester):
    path = _book(tmp_path / "sai.xlsx", [HEAD, ["CB900", "", "Phòng Mới"]])
    before = main_window.db["staff"].count

    def action(dialog):
        assert not dialog.import_button.isEnabled()
        assert dialog.issues.rowCount() == 1
        assert dialog.issues.record(0).column == "Họ và tên"
        assert "không có dòng nào" in dialog.headline.text() or "chưa nhập dòng nào" in dialog.headline.text()
        qtmodeltester.check(dialog.issues)

    seen = _drive(qtbot, action)
    assert transfer_menu.import_excel(main_window, str(path)) is False
    assert "dialog" in seen
    assert main_window.db["staff"].count == before
    assert report_path(path).exists()


def test_legacy_file_offers_conversion(main_window, qtbot, tmp_path):
    path = _book(tmp_path / "cu.xlsx", [["M· c¸n bé", "Hä vµ tªn"], ["CB950", "§Æng ThÞ H\xad¬ng"]], title="C¸n bé")

    def action(dialog):
        assert dialog.convert.isVisible() and dialog.convert.isChecked()
        assert "TCVN3" in dialog.convert.text()
        assert dialog.plan.ok
        dialog.convert.setChecked(False)  # refuse: the headers no longer match
        assert not dialog.plan.ok
        dialog.convert.setChecked(True)
        assert dialog.plan.ok
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    _drive(qtbot, action)
    assert transfer_menu.import_excel(main_window, str(path))
    assert staff_db.find_by_code(main_window.db, "CB950").full_name == "Đặng Thị Hương"


def test_export_and_template_from_the_menu(main_window, tmp_path, monkeypatch):
    target = tmp_path / "xuat"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    main_window.export_action.trigger()
    book = load_workbook(target.with_suffix(".xlsx"))
    assert book.sheetnames == ["Cán bộ", "Xếp loại", "Sáng kiến", "Khen thưởng", "Đăng ký thi đua"]
    assert book["Cán bộ"].max_row == main_window.db["staff"].count + 1
    template = tmp_path / "mau.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(template), ""))
    main_window.template_action.trigger()
    assert load_workbook(template)["Khen thưởng"].max_row == 1  # headers only; examples on "Hướng dẫn"
