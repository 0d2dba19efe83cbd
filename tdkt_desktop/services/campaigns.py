"""Campaign use cases: the reward decision from a tổng kết, progress notes with evidence files, deletion."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from pathlib import Path

from sqlite_utils import Database

from tdkt_desktop import paths
from tdkt_desktop.db import campaign_notes as notes_db
from tdkt_desktop.db import campaign_reviews as reviews_db
from tdkt_desktop.db import campaigns as campaigns_db
from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db.award_records import Award, Decision
from tdkt_desktop.db.campaign_records import Evidence
from tdkt_desktop.db.settings import get_settings
from tdkt_desktop.errors import UserError, ValidationError
from tdkt_desktop.text import format_date
from tdkt_desktop.vocabulary import REVIEW_RESULTS

# --- the reward decision from a tổng kết ----------------------------------------------------------


def reward_lines(db: Database, review_id: int, issued_on: dt.date | None = None) -> list[Award]:
    """The award lines a tổng kết proposes: collectives first, each group by rank, money from the rule set.

    Raises:
        UserError: the review is not a recorded tổng kết, or proposes no award.
    """
    from tdkt_desktop.rules.ruleset import money_amount
    from tdkt_desktop.services.rulesets import ruleset_for_year

    review = reviews_db.get_review(db, review_id)
    campaign = campaigns_db.get_campaign(db, review.campaign_id)
    if review.kind != "tong_ket" or not review.held:
        raise UserError("Quyết định khen thưởng theo phong trào được lập từ đợt tổng kết đã ghi kết quả.")
    results = reviews_db.with_rank_order(
        [r for r in reviews_db.results_of(db, review_id) if r.award_type])
    if not results:
        raise UserError(
            f"Kết quả tổng kết phong trào “{campaign.name}” chưa đề nghị khen thưởng cho ai "
            "(cột “Đề nghị khen thưởng”)."
        )
    year = review.held_on.year
    try:
        ruleset = ruleset_for_year(db, year)
    except UserError:
        ruleset = None  # no rule set for that year: amounts are left for the officer to fill
    lines = []
    for r in results:
        amount = money_amount(ruleset, r.award_type, issued_on or review.held_on) if ruleset else None
        reason = (f"{REVIEW_RESULTS[r.result]} trong {campaign.phrase()}" if r.result
                  else f"Có thành tích trong {campaign.phrase()}")
        lines.append(Award(id=None, decision_id=None, award_type=r.award_type, staff_id=r.staff_id,
                           unit_id=r.unit_id, year=year, amount=amount, reason=reason,
                           award_name=r.award_name, recipient_name=r.name, staff_code=r.code,
                           unit_name=r.unit_name))
    return lines


def default_decision(db: Database, review_id: int, issued_on: dt.date) -> Decision:
    """A header the officer can accept as is: next number, the office as issuer and signer, a trích yếu."""
    from tdkt_desktop.db.review import next_decision_number

    review = reviews_db.get_review(db, review_id)
    campaign = campaigns_db.get_campaign(db, review.campaign_id)
    settings = get_settings(db)
    lines = reward_lines(db, review_id, issued_on)
    names = list(dict.fromkeys(a.award_name for a in lines))
    return Decision(
        id=None, number=f"{next_decision_number(db, issued_on.year)}/QĐ-{settings.document_symbol}",
        issued_on=issued_on, issuer=settings.office_name, signer_name=settings.signer_name,
        signer_title=settings.signer_title, kind="phong_trao", campaign_id=campaign.id,
        summary=(f"Về việc tặng {', '.join(names)} cho các tập thể, cá nhân có thành tích xuất sắc "
                 f"trong {campaign.phrase()}"),
        note=f"Theo kết quả tổng kết ngày {format_date(review.held_on)}",
    )


def create_reward_decision(db: Database, review_id: int, header: Decision) -> int:
    """Save the reward decision of a tổng kết through the register's own decision code, in one transaction.

    The decision is kind "phong_trao" and records its campaign; the review remembers it.

    Raises:
        UserError: not a recorded tổng kết, a decision already made from it, nothing proposed,
            dated before the tổng kết; ValidationError from the register (number taken, an award
            already given that year ...). Nothing is written.
    """
    review = reviews_db.get_review(db, review_id)
    lines = reward_lines(db, review_id, header.issued_on)
    if review.decision_id is not None:
        raise UserError(f"Đợt tổng kết này đã có Quyết định khen thưởng số {review.decision_number}.")
    if header.issued_on is not None and header.issued_on < review.held_on:
        raise ValidationError({"issued_on": (
            f"Ngày quyết định ({format_date(header.issued_on)}) trước ngày tổng kết ({format_date(review.held_on)})."
        )})
    decision = dataclasses.replace(header, id=None, kind="phong_trao", campaign_id=review.campaign_id)
    with db.atomic():
        decision_id = decisions_db.add_decision(db, decision, lines)
        reviews_db.set_review_decision(db, review_id, decision_id)
    return decision_id


# --- progress notes with evidence files -----------------------------------------------------------


def attachments_root(db: Database) -> Path:
    """The folder beside the database where evidence copies live."""
    return paths.attachments_dir(notes_db.database_file(db))


def _safe(name: str) -> str:
    """A file name that every file system accepts (Vietnamese letters kept)."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", name).strip(" .")
    return cleaned or "tep"


