"""Collective titles (Tập thể lao động tiên tiến / xuất sắc, Cờ thi đua) from unit and member records."""

from __future__ import annotations

from collections.abc import Iterable

from tdkt_desktop.rules.model import PersonHistory, UnitHistory, Verdict
from tdkt_desktop.rules.ruleset import RuleSet, frac, percent
from tdkt_desktop.vocabulary import DISCIPLINE_NAMES, DISCIPLINE_ORDER, RATING_ORDER

CSTDCS = "chien_si_thi_dua_co_so"
LDTT = "lao_dong_tien_tien"

def evaluate_units(
    rs: RuleSet,
    units: Iterable[UnitHistory],
    people: dict[int, PersonHistory],
    year: int,
    person_verdicts: dict[int, dict[str, Verdict]],
) -> list[Verdict]:
    """Collective awards for every unit; members' LĐTT/CSTĐCS this year = decided or eligible now."""
    out = []
    for unit in units:
        members = [people[m] for m in unit.member_ids if m in people]
        for code in rs.awards(collective=True):
            params = rs.award(code)
            if params["rule"] == "co":
                if year not in unit.leads_bloc:
                    continue  # bloc result not known yet: nothing to say
                ok, reasons = _rule_co(unit, year, rs)
            else:
                ok, reasons = _rule_ttldtt(unit, members, year, rs, params, person_verdicts)
            needs_council = bool(ok and params.get("council_criteria"))
            if needs_council:
                reasons += [f"Cần Hội đồng xác nhận: {c.rstrip('.')}" for c in params["council_criteria"]]
            if code in unit.awards.get(year, ()):
                reasons.append(f"Đã có quyết định tặng {rs.award_name(code)} năm {year}.")
            out.append(Verdict(
                subject="tap_the", subject_id=unit.id, code=unit.name, name=unit.name, award=code,
                award_name=rs.award_name(code), eligible=ok, needs_council=needs_council,
                reasons=tuple(reasons), year=year, ruleset=rs.name, unit_name=unit.name,
            ))
    return out


def _rule_co(unit: UnitHistory, year: int, rs: RuleSet):
    if unit.leads_bloc.get(year):
        return True, [f"Đạt: dẫn đầu khối thi đua năm {year}."]
    return False, [f"Chưa đủ: không dẫn đầu khối thi đua năm {year}."]


def _rule_ttldtt(unit, members, year, rs, params, person_verdicts):
    ok, reasons = True, []
    rating = unit.ratings.get(year)
    need_rating = params["unit_min_rating"]
    if not rating:
        ok = False
        reasons.append(f"Chưa đủ: chưa có xếp loại tập thể năm {year}.")
    elif RATING_ORDER[rating] < RATING_ORDER[need_rating]:
        ok = False
        reasons.append(f"Chưa đủ: tập thể xếp loại {rating} năm {year} (cần từ {need_rating} trở lên).")
    else:
        reasons.append(f"Đạt: tập thể xếp loại {rating} năm {year}.")
    rated = [m for m in members if m.years.get(year) and m.years[year].rating]
    if not rated:
        return False, reasons + [f"Chưa đủ: chưa có cán bộ nào của đơn vị được xếp loại năm {year}."]

    def has(m, code):
        v = person_verdicts.get(m.id, {}).get(code)
        return m.has_award(code, year) or bool(v and v.eligible)

    ldtt = [m for m in rated if has(m, LDTT)]
    share, strict = frac(params["ldtt_share"]), params.get("ldtt_share_strict", False)
    got = len(ldtt) * share.denominator
    passed = got > share.numerator * len(rated) if strict else got >= share.numerator * len(rated)
    word = "trên" if strict else "từ"
    pct = round(100 * len(ldtt) / len(rated))
    line = (
        f"{len(ldtt)}/{len(rated)} người ({pct} %) đạt hoặc đủ điều kiện Lao động tiên tiến năm {year} "
        f"(cần {word} {percent(params['ldtt_share'])})."
    )
    reasons.append(("Đạt: " if passed else "Chưa đủ: ") + line)
    ok = ok and passed
    floor = params.get("members_min_rating")
    if floor:
        low = [m for m in rated if RATING_ORDER[m.years[year].rating] < RATING_ORDER[floor]]
        if low:
            ok = False
            names = ", ".join(f"{m.name} ({m.years[year].rating})" for m in low[:5])
            reasons.append(f"Chưa đủ: {len(low)} người xếp loại dưới {floor} năm {year}: {names}.")
        else:
            reasons.append(f"Đạt: 100 % cán bộ xếp loại từ {floor} trở lên năm {year}.")
    want = params.get("min_cstdcs", 0)
    if want:
        cs = [m for m in rated if has(m, CSTDCS)]
        if len(cs) >= want:
            reasons.append(f"Đạt: có {len(cs)} người đạt hoặc đủ điều kiện {rs.award_name(CSTDCS)} năm {year}.")
        else:
            ok = False
            reasons.append(f"Chưa đủ: cần ít nhất {want} {rs.award_name(CSTDCS)} năm {year}, chưa có.")
    level = params.get("no_discipline_from")
    if level:
        bad = [
            m for m in members
            if m.years.get(year) and m.years[year].discipline
            and DISCIPLINE_ORDER[m.years[year].discipline] >= DISCIPLINE_ORDER[level]
        ]
        if bad:
            ok = False
            names = ", ".join(f"{m.name} ({DISCIPLINE_NAMES[m.years[year].discipline]})" for m in bad[:5])
            reasons.append(f"Chưa đủ: có cán bộ bị kỷ luật từ {DISCIPLINE_NAMES[level]} trở lên năm {year}: {names}.")
    return ok, reasons
