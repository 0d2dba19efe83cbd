"""Frozen records of the emulation-bloc tables (kept apart from records.py, which is near its size limit)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Bloc:
    """A khối/cụm thi đua the office belongs to; ``vote_rules`` overrides the default pass rules."""

    id: int | None
    name: str
    level: str = "tinh"  # tinh | bo | trung_uong
    governing_body: str = ""  # letterhead line above the bloc ("UBND TỈNH BÌNH ĐỊNH")
    council: str = ""  # the council it reports to ("Hội đồng Thi đua - Khen thưởng tỉnh")
    place_name: str = ""  # place line of its documents ("Bình Định")
    regulation: str = ""  # its quy chế, as cited in documents
    vote_rules: dict = field(default_factory=dict, compare=False)
    note: str = ""
    sort_order: int = 0
    active: bool = True


@dataclass(frozen=True)
class BlocMember:
    """A member organisation of a bloc, with its contact; ``is_self`` marks the office itself."""

    id: int | None
    bloc_id: int
    name: str
    short_name: str = ""
    contact_person: str = ""
    phone: str = ""
    is_self: bool = False
    sort_order: int = 0
    active: bool = True


@dataclass(frozen=True)
class BlocYear:
    """Who leads the bloc in a year (khối trưởng, khối phó) and the year's theme."""

    bloc_id: int
    year: int
    head_id: int | None = None
    deputy_id: int | None = None
    theme: str = ""
    note: str = ""
    head_name: str = field(default="", compare=False)
    deputy_name: str = field(default="", compare=False)


@dataclass(frozen=True)
class PactSigner:
    """A member's signature under the pact (its representative and title)."""

    member_id: int
    signer_name: str = ""
    signer_title: str = ""
    member_name: str = field(default="", compare=False)


@dataclass(frozen=True)
class Pact:
    """The giao ước thi đua of a bloc-year: numbered commitments and who signed."""

    id: int | None
    bloc_id: int
    year: int
    title: str
    signed_on: dt.date | None = None
    place: str = ""
    note: str = ""
    items: tuple[str, ...] = ()
    signers: tuple[PactSigner, ...] = ()


@dataclass(frozen=True)
class BlocMeeting:
    """A bloc meeting: kind, date, place, host member, chair and secretary, agenda and conclusions."""

    id: int | None
    bloc_id: int
    year: int
    kind: str  # ky_giao_uoc | so_ket | tong_ket | chuyen_de | khac
    held_on: dt.date
    place: str = ""
    host_id: int | None = None
    chair: str = ""
    secretary: str = ""
    guests: str = ""
    agenda: str = ""
    conclusions: str = ""
    note: str = ""
    host_name: str = field(default="", compare=False)


@dataclass(frozen=True)
class MeetingAttendance:
    """One member at a meeting: present or not, and who represented it."""

    meeting_id: int
    member_id: int
    present: bool = True
    representative: str = ""
    position: str = ""
    member_name: str = field(default="", compare=False)
    is_self: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Criterion:
    """A scoring criterion of a bloc-year (or a bonus/penalty item) with its maximum points."""

    id: int | None
    bloc_id: int
    year: int
    code: str
    content: str
    max_points: Decimal
    kind: str = "tieu_chi"  # tieu_chi | cong | tru
    position: int = 0


@dataclass(frozen=True)
class Score:
    """A member's score on one criterion: its own and the bloc's agreed one (either may be missing)."""

    criterion_id: int
    member_id: int
    self_score: Decimal | None = None
    agreed_score: Decimal | None = None


@dataclass(frozen=True)
class VoteRound:
    """One ballot at a meeting (e.g. Cờ thi đua của Chính phủ, vòng 1) with the officer's count."""

    id: int | None
    meeting_id: int
    kind: str
    round_no: int = 1
    title: str = ""
    secret: bool = True
    max_choices: int = 1
    rule: dict = field(default_factory=dict, compare=False)
    counted: int | None = None
    valid: int | None = None
    invalid: int | None = None
    status: str = "mo"  # mo | ket_thuc
    issued: int = field(default=0, compare=False)

    @property
    def is_counted(self) -> bool:
        """Whether the officer has entered the count."""
        return self.counted is not None


@dataclass(frozen=True)
class RoundVoter:
    """A member that received a ballot in a round: in the room, or a written ballot when absent."""

    round_id: int
    member_id: int
    mode: str = "truc_tiep"  # truc_tiep | van_ban
    member_name: str = field(default="", compare=False)


@dataclass(frozen=True)
class RoundCandidate:
    """A candidate of a round and the votes counted for it."""

    round_id: int
    member_id: int
    votes: int = 0
    member_name: str = field(default="", compare=False)