def _copy_in(root: Path, campaign_id: int, sources: list[Path]) -> list[tuple[Evidence, Path]]:
    """Copy the files into the campaign's folder under new names that never overwrite; (row, copy)."""
    folder = root / f"phong-trao-{campaign_id}"
    folder.mkdir(parents=True, exist_ok=True)
    done: list[tuple[Evidence, Path]] = []
    try:
        for source in sources:
            source = Path(source)
            target = folder / _safe(source.name)
            n = 2
            while target.exists():
                target = folder / f"{_safe(source.stem)}-{n}{source.suffix}"
                n += 1
            shutil.copy2(source, target)
            done.append((Evidence(None, 0, source.name, target.relative_to(root).as_posix(),
                                  target.stat().st_size), target))
    except OSError:
        for _row, copy in done:
            copy.unlink(missing_ok=True)
        raise
    return done


def add_progress_note(db: Database, campaign_id: int, noted_on: dt.date, text: str,
                      files: list[Path] = ()) -> int:
    """A dated progress note with evidence files copied beside the database, as one action.

    The copies are made first; if the note cannot be saved they are removed again.

    Raises:
        ValidationError: bad date or text, a file that does not exist; OSError: a copy failed.
    """
    errors = notes_db.validate_note(db, campaign_id, noted_on, text)
    if errors:
        raise ValidationError(errors)
    notes_db.check_files(list(files))
    copies = _copy_in(attachments_root(db), campaign_id, list(files))
    try:
        return notes_db.add_note(db, campaign_id, noted_on, text, [row for row, _ in copies])
    except BaseException:
        for _row, copy in copies:
            copy.unlink(missing_ok=True)
        raise


def evidence_path(db: Database, evidence: Evidence) -> Path:
    """Where the copy of an evidence file is.

    Raises:
        UserError: the copy is no longer there (moved or deleted outside the program).
    """
    path = attachments_root(db) / evidence.stored_path
    if not path.is_file():
        raise UserError(f"Không tìm thấy tệp “{evidence.file_name}” (đã bị xóa hoặc di chuyển khỏi {path.parent}).")
    return path


def delete_progress_note(db: Database, note_id: int) -> None:
    """Delete a note and the copies of its files."""
    root = attachments_root(db)
    for f in notes_db.delete_note(db, note_id):
        (root / f.stored_path).unlink(missing_ok=True)


def delete_campaign(db: Database, campaign_id: int) -> None:
    """Delete a campaign entered by mistake and its evidence copies (refused once it has registrations or awards)."""
    files = notes_db.evidence_of_campaign(db, campaign_id)
    campaigns_db.delete_campaign(db, campaign_id)
    root = attachments_root(db)
    for f in files:
        (root / f.stored_path).unlink(missing_ok=True)


def find_one_campaign(db: Database, name: str):
    """The campaign a typed name means (command line, links).

    Raises:
        UserError: none matches, or several do (their names are listed).
    """
    found = campaigns_db.match_campaigns(db, name)
    if not found:
        raise UserError(f"Không có phong trào nào tên “{name}”.")
    if len(found) > 1:
        listed = "; ".join(f"“{c.name}”" for c in found[:6])
        raise UserError(f"Tên “{name}” khớp với {len(found)} phong trào: {listed}. Hãy ghi rõ tên hơn.")
    return found[0]

