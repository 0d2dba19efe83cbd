"""Sơ kết / tổng kết of a campaign: planned, then recorded with each participant's result; and the reminders."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlite_utils import Database

from tdkt_desktop.db import audit
from tdkt_desktop.db.campaign_records import CampaignReview, Reminder, ReviewResult
from tdkt_desktop.db.campaigns import get_campaign
from tdkt_desktop.db.catalog import list_award_types
from tdkt_desktop.errors import NotFoundError, ValidationError
from tdkt_desktop.text import format_date, iso, nfc
from tdkt_desktop.vocabulary import AWARD_TARGETS, REVIEW_KINDS, REVIEW_RESULTS

_SELECT = """
SELECT v.*, (SELECT count(*) FROM review_results x WHERE x.review_id = v.id) AS n_results,
       coalesce(d.number, '') AS decision_number
FROM campaign_reviews v LEFT JOIN decisions d ON d.id = v.decision_id
"""

_RESULTS = """
SELECT x.*, coalesce(s.full_name, u.name, '') AS name, coalesce(s.code, '') AS code,
       coalesce(su.name, u.name, '') AS unit_name, coalesce(t.name, '') AS award_name
FROM review_results x
LEFT JOIN staff s ON s.id = x.staff_id
LEFT JOIN units su ON su.id = s.unit_id
LEFT JOIN units u ON u.id = x.unit_id
LEFT JOIN award_types t ON t.code = x.award_type
"""


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _review(row: dict) -> CampaignReview:
    return CampaignReview(
        id=row["id"], campaign_id=row["campaign_id"], kind=row["kind"], planned_on=_date(row["planned_on"]),
        held_on=_date(row["held_on"]), title=row["title"], summary=row["summary"],
        shortcomings=row["shortcomings"], directions=row["directions"], decision_id=row["decision_id"],
        results=row["n_results"], decision_number=row["decision_number"],
    )


def _result(row: dict) -> ReviewResult:
    return ReviewResult(
        id=row["id"], review_id=row["review_id"], staff_id=row["staff_id"], unit_id=row["unit_id"],
        result=row["result"], rank=row["rank"], award_type=row["award_type"], note=row["note"],
        position=row["position"], name=row["name"], code=row["code"], unit_name=row["unit_name"],
        award_name=row["award_name"],
    )


# --- reading ------------------------------------------------------------------------------------


def list_reviews(db: Database, campaign_id: int) -> list[CampaignReview]:
    """The campaign's reviews in date order (held date, else planned date)."""
    sql = _SELECT + " WHERE v.campaign_id = ? ORDER BY coalesce(v.held_on, v.planned_on), v.id"
    return [_review(r) for r in db.query(sql, [campaign_id])]


def get_review(db: Database, review_id: int) -> CampaignReview:
    """One review.

    Raises:
        NotFoundError: no such review.
    """
    rows = list(db.query(_SELECT + " WHERE v.id = ?", [review_id]))
    if not rows:
        raise NotFoundError(f"Không tìm thấy đợt sơ kết/tổng kết có mã số nội bộ {review_id}.")
    return _review(rows[0])


def results_of(db: Database, review_id: int) -> list[ReviewResult]:
    """Participants' results in list order (collectives were put first when recorded)."""
    sql = _RESULTS + " WHERE x.review_id = ? ORDER BY x.position, x.id"
    return [_result(r) for r in db.query(sql, [review_id])]


def latest_held(db: Database, campaign_id: int, kind: str | None = None) -> CampaignReview | None:
    """The last recorded review (of ``kind`` if given), or None."""
    held = [r for r in list_reviews(db, campaign_id) if r.held and (kind is None or r.kind == kind)]
    return held[-1] if held else None


