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
    """Composes the sub-pages; each is imported and built when first shown or asked for.

    Seven pages (eligibility engine, council, Excel ...) cost a quarter of a second to import and
    build; deferring them keeps the window start close to a bare window's.
    """

    def __init__(self, db: Database, window):
        super().__init__()
        self.db = db
        self.window_ = window
        self.pages = QTabWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)
        self._specs = {title: (module, cls) for module, cls, title in PAGES}
        self._built: dict[str, QWidget] = {}
        self._swapping = False
        for _module, _cls, title in PAGES:
            self.pages.addTab(QWidget(), title)  # placeholder until the page is first needed
        if not PAGES:
            self.pages.addTab(QLabel("Sổ khen thưởng chưa được xây dựng trong phiên bản này."), "Sổ khen thưởng")
        self.pages.currentChanged.connect(self._build_current)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._build_current()

    def _build_current(self, *_args) -> None:
        if self._swapping or not self.isVisible():
            return
        title = self.pages.tabText(self.pages.currentIndex())
        if title in self._specs:
            self.page(title)

    def page(self, title: str) -> QWidget:
        """The sub-page with this tab title, built on first request (tests, cross-links)."""
        if title in self._built:
            return self._built[title]
        if title not in self._specs:
            raise KeyError(title)
        index = next(i for i in range(self.pages.count()) if self.pages.tabText(i) == title)
        module, cls = self._specs[title]
        page = getattr(importlib.import_module(module), cls)(self.db, self.window_)
        self._built[title] = page
        self._swapping = True  # removing the current tab would re-enter _build_current
        try:
            current = self.pages.currentIndex()
            placeholder = self.pages.widget(index)
            self.pages.removeTab(index)
            self.pages.insertTab(index, page, title)
            self.pages.setCurrentIndex(current)
            placeholder.deleteLater()
        finally:
            self._swapping = False
        self.window_.data_changed.connect(page.refresh)
        return page
