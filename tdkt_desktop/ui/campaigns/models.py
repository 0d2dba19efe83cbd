"""Qt table models of the campaigns tab: campaigns, checklist, registrations, unit summary, reviews, results, notes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from tdkt_desktop.db.campaign_records import (
    Campaign,
    CampaignReview,
    Criterion,
    Registration,
    ReviewResult,
    UnitRegistrations,
)
from tdkt_desktop.text import fold, format_date
from tdkt_desktop.ui.common.table_model import Column, RecordTableModel
from tdkt_desktop.vocabulary import CAMPAIGN_KINDS, CAMPAIGN_LEVELS, CAMPAIGN_STATUSES, REVIEW_KINDS, REVIEW_RESULTS

_CENTER = Qt.AlignmentFlag.AlignCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_RED = QBrush(QColor("#b00020"))
_GREEN = QBrush(QColor("#1b5e20"))
_GREY = QBrush(QColor("#777777"))
_STATUS_ORDER = {code: i for i, code in enumerate(CAMPAIGN_STATUSES)}


def _iso(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


def document_cell(c: Campaign) -> str:
    """'08/KH-SKHCN, 15/01/2025' or 'Phát động 10/08/2020' (short, for a table cell; the issuer is in the tooltip)."""
    from tdkt_desktop.vocabulary import CAMPAIGN_DOCUMENTS

    parts = [p for p in (c.doc_number, format_date(c.doc_date)) if p]
    text = ", ".join(parts)
    return text if c.doc_number else f"{CAMPAIGN_DOCUMENTS.get(c.doc_kind, '')} {text}".strip()


class CampaignTableModel(RecordTableModel):
    """The campaign list; the status is derived for ``today`` (set before ``set_rows``)."""

    COL_NAME, COL_KIND, COL_PERIOD, COL_DOC, COL_LEVEL, COL_STATUS, COL_UNITS, COL_REGS, COL_AWARDS = range(9)
    EXTRA_ROLES = frozenset({Qt.ItemDataRole.ForegroundRole})

    def __init__(self, parent=None):
        super().__init__(parent)
        self.today = dt.date.today()
        self.COLUMNS = (
            Column("Tên phong trào", lambda c: c.name, lambda c: fold(c.name), tooltip=lambda c: c.name),
            Column("Loại", lambda c: CAMPAIGN_KINDS.get(c.kind, c.kind)),
            Column("Thời gian", lambda c: c.period_text(), lambda c: _iso(c.starts_on), _CENTER),
            Column("Văn bản phát động", document_cell, lambda c: _iso(c.doc_date), tooltip=lambda c: c.document_text()),
            Column("Cấp phát động", lambda c: CAMPAIGN_LEVELS.get(c.level, c.level)),
            Column("Trạng thái", self.status_text, lambda c: _STATUS_ORDER.get(c.status(self.today), 0),
                   tooltip=self.status_tip),
            Column("Tham gia", lambda c: c.units, None, _RIGHT, tooltip=lambda c: f"{c.units} đơn vị tham gia"),
            Column("Đăng ký", lambda c: c.registrations, None, _RIGHT),
            Column("Khen thưởng", lambda c: c.awards, None, _RIGHT),
        )

    def status_text(self, c: Campaign) -> str:
        """The derived status, with a warning when the period is over without a tổng kết."""
        text = CAMPAIGN_STATUSES[c.status(self.today)]
        return f"{text} – quá hạn tổng kết" if c.overdue(self.today) else text

    def status_tip(self, c: Campaign) -> str:
        if c.closed_on:
            return f"Kết thúc ngày {format_date(c.closed_on)}."
        if c.tong_ket_on:
            return f"Tổng kết ngày {format_date(c.tong_ket_on)}."
        if c.overdue(self.today):
            return f"Đã hết thời gian ({format_date(c.ends_on)}) nhưng chưa ghi kết quả tổng kết."
        return f"{c.so_ket_held} đợt sơ kết đã ghi kết quả." if c.so_ket_held else "Chưa có đợt sơ kết nào."

    def extra_data(self, record: Campaign, column: int, role: int):
        if column == self.COL_STATUS and role == Qt.ItemDataRole.ForegroundRole:
            if record.overdue(self.today):
                return _RED
            if record.status(self.today) == "da_ket_thuc":
                return _GREY
        return None


def campaign_search_text(c: Campaign) -> str:
    """What the list's search box matches."""
    return f"{c.name} {c.doc_number} {c.doc_issuer} {CAMPAIGN_KINDS.get(c.kind, '')}"


class CriteriaModel(RecordTableModel):
    """The checklist; ticking a line asks the page to save it (``toggled``), it never writes itself."""

    toggled = Signal(int, bool)  # criterion id, done
    COLUMNS = (Column("Tiêu chí, chỉ tiêu thi đua", lambda c: c.text, tooltip=lambda c: c.text),)
    EXTRA_ROLES = frozenset({Qt.ItemDataRole.CheckStateRole})

    def flags(self, index):
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable if index.isValid() else super().flags(index)

    def extra_data(self, record: Criterion, column: int, role: int):
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if record.done else Qt.CheckState.Unchecked
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        self.toggled.emit(self.record(index.row()).id, Qt.CheckState(value) == Qt.CheckState.Checked)
        return True


