"""Individual award rules: each returns (criteria met, findings, council criteria carried over).

A rule never writes a sentence: it records what it checked in ``Finding`` records that
``rules.reasons`` renders. Parameters come from the rule set (``params``); the law each rule follows
is named in its docstring (DOMAIN §4, §6).
"""

from __future__ import annotations

from tdkt_desktop.rules.model import Finding, finding_maker
from tdkt_desktop.vocabulary import RATING_ORDER

LDTT = "lao_dong_tien_tien"
# The findings every person gets, made by constructors that take only their facts (see finding_maker).
_rating_finding = finding_maker("rating", "met", "year", "rating", "min_rating")
_ldtt_finding = finding_maker("ldtt_standard", "met", "year", "award_name")
_htxs_finding = finding_maker("htxs", "met", "year")
_initiatives_finding = finding_maker("initiatives", "met", "initiatives", "years", "scope", "need", "path")
_paths_finding = finding_maker("cstdcs_paths", "met", "year", "options", "scope", "years")
_in_row_finding = finding_maker("awards_in_row", "met", "year", "years", "need", "award", "award_name", "gap", "used",
                                "earlier", "count", "text")
_prior_finding = finding_maker("prior_award", "met", "year", "award_name", "years", "min_rating", "gap", "rating",
                               "level", "earlier", "decision")
_service_finding = finding_maker("service", "met", "count", "need", "date", "text")


