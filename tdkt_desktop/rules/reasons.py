"""Vietnamese sentences rendered from a verdict's findings (the only place reasons are worded).

Ratings are always written by their full names (``vocabulary.RATING_NAMES``), years as lists or
ranges ("2021–2023"), dates dd/mm/yyyy.
"""

from __future__ import annotations

from collections.abc import Iterable

from tdkt_desktop.rules.model import Finding, Verdict
from tdkt_desktop.rules.ruleset import percent
from tdkt_desktop.text import format_date
from tdkt_desktop.vocabulary import DISCIPLINE_NAMES, RATING_NAMES, SCOPE_NAMES


def years_text(years: Iterable[int]) -> str:
    """'2023, 2024, 2025' (ascending)."""
    return ", ".join(str(y) for y in sorted(years))


def span(years: Iterable[int]) -> str:
    """A run of consecutive years as '2021–2023' (one year alone as '2021')."""
    years = sorted(years)
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]) if years else ""


def rating_name(code: str) -> str:
    """'HTT' → 'Hoàn thành tốt nhiệm vụ'."""
    return RATING_NAMES.get(code, code)


def _mark(met: bool | None, path: str = "") -> str:
    if met is None:
        return ""
    if met:
        return "Đạt: "
    return "Chưa đủ (cách khác): " if path == "alt" else "Chưa đủ: "


def initiative_text(f: Finding) -> str:
    """'sáng kiến “…” (cấp cơ sở, năm 2024); đề tài …'."""
    parts = []
    for i in sorted(f.initiatives, key=lambda i: i.year):
        kind = "đề tài" if i.kind == "de_tai" else "sáng kiến"
        title = f" “{i.title}”" if i.title else ""
        parts.append(f"{kind}{title} ({SCOPE_NAMES.get(i.scope, i.scope)}, năm {i.year})")
    return "; ".join(parts)


def decision_text(ref) -> str:
    """' (QĐ số 12/QĐ-SKHCN ngày 10/01/2026)' or '' when the register does not say."""
    if not ref or not ref.number:
        return ""
    day = f" ngày {format_date(ref.issued_on)}" if ref.issued_on else ""
    return f" (QĐ số {ref.number}{day})"


def _used(f: Finding) -> str:
    by: dict[str, list[int]] = {}
    for year, name in f.used:
        by.setdefault(name, []).append(year)
    return "; ".join(f"{years_text(ys)} đã dùng cho {name}" for name, ys in by.items())


def _chain(f: Finding) -> str:
    title = f.award_name
    if f.met:
        return f"Đạt: {f.need} năm liên tục {title} ({years_text(f.years[-f.need:])})."
    text = f"Chưa đủ: cần {f.need} năm liên tục {title} đến năm {f.year}"
    if f.years:
        text += f", mới có {years_text(f.years)}"
    elif not f.earlier and not f.used:
        return text + ", chưa có năm nào."
    extra = []
    if f.used:
        extra.append(_used(f))
    if f.earlier and f.years:
        extra.append(f"chuỗi bị gián đoạn năm {years_text(f.gap)} (trước đó có {span(f.earlier)})")
    elif f.earlier:
        run = f"{len(f.earlier)} năm liên tục {span(f.earlier)}" if len(f.earlier) > 1 else f"năm {f.earlier[0]}"
        extra.append(f"có {run}, nhưng năm {years_text(f.gap)} chưa đạt")
    return text + "".join(f"; {x}" for x in extra) + "."


def _run(f: Finding) -> str:
    wanted = _wanted(f.min_rating)
    after = f" sau năm {f.after}" if f.after else ""
    if f.met:
        return f"Đạt: {len(f.years)} năm liên tục {wanted}{after} ({years_text(f.years)})."
    text = f"{_mark(False, f.path)}cần {f.need} năm liên tục {wanted}{after}"
    if f.years:
        text += f", mới có {years_text(f.years)}"
    elif not f.gap:
        text += ", chưa có năm nào"
    return text + _break(f) + "."


def _why(f: Finding) -> str:
    """Why a recorded year breaks a run: its rating or its discipline."""
    if f.level:
        return f"bị kỷ luật {DISCIPLINE_NAMES.get(f.level, f.level)}"
    return f"xếp loại {rating_name(f.rating)}" if f.rating else "chưa có xếp loại"


