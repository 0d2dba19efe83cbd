"""The integrity check off the critical path: ``quick_check`` in a thread, joined before the first write."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

from tdkt_desktop import paths
from tdkt_desktop.db.connection import check_file_integrity
from tdkt_desktop.errors import DatabaseOpenError


class IntegrityCheck:
    """Runs :func:`check_file_integrity` on its own connection in a thread, started at once.

    SQLite releases the GIL while it checks, so the window paints and a command renders meanwhile;
    whoever writes calls :meth:`wait` first, so a damaged file is still caught before any write.
    ``check``: another check of the path that opens its own connection (a reading command's,
    read-only); it raises :class:`DatabaseOpenError` for a damaged file.
    """

    def __init__(self, path: Path | str, check: Callable[[Path], object] = check_file_integrity):
        self.path = Path(path)
        self.error: DatabaseOpenError | None = None
        self._check = check
        self._thread = threading.Thread(target=self._run, name="tdkt-quick-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._check(self.path)
        except DatabaseOpenError as exc:
            self.error = exc
        except Exception as exc:  # a check that could not run has not passed: nothing may rely on the file
            self.error = DatabaseOpenError(
                self.path, f"Không kiểm tra được tính toàn vẹn của tệp “{self.path}” ({type(exc).__name__}: {exc}). "
                "Tệp chưa bị thay đổi; hãy thử lại.")

    @property
    def done(self) -> bool:
        """Whether the check has finished (either way)."""
        return not self._thread.is_alive()

    def finish(self) -> None:
        """Block until the check is over, whatever it found (the caller has already used or ignored it)."""
        self._thread.join()

    def wait(self) -> None:
        """Block until the check is over.

        Raises:
            DatabaseOpenError: the file is damaged (or could not be checked); nothing may be written to it.
        """
        self._thread.join()
        if self.error is not None:
            raise self.error


_KEPT = 20  # offices a user opens; older entries only cost a check at their next open


def _stamp(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def _read_verified() -> dict[str, list[int]]:
    try:
        data = json.loads(paths.verified_files().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def record_verified(path: Path | str) -> None:
    """Remember ``path`` as it is now (closed, its check passed): the next start may defer the check.

    A failure to remember only costs the next start its early check.
    """
    path = Path(path).resolve()
    with contextlib.suppress(OSError):
        data = {k: v for k, v in _read_verified().items() if k != str(path)}
        data[str(path)] = _stamp(path)
        kept = dict(list(data.items())[-_KEPT:])
        target = paths.verified_files()
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(json.dumps(kept), encoding="utf-8")
        os.replace(tmp, target)


def unchanged_since_verified(path: Path | str) -> bool:
    """Whether ``path`` is byte-for-byte where a clean, checked session left it (same size and time, no -wal).

    Anything else (another program or a copy wrote it, a crash, a file never checked here) is checked
    before it opens; only damage that changes no timestamp (a failing disk) is left to the background check.
    """
    path = Path(path).resolve()
    try:
        return not os.path.exists(f"{path}-wal") and _read_verified().get(str(path)) == _stamp(path)
    except OSError:
        return False
