"""Giao ước thi đua of a bloc-year: the numbered commitments and a signature table for every member."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tdkt_desktop.reports import base, blocks
from tdkt_desktop.reports.bloc_minutes import DOTS, BlocHeading
from tdkt_desktop.text import nfc


@dataclass(frozen=True)
class PactData:
    """Everything the pact prints."""

    heading: BlocHeading
    year: int
    title: str
    signed_on: dt.date | None
    place: str
    theme: str
    items: tuple[str, ...]
    signers: tuple[tuple[str, str, str], ...]  # member, representative, title


def intro(data: PactData) -> str:
    """The sentence before the commitments."""
    theme = f" với chủ đề “{nfc(data.theme)}”" if data.theme else ""
    return (f"Thực hiện phong trào thi đua năm {data.year}{theme}, các đơn vị thành viên {nfc(data.heading.bloc_name)} "
            "thống nhất ký kết giao ước thi đua với các nội dung sau:")


def signed_line(data: PactData) -> str:
    """'Giao ước được ký ngày 27 tháng 12 năm 2018 tại Hà Nội …' (blanks for the clerk when unknown)."""
    when = base.vn_date(data.signed_on) if data.signed_on else f"ngày {DOTS} tháng {DOTS} năm {DOTS}"
    where = f" tại {nfc(data.place)}" if data.place else ""
    return (f"Giao ước được ký {when}{where}; các đơn vị thành viên cam kết thực hiện, định kỳ sơ kết 6 tháng, "
            "tổng kết năm và lấy kết quả làm căn cứ chấm điểm, bình xét thi đua của Khối./.")


def render_pact(data: PactData) -> bytes:
    """The pact PDF: commitments, then the members' signature table (no number: a pact is not numbered)."""
    from reportlab.platypus import Spacer

    s = base.styles()
    width = base.frame_width()
    body: list[Any] = [base.para(intro(data), s["body"])]
    body += [base.lead_para(f"{i}.", item, s["body"]) for i, item in enumerate(data.items, start=1)]
    body.append(base.para(signed_line(data), s["body"]))
    body.append(Spacer(1, 3 * base.MM))
    body.append(base.para("ĐẠI DIỆN CÁC ĐƠN VỊ KÝ GIAO ƯỚC", s["center_bold"]))
    body.append(Spacer(1, 2 * base.MM))
    body.append(blocks.data_table(
        ["STT", "Đơn vị thành viên", "Người ký (họ tên, chức vụ)", "Ký tên"],
        # The empty cell is tall enough to sign in.
        [[str(i), m, ", ".join(x for x in (r, t) if x), Spacer(1, 12 * base.MM)]
         for i, (m, r, t) in enumerate(data.signers, start=1)],
        [width * f for f in (0.07, 0.43, 0.28, 0.22)], align={0: "center"},
    ))
    doc = base.Document(
        letterhead=data.heading.letterhead("", data.signed_on, numbered=False),
        kind=nfc(data.title).upper(), subject=nfc(data.heading.bloc_name), body=body,
        pdf_title=f"{nfc(data.title)} – {nfc(data.heading.bloc_name)}",
    )
    return base.render(doc)
