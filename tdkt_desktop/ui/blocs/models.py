"""Table models of the bloc tab: members, leaders by year, meetings, pact items, ranking, ballots."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from tdkt_desktop.db.bloc_records import BlocMeeting, BlocMember, BlocYear
from tdkt_desktop.rules.ranking import rank_text
from tdkt_desktop.rules.scoring import CRITERION_KINDS, points_text
from tdkt_desktop.rules.voting import STATUS_LABELS
from tdkt_desktop.text import fold, format_date
from tdkt_desktop.ui.common.table_model import Column, RecordTableModel
from tdkt_desktop.vocabulary import BLOC_MEETING_KINDS

_CENTER = Qt.AlignmentFlag.AlignCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TIE = QColor("#fff3c4")  # shared ranks and ties at the last seat stand out, never hidden
_PASS = QColor("#1b5e20")
_SELF_FONT = QFont()
_SELF_FONT.setBold(True)


class MemberModel(RecordTableModel):
    """Member organisations; the office itself is bold and starred."""

    EXTRA_ROLES = frozenset({Qt.ItemDataRole.FontRole})
    COLUMNS = [
        Column("STT", lambda m: m.sort_order, lambda m: m.sort_order, align=_CENTER),
        Column("Đơn vị thành viên", lambda m: m.name + ("  ★ cơ quan mình" if m.is_self else "")
               + ("" if m.active else " (đã thôi)"), lambda m: fold(m.name)),
        Column("Người liên hệ", lambda m: m.contact_person, lambda m: fold(m.contact_person)),
        Column("Điện thoại", lambda m: m.phone),
    ]

    def extra_data(self, record: BlocMember, column: int, role: int):
        return _SELF_FONT if record.is_self else None


def _year_tip(y: BlocYear) -> str:
    """The full names, the theme and the note of a year (the columns are narrow)."""
    lines = [f"Năm {y.year}", f"Khối trưởng: {y.head_name or '—'}", f"Khối phó: {y.deputy_name or '—'}"]
    lines += [f"Chủ đề: {y.theme}"] if y.theme else []
    return "\n".join(lines + ([y.note] if y.note else []))


class YearModel(RecordTableModel):
    """The rotation: head and deputy by year."""

    COLUMNS = [
        Column("Năm", lambda y: y.year, lambda y: y.year, align=_CENTER, tooltip=_year_tip),
        Column("Khối trưởng", lambda y: y.head_name or "—", lambda y: fold(y.head_name), tooltip=_year_tip),
        Column("Khối phó", lambda y: y.deputy_name or "—", lambda y: fold(y.deputy_name), tooltip=_year_tip),
    ]

    def entry(self, row: int) -> BlocYear:
        return self.record(row)


class MeetingModel(RecordTableModel):
    """Meetings of a bloc-year."""

    COLUMNS = [
        Column("Ngày", lambda m: format_date(m.held_on), lambda m: m.held_on.isoformat()),
        Column("Loại hội nghị", lambda m: BLOC_MEETING_KINDS.get(m.kind, m.kind)),
        Column("Địa điểm", lambda m: m.place, lambda m: fold(m.place), tooltip=lambda m: m.host_name),
    ]

    def meeting(self, row: int) -> BlocMeeting:
        return self.record(row)


@dataclass(frozen=True)
class TextRow:
    """One numbered line (a pact commitment)."""

    number: int
    text: str


class ItemModel(RecordTableModel):
    """The pact's numbered commitments."""

    COLUMNS = [
        Column("STT", lambda r: r.number, lambda r: r.number, align=_CENTER),
        Column("Nội dung cam kết", lambda r: r.text, tooltip=lambda r: r.text),
    ]


