"""Staff tab, staff dialog, quick search and settings through qtbot, checked on screen and in the DB."""

import dataclasses
import datetime as dt

import pytest
from helpers import replace_text, type_text
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from tdkt_desktop.db import settings as settings_db
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import staff_search
from tdkt_desktop.db.records import Staff
from tdkt_desktop.text import fold
from tdkt_desktop.ui.common.changes import WriteFailed
from tdkt_desktop.ui.common.table_model import RecordRole
from tdkt_desktop.ui.shell.settings_dialog import SettingsDialog
from tdkt_desktop.ui.staff.model import StaffTableModel
from tdkt_desktop.ui.staff.staff_dialog import StaffDialog


def test_staff_model_passes_model_tester(qtmodeltester, demo_db):
    model = StaffTableModel()
    model.set_rows(staff_db.list_staff(demo_db))
    qtmodeltester.check(model)
    assert model.rowCount() == 61
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Họ và tên"
    assert model.data(model.index(999, 0)) is None
    assert model.index(0, 0).data(RecordRole).code


def test_main_window_title_and_tabs(main_window):
    assert main_window.windowTitle() == "Thi đua – Khen thưởng — Sở Khoa học và Công nghệ tỉnh Cao Bằng"
    titles = [main_window.tabs.tabText(i).replace("&&", "&") for i in range(main_window.tabs.count())]
    assert titles == ["Cán bộ", "Danh hiệu & Khen thưởng", "Phong trào thi đua", "Khối thi đua"]
    assert main_window.staff_tab.model.rowCount() == 61


def test_filter_runs_in_sql_and_ignores_diacritics(main_window, qtmodeltester):
    tab = main_window.staff_tab
    qtmodeltester.check(tab.model)
    type_text(tab.filter_edit, "dang thi huong")
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, 1).data() == "Đặng Thị Hương"
    assert tab.count_label.text() == "Hiển thị 1/61 cán bộ"
    qtmodeltester.check(tab.model)


@pytest.mark.parametrize(("typed", "expected"), [
    ("thanh tra", lambda s: "thanh tra" in fold(s.unit_name)),  # words of the unit
    ("ke toan", lambda s: fold(s.position).startswith("ke toan")),  # words of the position, no diacritics
    ("CB00", lambda s: s.code.startswith("CB00")),  # a code prefix
    ("thanh tra h", lambda s: "thanh tra" in fold(s.unit_name) and any(
        w.startswith("h") for w in fold(f"{s.full_name} {s.code} {s.position} {s.unit_name}").split())),
])
def test_filter_words_may_match_different_fields(main_window, typed, expected):
    """Every typed word must begin a word of the name, code, position or unit, as the old in-memory filter did."""
    tab = main_window.staff_tab
    everyone = staff_db.list_staff(main_window.db)
    tab.filter_edit.setText(typed)
    shown = {tab.model.record(r).id for r in range(tab.model.rowCount())}
    assert shown == {s.id for s in everyone if expected(s)} and shown


def test_unit_tree_filters_staff(main_window):
    tab = main_window.staff_tab
    root = tab.units_model.index(0, 0)
    thanh_tra = next(
        tab.units_model.index(r, 0, root)
        for r in range(tab.units_model.rowCount(root))
        if tab.units_model.index(r, 0, root).data() == "Thanh tra Sở"
    )
    tab.unit_tree.setCurrentIndex(thanh_tra)
    assert tab.model.rowCount() == 5
    assert {tab.model.record(r).unit_name for r in range(5)} == {"Thanh tra Sở"}


def _run_dialog_then(qtbot, action):
    """Let ``action(dialog)`` drive the modal dialog opened by the next click."""
    def drive():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, StaffDialog)
        action(dialog)
    QTimer.singleShot(0, drive)


def test_add_staff_through_dialog(main_window, qtbot):
    tab = main_window.staff_tab
    with qtbot.waitSignal(main_window.data_changed):
        def fill(d):
            type_text(d.code, "CB900")
            type_text(d.full_name, "Nguyễn Thị Ánh Tuyết")
            type_text(d.birth_date, "12/03/1990")
            type_text(d.position, "Chuyên viên chính")
            type_text(d.recruited_on, "01/09/2015")
            d.gender.setCurrentText("Nữ")
            assert d.save_button.isEnabled()
            qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
        _run_dialog_then(qtbot, fill)
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    person = staff_db.find_by_code(main_window.db, "CB900")
    assert person.full_name == "Nguyễn Thị Ánh Tuyết"
    assert person.birth_date == dt.date(1990, 3, 12)
    assert tab.current_staff().id == person.id  # selected on screen
    assert tab.info.labels["birth_date"].text() == "12/03/1990"
    assert tab.model.rowCount() == 62


