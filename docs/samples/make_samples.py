"""Render every sample document of the demo office into docs/samples/ (PDFs to a temp folder, PNG pages here).

Run from the repository root with the app installed: ``python docs/samples/make_samples.py``. Needs poppler's
``pdftoppm`` to turn pages into pictures (a developer tool; the app and its tests never use it). With
``--all DIR`` it also writes every page of every document into DIR, for reviewing them by eye.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DPI = 90  # 745 × 1053 px for an A4 page


def documents(db) -> dict[str, tuple[bytes, int]]:
    """file stem → (PDF, page shown in the README) for every sample."""
    from tdkt_desktop.db import certificates as register
    from tdkt_desktop.db import review_council
    from tdkt_desktop.services import printing

    campaign = printing.find_decision(db, "28/QĐ-SKHCN")
    cstdcs = printing.find_decision(db, "20/QĐ-SKHCN", year=2026)
    meeting = review_council.meetings(db)[0]
    blank = register.default_profile(db)
    return {
        "giay-khen": (printing.certificates(db, campaign.id).printout.pdf, 1),
        "giay-khen-in-len-phoi": (printing.certificates(db, campaign.id, overlay=True).printout.pdf, 3),
        "chung-nhan-chien-si-thi-dua-co-so": (printing.certificates(db, cstdcs.id).printout.pdf, 1),
        "trang-can-chinh": (printing.calibration(blank).pdf, 1),
        "quyet-dinh": (printing.decision(db, campaign.id).pdf, 1),
        "quyet-dinh-danh-sach": (printing.decision(db, campaign.id).pdf, 2),
        "bien-ban-hoi-dong": (printing.meeting_minutes(db, meeting.id).pdf, 1),
        "bien-ban-hoi-dong-mau": (printing.blank_minutes(db, cstdcs.id).pdf, 1),
        "to-trinh": (printing.meeting_proposal(db, meeting.id, "Chủ tịch UBND tỉnh").pdf, 1),
        "to-trinh-hoi-dong": (printing.proposal(db, campaign.id).pdf, 1),
        "dang-ky-thi-dua-ca-nhan": (printing.registration(db, year=2026, staff_id=3,
                                                          title="chien_si_thi_dua_co_so").pdf, 1),
        "dang-ky-thi-dua-tap-the": (printing.registration(db, year=2026, unit_id=8,
                                                          title="tap_the_lao_dong_tien_tien").pdf, 1),
        "thong-ke-khen-thuong": (printing.statistics(db, 2021, 2025).pdf, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", type=Path, metavar="DIR", help="also write every page of every document here")
    args = parser.parse_args()
    from tdkt_desktop.cli import main as cli
    from tdkt_desktop.db.connection import open_database

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.sqlite"
        assert cli(["--db", str(path), "demo", "--no-window"]) == 0
        db = open_database(path)
        try:
            docs = documents(db)
        finally:
            db.close()
        for stem, (pdf, page) in docs.items():
            source = Path(tmp) / f"{stem}.pdf"
            source.write_bytes(pdf)
            subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", "-f", str(page), "-l", str(page),
                            str(source), str(HERE / stem)], check=True)
            if args.all:
                args.all.mkdir(parents=True, exist_ok=True)
                subprocess.run(["pdftoppm", "-r", "60", "-png", str(source), str(args.all / stem)], check=True)
    print(f"{len(docs)} mẫu trong {HERE}")


if __name__ == "__main__":
    main()
