"""Collective titles (Tập thể lao động tiên tiến / xuất sắc, Cờ thi đua) from unit and member records."""

from __future__ import annotations

from collections.abc import Iterable

from tdkt_desktop.rules.model import (
    DECIDED,
    ELIGIBLE,
    NEEDS_COUNCIL,
    NOT_YET,
    Finding,
    PersonHistory,
    UnitHistory,
    Verdict,
)
from tdkt_desktop.rules.ruleset import RuleSet, frac, percent
from tdkt_desktop.vocabulary import DISCIPLINE_NAMES, DISCIPLINE_ORDER, RATING_NAMES, RATING_ORDER

CSTDCS = "chien_si_thi_dua_co_so"
LDTT = "lao_dong_tien_tien"
#: The individual titles whose verdicts the collective titles read (members' LĐTT and CSTĐCS of the year).
MEMBER_TITLES = (LDTT, CSTDCS)


def evaluate_units(
    rs: RuleSet,
    units: Iterable[UnitHistory],
    people: dict[int, PersonHistory],
    year: int,
    person_verdicts: dict[int, dict[str, Verdict]],
    office_level: str = "so",
) -> list[Verdict]:
    """Collective awards for every unit; members' LĐTT/CSTĐCS this year = decided or eligible now."""
    out = []
    for unit in units:
        members = [people[m] for m in unit.member_ids if m in people]
        for code in rs.awards(collective=True, level=office_level):
            params = rs.award(code)
            if params["rule"] == "co":
                ok, findings = _rule_co(unit, year)
            else:
                ok, findings = _rule_ttldtt(unit, members, year, rs, params, person_verdicts)
            decided = _decided(unit, rs, code, params, year)
            council = [c.rstrip(".") for c in params.get("council_criteria") or []] if ok and not decided else []
            findings += [Finding("council", None, text=c) for c in council]
            if decided is not None:
                findings.append(decided)
            status = DECIDED if decided else NOT_YET if not ok else NEEDS_COUNCIL if council else ELIGIBLE
            out.append(Verdict(
                subject="tap_the", subject_id=unit.id, code=unit.name, name=unit.name, award=code,
                award_name=rs.award_name(code), eligible=ok, status=status, findings=tuple(findings),
                year=year, ruleset=rs.name, unit_name=unit.name, council=tuple(council),
                decision=decided.decision if decided else None, authority=rs.authority(code, office_level),
            ))
    return out


def _decided(unit: UnitHistory, rs: RuleSet, code: str, params: dict, year: int) -> Finding | None:
    """The decision giving this title (or one of the same rank, or a higher title that covers it)."""
    import dataclasses

    for other, note in [(c, "" if c == code else "same_rank") for c in rs.same_rank(code)] + [
        (c, "higher") for c in params.get("covered_by") or []
    ]:
        if unit.has_award(other, year):
            ref = dataclasses.replace(unit.decision(other, year), award_name=rs.award_name(other))
            return Finding("decided", None, year=year, decision=ref, text=note)
    return None


def _rule_co(unit: UnitHistory, year: int):
    """Cờ thi đua cấp Bộ/tỉnh (Điều 26): the collective leading its khối/cụm thi đua."""
    leads = unit.leads_bloc.get(year)
    return bool(leads), [Finding("bloc", leads, year=year)]


