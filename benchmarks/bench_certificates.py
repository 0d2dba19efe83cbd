"""1,000 certificates in one PDF: the app's renderer vs the same pages drawn with raw ReportLab calls.

Target (ARCHITECTURE.md): ratio ≤ 1.5. Both sides use the same fonts, decoration and strings;
the raw side draws each text at a fixed size and position, the renderer also fits every field
(shrink/wrap) and reads the blank layout. Prints both times and the ratio (median of runs).
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tdkt_desktop.db.records import Award, Decision, Settings
from tdkt_desktop.reports import base
from tdkt_desktop.reports import certificates as C

COUNT = 1000
RUNS = 3

_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Nông", "Hà"]
_MIDDLE = ["Văn", "Thị", "Đức", "Thu", "Minh", "Ngọc", "Quang", "Thanh", "Hữu", "Kim"]
_GIVEN = ["An", "Bình", "Cường", "Dũng", "Hương", "Hạnh", "Hằng", "Loan", "Nga", "Phượng", "Thảo", "Yến", "Thắng", "Việt", "Đạt"]
_UNITS = ["Văn phòng Sở", "Thanh tra Sở", "Phòng Quản lý khoa học", "Chi cục Tiêu chuẩn Đo lường Chất lượng",
          "Trung tâm Thông tin và Ứng dụng khoa học và công nghệ"]


def make_certificates(count: int = COUNT) -> list[C.Certificate]:
    """``count`` certificates with different names, units and reasons (fixed seed)."""
    rng = random.Random(6)
    settings = Settings(office_name="Sở Khoa học và Công nghệ tỉnh Cao Bằng", place_name="Cao Bằng",
                        signer_name="Hoàng Văn Thắng", signer_title="GIÁM ĐỐC")
    decision = Decision(id=1, number="125/QĐ-SKHCN", issued_on=dt.date(2025, 12, 5), issuer=settings.office_name,
                        signer_name="Hoàng Văn Thắng", signer_title="GIÁM ĐỐC")
    certs = []
    for i in range(count):
        name = f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"
        award = Award(id=i, decision_id=1, award_type="giay_khen", staff_id=i, year=2025,
                      reason="Đã có thành tích xuất sắc trong phong trào thi đua năm 2025" + " và" * (i % 3),
                      award_name="Giấy khen", recipient_name=name, unit_name=rng.choice(_UNITS))
        certs.append(C.certificate_for(award=award, decision=decision, settings=settings,
                                       certificate_kind="giay_khen", award_kind="hinh_thuc",
                                       gender=rng.choice(["Nam", "Nữ"]), position="Chuyên viên",
                                       serial=f"{i + 1:03d}/2025"))
    return certs


def render_raw(certs: list[C.Certificate]) -> bytes:
    """The same pages with plain canvas calls: fixed sizes, fixed positions, no fitting."""
    from reportlab.pdfgen.canvas import Canvas

    base.register_fonts()
    mm = base.MM
    out = BytesIO()
    c = Canvas(out, pagesize=(297 * mm, 210 * mm))
    w = 297 * mm
    for cert in certs:
        c.setStrokeColorRGB(*C.RED)
        c.setLineWidth(2.2)
        c.rect(10 * mm, 10 * mm, w - 20 * mm, 190 * mm)
        c.setLineWidth(0.7)
        c.rect(13 * mm, 13 * mm, w - 26 * mm, 184 * mm)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(base.FONT_BOLD, 14)
        c.drawCentredString(w / 2, 183 * mm, base.QUOC_HIEU)
        c.drawCentredString(w / 2, 175 * mm, base.TIEU_NGU)
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(0.6)
        c.line(w / 2 - 32 * mm, 173.5 * mm, w / 2 + 32 * mm, 173.5 * mm)
        c.setFillColorRGB(*C.RED)
        c.setFont(base.FONT_BOLD, 15)
        c.drawCentredString(w / 2, 156 * mm, cert.heading)
        c.setFillColorRGB(0, 0, 0)
        c.drawCentredString(w / 2, 143 * mm, cert.verb)
        c.setFillColorRGB(*C.RED)
        c.setFont(base.FONT_BOLD, 36)
        c.drawCentredString(w / 2, 127 * mm, cert.title)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(base.FONT_BOLD, 22)
        c.drawCentredString(w / 2, 103 * mm, cert.name)
        c.setFont(base.FONT, 14)
        c.drawCentredString(w / 2, 91 * mm, cert.unit)
        c.setFont(base.FONT_ITALIC, 14)
        c.drawCentredString(w / 2, 75 * mm, cert.reason)
        c.setFont(base.FONT, 12)
        c.drawString(25 * mm, 40 * mm, cert.decision)
        c.drawString(25 * mm, 33 * mm, cert.serial)
        c.setFont(base.FONT_ITALIC, 13)
        c.drawCentredString(217.5 * mm, 61 * mm, cert.place_date)
        c.setFont(base.FONT_BOLD, 13)
        c.drawCentredString(217.5 * mm, 52 * mm, cert.signer_title)
        c.setFont(base.FONT_BOLD, 14)
        c.drawCentredString(217.5 * mm, 18 * mm, cert.signer_name)
        c.showPage()
    c.save()
    return out.getvalue()


def _timed(fn, *args) -> tuple[float, int]:
    start = time.perf_counter()
    size = len(fn(*args))
    return time.perf_counter() - start, size


def run() -> list[str]:
    """Lines to print: both times, sizes and the ratio (median over runs, alternating sides)."""
    certs = make_certificates()
    render_raw(certs[:5]), C.render_certificates(certs[:5])  # register fonts, warm caches
    raw_times, app_times, ratios = [], [], []
    raw_size = app_size = 0
    for _ in range(RUNS):
        r, raw_size = _timed(render_raw, certs)
        a, app_size = _timed(C.render_certificates, certs)
        raw_times.append(r), app_times.append(a), ratios.append(a / r)
    ratio = statistics.median(ratios)
    verdict = "đạt" if ratio <= 1.5 else "KHÔNG ĐẠT"
    return [
        f"Giấy khen ×{COUNT} trong một PDF (trung vị {RUNS} lần):",
        f"  ReportLab thuần:   {statistics.median(raw_times):.2f} s, {raw_size / 1e6:.2f} MB",
        f"  Bộ dựng của app:   {statistics.median(app_times):.2f} s, {app_size / 1e6:.2f} MB",
        f"  Tỷ lệ app/thuần:   {ratio:.2f} (mục tiêu ≤ 1,5: {verdict})",
    ]


if __name__ == "__main__":
    print("\n".join(run()))
