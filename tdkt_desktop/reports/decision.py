"""Quyết định khen thưởng (NĐ 30 Mẫu 1.2): Căn cứ, Điều 1–3 and the attached list (Danh sách kèm theo)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tdkt_desktop import paths
from tdkt_desktop.reports import base, blocks
from tdkt_desktop.reports.blocks import keep
from tdkt_desktop.reports.wording import award_phrase, count_phrase, predicate, purpose, who
from tdkt_desktop.text import fold, format_date, nfc

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
class ListedText:
    """What a document with an attached list (a decision, a tờ trình) prints around its own body, as plain text."""

    letterhead: base.Letterhead
    subject: str
    bases: tuple[str, ...]
    signer: base.Signer
    recipients: tuple[str, ...]
    list_title: str
    list_subtitle: str
    rows: tuple[ListRow, ...]
    has_amount: bool


@dataclass(frozen=True)
class DecisionText(ListedText):
    """Everything the decision prints, as plain text (tested exactly), before layout."""

    authority: str
    articles: tuple[str, ...]


def legal_bases(on: dt.date | None) -> list[str]:
    """The 'Căn cứ' laws in force on ``on`` (newest rule set whose effective date is not after it)."""
    data = json.loads(paths.resource_path("print", "document_bases.json").read_text(encoding="utf-8"))
    sets = sorted(data["sets"], key=lambda s: s["effective_from"], reverse=True)
    day = (on or dt.date.today()).isoformat()
    for item in sets:
        if item["effective_from"] <= day:
            return list(item["lines"])
    return list(sets[-1]["lines"])


def basis_lines(on: dt.date | None, office_bases: list[str] | None = None) -> tuple[str, ...]:
    """The "Căn cứ …;" lines: the laws in force on ``on``, then the office's own bases (blank ones skipped)."""
    laws = legal_bases(on) + [nfc(b) for b in (office_bases or []) if nfc(b)]
    return tuple(f"Căn cứ {b.rstrip(';,. ')};" for b in laws)


def default_proposer() -> str:
    """Who proposes, in 'Theo đề nghị của …' when the office has not set it."""
    data = json.loads(paths.resource_path("print", "document_bases.json").read_text(encoding="utf-8"))
    return str(data["default_proposer"])


def group_awards(awards: Iterable[Any]) -> list[tuple[str, list[Any]]]:
    """Awards grouped by award name in decision order (first appearance); the individual and
    collective variants of one form share a name, so they make one group."""
    groups: dict[str, list[Any]] = {}
    for a in awards:
        groups.setdefault(a.award_name, []).append(a)
    return list(groups.items())


def list_title(groups: list[tuple[str, str, int]], recipients: str, *, proposed: bool = False) -> str:
    """'DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN CỦA GIÁM ĐỐC SỞ', phrases kept whole so the title
    breaks between them ('… CỦA GIÁM ĐỐC SỞ' stays together).

    Args:
        groups: (award name, kind, year) per award in the list.
        recipients: 'cá nhân', 'tập thể' or 'tập thể, cá nhân'.
        proposed: a tờ trình's list ('DANH SÁCH ĐỀ NGHỊ TẶNG …').
    """
    parts = []
    for i, (name, kind, year) in enumerate(groups):
        name = nfc(name).replace("“", "").replace("”", "").upper()
        head, sep, owner = name.partition(" CỦA ")
        words = keep(head) + (f" {keep('CỦA ' + owner)}" if sep else "")
        verb = "CÔNG NHẬN DANH HIỆU" if kind == "danh_hieu" else "TẶNG"
        lead = keep(("ĐỀ NGHỊ " if proposed else "ĐƯỢC ") + verb) if i == 0 else keep(verb)
        parts.append(f"{lead} {words}" + (f" {keep(f'NĂM {year}')}" if kind == "danh_hieu" else ""))
    who_part = "" if proposed else f" {keep(recipients.upper())}"
    return f"{keep('DANH SÁCH')}{who_part} " + " VÀ ".join(parts)


