"""Screenshot tour: every tab, sub-page and dialog the window opens, grabbed offscreen and closed unsaved.

Dialogs are opened the way a user opens them (menu actions, buttons) and closed with ``done(0)``, which
skips every save and every "discard?" question, so a tour never changes the database.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tdkt_desktop.ui.common.file_names import slug


def app_exists() -> bool:
    """Whether the QApplication is already made (then its screen can no longer be chosen)."""
    return QApplication.instance() is not None


def visible_texts(widget: QWidget) -> list[str]:
    """What a person reads on a dialog or menu: title, labels, buttons, group titles, menu entries."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenu

    texts = [widget.windowTitle()]
    if isinstance(widget, QMenu):
        texts += [a.text() for a in widget.actions() if a.isVisible() and not a.isSeparator()]
    for child in widget.findChildren(QWidget):
        if not child.isVisibleTo(widget):
            continue
        if isinstance(child, (QAbstractButton, QLabel)):
            texts.append(child.text())
        elif isinstance(child, QGroupBox):
            texts.append(child.title())
    return [t for t in texts if t]


class Tour:
    """Writes numbered PNGs into ``out``; remembers them in :attr:`written` and what each one says in
    :attr:`texts` (so a test can read every dialog and menu the window opens)."""

    def __init__(self, window, out: Path):
        self.window, self.out = window, out
        self.app = QApplication.instance()
        self.written: list[Path] = []
        self.texts: dict[str, list[str]] = {}

    def settle(self, ms: int = 0) -> None:
        """Let pending layouts, loads and repaints run (for ``ms`` more milliseconds: a PDF page renders)."""
        for _ in range(3):
            self.app.processEvents()
        if ms:
            from PySide6.QtCore import QEventLoop

            loop = QEventLoop()
            QTimer.singleShot(ms, loop.quit)
            loop.exec()

    def save(self, widget: QWidget, name: str) -> Path:
        """Grab ``widget`` into ``name``.png."""
        self.settle()
        target = self.out / f"{name}.png"
        widget.grab().save(str(target))
        self.written.append(target)
        if widget is not self.window:
            self.texts[name] = visible_texts(widget)
        return target

    def context_menu(self, name: str, widget: QWidget) -> bool:
        """Right-click ``widget`` as a user would; grab the menu that pops up, then close it."""
        from PySide6.QtCore import QPoint
        from PySide6.QtGui import QContextMenuEvent

        state = {"running": True, "shot": False}

        def step():
            if not state["running"]:
                return
            menu = QApplication.activePopupWidget()
            if menu is None:
                QTimer.singleShot(20, step)
                return
            self.save(menu, name)
            state["shot"] = True
            menu.close()

        QTimer.singleShot(0, step)
        target = getattr(widget, "viewport", lambda: widget)()  # a text box takes clicks on its viewport
        point = QPoint(10, target.height() // 2)
        QApplication.sendEvent(target, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                                         target.mapToGlobal(point)))
        state["running"] = False
        if not state["shot"] and QApplication.activePopupWidget() is not None:  # popped up, not exec()'d
            menu = QApplication.activePopupWidget()
            self.save(menu, name)
            state["shot"] = True
            menu.close()
        return state["shot"]

    def modal(self, name: str, open_it: Callable[[], object], prepare: Callable[[QWidget], object] | None = None
              ) -> int:
        """Run ``open_it``; grab each modal window it opens (``prepare`` the first), closing each unsaved.

        An action may open several in turn (a question, then a dialog): they are saved as ``name``,
        ``name-2``… Returns how many were grabbed (0: the action showed nothing modal).
        """
        state = {"running": True, "count": 0}

        def step():
            if not state["running"]:
                return
            widget = QApplication.activeModalWidget()
            if widget is None or not widget.isVisible():
                QTimer.singleShot(20, step)
                return
            try:
                if prepare is not None and state["count"] == 0:
                    prepare(widget)
                state["count"] += 1
                self.save(widget, name if state["count"] == 1 else f"{name}-{state['count']}")
            finally:
                widget.done(0)
                QTimer.singleShot(20, step)

        QTimer.singleShot(0, step)
        open_it()
        state["running"] = False
        return state["count"]

    # --- the tour -------------------------------------------------------------------------------

    def tabs(self) -> None:
        """Every tab and every sub-page of the window."""
        window = self.window
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            self.save(window, f"{i + 1:02d}-{slug(window.tabs.tabText(i))}")
            details = getattr(window.tabs.widget(i), "details", None)  # the staff tab's detail pages
            for k in range(1, details.count() if details is not None else 0):
                details.setCurrentIndex(k)
                self.save(window, f"{i + 1:02d}-{k + 1}-{slug(details.tabText(k))}")
            if details is not None:
                details.setCurrentIndex(0)
            pages = getattr(window.tabs.widget(i), "pages", None)
            for k in range(1, pages.count() if pages is not None else 0):
                pages.setCurrentIndex(k)
                self.save(window, f"{i + 1:02d}-{k + 1}-{slug(pages.tabText(k))}")
            if pages is not None:
                pages.setCurrentIndex(0)
            # A tab may offer more views than its sub-tabs (the campaigns tab: one campaign's page).
            views = getattr(window.tabs.widget(i), "screenshot_views", lambda: [])()
            for k, (title, show) in enumerate(views, start=1):
                show()
                self.save(window, f"{i + 1:02d}-p{k}-{slug(title)}")
        window.tabs.setCurrentIndex(0)

    def quick_search(self, query: str) -> None:
        """The results popup, the "nothing found" state, and a text field's context menu."""
        search = self.window.quick_search
        search.setText(query)
        self.save(search.popup, "99-tim-nhanh")
        search.setText("khong ai co ten nay")
        self.save(search.popup, "99-tim-nhanh-khong-thay")
        search.clear()
        search.popup.hide()
        search.setText("dang thi huong")
        search.selectAll()  # Cắt, Sao chép, Xóa are enabled on a selection
        search.popup.hide()
        self.context_menu("99-menu-chuot-phai", search)
        search.clear()
        search.popup.hide()


def run_tour(window, out: Path, *, query: str = "dang thi") -> Tour:
    """Grab every tab, then every dialog; the tour holds the files written and the texts seen."""
    from tdkt_desktop.ui.shell import screenshot_dialogs

    tour = Tour(window, out)
    tour.tabs()
    tour.quick_search(query)
    with tempfile.TemporaryDirectory() as tmp:
        screenshot_dialogs.all_dialogs(tour, Path(tmp))
    dispose_closed_dialogs()
    return tour


def dispose_closed_dialogs() -> None:
    """Delete the tour's closed dialogs now: some pages keep a cancelled dialog as a child, and PySide6
    6.12 crashes at exit deleting it (campaign dialog; QObject::~QObject in destroyQCoreApplication)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QDialog

    for widget in QApplication.allWidgets():
        if isinstance(widget, QDialog) and not widget.isVisible():
            widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
