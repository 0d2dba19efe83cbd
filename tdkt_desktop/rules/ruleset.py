"""Versioned rule sets: load the bundled JSON files, validate edits, pick the set in force for a year.

Which set judges a year: the one in force on 31 December of that year (the yearly review happens at
year end). So 2025 is judged by NĐ 152/2025 (from 01/07/2025) even though NĐ 98/2023 covered its first
half; history (titles already decided) is never re-judged, and a past year's exclusions use that
year's own set.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from tdkt_desktop.errors import ValidationError
from tdkt_desktop.vocabulary import DISCIPLINE_ORDER, RATING_ORDER, SCOPE_ORDER

#: Rule templates the engine knows, with the award codes each may be used for.
RULES = {
    "ldtt": "cá nhân",
    "cstdcs": "cá nhân",
    "cstd_tinh": "cá nhân",
    "consecutive_awards": "cá nhân",
    "giay_khen": "cá nhân",
    "bk_tinh": "cá nhân",
    "chain_after": "cá nhân",
    "knc": "cá nhân",
    "ttldtt": "tập thể",
    "co": "tập thể",
}
#: The ways each rule may be met (its ``paths`` parameter).
PATHS = {"cstdcs": {"htxs", "initiative"}, "bk_tinh": {"cstdcs_chain", "htxs_initiatives"}}
OFFICE_LEVELS = ("so", "bo")
COLLECTIVE_RULES = {"ttldtt", "co"}
VOTE_BASES = {"present": "số thành viên có mặt", "total": "tổng số thành viên Hội đồng"}


@dataclass(frozen=True)
class _Index:
    """What ``RuleSet._index`` derives from the data: same-rank groups, names, enabled awards."""

    ranks: dict[str, tuple[str, ...]]
    names: dict[str, str]
    enabled: dict[str, dict]
    either: dict[tuple[str, ...], str]  # remembered by ``RuleSet.either_name``


@dataclass(frozen=True)
class RuleSet:
    """One rule set: identity, effective date and the parameter tree (``data``)."""

    id: str
    name: str
    effective_from: dt.date
    data: dict
    source: str = "builtin"  # builtin | office
    office_id: int | None = None
    based_on: str = ""
    active: bool = True

    @functools.cached_property
    def _index(self) -> _Index:
        """Lookups the engine makes hundreds of thousands of times, computed once per set.

        A set's ``data`` is never changed after it is built (``from_data`` and ``params.set_param``
        copy it), so what is derived from it stays true.
        """
        awards = self.data["awards"]
        groups = self.data.get("same_rank") or []
        ranks: dict[str, tuple[str, ...]] = {}
        for code in [*awards, *(c for g in groups for c in g)]:
            group = next((g for g in groups if code in g), None)
            ranks[code] = (code, *(c for c in group if c != code)) if group else (code,)
        names = {code: (awards.get(code) or {}).get("name") or (self.data.get("award_names") or {}).get(code, code)
                 for code in [*awards, *(self.data.get("award_names") or {})]}
        enabled = {code: p for code, p in awards.items() if p and p.get("enabled", True)}
        return _Index(ranks, names, enabled, {})

    def award(self, code: str) -> dict | None:
        """The parameters of one award, or None when this set does not evaluate it."""
        return self._index.enabled.get(code)

    def awards(self, *, collective: bool | None = None, level: str | None = None) -> list[str]:
        """Enabled award codes in file order (which is dependency order).

        ``level`` ('so' or 'bo') leaves out the awards of the other kind of office (a Sở is judged
        for the province's titles, a Văn phòng/Viện under a Bộ for the Bộ's).
        """
        codes = [c for c in self.data["awards"] if self.award(c)]
        if level is not None:
            codes = [c for c in codes if self.data["awards"][c].get("office_level") in (None, level)]
        if collective is None:
            return codes
        return [c for c in codes if (self.data["awards"][c]["rule"] in COLLECTIVE_RULES) == collective]

    def award_name(self, code: str) -> str:
        """The Vietnamese name of an award as this set calls it (also awards it only mentions)."""
        name = self._index.names.get(code)
        return name if name is not None else code

    def either_name(self, codes: tuple[str, ...]) -> str:
        """'Bằng khen cấp tỉnh hoặc Bằng khen cấp Bộ': the names of those of ``codes`` this set has."""
        memo = self._index.either
        if codes not in memo:
            memo[codes] = " hoặc ".join(self.award_name(c) for c in codes if c in self.data["awards"]) or codes[0]
        return memo[codes]

    def same_rank(self, code: str) -> tuple[str, ...]:
        """``code`` and the awards of the same rank (one achievement is rewarded once), ``code`` first."""
        return self._index.ranks.get(code) or (code,)

    def authority(self, code: str, level: str) -> str:
        """Who decides the award for this kind of office ('Giám đốc Sở', 'Chủ tịch UBND tỉnh' …)."""
        value = (self.data["awards"].get(code) or {}).get("authority") or ""
        return value.get(level, "") if isinstance(value, dict) else value

    def vote_rule(self, code: str) -> dict:
        """The council vote rule for an award (its own, or the default)."""
        params = self.data["awards"].get(code) or {}
        return params.get("vote") or self.data["council"]["default_vote"]

    @property
    def exclusions(self) -> dict:
        return self.data["exclusions"]

    def label(self) -> str:
        """Name with the effective date and 'bản của cơ quan' for office copies."""
        suffix = " (bản của cơ quan)" if self.source == "office" else ""
        return f"{self.name} — từ {self.effective_from:%d/%m/%Y}{suffix}"


def frac(value: Any) -> Fraction:
    """A share written as 0.8, '4/5' or '80%' → Fraction (exact, so 2/3 of 9 is exactly 6)."""
    if isinstance(value, bool):
        raise ValueError(value)
    text = str(value).strip()
    if text.endswith("%"):
        return Fraction(text[:-1].strip()) / 100
    return Fraction(text)


def percent(value: Any) -> str:
    """'4/5' → '80 %', '2/3' → '66,7 %' (Vietnamese decimal comma)."""
    number = float(frac(value) * 100)
    text = f"{number:.0f}" if abs(number - round(number)) < 1e-9 else f"{number:.1f}".replace(".", ",")
    return f"{text} %"


def load_builtin() -> list[RuleSet]:
    """The rule sets shipped in ``resources/rulesets``, oldest first."""
    from tdkt_desktop import paths

    sets = []
    for path in sorted(paths.resource_path("rulesets").glob("*.json")):
        sets.append(from_data(json.loads(path.read_text(encoding="utf-8"))))
    return sorted(sets, key=lambda s: s.effective_from)


def from_data(data: dict, **kwargs) -> RuleSet:
    """Build a RuleSet from its parameter tree.

    Raises:
        ValidationError: with a Vietnamese message per wrong parameter (path → message).
    """
    errors = validate(data)
    if errors:
        raise ValidationError(errors)
    return RuleSet(
        id=data["id"],
        name=data["name"],
        effective_from=dt.date.fromisoformat(data["effective_from"]),
        data=copy.deepcopy(data),
        **kwargs,
    )


def resolve(sets: list[RuleSet], year: int) -> RuleSet:
    """The set in force on 31/12/``year``; an office copy wins over a bundled set of the same date.

    Raises:
        ValidationError: no set covers that year.
    """
    end = dt.date(year, 12, 31)
    candidates = [s for s in sets if s.active and s.effective_from <= end]
    if not candidates:
        raise ValidationError({"year": f"Không có bộ quy tắc nào áp dụng cho năm {year}."})
    return max(candidates, key=lambda s: (s.effective_from, s.source == "office", s.office_id or 0))


def base_salary_on(rs: RuleSet, day: dt.date) -> int:
    """Mức lương cơ sở in force on ``day`` (the rule set's dated table)."""
    amount = 0
    for row in sorted(rs.data["base_salary"], key=lambda r: r["from"]):
        if dt.date.fromisoformat(row["from"]) <= day:
            amount = int(row["amount"])
    return amount


def money_amount(rs: RuleSet, award: str, day: dt.date) -> int | None:
    """Coefficient × lương cơ sở on the decision date, rounded up to the next 10,000 đ (NĐ 152 Điều 49)."""
    params = rs.data["awards"].get(award) or {}
    coefficient = params.get("money")
    salary = base_salary_on(rs, day)
    if coefficient is None or not salary:
        return None
    step = int(rs.data.get("money_rounding") or 1)
    raw = Fraction(str(coefficient)) * salary
    return int(math.ceil(raw / step) * step)


# --- validation -------------------------------------------------------------------------------

_INT_PARAMS = {
    "times": (1, 10),
    "initiative_window_years": (1, 10),
    "chain_years": (1, 10),
    "consecutive_years": (1, 10),
    "htxs_years": (1, 10),
    "initiatives_in_htxs_years": (0, 20),
    "run_years": (1, 20),
    "htxs_in_run": (0, 20),
    "cstdcs_in_run": (0, 20),
    "initiatives_in_run": (0, 20),
    "service_years_male": (1, 50),
    "service_years_female": (1, 50),
    "reduction_years": (0, 20),
    "min_cstdcs": (0, 100),
}
_RATING_PARAMS = {"min_rating", "run_min_rating", "unit_min_rating", "members_min_rating"}
_SHARE_PARAMS = {"ldtt_share"}


def _check_share(errors: dict, path: str, value: Any, label: str) -> None:
    try:
        share = frac(value)
    except (ValueError, ZeroDivisionError, TypeError):
        errors[path] = f"{label}: “{value}” không phải tỉ lệ (ví dụ 0,8 hoặc 4/5 hoặc 80%)."
        return
    if not 0 < share <= 1:
        errors[path] = f"{label}: tỉ lệ phải lớn hơn 0 và không quá 100 % (đang là {value})."


def _check_vote(errors: dict, path: str, vote: Any) -> None:
    if not isinstance(vote, dict):
        errors[path] = "Biểu quyết phải ghi tỉ lệ đồng ý và cách tính (số có mặt hoặc tổng số thành viên)."
        return
    if vote.get("base") not in VOTE_BASES:
        errors[f"{path}.base"] = (
            f"Cơ sở tính tỉ lệ biểu quyết “{vote.get('base')}” không hợp lệ: dùng present (số có mặt) "
            "hoặc total (tổng số thành viên)."
        )
    _check_share(errors, f"{path}.share", vote.get("share"), "Tỉ lệ đồng ý")
    if not isinstance(vote.get("strict", False), bool):
        errors[f"{path}.strict"] = "Biểu quyết: chọn “trên” (lớn hơn) hoặc “từ … trở lên”."


def _key_name(key: str) -> str:
    """A parameter's Vietnamese name for messages ('chain_years' → 'Số năm liên tục')."""
    from tdkt_desktop.rules.params import KEYS

    return KEYS.get(key, (key,))[0]


def validate(data: Any) -> dict[str, str]:
    """Every problem in a rule-set tree, path → Vietnamese message (empty when valid)."""
    errors: dict[str, str] = {}
    if not isinstance(data, dict):
        return {"": "Bộ quy tắc phải là một đối tượng JSON."}
    for key in ("id", "name", "effective_from"):
        if not str(data.get(key) or "").strip():
            errors[key] = f"Thiếu “{key}” của bộ quy tắc."
    try:
        dt.date.fromisoformat(str(data.get("effective_from")))
    except ValueError:
        errors["effective_from"] = f"Ngày hiệu lực “{data.get('effective_from')}” không hợp lệ."
    salaries = data.get("base_salary")
    if not isinstance(salaries, list) or not salaries:
        errors["base_salary"] = "Cần bảng mức lương cơ sở (ít nhất một dòng)."
    else:
        for i, row in enumerate(salaries):
            try:
                dt.date.fromisoformat(str(row.get("from")))
                if int(row.get("amount")) <= 0:
                    raise ValueError
            except (ValueError, TypeError, AttributeError):
                errors[f"base_salary.{i}"] = f"Dòng {i + 1} của bảng lương cơ sở không hợp lệ."
    excl = data.get("exclusions") or {}
    if excl.get("discipline_min") not in DISCIPLINE_ORDER:
        errors["exclusions.discipline_min"] = "Mức kỷ luật loại trừ phải là một hình thức kỷ luật đã biết."
    months = excl.get("min_months_worked")
    if not isinstance(months, int) or isinstance(months, bool) or not 0 <= months <= 12:
        errors["exclusions.min_months_worked"] = "Số tháng công tác tối thiểu trong năm phải từ 0 đến 12."
    absence = excl.get("absence_days_max")
    if absence is not None and (not isinstance(absence, int) or isinstance(absence, bool) or absence < 1):
        errors["exclusions.absence_days_max"] = "Số ngày nghỉ tối đa phải là số nguyên dương, hoặc để trống (tắt)."
    council = data.get("council") or {}
    _check_share(errors, "council.quorum", council.get("quorum"), "Tỉ lệ có mặt tối thiểu")
    _check_vote(errors, "council.default_vote", council.get("default_vote"))
    awards = data.get("awards")
    if not isinstance(awards, dict) or not awards:
        errors["awards"] = "Bộ quy tắc phải có danh sách danh hiệu, hình thức khen thưởng."
        return errors
    for code in council.get("office_decides") or []:
        if code not in awards:
            errors["council.office_decides"] = f"“{code}” không có trong danh sách khen thưởng của bộ quy tắc."
    for code, params in awards.items():
        _validate_award(errors, code, params, awards)
    for i, group in enumerate(data.get("same_rank") or []):
        if not isinstance(group, list) or len(group) < 2:
            errors[f"same_rank.{i}"] = "Mỗi nhóm cùng hạng phải gồm ít nhất hai khen thưởng."
    return errors


def _validate_award(errors: dict, code: str, params: Any, awards: dict) -> None:
    where = f"awards.{code}"
    if not isinstance(params, dict):
        errors[where] = f"{code}: tham số phải là một đối tượng."
        return
    label = params.get("name") or code
    if params.get("rule") not in RULES:
        errors[f"{where}.rule"] = f"{label}: quy tắc “{params.get('rule')}” không được hỗ trợ."
    for key, (low, high) in _INT_PARAMS.items():
        if key in params:
            value = params[key]
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                errors[f"{where}.{key}"] = (
                    f"{label}: “{_key_name(key)}” phải là số nguyên từ {low} đến {high} (đang là {value}).")
    for key in _RATING_PARAMS & params.keys():
        value = params[key]
        if value is None and key == "members_min_rating":
            continue
        if value not in RATING_ORDER:
            errors[f"{where}.{key}"] = f"{label}: xếp loại “{value}” không hợp lệ (HTXS, HTT, HT, KHT)."
    for key in _SHARE_PARAMS & params.keys():
        _check_share(errors, f"{where}.{key}", params[key], f"{label}: tỉ lệ")
    scope = params.get("initiative_min_scope")
    if scope is not None and scope not in SCOPE_ORDER:
        errors[f"{where}.initiative_min_scope"] = f"{label}: phạm vi sáng kiến “{scope}” không hợp lệ."
    allowed = PATHS.get(params.get("rule"))
    paths = params.get("paths")
    if allowed and (not isinstance(paths, list) or not paths or not set(paths) <= allowed):
        from tdkt_desktop.rules.params import PATH_NAMES

        choices = "; ".join(PATH_NAMES[p] for p in sorted(allowed))
        errors[f"{where}.paths"] = f"{label}: phải chọn ít nhất một cách xét ({choices})."
    for key in ("chain_award", "title_award", "link_award"):
        if key in params and params[key] not in awards:
            errors[f"{where}.{key}"] = f"{label}: danh hiệu “{params[key]}” không có trong bộ quy tắc."
    if params.get("office_level") not in (None, *OFFICE_LEVELS):
        errors[f"{where}.office_level"] = f"{label}: cấp cơ quan “{params.get('office_level')}” không hợp lệ."
    offset = params.get("review_after_years")
    if offset is not None and offset not in (0, 1):
        errors[f"{where}.review_after_years"] = (
            f"{label}: năm xét là năm đạt lần cuối (0) hoặc năm sau đó (1), không phải {offset}.")
    for key in ("prior_awards", "state_awards", "covered_by"):
        if key in params and not (isinstance(params[key], list) and all(isinstance(c, str) for c in params[key])):
            errors[f"{where}.{key}"] = f"{label}: cần một danh sách danh hiệu, hình thức khen thưởng."
    money = params.get("money")
    if money is not None and (isinstance(money, bool) or not isinstance(money, int | float) or money < 0):
        errors[f"{where}.money"] = f"{label}: hệ số tiền thưởng phải là số không âm (đang là {money})."
    if "vote" in params and params["vote"] is not None:
        _check_vote(errors, f"{where}.vote", params["vote"])
    quota = params.get("quota")
    if quota is not None:
        if not isinstance(quota, dict) or quota.get("of") not in awards:
            errors[f"{where}.quota"] = f"{label}: hạn mức phải ghi rõ tỉ lệ trên số người đạt danh hiệu nào."
        else:
            _check_share(errors, f"{where}.quota.share", quota.get("share"), f"{label}: hạn mức")
    if not isinstance(params.get("council_criteria", []), list):
        errors[f"{where}.council_criteria"] = f"{label}: tiêu chí Hội đồng phải là danh sách."
