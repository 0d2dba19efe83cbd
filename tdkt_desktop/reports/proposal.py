"""Tờ trình đề nghị khen thưởng (proposal letter) with its attached list of proposed collectives and people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tdkt_desktop.reports import base
from tdkt_desktop.reports.decision import (
    ListRow,
    award_phrase,
    count_phrase,
    group_awards,
    legal_bases,
    list_rows,
    list_table,
)
from tdkt_desktop.text import format_date, nfc


@dataclass(frozen=True)
class ProposalText:
    """Everything the proposal prints, as plain text."""

    letterhead: base.Letterhead
    subject: str
    recipient: str
    bases: tuple[str, ...]
    paragraphs: tuple[str, ...]
    signer: base.Signer
    recipients: tuple[str, ...]
    list_title: str
    list_subtitle: str
    rows: tuple[ListRow, ...]
    has_amount: bool


def proposal_text(awards: list[Any], settings: Any, *, recipient: str, positions: dict[int, str],
                  kinds: dict[str, str], council: bool, date: dt.date | None,
                  office_bases: list[str] | None = None, via: str = "") -> ProposalText:
    """The proposal for ``awards`` (the proposed list, in order).

    Args:
        recipient: who decides ("Giám đốc Sở …", "Chủ tịch UBND tỉnh Cao Bằng").
        via: the body the file goes through, shown only in "Kính gửi" ("Sở Nội vụ").
        council: True when the office's Hội đồng TĐKT proposes to its own head (then the council
            is the sender and its chair signs "TM. HỘI ĐỒNG"); False when the office proposes upward.
    """
    office = base.office_plain(settings.office_name)
    groups = group_awards(awards)
    whats = [award_phrase(name, kinds.get(items[0].award_type, "hinh_thuc"), items[0].year) for name, items in groups]
    people = sum(a.staff_id is not None for a in awards)
    counts = count_phrase(len(awards) - people, people)
    who = "tập thể, cá nhân" if people and len(awards) > people else ("cá nhân" if people else "tập thể")
    symbol = "TTr-HĐTĐKT" if council else f"TTr-{settings.document_symbol}"
    sender = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" if council else base.issuer_name(settings.office_name)
    governing = base.issuer_name(settings.office_name) if council else settings.governing_body
    sender_text = f"Hội đồng Thi đua - Khen thưởng {office}" if council else office
    year = awards[0].year if awards else (date or dt.date.today()).year
    paragraphs = (
        f"Căn cứ kết quả bình xét thi đua, khen thưởng năm {year} của Hội đồng Thi đua - Khen thưởng {office},",
        f"{sender_text} kính đề nghị {nfc(recipient)} xem xét, {' và '.join(whats)} cho {counts} "
        "(có danh sách kèm theo).",
        f"Các {who} được đề nghị đã hoàn thành xuất sắc nhiệm vụ được giao, đạt đủ tiêu chuẩn "
        "theo quy định của Luật Thi đua, khen thưởng và các văn bản hướng dẫn thi hành.",
        "Hồ sơ kèm theo gồm: danh sách đề nghị khen thưởng; biên bản họp Hội đồng Thi đua - Khen thưởng; "
        f"báo cáo thành tích của các {who}.",
        f"Kính trình {nfc(recipient)} xem xét, quyết định./.",
    )
    laws = legal_bases(date) + [nfc(b) for b in (office_bases or []) if nfc(b)]
    head = nfc(settings.signer_title).upper()
    signer = (base.Signer(title="CHỦ TỊCH", name=nfc(settings.signer_name), authority="TM. HỘI ĐỒNG")
              if council else base.Signer(title=head, name=nfc(settings.signer_name)))
    number = f"{base.BLANK_NUMBER}/{symbol}"
    return ProposalText(
        letterhead=base.Letterhead(governing, sender, number, settings.place_name, date),
        subject="Về việc đề nghị " + " và ".join(whats),
        recipient=f"{nfc(recipient)} (qua {nfc(via)})" if via else nfc(recipient),
        bases=tuple(f"Căn cứ {b.rstrip(';,. ')};" for b in laws),
        paragraphs=paragraphs,
        signer=signer,
        recipients=("Như trên;", "Lưu: VT, VP."),
        list_title=f"DANH SÁCH ĐỀ NGHỊ {' VÀ '.join(w.upper() for w in whats)}".replace("“", "").replace("”", ""),
        list_subtitle=f"(Kèm theo Tờ trình số{base.BLANK_NUMBER}/{symbol} ngày {format_date(date)} của {sender_text})",
        rows=tuple(list_rows(awards, positions, kinds)),
        has_amount=False,
    )


def render_proposal(text: ProposalText) -> bytes:
    """The proposal PDF, then its list on a new page."""
    from reportlab.platypus import Spacer

    s = base.styles()
    body: list[Any] = [base.para(f"Kính gửi: {text.recipient}", s["center"]), Spacer(1, 3 * base.MM)]
    body += [base.para(b, s["basis"]) for b in text.bases]
    body += [base.para(p, s["body"]) for p in text.paragraphs]
    annex = [base.para(text.list_title, s["center_bold"]), base.para(text.list_subtitle, s["note"]),
             Spacer(1, 4 * base.MM), list_table(text.rows, base.frame_width(), text.has_amount)]
    doc = base.Document(letterhead=text.letterhead, kind="TỜ TRÌNH", subject=text.subject, body=body,
                        signer=text.signer, recipients=list(text.recipients), annex=annex,
                        pdf_title="Tờ trình đề nghị khen thưởng")
    return base.render(doc)
