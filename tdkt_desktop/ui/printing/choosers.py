"""Small dialogs that pick what to print: a decision, a period, a registration; and the certificate register."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
)

from tdkt_desktop.db.award_records import AwardType, Decision, RegisterEntry
from tdkt_desktop.db.records import Staff, Unit
from tdkt_desktop.text import format_date
from tdkt_desktop.ui.common.proxy import FoldFilterProxy
from tdkt_desktop.ui.common.table_model import Column, RecordRole, RecordTableModel
from tdkt_desktop.ui.common.widgets import ErrorLabel, save_cancel_box, setup_table

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class DecisionModel(RecordTableModel):
    """Decisions: number, date, issuer, summary, count."""

    COLUMNS = [
        Column("Số quyết định", lambda d: d.number),
        Column("Ngày", lambda d: format_date(d.issued_on), sort=lambda d: d.issued_on.isoformat()),
        Column("Cơ quan ban hành", lambda d: d.issuer),
        Column("Trích yếu", lambda d: d.summary),
        Column("Số lượt", lambda d: d.award_count, align=_RIGHT),
    ]


def _when(iso_time: str) -> str:
    """'2026-11-23T13:20:24' → '23/11/2026 13:20'."""
    day, _, clock = iso_time.partition("T")
    return f"{format_date(day)} {clock[:5]}".strip()


class RegisterModel(RecordTableModel):
    """Certificate register lines."""

    COLUMNS = [
        Column("Số sổ vàng", lambda e: e.serial, sort=lambda e: tuple(reversed(e.serial.split("/")))),
        Column("Người / tập thể nhận", lambda e: e.recipient_name),
        Column("Khen thưởng", lambda e: e.award_name),
        Column("Quyết định", lambda e: e.decision_number),
        Column("In lúc", lambda e: _when(e.printed_at), sort=lambda e: e.printed_at),
        Column("Lần in", lambda e: "In lại" if e.reprint else "Cấp lần đầu"),
        Column("Kiểu in", lambda e: "Lên phôi" if e.mode == "overlay" else "Giấy trắng"),
    ]


def _table(model: RecordTableModel, proxy: FoldFilterProxy) -> QTableView:
    proxy.setSourceModel(model)
    view = QTableView()
    setup_table(view, proxy)
    return view


class DecisionChooser(QDialog):
    """Pick one decision (search ignores diacritics); ``decision()`` is the chosen record.

    With ``date_label``, a date field follows the selection (``default_date(decision)``) and the
    user may change it: the date a document about the decision is signed (a tờ trình).
    """

    def __init__(self, decisions: list[Decision], title: str, parent=None, *, date_label: str = "",
                 default_date: Callable[[Decision], dt.date] | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(860, 480)
        self.model = DecisionModel(self)
        self.model.set_rows(decisions)
        self.proxy = FoldFilterProxy(lambda d: f"{d.number} {d.issuer} {d.summary}", self)
        self.view = _table(self.model, self.proxy)
        self.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # newest first
        for column, width in ((0, 130), (1, 90), (2, 230), (3, 300)):
            self.view.setColumnWidth(column, width)
        self.view.doubleClicked.connect(self.accept)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm theo số, cơ quan, trích yếu…")
        self.search.textChanged.connect(self.proxy.set_filter_text)
        self.buttons = save_cancel_box(self, save_text="Chọn")
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        self.date_edit: QDateEdit | None = None
        self._default_date = default_date
        if date_label:
            self.date_edit = QDateEdit()
            self.date_edit.setCalendarPopup(True)
            self.date_edit.setDisplayFormat("dd/MM/yyyy")
            form = QFormLayout()
            form.addRow(date_label, self.date_edit)
            layout.addLayout(form)
            self.view.selectionModel().selectionChanged.connect(self._follow_selection)
        layout.addWidget(self.buttons)
        if self.proxy.rowCount():
            self.view.selectRow(0)

    def _follow_selection(self, *_args) -> None:
        chosen = self.decision()
        if chosen is not None and self.date_edit is not None:
            day = self._default_date(chosen) if self._default_date else chosen.issued_on
            self.date_edit.setDate(_qdate(day))

    def decision(self) -> Decision | None:
        """The selected decision, or None."""
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(RecordRole) if rows else None

    def chosen_date(self) -> dt.date | None:
        """The date in the date field (None without one)."""
        if self.date_edit is None:
            return None
        d = self.date_edit.date()
        return dt.date(d.year(), d.month(), d.day())


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ProposalChooser(QDialog):
    """Which list a tờ trình proposes (a meeting's results for one authority, or a decision's list)
    and the day it is signed: the meeting's day unless the user picks another."""

    def __init__(self, choices: list[tuple[str, dt.date | None]], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Tờ trình đề nghị khen thưởng")
        self._choices = choices
        self.list_box = QComboBox()
        for label, _day in choices:
            self.list_box.addItem(label)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.list_box.currentIndexChanged.connect(self._follow_choice)
        self.buttons = save_cancel_box(self, save_text="Tiếp tục")
        form = QFormLayout()
        form.addRow("Danh sách đề nghị", self.list_box)
        form.addRow("Ngày tờ trình", self.date_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._follow_choice(0)

    def _follow_choice(self, index: int) -> None:
        day = self._choices[index][1] if 0 <= index < len(self._choices) else None
        # A decision's list is dated in the decision chooser that follows.
        self.date_edit.setEnabled(day is not None)
        if day is not None:
            self.date_edit.setDate(_qdate(day))

    def value(self) -> tuple[int, dt.date | None]:
        """(index of the chosen list, the tờ trình's date or None when a decision is chosen next)."""
        index = self.list_box.currentIndex()
        if not self.date_edit.isEnabled():
            return index, None
        d = self.date_edit.date()
        return index, dt.date(d.year(), d.month(), d.day())


class YearRangeDialog(QDialog):
    """From year – to year, for the statistics report."""

    def __init__(self, first: int, last: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Báo cáo thống kê khen thưởng")
        self.from_spin, self.to_spin = QSpinBox(), QSpinBox()
        for spin, value in ((self.from_spin, first), (self.to_spin, last)):
            spin.setRange(1945, 2100)
            spin.setValue(value)
            spin.valueChanged.connect(self.validate)
        self.error = ErrorLabel()
        self.buttons = save_cancel_box(self, save_text="Xem báo cáo")
        form = QFormLayout()
        form.addRow("Từ năm", self.from_spin)
        form.addRow("Đến năm", self.to_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def value(self) -> tuple[int, int]:
        """(from, to)."""
        return self.from_spin.value(), self.to_spin.value()

    def validate(self) -> bool:
        """The period must not be reversed."""
        bad = self.from_spin.value() > self.to_spin.value()
        self.error.show_error("Năm bắt đầu phải trước hoặc bằng năm kết thúc." if bad else None)
        self.buttons.button(self.buttons.StandardButton.Save).setEnabled(not bad)
        return not bad


class RegistrationDialog(QDialog):
    """Who registers (a person or a collective), for which year, which title and form."""

    def __init__(self, staff: list[Staff], units: list[Unit], types: list[AwardType], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Bản đăng ký thi đua")
        self._types = types
        self.person_radio, self.unit_radio = QRadioButton("Cá nhân"), QRadioButton("Tập thể")
        self.person_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.person_radio)
        group.addButton(self.unit_radio)
        self.staff_box = QComboBox()
        for p in staff:
            self.staff_box.addItem(f"{p.full_name} ({p.code}, {p.unit_name})", p.id)
        self.unit_box = QComboBox()
        for u in units:
            self.unit_box.addItem(u.name, u.id)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(1945, 2100)
        self.year_spin.setValue(dt.date.today().year)
        self.title_box, self.form_box = QComboBox(), QComboBox()
        self.person_radio.toggled.connect(self._fill_types)
        row = QHBoxLayout()
        row.addWidget(self.person_radio)
        row.addWidget(self.unit_radio)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow("Đăng ký cho", row)
        form.addRow("Cán bộ", self.staff_box)
        form.addRow("Tập thể", self.unit_box)
        form.addRow("Năm", self.year_spin)
        form.addRow("Danh hiệu thi đua", self.title_box)
        form.addRow("Hình thức khen thưởng", self.form_box)
        self.buttons = save_cancel_box(self, save_text="Xem bản đăng ký")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._fill_types()

    def _fill_types(self, *_args) -> None:
        target = "ca_nhan" if self.person_radio.isChecked() else "tap_the"
        self.staff_box.setEnabled(target == "ca_nhan")
        self.unit_box.setEnabled(target == "tap_the")
        for box, kind in ((self.title_box, "danh_hieu"), (self.form_box, "hinh_thuc")):
            box.clear()
            box.addItem("(để trống, ghi tay)", "")
            for t in self._types:
                if t.kind == kind and t.target == target and t.active:
                    box.addItem(t.name, t.code)

    def value(self) -> dict:
        """Keyword arguments for ``services.documents.registration_for``."""
        person = self.person_radio.isChecked()
        return {
            "year": self.year_spin.value(),
            "staff_id": self.staff_box.currentData() if person else None,
            "unit_id": None if person else self.unit_box.currentData(),
            "title": self.title_box.currentData() or "",
            "form": self.form_box.currentData() or "",
        }


class RegisterDialog(QDialog):
    """The certificate register: who got which certificate, when, and every reprint."""

    def __init__(self, entries: list[RegisterEntry], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Sổ cấp giấy khen (sổ vàng)")
        self.resize(980, 520)
        self.model = RegisterModel(self)
        self.model.set_rows(entries)
        self.proxy = FoldFilterProxy(
            lambda e: f"{e.serial} {e.recipient_name} {e.award_name} {e.decision_number}", self
        )
        self.view = _table(self.model, self.proxy)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.resizeColumnsToContents()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm theo tên, số sổ vàng, số quyết định…")
        self.search.textChanged.connect(self._filter)
        # Said in words when there is nothing to list: an empty grid looks like a fault.
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.count = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.empty, 1)  # in the table's place when there is nothing to list
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self._filter("")

    def _filter(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if not total:
            self.empty.setText("Chưa cấp giấy khen nào. Giấy khen in từ trang “Quyết định” (nút “In giấy khen”) "
                               "hoặc menu In ấn được ghi vào sổ này, kèm số sổ vàng và giờ in.")
        elif not shown:
            self.empty.setText(f"Không có dòng nào khớp “{text.strip()}”.")
        self.empty.setVisible(not shown)
        self.view.setVisible(bool(shown))
        self.count.setText(f"{shown}/{total} lượt cấp" if text.strip() else f"{total} lượt cấp")
