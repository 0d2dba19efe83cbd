"""Sub-page "Xếp loại & sáng kiến": a unit's yearly ratings in one editable grid, and its initiatives."""

from __future__ import annotations

import contextlib
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db import ratings as ratings_db
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import units as units_db
from tdkt_desktop.db.award_records import Initiative
from tdkt_desktop.text import fold
from tdkt_desktop.ui.awards.ratings_grid import (
    DISCIPLINE_CHOICES,
    DISCIPLINE_LABELS,
    RATING_CHOICES,
    ChoiceDelegate,
    GridRow,
    RatingsGridModel,
)
from tdkt_desktop.ui.awards.widgets import set_combo_data
from tdkt_desktop.ui.common import changes, working_year
from tdkt_desktop.ui.common.changes import WriteFailed
from tdkt_desktop.ui.common.table_model import Column, RecordRole, RecordTableModel
from tdkt_desktop.ui.common.widgets import ErrorLabel, LazyPage, save_cancel_box, setup_table, write_from_dialog
from tdkt_desktop.vocabulary import RATING_NAMES, RATINGS


class InitiativeModel(RecordTableModel):
    """Initiatives of the unit in the year."""

    def __init__(self, names: dict[int, str], parent=None):
        super().__init__(parent)
        self.names = names

    @property
    def COLUMNS(self):
        return (
            Column("Cán bộ", lambda i: self.names.get(i.staff_id, ""), lambda i: fold(self.names.get(i.staff_id, ""))),
            Column("Tên sáng kiến, đề tài", lambda i: i.title, lambda i: fold(i.title)),
            Column("Loại", lambda i: ratings_db.INITIATIVE_KINDS[i.kind]),
            Column("Phạm vi", lambda i: ratings_db.SCOPES[i.scope]),
            Column("Căn cứ công nhận", lambda i: i.proof_ref),
        )


class InitiativeDialog(QDialog):
    """Enter one initiative for a person of the grid; returns an Initiative, never writes."""

    def __init__(self, people: list, year: int, parent=None, *, staff_id: int | None = None):
        super().__init__(parent)
        self.setWindowTitle("Thêm sáng kiến, đề tài")
        self.year = year
        self.person = QComboBox()
        for s in people:
            self.person.addItem(f"{s.full_name} ({s.code})", s.id)
        if staff_id is not None:
            set_combo_data(self.person, staff_id)
        self.title = QLineEdit()
        self.kind = QComboBox()
        for code, label in ratings_db.INITIATIVE_KINDS.items():
            self.kind.addItem(label, code)
        self.scope = QComboBox()
        for code, label in ratings_db.SCOPES.items():
            self.scope.addItem(label, code)
        self.proof = QLineEdit()
        self.proof.setPlaceholderText("ví dụ: QĐ công nhận số 15/QĐ-SKHCN")
        self.error = ErrorLabel()
        form = QFormLayout(self)
        form.addRow("Cán bộ:", self.person)
        form.addRow("Năm:", QLabel(str(year)))
        form.addRow("Tên sáng kiến, đề tài:", self.title)
        form.addRow("Loại:", self.kind)
        form.addRow("Phạm vi công nhận:", self.scope)
        form.addRow("Căn cứ:", self.proof)
        form.addRow(self.error)
        form.addRow(save_cancel_box(self))
        self.resize(520, 0)

    def value(self) -> Initiative:
        """The initiative as typed."""
        return Initiative(id=None, staff_id=self.person.currentData(), year=self.year, title=self.title.text(),
                          kind=self.kind.currentData(), scope=self.scope.currentData(), proof_ref=self.proof.text())

    def accept(self) -> None:
        """Refuse an empty title inline."""
        if not self.title.text().strip():
            self.error.show_error("Tên sáng kiến, đề tài không được để trống.")
            return
        super().accept()


