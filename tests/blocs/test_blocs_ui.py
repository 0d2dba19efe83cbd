"""The "Khối thi đua" tab: a whole year-end meeting typed and clicked like an officer, asserted on screen and in the DB."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import replace_text, type_text
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tdkt_desktop.db import bloc_meetings as meetings_db
from tdkt_desktop.db import blocs as blocs_db
from tdkt_desktop.ui.blocs import meeting_dialogs
from tdkt_desktop.ui.common.table_model import RecordRole

TMTH = "Khối thi đua Tham mưu – Tổng hợp"


@pytest.fixture
def tab(main_window, qtbot):
    main_window.tabs.setCurrentWidget(main_window.blocs_tab)
    tab = main_window.blocs_tab
    qtbot.waitUntil(lambda: tab.bloc_combo.count() == 2)
    return tab


def _show(tab, title):
    page = tab.page(title)
    tab.pages.setCurrentWidget(page)
    return page


def _row(model, predicate) -> int:
    for row in range(model.rowCount()):
        if predicate(model.index(row, 0).data(RecordRole)):
            return row
    raise AssertionError("row not found")


def _type_in_cell(qtbot, view, row, column, text):
    """Open the cell's editor like a double click, type, press Enter."""
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.focusWidget()
    replace_text(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)


def _toggle(view, row, column):
    """Space on a checkbox cell, as a keyboard user does."""
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, column))
    QTest.keyClick(view, Qt.Key.Key_Space)


def test_tab_is_lazy_and_opens_on_the_offices_bloc(main_window, qtbot, qtmodeltester):
    tab = main_window.blocs_tab
    assert tab.bloc_combo.count() == 0 and not tab.pages.built  # nothing read at window start
    main_window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.bloc_combo.count() == 2)
    assert tab.bloc_combo.currentText() == TMTH and tab.year() == 2018
    assert "Khối trưởng <b>Sở Khoa học và Công nghệ</b>" in tab.info.text() and "khối trưởng năm nay" in tab.info.text()
    members = tab.page("Thành viên, luân phiên")
    assert members.members.rowCount() == 11
    assert "★ cơ quan mình" in members.members.index(4, 1).data()
    qtmodeltester.check(members.members)
    qtmodeltester.check(members.years)
    tab.bloc_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: members.members.rowCount() == 14)
    assert [members.years.index(r, 0).data() for r in range(2)] == [2019, 2018]


def test_members_and_leaders_are_edited_through_dialogs(tab, qtbot, monkeypatch):
    from tdkt_desktop.ui.blocs import dialogs

    page = _show(tab, "Thành viên, luân phiên")

    def fill_member(dialog):
        type_text(dialog.name, "Sở Tư pháp")
        type_text(dialog.contact, "Lê Thị Hồng")
        return 1

    monkeypatch.setattr(dialogs.MemberDialog, "exec", fill_member)
    page.add_button.click()
    qtbot.waitUntil(lambda: page.members.rowCount() == 12)
    added = blocs_db.list_members(tab.db, tab.bloc_id())[-1]
    assert (added.name, added.contact_person) == ("Sở Tư pháp", "Lê Thị Hồng")

    def fill_year(dialog):
        dialog.year.setValue(2019)
        dialog.head.setCurrentIndex(dialog.head.findText("Sở Nội vụ"))
        dialog.deputy.setCurrentIndex(dialog.deputy.findText("Sở Tư pháp"))
        return 1

    monkeypatch.setattr(dialogs.YearDialog, "exec", fill_year)
    page.year_button.click()
    qtbot.waitUntil(lambda: page.years.rowCount() == 2)
    assert (page.years.index(0, 1).data(), page.years.index(0, 2).data()) == ("Sở Nội vụ", "Sở Tư pháp")


