"""An honest page for a tab whose feature is not built yet: it says so, it shows no invented data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PendingTab(QWidget):
    """Explains what the tab will hold; nothing on it pretends to work."""

    TEXT = ""

    def __init__(self, db, window):
        super().__init__()
        self.db = db
        label = QLabel(self.TEXT)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setObjectName("pendingLabel")
        layout = QVBoxLayout(self)
        layout.addWidget(label)

    def refresh(self) -> None:
        """Nothing to refresh yet."""