class RatingsPage(LazyPage, QWidget):
    """Pick a unit and a year; edit everyone's rating at once; save in one transaction."""

    topics = frozenset({changes.RATINGS, changes.STAFF, changes.UNITS, changes.WORKING_YEAR})

    def __init__(self, db: Database, window):
        super().__init__()
        self.db, self.main_window = db, window
        self.unit_combo = QComboBox()
        self.unit_combo.setMinimumWidth(280)
        self.year = QSpinBox()
        self.year.setRange(1945, dt.date.today().year + 1)
        self.year.setKeyboardTracking(False)
        working_year.show_in(self.year, db)
        self.save_button = QPushButton("Lưu xếp loại")
        self.revert_button = QPushButton("Hoàn tác")
        self.fill_button = QPushButton("Điền HTT cho dòng trống")
        self.status = QLabel()
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(lambda: self._load(force=True))
        self.fill_button.clicked.connect(self.fill_blank)
        top = QHBoxLayout()
        top.addWidget(QLabel("Đơn vị:"))
        top.addWidget(self.unit_combo)
        top.addWidget(QLabel("Năm:"))
        top.addWidget(self.year)
        top.addStretch(1)
        for b in (self.fill_button, self.revert_button, self.save_button):
            top.addWidget(b)

        self.grid = RatingsGridModel(self)
        self.view = QTableView()
        setup_table(self.view, self.grid, sortable=False)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setItemDelegateForColumn(
            RatingsGridModel.COL_RATING, ChoiceDelegate(RATING_CHOICES, RATING_NAMES, self))
        self.view.setItemDelegateForColumn(
            RatingsGridModel.COL_DISCIPLINE,
            ChoiceDelegate(DISCIPLINE_CHOICES, DISCIPLINE_LABELS, self, code_shown=False))
        for column, width in ((0, 65), (1, 200), (2, 90), (3, 120), (4, 200)):
            self.view.setColumnWidth(column, width)
        self.grid.dataChanged.connect(lambda *_: self._update_status())

        self.names: dict[int, str] = {}
        self.initiatives = InitiativeModel(self.names, self)
        self.init_view = QTableView()
        setup_table(self.init_view, self.initiatives)
        self.init_view.setColumnWidth(0, 180)
        self.init_view.setColumnWidth(1, 380)
        self.add_init = QPushButton("Thêm sáng kiến…")
        self.del_init = QPushButton("Xóa sáng kiến")
        self.add_init.clicked.connect(self.add_initiative)
        self.del_init.clicked.connect(self.remove_initiative)
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel("<b>Sáng kiến, đề tài được công nhận trong năm</b>"))
        row.addStretch(1)
        row.addWidget(self.add_init)
        row.addWidget(self.del_init)
        ll.addLayout(row)
        ll.addWidget(self.init_view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(lower)
        split.setSizes([450, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

        self._shown: tuple | None = None
        self.unit_combo.currentIndexChanged.connect(lambda _: self._load())
        self.year.valueChanged.connect(self._on_year)

    def reload(self) -> None:
        """Reload units and rows; unsaved edits are kept (never dropped by someone else's save)."""
        current = self.unit_combo.currentData()
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItem("Toàn cơ quan", None)
        for u in units_db.list_units(self.db):
            self.unit_combo.addItem(u.name, u.id)
        self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(current)))
        self.unit_combo.blockSignals(False)
        if not self.grid.dirty_rows():  # unsaved edits keep their year on screen
            working_year.show_in(self.year, self.db)
            self._load(force=True)

    def _on_year(self, year: int) -> None:
        self._load()
        if self._shown and self._shown[1] == year:  # not when the officer stayed to save
            working_year.choose(self.main_window, self.db, year)

    def _load(self, *, force: bool = False) -> None:
        wanted = (self.unit_combo.currentData(), self.year.value())
        if self.grid.dirty_rows() and not force and wanted != self._shown:
            answer = QMessageBox.question(
                self, "Chưa lưu", "Xếp loại vừa sửa chưa được lưu. Lưu trước khi chuyển?",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard,
            )
            if answer == QMessageBox.StandardButton.Save and not self._save_for(*self._shown):
                return
        unit_id, year = wanted
        people = staff_db.list_staff(self.db, unit_id=unit_id)
        ratings = {r.staff_id: r for r in ratings_db.ratings_for_year(self.db, year)}
        titles: dict[int, list[str]] = {}
        for award in decisions_db.list_awards(self.db, year=year):
            if award.staff_id is not None:
                titles.setdefault(award.staff_id, []).append(award.award_name)
        rows = []
        for person in people:
            r = ratings.get(person.id)
            if r is None and (not person.active or (person.recruited_on and person.recruited_on.year > year)):
                continue  # people who left, or came later, are shown only for the years they were rated
            values = (r.rating, r.discipline, r.note) if r else ("", "", "")
            rows.append(GridRow(person, *values, saved=values, titles=", ".join(titles.get(person.id, []))))
        self.grid.set_rows(rows)
        self.names.clear()
        self.names.update({p.id: p.full_name for p in people})
        ids = set(self.names)
        self.initiatives.set_rows([i for i in ratings_db.initiatives_for_year(self.db, year) if i.staff_id in ids])
        self._shown = wanted
        self._update_status()

    def _update_status(self) -> None:
        rows = self.grid.rows()
        counts = {code: sum(1 for r in rows if r.rating == code) for code in RATINGS}
        dirty = len(self.grid.dirty_rows())
        self.status.setText(
            f"{len(rows)} người — " + ", ".join(f"{k}: {v}" for k, v in counts.items())
            + f", chưa xếp loại: {sum(1 for r in rows if not r.rating)}"
            + (f" — <b>{dirty} dòng chưa lưu</b>" if dirty else "")
        )
        self.save_button.setEnabled(bool(dirty))

    def fill_blank(self) -> None:
        """Put HTT in every empty rating cell (the usual case), still to be reviewed and saved."""
        for row, line in enumerate(self.grid.rows()):
            if not line.rating and line.staff.active:
                self.grid.setData(self.grid.index(row, RatingsGridModel.COL_RATING), "HTT")

    def save(self) -> bool:
        """Save every edited row of the shown unit and year in one transaction."""
        if self._shown is None:
            return False
        return self._save_for(*self._shown)

    def _save_for(self, unit_id, year) -> bool:
        missing = [r.staff.full_name for r in self.grid.dirty_rows() if not r.rating and (r.discipline or r.note)]
        if missing:
            QMessageBox.warning(self, "Không lưu được",
                                "Chưa chọn xếp loại cho: " + ", ".join(missing) + ". Kỷ luật, ghi chú cần có xếp loại.")
            return False
        to_set, to_clear = self.grid.changes(year)
        try:
            self.main_window.run_write(lambda: ratings_db.save_ratings(self.db, to_set, clear=to_clear),
                                       changes.RATINGS)
        except WriteFailed:
            return False
        self._load(force=True)
        return True

    def add_initiative(self) -> None:
        """Record an initiative for a person of the grid (the selected one by default)."""
        people = [r.staff for r in self.grid.rows()]
        if not people:
            return
        selected = self.view.selectionModel().selectedIndexes()
        staff_id = selected[0].data(RecordRole).staff.id if selected else None
        write_from_dialog(self.main_window, InitiativeDialog(people, self.year.value(), self, staff_id=staff_id),
                          lambda initiative: ratings_db.add_initiative(self.db, initiative), changes.RATINGS)

    def remove_initiative(self) -> None:
        """Delete the selected initiative after confirmation."""

        rows = self.init_view.selectionModel().selectedRows()
        if not rows:
            return
        item = rows[0].data(RecordRole)
        if QMessageBox.question(self, "Xóa sáng kiến", f"Xóa “{item.title}”?") == QMessageBox.StandardButton.Yes:
            with contextlib.suppress(WriteFailed):
                self.main_window.run_write(lambda: ratings_db.remove_initiative(self.db, item.id), changes.RATINGS)
