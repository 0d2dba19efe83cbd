"""Page "Chấm điểm, xếp hạng": criteria of the year, each member's own and agreed scores, the ranking, Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
)

from tdkt_desktop.db import bloc_scores as scores_db
from tdkt_desktop.db.bloc_records import Criterion
from tdkt_desktop.rules.scoring import CriterionFact, maximum_total, points_text, to_points
from tdkt_desktop.services import blocs as bloc_service
from tdkt_desktop.ui.blocs.dialogs import CriterionDialog
from tdkt_desktop.ui.blocs.models import CriterionScore, CriterionScoreModel, RankingModel
from tdkt_desktop.ui.blocs.page import BlocPage, edit_on_typing, file_slug
from tdkt_desktop.ui.common.widgets import setup_table

_SHOWN_ISSUES = 15


class ScoresPage(BlocPage):
    """The ranking on the left (shared ranks highlighted); the selected member's scores on the right."""

    def __init__(self, db, window, tab):
        super().__init__(db, window, tab)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.template_button = QPushButton("Tạo mẫu Excel…")
        self.import_button = QPushButton("Nhập điểm từ Excel…")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.template_button)
        top.addWidget(self.import_button)
        self.ranking = RankingModel(self)
        self.ranking_view = QTableView()
        setup_table(self.ranking_view, self.ranking, sortable=False)
        ranking_header = self.ranking_view.horizontalHeader()
        ranking_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        ranking_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        ranking_header.setStretchLastSection(False)
        self.detail = CriterionScoreModel(self)
        self.detail_view = QTableView()
        setup_table(self.detail_view, self.detail, sortable=False)
        edit_on_typing(self.detail_view)
        self.detail_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        header = self.detail_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.add_criterion_button = QPushButton("Thêm tiêu chí…")
        self.edit_criterion_button = QPushButton("Sửa tiêu chí…")
        self.delete_criterion_button = QPushButton("Xóa tiêu chí")
        self.detail_box = QGroupBox("Điểm của đơn vị")
        detail_layout = QVBoxLayout(self.detail_box)
        detail_layout.addWidget(QLabel("Nhấp đúp ô “Tự chấm” hoặc “Khối chấm” để nhập điểm (để trống là chưa chấm)."))
        detail_layout.addWidget(self.detail_view)
        buttons = QHBoxLayout()
        for w in (self.add_criterion_button, self.edit_criterion_button, self.delete_criterion_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        detail_layout.addLayout(buttons)
        ranking_box = QGroupBox("Xếp hạng (điểm khối chấm; điểm tự chấm nếu khối chưa chấm)")
        QVBoxLayout(ranking_box).addWidget(self.ranking_view)
        splitter = QSplitter()
        splitter.addWidget(ranking_box)
        splitter.addWidget(self.detail_box)
        splitter.setSizes([560, 780])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.ranking_view.selectionModel().currentRowChanged.connect(lambda *_a: self._show_member())
        self.detail.edited.connect(self._on_score)
        self.add_criterion_button.clicked.connect(self.add_criterion)
        self.edit_criterion_button.clicked.connect(self.edit_criterion)
        self.detail_view.doubleClicked.connect(lambda i: i.column() < 4 and self.edit_criterion())
        self.delete_criterion_button.clicked.connect(self.delete_criterion)
        self.template_button.clicked.connect(self.write_template)
        self.import_button.clicked.connect(self.import_file)

    # --- reading --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Criteria, ranking and the selected member's scores for the tab's bloc and year."""
        self._stale = False
        bloc_id, year = self.tab.bloc_id(), self.tab.year()
        current = self.selected_member_id()
        self.criteria = scores_db.list_criteria(self.db, bloc_id, year) if bloc_id is not None else []
        rows = bloc_service.ranking(self.db, bloc_id, year) if bloc_id is not None else []
        self.ranking.set_rows(rows)
        for w in (self.template_button, self.import_button, self.add_criterion_button):
            w.setEnabled(bloc_id is not None)
        scored = sum(r.rank is not None for r in rows)
        facts = [CriterionFact(c.id, c.max_points, c.kind) for c in self.criteria]
        ties = sum(r.tied for r in rows)
        self.summary.setText(
            f"Năm {year}: {len(self.criteria)} tiêu chí, tối đa {points_text(maximum_total(facts))} điểm · "
            f"{scored}/{len(rows)} đơn vị đã có điểm"
            + (f" · {ties} đơn vị bằng điểm (cùng hạng, tô vàng)" if ties else "")
            if self.criteria else f"Năm {year} chưa có tiêu chí chấm điểm: thêm tiêu chí, hoặc nhập từ tệp Excel."
        )
        row = self.ranking.row_of(lambda r: r.member_id == current)
        if rows:
            self.ranking_view.selectRow(max(row, 0))
        self._show_member()
        self.tab.sync_projector()

    def selected_member_id(self) -> int | None:
        index = self.ranking_view.currentIndex()
        return self.ranking.record(index.row()).member_id if index.isValid() else None

    def _show_member(self) -> None:
        index = self.ranking_view.currentIndex()
        member = self.ranking.record(index.row()) if index.isValid() else None
        self.detail_box.setTitle(f"Điểm của {member.name}" if member else "Điểm của đơn vị")
        bloc_id = self.tab.bloc_id()
        marks = {}
        if member is not None and bloc_id is not None:
            marks = {s.criterion_id: s for s in scores_db.list_scores(self.db, bloc_id, self.tab.year())
                     if s.member_id == member.member_id}
        self.detail.editable = member is not None
        self.detail.set_rows([
            CriterionScore(c.id, c.code, c.content, c.kind, c.max_points,
                           marks[c.id].self_score if c.id in marks else None,
                           marks[c.id].agreed_score if c.id in marks else None)
            for c in self.criteria
        ])
        for w in (self.edit_criterion_button, self.delete_criterion_button):
            w.setEnabled(bool(self.criteria))

    def projector_content(self):
        """The ranking in large type."""
        from tdkt_desktop.ui.common.projector import ProjectorContent

        if self._stale:
            self.reload()
        bloc = self.tab.bloc()
        name = bloc.name.upper() if bloc else ""
        return ProjectorContent(
            title=f"{name}\nKẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG NĂM {self.tab.year()}", note=self.summary.text(),
            model_class=RankingModel, rows=[r for r in self.ranking.records() if r.rank is not None], stretch_column=1,
        )

    # --- writing --------------------------------------------------------------------------------

    def _on_score(self, _row: int, record: CriterionScore, field: str, text: str) -> None:
        member_id = self.selected_member_id()
        if member_id is None:
            return
        try:
            value = to_points(text) if text else None
        except ValueError as exc:
            QMessageBox.warning(self, "Điểm không hợp lệ", f"Tiêu chí {record.code}: {exc}.")
            return
        own = value if field == "self_score" else record.self_score
        agreed = value if field == "agreed_score" else record.agreed_score
        QTimer.singleShot(0, lambda: self.write(
            lambda: bloc_service.set_score(self.db, record.criterion_id, member_id, own, agreed)))

    def _selected_criterion(self) -> Criterion | None:
        index = self.detail_view.currentIndex()
        if not index.isValid():
            return self.criteria[0] if len(self.criteria) == 1 else None
        wanted = self.detail.record(index.row()).criterion_id
        return next((c for c in self.criteria if c.id == wanted), None)

    def add_criterion(self) -> None:
        blank = Criterion(None, self.tab.bloc_id(), self.tab.year(), f"TC{len(self.criteria) + 1}", "", 0)  # type: ignore[arg-type]
        dialog = CriterionDialog(blank, self)
        if dialog.exec():
            self.write(lambda: scores_db.save_criterion(self.db, dialog.value()))

    def edit_criterion(self) -> None:
        criterion = self._selected_criterion()
        if criterion is None:
            return
        dialog = CriterionDialog(criterion, self)
        if dialog.exec():
            self.write(lambda: scores_db.save_criterion(self.db, dialog.value()))

    def delete_criterion(self) -> None:
        criterion = self._selected_criterion()
        if criterion is None:
            return
        answer = QMessageBox.question(self, "Chấm điểm",
                                      f"Xóa tiêu chí {criterion.code} và mọi điểm đã chấm ở tiêu chí này?")
        if answer == QMessageBox.StandardButton.Yes:
            self.write(lambda: scores_db.delete_criterion(self.db, criterion.id))

    def write_template(self) -> None:
        from tdkt_desktop.importing.bloc_scores import write_template

        bloc, year = self.tab.bloc(), self.tab.year()
        if bloc is None:
            return
        suggested = f"cham-diem-{year}-{file_slug(bloc.name)}.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, "Lưu mẫu chấm điểm", suggested,
                                              "Bảng tính Excel (*.xlsx)")
        if not name:
            return
        try:
            write_template(self.db, bloc, year, Path(name))
        except OSError as exc:
            QMessageBox.critical(self, "Không lưu được", f"Không ghi được tệp “{name}”: {exc.strerror or exc}.")
            return
        self.main_window.statusBar().showMessage(f"Đã lưu mẫu chấm điểm: {name}", 8000)

    def import_file(self, path: str | None = None) -> None:
        """Check the whole file; import all of it, or nothing and show every problem."""
        from tdkt_desktop.importing.bloc_scores import import_scores, issue_text

        bloc, year = self.tab.bloc(), self.tab.year()
        if bloc is None:
            return
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, "Nhập điểm từ Excel", "", "Bảng tính Excel (*.xlsx)")
        if not path:
            return
        result = self.write(lambda: import_scores(self.db, Path(path), bloc, year))
        if result is None:
            return
        if not result.ok:
            lines = [issue_text(i) for i in result.issues[:_SHOWN_ISSUES]]
            more = len(result.issues) - len(lines)
            QMessageBox.warning(self, "Không nhập được", f"Tệp có {len(result.issues)} lỗi, không nhập gì; dữ liệu giữ "
                                "nguyên.\n\n" + "\n".join(lines) + (f"\n… và {more} lỗi khác." if more else ""))
            return
        done = (f"Đã nhập {len(result.criteria)} tiêu chí, {len(result.scores)} dòng điểm năm {year}."
                if result.changed else "Không có gì thay đổi: dữ liệu đã đúng như tệp.")
        self.main_window.statusBar().showMessage(done, 8000)
