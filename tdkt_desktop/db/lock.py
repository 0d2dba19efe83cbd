"""One writer per database file: an OS-level lock on ``<file>.lock``, released if the process dies."""

from __future__ import annotations

import os
from pathlib import Path

from tdkt_desktop.errors import DatabaseLockedError


class DatabaseLock:
    """Exclusive, non-blocking lock beside a database file.

    The kernel drops the lock when the process exits, even on a crash, so a stale lock file
    never blocks the next start.
    """

    def __init__(self, db_path: Path | str):
        self.db_path = Path(db_path)
        self.lock_path = self.db_path.with_name(self.db_path.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock.

        Raises:
            DatabaseLockedError: another instance holds it.
        """
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            raise DatabaseLockedError(
                self.db_path,
                f"Tệp “{self.db_path}” đang được mở ở một cửa sổ chương trình khác. "
                "Hãy dùng cửa sổ đó, hoặc đóng nó rồi mở lại.",
            ) from exc
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        """Drop the lock (the file stays; it is harmless)."""
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> DatabaseLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
