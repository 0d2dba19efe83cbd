"""Bloc dialogs for the bloc itself (with its pass rules), a meeting, and a new ballot; none of them writes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
)

from tdkt_desktop.db.bloc_records import Bloc, BlocMeeting, BlocMember
from tdkt_desktop.rules.voting import BASE_LABELS, PassRule
from tdkt_desktop.services.blocs import default_vote_rules
from tdkt_desktop.text import DateError, nfc
from tdkt_desktop.ui.blocs.dialogs import _FormDialog, member_combo
from tdkt_desktop.ui.common.widgets import DateLineEdit
from tdkt_desktop.vocabulary import BALLOT_KINDS, BLOC_LEVELS, BLOC_MEETING_KINDS, ballot_label


class _RuleRow:
    """One ballot kind's pass rule as four small editors."""

    def __init__(self, rule: dict):
        self.base = QComboBox()
        for code, label in BASE_LABELS.items():
            self.base.addItem(label, code)
        self.base.setCurrentIndex(max(0, self.base.findData(rule.get("base", "total"))))
        self.strict = QComboBox()
        self.strict.addItems(["trên", "từ"])
        self.strict.setCurrentIndex(0 if rule.get("strict", True) else 1)
        self.share = QLineEdit(str(rule.get("share", "")))
        self.share.setPlaceholderText("1/2, 2/3, 80%")
        self.share.setMaximumWidth(90)
        self.seats = QSpinBox()
        self.seats.setRange(0, 50)
        self.seats.setSpecialValueText("không giới hạn")
        self.seats.setValue(rule.get("seats") or 0)

    def data(self) -> dict:
        out = {"base": self.base.currentData(), "strict": self.strict.currentIndex() == 0}
        if self.share.text().strip():
            out["share"] = self.share.text().strip()
        if self.seats.value():
            out["seats"] = self.seats.value()
        return out


class BlocDialog(_FormDialog):
    """Name, level, letterhead lines, the council above, and the pass rule of each ballot."""

    def __init__(self, bloc: Bloc, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Khối thi đua")
        self.resize(820, 620)
        self._bloc = bloc
        self.name = QLineEdit(bloc.name)
        self.level = QComboBox()
        for code, label in BLOC_LEVELS.items():
            self.level.addItem(label, code)
        self.level.setCurrentIndex(max(0, self.level.findData(bloc.level)))
        self.governing_body = QLineEdit(bloc.governing_body)
        self.governing_body.setPlaceholderText("dòng trên tên khối ở đầu văn bản, ví dụ UBND TỈNH BÌNH ĐỊNH")
        self.council = QLineEdit(bloc.council)
        self.council.setPlaceholderText("nơi nhận tờ trình, ví dụ Hội đồng Thi đua - Khen thưởng tỉnh Bình Định")
        self.place_name = QLineEdit(bloc.place_name)
        self.regulation = QLineEdit(bloc.regulation)
        self.note = QLineEdit(bloc.note)
        rules = QGroupBox("Nguyên tắc bỏ phiếu theo quy chế của khối")
        grid = QGridLayout(rules)
        for column, text in enumerate(["Nội dung", "Cần", "Tỷ lệ", "của", "Số đơn vị được chọn"]):
            grid.addWidget(QLabel(f"<b>{text}</b>"), 0, column)
        merged = {**default_vote_rules(), **bloc.vote_rules}
        self.rules: dict[str, _RuleRow] = {}
        for row, kind in enumerate(BALLOT_KINDS, start=1):
            editors = self.rules[kind] = _RuleRow(merged[kind])
            grid.addWidget(QLabel(ballot_label(kind, bloc.level)), row, 0)
            for column, widget in enumerate((editors.strict, editors.share, editors.base, editors.seats), start=1):
                grid.addWidget(widget, row, column)
                if isinstance(widget, QLineEdit):
                    widget.textChanged.connect(self.validate)
                elif isinstance(widget, QComboBox):
                    widget.currentIndexChanged.connect(self.validate)
                else:
                    widget.valueChanged.connect(self.validate)
        form = QFormLayout(self)
        form.addRow("Tên khối:", self.name)
        form.addRow("Cấp:", self.level)
        form.addRow("Cơ quan chủ quản:", self.governing_body)
        form.addRow("Hội đồng TĐKT cấp trên:", self.council)
        form.addRow("Địa danh:", self.place_name)
        form.addRow("Quy chế của khối:", self.regulation)
        form.addRow("Ghi chú:", self.note)
        form.addRow(rules)
        self.name.textChanged.connect(self.validate)
        self._finish(form)

    def problem(self) -> str | None:
        if not nfc(self.name.text()):
            return "Nhập tên khối thi đua."
        for kind, editors in self.rules.items():
            try:
                PassRule.from_data(editors.data())
            except ValueError as exc:
                return f"{BALLOT_KINDS[kind]}: {exc}"
        return None

    def value(self) -> Bloc:
        b = self._bloc
        defaults = default_vote_rules()
        own = {}
        for kind, editors in self.rules.items():
            rule = PassRule.from_data(editors.data()).to_data()
            if rule != PassRule.from_data(defaults[kind]).to_data():
                own[kind] = rule  # only what the bloc's regulation changes is stored
        return Bloc(id=b.id, name=nfc(self.name.text()), level=self.level.currentData(),
                    governing_body=nfc(self.governing_body.text()), council=nfc(self.council.text()),
                    place_name=nfc(self.place_name.text()), regulation=nfc(self.regulation.text()), vote_rules=own,
                    note=nfc(self.note.text()), sort_order=b.sort_order, active=b.active)


class MeetingDialog(_FormDialog):
    """Kind, date, place, host, chair, secretary, guests, agenda and conclusions of a meeting."""

    def __init__(self, meeting: BlocMeeting, members: list[BlocMember], parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Hội nghị của khối — năm thi đua {meeting.year}")
        self.resize(760, 620)
        self._meeting = meeting
        self.kind = QComboBox()
        for code, label in BLOC_MEETING_KINDS.items():
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(meeting.kind)))
        self.held_on = DateLineEdit("Ngày họp")
        self.held_on.set_date(meeting.held_on)
        self.place = QLineEdit(meeting.place)
        self.host = member_combo(members, meeting.host_id, blank="— không ghi —")
        self.chair = QLineEdit(meeting.chair)
        self.chair.setPlaceholderText("Họ tên – chức vụ, ví dụ: Nguyễn Văn A – Giám đốc Sở, Trưởng Khối")
        self.secretary = QLineEdit(meeting.secretary)
        self.guests = QLineEdit(meeting.guests)
        self.agenda = QPlainTextEdit(meeting.agenda)
        self.conclusions = QPlainTextEdit(meeting.conclusions)
        self.conclusions.setPlaceholderText("Mỗi dòng một đoạn kết luận")
        form = QFormLayout(self)
        form.addRow("Loại hội nghị:", self.kind)
        form.addRow("Ngày họp:", self.held_on)
        form.addRow("Địa điểm:", self.place)
        form.addRow("Đơn vị đăng cai:", self.host)
        form.addRow("Chủ trì:", self.chair)
        form.addRow("Thư ký:", self.secretary)
        form.addRow("Đại biểu dự:", self.guests)
        form.addRow("Nội dung:", self.agenda)
        form.addRow("Kết luận:", self.conclusions)
        self.held_on.textChanged.connect(self.validate)
        self._finish(form)

    def problem(self) -> str | None:
        try:
            day = self.held_on.date()
        except DateError as exc:
            return str(exc)
        return None if day else "Nhập ngày họp."

    def value(self) -> BlocMeeting:
        m = self._meeting
        return BlocMeeting(
            id=m.id, bloc_id=m.bloc_id, year=m.year, kind=self.kind.currentData(),
            held_on=self.held_on.date() or dt.date.today(), place=nfc(self.place.text()),
            host_id=self.host.currentData(), chair=nfc(self.chair.text()), secretary=nfc(self.secretary.text()),
            guests=nfc(self.guests.text()), agenda=nfc(self.agenda.toPlainText()),
            conclusions=nfc(self.conclusions.toPlainText()), note=m.note,
        )