class CheckTableModel(RecordTableModel):
    """A table with one checkbox column and some editable text columns; edits are reported, not stored.

    The page saves through ``run_write`` and reloads, so the model never holds unsaved data.
    """

    CHECK_COLUMN = -1
    TEXT_COLUMNS: dict[int, str] = {}
    #: (row, record, field, value) after the user changes a cell.
    edited = Signal(int, object, str, object)
    editable = True

    def checked(self, record) -> bool:  # pragma: no cover - always overridden
        raise NotImplementedError

    def flags(self, index):
        base = super().flags(index)
        if not (index.isValid() and self.editable):
            return base
        if index.column() == self.CHECK_COLUMN:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in self.TEXT_COLUMNS:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def extra_data(self, record, column: int, role: int):
        if role == Qt.ItemDataRole.CheckStateRole and column == self.CHECK_COLUMN:
            return Qt.CheckState.Checked if self.checked(record) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.EditRole and column in self.TEXT_COLUMNS:
            return getattr(record, self.TEXT_COLUMNS[column])
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.editable:
            return False
        record = self.record(index.row())
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == self.CHECK_COLUMN:
            self.edited.emit(index.row(), record, "checked", Qt.CheckState(value) == Qt.CheckState.Checked)
            return True
        if role == Qt.ItemDataRole.EditRole and index.column() in self.TEXT_COLUMNS:
            field = self.TEXT_COLUMNS[index.column()]
            if str(value).strip() != str(getattr(record, field)):
                self.edited.emit(index.row(), record, field, str(value))
            return True
        return False


class AttendanceModel(CheckTableModel):
    """Members at a meeting: present (checkbox), representative and position (editable)."""

    CHECK_COLUMN = 1
    TEXT_COLUMNS = {2: "representative", 3: "position"}
    COLUMNS = [
        Column("Đơn vị thành viên", lambda a: a.member_name + ("  ★" if a.is_self else ""),
               lambda a: fold(a.member_name)),
        Column("Có mặt", lambda a: "", lambda a: a.present, align=_CENTER),
        Column("Người đại diện", lambda a: a.representative),
        Column("Chức vụ", lambda a: a.position),
    ]

    def checked(self, record) -> bool:
        return record.present


@dataclass(frozen=True)
class SignerRow:
    """A member under the pact: signed or not, by whom."""

    member_id: int
    member_name: str
    signed: bool
    signer_name: str = ""
    signer_title: str = ""


class SignerModel(CheckTableModel):
    """Who signed the pact (checkbox) and their name and title (editable)."""

    CHECK_COLUMN = 1
    TEXT_COLUMNS = {2: "signer_name", 3: "signer_title"}
    COLUMNS = [
        Column("Đơn vị thành viên", lambda r: r.member_name, lambda r: fold(r.member_name)),
        Column("Đã ký", lambda r: "", lambda r: r.signed, align=_CENTER),
        Column("Người ký", lambda r: r.signer_name),
        Column("Chức vụ", lambda r: r.signer_title),
    ]

    def checked(self, record) -> bool:
        return record.signed


class RankingModel(RecordTableModel):
    """Members by rank: shared ranks read '3=' and are highlighted."""

    EXTRA_ROLES = frozenset({Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole})
    COLUMNS = [
        Column("Hạng", lambda r: rank_text(r.rank, r.tied),
               lambda r: r.rank if r.rank is not None else 10_000, align=_CENTER,
               tooltip=lambda r: "Bằng điểm, cùng hạng" if r.tied else ""),
        Column("Đơn vị thành viên", lambda r: r.name + ("  ★" if r.is_self else ""), lambda r: fold(r.name)),
        Column("Khối chấm", lambda r: points_text(r.agreed_score) or "—",
               lambda r: r.agreed_score if r.agreed_score is not None else Decimal(-1), align=_RIGHT),
        Column("Tự chấm", lambda r: points_text(r.self_score) or "—",
               lambda r: r.self_score if r.self_score is not None else Decimal(-1), align=_RIGHT),
    ]

    def extra_data(self, record, column: int, role: int):
        if role == Qt.ItemDataRole.BackgroundRole and record.tied:
            return QBrush(_TIE)
        if role == Qt.ItemDataRole.FontRole and record.is_self:
            return _SELF_FONT
        return None


@dataclass(frozen=True)
class CriterionScore:
    """A criterion with one member's scores (for the detail table)."""

    criterion_id: int
    code: str
    content: str
    kind: str
    max_points: Decimal
    self_score: Decimal | None
    agreed_score: Decimal | None


