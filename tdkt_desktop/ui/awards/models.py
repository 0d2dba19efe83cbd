"""Qt table models for awards, decisions, decision lines and statistics (read-only record models)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from sqlite_utils import Database

from tdkt_desktop.db import register
from tdkt_desktop.db.award_records import Award, AwardCount, Decision
from tdkt_desktop.text import fold, format_date
from tdkt_desktop.ui.common.lazy_model import LazyRecordModel, Order
from tdkt_desktop.ui.common.table_model import Column, RecordTableModel
from tdkt_desktop.vocabulary import AWARD_KINDS, DECISION_KINDS

_CENTER = Qt.AlignmentFlag.AlignCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _date_key(d) -> str:
    return d.isoformat() if d else ""


class AwardTableModel(LazyRecordModel):
    """The register: one row per award line, read a page at a time (200,000 lines cost a few pages)."""

    COL_YEAR, COL_AWARD, COL_KIND, COL_RECIPIENT, COL_CODE, COL_UNIT, COL_NUMBER, COL_DATE, COL_ISSUER = range(9)
    SORT_KEYS = dict(enumerate(("year", "award", "kind", "recipient", "code", "unit", "number", "date", "issuer")))
    COLUMNS = (
        Column("Năm", lambda a: a.year, None, _CENTER),
        Column("Danh hiệu / Hình thức", lambda a: a.award_name, lambda a: fold(a.award_name)),
        Column("Loại", lambda a: AWARD_KINDS.get(a.award_kind, ""), lambda a: a.award_kind),
        Column("Cá nhân / Tập thể", lambda a: a.recipient_name, lambda a: fold(a.recipient_name)),
        Column("Mã CB", lambda a: a.staff_code, None, _CENTER),
        Column("Đơn vị", lambda a: a.unit_name, lambda a: fold(a.unit_name)),
        Column("Số quyết định", lambda a: a.decision_number, lambda a: fold(a.decision_number)),
        Column("Ngày QĐ", lambda a: format_date(a.decision_date), lambda a: _date_key(a.decision_date), _CENTER),
        Column("Cơ quan ban hành", lambda a: a.issuer, lambda a: fold(a.issuer)),
    )

    def extra_data(self, record: Award, column: int, role: int):
        """Collective awards in italics, so they stand apart from individuals."""
        if role == Qt.ItemDataRole.FontRole and record.unit_id is not None and column == self.COL_RECIPIENT:
            font = QFont()
            font.setItalic(True)
            return font
        return None


class AwardSource:
    """The award lines an :class:`register.AwardQuery` keeps (the SQL is in db/register.py)."""

    def __init__(self, db: Database, wanted: register.AwardQuery):
        self.db, self.wanted = db, wanted
        self.where = register.award_filter(db, wanted)

    def count(self) -> int:
        return register.count_awards(self.db, self.where)

    def fetch(self, offset: int, limit: int, order: Order) -> list[Award]:
        return register.page_awards(self.db, self.where, order=order, offset=offset, limit=limit)

    def position(self, key: int, order: Order) -> int | None:
        return register.award_position(self.db, self.where, key, order=order)

    def totals(self) -> list[tuple[str, int, int]]:
        return register.award_totals(self.db, self.where)


class DecisionTableModel(RecordTableModel):
    """Decisions: number, date, issuer, kind, count, summary."""

    COLUMNS = (
        Column("Số quyết định", lambda d: d.number, lambda d: fold(d.number)),
        Column("Ngày", lambda d: format_date(d.issued_on), lambda d: _date_key(d.issued_on), _CENTER),
        Column("Cơ quan ban hành", lambda d: d.issuer, lambda d: fold(d.issuer)),
        Column("Loại", lambda d: DECISION_KINDS.get(d.kind, d.kind)),
        Column("Số lượt", lambda d: d.award_count, None, _RIGHT),
        Column("Trích yếu", lambda d: d.summary, lambda d: fold(d.summary)),
    )


def decision_search_text(d: Decision) -> str:
    """What the decision list's search box matches."""
    return f"{d.number} {d.issuer} {d.summary} {d.signer_name}"


#: The columns of a decision's award list, shared by the decisions page and the decision dialog.
AWARD_LINE_COLUMNS = (
    Column("STT", lambda a: a.position, None, _CENTER),
    Column("Cá nhân / Tập thể", lambda a: a.recipient_name, lambda a: fold(a.recipient_name)),
    Column("Mã CB", lambda a: a.staff_code, None, _CENTER),
    Column("Đơn vị", lambda a: a.unit_name, lambda a: fold(a.unit_name)),
    Column("Danh hiệu / Hình thức", lambda a: a.award_name, lambda a: fold(a.award_name)),
    Column("Năm", lambda a: a.year, None, _CENTER),
)


class LinesModel(RecordTableModel):
    """The award lines being entered in the decision dialog (position = list order)."""

    COLUMNS = AWARD_LINE_COLUMNS


class PickModel(RecordTableModel):
    """People (Staff) or collectives (Unit) to pick from in the decision dialog."""

    COLUMNS = (
        Column("Mã", lambda r: getattr(r, "code", ""), None, _CENTER),
        Column("Họ và tên / Tên tập thể", lambda r: getattr(r, "full_name", None) or r.name,
               lambda r: fold(getattr(r, "full_name", None) or r.name)),
        Column("Đơn vị", lambda r: getattr(r, "unit_name", ""), lambda r: fold(getattr(r, "unit_name", ""))),
    )


def pick_text(r) -> str:
    """What the decision dialog's search matches: code, name, unit."""
    return f"{getattr(r, 'code', '')} {getattr(r, 'full_name', '') or r.name} {getattr(r, 'unit_name', '')}"


class DecisionAwardsModel(RecordTableModel):
    """Award lines of one decision, in list order, with whether the certificate was printed."""

    COLUMNS = (
        *AWARD_LINE_COLUMNS,
        Column("Đã in", lambda a: "✓" if a.printed_at else "", None, _CENTER),
    )


class StatisticsModel(RecordTableModel):
    """Counts per award family: titles and forms labelled, individuals and collectives apart."""

    COLUMNS = (
        Column("Danh hiệu / Hình thức", lambda r: r.name, lambda r: fold(r.name)),
        Column("Loại", lambda r: AWARD_KINDS.get(r.kind, "")),
        Column("Cá nhân", lambda r: r.ca_nhan, None, _RIGHT),
        Column("Tập thể", lambda r: r.tap_the, None, _RIGHT),
        Column("Tổng", lambda r: r.total, None, _RIGHT),
    )

    def extra_data(self, record: AwardCount, column: int, role: int):
        """The total column in bold."""
        if role == Qt.ItemDataRole.FontRole and column == 4:
            font = QFont()
            font.setBold(True)
            return font
        return None
