"""Which rule set judges a year: the bundled sets plus the office's own edited copies."""

from __future__ import annotations

import datetime as dt
import json

from sqlite_utils import Database

from tdkt_desktop.db import review as review_db
from tdkt_desktop.errors import NotFoundError
from tdkt_desktop.rules import params
from tdkt_desktop.rules import ruleset as rules
from tdkt_desktop.rules.ruleset import RuleSet
from tdkt_desktop.text import nfc


def office_rulesets(db: Database) -> list[RuleSet]:
    """The office's own copies (active or not)."""
    out = []
    for row in review_db.office_ruleset_rows(db):
        data = json.loads(row["data"])
        out.append(
            RuleSet(
                id=data["id"], name=row["name"], effective_from=dt.date.fromisoformat(row["effective_from"]),
                data=data, source="office", office_id=row["id"], based_on=row["based_on"],
                active=bool(row["active"]),
            )
        )
    return out


def all_rulesets(db: Database) -> list[RuleSet]:
    """Bundled sets and office copies; ``rules.ruleset.resolve`` picks one per year."""
    return rules.load_builtin() + office_rulesets(db)


def ruleset_for_year(db: Database, year: int) -> RuleSet:
    """The set that judges ``year`` in this office."""
    return rules.resolve(all_rulesets(db), year)


def get_office_ruleset(db: Database, office_id: int) -> RuleSet:
    """One office copy.

    Raises:
        NotFoundError: no such copy.
    """
    for rs in office_rulesets(db):
        if rs.office_id == office_id:
            return rs
    raise NotFoundError(f"Không tìm thấy bộ quy tắc của cơ quan số {office_id}.")


def copy_ruleset(db: Database, source: RuleSet, name: str | None = None) -> int:
    """Save an editable office copy of ``source`` (same effective date, so it replaces it); returns its id."""
    data = json.loads(json.dumps(source.data))
    name = nfc(name) or f"{source.name} (bản của cơ quan)"
    data["name"] = name
    data["id"] = f"{source.data['id']}_co_quan"
    rs = rules.from_data(data)
    return review_db.insert_office_ruleset(db, name=name, based_on=source.name,
                                           effective_from=rs.effective_from, data=data)


def save_office_ruleset(db: Database, office_id: int, data: dict, *, active: bool = True) -> None:
    """Replace an office copy's parameters after validation.

    Raises:
        ValidationError: a parameter is wrong (path → Vietnamese message); nothing is saved.
        NotFoundError: no such copy.
    """
    before = get_office_ruleset(db, office_id)
    data = _nfc_tree(data)
    rs = rules.from_data(data)
    old = dict(params.flatten(before.data))
    changed = [p for p, v in params.flatten(data) if old.get(p) != v]
    review_db.update_office_ruleset(db, office_id, name=rs.name, effective_from=rs.effective_from, data=data,
                                    active=active, changed=changed)


def delete_office_ruleset(db: Database, office_id: int) -> None:
    """Remove an office copy; the bundled set it replaced applies again."""
    review_db.delete_office_ruleset(db, office_id)


def _nfc_tree(value):
    """Every string in a parameter tree NFC-normalised (names and criteria typed by the office)."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {k: _nfc_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nfc_tree(v) for v in value]
    return value
