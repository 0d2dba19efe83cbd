"""Small builders for engine tests: histories from short literals."""

from __future__ import annotations

import datetime as dt

from tdkt_desktop.rules.engine import Engine
from tdkt_desktop.rules.model import InitiativeFact, PersonHistory, UnitHistory, YearFacts
from tdkt_desktop.rules.ruleset import load_builtin

CODES = {
    "ldtt": "lao_dong_tien_tien",
    "cstdcs": "chien_si_thi_dua_co_so",
    "cstdt": "chien_si_thi_dua_cap_tinh",
    "cstdb": "chien_si_thi_dua_cap_bo",
    "cstdtq": "chien_si_thi_dua_toan_quoc",
    "gk": "giay_khen",
    "bkt": "bang_khen_cap_tinh",
    "bkb": "bang_khen_cap_bo",
    "bkttg": "bang_khen_thu_tuong",
    "hcld3": "huan_chuong_lao_dong_hang_ba",
    "hcld2": "huan_chuong_lao_dong_hang_nhi",
    "hcld1": "huan_chuong_lao_dong_hang_nhat",
    "knc": "ky_niem_chuong",
    "ttldtt": "tap_the_lao_dong_tien_tien",
    "ttldxs": "tap_the_lao_dong_xuat_sac",
    "co": "co_thi_dua_cap_tinh",
    "cob": "co_thi_dua_cap_bo",
}


def person(
    ratings: dict[int, str] | None = None,
    *,
    pid: int = 1,
    awards: dict[int, list[str]] | None = None,
    initiatives: list[tuple[int, str]] | None = None,
    discipline: dict[int, str] | None = None,
    recruited: str | None = None,
    gender: str = "Nam",
    unit_id: int | None = 1,
    decisions: dict[tuple[int, str], tuple[str, str]] | None = None,
) -> PersonHistory:
    """ratings {year: 'HTT'}, awards {year: ['cstdcs']}, initiatives [(year, scope)], discipline {year: code},
    decisions {(year, 'bkb'): ('12/QĐ-BKHCN', '2025-03-01')}."""
    discipline = discipline or {}
    years = {y: YearFacts(rating=r, discipline=discipline.get(y, "")) for y, r in (ratings or {}).items()}
    for y, d in discipline.items():
        years.setdefault(y, YearFacts(discipline=d))
    return PersonHistory(
        id=pid, code=f"CB{pid:03d}", name=f"Người {pid}", gender=gender, unit_id=unit_id,
        recruited_on=dt.date.fromisoformat(recruited) if recruited else None,
        years=years,
        awards={y: frozenset(CODES[c] for c in cs) for y, cs in (awards or {}).items()},
        initiatives=tuple(InitiativeFact(year=y, scope=s, title=f"Sáng kiến {y}") for y, s in (initiatives or [])),
        decisions={(y, CODES[c]): ref for (y, c), ref in (decisions or {}).items()},
    )


def unit(uid: int, members: list[PersonHistory], ratings: dict[int, str] | None = None, leads=None,
         awards: dict[int, list[str]] | None = None) -> UnitHistory:
    return UnitHistory(
        id=uid, name=f"Phòng {uid}", ratings=ratings or {}, leads_bloc=leads or {},
        member_ids=tuple(m.id for m in members),
        awards={y: frozenset(CODES[c] for c in cs) for y, cs in (awards or {}).items()},
    )


def engine(extra=(), *, office_level: str = "so") -> Engine:
    return Engine(load_builtin() + list(extra), office_level=office_level)


def office_copy(base, changes: dict[str, object]):
    """An office copy of ``base`` (same date, so it replaces it) with some parameters changed."""
    from tdkt_desktop.rules.params import set_param
    from tdkt_desktop.rules.ruleset import from_data

    data = base.data
    for path, value in changes.items():
        data = set_param(data, path, value)
    return from_data(data, source="office", office_id=1, based_on=base.name)
