"""Tổng hợp đăng ký thi đua: per unit, what it registered and how many of its people per title or form,
then the list of people by unit (DOMAIN §8.5: the Sở compiles it for the province and the bloc head)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tdkt_desktop.reports import base, blocks
from tdkt_desktop.text import nfc

#: Column widths in mm: STT, staff count, the unit's own registration, people total, one award column.
#: An award column must hold "CSTĐCS" in the bold 12 pt header; the unit name gets what is left.
_STT, _COUNT, _OWN, _TOTAL, _AWARD, _MIN_UNIT = 11, 13, 20, 15, 19, 40


@dataclass(frozen=True)
class PersonLine:
    """One person of the annex list (a section row carries only the unit name)."""

    stt: str
    name: str
    position: str = ""
    awards: str = ""
    section: bool = False


@dataclass(frozen=True)
class RegistrationSummaryText:
    """Everything the summary prints, as plain text (totals computed, never typed)."""

    letterhead: base.Letterhead
    subject: str
    headline: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    people: tuple[PersonLine, ...]
    signer: base.Signer
    recipients: tuple[str, ...]
    landscape: bool


def summary_text(campaign: Any, year: int, units: list[Any], registrations: list[Any], award_names: dict[str, str],
                 positions: dict[int, str], settings: Any, *, today: dt.date | None = None) -> RegistrationSummaryText:
    """Texts from ``registrations.summary_by_unit`` rows and the year's registrations.

    Args:
        award_names: award code → the short name used as a column header.
        positions: staff id → position (chức vụ).
    """
    codes = list(dict.fromkeys(code for u in units for code in u.counts))
    codes.sort(key=lambda c: list(award_names).index(c) if c in award_names else 99)
    header = ("STT", "Phòng, đơn vị", "Số cán bộ", "Tập thể đăng ký", *(award_names.get(c, c) for c in codes),
              "Cộng cá nhân")
    rows = [
        (str(i), nfc(u.unit_name), str(u.staff), "; ".join(award_names.get(c, c) for c in u.own),
         *(str(u.counts.get(c, 0)) for c in codes),
         str(u.people))
        for i, u in enumerate(units, start=1)
    ]
    collectives = sum(len(u.own) for u in units)
    people = sum(u.people for u in units)
    rows.append(("", "Tổng cộng", str(sum(u.staff for u in units)), f"{collectives} lượt",
                 *(str(sum(u.counts.get(c, 0) for u in units)) for c in codes), str(people)))
    lines: list[PersonLine] = []
    by_person: dict[int, list[Any]] = {}
    for r in registrations:
        if r.staff_id is not None:
            by_person.setdefault(r.staff_id, []).append(r)
    current, stt = None, 0
    for staff_id, regs in by_person.items():
        first = regs[0]
        if first.unit_name != current:
            current, stt = first.unit_name, 0
            lines.append(PersonLine("", nfc(first.unit_name or "(chưa có đơn vị)"), section=True))
        stt += 1
        lines.append(PersonLine(str(stt), nfc(first.name), nfc(positions.get(staff_id, "")),
                                "; ".join(nfc(r.award_name) for r in regs)))
    office = base.office_plain(settings.office_name)
    headline = (
        f"Thực hiện {nfc(campaign.phrase())}, {office} tổng hợp kết quả đăng ký thi đua năm "
        f"{year} như sau: {collectives} lượt tập thể và {people} lượt cá nhân đăng ký (chi tiết theo bảng dưới đây)."
    ) if units else f"Năm {year}, {nfc(campaign.phrase())} chưa có tập thể, cá nhân nào đăng ký thi đua."
    return RegistrationSummaryText(
        letterhead=base.Letterhead(settings.governing_body, base.issuer_name(settings.office_name),
                                   f"{base.BLANK_NUMBER}/BC-{settings.document_symbol}", settings.place_name, today),
        subject=f"Tổng hợp đăng ký thi đua năm {year}",
        headline=headline,
        header=header,
        rows=tuple(rows) if units else (),
        people=tuple(lines),
        signer=base.Signer(title=nfc(settings.signer_title).upper(), name=nfc(settings.signer_name)),
        recipients=("Sở Nội vụ (Ban Thi đua - Khen thưởng);", "Trưởng khối thi đua;", "Lưu: VT, VP."),
        landscape=_unit_width(base.frame_width(), len(codes)) < _MIN_UNIT * base.MM,
    )


def _unit_width(width: float, awards: int) -> float:
    return width - (_STT + _COUNT + _OWN + _TOTAL + awards * _AWARD) * base.MM


def render_summary(text: RegistrationSummaryText) -> bytes:
    """The summary PDF: the table per unit in the body, the people by unit in the annex."""
    from reportlab.platypus import Spacer

    s = base.styles()
    width = base.frame_width(text.landscape)
    body: list[Any] = [base.para(text.headline, s["body"])]
    if text.rows:
        n = len(text.header) - 5
        mm = base.MM
        widths = [_STT * mm, _unit_width(width, n), _COUNT * mm, _OWN * mm, *([_AWARD * mm] * n), _TOTAL * mm]
        align = {0: "center", **{i: "right" for i in (2, *range(4, len(text.header)))}}
        body.append(blocks.data_table(list(text.header), [list(r) for r in text.rows], widths, align=align))
    annex: list[Any] = []
    if text.people:
        annex = [base.para("DANH SÁCH CÁ NHÂN ĐĂNG KÝ THI ĐUA", s["center_bold"]),
                 base.para(f"(Kèm theo báo cáo {text.subject[0].lower()}{text.subject[1:]})", s["note"]),
                 Spacer(1, 4 * base.MM)]
        sections = tuple(i for i, p in enumerate(text.people) if p.section)
        data = [[p.name] if p.section else [p.stt, p.name, p.position, p.awards] for p in text.people]
        annex.append(blocks.data_table(["STT", "Họ và tên", "Chức vụ", "Danh hiệu, hình thức đăng ký"], data,
                                     [width * f for f in (0.08, 0.32, 0.25, 0.35)], sections, {0: "center"}))
    doc = base.Document(letterhead=text.letterhead, kind="BÁO CÁO", subject=text.subject, body=body,
                        signer=text.signer, recipients=list(text.recipients), annex=annex, pdf_title=text.subject)
    return base.render(doc, landscape=text.landscape)
