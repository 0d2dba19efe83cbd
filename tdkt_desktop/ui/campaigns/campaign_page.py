"""One campaign's page: its header and five sub-pages (goals, registrations, progress, reviews, awards)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget
from sqlite_utils import Database

from tdkt_desktop.db import campaigns as campaigns_db
from tdkt_desktop.errors import NotFoundError
from tdkt_desktop.ui.campaigns.panels import AwardsPanel, GoalsPanel, NotesPanel
from tdkt_desktop.ui.campaigns.registrations_panel import RegistrationsPanel
from tdkt_desktop.ui.campaigns.reviews_panel import ReviewsPanel
from tdkt_desktop.ui.common import changes
from tdkt_desktop.vocabulary import CAMPAIGN_KINDS, CAMPAIGN_LEVELS, CAMPAIGN_STATUSES

#: (class, tab title) in display order; each panel is ``Panel(db, window, page)`` with ``campaign_id``.
PANELS = [
    (GoalsPanel, "Mục tiêu, tiêu chí"),
    (RegistrationsPanel, "Đăng ký thi đua"),
    (NotesPanel, "Tiến độ, minh chứng"),
    (ReviewsPanel, "Sơ kết, tổng kết"),
    (AwardsPanel, "Khen thưởng"),
]


class CampaignPage(QWidget):
    """Header (name, kind, period, status, launching document) and the sub-pages; ◀ goes back to the list."""

    def __init__(self, db: Database, window, tab):
        super().__init__()
        self.db, self.main_window, self.tab = db, window, tab
        self.campaign_id: int | None = None
        self.campaign = None
        self.back_button = QPushButton("◀ Danh sách phong trào")
        self.back_button.clicked.connect(tab.show_list)
        self.edit_button = QPushButton("Sửa phong trào…")
        self.edit_button.clicked.connect(self.edit)
        self.close_button = QPushButton("Kết thúc phong trào")
        self.close_button.clicked.connect(self.toggle_closed)
        self.plan_button = QPushButton("In kế hoạch phát động…")
        self.plan_button.clicked.connect(self.print_plan)
        self.title = QLabel()
        self.title.setObjectName("campaignTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        for button in (self.edit_button, self.close_button, self.plan_button):
            top.addWidget(button)
        self.panels = QTabWidget()
        self.panel_list = []
        for cls, title in PANELS:
            panel = cls(db, window, self)
            self.panel_list.append(panel)
            self.panels.addTab(panel, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.facts)
        layout.addWidget(self.panels, 1)

    def set_campaign(self, campaign_id: int) -> None:
        """Show another campaign: header now, each sub-page when it is (or next becomes) visible."""
        self.campaign_id = campaign_id
        self._load_header()
        for panel in self.panel_list:
            panel.campaign_id = campaign_id
            panel._stale = True
            panel.refresh()

    def show_panel(self, title: str) -> QWidget:
        """Bring a sub-page forward by its tab title; returns it."""
        for i in range(self.panels.count()):
            if self.panels.tabText(i) == title:
                self.panels.setCurrentIndex(i)
                return self.panels.widget(i)
        raise KeyError(title)

    def panel(self, cls):
        """The sub-page of a class (tests, cross-links)."""
        return next(p for p in self.panel_list if isinstance(p, cls))

    def _load_header(self) -> None:
        try:
            c = self.campaign = campaigns_db.get_campaign(self.db, self.campaign_id)
        except NotFoundError:  # deleted meanwhile: back to the list
            self.campaign = self.campaign_id = None
            self.tab.show_list()
            return
        today = dt.date.today()
        status = CAMPAIGN_STATUSES[c.status(today)]
        warn = " <span style='color:#b00020'>– đã hết thời gian nhưng chưa tổng kết</span>" if c.overdue(today) else ""
        self.title.setText(f"<span style='font-size:13pt'><b>{c.name}</b></span>")
        doc = c.document_text()
        self.facts.setText(
            f"{CAMPAIGN_KINDS[c.kind]} · cấp phát động: {CAMPAIGN_LEVELS[c.level].lower()} · {c.period_text()} · "
            f"trạng thái: <b>{status}</b>{warn}<br>"
            + (f"Văn bản: {doc[0].upper()}{doc[1:]} · " if doc else "")
            + f"{c.units} đơn vị tham gia · {c.registrations} đăng ký · {c.awards} lượt khen thưởng"
        )
        self.close_button.setText("Mở lại phong trào" if c.closed_on else "Kết thúc phong trào")

    def refresh(self, changed: frozenset[str] = frozenset({changes.ALL})) -> None:
        """After a write: the header if the campaign may have changed, and the panels that show it."""
        if self.campaign_id is None:
            return
        if changes.touches(changed, {changes.CAMPAIGNS, changes.DECISIONS}):
            self._load_header()
        if self.campaign is not None:
            for panel in self.panel_list:
                panel.refresh(changed)

    def edit(self) -> None:
        from tdkt_desktop.ui.campaigns.actions import edit_campaign

        edit_campaign(self, self.db, self.main_window, self.campaign_id)

    def toggle_closed(self) -> None:
        from tdkt_desktop.ui.campaigns.actions import toggle_closed

        if self.campaign is not None:
            toggle_closed(self, self.db, self.main_window, self.campaign)

    def print_plan(self) -> None:
        from tdkt_desktop.ui.campaigns.actions import preview_plan

        preview_plan(self.main_window, self.campaign_id)
