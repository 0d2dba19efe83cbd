"""Frozen dataclasses of the yearly review: proposals, the council, its meetings and votes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Proposal:
    """A proposal (đề nghị) of one award for one person or unit in the yearly review."""

    id: int | None
    year: int
    award_type: str
    staff_id: int | None = None
    unit_id: int | None = None
    status: str = "de_nghi"  # de_nghi | dat | khong_dat | da_quyet_dinh | trinh_cap_tren
    decision_id: int | None = None
    note: str = ""
    name: str = field(default="", compare=False)
    code: str = field(default="", compare=False)
    unit_name: str = field(default="", compare=False)
    award_name: str = field(default="", compare=False)


@dataclass(frozen=True)
class CouncilMember:
    """A member of the Hội đồng Thi đua – Khen thưởng with a role."""

    id: int | None
    full_name: str
    role: str = "uy_vien"  # chu_tich | pho_chu_tich | uy_vien_thuong_truc | uy_vien | thu_ky
    position: str = ""
    staff_id: int | None = None
    sort_order: int = 0
    active: bool = True


@dataclass(frozen=True)
class CouncilMeeting:
    """One council meeting of a review year."""

    id: int | None
    year: int
    held_on: dt.date
    place: str = ""
    secret_ballot: bool = False
    status: str = "dang_hop"  # dang_hop | ket_thuc
    note: str = ""


@dataclass(frozen=True)
class Attendance:
    """A member's attendance at one meeting (absent members may send a written opinion)."""

    meeting_id: int
    member_id: int
    present: bool
    written_opinion: bool = False
    full_name: str = field(default="", compare=False)
    role: str = field(default="", compare=False)
    position: str = field(default="", compare=False)


@dataclass(frozen=True)
class CandidateVote:
    """One candidate at a meeting: the proposal, the votes counted, and the result from the rule set."""

    proposal: Proposal
    votes_for: int = 0
    votes_against: int = 0
    votes_invalid: int = 0
    voted: bool = False
    passed: bool = False
    result_text: str = ""
    eligible: bool | None = None
    needs_council: bool = False
    reasons: tuple[str, ...] = ()
    status: str = ""  # the engine's verdict status (vocabulary.VERDICT_STATUSES), '' when not evaluated
    short_name: str = field(default="", compare=False)  # the award's short name ("Bằng khen tỉnh")