class RoundDialog(_FormDialog):
    """A new ballot: what is voted on, the candidates, and how many are chosen."""

    def __init__(self, members: list[BlocMember], level: str, rules: dict[str, PassRule], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Thêm lượt bình chọn")
        self.resize(640, 600)
        self._rules = rules
        self.kind = QComboBox()
        for code in BALLOT_KINDS:
            self.kind.addItem(ballot_label(code, level), code)
        self.rule_label = QLabel()
        self.rule_label.setWordWrap(True)
        self.seats = QSpinBox()
        self.seats.setRange(0, 50)
        self.seats.setSpecialValueText("theo quy chế")
        self.secret = QCheckBox("Bỏ phiếu kín")
        self.secret.setChecked(True)
        self.candidates = QListWidget()
        for m in members:
            item = QListWidgetItem(m.name)
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.candidates.addItem(item)
        form = QFormLayout(self)
        form.addRow("Bình chọn:", self.kind)
        form.addRow("Nguyên tắc:", self.rule_label)
        form.addRow("Số đơn vị được chọn:", self.seats)
        form.addRow("", self.secret)
        form.addRow("Đơn vị ứng cử:", self.candidates)
        self.kind.currentIndexChanged.connect(self._show_rule)
        self.candidates.itemChanged.connect(self.validate)
        self._show_rule()
        self._finish(form)

    def _show_rule(self, *_args) -> None:
        self.rule_label.setText(self._rules[self.kind.currentData()].describe())

    def chosen(self) -> list[int]:
        items = (self.candidates.item(i) for i in range(self.candidates.count()))
        return [it.data(Qt.ItemDataRole.UserRole) for it in items if it.checkState() == Qt.CheckState.Checked]

    def problem(self) -> str | None:
        return None if self.chosen() else "Đánh dấu ít nhất một đơn vị ứng cử."

    def value(self) -> dict:
        return {"kind": self.kind.currentData(), "candidate_ids": self.chosen(),
                "seats": self.seats.value() or None, "secret": self.secret.isChecked()}
