"""Gather what each document needs from the database and hand it to the pure text builders in reports/."""

from __future__ import annotations

import datetime as dt
import re

from sqlite_utils import Database

from tdkt_desktop.db import catalog
from tdkt_desktop.db import certificates as register
from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db import review_council as council_db
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import statistics as statistics_db
from tdkt_desktop.db import units as units_db
from tdkt_desktop.db.award_records import Award, Decision
from tdkt_desktop.db.records import Settings
from tdkt_desktop.db.settings import get_settings
from tdkt_desktop.errors import UserError
from tdkt_desktop.reports import base
from tdkt_desktop.reports.decision import DecisionText, decision_text
from tdkt_desktop.reports.minutes import Candidate, Member, MinutesText, minutes_text
from tdkt_desktop.reports.proposal import ProposalText, council_signer, proposal_text
from tdkt_desktop.reports.registration import RegistrationText, collective_form, individual_form
from tdkt_desktop.reports.statistics import StatisticsText, statistics_text
from tdkt_desktop.reports.wording import position_rank, purpose
from tdkt_desktop.services import council as council_service
from tdkt_desktop.services import rulesets
from tdkt_desktop.services.certificate_sources import check_own_decision, own_decision
from tdkt_desktop.text import fold, format_date, nfc

#: Rows of the attendance table when the office has not recorded its council: filled in by hand.
BLANK_MEMBER_ROWS = 9


class NoMeetingRecorded(UserError):
    """No council meeting is recorded for a decision; the blank minutes form may be printed instead."""


def _positions(db: Database, awards: list[Award]) -> dict[int, str]:
    return {a.staff_id: staff_db.get_staff(db, a.staff_id).position for a in awards if a.staff_id is not None}


def _listed_awards(db: Database, decision: Decision) -> list[Award]:
    awards = decisions_db.awards_of_decision(db, decision.id)
    if not awards:
        raise UserError(f"Quyết định số {decision.number} chưa có ai trong danh sách khen thưởng.")
    return awards


def decision_text_for(db: Database, decision_id: int) -> DecisionText:
    """The decision's texts, its awards in list order.

    Raises:
        UserError: another body's decision, or one with no awards to list.
    """
    decision = decisions_db.get_decision(db, decision_id)
    check_own_decision(db, decision)
    awards = _listed_awards(db, decision)
    options = register.get_print_options(db)
    kinds = {a.award_type: a.award_kind for a in awards}
    return decision_text(decision, awards, get_settings(db), positions=_positions(db, awards), kinds=kinds,
                         office_bases=list(options.office_bases), proposer=options.proposer)


def _recipient(decision: Decision) -> str:
    """Who decides on a decision issued elsewhere: 'Chủ tịch UBND tỉnh Cao Bằng', 'Bộ trưởng Bộ …'."""
    title = nfc(decision.signer_title).capitalize()
    issuer = nfc(decision.issuer)
    return issuer if not title or fold(issuer).startswith(fold(title)) else f"{title} {issuer}"


def _council_signer(db: Database, settings: Settings) -> base.Signer:
    """The recorded council's chair, or its first vice-chair when the chair is the head of office
    the tờ trình is addressed to (the usual case: the Giám đốc chairs the council)."""
    members = council_db.list_members(db)
    chair = next((m.full_name for m in members if m.role == "chu_tich"), "")
    vice = next((m.full_name for m in members if m.role == "pho_chu_tich"), "")
    if chair and fold(chair) != fold(settings.signer_name):
        return council_signer(chair)
    return council_signer("", vice)


def proposal_date(db: Database, decision: Decision) -> dt.date:
    """The day a decision's tờ trình belongs to: the council meeting that led to it, else the decision's day."""
    meeting_id = decisions_db.council_meeting_of(db, decision.id)
    return council_db.get_meeting(db, meeting_id).held_on if meeting_id else decision.issued_on


def proposal_for(db: Database, decision_id: int, *, on: dt.date | None = None) -> ProposalText:
    """The tờ trình that proposed a decision's list: the council to the office's head for the
    office's own decisions, the office to the deciding body for the others.

    Dated ``on`` (the chooser's date) or by :func:`proposal_date`; its "Căn cứ" lines follow that date.
    """
    decision = decisions_db.get_decision(db, decision_id)
    awards = _listed_awards(db, decision)
    settings = get_settings(db)
    own = own_decision(settings, decision)
    recipient = f"{nfc(settings.signer_title).capitalize()} {base.office_plain(settings.office_name)}" if own \
        else _recipient(decision)
    return proposal_text(awards, settings, recipient=recipient, positions=_positions(db, awards),
                         kinds={a.award_type: a.award_kind for a in awards}, council=own,
                         date=on or proposal_date(db, decision),
                         office_bases=list(register.get_print_options(db).office_bases),
                         signer=_council_signer(db, settings) if own else None, purpose=purpose(decision, awards))


def _province(settings: Settings) -> str:
    """'UBND TỈNH CAO BẰNG' → 'tỉnh Cao Bằng' (blank when the governing body is not a province)."""
    match = re.search(r"(TỈNH|THÀNH PHỐ)\s+(.+)$", nfc(settings.governing_body), flags=re.IGNORECASE)
    return f"{match.group(1).lower()} {match.group(2).title()}" if match else ""


