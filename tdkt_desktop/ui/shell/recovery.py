"""Start-up and shut-down dialogs about the data file: what is wrong, a verified restore, a failed backup."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from tdkt_desktop.db import backup, inspection
from tdkt_desktop.db.restore import choose_backup, restore, skipped_note
from tdkt_desktop.errors import BackupError, UserError

TITLE_OPEN = "Không mở được dữ liệu"
TITLE_DAMAGED = "Dữ liệu bị hỏng"


@dataclass
class Session:
    """What the window learnt about its file while open (damage found, restore asked for)."""

    path: Path
    damaged: bool = False
    restore_requested: bool = False


def show_open_error(parent, path: Path, exc: BaseException) -> None:
    """Any failure while opening ``path``, as a dialog (never only on stderr)."""
    if isinstance(exc, BackupError):
        text = (
            f"{exc}\n\nChương trình chưa nâng cấp cấu trúc dữ liệu: việc nâng cấp chỉ chạy sau khi đã có bản sao "
            "lưu tốt. Tệp dữ liệu không bị thay đổi. Hãy giải phóng chỗ trống trên ổ đĩa rồi mở lại."
        )
    elif isinstance(exc, UserError):
        text = str(exc)
    elif isinstance(exc, sqlite3.Error):
        text = str(inspection.describe_sqlite_error(path, exc))
    elif isinstance(exc, OSError):
        text = str(inspection.describe_os_error(path, exc))
    else:
        text = f"Không mở được dữ liệu: {type(exc).__name__}: {exc}"
    QMessageBox.critical(parent, TITLE_OPEN, text)


def restore_question(reason: str, chosen: backup.BackupInfo, skipped, current: backup.Counts | None) -> str:
    """The text a person reads before confirming: why, which backup (date, counts) next to the current file."""
    parts = [
        reason,
        f"Khôi phục từ bản sao lưu tốt gần nhất, ngày {chosen.when()}?",
        f"  • Tệp hiện tại: {current.text() if current else 'không đọc được'}\n"
        f"  • Bản sao lưu:  {chosen.counts.text() if chosen.counts else '—'}",
    ]
    note = skipped_note(skipped, names=False)
    if note:
        parts.append(note)
    parts.append("Tệp hiện tại không bị xóa: nó được giữ lại bên cạnh với tên “….truoc-khoi-phuc-…”.")
    return "\n\n".join(parts)


def offer_restore(parent, path: Path, reason: str) -> bool:
    """Offer the newest good backup; restore it (verified, atomic) when the user agrees.

    Returns:
        True when the file was replaced by a backup.
    """
    try:
        chosen, skipped = choose_backup(path)
    except UserError as none:
        QMessageBox.critical(parent, TITLE_DAMAGED, f"{reason}\n\n{none}")
        return False
    text = restore_question(reason, chosen, skipped, backup.file_counts(path))
    if QMessageBox.question(parent, TITLE_DAMAGED, text) != QMessageBox.StandardButton.Yes:
        return False
    try:
        result = restore(path, chosen.path)
    except UserError as failed:
        QMessageBox.critical(parent, "Không khôi phục được", str(failed))
        return False
    kept = f"\nTệp trước khi khôi phục được giữ tại {result.kept}." if result.kept else ""
    QMessageBox.information(
        parent, "Đã khôi phục",
        f"Đã khôi phục từ bản sao lưu ngày {result.used.when()} ({result.used.counts.text()}).{kept}",
    )
    return True


def back_up_on_close(db, path: Path, parent=None) -> bool:
    """The automatic backup when the window closes; a failure is shown, not only logged."""
    try:
        backup.make_backup(db, path, reason="khi-dong")
    except BackupError as exc:
        QMessageBox.warning(
            parent, "Không sao lưu được khi đóng",
            f"{exc}\n\nDữ liệu đã lưu vẫn nằm nguyên trong tệp; chỉ thiếu bản sao lưu của lần này.",
        )
        return False
    return True
