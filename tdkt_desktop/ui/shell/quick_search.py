"""Global quick search (Ctrl+K): a toolbar box with a results popup; Enter opens the person."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout
from sqlite_utils import Database

from tdkt_desktop.db import staff_search
from tdkt_desktop.ui.common.table_model import Column, RecordRole, RecordTableModel


class SearchResultsModel(RecordTableModel):
    """Name, code, unit, position of each match."""

    EXTRA_ROLES = frozenset()
    COLUMNS = (
        Column("Họ và tên", lambda s: s.full_name if s.active else f"{s.full_name} (ngừng theo dõi)"),
        Column("Mã", lambda s: s.code),
        Column("Đơn vị", lambda s: s.unit_name),
        Column("Chức vụ", lambda s: s.position),
    )


#: The examples are real ways to type: each finds someone in the demo office (tests check it).
PLACEHOLDER = "Tìm cán bộ: “dang thi huong”, “ng v phong”, mã “cb006”…"


class QuickSearch(QLineEdit):
    """Type a name without diacritics, part of it, or a code; results show as you type."""

    person_chosen = Signal(int)

    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self.db = db
        self.setPlaceholderText(PLACEHOLDER)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(360)
        self.model = SearchResultsModel(self)
        self.popup = QFrame(self, Qt.WindowType.ToolTip)  # a frameless window that never takes focus
        self.popup.setFrameShape(QFrame.Shape.Box)
        self.view = QTableView(self.popup)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        # Fixed widths: fitting columns to contents on every keystroke costs more than the query.
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        char = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate((26, 8, 34)):
            self.view.setColumnWidth(column, chars * char + 12)
        self.view.clicked.connect(lambda index: self._choose(index.row()))
        self.empty_label = QLabel(self.popup)  # "Không tìm thấy …" instead of no popup at all
        self.empty_label.setContentsMargins(8, 6, 8, 6)
        self.empty_label.setWordWrap(True)
        layout = QVBoxLayout(self.popup)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.empty_label)
        self.textChanged.connect(self.run_search)
        self.returnPressed.connect(self._on_return)
        self.installEventFilter(self)

    def activate(self) -> None:
        """Ctrl+K: focus the box and select its text."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def run_search(self, text: str) -> None:
        """Query the stored fold column (FTS5 prefix match) and show the popup."""
        results = staff_search.search_staff(self.db, text, limit=30)
        self.model.set_rows(results)
        if results:
            self.view.selectRow(0)
            self._show_popup()
        elif text.strip():
            self._show_empty(text.strip())
        else:
            self.popup.hide()

    def _show_empty(self, text: str) -> None:
        self.view.hide()
        self.empty_label.setText(
            f"Không tìm thấy “{text}”. Thử gõ ít chữ hơn (ví dụ chỉ tên hoặc họ), hoặc mã cán bộ."
        )
        self.empty_label.show()
        width = max(self.width(), 60 * self.fontMetrics().averageCharWidth())
        self.popup.resize(width, self.empty_label.heightForWidth(width) + 4)
        self._place_popup()

    def _show_popup(self) -> None:
        self.empty_label.hide()
        self.view.show()
        rows = min(self.model.rowCount(), 12)
        height = self.view.horizontalHeader().height() + rows * self.view.verticalHeader().defaultSectionSize() + 4
        self.popup.resize(max(self.width(), 110 * self.fontMetrics().averageCharWidth()), height)
        self._place_popup()

    def _place_popup(self) -> None:
        self.popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self.popup.show()

    def current_row(self) -> int:
        """The highlighted result row (-1 when none)."""
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def _on_return(self) -> None:
        row = self.current_row()
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self._choose(row)

    def _choose(self, row: int) -> None:
        person = self.model.index(row, 0).data(RecordRole)
        self.popup.hide()
        if person is not None:
            self.person_chosen.emit(person.id)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Up/Down move through results while typing continues in the box; Esc closes."""
        if obj is self and event.type() == QEvent.Type.KeyPress and self.popup.isVisible():
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.current_row() + (1 if key == Qt.Key.Key_Down else -1)
                if 0 <= row < self.model.rowCount():
                    self.view.selectRow(row)
                return True
            if key == Qt.Key.Key_Escape:
                self.popup.hide()
                return True
        if obj is self and event.type() == QEvent.Type.FocusOut:
            self.popup.hide()
        return super().eventFilter(obj, event)
