"""Qt table model of the staff register (Staff records), paged from SQL, sorted by given name as lists are."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from sqlite_utils import Database

from tdkt_desktop.db import staff_search
from tdkt_desktop.db.records import Staff
from tdkt_desktop.text import fold, format_date
from tdkt_desktop.ui.common.lazy_model import LazyRecordModel, Order
from tdkt_desktop.ui.common.table_model import Column

_CENTER = Qt.AlignmentFlag.AlignCenter


def _iso(d) -> str:
    return d.isoformat() if d else ""


def _name_key(s: Staff) -> tuple[str, str]:
    # Vietnamese lists sort by tên (given name), then by the whole name; the stored fold saves
    # re-folding 20,000 names on every sort.
    folded = s.fold or fold(s.full_name)
    return (folded.rpartition(" ")[2], folded)


class StaffTableModel(LazyRecordModel):
    """Columns: code, name, birth date, gender, position, unit, recruited, status."""

    COL_CODE, COL_NAME, COL_BIRTH, COL_GENDER, COL_POSITION, COL_UNIT, COL_RECRUITED, COL_STATUS = range(8)
    SORT_KEYS = dict(enumerate(("code", "name", "birth", "gender", "position", "unit", "recruited", "status")))
    EXTRA_ROLES = frozenset({Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole})
    COLUMNS = (
        Column("Mã", lambda s: s.code, lambda s: s.code),
        Column("Họ và tên", lambda s: s.full_name, _name_key),
        Column("Ngày sinh", lambda s: format_date(s.birth_date), lambda s: _iso(s.birth_date), _CENTER),
        Column("Giới tính", lambda s: s.gender, None, _CENTER),
        Column("Chức vụ", lambda s: s.position, lambda s: fold(s.position)),
        Column("Đơn vị", lambda s: s.unit_name, lambda s: fold(s.unit_name),
               tooltip=lambda s: s.unit_name),  # the column elides long names
        Column("Ngày tuyển dụng", lambda s: format_date(s.recruited_on), lambda s: _iso(s.recruited_on), _CENTER),
        Column("Trạng thái", lambda s: "Đang làm việc" if s.active else "Ngừng theo dõi", lambda s: not s.active),
    )

    def extra_data(self, record: Staff, column: int, role: int):
        """Grey, italic rows for people no longer followed."""
        if record.active:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#7a7a7a"))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        return None


class StaffSource:
    """The people a :class:`staff_search.StaffQuery` keeps, read a page at a time (the SQL is in db/staff_search.py)."""

    def __init__(self, db: Database, query: staff_search.StaffQuery):
        self.db, self.wanted = db, query
        self._where = staff_search.staff_filter(db, query)

    def count(self) -> int:
        return staff_search.count_staff(self.db, self._where)

    def fetch(self, offset: int, limit: int, order: Order) -> list[Staff]:
        return staff_search.page_staff(self.db, self._where, order=order, offset=offset, limit=limit)

    def position(self, key: int, order: Order) -> int | None:
        return staff_search.staff_row(self.db, self._where, key, order=order)

