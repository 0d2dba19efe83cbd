"""Tab "Cán bộ": unit tree, staff table with filter, add/edit/deactivate, and person detail pages."""

from __future__ import annotations

import contextlib
import importlib

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import units as units_db
from tdkt_desktop.db.records import Staff
from tdkt_desktop.text import format_date
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.changes import WriteFailed
from tdkt_desktop.ui.common.proxy import FoldFilterProxy
from tdkt_desktop.ui.common.table_model import RecordRole
from tdkt_desktop.ui.common.widgets import setup_table
from tdkt_desktop.ui.staff.model import StaffTableModel, staff_search_text

_ALL_UNITS = -1


class PersonInfo(QWidget):
    """The selected person's register data, read-only."""

    def __init__(self, db: Database, window):
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


class StaffTab(QWidget):
    """Thin composer: db query → model; dialogs return records; the tab writes through db/."""

    #: Right-hand detail pages for the selected person: (module, class, title);
    #: each is ``Widget(db, window)`` with ``set_person(staff_id | None)``.
    DETAIL_PAGES: list[tuple[str, str, str]] = [
        ("tdkt_desktop.ui.staff.history_panel", "PersonHistoryPanel", "Quá trình khen thưởng"),
    ]

    person_selected = Signal(object)  # staff id or None

    def __init__(self, db: Database, window):
        super().__init__()
        self.db = db
        self.window_ = window
        self.units_model = QStandardItemModel(self)
        self.unit_tree = QTreeView()
        self.unit_tree.setHeaderHidden(True)
        self.unit_tree.setModel(self.units_model)
        self.unit_tree.setMinimumWidth(220)
        self.add_unit_button = QPushButton("Thêm đơn vị")
        self.edit_unit_button = QPushButton("Sửa đơn vị")
        self.add_unit_button.clicked.connect(self._on_add_unit)
        self.edit_unit_button.clicked.connect(self._on_edit_unit)

        self.model = StaffTableModel(self)
        self.proxy = FoldFilterProxy(staff_search_text, self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        setup_table(self.table, self.proxy)
        self.table.sortByColumn(StaffTableModel.COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.doubleClicked.connect(self._on_edit)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Lọc theo tên, mã, chức vụ… (không cần gõ dấu)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_filter_text)
        self.show_inactive = QCheckBox("Hiện cả người ngừng theo dõi")
        self.show_inactive.setChecked(True)
        self.show_inactive.toggled.connect(self._apply_active_filter)
        self.add_button = QPushButton("Thêm cán bộ")
        self.edit_button = QPushButton("Sửa")
        self.toggle_button = QPushButton("Ngừng theo dõi")
        self.add_button.clicked.connect(self._on_add)
        self.edit_button.clicked.connect(self._on_edit)
        self.toggle_button.clicked.connect(self._on_toggle_active)
        self.count_label = QLabel()

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.show_inactive)
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.toggle_button)

        self.details = QTabWidget()
        self.info = PersonInfo(db, window)
        self.details.addTab(self.info, "Thông tin")
        self.detail_pages = []
        for module, cls, title in self.DETAIL_PAGES:
            page = getattr(importlib.import_module(module), cls)(db, window)
            self.detail_pages.append(page)
            self.details.addTab(page, title)

        middle = QWidget()
        col = QVBoxLayout(middle)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(bar)
        col.addWidget(self.table, 1)
        col.addWidget(self.count_label)
        left = QWidget()
        left_col = QVBoxLayout(left)
        left_col.setContentsMargins(0, 0, 0, 0)
        left_col.addWidget(self.unit_tree, 1)
        unit_bar = QHBoxLayout()
        unit_bar.addWidget(self.add_unit_button)
        unit_bar.addWidget(self.edit_unit_button)
        left_col.addLayout(unit_bar)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 3)
        splitter.setSizes([230, 640, 480])  # room for the history timeline on the right
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._on_current_changed())
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        window.data_changed.connect(self._on_data_changed)
        self._load_units()
        self._set_column_widths()
        self.count_label.setText("Đang tải danh sách cán bộ…")

    def load(self) -> None:
        """First fill, run by the window right after its first paint (large registers open fast)."""
        # Connected only now, so opening the tab loads the staff once, not twice.
        self.unit_tree.selectionModel().currentChanged.connect(lambda *_: self.refresh())
        self.refresh()
        if self.proxy.rowCount():  # show someone's record from the start, not an empty panel
            self.table.selectRow(0)

    def _set_column_widths(self) -> None:
        # Widths from the font, not resizeColumnsToContents(), which measures rows (slow on 20,000).
        char = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate((7, 20, 10, 7, 16, 34, 13, 13)):
            self.table.setColumnWidth(column, chars * char + 16)

    # --- data -------------------------------------------------------------------------------
    def _load_units(self, select: int | None = None) -> None:
        self.units_model.clear()
        root = QStandardItem("Tất cả đơn vị")
        root.setData(_ALL_UNITS, Qt.ItemDataRole.UserRole)
        root.setEditable(False)
        self.units_model.appendRow(root)
        items = {}
        units = units_db.list_units(self.db)
        for unit in units:
            item = QStandardItem(unit.name)
            item.setData(unit.id, Qt.ItemDataRole.UserRole)
            item.setEditable(False)
            items[unit.id] = item
        for unit in units:
            parent = items.get(unit.parent_id, root)
            parent.appendRow(items[unit.id])
        self.unit_tree.expandAll()
        self.unit_tree.setCurrentIndex(items[select].index() if select in items else root.index())

    def _on_add_unit(self) -> None:
        from tdkt_desktop.db.records import Unit
        from tdkt_desktop.ui.staff.unit_dialog import UnitDialog

        dialog = UnitDialog(units_db.list_units(self.db), Unit(id=None, name="", parent_id=self.current_unit_id()), self)
        if dialog.exec():
            try:
                new_id = self.window_.run_write(lambda: units_db.add_unit(self.db, dialog.value()), changes.UNITS)
            except WriteFailed:
                return
            self._load_units(select=new_id)

    def _on_edit_unit(self) -> None:
        from tdkt_desktop.ui.staff.unit_dialog import UnitDialog

        unit_id = self.current_unit_id()
        if unit_id is None:
            return
        dialog = UnitDialog(units_db.list_units(self.db), units_db.get_unit(self.db, unit_id), self)
        if not dialog.exec():
            return
        try:
            self.window_.run_write(lambda: units_db.update_unit(self.db, dialog.value()), changes.UNITS)
        except WriteFailed:
            return
        self._load_units(select=unit_id)

    def current_unit_id(self) -> int | None:
        """The unit chosen in the tree, or None for all units."""
        value = self.unit_tree.currentIndex().data(Qt.ItemDataRole.UserRole)
        return None if value in (None, _ALL_UNITS) else int(value)

    def _on_data_changed(self, changed: frozenset[str]) -> None:
        if changes.touches(changed, {changes.STAFF, changes.UNITS}):
            self.refresh()

    def refresh(self) -> None:
        """Reload the staff of the chosen unit, keeping the selected person."""
        self.edit_unit_button.setEnabled(self.current_unit_id() is not None)
        keep = self.current_staff()
        self.model.set_rows(staff_db.list_staff(self.db, unit_id=self.current_unit_id()))
        if keep:
            self.select_person(keep.id, switch_unit=False)
        self._on_current_changed()

    def _apply_active_filter(self, show_all: bool) -> None:
        self.proxy.set_predicate(None if show_all else (lambda s: s.active))
        self._update_count()

    def _update_count(self, *_args) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"Hiển thị {shown}/{total} cán bộ")

    # --- selection --------------------------------------------------------------------------
    def current_staff(self) -> Staff | None:
        """The selected person, if any."""
        index = self.table.selectionModel().currentIndex() if self.table.selectionModel() else None
        if index is None or not index.isValid():
            return None
        return index.data(RecordRole)

    def select_person(self, staff_id: int, *, switch_unit: bool = True) -> bool:
        """Select ``staff_id`` in the table (showing all units if needed). True when found."""
        row = self.model.row_of(lambda s: s.id == staff_id)
        if row < 0 and switch_unit:
            self.unit_tree.setCurrentIndex(self.units_model.index(0, 0))
            row = self.model.row_of(lambda s: s.id == staff_id)
        if row >= 0:
            if not self.proxy.filterAcceptsRow(row, self.model.index(row, 0).parent()):
                self.filter_edit.clear()
                self.show_inactive.setChecked(True)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)
            return True
        return False

    def _on_current_changed(self) -> None:
        person = self.current_staff()
        self.info.show_staff(person)
        self.edit_button.setEnabled(person is not None)
        self.toggle_button.setEnabled(person is not None)
        self.toggle_button.setText("Kích hoạt lại" if person and not person.active else "Ngừng theo dõi")
        for page in self.detail_pages:
            page.set_person(person.id if person else None)
        self.person_selected.emit(person.id if person else None)

    # --- actions ----------------------------------------------------------------------------
    def _dialog(self, staff: Staff | None):
        from tdkt_desktop.ui.staff.staff_dialog import StaffDialog

        return StaffDialog(
            units_db.list_units(self.db), lambda s: staff_db.validate_staff(self.db, s), staff, self
        )

    def _on_add(self) -> None:
        dialog = self._dialog(Staff(id=None, code="", full_name="", unit_id=self.current_unit_id()))
        if dialog.exec():
            try:
                new_id = self.window_.run_write(lambda: staff_db.add_staff(self.db, dialog.value()), changes.STAFF)
            except WriteFailed:
                return
            self.select_person(new_id)

    def _on_edit(self, *_args) -> None:
        person = self.current_staff()
        if person is None:
            return
        dialog = self._dialog(person)
        if dialog.exec():
            with contextlib.suppress(WriteFailed):
                self.window_.run_write(lambda: staff_db.update_staff(self.db, dialog.value()), changes.STAFF)

    def _on_toggle_active(self) -> None:
        person = self.current_staff()
        if person is None:
            return
        if person.active:
            answer = QMessageBox.question(
                self,
                "Ngừng theo dõi",
                f"Chuyển {person.full_name} sang “Ngừng theo dõi”? Lịch sử khen thưởng vẫn được giữ.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        with contextlib.suppress(WriteFailed):
            self.window_.run_write(lambda: staff_db.set_active(self.db, person.id, not person.active), changes.STAFF)
