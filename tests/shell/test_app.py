"""Opening a database from the window: second instance, corrupt file with backup restore, bad files."""

import pytest
from PySide6.QtWidgets import QMessageBox

from tdkt_desktop.db import backup
from tdkt_desktop.db.connection import open_database
from tdkt_desktop.db.lock import DatabaseLock
from tdkt_desktop.ui.shell.app import open_for_window


@pytest.fixture
def boxes(monkeypatch):
    """Record message boxes instead of showing them; answer questions with ``answer``."""
    shown = {"critical": [], "question": [], "information": [], "answer": QMessageBox.StandardButton.Yes}
    for kind in ("critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, _k=kind, **kw: shown[_k].append(a[2]))

    def question(*a, **kw):
        shown["question"].append(a[2])
        return shown["answer"]

    monkeypatch.setattr(QMessageBox, "question", question)
    return shown


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
