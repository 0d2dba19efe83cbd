"""Certificate register (sổ vàng: serial and printed-at per certificate, reprints logged) and print profiles."""

from __future__ import annotations

import datetime as dt
import json
import math
import re

from sqlite_utils import Database

from tdkt_desktop.db import audit
from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db.award_records import Award, CertificateIssue, PrintOptions, PrintProfile, RegisterEntry
from tdkt_desktop.errors import UserError, ValidationError
from tdkt_desktop.text import fold, nfc

#: Offsets beyond this are a typo, not a printer: an A4 blank is only 210 mm high.
MAX_OFFSET_MM = 50.0
DEFAULT_BLANK = "a4_ngang"
MODES = {"full": "In toàn bộ trên giấy trắng", "overlay": "In lên phôi in sẵn"}

_SERIAL_RE = re.compile(r"^(\d+)/(\d{4})$")


def format_serial(seq: int, year: int) -> str:
    """'045/2025': running number of the year, then the year (numbering restarts every year)."""
    return f"{seq:03d}/{year}"


def _issue_year(award: Award) -> int:
    return award.decision_date.year if award.decision_date else award.year


def _next_seq(db: Database, year: int) -> int:
    row = next(iter(db.query(
        "SELECT max(seq) AS m FROM certificate_register WHERE year = ? AND reprint = 0", [year]
    )))
    return (row["m"] or 0) + 1


def plan_certificates(db: Database, awards: list[Award]) -> list[CertificateIssue]:
    """Serials the certificates will carry, in the given order, without writing anything.

    An award printed before keeps its serial (a reprint); the others get the next running numbers
    of their decision's year. The preview shows these; :func:`record_printing` stores them.
    """
    issues = []
    next_by_year: dict[int, int] = {}
    for award in awards:
        if award.id is None:
            raise UserError("Lượt khen thưởng chưa được lưu nên chưa in được giấy khen.")
        if award.certificate_serial:
            issues.append(CertificateIssue(award.id, award.certificate_serial, reprint=True))
            continue
        year = _issue_year(award)
        seq = next_by_year.get(year) or _next_seq(db, year)
        next_by_year[year] = seq + 1
        issues.append(CertificateIssue(award.id, format_serial(seq, year), reprint=False))
    return issues


def record_printing(db: Database, issues: list[CertificateIssue], *, mode: str = "full",
                    profile_name: str = "") -> None:
    """Log the printed certificates in one transaction: register rows, serial and printed-at on new ones.

    Raises:
        UserError: a planned serial was taken meanwhile (plan again), or an unknown mode.
    """
    if mode not in MODES:
        raise UserError(f"Kiểu in “{mode}” không hợp lệ.")
    now = dt.datetime.now().isoformat(timespec="seconds")
    with db.atomic():
        fresh: dict[int, str] = {}
        rows = []
        # What the checks below need, read in two queries instead of two per certificate.
        wanted = json.dumps([i.award_id for i in issues if not i.reprint])
        serial_of = dict(db.execute("SELECT id, certificate_serial FROM awards WHERE id IN "
                                    "(SELECT value FROM json_each(?))", [wanted]).fetchall())
        years = {m.group(2) for i in issues if (m := _SERIAL_RE.match(i.serial))}
        taken_seqs = set(db.execute(
            "SELECT year, seq FROM certificate_register WHERE reprint = 0 AND year IN "
            "(SELECT value FROM json_each(?))", [json.dumps(sorted(int(y) for y in years))]).fetchall())
        for issue in issues:
            match = _SERIAL_RE.match(issue.serial)
            seq, year = (int(match.group(1)), int(match.group(2))) if match else (None, dt.date.today().year)
            if not issue.reprint:
                taken = (year, seq) in taken_seqs
                if taken or issue.award_id not in serial_of or serial_of[issue.award_id]:
                    raise UserError(
                        f"Số sổ vàng {issue.serial} vừa được cấp cho giấy khác; hãy xem trước và in lại."
                    )
                fresh[issue.award_id] = issue.serial
            rows.append({
                "award_id": issue.award_id, "serial": issue.serial, "year": year,
                "seq": seq if not issue.reprint else None, "printed_at": now,
                "reprint": int(issue.reprint), "mode": mode, "profile_name": nfc(profile_name),
            })
        db["certificate_register"].insert_all(rows, batch_size=500)  # one statement per 500, not per page
        if fresh:
            decisions_db.mark_printed(db, list(fresh), serials=fresh)
        reprints = sum(i.reprint for i in issues)
        audit.record(db, "in", "certificate_register", None,
                     f"in {len(issues)} giấy ({len(fresh)} cấp số mới, {reprints} in lại), {MODES[mode]}")


_ENTRY_SELECT = """
SELECT r.*, coalesce(s.full_name, u.name, '') AS recipient_name, t.name AS award_name,
       d.number AS decision_number
FROM certificate_register r
JOIN awards a ON a.id = r.award_id
JOIN award_types t ON t.code = a.award_type
JOIN decisions d ON d.id = a.decision_id
LEFT JOIN staff s ON s.id = a.staff_id
LEFT JOIN units u ON u.id = a.unit_id
"""


