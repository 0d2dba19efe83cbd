"""Frozen dataclasses of the awards register: catalog, decisions, awards, ratings, initiatives, certificates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


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


@dataclass(frozen=True)
class UnitRating:
    """A collective's yearly rating, and whether it led its bloc (None: bloc result not known)."""

    unit_id: int
    year: int
    rating: str
    leads_bloc: bool | None = None
    note: str = ""
    unit_name: str = field(default="", compare=False)
