"""History panel for one person: ratings, initiatives, titles and awards by year, and current chains."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget
from sqlite_utils import Database

from tdkt_desktop.db import history as history_db
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db.award_records import Award
from tdkt_desktop.db.history import YearEntry
from tdkt_desktop.db.ratings import INITIATIVE_KINDS, SCOPES
from tdkt_desktop.errors import NotFoundError
from tdkt_desktop.text import format_date
from tdkt_desktop.ui.common.table_model import Column, RecordTableModel
from tdkt_desktop.vocabulary import RATING_NAMES, discipline_label

_CENTER = Qt.AlignmentFlag.AlignCenter
_TOP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


#: Campaign names are long; the cell shows the start, the tooltip the whole name.
_CAMPAIGN_CHARS = 48


def _award_text(a: Award, campaign: str = "") -> str:
    text = a.award_name  # the decision is in the tooltip: the pane is narrow on a laptop
    if campaign:
        short = campaign if len(campaign) <= _CAMPAIGN_CHARS else campaign[:_CAMPAIGN_CHARS].rstrip() + "…"
        text += f"\n   (phong trào: {short})"
    return text


def _award_tooltip(entry: YearEntry) -> str:
    lines = []
    for a in entry.awards:
        line = f"{a.award_name}: Quyết định số {a.decision_number} ngày {format_date(a.decision_date)} của {a.issuer}"
        if a.decision_id in entry.campaigns:
            line += f"; khen thưởng theo phong trào “{entry.campaigns[a.decision_id]}”"
        lines.append(line)
    return "\n".join(lines)


def _awards(entry: YearEntry, kind: str) -> str:
    return "\n".join(_award_text(a, entry.campaigns.get(a.decision_id, ""))
                     for a in entry.awards if a.award_kind == kind)


def _initiatives(entry: YearEntry) -> str:
    return "\n".join(
        ("" if i.kind == "sang_kien" else f"{INITIATIVE_KINDS[i.kind]}: ") + f"{i.title} ({SCOPES[i.scope].lower()})"
        for i in entry.initiatives
    )


def _initiatives_tooltip(entry: YearEntry) -> str:
    return "\n".join(
        f"{INITIATIVE_KINDS[i.kind]}: {i.title} (phạm vi công nhận: {SCOPES[i.scope].lower()})"
        for i in entry.initiatives
    )


class TimelineModel(RecordTableModel):
    """One row per year, newest first; titles and forms in separate columns."""

    COLUMNS = (
        Column("Năm", lambda e: e.year, None, _CENTER),
        Column("Xếp loại", lambda e: e.rating.rating if e.rating else "", None, _CENTER,
               tooltip=lambda e: RATING_NAMES.get(e.rating.rating, "") if e.rating else ""),
        Column("Kỷ luật", lambda e: discipline_label(e.rating.discipline) if e.rating else "", None, _TOP),
        Column("Danh hiệu", lambda e: _awards(e, "danh_hieu"), None, _TOP, _award_tooltip),
        Column("Hình thức", lambda e: _awards(e, "hinh_thuc"), None, _TOP, _award_tooltip),
        Column("Sáng kiến", _initiatives, None, _TOP, _initiatives_tooltip),
    )


class PersonHistoryPanel(QWidget):
    """Shown as a detail tab of the staff register (and reached from quick search)."""

    def __init__(self, db: Database, window=None):
        super().__init__()
        self.db, self.main_window = db, window
        self.staff_id: int | None = None
        self._stale = False
        self.history: history_db.PersonHistory | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.chains = QLabel()
        self.chains.setWordWrap(True)
        self.chains.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = TimelineModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Year, rating and discipline as narrow as their text; titles, forms and initiatives share the rest
        # and wrap, so a narrow detail pane (a 1366×768 laptop) shows every column without scrolling.
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(30)
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (3, 4, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.chains)
        layout.addWidget(self.table, 1)
        self.set_person(None)

    def bring_forward(self) -> None:
        """When someone is asked for (quick search, a register link), show their history first."""
        from PySide6.QtWidgets import QTabWidget

        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QTabWidget):
            parent = parent.parentWidget()
        if parent is not None:
            parent.setCurrentWidget(self)

    def set_person(self, staff_id: int | None) -> None:
        """Show this person's history (None: an empty panel with a hint).

        While the panel is hidden (another detail tab in front) only the id is kept; the history
        loads when the panel is shown, so moving through the register stays instant.
        """
        self.staff_id = staff_id
        if staff_id is not None and not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._load(staff_id)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._load(self.staff_id)

    def _load(self, staff_id: int | None) -> None:
        person = None
        if staff_id is not None:
            try:
                person = staff_db.get_staff(self.db, staff_id)
            except NotFoundError:
                person = None
        if person is None:
            self.staff_id, self.history = None, None
            self.heading.setText("Chọn một cán bộ để xem quá trình xếp loại, sáng kiến và khen thưởng.")
            self.chains.clear()
            self.model.set_rows([])
            return
        self.history = history_db.person_history(self.db, staff_id)
        h = self.history
        titles = sum(1 for a in h.awards if a.award_kind == "danh_hieu")
        self.heading.setText(
            f"<b>{escape(person.full_name)}</b> ({escape(person.code)}) – "
            f"{escape(person.unit_name) if person.unit_name else 'chưa có đơn vị'}<br>"
            f"{len(h.ratings)} năm xếp loại, {titles} danh hiệu thi đua, "
            f"{len(h.awards) - titles} hình thức khen thưởng, {len(h.initiatives)} sáng kiến/đề tài."
        )
        if h.chains:
            lines = [
                f"<b>{escape(c.text())}</b>" if c.length >= 2 else escape(c.text()) for c in h.chains
            ]
            self.chains.setText("Chuỗi năm gần nhất:<br>• " + "<br>• ".join(lines))
        else:
            self.chains.setText("Chưa có xếp loại hay danh hiệu nào.")
        self.model.set_rows(list(h.years))
        # Most people never had a discipline: the column shows only when there is one to show.
        self.table.setColumnHidden(2, not any(e.rating and e.rating.discipline for e in h.years))

    def refresh(self) -> None:
        """Reload after a write."""
        self.set_person(self.staff_id)

    def chain_texts(self) -> list[str]:
        """The chain sentences shown (tests, tooltips)."""
        return [c.text() for c in self.history.chains] if self.history else []
