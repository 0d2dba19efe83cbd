"""Tab "Khối thi đua" (emulation bloc): not built yet; the page says so plainly."""

from __future__ import annotations

from tdkt_desktop.ui.common.pending_tab import PendingTab


class BlocsTab(PendingTab):
    """Placeholder page until the bloc feature lands (members, roles, pacts, meetings, votes)."""

    TEXT = (
        "Khối thi đua (thành viên, khối trưởng/khối phó, giao ước, họp, chấm điểm, bỏ phiếu) "
        "sẽ có ở phiên bản sau.\nHiện chưa có dữ liệu khối thi đua nào được quản lý ở đây."
    )
