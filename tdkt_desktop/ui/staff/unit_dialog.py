"""Add or edit a unit of the office: name, short name, parent unit."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QVBoxLayout

from tdkt_desktop.db.records import Unit
from tdkt_desktop.ui.common.widgets import ErrorLabel, fit_to_content, grow_to_fit, save_cancel_box


class UnitDialog(QDialog):
    """Returns a :class:`Unit` from ``value()``; the tab saves it through db/."""

    def __init__(self, units: list[Unit], unit: Unit | None = None, parent=None):
        super().__init__(parent)
        self._original = unit or Unit(id=None, name="")
        self.setWindowTitle("Sửa đơn vị" if self._original.id else "Thêm đơn vị")
        self.name = QLineEdit(self._original.name)
        self.short_name = QLineEdit(self._original.short_name)
        self.parent_unit = QComboBox()
        self.parent_unit.addItem("(trực thuộc cơ quan)", None)
        for other in units:
            if other.id != self._original.id:
                self.parent_unit.addItem(other.name, other.id)
        self.parent_unit.setCurrentIndex(max(0, self.parent_unit.findData(self._original.parent_id)))
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("Tên đơn vị *", self.name)
        form.addRow("Tên viết tắt", self.short_name)
        form.addRow("Thuộc", self.parent_unit)
        self.buttons = save_cancel_box(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._edited = False  # the "không được để trống" line waits until the name was typed in
        self.name.textEdited.connect(lambda _text: setattr(self, "_edited", True))
        self.name.textChanged.connect(self.validate)
        self.validate()
        fit_to_content(self, min_width=460)

    def validate(self) -> bool:
        """A name is required; uniqueness is checked by db/ on save."""
        ok = bool(self.name.text().strip())
        self.error.show_error(None if ok or not self._edited else "Tên đơn vị không được để trống.")
        self.buttons.button(self.buttons.StandardButton.Save).setEnabled(ok)
        grow_to_fit(self)
        return ok

    def value(self) -> Unit:
        """The edited unit."""
        return dataclasses.replace(
            self._original,
            name=self.name.text(),
            short_name=self.short_name.text(),
            parent_id=self.parent_unit.currentData(),
        )
