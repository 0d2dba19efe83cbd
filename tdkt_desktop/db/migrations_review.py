"""Migrations 0008 and 0010: discipline stored as a code, and the office level (Sở or a ministry's Văn phòng/Viện)."""

from __future__ import annotations

from sqlite_utils import Database

from tdkt_desktop.db.migrations import migrations


@migrations(name="0008_discipline_codes")
def _discipline_codes(db: Database) -> None:
    """ratings.discipline holds a code of vocabulary.DISCIPLINE_ORDER ('canh_cao'), not free text.

    Labels ('Cảnh cáo') become their codes; text naming no known level counts as khiển trách (as the
    eligibility engine already read it) and is kept in the rating's note so nothing is lost.
    """
    from tdkt_desktop.text import fold
    from tdkt_desktop.vocabulary import DISCIPLINE_ORDER

    def code_of(text: str) -> tuple[str, bool]:
        folded = fold(text).replace("_", " ")
        for code in sorted(DISCIPLINE_ORDER, key=DISCIPLINE_ORDER.get, reverse=True):
            if code.replace("_", " ") in folded:
                return code, True
        return "khien_trach", False

    rows = db.execute("SELECT id, discipline, note FROM ratings WHERE discipline != ''").fetchall()
    for rating_id, text, note in rows:
        if text in DISCIPLINE_ORDER:
            continue
        code, known = code_of(text)
        if not known:
            note = f"{note}; kỷ luật ghi cũ: {text}" if note else f"Kỷ luật ghi cũ: {text}"
        db.execute("UPDATE ratings SET discipline = ?, note = ? WHERE id = ?", [code, note, rating_id])


@migrations(name="0010_office_level")
def _office_level(db: Database) -> None:
    """Settings key office_level: 'bo' for a Văn phòng/Viện whose governing body is a Bộ, else 'so'.

    Settings are key/value rows, so only existing offices need the value; a new one gets the
    default of ``Settings``. The governing body ("BỘ KHOA HỌC VÀ CÔNG NGHỆ" / "UBND TỈNH …") tells.
    """
    from tdkt_desktop.text import fold

    row = db.execute("SELECT value FROM settings WHERE key = 'governing_body'").fetchone()
    known = db.execute("SELECT 1 FROM settings WHERE key = 'office_level'").fetchone()
    if row is None or known is not None:
        return
    level = "bo" if fold(row[0]).startswith("bo ") else "so"
    db.execute("INSERT INTO settings (key, value) VALUES ('office_level', ?)", [level])