def result_text(r: Registration) -> str:
    """'Đạt (11/QĐ-SKHCN)', 'Không đạt' or 'Chưa có kết quả'."""
    if r.result == "dat":
        return f"Đạt ({r.result_number})"
    return "Không đạt" if r.result == "khong_dat" else "Chưa có kết quả"


class RegistrationModel(RecordTableModel):
    """Registrations of one campaign year."""

    EXTRA_ROLES = frozenset({Qt.ItemDataRole.ForegroundRole})
    COLUMNS = (
        Column("Cá nhân / Tập thể", lambda r: r.name, lambda r: fold(r.name)),
        Column("Mã CB", lambda r: r.code, None, _CENTER),
        Column("Đơn vị", lambda r: r.unit_name if r.staff_id is not None else "Tập thể", lambda r: fold(r.unit_name)),
        Column("Danh hiệu / Hình thức đăng ký", lambda r: r.award_name, lambda r: fold(r.award_name)),
        Column("Kết quả", result_text, lambda r: r.result,
               tooltip=lambda r: f"Đạt theo Quyết định số {r.result_number}" if r.result_number else result_text(r)),
    )

    def extra_data(self, record: Registration, column: int, role: int):
        if column == 4 and role == Qt.ItemDataRole.ForegroundRole:
            return {"dat": _GREEN, "khong_dat": _RED}.get(record.result, _GREY)
        return None


def registration_search_text(r: Registration) -> str:
    return f"{r.name} {r.code} {r.unit_name} {r.award_name}"


class UnitSummaryModel(RecordTableModel):
    """Tổng hợp đăng ký thi đua per unit; ``award_names`` (code → short name) is set before ``set_rows``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.award_names: dict[str, str] = {}
        self.COLUMNS = (
            Column("Phòng, đơn vị", lambda u: u.unit_name, lambda u: fold(u.unit_name), tooltip=lambda u: u.unit_name),
            Column("Số CB", lambda u: u.staff, None, _RIGHT, tooltip=lambda u: "Cán bộ đang làm việc"),
            Column("Cá nhân", lambda u: u.people, None, _RIGHT, tooltip=lambda u: "Lượt cá nhân đăng ký"),
            Column("Tập thể", lambda u: ", ".join(self.award_names.get(c, c) for c in u.own),
                   tooltip=lambda u: "Danh hiệu tập thể đơn vị đăng ký"),
            Column("Cá nhân đăng ký", self.details, tooltip=self.details),
        )

    def details(self, u: UnitRegistrations) -> str:
        """'LĐTT: 5, CSTĐCS: 1'."""
        return ", ".join(f"{self.award_names.get(c, c)}: {n}" for c, n in u.counts.items())


class ReviewListModel(RecordTableModel):
    """Sơ kết / tổng kết of a campaign: planned or recorded, results, the reward decision."""

    EXTRA_ROLES = frozenset({Qt.ItemDataRole.ForegroundRole})
    COLUMNS = (
        Column("Đợt", lambda r: REVIEW_KINDS.get(r.kind, r.kind)),
        Column("Ngày", lambda r: format_date(r.day), lambda r: _iso(r.day), _CENTER),
        Column("Tình trạng", lambda r: "Đã ghi kết quả" if r.held else "Đã lên lịch"),
        Column("Nội dung", lambda r: r.title, lambda r: fold(r.title), tooltip=lambda r: r.summary),
        Column("Kết quả", lambda r: r.results, None, _RIGHT),
        Column("Quyết định khen thưởng", lambda r: r.decision_number),
    )

    def extra_data(self, record: CampaignReview, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and not record.held:
            return _GREY
        return None


def _rank(r: ReviewResult):
    return r.rank if r.rank is not None else ""


class ResultModel(RecordTableModel):
    """Participants' results in a review (read-only here; the review dialog edits its own copy)."""

    COLUMNS = (
        Column("Tập thể / Cá nhân", lambda r: r.name, lambda r: fold(r.name)),
        Column("Đơn vị", lambda r: r.unit_name if r.staff_id is not None else "Tập thể", lambda r: fold(r.unit_name)),
        Column("Kết quả", lambda r: REVIEW_RESULTS.get(r.result, ""), lambda r: list(REVIEW_RESULTS).index(r.result)
               if r.result in REVIEW_RESULTS else 9),
        Column("Xếp hạng", _rank, lambda r: r.rank if r.rank is not None else 10_000, _CENTER),
        Column("Đề nghị khen thưởng", lambda r: r.award_name, lambda r: fold(r.award_name)),
    )


class NoteModel(RecordTableModel):
    """Progress notes, newest first, with how many files each has."""

    COLUMNS = (
        Column("Ngày", lambda n: format_date(n.noted_on), lambda n: _iso(n.noted_on), _CENTER),
        Column("Nội dung", lambda n: n.text, lambda n: fold(n.text), tooltip=lambda n: n.text),
        Column("Tệp minh chứng", lambda n: len(n.files), None, _RIGHT),
    )


class EvidenceModel(RecordTableModel):
    """The files of the selected note."""

    COLUMNS = (
        Column("Tệp", lambda e: e.file_name, lambda e: fold(e.file_name), tooltip=lambda e: e.stored_path),
        Column("Dung lượng", lambda e: f"{max(1, round(e.size / 1024))} KB", lambda e: e.size, _RIGHT),
        Column("Thêm lúc", lambda e: format_date(e.added_at[:10]) + e.added_at[10:16].replace("T", " "),
               lambda e: e.added_at, _CENTER),
    )

