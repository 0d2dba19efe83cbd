"""How the review keeps a year's verdicts in memory: equal parts shared, each person's verdicts made when read.

The window keeps every person's verdicts until the next whole evaluation. Kept as named tuples they took
1.8 KB a person (nine verdicts of fifteen fields, their findings and a dict): 180 MB on 100,000 staff. Yet
most people get the same outcome for an award as many others (the same status, the same checks with the
same facts), so an outcome is kept once and shared; a person keeps their own fields and a tuple of
outcomes, itself shared by everyone with the same results. A verdict is put together when it is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from tdkt_desktop.rules.model import DECIDED, Verdict

#: Verdict's fields as this module splits them: the subject's own (0–3 and unit_name) and the outcome (the rest).
_FIELDS = ("subject", "subject_id", "code", "name", "award", "award_name", "eligible", "status", "findings", "year",
           "ruleset", "unit_name", "council", "decision", "authority")
if Verdict._fields != _FIELDS:  # a field added to Verdict must be placed below as well
    raise TypeError(f"kept_verdicts knows Verdict's fields as {_FIELDS}, not {Verdict._fields}")
_new = tuple.__new__


def _make(own: tuple, o: tuple) -> Verdict:
    """The verdict of ``own`` = (subject, id, code, name, unit name) with outcome ``o`` (see :func:`pack`)."""
    return _new(Verdict, (own[0], own[1], own[2], own[3], o[0], o[1], o[2], o[3], o[4], o[5], o[6], own[4], o[7],
                          o[8], o[9]))


class PersonVerdicts(Mapping):
    """One person's verdicts, award code → :class:`Verdict`, in the engine's order; equal to the dict it packs."""

    __slots__ = ("_own", "_outcomes")

    def __init__(self, own: tuple, outcomes: tuple[tuple, ...]):
        self._own = own  # subject, id, code, name, unit name
        self._outcomes = outcomes  # (award, award name, eligible, status, findings, year, rule set, council, …)

    def __getitem__(self, award: str) -> Verdict:
        for outcome in self._outcomes:
            if outcome[0] == award:
                return _make(self._own, outcome)
        raise KeyError(award)

    def __iter__(self) -> Iterator[str]:
        return (outcome[0] for outcome in self._outcomes)

    def __len__(self) -> int:
        return len(self._outcomes)

    def __repr__(self) -> str:
        return f"PersonVerdicts({dict(self)!r})"

    def eligible_elsewhere(self, award: str) -> Iterator[tuple[str, str]]:
        """(code, name) of each other award met on the data and not yet given (no verdict is put together)."""
        return ((o[0], o[1]) for o in self._outcomes if o[0] != award and o[2] and o[3] != DECIDED)


def eligible_elsewhere(verdicts: Mapping[str, Verdict], award: str) -> Iterable[tuple[str, str]]:
    """(code, name) of the awards other than ``award`` met on the data and not yet given, in the engine's order."""
    if isinstance(verdicts, PersonVerdicts):
        return verdicts.eligible_elsewhere(award)
    return ((c, v.award_name) for c, v in verdicts.items() if c != award and v.eligible and not v.decided)


class Memo:
    """What one year's state keeps, each equal value once; used by one worker at a time (the store's).

    Outcomes and outcome tuples are looked up by the identity of their already-shared parts: hashing a
    findings tuple walks every field of every finding, and doing it once per verdict is enough.
    """

    __slots__ = ("values", "outcomes", "sets", "histories")

    def __init__(self):
        self.values: dict = {}  # findings tuples and findings, each its own key
        self.outcomes: dict[tuple, tuple] = {}
        self.sets: dict[tuple, tuple] = {}
        self.histories: dict = {}  # ``PersonHistory.for_year``'s shared one-year dicts


def pack(verdicts: dict[str, Verdict], memo: Memo) -> Mapping[str, Verdict]:
    """One person's verdicts kept small, sharing with ``memo`` every outcome, finding and tuple equal to one kept.

    Verdicts that do not all name the same subject (never made by the engine) are kept as they are.
    """
    values, outcomes, sets = memo.values, memo.outcomes, memo.sets
    own = None
    kept = []
    for v in verdicts.values():
        mine = (v[0], v[1], v[2], v[3], v[11])
        if own is None:
            own = mine
        elif mine != own:
            return dict(verdicts)
        findings = values.get(v[8])
        if findings is None:
            findings = values[v[8]] = tuple([values.setdefault(f, f) for f in v[8]])
        key = (v[4], v[6], v[7], id(findings), v[9], v[10], v[12], v[13], v[14])
        outcome = outcomes.get(key)
        if outcome is None:
            outcome = outcomes[key] = (v[4], v[5], v[6], v[7], findings, v[9], v[10], v[12], v[13], v[14])
        kept.append(outcome)
    if own is None:
        return {}
    key = tuple(map(id, kept))
    shared = sets.get(key)
    if shared is None:
        shared = sets[key] = tuple(kept)
    return PersonVerdicts(own, shared)