def _upward(db: Database, meeting_id: int) -> list:
    """The meeting's passed candidates whose award the office does not decide itself."""
    meeting = council_db.get_meeting(db, meeting_id)
    office = set(rulesets.ruleset_for_year(db, meeting.year).data["council"]["office_decides"])
    return [c for c in council_service.candidates(db, meeting_id)
            if c.passed and c.proposal.award_type not in office]


def upward_authorities(db: Database, meeting_id: int) -> dict[str, int]:
    """Who decides the meeting's passed candidates that go upward: authority → number of candidates."""
    decides = _authorities(db, council_db.get_meeting(db, meeting_id).year)
    counts: dict[str, int] = {}
    for c in _upward(db, meeting_id):
        who = decides(c.proposal.award_type)
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
                         on: dt.date | None = None) -> ProposalText:
    """The tờ trình sending a meeting's passed candidates for ``authority``'s awards upward, dated
    ``on`` or the meeting's day.

    Raises:
        UserError: no passed candidate goes to that authority.
    """
    meeting = council_db.get_meeting(db, meeting_id)
    types = {t.code: t for t in catalog.list_award_types(db, active_only=False)}
    decides = _authorities(db, meeting.year)
    proposals = [c.proposal for c in _upward(db, meeting_id) if decides(c.proposal.award_type) == authority]
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
                         date=on or meeting.held_on,
                         office_bases=list(register.get_print_options(db).office_bases))


def minutes_for(db: Database, decision_id: int) -> MinutesText:
    """Minutes of the council meeting behind a decision, as recorded.

    Raises:
        NoMeetingRecorded: no recorded meeting voted on the decision's list (see :func:`blank_minutes_for`).
    """
    decision = decisions_db.get_decision(db, decision_id)
    meeting_id = decisions_db.council_meeting_of(db, decision_id)
    if meeting_id is None:
        raise NoMeetingRecorded(
            f"Chưa có cuộc họp Hội đồng Thi đua - Khen thưởng nào được ghi cho danh sách của Quyết định số "
            f"{base.doc_number(decision.number)} ngày {format_date(decision.issued_on)}."
        )
    return minutes_for_meeting(db, meeting_id)


def blank_minutes_for(db: Database, decision_id: int) -> MinutesText:
    """The minutes form for a decision's list: the council as recorded (or blank rows when it is not),
    the decision's list as candidates; date, attendance and votes left to fill by hand."""
    decision = decisions_db.get_decision(db, decision_id)
    awards = _listed_awards(db, decision)
    positions = _positions(db, awards)
    candidates = [
        Candidate(a.recipient_name, ", ".join(p for p in (positions.get(a.staff_id, ""), a.unit_name) if p)
                  if a.staff_id is not None else "", a.award_name, collective=a.staff_id is None)
        for a in awards
    ]
    members = [Member(m.full_name, council_db.ROLES.get(m.role, m.role), present=None)
               for m in council_db.list_members(db)]
    members = members or [Member("", "", present=None)] * BLANK_MEMBER_ROWS
    settings = get_settings(db)
    return minutes_text(settings, year=awards[0].year or decision.year, held_on=None, place="",
                        members=members, candidates=candidates)


def minutes_for_meeting(db: Database, meeting_id: int) -> MinutesText:
    """Minutes of a recorded council meeting: its attendance, every candidate's votes and result."""
    meeting = council_db.get_meeting(db, meeting_id)
    members = [
        Member(a.full_name, council_db.ROLES.get(a.role, a.role), present=a.present,
               reason="" if a.present else ("có ý kiến bằng văn bản" if a.written_opinion else ""),
               written=not a.present and a.written_opinion)
        for a in council_db.attendance(db, meeting_id)
    ]
    candidates = [
        Candidate(c.proposal.name, c.proposal.unit_name, c.proposal.award_name,
                  c.votes_for if c.voted else None, ("Đạt" if c.passed else "Không đạt") if c.voted else "",
                  collective=c.proposal.staff_id is None)
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
    head = next((m.full_name for m in sorted(members, key=lambda m: position_rank(m.position))
                 if position_rank(m.position) == (0, 0)), "")
    return collective_form(settings, year=year, unit=unit.name, head_name=head, title=title_name,
                           form=form_name, members=members, today=today)


def statistics_for(db: Database, from_year: int, to_year: int) -> StatisticsText:
    """Read the counts for the period and build the texts.

    Raises:
        UserError: the years are reversed or implausible.
    """
    if from_year > to_year:
        raise UserError(f"Năm bắt đầu ({from_year}) sau năm kết thúc ({to_year}).")
    if from_year < 1945 or to_year > 2100:
        raise UserError(f"Giai đoạn {from_year}–{to_year} không hợp lệ.")
    counts = statistics_db.award_counts(db, from_year, to_year)
    by_year = statistics_db.counts_by_year(db, from_year, to_year)
    return statistics_text(counts, by_year, get_settings(db), from_year, to_year, today=dt.date.today())
