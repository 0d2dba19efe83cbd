"""Bản đăng ký thi đua (DOMAIN §8.5): the individual form and the collective form with its members' table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tdkt_desktop.reports import base, blocks
from tdkt_desktop.reports.wording import position_rank
from tdkt_desktop.text import nfc

#: Dotted fill-in line for fields the person writes by hand.
DOTS = "…" * 14


@dataclass(frozen=True)
class MemberRow:
    """One member of a collective registration (collective form table)."""

    stt: str
    name: str
    position: str
    title: str
    form: str
    note: str = ""


@dataclass(frozen=True)
class RegistrationText:
    """Everything a registration form prints."""

    governing: str
    issuer: str
    place: str
    date: dt.date | None
    heading: str
    fields: tuple[tuple[str, str], ...]  # (label, value)
    commitments: tuple[str, ...]
    members: tuple[MemberRow, ...]
    signer_title: str
    signer_name: str
    collective: bool


_COMMITMENTS = (
    "Chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước, nội quy, quy chế của cơ quan.",
    "Hoàn thành tốt và vượt mức các nhiệm vụ được giao; tích cực tham gia các phong trào thi đua.",
    "Không ngừng học tập nâng cao trình độ chuyên môn, nghiệp vụ; đoàn kết, giúp đỡ đồng nghiệp.",
)


def individual_form(settings: Any, *, year: int, name: str, position: str, unit: str, title: str,
                    form: str, initiative: str = "", today: dt.date | None = None) -> RegistrationText:
    """The individual form; blank values print as dotted lines for handwriting."""
    fields = (
        ("Họ và tên", nfc(name) or DOTS),
        ("Chức vụ", nfc(position) or DOTS),
        ("Đơn vị", nfc(unit) or DOTS),
        ("Danh hiệu thi đua đăng ký", nfc(title) or DOTS),
        ("Hình thức khen thưởng đăng ký", nfc(form) or DOTS),
        ("Sáng kiến, đề tài dự kiến", nfc(initiative) or DOTS),
    )
    return RegistrationText(
        governing=base.issuer_name(settings.office_name), issuer=nfc(unit).upper() or DOTS,
        place=nfc(settings.place_name), date=today, heading=f"BẢN ĐĂNG KÝ THI ĐUA NĂM {year}",
        fields=fields, commitments=_COMMITMENTS, members=(), signer_title="NGƯỜI ĐĂNG KÝ",
        signer_name=nfc(name), collective=False,
    )


def collective_form(settings: Any, *, year: int, unit: str, head_name: str, title: str, form: str,
                    members: list[Any], member_title: str = "Lao động tiên tiến",
                    today: dt.date | None = None) -> RegistrationText:
    """The collective (phòng) form: its own target plus every member's registration.

    Args:
        members: ``Staff`` records of the unit (full_name, position); printed head first, then
            deputies, then the others in the order given.
        member_title: the title each member registers for unless changed by hand.
    """
    ordered = sorted(members, key=lambda m: position_rank(m.position))  # stable: list order within a rank
    rows = tuple(
        MemberRow(str(i), nfc(m.full_name), nfc(m.position), member_title, "")
        for i, m in enumerate(ordered, start=1)
    )
    fields = (
        ("Tên tập thể", nfc(unit)),
        ("Danh hiệu thi đua đăng ký", nfc(title) or DOTS),
        ("Hình thức khen thưởng đăng ký", nfc(form) or DOTS),
        ("Số cán bộ đăng ký", str(len(rows))),
    )
    return RegistrationText(
        governing=base.issuer_name(settings.office_name), issuer=nfc(unit).upper(),
        place=nfc(settings.place_name), date=today, heading=f"BẢN ĐĂNG KÝ THI ĐUA NĂM {year}",
        fields=fields, commitments=_COMMITMENTS, members=rows, signer_title="THỦ TRƯỞNG ĐƠN VỊ",
        signer_name=nfc(head_name), collective=True,
    )


def render_registration(text: RegistrationText) -> bytes:
    """The form PDF; the members' table repeats its header across pages."""
    from reportlab.platypus import Spacer

    s = base.styles()
    width = base.frame_width()
    body: list[Any] = []
    body += [base.lead_para(f"{label}:", value, s["field"]) for label, value in text.fields]
    if text.members:
        body += blocks.table_heading("Danh sách cán bộ đăng ký thi đua:")
        data = [[m.stt, m.name, m.position, m.title, m.form, m.note] for m in text.members]
        body.append(blocks.data_table(
            ["STT", "Họ và tên", "Chức vụ", "Danh hiệu đăng ký", "Hình thức khen thưởng đăng ký", "Ghi chú"],
            data, [width * f for f in (0.07, 0.23, 0.18, 0.22, 0.19, 0.11)], align={0: "center"},
        ))
        body.append(Spacer(1, 3 * base.MM))
    body.append(base.para("Cam kết thực hiện:", s["heading"]))
    body += [base.para(f"{i}. {c}", s["body"]) for i, c in enumerate(text.commitments, start=1)]
    letterhead = base.Letterhead(text.governing, text.issuer, "", text.place, text.date, numbered=False)
    doc = base.Document(
        letterhead=letterhead, kind=text.heading, body=body,
        signer=base.Signer(title=text.signer_title, name=text.signer_name), pdf_title=text.heading,
    )
    return base.render(doc)
