"""Page "Bình xét năm": pick the year and award, see every verdict with reasons, mark proposals, watch the meter."""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QItemSelectionModel, Qt
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
    QSpinBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from tdkt_desktop.db import review
from tdkt_desktop.db.eligibility_input import YearResult, evaluate_year
from tdkt_desktop.db.records import UnitRating
from tdkt_desktop.errors import UserError
from tdkt_desktop.rules.model import RATING_NAMES
from tdkt_desktop.rules.ruleset import frac, percent
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.changes import WriteFailed
from tdkt_desktop.ui.common.proxy import FoldFilterProxy
from tdkt_desktop.ui.common.table_model import RecordRole
from tdkt_desktop.ui.common.widgets import LazyPage
from tdkt_desktop.ui.review.models import ReviewModel, ReviewRow, review_search_text


def default_year(db: Database) -> int:
    """The review year: the latest year with ratings, else the current year."""
    from tdkt_desktop.db import ratings as ratings_db

    years = ratings_db.rating_years(db)
    return max(years) if years else dt.date.today().year


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
    """Thin composer over ``eligibility_input.evaluate_year`` and ``db.review`` proposals."""

    topics = frozenset({
        changes.STAFF, changes.UNITS, changes.RATINGS, changes.DECISIONS, changes.REVIEW,
        changes.RULESETS, changes.COUNCIL, changes.CATALOG, changes.CAMPAIGNS,
    })

    def __init__(self, db: Database, window):
        super().__init__()
        self.db = db
        self.main_window = window
        self.result: YearResult | None = None

        self.year = QSpinBox()
        self.year.setRange(2017, 2100)
        self.year.setValue(default_year(db))
        self.award = QComboBox()
        self.award.setMinimumWidth(260)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm tên, mã, đơn vị (không cần dấu)")
        self.search.setClearButtonEnabled(True)
        self.unit_filter = QComboBox()
        self.unit_filter.addItem("Mọi đơn vị", None)
        self.ruleset_label = QLabel()
        self.rules_button = QPushButton("Bộ quy tắc…")
        top = QHBoxLayout()
        for widget in (QLabel("Năm xét:"), self.year, QLabel("Danh hiệu, hình thức:"), self.award, self.unit_filter,
                       self.search):
            top.addWidget(widget)
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
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(2, 220)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.reasons = QTextBrowser()
        self.reasons.setMinimumWidth(320)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.reasons)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.propose_button = QPushButton("Đề nghị / bỏ đề nghị (Space)")
        self.propose_all_button = QPushButton("Đề nghị tất cả người đủ điều kiện")
        self.unit_rating = QComboBox()
        for code, name in RATING_NAMES.items():
            self.unit_rating.addItem(f"{code} – {name}", code)
        self.bloc = QComboBox()
        for label, value in (("Kết quả khối: chưa có", None), ("Dẫn đầu khối thi đua", True),
                             ("Không dẫn đầu khối", False)):
            self.bloc.addItem(label, value)
        self.unit_rating_button = QPushButton("Lưu xếp loại tập thể")
        self.meter_label = QLabel()
        self.meter = QProgressBar()
        self.meter.setMaximumWidth(260)
        actions = QHBoxLayout()
        for widget in (self.propose_button, self.propose_all_button, self.unit_rating, self.bloc,
                       self.unit_rating_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.meter_label)
        actions.addWidget(self.meter)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.ruleset_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)

        self.year.valueChanged.connect(self._on_year)
        self.award.currentIndexChanged.connect(self._fill_rows)
        self.search.textChanged.connect(self.proxy.set_filter_text)
        self.unit_filter.currentIndexChanged.connect(self._on_unit_filter)
        self.table.selectionModel().currentRowChanged.connect(self._show_reasons)
        self.propose_button.clicked.connect(self.toggle_selected)
        self.propose_all_button.clicked.connect(self.propose_all_eligible)
        self.unit_rating_button.clicked.connect(self._save_unit_rating)
        self.rules_button.clicked.connect(self._open_rules)
        QShortcut(QKeySequence(Qt.Key.Key_Space), self.table, self.toggle_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        # LazyPage: evaluated when first shown, so a 20,000-staff office does not slow the start.

    # --- data ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-evaluate the year (one bulk load) and refill the award list and rows."""
        self._stale = False
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
        rs = self.result.ruleset
        self.ruleset_label.setText(f"Bộ quy tắc áp dụng cho năm {self.year.value()}: {rs.label()}")
        current = self.award.currentData()
        self.award.blockSignals(True)
        self.award.clear()
        for code in rs.awards():
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

    def _on_year(self) -> None:
        self.refresh()

    def current_award(self) -> str | None:
        return self.award.currentData()

    def is_collective(self) -> bool:
        code = self.current_award()
        return bool(self.result and code in self.result.ruleset.awards(collective=True))

    def _fill_rows(self) -> None:
        code = self.current_award()
        result = self.result
        if result is None or code is None:
            self.model.set_rows([])
            return
        year = result.year
        proposals = {(p.staff_id, p.unit_id): p for p in review.list_proposals(self.db, year, award=code)}
        registered = registered_texts(self.db, year, code)
        rows = []
        if self.is_collective():
            ratings = review.unit_ratings(self.db, year)
            for unit in result.units:
                verdict = result.verdict(award=code, unit_id=unit.id)
                others = tuple(v.award_name for v in result.unit_verdicts if v.subject_id == unit.id and v.eligible and v.award != code)
                rows.append(ReviewRow(
                    "tap_the", unit.id, "", unit.name, unit.name,
                    ratings[unit.id].rating if unit.id in ratings else "", verdict,
                    proposals.get((None, unit.id)), others, registered.get(("tap_the", unit.id), ""),
                ))
        else:
            for pid, person in result.people.items():
                verdicts = result.person_verdicts[pid]
                facts = person.years.get(year)
                others = tuple(v.award_name for c, v in verdicts.items() if v.eligible and c != code)
                rows.append(ReviewRow(
                    "ca_nhan", pid, person.code, person.name, person.unit_name,
                    facts.rating if facts and facts.rating else "", verdicts.get(code),
                    proposals.get((pid, None)), others, registered.get(("ca_nhan", pid), ""),
                ))
        keep = {(r.subject, r.id) for r in self.selected_rows()}
        self.model.set_rows(rows)
        self._restore_selection(keep)
        if not keep and self.proxy.rowCount():  # show the first person's reasons, not an empty panel
            self.table.selectRow(0)
        collective = self.is_collective()
        for widget in (self.unit_rating, self.bloc, self.unit_rating_button):
            widget.setVisible(collective)
        self.unit_filter.setVisible(not collective)
        self.table.setColumnHidden(0, collective)  # collectives have no staff code or parent unit
        self.table.setColumnHidden(2, collective)
        self._update_meter()
        self._show_reasons()

    def _restore_selection(self, keep: set) -> None:
        """Refreshing after a write keeps the rows the officer was working on selected."""
        selection = self.table.selectionModel()
        first = True
        for row in range(self.proxy.rowCount()):
            record = self.proxy.index(row, 0).data(RecordRole)
            if (record.subject, record.id) in keep:
                flags = QItemSelectionModel.SelectionFlag.Rows | (
                    QItemSelectionModel.SelectionFlag.ClearAndSelect if first else QItemSelectionModel.SelectionFlag.Select
                )
                if first:
                    self.table.setCurrentIndex(self.proxy.index(row, 0))
                selection.select(self.proxy.index(row, 0), flags)
                first = False

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

    def _update_meter(self) -> None:
        """Counts and, when the rule set sets one, the quota as a live meter."""
        rows = self.model.records()
        code = self.current_award()
        proposed = sum(1 for r in rows if r.proposal)
        eligible = sum(1 for r in rows if r.verdict and r.verdict.eligible)
        text = f"Đề nghị: {proposed} · Đủ điều kiện: {eligible} · Tổng: {len(rows)}"
        limit = eligible or 1
        over = False
        params = self.result.ruleset.award(code) if self.result and code else None
        quota = params.get("quota") if params else None
        if quota:
            of = quota["of"]
            base = len(review.list_proposals(self.db, self.result.year, award=of)) or sum(
                1 for v in self.result.all_verdicts() if v.award == of and v.eligible
            )
            limit = math.floor(frac(quota["share"]) * base)
            over = proposed > limit
            text += f" · Hạn mức {percent(quota['share'])} của {base} {self.result.ruleset.award_name(of)} = {limit}"
        self.meter_label.setText(text)
        self.meter.setRange(0, max(limit, proposed, 1))
        self.meter.setValue(proposed)
        self.meter.setFormat(f"{proposed}/{limit}")
        self.meter.setStyleSheet("QProgressBar::chunk { background: #c62828; }" if over else "")
        self.meter_label.setStyleSheet("color: #b00020;" if over else "")

    def _show_reasons(self, *args) -> None:
        row = self.selected_rows()[:1]
        if not row or self.result is None:
            self.reasons.setHtml("<p>Chọn một người hoặc tập thể để xem lý do.</p>")
            return
        r = row[0]
        if r.subject == "tap_the":
            saved = review.unit_ratings(self.db, self.result.year).get(r.id)
            if saved:
                self.unit_rating.setCurrentIndex(self.unit_rating.findData(saved.rating))
                self.bloc.setCurrentIndex(max(0, self.bloc.findData(saved.leads_bloc)))
        if r.subject == "ca_nhan":
            verdicts = self.result.person_verdicts.get(r.id, {}).values()
        else:
            verdicts = [v for v in self.result.unit_verdicts if v.subject_id == r.id]
        parts = [f"<h3>{r.name}</h3><p>{r.unit_name if r.subject == 'ca_nhan' else 'Tập thể'}"
                 f" — xếp loại năm {self.result.year}: {r.rating or 'chưa có'}</p>"]
        for v in verdicts:
            colour = "#1b5e20" if v.eligible else "#555555"
            flag = "ĐỦ ĐIỀU KIỆN" if v.eligible else "Chưa đủ"
            items = "".join(f"<li>{reason}</li>" for reason in v.reasons)
            parts.append(f"<p><b style='color:{colour}'>{v.award_name}: {flag}</b></p><ul>{items}</ul>")
        self.reasons.setHtml("".join(parts))

    def selected_rows(self) -> list[ReviewRow]:
        rows = {i.row(): i.data(RecordRole) for i in self.table.selectionModel().selectedRows()}
        if not rows and self.table.currentIndex().isValid():
            index = self.table.currentIndex()
            rows[index.row()] = self.proxy.index(index.row(), 0).data(RecordRole)
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
        """Space: propose the selected rows, or withdraw them when all are already proposed."""
        rows = self.selected_rows()
        code, year = self.current_award(), self.year.value()
        if not rows or code is None:
            return
        withdraw = all(r.proposal for r in rows)
        subjects = [(r.subject, r.id, r.proposal.id if r.proposal else None) for r in rows]
        self._write(lambda: review.toggle_proposals(self.db, year, code, subjects, withdraw_all=withdraw),
                    changes.REVIEW)

    def propose_all_eligible(self) -> None:
        """Propose everyone the engine finds eligible for the chosen award (already given ones are skipped)."""

        code, year = self.current_award(), self.year.value()
        rows = [r for r in self.model.records() if r.verdict and r.verdict.eligible and not r.proposal
                and not any(reason.startswith("Đã có quyết định") for reason in r.verdict.reasons)]
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
        rating, year, leads = self.unit_rating.currentData(), self.year.value(), self.bloc.currentData()

        items = [UnitRating(unit_id=r.id, year=year, rating=rating, leads_bloc=leads) for r in rows]
        self._write(lambda: review.set_unit_ratings(self.db, items), changes.RATINGS)

    def _open_rules(self) -> None:
        from tdkt_desktop.ui.review.ruleset_dialog import open_rules_for_year

        open_rules_for_year(self, self.db, self.main_window, self.year.value())