class CriterionScoreModel(CheckTableModel):
    """The year's criteria with the selected member's scores; both score columns are editable."""

    TEXT_COLUMNS = {4: "self_score", 5: "agreed_score"}
    COLUMNS = [
        Column("Mã", lambda c: c.code),
        Column("Tiêu chí", lambda c: c.content, tooltip=lambda c: c.content),
        Column("Loại", lambda c: CRITERION_KINDS.get(c.kind, c.kind)),
        Column("Tối đa", lambda c: points_text(c.max_points), lambda c: c.max_points, align=_RIGHT),
        Column("Tự chấm", lambda c: points_text(c.self_score), align=_RIGHT),
        Column("Khối chấm", lambda c: points_text(c.agreed_score), align=_RIGHT),
    ]

    def extra_data(self, record, column: int, role: int):
        if role == Qt.ItemDataRole.EditRole and column in self.TEXT_COLUMNS:
            return points_text(getattr(record, self.TEXT_COLUMNS[column]))
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.column() in self.TEXT_COLUMNS:
            record = self.record(index.row())
            field = self.TEXT_COLUMNS[index.column()]
            if str(value).strip() != points_text(getattr(record, field)):
                self.edited.emit(index.row(), record, field, str(value).strip())
            return True
        return False


class RoundModel(RecordTableModel):
    """The ballots of a meeting with their state."""

    COLUMNS = [
        Column("Nội dung bình chọn", lambda r: r.label, tooltip=lambda r: r.summary),
        Column("Trạng thái", lambda r: "Đã chốt" if r.round.status == "ket_thuc" else (
            "Đã kiểm phiếu" if r.tally is not None else "Đang bỏ phiếu")),
    ]


class CandidateModel(RecordTableModel):
    """Candidates of a ballot: votes (typed in during counting), share, rank, result; ties highlighted."""

    EXTRA_ROLES = frozenset({Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
                             Qt.ItemDataRole.EditRole})
    VOTES = 1
    #: (member id, votes) as typed; the page saves them with the ballot counts.
    vote_typed = Signal(int, int)
    editable = True
    COLUMNS = [
        Column("Đơn vị ứng cử", lambda c: c.name, lambda c: fold(c.name)),
        Column("Số phiếu", lambda c: c.votes, lambda c: c.votes, align=_RIGHT),
        Column("Tỷ lệ", lambda c: c.share, align=_RIGHT),
        Column("Hạng", lambda c: rank_text(c.rank, c.tied), lambda c: c.rank or 0,
               align=_CENTER),
        Column("Kết quả", lambda c: STATUS_LABELS.get(c.status, "Chưa kiểm phiếu"), tooltip=lambda c: c.text),
    ]

    def flags(self, index):
        base = super().flags(index)
        if index.isValid() and self.editable and index.column() == self.VOTES:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def extra_data(self, record, column: int, role: int):
        if role == Qt.ItemDataRole.EditRole and column == self.VOTES:
            return record.votes
        if role == Qt.ItemDataRole.BackgroundRole and record.status == "bang_phieu":
            return QBrush(_TIE)
        if role == Qt.ItemDataRole.ForegroundRole and record.status == "dat":
            return QBrush(_PASS)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.VOTES:
            return False
        try:
            number = int(str(value).strip())
        except ValueError:
            return False
        self.vote_typed.emit(self.record(index.row()).member_id, number)
        return True


@dataclass(frozen=True)
class VoterRow:
    """A member and its ballot in the selected round."""

    member_id: int
    member_name: str
    present: bool
    mode: str | None  # None: no ballot yet


class VoterModel(CheckTableModel):
    """Ballots issued: one checkbox per member (a second ballot is impossible by construction)."""

    CHECK_COLUMN = 2
    COLUMNS = [
        Column("Đơn vị thành viên", lambda v: v.member_name, lambda v: fold(v.member_name)),
        Column("Tham dự", lambda v: "Có mặt" if v.present else "Vắng"),
        Column("Phiếu", lambda v: {"truc_tiep": "tại hội nghị", "van_ban": "bằng văn bản"}.get(v.mode or "", "")),
    ]

    def checked(self, record) -> bool:
        return record.mode is not None
