"""The Hội đồng page's live parts: verdicts filled in as the store judges them, votes re-read one row at a time."""

from __future__ import annotations

from tdkt_desktop.db import change_log, review_council
from tdkt_desktop.services import council as council_service
from tdkt_desktop.services import rulesets
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.review.verdict_store import StoreUpdate

#: Writes that only change votes: the rows of the proposals voted on are read again, nothing else.
_VOTES_ONLY = frozenset({"council_votes"})


class CouncilVerdicts:
    """Mixin of ``CouncilPage`` (which owns ``store``, ``candidates`` and ``_seen``)."""

    def refresh(self, changed: frozenset[str] = frozenset({changes.ALL})) -> None:
        """A vote typed at the meeting re-reads only that candidate's row; anything else reloads the page."""
        if (changes.touches(changed, self.topics) and self.wants_reload_now() and not self._stale
                and changed <= {changes.COUNCIL} and self._refresh_votes()):
            return
        super().refresh(changed)

    def _refresh_votes(self) -> bool:
        """The rows of the proposals whose votes changed; False when more than votes changed."""
        found = change_log.since(self.db, self._seen)
        meeting_id = self.current_meeting_id()
        if found.everything or not found.tables <= _VOTES_ONLY or meeting_id is None:
            return False
        self._seen = found.position
        rows = {c.proposal.id: i for i, c in enumerate(self.candidates.records())}
        again = council_service.candidates(self.db, meeting_id, self._ruleset(), self._verdicts(),
                                           proposal_ids=set(found.proposal_ids) & set(rows))
        self.candidates.replace_rows({rows[c.proposal.id]: c for c in again})
        self._after_candidates()
        return True

    def _verdicts(self):
        """The store's verdicts of the meeting's year, as far as judged (None before any)."""
        state = self.store.state if self.store is not None else None
        meeting_id = self.current_meeting_id()
        year = review_council.get_meeting(self.db, meeting_id).year if meeting_id is not None else None
        return state if state is not None and state.year == year else None

    def _ruleset(self):
        state = self._verdicts()
        return state.ruleset if state is not None else rulesets.ruleset_for_year(self.db, self.year.value())

    def _on_store(self, update: StoreUpdate) -> None:
        """Verdicts arrived: the "Điều kiện" column of those candidates is filled in (nothing is read again)."""
        if not self.isVisible():
            self._stale = True  # shown again later: the candidates are read again with the verdicts then known
            return
        if self._stale or self.current_meeting_id() is None:
            return
        state, pending = self._verdicts(), self.store.pending
        again = {}
        for i, c in enumerate(self.candidates.records()):
            p = c.proposal
            key = ("ca_nhan", p.staff_id) if p.staff_id is not None else ("tap_the", p.unit_id)
            if update.keys is None or key in update.keys:
                again[i] = council_service.with_verdict(c, None if key in pending else state)
        self.candidates.replace_rows(again)
        self._sync_projector()
