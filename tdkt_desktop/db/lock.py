"""One writer per database file: an OS-level lock on ``<file>.lock``, released if the process dies."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from tdkt_desktop.errors import DatabaseLockedError, DatabaseOpenError, DiskError, NotPermittedError


class DatabaseLock:
    """Exclusive, non-blocking lock beside a database file.

    The window and every writing command (``import``, ``demo``, ``restore``, ``backup``…) take it, so
    one file never has two writers. The kernel drops the lock when the process exits, even on a
    crash, so a stale lock file never blocks the next start.
    """

    def __init__(self, db_path: Path | str):
        self.db_path = Path(db_path)
        self.lock_path = self.db_path.with_name(self.db_path.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock.

        Raises:
            DatabaseLockedError: another instance holds it.
            DatabaseOpenError: the lock file cannot be created or opened (folder read-only, a folder
                in its place, disk full); the message says which.
        """
        try:
            self.lock_path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise self._open_error(exc) from exc
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            raise DatabaseLockedError(
                self.db_path,
                f"Tệp “{self.db_path}” đang được mở ở một cửa sổ chương trình khác (hoặc một lệnh "
                "tdkt-desktop đang ghi vào tệp). Hãy dùng cửa sổ đó, hoặc đóng nó (chờ lệnh chạy xong) "
                "rồi thử lại.",
            ) from exc
        try:  # the pid only helps a person find the other process; failing to write it is harmless
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
        except OSError:
            pass
        self._fd = fd

    def try_acquire_existing(self) -> bool:
        """Take the lock without creating anything: False when another process holds it or no lock file exists.

        Read-only commands use it to keep a window from starting to write mid-read; they never
        create the lock file, so a read leaves nothing behind.
        """
        try:
            fd = os.open(self.lock_path, os.O_RDONLY)
        except OSError:
            return False
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        """Drop the lock (the file stays; it is harmless)."""
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    def _open_error(self, exc: OSError) -> DatabaseOpenError:
        where = self.lock_path
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return NotPermittedError(
                self.db_path,
                f"Không có quyền ghi vào thư mục của tệp “{self.db_path}” (không tạo được “{where.name}”; "
                "thư mục hoặc ổ đĩa chỉ cho phép đọc). Tệp dữ liệu không bị thay đổi: hãy chép nó sang "
                "một thư mục có quyền ghi rồi mở lại.",
            )
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return DiskError(
                self.db_path,
                f"Không mở được “{self.db_path}”: ổ đĩa đã đầy (không tạo được “{where.name}”). "
                "Tệp dữ liệu không bị thay đổi: hãy giải phóng chỗ trống rồi mở lại.",
            )
        if exc.errno in (errno.EISDIR, errno.ENOTDIR):
            return NotPermittedError(
                self.db_path,
                f"Không mở được “{self.db_path}”: “{where}” là một thư mục hoặc đường dẫn sai, chương trình "
                "không dùng được làm tệp khóa. Tệp dữ liệu không bị thay đổi.",
            )
        return DatabaseOpenError(
            self.db_path, f"Không mở được “{self.db_path}”: không tạo được tệp khóa “{where}” ({exc.strerror or exc})."
        )

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
