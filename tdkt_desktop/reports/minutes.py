"""Biên bản họp Hội đồng Thi đua – Khen thưởng (DOMAIN §8.4): attendance and vote tables, conclusions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tdkt_desktop.reports import base, blocks
from tdkt_desktop.reports.blocks import keep
from tdkt_desktop.reports.wording import two_digits, who
from tdkt_desktop.text import nfc


@dataclass(frozen=True)
class Member:
    """A council member and whether they attended (with the reason when absent)."""

    name: str
    role: str  # "Chủ tịch Hội đồng", "Phó Chủ tịch", "Ủy viên", "Thư ký"
    present: bool | None = True  # None: not known yet, left blank for the secretary
    reason: str = ""
    written: bool = False  # absent, but sent a written opinion that counts in the vote


@dataclass(frozen=True)
class Candidate:
    """A proposed person or collective; ``votes_for`` None leaves the vote cells for handwriting."""

    name: str
    unit: str
    title: str
    votes_for: int | None = None
    result: str = ""
    collective: bool = False


@dataclass(frozen=True)
class MinutesText:
    """Everything the minutes print, as plain text."""

    letterhead: base.Letterhead
    subject: str
    opening: tuple[str, ...]
    attendance_rows: tuple[tuple[str, ...], ...]
    vote_rows: tuple[tuple[str, ...], ...]
    vote_note: str
    conclusions: tuple[str, ...]
    closing: str
    chair: base.Signer
    secretary: base.Signer


def vote_share(votes_for: int, members: int) -> str:
    """'85,7 %' on the council's total membership (NĐ 98 Điều 30: the base is all members)."""
    if members <= 0:
        return ""
    value = round(100 * votes_for / members, 1)
    return f"{value:g} %".replace(".", ",")


def minutes_text(settings: Any, *, year: int, held_on: dt.date | None, place: str,
                 members: list[Member], candidates: list[Candidate], start: dt.time | None = None) -> MinutesText:
    """The minutes of the meeting that reviewed ``candidates`` for ``year``.

    Vote shares are computed on the total membership; the result text comes from the caller
    (the rules engine knows each title's threshold), blank when votes are not yet known. Absent
    members' written opinions count in the votes, so the text and the vote table say how many.
    """
    office = base.office_plain(settings.office_name)
    total = len(members)
    known = all(m.present is not None for m in members)
    present = [m for m in members if m.present]
    absent = [m for m in members if m.present is False]
    written = [m for m in absent if m.written]
    chair = next((m for m in members if m.role.lower().startswith("chủ tịch")), members[0] if members else None)
    secretary = next((m for m in members if "thư ký" in m.role.lower()), None)
    clock = f"{start.hour} giờ {start.minute:02d} phút" if start else "…… giờ …… phút"
    day = base.vn_date(held_on) if held_on else "ngày …… tháng …… năm ……"
    people = sum(not c.collective for c in candidates)
    listed = who(people, len(candidates) - people)
    attendance_line = (f"Thành viên có mặt: {len(present)}/{total}." if known
                       else f"Thành viên có mặt: ……/{total or '……'}.")
    if absent:
        attendance_line += " Vắng mặt: " + "; ".join(f"{m.name} ({m.reason or 'không rõ lý do'})" for m in absent) + "."
    if written:
        attendance_line += (f" {two_digits(len(written))} thành viên vắng mặt có ý kiến bằng văn bản, "
                            "được tính vào kết quả biểu quyết.")
    where = nfc(place) or (office if held_on else "……………")
    opening = [
        f"Vào hồi {clock}, {day}, tại {where}, Hội đồng Thi đua - Khen thưởng {office} họp xét "
        f"danh hiệu thi đua và hình thức khen thưởng năm {year}.",
        f"Chủ trì: {chair.name} – {chair.role}." if chair and chair.name else "Chủ trì: ……",
        f"Thư ký: {secretary.name}." if secretary and secretary.name else "Thư ký: ……",
        attendance_line,
        f"Nội dung: Xét, đề nghị công nhận danh hiệu thi đua và khen thưởng năm {year} cho "
        f"{two_digits(len(candidates))} lượt {listed} theo đề nghị của các phòng, đơn vị.",
    ]
    attendance = tuple(
        (str(i), nfc(m.name), nfc(m.role), {True: "Có mặt", False: "Vắng"}.get(m.present, ""), nfc(m.reason))
        for i, m in enumerate(members, start=1)
    )
    votes = tuple(
        (str(i), nfc(c.name), nfc(c.unit), nfc(c.title),
         "" if c.votes_for is None else str(c.votes_for),
         "" if c.votes_for is None else vote_share(c.votes_for, total), nfc(c.result))
        for i, c in enumerate(candidates, start=1)
    )
    vote_note = ""
    if known and total:
        vote_note = f"Tỷ lệ tính trên tổng số {two_digits(total)} thành viên Hội đồng."
        if written:
            vote_note = (f"Số phiếu đồng ý gồm phiếu của {two_digits(len(present))} thành viên có mặt và ý kiến "
                         f"bằng văn bản của {two_digits(len(written))} thành viên vắng mặt. " + vote_note)
    passed: dict[str, list[Candidate]] = {}
    for c in candidates:
        if c.result.lower().startswith("đạt"):
            passed.setdefault(c.title, []).append(c)
    conclusions = tuple(
        f"Đề nghị {t}: {two_digits(len(cs))} lượt "
        f"{who(sum(not c.collective for c in cs), sum(c.collective for c in cs))} "
        "(danh sách tại bảng kết quả bỏ phiếu)." for t, cs in passed.items()
    ) or ("Kết quả bỏ phiếu ghi tại bảng trên; Hội đồng thống nhất đề nghị các trường hợp đạt.",)
    return MinutesText(
        letterhead=base.Letterhead(base.issuer_name(settings.office_name), "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
                                   f"{base.BLANK_NUMBER}/BB-HĐTĐKT", settings.place_name,
                                   held_on),
        subject=f"Họp Hội đồng Thi đua - Khen thưởng xét thi đua, khen thưởng năm {year}",
        opening=tuple(opening),
        attendance_rows=attendance,
        vote_rows=votes,
        vote_note=vote_note,
        conclusions=conclusions,
        closing="Cuộc họp kết thúc vào hồi …… giờ …… phút cùng ngày. Biên bản đã được thông qua trước "
                "Hội đồng, các thành viên có mặt nhất trí./.",
        chair=base.Signer(title="CHỦ TỊCH HỘI ĐỒNG", name=chair.name if chair else ""),
        secretary=base.Signer(title="THƯ KÝ", name=secretary.name if secretary else ""),
    )


