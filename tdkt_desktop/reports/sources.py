"""Read what a document needs from the database and hand it to the pure text builders."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from tdkt_desktop.db import catalog
from tdkt_desktop.db import certificates as register
from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import units as units_db
from tdkt_desktop.db.records import Award, CertificateIssue, Decision
from tdkt_desktop.db.settings import get_settings
from tdkt_desktop.errors import NotFoundError, UserError
from tdkt_desktop.reports.base import office_plain
from tdkt_desktop.reports.certificates import Certificate, certificate_for
from tdkt_desktop.reports.decision import DecisionText, decision_text
from tdkt_desktop.reports.minutes import Candidate, Member, MinutesText, minutes_text
from tdkt_desktop.reports.proposal import ProposalText, proposal_text
from tdkt_desktop.reports.registration import RegistrationText, collective_form, individual_form
from tdkt_desktop.services import council as council_service
from tdkt_desktop.services import rulesets
from tdkt_desktop.text import fold, nfc


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



def _recipient(decision: Decision) -> str:
    """Who decides on a decision issued elsewhere: 'Chủ tịch UBND tỉnh Cao Bằng', 'Bộ trưởng Bộ …'."""
    title = nfc(decision.signer_title).capitalize()
    issuer = nfc(decision.issuer)
    return issuer if not title or fold(issuer).startswith(fold(title)) else f"{title} {issuer}"


def proposal_for(db: Database, decision_id: int, *, today: dt.date | None = None) -> ProposalText:
    """The tờ trình that proposed a decision's list: the council to the office's head for the
    office's own decisions, the office to the deciding body for the others."""
    decision = decisions_db.get_decision(db, decision_id)
    awards = decisions_db.awards_of_decision(db, decision_id)
    if not awards:
        raise UserError(f"Quyết định số {decision.number} chưa có ai trong danh sách khen thưởng.")
    settings = get_settings(db)
    try:
        check_own_decision(db, decision)
        own = True
    except UserError:
        own = False
    recipient = f"{nfc(settings.signer_title).capitalize()} {office_plain(settings.office_name)}" if own \
        else _recipient(decision)
    return proposal_text(awards, settings, recipient=recipient, positions=_positions(db, awards),
                         kinds={a.award_type: a.award_kind for a in awards}, council=own,
                         date=today or dt.date.today(),
                         office_bases=list(register.get_print_options(db).office_bases))


def _province(settings) -> str:
    """'UBND TỈNH CAO BẰNG' → 'tỉnh Cao Bằng' (blank when the governing body is not a province)."""
    import re

    match = re.search(r"(TỈNH|THÀNH PHỐ)\s+(.+)$", nfc(settings.governing_body), flags=re.IGNORECASE)
    return f"{match.group(1).lower()} {match.group(2).title()}" if match else ""


def upward_authorities(db: Database, meeting_id: int) -> dict[str, int]:
    """Who decides the meeting's passed candidates that go upward: authority → number of candidates."""
    from tdkt_desktop.db import review_council

    meeting = review_council.get_meeting(db, meeting_id)
    office = set(rulesets.ruleset_for_year(db, meeting.year).data["council"]["office_decides"])
    authority = _authorities(db, meeting.year)
    counts: dict[str, int] = {}
    for c in council_service.candidates(db, meeting_id):
        if c.passed and c.proposal.award_type not in office:
            who = authority(c.proposal.award_type)
            counts[who] = counts.get(who, 0) + 1
    return counts


def _ministry_name(governing_body: str) -> str:
    """'BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH' → 'Bộ Văn hóa, Thể thao và Du lịch' (each field capitalised)."""
    words = nfc(governing_body).lower().split()
    out = []
    for i, word in enumerate(words):
        starts = i <= 1 or words[i - 1] == "và" or words[i - 1].endswith(",")
        out.append(word[:1].upper() + word[1:] if starts and word != "và" else word)
    return " ".join(out)


def _authorities(db: Database, year: int):
    """award code → who decides it for this office: the rule set's authority for the office level
    (a Sở proposes Tập thể lao động xuất sắc to the Chủ tịch UBND tỉnh, a Viện to its Bộ trưởng),
    else the catalog's."""
    rs = rulesets.ruleset_for_year(db, year)
    level = get_settings(db).office_level
    types = {t.code: t for t in catalog.list_award_types(db, active_only=False)}
    return lambda code: rs.authority(code, level) or types[code].authority


def proposal_for_meeting(db: Database, meeting_id: int, authority: str, *,
                         today: dt.date | None = None) -> ProposalText:
    """The tờ trình sending a meeting's passed candidates for ``authority``'s awards upward.

    Raises:
        UserError: no passed candidate goes to that authority.
    """
    from tdkt_desktop.db import review_council

    meeting = review_council.get_meeting(db, meeting_id)
    office = set(rulesets.ruleset_for_year(db, meeting.year).data["council"]["office_decides"])
    types = {t.code: t for t in catalog.list_award_types(db, active_only=False)}
    decides = _authorities(db, meeting.year)
    proposals = [c.proposal for c in council_service.candidates(db, meeting_id)
                 if c.passed and c.proposal.award_type not in office and decides(c.proposal.award_type) == authority]
    if not proposals:
        raise UserError(f"Cuộc họp ngày {meeting.held_on:%d/%m/%Y} không có ai được đề nghị lên {authority}.")
    awards = [
        Award(id=None, decision_id=None, award_type=p.award_type, staff_id=p.staff_id, unit_id=p.unit_id,
              year=p.year, award_name=p.award_name, recipient_name=p.name, unit_name=p.unit_name,
              award_kind=types[p.award_type].kind)
        for p in proposals
    ]
    settings = get_settings(db)
    province = _province(settings)
    recipient, via = authority, ""
    if authority == "Chủ tịch UBND tỉnh" and province:
        # Provincial awards go to the chairman through the Sở Nội vụ (Ban Thi đua - Khen thưởng).
        recipient, via = f"Chủ tịch UBND {province}", "Sở Nội vụ"
    elif authority == "Bộ trưởng" and fold(settings.governing_body).startswith("bo "):
        # A Văn phòng/Viện proposes to its own minister: "Bộ trưởng Bộ Khoa học và Công nghệ".
        recipient = f"Bộ trưởng {_ministry_name(settings.governing_body)}"
    return proposal_text(awards, settings, recipient=recipient, via=via, positions=_positions(db, awards),
                         kinds={a.award_type: a.award_kind for a in awards}, council=False,
                         date=today or dt.date.today(),
                         office_bases=list(register.get_print_options(db).office_bases))


