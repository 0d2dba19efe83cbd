"""The staff tab's "Thông tin" pane: the selected person's register data, read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from tdkt_desktop.db.records import Staff
from tdkt_desktop.text import format_date


class PersonInfo(QWidget):
    """The selected person's register data, read-only."""

    def __init__(self):
        super().__init__()
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout(self)
        for key, title in [
            ("full_name", "Họ và tên"), ("code", "Mã cán bộ"), ("birth_date", "Ngày sinh"),
            ("gender", "Giới tính"), ("position", "Chức vụ"), ("unit_name", "Đơn vị"),
            ("recruited_on", "Ngày tuyển dụng"), ("status", "Trạng thái"), ("note", "Ghi chú"),
        ]:
            label = QLabel()
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            self.labels[key] = label
            form.addRow(f"{title}:", label)

    def show_staff(self, person: Staff | None) -> None:
        """Fill the labels (blank when nobody is selected)."""
        values = {}
        if person:
            values = {
                "full_name": person.full_name, "code": person.code,
                "birth_date": format_date(person.birth_date), "gender": person.gender,
                "position": person.position, "unit_name": person.unit_name,
                "recruited_on": format_date(person.recruited_on),
                "status": "Đang làm việc" if person.active else "Ngừng theo dõi", "note": person.note,
            }
        for key, label in self.labels.items():
            label.setText(values.get(key, ""))
