"""Bloc dialogs for members, leaders of a year, pacts and criteria; each returns a record and never writes."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
)

from tdkt_desktop.db.bloc_records import BlocMember, BlocYear, Criterion, Pact
from tdkt_desktop.rules.scoring import CRITERION_KINDS, points_text, to_points
from tdkt_desktop.text import DateError, nfc
from tdkt_desktop.ui.common.widgets import DateLineEdit, ErrorLabel, save_cancel_box


class _FormDialog(QDialog):
    """A form with an inline error line and Save/Cancel; ``problem()`` says what blocks saving."""

    def _finish(self, form: QFormLayout, save_text: str = "Lưu") -> None:
        self.error = ErrorLabel()
        self.buttons = save_cancel_box(self, save_text=save_text)
        form.addRow(self.error)
        form.addRow(self.buttons)
        for edit in self.findChildren(QLineEdit):
            edit.setCursorPosition(0)  # long texts show their beginning, not their tail
        self._speak = False  # errors show once a field was edited or Save was pressed, never before
        self.validate()

    def problem(self) -> str | None:  # pragma: no cover - always overridden
        raise NotImplementedError

    def validate(self, *_args) -> bool:
        message = self.problem()
        self._speak = self._speak or self.sender() is not None  # called by an edit's signal
        self.error.show_error(message if self._speak else None)
        self.buttons.button(self.buttons.StandardButton.Save).setEnabled(message is None)
        return message is None

    def accept(self) -> None:
        self._speak = True
        if self.validate():
            super().accept()


class MemberDialog(_FormDialog):
    """Name, short name, contact and "our office" of a member organisation."""

    def __init__(self, member: BlocMember, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Đơn vị thành viên của khối")
        self.setMinimumWidth(520)
        self._member = member
        self.name = QLineEdit(member.name)
        self.short_name = QLineEdit(member.short_name)
        self.contact = QLineEdit(member.contact_person)
        self.phone = QLineEdit(member.phone)
        self.is_self = QCheckBox("Đây là cơ quan mình")
        self.is_self.setChecked(member.is_self)
        form = QFormLayout(self)
        form.addRow("Tên đơn vị:", self.name)
        form.addRow("Tên viết tắt:", self.short_name)
        form.addRow("Người liên hệ:", self.contact)
        form.addRow("Điện thoại:", self.phone)
        form.addRow("", self.is_self)
        self.name.textChanged.connect(self.validate)
        self._finish(form)

    def problem(self) -> str | None:
        return None if nfc(self.name.text()) else "Nhập tên đơn vị thành viên."

    def value(self) -> BlocMember:
        m = self._member
        return BlocMember(id=m.id, bloc_id=m.bloc_id, name=nfc(self.name.text()),
                          short_name=nfc(self.short_name.text()),
                          contact_person=nfc(self.contact.text()), phone=nfc(self.phone.text()),
                          is_self=self.is_self.isChecked(), sort_order=m.sort_order, active=m.active)


def member_combo(members: list[BlocMember], current: int | None, *, blank: str = "— chưa chọn —") -> QComboBox:
    """A combo of members (data: id) with a blank first choice."""
    combo = QComboBox()
    combo.addItem(blank, None)
    for m in members:
        combo.addItem(m.name, m.id)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class YearDialog(_FormDialog):
    """Head, deputy and theme of one year."""

    def __init__(self, entry: BlocYear, members: list[BlocMember], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Khối trưởng, khối phó theo năm")
        self.setMinimumWidth(560)
        self._entry = entry
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(entry.year)
        self.head = member_combo(members, entry.head_id)
        self.deputy = member_combo(members, entry.deputy_id)
        self.theme = QLineEdit(entry.theme)
        self.note = QLineEdit(entry.note)
        form = QFormLayout(self)
        form.addRow("Năm:", self.year)
        form.addRow("Khối trưởng:", self.head)
        form.addRow("Khối phó:", self.deputy)
        form.addRow("Chủ đề thi đua:", self.theme)
        form.addRow("Ghi chú:", self.note)
        self.head.currentIndexChanged.connect(self.validate)
        self.deputy.currentIndexChanged.connect(self.validate)
        self._finish(form)

    def problem(self) -> str | None:
        head, deputy = self.head.currentData(), self.deputy.currentData()
        if head is not None and head == deputy:
            return "Một đơn vị không thể vừa là Khối trưởng vừa là Khối phó."
        return None

    def value(self) -> BlocYear:
        return BlocYear(bloc_id=self._entry.bloc_id, year=self.year.value(), head_id=self.head.currentData(),
                        deputy_id=self.deputy.currentData(), theme=nfc(self.theme.text()), note=nfc(self.note.text()))


class PactDialog(_FormDialog):
    """Title, date, place and the commitments (one per line) of a year's pact; signers are kept."""

    def __init__(self, pact: Pact, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Giao ước thi đua năm {pact.year}")
        self.resize(720, 520)
        self._pact = pact
        self.title = QLineEdit(pact.title or f"Giao ước thi đua năm {pact.year}")
        self.signed_on = DateLineEdit("Ngày ký")
        self.signed_on.set_date(pact.signed_on)
        self.place = QLineEdit(pact.place)
        self.items = QPlainTextEdit("\n".join(pact.items))
        self.items.setPlaceholderText("Mỗi dòng một nội dung cam kết; chương trình tự đánh số 1, 2, 3…")
        self.note = QLineEdit(pact.note)
        form = QFormLayout(self)
        form.addRow("Tên giao ước:", self.title)
        form.addRow("Ngày ký:", self.signed_on)
        form.addRow("Địa điểm ký:", self.place)
        form.addRow("Nội dung cam kết:", self.items)
        form.addRow("Ghi chú:", self.note)
        for w in (self.title, self.signed_on):
            w.textChanged.connect(self.validate)
        self.items.textChanged.connect(self.validate)
        self._finish(form)

    def lines(self) -> list[str]:
        return [nfc(line) for line in self.items.toPlainText().splitlines() if nfc(line)]

    def problem(self) -> str | None:
        try:
            self.signed_on.date()
        except DateError as exc:
            return str(exc)
        if not nfc(self.title.text()):
            return "Nhập tên giao ước."
        return None if self.lines() else "Nhập ít nhất một nội dung cam kết."

    def value(self) -> Pact:
        p = self._pact
        return Pact(id=p.id, bloc_id=p.bloc_id, year=p.year, title=nfc(self.title.text()),
                    signed_on=self.signed_on.date(), place=nfc(self.place.text()), note=nfc(self.note.text()),
                    items=tuple(self.lines()), signers=p.signers)


class CriterionDialog(_FormDialog):
    """Code, content, maximum points and kind of a scoring criterion."""

    def __init__(self, criterion: Criterion, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Tiêu chí chấm điểm năm {criterion.year}")
        self.setMinimumWidth(620)
        self._criterion = criterion
        self.code = QLineEdit(criterion.code)
        self.content = QLineEdit(criterion.content)
        self.max_points = QLineEdit(points_text(criterion.max_points) if criterion.max_points else "")
        self.max_points.setPlaceholderText("ví dụ 10 hoặc 7,5")
        self.kind = QComboBox()
        for code, label in CRITERION_KINDS.items():
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(criterion.kind)))
        form = QFormLayout(self)
        form.addRow("Mã tiêu chí:", self.code)
        form.addRow("Nội dung:", self.content)
        form.addRow("Điểm tối đa:", self.max_points)
        form.addRow("Loại:", self.kind)
        for w in (self.code, self.content, self.max_points):
            w.textChanged.connect(self.validate)
        self._finish(form)

    def _points(self) -> Decimal:
        return to_points(self.max_points.text())

    def problem(self) -> str | None:
        if not nfc(self.code.text()):
            return "Nhập mã tiêu chí."
        if not nfc(self.content.text()):
            return "Nhập nội dung tiêu chí."
        try:
            points = self._points()
        except ValueError as exc:
            return f"Điểm tối đa: {exc}."
        return None if points > 0 else "Điểm tối đa phải lớn hơn 0."

    def value(self) -> Criterion:
        c = self._criterion
        return Criterion(id=c.id, bloc_id=c.bloc_id, year=c.year, code=nfc(self.code.text()),
                         content=nfc(self.content.text()), max_points=self._points(), kind=self.kind.currentData(),
                         position=c.position)