def list_rows(awards: Iterable[Any], positions: dict[int, str], kinds: dict[str, str], *,
              said: str = "") -> list[ListRow]:
    """Attached-list rows: per award type (if several), Tập thể then Cá nhân, STT restarting per section.

    A list with one section has no section heading. A line's reason goes to "Ghi chú" only when
    it differs from ``said``, the reason the decision already gives for everyone.

    Args:
        awards: ``Award`` records in decision order.
        positions: staff id → position (chức vụ), for the "Chức vụ, đơn vị" column.
        kinds: award type code → "danh_hieu" | "hinh_thuc".
    """
    groups = group_awards(awards)
    sections = []
    for _name, items in groups:
        for label, members in (("Tập thể", [a for a in items if a.staff_id is None]),
                               ("Cá nhân", [a for a in items if a.staff_id is not None])):
            if members:
                sections.append((label if len(groups) == 1 else f"{label} – {members[0].award_name}", members))
    said_key = fold(said)
    rows: list[ListRow] = []
    for numeral, (title, members) in enumerate(sections):
        if len(sections) > 1:
            rows.append(ListRow(stt="", name=f"{_ROMAN[numeral % len(_ROMAN)]}. {title}", section=True))
        for i, a in enumerate(members, start=1):
            where = "" if a.staff_id is None else ", ".join(
                p for p in (positions.get(a.staff_id, ""), a.unit_name) if p)
            note = nfc(a.reason)
            if said_key and said_key in {fold(note), fold(predicate(note))}:
                note = ""
            rows.append(ListRow(str(i), nfc(a.recipient_name), nfc(where), base.money(a.amount), note))
    return rows


def _signer(decision: Any, settings: Any) -> base.Signer:
    """A deputy signs 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' (NĐ 30: ký thay)."""
    head = nfc(settings.signer_title).upper()
    title = nfc(decision.signer_title or settings.signer_title).upper()
    authority = f"KT. {head}" if title != head and title.startswith("PHÓ") else ""
    return base.Signer(title=title, name=nfc(decision.signer_name or settings.signer_name), authority=authority)


def list_subtitle(kind: str, number: str, date: dt.date | None, signer: str) -> str:
    """'(Kèm theo Quyết định số 08/QĐ-SKHCN ngày 13/01/2023 của Giám đốc Sở …)', phrases kept whole."""
    when = f" {keep('ngày ' + format_date(date))}" if date else ""
    return f"({keep('Kèm theo')} {keep(f'{kind} số {number}')}{when} {keep('của ' + signer)})"


def decision_text(decision: Any, awards: list[Any], settings: Any, *, positions: dict[int, str],
                  kinds: dict[str, str], office_bases: list[str] | None = None,
                  proposer: str = "") -> DecisionText:
    """The decision's texts from its record, its awards (decision order) and the office settings.

    The trích yếu, Điều 1 and the certificates take the decision's purpose from one place
    (:func:`wording.purpose`); Điều 1 and Điều 3 name only the kinds of recipient listed.
    """
    groups = group_awards(awards)
    year = decision.year
    issuer = base.issuer_name(settings.office_name)
    head_title = nfc(settings.signer_title).upper()
    number = base.doc_number(decision.number)
    whats = [award_phrase(name, kinds.get(items[0].award_type, "hinh_thuc"), items[0].year or year)
             for name, items in groups]
    people = sum(a.staff_id is not None for a in awards)
    units = len(awards) - people
    for_what = purpose(decision, awards)
    any_form = any(kinds.get(items[0].award_type) != "danh_hieu" for _n, items in groups)
    summary = nfc(decision.summary)
    if summary:
        subject = summary if fold(summary).startswith("ve viec") else f"Về việc {summary[0].lower()}{summary[1:]}"
    elif whats:
        subject = f"Về việc {' và '.join(whats)} cho các {who(people, units)}" + (f" {for_what}" if any_form else "")
    else:
        subject = "Về việc khen thưởng"
    clauses = []
    for (_name, items), what in zip(groups, whats, strict=True):
        counts = count_phrase(sum(a.staff_id is None for a in items), sum(a.staff_id is not None for a in items))
        tail = "" if kinds.get(items[0].award_type) == "danh_hieu" else f" {for_what}"
        clauses.append(f"{what[0].upper()}{what[1:]} cho {counts}{tail} (có danh sách kèm theo).")
    if len(clauses) == 1:
        articles = [f"Điều 1. {clauses[0]}"]
    else:
        articles = [f"Điều 1. Khen thưởng các {who(people, units)} có tên trong danh sách kèm theo, cụ thể:"]
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
        f"Điều 3. Chánh Văn phòng Sở, Trưởng các phòng, đơn vị thuộc Sở và các {who(people, units)} "
        "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
    )
    bases = basis_lines(decision.issued_on, office_bases)
    bases += (f"Theo đề nghị của {nfc(proposer) or default_proposer()}.",)
    title = list_title([(name, kinds.get(items[0].award_type, "hinh_thuc"), items[0].year or year)
                        for name, items in groups], who(people, units))
    subtitle = list_subtitle("Quyết định", number, decision.issued_on,
                             f"{head_title.capitalize()} {base.office_plain(settings.office_name)}")
    return DecisionText(
        letterhead=base.Letterhead(settings.governing_body, issuer, number, settings.place_name,
                                   decision.issued_on),
        subject=subject,
        authority=f"{head_title} {issuer}",
        bases=bases,
        articles=tuple(articles),
        signer=_signer(decision, settings),
        recipients=("Như Điều 3;", "Lưu: VT, VP."),
        list_title=title,
        list_subtitle=subtitle,
        rows=tuple(list_rows(awards, positions, kinds, said=for_what)),
        has_amount=total > 0,
    )


