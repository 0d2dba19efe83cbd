"""Báo cáo kết quả khen thưởng for a period: counts per title and form, collectives and individuals, per year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from tdkt_desktop.reports import base
from tdkt_desktop.text import nfc

#: A per-year table wider than this many years does not fit a portrait A4 page.
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


@dataclass(frozen=True)
class StatisticsText:
    """Everything the statistics report prints, as plain text."""

    letterhead: base.Letterhead
    subject: str
    headline: str
    rows: tuple[StatRow, ...]
    year_header: tuple[str, ...]
    year_rows: tuple[tuple[str, ...], ...]
    signer: base.Signer
    recipients: tuple[str, ...]


def statistics_text(counts: list[Any], by_year: dict[int, dict[str, int]], settings: Any,
                    from_year: int, to_year: int, *, today: dt.date | None = None) -> StatisticsText:
    """Texts of the report from ``statistics.award_counts`` rows and ``counts_by_year``.

    Totals are computed here from the rows, never typed (DOMAIN §13.4: published totals can disagree).
    """
    period = str(from_year) if from_year == to_year else f"{from_year}–{to_year}"
    tap_the = sum(c.tap_the for c in counts)
    ca_nhan = sum(c.ca_nhan for c in counts)
    office = nfc(settings.office_name)
    headline = (
        f"Trong giai đoạn {period}, {office} đã khen thưởng và được cấp có thẩm quyền khen thưởng "
        f"{tap_the + ca_nhan} lượt tập thể, cá nhân ({tap_the} lượt tập thể, {ca_nhan} lượt cá nhân), cụ thể như sau:"
    ) if counts else f"Trong giai đoạn {period}, {office} chưa có lượt khen thưởng nào được ghi nhận."
    rows: list[StatRow] = []
    for numeral, kind, label in (("I", "danh_hieu", "Danh hiệu thi đua"), ("II", "hinh_thuc", "Hình thức khen thưởng")):
        part = [c for c in counts if c.kind == kind]
        if not part:
            continue
        rows.append(StatRow("", f"{numeral}. {label}", section=True))
        for i, c in enumerate(part, start=1):
            rows.append(StatRow(str(i), nfc(c.name), str(c.tap_the), str(c.ca_nhan), str(c.tap_the + c.ca_nhan)))
    if counts:
        rows.append(StatRow("", "Tổng cộng", str(tap_the), str(ca_nhan), str(tap_the + ca_nhan)))
    years = sorted(by_year)
    year_header: tuple[str, ...] = ()
    year_rows: list[tuple[str, ...]] = []
    if counts and 1 < len(years) <= MAX_YEAR_COLUMNS:
        year_header = ("Danh hiệu, hình thức", *(str(y) for y in years), "Tổng")
        for c in counts:
            per = [by_year[y].get(c.award_type, 0) for y in years]
            year_rows.append((nfc(c.name), *(str(n) for n in per), str(sum(per))))
        sums = [sum(by_year[y].values()) for y in years]
        year_rows.append(("Tổng cộng", *(str(n) for n in sums), str(sum(sums))))
    return StatisticsText(
        letterhead=base.Letterhead(settings.governing_body, base.issuer_name(settings.office_name),
                                   f"{base.BLANK_NUMBER}/BC-{settings.document_symbol}", settings.place_name, today),
        subject=f"Kết quả công tác khen thưởng giai đoạn {period}" if from_year != to_year
        else f"Kết quả công tác khen thưởng năm {period}",
        headline=headline,
        rows=tuple(rows),
        year_header=year_header,
        year_rows=tuple(year_rows),
        signer=base.Signer(title=nfc(settings.signer_title).upper(), name=nfc(settings.signer_name)),
        recipients=("Sở Nội vụ (Ban Thi đua - Khen thưởng);", "Lưu: VT, VP."),
    )


def statistics_for(db: Database, from_year: int, to_year: int) -> StatisticsText:
    """Read the counts for the period and build the texts.

    Raises:
        UserError: the years are reversed or implausible.
    """
    from tdkt_desktop.db import statistics
    from tdkt_desktop.db.settings import get_settings
    from tdkt_desktop.errors import UserError

    if from_year > to_year:
        raise UserError(f"Năm bắt đầu ({from_year}) sau năm kết thúc ({to_year}).")
    if from_year < 1945 or to_year > 2100:
        raise UserError(f"Giai đoạn {from_year}–{to_year} không hợp lệ.")
    counts = statistics.award_counts(db, from_year, to_year)
    by_year = statistics.counts_by_year(db, from_year, to_year)
    return statistics_text(counts, by_year, get_settings(db), from_year, to_year, today=dt.date.today())


def render_statistics(text: StatisticsText) -> bytes:
    """The report PDF."""
    from reportlab.platypus import Spacer

    s = base.styles()
    width = base.frame_width()
    sections = tuple(i for i, r in enumerate(text.rows) if r.section)
    data = [[r.label] if r.section else [r.stt, r.label, r.tap_the, r.ca_nhan, r.total] for r in text.rows]
    body: list[Any] = [base.para(text.headline, s["body"])]
    if data:
        body.append(base.para("1. Số lượt khen thưởng theo danh hiệu, hình thức", s["heading"]))
        body.append(base.data_table(
            ["STT", "Danh hiệu, hình thức khen thưởng", "Tập thể", "Cá nhân", "Tổng số"], data,
            [width * f for f in (0.08, 0.50, 0.14, 0.14, 0.14)], sections,
            {0: "center", 2: "right", 3: "right", 4: "right"},
        ))
    if text.year_rows:
        body.append(Spacer(1, 4 * base.MM))
        body.append(base.para("2. Số lượt khen thưởng theo từng năm", s["heading"]))
        n = len(text.year_header) - 1
        first = width * 0.40
        body.append(base.data_table(
            list(text.year_header), [list(r) for r in text.year_rows], [first] + [(width - first) / n] * n,
            align={i: "right" for i in range(1, n + 1)},
        ))
    doc = base.Document(letterhead=text.letterhead, kind="BÁO CÁO", subject=text.subject, body=body,
                        signer=text.signer, recipients=list(text.recipients), pdf_title=text.subject)
    return base.render(doc)
