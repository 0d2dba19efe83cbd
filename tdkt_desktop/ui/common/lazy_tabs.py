"""Sub-page tabs that import and build each page only when it is first shown or asked for."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs(QTabWidget):
    """Tabs holding placeholders until a page is needed, so a container costs nothing at window start.

    ``pages`` lists ``(module, class name, tab title)``; ``make(cls)`` builds a page from its class and
    wires it (the owner knows the constructor's arguments and which signals the page follows). The
    owner calls :meth:`build_current` from its ``showEvent`` (after loading what the pages read); a
    change of tab builds the new one while the tabs are visible.
    """

    def __init__(self, pages: list[tuple[str, str, str]], make: Callable[[type], QWidget], parent=None):
        super().__init__(parent)
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
