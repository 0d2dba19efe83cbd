"""``tdkt-desktop campaigns [--year Y] [--json]`` and the campaign report behind ``print campaign-report``.

Both only read: the file is opened read-only and never migrated or created.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json

from tdkt_desktop.errors import UserError

REVIEW_CHOICES = {"so-ket": "so_ket", "tong-ket": "tong_ket"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``campaigns`` command."""
    p = sub.add_parser("campaigns", help="liệt kê các phong trào thi đua (trạng thái, số đăng ký, số khen thưởng)")
    p.add_argument("--year", type=int, default=None, help="chỉ các phong trào diễn ra trong năm này")
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(func=run)


def campaign_rows(db, year: int | None, today: dt.date) -> list[dict]:
    """One JSON object per campaign, newest first (the keys the issue fixes, plus Vietnamese labels)."""
    from tdkt_desktop.db.campaigns import list_campaigns
    from tdkt_desktop.text import format_date
    from tdkt_desktop.vocabulary import CAMPAIGN_KINDS, CAMPAIGN_STATUSES

    rows = []
    for c in list_campaigns(db, year=year):
        status = c.status(today)
        rows.append({
            "name": c.name, "kind": c.kind, "start": format_date(c.starts_on), "end": format_date(c.ends_on),
            "status": status, "registrations": c.registrations, "awards": c.awards,
            "kind_name": CAMPAIGN_KINDS[c.kind], "status_name": CAMPAIGN_STATUSES[status],
            "overdue": c.overdue(today),
        })
    return rows


def run(args: argparse.Namespace) -> int:
    """Print every campaign (or those active in ``--year``)."""
    from tdkt_desktop.commands.opening import reading

    if args.year is not None and not 1945 <= args.year <= 2100:
        raise UserError(f"Năm “{args.year}” không hợp lệ.")
    with reading(args) as db:
        rows = campaign_rows(db, args.year, dt.date.today())
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    scope = f" trong năm {args.year}" if args.year else ""
    print(f"{len(rows)} phong trào thi đua{scope}.")
    for r in rows:
        flag = " — QUÁ HẠN TỔNG KẾT" if r["overdue"] else ""
        print(f"- {r['name']}\n    {r['kind_name']}, {r['start']} – {r['end']}, {r['status_name']}{flag}; "
              f"{r['registrations']} đăng ký, {r['awards']} lượt khen thưởng")
    return 0


def print_campaign_report(args: argparse.Namespace) -> str:
    """Write the báo cáo sơ kết/tổng kết of the campaign ``args.campaign`` to ``args.output``; returns its subject.

    Raises:
        UserError: unknown or ambiguous name, no recorded review of that kind; no file is written.
    """
    from tdkt_desktop.commands.opening import reading
    from tdkt_desktop.reports.campaign_review import render_review
    from tdkt_desktop.services.campaign_documents import choose_review, review_report_for
    from tdkt_desktop.services.campaigns import find_one_campaign
    from tdkt_desktop.services.printing import write_atomically

    with reading(args) as db:
        campaign = find_one_campaign(db, args.campaign)
        kind = REVIEW_CHOICES.get(args.review) if args.review else None
        text = review_report_for(db, choose_review(db, campaign.id, kind))
        pdf = render_review(text)
    write_atomically(args.output, pdf)
    return text.subject
