"""Decision dialog: header fields plus fast entry of many recipients (search, multi-select, paste)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
)
from sqlite_utils import Database

from tdkt_desktop.db import catalog
from tdkt_desktop.db import decisions as decisions_db
from tdkt_desktop.db import settings as settings_db
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.db import units as units_db
from tdkt_desktop.db.award_records import Award, Decision
from tdkt_desktop.db.decision_checks import match_pasted
from tdkt_desktop.db.records import Staff, Unit
from tdkt_desktop.text import DateError
from tdkt_desktop.ui.awards.models import LinesModel, PickModel, pick_text
from tdkt_desktop.ui.awards.widgets import fill_award_types, set_combo_data
from tdkt_desktop.ui.common.proxy import FoldFilterProxy
from tdkt_desktop.ui.common.table_model import RecordRole
from tdkt_desktop.ui.common.widgets import (
    DateLineEdit,
    ErrorLabel,
    ask_discard,
    fit_to_screen,
    no_default_buttons,
    save_cancel_box,
    setup_table,
)
from tdkt_desktop.vocabulary import DECISION_KINDS


class DecisionDialog(QDialog):
    """Returns a (Decision, [Award]) pair through :meth:`value`; never writes."""

    def __init__(self, db: Database, parent=None, *, decision: Decision | None = None,
                 awards: list[Award] | None = None):
        super().__init__(parent)
        self.db = db
        self.decision = decision
        self.setWindowTitle("Sửa quyết định khen thưởng" if decision else "Thêm quyết định khen thưởng")
        fit_to_screen(self, 1240, 740)
        self.types = {t.code: t for t in catalog.list_award_types(db, active_only=False)}
        self.staff = [s for s in staff_db.list_staff(db) if s.active or (decision is not None)]
        self.units = units_db.list_units(db, kind=None)

        # Header of the decision: three rows across the whole width, so the lists below get the height.
        settings = settings_db.get_settings(db)
        self.number = QLineEdit()
        self.number.setPlaceholderText(f"ví dụ 125/QĐ-{settings.document_symbol}")
        self.issued_on = DateLineEdit("Ngày quyết định")
        self.issuer = QComboBox()
        self.issuer.setEditable(True)
        others = {d.issuer for d in decisions_db.list_decisions(db)} - {settings.office_name}
        issuers = [settings.office_name, *sorted(others)]
        self.issuer.addItems([i for i in issuers if i])
        self.signer_name = QLineEdit(settings.signer_name)
        self.signer_title = QLineEdit(settings.signer_title)
        self.kind = QComboBox()
        for code, label in DECISION_KINDS.items():
            self.kind.addItem(label, code)
        self.summary = QLineEdit()
        self.summary.setPlaceholderText("Về việc tặng … cho các tập thể, cá nhân …")
        header = QGroupBox("Quyết định")
        grid = QGridLayout(header)
        for row, pairs in enumerate((
            (("Số, ký hiệu:", self.number), ("Ngày ban hành:", self.issued_on), ("Loại quyết định:", self.kind)),
            (("Cơ quan ban hành:", self.issuer), ("Người ký:", self.signer_name), ("Chức vụ:", self.signer_title)),
        )):
            for i, (label, widget) in enumerate(pairs):
                grid.addWidget(QLabel(label), row, 2 * i)
                grid.addWidget(widget, row, 2 * i + 1)
        grid.addWidget(QLabel("Trích yếu:"), 2, 0)
        grid.addWidget(self.summary, 2, 1, 1, 5)
        for column, stretch in ((1, 3), (3, 2), (5, 2)):
            grid.setColumnStretch(column, stretch)

        # Picking recipients.
        self.award_type = QComboBox()
        fill_award_types(self.award_type, [t for t in self.types.values() if t.active])
        # The longest award name must not decide the width of the picker (the list on the right needs it).
        self.award_type.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.award_type.setMinimumContentsLength(18)
        self.year = QSpinBox()
        self.year.setRange(1945, dt.date.today().year + 1)
        today = dt.date.today()
        self.year.setValue(today.year - 1 if today.month <= 6 else today.year)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Gõ tên hoặc mã (không cần dấu), Enter để thêm khi chỉ còn một người")
        self.search.setClearButtonEnabled(True)
        self.pick_model = PickModel(self)
        self.pick_proxy = FoldFilterProxy(pick_text, self)
        self.pick_proxy.setSourceModel(self.pick_model)
        self.pick_view = QTableView()
        setup_table(self.pick_view, self.pick_proxy, multi=True)
        char = self.fontMetrics().averageCharWidth()
        self.pick_view.setColumnWidth(0, 7 * char + 12)
        self.pick_view.setColumnWidth(1, 22 * char + 12)
        self.pick_view.doubleClicked.connect(lambda _: self.add_selected())
        self.add_button = QPushButton("Thêm người đã chọn →")
        self.add_button.clicked.connect(self.add_selected)
        self.paste = QPlainTextEdit()
        self.paste.setPlaceholderText("Dán từ Excel: mỗi dòng một mã cán bộ hoặc họ tên (hoặc tên tập thể)")
        self.paste.setMaximumHeight(4 * self.fontMetrics().lineSpacing() + 12)
        self.paste_button = QPushButton("Thêm từ danh sách dán →")
        self.paste_button.clicked.connect(self.add_pasted)
        self.paste_result = QLabel()
        self.paste_result.setWordWrap(True)
        picker = QGroupBox("Chọn người nhận")
        pl = QVBoxLayout(picker)
        row = QHBoxLayout()
        row.addWidget(QLabel("Danh hiệu/Hình thức:"))
        row.addWidget(self.award_type, 1)
        row.addWidget(QLabel("Năm:"))
        row.addWidget(self.year)
        pl.addLayout(row)
        pl.addWidget(self.search)
        pl.addWidget(self.pick_view, 1)
        pl.addWidget(self.add_button)
        pl.addWidget(self.paste)
        pl.addWidget(self.paste_button)
        pl.addWidget(self.paste_result)

        # The lines of the decision: what was given (Danh hiệu, Năm) before where the person works.
        self.lines = LinesModel(self)
        self.lines_view = QTableView()
        setup_table(self.lines_view, self.lines, multi=True, sortable=False)
        lines_header = self.lines_view.horizontalHeader()
        lines_header.moveSection(4, 3)  # Danh hiệu / Hình thức
        lines_header.moveSection(5, 4)  # Năm; Đơn vị last, taking the rest
        for column, chars in ((0, 4), (1, 20), (2, 7), (4, 24), (5, 6)):
            self.lines_view.setColumnWidth(column, chars * char + 12)
        self.remove_button = QPushButton("Bỏ dòng đã chọn")
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button = QPushButton("Lên")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton("Xuống")
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.count_label = QLabel()
        line_box = QGroupBox("Danh sách khen thưởng kèm theo")
        ll = QVBoxLayout(line_box)
        ll.addWidget(self.lines_view, 1)
        buttons = QHBoxLayout()
        for b in (self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        ll.addLayout(buttons)

        split = QSplitter()
        split.addWidget(picker)
        split.addWidget(line_box)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 6)
        self.split = split
        self.error = ErrorLabel()
        self.buttons = save_cancel_box(self)
        self.buttons.button(self.buttons.StandardButton.Save).setToolTip("Lưu quyết định (Ctrl+S hoặc Ctrl+Enter)")
        self.save_shortcuts = [
            QShortcut(QKeySequence(keys), self, self.accept) for keys in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter")
        ]
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(split, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        # Enter belongs to the field being typed in (the search box adds a line); saving is the button,
        # Ctrl+S or Ctrl+Enter, never a side effect of Enter.
        no_default_buttons(self)

        self.award_type.currentIndexChanged.connect(self._on_type_changed)
        self.search.textChanged.connect(self.pick_proxy.set_filter_text)
        self.search.returnPressed.connect(self.add_from_search)
        self._on_type_changed()
        if decision:
            self._load(decision, awards or [])
        self._renumber()
        self._saved_state = self._state()

    # --- state ----------------------------------------------------------------------------------

    def _load(self, decision: Decision, awards: list[Award]) -> None:
        self.number.setText(decision.number)
        self.issued_on.set_date(decision.issued_on)
        self.issuer.setEditText(decision.issuer)
        self.signer_name.setText(decision.signer_name)
        self.signer_title.setText(decision.signer_title)
        set_combo_data(self.kind, decision.kind)
        self.summary.setText(decision.summary)
        self.lines.set_rows(list(awards))

    def current_type(self):
        """The award type chosen for the next lines."""
        return self.types.get(self.award_type.currentData())

    def _on_type_changed(self) -> None:
        award_type = self.current_type()
        collective = award_type is not None and award_type.target == "tap_the"
        self.pick_model.set_rows(self.units if collective else self.staff)
        self.add_button.setText("Thêm tập thể đã chọn ↓" if collective else "Thêm người đã chọn →")

    def _line(self, recipient: Staff | Unit) -> Award:
        award_type = self.current_type()
        if isinstance(recipient, Staff):
            return Award(id=None, decision_id=None, award_type=award_type.code, staff_id=recipient.id,
                         year=self.year.value(), award_name=award_type.name, recipient_name=recipient.full_name,
                         staff_code=recipient.code, unit_name=recipient.unit_name, award_kind=award_type.kind)
        return Award(id=None, decision_id=None, award_type=award_type.code, unit_id=recipient.id,
                     year=self.year.value(), award_name=award_type.name, recipient_name=recipient.name,
                     unit_name=recipient.name, award_kind=award_type.kind)

    def add_recipients(self, recipients: list[Staff | Unit]) -> tuple[int, int]:
        """Append lines for these recipients with the current type and year; (added, skipped as duplicates)."""
        if self.current_type() is None:
            return 0, 0
        rows = self.lines.records()
        keys = {(a.staff_id, a.unit_id, a.award_type, a.year) for a in rows}
        added = skipped = 0
        for r in recipients:
            line = self._line(r)
            key = (line.staff_id, line.unit_id, line.award_type, line.year)
            if key in keys:
                skipped += 1
                continue
            keys.add(key)
            rows.append(line)
            added += 1
        self.lines.set_rows(rows)
        self._renumber()
        return added, skipped

    def add_selected(self) -> None:
        """Add every recipient selected in the pick list."""
        chosen = [self.pick_proxy.index(i.row(), 0).data(RecordRole)
                  for i in self.pick_view.selectionModel().selectedRows()]
        added, skipped = self.add_recipients([c for c in chosen if c is not None])
        self.paste_result.setText(f"Đã thêm {added} dòng" + (f"; bỏ qua {skipped} dòng trùng." if skipped else "."))
        self.pick_view.clearSelection()

    def add_from_search(self) -> None:
        """Enter in the search box: add the only match (type, Enter, type, Enter… for 30 names)."""
        if self.pick_proxy.rowCount() == 1:
            self.add_recipients([self.pick_proxy.index(0, 0).data(RecordRole)])
            self.paste_result.setText(f"Đã thêm {self.lines.record(self.lines.rowCount() - 1).recipient_name}.")
            self.search.clear()
        elif self.pick_view.selectionModel().hasSelection():
            self.add_selected()
            self.search.clear()
        else:
            self.paste_result.setText(
                f"{self.pick_proxy.rowCount()} người khớp; gõ thêm để còn một người, hoặc chọn trong danh sách."
            )

    def resolve_pasted(self, text: str) -> tuple[list[Staff | Unit], list[str]]:
        """Each pasted line (a code, a name, or an Excel row of cells) → recipient; and lines not understood."""
        collective = self.current_type() is not None and self.current_type().target == "tap_the"
        return match_pasted(text, self.units if collective else self.staff, collective=collective)

    def add_pasted(self) -> None:
        """Add the recipients pasted in the text box; report the lines not understood."""
        found, unknown = self.resolve_pasted(self.paste.toPlainText())
        added, skipped = self.add_recipients(found)
        message = f"Đã thêm {added} dòng"
        if skipped:
            message += f"; bỏ qua {skipped} dòng trùng"
        if unknown:
            message += f". Không nhận ra {len(unknown)} dòng: " + "; ".join(unknown[:8])
        self.paste_result.setText(message + ".")
        if not unknown:
            self.paste.clear()

    def _selected_line_rows(self) -> list[int]:
        return sorted(i.row() for i in self.lines_view.selectionModel().selectedRows())

    def remove_selected(self) -> None:
        """Drop the selected lines."""
        drop = set(self._selected_line_rows())
        self.lines.set_rows([a for i, a in enumerate(self.lines.records()) if i not in drop])
        self._renumber()

    def move_selected(self, step: int) -> None:
        """Move the selected line up (-1) or down (+1)."""
        rows = self._selected_line_rows()
        if len(rows) != 1:
            return
        records = self.lines.records()
        i, j = rows[0], rows[0] + step
        if not 0 <= j < len(records):
            return
        records[i], records[j] = records[j], records[i]
        self.lines.set_rows(records)
        self._renumber()
        self.lines_view.selectRow(j)

    def _renumber(self) -> None:
        records = [dataclasses.replace(a, position=i) for i, a in enumerate(self.lines.records(), start=1)]
        self.lines.set_rows(records)
        individuals = sum(1 for a in records if a.staff_id is not None)
        self.count_label.setText(f"{len(records)} dòng: {individuals} cá nhân, {len(records) - individuals} tập thể")

    # --- result -----------------------------------------------------------------------------------

    def value(self) -> tuple[Decision, list[Award]]:
        """The decision and its lines as typed.

        Raises:
            DateError: the date cannot be read.
        """
        issued = self.issued_on.date()
        decision = Decision(
            id=self.decision.id if self.decision else None,
            number=self.number.text(),
            issued_on=issued,
            issuer=self.issuer.currentText(),
            signer_name=self.signer_name.text(),
            signer_title=self.signer_title.text(),
            kind=self.kind.currentData(),
            year=issued.year if issued else None,
            campaign_id=self.decision.campaign_id if self.decision else None,
            summary=self.summary.text(),
            note=self.decision.note if self.decision else "",
        )
        return decision, self.lines.records()

    def validate(self) -> str:
        """Every problem the database would refuse, in Vietnamese; '' when it can be saved."""
        try:
            decision, lines = self.value()
        except DateError as exc:
            return str(exc)
        if decision.issued_on is None:
            return "Ngày ban hành quyết định không được để trống."
        errors = decisions_db.validate_decision(self.db, decision)
        errors.update(decisions_db.validate_awards(self.db, lines, default_year=decision.year or 0,
                                                   issued_on=decision.issued_on))
        return "\n".join(errors.values())

    def _state(self) -> tuple:
        fields = (self.number, self.issued_on, self.signer_name, self.signer_title, self.summary)
        lines = tuple((a.staff_id, a.unit_id, a.award_type, a.year) for a in self.lines.records())
        return (*(f.text() for f in fields), self.issuer.currentText(), self.kind.currentData(), lines)

    def has_changes(self) -> bool:
        """Anything typed or any line added, removed or moved since the dialog opened."""
        return self._state() != self._saved_state

    def showEvent(self, event) -> None:
        super().showEvent(event)
        no_default_buttons(self)  # the button box makes "Lưu" the default when shown; Enter must not save
        if not getattr(self, "_split_done", False):  # 4 : 6 of the width the dialog really has
            self._split_done = True
            width = self.width()  # the splitter itself is laid out only after this
            self.split.setSizes([4 * width // 10, 6 * width // 10])

    def keyPressEvent(self, event) -> None:
        """Enter never saves (QDialog would press "Lưu"); Esc goes through :meth:`reject`."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Esc, "Hủy" or closing the window: ask before throwing away what was entered."""
        lines = self.lines.rowCount()
        what = f"{lines} dòng khen thưởng và các thông tin đã nhập" if lines else "các thông tin đã nhập"
        if self.has_changes() and not ask_discard(self, f"Đóng mà không lưu {what}?"):
            return
        super().reject()

    def accept(self) -> None:
        """Close only when the decision can be saved; otherwise say why, keep everything typed."""
        message = self.validate()
        self.error.show_error(message)
        if not message:
            super().accept()