def register_entries(db: Database, *, award_id: int | None = None, serial: str | None = None,
                     decision_id: int | None = None, search: str = "") -> list[RegisterEntry]:
    """The register, oldest first, optionally for one award, serial, decision or recipient name.

    Answers "was this certificate issued, and when": the first row of an award is the issue,
    later rows are reprints.
    """
    clauses, args = [], []
    if award_id is not None:
        clauses.append("r.award_id = ?")
        args.append(award_id)
    if serial:
        clauses.append("r.serial = ?")
        args.append(nfc(serial))
    if decision_id is not None:
        clauses.append("a.decision_id = ?")
        args.append(decision_id)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = db.query(_ENTRY_SELECT + where + " ORDER BY r.printed_at, r.id", args)
    entries = [
        RegisterEntry(
            id=r["id"], award_id=r["award_id"], serial=r["serial"], printed_at=r["printed_at"],
            reprint=bool(r["reprint"]), mode=r["mode"], profile_name=r["profile_name"],
            recipient_name=r["recipient_name"], award_name=r["award_name"],
            decision_number=r["decision_number"],
        )
        for r in rows
    ]
    if search:
        key = fold(search)
        entries = [e for e in entries if key in fold(e.recipient_name) or key in fold(e.serial)]
    return entries


# --- print profiles -------------------------------------------------------------------------------


def _row_to_profile(row: dict) -> PrintProfile:
    return PrintProfile(
        id=row["id"], name=row["name"], blank_type=row["blank_type"],
        offset_x_mm=row["offset_x_mm"], offset_y_mm=row["offset_y_mm"],
        printer_name=row["printer_name"], is_default=bool(row["is_default"]),
    )


def list_profiles(db: Database) -> list[PrintProfile]:
    """Saved print profiles, the default first."""
    rows = db["print_profiles"].rows_where(order_by="is_default DESC, name")
    return [_row_to_profile(r) for r in rows]


def default_profile(db: Database) -> PrintProfile:
    """The profile used when printing; a zero-offset A4 one until the office saves its own."""
    profiles = list_profiles(db)
    if profiles:
        return profiles[0]
    return PrintProfile(id=None, name="Mặc định", blank_type=DEFAULT_BLANK, is_default=True)


def validate_profile(profile: PrintProfile) -> dict[str, str]:
    """Field → Vietnamese message for every problem (empty when the profile can be saved)."""
    errors = {}
    if not nfc(profile.name):
        errors["name"] = "Tên cấu hình in không được để trống."
    if not profile.blank_type:
        errors["blank_type"] = "Hãy chọn loại phôi."
    for key, label in (("offset_x_mm", "Độ lệch ngang (X)"), ("offset_y_mm", "Độ lệch dọc (Y)")):
        value = getattr(profile, key)
        if not isinstance(value, (int, float)) or math.isnan(value) or abs(value) > MAX_OFFSET_MM:
            errors[key] = f"{label} phải nằm trong khoảng −{MAX_OFFSET_MM:g} đến {MAX_OFFSET_MM:g} mm."
    return errors


def save_profile(db: Database, profile: PrintProfile) -> int:
    """Insert or update a profile (saved as the default when asked); returns its id.

    Raises:
        ValidationError: blank name, no blank type, offset out of range or a name used twice.
    """
    errors = validate_profile(profile)
    name = nfc(profile.name)
    clash = list(db["print_profiles"].rows_where("name = ? AND id IS NOT ?", [name, profile.id], limit=1))
    if clash:
        errors["name"] = f"Đã có cấu hình in tên “{name}”."
    if errors:
        raise ValidationError(errors)
    row = {
        "name": name, "blank_type": profile.blank_type, "offset_x_mm": round(float(profile.offset_x_mm), 1),
        "offset_y_mm": round(float(profile.offset_y_mm), 1), "printer_name": nfc(profile.printer_name),
        "is_default": int(profile.is_default),
    }
    with db.atomic():
        if profile.is_default:
            db.execute("UPDATE print_profiles SET is_default = 0")
        if profile.id is None:
            profile_id = db["print_profiles"].insert(row).last_pk
            audit.record(db, "them", "print_profiles", profile_id, name)
        else:
            profile_id = profile.id
            db["print_profiles"].update(profile_id, row)
            audit.record(db, "sua", "print_profiles", profile_id, name)
    return int(profile_id)


# --- office texts for documents --------------------------------------------------------------------


def get_print_options(db: Database) -> PrintOptions:
    """The office's own "Căn cứ" lines and proposer (blank until set)."""
    stored = {r["key"]: r["value"] for r in db["print_options"].rows}
    bases = tuple(line for line in stored.get("office_bases", "").split("\n") if line.strip())
    return PrintOptions(office_bases=bases, proposer=stored.get("proposer", ""))


def save_print_settings(db: Database, profile: PrintProfile, options: PrintOptions) -> None:
    """Save a printer profile and the print options together (one transaction)."""
    with db.atomic():
        save_profile(db, profile)
        save_print_options(db, options)


def save_print_options(db: Database, options: PrintOptions) -> None:
    """Store the options (NFC, one "Căn cứ" per line) with an audit row."""
    bases = "\n".join(nfc(b).rstrip(";,.") for b in options.office_bases if nfc(b))
    with db.atomic():
        db["print_options"].upsert_all(
            [{"key": "office_bases", "value": bases}, {"key": "proposer", "value": nfc(options.proposer)}],
            pk="key",
        )
        audit.record(db, "sua", "print_options", None, "căn cứ, người đề nghị")
