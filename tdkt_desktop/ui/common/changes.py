"""What a write changed: topic names carried by ``MainWindow.data_changed`` so pages reload only when needed."""

from __future__ import annotations

from collections.abc import Iterable

STAFF = "staff"  # people and their fields
UNITS = "units"  # the unit tree and external organisations
DECISIONS = "decisions"  # decisions and their award lines
RATINGS = "ratings"  # yearly ratings, discipline, initiatives, unit ratings
CATALOG = "catalog"  # award types
SETTINGS = "settings"  # office settings, print settings
WORKING_YEAR = "working_year"  # the year the review, council, ratings, register and statistics pages show
RULESETS = "rulesets"  # office rule-set copies
REVIEW = "review"  # proposals of the yearly review
COUNCIL = "council"  # council members, meetings, votes
CERTIFICATES = "certificates"  # the certificate register
CAMPAIGNS = "campaigns"  # campaigns, registrations, reviews
BLOCS = "blocs"  # blocs, members, meetings, scores, votes
ALL = "all"  # anything: an import, a restore

Changes = frozenset[str]


class WriteFailed(Exception):
    """A write was refused or failed; the user has already seen why, and nothing was saved."""


def changes(*topics: str | Iterable[str]) -> Changes:
    """A frozenset of topics from names or iterables of names."""
    out: set[str] = set()
    for topic in topics:
        out |= {topic} if isinstance(topic, str) else set(topic)
    return frozenset(out)


def touches(changed: Iterable[str], shown: Iterable[str]) -> bool:
    """Whether a page showing ``shown`` must reload after ``changed`` (ALL on either side matches)."""
    changed, shown = set(changed), set(shown)
    return ALL in changed or ALL in shown or bool(changed & shown)
