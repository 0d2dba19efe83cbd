"""Office settings dialog: office name, kind of office, governing body, place, document symbol, default signer."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout

from tdkt_desktop.db.records import Settings
from tdkt_desktop.ui.common.widgets import ErrorLabel, save_cancel_box
from tdkt_desktop.vocabulary import OFFICE_LEVELS

FIELDS = [
    ("office_name", "Tên cơ quan *"),
    ("governing_body", "Cơ quan chủ quản"),
    ("place_name", "Địa danh (ghi ngày tháng)"),
    ("document_symbol", "Ký hiệu văn bản"),
    ("signer_name", "Người ký mặc định"),
    ("signer_title", "Chức vụ người ký"),
]


class SettingsDialog(QDialog):
    """Returns a :class:`Settings` from ``value()``; the window saves it."""

    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Cài đặt cơ quan")
        self._original = settings
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label in FIELDS:
            edit = QLineEdit(getattr(settings, key))
            edit.setObjectName(key)
            edit.textChanged.connect(self.validate)
            self.edits[key] = edit
            form.addRow(label, edit)
            if key == "office_name":
                form.addRow("Cấp cơ quan", self._level_combo(settings))
        self.error = ErrorLabel()
        self.buttons = save_cancel_box(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.validate()

    def _level_combo(self, settings: Settings) -> QComboBox:
        """Sở (the province's titles and forms) or Văn phòng/Viện under a Bộ (the Bộ's)."""
        self.office_level = QComboBox()
        self.office_level.setObjectName("office_level")
        for code, name in OFFICE_LEVELS.items():
            self.office_level.addItem(name, code)
        self.office_level.setCurrentIndex(max(0, self.office_level.findData(settings.office_level)))
        self.office_level.setToolTip("Sở: xét Chiến sĩ thi đua, Bằng khen, Cờ thi đua cấp tỉnh; "
                                     "Văn phòng, Viện thuộc Bộ: xét các danh hiệu, hình thức cấp Bộ.")
        return self.office_level

    def validate(self) -> bool:
        """The office name is required (it heads every document); symbols have no spaces."""
        message = None
        if not self.edits["office_name"].text().strip():
            message = "Tên cơ quan không được để trống."
        elif " " in self.edits["document_symbol"].text().strip():
            message = "Ký hiệu văn bản không được có dấu cách (ví dụ: SKHCN)."
        self.error.show_error(message)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(message is None)
        return message is None

    def value(self) -> Settings:
        """The edited settings."""
        return dataclasses.replace(
            self._original, **{key: edit.text() for key, edit in self.edits.items()},
            office_level=self.office_level.currentData(),
        )
