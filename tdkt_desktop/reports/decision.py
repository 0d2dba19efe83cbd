"""Quyết định khen thưởng (NĐ 30 Mẫu 1.2): Căn cứ, Điều 1–3 and the attached list (Danh sách kèm theo)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tdkt_desktop import paths
from tdkt_desktop.reports import base
from tdkt_desktop.text import format_date, nfc

_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@dataclass(frozen=True)
class ListRow:
    """One row of an attached list; a section row carries only its label in ``name``."""

    stt: str
    name: str
    position_unit: str = ""
    amount: str = ""
    note: str = ""
    section: bool = False


@dataclass(frozen=True)
class DecisionText:
    """Everything the decision prints, as plain text (tested exactly), before layout."""

    letterhead: base.Letterhead
    subject: str
    authority: str
    bases: tuple[str, ...]
    articles: tuple[str, ...]
    signer: base.Signer
    recipients: tuple[str, ...]
    list_title: str
    list_subtitle: str
    rows: tuple[ListRow, ...]
    has_amount: bool


def legal_bases(on: dt.date | None) -> list[str]:
    """The 'Căn cứ' laws in force on ``on`` (newest rule set whose effective date is not after it)."""
    data = json.loads(paths.resource_path("print", "document_bases.json").read_text(encoding="utf-8"))
    sets = sorted(data["sets"], key=lambda s: s["effective_from"], reverse=True)
    day = (on or dt.date.today()).isoformat()
    for item in sets:
        if item["effective_from"] <= day:
            return list(item["lines"])
    return list(sets[-1]["lines"])


def default_proposer() -> str:
    """Who proposes, in 'Theo đề nghị của …' when the office has not set it."""
    data = json.loads(paths.resource_path("print", "document_bases.json").read_text(encoding="utf-8"))
    return str(data["default_proposer"])


def count_phrase(units: int, people: int) -> str:
    """'02 tập thể và 14 cá nhân' (counts below ten with a leading zero, as offices write them)."""
    parts = []
    if units:
        parts.append(f"{base.two_digits(units)} tập thể")
    if people:
        parts.append(f"{base.two_digits(people)} cá nhân")
    return " và ".join(parts)


def group_awards(awards: Iterable[Any]) -> list[tuple[str, list[Any]]]:
    """Awards grouped by award name in decision order (first appearance); the individual and
    collective variants of one form share a name, so they make one group."""
    groups: dict[str, list[Any]] = {}
    for a in awards:
        groups.setdefault(a.award_name, []).append(a)
    return list(groups.items())


def _who(people: int, units: int) -> str:
    return "TẬP THỂ, CÁ NHÂN" if people and units else ("CÁ NHÂN" if people else "TẬP THỂ")


def award_phrase(name: str, kind: str, year: int) -> str:
    """'tặng Giấy khen' / 'công nhận danh hiệu “Lao động tiên tiến” năm 2025'."""
    if kind == "danh_hieu":
        return f"công nhận danh hiệu “{name}” năm {year}"
    return f"tặng {name}"


def list_rows(awards: Iterable[Any], positions: dict[int, str], kinds: dict[str, str]) -> list[ListRow]:
    """Attached-list rows: per award type (if several), Tập thể then Cá nhân, STT restarting per section.

    Args:
        awards: ``Award`` records in decision order.
        positions: staff id → position (chức vụ), for the "Chức vụ, đơn vị" column.
        kinds: award type code → "danh_hieu" | "hinh_thuc".
    """
    groups = group_awards(awards)
    rows: list[ListRow] = []
    numeral = 0
    for _name, items in groups:
        for label, members in (("Tập thể", [a for a in items if a.staff_id is None]),
                               ("Cá nhân", [a for a in items if a.staff_id is not None])):
            if not members:
                continue
            title = label if len(groups) == 1 else f"{label} – {members[0].award_name}"
            rows.append(ListRow(stt="", name=f"{_ROMAN[numeral % len(_ROMAN)]}. {title}", section=True))
            numeral += 1
            for i, a in enumerate(members, start=1):
                if a.staff_id is None:
                    where = ""
                else:
                    where = ", ".join(p for p in (positions.get(a.staff_id, ""), a.unit_name) if p)
                rows.append(ListRow(str(i), nfc(a.recipient_name), nfc(where), base.money(a.amount), nfc(a.reason)))
    return rows


def _signer(decision: Any, settings: Any) -> base.Signer:
    """A deputy signs 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' (NĐ 30: ký thay)."""
    head = nfc(settings.signer_title).upper()
    title = nfc(decision.signer_title or settings.signer_title).upper()
    authority = f"KT. {head}" if title != head and title.startswith("PHÓ") else ""
    return base.Signer(title=title, name=nfc(decision.signer_name or settings.signer_name), authority=authority)


