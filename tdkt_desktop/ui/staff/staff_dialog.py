"""Add/edit one person: inline Vietnamese validation; Save stays disabled until the input is valid."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tdkt_desktop.db.records import Staff, Unit
from tdkt_desktop.text import DateError
from tdkt_desktop.ui.common.widgets import DateLineEdit, ErrorLabel, save_cancel_box

Validator = Callable[[Staff], dict[str, str]]


class StaffDialog(QDialog):
    """Returns a :class:`Staff` from ``value()``; never writes to the database."""

    def __init__(self, units: list[Unit], validator: Validator, staff: Staff | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Sửa thông tin cán bộ" if staff and staff.id else "Thêm cán bộ")
        self._original = staff or Staff(id=None, code="", full_name="")
        self._validator = validator
        self.code = QLineEdit(self._original.code)
        self.full_name = QLineEdit(self._original.full_name)
        self.birth_date = DateLineEdit("Ngày sinh")
        self.birth_date.set_date(self._original.birth_date)
        self.gender = QComboBox()
        self.gender.addItems(["", "Nam", "Nữ"])
        self.gender.setCurrentText(self._original.gender)
        self.position = QLineEdit(self._original.position)
        self.unit = QComboBox()
        self.unit.addItem("(chưa chọn)", None)
        for unit in units:
            self.unit.addItem(unit.name, unit.id)
        self.unit.setCurrentIndex(max(0, self.unit.findData(self._original.unit_id)))
        self.recruited_on = DateLineEdit("Ngày tuyển dụng")
        self.recruited_on.set_date(self._original.recruited_on)
        self.note = QPlainTextEdit(self._original.note)
        self.note.setFixedHeight(60)

        self.errors: dict[str, ErrorLabel] = {}
        form = QFormLayout()
        for key, label, widget in [
            ("code", "Mã cán bộ *", self.code),
            ("full_name", "Họ và tên *", self.full_name),
            ("birth_date", "Ngày sinh", self.birth_date),
            ("gender", "Giới tính", self.gender),
            ("position", "Chức vụ", self.position),
            ("unit_id", "Đơn vị", self.unit),
            ("recruited_on", "Ngày tuyển dụng", self.recruited_on),
            ("note", "Ghi chú", self.note),
        ]:
            widget.setObjectName(key)
            self.errors[key] = ErrorLabel()
            self.errors[key].setObjectName(f"{key}_error")
            box = QWidget()
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 0, 0, 0)
            col.setSpacing(2)
            col.addWidget(widget)
            col.addWidget(self.errors[key])
            form.addRow(label, box)
        self.buttons = save_cancel_box(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        for edit in (self.code, self.full_name, self.birth_date, self.position, self.recruited_on):
            edit.textChanged.connect(self.validate)
        self.gender.currentIndexChanged.connect(self.validate)
        self.unit.currentIndexChanged.connect(self.validate)
        self.validate()

    @property
    def save_button(self):
        """The Save button (tests click it)."""
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def _collect(self) -> tuple[Staff | None, dict[str, str]]:
        errors: dict[str, str] = {}
        dates = {}
        for key, edit in (("birth_date", self.birth_date), ("recruited_on", self.recruited_on)):
            try:
                dates[key] = edit.date()
            except DateError as exc:
                errors[key] = str(exc)
                dates[key] = None
        staff = dataclasses.replace(
            self._original,
            code=self.code.text(),
            full_name=self.full_name.text(),
            birth_date=dates["birth_date"],
            gender=self.gender.currentText(),
            position=self.position.text(),
            unit_id=self.unit.currentData(),
            recruited_on=dates["recruited_on"],
            note=self.note.toPlainText(),
        )
        for key, message in self._validator(staff).items():
            errors.setdefault(key, message)
        return staff, errors

    def validate(self) -> bool:
        """Show each problem next to its field; enable Save only when there is none."""
        _, errors = self._collect()
        for key, label in self.errors.items():
            label.show_error(errors.get(key))
        self.save_button.setEnabled(not errors)
        return not errors

    def accept(self) -> None:
        """Close only when the input is valid (re-checked: the database may have changed)."""
        if self.validate():
            super().accept()

    def value(self) -> Staff:
        """The edited record (valid once the dialog was accepted)."""
        staff, _ = self._collect()
        return staff  # type: ignore[return-value]
