"""QApplication set-up (bundled fonts, Vietnamese Qt strings, locale) and opening the window on a database file."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from tdkt_desktop import paths
from tdkt_desktop.db.connection import open_database
from tdkt_desktop.db.inspection import check_path, damaged_data_error, find_damage
from tdkt_desktop.db.integrity import record_verified, unchanged_since_verified
from tdkt_desktop.db.lock import DatabaseLock
from tdkt_desktop.errors import DatabaseOpenError
from tdkt_desktop.ui.shell import none_guard, recovery

UI_FONT_FILES = ("BeVietnamPro-Regular.ttf", "BeVietnamPro-SemiBold.ttf", "BeVietnamPro-Bold.ttf",
                 "BeVietnamPro-Italic.ttf")
UI_FONT_FAMILY = "Be Vietnam Pro"
#: How long a worker thread may hold the GIL while the GUI thread waits for it (``sys.setswitchinterval``).
GUI_SWITCH_INTERVAL_S = 0.0005


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
    # The review's judging thread runs Python while the user works; at the default 5 ms switch interval
    # every GIL handover (each SQLite or Qt call of the GUI thread) could wait 5 ms for it, and a Space
    # press during the judging of 20,000 people took 80–200 ms instead of 25. At 0.5 ms it takes 22–32 ms,
    # and the judging itself is not measurably slower.
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    return app  # type: ignore[return-value]


def open_for_window(path: Path, parent=None):
    """Lock and open ``path``; every failure is a dialog saying what is wrong; damage offers a verified restore.

    A locked file, a full disk or a read-only file is not damage: it gets its own message and no restore.

    The integrity check runs here unless the file is exactly as a clean, checked session left it (no
    session marker left by a crash, same size and time); then the window runs it in the background and
    waits for it before its first write (main_window.py).

    Returns:
        (db, lock) or None when the file cannot be used (a message was shown).
    """
    path = Path(path)
    lock = DatabaseLock(path)
    try:
        check_path(path)
        lock.acquire()
    except Exception as exc:
        recovery.show_open_error(parent, path, exc)
        return None
    marker = paths.session_marker(path)
    restored = False
    while True:
        try:
            early = restored or marker.exists() or not unchanged_since_verified(path)
            db = open_database(path, integrity=early)
            try:
                marker.touch()
            except OSError:
                pass  # the file opened; without the marker only the next start's early check is lost
            return db, lock
        except DatabaseOpenError as exc:
            if exc.can_restore and not restored and recovery.offer_restore(parent, path, str(exc)):
                restored = True
                continue
            if not exc.can_restore or restored:
                recovery.show_open_error(parent, path, exc)
        except Exception as exc:
            recovery.show_open_error(parent, path, exc)
        lock.release()
        return None


def install_excepthook(session: recovery.Session | None = None) -> None:
    """Log unexpected errors with their traceback and tell the user, instead of dying silently.

    When the error comes from damaged stored values (a flipped byte that passes SQLite's checks), the
    message names each damaged place and offers to close and restore the newest good backup.
    """
    import datetime as dt
    import traceback

    def hook(exc_type, exc, tb):
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        try:  # append and close at once: no handler state outlives the error
            with open(paths.log_path(), "a", encoding="utf-8") as log:
                log.write(f"{dt.datetime.now().isoformat(timespec='seconds')} Lỗi không lường trước:\n{text}\n")
        except OSError:
            pass  # a full disk must not hide the message below
        if session is not None and _report_damage(session):
            return
        QMessageBox.critical(
            None,
            "Lỗi chương trình",
            "Chương trình gặp lỗi không lường trước; dữ liệu đã lưu không bị ảnh hưởng "
            f"(thao tác dở dang đã được hủy).\n\n{exc_type.__name__}: {exc}\n\n"
            f"Chi tiết đã ghi vào {paths.log_path()}",
        )

    sys.excepthook = hook


def _report_damage(session: recovery.Session) -> bool:
    """Scan the file; when values are damaged, say where and offer a restore. True when reported."""
    try:
        problems = find_damage(session.path)
    except Exception:
        return False
    if not problems:
        return False
    session.damaged = True  # a damaged file is not backed up on close: it would push out good backups
    text = (
        f"{damaged_data_error(session.path, problems)}\n\nĐóng chương trình và khôi phục từ bản sao lưu tốt gần "
        "nhất? (Bạn sẽ thấy ngày và số liệu của bản sao lưu trước khi đồng ý; tệp hiện tại được giữ lại.)"
    )
    if QMessageBox.question(None, recovery.TITLE_DAMAGED, text) == QMessageBox.StandardButton.Yes:
        session.restore_requested = True
        app = QApplication.instance()
        if app is not None:
            app.quit()
    return True


def run_window(path: Path) -> int:
    """Open the main window on ``path`` and run the event loop; back up on close (a failure is shown)."""
    app = ensure_app()
    path = Path(path)
    while True:
        session = recovery.Session(path)
        install_excepthook(session)
        opened = open_for_window(path)
        if opened is None:
            return 1
        db, lock = opened
        code = 1
        window = None
        try:
            from tdkt_desktop.ui.shell.main_window import MainWindow

            window = MainWindow(db, path)
            window.show()
            code = app.exec()
        except Exception:
            sys.excepthook(*sys.exc_info())
        finally:
            restored = close_session(window, db, path, lock, session)
        if not session.restore_requested or not restored:
            return code


def close_session(window, db, path: Path, lock: DatabaseLock, session: recovery.Session | None = None) -> bool:
    """After the window: back up, close, remove the session marker (a clean exit), offer a restore, unlock.

    A file found damaged (by the background integrity check or by a value read back wrong) is neither
    backed up (a damaged copy must never become the newest backup) nor unmarked, so the next start
    checks it first and offers the last good backup.

    Returns:
        Whether a restore the user asked for was made (the caller then opens the file again).
    """
    damaged = (session is not None and session.damaged) or (window is not None and window.integrity_error() is not None)
    restored = False
    try:
        if not damaged:
            recovery.back_up_on_close(db, path)
        db.close()
        if not damaged:
            paths.session_marker(path).unlink(missing_ok=True)
            check = getattr(window, "integrity", None)
            if check is not None and check.done and check.error is None:
                record_verified(path)
        if session is not None and session.restore_requested:
            restored = recovery.offer_restore(None, path, "Dữ liệu trong tệp bị hỏng (xem thông báo trước).")
    finally:
        lock.release()
    return restored
