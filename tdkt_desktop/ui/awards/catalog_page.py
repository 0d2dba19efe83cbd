"""Sub-page "Danh mục": the award catalog, titles and forms apart; the office adds or retires its own types."""

from __future__ import annotations

import contextlib
import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from tdkt_desktop.db import catalog
from tdkt_desktop.db.award_records import AwardType
from tdkt_desktop.text import fold
from tdkt_desktop.ui.awards.widgets import set_combo_data
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.changes import WriteFailed
from tdkt_desktop.ui.common.table_model import Column, RecordRole, RecordTableModel
from tdkt_desktop.ui.common.widgets import ErrorLabel, LazyPage, save_cancel_box, setup_table, write_from_dialog
from tdkt_desktop.vocabulary import AWARD_KINDS, AWARD_LEVELS, AWARD_TARGETS, CERTIFICATE_KINDS


class CatalogModel(RecordTableModel):
    """Every award type; retired ones greyed out."""

    COLUMNS = (
        Column("Loại", lambda t: AWARD_KINDS[t.kind], lambda t: (t.kind, t.sort_order)),
        Column("Tên danh hiệu / hình thức", lambda t: t.name, lambda t: fold(t.name)),
        Column("Viết tắt", lambda t: t.short_name),
        Column("Đối tượng", lambda t: AWARD_TARGETS[t.target]),
        Column("Cấp", lambda t: AWARD_LEVELS.get(t.level, t.level)),
        Column("Thẩm quyền quyết định", lambda t: t.authority, lambda t: fold(t.authority)),
        Column("Giấy chứng nhận", lambda t: CERTIFICATE_KINDS.get(t.certificate_kind, t.certificate_kind)),
        Column("Nguồn", lambda t: "Có sẵn" if t.builtin else "Cơ quan thêm"),
        Column("Đang dùng", lambda t: "Có" if t.active else "Ngừng"),
    )

    def extra_data(self, record: AwardType, column: int, role: int):
        """Retired types in grey."""
        if role == Qt.ItemDataRole.ForegroundRole and not record.active:
            return QBrush(QColor("#8a8a8a"))
        return None


class AwardTypeDialog(QDialog):
    """Add or edit one type; returns an AwardType, never writes."""

    def __init__(self, db: Database, award_type: AwardType | None = None, parent=None):
        super().__init__(parent)
        self.db, self.original = db, award_type
        self.setWindowTitle("Sửa loại khen thưởng" if award_type else "Thêm danh hiệu / hình thức khen thưởng")
        self.name = QLineEdit()
        self.short_name = QLineEdit()
        self.kind = QComboBox()
        for code, label in AWARD_KINDS.items():
            self.kind.addItem(label, code)
        self.target = QComboBox()
        for code, label in AWARD_TARGETS.items():
            self.target.addItem(label, code)
        self.level = QComboBox()
        for code, label in AWARD_LEVELS.items():
            self.level.addItem(label, code)
        self.authority = QLineEdit()
        self.authority.setPlaceholderText("ví dụ: Chủ tịch UBND huyện")
        self.certificate = QComboBox()
        for code, label in CERTIFICATE_KINDS.items():
            self.certificate.addItem(label, code)
        self.aliases = QLineEdit()
        self.aliases.setPlaceholderText("các cách viết khác khi nhập Excel, cách nhau bằng dấu ;")
        self.active = QCheckBox("Đang dùng")
        self.active.setChecked(True)
        self.error = ErrorLabel()
        form = QFormLayout(self)
        form.addRow("Tên:", self.name)
        form.addRow("Tên viết tắt:", self.short_name)
        form.addRow("Loại:", self.kind)
        form.addRow("Đối tượng:", self.target)
        form.addRow("Cấp:", self.level)
        form.addRow("Thẩm quyền quyết định:", self.authority)
        form.addRow("Giấy chứng nhận:", self.certificate)
        form.addRow("Tên gọi khác:", self.aliases)
        form.addRow(self.active)
        form.addRow(self.error)
        self.buttons = save_cancel_box(self)
        form.addRow(self.buttons)
        self.resize(560, 0)
        if award_type is None:
            set_combo_data(self.kind, "hinh_thuc")  # what offices usually add: a Giấy khen, a Kỷ niệm chương
        else:
            self.name.setText(award_type.name)
            self.short_name.setText(award_type.short_name)
            set_combo_data(self.kind, award_type.kind)
            set_combo_data(self.target, award_type.target)
            set_combo_data(self.level, award_type.level)
            self.authority.setText(award_type.authority)
            set_combo_data(self.certificate, award_type.certificate_kind)
            self.aliases.setText("; ".join(award_type.aliases))
            self.active.setChecked(award_type.active)
            # What a type is (title or form, for whom) cannot change once awards may use it.
            self.kind.setEnabled(False)
            self.target.setEnabled(False)

    def value(self) -> AwardType:
        """The type as typed."""
        base = self.original or AwardType(code="", name="", short_name="", kind="hinh_thuc", target="ca_nhan",
                                          level="co_so", authority="", certificate_kind="", sort_order=1000,
                                          builtin=False)
        return dataclasses.replace(
            base, name=self.name.text(), short_name=self.short_name.text(), kind=self.kind.currentData(),
            target=self.target.currentData(), level=self.level.currentData(), authority=self.authority.text(),
            certificate_kind=self.certificate.currentData(), active=self.active.isChecked(),
            aliases=tuple(a.strip() for a in self.aliases.text().split(";") if a.strip()),
        )

    def accept(self) -> None:
        """Refuse what the catalog would refuse, inline."""
        if not self.name.text().strip():
            self.error.show_error("Tên danh hiệu/hình thức không được để trống.")
            return
        super().accept()


