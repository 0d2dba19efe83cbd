"""The rule-set editor's view: every parameter as a Vietnamese label, a readable value with its unit,
and parsing of what the officer types back (dd/mm/yyyy dates, "80 %", "2.340.000 đồng", names)."""

from __future__ import annotations

import copy
from typing import Any

from tdkt_desktop.rules.ruleset import VOTE_BASES, frac, percent
from tdkt_desktop.text import DateError, fold, format_date, parse_date
from tdkt_desktop.vocabulary import (
    DISCIPLINE_ORDER,
    OFFICE_LEVELS,
    RATING_NAMES,
    SCOPE_NAMES,
    discipline_label,
)

#: last key of a path → (label, kind, unit). The kind says how a value shows and parses.
KEYS: dict[str, tuple[str, str, str]] = {
    "name": ("Tên", "text", ""),
    "enabled": ("Áp dụng", "bool", ""),
    "office_level": ("Chỉ áp dụng cho", "level", ""),
    "authority": ("Thẩm quyền quyết định", "text", ""),
    "so": ("Thẩm quyền quyết định (Sở)", "text", ""),
    "bo": ("Thẩm quyền quyết định (Văn phòng, Viện thuộc Bộ)", "text", ""),
    "min_rating": ("Xếp loại tối thiểu", "rating", ""),
    "money": ("Tiền thưởng", "money", ""),
    "council_criteria": ("Tiêu chí do Hội đồng xác nhận", "texts", ""),
    "quota": ("Hạn mức", "quota", ""),
    "vote": ("Biểu quyết của Hội đồng", "vote", ""),
    "paths": ("Cách xét (đạt một trong các cách)", "paths", ""),
    "initiative_min_scope": ("Phạm vi sáng kiến, đề tài tối thiểu", "scope", ""),
    "initiative_window_years": ("Sáng kiến trong số năm gần nhất", "int", "năm"),
    "chain_award": ("Danh hiệu tính chuỗi", "award", ""),
    "chain_years": ("Số năm liên tục", "int", "năm"),
    "title_award": ("Danh hiệu đạt nhiều lần", "award", ""),
    "times": ("Số lần liên tục", "int", "lần"),
    "link_award": ("Danh hiệu phải liên tục giữa các lần", "award", ""),
    "review_after_years": ("Năm xét", "offset", ""),
    "consecutive_years": ("Số năm liên tục", "int", "năm"),
    "htxs_years": ("Cách khác: số năm liên tục Hoàn thành xuất sắc nhiệm vụ", "int", "năm"),
    "initiatives_in_htxs_years": ("Cách khác: số sáng kiến, đề tài trong các năm đó", "int", "sáng kiến/đề tài"),
    "prior_awards": ("Khen thưởng phải có trước", "awards", ""),
    "run_years": ("Số năm liên tục sau khen thưởng đó", "int", "năm"),
    "run_min_rating": ("Xếp loại tối thiểu các năm đó", "rating", ""),
    "htxs_in_run": ("Số năm Hoàn thành xuất sắc nhiệm vụ trong thời gian đó", "int", "năm"),
    "cstdcs_in_run": ("Số lần Chiến sĩ thi đua cơ sở trong thời gian đó", "int", "lần"),
    "initiatives_in_run": ("Số sáng kiến, đề tài trong thời gian đó", "int", "sáng kiến/đề tài"),
    "service_years_male": ("Thời gian công tác (nam)", "int", "năm"),
    "service_years_female": ("Thời gian công tác (nữ)", "int", "năm"),
    "reduction_years": ("Giảm thời gian khi có khen thưởng cấp Nhà nước", "int", "năm"),
    "state_awards": ("Khen thưởng cấp Nhà nước được giảm", "awards", ""),
    "once": ("Chỉ tặng một lần", "bool", ""),
    "unit_min_rating": ("Xếp loại tập thể tối thiểu", "rating", ""),
    "ldtt_share": ("Tỉ lệ cán bộ đạt Lao động tiên tiến", "share", ""),
    "ldtt_share_strict": ("Tỉ lệ phải vượt (“trên”, không tính “bằng”)", "bool", ""),
    "members_min_rating": ("Mọi cán bộ xếp loại từ", "rating", ""),
    "min_cstdcs": ("Số Chiến sĩ thi đua cơ sở tối thiểu", "int", "người"),
    "no_discipline_from": ("Không có cán bộ bị kỷ luật từ", "discipline", ""),
    "covered_by": ("Không xét khi tập thể đã có", "awards", ""),
    "discipline_min": ("Không xét khi bị kỷ luật từ", "discipline", ""),
    "min_months_worked": ("Thời gian công tác tối thiểu trong năm", "int", "tháng"),
    "absence_days_max": ("Không xét khi nghỉ từ", "int", "ngày làm việc"),
    "maternity_counts": ("Nghỉ thai sản tính là thời gian làm việc", "bool", ""),
    "discipline_breaks_chains": ("Năm bị kỷ luật làm đứt chuỗi năm liên tục", "bool", ""),
    "quorum": ("Số thành viên có mặt tối thiểu", "share", ""),
    "default_vote": ("Biểu quyết mặc định", "vote", ""),
    "office_decides": ("Thủ trưởng cơ quan quyết định", "awards", ""),
    "money_rounding": ("Làm tròn tiền thưởng lên bội số của", "amount", "đồng"),
    "from": ("áp dụng từ ngày", "date", ""),
    "amount": ("mức lương", "amount", "đồng/tháng"),
    "same_rank": ("Khen thưởng cùng hạng", "groups", ""),
}
SECTIONS = {"exclusions": "Loại trừ", "council": "Hội đồng Thi đua – Khen thưởng"}
PATH_NAMES = {
    "htxs": "xếp loại Hoàn thành xuất sắc nhiệm vụ",
    "initiative": "sáng kiến, đề tài",
    "cstdcs_chain": "chuỗi Chiến sĩ thi đua cơ sở",
    "htxs_initiatives": "Hoàn thành xuất sắc nhiệm vụ kèm sáng kiến",
}
#: Identity and notes the editor does not list; structure it lists but never edits.
HIDDEN_TOP = {"name", "effective_from", "format", "id", "basis", "note", "unverified", "award_names"}
_FIXED = {"format", "id", "rule", "unverified", "office_level", "same_rank"}


