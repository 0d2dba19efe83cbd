"""Projector mode for meetings: large type, a title, one line of context and one table (results, ranking).

The window shows whatever its content function returns, so the council (candidates and votes) and
the emulation blocs (ranking, ballot results) share it; without a content function it mirrors the
council page as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from tdkt_desktop.db import settings as settings_db

#: Point size readable from the back of a meeting room on a 1080p projector.
PROJECTOR_POINT_SIZE = 22


@dataclass(frozen=True)
class ProjectorContent:
    """What the wall shows: a title, a context line, and rows of a RecordTableModel subclass."""

    title: str
    note: str
    model_class: type
    rows: Sequence[Any] = field(default=())
    hidden_columns: tuple[int, ...] = ()
    stretch_column: int = 0
    note_color: str = ""


def council_content(page) -> ProjectorContent:
    """The council page's candidates and quorum line (same rows, same results)."""
    from tdkt_desktop.ui.review.models import CandidateModel

    office = settings_db.get_settings(page.db).office_name.upper()
    return ProjectorContent(
        title=f"{office}\nHỘI ĐỒNG THI ĐUA – KHEN THƯỞNG — XÉT NĂM {page.year.value()}",
        note=page.quorum_label.text(),
        model_class=CandidateModel,
        rows=page.candidates.records(),
        hidden_columns=(1, 5, 6, 8),  # unit, against, invalid, status: not needed on the wall
    )


class ProjectorWindow(QWidget):
    """A separate window mirroring a meeting page; F11 full screen, Esc closes."""

    def __init__(self, page, content: Callable[[], ProjectorContent] | None = None,
                 window_title: str = "Trình chiếu — Hội đồng Thi đua – Khen thưởng"):
        super().__init__(page, Qt.WindowType.Window)
        self.page = page
        self.content = content or (lambda: council_content(page))
        self.setWindowTitle(window_title)
        self.resize(1600, 900)
        self.setStyleSheet("background: #ffffff; color: #111111;")
        big = QFont(self.font())
        big.setPointSize(PROJECTOR_POINT_SIZE)
        self._big = big
        title_font = QFont(big)
        title_font.setPointSize(PROJECTOR_POINT_SIZE + 8)
        title_font.setBold(True)
        self.title = QLabel()
        self.title.setFont(title_font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        # Stacked capital marks (Ằ, Ẫ, Ỗ) rise above the font ascent: leave room so they are not clipped.
        self.title.setContentsMargins(0, PROJECTOR_POINT_SIZE // 2, 0, 0)
        self.quorum = QLabel()  # the context line (quorum, ballots counted, scale)
        self.quorum.setFont(big)
        self.quorum.setWordWrap(True)
        self.model = None
        self.table = QTableView()
        self.table.setFont(big)
        self.table.horizontalHeader().setFont(big)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no focus frame on the wall
        self.table.setWordWrap(True)
        self.table.verticalHeader().setDefaultSectionSize(int(PROJECTOR_POINT_SIZE * 2.4))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.title)
        layout.addWidget(self.quorum)
        layout.addWidget(self.table, 1)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_F11), self, self.toggle_full_screen)

    def toggle_full_screen(self) -> None:
        """F11: full screen on the projector, or back to a window."""
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def _use_model(self, content: ProjectorContent) -> None:
        """A model of the content's class; columns and their sizing are set when the class changes."""
        if self.model is not None and type(self.model) is content.model_class:
            return
        self.model = content.model_class(self)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(content.stretch_column, QHeaderView.ResizeMode.Stretch)
        for column in range(self.model.columnCount()):
            self.table.setColumnHidden(column, column in content.hidden_columns)

    def refresh(self) -> None:
        """Show what the page shows now."""
        content = self.content()
        self._use_model(content)
        self.title.setText(content.title)
        self.quorum.setText(content.note)
        self.quorum.setStyleSheet(f"color: {content.note_color};" if content.note_color else "")
        self.model.set_rows(list(content.rows))  # type: ignore[union-attr]
