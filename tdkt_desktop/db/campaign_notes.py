"""Progress notes of a campaign and the evidence files attached to them (rows only; files: services)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlite_utils import Database

from tdkt_desktop.db import audit
from tdkt_desktop.db.campaign_records import Evidence, ProgressNote
from tdkt_desktop.db.connection import database_file
from tdkt_desktop.errors import NotFoundError, ValidationError
from tdkt_desktop.text import format_date, iso, nfc

# The file behind the database, beside which attachments are kept; re-exported here, where callers look for it.
__all__ = ["database_file"]


def _evidence(row: dict) -> Evidence:
    return Evidence(row["id"], row["note_id"], row["file_name"], row["stored_path"], row["size"], row["added_at"])


def list_notes(db: Database, campaign_id: int) -> list[ProgressNote]:
    """Notes newest first, each with its files."""
    files: dict[int, list[Evidence]] = {}
    for row in db.query(
        "SELECT e.* FROM campaign_evidence e JOIN campaign_notes n ON n.id = e.note_id WHERE n.campaign_id = ? "
        "ORDER BY e.id", [campaign_id],
    ):
        files.setdefault(row["note_id"], []).append(_evidence(row))
    rows = db.query("SELECT * FROM campaign_notes WHERE campaign_id = ? ORDER BY noted_on DESC, id DESC", [campaign_id])
    return [
        ProgressNote(r["id"], r["campaign_id"], dt.date.fromisoformat(r["noted_on"]), r["text"],
                     tuple(files.get(r["id"], ())))
        for r in rows
    ]


def validate_note(db: Database, campaign_id: int, noted_on: dt.date | None, text: str) -> dict[str, str]:
    """Field → message: a date inside the campaign's life (not in the future), some text."""
    from tdkt_desktop.db.campaigns import get_campaign

    campaign = get_campaign(db, campaign_id)
    errors = {}
    if noted_on is None:
        errors["noted_on"] = "Hãy nhập ngày ghi nhận tiến độ."
    elif campaign.starts_on and noted_on < campaign.starts_on:
        errors["noted_on"] = (
            f"Ngày {format_date(noted_on)} trước ngày bắt đầu phong trào ({format_date(campaign.starts_on)})."
        )
    elif noted_on > dt.date.today():
        errors["noted_on"] = f"Ngày {format_date(noted_on)} chưa đến."
    if not nfc(text):
        errors["text"] = "Nội dung tiến độ không được để trống."
    return errors


def add_note(db: Database, campaign_id: int, noted_on: dt.date, text: str, files: list[Evidence] = ()) -> int:
    """Save a note and the rows of files already copied beside the database, in one transaction.

    Raises:
        ValidationError: no date or text, date outside the campaign; nothing is written.
    """
    errors = validate_note(db, campaign_id, noted_on, text)
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        note_id = int(db["campaign_notes"].insert(
            {"campaign_id": campaign_id, "noted_on": iso(noted_on), "text": nfc(text)}).last_pk)
        add_evidence(db, note_id, list(files))
        audit.record(db, "them", "campaign_notes", note_id, f"{format_date(noted_on)}: {nfc(text)[:80]}")
    return note_id


def add_evidence(db: Database, note_id: int, files: list[Evidence]) -> list[int]:
    """Rows for files copied beside the database (the copy is the caller's job)."""
    now = dt.datetime.now().isoformat(timespec="seconds")
    ids = []
    with db.atomic():
        for f in files:
            ids.append(int(db["campaign_evidence"].insert(
                {"note_id": note_id, "file_name": nfc(f.file_name), "stored_path": f.stored_path, "size": f.size,
                 "added_at": now}).last_pk))
        if files:
            audit.record(db, "them", "campaign_evidence", note_id, ", ".join(f.file_name for f in files)[:200])
    return ids


def delete_note(db: Database, note_id: int) -> list[Evidence]:
    """Delete a note and its file rows; returns the rows so the caller can remove the copies."""
    rows = list(db["campaign_notes"].rows_where("id = ?", [note_id]))
    if not rows:
        raise NotFoundError(f"Không tìm thấy ghi chép tiến độ có mã số nội bộ {note_id}.")
    files = [_evidence(r) for r in db["campaign_evidence"].rows_where("note_id = ?", [note_id])]
    with db.atomic():
        db.execute("DELETE FROM campaign_evidence WHERE note_id = ?", [note_id])
        db.execute("DELETE FROM campaign_notes WHERE id = ?", [note_id])
        audit.record(db, "xoa", "campaign_notes", note_id, f"{rows[0]['noted_on']}: {len(files)} tệp")
    return files


def evidence_of_campaign(db: Database, campaign_id: int) -> list[Evidence]:
    """Every file row of the campaign (deleting a campaign removes the copies too)."""
    rows = db.query(
        "SELECT e.* FROM campaign_evidence e JOIN campaign_notes n ON n.id = e.note_id WHERE n.campaign_id = ?",
        [campaign_id])
    return [_evidence(r) for r in rows]


def check_files(paths: list[Path]) -> None:
    """Every file to attach exists and is a file.

    Raises:
        ValidationError: naming the first one that is not.
    """
    for path in paths:
        if not Path(path).is_file():
            raise ValidationError({"files": f"Không tìm thấy tệp “{path}” để đính kèm."})
