"""Catalog and initiative dialogs: a refused save opens the dialog again with what was typed; a good one writes."""

from __future__ import annotations

from awards.test_awards_ui import awards_page
from helpers import run_modal, type_text
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from tdkt_desktop.db import catalog
from tdkt_desktop.db import ratings as ratings_db


def save_button(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)


def save_then(qtbot, dialog, again) -> None:
    """Click Save; when the dialog is shown again (the write was refused), run ``again`` on it."""
    def reopened():
        if QApplication.activeModalWidget() is not dialog:
            QTimer.singleShot(10, reopened)
            return
        again(dialog)

    QTimer.singleShot(0, reopened)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)


def test_editing_a_type_to_a_taken_name_reopens_the_dialog(main_window, qtbot, monkeypatch):
    db = main_window.db
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    page = awards_page(main_window, "Danh mục khen thưởng")
    edited = page.model.record(0)
    taken = next(t for t in catalog.list_award_types(db, active_only=False)
                 if t.target == edited.target and t.code != edited.code)
    seen = {}

    def good_name(dialog):
        seen["kept"] = dialog.name.text()
        dialog.name.clear()
        type_text(dialog.name, "Danh hiệu đổi tên để thử")
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    def taken_name(dialog):
        dialog.name.clear()
        type_text(dialog.name, taken.name)
        save_then(qtbot, dialog, good_name)

    page.table.selectRow(0)
    run_modal(qtbot, page.edit_button.click, taken_name)
    assert seen["kept"] == taken.name and "trùng với một loại đã có" in warnings[0]
    assert catalog.get_award_type(db, edited.code).name == "Danh hiệu đổi tên để thử"


def test_a_refused_initiative_reopens_and_cancel_writes_nothing(main_window, qtbot, monkeypatch):
    db = main_window.db
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    page = awards_page(main_window, "Xếp loại, sáng kiến")
    page.year.setValue(2025)
    count = len(ratings_db.initiatives_for_year(db, 2025))

    def add(dialog):
        type_text(dialog.title, "Phần mềm quản lý hồ sơ thi đua")
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    run_modal(qtbot, page.add_init.click, add)
    assert len(ratings_db.initiatives_for_year(db, 2025)) == count + 1 and not warnings
    added = next(i for i in ratings_db.initiatives_for_year(db, 2025) if i.title == "Phần mềm quản lý hồ sơ thi đua")
    seen = {}

    def cancel(dialog):
        seen["title"] = dialog.title.text()
        dialog.reject()

    def add_again(dialog):
        dialog.person.setCurrentIndex(dialog.person.findData(added.staff_id))
        type_text(dialog.title, "phan mem quan ly ho so thi dua")
        save_then(qtbot, dialog, cancel)

    run_modal(qtbot, page.add_init.click, add_again)
    assert warnings and seen["title"] == "phan mem quan ly ho so thi dua"
    assert len(ratings_db.initiatives_for_year(db, 2025)) == count + 1
