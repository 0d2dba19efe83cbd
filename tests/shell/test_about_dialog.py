"""Trợ giúp → Giới thiệu: version, data and backup folders (opened in the file manager), licences."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from tdkt_desktop import __version__
from tdkt_desktop.db import backup
from tdkt_desktop.db.connection import open_database
from tdkt_desktop.ui.shell.about_dialog import AboutDialog


@pytest.fixture
def opened(monkeypatch):
    """Folders handed to the system file manager (recorded instead of opening a real window)."""
    urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


@pytest.fixture
def db_file(tmp_path):
    path = tmp_path / "co-quan" / "tdkt.sqlite"
    path.parent.mkdir()
    open_database(path).close()
    return path


def test_help_menu_opens_about(main_window, qtbot):
    titles = [action.text() for action in main_window.menuBar().actions()]
    assert titles[-1] == "Trợ &giúp"
    assert [a.text() for a in main_window.help_menu.actions()] == ["Giới thiệu"]
    seen = []

    def close_dialog():
        dialog = QApplication.activeModalWidget()
        seen.append((dialog.windowTitle(), dialog.version_label.text()))
        dialog.reject()

    QTimer.singleShot(0, close_dialog)
    main_window.about_action.trigger()
    assert seen and seen[0][0] == "Giới thiệu" and f"Phiên bản {__version__}" in seen[0][1]


def test_about_shows_paths_and_opens_the_data_folder(qtbot, app_fonts, db_file, opened):
    dialog = AboutDialog(db_file)
    qtbot.addWidget(dialog)
    assert dialog.database_label.text() == str(db_file)
    assert dialog.backups_label.text() == str(db_file.parent / "backups" / "tdkt.sqlite")
    assert not dialog.open_backups_button.isEnabled()  # nothing backed up yet
    assert "Chưa có bản sao lưu" in dialog.open_backups_button.toolTip()
    qtbot.mouseClick(dialog.open_data_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(db_file.parent))]


def test_backups_button_opens_the_backup_folder(qtbot, app_fonts, db_file, opened):
    db = open_database(db_file)
    target = backup.make_backup(db, db_file)
    db.close()
    dialog = AboutDialog(db_file)
    qtbot.addWidget(dialog)
    assert dialog.open_backups_button.isEnabled()
    qtbot.mouseClick(dialog.open_backups_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(target.parent))]


def test_about_lists_licences(qtbot, app_fonts):
    dialog = AboutDialog(None)
    qtbot.addWidget(dialog)
    text = dialog.licences.toPlainText()
    for needle in ("PySide6_Essentials", "reportlab", "sqlite-utils", "OFL-1.1", "GNU LGPL 3.0"):
        assert needle in text
    assert dialog.licences.isReadOnly()


def test_in_memory_database_has_no_folder_to_open(qtbot, app_fonts, opened):
    dialog = AboutDialog(None)
    qtbot.addWidget(dialog)
    assert dialog.database_label.text() == "Dữ liệu trong bộ nhớ (không lưu ra tệp)"
    assert not dialog.open_data_button.isEnabled() and not dialog.open_backups_button.isEnabled()
    qtbot.mouseClick(dialog.open_data_button, Qt.MouseButton.LeftButton)
    assert opened == []