def _rule_ttldtt(unit, members, year, rs, params, person_verdicts):
    """Tập thể lao động tiên tiến / xuất sắc (Điều 27, 28): unit rating, members' LĐTT share,
    members' lowest rating, CSTĐCS among members, no discipline from a level (all parameters)."""
    findings: list[Finding] = []
    rating = unit.ratings.get(year) or ""
    need_rating = params["unit_min_rating"]
    ok = bool(rating) and RATING_ORDER[rating] >= RATING_ORDER[need_rating]
    findings.append(Finding("unit_rating", ok, year=year, rating=rating, min_rating=need_rating))
    rated = [m for m in members if m.years.get(year) and m.years[year].rating]
    if not rated:
        return False, findings + [Finding("no_members_rated", False, year=year)]

    def has(m, code):
        v = person_verdicts.get(m.id, {}).get(code)
        return m.has_award(code, year) or bool(v and v.eligible)

    ldtt = [m for m in rated if has(m, LDTT)]
    share, strict = frac(params["ldtt_share"]), params.get("ldtt_share_strict", False)
    got = len(ldtt) * share.denominator
    passed = got > share.numerator * len(rated) if strict else got >= share.numerator * len(rated)
    findings.append(Finding("member_share", passed, year=year, count=len(ldtt), need=len(rated),
                            share=str(params["ldtt_share"]), strict=strict, award_name=rs.award_name(LDTT)))
    ok = ok and passed
    floor = params.get("members_min_rating")
    if floor:
        low = [m for m in rated if RATING_ORDER[m.years[year].rating] < RATING_ORDER[floor]]
        findings.append(Finding("members_floor", not low, year=year, min_rating=floor, count=len(low),
                                names=tuple(m.name for m in low[:5]),
                                options=tuple(m.years[year].rating for m in low[:5])))
        ok = ok and not low
    want = params.get("min_cstdcs", 0)
    if want:
        cs = [m for m in rated if has(m, CSTDCS)]
        findings.append(Finding("min_titles", len(cs) >= want, year=year, count=len(cs), need=want,
                                award_name=rs.award_name(CSTDCS)))
        ok = ok and len(cs) >= want
    level = params.get("no_discipline_from")
    if level:
        bad = [
            m for m in members
            if m.years.get(year) and m.years[year].discipline
            and DISCIPLINE_ORDER[m.years[year].discipline] >= DISCIPLINE_ORDER[level]
        ]
        if bad:
            ok = False
            findings.append(Finding("member_discipline", False, year=year, level=level,
                                    names=tuple(m.name for m in bad[:5]),
                                    options=tuple(m.years[year].discipline for m in bad[:5])))
    return ok, findings


def render_unit_finding(f: Finding) -> str:
    """The Vietnamese sentence of a collective finding (``rules.reasons`` handles the rest)."""
    mark = "Đạt: " if f.met else "Chưa đủ: "
    if f.kind == "unit_rating":
        if not f.rating:
            return f"Chưa đủ: chưa có xếp loại tập thể năm {f.year}."
        if f.met:
            return f"Đạt: tập thể xếp loại {RATING_NAMES[f.rating]} năm {f.year}."
        return (f"Chưa đủ: tập thể xếp loại {RATING_NAMES[f.rating]} năm {f.year} "
                f"(cần từ {RATING_NAMES[f.min_rating]} trở lên).")
    if f.kind == "no_members_rated":
        return f"Chưa đủ: chưa có cán bộ nào của đơn vị được xếp loại năm {f.year}."
    if f.kind == "member_share":
        pct = round(100 * f.count / f.need) if f.need else 0
        word = "trên" if f.strict else "từ"
        return (f"{mark}{f.count}/{f.need} người ({pct} %) đạt hoặc đủ điều kiện {f.award_name} năm {f.year} "
                f"(cần {word} {percent(f.share)}).")
    if f.kind == "members_floor":
        if f.met:
            return f"Đạt: 100 % cán bộ xếp loại từ {RATING_NAMES[f.min_rating]} trở lên năm {f.year}."
        names = ", ".join(f"{n} ({RATING_NAMES[r]})" for n, r in zip(f.names, f.options, strict=True))
        return f"Chưa đủ: {f.count} người xếp loại dưới {RATING_NAMES[f.min_rating]} năm {f.year}: {names}."
    if f.kind == "min_titles":
        if f.met:
            return f"Đạt: có {f.count} người đạt hoặc đủ điều kiện {f.award_name} năm {f.year}."
        return f"Chưa đủ: cần ít nhất {f.need} {f.award_name} năm {f.year}, chưa có."
    if f.kind == "member_discipline":
        names = ", ".join(f"{n} ({DISCIPLINE_NAMES[d]})" for n, d in zip(f.names, f.options, strict=True))
        return (f"Chưa đủ: có cán bộ bị kỷ luật từ {DISCIPLINE_NAMES[f.level]} trở lên năm {f.year}: {names}.")
    if f.kind == "bloc":
        if f.met is None:
            return (f"Chưa đủ: chưa có kết quả bình xét của khối thi đua năm {f.year} "
                    "(ghi “Dẫn đầu khối thi đua” khi khối đã suy tôn).")
        return f"{mark}{'' if f.met else 'không '}dẫn đầu khối thi đua năm {f.year}."
    raise ValueError(f"Không có cách diễn đạt cho “{f.kind}”.")
