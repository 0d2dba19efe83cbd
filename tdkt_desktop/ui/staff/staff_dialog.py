"""Add/edit one person: inline Vietnamese validation, shown for a field once it is edited, and all on Save."""

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
from tdkt_desktop.ui.common.widgets import DateLineEdit, ErrorLabel, fit_to_content, grow_to_fit, save_cancel_box
from tdkt_desktop.vocabulary import GENDERS

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
        self.gender.addItems(list(GENDERS))
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
        #: Fields the user has edited: only their problems show while typing; Save shows every one.
        self.touched: set[str] = set()
        self._show_all = False
        for key, edit in (("code", self.code), ("full_name", self.full_name), ("birth_date", self.birth_date),
                          ("position", self.position), ("recruited_on", self.recruited_on)):
            edit.textEdited.connect(lambda _text, k=key: self._edited(k))
        self.gender.activated.connect(lambda _i: self._edited("gender"))
        self.unit.activated.connect(lambda _i: self._edited("unit_id"))
        self.code.setMaxLength(30)
        self.full_name.setMaxLength(200)  # room to paste; the 100-character limit is explained, not cut
        fit_to_content(self, min_width=max(560, 46 * self.fontMetrics().averageCharWidth()))

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

    def _edited(self, key: str) -> None:
        self.touched.add(key)
        self.validate()

    def validate(self) -> bool:
        """Show each problem next to its field (edited fields only, until Save was pressed); True when valid."""
        _, errors = self._collect()
        for key, label in self.errors.items():
            shown = self._show_all or key in self.touched
            label.show_error(errors.get(key) if shown else None)
        grow_to_fit(self)
        return not errors

    def show_all_errors(self) -> bool:
        """Show every problem at once, as Save does; True when there is none."""
        self._show_all = True
        return self.validate()

    def accept(self) -> None:
        """Close only when the input is valid (re-checked: the database may have changed); else show why."""
        if self.show_all_errors():
            super().accept()
            return
        first = next(key for key, label in self.errors.items() if label.isVisibleTo(self))
        self.findChild(QWidget, first).setFocus()

    def value(self) -> Staff:
        """The edited record (valid once the dialog was accepted)."""
        staff, _ = self._collect()
        return staff  # type: ignore[return-value]
