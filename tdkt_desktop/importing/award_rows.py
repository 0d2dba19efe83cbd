"""Checking the "Khen thưởng" sheet: award names, decisions, and the duplicate-award guard."""

from __future__ import annotations

import datetime as dt

from tdkt_desktop.db import catalog
from tdkt_desktop.db.award_records import Award, Decision
from tdkt_desktop.db.decision_checks import decision_key
from tdkt_desktop.db.decisions import normalize_number
from tdkt_desktop.importing.workbook import CellError, date_value, text_value
from tdkt_desktop.text import fold, format_date
from tdkt_desktop.vocabulary import AWARD_TARGETS


def _existing_decisions(db) -> dict[tuple, dict]:
    import datetime as dt

    found = {}
    for row in db.query("SELECT id, number, issued_on, issuer FROM decisions"):
        issued = dt.date.fromisoformat(row["issued_on"])
        found[decision_key(row["issuer"], issued.year, row["number"])] = {**row, "issued_on": issued}
    return found


def _existing_awards(db) -> dict[tuple, dict]:
    """(recipient key, award type, year) → the decision it came from."""
    import datetime as dt

    sql = (
        "SELECT a.award_type, a.year, s.code AS code, u.name AS unit, d.number, d.issued_on, d.issuer "
        "FROM awards a JOIN decisions d ON d.id = a.decision_id "
        "LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN units u ON u.id = a.unit_id"
    )
    found = {}
    for row in db.query(sql):
        recipient = ("staff", row["code"]) if row["code"] is not None else ("unit", fold(row["unit"]))
        issued = dt.date.fromisoformat(row["issued_on"])
        found[(recipient, row["award_type"], row["year"])] = {
            "key": decision_key(row["issuer"], issued.year, row["number"]),
            "number": row["number"],
            "issued_on": issued,
        }
    return found


def check_award_rows(checker) -> None:
    """Fill ``checker.plan.decisions`` with the new award lines grouped by decision, or add issues."""
    db, plan = checker.db, checker.plan
    decisions = _existing_decisions(db)
    awards = _existing_awards(db)
    seen: dict[tuple, int] = {}
    for title, number, cells in checker.rows("awards"):
        bad = len(plan.issues)
        unit = text_value(cells.get("collective", (None, None))[0])
        code = checker.code("awards", title, number, cells, required=not unit)
        if code and unit:
            checker.issue(title, number, "Tập thể", unit,
                          "Mỗi dòng khen cho một cá nhân (Mã cán bộ) hoặc một tập thể, không cả hai.")
        year = checker.year("awards", title, number, cells)
        target = "tap_the" if unit and not code else "ca_nhan"
        raw_award = cells["award"][0]
        award_type = catalog.find_award_type(db, text_value(raw_award), target=target, table=checker.types)
        if award_type is None:
            other = catalog.find_award_type(db, text_value(raw_award), table=checker.types)
            reason = (
                f"“{other.name}” dành cho {AWARD_TARGETS[other.target].lower()}, không dùng cho dòng này."
                if other
                else "Không có danh hiệu/hình thức này trong danh mục (ví dụ: Lao động tiên tiến, CSTĐCS, "
                "Giấy khen của Giám đốc Sở)."
            )
            checker.issue(title, number, "Danh hiệu/Hình thức", raw_award, reason)
        raw_number = cells["number"][0]
        decision_number = normalize_number(text_value(raw_number))
        if not decision_number:
            checker.issue(title, number, "Số quyết định", raw_number, "Thiếu số quyết định (ví dụ 125/QĐ-SKHCN).")
        raw_date = cells["date"][0]
        try:
            issued = date_value(raw_date, field="Ngày quyết định")
            if issued is None:
                checker.issue(title, number, "Ngày quyết định", raw_date, "Thiếu ngày quyết định.")
        except CellError as exc:
            issued = None
            checker.issue(title, number, "Ngày quyết định", raw_date, str(exc))
        if issued is not None and issued > dt.date.today():
            # The same rule as the decision form: found now, as a row error, not when the import is applied.
            checker.issue(title, number, "Ngày quyết định", format_date(issued),
                          f"Ngày quyết định {format_date(issued)} ở tương lai.")
        elif issued is not None and year and issued < dt.date(year, 1, 1):
            checker.issue(title, number, "Ngày quyết định", format_date(issued),
                          f"Quyết định ngày {format_date(issued)} có trước năm thành tích {year}: "
                          f"khen thưởng năm {year} chỉ có thể quyết định từ 01/01/{year}.")
        issuer = text_value(cells["issuer"][0])
        if not issuer:
            checker.issue(title, number, "Cơ quan ban hành", "", "Thiếu cơ quan ban hành quyết định.")
        if len(plan.issues) > bad:
            continue
        key = decision_key(issuer, issued.year, decision_number)
        group = plan.decisions.get(key)
        old_decision = decisions.get(key)
        if group is None:
            if old_decision and old_decision["issued_on"] != issued:
                checker.issue(
                    title, number, "Ngày quyết định", format_date(issued),
                    f"Quyết định số {decision_number} của {issuer} năm {issued.year} đã có trong cơ sở dữ liệu "
                    f"với ngày {format_date(old_decision['issued_on'])}.",
                )
                continue
            group = {
                "decision": Decision(id=None, number=decision_number, issued_on=issued, issuer=issuer),
                "id": old_decision["id"] if old_decision else None,
                "row": number,
                "new": [],
            }
            plan.decisions[key] = group
        elif group["decision"].issued_on != issued:
            checker.issue(
                title, number, "Ngày quyết định", format_date(issued),
                f"Cùng quyết định số {decision_number} nhưng ngày khác với dòng {group['row']} "
                f"({format_date(group['decision'].issued_on)}).",
            )
            continue
        recipient = ("staff", code) if code else ("unit", fold(unit))
        dup = (recipient, award_type.code, year)
        who = f"cán bộ {code}" if code else f"tập thể “{unit}”"
        if dup in seen:
            checker.issue(title, number, "Danh hiệu/Hình thức", award_type.name,
                          f"{who} đã có “{award_type.name}” năm {year} ở dòng {seen[dup]}.")
            continue
        seen[dup] = number
        summary = plan.summaries["awards"]
        old = awards.get(dup)
        if old is not None:
            if old["key"] == key:
                summary.unchanged += 1
                continue
            checker.issue(
                title, number, "Danh hiệu/Hình thức", award_type.name,
                f"{who} đã được “{award_type.name}” năm {year} theo Quyết định số {old['number']} "
                f"ngày {format_date(old['issued_on'])}; mỗi danh hiệu chỉ tặng một lần trong năm.",
            )
            continue
        line = Award(id=None, decision_id=None, award_type=award_type.code, year=year)
        group["new"].append((line, code, unit))
        summary.added += 1
