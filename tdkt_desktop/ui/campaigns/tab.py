"""Tab "Phong trào thi đua": the campaign list with its reminders, and one campaign's page, stacked."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget
from sqlite_utils import Database


class CampaignsTab(QWidget):
    """Thin composer: the list page is built when the tab is first shown, a campaign's page when one is
    first opened; so the window starts as fast as without the tab (nothing imported, nothing read).
    """

    def __init__(self, db: Database, window):
        super().__init__()
        self.db, self.window_ = db, window
        self.stack = QStackedWidget()
        self._list = None
        self._page = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.stack)
        window.data_changed.connect(self.refresh)

    def showEvent(self, event) -> None:
        self._ensure_list()  # built now, it loads itself as it is shown (LazyPage)
        super().showEvent(event)

    def _ensure_list(self) -> None:
        if self._list is None:
            from tdkt_desktop.ui.campaigns.list_page import CampaignListPage

            self._list = CampaignListPage(self.db, self.window_, self)
            self.stack.insertWidget(0, self._list)
            self.stack.setCurrentWidget(self._list)

    @property
    def list_page(self):
        """The campaign list, built on first use."""
        self._ensure_list()
        return self._list

    @property
    def page(self):
        """The campaign page, built (and its modules imported) on first use."""
        if self._page is None:
            from tdkt_desktop.ui.campaigns.campaign_page import CampaignPage

            self._page = CampaignPage(self.db, self.window_, self)
            self.stack.addWidget(self._page)
        return self._page

    def open_campaign(self, campaign_id: int, panel: str | None = None) -> None:
        """Show one campaign's page (optionally on a given sub-page title)."""
        self._ensure_list()  # behind the page, for the way back
        self.window_.tabs.setCurrentWidget(self)
        page = self.page
        page.set_campaign(campaign_id)
        self.stack.setCurrentWidget(page)
        if panel:
            page.show_panel(panel)

    def show_list(self) -> None:
        """Back to the list, the opened campaign selected."""
        keep = self._page.campaign_id if self._page is not None else None
        self.stack.setCurrentWidget(self.list_page)
        if keep is not None:
            self.list_page.select_campaign(keep)

    def screenshot_views(self) -> list:
        """(title, show) for the ``screenshots`` command: the first campaign's page, each sub-page, then back."""
        from tdkt_desktop.ui.campaigns.campaign_page import PANELS

        first = self.list_page.model.records()[:1]
        if not first:
            return []
        campaign_id = first[0].id
        views = [(f"phong trào – {title}", lambda t=title: self.open_campaign(campaign_id, t)) for _c, title in PANELS]
        return [*views, ("danh sách phong trào", self.show_list)]

    def refresh(self, changed: frozenset[str] = frozenset({"all"})) -> None:
        """After a write: each built page reloads now if seen, else when next shown (LazyPage)."""
        if self._list is not None:
            self._list.refresh(changed)
        if self._page is not None:
            self._page.refresh(changed)
