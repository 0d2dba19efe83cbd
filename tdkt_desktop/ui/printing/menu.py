"""The "In ấn" menu: certificates, decisions, tờ trình, minutes, registration forms, statistics, settings."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction

from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.changes import WriteFailed


def install(window: Any) -> None:
    """Add the "In ấn" menu to the main window (the main window calls this once)."""
    menu = window.menuBar().addMenu("&In ấn")
    window.print_menu = menu
    for item in MENU:
        if item is None:
            menu.addSeparator()
            continue
        text, handler = item
        action = QAction(text, window)
        action.triggered.connect(lambda _checked=False, h=handler: h(window))
        menu.addAction(action)


def add_decision_buttons(page: Any, window: Any) -> None:
    """Append "In giấy khen" and "In quyết định" to a decisions page's ``actions_bar``.

    The page provides ``current_decision_id()`` and ``selected_award_ids()``; printing modules are
    imported only when a button is pressed, so the page costs nothing at start-up.
    """
    from PySide6.QtWidgets import QPushButton

    page.print_certificates_button = QPushButton("In giấy khen")
    page.print_certificates_button.setToolTip("In giấy khen cho các dòng đã chọn (hoặc cả quyết định)")
    page.print_decision_button = QPushButton("In quyết định")
    page.print_certificates_button.clicked.connect(lambda: _from_page(page, window, certificates=True))
    page.print_decision_button.clicked.connect(lambda: _from_page(page, window, certificates=False))
    page.actions_bar.addWidget(page.print_certificates_button)
    page.actions_bar.addWidget(page.print_decision_button)


def _from_page(page: Any, window: Any, *, certificates: bool) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tdkt_desktop.ui.printing import actions

    decision_id = page.current_decision_id()
    if decision_id is None:
        QMessageBox.information(page, "In ấn", "Hãy chọn một quyết định trong danh sách trước.")
        return
    if certificates:
        actions.print_certificates(window, decision_id, page.selected_award_ids())
    else:
        actions.preview_decision(window, decision_id)


def _chooser(window: Any, title: str, **kwargs: Any) -> Any:
    """The decision chooser, run; None when cancelled, nothing chosen or there is no decision."""
    from PySide6.QtWidgets import QMessageBox

    from tdkt_desktop.db import decisions as decisions_db
    from tdkt_desktop.ui.printing.choosers import DecisionChooser

    decisions = decisions_db.list_decisions(window.db)
    if not decisions:
        QMessageBox.information(window, title, "Chưa có quyết định khen thưởng nào trong dữ liệu.")
        return None
    dialog = DecisionChooser(decisions, title, window, **kwargs)
    return dialog if dialog.exec() and dialog.decision() else None


def choose_decision(window: Any, title: str) -> int | None:
    """Ask for a decision; its id, or None when cancelled or there is none."""
    dialog = _chooser(window, title)
    return dialog.decision().id if dialog else None


def _with_decision(window: Any, title: str, action: Callable[[Any, int], Any]) -> None:
    decision_id = choose_decision(window, title)
    if decision_id is not None:
        action(window, decision_id)


def _on_certificates(window: Any) -> None:
    from tdkt_desktop.ui.printing import actions

    _with_decision(window, "In giấy khen – chọn quyết định", actions.print_certificates)


def _on_decision(window: Any) -> None:
    from tdkt_desktop.ui.printing import actions

    _with_decision(window, "In quyết định – chọn quyết định", actions.preview_decision)


def _on_proposal(window: Any) -> None:
    """Upward proposals after a council meeting (one per deciding authority), or from a decision's list;
    dated by the meeting or the decision unless the user picks another day."""
    from tdkt_desktop.db import review_council
    from tdkt_desktop.services import documents
    from tdkt_desktop.text import format_date
    from tdkt_desktop.ui.printing import actions
    from tdkt_desktop.ui.printing.choosers import ProposalChooser

    choices: list[tuple[str, int, str, Any]] = []
    for meeting in review_council.meetings(window.db):
        for authority, count in documents.upward_authorities(window.db, meeting.id).items():
            label = f"Họp ngày {format_date(meeting.held_on)}: đề nghị {authority} ({count} lượt)"
            choices.append((label, meeting.id, authority, meeting.held_on))
    chooser = ProposalChooser([(c[0], c[3]) for c in choices] + [(PROPOSAL_FROM_DECISION, None)], window)
    if not chooser.exec():
        return
    index, day = chooser.value()
    if index == len(choices):
        # The tờ trình is dated by its meeting or decision unless the user picks another day.
        dialog = _chooser(window, "Tờ trình – chọn quyết định (danh sách đề nghị)", date_label="Ngày tờ trình",
                          default_date=lambda d: documents.proposal_date(window.db, d))
        if dialog:
            actions.preview_proposal(window, dialog.decision().id, dialog.chosen_date())
    else:
        _label, meeting_id, authority, _held_on = choices[index]
        actions.preview_meeting_proposal(window, meeting_id, authority, day)


#: The last choice of the proposal menu: the list of an existing decision.
PROPOSAL_FROM_DECISION = "Theo danh sách một quyết định…"


#: The last choice of the minutes menu: the meeting behind a decision, or the blank form for its list.
FROM_DECISION = "Theo danh sách một quyết định…"


def _on_minutes(window: Any) -> None:
    """Minutes of a recorded meeting (attendance and votes as entered), or a form from a decision."""
    from PySide6.QtWidgets import QInputDialog

    from tdkt_desktop.db import review_council
    from tdkt_desktop.text import format_date
    from tdkt_desktop.ui.printing import actions

    meetings = review_council.meetings(window.db)
    labels = [f"Họp ngày {format_date(m.held_on)} – xét năm {m.year}" for m in meetings] + [FROM_DECISION]
    choice, ok = QInputDialog.getItem(window, "Biên bản họp Hội đồng", "Cuộc họp:", labels, 0, False)
    if not ok:
        return
    if choice == FROM_DECISION:
        _with_decision(window, "Biên bản họp Hội đồng – chọn danh sách xét", actions.preview_minutes)
    else:
        actions.preview_meeting_minutes(window, meetings[labels.index(choice)].id)


def _on_registration(window: Any) -> None:
    from tdkt_desktop.db import catalog, units
    from tdkt_desktop.db import staff as staff_db
    from tdkt_desktop.ui.printing import actions
    from tdkt_desktop.ui.printing.choosers import RegistrationDialog

    dialog = RegistrationDialog(staff_db.list_staff(window.db, include_inactive=False),
                                units.list_units(window.db), catalog.list_award_types(window.db), window)
    if dialog.exec():
        actions.preview_registration(window, **dialog.value())


def _on_statistics(window: Any) -> None:
    import datetime as dt

    from tdkt_desktop.db import statistics
    from tdkt_desktop.ui.printing import actions
    from tdkt_desktop.ui.printing.choosers import YearRangeDialog

    span = statistics.year_range(window.db) or (dt.date.today().year, dt.date.today().year)
    dialog = YearRangeDialog(span[0], span[1], window)
    if dialog.exec():
        actions.preview_statistics(window, *dialog.value())


def _on_register(window: Any) -> None:
    from tdkt_desktop.db import certificates as register
    from tdkt_desktop.ui.printing.choosers import RegisterDialog

    RegisterDialog(register.register_entries(window.db), window).exec()


def _on_settings(window: Any) -> None:
    from tdkt_desktop.db import certificates as register
    from tdkt_desktop.reports.certificates import blank_types
    from tdkt_desktop.ui.printing import actions
    from tdkt_desktop.ui.printing.settings_dialog import PrintSettingsDialog

    dialog = PrintSettingsDialog(
        register.default_profile(window.db), register.get_print_options(window.db), blank_types(), window,
        show_calibration=lambda p, parent: actions.preview_calibration(window, p, parent=parent),
    )
    if dialog.exec():
        profile, options = dialog.value()
        with contextlib.suppress(WriteFailed):
            window.run_write(lambda: register.save_print_settings(window.db, profile, options), changes.SETTINGS)


def _on_calibration(window: Any) -> None:
    from tdkt_desktop.ui.printing import actions

    actions.preview_calibration(window)


#: (menu text, handler) in menu order; None is a separator. Defined last, after the handlers.
MENU = [
    ("In giấy khen theo quyết định…", _on_certificates),
    ("Xem và in quyết định…", _on_decision),
    ("Tờ trình đề nghị khen thưởng…", _on_proposal),
    ("Biên bản họp Hội đồng Thi đua – Khen thưởng…", _on_minutes),
    ("Bản đăng ký thi đua…", _on_registration),
    ("Báo cáo thống kê khen thưởng…", _on_statistics),
    None,
    ("Sổ cấp giấy khen (sổ vàng)…", _on_register),
    ("Cài đặt in…", _on_settings),
    ("In trang căn chỉnh…", _on_calibration),
]
