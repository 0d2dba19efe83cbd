"""The eligibility engine: a person's or unit's history + the rule set of the year → verdicts with reasons.

Conventions (documented in the issue report too):
- The year under review is judged by the set in force on 31/12 of that year (``ruleset.resolve``);
  each earlier year's exclusions (discipline, and so whether it extends a chain) by that year's set.
- Titles already decided are facts. For the year under review a title not yet decided counts
  towards chains when the engine finds it eligible now ("đủ điều kiện, chưa có quyết định").
- Chains only count years after the last time the same award was given (one achievement, one award).
- ``eligible`` covers what the data can decide; council-only criteria set ``needs_council`` and add
  a "Cần Hội đồng xác nhận" reason, and never make ``eligible`` false.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from tdkt_desktop.errors import ValidationError
from tdkt_desktop.rules.model import InitiativeFact, PersonHistory, UnitHistory, Verdict
from tdkt_desktop.rules.ruleset import RuleSet, resolve
from tdkt_desktop.text import format_date
from tdkt_desktop.vocabulary import DISCIPLINE_NAMES, DISCIPLINE_ORDER, RATING_ORDER, SCOPE_NAMES, SCOPE_ORDER

CSTDCS = "chien_si_thi_dua_co_so"
LDTT = "lao_dong_tien_tien"


def years_text(years: Iterable[int]) -> str:
    """'2023, 2024, 2025' (ascending)."""
    return ", ".join(str(y) for y in sorted(years))


class Engine:
    """Evaluates histories against a list of rule sets (bundled and office copies)."""

    def __init__(self, rulesets: list[RuleSet]):
        self.rulesets = list(rulesets)
        self._by_year: dict[int, RuleSet] = {}

    def ruleset_for(self, year: int) -> RuleSet:
        """The set that judges ``year`` (cached)."""
        if year not in self._by_year:
            self._by_year[year] = resolve(self.rulesets, year)
        return self._by_year[year]

    # --- people -----------------------------------------------------------------------------

    def evaluate_people(self, people: Iterable[PersonHistory], year: int) -> list[Verdict]:
        """Every individual award of the year's set, for every person, eligible or not."""
        out: list[Verdict] = []
        for person in people:
            out.extend(self.evaluate_person(person, year).values())
        return out

    def evaluate_person(self, p: PersonHistory, year: int) -> dict[str, Verdict]:
        """award code → verdict, in the set's order (later awards may use earlier verdicts)."""
        rs = self.ruleset_for(year)
        now: dict[str, Verdict] = {}
        for code in rs.awards(collective=False):
            params = rs.award(code)
            method = getattr(self, f"_rule_{params['rule']}")
            ok, reasons = method(p, year, rs, params, now, code)
            now[code] = self._verdict(p, year, rs, code, params, ok, reasons)
        return now

    def _verdict(self, p, year, rs, code, params, ok, reasons) -> Verdict:
        reasons = list(reasons)
        excluded = self.exclusions(p, year, rs, general_only=code != LDTT)
        if excluded:
            ok = False
            reasons = excluded + reasons
        needs_council = bool(ok and params.get("council_criteria"))
        if needs_council:
            reasons += [f"Cần Hội đồng xác nhận: {c.rstrip('.')}" for c in params["council_criteria"]]
        if p.has_award(code, year):
            reasons.append(f"Đã có quyết định tặng {rs.award_name(code)} năm {year}.")
        return Verdict(
            subject="ca_nhan", subject_id=p.id, code=p.code, name=p.name, award=code,
            award_name=rs.award_name(code), eligible=ok, needs_council=needs_council,
            reasons=tuple(reasons), year=year, ruleset=rs.name, unit_name=p.unit_name,
        )

    def exclusions(self, p: PersonHistory, year: int, rs: RuleSet, *, general_only: bool = False) -> list[str]:
        """'Không xét: …' reasons for ``year`` under ``rs`` (discipline always; service time, absence for LĐTT)."""
        excl = rs.exclusions
        facts = p.years.get(year)
        out = []
        if facts and facts.discipline and (
            DISCIPLINE_ORDER[facts.discipline] >= DISCIPLINE_ORDER[excl["discipline_min"]]
        ):
            out.append(f"Không xét: bị kỷ luật {DISCIPLINE_NAMES[facts.discipline]} năm {year}.")
        if general_only:
            return out
        if p.recruited_on and p.recruited_on.year > year:
            out.append(f"Không xét: tuyển dụng ngày {format_date(p.recruited_on)}, sau năm {year}.")
        elif p.recruited_on and p.recruited_on.year == year:
            months = 12 - p.recruited_on.month + (1 if p.recruited_on.day == 1 else 0)
            need = excl["min_months_worked"]
            if months < need:
                out.append(
                    f"Không xét: tuyển dụng ngày {format_date(p.recruited_on)}, mới {months} tháng công tác "
                    f"trong năm {year} (cần ít nhất {need} tháng)."
                )
        limit = excl.get("absence_days_max")
        if limit is not None and facts:
            days = facts.absent_days - (facts.maternity_days if excl.get("maternity_counts", True) else 0)
            if days >= limit:
                out.append(
                    f"Không xét: nghỉ {days} ngày làm việc năm {year} (không kể nghỉ thai sản), "
                    f"từ {limit} ngày trở lên."
                )
        return out

    # --- helpers over history -----------------------------------------------------------------

    def _rating_ok(self, p: PersonHistory, year: int, min_rating: str) -> bool:
        facts = p.years.get(year)
        return bool(facts and facts.rating and RATING_ORDER[facts.rating] >= RATING_ORDER[min_rating])

    def _clean_year(self, p: PersonHistory, year: int) -> bool:
        """No disciplinary exclusion in ``year``, judged by that year's own rule set."""
        facts = p.years.get(year)
        if facts is None or not facts.discipline:
            return True  # the common case, without building reasons
        try:
            rs = self.ruleset_for(year)
        except ValidationError:  # a year before every rule set: nothing to exclude it with
            return True
        return not self.exclusions(p, year, rs, general_only=True) or not rs.exclusions.get(
            "discipline_breaks_chains", True
        )

    def _holds(self, p: PersonHistory, code: str, year: int, current: int, now: dict[str, Verdict]) -> bool:
        if p.has_award(code, year):
            return True
        return year == current and code in now and now[code].eligible

    def _last_award(self, p: PersonHistory, code: str, before: int) -> int | None:
        years = [y for y in p.any_award([code]) if y < before]
        return years[-1] if years else None

    def _chain(self, p, code, year, now, own_code) -> list[int]:
        """Consecutive years holding ``code`` ending at ``year``, after the last ``own_code`` award."""
        floor = self._last_award(p, own_code, year)
        got = []
        y = year
        while (floor is None or y > floor) and self._holds(p, code, y, year, now):
            got.append(y)
            y -= 1
        return sorted(got)

    def _run(self, p, year, min_rating) -> list[int]:
        """Consecutive years rated ≥ ``min_rating`` with no exclusion, ending at ``year``."""
        got = []
        y = year
        while self._rating_ok(p, y, min_rating) and self._clean_year(p, y):
            got.append(y)
            y -= 1
        return sorted(got)

    def _initiatives(self, p, years: Iterable[int], min_scope: str) -> list[InitiativeFact]:
        wanted = set(years)
        return [
            i for i in p.initiatives
            if i.year in wanted and SCOPE_ORDER.get(i.scope, -1) >= SCOPE_ORDER[min_scope]
        ]

    @staticmethod
    def _initiative_text(items: list[InitiativeFact]) -> str:
        parts = []
        for i in sorted(items, key=lambda i: i.year):
            kind = "đề tài" if i.kind == "de_tai" else "sáng kiến"
            title = f" “{i.title}”" if i.title else ""
            parts.append(f"{kind}{title} ({SCOPE_NAMES.get(i.scope, i.scope)}, năm {i.year})")
        return "; ".join(parts)

    @staticmethod
    def _needs(count: int, years: list[int]) -> str:
        return f"mới có {years_text(years)}" if years else "chưa có năm nào"

    # --- individual rules -------------------------------------------------------------------

    def _ldtt_core(self, p, year, min_rating) -> tuple[bool, list[str]]:
        facts = p.years.get(year)
        if not facts or not facts.rating:
            return False, [f"Chưa đủ: chưa có kết quả xếp loại năm {year}."]
        if RATING_ORDER[facts.rating] < RATING_ORDER[min_rating]:
            return False, [f"Chưa đủ: xếp loại năm {year} là {facts.rating} (cần từ {min_rating} trở lên)."]
        return True, [f"Đạt: xếp loại năm {year} là {facts.rating}."]

    def _rule_ldtt(self, p, year, rs, params, now, code):
        return self._ldtt_core(p, year, params["min_rating"])

    def _rule_cstdcs(self, p, year, rs, params, now, code):
        if LDTT in now:
            ok, reasons = now[LDTT].eligible, []
        else:  # LĐTT switched off in this set: still required by Điều 23 k1
            ok = self._ldtt_core(p, year, "HTT")[0] and not self.exclusions(p, year, rs)
            reasons = []
        if not ok:
            reasons.append(f"Chưa đủ: chưa đạt tiêu chuẩn Lao động tiên tiến năm {year}.")
        if ok:
            reasons.append(f"Đạt: đủ tiêu chuẩn Lao động tiên tiến năm {year}.")
        paths = params["paths"]
        window = range(year - params.get("initiative_window_years", 1) + 1, year + 1)
        scope = params["initiative_min_scope"]
        met = []
        facts = p.years.get(year)
        if "htxs" in paths and facts and facts.rating == "HTXS":
            met.append(f"Đạt: xếp loại Hoàn thành xuất sắc nhiệm vụ năm {year}.")
        if "initiative" in paths:
            found = self._initiatives(p, window, scope)
            if found:
                met.append(f"Đạt: có {self._initiative_text(found)}.")
        if met:
            reasons.extend(met)
        else:
            ok = False
            options = []
            if "htxs" in paths:
                options.append(f"xếp loại HTXS năm {year}")
            if "initiative" in paths:
                options.append(f"sáng kiến hoặc đề tài {SCOPE_NAMES[scope]} trở lên năm {years_text(window)}")
            reasons.append(f"Chưa đủ: cần {' hoặc '.join(options)}, chưa có.")
        return ok, reasons

    def _rule_cstd_tinh(self, p, year, rs, params, now, code):
        chain_code, need = params["chain_award"], params["chain_years"]
        chain_name = rs.award_name(chain_code)
        chain = self._chain(p, chain_code, year, now, code)
        reasons = []
        ok = len(chain) >= need
        if ok:
            reasons.append(f"Đạt: {need} năm liên tục {chain_name} ({years_text(chain[-need:])}).")
        else:
            reasons.append(f"Chưa đủ: cần {need} năm liên tục {chain_name}, {self._needs(need, chain)}.")
        if year in chain and not p.has_award(chain_code, year):
            reasons.append(f"Năm {year}: đủ điều kiện {chain_name}, chưa có quyết định.")
        # The initiative must belong to the chain itself (the years of the titles it builds on).
        window = chain[-need:] or [year]
        scope = params["initiative_min_scope"]
        found = self._initiatives(p, window, scope)
        if found:
            reasons.append(f"Đạt: có {self._initiative_text(found)}.")
        else:
            ok = False
            reasons.append(
                f"Chưa đủ: cần sáng kiến hoặc đề tài phạm vi {SCOPE_NAMES[scope]}"
                f"{'' if scope == 'toan_quoc' else ' trở lên'} trong năm {years_text(window)}, chưa có."
            )
        return ok, reasons

    def _rule_giay_khen(self, p, year, rs, params, now, code):
        need, rating = params["consecutive_years"], params["min_rating"]
        run = self._run(p, year, rating)
        floor = self._last_award(p, code, year)
        if floor is not None:
            run = [y for y in run if y > floor]
        if len(run) >= need:
            return True, [f"Đạt: {need} năm liên tục xếp loại từ {rating} trở lên ({years_text(run[-need:])})."]
        return False, [f"Chưa đủ: cần {need} năm liên tục xếp loại từ {rating} trở lên, {self._needs(need, run)}."]

    def _rule_bk_tinh(self, p, year, rs, params, now, code):
        chain_code, need = params["chain_award"], params["chain_years"]
        chain_name = rs.award_name(chain_code)
        chain = self._chain(p, chain_code, year, now, code)
        if len(chain) >= need:
            return True, [f"Đạt: {need} năm liên tục {chain_name} ({years_text(chain[-need:])})."]
        htxs_need, init_need = params["htxs_years"], params["initiatives_in_htxs_years"]
        floor = self._last_award(p, code, year)
        run = [y for y in self._run(p, year, "HTXS") if floor is None or y > floor]
        window = run[-htxs_need:]
        found = self._initiatives(p, window, params["initiative_min_scope"]) if len(run) >= htxs_need else []
        if len(run) >= htxs_need and len(found) >= init_need:
            return True, [
                f"Đạt: {htxs_need} năm liên tục Hoàn thành xuất sắc nhiệm vụ ({years_text(window)}) "
                f"và {len(found)} sáng kiến/đề tài: {self._initiative_text(found)}."
            ]
        reasons = [f"Chưa đủ: cần {need} năm liên tục {chain_name}, {self._needs(need, chain)}."]
        detail = f"{self._needs(htxs_need, run)}"
        if len(run) >= htxs_need:
            detail += f", mới có {len(found)} sáng kiến/đề tài"
        reasons.append(
            f"Chưa đủ (cách khác): cần {htxs_need} năm liên tục HTXS kèm {init_need} sáng kiến/đề tài, {detail}."
        )
        return False, reasons

    def _rule_chain_after(self, p, year, rs, params, now, code):
        prior_codes = params["prior_awards"]
        prior_name = " hoặc ".join(rs.award_name(c) for c in prior_codes if c in rs.data["awards"]) or prior_codes[0]
        need, rating = params["run_years"], params["run_min_rating"]
        run = self._run(p, year, rating)
        start = run[0] if run else year + 1
        own_floor = self._last_award(p, code, year)
        priors = [y for y in p.any_award(prior_codes) if start - 1 <= y < year]
        if own_floor is not None:
            priors = [y for y in priors if y > own_floor]
        if not priors:
            since = f" (chuỗi hiện tại từ {start})" if run else ""
            return False, [
                f"Chưa đủ: cần có {prior_name} trước chuỗi năm liên tục xếp loại từ {rating}{since}, chưa có."
            ]
        y0 = priors[-1]
        window = [y for y in run if y > y0]
        reasons = [f"Đạt: có {prior_name} năm {y0}."]
        ok = len(window) >= need
        if ok:
            reasons.append(f"Đạt: {len(window)} năm liên tục xếp loại từ {rating} trở lên sau đó ({years_text(window)}).")
        else:
            reasons.append(
                f"Chưa đủ: cần {need} năm liên tục xếp loại từ {rating} trở lên sau năm {y0}, "
                f"{self._needs(need, window)}."
            )
        counts = [
            ("htxs_in_run", "năm Hoàn thành xuất sắc nhiệm vụ",
             [y for y in window if p.years.get(y) and p.years[y].rating == "HTXS"]),
            ("cstdcs_in_run", f"lần {rs.award_name(CSTDCS)}",
             [y for y in window if self._holds(p, CSTDCS, y, year, now)]),
            ("initiatives_in_run", "sáng kiến/đề tài",
             [i.year for i in self._initiatives(p, window, "co_so")]),
        ]
        for key, label, got in counts:
            want = params.get(key, 0)
            if not want:
                continue
            if len(got) >= want:
                reasons.append(f"Đạt: {len(got)} {label} trong thời gian đó ({years_text(got)}).")
            else:
                ok = False
                have = f"mới có {len(got)}" + (f" ({years_text(got)})" if got else "")
                reasons.append(f"Chưa đủ: cần {want} {label} sau năm {y0}, {have}.")
        return ok, reasons

    def _rule_knc(self, p, year, rs, params, now, code):
        before = [y for y in p.any_award([code]) if y < year]
        if before:
            return False, [f"Không xét: đã được tặng {rs.award_name(code)} năm {before[0]} (chỉ tặng một lần)."]
        if not p.recruited_on:
            return False, ["Chưa đủ: chưa có ngày tuyển dụng để tính thời gian công tác."]
        female = p.gender == "Nữ"
        need = params["service_years_female" if female else "service_years_male"]
        state = [y for y in p.any_award(params.get("state_awards", [])) if y <= year]
        reasons = []
        if state:
            need -= params.get("reduction_years", 0)
            reasons.append(f"Được giảm {params.get('reduction_years', 0)} năm do có khen thưởng cấp Nhà nước năm {state[0]}.")
        end = dt.date(year, 12, 31)
        served = end.year - p.recruited_on.year - ((end.month, end.day) < (p.recruited_on.month, p.recruited_on.day))
        who = "nữ" if female else "nam"
        if served >= need:
            reasons.insert(0, f"Đạt: {served} năm công tác (từ {format_date(p.recruited_on)}), cần {need} năm ({who}).")
            return True, reasons
        reasons.insert(0, f"Chưa đủ: mới {served} năm công tác (từ {format_date(p.recruited_on)}), cần {need} năm ({who}).")
        return False, reasons

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
        return evaluate_units(self.ruleset_for(year), units, people, year, person_verdicts)
