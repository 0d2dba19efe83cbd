"""The integrity check off the critical path: ``quick_check`` in a thread, joined before the first write."""

from __future__ import annotations

import threading
from pathlib import Path

from tdkt_desktop.db.connection import check_integrity
from tdkt_desktop.errors import CorruptDatabaseError


class IntegrityCheck:
    """Runs :func:`check_integrity` on its own read-only connection in a thread, started at once.

    SQLite releases the GIL while it checks, so the window paints and a command renders meanwhile;
    whoever writes calls :meth:`wait` first, so a damaged file is still caught before any write.
    """

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.error: CorruptDatabaseError | None = None
        self._thread = threading.Thread(target=self._run, name="tdkt-quick-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            check_integrity(self.path)
        except CorruptDatabaseError as exc:
            self.error = exc

    @property
    def done(self) -> bool:
        """Whether the check has finished (either way)."""
        return not self._thread.is_alive()

    def wait(self) -> None:
        """Block until the check is over.

        Raises:
            CorruptDatabaseError: the file is damaged; nothing may be written to it.
        """
        self._thread.join()
        if self.error is not None:
            raise self.error
