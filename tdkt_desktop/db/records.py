"""Frozen dataclasses returned by the db layer (not Qt models, hence no *Model names)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Unit:
    """A unit of the office (phòng, trung tâm) or an external organisation (bloc member)."""

    id: int | None
    name: str
    parent_id: int | None = None
    kind: str = "noi_bo"  # noi_bo | ben_ngoai
    short_name: str = ""
    sort_order: int = 0
    active: bool = True


@dataclass(frozen=True)
class Staff:
    """One person on the staff register."""

    id: int | None
    code: str
    full_name: str
    birth_date: dt.date | None = None
    gender: str = ""  # '' | 'Nam' | 'Nữ'
    position: str = ""
    unit_id: int | None = None
    recruited_on: dt.date | None = None
    active: bool = True
    note: str = ""
    unit_name: str = field(default="", compare=False)
    #: The stored search key ('dang thi huong'); filled when read from the database.
    fold: str = field(default="", compare=False)

    @property
    def given_name(self) -> str:
        """The last word: Vietnamese lists sort by tên, then họ and đệm."""
        parts = self.full_name.split()
        return parts[-1] if parts else ""


@dataclass(frozen=True)
class Settings:
    """Office-wide settings stored in the database."""

    office_name: str = "Sở Khoa học và Công nghệ"
    governing_body: str = "UBND TỈNH"
    place_name: str = ""
    document_symbol: str = "SKHCN"
    signer_name: str = ""
    signer_title: str = "GIÁM ĐỐC"
    is_demo: bool = False
    office_level: str = "so"  # so: Sở under a province; bo: Văn phòng/Viện under a Bộ (vocabulary.OFFICE_LEVELS)


# --- Awards register (issue 4): catalog, decisions, awards, ratings, initiatives ---------------


@dataclass(frozen=True)
class AwardType:
    """A title (danh hiệu thi đua) or a form (hình thức khen thưởng) in the catalog."""

    code: str
    name: str
    short_name: str
    kind: str  # danh_hieu | hinh_thuc
    target: str  # ca_nhan | tap_the
    level: str  # co_so | bo_tinh | nha_nuoc
    authority: str
    certificate_kind: str
    sort_order: int = 0
    builtin: bool = True
    active: bool = True
    family: str = ""  # statistics group: the individual and collective variants of one award
    aliases: tuple[str, ...] = field(default=(), compare=False)



@dataclass(frozen=True)
class Decision:
    """A decision (quyết định) that grants awards; ``year`` defaults to the year it was issued."""

    id: int | None
    number: str
    issued_on: dt.date
    issuer: str
    signer_name: str = ""
    signer_title: str = ""
    kind: str = "hang_nam"  # hang_nam | phong_trao | dot_xuat | chuyen_de
    year: int | None = None
    campaign_id: int | None = None
    summary: str = ""
    note: str = ""
    award_count: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        if self.year is None and self.issued_on is not None:
            object.__setattr__(self, "year", self.issued_on.year)


@dataclass(frozen=True)
class Award:
    """One award line of a decision, to a person (staff_id) or a collective (unit_id).

    ``year`` is the emulation year the award is for (0 = the decision's year).
    """

    id: int | None
    decision_id: int | None
    award_type: str
    staff_id: int | None = None
    unit_id: int | None = None
    year: int = 0
    reason: str = ""
    amount: int | None = None
    position: int = 0
    certificate_serial: str | None = None
    printed_at: str | None = None
    award_name: str = field(default="", compare=False)
    recipient_name: str = field(default="", compare=False)
    staff_code: str = field(default="", compare=False)
    unit_name: str = field(default="", compare=False)
    decision_number: str = field(default="", compare=False)
    decision_date: dt.date | None = field(default=None, compare=False)
    award_kind: str = field(default="", compare=False)
    issuer: str = field(default="", compare=False)


@dataclass(frozen=True)
class Rating:
    """A person's yearly rating (HTXS / HTT / HT / KHT) and discipline."""

    id: int | None
    staff_id: int
    year: int
    rating: str
    discipline: str = ""
    note: str = ""


@dataclass(frozen=True)
class Initiative:
    """A recognised initiative (sáng kiến) or accepted research task (đề tài) with its scope."""

    id: int | None
    staff_id: int
    year: int
    title: str
    kind: str = "sang_kien"  # sang_kien | de_tai
    scope: str = "co_so"  # co_so | bo_tinh | toan_quoc
    proof_ref: str = ""


@dataclass(frozen=True)
class AwardCount:
    """One statistics row: how many times an award type was given in a period."""

    award_type: str
    name: str
    kind: str
    ca_nhan: int
    tap_the: int

    @property
    def total(self) -> int:
        """Individuals plus collectives."""
        return self.ca_nhan + self.tap_the


@dataclass(frozen=True)
class CertificateIssue:
    """A certificate about to be (or just) printed: its award, its register serial, first print or reprint."""

    award_id: int
    serial: str
    reprint: bool = False


@dataclass(frozen=True)
class RegisterEntry:
    """One line of the certificate register (sổ vàng): which certificate was printed, when, how."""

    id: int
    award_id: int
    serial: str
    printed_at: str
    reprint: bool
    mode: str  # full | overlay
    profile_name: str = ""
    recipient_name: str = field(default="", compare=False)
    award_name: str = field(default="", compare=False)
    decision_number: str = field(default="", compare=False)


@dataclass(frozen=True)
class PrintProfile:
    """Per-printer settings for pre-printed blanks: blank layout and x/y offsets in mm (x right, y down)."""

    id: int | None
    name: str
    blank_type: str = "a4_ngang"
    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0
    printer_name: str = ""
    is_default: bool = False


@dataclass(frozen=True)
class PrintOptions:
    """Office texts for printed documents: its own "Căn cứ" lines and who proposes ("Theo đề nghị của …")."""

    office_bases: tuple[str, ...] = ()
    proposer: str = ""


# --- yearly review and council (issue 5) ---------------------------------------------------------


@dataclass(frozen=True)
class UnitRating:
    """A collective's yearly rating, and whether it led its bloc (None: bloc result not known)."""

    unit_id: int
    year: int
    rating: str
    leads_bloc: bool | None = None
    note: str = ""
    unit_name: str = field(default="", compare=False)


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
