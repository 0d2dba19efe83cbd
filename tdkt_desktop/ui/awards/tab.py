"""Tab "Danh hiệu & Khen thưởng": a container of sub-pages (register, ratings, review, statistics ...)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget
from sqlite_utils import Database

from tdkt_desktop.ui.common.lazy_tabs import LazyTabs

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
    """Composes the sub-pages; each is imported and built when first shown or asked for.

    Seven pages (eligibility engine, council, Excel ...) cost a quarter of a second to import and
    build; deferring them keeps the window start close to a bare window's.
    """

    def __init__(self, db: Database, window):
        super().__init__()
        self.db = db
        self.window_ = window
        self.pages = LazyTabs(PAGES, self._make_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.pages.build_current()

    def _make_page(self, cls: type) -> QWidget:
        page = cls(self.db, self.window_)
        self.window_.data_changed.connect(page.refresh)
        return page

    def page(self, title: str) -> QWidget:
        """The sub-page with this tab title, built on first request (tests, cross-links)."""
        return self.pages.page(title)
