"""Qt's own strings in Vietnamese: standard buttons, context menus, file chooser; and a walk of every dialog."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton

from tdkt_desktop import paths
from tdkt_desktop.ui.shell.app import QT_TRANSLATION

StandardButton = QMessageBox.StandardButton
BUTTONS = {
    StandardButton.Ok: "Đồng ý", StandardButton.Save: "Lưu", StandardButton.SaveAll: "Lưu tất cả",
    StandardButton.Open: "Mở", StandardButton.Yes: "Có", StandardButton.YesToAll: "Có với tất cả",
    StandardButton.No: "Không", StandardButton.NoToAll: "Không với tất cả", StandardButton.Abort: "Hủy bỏ",
    StandardButton.Retry: "Thử lại", StandardButton.Ignore: "Bỏ qua", StandardButton.Close: "Đóng",
    StandardButton.Cancel: "Hủy", StandardButton.Discard: "Không lưu", StandardButton.Help: "Trợ giúp",
    StandardButton.Apply: "Áp dụng", StandardButton.Reset: "Đặt lại",
    StandardButton.RestoreDefaults: "Khôi phục mặc định",
}
MENU = ["Hoàn tác", "Làm lại", "Cắt", "Sao chép", "Dán", "Xóa", "Chọn tất cả"]
#: Qt's English texts that must never reach the screen (compared without "&" and the shortcut after a tab).
ENGLISH = {
    "OK", "Save", "Save All", "Open", "Yes", "Yes to All", "No", "No to All", "Abort", "Retry", "Ignore", "Close",
    "Cancel", "Discard", "Help", "Apply", "Reset", "Restore Defaults", "Undo", "Redo", "Cut", "Copy", "Paste",
    "Delete", "Select All", "Step up", "Step down", "Show Details...", "Hide Details...", "Look in:",
    "Files of type:", "File name:", "Folder", "Choose", "Back", "Forward", "Print", "Enter a value:",
}


def _plain(text: str) -> str:
    return text.split("\t")[0].replace("&", "").strip()


def test_translation_ships_as_ts_and_qm():
    qm = paths.resource_path(*QT_TRANSLATION)
    assert qm.stat().st_size > 10_000
    assert '<TS version="2.1" language="vi_VN">' in qm.with_suffix(".ts").read_text(encoding="utf-8")


def test_every_standard_button_reads_vietnamese(qtbot):
    box = QMessageBox()
    qtbot.addWidget(box)
    for button in BUTTONS:
        box.addButton(button)
    assert {b: _plain(box.button(b).text()) for b in BUTTONS} == BUTTONS
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert [_plain(b.text()) for b in buttons.buttons()] == ["Đồng ý", "Hủy"]


def test_question_buttons_and_details(qtbot):
    box = QMessageBox(QMessageBox.Icon.Question, "Câu hỏi", "Lưu trước khi chuyển?",
                      StandardButton.Save | StandardButton.Discard | StandardButton.Cancel)
    box.setDetailedText("chi tiết")
    qtbot.addWidget(box)
    box.show()
    texts = {_plain(b.text()) for b in box.findChildren(QPushButton) if b.isVisible()}
    assert texts == {"Lưu", "Không lưu", "Hủy", "Xem chi tiết…"}


@pytest.mark.parametrize("widget_class", [QLineEdit, QPlainTextEdit])
def test_text_box_context_menus_read_vietnamese(qtbot, widget_class):
    widget = widget_class()
    qtbot.addWidget(widget)
    menu = widget.createStandardContextMenu()
    texts = [_plain(a.text()) for a in menu.actions() if not a.isSeparator()]
    assert texts[:7] == MENU
    menu.deleteLater()


def test_qt_file_chooser_reads_vietnamese(qtbot, tmp_path):
    dialog = QFileDialog(None, "Nhập từ Excel", str(tmp_path), "Excel (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = {_plain(label.text()) for label in dialog.findChildren(QLabel) if label.text()}
    assert {"Xem trong:", "Tên tệp:", "Loại tệp:"} <= labels
    assert not labels & ENGLISH


def test_every_dialog_and_menu_the_window_opens_speaks_vietnamese(main_window, tmp_path):
    from tdkt_desktop.ui.shell.screenshots import run_tour

    db = main_window.db
    before = [db[t].count for t in ("staff", "decisions", "awards", "audit_log")]
    tour = run_tour(main_window, tmp_path)
    texts = tour.texts
    assert len(tour.written) > 60 and len(texts) > 40  # tabs, then every dialog, question and menu
    assert {"99-menu-chuot-phai", "d07-2-menu-o-dan", "d07-3-menu-o-nam", "d04-ngung-theo-doi",
            "d15-xep-loai-chua-luu"} <= set(texts)
    english = sorted({(name, text) for name, found in texts.items() for text in found if _plain(text) in ENGLISH})
    assert english == []
    assert [db[t].count for t in ("staff", "decisions", "awards", "audit_log")] == before
