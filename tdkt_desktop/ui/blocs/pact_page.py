"""Page "Giao ước": the year's pact, its numbered commitments, who signed (and for whom), printable."""

from __future__ import annotations

import dataclasses
from html import escape

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
)

from tdkt_desktop.db import blocs as blocs_db
from tdkt_desktop.db.bloc_records import Pact, PactSigner
from tdkt_desktop.text import format_date
from tdkt_desktop.ui.blocs.dialogs import PactDialog
from tdkt_desktop.ui.blocs.models import ItemModel, SignerModel, SignerRow, TextRow
from tdkt_desktop.ui.blocs.page import BlocPage, edit_on_typing, file_slug
from tdkt_desktop.ui.common.widgets import setup_table


class PactPage(BlocPage):
    """Commitments on the left; on the right every member with "Đã ký" and the signer's name and title."""

    def __init__(self, db, window, tab):
        super().__init__(db, window, tab)
        self.pact: Pact | None = None
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.edit_button = QPushButton("Soạn, sửa giao ước…")
        self.print_button = QPushButton("In giao ước…")
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.edit_button)
        top.addWidget(self.print_button)
        self.items = ItemModel(self)
        self.items_view = QTableView()
        setup_table(self.items_view, self.items, sortable=False)
        self.items_view.setWordWrap(True)
        self.items_view.setColumnWidth(0, 44)
        self.items_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.signers = SignerModel(self)
        self.signers_view = QTableView()
        setup_table(self.signers_view, self.signers, sortable=False)
        edit_on_typing(self.signers_view)
        self.signers_view.setColumnWidth(0, 300)
        self.signers_view.setColumnWidth(1, 60)
        self.signers_view.setColumnWidth(2, 160)
        items_box = QGroupBox("Nội dung cam kết")
        signers_box = QGroupBox("Đơn vị ký giao ước (nhấp đúp để ghi người ký)")
        QVBoxLayout(items_box).addWidget(self.items_view)
        QVBoxLayout(signers_box).addWidget(self.signers_view)
        splitter = QSplitter()
        splitter.addWidget(items_box)
        splitter.addWidget(signers_box)
        splitter.setSizes([640, 680])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.edit_button.clicked.connect(self.edit_pact)
        self.print_button.clicked.connect(self.print_pact)
        self.signers.edited.connect(self._on_signer_edit)

    def reload(self) -> None:
        """The pact of the tab's bloc and year."""
        self._stale = False
        bloc_id, year = self.tab.bloc_id(), self.tab.year()
        self.pact = blocs_db.get_pact(self.db, bloc_id, year) if bloc_id is not None else None
        self.edit_button.setEnabled(bloc_id is not None)
        self.print_button.setEnabled(self.pact is not None)
        self.signers.editable = self.pact is not None
        if self.pact is None:
            self.header.setText(f"Chưa có giao ước thi đua năm {year}. Bấm “Soạn, sửa giao ước…” để nhập."
                                if bloc_id is not None else "Chưa chọn khối thi đua.")
            self.items.set_rows([])
            self.signers.set_rows([])
            return
        p = self.pact
        signed = f"ký ngày {format_date(p.signed_on)}" if p.signed_on else "chưa ghi ngày ký"
        where = f" tại {escape(p.place)}" if p.place else ""
        self.header.setText(f"<b>{escape(p.title)}</b> — {signed}{where}; {len(p.items)} nội dung cam kết, "
                            f"{len(p.signers)} đơn vị đã ký." + (f"<br>{escape(p.note)}" if p.note else ""))
        self.items.set_rows([TextRow(i, text) for i, text in enumerate(p.items, start=1)])
        by_member = {s.member_id: s for s in p.signers}
        self.signers.set_rows([
            SignerRow(m.id, m.name, m.id in by_member, by_member[m.id].signer_name if m.id in by_member else "",
                      by_member[m.id].signer_title if m.id in by_member else "")
            for m in blocs_db.list_members(self.db, bloc_id)
        ])

    def edit_pact(self) -> None:
        bloc_id = self.tab.bloc_id()
        if bloc_id is None:
            return
        year = self.tab.year()
        pact = self.pact or Pact(id=None, bloc_id=bloc_id, year=year, title=f"Giao ước thi đua năm {year}")
        dialog = PactDialog(pact, self)
        if dialog.exec():
            self.write(lambda: blocs_db.save_pact(self.db, dialog.value()))

    def _on_signer_edit(self, _row: int, record: SignerRow, field: str, value) -> None:
        """Save after the editor closed (never reset the model inside setData)."""
        if self.pact is None:
            return
        signers = {s.member_id: s for s in self.pact.signers}
        current = signers.get(record.member_id, PactSigner(record.member_id))
        if field == "checked":
            if value:
                signers[record.member_id] = current
            else:
                signers.pop(record.member_id, None)
        else:
            signers[record.member_id] = dataclasses.replace(current, **{field: value})
        order = [r.member_id for r in self.signers.records()]
        updated = dataclasses.replace(self.pact, signers=tuple(signers[m] for m in order if m in signers))
        QTimer.singleShot(0, lambda: self.write(lambda: blocs_db.save_pact(self.db, updated)))

    def print_pact(self) -> None:
        from tdkt_desktop.reports.bloc_pact import render_pact
        from tdkt_desktop.services.bloc_documents import pact_for

        bloc, year = self.tab.bloc(), self.tab.year()
        if bloc is None:
            return
        self.preview(lambda: render_pact(pact_for(self.db, bloc, year)), f"Giao ước thi đua năm {year}",
                     f"giao-uoc-{year}-{file_slug(bloc.name)}.pdf")
