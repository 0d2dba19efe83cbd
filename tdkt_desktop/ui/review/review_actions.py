"""Proposals on the Bình xét page: Space, "Đề nghị tất cả", the unit rating form, re-reading what a write touched."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QMessageBox

from tdkt_desktop.db import change_log, review
from tdkt_desktop.errors import NotFoundError
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.changes import WriteFailed

#: Past this many changed proposals they are read again all at once.
_FEW_PROPOSALS = 200
_SELECT_ROW = QItemSelectionModel.SelectionFlag.Rows | QItemSelectionModel.SelectionFlag.Select


class ReviewActions:
    """Mixin of ``ReviewPage``: writes go through ``window.run_write``; verdicts never change here."""

    def _restore_selection(self, keep: set, current_key) -> None:
        """Refreshing after a write keeps the rows the officer was working on selected (found by key, not by
        walking every row)."""
        if not keep and current_key is None:
            return
        selection = self.table.selectionModel()
        for key in keep | ({current_key} if current_key else set()):
            source = self.model.row_of_key(key)
            index = self.proxy.mapFromSource(self.model.index(source, 0)) if source >= 0 else QModelIndex()
            if not index.isValid():
                continue
            if key in keep:
                selection.select(index, _SELECT_ROW)
            if key == current_key:
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def _refresh_proposals(self) -> None:
        """After a proposal write: the rows of the proposals it touched get them again (verdicts unchanged)."""
        state, code = self.state, self.current_award()
        if state is None or code is None:
            return
        found = change_log.since(self.db, self._proposals_seen)
        self._proposals_seen = found.position
        if not found.proposal_ids and not found.everything:
            return
        if found.everything or len(found.proposal_ids) > _FEW_PROPOSALS:
            proposals = {(p.staff_id, p.unit_id): p for p in review.list_proposals(self.db, state.year, award=code)}
            changed = []
            for r in self.model.records():
                new = proposals.get((r.id, None) if r.subject == "ca_nhan" else (None, r.id))
                if new != r.proposal:  # status included
                    changed.append(r._replace(proposal=new))
        else:
            by_id = {r.proposal.id: r for r in self.model.records() if r.proposal} if found.proposal_ids else {}
            changed = []
            for pid in found.proposal_ids:
                try:
                    p = review.get_proposal(self.db, pid)
                except NotFoundError:  # withdrawn
                    row = by_id.get(pid)
                    if row is not None:
                        changed.append(row._replace(proposal=None))
                    continue
                if p.year != state.year or p.award_type != code:
                    continue
                key = ("ca_nhan", p.staff_id) if p.staff_id is not None else ("tap_the", p.unit_id)
                i = self.model.row_of_key(key)
                if i >= 0:
                    changed.append(self.model.record(i)._replace(proposal=p))
        self.model.update_rows(changed)
        self._update_meter()

    def _write(self, action, *topics: str) -> bool:
        """One write through the window; False when it failed (the user has seen why)."""
        try:
            self.main_window.run_write(action, *topics)
        except WriteFailed:
            return False
        return True

    def toggle_selected(self) -> None:
        """Space: propose the selected rows, or withdraw them when all are already proposed.

        Rows already granted by a decision are left out and named in the status bar.
        """
        rows = self.selected_rows()
        code, year = self.current_award(), self.year.value()
        if not rows or code is None:
            return
        decided = [r for r in rows if r.decided and not r.proposal]
        rows = [r for r in rows if r not in decided]
        if decided:
            more = f" (và {len(decided) - 1} người, tập thể khác)" if len(decided) > 1 else ""
            self.main_window.statusBar().showMessage(
                f"{decided[0].decision_text()}{more}: không đề nghị lần nữa.", 10000)
        if not rows:
            return
        withdraw = all(r.proposal for r in rows)
        subjects = [(r.subject, r.id, r.proposal.id if r.proposal else None) for r in rows]
        self._write(lambda: review.toggle_proposals(self.db, year, code, subjects, withdraw_all=withdraw),
                    changes.REVIEW)

    def propose_all_eligible(self) -> None:
        """Propose everyone eligible for the chosen award who has no decision or proposal for it yet."""
        code, year = self.current_award(), self.year.value()
        rows = [r for r in self.model.records() if r.proposable and not r.proposal]
        if not rows:
            QMessageBox.information(self, "Bình xét", "Không có ai đủ điều kiện mà chưa được đề nghị.")
            return
        subjects = [(r.subject, r.id, None) for r in rows]
        self._write(lambda: review.toggle_proposals(self.db, year, code, subjects, withdraw_all=False),
                    changes.REVIEW)

    def _save_unit_rating(self) -> None:
        rows = [r for r in self.selected_rows() if r.subject == "tap_the"]
        if not rows:
            QMessageBox.information(self, "Xếp loại tập thể", "Hãy chọn một tập thể trong bảng.")
            return
        year = self.year.value()
        items = [self.unit_form.value(r.id, year) for r in rows]
        self._write(lambda: review.set_unit_ratings(self.db, items), changes.RATINGS)

    def _open_rules(self) -> None:
        from tdkt_desktop.ui.review.ruleset_dialog import open_rules_for_year

        open_rules_for_year(self, self.db, self.main_window, self.year.value())
