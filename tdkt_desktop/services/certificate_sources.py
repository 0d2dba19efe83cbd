"""What certificates need from the database: a decision's lines that carry one and the texts of each.

Kept apart from ``documents`` (decisions, minutes, tờ trình, statistics), so printing certificates
imports none of those builders.
"""

from __future__ import annotations

from sqlite_utils import Database

from tdkt_desktop.db import catalog
from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import units as units_db
from tdkt_desktop.db.award_records import Award, CertificateIssue, Decision
from tdkt_desktop.db.records import Settings, Unit
from tdkt_desktop.db.settings import get_settings
from tdkt_desktop.errors import UserError
from tdkt_desktop.reports.certificates import Certificate, certificate_for
from tdkt_desktop.reports.wording import full_unit_name, purpose, sentence
from tdkt_desktop.text import fold


def check_own_decision(db: Database, decision: Decision) -> None:
    """Only the office's own decisions are printed here: another body's letterhead, signer and
    certificate design are not the office's to reproduce.

    Raises:
        UserError: the decision was issued by another body (UBND tỉnh, Bộ, Thủ tướng ...).
    """
    settings = get_settings(db)
    if not own_decision(settings, decision):
        raise UserError(
            f"Quyết định số {decision.number} do {decision.issuer} ban hành; chương trình chỉ in "
            f"quyết định và giấy khen của {settings.office_name}."
        )


def own_decision(settings: Settings, decision: Decision) -> bool:
    """Whether the office itself issued ``decision`` (by issuer name, document symbol or number)."""
    own = fold(decision.issuer) in {fold(settings.office_name), fold(settings.document_symbol)}
    return own or fold(decision.number).endswith(f"-{fold(settings.document_symbol)}")


def certificate_awards(db: Database, decision_id: int, award_ids: list[int] | None = None) -> list[Award]:
    """The decision's awards that carry a certificate, in decision order (only ``award_ids`` if given).

    Raises:
        UserError: none of them has a certificate (e.g. a Lao động tiên tiến decision).
    """
    decision = decisions_db.get_decision(db, decision_id)
    check_own_decision(db, decision)
    wanted = set(award_ids) if award_ids else None
    types = {t.code: t for t in catalog.list_award_types(db, active_only=False)}
    awards = [
        a for a in decisions_db.awards_of_decision(db, decision_id)
        if (wanted is None or a.id in wanted) and types[a.award_type].certificate_kind
    ]
    if not awards:
        raise UserError(
            f"Quyết định số {decision.number} không có lượt khen thưởng nào được cấp giấy khen, "
            "bằng hay giấy chứng nhận để in."
        )
    return awards


def certificates_for(db: Database, awards: list[Award], issues: list[CertificateIssue]) -> list[Certificate]:
    """One certificate per award (same order), each with its planned serial.

    Every certificate of a decision gives the decision's purpose as its reason (the trích yếu and
    Điều 1 say the same), unless its own line's reason differs from the others'; collectives are
    named in full with the office.
    """
    settings = get_settings(db)
    types = {t.code: t for t in catalog.list_award_types(db, active_only=False)}
    serials = {i.award_id: i.serial for i in issues}
    decisions: dict[int, tuple[Decision, str, str]] = {}
    certs = []
    people = staff_db.get_many(db, [a.staff_id for a in awards if a.staff_id is not None])  # one query, not 1,000
    units: dict[int, Unit] = {}
    folded: dict[str, str] = {}  # a decision's lines mostly share one wording: fold each wording once

    def folded_reason(text: str) -> str:
        if text not in folded:
            folded[text] = fold(text)
        return folded[text]

    for award in awards:
        if award.decision_id not in decisions:
            decision = decisions_db.get_decision(db, award.decision_id)
            lines = decisions_db.awards_of_decision(db, decision.id)
            reasons = {folded_reason(a.reason) for a in lines if a.reason.strip()}
            shared = reasons.pop() if len(reasons) == 1 else ""
            decisions[award.decision_id] = (decision, sentence(purpose(decision, lines)), shared)
        decision, said, shared = decisions[award.decision_id]
        own_reason = award.reason.strip() and folded_reason(award.reason) != shared
        person = people[award.staff_id] if award.staff_id is not None else None
        if award.unit_id is not None and award.unit_id not in units:
            units[award.unit_id] = units_db.get_unit(db, award.unit_id)
        unit = units.get(award.unit_id) if award.unit_id is not None else None
        award_type = types[award.award_type]
        certs.append(certificate_for(
            award=award, decision=decision, settings=settings,
            certificate_kind=award_type.certificate_kind, award_kind=award_type.kind,
            gender=person.gender if person else "", position=person.position if person else "",
            serial=serials.get(award.id, ""), reason=sentence(award.reason) if own_reason else said,
            recipient=full_unit_name(unit.name, settings.office_name) if unit and unit.kind == "noi_bo" else "",
        ))
    return certs
