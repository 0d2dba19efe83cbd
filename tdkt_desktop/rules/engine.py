"""The eligibility engine: a person's or unit's history + the rule set of the year → structured verdicts.

Conventions:
- The year under review is judged by the set in force on 31/12 of that year (``ruleset.resolve``);
  each earlier year's exclusions (discipline, and so whether it extends a chain) by that year's set.
- Titles already decided are facts. For the year under review a title not yet decided counts
  towards chains when the engine finds it eligible now ("đủ điều kiện, chưa có quyết định"), and the
  council criteria of that pending title carry over to what builds on it.
- One achievement, one award (Luật 2022 Điều 5): a chain only counts years after the last award of
  the same rank (``same_rank`` groups in the rule set: Bằng khen cấp Bộ ≡ cấp tỉnh, CSTĐ cấp Bộ ≡
  cấp tỉnh); the years an earlier award used are named.
- ``eligible`` covers what the data can decide; council-only criteria go to ``Verdict.council`` and
  never make ``eligible`` false. ``status`` is what a screen shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from tdkt_desktop.errors import ValidationError
from tdkt_desktop.rules.model import (
    DECIDED,
    ELIGIBLE,
    EXCLUDED,
    NEEDS_COUNCIL,
    NOT_YET,
    Finding,
    InitiativeFact,
    PersonHistory,
    UnitHistory,
    Verdict,
    finding_maker,
)
from tdkt_desktop.rules.person_rules import PersonRules
from tdkt_desktop.rules.ruleset import RuleSet, resolve
from tdkt_desktop.vocabulary import DISCIPLINE_ORDER, RATING_ORDER, SCOPE_ORDER

_new_tuple = tuple.__new__
# The findings every person gets, made by constructors that take only their facts (see finding_maker).
_council_finding = finding_maker("council", "text", "award_name")
_chain_finding = finding_maker("chain", "met", "year", "years", "need", "award", "award_name", "earlier", "used", "gap")
_pending_finding = finding_maker("pending", "year", "award", "award_name")
_run_finding = finding_maker("run", "met", "year", "years", "min_rating", "gap", "rating", "level", "after", "need",
                             "path")
CSTDCS = "chien_si_thi_dua_co_so"
LDTT = "lao_dong_tien_tien"


class _Step(NamedTuple):
    """One individual award of a year's set, with what its verdict needs (see ``Engine._plan``)."""

    code: str
    params: dict
    rule: Callable
    name: str
    authority: str
    same_rank: tuple[str, ...]
    once: bool
    council: tuple[str, ...]  # the council-only criteria, without their final full stop
    general_only: bool  # only the general exclusions (discipline) apply: every award but LĐTT


