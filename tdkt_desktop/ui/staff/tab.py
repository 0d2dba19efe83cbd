"""Tab "Cán bộ": unit tree, staff table with filter, add/edit/deactivate, and person detail pages."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import staff_search
from tdkt_desktop.db import units as units_db
from tdkt_desktop.db.records import Staff
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.changes import WriteFailed
from tdkt_desktop.ui.common.lazy_tabs import LazyTabs
from tdkt_desktop.ui.common.table_model import RecordRole
from tdkt_desktop.ui.common.widgets import hide_columns, setup_table
from tdkt_desktop.ui.staff.model import StaffSource, StaffTableModel
from tdkt_desktop.ui.staff.person_info import PersonInfo

_ALL_UNITS = -1


class StaffTab(QWidget):
    """Thin composer: db query → model; dialogs return records; the tab writes through db/."""

    #: Right-hand detail pages for the selected person: (module, class, title);
    #: each is ``Widget(db, window)`` with ``set_person(staff_id | None)``.
    HISTORY_TITLE = "Quá trình khen thưởng"
    DETAIL_PAGES: list[tuple[str, str, str]] = [
        ("tdkt_desktop.ui.staff.history_panel", "PersonHistoryPanel", HISTORY_TITLE),
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
        # Long unit names keep their beginning and end ("Phòng Quản lý công…Thị trường công nghệ");
        # the full name is the tooltip.
        self.unit_tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.unit_tree.setMinimumWidth(150)
        self.add_unit_button = QPushButton("Thêm đơn vị")
        self.edit_unit_button = QPushButton("Sửa…")
        self.edit_unit_button.setToolTip("Sửa tên, đơn vị cấp trên của đơn vị đang chọn")
        self.add_unit_button.clicked.connect(self._on_add_unit)
        self.edit_unit_button.clicked.connect(self._on_edit_unit)

        # Filtered and sorted in SQL, read a page at a time: 100,000 people cost a few pages.
        self.model = StaffTableModel(self)
        self.table = QTableView()
        setup_table(self.table, self.model)
        self.table.sortByColumn(StaffTableModel.COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.doubleClicked.connect(self._on_edit)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Lọc: tên, mã, chức vụ… (không dấu)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(lambda _text: self.refresh(keep_anywhere=False))
        self.show_inactive = QCheckBox("Hiện người ngừng theo dõi")
        self.show_inactive.setChecked(True)
        self.show_inactive.toggled.connect(lambda _checked: self.refresh(keep_anywhere=False))
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

        # The history pane (and its storage modules) is built when its tab is first shown or a person is
        # asked for: start-up pays only for the "Thông tin" page in front.
        self.details = LazyTabs(self.DETAIL_PAGES, self._make_detail_page)
        self.info = PersonInfo()
        self.details.insertTab(0, self.info, "Thông tin")
        self.details.setCurrentIndex(0)
        window.person_requested.connect(lambda _id: self.details.page(self.HISTORY_TITLE).bring_forward())

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
        # At 1366×768 the table shows its essential columns whole; the detail pane takes what is left.
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 0)
        splitter.setStretchFactor(2, 1)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._on_current_changed())
        self._unit_total = 0
        window.data_changed.connect(self._on_data_changed)
        self._load_units()
        self._set_column_widths()
        self._sized = False
        self.count_label.setText("Đang tải danh sách cán bộ…")

    @property
    def detail_pages(self) -> list[QWidget]:
        """Every detail page after "Thông tin", built now if not yet shown."""
        return [self.details.page(title) for _module, _cls, title in self.DETAIL_PAGES]

    def _make_detail_page(self, cls: type) -> QWidget:
        page = cls(self.db, self.window_)
        person = self.current_staff()
        page.set_person(person.id if person else None)
        return page

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            QTimer.singleShot(0, self.fit_splitter)  # once laid out at the window's real width

    def fit_splitter(self) -> None:
        """The unit tree, then the table with its visible columns whole; the detail pane takes what is left."""
        char = self.fontMetrics().averageCharWidth()
        left = max(self.unit_tree.parentWidget().minimumSizeHint().width(), 30 * char)
        table = max(self.table_width(), self.table.parentWidget().minimumSizeHint().width())
        rest = self.splitter.width() - left - table - 2 * self.splitter.handleWidth()
        self.splitter.setSizes([left, table, max(rest, 300)])

    def load(self) -> None:
        """First fill, run by the window right after its first paint (large registers open fast)."""
        # Connected only now, so opening the tab loads the staff once, not twice.
        self.unit_tree.selectionModel().currentChanged.connect(lambda *_: self.refresh())
        self.refresh()
        if self.model.rowCount():  # show someone's record from the start, not an empty panel
            self.table.selectRow(0)

    #: Shown from the start; gender and recruitment date are in the detail pane (header menu shows them).
    ESSENTIAL = (StaffTableModel.COL_CODE, StaffTableModel.COL_NAME, StaffTableModel.COL_BIRTH,
                 StaffTableModel.COL_POSITION, StaffTableModel.COL_UNIT, StaffTableModel.COL_STATUS)

    def _set_column_widths(self) -> None:
        # Widths from the font and typical values, not resizeColumnsToContents(), which measures every
        # row (slow on 20,000); unit names longer than their column are elided, the full name in a tooltip.
        metrics = self.table.fontMetrics()
        samples = ("CB0000", "Nguyễn Thị Phương", "00/00/0000", "Giới tính", "Phó Trưởng phòng",
                   "Phòng Quản lý khoa học", "00/00/0000", "Ngừng theo dõi")
        self._widths = []
        for column, sample in enumerate(samples):
            header = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(header) + 12) + 10
            self.table.setColumnWidth(column, width)
            self._widths.append(width)
        hide_columns(self.table, [c for c in range(self.model.columnCount()) if c not in self.ESSENTIAL])
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)  # the unit column takes the room left, not the status
        header.setSectionResizeMode(StaffTableModel.COL_UNIT, QHeaderView.ResizeMode.Stretch)

    def table_width(self) -> int:
        """Width that shows every visible column of the table whole (scroll bar and frame included)."""
        header = self.table.horizontalHeader()
        columns = sum(self._widths[c] for c in range(header.count()) if not header.isSectionHidden(c))
        return columns + self.table.verticalScrollBar().sizeHint().width() + 2 * self.table.frameWidth() + 2

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
            item.setToolTip(unit.name)
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

        blank = Unit(id=None, name="", parent_id=self.current_unit_id())
        dialog = UnitDialog(units_db.list_units(self.db), blank, self)
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

    def staff_query(self) -> staff_search.StaffQuery:
        """What the table shows now: the chosen unit, the typed words, whether inactive people too."""
        return staff_search.StaffQuery(unit_id=self.current_unit_id(), text=self.filter_edit.text(),
                                       active_only=not self.show_inactive.isChecked())

    def refresh(self, *, keep_anywhere: bool = True) -> None:
        """Re-run the query (unit, filter words, active only) in SQL, keeping the selected person.

        While the user types a filter (``keep_anywhere=False``) the person stays selected only if they are
        on the first page: finding them deep in 100,000 rows would cost more than the filter itself.
        """
        self.edit_unit_button.setEnabled(self.current_unit_id() is not None)
        keep = self.current_staff()
        query = self.staff_query()
        self.model.set_source(StaffSource(self.db, query))
        if query.text or query.active_only:  # the unit's whole register, for "shown/total"
            self._unit_total = StaffSource(self.db, staff_search.StaffQuery(unit_id=query.unit_id)).count()
        else:
            self._unit_total = self.model.rowCount()
        self.count_label.setText(f"Hiển thị {self.model.rowCount()}/{self._unit_total} cán bộ")
        if keep and keep_anywhere:
            self.select_person(keep.id, switch_unit=False)
        elif keep and (row := self.model.row_in_first_page(keep.id)) >= 0:
            self._select_row(row)
        self._on_current_changed()

    # --- selection --------------------------------------------------------------------------
    def current_staff(self) -> Staff | None:
        """The selected person, if any."""
        index = self.table.selectionModel().currentIndex() if self.table.selectionModel() else None
        if index is None or not index.isValid():
            return None
        return index.data(RecordRole)

    def select_person(self, staff_id: int, *, switch_unit: bool = True) -> bool:
        """Select ``staff_id`` in the table (clearing the filter and showing all units if needed). True when found."""
        row = self.model.row_of_key(staff_id)
        if row < 0 and switch_unit:
            if self.filter_edit.text() or not self.show_inactive.isChecked():
                self.filter_edit.blockSignals(True)
                self.show_inactive.blockSignals(True)
                self.filter_edit.clear()
                self.show_inactive.setChecked(True)
                self.filter_edit.blockSignals(False)
                self.show_inactive.blockSignals(False)
                self.refresh()
                row = self.model.row_of_key(staff_id)
            if row < 0:
                self.unit_tree.setCurrentIndex(self.units_model.index(0, 0))
                row = self.model.row_of_key(staff_id)
        if row >= 0:
            self._select_row(row)
            return True
        return False

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _on_current_changed(self) -> None:
        person = self.current_staff()
        self.info.show_staff(person)
        self.edit_button.setEnabled(person is not None)
        self.toggle_button.setEnabled(person is not None)
        self.toggle_button.setText("Kích hoạt lại" if person and not person.active else "Ngừng theo dõi")
        for page in self.details.built.values():
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
