"""Qt table models of the review screens: review rows, council members, attendance, candidates, parameters."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from tdkt_desktop.db.review import STATUS_NAMES
from tdkt_desktop.db.review_council import ROLES
from tdkt_desktop.db.review_records import Attendance, CandidateVote, CouncilMember
from tdkt_desktop.rules.model import DECIDED, ELIGIBLE, EXCLUDED, NEEDS_COUNCIL
from tdkt_desktop.text import fold
from tdkt_desktop.ui.common.table_model import Column, RecordTableModel
from tdkt_desktop.ui.review.rows import PENDING, SHORT_STATUS, ReviewRow
from tdkt_desktop.vocabulary import RATING_NAMES

_GREEN = QBrush(QColor("#dff3e2"))
_YELLOW = QBrush(QColor("#fff4cc"))
_GREY = QBrush(QColor("#eeeeee"))
_RED_TEXT = QBrush(QColor("#b00020"))
_CENTER = Qt.AlignmentFlag.AlignCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def review_search_text(row: ReviewRow) -> str:
    return f"{row.code} {row.name} {row.unit_name}"


#: Registration stopped being a legal basis in 2024 (DOMAIN §2); the column only informs.
REGISTERED_TIP = "Đăng ký thi đua đầu năm: chỉ để tham khảo, không phải điều kiện xét danh hiệu (từ năm 2024)."


class ReviewModel(RecordTableModel):
    """Rows of the Bình xét table; colour shows the verdict. Rows are keyed, so one can be replaced."""

    _where: dict[tuple[str, int], int] | None = None  # key → source row, see _index_of
    COL_CODE, COL_NAME, COL_UNIT, COL_RATING, COL_VERDICT, COL_PROPOSED, COL_STATUS, COL_OTHERS = range(8)
    COLUMNS = [
        Column("Mã", lambda r: r.code, lambda r: r.code),
        Column("Họ và tên / Tập thể", lambda r: r.name, lambda r: fold(r.name.split()[-1] + " " + r.name)),
        Column("Đơn vị", lambda r: r.unit_name if r.subject == "ca_nhan" else "", lambda r: fold(r.unit_name)),
        Column("Xếp loại", lambda r: r.rating or "—", lambda r: r.rating, align=_CENTER,
               tooltip=lambda r: RATING_NAMES.get(r.rating, "Chưa có xếp loại")),
        Column("Kết quả xét", lambda r: r.verdict_text(), lambda r: r.verdict_text(),
               tooltip=lambda r: "\n".join(r.verdict.reasons) if r.verdict else ""),
        Column("Đăng ký", lambda r: r.registered, lambda r: r.registered, tooltip=lambda r: REGISTERED_TIP),
        Column("Đề nghị", lambda r: "☑" if r.proposal else "☐", lambda r: bool(r.proposal), align=_CENTER),
        Column("Trạng thái", lambda r: r.status_text(), lambda r: r.status_text(), tooltip=lambda r: r.decision_text()),
        Column("Đủ điều kiện khác", lambda r: ", ".join(r.eligible_awards), lambda r: len(r.eligible_awards),
               tooltip=lambda r: ", ".join(r.eligible_awards)),
    ]

    def extra_data(self, record: ReviewRow, column: int, role: int):
        if role == Qt.ItemDataRole.BackgroundRole and record.verdict is not None:
            status = record.verdict.status
            if status == DECIDED:
                return _GREY
            if status in (ELIGIBLE, NEEDS_COUNCIL):
                return _YELLOW if status == NEEDS_COUNCIL else _GREEN
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_VERDICT and record.verdict is not None:
            return _RED_TEXT if record.verdict.status == EXCLUDED else None
        return None

    def set_rows(self, records) -> None:
        self._where = None
        super().set_rows(records)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._where = None
        super().sort(column, order)

    def _index_of(self) -> dict[tuple[str, int], int]:
        """key → source row, rebuilt only after the rows were replaced as a whole or re-sorted."""
        if self._where is None:
            self._where = {(r.subject, r.id): i for i, r in enumerate(self._rows)}
        return self._where

    def update_rows(self, rows: list[ReviewRow]) -> None:
        """Replace the rows with the same keys in place (selection kept; rows not listed are ignored).

        A few rows send one ``dataChanged`` each; many (a chunk of verdicts) one for the whole span.
        """
        where = self._index_of()
        self.replace_rows({where[row.key]: row for row in rows if row.key in where})

    def row_of_key(self, key: tuple[str, int]) -> int:
        """The source row of a subject, or -1."""
        return self._index_of().get(key, -1)


class MemberModel(RecordTableModel):
    """Council members and their roles."""

    COLUMNS = [
        Column("Họ và tên", lambda m: m.full_name, lambda m: fold(m.full_name)),
        Column("Vai trò", lambda m: ROLES.get(m.role, m.role), lambda m: m.role),
        Column("Chức vụ", lambda m: m.position, lambda m: fold(m.position)),
    ]

    def member(self, row: int) -> CouncilMember:
        return self.record(row)


class AttendanceModel(RecordTableModel):
    """Attendance: 'Có mặt' and 'Ý kiến bằng văn bản' are checkable; changes go out as a signal."""

    changed = Signal(int, bool, bool)  # member id, present, written opinion

    COLUMNS = [
        Column("Thành viên", lambda a: a.full_name, lambda a: fold(a.full_name), tooltip=lambda a: a.full_name),
        Column("Vai trò", lambda a: ROLES.get(a.role, a.role), tooltip=lambda a: ROLES.get(a.role, a.role)),
        Column("Có mặt", lambda a: "", lambda a: a.present, align=_CENTER),
        Column("Ý kiến", lambda a: "", lambda a: a.written_opinion, align=_CENTER,
               tooltip=lambda a: "Vắng mặt, có ý kiến bằng văn bản"),
    ]
    editable = True

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and index.column() in (2, 3) and self.editable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def extra_data(self, record: Attendance, column: int, role: int):
        if role == Qt.ItemDataRole.CheckStateRole and column in (2, 3):
            on = record.present if column == 2 else record.written_opinion
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() not in (2, 3):
            return False
        record: Attendance = self.record(index.row())
        on = Qt.CheckState(value) == Qt.CheckState.Checked
        present = on if index.column() == 2 else record.present
        written = on if index.column() == 3 else record.written_opinion
        self.changed.emit(record.member_id, present, written and not present)
        return True


VOTE_COLUMNS = {4: "votes_for", 5: "votes_against", 6: "votes_invalid"}


class CandidateModel(RecordTableModel):
    """Candidates with vote counts; the three count columns are editable when the meeting is open."""

    vote_edited = Signal(int, int, int, int, int)  # row, proposal id, for, against, invalid

    COLUMNS = [
        Column("Họ và tên / Tập thể", lambda c: c.proposal.name, lambda c: fold(c.proposal.name)),
        Column("Đơn vị", lambda c: c.proposal.unit_name if c.proposal.staff_id else "",
               lambda c: fold(c.proposal.unit_name)),
        Column("Đề nghị", lambda c: c.short_name or c.proposal.award_name, lambda c: c.proposal.award_type,
               tooltip=lambda c: c.proposal.award_name),
        Column("Điều kiện", lambda c: SHORT_STATUS.get(c.status, "—"), tooltip=lambda c: "\n".join(c.reasons)),
        Column("Đồng ý", lambda c: c.votes_for if c.voted else "", lambda c: c.votes_for, align=_RIGHT),
        Column("Không đồng ý", lambda c: c.votes_against if c.voted else "", lambda c: c.votes_against, align=_RIGHT),
        Column("Không hợp lệ", lambda c: c.votes_invalid if c.voted else "", lambda c: c.votes_invalid, align=_RIGHT),
        Column("Kết quả", lambda c: ("ĐẠT" if c.passed else "KHÔNG ĐẠT") if c.voted else "Chưa biểu quyết",
               tooltip=lambda c: c.result_text),
        Column("Trạng thái", lambda c: STATUS_NAMES.get(c.proposal.status, "")),
    ]
    editable = False

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and self.editable and index.column() in VOTE_COLUMNS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    #: The window's verdicts are being judged: a candidate without one says so instead of "—".
    judging = False

    def set_judging(self, judging: bool) -> None:
        if judging != self.judging and self.rowCount():
            self.judging = judging
            self.dataChanged.emit(self.index(0, 3), self.index(self.rowCount() - 1, 3))
        self.judging = judging

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.column() in VOTE_COLUMNS:
            return getattr(self.record(index.row()), VOTE_COLUMNS[index.column()])
        if (role == Qt.ItemDataRole.DisplayRole and self.judging and index.isValid() and index.column() == 3
                and not self.record(index.row()).status):
            return PENDING
        return super().data(index, role)

    def extra_data(self, record: CandidateVote, column: int, role: int):
        if role == Qt.ItemDataRole.BackgroundRole and record.voted and column == 7:
            return _GREEN if record.passed else _GREY
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and record.eligible is False:
            return _RED_TEXT
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in VOTE_COLUMNS:
            return False
        try:
            number = int(str(value).strip() or 0)
        except ValueError:
            return False
        c: CandidateVote = self.record(index.row())
        counts = {"votes_for": c.votes_for, "votes_against": c.votes_against, "votes_invalid": c.votes_invalid}
        counts[VOTE_COLUMNS[index.column()]] = number
        self.vote_edited.emit(index.row(), c.proposal.id, counts["votes_for"], counts["votes_against"],
                              counts["votes_invalid"])
        return True


@dataclass(frozen=True)
class ParamRow:
    """One rule-set parameter: its path, value, Vietnamese label and how it shows and edits."""

    path: str
    value: object
    editable: bool
    unverified: bool
    error: str = ""
    label: str = ""
    shown: str = ""
    edit_text: str = ""
    group: str = ""  # the award or section, written on the first row of its group only
    first: bool = False


class ParamModel(RecordTableModel):
    """Parameters of a rule set in Vietnamese; edits go out as a signal (path, typed text)."""

    edited = Signal(str, str)

    COLUMNS = [
        Column("Khen thưởng, nhóm", lambda r: r.group if r.first else "", tooltip=lambda r: r.group),
        Column("Tham số", lambda r: r.label, tooltip=lambda r: r.label),
        Column("Giá trị", lambda r: r.shown, tooltip=lambda r: r.shown + ("" if r.editable else " (không sửa được)")),
        Column("Ghi chú", lambda r: r.error or ("chưa kiểm chứng" if r.unverified else ""),
               tooltip=lambda r: r.error or ("Mặc định chưa kiểm chứng với văn bản pháp luật; cơ quan có thể đổi."
                                             if r.unverified else "")),
    ]
    VALUE = 2
    read_only = False

    def flags(self, index):
        flags = super().flags(index)
        if (index.isValid() and index.column() == self.VALUE and not self.read_only
                and self.record(index.row()).editable):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.column() == self.VALUE:
            return self.record(index.row()).edit_text
        return super().data(index, role)

    def extra_data(self, record: ParamRow, column: int, role: int):
        if role == Qt.ItemDataRole.FontRole and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and record.error:
            return _RED_TEXT
        if role == Qt.ItemDataRole.BackgroundRole and record.unverified:
            return _YELLOW
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != self.VALUE:
            return False
        self.edited.emit(self.record(index.row()).path, str(value))
        return True


@dataclass(frozen=True)
class YearRow:
    """Which rule set judges a year."""

    year: int
    label: str


class YearMapModel(RecordTableModel):
    COLUMNS = [
        Column("Năm", lambda r: r.year, align=_CENTER),
        Column("Bộ quy tắc áp dụng", lambda r: r.label, tooltip=lambda r: r.label),
    ]
