"""Shared pieces for the awards pages: grouped award-type combo, year combo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox

from tdkt_desktop.db.award_records import AwardType
from tdkt_desktop.vocabulary import AWARD_KINDS, AWARD_TARGETS


def award_label(t: AwardType) -> str:
    """The name, with cá nhân/tập thể where a form exists for both."""
    return f"{t.name} – {AWARD_TARGETS[t.target].lower()}" if t.kind == "hinh_thuc" else t.name


def fill_award_types(combo: QComboBox, types: list[AwardType], *, all_text: str | None = None) -> None:
    """Titles and forms under two bold, unselectable headings, so they are never confused."""
    current = combo.currentData()
    model = QStandardItemModel(combo)
    if all_text:
        item = QStandardItem(all_text)
        item.setData(None, Qt.ItemDataRole.UserRole)
        model.appendRow(item)
    bold = QFont()
    bold.setBold(True)
    for kind, heading in AWARD_KINDS.items():
        members = [t for t in types if t.kind == kind]
        if not members:
            continue
        head = QStandardItem(heading.upper())
        head.setFlags(Qt.ItemFlag.NoItemFlags)
        head.setFont(bold)
        model.appendRow(head)
        for t in members:
            item = QStandardItem("    " + award_label(t))
            item.setData(t.code, Qt.ItemDataRole.UserRole)
            item.setToolTip(f"{t.name} ({AWARD_TARGETS[t.target].lower()}); quyết định: {t.authority}")
            model.appendRow(item)
    combo.setModel(model)
    index = combo.findData(current) if current is not None else -1
    if index < 0:
        index = next((i for i in range(model.rowCount()) if model.item(i).isEnabled()), 0)
    combo.setCurrentIndex(index)


def set_combo_data(combo: QComboBox, value) -> bool:
    """Select the item whose data is ``value``; False when there is none."""
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
    return index >= 0
