"""Read what a campaign document needs from the database and hand it to the pure text builders."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from tdkt_desktop.db import campaign_reviews as reviews_db
from tdkt_desktop.db import campaigns as campaigns_db
from tdkt_desktop.db import catalog
from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db import registrations as registrations_db
from tdkt_desktop.db.settings import get_settings
from tdkt_desktop.errors import UserError
from tdkt_desktop.reports.campaign_plan import PlanText, plan_text
from tdkt_desktop.reports.campaign_registrations import RegistrationSummaryText, summary_text
from tdkt_desktop.reports.campaign_review import ReviewReportText, review_text
from tdkt_desktop.vocabulary import REVIEW_KINDS


def plan_for(db: Database, campaign_id: int) -> PlanText:
    """The Kế hoạch phát động skeleton of a campaign."""
    campaign = campaigns_db.get_campaign(db, campaign_id)
    reviews = reviews_db.list_reviews(db, campaign_id)
    # Registration is due a month after the start unless the office writes otherwise.
    deadline = campaign.starts_on + dt.timedelta(days=30) if campaign.kind != "chuyen_de" else None
    return plan_text(campaign, campaigns_db.list_criteria(db, campaign_id),
                     campaigns_db.campaign_units(db, campaign_id), reviews, get_settings(db), deadline=deadline)


def registration_summary_for(db: Database, campaign_id: int, year: int,
                             today: dt.date | None = None) -> RegistrationSummaryText:
    """Tổng hợp đăng ký thi đua of one campaign year.

    Raises:
        UserError: the year is outside the campaign's period.
    """
    campaign = campaigns_db.get_campaign(db, campaign_id)
    if year not in campaign.years:
        raise UserError(f"Năm {year} nằm ngoài thời gian của phong trào “{campaign.name}” ({campaign.period_text()}).")
    names = {t.code: t.short_name or t.name for t in catalog.list_award_types(db, active_only=False)}
    registrations = registrations_db.list_registrations(db, campaign_id=campaign_id, year=year)
    positions = {r["id"]: r["position"] for r in db["staff"].rows_where(select="id, position")}
    return summary_text(campaign, year, registrations_db.summary_by_unit(db, campaign_id, year), registrations,
                        names, positions, get_settings(db), today=today or dt.date.today())


def review_report_for(db: Database, review_id: int, today: dt.date | None = None) -> ReviewReportText:
    """Báo cáo sơ kết / tổng kết of a recorded review.

    Raises:
        UserError: the review is only planned (nothing to report yet).
    """
    review = reviews_db.get_review(db, review_id)
    if not review.held:
        raise UserError(f"Đợt {REVIEW_KINDS[review.kind].lower()} này mới lên lịch, chưa ghi kết quả để báo cáo.")
    campaign = campaigns_db.get_campaign(db, review.campaign_id)
    results = reviews_db.with_rank_order(reviews_db.results_of(db, review_id))
    awards = [a for d in campaigns_db.campaign_decisions(db, campaign.id) if d.issued_on <= _limit(review)
              for a in decisions_db.awards_of_decision(db, d.id)]
    regs = registrations_db.list_registrations(db, campaign_id=campaign.id)
    counts = (sum(r.staff_id is not None for r in regs), sum(r.unit_id is not None for r in regs))
    criteria = campaigns_db.list_criteria(db, campaign.id)
    return review_text(campaign, review, results, awards, counts, campaign.units, get_settings(db),
                       criteria=(sum(c.done for c in criteria), len(criteria)), today=today)


def _limit(review) -> dt.date:
    """A tổng kết reports every award of the campaign; a sơ kết those made up to its date."""
    return dt.date.max if review.kind == "tong_ket" else review.held_on


def choose_review(db: Database, campaign_id: int, kind: str | None) -> int:
    """The review a report is about: the latest recorded one of ``kind`` (default: tổng kết, else sơ kết).

    Raises:
        UserError: the campaign has no recorded review of that kind.
    """
    campaign = campaigns_db.get_campaign(db, campaign_id)
    review = (reviews_db.latest_held(db, campaign_id, kind) if kind
              else reviews_db.latest_held(db, campaign_id, "tong_ket") or reviews_db.latest_held(db, campaign_id))
    if review is None:
        what = REVIEW_KINDS[kind].lower() if kind else "sơ kết hay tổng kết"
        raise UserError(f"Phong trào “{campaign.name}” chưa có đợt {what} nào được ghi kết quả.")
    return review.id
