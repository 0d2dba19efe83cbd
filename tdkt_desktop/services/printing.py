"""Printing use cases shared by the window and the command line: choose a decision, build and render a
document, and record printed certificates in the register (sổ vàng) in one transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from tdkt_desktop.db import certificates as register
from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db.award_records import CertificateIssue, Decision, PrintProfile
from tdkt_desktop.errors import NotFoundError, UserError
from tdkt_desktop.reports.base import doc_number
from tdkt_desktop.safefile import atomic_path
from tdkt_desktop.services import certificate_sources
from tdkt_desktop.text import format_date


@dataclass(frozen=True)
class Printout:
    """A rendered document: the PDF, a title for the preview, and a file name to offer."""

    pdf: bytes
    title: str
    file_name: str


@dataclass(frozen=True)
class CertificateRun:
    """Certificates rendered with their planned serials; :func:`record_certificates` logs them."""

    printout: Printout
    issues: tuple[CertificateIssue, ...]
    mode: str  # "full" (plain paper) or "overlay" (fields only, on a pre-printed blank)
    profile_name: str


def safe_name(text: str) -> str:
    """'28/QĐ-SKHCN' → '28-QĐ-SKHCN' for a file name."""
    return "".join("-" if c in '/\\:*?"<>|' else c for c in text)


def _describe(d: Decision) -> str:
    return f"{doc_number(d.number)} ngày {format_date(d.issued_on)} ({d.summary or d.issuer})"


def find_decision(db: Database, number: str, *, year: int | None = None, on: dt.date | None = None) -> Decision:
    """The one decision numbered ``number`` ("8/QĐ-SKHCN" and "08/QĐ-SKHCN" are the same), issued in
    ``year`` or on ``on`` when given.

    Raises:
        NotFoundError: no such decision.
        UserError: the number belongs to several decisions (numbering restarts every year); the
            message lists them.
    """
    matches = decisions_db.decisions_numbered(db, number, year=year, issued_on=on)
    when = f" ngày {format_date(on)}" if on else f" năm {year}" if year else ""
    if not matches:
        raise NotFoundError(f"Không tìm thấy quyết định số “{number}”{when} trong dữ liệu.")
    if len(matches) > 1:
        listed = "; ".join(_describe(d) for d in matches)
        raise UserError(
            f"Có {len(matches)} quyết định cùng số “{number}”: {listed}. "
            "Hãy ghi thêm năm ban hành (--year) hoặc ngày ban hành (--date dd/mm/yyyy)."
        )
    return matches[0]


def certificates(db: Database, decision_id: int, award_ids: list[int] | None = None, *, overlay: bool = False,
                 profile: PrintProfile | None = None) -> CertificateRun:
    """The certificates of a decision (all, or ``award_ids``) in its order, with the serials they
    will carry; nothing is written (a preview may be closed unprinted).

    Raises:
        UserError: another body's decision, or none of its awards has a certificate.
    """
    from tdkt_desktop.reports.certificates import render_certificates

    profile = profile or register.default_profile(db)
    awards = certificate_sources.certificate_awards(db, decision_id, award_ids)
    issues = register.plan_certificates(db, awards)
    number = doc_number(awards[0].decision_number)
    pdf = render_certificates(
        certificate_sources.certificates_for(db, awards, issues), blank_code=profile.blank_type, overlay=overlay,
        offset_mm=(profile.offset_x_mm, profile.offset_y_mm), title=f"Giấy khen – {number}",
    )
    return CertificateRun(
        printout=Printout(pdf, f"Giấy khen theo quyết định {number}", f"giay-khen-{safe_name(number)}.pdf"),
        issues=tuple(issues), mode="overlay" if overlay else "full", profile_name=profile.name,
    )


def record_certificates(db: Database, run: CertificateRun) -> CertificateRun:
    """Log the run's certificates in the register (one transaction); returns the run as a reprint,
    so printing the same pages again is logged as reprints with the same serials.

    Raises:
        UserError: a planned serial was taken meanwhile (preview again).
    """
    register.record_printing(db, list(run.issues), mode=run.mode, profile_name=run.profile_name)
    return dataclasses.replace(run, issues=tuple(CertificateIssue(i.award_id, i.serial, reprint=True)
                                                 for i in run.issues))


def certificates_to_file(db: Database, decision_id: int, output: Path, *, overlay: bool = False,
                         before_write: Callable[[], None] | None = None) -> CertificateRun:
    """Plan, render, record and write in one transaction: if the file cannot be written, the
    register is as it was.

    ``before_write`` (e.g. the integrity check's ``wait``) runs after the rendering, before the register is written.
    """
    with db.atomic():
        run = certificates(db, decision_id, overlay=overlay)
        if before_write is not None:
            before_write()
        record_certificates(db, run)
        write_atomically(output, run.printout.pdf)
    return run


def decision(db: Database, decision_id: int) -> Printout:
    """The decision with its attached list."""
    from tdkt_desktop.reports.decision import render_decision
    from tdkt_desktop.services import documents

    text = documents.decision_text_for(db, decision_id)
    number = text.letterhead.number
    return Printout(render_decision(text), f"Quyết định {number}", f"quyet-dinh-{safe_name(number)}.pdf")


def proposal(db: Database, decision_id: int, *, on: dt.date | None = None) -> Printout:
    """The tờ trình proposing a decision's list, dated ``on`` or by its meeting / decision."""
    from tdkt_desktop.reports.proposal import render_proposal
    from tdkt_desktop.services import documents

    pdf = render_proposal(documents.proposal_for(db, decision_id, on=on))
    return Printout(pdf, "Tờ trình đề nghị khen thưởng", "to-trinh.pdf")


def meeting_proposal(db: Database, meeting_id: int, authority: str, *, on: dt.date | None = None) -> Printout:
    """The tờ trình sending a meeting's passed candidates upward to ``authority``."""
    from tdkt_desktop.reports.proposal import render_proposal
    from tdkt_desktop.services import documents

    pdf = render_proposal(documents.proposal_for_meeting(db, meeting_id, authority, on=on))
    return Printout(pdf, "Tờ trình đề nghị khen thưởng", "to-trinh.pdf")


def minutes(db: Database, decision_id: int) -> Printout:
    """Minutes of the recorded meeting behind a decision.

    Raises:
        documents.NoMeetingRecorded: none is recorded (offer :func:`blank_minutes`).
    """
    from tdkt_desktop.reports.minutes import render_minutes
    from tdkt_desktop.services import documents

    return Printout(render_minutes(documents.minutes_for(db, decision_id)), "Biên bản họp Hội đồng",
                    "bien-ban-hoi-dong.pdf")


def blank_minutes(db: Database, decision_id: int) -> Printout:
    """The minutes form for a decision's list, votes and attendance to fill by hand."""
    from tdkt_desktop.reports.minutes import render_minutes
    from tdkt_desktop.services import documents

    return Printout(render_minutes(documents.blank_minutes_for(db, decision_id)), "Biên bản họp Hội đồng (mẫu)",
                    "bien-ban-hoi-dong-mau.pdf")


def meeting_minutes(db: Database, meeting_id: int) -> Printout:
    """Minutes of a recorded council meeting."""
    from tdkt_desktop.reports.minutes import render_minutes
    from tdkt_desktop.services import documents

    return Printout(render_minutes(documents.minutes_for_meeting(db, meeting_id)), "Biên bản họp Hội đồng",
                    "bien-ban-hoi-dong.pdf")


def registration(db: Database, **kwargs) -> Printout:
    """The registration form (see ``documents.registration_for`` for the arguments)."""
    from tdkt_desktop.reports.registration import render_registration
    from tdkt_desktop.services import documents

    pdf = render_registration(documents.registration_for(db, **kwargs))
    return Printout(pdf, "Bản đăng ký thi đua", "ban-dang-ky-thi-dua.pdf")


def statistics(db: Database, from_year: int, to_year: int) -> Printout:
    """The award statistics report for a period.

    Raises:
        UserError: the years are reversed or implausible.
    """
    from tdkt_desktop.reports import statistics as report
    from tdkt_desktop.services import documents

    pdf = report.render_statistics(documents.statistics_for(db, from_year, to_year))
    span = str(from_year) if from_year == to_year else f"{from_year}–{to_year}"
    return Printout(pdf, f"Thống kê khen thưởng {span}", f"thong-ke-khen-thuong-{from_year}-{to_year}.pdf")


def calibration(profile: PrintProfile) -> Printout:
    """The calibration page of a print profile."""
    from tdkt_desktop.reports.calibration import render_calibration

    pdf = render_calibration(blank_code=profile.blank_type, offset_mm=(profile.offset_x_mm, profile.offset_y_mm))
    return Printout(pdf, "Trang căn chỉnh in", "trang-can-chinh.pdf")


def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file beside ``path`` and one rename, so a failure never leaves half a file.

    Raises:
        UserError: the folder does not exist.
    """
    path = Path(path)
    if not path.parent.exists():
        raise UserError(f"Thư mục “{path.parent}” không tồn tại.")
    with atomic_path(path, "pdf") as tmp:
        tmp.write_bytes(data)
