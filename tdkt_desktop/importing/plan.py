"""What an import would do: the issues found, per-sheet counts, and the exact changes to write."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tdkt_desktop.db.award_records import Initiative, Rating, UnitRating
from tdkt_desktop.db.records import Staff


@dataclass(frozen=True)
class ImportIssue:
    """One reason the file cannot be imported: where (sheet, row, column), the value, why."""

    sheet: str
    row: int
    column: str
    value: str
    reason: str

    def text(self) -> str:
        """One line for the console."""
        where = f"Trang “{self.sheet}”, dòng {self.row}" if self.sheet else "Tệp"
        if self.column:
            where += f", cột “{self.column}”"
        value = f" [{self.value}]" if self.value else ""
        return f"{where}{value}: {self.reason}"


@dataclass
class SheetSummary:
    """What importing one sheet would do."""

    name: str
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportPlan:
    """The checked content of a workbook: issues, or the exact changes to make."""

    path: Path
    detected_encoding: str | None = None
    encoding: str | None = None
    issues: list[ImportIssue] = field(default_factory=list)
    summaries: dict[str, SheetSummary] = field(default_factory=dict)
    staff: list[tuple[str, Staff, str]] = field(default_factory=list)  # (op, record, unit name)
    ratings: list[tuple[str, str, Rating]] = field(default_factory=list)  # (op, staff code, record)
    unit_ratings: list[tuple[str, str, UnitRating]] = field(default_factory=list)  # (op, unit name, record)
    initiatives: list[tuple[str, str, Initiative]] = field(default_factory=list)
    decisions: dict[tuple, dict] = field(default_factory=dict)  # key → {decision, id, lines}
    #: New registrations: (campaign id, year, award code, staff code or "", unit name or "").
    registrations: list[tuple] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong and the plan can be applied."""
        return not self.issues

    @property
    def changes(self) -> int:
        """Rows that would be added or updated."""
        return sum(s.added + s.updated for s in self.summaries.values())
