"""Page "Bình xét năm": pick the year and award, see every verdict with reasons, mark proposals, watch the meter."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from tdkt_desktop.db import catalog, change_log, review
from tdkt_desktop.services.eligibility import YearResult
from tdkt_desktop.services.review_state import YearState
from tdkt_desktop.ui.common import changes, working_year
from tdkt_desktop.ui.common.proxy import FoldFilterProxy
from tdkt_desktop.ui.common.table_model import RecordRole
from tdkt_desktop.ui.common.widgets import LazyPage
from tdkt_desktop.ui.review import panels
from tdkt_desktop.ui.review.models import ReviewModel, review_search_text
from tdkt_desktop.ui.review.review_actions import ReviewActions
from tdkt_desktop.ui.review.rows import ReviewRow, build_rows, is_collective, registered_texts, row_for
from tdkt_desktop.ui.review.unit_form import UnitRatingForm
from tdkt_desktop.ui.review.verdict_store import StoreUpdate, VerdictStore

#: Column widths that fit 1366 px beside the reasons panel (the last column stretches); fixed, never measured
#: from the contents, which would read every one of 20,000 rows.
_WIDTHS = {0: 55, 1: 150, 2: 105, 3: 58, 4: 152, 5: 82, 6: 58, 7: 173}


#: Writes that can change a verdict: the store re-evaluates what the change log names.
_VERDICT_TOPICS = frozenset({changes.STAFF, changes.UNITS, changes.RATINGS, changes.DECISIONS, changes.RULESETS,
                             changes.SETTINGS, changes.ALL})


class ReviewPage(ReviewActions, LazyPage, QWidget):
    """Thin composer over the window's ``VerdictStore`` (verdicts, judged off the GUI thread) and ``db.review``."""

    topics = frozenset({
        changes.STAFF, changes.UNITS, changes.RATINGS, changes.DECISIONS, changes.REVIEW,
        changes.RULESETS, changes.COUNCIL, changes.CATALOG, changes.SETTINGS, changes.WORKING_YEAR, changes.CAMPAIGNS,
    })

    def __init__(self, db: Database, window):
        super().__init__()
        self.db = db
        self.main_window = window
        self.store: VerdictStore | None = None
        self.short_names: dict[str, str] = {}
        self._proposals_seen = 0  # change-log position of the proposals shown

        self.year = QSpinBox()
        self.year.setRange(2017, 2100)
        self.year.setKeyboardTracking(False)
        working_year.show_in(self.year, db)
        self.award = QComboBox()
        self.award.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.award.setMinimumContentsLength(30)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm tên, mã, đơn vị (không cần dấu)")
        self.search.setClearButtonEnabled(True)
        self.unit_filter = QComboBox()
        self.unit_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit_filter.setMinimumContentsLength(18)
        self.unit_filter.addItem("Mọi đơn vị", None)
        self.ruleset_label = QLabel()
        self.ruleset_label.setWordWrap(True)
        self.busy_label = QLabel()  # "Đang xét điều kiện…" while the worker judges
        self.busy_bar = QProgressBar()
        self.busy_bar.setMaximumWidth(220)
        self.busy_bar.setTextVisible(False)
        self.rules_button = QPushButton("Bộ quy tắc…")
        top = QHBoxLayout()
        for widget in (QLabel("Năm xét:"), self.year, QLabel("Danh hiệu, hình thức:"), self.award, self.unit_filter):
            top.addWidget(widget)
        top.addWidget(self.search, 1)
        top.addWidget(self.rules_button)
        status = QHBoxLayout()
        status.addWidget(self.ruleset_label, 1)
        status.addWidget(self.busy_label)
        status.addWidget(self.busy_bar)

        self.model = ReviewModel(self)
        self.proxy = FoldFilterProxy(review_search_text, self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in _WIDTHS.items():
            self.table.setColumnWidth(column, width)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.reasons = QTextBrowser()
        self.unit_form = UnitRatingForm()
        right = QWidget()
        right.setMinimumWidth(300)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.reasons, 1)
        right_layout.addWidget(self.unit_form)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([980, 360])

        self.propose_button = QPushButton("Đề nghị / bỏ đề nghị (Space)")
        self.propose_all_button = QPushButton("Đề nghị tất cả người đủ điều kiện")
        self.meter_label = QLabel()
        self.meter_label.setWordWrap(True)
        self.meter_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.meter = QProgressBar()
        self.meter.setMaximumWidth(180)
        actions = QHBoxLayout()
        for widget in (self.propose_button, self.propose_all_button):
            actions.addWidget(widget)
        actions.addWidget(self.meter_label, 1)
        actions.addWidget(self.meter)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(status)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(actions)
        self._show_busy(False)

        self.year.valueChanged.connect(self._on_year)
        self.award.currentIndexChanged.connect(self._fill_rows)
        self.search.textChanged.connect(self.proxy.set_filter_text)
        self.unit_filter.currentIndexChanged.connect(self._on_unit_filter)
        # The current row is the one clicked (or reached with the arrows): its reasons are shown.
        self.table.selectionModel().currentRowChanged.connect(self._show_reasons)
        self.propose_button.clicked.connect(self.toggle_selected)
        self.propose_all_button.clicked.connect(self.propose_all_eligible)
        self.unit_form.save_button.clicked.connect(self._save_unit_rating)
        self.rules_button.clicked.connect(self._open_rules)
        QShortcut(QKeySequence(Qt.Key.Key_Space), self.table, self.toggle_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        # While the worker judges, the rows in view go first (scrolling or sorting asks again).
        self._visible_timer = QTimer(self, singleShot=True, interval=30, timeout=self._prioritize_visible)
        self.table.verticalScrollBar().valueChanged.connect(lambda _value: self._visible_timer.start())
        self.proxy.layoutChanged.connect(lambda *_args: self._visible_timer.start())
        # LazyPage: judged when first shown, so a 20,000-staff office does not slow the start.

    # --- data ---------------------------------------------------------------------------------

    @property
    def state(self) -> YearState | None:
        """The year's verdicts as far as judged (None before the first show or after a failure)."""
        state = self.store.state if self.store is not None else None
        return state if state is not None and state.year == self.year.value() else None

    @property
    def result(self) -> YearResult | None:
        """Every verdict of the year once all are judged."""
        state = self.state
        return state.result if state is not None and state.complete else None

    def is_busy(self) -> bool:
        """Verdicts are being judged (the page shows what is known and says so)."""
        return self.store is not None and self.store.is_busy()

    def refresh(self, changed: frozenset[str] = frozenset({changes.ALL})) -> None:
        """Proposals are re-read for the rows they concern; verdicts are brought up to date by the store."""
        if self.store is None or not changes.touches(changed, self.topics):
            super().refresh(changed)
            return
        if not self.wants_reload_now():
            self._stale = True
            return
        if changes.touches(changed, {changes.WORKING_YEAR, changes.CATALOG}) or changes.ALL in changed:
            self.reload()
            return
        if changes.touches(changed, _VERDICT_TOPICS):
            self.store.ensure(self.year.value())
        if changes.touches(changed, {changes.REVIEW, changes.COUNCIL, changes.DECISIONS}):
            self._refresh_proposals()

    def reload(self) -> None:
        """Ask the store for the year (judged once, then only what changed) and show what it has."""
        self._stale = False
        working_year.show_in(self.year, self.db)
        if self.store is None:
            self.store = VerdictStore.of(self.main_window)
            self.store.changed.connect(self._on_store)
            self.store.busy_changed.connect(self._show_busy)
            self.store.progress.connect(self._show_progress)
            self.store.failed.connect(lambda _message: self._fill_all())
        types = catalog.list_award_types(self.db, active_only=False)
        self.short_names = {t.code: t.short_name or t.name for t in types}
        self.store.ensure(self.year.value())
        self._fill_all()

    def _fill_all(self) -> None:
        """Award list, unit filter and rows from the store's state (empty while the roster is read)."""
        state = self.state
        if state is None:
            self.ruleset_label.setText(self.store.error if self.store and self.store.error else
                                       f"Đang đọc danh sách cán bộ năm {self.year.value()}…")
            self.model.set_rows([])
            self._show_reasons()
            self._update_meter()
            return
        rs = state.ruleset
        self.ruleset_label.setText(f"Bộ quy tắc áp dụng cho năm {state.year}: {rs.label()}")
        current = self.award.currentData()
        self.award.blockSignals(True)
        self.award.clear()
        for code in rs.awards(level=state.office_level):
            self.award.addItem(rs.award_name(code), code)
        index = self.award.findData(current)
        self.award.setCurrentIndex(index if index >= 0 else 0)
        self.award.blockSignals(False)
        chosen = self.unit_filter.currentData()
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem("Mọi đơn vị", None)
        for unit in state.roster.units:
            self.unit_filter.addItem(unit.name, unit.id)
        self.unit_filter.setCurrentIndex(max(0, self.unit_filter.findData(chosen)))
        self.unit_filter.blockSignals(False)
        self._fill_rows()
        self._on_unit_filter()

    def _on_year(self, year: int) -> None:
        if year == working_year.current(self.db) or not working_year.choose(self.main_window, self.db, year):
            self.reload()

    def current_award(self) -> str | None:
        return self.award.currentData()

    def is_collective(self) -> bool:
        code, state = self.current_award(), self.state
        return bool(state and code and is_collective(state, code))

    def _fill_rows(self) -> None:
        code, state = self.current_award(), self.state
        if state is None or code is None:
            self.model.set_rows([])
            return
        self._proposals_seen = change_log.position(self.db)
        proposals = review.list_proposals(self.db, state.year, award=code)
        keep = {r.key for r in self.selected_rows()}
        current = self.current_row()
        self.model.set_rows(build_rows(state, code, proposals, self.short_names, self.store.pending,
                                       registered_texts(self.db, state.year, code)))
        self._restore_selection(keep, current.key if current else None)
        if not keep and self.proxy.rowCount():  # show the first row's reasons, not an empty panel
            self.table.selectRow(0)
        collective = self.is_collective()
        self.unit_filter.setVisible(not collective)
        self.table.setColumnHidden(0, collective)  # collectives have no staff code or parent unit
        self.table.setColumnHidden(2, collective)
        self.table.setColumnWidth(1, 300 if collective else _WIDTHS[1])
        self.propose_all_button.setText(
            "Đề nghị tất cả tập thể đủ điều kiện" if collective else "Đề nghị tất cả người đủ điều kiện")
        self._update_meter()
        self._show_reasons()
        self._prioritize_visible()

    def _on_store(self, update: StoreUpdate) -> None:
        """Verdicts arrived (a chunk, a re-evaluation) or are being judged again: replace only those rows."""
        if not self.isVisible() and not self._stale:
            self._stale = True  # a hidden page catches up when shown
            return
        state, code = self.state, self.current_award()
        if self._stale:
            return
        if update.rows or state is None or code is None or self.model.rowCount() == 0:
            self._fill_all()
            return
        if update.keys is None:
            self._fill_rows()
            return
        self.model.update_rows(self._rows_again(update.keys))
        current = self.current_row()
        if current is not None and current.key in update.keys:
            self._show_reasons()
        if state.complete and not self.store.pending:  # while anything is judged the counts would be half right
            self._update_meter()

    def _rows_again(self, keys) -> list[ReviewRow]:
        """The shown rows of these subjects built again (a chunk of verdicts: up to 2,000 at once).

        What every row shares (the state, the chosen award from its combo box, the pending keys) is read once.
        """
        state, award, pending = self.state, self.current_award(), self.store.pending
        names, model = self.short_names, self.model
        rows = []
        for key in keys:
            if (i := model.row_of_key(key)) >= 0:
                old = model.record(i)
                row = row_for(state, key, award, old.proposal, names, key in pending, old.registered)
                if row is not None:
                    rows.append(row)
        return rows

    def _prioritize_visible(self) -> None:
        """Ask the worker to judge the rows on screen first."""
        if self.store is None or not self.store.is_busy():
            return
        first = max(self.table.rowAt(0), 0)  # the screen, and a little more for the first scroll
        shown = [self.proxy.index(i, 0).data(RecordRole) for i in range(first, min(self.proxy.rowCount(), first + 60))]
        self.store.prioritize([r.id for r in shown if r is not None and r.pending and r.subject == "ca_nhan"])

    def _show_busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)
        self.propose_all_button.setEnabled(not busy)  # "all eligible" needs every verdict
        if busy:
            self.busy_label.setText("Đang xét điều kiện khen thưởng…")
            self.busy_bar.setRange(0, 0)

    def _show_progress(self, judged: int, total: int) -> None:
        self.busy_label.setText(f"Đang xét điều kiện khen thưởng: {judged:,}/{total:,} người…".replace(",", "."))
        _set_bar(self.busy_bar, judged, max(total, 1))

    def _on_unit_filter(self) -> None:
        """Show one unit's staff (the way a phòng's bình xét meeting sees them)."""
        unit_id = self.unit_filter.currentData()
        if unit_id is None:
            self.proxy.set_predicate(None)
        else:
            self.proxy.set_predicate(lambda r: r.subject == "tap_the" or r.unit_id == unit_id)

    def counts(self) -> dict[str, int]:
        """Proposals, eligible and not yet decided, decided (counted apart), all rows, rows being judged."""
        return panels.counts(self.model.records())

    def _update_meter(self) -> None:
        """Counts and, when the rule set sets one, the quota as a live meter (decided rows apart)."""
        state = self.state
        if state is not None and not state.complete:
            self.meter_label.setText("Đang xét điều kiện khen thưởng; số liệu hiện ra khi xét xong.")
            _set_bar(self.meter, 0, 1, "")
            return
        n = self.counts()
        text, limit, over = panels.meter(
            n, state, self.current_award(), lambda of: len(review.list_proposals(self.db, state.year, award=of)))
        self.meter_label.setText(text)
        _set_bar(self.meter, n["proposed"], max(limit, n["proposed"], 1), f"{n['proposed']}/{limit}")
        if over != self.meter.property("over"):  # a style sheet re-polishes the widget: set it only when it changes
            self.meter.setProperty("over", over)
            self.meter.setStyleSheet("QProgressBar::chunk { background: #c62828; }" if over else "")
            self.meter_label.setStyleSheet("color: #b00020;" if over else "")

    def current_row(self) -> ReviewRow | None:
        """The row under the cursor (the one clicked or reached with the arrow keys)."""
        index = self.table.currentIndex()
        return self.proxy.index(index.row(), 0).data(RecordRole) if index.isValid() else None

    def _show_reasons(self, current: QModelIndex | None = None, _previous=None) -> None:
        index = current if isinstance(current, QModelIndex) and current.isValid() else self.table.currentIndex()
        r = self.proxy.index(index.row(), 0).data(RecordRole) if index.isValid() else None
        state = self.state
        if r is None or state is None:
            self.reasons.setHtml(panels.EMPTY)
            self.unit_form.hide()
            return
        self.unit_form.setVisible(r.subject == "tap_the")
        if r.subject == "tap_the":
            self.unit_form.show_unit(r.name, state.year, review.unit_ratings(self.db, state.year).get(r.id))
        self.reasons.setHtml(panels.reasons_html(r, state, self.current_award()))

    def selected_rows(self) -> list[ReviewRow]:
        rows = {i.row(): i.data(RecordRole) for i in self.table.selectionModel().selectedRows()}
        current = self.current_row()
        if not rows and current is not None:
            return [current]
        return [rows[k] for k in sorted(rows)]


def _set_bar(bar: QProgressBar, value: int, maximum: int, text: str | None = None) -> None:
    """Range, value and text at once, painted once later: each setter alone repaints the bar on the spot."""
    bar.setUpdatesEnabled(False)
    bar.setRange(0, maximum)
    bar.setValue(value)
    if text is not None:
        bar.setFormat(text)
    bar.setUpdatesEnabled(True)
