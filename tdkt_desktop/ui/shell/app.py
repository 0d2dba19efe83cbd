"""QApplication set-up (bundled fonts, locale) and opening the window on a database file."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from tdkt_desktop import paths
from tdkt_desktop.db import backup
from tdkt_desktop.db.connection import open_database
from tdkt_desktop.db.lock import DatabaseLock
from tdkt_desktop.errors import DatabaseOpenError
from tdkt_desktop.ui.shell import none_guard

UI_FONT_FILES = ("BeVietnamPro-Regular.ttf", "BeVietnamPro-SemiBold.ttf", "BeVietnamPro-Bold.ttf",
                 "BeVietnamPro-Italic.ttf")
UI_FONT_FAMILY = "Be Vietnam Pro"


def install_fonts(app: QApplication) -> None:
    """Register the bundled UI font and make it the default, so Vietnamese renders with no system fonts."""
    for name in UI_FONT_FILES:
        QFontDatabase.addApplicationFont(str(paths.resource_path("fonts", name)))
    app.setFont(QFont(UI_FONT_FAMILY, 10))


def ensure_app() -> QApplication:
    """The QApplication, created once with the app's fonts and Vietnamese locale."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Thi đua – Khen thưởng")
        app.setOrganizationName("tdkt_desktop")
        install_fonts(app)
        none_guard.install(app)
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    return app  # type: ignore[return-value]


def open_for_window(path: Path, parent=None):
    """Lock and open ``path``; on a damaged file offer to restore the newest backup.

    The integrity check runs here only after an unclean exit (the session marker is still there);
    otherwise the window runs it in the background and before its first write (main_window.py).

    Returns:
        (db, lock) or None when the user gave up (a message was shown).
    """
    lock = DatabaseLock(path)
    try:
        lock.acquire()
    except DatabaseOpenError as exc:
        QMessageBox.critical(parent, "Không mở được dữ liệu", str(exc))
        return None
    marker = paths.session_marker(Path(path))
    while True:
        try:
            db = open_database(path, integrity=marker.exists())
            marker.touch()
            return db, lock
        except DatabaseOpenError as exc:
            if not (exc.can_restore and backup.list_backups(path)):
                QMessageBox.critical(parent, "Không mở được dữ liệu", str(exc))
                lock.release()
                return None
            answer = QMessageBox.question(
                parent,
                "Dữ liệu bị hỏng",
                f"{exc}\n\nKhôi phục từ bản sao lưu gần nhất? Tệp hỏng sẽ được giữ lại bên cạnh.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                lock.release()
                return None
            used, damaged = backup.restore_latest(path)
            QMessageBox.information(
                parent, "Đã khôi phục", f"Đã khôi phục từ {used.name}.\nTệp hỏng được giữ tại {damaged}."
            )


def install_excepthook() -> None:
    """Log unexpected errors with their traceback and tell the user, instead of dying silently."""
    import datetime as dt
    import traceback

    def hook(exc_type, exc, tb):
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        try:  # append and close at once: no handler state outlives the error
            with open(paths.log_path(), "a", encoding="utf-8") as log:
                log.write(f"{dt.datetime.now().isoformat(timespec='seconds')} Lỗi không lường trước:\n{text}\n")
        except OSError:
            pass  # a full disk must not hide the message below
        QMessageBox.critical(
            None,
            "Lỗi chương trình",
            "Chương trình gặp lỗi không lường trước; dữ liệu đã lưu không bị ảnh hưởng "
            f"(thao tác dở dang đã được hủy).\n\n{exc_type.__name__}: {exc}\n\n"
            f"Chi tiết đã ghi vào {paths.log_path()}",
        )

    sys.excepthook = hook


def run_window(path: Path) -> int:
    """Open the main window on ``path`` and run the event loop; back up on close."""
    app = ensure_app()
    install_excepthook()
    opened = open_for_window(Path(path))
    if opened is None:
        return 1
    db, lock = opened
    from tdkt_desktop.ui.shell.main_window import MainWindow

    window = MainWindow(db, Path(path))
    window.show()
    try:
        return app.exec()
    finally:
        close_session(window, db, Path(path), lock)


def close_session(window, db, path: Path, lock: DatabaseLock) -> None:
    """After the window: back up, close, and remove the session marker (a clean exit), then unlock.

    A file the integrity check found damaged is neither backed up (a damaged copy must never become the
    newest backup) nor unmarked, so the next start checks it first and offers the last good backup.
    """
    damaged = window.integrity_error() is not None
    try:
        if not damaged:
            backup.make_backup(db, path, reason="khi-dong")
    except OSError as exc:  # a full disk must not turn closing into a crash
        print(f"Không sao lưu được khi đóng: {exc}", file=sys.stderr)
    db.close()
    if not damaged:
        paths.session_marker(path).unlink(missing_ok=True)
    lock.release()
