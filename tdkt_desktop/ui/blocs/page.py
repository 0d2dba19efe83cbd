"""Base of the bloc sub-pages (the tab's bloc and year, writes through the window) and their print preview."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHeaderView, QMessageBox, QTableView, QWidget
from sqlite_utils import Database

from tdkt_desktop.errors import UserError
from tdkt_desktop.text import tokens
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.widgets import LazyPage


class BlocPage(LazyPage, QWidget):
    """A page showing the tab's bloc and year; it reloads when they change or a bloc write happens."""

    topics = frozenset({changes.BLOCS})

    def __init__(self, db: Database, window, tab):
        super().__init__()
        self.db = db
        self.main_window = window
        self.tab = tab

    def wants_reload_now(self) -> bool:
        """Visible, or mirrored on the projector."""
        projector = self.tab.projector
        return self.isVisible() or bool(projector and projector.isVisible() and self.tab.pages.currentWidget() is self)

    def write(self, action, *topics: str):
        """One write through the window; None when it failed (the user has seen why)."""
        return self.tab.write(action, *topics)

    def preview(self, build: Callable[[], bytes], title: str, file_name: str):
        """Build a document and open the preview (print or save there); a user error becomes a message."""
        from tdkt_desktop.ui.printing.actions import show_preview

        try:
            pdf = build()
        except UserError as exc:
            QMessageBox.warning(self, "Không in được", str(exc))
            return None
        return show_preview(self.main_window, pdf, title, file_name)


def file_slug(text: str) -> str:
    """'Khối thi đua các Văn phòng, Viện' → 'khoi-thi-dua-cac-van-phong-vien' for default file names."""
    return "-".join(tokens(text))


def edit_on_typing(view: QTableView) -> None:
    """Editable cells open on a double click, F2, or simply typing (counting is done at the keyboard)."""
    triggers = QTableView.EditTrigger
    view.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed)


def fit_columns(view: QTableView, stretch: int) -> None:
    """Every column as wide as its content, one column taking the rest (no horizontal scrolling)."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
