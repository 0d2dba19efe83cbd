"""What commands print besides their results: a long list of problems, cut after the first ones."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

_MAX_SHOWN = 40

T = TypeVar("T")


def print_issues(issues: Sequence[T], text: Callable[[T], str]) -> None:
    """The first problems on stderr, one indented line each, then how many more were not shown."""
    for issue in issues[:_MAX_SHOWN]:
        print(f"  {text(issue)}", file=sys.stderr)
    if len(issues) > _MAX_SHOWN:
        print(f"  … và {len(issues) - _MAX_SHOWN} lỗi khác.", file=sys.stderr)
