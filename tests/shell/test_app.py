"""Opening a database from the window: second instance, corrupt file with backup restore, bad files."""

import pytest
from PySide6.QtWidgets import QMessageBox
from tests_db_helpers import damaged_index_file

from tdkt_desktop.db import backup
from tdkt_desktop.db.connection import open_database
from tdkt_desktop.db.lock import DatabaseLock
from tdkt_desktop.ui.shell.app import open_for_window


def _good_file(path):
    db = open_database(path)
    db["settings"].insert({"key": "office_name", "value": "Sở Nội vụ"})
    backup.make_backup(db, path)
    db.close()


def test_second_instance_refused(tmp_path, qapp, boxes):
    path = tmp_path / "a.sqlite"
    _good_file(path)
    with DatabaseLock(path):
        assert open_for_window(path) is None
    assert "đang được mở ở một cửa sổ chương trình khác" in boxes["critical"][0]


def test_corrupt_file_offers_restore(tmp_path, qapp, boxes):
    path = tmp_path / "a.sqlite"
    _good_file(path)
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 600)  # valid magic, broken body
    db, lock = open_for_window(path)
    try:
        assert "bị hỏng" in boxes["question"][0]
        assert db["settings"].get("office_name")["value"] == "Sở Nội vụ"
        assert list(tmp_path.glob("a.sqlite.truoc-khoi-phuc-*"))  # the damaged file is kept
    finally:
        db.close()
        lock.release()


def test_corrupt_file_declined_restore_keeps_file(tmp_path, qapp, boxes):
    path = tmp_path / "a.sqlite"
    _good_file(path)
    broken = b"SQLite format 3\x00" + b"\x00" * 600
    path.write_bytes(broken)
    boxes["answer"] = QMessageBox.StandardButton.No
    assert open_for_window(path) is None
    assert path.read_bytes() == broken
    DatabaseLock(path).acquire()  # the lock was released


def test_foreign_file_without_backup_just_explains(tmp_path, qapp, boxes):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(b"PK\x03\x04")
    assert open_for_window(path) is None
    assert "không phải tệp SQLite" in boxes["critical"][0]
    assert path.read_bytes() == b"PK\x03\x04"


def test_excepthook_logs_and_explains(qapp, boxes, monkeypatch):
    import sys

    from tdkt_desktop import paths
    from tdkt_desktop.ui.shell.app import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    try:
        raise KeyError("thiếu cột")
    except KeyError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert "KeyError" in boxes["critical"][0] and "dữ liệu đã lưu không bị ảnh hưởng" in boxes["critical"][0]
    assert "thiếu cột" in paths.log_path().read_text(encoding="utf-8")


def test_clean_session_skips_the_check_at_open_and_removes_its_marker(tmp_path, qtbot, qapp, boxes, app_fonts):
    from tdkt_desktop import paths
    from tdkt_desktop.ui.shell.app import close_session
    from tdkt_desktop.ui.shell.main_window import MainWindow

    path = tmp_path / "a.sqlite"
    _good_file(path)
    backups = len(backup.list_backups(path))
    db, lock = open_for_window(path)
    assert paths.session_marker(path).exists()  # a crash from here on leaves it behind
    window = MainWindow(db, path)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded):
        window.show()
    qtbot.waitUntil(lambda: window.integrity is not None and window.integrity.done)
    assert window.integrity_error() is None
    close_session(window, db, path, lock)
    assert not paths.session_marker(path).exists()
    assert len(backup.list_backups(path)) == backups + 1
    from tdkt_desktop.db.integrity import unchanged_since_verified

    assert unchanged_since_verified(path)  # the next start may defer its check
    with open(path, "r+b") as fh:  # any later write by another program, a copy over it …
        fh.seek(0, 2)
        fh.write(b"\0" * 4096)
    assert not unchanged_since_verified(path)  # … and the next start checks before opening
    assert boxes["critical"] == []


def test_damage_found_in_the_background_refuses_every_write(tmp_path, qtbot, qapp, boxes, app_fonts):
    from tdkt_desktop import paths
    from tdkt_desktop.db import settings as settings_db
    from tdkt_desktop.db.integrity import record_verified
    from tdkt_desktop.ui.common.changes import WriteFailed
    from tdkt_desktop.ui.shell.app import close_session
    from tdkt_desktop.ui.shell.main_window import MainWindow

    path = tmp_path / "a.sqlite"
    damaged_index_file(path)
    record_verified(path)  # damage that changed no timestamp (a failing disk) after a clean, checked session
    db, lock = open_for_window(path)  # no marker, file as last verified: it opens at once, unchecked
    window = MainWindow(db, path)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded):
        window.show()
    qtbot.waitUntil(lambda: bool(boxes["critical"]))  # told as soon as the check ends
    assert "bị hỏng" in boxes["critical"][0] and "khôi phục" in boxes["critical"][0]
    before = db["settings"].count
    with pytest.raises(WriteFailed):
        window.run_write(lambda: settings_db.save_settings(db, settings_db.get_settings(db)))
    assert db["settings"].count == before
    close_session(window, db, path, lock)
    assert paths.session_marker(path).exists()  # the next start checks before opening
    assert backup.list_backups(path) == []  # and no damaged copy became a backup


