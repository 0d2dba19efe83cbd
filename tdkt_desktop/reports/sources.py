"""Read what a document needs from the database and hand it to the pure text builders."""

from __future__ import annotations

from sqlite_utils import Database

from tdkt_desktop.db import catalog, staff as staff_db
from tdkt_desktop.db import certificates as register
from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db.errors import NotFoundError, UserError
from tdkt_desktop.db.records import Award, CertificateIssue, Decision
from tdkt_desktop.db.settings import get_settings
from tdkt_desktop.reports.certificates import Certificate, certificate_for
from tdkt_desktop.reports.decision import DecisionText, decision_text
from tdkt_desktop.text import fold


def find_decision(db: Database, number: str) -> Decision:
    """The decision numbered as written ("125/QĐ-SKHCN").

    Raises:
        NotFoundError: no such decision (Vietnamese message quoting the number).
    """
    decision = decisions_db.find_decision(db, number)
    if decision is None:
        raise NotFoundError(f"Không tìm thấy quyết định số “{number}” trong dữ liệu.")
    return decision


def check_own_decision(db: Database, decision: Decision) -> None:
    """Only the office's own decisions are printed here: another body's letterhead, signer and
    certificate design are not the office's to reproduce.

    Raises:
        UserError: the decision was issued by another body (UBND tỉnh, Bộ, Thủ tướng ...).
    """
    settings = get_settings(db)
    own = fold(decision.issuer) in {fold(settings.office_name), fold(settings.document_symbol)}
    own = own or fold(decision.number).endswith(f"-{fold(settings.document_symbol)}")
    if not own:
        raise UserError(
            f"Quyết định số {decision.number} do {decision.issuer} ban hành; chương trình chỉ in "
            f"quyết định và giấy khen của {settings.office_name}."
        )


def _positions(db: Database, awards: list[Award]) -> dict[int, str]:
    return {a.staff_id: staff_db.get_staff(db, a.staff_id).position for a in awards if a.staff_id is not None}


def decision_text_for(db: Database, decision_id: int) -> DecisionText:
    """The decision's texts, its awards in list order.

    Raises:
        UserError: the decision has no awards to list.
    """
    decision = decisions_db.get_decision(db, decision_id)
    check_own_decision(db, decision)
    awards = decisions_db.awards_of_decision(db, decision_id)
    if not awards:
        raise UserError(f"Quyết định số {decision.number} chưa có ai trong danh sách khen thưởng.")
    options = register.get_print_options(db)
    kinds = {a.award_type: a.award_kind for a in awards}
    return decision_text(decision, awards, get_settings(db), positions=_positions(db, awards), kinds=kinds,
                         office_bases=list(options.office_bases), proposer=options.proposer)


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
    """One certificate per award (same order), each with its planned serial."""
    settings = get_settings(db)
    types = {t.code: t for t in catalog.list_award_types(db, active_only=False)}
    serials = {i.award_id: i.serial for i in issues}
    decisions: dict[int, Decision] = {}
    certs = []
    for award in awards:
        if award.decision_id not in decisions:
            decisions[award.decision_id] = decisions_db.get_decision(db, award.decision_id)
        person = staff_db.get_staff(db, award.staff_id) if award.staff_id is not None else None
        award_type = types[award.award_type]
        certs.append(certificate_for(
            award=award, decision=decisions[award.decision_id], settings=settings,
            certificate_kind=award_type.certificate_kind, award_kind=award_type.kind,
            gender=person.gender if person else "", position=person.position if person else "",
            serial=serials.get(award.id, ""),
        ))
    return certs


__all__ = ["NotFoundError", "certificate_awards", "certificates_for", "decision_text_for", "find_decision"]
