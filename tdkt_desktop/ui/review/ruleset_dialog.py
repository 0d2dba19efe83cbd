"""Rule-set editor: see which set applies to which year, edit an office copy's parameters with validation."""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
)
from sqlite_utils import Database

from tdkt_desktop.errors import ValidationError
from tdkt_desktop.rules import params
from tdkt_desktop.rules import ruleset as rules
from tdkt_desktop.rules.ruleset import RuleSet
from tdkt_desktop.services import rulesets
from tdkt_desktop.ui.common import changes
from tdkt_desktop.ui.common.changes import WriteFailed
from tdkt_desktop.ui.common.widgets import DateLineEdit, ErrorLabel, save_cancel_box
from tdkt_desktop.ui.review.models import ParamModel, ParamRow, YearMapModel, YearRow


class RuleSetDialog(QDialog):
    """Shows one rule set; an office copy is editable. ``value()`` returns the edited parameter tree.

    The dialog never writes: the page saves ``value()`` through ``services.rulesets``. Parameters show
    with Vietnamese labels, names instead of codes, dates as dd/mm/yyyy and their units.
    """

    def __init__(self, rs: RuleSet, all_sets: list[RuleSet], parent=None, *, read_only: bool = False):
        super().__init__(parent)
        self.setWindowTitle(f"Bộ quy tắc — {rs.name}")
        self.resize(1280, 700)  # fits a 1366 × 768 screen
        self.read_only = read_only
        self._data = rs.data
        self._cell_errors: dict[str, str] = {}
        self.name = QLineEdit(rs.name)
        self.effective = DateLineEdit("Ngày hiệu lực")
        self.effective.set_date(rs.effective_from)
        for field in (self.name, self.effective):
            field.setReadOnly(read_only)
            field.textChanged.connect(self.validate)
        form = QFormLayout()
        form.addRow("Tên bộ quy tắc:", self.name)
        form.addRow("Hiệu lực từ ngày:", self.effective)
        form.addRow("Căn cứ:", QLabel(rs.data.get("basis", "")))
        if rs.based_on:
            form.addRow("Sao chép từ:", QLabel(rs.based_on))

        self.params = ParamModel(self)
        self.params.read_only = read_only
        self.params.edited.connect(self._on_edit)
        self.param_view = QTableView()
        self.param_view.setModel(self.params)
        self.param_view.verticalHeader().hide()
        self.param_view.horizontalHeader().setStretchLastSection(True)
        self.param_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((210, 280, 300)):
            self.param_view.setColumnWidth(column, width)
        self.param_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.years = YearMapModel(self)
        self.year_view = QTableView()
        self.year_view.setModel(self.years)
        self.year_view.verticalHeader().hide()
        self.year_view.horizontalHeader().setStretchLastSection(True)
        self.year_view.setMinimumWidth(300)
        self.year_view.setMaximumWidth(330)
        self.year_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self._all_sets = all_sets
        self._fill_years()

        self.error = ErrorLabel()
        if read_only:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
            self.buttons.rejected.connect(self.reject)
        else:
            self.buttons = save_cancel_box(self)
        hint = QLabel(
            "Nhấp đúp vào ô Giá trị để sửa. Tỉ lệ ghi 4/5, 80 % hoặc 0,8; ngày ghi dd/mm/yyyy; danh sách ngăn bằng "
            "dấu “;”; hạn mức ghi “15 % số Lao động tiên tiến”; biểu quyết ghi “từ 4/5 tổng số thành viên Hội đồng” "
            "hoặc “trên 1/2 số thành viên có mặt”; để trống = tắt."
            if not read_only else
            "Bộ quy tắc gốc chỉ xem; hãy sao chép để cơ quan chỉnh theo quy chế của tỉnh/bộ."
        )
        hint.setWordWrap(True)
        body = QHBoxLayout()
        body.addWidget(self.param_view, 3)
        years_box = QVBoxLayout()
        years_box.addWidget(QLabel("Năm nào áp dụng bộ quy tắc nào:"))
        years_box.addWidget(self.year_view)
        body.addLayout(years_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._fill_params()
        self.validate()

    def _fill_years(self) -> None:
        rows = []
        for year in range(2017, 2031):
            try:
                rs = rules.resolve(self._all_sets, year)
                rows.append(YearRow(year, rs.name + (" (bản của cơ quan)" if rs.source == "office" else "")))
            except ValidationError:  # a year no set covers is shown as such
                rows.append(YearRow(year, "(không có bộ quy tắc)"))
        self.years.set_rows(rows)

    def _fill_params(self) -> None:
        unverified = set(self._data.get("unverified", []))
        errors = {**rules.validate(self.value()), **self._cell_errors}
        rows: list[ParamRow] = []
        for path, value in params.flatten(self._data):
            if not params.shown(path):
                continue
            marked = any(path == u or path.startswith(u + ".") for u in unverified)
            error = next((msg for key, msg in errors.items() if key == path or key.startswith(path + ".")), "")
            group, name = params.group_and_name(path, self._data)
            rows.append(ParamRow(
                path, value, params.is_editable(path), marked, error, name,
                params.show_value(value, path, self._data), params.edit_text(value, path, self._data),
                group, not rows or rows[-1].group != group,
            ))
        self.params.set_rows(rows)

    def _on_edit(self, path: str, text: str) -> None:
        old = dict(params.flatten(self._data)).get(path)
        try:
            value = params.parse_value(text, old, path, self._data)
        except ValueError as exc:
            self._cell_errors[path] = f"{params.label(path, self._data)}: {exc}"
        else:
            self._cell_errors.pop(path, None)
            self._data = params.set_param(self._data, path, value)
        self._fill_params()
        self.validate()

    def value(self) -> dict:
        """The edited parameter tree (name and effective date from the fields)."""
        data = dict(self._data)
        data["name"] = self.name.text().strip()
        try:
            day = self.effective.date()
        except ValueError:
            day = None
        data["effective_from"] = day.isoformat() if day else self.effective.text()
        return data

    def validate(self) -> bool:
        """Enable Save only when every parameter is valid; the first error shows under the table."""
        errors = {**rules.validate(self.value()), **self._cell_errors}
        try:
            self.effective.date()
        except ValueError as exc:
            errors["effective_from"] = str(exc)
        self.error.show_error("\n".join(list(errors.values())[:3]) if errors else None)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setEnabled(not errors and not self.read_only)
        return not errors


def open_rules_for_year(parent, db: Database, window, year: int) -> None:
    """The page's entry point: view the year's set; copy a bundled set before editing; save through db."""
    sets = rulesets.all_rulesets(db)
    rs = rules.resolve(sets, year)
    if rs.source == "builtin":
        answer = QMessageBox.question(
            parent, "Bộ quy tắc",
            f"Năm {year} áp dụng bộ quy tắc gốc “{rs.name}”.\n\n"
            "Sao chép thành bản của cơ quan để chỉnh sửa? (Chọn “Không” để chỉ xem.)",
        )
        if answer != QMessageBox.StandardButton.Yes:
            RuleSetDialog(rs, sets, parent, read_only=True).exec()
            return
        try:
            created = window.run_write(lambda: rulesets.copy_ruleset(db, rs), changes.RULESETS)
        except WriteFailed:
            return
        sets = rulesets.all_rulesets(db)
        rs = rulesets.get_office_ruleset(db, created)
    dialog = RuleSetDialog(rs, sets, parent)
    if dialog.exec():
        with contextlib.suppress(WriteFailed):
            window.run_write(lambda: rulesets.save_office_ruleset(db, rs.office_id, dialog.value()), changes.RULESETS)
