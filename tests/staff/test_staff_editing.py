"""Staff form and register as an officer uses them: codes ignoring case, real-life limits, errors, a laptop screen."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from helpers import replace_text, type_text, when_modal
from PySide6.QtCore import Qt
from sqlite_utils import Database

from tdkt_desktop.cli import main
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db.connection import open_database
from tdkt_desktop.db.migrations import migrations
from tdkt_desktop.db.migrations_staff import CODE_TAKEN
from tdkt_desktop.db.records import Staff
from tdkt_desktop.errors import ValidationError
from tdkt_desktop.ui.staff.model import StaffTableModel
from tdkt_desktop.ui.staff.staff_dialog import StaffDialog


def _add_through_dialog(window, qtbot, fill) -> dict:
    """Click "Thêm cán bộ", let ``fill(dialog)`` type and press Lưu; what the dialog showed after Lưu."""
    seen: dict = {}
    failures: list = []

    def drive(dialog: StaffDialog):
        fill(dialog)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen["open"] = dialog.isVisible()
        seen["errors"] = {k: label.text() for k, label in dialog.errors.items() if label.isVisibleTo(dialog)}
        if dialog.isVisible():
            dialog.reject()

    when_modal(drive, failures=failures)
    qtbot.mouseClick(window.staff_tab.add_button, Qt.MouseButton.LeftButton)
    if failures:
        raise failures[0]
    return seen


def test_a_code_differing_only_in_case_is_refused_with_the_holder(main_window, qtbot):
    db = main_window.db

    def fill(dialog):
        type_text(dialog.code, " cb001 ")
        type_text(dialog.full_name, "Nguyễn Văn An")

    seen = _add_through_dialog(main_window, qtbot, fill)
    assert seen["open"]
    assert seen["errors"] == {"code": "Mã cán bộ “cb001” đã dùng cho Hoàng Văn Thắng (mã “CB001”; "
                                      "mã cán bộ không phân biệt chữ hoa, chữ thường)."}
    assert db["staff"].count == 61 and staff_db.find_by_code(db, "cb001") is None
    with pytest.raises(ValidationError):  # the same rule for every caller, and SQLite itself refuses
        staff_db.add_staff(db, Staff(id=None, code="Cb001", full_name="Nguyễn Văn An"))
    with pytest.raises(Exception, match=re.escape(CODE_TAKEN)):
        db["staff"].insert({"code": "cB001", "full_name": "Nguyễn Văn An", "fold": "nguyen van an"})
    assert db["staff"].count == 61


def test_errors_wait_for_typing_or_save_and_are_shown_whole(main_window, qtbot):
    seen: dict = {}

    def fill(dialog: StaffDialog):
        seen["at_open"] = [k for k, label in dialog.errors.items() if label.isVisibleTo(dialog)]
        type_text(dialog.full_name, "Lê Văn Tám")
        type_text(dialog.birth_date, "31/02/1990")
        seen["while_typing"] = [k for k, label in dialog.errors.items() if label.isVisibleTo(dialog)]
        type_text(dialog.recruited_on, "01/01/2024")
        replace_text(dialog.birth_date, "01/01/2012")  # 14 at the time of recruitment, and today

    after = _add_through_dialog(main_window, qtbot, fill)
    assert seen["at_open"] == []  # nothing red before the user types
    assert seen["while_typing"] == ["birth_date"]  # only the field being typed in
    assert set(after["errors"]) == {"code", "birth_date", "recruited_on"}  # Lưu shows every problem
    assert after["errors"]["code"] == "Mã cán bộ không được để trống."
    assert after["errors"]["birth_date"] == "Ngày sinh 01/01/2012: chưa đủ 15 tuổi; hãy kiểm tra lại năm sinh."
    assert main_window.db["staff"].count == 61


def test_wrapped_errors_keep_their_last_line(demo_db, qtbot, app_fonts):
    dialog = StaffDialog([], lambda s: staff_db.validate_staff(demo_db, s))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.code, "cb028")
    type_text(dialog.full_name, "Nguyễn Văn An " * 8)
    type_text(dialog.birth_date, "01/01/2020")
    type_text(dialog.recruited_on, "01/01/2019")
    shown = [label for label in dialog.errors.values() if label.isVisibleTo(dialog)]
    assert len(shown) == 4
    for label in shown:
        assert label.height() >= label.heightForWidth(label.width())  # every wrapped line has its room
        assert label.mapTo(dialog, label.rect().bottomLeft()).y() <= dialog.height()
    assert dialog.height() <= 768 - 40


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("birth_date", "31/12/1929", "Ngày sinh 31/12/1929 trước năm 1930; hãy kiểm tra lại năm sinh."),
        ("recruited_on", "01/09/1999", "Ngày tuyển dụng 01/09/1999: khi đó chưa đủ 15 tuổi (sinh ngày 15/03/1985)."),
        ("full_name", "Nguyễn " * 15, "Họ và tên dài 104 ký tự; tối đa 100 ký tự."),
    ],
)
def test_dates_and_names_are_checked_against_real_life(main_window, qtbot, field, typed, message):
    def fill(dialog: StaffDialog):
        type_text(dialog.code, "CB900")
        values = {"full_name": "Nguyễn Văn An", "birth_date": "15/03/1985", "recruited_on": "01/09/2010"}
        values[field] = typed
        for key, text in values.items():
            type_text(getattr(dialog, key), text)

    seen = _add_through_dialog(main_window, qtbot, fill)
    assert seen["open"] and seen["errors"] == {field: message}
    assert staff_db.find_by_code(main_window.db, "CB900") is None


def test_limits_at_their_edges_are_accepted(db):
    today = dt.date(2026, 11, 29)
    ok = Staff(id=None, code="A1", full_name="Nguyễn Văn " + "A" * 89, birth_date=dt.date(2011, 11, 29),
               recruited_on=dt.date(2026, 11, 29))
    assert len(ok.full_name) == 100
    assert staff_db.validate_staff(db, ok, today=today) == {}
    assert "birth_date" in staff_db.validate_staff(db, Staff(id=None, code="A2", full_name="B",
                                                             birth_date=dt.date(2011, 11, 30)), today=today)


def _old_file_with_pair(path) -> None:
    """A database made before codes ignored case: "CB001" and "cb001" are two people."""
    db = Database(path)
    migrations.apply(db, stop_before="0007_staff_code_key")
    for code, name in (("CB001", "Hoàng Văn Thắng"), ("cb001", "Nông Thị Lan"), ("CB002", "Bùi Phương Yến")):
        db["staff"].insert({"code": code, "full_name": name, "fold": name})
    db.close()


def test_old_pairs_upgrade_and_check_lists_them(tmp_path, capsys):
    path = tmp_path / "cu.sqlite"
    _old_file_with_pair(path)
    db = open_database(path)  # the upgrade does not fail on the pair
    try:
        assert [[p.code for p in group] for group in staff_db.code_key_duplicates(db)] == [["CB001", "cb001"]]
        first = staff_db.find_by_code(db, "cb001")
        staff_db.update_staff(db, first.__class__(**{**first.__dict__, "position": "Chuyên viên"}))  # still editable
        assert staff_db.find_by_code(db, "cb001").position == "Chuyên viên"
    finally:
        db.close()
    assert main(["--db", str(path), "check"]) == 0
    out = capsys.readouterr().out
    assert "Cảnh báo: 1 mã cán bộ chỉ khác nhau ở chữ hoa/chữ thường" in out
    assert "“CB001” – Hoàng Văn Thắng; “cb001” – Nông Thị Lan" in out


def test_staff_tab_shows_its_essential_columns_whole_at_1366x768(main_window, qtbot):
    tab = main_window.staff_tab
    main_window.resize(1366, 768)
    qtbot.waitUntil(lambda: tab.table.viewport().width() > 300)
    qtbot.wait(50)  # the splitter is sized once laid out
    tab.fit_splitter()
    header = tab.table.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    assert [tab.model.headerData(c, Qt.Orientation.Horizontal) for c in shown] == [
        "Mã", "Họ và tên", "Ngày sinh", "Chức vụ", "Đơn vị", "Trạng thái"]
    right = max(header.sectionViewportPosition(c) + header.sectionSize(c) for c in shown)
    assert right <= tab.table.viewport().width()
    assert not tab.table.horizontalScrollBar().isVisible()
    metrics = tab.table.fontMetrics()
    for column, sample in ((StaffTableModel.COL_STATUS, "Ngừng theo dõi"), (StaffTableModel.COL_BIRTH, "00/00/0000"),
                           (StaffTableModel.COL_NAME, "Nguyễn Thị Phương")):
        assert header.sectionSize(column) > metrics.horizontalAdvance(sample)
    assert tab.details.width() >= 300  # the detail pane takes what is left


def test_unit_tree_elides_in_the_middle_with_the_full_name_as_tooltip(main_window):
    tab = main_window.staff_tab
    assert tab.unit_tree.textElideMode() == Qt.TextElideMode.ElideMiddle
    root = tab.units_model.index(0, 0)
    names = {tab.units_model.index(r, 0, root).data(): tab.units_model.index(r, 0, root).data(Qt.ItemDataRole.ToolTipRole)
             for r in range(tab.units_model.rowCount(root))}
    long = "Phòng Quản lý công nghệ và Thị trường công nghệ"
    assert names[long] == long
    assert tab.unit_tree.fontMetrics().horizontalAdvance(long) > tab.unit_tree.viewport().width() - 40
