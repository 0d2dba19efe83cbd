"""Kế hoạch phát động phong trào thi đua (DOMAIN §8.5): I. Mục đích, yêu cầu; II. Nội dung, chỉ tiêu;
III. Khen thưởng; IV. Tổ chức thực hiện. A skeleton the office completes, filled from the campaign."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from tdkt_desktop import paths
from tdkt_desktop.reports import base
from tdkt_desktop.text import fold, format_date, nfc


@cache
def campaign_texts() -> dict:
    """Default wording of the campaign documents (resources/print/campaign_texts.json)."""
    return json.loads(paths.resource_path("print", "campaign_texts.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Section:
    """A numbered part of a document: its heading and paragraphs (a paragraph may start with '1. ')."""

    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class PlanText:
    """Everything the plan prints, as plain text."""

    letterhead: base.Letterhead
    subject: str
    opening: str
    sections: tuple[Section, ...]
    signer: base.Signer
    recipients: tuple[str, ...]


def own_document(campaign: Any, settings: Any) -> bool:
    """Whether the campaign was launched by the office itself (its number and date go on the letterhead)."""
    issuer = fold(campaign.doc_issuer)
    return not issuer or issuer in {fold(settings.office_name), fold(base.office_plain(settings.office_name))}


def plan_text(campaign: Any, criteria: list[Any], units: list[Any], reviews: list[Any], settings: Any,
              *, deadline: dt.date | None = None) -> PlanText:
    """The plan's texts from the campaign, its checklist, participating units and planned reviews."""
    words = campaign_texts()["plan"]
    office = base.office_plain(settings.office_name)
    fill = {"name": nfc(campaign.name), "phrase": nfc(campaign.phrase()), "office": office,
            "year": campaign.starts_on.year, "period": campaign.period_text(),
            "registration_deadline": f" trước ngày {format_date(deadline)}" if deadline else ""}
    own = own_document(campaign, settings)
    number = campaign.doc_number if own and "/KH-" in campaign.doc_number else f"{base.BLANK_NUMBER}/KH-" \
        f"{settings.document_symbol}"
    purpose = ([nfc(campaign.goals)] if nfc(campaign.goals) else []) + [p.format(**fill) for p in words["purpose"]]
    content = [words["content_intro"].format(**fill)]
    content += [f"{i}. {nfc(c.text)}" for i, c in enumerate(criteria, start=1)] or [campaign_texts()["report"]["blank"]]
    content.append(f"Thời gian thực hiện: từ ngày {format_date(campaign.starts_on)} đến ngày "
                   f"{format_date(campaign.ends_on)}.")
    if units:
        content.append("Đối tượng, phạm vi: " + "; ".join(nfc(u.name) for u in units)
                       + " và toàn thể cán bộ, công chức, viên chức, người lao động thuộc các phòng, đơn vị nêu trên.")
    organisation = [f"{i}. {p.format(**fill)}" for i, p in enumerate(words["organisation"], start=1)]
    schedule = [f"{'Sơ kết' if r.kind == 'so_ket' else 'Tổng kết'}: ngày {format_date(r.day)}"
                + (f" ({nfc(r.title)})" if r.title else "") for r in reviews if r.day]
    if schedule:  # before the closing paragraph, which is renumbered after it
        when = "; ".join(schedule)
        organisation.insert(-1, f"{len(organisation)}. Thời gian sơ kết, tổng kết dự kiến: {when}.")
        organisation[-1] = f"{len(organisation)}." + organisation[-1].split(".", 1)[1]
    sections = (
        Section("I. MỤC ĐÍCH, YÊU CẦU", tuple(f"{i}. {p}" for i, p in enumerate(purpose, start=1))),
        Section("II. NỘI DUNG, CHỈ TIÊU THI ĐUA", tuple(content)),
        Section("III. KHEN THƯỞNG", tuple(p.format(**fill) for p in words["rewards"])),
        Section("IV. TỔ CHỨC THỰC HIỆN", tuple(organisation)),
    )
    return PlanText(
        letterhead=base.Letterhead(settings.governing_body, base.issuer_name(settings.office_name), number,
                                   settings.place_name, campaign.doc_date if own else None),
        subject=f"Tổ chức {nfc(campaign.phrase())}",
        opening=words["opening"].format(**fill),
        sections=sections,
        signer=base.Signer(title=nfc(settings.signer_title).upper(), name=nfc(settings.signer_name)),
        recipients=("Các phòng, đơn vị thuộc Sở;", "Công đoàn cơ sở, Chi đoàn Thanh niên;", "Lưu: VT, VP."),
    )


#: Room the last paragraph and the signature block need together (the signature is ~50 mm high).
_TAIL = 70 * base.MM


def section_flowables(sections: tuple[Section, ...] | list[Section]) -> list[Any]:
    """Bold headings, then paragraphs whose leading number ('1.') is bold.

    The last paragraph starts a new page when the signature would not fit after it, so the
    signature never stands alone on a page.
    """
    from reportlab.platypus import CondPageBreak

    s = base.styles()
    out: list[Any] = []
    for k, section in enumerate(sections):
        out.append(base.para(section.heading, s["heading"]))
        for j, p in enumerate(section.paragraphs):
            if k == len(sections) - 1 and j == len(section.paragraphs) - 1:
                if j == 0:
                    out.insert(len(out) - 1, CondPageBreak(_TAIL))
                else:
                    out.append(CondPageBreak(_TAIL))
            head, dot, rest = p.partition(". ")
            if dot and head.isdigit():
                out.append(base.lead_para(head + ".", rest, s["body"]))
            else:
                out.append(base.para(p, s["body"]))
    return out


def render_plan(text: PlanText) -> bytes:
    """The plan PDF."""
    s = base.styles()
    body = [base.para(text.opening, s["body"]), *section_flowables(text.sections)]
    doc = base.Document(letterhead=text.letterhead, kind="KẾ HOẠCH", subject=text.subject, body=body,
                        signer=text.signer, recipients=list(text.recipients), pdf_title=f"Kế hoạch – {text.subject}")
    return base.render(doc)
