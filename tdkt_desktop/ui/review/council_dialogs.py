"""Small council dialogs (member, new meeting, decisions from results); each returns a record, never writes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout

from tdkt_desktop.db.review_council import ROLES
from tdkt_desktop.db.review_records import CouncilMeeting, CouncilMember
from tdkt_desktop.text import DateError, nfc
from tdkt_desktop.ui.common.widgets import DateLineEdit, ErrorLabel, fit_to_content, grow_to_fit, save_cancel_box

#: Wide enough for the window title and the fields' own text (Qt would make these dialogs 230 px wide).
_MIN_WIDTH = 440


def _check_date(dialog, edit: DateLineEdit, missing: str) -> bool:
    """Say what is wrong with the required date in ``edit`` (``missing`` when blank); Save only when nothing is."""
    try:
        message = None if edit.date() is not None else missing
    except DateError as exc:
        message = str(exc)
    dialog.error.show_error(message)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).setEnabled(message is None)
    grow_to_fit(dialog)
    return message is None


class MemberDialog(QDialog):
    """Name, role and title of a council member."""

    def __init__(self, member: CouncilMember | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Thành viên Hội đồng Thi đua – Khen thưởng")
        self._member = member or CouncilMember(id=None, full_name="")
        self.full_name = QLineEdit(self._member.full_name)
        self.role = QComboBox()
        for code, name in ROLES.items():
            self.role.addItem(name, code)
        self.role.setCurrentIndex(max(0, self.role.findData(self._member.role)))
        self.position = QLineEdit(self._member.position)
        self.position.setPlaceholderText("ví dụ: Chủ tịch Công đoàn cơ quan")
        self.error = ErrorLabel()
        self.buttons = save_cancel_box(self)
        form = QFormLayout(self)
        form.addRow("Họ và tên:", self.full_name)
        form.addRow("Vai trò:", self.role)
        form.addRow("Chức vụ:", self.position)
        form.addRow(self.error)
        form.addRow(self.buttons)
        self._edited = False  # no "Nhập họ và tên" before the user has typed anything
        self.full_name.textEdited.connect(lambda _text: setattr(self, "_edited", True))
        self.full_name.textChanged.connect(self.validate)
        self.validate()
        fit_to_content(self, min_width=_MIN_WIDTH)

    def validate(self) -> bool:
        ok = bool(nfc(self.full_name.text()))
        self.error.show_error(None if ok or not self._edited else "Nhập họ và tên thành viên.")
        self.buttons.button(self.buttons.StandardButton.Save).setEnabled(ok)
        grow_to_fit(self)
        return ok

    def value(self) -> CouncilMember:
        return CouncilMember(
            id=self._member.id, full_name=nfc(self.full_name.text()), role=self.role.currentData(),
            position=nfc(self.position.text()), staff_id=self._member.staff_id, sort_order=self._member.sort_order,
        )


class MeetingDialog(QDialog):
    """Date, place and voting form of a new council meeting."""

    def __init__(self, year: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Họp Hội đồng xét thi đua, khen thưởng năm {year}")
        self.year = year
        self.held_on = DateLineEdit("Ngày họp")
        self.held_on.set_date(dt.date.today())
        self.place = QLineEdit("Phòng họp cơ quan")
        self.secret = QCheckBox("Bỏ phiếu kín")
        self.error = ErrorLabel()
        self.buttons = save_cancel_box(self, save_text="Mở cuộc họp")
        form = QFormLayout(self)
        form.addRow("Ngày họp:", self.held_on)
        form.addRow("Địa điểm:", self.place)
        form.addRow("", self.secret)
        form.addRow(self.error)
        form.addRow(self.buttons)
        self.held_on.textChanged.connect(self.validate)
        self.validate()
        fit_to_content(self, min_width=_MIN_WIDTH)

    def validate(self) -> bool:
        return _check_date(self, self.held_on, "Nhập ngày họp.")

    def value(self) -> CouncilMeeting:
        return CouncilMeeting(
            id=None, year=self.year, held_on=self.held_on.date(), place=nfc(self.place.text()),
            secret_ballot=self.secret.isChecked(),
        )


class DecideDialog(QDialog):
    """Decision date and the first number for the decisions made from the meeting's results."""

    def __init__(self, summary: str, first_number: int, symbol: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Ra quyết định từ kết quả họp Hội đồng")
        self.issued_on = DateLineEdit("Ngày ký quyết định")
        self.issued_on.set_date(dt.date.today())
        self.number = QSpinBox()
        self.number.setRange(1, 99999)
        self.number.setValue(first_number)
        self.number.setSuffix(f"/QĐ-{symbol}")
        self.error = ErrorLabel()
        self.buttons = save_cancel_box(self, save_text="Ra quyết định")
        layout = QVBoxLayout(self)
        text = QLabel(summary)
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        form.addRow("Ngày ký:", self.issued_on)
        form.addRow("Số quyết định đầu tiên:", self.number)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.issued_on.textChanged.connect(self.validate)
        self.validate()
        fit_to_content(self, min_width=_MIN_WIDTH)

    def validate(self) -> bool:
        return _check_date(self, self.issued_on, "Nhập ngày ký quyết định.")

    def value(self) -> tuple[dt.date, int]:
        return self.issued_on.date(), self.number.value()
