"""Import preview: what each sheet would add or change, every bad row, the legacy-encoding choice."""

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
from tdkt_desktop.ui.common.table_model import Column, RecordTableModel
from tdkt_desktop.ui.common.widgets import setup_table


class SummaryModel(RecordTableModel):
    """Per sheet: rows, added, updated, unchanged."""

    COLUMNS = (
        Column("Trang", lambda s: s.name),
        Column("Số dòng", lambda s: s.rows),
        Column("Thêm mới", lambda s: s.added),
        Column("Sửa", lambda s: s.updated),
        Column("Không đổi", lambda s: s.unchanged),
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
        self.resize(980, 620)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.convert = QCheckBox()
        self.convert.hide()
        self.convert.toggled.connect(lambda _: self.check())
        self.summary = SummaryModel(self)
        self.summary_view = QTableView()
        setup_table(self.summary_view, self.summary)
        self.summary_view.setMaximumHeight(150)
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
        layout.addWidget(QLabel("Lỗi cần sửa trong tệp (trang, dòng, cột, giá trị, lý do):"))
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
        self.report = None
        if plan.ok:
            self.headline.setText(
                f"<b>Không có lỗi.</b> Sẽ thêm hoặc sửa {plan.changes} dòng." if plan.changes
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