def test_after_an_unclean_exit_the_file_is_checked_before_it_opens(tmp_path, qapp, boxes):
    from tdkt_desktop import paths

    path = tmp_path / "a.sqlite"
    damaged_index_file(path)
    paths.session_marker(path).touch()  # left behind by a crash
    boxes["answer"] = QMessageBox.StandardButton.No
    assert open_for_window(path) is None
    assert "bị hỏng" in boxes["critical"][0]


def test_later_tabs_are_built_when_first_shown(demo_db, qtbot, app_fonts):
    from tdkt_desktop.ui.shell.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded):
        window.show()
    assert window.tabs.built == {}  # only the staff list is built at start
    titles = [window.tabs.tabText(i).replace("&&", "&") for i in range(window.tabs.count())]
    assert titles == ["Cán bộ", "Danh hiệu & Khen thưởng", "Phong trào thi đua", "Khối thi đua"]
    window.tabs.setCurrentIndex(2)  # the user opens a tab: it is built and shown in place
    assert set(window.tabs.built) == {"Phong trào thi đua"}
    assert window.tabs.currentWidget() is window.campaigns_tab and window.tabs.currentIndex() == 2
    titles_tab = window.titles_tab  # asked for by code (links, tests): built without switching to it
    assert window.tabs.widget(1) is titles_tab and window.tabs.currentIndex() == 2


def test_the_list_frame_is_painted_before_the_first_page_is_read(demo_db, qtbot, app_fonts):
    from PySide6.QtCore import QEvent, QObject

    from tdkt_desktop.ui.shell.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    seen = []

    class Paints(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                seen.append(window.staff_tab.model.rowCount())
            return False

    paints = Paints()
    window.staff_tab.table.viewport().installEventFilter(paints)
    with qtbot.waitSignal(window.loaded):
        window.show()
    qtbot.waitUntil(lambda: seen and seen[-1] == 61)
    assert seen[0] == 0  # the empty frame first, then the first page of staff


def test_the_window_process_hands_the_gil_over_quickly(qapp):
    """A worker judging the review must not hold the GUI thread up for Python's default 5 ms per handover."""
    import sys

    from tdkt_desktop.ui.shell.app import GUI_SWITCH_INTERVAL_S, ensure_app

    ensure_app()
    assert sys.getswitchinterval() == pytest.approx(GUI_SWITCH_INTERVAL_S) and GUI_SWITCH_INTERVAL_S <= 0.001


def test_pages_not_opened_are_imported_while_the_window_waits_but_never_built(tmp_path):
    """Once the first page is loaded the window imports the other pages' modules, one per timer tick, so a first
    open only builds its page; nothing is built ahead, and ReportLab, openpyxl and QtPdf stay unloaded."""
    import json

    from helpers import fresh_python

    script = (
        "import json, sys\n"
        "from PySide6.QtCore import QEventLoop, QTimer\n"
        "from tdkt_desktop.ui.shell.app import ensure_app\n"
        "app = ensure_app()\n"
        "from tdkt_desktop.db.connection import open_memory\n"
        "from tdkt_desktop.ui.shell.main_window import LATER_TABS, MainWindow\n"
        "w = MainWindow(open_memory())\n"
        "before = 'tdkt_desktop.ui.review.review_page' in sys.modules\n"
        "loop = QEventLoop(); w.warm_up.finished.connect(loop.quit); QTimer.singleShot(20000, loop.quit)\n"
        "w.show(); loop.exec()\n"
        "from tdkt_desktop.ui.awards.tab import PAGES as TITLES\n"
        "from tdkt_desktop.ui.blocs.tab import PAGES as BLOCS\n"
        "wanted = [m for m, _c, _t in [*LATER_TABS, *TITLES, *BLOCS, *w.staff_tab.DETAIL_PAGES]]\n"
        "print(json.dumps({'before': before, 'done': w.warm_up.done, 'missing': [m for m in wanted\n"
        "    if m not in sys.modules], 'built': sorted(w.tabs.built), 'heavy': sorted(m for m in\n"
        "    ('reportlab', 'openpyxl', 'PySide6.QtPdf', 'PySide6.QtPrintSupport') if m in sys.modules)}))\n"
    )
    assert json.loads(fresh_python(script, tmp_path).strip().splitlines()[-1]) == {
        "before": False, "done": True, "missing": [], "built": [], "heavy": []}