def render_minutes(text: MinutesText) -> bytes:
    """The minutes PDF: opening, attendance table, vote table, conclusions, two signatures."""
    s = base.styles()
    width = base.frame_width()
    body: list[Any] = [base.para(p, s["body"]) for p in text.opening]
    body += blocks.table_heading("1. Thành phần tham dự")
    body.append(blocks.data_table(
        ["STT", keep("Họ và tên"), f"{keep('Chức danh')} trong {keep('Hội đồng')}", keep("Tham dự"),
         f"{keep('Lý do')} vắng"],
        [list(r) for r in text.attendance_rows], [width * f for f in (0.07, 0.29, 0.32, 0.13, 0.19)],
        align={0: "center"}))
    body += blocks.table_heading("2. Kết quả bỏ phiếu")
    rows: list[list[Any]] = [list(r) for r in text.vote_rows]
    notes = ()
    if text.vote_note:
        notes = (len(rows),)
        rows.append([base.para(text.vote_note, s["cell_note"])])
    body.append(blocks.data_table(
        ["STT", f"{keep('Họ và tên')} / {keep('Tập thể')}", keep("Đơn vị"), f"{keep('Danh hiệu')} đề nghị",
         f"{keep('Số phiếu')} {keep('đồng ý')}", keep("Tỷ lệ"), keep("Kết quả")],
        rows, [width * f for f in (0.07, 0.19, 0.25, 0.19, 0.11, 0.08, 0.11)],
        notes, align={0: "center", 4: "right", 5: "right"},
    ))
    body.append(base.para("3. Kết luận", s["heading"]))
    body += [base.para(c, s["body"]) for c in text.conclusions]
    body.append(base.para(text.closing, s["body"]))
    doc = base.Document(letterhead=text.letterhead, kind="BIÊN BẢN", subject=text.subject, body=body,
                        signer=text.chair, extra_signers=[text.secretary], pdf_title="Biên bản họp Hội đồng")
    return base.render(doc)
