"""Sub-page "Quyết định": decisions with their award lines; add, edit, delete; a buttons row for printing."""

from __future__ import annotations

import contextlib
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db.award_records import Decision
from tdkt_desktop.text import format_date
from tdkt_desktop.ui.awards.models import DecisionAwardsModel, DecisionTableModel, decision_search_text
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.changes import WriteFailed
from tdkt_desktop.ui.common.proxy import FoldFilterProxy
from tdkt_desktop.ui.common.table_model import RecordRole
from tdkt_desktop.ui.common.widgets import LazyPage, setup_table, write_from_dialog


class DecisionsPage(LazyPage, QWidget):
    """Top: decisions (filter by year, search); bottom: the selected decision's list of awards.

    Printing adds its buttons to :attr:`actions_bar` and reads :meth:`current_decision_id` and
    :meth:`selected_award_ids`.
    """

    topics = frozenset({changes.DECISIONS, changes.STAFF, changes.UNITS, changes.CATALOG})

    def __init__(self, db: Database, window):
        super().__init__()
        self.db, self.main_window = db, window
        self.year_combo = QComboBox()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm số quyết định, cơ quan, trích yếu…")
        self.search.setClearButtonEnabled(True)
        self.add_button = QPushButton("Thêm quyết định…")
        self.edit_button = QPushButton("Sửa…")
        self.delete_button = QPushButton("Xóa quyết định")
        self.remove_line_button = QPushButton("Bỏ dòng đã chọn")
        self.add_button.clicked.connect(self.add_decision)
        self.edit_button.clicked.connect(self.edit_decision)
        self.delete_button.clicked.connect(self.delete_decision)
        self.remove_line_button.clicked.connect(self.remove_lines)

        top = QHBoxLayout()
        top.addWidget(QLabel("Năm ban hành:"))
        top.addWidget(self.year_combo)
        top.addWidget(self.search, 1)
        #: The buttons row; other features (printing) append their buttons here.
        self.actions_bar = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button, self.remove_line_button):
            self.actions_bar.addWidget(button)
        self.actions_bar.addStretch(1)
        from tdkt_desktop.ui.printing.menu import add_decision_buttons  # "In giấy khen", "In quyết định"

        add_decision_buttons(self, window)

        self.model = DecisionTableModel(self)
        self.proxy = FoldFilterProxy(decision_search_text, self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        setup_table(self.table, self.proxy)
        for column, width in ((0, 140), (1, 95), (2, 260), (3, 140), (4, 60)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._on_selected)
        self.table.doubleClicked.connect(lambda _: self.edit_decision())
        self.awards_model = DecisionAwardsModel(self)
        self.awards_view = QTableView()
        setup_table(self.awards_view, self.awards_model, multi=True)
        for column, width in ((0, 45), (1, 200), (2, 65), (3, 230), (4, 260), (5, 55)):
            self.awards_view.setColumnWidth(column, width)
        self.awards_view.doubleClicked.connect(self._on_award_double_click)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.detail)
        ll.addWidget(self.awards_view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setSizes([300, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.actions_bar)
        layout.addWidget(split, 1)

        self._loading = False
        self.year_combo.currentIndexChanged.connect(lambda _: self._reload())
        self.search.textChanged.connect(self.proxy.set_filter_text)

    # --- reading --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Reload years and decisions, keeping the selection."""
        keep = self.current_decision_id()
        self._loading = True
        try:
            year = self.year_combo.currentData()
            self.year_combo.clear()
            self.year_combo.addItem("Tất cả", None)
            for y in sorted({d.year for d in decisions_db.list_decisions(self.db)}, reverse=True):
                self.year_combo.addItem(str(y), y)
            self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(year)))
        finally:
            self._loading = False
        self._reload(keep)

    def _reload(self, keep: int | None = None) -> None:
        if self._loading:
            return
        keep = keep if keep is not None else self.current_decision_id()
        self.model.set_rows(decisions_db.list_decisions(self.db, year=self.year_combo.currentData()))
        if keep is None or not self.select_decision(keep, switch_year=False):
            self._on_selected()

    def current_decision(self) -> Decision | None:
        """The selected decision record, or None."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RecordRole) if rows else None

    def current_decision_id(self) -> int | None:
        """Id of the selected decision, or None."""
        decision = self.current_decision()
        return decision.id if decision else None

    def selected_award_ids(self) -> list[int]:
        """Ids of the award lines selected in the lower table (all lines when none is selected)."""
        rows = self.awards_view.selectionModel().selectedRows()
        records = [r.data(RecordRole) for r in rows] or self.awards_model.records()
        return [a.id for a in records]

    def select_decision(self, decision_id: int, *, switch_year: bool = True) -> bool:
        """Select a decision by id (clearing filters that hide it); False when it does not exist."""
        if self._stale:
            self._stale = False
            self.reload()
        row = self.model.row_of(lambda d: d.id == decision_id)
        if row < 0 and switch_year:
            self.year_combo.setCurrentIndex(0)
            row = self.model.row_of(lambda d: d.id == decision_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.search.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _on_selected(self, *_) -> None:
        decision = self.current_decision()
        self.awards_model.set_rows(decisions_db.awards_of_decision(self.db, decision.id) if decision else [])
        for button in (self.edit_button, self.delete_button, self.remove_line_button):
            button.setEnabled(decision is not None)
        if decision is None:
            self.detail.setText("Chọn một quyết định để xem danh sách khen thưởng kèm theo.")
            return
        lines = self.awards_model.records()
        individuals = sum(1 for a in lines if a.staff_id is not None)
        signer = ", ".join(x for x in (decision.signer_title, decision.signer_name) if x)
        self.detail.setText(
            # Names and numbers are typed by people: escaped so "<" or "&" show as written.
            f"<b>Quyết định số {escape(decision.number)}</b> ngày {format_date(decision.issued_on)} "
            f"của {escape(decision.issuer)}"
            + (f" — ký: {escape(signer)}" if signer else "")
            + (f"<br>{escape(decision.summary)}" if decision.summary else "")
            + f"<br>{len(lines)} lượt: {individuals} cá nhân, {len(lines) - individuals} tập thể."
        )

    def _on_award_double_click(self, index) -> None:
        award = index.data(RecordRole)
        if award is not None and award.staff_id is not None:
            self.main_window.show_person(award.staff_id)

    # --- writing (through db/, via the window) -------------------------------------------------

    def open_add_dialog(self):
        """The dialog for a new decision."""
        from tdkt_desktop.ui.awards.decision_dialog import DecisionDialog

        return DecisionDialog(self.db, self)

    def add_decision(self) -> None:
        """Enter a new decision with its list of awards, then select it."""
        new_id = write_from_dialog(self.main_window, self.open_add_dialog(),
                                   lambda value: decisions_db.add_decision(self.db, *value), changes.DECISIONS)
        if new_id is not None:
            self.select_decision(new_id)

    def edit_decision(self) -> None:
        """Edit the selected decision's header and list."""
        from tdkt_desktop.ui.awards.decision_dialog import DecisionDialog

        decision = self.current_decision()
        if decision is None:
            return
        dialog = DecisionDialog(self.db, self, decision=decision,
                                awards=decisions_db.awards_of_decision(self.db, decision.id))
        if write_from_dialog(self.main_window, dialog,
                             lambda value: decisions_db.update_decision(self.db, *value) or True, changes.DECISIONS):
            self.select_decision(decision.id)

    def delete_decision(self) -> None:
        """Delete the selected decision and its lines, after confirmation."""
        decision = self.current_decision()
        if decision is None:
            return
        answer = QMessageBox.question(
            self, "Xóa quyết định",
            f"Xóa Quyết định số {decision.number} và {decision.award_count} lượt khen thưởng kèm theo?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            with contextlib.suppress(WriteFailed):
                self.main_window.run_write(lambda: decisions_db.delete_decision(self.db, decision.id),
                                           changes.DECISIONS)

    def remove_lines(self) -> None:
        """Remove the selected award lines from the decision, after confirmation."""
        rows = self.awards_view.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(self, "Bỏ dòng", "Hãy chọn các dòng cần bỏ trong danh sách khen thưởng.")
            return
        awards = [r.data(RecordRole) for r in rows]
        names = ", ".join(a.recipient_name for a in awards[:5]) + ("…" if len(awards) > 5 else "")
        answer = QMessageBox.question(self, "Bỏ dòng", f"Bỏ {len(awards)} dòng khỏi quyết định ({names})?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        with contextlib.suppress(WriteFailed):
            self.main_window.run_write(lambda: decisions_db.remove_awards(self.db, [a.id for a in awards]),
                                       changes.DECISIONS)
