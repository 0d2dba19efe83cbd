"""The window prints what the user chose: the selected decision of a shared number, the tờ trình on the
chosen day, the recorded meeting or (asked first) the blank minutes form."""

from __future__ import annotations

import datetime as dt

from pdfutil import pdf_text
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db import review_council
from tdkt_desktop.services import printing as print_service
from tdkt_desktop.ui.printing import actions
from tdkt_desktop.ui.printing import menu as printing
from tdkt_desktop.ui.printing.choosers import DecisionChooser


def _pick(decision_id, *, day=None):
    """A stand-in for DecisionChooser.exec that selects ``decision_id`` (and types ``day``) like a user."""

    def run(dialog):
        row = dialog.model.row_of(lambda d: d.id == decision_id)
        dialog.view.selectRow(dialog.proxy.mapFromSource(dialog.model.index(row, 0)).row())
        if day is not None:
            dialog.date_edit.setDate(QDate(day.year, day.month, day.day))
        return QDialog.DialogCode.Accepted

    return run


def _menu(window, prefix):
    return next(a for a in window.print_menu.actions() if a.text().startswith(prefix))


def test_window_prints_the_selected_one_of_two_decisions_with_one_number(main_window, qtbot, monkeypatch):
    shared = decisions_db.decisions_numbered(main_window.db, "11/QĐ-SKHCN")
    assert [d.issued_on.year for d in shared] == [2025, 2026]
    monkeypatch.setattr(DecisionChooser, "exec", _pick(shared[0].id))
    _menu(main_window, "Xem và in quyết định").trigger()
    dialog = main_window.print_preview
    qtbot.addWidget(dialog)
    text = pdf_text(dialog.pdf, first=1, last=1)
    assert "Cao Bằng, ngày 14 tháng 01 năm 2025" in text
    assert "Công nhận danh hiệu “Lao động tiên tiến” năm 2024" in text  # not the 2026 decision's 2025 titles


def test_proposal_from_a_decision_is_dated_by_the_decision_or_the_chosen_day(main_window, qtbot, monkeypatch):
    from tdkt_desktop.ui.printing.choosers import ProposalChooser

    decision = print_service.find_decision(main_window.db, "28/QĐ-SKHCN")

    def from_decision(chooser):
        chooser.list_box.setCurrentIndex(chooser.list_box.count() - 1)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ProposalChooser, "exec", from_decision)
    seen = []

    def pick(dialog):
        dialog.view.selectRow(0)
        result = _pick(decision.id)(dialog)
        seen.append(dialog.chosen_date())
        return result

    monkeypatch.setattr(DecisionChooser, "exec", pick)
    _menu(main_window, "Tờ trình").trigger()
    assert seen == [dt.date(2025, 8, 10)]  # the date follows the selected decision
    dialog = main_window.print_preview
    qtbot.addWidget(dialog)
    text = pdf_text(dialog.pdf, first=1, last=1)
    assert "Cao Bằng, ngày 10 tháng 8 năm 2025" in text
    assert "Nghị định số 152/2025/NĐ-CP" in text
    # The user picks another day: the date and the laws in force that day follow it.
    monkeypatch.setattr(DecisionChooser, "exec", _pick(decision.id, day=dt.date(2025, 6, 20)))
    _menu(main_window, "Tờ trình").trigger()
    dialog = main_window.print_preview
    qtbot.addWidget(dialog)
    text = pdf_text(dialog.pdf, first=1, last=1)
    assert "Cao Bằng, ngày 20 tháng 6 năm 2025" in text
    assert "Nghị định số 98/2023/NĐ-CP" in text and "152/2025" not in text


def test_minutes_from_a_decision_without_a_meeting_asks_before_the_blank_form(main_window, qtbot, monkeypatch):
    decision = print_service.find_decision(main_window.db, "20/QĐ-SKHCN")
    monkeypatch.setattr(QInputDialog, "getItem", lambda _p, _t, _l, items, *a, **k: (printing.FROM_DECISION, True))
    monkeypatch.setattr(DecisionChooser, "exec", _pick(decision.id))
    asked = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or answer[0])
    main_window.print_preview = None
    _menu(main_window, "Biên bản họp").trigger()
    assert "Chưa có cuộc họp Hội đồng Thi đua - Khen thưởng nào được ghi" in asked[0]
    assert "20/QĐ-SKHCN" in asked[0] and actions.BLANK_MINUTES_QUESTION in asked[0]
    assert main_window.print_preview is None  # "No": nothing printed
    answer[0] = QMessageBox.StandardButton.Yes
    _menu(main_window, "Biên bản họp").trigger()
    dialog = main_window.print_preview
    qtbot.addWidget(dialog)
    text = pdf_text(dialog.pdf)
    members = review_council.list_members(main_window.db)
    assert len(members) == 9
    assert all(m.full_name in text for m in members)
    assert "Thành viên có mặt: ……/9." in text
    secretary = next(m.full_name for m in members if m.role == "thu_ky")
    assert f"Thư ký: {secretary}." in text
