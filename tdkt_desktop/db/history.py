"""A person's history: ratings, initiatives, titles and awards by year, and the chains that matter."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from tdkt_desktop.db import campaigns as campaigns_db
from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db import ratings as ratings_db
from tdkt_desktop.db.award_records import Award, Initiative, Rating
from tdkt_desktop.vocabulary import RATING_NAMES

#: Chains worth showing (DOMAIN §6.6): code → label. Consecutive years of the same title.
CHAIN_TYPES = {
    "chien_si_thi_dua_co_so": "Chiến sĩ thi đua cơ sở",
    "chien_si_thi_dua_cap_tinh": "Chiến sĩ thi đua cấp tỉnh",
    "chien_si_thi_dua_cap_bo": "Chiến sĩ thi đua cấp Bộ",
    "lao_dong_tien_tien": "Lao động tiên tiến",
}


@dataclass(frozen=True)
class YearEntry:
    """Everything recorded for one person in one year."""

    year: int
    rating: Rating | None = None
    initiatives: tuple[Initiative, ...] = ()
    awards: tuple[Award, ...] = ()
    #: Decision id → campaign name, for this year's awards made for a campaign.
    campaigns: dict[int, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Chain:
    """A run of consecutive years ("Chiến sĩ thi đua cơ sở: 2023, 2024, 2025 – 3 năm liên tục")."""

    code: str
    label: str
    years: tuple[int, ...]

    @property
    def length(self) -> int:
        """Number of consecutive years."""
        return len(self.years)

    def text(self) -> str:
        """The sentence shown in the history panel."""
        years = ", ".join(str(y) for y in self.years)
        tail = f" – {self.length} năm liên tục" if self.length > 1 else ""
        return f"{self.label}: {years}{tail}"


@dataclass(frozen=True)
class PersonHistory:
    """The timeline (newest year first) and the current chains."""

    staff_id: int
    years: tuple[YearEntry, ...] = ()
    chains: tuple[Chain, ...] = field(default=())
    ratings: tuple[Rating, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    awards: tuple[Award, ...] = ()
    #: Decision id → name of the campaign the decision was made for (phong trào).
    campaigns: dict[int, str] = field(default_factory=dict, compare=False)

    def campaign_of(self, award: Award) -> str:
        """The campaign an award came from, or ''."""
        return self.campaigns.get(award.decision_id, "")


def consecutive_runs(years: set[int] | list[int]) -> list[tuple[int, ...]]:
    """Maximal runs of consecutive years, oldest first: {2019, 2021, 2022} → [(2019,), (2021, 2022)]."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return [tuple(r) for r in runs]


def latest_chain(years: set[int] | list[int]) -> tuple[int, ...]:
    """The most recent run of consecutive years (empty when no years)."""
    runs = consecutive_runs(years)
    return runs[-1] if runs else ()


def chains_of(awards: list[Award], ratings: list[Rating]) -> list[Chain]:
    """The latest consecutive run of each chain title, plus ratings of HTT or better."""
    chains = []
    for code, label in CHAIN_TYPES.items():
        run = latest_chain({a.year for a in awards if a.award_type == code})
        if run:
            chains.append(Chain(code, label, run))
    good = latest_chain({r.year for r in ratings if r.rating in ("HTXS", "HTT")})
    if good:
        chains.append(Chain("htt_tro_len", f"{RATING_NAMES['HTT']} trở lên", good))
    excellent = latest_chain({r.year for r in ratings if r.rating == "HTXS"})
    if excellent:
        chains.append(Chain("htxs", RATING_NAMES["HTXS"], excellent))
    return chains


def person_history(db: Database, staff_id: int) -> PersonHistory:
    """One person's full timeline, newest year first, and their chains."""
    ratings = ratings_db.ratings_of(db, staff_id)
    initiatives = ratings_db.initiatives_of(db, staff_id)
    awards = decisions_db.list_awards(db, staff_id=staff_id)
    campaigns = campaigns_db.campaign_names_by_decision(db, [a.decision_id for a in awards])
    years = sorted({r.year for r in ratings} | {i.year for i in initiatives} | {a.year for a in awards}, reverse=True)
    by_rating = {r.year: r for r in ratings}
    entries = tuple(
        YearEntry(
            year=y,
            rating=by_rating.get(y),
            initiatives=tuple(i for i in initiatives if i.year == y),
            awards=tuple(a for a in awards if a.year == y),
            campaigns={a.decision_id: campaigns[a.decision_id] for a in awards
                       if a.year == y and a.decision_id in campaigns},
        )
        for y in years
    )
    return PersonHistory(
        staff_id=staff_id,
        years=entries,
        chains=tuple(chains_of(awards, ratings)),
        ratings=tuple(ratings),
        initiatives=tuple(initiatives),
        awards=tuple(awards),
        campaigns=campaigns,
    )
