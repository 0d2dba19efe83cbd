"""Years that cannot be true are refused where they are entered: ratings before recruitment, awards
decided before their year starts (database, decision dialog, ratings grid)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from tdkt_desktop.db import decisions, ratings
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db.award_records import Award, Decision, Rating
from tdkt_desktop.db.records import Staff
from tdkt_desktop.errors import ValidationError
from tdkt_desktop.ui.awards.decision_dialog import DecisionDialog
from tdkt_desktop.ui.awards.widgets import set_combo_data


def _person(db) -> int:
    return staff_db.add_staff(db, Staff(id=None, code="CB900", full_name="Lục Thị Mai",
                                        recruited_on=dt.date(2021, 3, 1)))


def test_database_refuses_a_rating_before_recruitment(db):
    pid = _person(db)
    with pytest.raises(ValidationError, match="Lục Thị Mai: không xếp loại năm 2020, trước khi được tuyển dụng"):
        ratings.set_rating(db, Rating(id=None, staff_id=pid, year=2020, rating="HTT"))
    ratings.set_rating(db, Rating(id=None, staff_id=pid, year=2021, rating="HTT"))
    assert [r.year for r in ratings.ratings_of(db, pid)] == [2021]


def test_database_refuses_an_award_decided_before_its_year(db):
    pid = _person(db)
    decision = Decision(id=None, number="5/QĐ-SKHCN", issued_on=dt.date(2025, 12, 30), issuer="Sở Khoa học và Công nghệ")
    with pytest.raises(ValidationError) as err:
        decisions.add_decision(db, decision, [Award(id=None, decision_id=None, award_type="lao_dong_tien_tien",
                                                    staff_id=pid, year=2026)])
    assert "khen thưởng năm 2026 cho Lục Thị Mai (CB900) không thể có quyết định ngày 30/12/2025" in str(err.value)
    assert db["decisions"].count == 0


def test_discipline_is_a_code_shown_by_its_label(main_window):
    from tdkt_desktop.ui.awards.ratings_grid import RatingsGridModel

    db = main_window.db
    person = staff_db.find_by_code(db, "CB044")
    with pytest.raises(ValidationError, match="Hình thức kỷ luật “Phạt” không hợp lệ"):
        ratings.set_rating(db, Rating(id=None, staff_id=person.id, year=2024, rating="HT", discipline="Phạt"))
    page = main_window.titles_tab.page("Xếp loại, sáng kiến")
    main_window.tabs.setCurrentWidget(main_window.titles_tab)
    main_window.titles_tab.pages.setCurrentWidget(page)
    page.year.setValue(2024)
    row = next(i for i, r in enumerate(page.grid.rows()) if r.staff.code == "CB044")
    cell = page.grid.index(row, RatingsGridModel.COL_DISCIPLINE)
    assert cell.data() == "Khiển trách" and page.grid.rows()[row].discipline == "khien_trach"
    assert page.grid.setData(cell, "Cảnh cáo") and page.save()
    assert [r.discipline for r in ratings.ratings_of(db, person.id) if r.year == 2024] == ["canh_cao"]
    from tdkt_desktop.ui.staff.history_panel import TimelineModel

    model = TimelineModel()
    from tdkt_desktop.db import history

    model.set_rows(list(history.person_history(db, person.id).years))
    row = next(i for i, e in enumerate(model.records()) if e.year == 2024)
    assert model.index(row, 2).data() == "Cảnh cáo"


def test_decision_dialog_names_an_award_decided_before_its_year(main_window, qtbot, monkeypatch):
    db = main_window.db
    dialog = DecisionDialog(db, main_window)
    qtbot.addWidget(dialog)
    dialog.number.setText("77/QĐ-SKHCN")
    dialog.issued_on.set_date(dt.date(2025, 12, 20))
    set_combo_data(dialog.award_type, "lao_dong_tien_tien")
    dialog.year.setValue(2026)
    dialog.add_recipients([staff_db.find_by_code(db, "CB010")])
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: None)
    message = dialog.validate()
    assert "khen thưởng năm 2026" in message and "quyết định ngày 20/12/2025, trước khi năm 2026 bắt đầu" in message