def flatten(data: dict, prefix: str = "") -> list[tuple[str, Any]]:
    """Leaf parameters as (dotted path, value), in file order; lists of strings stay one value."""
    rows: list[tuple[str, Any]] = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        if key in {"quota", "vote", "default_vote", "same_rank"}:  # edited as one line
            rows.append((path, value))
        elif isinstance(value, dict):
            rows.extend(flatten(value, path + "."))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for i, item in enumerate(value):
                rows.extend(flatten(item, f"{path}.{i}."))
        else:
            rows.append((path, value))
    return rows


def shown(path: str) -> bool:
    """Whether the editor lists this parameter (identity, notes and the rule template are not)."""
    parts = path.split(".")
    return parts[0] not in HIDDEN_TOP and parts[-1] != "rule"


def is_editable(path: str) -> bool:
    """Whether the editor lets the office change this parameter."""
    return path.rsplit(".", 1)[-1] not in _FIXED and path.split(".")[0] not in _FIXED


def kind_of(path: str) -> tuple[str, str]:
    """(kind, unit) of a parameter."""
    _label, kind, unit = KEYS.get(path.rsplit(".", 1)[-1], ("", "text", ""))
    return kind, unit


def group_and_name(path: str, data: dict) -> tuple[str, str]:
    """'awards.lao_dong_tien_tien.min_rating' → ('Lao động tiên tiến', 'Xếp loại tối thiểu')."""
    parts = path.split(".")
    key = parts[-1]
    name = KEYS.get(key, (key,))[0]
    if parts[0] == "awards" and len(parts) > 2:
        return data["awards"].get(parts[1], {}).get("name", parts[1]), name
    if parts[0] == "base_salary" and len(parts) == 3:
        return "Mức lương cơ sở", f"Dòng {int(parts[1]) + 1}: {name}"
    if parts[0] in SECTIONS:
        return SECTIONS[parts[0]], name
    return {"money_rounding": "Tiền thưởng", "same_rank": "Một thành tích, một lần khen"}.get(parts[0], "Chung"), name


