"""Competition ranking ("1, 2, 2, 4"): equal scores share a rank and are flagged, never broken silently."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Ranked:
    """One ranked item: its key, score, rank (None when it has no score) and whether it shares the rank."""

    key: Hashable
    score: Any
    rank: int | None
    tied: bool


def competition_ranking(items: Iterable[tuple[Hashable, Any]], *, higher_is_better: bool = True) -> list[Ranked]:
    """Rank ``(key, score)`` pairs: equal scores get the same rank and the next rank skips (1, 2, 2, 4).

    Items keep the caller's order within a tie (e.g. member order), which is presentation only:
    ``tied`` tells every reader that the rank is shared. Items scored ``None`` come last, unranked.
    """
    pairs = list(items)
    scored = [(k, s) for k, s in pairs if s is not None]
    unscored = [k for k, s in pairs if s is None]
    # Python's sort is stable, so ties stay in input order.
    scored.sort(key=lambda pair: pair[1], reverse=higher_is_better)
    counts: dict[Any, int] = {}
    for _key, score in scored:
        counts[score] = counts.get(score, 0) + 1
    out: list[Ranked] = []
    rank = 0
    previous: Any = object()
    for position, (key, score) in enumerate(scored, start=1):
        if score != previous:
            rank = position
            previous = score
        out.append(Ranked(key, score, rank, counts[score] > 1))
    out += [Ranked(k, None, None, False) for k in unscored]
    return out


def rank_text(rank: int | None, tied: bool) -> str:
    """A rank as shown and printed: '3', '3=' when shared (never broken silently), '' when unranked."""
    return "" if rank is None else f"{rank}{'=' if tied else ''}"