def test_dialog_shows_errors_inline_and_refuses_save(demo_db, qtbot, app_fonts):
    dialog = StaffDialog([], lambda s: staff_db.validate_staff(demo_db, s))
    qtbot.addWidget(dialog)
    type_text(dialog.code, "CB006")
    type_text(dialog.full_name, "Lê Văn Tám")
    assert dialog.errors["code"].text() == "Mã cán bộ “CB006” đã dùng cho Đặng Thị Hương."
    replace_text(dialog.code, "CB901")
    type_text(dialog.birth_date, "31/02/1990")
    assert "không phải ngày hợp lệ" in dialog.errors["birth_date"].text()
    replace_text(dialog.birth_date, "01/01/1990")
    type_text(dialog.recruited_on, "01/01/1985")
    assert "phải sau ngày sinh 01/01/1990" in dialog.errors["recruited_on"].text()
    replace_text(dialog.recruited_on, "01/01/2099")
    assert "ở tương lai" in dialog.errors["recruited_on"].text()
    dialog.accept()  # Save with an error: refused, the dialog stays with everything typed
    assert dialog.result() == 0 and dialog.full_name.text() == "Lê Văn Tám"
    replace_text(dialog.recruited_on, "01/01/2015")
    assert all(not label.isVisibleTo(dialog) for label in dialog.errors.values())
    assert dialog.validate()
    assert demo_db["staff"].count == 61  # the dialog never writes


def test_edit_staff_with_vietnamese_typing(main_window, qtbot):
    tab = main_window.staff_tab
    person = staff_db.find_by_code(main_window.db, "CB006")
    assert tab.select_person(person.id)
    with qtbot.waitSignal(main_window.data_changed):
        def change(d):
            replace_text(d.position, "Trưởng phòng Tổng hợp")
            qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
        _run_dialog_then(qtbot, change)
        qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    assert staff_db.get_staff(main_window.db, person.id).position == "Trưởng phòng Tổng hợp"
    assert tab.info.labels["position"].text() == "Trưởng phòng Tổng hợp"