def test_a_full_year_end_meeting(tab, qtbot, monkeypatch, boxes, qtmodeltester):
    db = tab.db
    bloc_id = tab.bloc_id()
    names = {m.name: m.id for m in blocs_db.list_members(db, bloc_id)}

    # 1. The year-end meeting, typed into the dialog.
    meetings = _show(tab, "Hội nghị")

    def fill_meeting(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("tong_ket"))
        replace_text(dialog.held_on, "21/12/2018")
        type_text(dialog.place, "Hội trường Sở Khoa học và Công nghệ")
        type_text(dialog.chair, "Lê Công Nhường – Giám đốc Sở, Trưởng Khối")
        return 1

    monkeypatch.setattr(meeting_dialogs.MeetingDialog, "exec", fill_meeting)
    meetings.add_button.click()
    qtbot.waitUntil(lambda: meetings.meetings.rowCount() == 2)
    meeting = meetings_db.find_meeting(db, bloc_id, 2018, "tong_ket")
    assert meeting.held_on == dt.date(2018, 12, 21) and meeting.place == "Hội trường Sở Khoa học và Công nghệ"
    assert "Tổng kết năm — ngày 21/12/2018" in meetings.details.toPlainText()
    qtmodeltester.check(meetings.attendance)

    # 2. Attendance: Ban Dân tộc tỉnh is absent; Sở Nội vụ's representative is typed in.
    absent = _row(meetings.attendance, lambda a: a.member_name == "Ban Dân tộc tỉnh")
    _toggle(meetings.attendance_view, absent, 1)
    qtbot.waitUntil(lambda: meetings_db.head_count(db, meeting.id) == (10, 11))
    noi_vu = _row(meetings.attendance, lambda a: a.member_name == "Sở Nội vụ")
    _type_in_cell(qtbot, meetings.attendance_view, noi_vu, 2, "Phó Giám đốc Trần Thị Ánh")
    qtbot.waitUntil(lambda: any(a.representative == "Phó Giám đốc Trần Thị Ánh"
                                for a in meetings_db.attendance(db, meeting.id)))

    # 3. Scores: the bloc agrees a score; one above the maximum is refused with a message.
    scores = _show(tab, "Chấm điểm, xếp hạng")
    qtmodeltester.check(scores.ranking)
    qtmodeltester.check(scores.detail)
    first = scores.ranking.record(0)
    _type_in_cell(qtbot, scores.detail_view, 0, 5, "14,5")
    qtbot.waitUntil(lambda: scores.ranking.records()[_row(scores.ranking, lambda r: r.member_id == first.member_id)]
                    .agreed_score is not None)
    _type_in_cell(qtbot, scores.detail_view, 1, 5, "31")
    qtbot.waitUntil(lambda: bool(boxes["warning"]))
    assert "điểm 31 vượt quá điểm tối đa 30" in boxes["warning"][-1]

    # 4. The ballot for the province's flag: two flags, three candidates.
    votes = _show(tab, "Bình chọn")
    assert votes.meeting.currentData() == meeting.id
    candidates = ["Sở Khoa học và Công nghệ", "Sở Nội vụ", "Sở Ngoại vụ"]

    def fill_round(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("co_bo_tinh"))
        for i in range(dialog.candidates.count()):
            item = dialog.candidates.item(i)
            if item.text() in candidates:
                item.setCheckState(Qt.CheckState.Checked)
        dialog.seats.setValue(2)
        return 1

    monkeypatch.setattr(meeting_dialogs.RoundDialog, "exec", fill_round)
    votes.add_round_button.click()
    qtbot.waitUntil(lambda: votes.candidates.rowCount() == 3)
    assert "Cờ thi đua của Ủy ban nhân dân tỉnh" in votes.rule_label.text()
    votes.issue_button.click()
    qtbot.waitUntil(lambda: votes.result is not None and votes.result.count.issued == 10)
    # The absent member sends a written ballot; a second ballot for anyone is impossible.
    written = _row(votes.voters, lambda v: v.member_name == "Ban Dân tộc tỉnh")
    _toggle(votes.voters_view, written, 2)
    qtbot.waitUntil(lambda: votes.result.count.issued == 11)
    assert votes.result.count.written == 1
    qtmodeltester.check(votes.voters)

    # 5. Counting at the keyboard: type each candidate's votes, Enter moves down.
    for row, number in enumerate(["10", "8", "3"]):
        _type_in_cell(qtbot, votes.candidates_view, row, 1, number)
        qtbot.waitUntil(lambda r=row, n=number: votes.candidates.record(r).votes == int(n))
    votes.counted.setValue(12)  # one more ballot than were issued: refused
    votes.valid.setValue(12)
    votes.save_count_button.click()
    qtbot.waitUntil(lambda: "Số phiếu thu về (12) không được vượt quá số phiếu phát ra (11)." in boxes["warning"][-1])
    assert meetings_db.get_round(db, votes.result.round.id).counted is None
    votes.counted.setValue(11)
    votes.valid.setValue(11)
    votes.save_count_button.click()
    qtbot.waitUntil(lambda: votes.result.tally is not None)
    assert [votes.candidates.index(r, 4).data() for r in range(3)] == ["Đạt", "Đạt", "Không đạt"]
    qtmodeltester.check(votes.candidates)
    qtmodeltester.check(votes.rounds)
    qtmodeltester.check(meetings.meetings)
    votes.close_button.click()
    qtbot.waitUntil(lambda: votes.result.round.status == "ket_thuc")
    assert not votes.save_count_button.isEnabled()

    # 6. Next year's head, elected and written to 2019.
    def fill_head(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("khoi_truong"))
        for i in range(dialog.candidates.count()):
            if dialog.candidates.item(i).text() in ("Sở Nội vụ", "Sở Ngoại vụ"):
                dialog.candidates.item(i).setCheckState(Qt.CheckState.Checked)
        return 1

    monkeypatch.setattr(meeting_dialogs.RoundDialog, "exec", fill_head)
    votes.add_round_button.click()
    qtbot.waitUntil(lambda: votes.result is not None and votes.result.round.kind == "khoi_truong")
    votes.issue_button.click()
    qtbot.waitUntil(lambda: votes.result.count.issued == 10)
    for row, number in enumerate(["7", "3"]):
        _type_in_cell(qtbot, votes.candidates_view, row, 1, number)
        qtbot.waitUntil(lambda r=row, n=number: votes.candidates.record(r).votes == int(n))
    votes.counted.setValue(10)
    votes.valid.setValue(10)
    votes.save_count_button.click()
    qtbot.waitUntil(lambda: votes.result.tally is not None)
    votes.close_button.click()
    qtbot.waitUntil(lambda: votes.result.round.status == "ket_thuc")
    assert blocs_db.get_year(db, bloc_id, 2019).head_id == names["Sở Nội vụ"]
    tab.year_spin.setValue(2019)
    qtbot.waitUntil(lambda: "Khối trưởng <b>Sở Nội vụ</b>" in tab.info.text())
    tab.year_spin.setValue(2018)

    # 7. The projector shows the selected ballot; the minutes and the proposal print.
    votes.rounds_view.selectRow(0)
    tab.show_projector()
    assert tab.projector.model.rowCount() == 3 and "KHỐI THI ĐUA THAM MƯU – TỔNG HỢP" in tab.projector.title.text()
    assert "Cờ thi đua của Ủy ban nhân dân tỉnh" in tab.projector.quorum.text()
    tab.projector.close()
    votes.print_proposal()
    preview = tab.main_window.print_preview
    assert preview.page_count() == 2
    preview.close()
    _show(tab, "Hội nghị")
    meetings.meetings_view.selectRow(_row(meetings.meetings, lambda m: m.kind == "tong_ket"))
    meetings.print_minutes()
    assert tab.main_window.print_preview.page_count() >= 2
    tab.main_window.print_preview.close()