class CatalogPage(LazyPage, QWidget):
    """The catalog table with add / edit / retire."""

    topics = frozenset({changes.CATALOG})

    def __init__(self, db: Database, window):
        super().__init__()
        self.db, self.main_window = db, window
        self.model = CatalogModel(self)
        self.table = QTableView()
        setup_table(self.table, self.model)
        for column, width in ((0, 150), (1, 330), (2, 110), (3, 80), (4, 110), (5, 200), (6, 130), (7, 100)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _: self.edit_type())
        self.add_button = QPushButton("Thêm loại mới…")
        self.edit_button = QPushButton("Sửa…")
        self.toggle_button = QPushButton("Ngừng dùng / Dùng lại")
        self.add_button.clicked.connect(self.add_type)
        self.edit_button.clicked.connect(self.edit_type)
        self.toggle_button.clicked.connect(self.toggle_type)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Danh hiệu thi đua và hình thức khen thưởng (theo Luật TĐKT 2022, NĐ 152/2025) "
                             "cùng các loại cơ quan tự thêm."))
        bar.addStretch(1)
        for b in (self.add_button, self.edit_button, self.toggle_button):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        """Reload the catalog."""
        self.model.set_rows(catalog.list_award_types(self.db, active_only=False))

    def current(self) -> AwardType | None:
        """The selected type."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RecordRole) if rows else None

    def add_type(self) -> None:
        """Add an office-specific title or form."""
        write_from_dialog(self.main_window, AwardTypeDialog(self.db, None, self),
                          lambda award_type: catalog.add_award_type(self.db, award_type), changes.CATALOG)

    def edit_type(self) -> None:
        """Edit the selected type's names, authority and certificate kind."""
        current = self.current()
        if current is None:
            return
        write_from_dialog(self.main_window, AwardTypeDialog(self.db, current, self),
                          lambda award_type: catalog.update_award_type(self.db, award_type), changes.CATALOG)

    def toggle_type(self) -> None:
        """Retire a type (kept for history, hidden from new decisions) or bring it back."""

        current = self.current()
        if current is not None:
            with contextlib.suppress(WriteFailed):
                self.main_window.run_write(
                    lambda: catalog.update_award_type(self.db, dataclasses.replace(current, active=not current.active)),
                    changes.CATALOG,
                )
