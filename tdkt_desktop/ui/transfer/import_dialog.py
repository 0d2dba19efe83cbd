"""Import preview: every change field by field, every bad row, the legacy-encoding choice; confirm edits."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)
from sqlite_utils import Database

from tdkt_desktop.importing.importer import ImportPlan, check_file
from tdkt_desktop.importing.legacy import ENCODINGS
from tdkt_desktop.importing.preview import PlannedChange, changed_people, describe_plan
from tdkt_desktop.ui.common.table_model import Column, RecordTableModel
from tdkt_desktop.ui.common.widgets import confirm, fit_to_screen, setup_table


class SummaryModel(RecordTableModel):
    """Per sheet: rows, added, updated, unchanged."""

    COLUMNS = (
        Column("Trang", lambda s: s.name),
        Column("Số dòng", lambda s: s.rows),
        Column("Thêm mới", lambda s: s.added),
        Column("Sửa", lambda s: s.updated),
        Column("Không đổi", lambda s: s.unchanged),
    )


class ChangeModel(RecordTableModel):
    """Every change the import will write: kind, then what exactly ("CB001 · Họ và tên: … → …")."""

    COLUMNS = (
        Column("Thay đổi", lambda c: c.label),
        Column("Nội dung", lambda c: c.text, tooltip=lambda c: c.text),
    )


class IssueModel(RecordTableModel):
    """Every reason the file cannot be imported."""

    COLUMNS = (
        Column("Trang", lambda i: i.sheet or "(tệp)"),
        Column("Dòng", lambda i: i.row or ""),
        Column("Cột", lambda i: i.column),
        Column("Giá trị", lambda i: i.value),
        Column("Lý do", lambda i: i.reason),
    )


class ImportDialog(QDialog):
    """Checks the file (writing nothing) and shows the result; ``plan`` is what the caller applies."""

    def __init__(self, db: Database, path: Path | str, parent=None):
        super().__init__(parent)
        self.db, self.path = db, Path(path)
        self.plan: ImportPlan | None = None
        self.report: Path | None = None
        self.setWindowTitle(f"Nhập từ Excel – {self.path.name}")
        fit_to_screen(self, 1000, 680)
        self.changes: list[PlannedChange] = []
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.convert = QCheckBox()
        self.convert.hide()
        self.convert.toggled.connect(lambda _: self.check())
        self.summary = SummaryModel(self)
        self.summary_view = QTableView()
        setup_table(self.summary_view, self.summary)
        self.summary_view.setMaximumHeight(6 * self.summary_view.verticalHeader().defaultSectionSize() + 8)
        self.change_model = ChangeModel(self)
        self.changes_view = QTableView()
        setup_table(self.changes_view, self.change_model, sortable=False)
        self.changes_view.setColumnWidth(0, 20 * self.fontMetrics().averageCharWidth())
        self.changes_title = QLabel()
        self.issues = IssueModel(self)
        self.issues_view = QTableView()
        setup_table(self.issues_view, self.issues)
        for column, width in ((0, 110), (1, 55), (2, 150), (3, 170)):
            self.issues_view.setColumnWidth(column, width)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("Nhập dữ liệu", QDialogButtonBox.ButtonRole.AcceptRole)
        self.report_button = QPushButton("Lưu báo cáo lỗi…")
        self.buttons.addButton(self.report_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = self.buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        close.clicked.connect(self.reject)
        self.report_button.clicked.connect(self.save_report)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Tệp: {self.path}"))
        layout.addWidget(self.convert)
        layout.addWidget(self.headline)
        layout.addWidget(self.summary_view)
        layout.addWidget(self.changes_title)
        layout.addWidget(self.changes_view, 1)
        self.issues_title = QLabel("Lỗi cần sửa trong tệp (trang, dòng, cột, giá trị, lý do):")
        layout.addWidget(self.issues_title)
        layout.addWidget(self.issues_view, 1)
        layout.addWidget(self.buttons)
        self.check()

    def check(self) -> None:
        """(Re)read and check the file; with legacy text, convert unless the box is unticked."""
        encoding = "auto" if self.plan is None or self.convert.isChecked() else None
        plan = check_file(self.db, self.path, encoding=encoding)
        self.plan = plan
        if plan.detected_encoding:
            self.convert.blockSignals(True)
            self.convert.setText(f"Chuyển chữ từ bảng mã {ENCODINGS[plan.detected_encoding]} sang Unicode")
            self.convert.setChecked(plan.encoding is not None)
            self.convert.show()
            self.convert.blockSignals(False)
        self.summary.set_rows(list(plan.summaries.values()))
        self.issues.set_rows(plan.issues)
        self.changes = describe_plan(self.db, plan)
        self.change_model.set_rows(self.changes)
        for widget in (self.changes_title, self.changes_view):
            widget.setVisible(plan.ok)
        for widget in (self.issues_title, self.issues_view):
            widget.setVisible(not plan.ok)
        self.changes_title.setText(f"Các thay đổi sẽ ghi vào dữ liệu ({len(self.changes)}):")
        self.report = None
        if plan.ok:
            people = changed_people(self.db, plan)
            edited = f" <b>Sửa thông tin của {len(people)} người đang có trong sổ.</b>" if people else ""
            self.headline.setText(
                f"<b>Không có lỗi.</b> Sẽ thêm hoặc sửa {plan.changes} dòng.{edited}" if plan.changes
                else "<b>Không có gì mới:</b> mọi dòng đã có sẵn trong dữ liệu."
            )
        else:
            self.headline.setText(
                f"<b style='color:#b00020'>Tệp có {len(plan.issues)} lỗi; chưa nhập dòng nào.</b> "
                "Sửa các dòng dưới đây trong Excel rồi nhập lại."
            )
            self._write_report_next_to_file()
        self.import_button.setEnabled(plan.ok and plan.changes > 0)
        self.report_button.setEnabled(not plan.ok)

    def accept(self) -> None:
        """Import; when people already in the register would be changed, ask first, naming them."""
        people = changed_people(self.db, self.plan) if self.plan else []
        if people:
            names = ", ".join(f"{p.code} {p.full_name}" for p in people[:5]) + (" …" if len(people) > 5 else "")
            details = "\n".join(c.line() for c in self.changes if c.kind == "sua_can_bo")
            if not confirm(
                self, "Sửa người đã có trong sổ",
                f"Tệp sẽ sửa thông tin của {len(people)} người đang có trong sổ cán bộ ({names}). "
                "Các thông tin cũ sẽ bị thay bằng thông tin trong tệp.\n\nNhập và sửa những người này?",
                yes="Nhập và sửa", no="Xem lại", details=details,
            ):
                return
        super().accept()

    def _write_report_next_to_file(self) -> None:
        from tdkt_desktop.importing.report import write_report

        if not (self.path.exists() and self.path.is_file()):
            return
        try:
            self.report = write_report(self.plan)
        except OSError:
            self.report = None
            return
        self.headline.setText(self.headline.text() + f"<br>Báo cáo lỗi đã ghi cạnh tệp: {self.report}")

    def save_report(self) -> None:
        """Save the error report where the user chooses."""
        from tdkt_desktop.importing.report import report_path, write_report

        target, _ = QFileDialog.getSaveFileName(self, "Lưu báo cáo lỗi", str(report_path(self.path)), "Excel (*.xlsx)")
        if not target:
            return
        try:
            write_report(self.plan, target)
        except OSError as exc:
            QMessageBox.critical(self, "Không ghi được tệp", f"Không ghi được “{target}”: {exc}")
