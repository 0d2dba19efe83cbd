"""Campaign actions shared by the list and the campaign page: edit, close, and the three documents."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from PySide6.QtWidgets import QInputDialog, QMessageBox

from tdkt_desktop.db import campaigns as campaigns_db
from tdkt_desktop.db import settings as settings_db
from tdkt_desktop.db import units as units_db
from tdkt_desktop.text import DateError, format_date, parse_date
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.changes import WriteFailed
from tdkt_desktop.ui.common.file_names import slug
from tdkt_desktop.ui.common.widgets import write_from_dialog


def edit_campaign(parent: Any, db, window, campaign_id: int | None) -> int | None:
    """Add (``campaign_id`` None) or edit a campaign; the dialog re-opens with what was typed until saved.

    Returns:
        The campaign's id once saved, or None when cancelled.
    """
    from tdkt_desktop.ui.campaigns.campaign_dialog import CampaignDialog

    office = settings_db.get_settings(db).office_name
    units = units_db.list_units(db)
    if campaign_id is None:
        dialog = CampaignDialog(units, office, parent)
    else:
        campaign = campaigns_db.get_campaign(db, campaign_id)
        dialog = CampaignDialog(units, office, parent, campaign=campaign,
                                criteria=[c.text for c in campaigns_db.list_criteria(db, campaign_id)],
                                unit_ids={u.id for u in campaigns_db.campaign_units(db, campaign_id)})
    try:
        return write_from_dialog(window, dialog, lambda value: campaigns_db.save_campaign(
            db, value[0], criteria=value[1], unit_ids=value[2]), changes.CAMPAIGNS)
    finally:
        # Deleted now, not with the window: PySide 6.12 crashed at exit tearing down this closed dialog.
        dialog.deleteLater()


def toggle_closed(parent: Any, db, window, campaign) -> None:
    """Close the campaign on a date the officer confirms (today by default), or reopen it."""
    if campaign.closed_on is not None:
        with contextlib.suppress(WriteFailed):
            window.run_write(lambda: campaigns_db.reopen_campaign(db, campaign.id), changes.CAMPAIGNS)
        return
    text, ok = QInputDialog.getText(parent, "Kết thúc phong trào",
                                    f"Ngày kết thúc phong trào “{campaign.name}” (dd/mm/yyyy):",
                                    text=format_date(dt.date.today()))
    if not ok:
        return
    try:
        day = parse_date(text, field="Ngày kết thúc")
    except DateError as exc:
        QMessageBox.warning(parent, "Không lưu được", str(exc))
        return
    if day is None:
        QMessageBox.warning(parent, "Không lưu được", "Hãy nhập ngày kết thúc phong trào.")
        return
    with contextlib.suppress(WriteFailed):
        window.run_write(lambda: campaigns_db.close_campaign(db, campaign.id, day), changes.CAMPAIGNS)


def preview_plan(window, campaign_id: int):
    """Kế hoạch phát động (skeleton) in the print preview."""
    from tdkt_desktop.reports.campaign_plan import render_plan
    from tdkt_desktop.services.campaign_documents import plan_for
    from tdkt_desktop.ui.printing.actions import _build, show_preview

    name = campaigns_db.get_campaign(window.db, campaign_id).name
    pdf = _build(window, lambda: render_plan(plan_for(window.db, campaign_id)))
    return None if pdf is None else show_preview(window, pdf, "Kế hoạch phát động phong trào thi đua",
                                                 f"ke-hoach-{slug(name)[:60]}.pdf")


def preview_registration_summary(window, campaign_id: int, year: int):
    """Tổng hợp đăng ký thi đua of a campaign year."""
    from tdkt_desktop.reports.campaign_registrations import render_summary
    from tdkt_desktop.services.campaign_documents import registration_summary_for
    from tdkt_desktop.ui.printing.actions import _build, show_preview

    pdf = _build(window, lambda: render_summary(registration_summary_for(window.db, campaign_id, year)))
    return None if pdf is None else show_preview(window, pdf, f"Tổng hợp đăng ký thi đua năm {year}",
                                                 f"tong-hop-dang-ky-thi-dua-{year}.pdf")


def preview_review_report(window, review_id: int):
    """Báo cáo sơ kết / tổng kết of a recorded review."""
    from tdkt_desktop.reports.campaign_review import render_review
    from tdkt_desktop.services.campaign_documents import review_report_for
    from tdkt_desktop.ui.printing.actions import _build, show_preview

    holder: dict[str, str] = {}

    def build() -> bytes:
        text = review_report_for(window.db, review_id)
        holder["subject"] = text.subject
        return render_review(text)

    pdf = _build(window, build)
    return None if pdf is None else show_preview(window, pdf, holder["subject"],
                                                 f"bao-cao-{slug(holder['subject'])[:60]}.pdf")
