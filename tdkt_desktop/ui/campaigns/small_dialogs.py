"""Small campaign dialogs: the reward decision's header (with its list shown), a progress note with files."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from tdkt_desktop.db.award_records import Award, Decision
from tdkt_desktop.text import DateError, nfc
from tdkt_desktop.ui.awards.models import AWARD_LINE_COLUMNS
from tdkt_desktop.ui.common.table_model import RecordTableModel
from tdkt_desktop.ui.common.widgets import DateLineEdit, ErrorLabel, save_cancel_box, setup_table


class _Lines(RecordTableModel):
    COLUMNS = AWARD_LINE_COLUMNS


class RewardDialog(QDialog):
    """The reward decision of a tổng kết: the header to confirm, the list it will carry (read-only here)."""

    def __init__(self, header: Decision, lines: list[Award], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Tạo quyết định khen thưởng từ kết quả tổng kết")
        self.resize(980, 620)
        self._header = header
        self.number = QLineEdit(header.number)
        self.issued_on = DateLineEdit("Ngày quyết định")
        self.issued_on.set_date(header.issued_on)
        self.signer_name = QLineEdit(header.signer_name)
        self.signer_title = QLineEdit(header.signer_title)
        self.summary = QLineEdit(header.summary)
        form = QFormLayout()
        form.addRow("Số, ký hiệu:", self.number)
        form.addRow("Ngày ban hành:", self.issued_on)
        form.addRow("Cơ quan ban hành:", QLabel(header.issuer))
        form.addRow("Người ký:", self.signer_name)
        form.addRow("Chức vụ người ký:", self.signer_title)
        form.addRow("Trích yếu:", self.summary)
        from tdkt_desktop.reports.decision import count_phrase

        units = sum(a.staff_id is None for a in lines)
        self.count = QLabel(f"Danh sách kèm theo: {count_phrase(units, len(lines) - units)} "
                            "(theo cột “Đề nghị khen thưởng” của kết quả tổng kết).")
        self.model = _Lines(self)
        self.model.set_rows([dataclasses.replace(a, position=i) for i, a in enumerate(lines, start=1)])
        self.view = QTableView()
        setup_table(self.view, self.model, sortable=False)
        for column, width in ((0, 45), (1, 220), (2, 65), (3, 250), (4, 240)):
            self.view.setColumnWidth(column, width)
        self.error = ErrorLabel()
        self.buttons = save_cancel_box(self, save_text="Tạo quyết định")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.count)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def value(self) -> Decision:
        return dataclasses.replace(
            self._header, number=nfc(self.number.text()), issued_on=self.issued_on.date(),
            year=None, signer_name=nfc(self.signer_name.text()), signer_title=nfc(self.signer_title.text()),
            summary=nfc(self.summary.text()),
        )

    def accept(self) -> None:
        try:
            day = self.issued_on.date()
        except DateError as exc:
            self.error.show_error(str(exc))
            return
        if day is None or not nfc(self.number.text()):
            self.error.show_error("Hãy nhập số và ngày ban hành quyết định.")
            return
        super().accept()


class NoteDialog(QDialog):
    """A dated progress note and the evidence files to copy beside the database; returns them, never writes."""

    def __init__(self, parent=None, *, today: dt.date | None = None):
        super().__init__(parent)
        self.setWindowTitle("Ghi nhận tiến độ, minh chứng")
        self.resize(640, 460)
        self.noted_on = DateLineEdit("Ngày ghi nhận")
        self.noted_on.set_date(today or dt.date.today())
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("Nội dung: việc đã làm, kết quả đạt được, tồn tại …")
        self.files = QStandardItemModel(self)
        self.files_view = QListView()
        self.files_view.setModel(self.files)
        self.add_button = QPushButton("Thêm tệp minh chứng…")
        self.add_button.clicked.connect(self._choose)
        self.remove_button = QPushButton("Bỏ tệp đã chọn")
        self.remove_button.clicked.connect(self._remove)
        self.error = ErrorLabel()
        self.buttons = save_cancel_box(self)
        form = QFormLayout()
        form.addRow("Ngày:", self.noted_on)
        form.addRow("Nội dung:", self.text)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Tệp minh chứng (được sao chép vào thư mục “attachments” cạnh tệp dữ liệu):"))
        layout.addWidget(self.files_view, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def add_files(self, paths: list[str | Path]) -> None:
        """Queue files to attach (the file dialog calls this; tests too)."""
        have = set(self.paths())
        for path in paths:
            path = Path(path)
            if path not in have:
                item = QStandardItem(path.name)
                item.setData(str(path), Qt.ItemDataRole.UserRole)
                item.setToolTip(str(path))
                self.files.appendRow(item)

    def _choose(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Chọn tệp minh chứng")
        self.add_files(names)

    def _remove(self) -> None:
        for index in sorted(self.files_view.selectionModel().selectedRows(), key=lambda i: -i.row()):
            self.files.removeRow(index.row())

    def paths(self) -> list[Path]:
        return [Path(self.files.item(r).data(Qt.ItemDataRole.UserRole)) for r in range(self.files.rowCount())]

    def value(self) -> tuple[dt.date | None, str, list[Path]]:
        return self.noted_on.date(), nfc(self.text.toPlainText()), self.paths()

    def accept(self) -> None:
        try:
            self.noted_on.date()
        except DateError as exc:
            self.error.show_error(str(exc))
            return
        super().accept()