def label(path: str, data: dict) -> str:
    """'awards.lao_dong_tien_tien.min_rating' → 'Lao động tiên tiến › Xếp loại tối thiểu'."""
    group, name = group_and_name(path, data)
    return name if group == "Chung" else f"{group} › {name}"


def _award_name(data: dict, code: str) -> str:
    params = data.get("awards", {}).get(code) or {}
    return params.get("name") or (data.get("award_names") or {}).get(code, code)


def _share(value: Any) -> str:
    text = str(value).strip()
    return percent(value) if text.endswith("%") or "/" not in text else f"{text} ({percent(value)})"


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _amount(value: int) -> str:
    return f"{int(value):,}".replace(",", ".")


def show_value(value: Any, path: str, data: dict) -> str:
    """How the editor shows a value: names instead of codes, dd/mm/yyyy, units."""
    kind, unit = kind_of(path)
    if value is None:
        return {"vote": "theo biểu quyết mặc định", "quota": "không có hạn mức",
                "rating": "không xét", "discipline": "không xét"}.get(kind, "(tắt)")
    if isinstance(value, bool):
        return "có" if value else "không"
    show = {
        "rating": lambda v: RATING_NAMES.get(v, v),
        "scope": lambda v: SCOPE_NAMES.get(v, v),
        "discipline": lambda v: discipline_label(v) or v,
        "level": lambda v: OFFICE_LEVELS.get(v, v),
        "award": lambda v: _award_name(data, v),
        "awards": lambda v: "; ".join(_award_name(data, c) for c in v),
        "paths": lambda v: "; ".join(PATH_NAMES.get(p, p) for p in v),
        "share": _share,
        "money": lambda v: f"{_number(v)} × mức lương cơ sở",
        "amount": lambda v: f"{_amount(v)} {unit}",
        "date": lambda v: format_date(v),
        "texts": lambda v: "; ".join(v) or "(không có)",
        "offset": lambda v: "năm sau lần đạt cuối" if v else "cùng năm đạt lần cuối",
        "groups": lambda v: "; ".join(" = ".join(_award_name(data, c) for c in g) for g in v),
        "vote": lambda v: f"{'trên' if v.get('strict') else 'từ'} {_share(v.get('share'))} "
                          f"{VOTE_BASES.get(v.get('base'), v.get('base'))}",
        "quota": lambda v: f"{_share(v.get('share'))} số {_award_name(data, v.get('of', ''))}",
    }
    if kind in show:
        return show[kind](value)
    if isinstance(value, int) and unit:
        return f"{value} {unit}"
    if isinstance(value, float):
        return _number(value)
    return str(value)


def edit_text(value: Any, path: str, data: dict) -> str:
    """What the edit box starts with (the shown value, which ``parse_value`` reads back)."""
    kind, _unit = kind_of(path)
    if value is None:
        return ""
    if kind == "share":
        return str(value)
    return show_value(value, path, data)


def set_param(data: dict, path: str, value: Any) -> dict:
    """A deep copy of ``data`` with one leaf replaced."""
    out = copy.deepcopy(data)
    node: Any = out
    parts = path.split(".")
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    last = parts[-1]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return out


def _code(text: str, names: dict[str, str], what: str) -> str:
    key = fold(text)
    for code, name in names.items():
        if key in (fold(code), fold(name), fold(code).replace("_", " ")):
            return code
    raise ValueError(f"“{text}” không phải {what} ({'; '.join(names.values())}).")


def _parse_share(text: str) -> str:
    cleaned = text.replace(" ", "").replace(",", ".")
    try:
        share = frac(cleaned)
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"“{text}” không phải tỉ lệ (ví dụ 4/5, 80 % hoặc 0,8).") from None
    if not 0 < share <= 1:
        raise ValueError(f"Tỉ lệ “{text}” phải lớn hơn 0 và không quá 100 %.")
    return cleaned


