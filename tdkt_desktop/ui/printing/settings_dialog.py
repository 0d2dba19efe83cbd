"""Print settings: blank type, per-printer x/y offsets, calibration page, the office's "Căn cứ" lines."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from tdkt_desktop.db.award_records import PrintOptions, PrintProfile
from tdkt_desktop.db.certificates import MAX_OFFSET_MM, validate_profile
from tdkt_desktop.text import nfc
from tdkt_desktop.ui.common.widgets import ErrorLabel, save_cancel_box


class PrintSettingsDialog(QDialog):
    """Edits one print profile and the office's document texts; ``value()`` returns both.

    ``blanks`` maps blank codes to names; ``show_calibration(profile, dialog)`` previews the test page
    with the offsets as typed (not yet saved), so the office can try before saving.
    """

    def __init__(self, profile: PrintProfile, options: PrintOptions, blanks: dict[str, str], parent=None,
                 *, show_calibration: Callable[[PrintProfile, QDialog], None] | None = None):
        super().__init__(parent)
        self.setWindowTitle("Cài đặt in")
        self._profile = profile
        self._show_calibration = show_calibration
        self.name_edit = QLineEdit(profile.name)
        self.blank_box = QComboBox()
        for code, name in blanks.items():
            self.blank_box.addItem(name, code)
        self.blank_box.setCurrentIndex(max(0, self.blank_box.findData(profile.blank_type)))
        self.printer_box = QComboBox()
        self.printer_box.setEditable(True)
        self.printer_box.addItem("")
        for info in QPrinterInfo.availablePrinters():
            self.printer_box.addItem(info.printerName())
        self.printer_box.setCurrentText(profile.printer_name)
        self.x_spin = self._offset_spin(profile.offset_x_mm)
        self.y_spin = self._offset_spin(profile.offset_y_mm)
        self.bases_edit = QPlainTextEdit("\n".join(options.office_bases))
        self.bases_edit.setPlaceholderText(
            "Mỗi dòng một văn bản, ví dụ: Quyết định số 08/2018/QĐ-UBND ngày 02 tháng 3 năm 2018 "
            "của UBND tỉnh Cao Bằng ban hành Quy chế thi đua, khen thưởng"
        )
        self.bases_edit.setFixedHeight(90)
        self.proposer_edit = QLineEdit(options.proposer)
        self.proposer_edit.setPlaceholderText("Chánh Văn phòng Sở")
        self.calibration_button = QPushButton("Xem trang căn chỉnh…")
        self.calibration_button.clicked.connect(self._on_calibration)
        self.calibration_button.setEnabled(show_calibration is not None)

        form = QFormLayout()
        form.addRow("Tên cấu hình *", self.name_edit)
        form.addRow("Loại phôi", self.blank_box)
        form.addRow("Máy in", self.printer_box)
        form.addRow("Lệch ngang X (mm, + sang phải)", self.x_spin)
        form.addRow("Lệch dọc Y (mm, + xuống dưới)", self.y_spin)
        form.addRow("", self.calibration_button)
        form.addRow("Căn cứ riêng của cơ quan", self.bases_edit)
        form.addRow("Theo đề nghị của", self.proposer_edit)
        hint = QLabel("Độ lệch chỉ dùng khi in lên phôi in sẵn; in trên giấy trắng luôn in đúng vị trí.")
        hint.setWordWrap(True)
        self.error = ErrorLabel()
        self.buttons = save_cancel_box(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)
        self.name_edit.textChanged.connect(self.validate)
        self.validate()

    @staticmethod
    def _offset_spin(value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(-MAX_OFFSET_MM, MAX_OFFSET_MM)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        spin.setSuffix(" mm")
        spin.setValue(value)
        return spin

    def profile(self) -> PrintProfile:
        """The profile as typed (saved as the default one)."""
        return PrintProfile(
            id=self._profile.id, name=nfc(self.name_edit.text()), blank_type=self.blank_box.currentData(),
            offset_x_mm=self.x_spin.value(), offset_y_mm=self.y_spin.value(),
            printer_name=nfc(self.printer_box.currentText()), is_default=True,
        )

    def options(self) -> PrintOptions:
        """The office texts as typed; blank lines dropped."""
        lines = tuple(nfc(line) for line in self.bases_edit.toPlainText().splitlines() if line.strip())
        return PrintOptions(office_bases=lines, proposer=nfc(self.proposer_edit.text()))

    def value(self) -> tuple[PrintProfile, PrintOptions]:
        """Both records; the caller writes them."""
        return self.profile(), self.options()

    def validate(self) -> bool:
        """Enable Save only for a valid profile; say why inline."""
        errors = validate_profile(self.profile())
        self.error.show_error("\n".join(errors.values()) or None)
        self.buttons.button(self.buttons.StandardButton.Save).setEnabled(not errors)
        return not errors

    def _on_calibration(self) -> None:
        if self._show_calibration is not None:
            self._show_calibration(self.profile(), self)
