"""Excel import as an officer meets it: the blank template changes nothing; the preview lists every change."""

from __future__ import annotations

from helpers import button_with_text, when_modal
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from transfer.test_import_ui import _book

from tdkt_desktop.cli import main
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import units as units_db
from tdkt_desktop.db.connection import open_database
from tdkt_desktop.ui.transfer.import_dialog import ImportDialog

DIRECTOR = "Hoàng Văn Thắng"  # CB001 in the demo office


def _changes_file(path):
    """CB001 renamed and moved to a unit that does not exist yet; one new person there."""
    return _book(path, [
        ["Mã cán bộ", "Họ và tên", "Chức vụ", "Đơn vị"],
        ["CB001", "Nguyễn Văn An", "Giám đốc", "Ban Giám đốc"],
        ["CB900", "Lương Thị Mai", "Chuyên viên", "VP Sở"],
    ])


def test_importing_the_blank_template_changes_nobody(main_window, qtbot, tmp_path, monkeypatch):
    template = tmp_path / "mau.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(template), ""))
    main_window.template_action.trigger()
    book = load_workbook(template)
    assert book.sheetnames == ["Cán bộ", "Xếp loại", "Sáng kiến", "Khen thưởng", "Đăng ký thi đua", "Hướng dẫn"]
    assert [book[name].max_row for name in book.sheetnames[:5]] == [1, 1, 1, 1, 1]  # headers only
    guide = [str(c.value) for row in book["Hướng dẫn"].iter_rows() for c in row if c.value]
    assert "Nguyễn Văn An" in guide and any("Bắt buộc" in text for text in guide)
    before = staff_db.find_by_code(main_window.db, "CB001")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(template), ""))
    seen = {}

    def look_then_import(dialog):
        seen["enabled"] = dialog.import_button.isEnabled()
        seen["headline"] = dialog.headline.text()
        if dialog.import_button.isEnabled():  # what a user would do next
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        else:
            dialog.reject()

    when_modal(look_then_import)
    main_window.import_action.trigger()
    assert seen["enabled"] is False
    assert "chưa nhập dòng nào" in seen["headline"]
    assert staff_db.find_by_code(main_window.db, "CB001") == before
    assert before.full_name == DIRECTOR


def test_preview_lists_each_change_and_asks_before_changing_people(main_window, qtbot, tmp_path, qtmodeltester):
    db = main_window.db
    path = _changes_file(tmp_path / "sua.xlsx")
    seen: dict = {}

    def review(dialog: ImportDialog):
        qtmodeltester.check(dialog.change_model)
        seen["lines"] = [f"{dialog.change_model.index(r, 0).data()}: {dialog.change_model.index(r, 1).data()}"
                         for r in range(dialog.change_model.rowCount())]
        seen["visible"] = dialog.changes_view.isVisible() and not dialog.issues_view.isVisible()

        def look_again(box):
            seen["question"] = box.text()
            qtbot.mouseClick(button_with_text(box, "Xem lại"), Qt.MouseButton.LeftButton)

        when_modal(look_again, after=dialog)
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        seen["still_open"] = dialog.isVisible()
        seen["unchanged"] = staff_db.find_by_code(db, "CB001").full_name

        when_modal(lambda box: qtbot.mouseClick(button_with_text(box, "Nhập và sửa"), Qt.MouseButton.LeftButton),
                   after=dialog)
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    when_modal(review)
    from tdkt_desktop.ui.transfer import menu as transfer_menu

    assert transfer_menu.import_excel(main_window, str(path))
    assert seen["lines"] == [
        f"Sửa cán bộ: CB001 · Họ và tên: {DIRECTOR} → Nguyễn Văn An",
        "Thêm cán bộ: CB900 · Lương Thị Mai (VP Sở)",
        "Đơn vị mới: VP Sở",
    ]
    assert seen["visible"]
    assert "sửa thông tin của 1 người" in seen["question"] and f"CB001 {DIRECTOR}" in seen["question"]
    assert seen["still_open"] and seen["unchanged"] == DIRECTOR  # "Xem lại" wrote nothing
    assert staff_db.find_by_code(db, "CB001").full_name == "Nguyễn Văn An"
    assert staff_db.find_by_code(db, "CB900").unit_name == "VP Sở"
    assert units_db.find_unit(db, "VP Sở") is not None


def test_dry_run_prints_the_same_list_and_writes_nothing(tmp_path, capsys):
    target = tmp_path / "demo.sqlite"
    assert main(["--db", str(target), "demo", "--no-window"]) == 0
    path = _changes_file(tmp_path / "sua.xlsx")
    capsys.readouterr()
    assert main(["--db", str(target), "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Các thay đổi sẽ ghi (3):\n" in out
    assert f"  Sửa cán bộ: CB001 · Họ và tên: {DIRECTOR} → Nguyễn Văn An\n" in out
    assert "  Thêm cán bộ: CB900 · Lương Thị Mai (VP Sở)\n" in out
    assert "  Đơn vị mới: VP Sở\n" in out
    db = open_database(target)
    try:
        assert staff_db.find_by_code(db, "CB001").full_name == DIRECTOR
        assert staff_db.find_by_code(db, "CB900") is None
    finally:
        db.close()