def default_results(db: Database, campaign_id: int, year: int) -> list[ReviewResult]:
    """Who a new review starts with: the participating units, then everyone registered that year."""
    from tdkt_desktop.db.campaigns import campaign_units
    from tdkt_desktop.db.registrations import list_registrations

    out = [ReviewResult(None, None, unit_id=u.id, name=u.name, unit_name=u.name)
           for u in campaign_units(db, campaign_id)]
    seen = {("u", r.unit_id) for r in out}
    for reg in list_registrations(db, campaign_id=campaign_id, year=year):
        key = ("s", reg.staff_id) if reg.staff_id is not None else ("u", reg.unit_id)
        if key not in seen:
            seen.add(key)
            out.append(ReviewResult(None, None, staff_id=reg.staff_id, unit_id=reg.unit_id, name=reg.name,
                                    code=reg.code, unit_name=reg.unit_name))
    return out


# --- checking -----------------------------------------------------------------------------------


def validate_review(db: Database, review: CampaignReview, *, today: dt.date | None = None) -> dict[str, str]:
    """Field → message: kind, dates inside or after the period, one tổng kết, sơ kết before tổng kết."""
    today = today or dt.date.today()
    campaign = get_campaign(db, review.campaign_id)
    errors: dict[str, str] = {}
    label = REVIEW_KINDS.get(review.kind)
    if label is None:
        return {"kind": f"Loại đợt “{review.kind}” không hợp lệ (sơ kết hoặc tổng kết)."}
    day = review.held_on or review.planned_on
    if day is None:
        errors["held_on"] = f"Hãy nhập ngày {label.lower()}."
    elif campaign.starts_on and day < campaign.starts_on:
        errors["held_on"] = (
            f"Ngày {label.lower()} ({format_date(day)}) trước ngày bắt đầu phong trào "
            f"({format_date(campaign.starts_on)})."
        )
    elif review.held_on is not None and review.held_on > today:
        errors["held_on"] = (
            f"Ngày {label.lower()} {format_date(review.held_on)} chưa đến; hãy lên lịch thay vì ghi kết quả."
        )
    elif not 1945 <= day.year <= today.year + 10:
        errors["held_on"] = f"Ngày {label.lower()} {format_date(day)} không hợp lệ."
    others = [r for r in list_reviews(db, review.campaign_id) if r.id != review.id]
    final = next((r for r in others if r.kind == "tong_ket"), None)
    if review.kind == "tong_ket" and final is not None:
        errors["kind"] = f"Phong trào “{campaign.name}” đã có đợt tổng kết (ngày {format_date(final.day)})."
    if day is not None and "held_on" not in errors:
        if review.kind == "so_ket" and final is not None and final.day and day > final.day:
            errors["held_on"] = f"Sơ kết ngày {format_date(day)} sau đợt tổng kết ngày {format_date(final.day)}."
        later = [r for r in others if r.kind == "so_ket" and r.day and r.day > day]
        if review.kind == "tong_ket" and later:
            errors["held_on"] = f"Tổng kết ngày {format_date(day)} trước đợt sơ kết ngày {format_date(later[0].day)}."
    return errors


def validate_results(db: Database, results: list[ReviewResult]) -> dict[str, str]:
    """Messages keyed "result_<i>": unknown subject, result code, rank, proposed award, duplicates."""
    types = {t.code: t for t in list_award_types(db, active_only=False)}
    errors: dict[str, str] = {}
    seen: dict[tuple, int] = {}
    for i, r in enumerate(results):
        line, key = f"Dòng {i + 1}", f"result_{i}"
        if (r.staff_id is None) == (r.unit_id is None):
            errors[key] = f"{line}: phải là một cá nhân hoặc một tập thể."
            continue
        subject = ("staff", r.staff_id) if r.staff_id is not None else ("units", r.unit_id)
        if not db[subject[0]].count_where("id = ?", [subject[1]]):
            errors[key] = f"{line}: {r.name or 'người/tập thể'} không có trong cơ sở dữ liệu."
        elif subject in seen:
            errors[key] = f"{line}: {r.name} đã có ở dòng {seen[subject] + 1}."
        elif r.result not in ("", *REVIEW_RESULTS):
            errors[key] = f"{line}: kết quả “{r.result}” không hợp lệ."
        elif r.rank is not None and r.rank < 1:
            errors[key] = f"{line}: thứ hạng phải là số từ 1 trở lên."
        elif r.award_type:
            t = types.get(r.award_type)
            target = "ca_nhan" if r.staff_id is not None else "tap_the"
            if t is None:
                errors[key] = f"{line}: không có hình thức “{r.award_type}” trong danh mục."
            elif t.target != target:
                errors[key] = (f"{line}: “{t.name}” dành cho {AWARD_TARGETS[t.target].lower()}, "
                               f"không đề nghị cho {r.name or AWARD_TARGETS[target].lower()}.")
        seen.setdefault(subject, i)
    return errors


