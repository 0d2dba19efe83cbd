"""Bloc scoring arithmetic: criterion maxima, bonus and penalty items, member totals in exact decimals.

Totals are exact (Decimal): 0,1 + 0,2 must equal 0,3, or two members with the same points would
rank apart by a rounding error. A member's agreed total uses the bloc's score where one was given
and the member's own score elsewhere (the bloc usually corrects only the criteria it disputes).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

#: Criterion kinds: counted toward the total, added (bonus), or subtracted (penalty).
CRITERION_KINDS = {"tieu_chi": "Tiêu chí", "cong": "Điểm cộng", "tru": "Điểm trừ"}
#: Points are kept to two decimals (e.g. 9,75).
PLACES = Decimal("0.01")


def to_points(value: object) -> Decimal:
    """A number (int, float, Decimal or text with ',' or '.') as exact points.

    Raises:
        ValueError: not a number, or more than two decimals.
    """
    if isinstance(value, bool) or value is None:
        raise ValueError("không phải số")
    if isinstance(value, Decimal):
        number = value
    else:
        # Excel hands over binary floats (9.75 is exact, 8.1 is not): six places undo the noise.
        text = repr(round(value, 6)) if isinstance(value, float) else str(value).strip().replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError(f"“{value}” không phải số") from exc
    if not number.is_finite():
        raise ValueError(f"“{value}” không phải số")
    if number != number.quantize(PLACES):
        raise ValueError(f"“{value}” có quá hai chữ số thập phân")
    return number


def points_text(value: Decimal | float | int | None) -> str:
    """'95,5' / '100' for display (Vietnamese decimal comma); '' for None."""
    if value is None:
        return ""
    number = Decimal(str(value)).normalize()
    text = f"{number:f}"
    return text.replace(".", ",")


def points_json(value: Decimal | None) -> int | float | None:
    """A plain number for JSON or an Excel cell: whole points as int, others as float; None stays None."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def score_problem(value: Decimal, max_points: Decimal) -> str | None:
    """Why a score is out of range, or None: 0 ≤ score ≤ the criterion's maximum."""
    if value < 0:
        return f"điểm {points_text(value)} không được âm"
    if value > max_points:
        return f"điểm {points_text(value)} vượt quá điểm tối đa {points_text(max_points)}"
    return None


@dataclass(frozen=True)
class CriterionFact:
    """What the arithmetic needs of a criterion: its key, maximum and kind."""

    key: Hashable
    max_points: Decimal
    kind: str = "tieu_chi"


@dataclass(frozen=True)
class Totals:
    """A member's totals: self-scored, agreed by the bloc (None when the bloc gave none), the ranking score."""

    self_total: Decimal | None
    agreed_total: Decimal | None

    @property
    def ranking_score(self) -> Decimal | None:
        """Agreed total where the bloc scored, the self total otherwise."""
        return self.agreed_total if self.agreed_total is not None else self.self_total


def _signed(kind: str, value: Decimal) -> Decimal:
    return -value if kind == "tru" else value


def member_totals(
    criteria: Iterable[CriterionFact],
    scores: Mapping[tuple[Hashable, Hashable], tuple[Decimal | None, Decimal | None]],
    members: Iterable[Hashable],
) -> dict[Hashable, Totals]:
    """Totals per member from ``scores[(member, criterion key)] = (self, agreed)``.

    Penalty items (kind ``tru``) subtract; a member with no score at all gets ``Totals(None, None)``.
    """
    facts = list(criteria)
    out: dict[Hashable, Totals] = {}
    for member in members:
        self_sum = agreed_sum = Decimal(0)
        any_self = any_agreed = False
        for c in facts:
            own, agreed = scores.get((member, c.key), (None, None))
            if own is not None:
                any_self = True
                self_sum += _signed(c.kind, own)
            if agreed is not None:
                any_agreed = True
            effective = agreed if agreed is not None else own
            if effective is not None:
                agreed_sum += _signed(c.kind, effective)
        out[member] = Totals(self_sum if any_self else None, agreed_sum if any_agreed else None)
    return out


def maximum_total(criteria: Iterable[CriterionFact]) -> Decimal:
    """The most a member can score: every criterion and bonus item at its maximum, no penalty."""
    return sum((c.max_points for c in criteria if c.kind != "tru"), Decimal(0))
