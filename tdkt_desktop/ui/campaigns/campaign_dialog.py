"""Campaign dialog: name, kind, period, launching document, goals, checklist, participating units; never writes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from tdkt_desktop.db.campaign_records import Campaign
from tdkt_desktop.db.records import Unit
from tdkt_desktop.text import DateError, nfc
from tdkt_desktop.ui.common.widgets import DateLineEdit, ErrorLabel, save_cancel_box
from tdkt_desktop.vocabulary import CAMPAIGN_DOCUMENTS, CAMPAIGN_KINDS, CAMPAIGN_LEVELS


def _combo(items: dict[str, str], current: str) -> QComboBox:
    combo = QComboBox()
    for code, label in items.items():
        combo.addItem(label, code)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class CampaignDialog(QDialog):
    """Returns ``(Campaign, criteria lines, unit ids)`` through :meth:`value`."""

    def __init__(self, units: list[Unit], office: str, parent=None, *, campaign: Campaign | None = None,
                 criteria: list[str] = (), unit_ids: set[int] | None = None):
        super().__init__(parent)
        self.setWindowTitle("Sửa phong trào thi đua" if campaign else "Thêm phong trào thi đua")
        self.resize(960, 620)
        self._campaign = campaign or Campaign(id=None, name="", doc_issuer=office)
        c = self._campaign
        self.name = QLineEdit(c.name)
        self.name.setPlaceholderText("ví dụ: Thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2026")
        self.kind = _combo(CAMPAIGN_KINDS, c.kind)
        self.level = _combo(CAMPAIGN_LEVELS, c.level)
        self.starts_on = DateLineEdit("Ngày bắt đầu")
        self.starts_on.set_date(c.starts_on)
        self.ends_on = DateLineEdit("Ngày kết thúc")
        self.ends_on.set_date(c.ends_on)
        self.doc_kind = _combo(CAMPAIGN_DOCUMENTS, c.doc_kind)
        self.doc_number = QLineEdit(c.doc_number)
        self.doc_number.setPlaceholderText("ví dụ: 08/KH-SKHCN")
        self.doc_date = DateLineEdit("Ngày văn bản phát động")
        self.doc_date.set_date(c.doc_date)
        self.doc_issuer = QComboBox()
        self.doc_issuer.setEditable(True)
        for name in dict.fromkeys(n for n in (c.doc_issuer, office) if n):
            self.doc_issuer.addItem(name)
        self.goals = QPlainTextEdit(c.goals)
        self.goals.setPlaceholderText("Mục đích, yêu cầu của phong trào")
        self.criteria = QPlainTextEdit("\n".join(criteria))
        self.criteria.setPlaceholderText("Mỗi dòng một tiêu chí, chỉ tiêu thi đua")

        period = QHBoxLayout()
        for label, widget in (("từ", self.starts_on), ("đến", self.ends_on)):
            period.addWidget(QLabel(label))
            period.addWidget(widget)
        period.addStretch(1)
        doc = QHBoxLayout()
        doc.addWidget(self.doc_kind)
        doc.addWidget(QLabel("số"))
        doc.addWidget(self.doc_number, 1)
        doc.addWidget(QLabel("ngày"))
        doc.addWidget(self.doc_date)
        form = QFormLayout()
        form.addRow("Tên phong trào:", self.name)
        kinds = QHBoxLayout()
        kinds.addWidget(self.kind)
        kinds.addWidget(QLabel("Cấp phát động:"))
        kinds.addWidget(self.level)
        kinds.addStretch(1)
        form.addRow("Loại:", kinds)
        form.addRow("Thời gian:", period)
        form.addRow("Văn bản phát động:", doc)
        form.addRow("Cơ quan ban hành:", self.doc_issuer)
        form.addRow("Mục đích, yêu cầu:", self.goals)
        form.addRow("Tiêu chí:", self.criteria)
        left = QGroupBox("Phong trào")
        left.setLayout(form)

        self.units_model = QStandardItemModel(self)
        chosen = unit_ids if unit_ids is not None else {u.id for u in units}
        for u in units:
            item = QStandardItem(u.name)
            item.setData(u.id, Qt.ItemDataRole.UserRole)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked if u.id in chosen else Qt.CheckState.Unchecked)
            self.units_model.appendRow(item)
        self.units_view = QListView()
        self.units_view.setModel(self.units_model)
        all_button, none_button = QPushButton("Chọn tất cả"), QPushButton("Bỏ chọn")
        all_button.clicked.connect(lambda: self._check_all(True))
        none_button.clicked.connect(lambda: self._check_all(False))
        right = QGroupBox("Đơn vị tham gia")
        rl = QVBoxLayout(right)
        rl.addWidget(self.units_view, 1)
        row = QHBoxLayout()
        row.addWidget(all_button)
        row.addWidget(none_button)
        rl.addLayout(row)

        self.error = ErrorLabel()
        self.buttons = save_cancel_box(self)
        body = QHBoxLayout()
        body.addWidget(left, 3)
        body.addWidget(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _check_all(self, on: bool) -> None:
        for row in range(self.units_model.rowCount()):
            self.units_model.item(row).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def unit_ids(self) -> list[int]:
        """Ids of the ticked units."""
        return [self.units_model.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.units_model.rowCount())
                if self.units_model.item(r).checkState() == Qt.CheckState.Checked]

    def value(self) -> tuple[Campaign, list[str], list[int]]:
        """The campaign as typed, its checklist lines and ticked units (dates must parse: see accept)."""
        c = self._campaign
        campaign = Campaign(
            id=c.id, name=nfc(self.name.text()), kind=self.kind.currentData(), level=self.level.currentData(),
            starts_on=self.starts_on.date(), ends_on=self.ends_on.date(), doc_kind=self.doc_kind.currentData(),
            doc_number=nfc(self.doc_number.text()), doc_date=self.doc_date.date(),
            doc_issuer=nfc(self.doc_issuer.currentText()), goals=nfc(self.goals.toPlainText()),
            closed_on=c.closed_on, note=c.note,
        )
        lines = [nfc(line) for line in self.criteria.toPlainText().splitlines() if nfc(line)]
        return campaign, lines, self.unit_ids()

    def accept(self) -> None:
        """Dates must be readable and the name present; the rest is checked when saving."""
        try:
            campaign, _lines, _units = self.value()
        except DateError as exc:
            self.error.show_error(str(exc))
            return
        if not campaign.name:
            self.error.show_error("Tên phong trào không được để trống.")
            return
        self.error.show_error(None)
        super().accept()

