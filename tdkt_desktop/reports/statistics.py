"""Báo cáo kết quả khen thưởng for a period: counts per title and form, collectives and individuals, per year."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from tdkt_desktop import paths
from tdkt_desktop.reports import base, blocks
from tdkt_desktop.reports.blocks import keep
from tdkt_desktop.text import nfc

#: More years than this do not fit one portrait table; the per-year table is split into parts.
MAX_YEAR_COLUMNS = 8


@dataclass(frozen=True)
class StatRow:
    """One table row: STT, label and the counts as printed ('' for a section row)."""

    stt: str
    label: str
    tap_the: str = ""
    ca_nhan: str = ""
    total: str = ""
    section: bool = False
    bold: bool = False


@dataclass(frozen=True)
class YearTable:
    """One part of the per-year table: its header and rows (the last part carries the totals column)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class StatisticsText:
    """Everything the statistics report prints, as plain text."""

    letterhead: base.Letterhead
    subject: str
    headline: str
    rows: tuple[StatRow, ...]
    year_tables: tuple[YearTable, ...]
    closing: str
    signer: base.Signer
    recipients: tuple[str, ...]


def period_phrase(from_year: int, to_year: int) -> str:
    """'năm 2025' for one year, 'giai đoạn 2021–2025' for a range."""
    return f"năm {from_year}" if from_year == to_year else f"giai đoạn {from_year}–{to_year}"


def ladder_order(counts: list[Any]) -> list[Any]:
    """Rows in the award ladder's order (resources/print/report_order.json); others after, as given."""
    data = json.loads(paths.resource_path("print", "report_order.json").read_text(encoding="utf-8"))
    rank = {code: i for i, code in enumerate(data["statistics"])}
    return sorted(counts, key=lambda c: rank.get(c.award_type, len(rank)))


def year_parts(years: list[int]) -> list[list[int]]:
    """The years split into as few, as even parts as fit :data:`MAX_YEAR_COLUMNS` (none dropped)."""
    if not years:
        return []
    parts = -(-len(years) // MAX_YEAR_COLUMNS)
    size, extra = divmod(len(years), parts)
    out, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        out.append(years[start:end])
        start = end
    return out


def statistics_text(counts: list[Any], by_year: dict[int, dict[str, int]], settings: Any,
                    from_year: int, to_year: int, *, today: dt.date | None = None) -> StatisticsText:
    """Texts of the report from ``statistics.award_counts`` rows and ``counts_by_year``.

    Totals are computed here from the rows, never typed (DOMAIN §13.4: published totals can disagree).
    """
    period = period_phrase(from_year, to_year)
    counts = ladder_order(counts)
    tap_the = sum(c.tap_the for c in counts)
    ca_nhan = sum(c.ca_nhan for c in counts)
    office = nfc(settings.office_name)
    when = period[0].upper() + period[1:]
    headline = (
        f"Trong {period}, {office} đã khen thưởng và được cấp có thẩm quyền khen thưởng "
        f"{tap_the + ca_nhan} lượt tập thể, cá nhân ({tap_the} lượt tập thể, {ca_nhan} lượt cá nhân), cụ thể như sau:"
    ) if counts else f"{when}, {office} chưa có lượt khen thưởng nào được ghi nhận."
    rows: list[StatRow] = []
    for numeral, kind, label in (("I", "danh_hieu", "Danh hiệu thi đua"), ("II", "hinh_thuc", "Hình thức khen thưởng")):
        part = [c for c in counts if c.kind == kind]
        if not part:
            continue
        rows.append(StatRow("", f"{numeral}. {label}", section=True))
        for i, c in enumerate(part, start=1):
            rows.append(StatRow(str(i), nfc(c.name), str(c.tap_the), str(c.ca_nhan), str(c.tap_the + c.ca_nhan)))
    if counts:
        rows.append(StatRow("", "Tổng cộng", str(tap_the), str(ca_nhan), str(tap_the + ca_nhan), bold=True))
    years = sorted(by_year)
    tables: list[YearTable] = []
    if counts and len(years) > 1:
        parts = year_parts(years)
        for n, part in enumerate(parts):
            last = n == len(parts) - 1
            header = ("Danh hiệu, hình thức", *(str(y) for y in part)) + (("Tổng",) if last else ())
            body = []
            for c in counts:
                per = [by_year[y].get(c.award_type, 0) for y in part]
                whole = sum(by_year[y].get(c.award_type, 0) for y in years)
                body.append((nfc(c.name), *(str(v) for v in per)) + ((str(whole),) if last else ()))
            sums = [sum(by_year[y].get(c.award_type, 0) for c in counts) for y in part]
            grand = sum(sum(by_year[y].get(c.award_type, 0) for c in counts) for y in years)
            body.append(("Tổng cộng", *(str(v) for v in sums)) + ((str(grand),) if last else ()))
            tables.append(YearTable(header, tuple(body)))
    return StatisticsText(
        letterhead=base.Letterhead(settings.governing_body, base.issuer_name(settings.office_name),
                                   f"{base.BLANK_NUMBER}/BC-{settings.document_symbol}", settings.place_name, today),
        subject=f"Kết quả công tác khen thưởng {period}",
        headline=headline,
        rows=tuple(rows),
        year_tables=tuple(tables),
        closing=f"Trên đây là báo cáo kết quả công tác khen thưởng {period} của {office}./.",
        signer=base.Signer(title=nfc(settings.signer_title).upper(), name=nfc(settings.signer_name)),
        recipients=("Sở Nội vụ (Ban Thi đua - Khen thưởng);", "Lưu: VT, VP."),
    )


def render_statistics(text: StatisticsText) -> bytes:
    """The report PDF."""
    from reportlab.platypus import Spacer

    s = base.styles()
    width = base.frame_width()
    sections = tuple(i for i, r in enumerate(text.rows) if r.section)
    bold = tuple(i for i, r in enumerate(text.rows) if r.bold)
    data = [[r.label] if r.section else [r.stt, r.label, r.tap_the, r.ca_nhan, r.total] for r in text.rows]
    body: list[Any] = [base.para(text.headline, s["body"])]
    if data:
        body += blocks.table_heading("1. Số lượt khen thưởng theo danh hiệu, hình thức")
        body.append(blocks.data_table(
            ["STT", f"{keep('Danh hiệu')}, {keep('hình thức')} {keep('khen thưởng')}", keep("Tập thể"),
             keep("Cá nhân"), keep("Tổng số")], data,
            [width * f for f in (0.08, 0.50, 0.14, 0.14, 0.14)], sections,
            {0: "center", 2: "right", 3: "right", 4: "right"}, bold_rows=bold,
        ))
    for i, table in enumerate(text.year_tables):
        body.append(Spacer(1, 4 * base.MM))
        if i == 0:
            body += blocks.table_heading("2. Số lượt khen thưởng theo từng năm")
        n = len(table.header) - 1
        first = width * 0.40
        header = [f"{keep('Danh hiệu')}, {keep('hình thức')}", *table.header[1:]]
        body.append(blocks.data_table(
            header, [list(r) for r in table.rows], [first] + [(width - first) / n] * n,
            align={j: "right" for j in range(1, n + 1)}, bold_rows=(len(table.rows) - 1,),
        ))
    body.append(Spacer(1, 2 * base.MM))
    body.append(base.para(text.closing, s["body"]))
    doc = base.Document(letterhead=text.letterhead, kind="BÁO CÁO", subject=text.subject, body=body,
                        signer=text.signer, recipients=list(text.recipients), pdf_title=text.subject)
    return base.render(doc)