def test_projector_shows_the_ranking_with_shared_ranks(tab, qtbot):
    tab.bloc_combo.setCurrentIndex(1)
    page = _show(tab, "Chấm điểm, xếp hạng")
    qtbot.waitUntil(lambda: page.ranking.rowCount() == 14)
    tab.show_projector()
    model = tab.projector.model
    assert model.rowCount() == 14 and model.index(2, 0).data() == "3=" and model.index(3, 0).data() == "3="
    assert "KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG NĂM 2018" in tab.projector.title.text()
    tab.projector.close()


def test_pact_signers_are_ticked_and_named(tab, qtbot, qtmodeltester):
    page = _show(tab, "Giao ước")
    qtbot.waitUntil(lambda: page.signers.rowCount() == 11)
    assert page.items.rowCount() == 6
    qtmodeltester.check(page.items)
    qtmodeltester.check(page.signers)
    _type_in_cell(qtbot, page.signers_view, 0, 2, "Nguyễn Văn Bình")
    qtbot.waitUntil(lambda: blocs_db.get_pact(tab.db, tab.bloc_id(), 2018).signers[0].signer_name == "Nguyễn Văn Bình")
    _toggle(page.signers_view, 1, 1)
    qtbot.waitUntil(lambda: len(blocs_db.get_pact(tab.db, tab.bloc_id(), 2018).signers) == 10)
    assert not page.signers.record(1).signed


def test_a_new_member_form_speaks_only_once_typed_in(qtbot):
    """Errors appear after a field is edited (or on save), never on a form the user has not touched yet."""
    from tdkt_desktop.db.bloc_records import BlocMember
    from tdkt_desktop.ui.blocs.dialogs import MemberDialog

    dialog = MemberDialog(BlocMember(id=None, bloc_id=1, name=""))
    qtbot.addWidget(dialog)
    assert dialog.error.text() == ""
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    dialog.name.setText("Sở Nội vụ")
    dialog.name.setText("")  # typed, then erased
    assert dialog.error.text() == "Nhập tên đơn vị thành viên."
