"""Tờ trình of the bloc to the council above: the flags its members voted for, with scores and votes attached."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tdkt_desktop.reports import base, blocks
from tdkt_desktop.reports.bloc_minutes import BlocHeading, person_name
from tdkt_desktop.text import format_date, nfc


@dataclass(frozen=True)
class Proposed:
    """One proposed member: the flag, its score and rank, and its votes."""

    member: str
    award: str  # "Cờ thi đua của Chính phủ"
    decider: str  # "Thủ tướng Chính phủ"
    score: str  # "98,5"
    rank: str  # "1/14"
    votes: str  # "12/14"
    share: str  # "85,7 %"


@dataclass(frozen=True)
class ProposalData:
    """Everything the proposal prints."""

    heading: BlocHeading
    year: int
    meeting_date: dt.date
    council: str  # "Hội đồng Thi đua - Khen thưởng Bộ Khoa học và Công nghệ"
    chair: str
    proposed: tuple[Proposed, ...]
    secret: bool = True


def requests(data: ProposalData) -> list[str]:
    """One sentence per flag: 'Trình Thủ tướng Chính phủ tặng Cờ thi đua của Chính phủ cho: …'."""
    out = []
    awards: dict[tuple[str, str], list[str]] = {}
    for p in data.proposed:
        awards.setdefault((p.award, p.decider), []).append(p.member)
    for (award, decider), members in awards.items():
        out.append(f"- Trình {decider} tặng {award} năm {data.year} cho: {'; '.join(members)}.")
    return out


def render_bloc_proposal(data: ProposalData) -> bytes:
    """The proposal PDF, then the list with scores and votes on a new page."""
    from reportlab.platypus import Spacer

    s = base.styles()
    width = base.frame_width()
    bloc = nfc(data.heading.bloc_name)
    body: list[Any] = [base.para(f"Kính gửi: {nfc(data.council)}", s["center"]), Spacer(1, 3 * base.MM)]
    body.append(base.para(
        f"Căn cứ kết quả chấm điểm và bình chọn{' bằng phiếu kín' if data.secret else ''} tại Hội nghị tổng kết "
        f"công tác thi đua, khen thưởng "
        f"năm {data.year} của {bloc} ngày {format_date(data.meeting_date)},", s["body"]))
    body.append(base.para(f"{bloc} kính đề nghị {nfc(data.council)} xem xét, trình cấp có thẩm quyền:", s["body"]))
    body += [base.para(r, s["body"]) for r in requests(data)]
    body.append(base.para(
        "Hồ sơ kèm theo gồm: biên bản hội nghị tổng kết; bảng tổng hợp điểm chấm của các đơn vị; biên bản kiểm "
        "phiếu; báo cáo thành tích của các đơn vị được đề nghị.", s["body"]))
    body.append(base.para(f"Kính đề nghị {nfc(data.council)} xem xét, quyết định./.", s["body"]))
    annex = [
        base.para(f"DANH SÁCH ĐƠN VỊ ĐƯỢC ĐỀ NGHỊ TẶNG CỜ THI ĐUA NĂM {data.year}", s["center_bold"]),
        base.para(f"(Kèm theo Tờ trình số{base.BLANK_NUMBER}/TTr-KTĐ của {bloc})", s["note"]),
        Spacer(1, 4 * base.MM),
        blocks.data_table(
            ["STT", "Tên đơn vị", "Hình thức đề nghị", "Điểm", "Xếp hạng", "Số phiếu", "Tỷ lệ"],
            [[str(i), p.member, p.award, p.score, p.rank, p.votes, p.share]
             for i, p in enumerate(data.proposed, start=1)],
            [width * f for f in (0.07, 0.31, 0.21, 0.09, 0.10, 0.10, 0.12)],
            align={0: "center", 3: "right", 4: "center", 5: "center", 6: "right"},
        ),
    ]
    doc = base.Document(
        letterhead=data.heading.letterhead(f"{base.BLANK_NUMBER}/TTr-KTĐ", None),
        kind="TỜ TRÌNH", subject=f"Về việc đề nghị tặng Cờ thi đua năm {data.year}", body=body,
        signer=base.Signer(title="KHỐI TRƯỞNG", name=person_name(data.chair), authority="TM. KHỐI THI ĐUA"),
        recipients=["Như trên;", "Các đơn vị thành viên Khối;", "Lưu: Khối."], annex=annex,
        pdf_title=f"Tờ trình đề nghị tặng Cờ thi đua năm {data.year} – {bloc}",
    )
    return base.render(doc)
