"""Tờ trình đề nghị khen thưởng (proposal letter) with its attached list of proposed collectives and people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tdkt_desktop.reports import base, blocks
from tdkt_desktop.reports.decision import (
    ListedText,
    basis_lines,
    group_awards,
    list_rows,
    list_subtitle,
    list_title,
    render_listed,
)
from tdkt_desktop.reports.wording import award_phrase, count_phrase, who
from tdkt_desktop.text import nfc


@dataclass(frozen=True)
class ProposalText(ListedText):
    """Everything the proposal prints, as plain text."""

    recipient: str
    paragraphs: tuple[str, ...]


def council_signer(chair: str, vice_chair: str = "") -> base.Signer:
    """Who signs for the council. Its chair is usually the head of office the tờ trình goes to, and
    nobody proposes to himself: then a vice-chair signs 'TM. HỘI ĐỒNG / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH'
    (pass ``chair`` blank); otherwise the chair signs 'TM. HỘI ĐỒNG / CHỦ TỊCH'."""
    if chair:
        return base.Signer(title="CHỦ TỊCH", name=nfc(chair), authority="TM. HỘI ĐỒNG")
    return base.Signer(title="PHÓ CHỦ TỊCH", name=nfc(vice_chair), authority="TM. HỘI ĐỒNG\nKT. CHỦ TỊCH")


def proposal_text(awards: list[Any], settings: Any, *, recipient: str, positions: dict[int, str],
                  kinds: dict[str, str], council: bool, date: dt.date | None,
                  office_bases: list[str] | None = None, via: str = "",
                  signer: base.Signer | None = None, purpose: str = "") -> ProposalText:
    """The proposal for ``awards`` (the proposed list, in order), dated ``date``.

    Args:
        recipient: who decides ("Giám đốc Sở …", "Chủ tịch UBND tỉnh Cao Bằng").
        via: the body the file goes through, shown only in "Kính gửi" ("Sở Nội vụ").
        council: True when the office's Hội đồng TĐKT proposes to its own head (then the council
            is the sender and signs "TM. HỘI ĐỒNG"); False when the office proposes upward.
        date: the day the tờ trình is signed; its "Căn cứ" lines are the laws in force that day.
        signer: who signs for the council (see :func:`council_signer`); the office's head signs
            an upward proposal.
        purpose: what the awards are for, as its decision says it (``wording.purpose``), so the
            tờ trình says it the same way; the list then repeats it on no line.
    """
    office = base.office_plain(settings.office_name)
    groups = group_awards(awards)
    whats = [award_phrase(name, kinds.get(items[0].award_type, "hinh_thuc"), items[0].year) for name, items in groups]
    people = sum(a.staff_id is not None for a in awards)
    units = len(awards) - people
    counts = count_phrase(units, people)
    listed = who(people, units)
    any_form = any(kinds.get(items[0].award_type, "hinh_thuc") != "danh_hieu" for _n, items in groups)
    symbol = "TTr-HĐTĐKT" if council else f"TTr-{settings.document_symbol}"
    sender = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" if council else base.issuer_name(settings.office_name)
    governing = base.issuer_name(settings.office_name) if council else settings.governing_body
    sender_text = f"Hội đồng Thi đua - Khen thưởng {office}" if council else office
    year = awards[0].year if awards else (date or dt.date.today()).year
    paragraphs = (
        f"Căn cứ kết quả bình xét thi đua, khen thưởng năm {year} của Hội đồng Thi đua - Khen thưởng {office},",
        f"{sender_text} kính đề nghị {nfc(recipient)} xem xét, {' và '.join(whats)} cho {counts}"
        f"{' ' + purpose if purpose and any_form else ''} (có danh sách kèm theo).",
        f"Các {listed} được đề nghị đã hoàn thành xuất sắc nhiệm vụ được giao, đạt đủ tiêu chuẩn "
        "theo quy định của Luật Thi đua, khen thưởng và các văn bản hướng dẫn thi hành.",
        "Hồ sơ kèm theo gồm: danh sách đề nghị khen thưởng; biên bản họp Hội đồng Thi đua - Khen thưởng; "
        f"báo cáo thành tích của các {listed}.",
        f"Kính trình {nfc(recipient)} xem xét, quyết định./.",
    )
    if not council:
        signer = base.Signer(title=nfc(settings.signer_title).upper(), name=nfc(settings.signer_name))
    elif signer is None:
        signer = council_signer("", "")
    number = f"{base.BLANK_NUMBER}/{symbol}"
    return ProposalText(
        letterhead=base.Letterhead(governing, sender, number, settings.place_name, date),
        subject="Về việc đề nghị " + " và ".join(whats),
        recipient=f"{nfc(recipient)} (qua {nfc(via)})" if via else nfc(recipient),
        bases=basis_lines(date, office_bases),
        paragraphs=paragraphs,
        signer=signer,
        recipients=("Như trên;", "Lưu: VT, VP."),
        list_title=list_title([(name, kinds.get(items[0].award_type, "hinh_thuc"), items[0].year)
                               for name, items in groups], listed, proposed=True),
        list_subtitle=list_subtitle("Tờ trình", number, date, sender_text),
        rows=tuple(list_rows(awards, positions, kinds, said=purpose)),
        has_amount=False,
    )


def render_proposal(text: ProposalText) -> bytes:
    """The proposal PDF, then its list on pages of its own."""
    s = base.styles()
    to = blocks.heading(f"Kính gửi: {text.recipient}", s["center"], base.frame_width())
    return render_listed(text, "TỜ TRÌNH", to, [base.para(p, s["body"]) for p in text.paragraphs],
                         "Tờ trình đề nghị khen thưởng")
