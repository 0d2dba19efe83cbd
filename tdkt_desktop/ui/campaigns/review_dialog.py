"""Review dialogs: plan a sơ kết / tổng kết, or record one with each participant's result, rank and proposal."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
)

from tdkt_desktop.db.award_records import AwardType
from tdkt_desktop.db.campaign_records import CampaignReview, ReviewResult
from tdkt_desktop.db.records import Staff, Unit
from tdkt_desktop.db.registrations import match_pasted
from tdkt_desktop.text import DateError, nfc
from tdkt_desktop.ui.campaigns.models import ResultModel
from tdkt_desktop.ui.common.widgets import DateLineEdit, ErrorLabel, save_cancel_box, setup_table
from tdkt_desktop.vocabulary import REVIEW_KINDS, REVIEW_RESULTS


class PlanReviewDialog(QDialog):
    """Kind, date and title of a review to hold later (it then shows in the reminders)."""

    def __init__(self, parent=None, *, tong_ket_taken: bool = False):
        super().__init__(parent)
        self.setWindowTitle("Lên lịch sơ kết, tổng kết")
        self.kind = QComboBox()
        for code, label in REVIEW_KINDS.items():
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(0 if tong_ket_taken else 1)
        self.day = DateLineEdit("Ngày dự kiến")
        self.title = QLineEdit()
        self.title.setPlaceholderText("ví dụ: Sơ kết 6 tháng đầu năm")
        self.error = ErrorLabel()
        self.buttons = save_cancel_box(self)
        form = QFormLayout(self)
        form.addRow("Đợt:", self.kind)
        form.addRow("Ngày dự kiến:", self.day)
        form.addRow("Nội dung:", self.title)
        form.addRow(self.error)
        form.addRow(self.buttons)

    def value(self) -> tuple[str, dt.date, str]:
        return self.kind.currentData(), self.day.date(), nfc(self.title.text())

    def accept(self) -> None:
        try:
            day = self.day.date()
        except DateError as exc:
            self.error.show_error(str(exc))
            return
        if day is None:
            self.error.show_error("Hãy nhập ngày dự kiến (dd/mm/yyyy).")
            return
        super().accept()


class ReviewDialog(QDialog):
    """Returns ``(CampaignReview, [ReviewResult])``; the results are edited here, saved by the page."""

    def __init__(self, review: CampaignReview, results: list[ReviewResult], staff: list[Staff], units: list[Unit],
                 types: list[AwardType], parent=None):
        super().__init__(parent)
        self._review, self._staff, self._units = review, staff, units
        self.setWindowTitle(f"Ghi kết quả {REVIEW_KINDS[review.kind].lower()}")
        self.resize(1180, 720)
        self.kind = QComboBox()
        for code, label in REVIEW_KINDS.items():
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(review.kind)))
        self.kind.setEnabled(review.id is None)
        self.held_on = DateLineEdit("Ngày họp")
        self.held_on.set_date(review.held_on or (review.planned_on if review.planned_on and
                                                  review.planned_on <= dt.date.today() else None))
        self.title = QLineEdit(review.title)
        self.summary = QPlainTextEdit(review.summary)
        self.shortcomings = QPlainTextEdit(review.shortcomings)
        self.directions = QPlainTextEdit(review.directions)
        for box, hint in ((self.summary, "Kết quả chung"), (self.shortcomings, "Hạn chế, nguyên nhân"),
                          (self.directions, "Phương hướng, nhiệm vụ")):
            box.setPlaceholderText(hint)
            box.setMaximumHeight(58)  # the results table gets the room
        self.held_on.setMaximumWidth(120)
        form = QFormLayout()
        head = QHBoxLayout()
        for widget in (self.kind, QLabel("ngày"), self.held_on, QLabel("Nội dung:")):
            head.addWidget(widget)
        head.addWidget(self.title, 1)
        form.addRow("Đợt:", head)
        form.addRow("Kết quả chung:", self.summary)
        form.addRow("Hạn chế:", self.shortcomings)
        form.addRow("Phương hướng:", self.directions)

        self.model = ResultModel(self)
        self.model.set_rows(list(results))
        self.view = QTableView()
        setup_table(self.view, self.model, multi=True, sortable=False)
        for column, width in ((0, 230), (1, 250), (2, 160), (3, 70)):
            self.view.setColumnWidth(column, width)
        self.result = QComboBox()
        self.result.addItem("(chưa đánh giá)", "")
        for code, label in REVIEW_RESULTS.items():
            self.result.addItem(label, code)
        self.rank = QSpinBox()
        self.rank.setRange(0, 9999)
        self.rank.setSpecialValueText("—")
        # One entry per form: Giấy khen exists for people and for units; each row gets its own variant.
        self.award = QComboBox()
        self.award.addItem("(không đề nghị)", None)
        self._variants: dict[tuple[str, str], AwardType] = {}
        for t in types:
            if t.active and t.kind == "hinh_thuc":
                if not any(f == t.family for f, _ in self._variants):
                    self.award.addItem(t.name, t.family)
                self._variants[(t.family, t.target)] = t
        self.apply_button = QPushButton("Áp dụng cho dòng đã chọn")
        self.apply_button.clicked.connect(self.apply_to_selected)
        self.rank_button = QPushButton("Xếp hạng theo thứ tự dòng")
        self.rank_button.clicked.connect(self.rank_in_order)
        self.remove_button = QPushButton("Bỏ dòng")
        self.remove_button.clicked.connect(self.remove_selected)
        editor = QHBoxLayout()
        for widget in (QLabel("Kết quả:"), self.result, QLabel("Xếp hạng:"), self.rank, QLabel("Đề nghị:"),
                       self.award, self.apply_button, self.rank_button, self.remove_button):
            editor.addWidget(widget)
        editor.addStretch(1)
        self.paste = QPlainTextEdit()
        self.paste.setPlaceholderText("Thêm người hoặc tập thể: dán mã cán bộ, họ tên hoặc tên đơn vị, mỗi dòng một")
        self.paste.setMaximumHeight(48)
        self.paste_button = QPushButton("Thêm vào danh sách")
        self.paste_button.clicked.connect(self.add_pasted)
        self.paste_result = QLabel()
        adder = QHBoxLayout()
        adder.addWidget(self.paste, 1)
        adder.addWidget(self.paste_button)
        results_box = QGroupBox("Kết quả của các tập thể, cá nhân")
        rl = QVBoxLayout(results_box)
        rl.addWidget(self.view, 1)
        rl.addLayout(editor)
        rl.addLayout(adder)
        rl.addWidget(self.paste_result)
        self.error = ErrorLabel()
        self.buttons = save_cancel_box(self, save_text="Lưu kết quả")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(results_box, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    # --- editing the results ------------------------------------------------------------------------

    def _selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.view.selectionModel().selectedRows()})

    def apply_to_selected(self) -> None:
        """Set the chosen result, rank and proposal on the selected rows (a rank applies to one row)."""
        rows = self._selected_rows()
        if not rows:
            self.error.show_error("Hãy chọn các dòng cần ghi kết quả.")
            return
        family = self.award.currentData()
        records = self.model.records()
        for row in rows:
            r = records[row]
            target = "ca_nhan" if r.staff_id is not None else "tap_the"
            chosen = self._variants.get((family, target)) if family else None
            if family and chosen is None:
                self.error.show_error(f"“{self.award.currentText()}” không dùng cho "
                                      f"{'cá nhân' if target == 'ca_nhan' else 'tập thể'} ({r.name}).")
                return
            rank = (self.rank.value() or None) if len(rows) == 1 else r.rank  # one rank cannot go to many rows
            records[row] = dataclasses.replace(r, result=self.result.currentData(), rank=rank,
                                               award_type=chosen.code if chosen else None,
                                               award_name=chosen.name if chosen else "")
        self._set(records, rows)

    def rank_in_order(self) -> None:
        """Ranks 1, 2, 3 … down the list, collectives and individuals counted apart."""
        counters = {True: 0, False: 0}
        records = []
        for r in self.model.records():
            counters[r.staff_id is None] += 1
            records.append(dataclasses.replace(r, rank=counters[r.staff_id is None]))
        self._set(records, self._selected_rows())

    def remove_selected(self) -> None:
        rows = set(self._selected_rows())
        self._set([r for i, r in enumerate(self.model.records()) if i not in rows], [])

    def add_pasted(self) -> None:
        """Add the people (or units) pasted; those already listed are skipped."""
        people, unknown_people = match_pasted(self.paste.toPlainText(), self._staff, [], collective=False)
        units, unknown = match_pasted("\n".join(unknown_people), [], self._units, collective=True)
        have = {(r.staff_id, r.unit_id) for r in self.model.records()}
        added = [ReviewResult(None, self._review.id, staff_id=s.id, name=s.full_name, code=s.code,
                              unit_name=s.unit_name) for s in people if (s.id, None) not in have]
        added += [ReviewResult(None, self._review.id, unit_id=u.id, name=u.name, unit_name=u.name)
                  for u in units if (None, u.id) not in have]
        self._set(self.model.records() + added, [])
        text = f"Đã thêm {len(added)} dòng."
        if unknown:
            text += f" Không nhận ra: {'; '.join(unknown[:6])}"
        else:
            self.paste.clear()
        self.paste_result.setText(text)

    def _set(self, records: list[ReviewResult], select: list[int]) -> None:
        """Show the edited rows and keep the officer's selection."""
        from PySide6.QtCore import QItemSelectionModel

        self.model.set_rows(records)
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in select:
            self.view.selectionModel().select(self.model.index(row, 0), flags)
        self.error.show_error(None)

    # --- result -------------------------------------------------------------------------------------

    def value(self) -> tuple[CampaignReview, list[ReviewResult]]:
        review = dataclasses.replace(
            self._review, kind=self.kind.currentData(), held_on=self.held_on.date(), title=nfc(self.title.text()),
            summary=nfc(self.summary.toPlainText()), shortcomings=nfc(self.shortcomings.toPlainText()),
            directions=nfc(self.directions.toPlainText()),
        )
        return review, self.model.records()

    def accept(self) -> None:
        try:
            held = self.held_on.date()
        except DateError as exc:
            self.error.show_error(str(exc))
            return
        if held is None:
            self.error.show_error("Hãy nhập ngày họp sơ kết/tổng kết (dd/mm/yyyy).")
            return
        super().accept()