def decision_text(decision: Any, awards: list[Any], settings: Any, *, positions: dict[int, str],
                  kinds: dict[str, str], office_bases: list[str] | None = None,
                  proposer: str = "") -> DecisionText:
    """The decision's texts from its record, its awards (decision order) and the office settings."""
    groups = group_awards(awards)
    year = decision.year
    issuer = base.issuer_name(settings.office_name)
    head_title = nfc(settings.signer_title).upper()
    whats = [award_phrase(name, kinds.get(items[0].award_type, "hinh_thuc"), items[0].year or year)
             for name, items in groups]
    summary = nfc(decision.summary)
    if summary:
        subject = summary if summary.lower().startswith("về việc") else f"Về việc {summary[0].lower()}{summary[1:]}"
    else:
        people = sum(a.staff_id is not None for a in awards)
        who = _who(people, len(awards) - people).lower()
        subject = f"Về việc {' và '.join(whats)} cho các {who}" if whats else "Về việc khen thưởng"
    clauses = []
    for (_name, items), what in zip(groups, whats):
        counts = count_phrase(sum(a.staff_id is None for a in items), sum(a.staff_id is not None for a in items))
        if kinds.get(items[0].award_type) == "danh_hieu":
            clauses.append(f"{what[0].upper()}{what[1:]} cho {counts} (có danh sách kèm theo).")
        else:
            clauses.append(f"{what[0].upper()}{what[1:]} cho {counts} (có danh sách kèm theo) "
                           f"đã có thành tích xuất sắc trong công tác năm {items[0].year or year}.")
    if len(clauses) == 1:
        articles = [f"Điều 1. {clauses[0]}"]
    else:
        articles = ["Điều 1. Khen thưởng các tập thể, cá nhân có tên trong danh sách kèm theo, cụ thể:"]
        articles += [f"{i}. {c}" for i, c in enumerate(clauses, start=1)]
    total = sum(a.amount or 0 for a in awards)
    if total:
        articles.append(
            f"Điều 2. Tiền thưởng kèm theo thực hiện theo quy định hiện hành (có danh sách kèm theo), "
            f"tổng số tiền: {base.money(total)} đồng, chi từ nguồn quỹ thi đua, khen thưởng của "
            f"{nfc(settings.office_name)}."
        )
    else:
        articles.append("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
    articles.append(
        "Điều 3. Chánh Văn phòng Sở, Trưởng các phòng, đơn vị thuộc Sở và các tập thể, cá nhân "
        "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
    )
    laws = legal_bases(decision.issued_on) + [nfc(b) for b in (office_bases or []) if nfc(b)]
    bases = tuple(f"Căn cứ {b.rstrip(';,. ')};" for b in laws)
    bases += (f"Theo đề nghị của {nfc(proposer) or default_proposer()}.",)
    people = sum(a.staff_id is not None for a in awards)
    units = len(awards) - people
    who = _who(people, units)
    verbs = "ĐƯỢC " + " VÀ ".join(w.upper() for w in whats)
    list_title = f"DANH SÁCH {who} {verbs}".replace("“", "").replace("”", "")
    subtitle = (f"(Kèm theo Quyết định số {decision.number} ngày {format_date(decision.issued_on)} "
                f"của {head_title.capitalize()} {base.office_plain(settings.office_name)})")
    return DecisionText(
        letterhead=base.Letterhead(settings.governing_body, issuer, decision.number, settings.place_name,
                                   decision.issued_on),
        subject=subject,
        authority=f"{head_title} {issuer}",
        bases=bases,
        articles=tuple(articles),
        signer=_signer(decision, settings),
        recipients=("Như Điều 3;", "Lưu: VT, VP."),
        list_title=list_title,
        list_subtitle=subtitle,
        rows=tuple(list_rows(awards, positions, kinds)),
        has_amount=total > 0,
    )


def list_table(rows: tuple[ListRow, ...] | list[ListRow], width: float, has_amount: bool) -> Any:
    """The attached list as a table whose header repeats on each page."""
    if has_amount:
        header = ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Số tiền (đồng)", "Ghi chú"]
        fractions = [0.07, 0.25, 0.30, 0.14, 0.24]
    else:
        header = ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Ghi chú"]
        fractions = [0.07, 0.27, 0.38, 0.28]
    data = []
    sections = []
    for i, r in enumerate(rows):
        if r.section:
            sections.append(i)
            data.append([r.name])
        elif has_amount:
            data.append([r.stt, r.name, r.position_unit, r.amount, r.note])
        else:
            data.append([r.stt, r.name, r.position_unit, r.note])
    align = {0: "center", 3: "right"} if has_amount else {0: "center"}
    return base.data_table(header, data, [width * f for f in fractions], tuple(sections), align)


def render_decision(text: DecisionText) -> bytes:
    """The decision PDF: first pages the decision, then the attached list on a new page."""
    s = base.styles()
    width = base.frame_width()
    from reportlab.platypus import Spacer

    body: list[Any] = [base.para(text.authority, s["center_bold"])]
    body.append(Spacer(1, 3 * base.MM))
    body += [base.para(b, s["basis"]) for b in text.bases]
    body.append(base.para("QUYẾT ĐỊNH:", s["kind"]))
    body.append(Spacer(1, 2 * base.MM))
    for article in text.articles:
        head, _, rest = article.partition(". ")
        body.append(base.lead_para(head + ".", rest, s["body"]))
    annex = [
        base.para(text.list_title, s["center_bold"]),
        base.para(text.list_subtitle, s["note"]),
        Spacer(1, 4 * base.MM),
        list_table(text.rows, width, text.has_amount),
    ]
    doc = base.Document(
        letterhead=text.letterhead, kind="QUYẾT ĐỊNH", subject=text.subject, body=body,
        signer=text.signer, recipients=list(text.recipients), annex=annex,
        pdf_title=f"Quyết định {text.letterhead.number}",
    )
    return base.render(doc)

