"""Small fixtures for campaign tests: an office with units and staff, a campaign, modal-dialog driving."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tdkt_desktop.db import campaigns, settings, staff, units
from tdkt_desktop.db.campaign_records import Campaign
from tdkt_desktop.db.records import Settings, Staff, Unit

UNITS = ["Văn phòng Sở", "Thanh tra Sở", "Phòng Quản lý khoa học"]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Đặng Thị Hương",
         "Vũ Văn Giang", "Bùi Thị Hà", "Đỗ Văn Hải", "Ngô Thị Lan", "Dương Văn Long", "Lý Thị Mai",
         "Nông Văn Nam", "Hà Thị Oanh", "Lương Văn Phong", "Triệu Thị Quyên", "Đàm Văn Sơn", "Ma Thị Thảo"]


def office(db) -> dict[str, int]:
    """Settings, three units, 18 people (6 per unit, codes NV01…NV18); returns unit name → id."""
    settings.save_settings(db, Settings(office_name="Sở Khoa học và Công nghệ tỉnh Tiền Giang",
                                        governing_body="UBND TỈNH TIỀN GIANG", place_name="Tiền Giang",
                                        document_symbol="SKHCN", signer_name="Dương Văn Bon"))
    ids = {name: units.add_unit(db, Unit(id=None, name=name, sort_order=i)) for i, name in enumerate(UNITS)}
    staff.add_many(db, [
        Staff(id=None, code=f"NV{i + 1:02d}", full_name=name, unit_id=ids[UNITS[i // 6]],
              recruited_on=dt.date(2015, 1, 1))
        for i, name in enumerate(NAMES)
    ])
    return ids


def campaign(db, name: str = "Phong trào thi đua yêu nước giai đoạn 2020–2025", **kw) -> int:
    """A period campaign 10/08/2020 – 31/12/2025 with every unit (fields overridable)."""
    values = dict(kind="giai_doan", starts_on=dt.date(2020, 8, 10), ends_on=dt.date(2025, 12, 31),
                  doc_kind="phat_dong", doc_date=dt.date(2020, 8, 10),
                  doc_issuer="Sở Khoa học và Công nghệ tỉnh Tiền Giang")
    values.update(kw)
    unit_ids = [u.id for u in units.list_units(db)]
    return campaigns.add_campaign(db, Campaign(id=None, name=name, **values), criteria=["Tiêu chí một", "Tiêu chí hai"],
                                  unit_ids=unit_ids)


def people(db) -> list[Staff]:
    return sorted(staff.list_staff(db), key=lambda s: s.code)


def snapshot(db) -> dict:
    """Every campaign table's rows and the decisions/awards (to prove a refusal wrote nothing)."""
    tables = ("campaigns", "campaign_criteria", "campaign_units", "registrations", "campaign_notes",
              "campaign_evidence", "campaign_reviews", "review_results", "decisions", "awards")
    return {t: list(db[t].rows) for t in tables}


def run_steps(open_it, steps) -> None:
    """Like run_modal, for a dialog that re-opens after a refused save: one step per exec()."""
    failures, pending = [], list(steps)

    def step():
        dialog = QApplication.activeModalWidget()
        if dialog is None or not pending:
            if pending:
                QTimer.singleShot(10, step)
            return
        try:
            pending.pop(0)(dialog)
        except Exception as exc:
            failures.append(exc)
            dialog.reject()
            return
        if pending:
            QTimer.singleShot(10, step)

    QTimer.singleShot(0, step)
    open_it()
    if failures:
        raise failures[0]
