"""Tab "Phong trào thi đua" (campaigns): not built yet; the page says so plainly."""

from __future__ import annotations

from tdkt_desktop.ui.common.pending_tab import PendingTab


class CampaignsTab(PendingTab):
    """Placeholder page until the campaigns feature lands (launch → review)."""

    TEXT = (
        "Phong trào thi đua (phát động, đăng ký, sơ kết, tổng kết) sẽ có ở phiên bản sau.\n"
        "Hiện chưa có dữ liệu phong trào nào được quản lý ở đây."
    )
