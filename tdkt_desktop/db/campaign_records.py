"""Frozen records of the campaigns aggregate (kept apart from records.py, which is long enough)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tdkt_desktop.text import format_date


@dataclass(frozen=True)
class Campaign:
    """A phong trào thi đua: what it is, who launched it with which document, and its period.

    The status is never stored: :meth:`status` derives it from the dates, the recorded reviews
    and the closing date, so it cannot disagree with them.
    """

    id: int | None
    name: str
    kind: str = "thuong_xuyen"  # thuong_xuyen | chuyen_de | giai_doan
    level: str = "co_quan"  # co_quan | tinh_bo | toan_quoc
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    doc_kind: str = "ke_hoach"  # ke_hoach | phat_dong
    doc_number: str = ""
    doc_date: dt.date | None = None
    doc_issuer: str = ""
    goals: str = ""
    closed_on: dt.date | None = None
    note: str = ""
    #: Filled when read: counts and the reviews held (the list shows them without more queries).
    units: int = field(default=0, compare=False)
    registrations: int = field(default=0, compare=False)
    awards: int = field(default=0, compare=False)
    so_ket_held: int = field(default=0, compare=False)
    tong_ket_on: dt.date | None = field(default=None, compare=False)

    def status(self, today: dt.date) -> str:
        """chuan_bi → dang_trien_khai → so_ket → tong_ket → da_ket_thuc (codes of vocabulary.CAMPAIGN_STATUSES).

        Closed, or reviewed in a tổng kết once the period is over: ended. A tổng kết held before
        the end date leaves the campaign in "tổng kết" until the period runs out.
        """
        if self.closed_on is not None:
            return "da_ket_thuc"
        if self.tong_ket_on is not None:
            return "da_ket_thuc" if self.ends_on and self.ends_on < today else "tong_ket"
        if self.starts_on and today < self.starts_on:
            return "chuan_bi"
        return "so_ket" if self.so_ket_held else "dang_trien_khai"

    def overdue(self, today: dt.date) -> bool:
        """The period ended without a tổng kết (and the campaign was not closed)."""
        return bool(self.ends_on and self.ends_on < today and self.tong_ket_on is None and self.closed_on is None)

    def active_in(self, year: int) -> bool:
        """Whether the period touches ``year``."""
        return bool(self.starts_on and self.ends_on and self.starts_on.year <= year <= self.ends_on.year)

    @property
    def years(self) -> range:
        """The calendar years of the period (registrations are made for one of them)."""
        if not (self.starts_on and self.ends_on):
            return range(0)
        return range(self.starts_on.year, self.ends_on.year + 1)

    def period_text(self) -> str:
        """'01/01/2025 – 31/12/2025'."""
        return f"{format_date(self.starts_on)} – {format_date(self.ends_on)}"

    def phrase(self) -> str:
        """How running text names it: 'phong trào thi đua “Học tập và làm theo …”'.

        Names that already say "phong trào …" or "thi đua …" are not wrapped a second time
        ('phong trào thi đua yêu nước giai đoạn 2020–2025').
        """
        from tdkt_desktop.text import fold

        key = fold(self.name)
        if key.startswith("phong trao"):
            return self.name[0].lower() + self.name[1:]
        if key.startswith("thi dua"):
            return "phong trào " + self.name[0].lower() + self.name[1:]
        return f"phong trào thi đua “{self.name}”"

    def document_text(self) -> str:
        """'Kế hoạch số 05/KH-SKHCN ngày 15/01/2025 của Sở …' or 'lời phát động ngày 10/08/2020 của …'."""
        tail = " ".join(p for p in (
            f"số {self.doc_number}" if self.doc_number else "",
            f"ngày {format_date(self.doc_date)}" if self.doc_date else "",
            f"của {self.doc_issuer}" if self.doc_issuer else "",
        ) if p)
        if not tail:
            return ""
        if self.doc_kind == "phat_dong":
            return f"{'văn bản phát động' if self.doc_number else 'lời phát động'} {tail}"
        return f"Kế hoạch {tail}"


@dataclass(frozen=True)
class Criterion:
    """One line of the campaign's checklist (tiêu chí), ticked when met."""

    id: int | None
    campaign_id: int
    text: str
    done: bool = False
    position: int = 0


