"""Registration dialogs: a whole unit in one step, or a list pasted from Excel; they return choices, never write."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from tdkt_desktop.db.award_records import AwardType
from tdkt_desktop.db.campaign_records import Campaign
from tdkt_desktop.db.records import Staff, Unit
from tdkt_desktop.db.registrations import match_pasted
from tdkt_desktop.ui.awards.widgets import fill_award_types
from tdkt_desktop.ui.common.widgets import ErrorLabel, save_cancel_box


def _year_spin(campaign: Campaign, year: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(campaign.years.start, campaign.years.stop - 1)
    spin.setValue(min(max(year, campaign.years.start), campaign.years.stop - 1))
    return spin


class UnitRegistrationDialog(QDialog):
    """Register every active person of a unit for one title (or form), and the unit itself if wanted."""

    def __init__(self, campaign: Campaign, year: int, units: list[Unit], staff: list[Staff],
                 types: list[AwardType], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Đăng ký thi đua cả đơn vị")
        self.resize(620, 300)
        self._staff = staff
        self.unit = QComboBox()
        for u in units:
            self.unit.addItem(u.name, u.id)
        self.year = _year_spin(campaign, year)
        self.person_award = QComboBox()
        fill_award_types(self.person_award, [t for t in types if t.target == "ca_nhan" and t.active])
        self.person_award.setCurrentIndex(max(0, self.person_award.findData("lao_dong_tien_tien")))
        self.with_unit = QCheckBox("Tập thể đơn vị cũng đăng ký:")
        self.with_unit.setChecked(True)
        self.unit_award = QComboBox()
        fill_award_types(self.unit_award, [t for t in types if t.target == "tap_the" and t.active])
        self.unit_award.setCurrentIndex(max(0, self.unit_award.findData("tap_the_lao_dong_tien_tien")))
        self.with_unit.toggled.connect(self.unit_award.setEnabled)
        self.count = QLabel()
        self.error = ErrorLabel()
        self.buttons = save_cancel_box(self, save_text="Đăng ký")
        layout = QVBoxLayout(self)
        title = QLabel(f"Phong trào: <b>{campaign.name}</b>")
        title.setWordWrap(True)
        layout.addWidget(title)
        form = QFormLayout()
        layout.addLayout(form)
        form.addRow("Đơn vị:", self.unit)
        form.addRow("", self.count)
        form.addRow("Năm:", self.year)
        form.addRow("Cán bộ đăng ký:", self.person_award)
        form.addRow(self.with_unit, self.unit_award)
        form.addRow(self.error)
        form.addRow(self.buttons)
        self.unit.currentIndexChanged.connect(self._show_count)
        self._show_count()

    def _show_count(self) -> None:
        unit_id = self.unit.currentData()
        n = sum(1 for s in self._staff if s.unit_id == unit_id and s.active)
        self.count.setText(f"{n} cán bộ đang làm việc sẽ được đăng ký (người đã đăng ký thì giữ nguyên).")

    def value(self) -> tuple[int, int, str | None, str | None]:
        """(year, unit id, award for the people, award for the unit or None)."""
        unit_award = self.unit_award.currentData() if self.with_unit.isChecked() else None
        return self.year.value(), self.unit.currentData(), self.person_award.currentData(), unit_award


class PasteRegistrationDialog(QDialog):
    """Paste codes or names (one per line, or rows of cells from Excel) and register them for one award."""

    def __init__(self, campaign: Campaign, year: int, staff: list[Staff], units: list[Unit],
                 types: list[AwardType], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Đăng ký thi đua theo danh sách dán từ Excel")
        self.resize(700, 520)
        self._staff, self._units = staff, units
        self._types = {t.code: t for t in types}
        self.year = _year_spin(campaign, year)
        self.award = QComboBox()
        fill_award_types(self.award, [t for t in types if t.active])
        self.award.setCurrentIndex(max(0, self.award.findData("lao_dong_tien_tien")))
        self.paste = QPlainTextEdit()
        self.paste.setPlaceholderText("Dán từ Excel: mỗi dòng một mã cán bộ hoặc họ tên (tên tập thể nếu đăng ký "
                                      "danh hiệu tập thể)")
        self.check_button = QPushButton("Kiểm tra danh sách")
        self.check_button.clicked.connect(self.check)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.error = ErrorLabel()
        self.buttons = save_cancel_box(self, save_text="Đăng ký")
        form = QFormLayout()
        form.addRow("Năm:", self.year)
        form.addRow("Danh hiệu / Hình thức:", self.award)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Phong trào: {campaign.name}"))
        layout.addLayout(form)
        layout.addWidget(self.paste, 1)
        layout.addWidget(self.check_button)
        layout.addWidget(self.result)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.found: list = []
        self.unknown: list[str] = []

    def collective(self) -> bool:
        chosen = self._types.get(self.award.currentData())
        return bool(chosen and chosen.target == "tap_the")

    def check(self) -> None:
        """Match every pasted line; show how many were found and which were not."""
        self.found, self.unknown = match_pasted(self.paste.toPlainText(), self._staff, self._units,
                                                collective=self.collective())
        who = "tập thể" if self.collective() else "cán bộ"
        text = f"Nhận ra {len(self.found)} {who}."
        if self.unknown:
            shown = "; ".join(self.unknown[:8]) + ("…" if len(self.unknown) > 8 else "")
            text += f" Không nhận ra {len(self.unknown)} dòng: {shown}"
        self.result.setText(text)

    def value(self) -> tuple[int, str, list[int], list[int]]:
        """(year, award code, staff ids, unit ids) of the lines recognised."""
        ids = [r.id for r in self.found]
        return (self.year.value(), self.award.currentData(), [] if self.collective() else ids,
                ids if self.collective() else [])

    def accept(self) -> None:
        """Lines not recognised must be fixed (or deleted) first: nothing is registered by guess."""
        self.check()
        if self.unknown:
            self.error.show_error(f"Còn {len(self.unknown)} dòng không nhận ra; hãy sửa (dùng mã cán bộ) hoặc xóa "
                                  "các dòng đó rồi đăng ký lại.")
            return
        if not self.found:
            self.error.show_error("Chưa dán mã hoặc tên nào.")
            return
        self.error.show_error(None)
        super().accept()
