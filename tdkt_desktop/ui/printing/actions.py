"""Print actions the window and pages call: build a document (services/printing), preview it, print or
save, and log certificates in the register."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from tdkt_desktop.db import certificates as register
from tdkt_desktop.db.award_records import PrintProfile
from tdkt_desktop.errors import UserError
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.changes import WriteFailed
from tdkt_desktop.ui.printing.preview import PreviewDialog

OVERLAY_CHOICES = ["In toàn bộ trên giấy trắng", "In lên phôi in sẵn (chỉ các trường)"]


def _build(window: Any, build: Callable[[], Any]) -> Any:
    """Run a document build; a user error becomes a Vietnamese message instead of a crash."""
    try:
        return build()
    except UserError as exc:
        QMessageBox.warning(window, "Không in được", str(exc))
        return None


def show_preview(window: Any, pdf: bytes, title: str, file_name: str,
                 on_output: Callable[[str], bool] | None = None, *, parent: Any = None) -> PreviewDialog:
    """Open the (non-modal) preview; the dialog is returned so callers and tests can drive it.

    ``parent`` defaults to the window; a modal dialog passes itself so the preview stays usable.
    """
    dialog = PreviewDialog(pdf, title, parent or window, file_name=file_name, on_output=on_output)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # each preview holds a whole PDF
    window.print_preview = dialog  # the latest preview, for tests and to keep a Python reference
    dialog.show()
    return dialog


def _preview(window: Any, build: Callable[[], Any], **kwargs: Any) -> PreviewDialog | None:
    """Build a :class:`services.printing.Printout` and preview it (None when the build was refused)."""
    out = _build(window, build)
    return None if out is None else show_preview(window, out.pdf, out.title, out.file_name, **kwargs)


def print_certificates(window: Any, decision_id: int, award_ids: list[int] | None = None,
                       *, overlay: bool | None = None) -> PreviewDialog | None:
    """Certificates of the selected decision (all, or the selected awards) in the decision's order.

    Serials are planned for the preview and written to the register only when the pages are
    actually printed or saved; printing the same preview again is logged as a reprint.
    """
    from tdkt_desktop.services import printing

    if overlay is None:
        choice, ok = QInputDialog.getItem(window, "In giấy khen", "Kiểu in:", OVERLAY_CHOICES, 0, False)
        if not ok:
            return None
        overlay = choice == OVERLAY_CHOICES[1]
    run = _build(window, lambda: printing.certificates(window.db, decision_id, award_ids, overlay=overlay))
    if run is None:
        return None
    state = {"run": run}

    def on_output(_kind: str) -> bool:
        try:  # run_write shows any error (serial taken meanwhile, disk full)
            state["run"] = window.run_write(lambda: printing.record_certificates(window.db, state["run"]),
                                            changes.CERTIFICATES)
        except WriteFailed:
            return False
        return True

    out = run.printout
    return show_preview(window, out.pdf, out.title, out.file_name, on_output)


def preview_decision(window: Any, decision_id: int) -> PreviewDialog | None:
    """The selected decision with its attached list."""
    from tdkt_desktop.services import printing

    return _preview(window, lambda: printing.decision(window.db, decision_id))


def preview_proposal(window: Any, decision_id: int, on: dt.date | None = None) -> PreviewDialog | None:
    """The tờ trình that proposes a decision's list, dated ``on`` (default: its meeting or decision)."""
    from tdkt_desktop.services import printing

    return _preview(window, lambda: printing.proposal(window.db, decision_id, on=on))


def preview_meeting_proposal(window: Any, meeting_id: int, authority: str,
                             on: dt.date | None = None) -> PreviewDialog | None:
    """The tờ trình sending a meeting's passed candidates upward to ``authority``."""
    from tdkt_desktop.services import printing

    return _preview(window, lambda: printing.meeting_proposal(window.db, meeting_id, authority, on=on))


#: Asked when a decision has no recorded meeting: the form is printed only if the user wants it.
BLANK_MINUTES_QUESTION = ("In biên bản mẫu để trống (thành phần Hội đồng đã ghi, danh sách theo quyết định; "
                          "ngày họp, điểm danh và số phiếu ghi tay)?")


def preview_minutes(window: Any, decision_id: int) -> PreviewDialog | None:
    """Minutes of the recorded meeting behind a decision; if none is recorded, say so and offer the form."""
    from tdkt_desktop.services import printing
    from tdkt_desktop.services.documents import NoMeetingRecorded

    try:
        out = printing.minutes(window.db, decision_id)
    except NoMeetingRecorded as exc:
        answer = QMessageBox.question(window, "Biên bản họp Hội đồng", f"{exc}\n\n{BLANK_MINUTES_QUESTION}")
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return _preview(window, lambda: printing.blank_minutes(window.db, decision_id))
    except UserError as exc:
        QMessageBox.warning(window, "Không in được", str(exc))
        return None
    return show_preview(window, out.pdf, out.title, out.file_name)


def preview_meeting_minutes(window: Any, meeting_id: int) -> PreviewDialog | None:
    """Minutes of a recorded council meeting: attendance, votes and results as entered."""
    from tdkt_desktop.services import printing

    return _preview(window, lambda: printing.meeting_minutes(window.db, meeting_id))


def preview_registration(window: Any, **kwargs: Any) -> PreviewDialog | None:
    """The registration form (see ``services.documents.registration_for`` for the arguments)."""
    from tdkt_desktop.services import printing

    return _preview(window, lambda: printing.registration(window.db, **kwargs))


def preview_statistics(window: Any, from_year: int, to_year: int) -> PreviewDialog | None:
    """The award statistics report for a period."""
    from tdkt_desktop.services import printing

    return _preview(window, lambda: printing.statistics(window.db, from_year, to_year))


def preview_calibration(window: Any, profile: PrintProfile | None = None, *, parent: Any = None) -> PreviewDialog:
    """The calibration page of a profile (default: the saved default profile)."""
    from tdkt_desktop.services import printing

    out = printing.calibration(profile or register.default_profile(window.db))
    return show_preview(window, out.pdf, out.title, out.file_name, parent=parent)
