"""Sub-page "Sơ kết, tổng kết": plan and record reviews, each participant's result; the reward decision and report."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
)

from tdkt_desktop.db import campaign_reviews as reviews_db
from tdkt_desktop.db import catalog
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import units as units_db
from tdkt_desktop.db.campaign_records import CampaignReview
from tdkt_desktop.errors import UserError
from tdkt_desktop.text import fold, format_date
from tdkt_desktop.ui.campaigns.models import ResultModel, ReviewListModel
from tdkt_desktop.ui.campaigns.panels import _current, _Panel
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.widgets import setup_table
from tdkt_desktop.vocabulary import REVIEW_KINDS


class ReviewsPanel(_Panel):
    """Reviews on top, the selected one's texts and results below; actions in one row."""

    topics = frozenset({changes.CAMPAIGNS, changes.DECISIONS, changes.STAFF, changes.UNITS})

    def __init__(self, db, window, page):
        super().__init__(db, window, page)
        self.reviews = ReviewListModel(self)
        self.reviews_view = QTableView()
        setup_table(self.reviews_view, self.reviews, sortable=False)
        for column, width in ((0, 80), (1, 95), (2, 120), (3, 380), (4, 70)):
            self.reviews_view.setColumnWidth(column, width)
        self.reviews_view.selectionModel().selectionChanged.connect(lambda *_: self._show_review())
        self.reviews_view.doubleClicked.connect(lambda _: self.record())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.results = ResultModel(self)
        self.results_view = QTableView()
        setup_table(self.results_view, self.results)
        for column, width in ((0, 210), (1, 250), (2, 150), (3, 70)):
            self.results_view.setColumnWidth(column, width)
        lower = QSplitter()
        lower.addWidget(self.results_view)
        lower.addWidget(self.detail)
        lower.setSizes([900, 380])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.reviews_view)
        split.addWidget(lower)
        split.setSizes([150, 420])

        self.plan_button = QPushButton("Lên lịch…")
        self.new_button = QPushButton("Ghi đợt mới…")
        self.record_button = QPushButton("Ghi kết quả…")
        self.delete_button = QPushButton("Xóa đợt")
        self.reward_button = QPushButton("Tạo quyết định khen thưởng…")
        self.report_button = QPushButton("In báo cáo sơ kết/tổng kết…")
        buttons = QHBoxLayout()
        for button, slot in ((self.plan_button, self.plan), (self.new_button, lambda: self.record(new=True)),
                             (self.record_button, self.record),
                             (self.delete_button, self.delete_selected), (self.reward_button, self.create_reward),
                             (self.report_button, self.print_report)):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

    def reload(self) -> None:
        keep = self.current()
        items = reviews_db.list_reviews(self.db, self.campaign_id)
        self.reviews.set_rows(items)
        row = self.reviews.row_of(lambda r: keep is not None and r.id == keep.id)
        if items:
            self.reviews_view.selectRow(row if row >= 0 else len(items) - 1)
        else:
            self._show_review()

    def current(self) -> CampaignReview | None:
        return _current(self.reviews_view)

    def select_review(self, review_id: int) -> None:
        row = self.reviews.row_of(lambda r: r.id == review_id)
        if row >= 0:
            self.reviews_view.selectRow(row)

    def _show_review(self) -> None:
        r = self.current()
        self.results.set_rows(reviews_db.results_of(self.db, r.id) if r and r.held else [])
        for button in (self.delete_button, self.record_button):
            button.setEnabled(r is not None)
        self.report_button.setEnabled(bool(r and r.held))
        proposed = any(x.award_type for x in self.results.records())
        self.reward_button.setEnabled(bool(r and r.kind == "tong_ket" and r.held and r.decision_id is None
                                           and proposed))
        self.record_button.setText("Sửa kết quả…" if r is not None and r.held else "Ghi kết quả…")
        if r is None:
            self.detail.setText("Chưa có đợt sơ kết, tổng kết nào. “Lên lịch…” để nhắc trước, hoặc “Ghi kết quả…” "
                                "sau khi họp.")
            return
        kind = REVIEW_KINDS[r.kind]
        heading = r.title if fold(r.title).startswith(fold(kind)) else f"{kind}: {r.title}" if r.title else kind
        parts = [f"<b>{escape(heading)}</b>",
                 f"{'Họp ngày' if r.held else 'Dự kiến ngày'} {format_date(r.day)}"]
        for label, text in (("Kết quả chung", r.summary), ("Hạn chế", r.shortcomings), ("Phương hướng", r.directions)):
            if text:
                parts.append(f"<b>{label}:</b> {escape(text)}")
        if r.decision_number:
            parts.append(f"<b>Quyết định khen thưởng:</b> số {escape(r.decision_number)}")
        self.detail.setText("<br>".join(parts))

    # --- actions ------------------------------------------------------------------------------------

    def plan(self) -> None:
        """Put a review in the calendar; the list's reminders show it when it comes near."""
        from tdkt_desktop.ui.campaigns.review_dialog import PlanReviewDialog

        taken = any(r.kind == "tong_ket" for r in self.reviews.records())
        new_id = self.write_dialog(PlanReviewDialog(self, tong_ket_taken=taken),
                                   lambda value: reviews_db.plan_review(self.db, self.campaign_id, *value))
        if new_id is not None:
            self.select_review(new_id)

    def open_record_dialog(self, review: CampaignReview | None = None):
        """The dialog recording ``review`` (planned or held), or a new one; tests drive it."""
        from tdkt_desktop.ui.campaigns.review_dialog import ReviewDialog

        review = review or self.current() or self._blank()
        if review.held:
            results = reviews_db.results_of(self.db, review.id)
        else:
            results = reviews_db.default_results(self.db, self.campaign_id, self._participants_year(review))
        return ReviewDialog(review, results, staff_db.list_staff(self.db, include_inactive=False),
                            units_db.list_units(self.db), catalog.list_award_types(self.db, active_only=False), self)

    def _participants_year(self, review: CampaignReview) -> int:
        """Whose registrations start a new review: its year, else the campaign's current (or last) year,
        else the latest year anyone registered."""
        from tdkt_desktop.db import campaigns as campaigns_db
        from tdkt_desktop.db.registrations import registration_years

        end = campaigns_db.get_campaign(self.db, self.campaign_id).ends_on
        year = review.day.year if review.day else min(dt.date.today().year, end.year)
        used = registration_years(self.db, self.campaign_id)
        return year if not used or year in used else used[0]

    def _blank(self) -> CampaignReview:
        """A new review: a sơ kết, or the tổng kết once a sơ kết was held and no tổng kết exists."""
        records = self.reviews.records()
        final = any(r.kind == "tong_ket" for r in records)
        held_so_ket = any(r.kind == "so_ket" and r.held for r in records)
        return CampaignReview(None, self.campaign_id, "tong_ket" if held_so_ket and not final else "so_ket")

    def record(self, *, new: bool = False) -> None:
        """Record the selected planned review, edit a recorded one, or (none selected / ``new``) a new one."""
        current = None if new else self.current()
        saved = self.write_dialog(self.open_record_dialog(current or self._blank()),
                                  lambda value: reviews_db.record_review(self.db, *value))
        if saved is not None:
            self.select_review(saved)

    def delete_selected(self) -> None:
        r = self.current()
        if r is not None:
            self.write_if_confirmed("Xóa đợt", f"Xóa đợt {REVIEW_KINDS[r.kind].lower()} ngày {format_date(r.day)} và "
                                    f"{r.results} kết quả đã ghi?", lambda: reviews_db.delete_review(self.db, r.id))

    def create_reward(self) -> int | None:
        """From a recorded tổng kết: the reward decision with its list, through the register's decision code."""
        from tdkt_desktop.services import campaigns as service
        from tdkt_desktop.ui.campaigns.small_dialogs import RewardDialog

        r = self.current()
        if r is None:
            return None
        today = dt.date.today()
        issued = max(r.held_on, today) if r.held_on and r.held_on.year == today.year else r.held_on
        try:
            header = service.default_decision(self.db, r.id, issued or today)
            lines = service.reward_lines(self.db, r.id, header.issued_on)
        except UserError as exc:
            QMessageBox.warning(self, "Không tạo được quyết định", str(exc))
            return None
        made = self.write_dialog(RewardDialog(header, lines, self),
                                 lambda decision: service.create_reward_decision(self.db, r.id, decision),
                                 changes.CAMPAIGNS, changes.DECISIONS)
        if made is not None:
            self.last_decision_id = made
            self.page.show_panel("Khen thưởng")
        return made

    def print_report(self) -> None:
        from tdkt_desktop.ui.campaigns.actions import preview_review_report

        r = self.current()
        if r is not None:
            preview_review_report(self.main_window, r.id)