def test_deactivate_and_reactivate(main_window, qtbot, monkeypatch):
    tab = main_window.staff_tab
    person = staff_db.find_by_code(main_window.db, "CB010")
    tab.select_person(person.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(tab.toggle_button, Qt.MouseButton.LeftButton)
    assert staff_db.get_staff(main_window.db, person.id).active is False
    assert tab.toggle_button.text() == "Kích hoạt lại"
    tab.show_inactive.setChecked(False)
    assert tab.model.row_of_key(person.id) == -1  # filtered out in SQL
    assert all(tab.model.index(r, 0).data(RecordRole).active for r in range(tab.model.rowCount()))
    assert tab.count_label.text() == f"Hiển thị {tab.model.rowCount()}/61 cán bộ"
    tab.select_person(person.id)  # brings hidden people back into view
    assert tab.show_inactive.isChecked()
    qtbot.mouseClick(tab.toggle_button, Qt.MouseButton.LeftButton)
    assert staff_db.get_staff(main_window.db, person.id).active is True


def test_deactivate_cancelled_changes_nothing(main_window, qtbot, monkeypatch):
    tab = main_window.staff_tab
    person = staff_db.find_by_code(main_window.db, "CB010")
    tab.select_person(person.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(tab.toggle_button, Qt.MouseButton.LeftButton)
    assert staff_db.get_staff(main_window.db, person.id).active is True


@pytest.mark.parametrize("query", ["dang thi huong", "Đặng Thị Hương", "DANG THI H", "cb006"])
def test_quick_search_enter_opens_person(main_window, qtbot, query):
    search = main_window.quick_search
    main_window.tabs.setCurrentIndex(2)
    main_window.search_action.trigger()  # Ctrl+K
    assert search.hasFocus()
    type_text(search, query)
    assert search.popup.isVisible()
    assert search.model.index(0, 0).data() == "Đặng Thị Hương"
    with qtbot.waitSignal(search.person_chosen) as blocker:
        QTest.keyClick(search, Qt.Key.Key_Return)
    person = staff_db.find_by_code(main_window.db, "CB006")
    assert blocker.args == [person.id]
    assert main_window.tabs.currentWidget() is main_window.staff_tab
    assert main_window.staff_tab.current_staff().id == person.id
    assert not search.popup.isVisible()


def test_quick_search_arrow_keys_and_escape(main_window, qtbot):
    search = main_window.quick_search
    type_text(search, "ng")
    assert search.model.rowCount() > 1
    QTest.keyClick(search, Qt.Key.Key_Down)
    assert search.current_row() == 1
    QTest.keyClick(search, Qt.Key.Key_Escape)
    assert not search.popup.isVisible()
    replace_text(search, "zzzz khong co")
    assert search.model.rowCount() == 0
    assert search.empty_label.text().startswith("Không tìm thấy “zzzz khong co”")


def test_settings_dialog_saves_and_retitles(main_window, qtbot, monkeypatch):
    def drive():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        replace_text(dialog.edits["office_name"], "Sở Khoa học và Công nghệ tỉnh Bình Định")
        replace_text(dialog.edits["place_name"], "Bình Định")
        dialog.accept()
    QTimer.singleShot(0, drive)
    with qtbot.waitSignal(main_window.data_changed):
        main_window.open_settings()
    saved = settings_db.get_settings(main_window.db)
    assert saved.office_name == "Sở Khoa học và Công nghệ tỉnh Bình Định" and saved.place_name == "Bình Định"
    assert main_window.windowTitle().endswith("tỉnh Bình Định")


def test_settings_dialog_requires_office_name(qtbot, app_fonts):
    dialog = SettingsDialog(settings_db.Settings())
    qtbot.addWidget(dialog)
    dialog.edits["office_name"].clear()
    assert dialog.error.text() == "Tên cơ quan không được để trống."
    replace_text(dialog.edits["office_name"], "Sở Nội vụ")
    replace_text(dialog.edits["document_symbol"], "S NV")
    assert "không được có dấu cách" in dialog.error.text()


def test_full_disk_during_save_leaves_db_unchanged(main_window, monkeypatch):
    db = main_window.db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")  # the "disk" is now full
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    people = [Staff(id=None, code=f"X{i}", full_name="Hoàng Thị Lan", note="x" * 500) for i in range(400)]
    with pytest.raises(WriteFailed):
        main_window.run_write(lambda: staff_db.add_many(db, people))
    assert "đầy" in shown[0]
    assert db["staff"].count == 61


def test_write_error_keeps_window_and_db(main_window, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))

    def full_disk():
        raise OSError(28, "No space left on device")

    with pytest.raises(WriteFailed):
        main_window.run_write(full_disk)
    assert "No space left" in shown[0] and "Không ghi được dữ liệu" in shown[0]
    assert main_window.db["staff"].count == 61


def test_header_sort_orders_rows_and_keeps_selection(main_window, qtbot):
    tab = main_window.staff_tab
    person = staff_db.find_by_code(main_window.db, "CB006")
    tab.select_person(person.id)
    tab.table.sortByColumn(StaffTableModel.COL_BIRTH, Qt.SortOrder.DescendingOrder)
    births = [tab.model.index(r, 0).data(RecordRole).birth_date for r in range(tab.model.rowCount())]
    assert births == sorted(births, reverse=True)
    assert tab.current_staff().id == person.id
    tab.table.sortByColumn(StaffTableModel.COL_NAME, Qt.SortOrder.AscendingOrder)
    given = [tab.model.index(r, 0).data(RecordRole).given_name for r in range(tab.model.rowCount())]
    from tdkt_desktop.text import fold
    assert [fold(g) for g in given] == sorted(fold(g) for g in given)  # by tên, as Vietnamese lists are
    main_window.data_changed.emit(frozenset({"staff"}))  # a reload keeps the chosen order
    given_after = [tab.model.index(r, 0).data(RecordRole).given_name for r in range(tab.model.rowCount())]
    assert given_after == given


def test_search_results_model(qtmodeltester, demo_db):
    from tdkt_desktop.ui.shell.quick_search import SearchResultsModel

    model = SearchResultsModel()
    model.set_rows(staff_search.search_staff(demo_db, "th"))
    qtmodeltester.check(model)
    assert model.rowCount() > 0


def test_add_and_rename_unit(main_window, qtbot, monkeypatch):
    from tdkt_desktop.db import units as units_db
    from tdkt_desktop.ui.staff.unit_dialog import UnitDialog

    tab = main_window.staff_tab

    def add(d):
        assert isinstance(d, UnitDialog)
        type_text(d.name, "Phòng Kế hoạch – Tài chính")
        d.accept()

    QTimer.singleShot(0, lambda: add(QApplication.activeModalWidget()))
    qtbot.mouseClick(tab.add_unit_button, Qt.MouseButton.LeftButton)
    unit = units_db.find_unit(main_window.db, "phong ke hoach – tai chinh")
    assert unit is not None
    assert tab.unit_tree.currentIndex().data() == "Phòng Kế hoạch – Tài chính"
    assert tab.model.rowCount() == 0

    def rename(d):
        replace_text(d.name, "Văn phòng Sở")  # a duplicate: refused, nothing changes
        d.accept()

    shown = []
    QTimer.singleShot(0, lambda: rename(QApplication.activeModalWidget()))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    qtbot.mouseClick(tab.edit_unit_button, Qt.MouseButton.LeftButton)
    assert shown == ["Đơn vị “Văn phòng Sở” đã có."]
    assert units_db.get_unit(main_window.db, unit.id).name == "Phòng Kế hoạch – Tài chính"


def test_unit_cannot_move_inside_itself(db):
    from tdkt_desktop.db import units as units_db
    from tdkt_desktop.db.records import Unit
    from tdkt_desktop.errors import ValidationError

    top = units_db.add_unit(db, Unit(id=None, name="Chi cục"))
    child = units_db.add_unit(db, Unit(id=None, name="Phòng Đo lường", parent_id=top))
    with pytest.raises(ValidationError, match="chính nó"):
        units_db.update_unit(db, Unit(id=top, name="Chi cục", parent_id=child))
    assert units_db.get_unit(db, top).parent_id is None


def test_window_paints_first_then_loads(demo_db, qtbot, app_fonts):
    from tdkt_desktop.ui.shell.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    assert window.staff_tab.model.rowCount() == 0 and not window.is_loaded
    assert window.staff_tab.count_label.text() == "Đang tải danh sách cán bộ…"
    with qtbot.waitSignal(window.loaded):
        window.show()
    assert window.is_loaded
    assert window.staff_tab.model.rowCount() == 61
    assert window.staff_tab.current_staff() is not None  # someone's record is shown


def test_inactive_rows_are_grey_and_other_roles_unanswered(demo_db):
    model = StaffTableModel()
    model.set_rows(staff_db.list_staff(demo_db))
    row = model.row_of(lambda s: not s.active)
    assert model.data(model.index(row, 1), Qt.ItemDataRole.FontRole).italic()
    assert model.data(model.index(row, 1), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(0, 1), Qt.ItemDataRole.DecorationRole) is None


def test_typing_a_filter_keeps_the_person_while_they_still_match(main_window):
    tab = main_window.staff_tab
    person = staff_db.find_by_code(main_window.db, "CB006")
    assert tab.select_person(person.id)
    tab.filter_edit.setText(fold(person.full_name).split()[-1])  # their given name: still listed, still chosen
    assert tab.current_staff().id == person.id
    tab.filter_edit.setText("zzz khong ai")  # nobody: nothing chosen, the panel is blank
    assert tab.model.rowCount() == 0 and tab.current_staff() is None and tab.info.labels["full_name"].text() == ""
    tab.filter_edit.setText("")
    assert tab.select_person(person.id)
    main_window.data_changed.emit(frozenset({"staff"}))  # a reload after a write keeps them wherever they are
    assert tab.current_staff().id == person.id


def test_names_with_markup_characters_show_as_typed(main_window, qtbot):
    """Rich-text labels escape what people typed: a name with "<b>" or "&" is shown, not interpreted."""
    from tdkt_desktop.ui.staff.history_panel import PersonHistoryPanel

    db = main_window.db
    person = staff_db.find_by_code(db, "CB001")
    staff_db.update_staff(db, dataclasses.replace(person, full_name="Hoàng <b>Văn</b> & Thắng"))
    panel = next(p for p in main_window.staff_tab.detail_pages if isinstance(p, PersonHistoryPanel))
    main_window.staff_tab.details.setCurrentWidget(panel)
    main_window.show_person(person.id)
    qtbot.waitUntil(lambda: panel.history is not None and panel.history.staff_id == person.id)
    assert "Hoàng &lt;b&gt;Văn&lt;/b&gt; &amp; Thắng" in panel.heading.text()


def test_history_pane_is_built_when_first_needed(main_window, qtbot):
    """Start-up builds only the "Thông tin" page; asking for a person builds the history pane, brings it
    forward and shows that person's record."""
    tab = main_window.staff_tab
    assert tab.details.built == {} and tab.details.currentWidget() is tab.info
    person = staff_db.find_by_code(main_window.db, "CB001")
    main_window.show_person(person.id)
    panel = tab.details.built[tab.HISTORY_TITLE]
    assert tab.details.currentWidget() is panel
    qtbot.waitUntil(lambda: panel.history is not None and panel.history.staff_id == person.id)
    assert person.full_name in panel.heading.text()
    other = staff_db.find_by_code(main_window.db, "CB002")
    assert tab.select_person(other.id)  # once built, the pane follows the selection like before
    qtbot.waitUntil(lambda: panel.history.staff_id == other.id)
