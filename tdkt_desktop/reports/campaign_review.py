"""Báo cáo sơ kết / tổng kết phong trào thi đua (DOMAIN §8.5): situation, results with each participant's
ranking, shortcomings, directions, proposals; the results table and the award list as annexes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from tdkt_desktop.reports import base, blocks
from tdkt_desktop.reports.campaign_plan import Section, campaign_texts, section_flowables
from tdkt_desktop.reports.decision import count_phrase
from tdkt_desktop.text import fold, format_date, nfc
from tdkt_desktop.vocabulary import REVIEW_RESULTS


@dataclass(frozen=True)
class ReviewReportText:
    """Everything the report prints, as plain text; counts are computed from the rows."""

    letterhead: base.Letterhead
    kind_name: str  # "Sơ kết" | "Tổng kết"
    subject: str
    sections: tuple[Section, ...]
    results_header: tuple[str, ...]
    results: tuple[tuple[str, ...], ...]
    awards_title: str
    awards: tuple[tuple[str, ...], ...]
    signer: base.Signer
    recipients: tuple[str, ...]


def _or_blank(text: str) -> tuple[str, ...]:
    lines = [line.strip() for line in nfc(text).splitlines() if line.strip()]
    return tuple(lines) or (campaign_texts()["report"]["blank"],) * 2


def _title_rest(title: str, kind_name: str) -> str:
    """'Sơ kết 6 tháng đầu năm 2025' → '6 tháng đầu năm 2025' (the subject already says "Sơ kết")."""
    title = nfc(title)
    if fold(title).startswith(fold(kind_name)):
        title = title[len(kind_name):].strip(" :–-")
    return title


def result_counts(results: list[Any]) -> str:
    """'03 tập thể, cá nhân hoàn thành xuất sắc; 05 hoàn thành tốt' (only the classes that occur)."""
    counts = Counter(r.result for r in results if r.result)
    parts = [f"{base.two_digits(counts[code])} {label.lower()}" for code, label in REVIEW_RESULTS.items()
             if counts[code]]
    return "; ".join(parts)


def review_text(campaign: Any, review: Any, results: list[Any], awards: list[Any], registrations: tuple[int, int],
                units: int, settings: Any, *, criteria: tuple[int, int] = (0, 0),
                today: dt.date | None = None) -> ReviewReportText:
    """The report's texts.

    Args:
        results: the review's ``ReviewResult`` rows in list order.
        awards: ``Award`` lines of the decisions made for the campaign (up to the review date).
        registrations: (people, collectives) registered for the campaign.
        criteria: (met, total) lines of the checklist.
    """
    words = campaign_texts()["report"]
    kind_name = "Tổng kết" if review.kind == "tong_ket" else "Sơ kết"
    office = base.office_plain(settings.office_name)
    period = f"từ ngày {format_date(campaign.starts_on)} đến ngày {format_date(campaign.ends_on)}"
    fill = {"document": campaign.document_text() or "kế hoạch của cơ quan", "office": office,
            "name": nfc(campaign.name), "phrase": nfc(campaign.phrase()), "period": period,
            "units": base.two_digits(units),
            "people": registrations[0], "collectives": registrations[1]}
    situation = [words["situation"].format(**fill)]
    situation.append(words["registrations"].format(**fill) if sum(registrations) else words["no_registrations"])
    if criteria[0]:
        situation.append(f"Đến ngày {format_date(review.held_on)}, đã đạt {criteria[0]}/{criteria[1]} "
                         "tiêu chí, chỉ tiêu thi đua đề ra.")
    outcome = [f"1. Kết quả chung: {p}" if i == 0 else p for i, p in enumerate(_or_blank(review.summary))]
    counted = result_counts(results)
    if results:
        outcome.append(f"2. Kết quả của các tập thể, cá nhân: {len(results)} tập thể, cá nhân được đánh giá"
                       + (f", trong đó {counted}" if counted else "") + " (chi tiết tại Phụ lục 1).")
    given = list(awards)
    numbers = list(dict.fromkeys(a.decision_number for a in given))
    if given:
        units_n = sum(a.staff_id is None for a in given)
        outcome.append(
            f"{3 if results else 2}. Khen thưởng: đã khen thưởng {count_phrase(units_n, len(given) - units_n)} "
            f"(Quyết định số {', '.join(numbers)}; danh sách tại Phụ lục {2 if results else 1})."
        )
    proposed = [r for r in results if r.award_type]
    if proposed and not given:
        units_n = sum(r.staff_id is None for r in proposed)
        names = ", ".join(dict.fromkeys(r.award_name for r in proposed))
        advice = (f"Đề nghị {nfc(settings.signer_title).capitalize()} {office} tặng {names} cho "
                  f"{count_phrase(units_n, len(proposed) - units_n)} có thành tích tiêu biểu (Phụ lục 1, "
                  "cột “Đề nghị khen thưởng”).")
        proposals: tuple[str, ...] = (advice,)
    else:
        proposals = _or_blank("")
    sections = (
        Section("I. ĐẶC ĐIỂM TÌNH HÌNH", tuple(situation)),
        Section("II. KẾT QUẢ THỰC HIỆN", tuple(outcome)),
        Section("III. HẠN CHẾ, NGUYÊN NHÂN", _or_blank(review.shortcomings)),
        Section("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ", _or_blank(review.directions)),
        Section("V. KIẾN NGHỊ, ĐỀ XUẤT", proposals),
    )
    rows = tuple(
        (str(i), nfc(r.name), nfc(r.unit_name) if r.staff_id is not None else "Tập thể",
         REVIEW_RESULTS.get(r.result, ""), str(r.rank or ""), nfc(r.award_name))
        for i, r in enumerate(results, start=1)
    )
    award_rows = tuple(
        (str(i), nfc(a.recipient_name), nfc(a.unit_name) if a.staff_id is not None else "Tập thể",
         nfc(a.award_name), f"{a.decision_number} ngày {format_date(a.decision_date)}")
        for i, a in enumerate(sorted(given, key=lambda a: (a.decision_date, a.staff_id is not None)), start=1)
    )
    subject = f"{kind_name} {nfc(campaign.phrase())}" + (f" ({_title_rest(review.title, kind_name)})"
                                                          if _title_rest(review.title, kind_name) else "")
    return ReviewReportText(
        letterhead=base.Letterhead(settings.governing_body, base.issuer_name(settings.office_name),
                                   f"{base.BLANK_NUMBER}/BC-{settings.document_symbol}", settings.place_name,
                                   today or review.held_on),
        kind_name=kind_name, subject=subject, sections=sections,
        results_header=("STT", "Tập thể / Cá nhân", "Đơn vị", "Kết quả", "Xếp hạng", "Đề nghị khen thưởng"),
        results=rows,
        awards_title="DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG",
        awards=award_rows,
        signer=base.Signer(title=nfc(settings.signer_title).upper(), name=nfc(settings.signer_name)),
        recipients=("Sở Nội vụ (Ban Thi đua - Khen thưởng);", "Các phòng, đơn vị thuộc Sở;", "Lưu: VT, VP."),
    )


def render_review(text: ReviewReportText) -> bytes:
    """The report PDF: body, then Phụ lục 1 (results) and Phụ lục 2 (awards) on new pages."""
    from reportlab.platypus import PageBreak, Spacer

    s = base.styles()
    width = base.frame_width()
    body = section_flowables(text.sections)
    annex: list[Any] = []
    number = 0
    for title, header, rows, fractions in (
        (f"KẾT QUẢ {text.kind_name.upper()} CỦA CÁC TẬP THỂ, CÁ NHÂN", text.results_header, text.results,
         (0.07, 0.25, 0.26, 0.16, 0.08, 0.18)),
        (text.awards_title, ("STT", "Tập thể / Cá nhân", "Đơn vị", "Hình thức", "Quyết định"), text.awards,
         (0.07, 0.27, 0.22, 0.20, 0.24)),
    ):
        if not rows:
            continue
        number += 1
        if annex:
            annex.append(PageBreak())
        annex += [base.para(f"Phụ lục {number}", s["center_bold"]), base.para(title, s["center_bold"]),
                  base.para(f"(Kèm theo báo cáo {text.subject[0].lower()}{text.subject[1:]})", s["note"]),
                  Spacer(1, 4 * base.MM),
                  blocks.data_table(list(header), [list(r) for r in rows], [width * f for f in fractions],
                                  align={0: "center", 4: "center"} if len(header) == 6 else {0: "center"})]
    doc = base.Document(letterhead=text.letterhead, kind="BÁO CÁO", subject=text.subject, body=body,
                        signer=text.signer, recipients=list(text.recipients), annex=annex, pdf_title=text.subject)
    return base.render(doc)
