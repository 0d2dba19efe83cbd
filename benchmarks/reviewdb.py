"""Build the review benchmark databases (bigdb's rows plus unit proposals and a working year), cached by schema."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bigdb import REVIEW_YEAR, cached, fill


def build_review(staff_count: int = 20_000, years: int = 10, seed: int = 7) -> Path:
    """The cached review database (about 1 s per 5,000 staff to build the first time).

    ``build_review(20_000, 10)`` is the large office of the review targets; ``build_review(2_000, 15)`` the
    realistic one. The rows are ``bigdb.fill``'s (ratings for every year, initiatives, awards for the past years,
    the year under review's proposals and an open council meeting with votes) without the certificate decision,
    with every other unit proposed as well and the year under review as the working year, so Bình xét and
    Hội đồng open on it.
    """
    return cached("review", staff_count, years, lambda conn: fill(
        conn, staff_count, REVIEW_YEAR - years + 1, random.Random(seed), working_year=REVIEW_YEAR,
        unit_proposals=True), Path(__file__).resolve())


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["20000x10"]:
        count, _, span = arg.partition("x")
        print(build_review(int(count), int(span or 10)))