# --- writing ------------------------------------------------------------------------------------


def _review_row(r: CampaignReview) -> dict:
    return {
        "campaign_id": r.campaign_id, "kind": r.kind, "planned_on": iso(r.planned_on), "held_on": iso(r.held_on),
        "title": nfc(r.title), "summary": nfc(r.summary), "shortcomings": nfc(r.shortcomings),
        "directions": nfc(r.directions), "decision_id": r.decision_id,
    }


def plan_review(db: Database, campaign_id: int, kind: str, planned_on: dt.date, title: str = "",
                *, today: dt.date | None = None) -> int:
    """Put a sơ kết / tổng kết in the calendar (it shows in the reminders as it comes near).

    Raises:
        ValidationError: date before the start, a second tổng kết, wrong order; nothing is written.
    """
    review = CampaignReview(None, campaign_id, kind, planned_on=planned_on, title=title)
    errors = validate_review(db, review, today=today)
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        review_id = int(db["campaign_reviews"].insert(_review_row(review)).last_pk)
        audit.record(db, "them", "campaign_reviews", review_id,
                     f"lên lịch {REVIEW_KINDS[kind].lower()} ngày {format_date(planned_on)}")
    return review_id


def record_review(db: Database, review: CampaignReview, results: list[ReviewResult],
                  *, today: dt.date | None = None) -> int:
    """Record a review as held (new, or one that was planned) with exactly these results, in list order.

    Raises:
        ValidationError: no date, date in the future or before the start, bad results; nothing is written.
    """
    if review.held_on is None:
        raise ValidationError({"held_on": f"Hãy nhập ngày {REVIEW_KINDS.get(review.kind, 'họp').lower()}."})
    errors = validate_review(db, review, today=today)
    errors.update(validate_results(db, results))
    if errors:
        raise ValidationError(errors)
    row = _review_row(review)
    with db.atomic():
        if review.id is None:
            review_id = int(db["campaign_reviews"].insert(row).last_pk)
        else:
            review_id = review.id
            before = get_review(db, review_id)
            row["decision_id"] = before.decision_id  # set only by the reward use case
            db["campaign_reviews"].update(review_id, row)
        db.execute("DELETE FROM review_results WHERE review_id = ?", [review_id])
        db["review_results"].insert_all(
            {"review_id": review_id, "staff_id": r.staff_id, "unit_id": r.unit_id, "result": r.result,
             "rank": r.rank, "award_type": r.award_type or None, "note": nfc(r.note), "position": i}
            for i, r in enumerate(results, start=1)
        )
        audit.record(db, "ghi_ket_qua", "campaign_reviews", review_id,
                     f"{REVIEW_KINDS[review.kind]} ngày {format_date(review.held_on)}: {len(results)} kết quả")
    return review_id


def set_review_decision(db: Database, review_id: int, decision_id: int) -> None:
    """Remember the reward decision made from this review."""
    with db.atomic():
        db["campaign_reviews"].update(review_id, {"decision_id": decision_id})
        audit.record(db, "sua", "campaign_reviews", review_id, f"quyết định khen thưởng #{decision_id}")


