"""Whole-or-nothing file writes: a temporary name beside the target, fsync, then one atomic rename."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

_CHUNK = 1 << 20


def fsync_file(path: Path | str) -> None:
    """Push a file's bytes to the disk (a rename after a crash must never point at unwritten data)."""
    fd = os.open(path, os.O_RDWR if os.name == "nt" else os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path | str) -> None:
    """Make a rename in ``folder`` durable; Windows has no directory handles to sync, NTFS journals it."""
    if os.name == "nt":  # pragma: no cover - Windows only
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_beside(target: Path, tag: str) -> Path:
    """A fresh hidden empty file in ``target``'s folder, so the final rename never crosses file systems.

    It gets the permissions a new file would get (or the target's own, when it exists), not mkstemp's 0600.
    """
    for _ in range(100):
        name = target.parent / f".{target.name}.{secrets.token_hex(4)}.{tag}.tmp"
        try:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(name, target.stat().st_mode & 0o7777)
        return name
    raise FileExistsError(errno.EEXIST, "Không tạo được tệp tạm", str(target))


@contextlib.contextmanager
def atomic_path(target: Path | str, tag: str = "dang-ghi") -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target`` in one rename.

    On any failure (disk full, permission, a crash in the writer) the temporary file is removed and
    ``target`` is exactly as it was: never a 0-byte or half-written file under the real name.
    """
    target = Path(target)
    tmp = temp_beside(target, tag)
    try:
        yield tmp
        fsync_file(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):  # the data is in place; a folder that cannot be synced is not an error
        fsync_dir(target.parent)


def copy_synced(source: Path | str, target: Path | str) -> None:
    """Copy bytes and fsync the copy (``target`` should be a temporary name)."""
    with open(source, "rb") as src, open(target, "wb") as dst:
        while chunk := src.read(_CHUNK):
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())


def describe_os_error(exc: OSError) -> str:
    """A short Vietnamese reason for a file-system failure."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "ổ đĩa đã đầy (hoặc tệp vượt quá dung lượng cho phép)"
    if code in (errno.EACCES, errno.EPERM):
        return "không có quyền ghi"
    if code == errno.EROFS:
        return "ổ đĩa chỉ cho phép đọc"
    if code == errno.EIO:
        return "lỗi đọc/ghi ổ đĩa"
    if code in (errno.EISDIR, errno.ENOTDIR):
        return "đường dẫn là thư mục hoặc không hợp lệ"
    if code == errno.ENOENT:
        return "thư mục không tồn tại"
    return exc.strerror or str(exc)
