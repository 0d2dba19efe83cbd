"""RecordTableModel: rows replaced in place tell the view what changed, in one signal when there are many."""

import pytest

from tdkt_desktop.ui.common.table_model import Column, RecordTableModel


class _Words(RecordTableModel):
    COLUMNS = [Column("Từ", lambda r: r), Column("Độ dài", lambda r: len(r))]


def _spans(model):
    spans = []
    model.dataChanged.connect(lambda first, last, _roles: spans.append(((first.row(), first.column()),
                                                                       (last.row(), last.column()))))
    return spans


def test_a_few_rows_replaced_say_so_row_by_row(qtmodeltester):
    model = _Words()
    model.set_rows(["một", "hai", "ba", "bốn"])
    spans = _spans(model)
    model.replace_rows({3: "năm", 1: "sáu"})
    assert model.records() == ["một", "sáu", "ba", "năm"]
    assert spans == [((3, 0), (3, 1)), ((1, 0), (1, 1))]
    model.replace_rows({})
    assert len(spans) == 2
    qtmodeltester.check(model)


def test_many_rows_replaced_are_one_span(qtmodeltester):
    model = _Words()
    model.set_rows([str(i) for i in range(200)])
    spans = _spans(model)
    model.replace_rows({i: f"x{i}" for i in range(10, 70)})
    assert spans == [((10, 0), (69, 1))]
    assert model.record(9) == "9" and model.record(10) == "x10" and model.record(69) == "x69"
    qtmodeltester.check(model)


def test_a_lazy_model_is_read_again_instead(db):
    from tdkt_desktop.ui.staff.model import StaffTableModel

    with pytest.raises(NotImplementedError):
        StaffTableModel().replace_rows({0: None})
