"""The review keeps a year's verdicts packed: each read gives back the verdict the engine made, equal parts shared."""

from __future__ import annotations

import sys

from tdkt_desktop.rules.model import Verdict
from tdkt_desktop.services.eligibility import evaluate_year
from tdkt_desktop.services.kept_verdicts import Memo, PersonVerdicts, eligible_elsewhere, pack

YEAR = 2026


def test_a_packed_person_reads_back_as_the_engines_verdicts_in_order(demo_db):
    whole = evaluate_year(demo_db, YEAR)
    memo = Memo()
    for verdicts in whole.person_verdicts.values():
        packed = pack(verdicts, memo)
        assert isinstance(packed, PersonVerdicts)
        assert list(packed) == list(verdicts) and len(packed) == len(verdicts)
        assert packed == verdicts and dict(packed.items()) == verdicts
        for code, verdict in verdicts.items():
            assert type(packed[code]) is Verdict and tuple(packed[code]) == tuple(verdict)
            assert packed.get(code) == verdict
        assert packed.get("khong_co") is None and "khong_co" not in packed
        for award in [*verdicts, "khong_co"]:
            assert list(eligible_elsewhere(packed, award)) == list(eligible_elsewhere(verdicts, award))


def test_equal_outcomes_are_kept_once(demo_db):
    whole = evaluate_year(demo_db, YEAR)
    memo = Memo()
    packed = [pack(v, memo) for v in whole.person_verdicts.values()]
    findings = [f for verdicts in whole.person_verdicts.values() for v in verdicts.values() for f in v.findings]
    assert len(memo.values) < len(findings) / 2  # even on the small demo office most checks come out alike
    kept = {id(o) for p in packed for o in p._outcomes}
    assert len(kept) == len(memo.outcomes) < sum(len(p) for p in packed) / 2
    first, second = packed[0], pack(next(iter(whole.person_verdicts.values())), memo)
    assert second._outcomes is first._outcomes  # the same results again: the same tuple, nothing new kept
    assert sys.getrefcount(first._outcomes) > 2


def test_what_is_not_one_persons_verdicts_is_kept_as_it_is(demo_db):
    whole = evaluate_year(demo_db, YEAR)
    a, b = list(whole.person_verdicts.values())[:2]
    mixed = {"x": next(iter(a.values())), "y": next(iter(b.values()))}
    assert pack(mixed, Memo()) == mixed and type(pack(mixed, Memo())) is dict
    assert pack({}, Memo()) == {}
