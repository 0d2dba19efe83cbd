"""Sub-page tabs that import and build each page only when it is first shown or asked for."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

Spec = tuple[str, str, str]  # (module, class name, tab title)


class LazyTabs(QTabWidget):
    """Tabs holding placeholders until a page is needed, so a container costs nothing at window start.

    ``pages`` lists ``(module, class name, tab title)``; ``make(cls)`` builds a page from its class and
    wires it (the owner knows the constructor's arguments and which signals the page follows). The
    owner calls :meth:`build_current` from its ``showEvent`` (after loading what the pages read); a
    change of tab builds the new one while the tabs are visible.
    """

    def __init__(self, pages: list[Spec], make: Callable[[type], QWidget], parent=None):
        super().__init__(parent)
        self._pages = list(pages)
        self._specs = {title: (module, cls) for module, cls, title in pages}
        self._make = make
        self.built: dict[str, QWidget] = {}
        self._swapping = False
        for _module, _cls, title in pages:
            self.addTab(QWidget(), title)  # placeholder until the page is first needed
        self.currentChanged.connect(self.build_current)

    def build_current(self, *_args) -> None:
        """Build the page in front, if the tabs are on screen."""
        if self._swapping or not self.isVisible():
            return
        title = self.tabText(self.currentIndex())
        if title in self._specs:
            self.page(title)

    def unbuilt(self) -> list[Spec]:
        """The pages not built yet, in tab order (what :class:`WarmUp` may import ahead)."""
        return [spec for spec in self._pages if spec[2] not in self.built]

    def page(self, title: str) -> QWidget:
        """The sub-page with this tab title, built on first request (tests, cross-links).

        Raises:
            KeyError: no sub-page has that title.
        """
        if title in self.built:
            return self.built[title]
        module, cls = self._specs[title]
        index = next(i for i in range(self.count()) if self.tabText(i) == title)
        page = self._make(getattr(importlib.import_module(module), cls))
        self.built[title] = page
        self._swapping = True  # replacing the current tab would re-enter build_current
        try:
            current = self.currentIndex()
            placeholder = self.widget(index)
            self.removeTab(index)
            self.insertTab(index, page, title)
            self.setCurrentIndex(current)
            placeholder.deleteLater()
        finally:
            self._swapping = False
        return page


def page_modules(pages: Iterable[Spec]) -> Iterator[str]:
    """Import each page's module, yielding its name; a module that lists sub-pages in ``PAGES`` has them follow."""
    for module, _cls, _title in pages:
        imported = importlib.import_module(module)
        yield module
        yield from page_modules(getattr(imported, "PAGES", ()))


class WarmUp(QObject):
    """Imports the modules of pages not opened yet, one per timer tick, while the window waits for the user.

    A first open then pays only for building its page: importing Bình xét (its rules engine, records and
    models) took 31 ms of the 0.13–0.15 s its first screen needed on a 2,000-person office, the register
    22 ms. All of them cost about 70 ms and 6 MiB once; between two imports the window handles input.
    Modules import ReportLab and openpyxl inside the functions that print or read Excel, so those stay out.
    """

    finished = Signal()
    INTERVAL_MS = 10

    def __init__(self, modules: Iterator[str], parent: QObject):
        super().__init__(parent)
        self._modules = modules
        self.done = False
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self._next)

    def start(self) -> None:
        self._timer.start()

    def _next(self) -> None:
        try:
            next(self._modules)
        except StopIteration:
            self._timer.stop()
            self.done = True
            self.finished.emit()