def _parse_vote(text: str) -> dict:
    words = fold(text).replace(">=", " tu ").replace(">", " tren ").split()
    base = "total" if {"tong", "total"} & set(words) else "present" if {"co", "present"} & set(words) else None
    share = next((w for w in words if any(ch.isdigit() for ch in w)), None)
    if base is None or share is None:
        raise ValueError(
            "Biểu quyết ghi dạng “từ 4/5 tổng số thành viên Hội đồng” hoặc “trên 1/2 số thành viên có mặt”.")
    return {"base": base, "share": _parse_share(share), "strict": "tren" in words}


def parse_value(text: str, old: Any, path: str, data: dict) -> Any:
    """Read back what the officer typed, by the parameter's kind.

    Raises:
        ValueError: with a Vietnamese message.
    """
    text = (text or "").strip()
    kind, unit = kind_of(path)
    if text == "" or fold(text) in {"null", "tat", "(tat)", "khong co", "khong co han muc", "theo bieu quyet mac dinh"}:
        return None
    awards = {c: _award_name(data, c) for c in [*data.get("awards", {}), *(data.get("award_names") or {})]}
    if kind == "bool":
        if fold(text) in {"co", "true", "bat", "1"}:
            return True
        if fold(text) in {"khong", "false", "0"}:
            return False
        raise ValueError(f"“{text}”: nhập có hoặc không.")
    if kind == "rating":
        return _code(text, RATING_NAMES, "một mức xếp loại")
    if kind == "scope":
        return _code(text, SCOPE_NAMES, "một phạm vi")
    if kind == "discipline":
        return _code(text, {c: discipline_label(c) for c in DISCIPLINE_ORDER}, "một hình thức kỷ luật")
    if kind == "award":
        return _code(text, awards, "một danh hiệu, hình thức của bộ quy tắc")
    if kind == "awards":
        return [_code(part, awards, "danh hiệu, hình thức của bộ quy tắc") for part in text.split(";") if part.strip()]
    if kind == "paths":
        return [_code(part, PATH_NAMES, "một cách xét") for part in text.split(";") if part.strip()]
    if kind == "share":
        return _parse_share(text)
    if kind == "vote":
        return _parse_vote(text)
    if kind == "quota":
        share, _sep, rest = text.partition(" số ")
        if not rest:  # the short form "15% lao_dong_tien_tien"
            share, _sep, rest = text.partition(" ")
        if not rest.strip():
            raise ValueError("Hạn mức ghi dạng “15 % số Lao động tiên tiến”.")
        return {"share": _parse_share(share), "of": _code(rest, awards, "một danh hiệu của bộ quy tắc")}
    if kind == "texts":
        return [part.strip() for part in text.split(";") if part.strip() and part.strip() != "(không có)"]
    if kind == "offset":
        if fold(text) in {"0", "cung nam dat lan cuoi", "cung nam"}:
            return 0
        if fold(text) in {"1", "nam sau lan dat cuoi", "nam sau"}:
            return 1
        raise ValueError("Ghi “cùng năm đạt lần cuối” hoặc “năm sau lần đạt cuối”.")
    if kind == "date":
        try:
            return parse_date(text, field="Ngày").isoformat()
        except DateError as exc:
            raise ValueError(str(exc)) from None
    if kind == "amount":
        digits = fold(text).replace("dong/thang", "").replace("dong", "").replace(".", "").replace(" ", "")
        if not digits.isdigit():
            raise ValueError(f"“{text}” không phải số tiền (ví dụ 2.530.000).")
        return int(digits)
    if kind == "money":
        number = fold(text).split("x")[0].strip().replace(",", ".")
        try:
            return float(number)
        except ValueError:
            raise ValueError(f"“{text}” không phải hệ số (ví dụ 1,5).") from None
    if kind == "int" or (isinstance(old, int) and not isinstance(old, bool)):
        number = text.split()[0]
        if not number.lstrip("-").isdigit():
            raise ValueError(f"“{text}” không phải số nguyên.")
        return int(number)
    if isinstance(old, float):
        try:
            return float(text.replace(",", "."))
        except ValueError:
            raise ValueError(f"“{text}” không phải số.") from None
    return text


__all__ = ["edit_text", "flatten", "group_and_name", "is_editable", "kind_of", "label", "parse_value", "set_param",
           "show_value", "shown"]
