"""Page "Bình xét năm": pick the year and award, see every verdict with reasons, mark proposals, watch the meter."""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
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

from tdkt_desktop.db import catalog, review
from tdkt_desktop.errors import UserError
from tdkt_desktop.rules.ruleset import frac, percent
from tdkt_desktop.services.eligibility import YearResult, evaluate_year
from tdkt_desktop.ui.common import changes, working_year
from tdkt_desktop.ui.common.changes import WriteFailed
from tdkt_desktop.ui.common.proxy import FoldFilterProxy
from tdkt_desktop.ui.common.table_model import RecordRole
from tdkt_desktop.ui.common.widgets import LazyPage
from tdkt_desktop.ui.review.models import ReviewModel, review_search_text
from tdkt_desktop.ui.review.rows import ReviewRow, build_rows
from tdkt_desktop.ui.review.unit_form import UnitRatingForm
from tdkt_desktop.vocabulary import RATING_NAMES, VERDICT_STATUSES

#: Column widths that fit 1366 px beside the reasons panel (the last column stretches).
_WIDTHS = {0: 55, 1: 150, 2: 105, 3: 58, 4: 152, 5: 82, 6: 58, 7: 173}


def registered_texts(db: Database, year: int, award: str) -> dict[tuple[str, int], str]:
    """(subject, id) → "Đã đăng ký" when the chosen award was registered, else the awards that were."""
    from tdkt_desktop.db import catalog
    from tdkt_desktop.db.registrations import registered_awards

    names = {t.code: t.short_name or t.name for t in catalog.list_award_types(db, active_only=False)}
    return {
        key: "Đã đăng ký" if award in codes else "Đăng ký " + ", ".join(names.get(c, c) for c in codes)
        for key, codes in registered_awards(db, year).items()
    }