def _break(f: Finding) -> str:
    """'; chuỗi bị gián đoạn năm 2022 (xếp loại Hoàn thành nhiệm vụ)' for a recorded year that fails."""
    if not f.gap:
        return ""
    return f"; chuỗi bị gián đoạn năm {f.gap[0]} ({_why(f)})" if f.years else f"; năm {f.gap[0]} {_why(f)}"


def _awards_in_row(f: Finding) -> str:
    title = f.award_name
    if f.met:
        between = span(range(f.years[-f.need] + 1, f.years[-1] + 1))
        return (f"Đạt: {f.need} lần liên tục {title} ({years_text(f.years[-f.need:])}), "
                f"giữa các lần đạt {f.text} liên tục {between}.")
    last = f.year - f.count
    text = f"Chưa đủ: cần {f.need} lần liên tục {title}, lần cuối vào năm {last}"
    if f.count:
        text += " (xét vào năm sau lần đạt cuối)"
    if f.years:
        text += f", mới có {len(f.years)} lần ({years_text(f.years)})"
        if f.gap:
            text += (f"; lần năm {f.earlier[0]} không liền với lần sau vì năm {years_text(f.gap)} "
                     f"không có {f.text}")
        if f.used:
            text += f"; {_used(f)}"
    elif f.earlier:
        text += f"; có {title} năm {years_text(f.earlier)}, năm {last} chưa đạt"
    else:
        text += ", chưa có lần nào"
    return text + "."


def _wanted(min_rating: str) -> str:
    """'xếp loại từ Hoàn thành tốt nhiệm vụ trở lên' (the top rating needs no 'trở lên')."""
    if min_rating == "HTXS":
        return f"xếp loại {rating_name('HTXS')}"
    return f"xếp loại từ {rating_name(min_rating)} trở lên"


def _prior(f: Finding) -> str:
    if f.met:
        return f"Đạt: có {f.award_name} năm {f.year}{decision_text(f.decision)}."
    since = f" (chuỗi hiện tại từ {f.years[0]})" if f.years else ""
    if not f.earlier:
        return f"Chưa đủ: cần có {f.award_name} trước chuỗi năm liên tục {_wanted(f.min_rating)}{since}, chưa có."
    text = f"Chưa đủ: có {f.award_name} năm {f.earlier[0]}, nhưng "
    if f.years and f.gap:
        return text + (f"chuỗi năm liên tục {_wanted(f.min_rating)} sau đó bị gián đoạn năm {f.gap[0]} "
                       f"({_why(f)}){since}.")
    if f.gap:
        return text + f"năm {f.gap[0]} {_why(f)} (cần {_wanted(f.min_rating)})."
    return text + f"chưa có năm nào {_wanted(f.min_rating)} liền sau đó."


def _count_in_run(f: Finding) -> str:
    label = {"htxs": f"năm {rating_name('HTXS')}", "cstdcs": f"lần {f.award_name}",
             "initiatives": "sáng kiến/đề tài"}[f.text]
    if f.met:
        return f"Đạt: {f.count} {label} trong thời gian đó ({years_text(f.years)})."
    have = f"mới có {f.count}" + (f" ({years_text(f.years)})" if f.years else "")
    return f"Chưa đủ: cần {f.need} {label} sau năm {f.after}, {have}."


def _initiatives(f: Finding) -> str:
    scope = SCOPE_NAMES.get(f.scope, f.scope)
    above = "" if f.scope == "toan_quoc" else " trở lên"
    if f.met:
        count = f"{len(f.initiatives)} sáng kiến/đề tài: " if f.need > 1 else ""
        return f"Đạt: có {count}{initiative_text(f)}."
    if f.need > 1:
        return (f"{_mark(False, f.path)}cần {f.need} sáng kiến/đề tài {scope}{above} trong năm {years_text(f.years)}, "
                f"mới có {len(f.initiatives)}.")
    return f"Chưa đủ: cần sáng kiến hoặc đề tài phạm vi {scope}{above} trong năm {years_text(f.years)}, chưa có."


def _cstdcs_paths(f: Finding) -> str:
    options = []
    if "htxs" in f.options:
        options.append(f"xếp loại {rating_name('HTXS')} năm {f.year}")
    if "initiative" in f.options:
        options.append(f"sáng kiến hoặc đề tài {SCOPE_NAMES[f.scope]} trở lên năm {years_text(f.years)}")
    return f"Chưa đủ: cần {' hoặc '.join(options)}, chưa có."


