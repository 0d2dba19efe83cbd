"""Texts of the Bình xét page built from a row and the year's verdicts: the reasons panel and the quota meter."""

from __future__ import annotations

import html
import math

from tdkt_desktop.rules.model import Verdict
from tdkt_desktop.rules.ruleset import frac, percent
from tdkt_desktop.services.review_state import YearState
from tdkt_desktop.ui.review.rows import ReviewRow
from tdkt_desktop.vocabulary import RATING_NAMES, VERDICT_STATUSES

_COLOURS = {"du": "#1b5e20", "can_hoi_dong": "#8a6d00", "da_quyet_dinh": "#37474f", "loai_tru": "#b00020"}
EMPTY = "<p>Chọn một người hoặc tập thể để xem lý do.</p>"


def reasons_html(row: ReviewRow, state: YearState, chosen: str | None) -> str:
    """Every verdict of the row's person or unit with its reasons, the award under review first.

    A row being evaluated again says so instead of showing reasons that may no longer hold.
    """
    rating = RATING_NAMES.get(row.rating, "chưa có")
    where = html.escape(row.unit_name) if row.subject == "ca_nhan" else "Tập thể"
    head = f"<h3>{html.escape(row.name)}</h3><p>{where} — xếp loại năm {state.year}: {rating}</p>"
    if row.pending:
        what = "của các thành viên đơn vị" if row.subject == "tap_the" else ""
        return head + f"<p><i>Đang xét điều kiện khen thưởng {what}… Kết quả hiện ra ngay khi xét xong.</i></p>"
    if row.subject == "tap_the":
        verdicts: list[Verdict] = [v for v in state.result.unit_verdicts if v.subject_id == row.id]
    else:
        verdicts = list(state.result.person_verdicts.get(row.id, {}).values())
    verdicts.sort(key=lambda v: v.award != chosen)
    parts = [head]
    for v in verdicts:
        who = f" <span style='color:#666'>({html.escape(v.authority)} quyết định)</span>" if v.authority else ""
        items = "".join(f"<li>{html.escape(reason)}</li>" for reason in v.reasons)
        parts.append(f"<p><b style='color:{_COLOURS.get(v.status, '#555555')}'>{html.escape(v.award_name)}: "
                     f"{VERDICT_STATUSES[v.status]}</b>{who}</p><ul>{items}</ul>")
    return "".join(parts)


def counts(rows: list[ReviewRow]) -> dict[str, int]:
    """Proposals, eligible and not yet decided, decided (counted apart), all rows, rows still being judged."""
    decided = proposed = eligible = pending = 0
    for r in rows:
        if r.pending:
            pending += 1
        if r.decided:
            decided += 1
        elif r.proposal:
            proposed += 1
        if r.proposable:
            eligible += 1
    return {"proposed": proposed, "eligible": eligible, "decided": decided, "total": len(rows), "pending": pending}


def meter(n: dict[str, int], state: YearState | None, code: str | None, quota_base) -> tuple[str, int, bool]:
    """(text, limit, over the quota) for the meter under the table; ``quota_base(of)`` counts the quota's base."""
    text = (f"Đề nghị: {n['proposed']} · Đủ điều kiện: {n['eligible']} · Đã có QĐ: {n['decided']} "
            f"· Tổng: {n['total']}")
    if n["pending"]:
        text += f" · Đang xét: {n['pending']}"
    limit, over = n["eligible"] or 1, False
    params = state.ruleset.award(code) if state and code else None
    quota = params.get("quota") if params else None
    if quota and state.complete:
        of = quota["of"]
        base = quota_base(of) or sum(1 for v in state.result.all_verdicts()
                                     if v.award == of and v.eligible and not v.decided)
        limit = math.floor(frac(quota["share"]) * base)
        over = n["proposed"] > limit
        text += f" · Hạn mức {percent(quota['share'])} của {base} {state.ruleset.award_name(of)} = {limit}"
    return text, limit, over
