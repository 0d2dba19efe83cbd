"""Trợ giúp → Giới thiệu: version, where the data and backups live (with buttons to open them), licences."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tdkt_desktop import __version__, paths


def version_line() -> str:
    """E.g. "Phiên bản 0.1.0 (bản đóng gói) · Python 3.11.7 · Qt 6.12.0": what support asks first."""
    kind = " (bản đóng gói)" if paths.is_frozen() else ""
    return f"Phiên bản {__version__}{kind} · Python {sys.version.split()[0]} · Qt {qVersion()}"


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the system file manager (Explorer, Files…)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class AboutDialog(QDialog):
    """Read-only facts about this copy of the app; nothing here writes to the database."""

    def __init__(self, db_path: Path | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Giới thiệu")
        title = QLabel("Thi đua – Khen thưởng")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        self.version_label = QLabel(version_line())
        form = QFormLayout()
        data_dir = db_path.parent if db_path else None
        backups = paths.backup_dir(db_path) if db_path else None
        self.database_label = self._path_label(db_path, "Dữ liệu trong bộ nhớ (không lưu ra tệp)")
        self.open_data_button = QPushButton("Mở thư mục dữ liệu")
        self.open_data_button.clicked.connect(lambda: open_folder(data_dir))
        self.open_data_button.setEnabled(data_dir is not None and data_dir.is_dir())
        form.addRow("Tệp dữ liệu:", self._with_button(self.database_label, self.open_data_button))
        self.backups_label = self._path_label(backups, "—")
        self.open_backups_button = QPushButton("Mở thư mục sao lưu")
        self.open_backups_button.clicked.connect(lambda: open_folder(backups))
        has_backups = backups is not None and backups.is_dir()
        self.open_backups_button.setEnabled(has_backups)
        if backups is not None and not has_backups:
            self.open_backups_button.setToolTip("Chưa có bản sao lưu nào (bản đầu tiên được ghi khi đóng chương trình)")
        form.addRow("Thư mục sao lưu:", self._with_button(self.backups_label, self.open_backups_button))
        form.addRow("Thư mục chương trình:", self._path_label(paths.install_dir(), ""))
        from tdkt_desktop import licences  # importlib.metadata only when the dialog opens, not at window start

        self.licences = QPlainTextEdit(licences.notice_text())
        self.licences.setReadOnly(True)
        self.licences.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        self.licences.setFont(mono)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.version_label)
        layout.addWidget(QLabel("Quản lý thi đua, khen thưởng cho một Sở / Văn phòng; chạy không cần mạng."))
        layout.addLayout(form)
        layout.addWidget(QLabel("Giấy phép: tdkt-desktop theo giấy phép MIT; các thành phần đi kèm:"))
        layout.addWidget(self.licences, 1)
        layout.addWidget(buttons)
        self.resize(860, 620)

    @staticmethod
    def _path_label(path: Path | None, empty: str) -> QLabel:
        label = QLabel(str(path) if path else empty)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        return label

    @staticmethod
    def _with_button(label: QLabel, button: QPushButton) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label, 1)
        layout.addWidget(button)
        return row


def install(window: Any) -> None:
    """Add the "Trợ giúp" menu with "Giới thiệu" (the main window calls this once)."""
    menu = window.menuBar().addMenu("Trợ &giúp")
    window.help_menu = menu
    action = QAction("Giới thiệu", window)
    action.triggered.connect(lambda: AboutDialog(window.db_path, window).exec())
    menu.addAction(action)
    window.about_action = action
