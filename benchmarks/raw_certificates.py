"""Baseline for 1,000 certificates: a plain script that reads the decision's lines and draws them with raw ReportLab.

``raw_certificates.py DB NUMBER OUT.pdf``: the same pages, fonts and texts as ``tdkt-desktop print certificates``
(fixed sizes and positions, no fitting, no register); only sqlite3 and ReportLab are imported.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"
RED = (0.78, 0.05, 0.05)


def main() -> None:
    """Read, draw, save."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    db_path, number, out = sys.argv[1], sys.argv[2], sys.argv[3]
    for name, face in (("R", "Regular"), ("B", "Bold"), ("I", "Italic")):
        pdfmetrics.registerFont(TTFont(name, str(FONTS / f"LiberationSerif-{face}.ttf")))
    conn = sqlite3.connect(db_path)
    office = dict(conn.execute("SELECT key, value FROM settings").fetchall())
    rows = conn.execute(
        "SELECT s.full_name, s.gender, s.position, u.name, a.reason, a.year, d.number, d.issued_on "
        "FROM awards a JOIN decisions d ON d.id = a.decision_id JOIN staff s ON s.id = a.staff_id "
        "LEFT JOIN units u ON u.id = s.unit_id WHERE d.number = ? ORDER BY a.position, a.id", [number],
    ).fetchall()
    mm = 72 / 25.4
    w = 297 * mm
    c = Canvas(out, pagesize=(w, 210 * mm))
    heading = f"{office.get('signer_title', '')} {office.get('office_name', '')}".upper()
    for serial, (name, gender, position, unit, reason, year, decision, issued) in enumerate(rows, start=1):
        c.setStrokeColorRGB(*RED)
        c.setLineWidth(2.2)
        c.rect(10 * mm, 10 * mm, w - 20 * mm, 190 * mm)
        c.setLineWidth(0.7)
        c.rect(13 * mm, 13 * mm, w - 26 * mm, 184 * mm)
        c.setFillColorRGB(0, 0, 0)
        c.setFont("B", 14)
        c.drawCentredString(w / 2, 183 * mm, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        c.drawCentredString(w / 2, 175 * mm, "Độc lập - Tự do - Hạnh phúc")
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(0.6)
        c.line(w / 2 - 32 * mm, 173.5 * mm, w / 2 + 32 * mm, 173.5 * mm)
        c.setFillColorRGB(*RED)
        c.setFont("B", 15)
        c.drawCentredString(w / 2, 156 * mm, heading)
        c.setFillColorRGB(0, 0, 0)
        c.drawCentredString(w / 2, 143 * mm, "TẶNG")
        c.setFillColorRGB(*RED)
        c.setFont("B", 36)
        c.drawCentredString(w / 2, 127 * mm, "GIẤY KHEN")
        c.setFillColorRGB(0, 0, 0)
        c.setFont("B", 22)
        c.drawCentredString(w / 2, 103 * mm, f"{'Bà' if gender == 'Nữ' else 'Ông'}: {name.upper()}")
        c.setFont("R", 14)
        c.drawCentredString(w / 2, 91 * mm, f"Chức vụ, đơn vị: {position}, {unit}")
        c.setFont("I", 14)
        c.drawCentredString(w / 2, 75 * mm, reason)
        c.setFont("R", 12)
        y, m, d = issued.split("-")
        c.drawString(25 * mm, 40 * mm, f"Số QĐ: {decision} ngày {d}/{m}/{y}")
        c.drawString(25 * mm, 33 * mm, f"Số sổ vàng: {serial:03d}/{year}")
        c.setFont("I", 13)
        c.drawCentredString(217.5 * mm, 61 * mm, f"{office.get('place_name', '')}, ngày {d} tháng {int(m)} năm {y}")
        c.setFont("B", 13)
        c.drawCentredString(217.5 * mm, 52 * mm, office.get("signer_title", "").upper())
        c.setFont("B", 14)
        c.drawCentredString(217.5 * mm, 18 * mm, office.get("signer_name", ""))
        c.showPage()
    c.save()


if __name__ == "__main__":
    main()
