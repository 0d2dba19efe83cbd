"""Biên bản hội nghị of an emulation bloc (NĐ 30 Mẫu 1.9): attendance, scores and ranking, ballots, results.

The data arrives as plain Vietnamese text (``services/bloc_documents.py`` builds it from the
database); this module only lays it out through ``reports/base.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tdkt_desktop.reports import base, blocks
from tdkt_desktop.text import nfc

#: What a meeting of each kind is called in the subject line ("Hội nghị tổng kết … năm 2018").
SUBJECTS = {
    "ky_giao_uoc": "Hội nghị ký kết giao ước thi đua năm {year}",
    "so_ket": "Hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {year}",
    "tong_ket": "Hội nghị tổng kết công tác thi đua, khen thưởng năm {year}",
    "chuyen_de": "Hội nghị chuyên đề năm {year}",
    "khac": "Cuộc họp năm {year}",
}
#: Blank left for the clerk where a fact was not recorded.
DOTS = "……"


@dataclass(frozen=True)
class BlocHeading:
    """Who issues the bloc's documents: the body above it, the bloc, and its place name."""

    governing_body: str  # "BỘ KHOA HỌC VÀ CÔNG NGHỆ"
    bloc_name: str  # "Khối thi đua các Văn phòng, Viện"
    place_name: str  # "Hà Nội"

    def letterhead(self, number: str, date: dt.date | None, *, numbered: bool = True) -> base.Letterhead:
        """NĐ 30 blocks: the governing body and the bloc on the left, Quốc hiệu and the date on the right."""
        return base.Letterhead(nfc(self.governing_body).upper(), nfc(self.bloc_name).upper(), number,
                               self.place_name, date, numbered=numbered)


def person_name(text: str) -> str:
    """'Lê Công Nhường – Giám đốc Sở …' → 'Lê Công Nhường' (the name under a signature)."""
    for dash in (" – ", " - ", ", "):
        if dash in text:
            return nfc(text.split(dash)[0])
    return nfc(text)


@dataclass(frozen=True)
class AttendanceLine:
    """One member at the meeting."""

    member: str
    representative: str
    position: str
    present: bool


@dataclass(frozen=True)
class RankLine:
    """One member's totals and rank as printed ('3=' when the rank is shared)."""

    rank: str
    member: str
    self_score: str
    agreed_score: str


@dataclass(frozen=True)
class BallotTable:
    """One ballot: its name, the rule, the count sentence and a row per candidate."""

    title: str
    rule: str
    summary: str
    rows: tuple[tuple[str, str, str, str], ...]  # candidate, votes, share, result


@dataclass(frozen=True)
class MinutesData:
    """Everything the minutes print."""

    heading: BlocHeading
    year: int
    kind: str
    held_on: dt.date
    place: str
    chair: str
    secretary: str
    guests: str
    agenda: str
    conclusions: tuple[str, ...]
    attendance: tuple[AttendanceLine, ...]
    ranking: tuple[RankLine, ...] = ()
    ranking_note: str = ""
    ballots: tuple[BallotTable, ...] = ()
    results: tuple[str, ...] = ()

    @property
    def subject(self) -> str:
        return SUBJECTS[self.kind].format(year=self.year)


def opening(data: MinutesData) -> list[str]:
    """The paragraphs before the tables: when, where, who chaired, who attended."""
    present = [a for a in data.attendance if a.present]
    absent = [a.member for a in data.attendance if not a.present]
    lines = [
        f"Vào hồi {DOTS} giờ {DOTS} phút, {base.vn_date(data.held_on)}, tại {nfc(data.place) or DOTS}, "
        f"{nfc(data.heading.bloc_name)} tổ chức {data.subject[0].lower()}{data.subject[1:]}.",
    ]
    if data.guests:
        lines.append(f"Đại biểu dự: {nfc(data.guests)}.")
    lines.append(f"Chủ trì: {nfc(data.chair)}." if data.chair else f"Chủ trì: {DOTS}")
    lines.append(f"Thư ký: {nfc(data.secretary)}." if data.secretary else f"Thư ký: {DOTS}")
    tail = f" Vắng mặt: {'; '.join(absent)}." if absent else ""
    counts = f"{base.two_digits(len(present))}/{base.two_digits(len(data.attendance))}"
    lines.append(f"Đơn vị thành viên có mặt: {counts}.{tail}")
    return lines


def _section_titles(data: MinutesData) -> list[str]:
    titles = ["Thành phần tham dự", "Nội dung hội nghị"]
    if data.ranking:
        titles.append("Kết quả chấm điểm, xếp hạng")
    if data.ballots:
        titles.append("Kết quả bình chọn (biểu quyết bằng phiếu)")
    titles.append("Kết luận")
    return titles