class ReviewPage(LazyPage, QWidget):
    """Thin composer over ``services.eligibility.evaluate_year`` and ``db.review`` proposals."""

    topics = frozenset({
        changes.STAFF, changes.UNITS, changes.RATINGS, changes.DECISIONS, changes.REVIEW,
        changes.RULESETS, changes.COUNCIL, changes.CATALOG, changes.SETTINGS, changes.WORKING_YEAR, changes.CAMPAIGNS,
    })

    def __init__(self, db: Database, window):
        super().__init__()
        self.db = db
        self.main_window = window
        self.result: YearResult | None = None
        self.short_names: dict[str, str] = {}

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
        self.rules_button = QPushButton("Bộ quy tắc…")
        top = QHBoxLayout()
        for widget in (QLabel("Năm xét:"), self.year, QLabel("Danh hiệu, hình thức:"), self.award, self.unit_filter):
            top.addWidget(widget)
        top.addWidget(self.search, 1)
        top.addWidget(self.rules_button)

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
        layout.addWidget(self.ruleset_label)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(actions)

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
        # LazyPage: evaluated when first shown, so a 20,000-staff office does not slow the start.

    # --- data ---------------------------------------------------------------------------------

    def refresh(self, changed: frozenset[str] = frozenset({changes.ALL})) -> None:
        """A proposal toggled changes no verdict: replace the rows' proposals only; else reload."""
        if changed == {changes.REVIEW} and self.result is not None and self.wants_reload_now():
            self._refresh_proposals()
            return
        super().refresh(changed)

    def reload(self) -> None:
        """Re-evaluate the year (one bulk load) and refill the award list and rows."""
        self._stale = False
        working_year.show_in(self.year, self.db)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # seconds on a 20,000-staff office
        try:
            self._reload()
        finally:
            QApplication.restoreOverrideCursor()

    def _reload(self) -> None:
        try:
            self.result = evaluate_year(self.db, self.year.value())
        except UserError as exc:
            self.result = None
            self.ruleset_label.setText(str(exc))
            self.model.set_rows([])
            return
        types = catalog.list_award_types(self.db, active_only=False)
        self.short_names = {t.code: t.short_name or t.name for t in types}
        rs = self.result.ruleset
        self.ruleset_label.setText(f"Bộ quy tắc áp dụng cho năm {self.year.value()}: {rs.label()}")
        current = self.award.currentData()
        self.award.blockSignals(True)
        self.award.clear()
        for code in rs.awards(level=self.result.office_level):
            self.award.addItem(rs.award_name(code), code)
        index = self.award.findData(current)
        self.award.setCurrentIndex(index if index >= 0 else 0)
        self.award.blockSignals(False)
        chosen = self.unit_filter.currentData()
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem("Mọi đơn vị", None)
        for unit in self.result.units:
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
        code = self.current_award()
        return bool(self.result and code in self.result.ruleset.awards(collective=True))

    def _fill_rows(self) -> None:
        code = self.current_award()
        if self.result is None or code is None:
            self.model.set_rows([])
            return
        proposals = review.list_proposals(self.db, self.result.year, award=code)
        keep = {r.key for r in self.selected_rows()}
        current = self.current_row()
        self.model.set_rows(build_rows(self.result, code, proposals, self.short_names,
                                       registered_texts(self.db, self.result.year, code)))
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

    def _refresh_proposals(self) -> None:
        """After a proposal write: the same verdicts, the rows' proposals re-read and replaced."""
        code = self.current_award()
        proposals = {(p.staff_id, p.unit_id): p for p in review.list_proposals(self.db, self.result.year, award=code)}
        changed = []
        for row in self.model.records():
            new = proposals.get((row.id, None) if row.subject == "ca_nhan" else (None, row.id))
            if new != row.proposal or (new and row.proposal and new.status != row.proposal.status):
                changed.append(_replace(row, proposal=new))
        self.model.update_rows(changed)
        self._update_meter()

    def _restore_selection(self, keep: set, current_key) -> None:
        """Refreshing after a write keeps the rows the officer was working on selected."""
        selection = self.table.selectionModel()
        for row in range(self.proxy.rowCount()):
            record = self.proxy.index(row, 0).data(RecordRole)
            if record.key in keep:
                selection.select(self.proxy.index(row, 0),
                                 QItemSelectionModel.SelectionFlag.Rows | QItemSelectionModel.SelectionFlag.Select)
            if record.key == current_key:
                selection.setCurrentIndex(self.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)

    def _on_unit_filter(self) -> None:
        """Show one unit's staff (the way a phòng's bình xét meeting sees them)."""
        unit_id = self.unit_filter.currentData()
        people = self.result.people if self.result else {}
        if unit_id is None:
            self.proxy.set_predicate(None)
        else:
            self.proxy.set_predicate(
                lambda r: r.subject == "tap_the" or getattr(people.get(r.id), "unit_id", None) == unit_id
            )

    def counts(self) -> dict[str, int]:
        """Proposals, eligible and not yet decided, decided (counted apart), and all rows."""
        rows = self.model.records()
        decided = sum(1 for r in rows if r.decided)
        proposed = sum(1 for r in rows if r.proposal and not r.decided)
        eligible = sum(1 for r in rows if r.proposable)
        return {"proposed": proposed, "eligible": eligible, "decided": decided, "total": len(rows)}

    def _update_meter(self) -> None:
        """Counts and, when the rule set sets one, the quota as a live meter (decided rows apart)."""
        n = self.counts()
        code = self.current_award()
        text = (f"Đề nghị: {n['proposed']} · Đủ điều kiện: {n['eligible']} · Đã có QĐ: {n['decided']} "
                f"· Tổng: {n['total']}")
        limit, over = n["eligible"] or 1, False
        params = self.result.ruleset.award(code) if self.result and code else None
        quota = params.get("quota") if params else None
        if quota:
            of = quota["of"]
            base = len(review.list_proposals(self.db, self.result.year, award=of)) or sum(
                1 for v in self.result.all_verdicts() if v.award == of and v.eligible and not v.decided
            )
            limit = math.floor(frac(quota["share"]) * base)
            over = n["proposed"] > limit
            text += f" · Hạn mức {percent(quota['share'])} của {base} {self.result.ruleset.award_name(of)} = {limit}"
        self.meter_label.setText(text)
        self.meter.setRange(0, max(limit, n["proposed"], 1))
        self.meter.setValue(n["proposed"])
        self.meter.setFormat(f"{n['proposed']}/{limit}")
        self.meter.setStyleSheet("QProgressBar::chunk { background: #c62828; }" if over else "")
        self.meter_label.setStyleSheet("color: #b00020;" if over else "")

    def current_row(self) -> ReviewRow | None:
        """The row under the cursor (the one clicked or reached with the arrow keys)."""
        index = self.table.currentIndex()
        return self.proxy.index(index.row(), 0).data(RecordRole) if index.isValid() else None

    def _show_reasons(self, current: QModelIndex | None = None, _previous=None) -> None:
        index = current if isinstance(current, QModelIndex) and current.isValid() else self.table.currentIndex()
        r = self.proxy.index(index.row(), 0).data(RecordRole) if index.isValid() else None
        if r is None or self.result is None:
            self.reasons.setHtml("<p>Chọn một người hoặc tập thể để xem lý do.</p>")
            self.unit_form.hide()
            return
        self.unit_form.setVisible(r.subject == "tap_the")
        if r.subject == "tap_the":
            self.unit_form.show_unit(r.name, self.result.year, review.unit_ratings(self.db, self.result.year).get(r.id))
            verdicts = [v for v in self.result.unit_verdicts if v.subject_id == r.id]
        else:
            verdicts = list(self.result.person_verdicts.get(r.id, {}).values())
        chosen = self.current_award()
        verdicts.sort(key=lambda v: v.award != chosen)  # the award being reviewed first
        rating = RATING_NAMES.get(r.rating, "chưa có")
        where = html.escape(r.unit_name) if r.subject == "ca_nhan" else "Tập thể"
        parts = [f"<h3>{html.escape(r.name)}</h3><p>{where} — xếp loại năm {self.result.year}: {rating}</p>"]
        colours = {"du": "#1b5e20", "can_hoi_dong": "#8a6d00", "da_quyet_dinh": "#37474f", "loai_tru": "#b00020"}
        for v in verdicts:
            who = f" <span style='color:#666'>({html.escape(v.authority)} quyết định)</span>" if v.authority else ""
            items = "".join(f"<li>{html.escape(reason)}</li>" for reason in v.reasons)
            parts.append(f"<p><b style='color:{colours.get(v.status, '#555555')}'>{html.escape(v.award_name)}: "
                         f"{VERDICT_STATUSES[v.status]}</b>{who}</p><ul>{items}</ul>")
        self.reasons.setHtml("".join(parts))

    def selected_rows(self) -> list[ReviewRow]:
        rows = {i.row(): i.data(RecordRole) for i in self.table.selectionModel().selectedRows()}
        current = self.current_row()
        if not rows and current is not None:
            return [current]
        return [rows[k] for k in sorted(rows)]

    # --- actions --------------------------------------------------------------------------------

    def _write(self, action, *topics: str) -> bool:
        """One write through the window; False when it failed (the user has seen why)."""
        try:
            self.main_window.run_write(action, *topics)
        except WriteFailed:
            return False
        return True

    def toggle_selected(self) -> None:
        """Space: propose the selected rows, or withdraw them when all are already proposed.

        Rows already granted by a decision are left out and named in the status bar.
        """
        rows = self.selected_rows()
        code, year = self.current_award(), self.year.value()
        if not rows or code is None:
            return
        decided = [r for r in rows if r.decided and not r.proposal]
        rows = [r for r in rows if r not in decided]
        if decided:
            more = f" (và {len(decided) - 1} người, tập thể khác)" if len(decided) > 1 else ""
            self.main_window.statusBar().showMessage(
                f"{decided[0].decision_text()}{more}: không đề nghị lần nữa.", 10000)
        if not rows:
            return
        withdraw = all(r.proposal for r in rows)
        subjects = [(r.subject, r.id, r.proposal.id if r.proposal else None) for r in rows]
        self._write(lambda: review.toggle_proposals(self.db, year, code, subjects, withdraw_all=withdraw),
                    changes.REVIEW)

    def propose_all_eligible(self) -> None:
        """Propose everyone eligible for the chosen award who has no decision or proposal for it yet."""
        code, year = self.current_award(), self.year.value()
        rows = [r for r in self.model.records() if r.proposable and not r.proposal]
        if not rows:
            QMessageBox.information(self, "Bình xét", "Không có ai đủ điều kiện mà chưa được đề nghị.")
            return
        subjects = [(r.subject, r.id, None) for r in rows]
        self._write(lambda: review.toggle_proposals(self.db, year, code, subjects, withdraw_all=False),
                    changes.REVIEW)

    def _save_unit_rating(self) -> None:
        rows = [r for r in self.selected_rows() if r.subject == "tap_the"]
        if not rows:
            QMessageBox.information(self, "Xếp loại tập thể", "Hãy chọn một tập thể trong bảng.")
            return
        year = self.year.value()
        items = [self.unit_form.value(r.id, year) for r in rows]
        self._write(lambda: review.set_unit_ratings(self.db, items), changes.RATINGS)

    def _open_rules(self) -> None:
        from tdkt_desktop.ui.review.ruleset_dialog import open_rules_for_year

        open_rules_for_year(self, self.db, self.main_window, self.year.value())


def _replace(row: ReviewRow, **changes_) -> ReviewRow:
    import dataclasses

    return dataclasses.replace(row, **changes_)
