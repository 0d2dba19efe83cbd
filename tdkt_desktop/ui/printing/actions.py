"""Print actions the window and pages call: build a document, preview it, print or save, log certificates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from tdkt_desktop.db import certificates as register
from tdkt_desktop.db.records import CertificateIssue, PrintProfile
from tdkt_desktop.errors import UserError
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.changes import WriteFailed
from tdkt_desktop.ui.printing.preview import PreviewDialog

OVERLAY_CHOICES = ["In toàn bộ trên giấy trắng", "In lên phôi in sẵn (chỉ các trường)"]


def _safe_name(text: str) -> str:
    """'28/QĐ-SKHCN' → '28-QĐ-SKHCN' for a default file name."""
    return "".join("-" if c in '/\\:*?"<>|' else c for c in text)


def _build(window: Any, build: Callable[[], bytes]) -> bytes | None:
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


def print_certificates(window: Any, decision_id: int, award_ids: list[int] | None = None,
                       *, overlay: bool | None = None) -> PreviewDialog | None:
    """Certificates of a decision (all, or the selected awards) in the decision's order.

    Serials are planned for the preview and written to the register only when the pages are
    actually printed or saved; printing the same preview again is logged as a reprint.
    """
    from tdkt_desktop.reports import sources
    from tdkt_desktop.reports.certificates import render_certificates

    db = window.db
    if overlay is None:
        choice, ok = QInputDialog.getItem(window, "In giấy khen", "Kiểu in:", OVERLAY_CHOICES, 0, False)
        if not ok:
            return None
        overlay = choice == OVERLAY_CHOICES[1]
    profile = register.default_profile(db)
    state: dict[str, Any] = {}

    def build() -> bytes:
        awards = sources.certificate_awards(db, decision_id, award_ids)
        state["issues"] = register.plan_certificates(db, awards)
        state["number"] = awards[0].decision_number
        return render_certificates(
            sources.certificates_for(db, awards, state["issues"]), blank_code=profile.blank_type,
            overlay=overlay, offset_mm=(profile.offset_x_mm, profile.offset_y_mm),
            title=f"Giấy khen – {awards[0].decision_number}",
        )

    pdf = _build(window, build)
    if pdf is None:
        return None

    def on_output(_kind: str) -> bool:
        issues: list[CertificateIssue] = state["issues"]
        mode = "overlay" if overlay else "full"
        # run_write shows any error (serial taken meanwhile, disk full) and emits data_changed.
        try:
            window.run_write(lambda: register.record_printing(db, issues, mode=mode, profile_name=profile.name),
                             changes.CERTIFICATES)
        except WriteFailed:
            return False
        state["issues"] = [CertificateIssue(i.award_id, i.serial, reprint=True) for i in issues]
        return True

    return show_preview(window, pdf, f"Giấy khen theo quyết định {state['number']}",
                        f"giay-khen-{_safe_name(state['number'])}.pdf", on_output)


def preview_decision(window: Any, decision_id: int) -> PreviewDialog | None:
    """The decision with its attached list."""
    from tdkt_desktop.reports import sources
    from tdkt_desktop.reports.decision import render_decision

    holder: dict[str, str] = {}

    def build() -> bytes:
        text = sources.decision_text_for(window.db, decision_id)
        holder["number"] = text.letterhead.number
        return render_decision(text)

    pdf = _build(window, build)
    if pdf is None:
        return None
    return show_preview(window, pdf, f"Quyết định {holder['number']}",
                        f"quyet-dinh-{_safe_name(holder['number'])}.pdf")


def preview_proposal(window: Any, decision_id: int) -> PreviewDialog | None:
    """The tờ trình that proposes a decision's list."""
    from tdkt_desktop.reports import sources
    from tdkt_desktop.reports.proposal import render_proposal

    pdf = _build(window, lambda: render_proposal(sources.proposal_for(window.db, decision_id)))
    return None if pdf is None else show_preview(window, pdf, "Tờ trình đề nghị khen thưởng", "to-trinh.pdf")


def preview_meeting_proposal(window: Any, meeting_id: int, authority: str) -> PreviewDialog | None:
    """The tờ trình sending a meeting's passed candidates upward to ``authority``."""
    from tdkt_desktop.reports import sources
    from tdkt_desktop.reports.proposal import render_proposal

    pdf = _build(window, lambda: render_proposal(sources.proposal_for_meeting(window.db, meeting_id, authority)))
    return None if pdf is None else show_preview(window, pdf, "Tờ trình đề nghị khen thưởng", "to-trinh.pdf")


def preview_minutes(window: Any, decision_id: int) -> PreviewDialog | None:
    """Council minutes with the decision's list as candidates (vote cells left to fill)."""
    from tdkt_desktop.reports import sources
    from tdkt_desktop.reports.minutes import render_minutes

    pdf = _build(window, lambda: render_minutes(sources.minutes_for(window.db, decision_id)))
    return None if pdf is None else show_preview(window, pdf, "Biên bản họp Hội đồng", "bien-ban-hoi-dong.pdf")


def preview_meeting_minutes(window: Any, meeting_id: int) -> PreviewDialog | None:
    """Minutes of a recorded council meeting: attendance, votes and results as entered."""
    from tdkt_desktop.reports import sources
    from tdkt_desktop.reports.minutes import render_minutes

    pdf = _build(window, lambda: render_minutes(sources.minutes_for_meeting(window.db, meeting_id)))
    return None if pdf is None else show_preview(window, pdf, "Biên bản họp Hội đồng", "bien-ban-hoi-dong.pdf")


def preview_registration(window: Any, **kwargs: Any) -> PreviewDialog | None:
    """The registration form (see ``sources.registration_for`` for the arguments)."""
    from tdkt_desktop.reports import sources
    from tdkt_desktop.reports.registration import render_registration

    pdf = _build(window, lambda: render_registration(sources.registration_for(window.db, **kwargs)))
    return None if pdf is None else show_preview(window, pdf, "Bản đăng ký thi đua", "ban-dang-ky-thi-dua.pdf")


def preview_statistics(window: Any, from_year: int, to_year: int) -> PreviewDialog | None:
    """The award statistics report for a period."""
    from tdkt_desktop.reports import statistics

    pdf = _build(window, lambda: statistics.render_statistics(statistics.statistics_for(window.db, from_year, to_year)))
    if pdf is None:
        return None
    return show_preview(window, pdf, f"Thống kê khen thưởng {from_year}–{to_year}",
                        f"thong-ke-khen-thuong-{from_year}-{to_year}.pdf")


def preview_calibration(window: Any, profile: PrintProfile | None = None, *, parent: Any = None) -> PreviewDialog:
    """The calibration page of a profile (default: the saved default profile)."""
    from tdkt_desktop.reports.certificates import render_calibration

    profile = profile or register.default_profile(window.db)
    pdf = render_calibration(blank_code=profile.blank_type, offset_mm=(profile.offset_x_mm, profile.offset_y_mm))
    return show_preview(window, pdf, "Trang căn chỉnh in", "trang-can-chinh.pdf", parent=parent)
