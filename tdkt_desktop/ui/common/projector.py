"""Projector mode for the council meeting: large type, candidates with verdicts and vote results."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from tdkt_desktop.db import settings as settings_db
from tdkt_desktop.ui.review.models import CandidateModel

#: Point size readable from the back of a meeting room on a 1080p projector.
PROJECTOR_POINT_SIZE = 22


class ProjectorWindow(QWidget):
    """A separate window mirroring the council page; F11 full screen, Esc closes."""

    def __init__(self, page):
        super().__init__(page, Qt.WindowType.Window)
        self.page = page
        self.setWindowTitle("Trình chiếu — Hội đồng Thi đua – Khen thưởng")
        self.resize(1600, 900)
        self.setStyleSheet("background: #ffffff; color: #111111;")
        big = QFont(self.font())
        big.setPointSize(PROJECTOR_POINT_SIZE)
        title_font = QFont(big)
        title_font.setPointSize(PROJECTOR_POINT_SIZE + 8)
        title_font.setBold(True)
        self.title = QLabel()
        self.title.setFont(title_font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        # Stacked capital marks (Ằ, Ẫ, Ỗ) rise above the font ascent: leave room so they are not clipped.
        self.title.setContentsMargins(0, PROJECTOR_POINT_SIZE // 2, 0, 0)
        self.quorum = QLabel()
        self.quorum.setFont(big)
        self.quorum.setWordWrap(True)
        self.model = CandidateModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setFont(big)
        self.table.horizontalHeader().setFont(big)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 5, 6, 8):  # unit, against, invalid, status: not needed on the wall
            self.table.setColumnHidden(column, True)
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

    def refresh(self) -> None:
        """Copy what the council page shows (same rows, same results)."""
        office = settings_db.get_settings(self.page.db).office_name.upper()
        self.title.setText(
            f"{office}\nHỘI ĐỒNG THI ĐUA – KHEN THƯỞNG — XÉT NĂM {self.page.year.value()}"
        )
        self.quorum.setText(self.page.quorum_label.text())
        self.model.set_rows(self.page.candidates.records())