def _rating(f: Finding) -> str:
    if not f.rating:
        return f"Chưa đủ: chưa có kết quả xếp loại năm {f.year}."
    if f.met:
        return f"Đạt: xếp loại năm {f.year}: {rating_name(f.rating)}."
    return (f"Chưa đủ: xếp loại năm {f.year} là {rating_name(f.rating)} "
            f"(cần từ {rating_name(f.min_rating)} trở lên).")


def _decided(f: Finding) -> str:
    ref = f.decision
    note = {"same_rank": " (cùng hạng, một thành tích chỉ khen một lần)",
            "higher": " (danh hiệu cao hơn)"}.get(f.text, "")
    if ref.year != f.year:
        return f"Đã được tặng {ref.award_name} năm {ref.year}{decision_text(ref)}; chỉ tặng một lần."
    return f"Đã có quyết định tặng {ref.award_name} năm {ref.year}{decision_text(ref)}{note}."


_SIMPLE = {
    "excl_discipline": lambda f: f"Không xét: bị kỷ luật {DISCIPLINE_NAMES[f.level]} năm {f.year}.",
    "excl_recruited_after": lambda f: f"Không xét: tuyển dụng ngày {format_date(f.date)}, sau năm {f.year}.",
    "excl_recruited_months": lambda f: (
        f"Không xét: tuyển dụng ngày {format_date(f.date)}, mới {f.count} tháng công tác trong năm {f.year} "
        f"(cần ít nhất {f.need} tháng)."),
    "excl_absence": lambda f: (
        f"Không xét: nghỉ {f.count} ngày làm việc năm {f.year} (không kể nghỉ thai sản), từ {f.need} ngày trở lên."),
    "ldtt_standard": lambda f: (f"Đạt: đủ tiêu chuẩn {f.award_name} năm {f.year}." if f.met
                                else f"Chưa đủ: chưa đạt tiêu chuẩn {f.award_name} năm {f.year}."),
    "htxs": lambda f: f"Đạt: xếp loại {rating_name('HTXS')} năm {f.year}.",
    "pending": lambda f: f"Năm {f.year}: đủ điều kiện {f.award_name}, chưa có quyết định.",
    "service": lambda f: (
        f"{_mark(f.met)}{'' if f.met else 'mới '}{f.count} năm công tác (từ {format_date(f.date)}), "
        f"cần {f.need} năm ({f.text})."),
    "service_reduction": lambda f: (
        f"Được giảm {f.count} năm do có khen thưởng cấp Nhà nước: {f.award_name} năm {f.year}."),
    "no_recruitment_date": lambda f: "Chưa đủ: chưa có ngày tuyển dụng để tính thời gian công tác.",
    "council": lambda f: (f"Cần Hội đồng xác nhận (theo tiêu chuẩn {f.award_name}): {f.text}" if f.award_name
                          else f"Cần Hội đồng xác nhận: {f.text}"),
}

_RENDER = {
    "chain": _chain, "run": _run, "awards_in_row": _awards_in_row, "prior_award": _prior,
    "count_in_run": _count_in_run, "initiatives": _initiatives, "cstdcs_paths": _cstdcs_paths,
    "rating": _rating, "decided": _decided, **_SIMPLE,
}


def render(f: Finding) -> str:
    """One finding as one Vietnamese sentence."""
    if f.kind in _RENDER:
        return _RENDER[f.kind](f)
    from tdkt_desktop.rules.collectives import render_unit_finding

    return render_unit_finding(f)


#: Sentences already written, by the finding (a tuple of its facts): most findings repeat from person to
#: person ("Đạt: xếp loại năm 2025: Hoàn thành tốt nhiệm vụ."); 300,000 on a large office are 3,500 distinct.
_written: dict[Finding, str] = {}
_WRITTEN_MAX = 50_000


def _sentence(f: Finding) -> str:
    try:
        text = _written.get(f)
    except TypeError:  # a value that cannot be a key (a list): written every time
        return render(f)
    if text is None:
        if len(_written) >= _WRITTEN_MAX:
            _written.clear()
        text = _written[f] = render(f)
    return text


def render_verdict(v: Verdict) -> tuple[str, ...]:
    """Every finding of a verdict, in order."""
    return tuple(map(_sentence, v.findings))


__all__ = ["percent", "render", "render_verdict", "span", "years_text"]