def attendance_table(lines: tuple[AttendanceLine, ...], width: float) -> Any:
    """STT, member, (representative, position when any was recorded), attendance."""
    detailed = any(a.representative or a.position for a in lines)
    if detailed:
        header = ["STT", "Đơn vị thành viên", "Người đại diện", "Chức vụ", "Tham dự"]
        rows = [[str(i), a.member, a.representative, a.position, "Có mặt" if a.present else "Vắng"]
                for i, a in enumerate(lines, start=1)]
        widths = (0.07, 0.36, 0.30, 0.12, 0.15)
    else:  # nothing but the names: no empty columns squeezing them
        header = ["STT", "Đơn vị thành viên", "Tham dự"]
        rows = [[str(i), a.member, "Có mặt" if a.present else "Vắng"] for i, a in enumerate(lines, start=1)]
        widths = (0.08, 0.76, 0.16)
    return blocks.data_table(header, rows, [width * f for f in widths], align={0: "center", len(header) - 1: "center"})


def render_bloc_minutes(data: MinutesData) -> bytes:
    """The minutes PDF: opening, attendance, agenda, ranking, ballots, conclusions, two signatures."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

    s = base.styles()
    width = base.frame_width()
    numerals = iter(["I", "II", "III", "IV", "V", "VI"])
    titles = iter(_section_titles(data))
    # A long table after a heading may split across pages: instead of keeping the heading with the
    # whole table (which would push both to the next page), start a new page only when little is left.
    section = ParagraphStyle("bloc_section", parent=s["heading"], keepWithNext=0)

    def heading() -> list[Any]:
        return [CondPageBreak(35 * base.MM), base.para(f"{next(numerals)}. {next(titles).upper()}", section)]

    body: list[Any] = [base.para(p, s["body"]) for p in opening(data)]
    body += heading()
    body.append(attendance_table(data.attendance, width))
    body += heading()
    body += [base.para(p, s["body"]) for p in nfc(data.agenda).split("\n") if p.strip()] or [base.para(DOTS, s["body"])]
    if data.ranking:
        body += heading()
        if data.ranking_note:
            body.append(base.para(data.ranking_note, s["body"]))
        body.append(blocks.data_table(
            ["Hạng", "Đơn vị thành viên", "Điểm tự chấm", "Điểm khối chấm"],
            [[r.rank, r.member, r.self_score, r.agreed_score] for r in data.ranking],
            [width * f for f in (0.10, 0.58, 0.16, 0.16)], align={0: "center", 2: "right", 3: "right"},
        ))
    if data.ballots:
        page_break, title = heading()
        body.append(page_break)
        for number, ballot in enumerate(data.ballots, start=1):
            table = blocks.data_table(
                ["STT", "Đơn vị", "Số phiếu", "Tỷ lệ", "Kết quả"],
                [[str(i), *row] for i, row in enumerate(ballot.rows, start=1)],
                [width * f for f in (0.07, 0.53, 0.12, 0.12, 0.16)], align={0: "center", 2: "right", 3: "right"},
            )
            # A ballot's title, rule and table stay on one page; the section title stays with the first.
            group = [base.para(f"{number}. {ballot.title}", s["heading"]),
                     base.para(f"Nguyên tắc: {ballot.rule}.", s["body"]), base.para(ballot.summary, s["body"]), table]
            body.append(KeepTogether([title, *group] if number == 1 else group))
    body += heading()
    body += [base.para(p, s["body"]) for p in (*data.results, *data.conclusions)]
    closing = base.para(f"Hội nghị kết thúc vào hồi {DOTS} giờ {DOTS} phút cùng ngày. Biên bản đã được thông qua "
                        "tại Hội nghị, các đơn vị thành viên có mặt nhất trí./.", s["body"])
    chair = base.Signer(title="CHỦ TRÌ HỘI NGHỊ", name=person_name(data.chair))
    secretary = base.Signer(title="THƯ KÝ", name=person_name(data.secretary))
    # The last paragraphs travel with the signatures: a page holding only signatures is not a valid record.
    last = [body.pop()] if data.results or data.conclusions else []
    body.append(KeepTogether([*last, closing, Spacer(1, 4 * base.MM),
                              blocks.signature_table(chair, [], width, secretary)]))
    doc = base.Document(
        letterhead=data.heading.letterhead(f"{base.BLANK_NUMBER}/BB-KTĐ", data.held_on),
        kind="BIÊN BẢN", subject=data.subject, body=body,
        pdf_title=f"Biên bản {data.subject[0].lower()}{data.subject[1:]}",
    )
    return base.render(doc)
