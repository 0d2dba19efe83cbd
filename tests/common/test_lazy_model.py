"""LazyRecordModel: pages fetched only when the view asks, bounded memory, SQL sort keeps the selection."""

import random

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView

from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import staff_search
from tdkt_desktop.text import fold
from tdkt_desktop.ui.common.table_model import RecordRole
from tdkt_desktop.ui.staff.model import StaffSource, StaffTableModel

_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Bùi", "Đỗ"]
_GIVEN = ["An", "Bình", "Cường", "Dũng", "Hương", "Hạnh", "Đạt", "Yến", "Thảo"]


def _office(db, count=1000):
    rng = random.Random(3)
    db["units"].insert_all([{"id": 1, "name": "Văn phòng Sở", "fold": "van phong so"},
                            {"id": 2, "name": "Thanh tra Sở", "fold": "thanh tra so"}])
    rows = []
    for i in range(1, count + 1):
        name = f"{rng.choice(_FAMILY)} {rng.choice(['Văn', 'Thị', 'Minh'])} {rng.choice(_GIVEN)}"
        rows.append({"id": i, "code": f"CB{i:04d}", "full_name": name, "fold": fold(name),
                     "birth_date": f"19{rng.randint(60, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                     "unit_id": rng.choice([1, 2, None]), "active": int(rng.random() > 0.1),
                     "position": rng.choice(["Chuyên viên", "Kế toán", "", "Đội trưởng"])})
    db["staff"].insert_all(rows)
    return rows


class _Small(StaffTableModel):
    PAGE = 50
    MAX_PAGES = 4


def test_model_tester_on_a_paged_sql_source(qtmodeltester, db):
    _office(db)
    model = _Small()
    model.set_source(StaffSource(db, staff_search.StaffQuery()))
    qtmodeltester.check(model)
    assert model.rowCount() == 1000
    model.set_source(StaffSource(db, staff_search.StaffQuery(text="nguyen thi", active_only=True)))
    qtmodeltester.check(model)
    assert 0 < model.rowCount() < 1000


def test_only_the_pages_looked_at_are_read_and_kept(db, qtbot):
    _office(db)
    model = _Small()
    model.set_source(StaffSource(db, staff_search.StaffQuery()))
    assert model.rowCount() == 1000 and not model._pages  # nothing read before the view asks
    assert model.index(999, 1).data()  # the last row: one page read, not 20
    assert list(model._pages) == [19]
    for row in range(0, 1000, 50):
        model.index(row, 0).data()
    assert len(model._pages) == 4  # least recently used pages dropped
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    assert model.index(0, 1).data(RecordRole) is not None


def test_rows_in_the_sql_order_match_the_python_sort_keys(db):
    """Every sortable column orders in SQL as the in-memory model orders the same records."""
    _office(db, 300)
    everyone = staff_db.list_staff(db)
    for column, key in StaffTableModel.SORT_KEYS.items():
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            sql, memory = _Small(), _Small()
            sql.set_source(StaffSource(db, staff_search.StaffQuery()))
            memory.set_rows(everyone)
            sql.sort(column, order)
            memory.sort(column, order)
            values = [sql.index(r, column).data(Qt.ItemDataRole.DisplayRole) for r in range(300)]
            expected = [memory.index(r, column).data(Qt.ItemDataRole.DisplayRole) for r in range(300)]
            assert values == expected, (key, order)


def test_sort_keeps_the_selected_person_and_row_of_key(db, qtbot):
    _office(db)
    model = _Small()
    model.set_source(StaffSource(db, staff_search.StaffQuery()))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    person = model.index(777, 0).data(RecordRole)
    view.selectionModel().setCurrentIndex(
        model.index(777, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    model.sort(StaffTableModel.COL_BIRTH, Qt.SortOrder.DescendingOrder)
    assert view.selectionModel().currentIndex().data(RecordRole).id == person.id
    assert model.row_of_key(person.id) == view.selectionModel().currentIndex().row()
    assert model.row_of_key(-5) == -1


def test_small_in_memory_lists_keep_the_old_api(qtmodeltester, db):
    rows = _office(db, 40)
    model = StaffTableModel()
    model.set_rows(staff_db.list_staff(db))
    qtmodeltester.check(model)
    assert model.rowCount() == 40 and len(model.records()) == 40
    assert model.row_of(lambda s: s.code == "CB0007") >= 0
    model.sort(StaffTableModel.COL_CODE, Qt.SortOrder.DescendingOrder)
    assert model.record(0).code == max(r["code"] for r in rows)