class Engine(PersonRules):
    """Evaluates histories against a list of rule sets (bundled and office copies) for one kind of office."""

    def __init__(self, rulesets: list[RuleSet], *, office_level: str = "so"):
        self.rulesets = list(rulesets)
        self.office_level = office_level
        self._by_year: dict[int, RuleSet] = {}
        self._plans: dict[int, tuple[_Step, ...]] = {}

    def ruleset_for(self, year: int) -> RuleSet:
        """The set that judges ``year`` (cached)."""
        if year not in self._by_year:
            self._by_year[year] = resolve(self.rulesets, year)
        return self._by_year[year]

    def _plan(self, year: int) -> tuple[_Step, ...]:
        """The individual awards of the year's set with what each verdict needs, looked up once per year."""
        plan = self._plans.get(year)
        if plan is None:
            rs = self.ruleset_for(year)
            plan = tuple(
                _Step(code, params, getattr(type(self), f"_rule_{params['rule']}"), rs.award_name(code),
                      rs.authority(code, self.office_level), rs.same_rank(code), bool(params.get("once")),
                      tuple(c.rstrip(".") for c in params.get("council_criteria") or []), code != LDTT)
                for code in rs.awards(collective=False, level=self.office_level)
                for params in [rs.award(code)]
            )
            self._plans[year] = plan
        return plan

    # --- people -----------------------------------------------------------------------------

    def evaluate_people(self, people: Iterable[PersonHistory], year: int) -> list[Verdict]:
        """Every individual award of the year's set, for every person, eligible or not."""
        out: list[Verdict] = []
        for person in people:
            out.extend(self.evaluate_person(person, year).values())
        return out

    def evaluate_person(self, p: PersonHistory, year: int) -> dict[str, Verdict]:
        """award code → verdict, in the set's order (later awards may use earlier verdicts).

        Each step's verdict: the year's exclusions fail it; a decision for the year (of this award
        or one of the same rank) or an earlier once-only award decides it; council criteria (own and
        carried over) are listed while the data alone makes it eligible.
        """
        rs = self.ruleset_for(year)
        now: dict[str, Verdict] = {}
        # The year's exclusions are the same for every award: found once per person (no engine state,
        # so one engine may judge several people at once). LĐTT sees them all, the others discipline only.
        general = self.exclusions(p, year, rs, general_only=True)
        full = general + self._service_exclusions(p, year, rs)
        decided_now = year in p.awards
        head, tail = ("ca_nhan", p.id, p.code, p.name), (year, rs.name, p.unit_name)
        for code, params, rule, name, authority, same_rank, once, own_council, general_only in self._plan(year):
            ok, findings, inherited = rule(self, p, year, rs, params, now, code)
            excluded = general if general_only else full
            if excluded:
                ok = False
                findings = excluded + list(findings)
            elif type(findings) is not list:  # rules return new lists, appended to below; anything else is copied
                findings = list(findings)
            decided = self._held_this_year(p, rs, same_rank, year) if decided_now else None
            if once:
                earlier = self._once_only(p, rs, code, year)
                if earlier:  # given before, and given once only: no longer a criterion the person meets
                    decided, ok = earlier, False
            council: tuple[str, ...] = ()
            if ok and not decided and (own_council or inherited):  # a decision made needs no confirmation
                council = tuple(self._council(findings, own_council, inherited))
            if decided:
                findings.append(Finding("decided", None, year=year, decision=decided,
                                        text="" if decided.award == code else "same_rank"))
            status = DECIDED if decided else EXCLUDED if excluded else NOT_YET if not ok else (
                NEEDS_COUNCIL if council else ELIGIBLE)
            # A plain tuple in the field order of Verdict: 180,000 of these on a large office.
            now[code] = _new_tuple(Verdict, (*head, code, name, ok, status, tuple(findings), *tail, council, decided,
                                             authority))
        return now

    @staticmethod
    def _council(findings: list[Finding], own: tuple[str, ...], inherited) -> list[str]:
        """Own council criteria, then those carried over from a title this one builds on (named)."""
        texts: list[str] = []
        for award_name, criteria in inherited:
            for c in criteria:
                if c not in texts:
                    texts.append(c)
                    findings.append(_council_finding(text=c, award_name=award_name))
        for c in own:
            if c not in texts:
                texts.append(c)
                findings.append(_council_finding(text=c))
        return texts

    def _held_this_year(self, p: PersonHistory, rs: RuleSet, ranks: tuple[str, ...], year: int):
        """The decision giving this award, or one of the same rank, for the year under review."""
        held = p.awards.get(year)
        if not held:
            return None
        for other in ranks:
            if other in held:
                ref = p.decision(other, year)
                return ref if ref.award_name else _named(ref, rs.award_name(other))
        return None

    def _once_only(self, p: PersonHistory, rs: RuleSet, code: str, year: int):
        """For once-in-a-lifetime awards (Kỷ niệm chương): the earlier decision that gave it."""
        before = [y for y in p.any_award([code]) if y < year]
        return _named(p.decision(code, before[0]), rs.award_name(code)) if before else None

    def exclusions(self, p: PersonHistory, year: int, rs: RuleSet, *, general_only: bool = False) -> list[Finding]:
        """Why ``year`` is not considered under ``rs`` (discipline always; service time, absence for LĐTT)."""
        facts = p.years.get(year)
        out = []
        if facts is not None and facts.discipline and (
            DISCIPLINE_ORDER[facts.discipline] >= DISCIPLINE_ORDER[rs.exclusions["discipline_min"]]
        ):
            out.append(Finding("excl_discipline", False, year=year, level=facts.discipline))
        if general_only:
            return out
        return out + self._service_exclusions(p, year, rs)

    @staticmethod
    def _service_exclusions(p: PersonHistory, year: int, rs: RuleSet) -> list[Finding]:
        """The exclusions besides discipline: recruited too late in (or after) the year, too many days away."""
        excl = rs.exclusions
        out = []
        recruited = p.recruited_on
        if recruited and recruited.year > year:
            out.append(Finding("excl_recruited_after", False, year=year, date=recruited))
        elif recruited and recruited.year == year:
            months = 12 - recruited.month + (1 if recruited.day == 1 else 0)
            need = excl["min_months_worked"]
            if months < need:
                out.append(Finding("excl_recruited_months", False, year=year, date=recruited,
                                   count=months, need=need))
        limit = excl.get("absence_days_max")
        facts = p.years.get(year)
        if limit is not None and facts:
            days = facts.absent_days - (facts.maternity_days if excl.get("maternity_counts", True) else 0)
            if days >= limit:
                out.append(Finding("excl_absence", False, year=year, count=days, need=limit))
        return out

    # --- helpers over history -----------------------------------------------------------------

    def _rating_ok(self, p: PersonHistory, year: int, min_rating: str) -> bool:
        facts = p.years.get(year)
        return bool(facts and facts.rating and RATING_ORDER[facts.rating] >= RATING_ORDER[min_rating])

    def _clean_year(self, p: PersonHistory, year: int) -> bool:
        """No disciplinary exclusion in ``year``, judged by that year's own rule set."""
        facts = p.years.get(year)
        if facts is None or not facts.discipline:
            return True  # the common case, without building findings
        try:
            rs = self.ruleset_for(year)
        except ValidationError:  # a year before every rule set: nothing to exclude it with
            return True
        return not self.exclusions(p, year, rs, general_only=True) or not rs.exclusions.get(
            "discipline_breaks_chains", True
        )

    def _holds(self, p: PersonHistory, codes: tuple[str, ...], year: int, current: int, now: dict) -> bool:
        """Whether the person holds one of ``codes`` in ``year`` (this year: decided or eligible now)."""
        held = p.awards.get(year)
        if held:
            for c in codes:
                if c in held:
                    return True
        if year == current:
            for c in codes:
                v = now.get(c)
                if v is not None and v.eligible:
                    return True
        return False

    def _award_names(self, p: PersonHistory, rs: RuleSet, codes: tuple[str, ...], year: int) -> str:
        """Name of the award of ``codes`` held in ``year`` (the one that used a chain's years)."""
        held = [c for c in codes if p.has_award(c, year)]
        return rs.award_name(held[0]) if held else rs.award_name(codes[0])

    def _chain(self, p, rs, codes, year, now, own_codes, need) -> Finding:
        """Consecutive years holding ``codes`` up to ``year``, after the last award of ``own_codes``.

        The finding also names the years an earlier award of the same rank used, and the latest
        earlier run with the years missing since (a chain that does not reach ``year``, or a break).
        """
        floor = p.last_award(own_codes, year)
        raw: list[int] = []
        y = year
        while self._holds(p, codes, y, year, now):
            raw.append(y)
            y -= 1
        raw.reverse()  # collected downwards
        if floor is None:
            chain, used = tuple(raw), ()
        else:
            chain = tuple([y for y in raw if y > floor])
            used = tuple([(y, self._award_names(p, rs, own_codes, floor)) for y in raw if y <= floor])
        earlier: tuple[int, ...] = ()
        gap: tuple[int, ...] = ()
        start = raw[0] if raw else year + 1
        if len(chain) < need and not used:
            held = [y for y in p.award_years(tuple(codes)) if y < start - 1 and (floor is None or y > floor)]
            if held:
                run = [held[-1]]
                while run[0] - 1 in held:
                    run.insert(0, run[0] - 1)
                earlier = tuple(run)
                gap = tuple(range(run[-1] + 1, start))
        return _chain_finding(len(chain) >= need, year=year, years=chain, need=need, award=codes[0],
                              award_name=rs.award_name(codes[0]), earlier=earlier, used=used, gap=gap)

    def _pending(self, p, codes, year, now) -> tuple[list[Finding], tuple]:
        """The year's own title, eligible but not decided: say so, and carry its council criteria."""
        if any(p.has_award(c, year) for c in codes):
            return [], ()
        for c in codes:
            v = now.get(c)
            if v is not None and v.eligible:
                inherited = ((v.award_name, v.council),) if v.needs_council else ()
                return [_pending_finding(year=year, award=c, award_name=v.award_name)], inherited
        return [], ()

    def _run(self, p, year, min_rating, after: int | None = None, *, need: int = 0, path: str = "") -> Finding:
        """Consecutive years rated ≥ ``min_rating`` with no exclusion, up to ``year`` (after ``after``).

        When the run stops on a recorded year that fails (a lower rating, or discipline), that year
        is the break (``gap``) with its rating or discipline level; the start of the records is no break.
        """
        years = p.years
        floor = -1 if after is None else after  # years are positive: -1 means no floor
        least = RATING_ORDER[min_rating]
        y = year
        facts = None
        while y > floor:
            facts = years.get(y)
            if facts is None or not facts.rating or RATING_ORDER[facts.rating] < least:
                break
            if facts.discipline and not self._clean_year(p, y):
                break
            y -= 1
        else:
            facts = None  # stopped at the floor: no break to name
        gap: tuple[int, ...] = ()
        rating = level = ""
        if facts is not None and (facts.rating or facts.discipline):
            gap = (y,)
            rating = facts.rating or ""
            level = facts.discipline if self._rating_ok(p, y, min_rating) else ""
        got = tuple(range(y + 1, year + 1))  # the run is consecutive by construction
        met = len(got) >= need if need else None
        return _run_finding(met, year=year, years=got, min_rating=min_rating, gap=gap,
                            rating=rating, level=level, after=after or 0, need=need, path=path)

    def _initiatives(self, p, years: Iterable[int], min_scope: str) -> tuple[InitiativeFact, ...]:
        if not p.initiatives:
            return ()  # most people, most years
        wanted = years if type(years) is tuple else tuple(years)  # a few years: a tuple is searched as fast as a set
        least = SCOPE_ORDER[min_scope]
        return tuple([i for i in p.initiatives if i.year in wanted and SCOPE_ORDER.get(i.scope, -1) >= least])

    # --- collectives ---------------------------------------------------------------------------

    def evaluate_units(
        self,
        units: Iterable[UnitHistory],
        people: dict[int, PersonHistory],
        year: int,
        person_verdicts: dict[int, dict[str, Verdict]] | None = None,
    ) -> list[Verdict]:
        """Collective awards for every unit (see ``rules.collectives``)."""
        from tdkt_desktop.rules.collectives import evaluate_units

        if person_verdicts is None:
            person_verdicts = {pid: self.evaluate_person(p, year) for pid, p in people.items()}
        return evaluate_units(self.ruleset_for(year), units, people, year, person_verdicts, self.office_level)


def _named(ref, name: str):
    """A decision reference with the award's name filled in."""
    import dataclasses

    return dataclasses.replace(ref, award_name=name)
