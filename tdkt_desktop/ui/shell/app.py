"""QApplication set-up (bundled fonts, Vietnamese Qt strings, locale) and opening the window on a database file."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
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


#: Vietnamese for Qt's own strings (Có/Không, Lưu/Không lưu/Hủy, Hoàn tác… in context menus).
QT_TRANSLATION = ("translations", "qtbase_vi.qm")
_translators: list[QTranslator] = []


def install_translation(app: QApplication) -> QTranslator:
    """Load the bundled Vietnamese translation of Qt's standard strings; kept alive on the app.

    Raises:
        FileNotFoundError: the .qm file is missing or unreadable (a broken install, never silent English).
    """
    if _translators:
        return _translators[0]
    path = paths.resource_path(*QT_TRANSLATION)
    translator = QTranslator(app)
    if not translator.load(str(path)):
        raise FileNotFoundError(f"Không đọc được bản dịch giao diện Qt: {path}")
    app.installTranslator(translator)
    _translators.append(translator)  # a QTranslator that is garbage-collected stops translating
    return translator


def ensure_app() -> QApplication:
    """The QApplication, created once with the app's fonts and Vietnamese locale."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Thi đua – Khen thưởng")
        app.setOrganizationName("tdkt_desktop")
        install_fonts(app)
        install_translation(app)
        none_guard.install(app)
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    return app  # type: ignore[return-value]


def open_for_window(path: Path, parent=None):
    """Lock and open ``path``; on a damaged file offer to restore the newest backup.

    Returns:
        (db, lock) or None when the user gave up (a message was shown).
    """
    lock = DatabaseLock(path)
    try:
        lock.acquire()
    except DatabaseOpenError as exc:
        QMessageBox.critical(parent, "Không mở được dữ liệu", str(exc))
        return None
    while True:
        try:
            return open_database(path), lock
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
        try:
            backup.make_backup(db, path, reason="khi-dong")
        except OSError as exc:  # a full disk must not turn closing into a crash
            print(f"Không sao lưu được khi đóng: {exc}", file=sys.stderr)
        db.close()
        lock.release()
