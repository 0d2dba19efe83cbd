"""Checking and writing the "Đăng ký thi đua" sheet: campaign by name (never created), title or form, year."""

from __future__ import annotations

from collections import defaultdict

from tdkt_desktop.db import campaigns as campaigns_db
from tdkt_desktop.db import catalog
from tdkt_desktop.db import registrations as registrations_db
from tdkt_desktop.db import units as units_db
from tdkt_desktop.importing.workbook import text_value
from tdkt_desktop.text import fold
from tdkt_desktop.vocabulary import AWARD_TARGETS

_SHEET = "registrations"


def _existing(db) -> dict[tuple, str]:
    """(campaign id, year, ('staff', code) | ('unit', folded name), kind) → award code already registered."""
    rows = db.execute(
        "SELECT r.campaign_id, r.year, s.code, u.name, r.award_type, t.kind FROM registrations r "
        "JOIN award_types t ON t.code = r.award_type LEFT JOIN staff s ON s.id = r.staff_id "
        "LEFT JOIN units u ON u.id = r.unit_id").fetchall()
    return {
        (cid, year, ("staff", code) if code is not None else ("unit", fold(unit)), kind): award
        for cid, year, code, unit, award, kind in rows
    }


def check_registration_rows(checker) -> None:
    """Fill ``checker.plan.registrations`` with the new registrations, or add one issue per bad row."""
    db, plan = checker.db, checker.plan
    campaigns = {c.id: c for c in campaigns_db.list_campaigns(db)}
    by_name = campaigns_db.campaign_names(db)
    units = {fold(u.name): u.name for u in units_db.list_units(db, kind=None)}
    # Units this same file creates (staff "Đơn vị", awards "Tập thể") count as known.
    units.update({fold(unit): unit for _op, _record, unit in plan.staff if unit})
    units.update({fold(unit): unit for group in plan.decisions.values() for _a, _c, unit in group["new"] if unit})
    existing = _existing(db)
    names = {t.code: t.name for t in catalog.list_award_types(db, active_only=False)}
    seen: dict[tuple, tuple[int, str]] = {}
    for title, number, cells in checker.rows(_SHEET):
        bad = len(plan.issues)
        unit_text = text_value(cells.get("collective", (None, None))[0])
        code = checker.code(_SHEET, title, number, cells, required=not unit_text)
        if code and unit_text:
            checker.issue(title, number, "Tập thể", unit_text,
                          "Mỗi dòng là đăng ký của một cá nhân (Mã cán bộ) hoặc một tập thể, không cả hai.")
        unit = units.get(fold(unit_text)) if unit_text and not code else None
        if unit_text and not code and unit is None:
            checker.issue(title, number, "Tập thể", unit_text,
                          f"Tập thể “{unit_text}” không có trong danh sách đơn vị.")
        if code and code in checker.staff_by_code and not checker.staff_by_code[code].active:
            checker.issue(title, number, "Mã cán bộ", code, f"Cán bộ {code} đã ngừng theo dõi, không đăng ký thi đua.")
        year = checker.year(_SHEET, title, number, cells)
        raw_campaign = cells["campaign"][0]
        name = text_value(raw_campaign)
        campaign = campaigns.get(by_name.get(fold(name))) if name else None
        if not name:
            checker.issue(title, number, "Phong trào", "", "Thiếu tên phong trào thi đua.")
        elif campaign is None:
            checker.issue(title, number, "Phong trào", name,
                          f"Không có phong trào “{name}” trong dữ liệu; hãy tạo phong trào ở tab “Phong trào thi đua” "
                          "(đúng tên) rồi nhập lại. Chương trình không tự tạo phong trào.")
        target = "tap_the" if unit_text and not code else "ca_nhan"
        raw_award = cells["award"][0]
        award = catalog.find_award_type(db, text_value(raw_award), target=target, table=checker.types)
        if award is None:
            other = catalog.find_award_type(db, text_value(raw_award), table=checker.types)
            checker.issue(title, number, "Danh hiệu/Hình thức đăng ký", raw_award, (
                f"“{other.name}” dành cho {AWARD_TARGETS[other.target].lower()}, không dùng cho dòng này."
                if other else "Không có danh hiệu/hình thức này trong danh mục (ví dụ: Lao động tiên tiến, CSTĐCS)."
            ))
        if campaign is not None and award is not None and year is not None:
            problem = registrations_db.check_registration(campaign, year, award.kind, award.name, award.target, target)
            if problem:
                column = {"year": "Năm", "award": "Danh hiệu/Hình thức đăng ký"}.get(problem[0], "Phong trào")
                checker.issue(title, number, column, year if problem[0] == "year" else name, problem[1])
        if len(plan.issues) > bad:
            continue
        subject = ("staff", code) if code else ("unit", fold(unit))
        who = f"Cán bộ {code}" if code else f"Tập thể “{unit}”"
        key = (campaign.id, year, subject, award.kind)
        if key in seen:
            row, other = seen[key]
            checker.issue(title, number, "Danh hiệu/Hình thức đăng ký", award.name,
                          f"{who} đã có đăng ký “{other}” năm {year} ở dòng {row} (mỗi năm một danh hiệu và "
                          "một hình thức).")
            continue
        seen[key] = (number, award.name)
        summary = plan.summaries[_SHEET]
        before = existing.get(key)
        if before == award.code:
            summary.unchanged += 1
            continue
        if before is not None:
            checker.issue(title, number, "Danh hiệu/Hình thức đăng ký", award.name,
                          f"{who} đã đăng ký “{names[before]}” năm {year} trong phong trào này.")
            continue
        plan.registrations.append((campaign.id, year, award.code, code or "", unit or ""))
        summary.added += 1


def apply_registrations(db, plan, staff_ids: dict[str, int], unit_id) -> None:
    """Write the checked registrations (inside the import's transaction), one call per campaign, year and award.

    ``unit_id(name)`` is the import's own resolver, which knows the units this file just created.
    """
    groups: dict[tuple, dict[str, list[int]]] = defaultdict(lambda: {"staff": [], "units": []})
    for campaign_id, year, award, code, unit in plan.registrations:
        group = groups[(campaign_id, year, award)]
        if code:
            group["staff"].append(staff_ids[code])
        else:
            group["units"].append(unit_id(unit))
    for (campaign_id, year, award), who in groups.items():
        registrations_db.register(db, campaign_id, year, award, staff_ids=who["staff"], unit_ids=who["units"])