@dataclass(frozen=True)
class Registration:
    """Đăng ký thi đua: a person or a unit registered for a title or form, for one year of a campaign.

    ``result_number`` is the decision that granted what was registered (derived from the awards
    register, never typed); ``outcome`` is 'khong_dat' only when the office records a miss.
    """

    id: int | None
    campaign_id: int
    year: int
    award_type: str
    staff_id: int | None = None
    unit_id: int | None = None
    registered_on: dt.date | None = None
    outcome: str = ""
    note: str = ""
    name: str = field(default="", compare=False)
    code: str = field(default="", compare=False)
    unit_name: str = field(default="", compare=False)
    award_name: str = field(default="", compare=False)
    campaign_name: str = field(default="", compare=False)
    result_number: str = field(default="", compare=False)

    @property
    def result(self) -> str:
        """'dat' (an award exists), 'khong_dat' (recorded), or '' (no result yet)."""
        if self.result_number:
            return "dat"
        return self.outcome


@dataclass(frozen=True)
class UnitRegistrations:
    """One row of the registration summary (Tổng hợp đăng ký thi đua): counts per award for a unit."""

    unit_id: int | None
    unit_name: str
    staff: int  # people working in the unit (active)
    own: tuple[str, ...]  # award codes the unit itself registered for
    counts: dict[str, int]  # award type → people registered

    @property
    def people(self) -> int:
        """Registrations of people in the unit."""
        return sum(self.counts.values())


@dataclass(frozen=True)
class CampaignReview:
    """A sơ kết or tổng kết: planned for a date, then recorded with texts and results."""

    id: int | None
    campaign_id: int
    kind: str  # so_ket | tong_ket
    planned_on: dt.date | None = None
    held_on: dt.date | None = None
    title: str = ""
    summary: str = ""
    shortcomings: str = ""
    directions: str = ""
    decision_id: int | None = None
    results: int = field(default=0, compare=False)
    decision_number: str = field(default="", compare=False)

    @property
    def held(self) -> bool:
        """Recorded (it took place), not only planned."""
        return self.held_on is not None

    @property
    def day(self) -> dt.date | None:
        """The date that places it in time: held, else planned."""
        return self.held_on or self.planned_on


@dataclass(frozen=True)
class ReviewResult:
    """A participant's result in a review: classification, ranking, the award proposed."""

    id: int | None
    review_id: int | None
    staff_id: int | None = None
    unit_id: int | None = None
    result: str = ""  # '' | xuat_sac | tot | hoan_thanh | chua_hoan_thanh
    rank: int | None = None
    award_type: str | None = None
    note: str = ""
    position: int = 0
    name: str = field(default="", compare=False)
    code: str = field(default="", compare=False)
    unit_name: str = field(default="", compare=False)
    award_name: str = field(default="", compare=False)


@dataclass(frozen=True)
class Evidence:
    """A file attached to a progress note (a copy kept beside the database)."""

    id: int | None
    note_id: int
    file_name: str
    stored_path: str
    size: int = 0
    added_at: str = ""


@dataclass(frozen=True)
class ProgressNote:
    """A dated note on how the campaign is going, with its evidence files."""

    id: int | None
    campaign_id: int
    noted_on: dt.date
    text: str = ""
    files: tuple[Evidence, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Reminder:
    """Something on the campaigns tab that needs doing; the UI renders the sentence.

    kind: 'review_due' (a planned review within the horizon), 'overdue' (period over, no tổng
    kết), 'unresolved' (registrations whose year or campaign is over and still without a result).
    """

    kind: str
    campaign_id: int
    campaign_name: str
    day: dt.date | None = None
    review_kind: str = ""
    count: int = 0
