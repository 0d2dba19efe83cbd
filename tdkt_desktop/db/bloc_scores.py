"""Bloc scoring data: the criteria of a bloc-year (with bonus and penalty items) and each member's scores.

Points are stored as decimal text so totals stay exact; range checks against each criterion's
maximum are made by the caller (``services/blocs.py`` with ``rules/scoring``) before anything is stored.
"""

from __future__ import annotations

from decimal import Decimal

from sqlite_utils import Database

from tdkt_desktop.db import audit
from tdkt_desktop.db.bloc_records import Criterion, Score
from tdkt_desktop.errors import NotFoundError, ValidationError
from tdkt_desktop.text import fold, one_line


def _text(value: Decimal | None) -> str | None:
    """'9.5' for Decimal('9.50'), '100' for Decimal('1E+2'); None stays None."""
    return None if value is None else f"{value.normalize():f}"


def _number(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _row_to_criterion(row: dict) -> Criterion:
    return Criterion(id=row["id"], bloc_id=row["bloc_id"], year=row["year"], code=row["code"], content=row["content"],
                     max_points=Decimal(row["max_points"]), kind=row["kind"], position=row["position"])


def list_criteria(db: Database, bloc_id: int, year: int) -> list[Criterion]:
    """Criteria of a bloc-year in their order (criteria, then bonus, then penalty as entered)."""
    rows = db["bloc_criteria"].rows_where("bloc_id = ? AND year = ?", [bloc_id, year], order_by="position, id")
    return [_row_to_criterion(r) for r in rows]


def get_criterion(db: Database, criterion_id: int) -> Criterion:
    """One criterion.

    Raises:
        NotFoundError: no such criterion.
    """
    rows = list(db["bloc_criteria"].rows_where("id = ?", [criterion_id]))
    if not rows:
        raise NotFoundError(f"Không tìm thấy tiêu chí chấm điểm (mã {criterion_id}).")
    return _row_to_criterion(rows[0])


def list_scores(db: Database, bloc_id: int, year: int) -> list[Score]:
    """Every stored score of a bloc-year."""
    return [
        Score(criterion_id=r["criterion_id"], member_id=r["member_id"], self_score=_number(r["self_score"]),
              agreed_score=_number(r["agreed_score"]))
        for r in db.query(
            "SELECT s.* FROM bloc_scores s JOIN bloc_criteria c ON c.id = s.criterion_id "
            "WHERE c.bloc_id = ? AND c.year = ?", [bloc_id, year],
        )
    ]


def scored_years(db: Database, bloc_id: int) -> list[int]:
    """Years of a bloc that have at least one score, latest first."""
    return [r[0] for r in db.execute(
        "SELECT DISTINCT c.year FROM bloc_criteria c JOIN bloc_scores s ON s.criterion_id = c.id "
        "WHERE c.bloc_id = ? ORDER BY c.year DESC", [bloc_id],
    ).fetchall()]


def save_criterion(db: Database, criterion: Criterion) -> int:
    """Add (id None) or update one criterion; stored scores must still fit a lowered maximum.

    Raises:
        ValidationError: blank code or content, duplicate code, maximum not above 0, or scores above it.
    """
    code, content = one_line(criterion.code), one_line(criterion.content)
    errors = {}
    if not code:
        errors["code"] = "Mã tiêu chí không được để trống."
    elif db["bloc_criteria"].count_where("bloc_id = ? AND year = ? AND fold_code = ? AND id != ?",
                                         [criterion.bloc_id, criterion.year, fold(code), criterion.id or 0]):
        errors["code"] = f"Năm {criterion.year} đã có tiêu chí mã “{code}”."
    if not content:
        errors["content"] = "Nội dung tiêu chí không được để trống."
    if criterion.max_points <= 0:
        errors["max_points"] = "Điểm tối đa phải lớn hơn 0."
    elif criterion.id is not None:
        over = db.execute(
            "SELECT count(*) FROM bloc_scores WHERE criterion_id = ? AND "
            "(CAST(self_score AS REAL) > ? OR CAST(agreed_score AS REAL) > ?)",
            [criterion.id, float(criterion.max_points), float(criterion.max_points)],
        ).fetchone()[0]
        if over:
            errors["max_points"] = (f"Có {over} đơn vị đã được chấm trên {_text(criterion.max_points)} điểm ở tiêu chí "
                                    "này; hãy sửa điểm trước khi hạ điểm tối đa.")
    if errors:
        raise ValidationError(errors)
    row = {"bloc_id": criterion.bloc_id, "year": criterion.year, "code": code, "fold_code": fold(code),
           "content": content, "max_points": _text(criterion.max_points), "kind": criterion.kind,
           "position": criterion.position}
    with db.atomic():
        if criterion.id is None:
            if not criterion.position:
                row["position"] = db.execute(
                    "SELECT coalesce(max(position), 0) + 1 FROM bloc_criteria WHERE bloc_id = ? AND year = ?",
                    [criterion.bloc_id, criterion.year]).fetchone()[0]
            criterion_id = int(db["bloc_criteria"].insert(row).last_pk)
            audit.record(db, "them", "bloc_criteria", criterion_id, f"{code}: {content} ({row['max_points']} điểm)")
        else:
            criterion_id = criterion.id
            audit.update(db, "bloc_criteria", criterion_id, row)
    return criterion_id


def delete_criterion(db: Database, criterion_id: int) -> None:
    """Remove a criterion and the scores given on it."""
    criterion = get_criterion(db, criterion_id)
    with db.atomic():
        gone = db.execute("DELETE FROM bloc_scores WHERE criterion_id = ?", [criterion_id]).rowcount
        db.execute("DELETE FROM bloc_criteria WHERE id = ?", [criterion_id])
        audit.record(db, "xoa", "bloc_criteria", criterion_id, f"{criterion.code}: {criterion.content} ({gone} điểm)")


def store_score(db: Database, score: Score, member_name: str = "") -> None:
    """Store one member's scores on one criterion (already checked); both None removes the row."""
    criterion = get_criterion(db, score.criterion_id)
    with db.atomic():
        if score.self_score is None and score.agreed_score is None:
            db.execute("DELETE FROM bloc_scores WHERE criterion_id = ? AND member_id = ?",
                       [score.criterion_id, score.member_id])
        else:
            db["bloc_scores"].upsert({"criterion_id": score.criterion_id, "member_id": score.member_id,
                                      "self_score": _text(score.self_score), "agreed_score": _text(score.agreed_score)},
                                     pk=("criterion_id", "member_id"))
        audit.record(db, "cham_diem", "bloc_scores", f"{score.criterion_id}/{score.member_id}",
                     f"{member_name} – {criterion.code}: tự chấm {_text(score.self_score) or '—'}, "
                     f"khối chấm {_text(score.agreed_score) or '—'}")


def _snapshot(criteria: list[Criterion], scores: list[Score], codes: dict[int, str]) -> tuple:
    """A comparable picture of a bloc-year's scoring: criteria by code, scores by (code, member)."""
    crit = tuple((fold(c.code), c.code, c.content, c.max_points, c.kind, i) for i, c in enumerate(criteria))
    marks = tuple(sorted((fold(codes[s.criterion_id]), s.member_id, s.self_score, s.agreed_score) for s in scores))
    return crit, marks


def replace_year(db: Database, bloc_id: int, year: int, criteria: list[Criterion],
                 scores: list[tuple[str, int, Decimal | None, Decimal | None]], *, source: str = "") -> bool:
    """Replace a bloc-year's criteria and scores in one transaction (already checked by the caller).

    ``scores`` holds (criterion code, member id, self score, agreed score). Returns False, writing
    nothing, when the data is already exactly this (importing the same file twice changes nothing).
    """
    old_criteria = list_criteria(db, bloc_id, year)
    old_codes = {int(c.id): c.code for c in old_criteria}  # type: ignore[arg-type]
    new_codes = {i: c.code for i, c in enumerate(criteria)}
    new_scores = [Score(criterion_id=next(i for i, c in new_codes.items() if fold(c) == fold(code)), member_id=m,
                        self_score=own, agreed_score=agreed)
                  for code, m, own, agreed in scores if own is not None or agreed is not None]
    if _snapshot(old_criteria, list_scores(db, bloc_id, year), old_codes) == _snapshot(criteria, new_scores, new_codes):
        return False
    with db.atomic():
        db.execute("DELETE FROM bloc_scores WHERE criterion_id IN "
                   "(SELECT id FROM bloc_criteria WHERE bloc_id = ? AND year = ?)", [bloc_id, year])
        db.execute("DELETE FROM bloc_criteria WHERE bloc_id = ? AND year = ?", [bloc_id, year])
        ids: dict[str, int] = {}
        for position, c in enumerate(criteria, start=1):
            code = one_line(c.code)
            ids[fold(code)] = int(db["bloc_criteria"].insert({
                "bloc_id": bloc_id, "year": year, "code": code, "fold_code": fold(code),
                "content": one_line(c.content), "max_points": _text(c.max_points), "kind": c.kind,
                "position": position,
            }).last_pk)
        db["bloc_scores"].insert_all(
            [{"criterion_id": ids[fold(code)], "member_id": m, "self_score": _text(own), "agreed_score": _text(agreed)}
             for code, m, own, agreed in scores if own is not None or agreed is not None]
        )
        audit.record(db, "nhap", "bloc_scores", f"{bloc_id}/{year}",
                     f"{len(criteria)} tiêu chí, {len(scores)} dòng điểm{(' từ ' + source) if source else ''}")
    return True
