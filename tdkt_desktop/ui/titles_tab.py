"""Tab "Danh hiệu & Khen thưởng": a container of sub-pages (register, ratings, review, statistics ...)."""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from sqlite_utils import Database

#: (module, class, tab title). Each page is ``Page(db, main_window)`` with a ``refresh()`` slot.
PAGES: list[tuple[str, str, str]] = [
    ("tdkt_desktop.ui.awards.register_page", "RegisterPage", "Sổ khen thưởng"),
    ("tdkt_desktop.ui.awards.decisions_page", "DecisionsPage", "Quyết định"),
    ("tdkt_desktop.ui.awards.ratings_page", "RatingsPage", "Xếp loại, sáng kiến"),
    ("tdkt_desktop.ui.review.review_page", "ReviewPage", "Bình xét năm"),
    ("tdkt_desktop.ui.review.council_page", "CouncilPage", "Hội đồng TĐKT"),
    ("tdkt_desktop.ui.awards.statistics_page", "StatisticsPage", "Thống kê"),
    ("tdkt_desktop.ui.awards.catalog_page", "CatalogPage", "Danh mục khen thưởng"),
]


class TitlesTab(QWidget):
    """Composes the sub-pages and refreshes them when data changes."""

    def __init__(self, db: Database, window):
        super().__init__()
        self.db = db
        self.pages = QTabWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)
        for module, cls, title in PAGES:
            page = getattr(importlib.import_module(module), cls)(db, window)
            self.pages.addTab(page, title)
            window.data_changed.connect(page.refresh)
        if not PAGES:
            self.pages.addTab(QLabel("Sổ khen thưởng chưa được xây dựng trong phiên bản này."), "Sổ khen thưởng")

    def page(self, title: str) -> QWidget:
        """The sub-page with this tab title (tests, cross-links)."""
        for i in range(self.pages.count()):
            if self.pages.tabText(i) == title:
                return self.pages.widget(i)
        raise KeyError(title)