def delete_review(db: Database, review_id: int) -> None:
    """Delete a planned or recorded review with its results.

    Raises:
        ValidationError: a reward decision was made from it.
    """
    review = get_review(db, review_id)
    if review.decision_id is not None:
        raise ValidationError({"review": (
            f"Đợt {REVIEW_KINDS[review.kind].lower()} ngày {format_date(review.day)} đã có Quyết định khen thưởng "
            f"số {review.decision_number}; không xóa được."
        )})
    with db.atomic():
        db.execute("DELETE FROM review_results WHERE review_id = ?", [review_id])
        db.execute("DELETE FROM campaign_reviews WHERE id = ?", [review_id])
        audit.record(db, "xoa", "campaign_reviews", review_id,
                     f"{REVIEW_KINDS[review.kind]} ngày {format_date(review.day)} ({review.results} kết quả)")


# --- reminders ----------------------------------------------------------------------------------


def reminders(db: Database, today: dt.date, *, horizon_days: int = 30) -> list[Reminder]:
    """What needs doing on the tab: reviews due soon or late, periods over without a tổng kết,
    registrations of a finished year or campaign still without a result. Closed campaigns are quiet.
    """
    out: list[Reminder] = []
    horizon = today + dt.timedelta(days=horizon_days)
    for r in db.query(
        "SELECT v.kind, v.planned_on, c.id, c.name FROM campaign_reviews v JOIN campaigns c ON c.id = v.campaign_id "
        "WHERE v.held_on IS NULL AND c.closed_on IS NULL AND v.planned_on <= ? ORDER BY v.planned_on",
        [iso(horizon)],
    ):
        day = _date(r["planned_on"])
        out.append(Reminder("review_due" if day >= today else "review_late", r["id"], r["name"], day, r["kind"]))
    for r in db.query(
        "SELECT c.id, c.name, c.ends_on FROM campaigns c WHERE c.closed_on IS NULL AND c.ends_on < ? "
        "AND NOT EXISTS (SELECT 1 FROM campaign_reviews v WHERE v.campaign_id = c.id AND v.kind = 'tong_ket' "
        "AND v.held_on IS NOT NULL) ORDER BY c.ends_on", [iso(today)],
    ):
        out.append(Reminder("overdue", r["id"], r["name"], _date(r["ends_on"])))
    for r in db.query(_UNRESOLVED, [today.year]):
        out.append(Reminder("unresolved", r["id"], r["name"], count=r["n"]))
    return out


# No award of the registered type and year, no "không đạt" mark, and the year or the campaign is over.
_UNRESOLVED = """
SELECT c.id, c.name, count(*) AS n FROM registrations r JOIN campaigns c ON c.id = r.campaign_id
WHERE c.closed_on IS NULL AND r.outcome = ''
  AND (r.year < ? OR EXISTS (SELECT 1 FROM campaign_reviews v WHERE v.campaign_id = c.id
                             AND v.kind = 'tong_ket' AND v.held_on IS NOT NULL))
  AND NOT EXISTS (SELECT 1 FROM awards a WHERE a.staff_id = r.staff_id AND a.award_type = r.award_type
                  AND a.year = r.year)
  AND NOT EXISTS (SELECT 1 FROM awards a WHERE a.unit_id = r.unit_id AND a.award_type = r.award_type
                  AND a.year = r.year)
GROUP BY c.id ORDER BY c.starts_on DESC
"""


def with_rank_order(results: list[ReviewResult]) -> list[ReviewResult]:
    """Collectives first, then people; each by rank (unranked last), keeping the given order otherwise."""
    indexed = list(enumerate(results))
    indexed.sort(key=lambda p: (p[1].staff_id is not None, p[1].rank is None, p[1].rank or 0, p[0]))
    return [dataclasses.replace(r, position=i) for i, (_, r) in enumerate(indexed, start=1)]
