"""The engine's records: findings made by a kind's own constructor are the findings ``Finding`` makes."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt_desktop.rules.model import DecisionRef, Finding, InitiativeFact, finding_maker


def test_a_kinds_constructor_makes_the_same_finding_by_position_keyword_or_default():
    run = finding_maker("run", "met", "year", "years", "min_rating", "gap", "after")
    made = run(False, year=2025, years=(2023, 2024), min_rating="HTT", gap=(2022,))
    assert made == Finding("run", False, year=2025, years=(2023, 2024), min_rating="HTT", gap=(2022,))
    assert type(made) is Finding and made.after == 0 and made.path == "" and made.decision is None
    assert run() == Finding("run")
    assert hash(run(True, 2025)) == hash(Finding("run", True, year=2025))


def test_every_field_can_be_given_and_none_is_mixed_up():
    names = Finding._fields[1:]
    values = {name: (name, index) for index, name in enumerate(names)}  # a distinct value per field
    made = finding_maker("any", *names)(**values)
    assert made == Finding("any", **values) and made.kind == "any"
    some = {"date": dt.date(2020, 1, 1), "decision": DecisionRef("giay_khen", 2024, "5/QĐ"),
            "initiatives": (InitiativeFact(2024),)}
    assert finding_maker("some", *some)(**some) == Finding("some", **some)


def test_a_field_the_finding_does_not_have_is_refused():
    with pytest.raises(TypeError, match="no field"):
        finding_maker("run", "year", "yeras")
    with pytest.raises(TypeError):
        finding_maker("run", "year")(year=2025, need=3)  # only the facts it was made for


def test_histories_built_quickly_keep_dataclass_behaviour():
    import dataclasses

    from tdkt_desktop.rules.model import PersonHistory

    a, b = PersonHistory(1, "CB1", "Lê Văn An"), PersonHistory(id=1, code="CB1", name="Lê Văn An")
    assert a == b and hash(InitiativeFact(2024)) == hash(InitiativeFact(year=2024))
    assert a.years == {} and a.years is not b.years and a.decisions is not b.decisions  # fresh per person
    moved = dataclasses.replace(a, unit_name="Phòng Tổ chức")
    assert moved.unit_name == "Phòng Tổ chức" and moved.code == "CB1" and a.unit_name == ""
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.name = "Khác"
    with pytest.raises(TypeError):
        PersonHistory(1, "CB1")  # name is required, as before