_HEADS = ("trưởng phòng", "chánh văn phòng", "chánh thanh tra", "chi cục trưởng", "giám đốc trung tâm",
          "trưởng ban")


def council_members(db: Database) -> list[Member]:
    """The usual council: the director chairs, deputies are vice-chairs, heads of units are members,
    a Văn phòng officer is secretary (the office edits names on paper if its council differs)."""
    settings = get_settings(db)
    people = [p for p in staff_db.list_staff(db, include_inactive=False)]
    members: list[Member] = []
    for p in people:
        pos = fold(p.position)
        if pos == "giam doc" or fold(p.full_name) == fold(settings.signer_name):
            members.insert(0, Member(p.full_name, "Chủ tịch Hội đồng", present=None))
        elif pos.startswith("pho giam doc"):
            members.append(Member(p.full_name, "Phó Chủ tịch Hội đồng", present=None))
    members += [Member(p.full_name, "Ủy viên", present=None) for p in people if fold(p.position) in {fold(h) for h in _HEADS}]
    secretary = next((p for p in people if fold(p.unit_name) == "van phong so"
                      and fold(p.position).startswith("chuyen vien")), None)
    if secretary is not None:
        members.append(Member(secretary.full_name, "Thư ký Hội đồng", present=None))
    return members


def minutes_for(db: Database, decision_id: int) -> MinutesText:
    """Minutes of the council meeting behind a decision: its list as candidates, votes left to fill."""
    decision = decisions_db.get_decision(db, decision_id)
    awards = decisions_db.awards_of_decision(db, decision_id)
    if not awards:
        raise UserError(f"Quyết định số {decision.number} chưa có ai trong danh sách khen thưởng.")
    positions = _positions(db, awards)
    candidates = [
        Candidate(a.recipient_name, ", ".join(p for p in (positions.get(a.staff_id, ""), a.unit_name) if p)
                  if a.staff_id is not None else "", a.award_name)
        for a in awards
    ]
    settings = get_settings(db)
    return minutes_text(settings, year=awards[0].year or decision.year, held_on=None,
                        place=f"Phòng họp {office_plain(settings.office_name)}",
                        members=council_members(db), candidates=candidates)


def minutes_for_meeting(db: Database, meeting_id: int) -> MinutesText:
    """Minutes of a recorded council meeting: its attendance, every candidate's votes and result."""
    from tdkt_desktop.db import review_council

    meeting = review_council.get_meeting(db, meeting_id)
    members = [
        Member(a.full_name, review_council.ROLES.get(a.role, a.role), present=a.present,
               reason="" if a.present else ("có ý kiến bằng văn bản" if a.written_opinion else ""))
        for a in review_council.attendance(db, meeting_id)
    ]
    candidates = [
        Candidate(c.proposal.name, c.proposal.unit_name, c.proposal.award_name,
                  c.votes_for if c.voted else None, ("Đạt" if c.passed else "Không đạt") if c.voted else "")
        for c in council_service.candidates(db, meeting_id)
    ]
    return minutes_text(get_settings(db), year=meeting.year, held_on=meeting.held_on, place=meeting.place,
                        members=members, candidates=candidates)


def registration_for(db: Database, *, year: int, staff_id: int | None = None, unit_id: int | None = None,
                     title: str = "", form: str = "", today: dt.date | None = None) -> RegistrationText:
    """The individual (``staff_id``) or collective (``unit_id``) registration form; ``title`` and
    ``form`` are award type codes (blank: a dotted line to fill by hand)."""
    settings = get_settings(db)
    names = {t.code: t.name for t in catalog.list_award_types(db, active_only=False)}
    title_name, form_name = names.get(title, ""), names.get(form, "")
    if staff_id is not None:
        person = staff_db.get_staff(db, staff_id)
        return individual_form(settings, year=year, name=person.full_name, position=person.position,
                               unit=person.unit_name, title=title_name, form=form_name, today=today)
    if unit_id is None:
        raise UserError("Hãy chọn một cán bộ hoặc một tập thể để in bản đăng ký.")
    unit = units_db.get_unit(db, unit_id)
    members = staff_db.list_staff(db, unit_id=unit_id, include_inactive=False)
    head = next((m.full_name for m in members if fold(m.position) in {fold(h) for h in _HEADS}
                 or fold(m.position) == "giam doc"), "")
    return collective_form(settings, year=year, unit=unit.name, head_name=head, title=title_name,
                           form=form_name, members=members, today=today)


__all__ = [
    "NotFoundError", "certificate_awards", "certificates_for", "council_members", "decision_text_for",
    "find_decision", "minutes_for", "minutes_for_meeting", "proposal_for", "proposal_for_meeting",
    "registration_for", "upward_authorities",
]