class PersonRules:
    """Mixin of ``Engine``: one ``_rule_<name>`` per rule template of the rule sets."""

    def _rule_ldtt(self, p, year, rs, params, now, code):
        """Lao động tiên tiến (Luật 2022 Điều 24 k1): rated at least ``min_rating``; exclusions apart."""
        facts = p.years.get(year)
        rating = facts.rating if facts and facts.rating else ""
        ok = bool(rating) and RATING_ORDER[rating] >= RATING_ORDER[params["min_rating"]]
        return ok, [_rating_finding(ok, year=year, rating=rating, min_rating=params["min_rating"])], ()

    def _rule_cstdcs(self, p, year, rs, params, now, code):
        """Chiến sĩ thi đua cơ sở (Điều 23): the LĐTT standard (k1, council part included) and one of
        HTXS or an initiative (k2; before 2024 only the initiative, NĐ 91/2017 Điều 9)."""
        inherited: tuple = ()
        ldtt = now.get(LDTT)
        if ldtt is not None:
            ok = ldtt.eligible
            if ldtt.needs_council:
                inherited = ((ldtt.award_name, ldtt.council),)
        else:  # LĐTT switched off in this set: still required by Điều 23 k1
            ok = self._rating_ok(p, year, "HTT") and not self.exclusions(p, year, rs)
        findings = [_ldtt_finding(ok, year=year, award_name=rs.award_name(LDTT))]
        paths = params["paths"]
        window = tuple(range(year - params.get("initiative_window_years", 1) + 1, year + 1))
        scope = params["initiative_min_scope"]
        met = []
        facts = p.years.get(year)
        if "htxs" in paths and facts and facts.rating == "HTXS":
            met.append(_htxs_finding(True, year=year))
        if "initiative" in paths:
            found = self._initiatives(p, window, scope)
            if found:
                met.append(_initiatives_finding(True, initiatives=found, years=window, scope=scope, need=1))
        if met:
            findings.extend(met)
        else:
            ok = False
            findings.append(_paths_finding(False, year=year, options=tuple(paths), scope=scope, years=window))
        return ok, findings, inherited

    def _rule_cstd_tinh(self, p, year, rs, params, now, code):
        """Chiến sĩ thi đua cấp Bộ/tỉnh (Điều 22): ``chain_years`` consecutive CSTĐCS after the last
        award of this rank, and an initiative of Bộ/tỉnh scope in the years of that chain."""
        codes = rs.same_rank(params["chain_award"])
        need = params["chain_years"]
        chain = self._chain(p, rs, codes, year, now, rs.same_rank(code), need)
        findings = [chain]
        inherited: tuple = ()
        if year in chain.years:
            pending, inherited = self._pending(p, codes, year, now)
            findings += pending
        window = chain.years[-need:] or (year,)
        found = self._initiatives(p, window, params["initiative_min_scope"])
        findings.append(_initiatives_finding(bool(found), initiatives=found, years=window,
                                             scope=params["initiative_min_scope"], need=1))
        return chain.met and bool(found), findings, inherited

    def _rule_consecutive_awards(self, p, year, rs, params, now, code):
        """Chiến sĩ thi đua toàn quốc (Điều 21): ``times`` consecutive *awards* of CSTĐ Bộ/tỉnh — each
        one's CSTĐCS chain starts right after the previous award, with no year missing (DOMAIN §4.4) —
        reviewed in the year of the last one (``review_after_years`` 0) or the year after (1), and an
        initiative of nationwide scope over those chains."""
        titles = rs.same_rank(params["title_award"])
        link = rs.same_rank(params["link_award"])
        times, offset = params["times"], params.get("review_after_years", 0)
        own = rs.same_rank(code)
        floor = p.last_award(own, year)
        last = year - offset
        held = sorted({y for y in p.any_award(titles) if y <= last}
                      | ({year} if offset == 0 and self._holds(p, titles, year, year, now) else set()))
        sequence: list[int] = []
        gap: tuple[int, ...] = ()
        used: tuple = ()
        earlier: tuple[int, ...] = ()
        if last in held:
            sequence = [last]
            for previous in reversed([y for y in held if y < last]):
                if floor is not None and previous <= floor:
                    used = ((previous, self._award_names(p, rs, own, floor)),)
                    break
                missing = tuple(y for y in range(previous + 1, sequence[0] + 1)
                                if not self._holds(p, link, y, year, now))
                if missing:
                    gap, earlier = missing, (previous,)
                    break
                sequence.insert(0, previous)
        else:
            earlier = tuple(y for y in held if floor is None or y > floor)
        ok = len(sequence) >= times
        findings = [_in_row_finding(ok, year=year, years=tuple(sequence), need=times, award=titles[0],
                                    award_name=rs.award_name(titles[0]), gap=gap, used=used, earlier=earlier,
                                    count=offset, text=rs.award_name(link[0]))]
        inherited: tuple = ()
        if year in sequence:
            pending, inherited = self._pending(p, titles, year, now)
            findings += pending
        chain_years = (rs.award(titles[0]) or {}).get("chain_years", 1)
        start = (sequence[0] if sequence else year) - chain_years + 1
        window = tuple(range(start, year + 1))
        found = self._initiatives(p, window, params["initiative_min_scope"])
        findings.append(_initiatives_finding(bool(found), initiatives=found, years=window,
                                             scope=params["initiative_min_scope"], need=1))
        return ok and bool(found), findings, inherited

    def _rule_giay_khen(self, p, year, rs, params, now, code):
        """Giấy khen (Điều 75 k2: the province's or ministry's criteria): ``consecutive_years`` rated
        at least ``min_rating``, after the last Giấy khen."""
        run = self._run(p, year, params["min_rating"], after=p.last_award(rs.same_rank(code), year),
                        need=params["consecutive_years"])
        return run.met, [run], ()

    def _rule_bk_tinh(self, p, year, rs, params, now, code):
        """Bằng khen cấp Bộ/tỉnh (Điều 74 k1 d): 2 consecutive CSTĐCS, or 2 consecutive years HTXS with
        2 initiatives at base level; the old regime (NĐ 91/2017 Điều 39) has only the second path."""
        paths = params["paths"]
        own = rs.same_rank(code)
        findings: list[Finding] = []
        inherited: tuple = ()
        if "cstdcs_chain" in paths:
            codes = rs.same_rank(params["chain_award"])
            chain = self._chain(p, rs, codes, year, now, own, params["chain_years"])
            if chain.met:
                pending, inherited = self._pending(p, codes, year, now)
                return True, [chain, *pending], inherited
            findings.append(chain)
        if "htxs_initiatives" in paths:
            htxs_need, init_need = params["htxs_years"], params["initiatives_in_htxs_years"]
            alt = "alt" if "cstdcs_chain" in paths else ""
            run = self._run(p, year, "HTXS", after=p.last_award(own, year), need=htxs_need, path=alt)
            window = run.years[-htxs_need:]
            found = self._initiatives(p, window, params["initiative_min_scope"]) if run.met else ()
            if run.met and len(found) >= init_need:
                return True, [run, _initiatives_finding(True, initiatives=found, years=window,
                                                        scope=params["initiative_min_scope"], need=init_need)], ()
            findings.append(run)
            if run.met:
                findings.append(_initiatives_finding(False, initiatives=found, years=window, path=alt,
                                                     scope=params["initiative_min_scope"], need=init_need))
        return False, findings, inherited

    def _rule_chain_after(self, p, year, rs, params, now, code):
        """Bằng khen Thủ tướng, Huân chương Lao động (Điều 44 k1 e pattern): a prior award, then
        ``run_years`` consecutive years rated at least ``run_min_rating`` after it, with so many HTXS
        years, CSTĐCS titles and initiatives in that run."""
        prior_codes = tuple(params["prior_awards"])
        prior_name = rs.either_name(prior_codes)
        need, rating = params["run_years"], params["run_min_rating"]
        whole = self._run(p, year, rating)
        start = whole.years[0] if whole.years else year + 1
        own_floor = p.last_award(rs.same_rank(code), year)
        prior_years = p.award_years(prior_codes)
        priors = [y for y in prior_years if start - 1 <= y < year and (own_floor is None or y > own_floor)]
        if not priors:
            before = [y for y in prior_years if y < start - 1 and (own_floor is None or y > own_floor)]
            if before:  # the prior award is there, the run after it broke: name that award and the break
                prior_name = rs.award_name(next(c for c in prior_codes if p.has_award(c, before[-1])))
            return False, [_prior_finding(False, year=year, award_name=prior_name, years=whole.years,
                                          min_rating=rating, gap=whole.gap, rating=whole.rating, level=whole.level,
                                          earlier=tuple(before[-1:]))], ()
        y0 = priors[-1]
        held = [c for c in prior_codes if p.has_award(c, y0)]
        findings = [_prior_finding(True, year=y0, award_name=rs.award_name(held[0]),
                                   decision=p.decision(held[0], y0))]
        run = self._run(p, year, rating, after=y0, need=need)
        ok = run.met
        findings.append(run)
        window = run.years
        counts = [
            ("htxs_in_run", "htxs", "", [y for y in window if p.years.get(y) and p.years[y].rating == "HTXS"]),
            ("cstdcs_in_run", "cstdcs", rs.award_name("chien_si_thi_dua_co_so"),
             [y for y in window if self._holds(p, rs.same_rank("chien_si_thi_dua_co_so"), y, year, now)]),
            ("initiatives_in_run", "initiatives", "", [i.year for i in self._initiatives(p, window, "co_so")]),
        ]
        for key, what, name, got in counts:
            want = params.get(key, 0)
            if want:
                met = len(got) >= want
                ok = ok and met
                findings.append(Finding("count_in_run", met, text=what, award_name=name, need=want,
                                        count=len(got), years=tuple(got), after=y0))
        return ok, findings, ()

    def _rule_knc(self, p, year, rs, params, now, code):
        """Kỷ niệm chương (Điều 71 k2; TT 16/2019/TT-BKHCN): ``service_years`` of work (women fewer),
        minus ``reduction_years`` for holders of a state award; once in a lifetime."""
        if not p.recruited_on:
            return False, [Finding("no_recruitment_date", False)], ()
        female = p.gender == "Nữ"
        need = params["service_years_female" if female else "service_years_male"]
        state = p.award_years(tuple(params.get("state_awards", ())))  # ascending: the first is the earliest
        findings = []
        if state and state[0] <= year:
            need -= params.get("reduction_years", 0)
            held = [c for c in params["state_awards"] if p.has_award(c, state[0])]
            findings.append(Finding("service_reduction", None, year=state[0], count=params.get("reduction_years", 0),
                                    award_name=rs.award_name(held[0]) if held else ""))
        served = year - p.recruited_on.year  # full years on 31/12, when every anniversary of the year has passed
        ok = served >= need
        findings.insert(0, _service_finding(ok, count=served, need=need, date=p.recruited_on,
                                            text="nữ" if female else "nam"))
        return ok, findings, ()