#: Attached-list columns: (header, share of the width, alignment); empty columns are dropped.
_COLUMNS = {
    "stt": ("STT", 0.07, "center"),
    "name": ("", 0.27, ""),
    "position_unit": (f"{keep('Chức vụ')}, {keep('đơn vị')}", 0.38, ""),
    "amount": (f"{keep('Số tiền')} (đồng)", 0.14, "right"),
    "note": (keep("Ghi chú"), 0.24, ""),
}


def list_table(rows: tuple[ListRow, ...] | list[ListRow], width: float, has_amount: bool = True) -> Any:
    """The attached list as a table whose header repeats on each page.

    A column empty in every row (no amounts, no notes, only collectives) is left out, so names
    and units get the room.
    """
    people = [r for r in rows if not r.section and r.position_unit]
    data_rows = [r for r in rows if not r.section]
    kept = ["stt", "name"] + [c for c in ("position_unit", "amount", "note")
                              if any(getattr(r, c) for r in data_rows) and (c != "amount" or has_amount)]
    collectives = any(r.section and "Tập thể" in r.name for r in rows) or (data_rows and not people)
    individuals = bool(people) or any(r.section and "Cá nhân" in r.name for r in rows)
    name_header = (f"{keep('Họ và tên')} / {keep('Tên tập thể')}" if collectives and individuals
                   else keep("Tên tập thể") if collectives else keep("Họ và tên"))
    share = sum(_COLUMNS[c][1] for c in kept)
    headers = [name_header if c == "name" else _COLUMNS[c][0] for c in kept]
    widths = [width * _COLUMNS[c][1] / share for c in kept]
    align = {i: _COLUMNS[c][2] for i, c in enumerate(kept) if _COLUMNS[c][2]}
    data, sections = [], []
    for i, r in enumerate(rows):
        if r.section:
            sections.append(i)
            data.append([r.name])
        else:
            data.append([getattr(r, "name" if c == "name" else c) for c in kept])
    return blocks.data_table(headers, data, widths, tuple(sections), align)


def render_decision(text: DecisionText) -> bytes:
    """The decision PDF: first pages the decision, then the attached list on pages of its own."""
    from reportlab.platypus import Spacer

    s = base.styles()
    body: list[Any] = [base.para("QUYẾT ĐỊNH:", s["kind"]), Spacer(1, 2 * base.MM)]
    for article in text.articles:
        head, _, rest = article.partition(". ")
        body.append(base.lead_para(head + ".", rest, s["body"]))
    return render_listed(text, "QUYẾT ĐỊNH", base.para(text.authority, s["center_bold"]), body,
                         f"Quyết định {text.letterhead.number}")


def render_listed(text: ListedText, kind: str, lead: Any, body: list[Any], pdf_title: str) -> bytes:
    """A document with an attached list: ``lead`` (by whose authority, or to whom), the "Căn cứ" lines,
    ``body``, the signature, then the list on pages of its own."""
    from reportlab.platypus import Spacer

    bases = [base.para(b, base.styles()["basis"]) for b in text.bases]
    doc = base.Document(
        letterhead=text.letterhead, kind=kind, subject=text.subject, body=[lead, Spacer(1, 3 * base.MM), *bases, *body],
        signer=text.signer, recipients=list(text.recipients),
        annex=annex(text.list_title, text.list_subtitle, text.rows, text.has_amount), pdf_title=pdf_title,
    )
    return base.render(doc)


def annex(title: str, subtitle: str, rows: tuple[ListRow, ...], has_amount: bool) -> list[Any]:
    """The attached list's pages: balanced title and subtitle, then the table."""
    from reportlab.platypus import Spacer

    s = base.styles()
    width = base.frame_width()
    return [blocks.heading(title, s["center_bold"], width), blocks.heading(subtitle, s["note"], width),
            Spacer(1, 4 * base.MM), list_table(rows, width, has_amount)]
