"""Writing workbooks safely: text stays text (never a formula) and a file appears whole or not at all."""

from __future__ import annotations

from pathlib import Path

from tdkt_desktop.safefile import atomic_path

# Text that Excel would read as a formula if it were typed: "=", and "+", "-", "@" in older versions.
FORMULA_START = ("=", "+", "-", "@")


def append_text_safe(ws, values) -> None:
    """``ws.append(values)``, with every string cell stored as a string.

    openpyxl stores a string that starts with "=" as a live formula; a staff name such as
    ``=HYPERLINK("http://…","Bấm")`` must come out as the same text and go back in unchanged.
    ``quotePrefix`` also keeps Excel from turning it into a formula when the user edits the cell.
    """
    ws.append(values)
    for cell in ws[ws.max_row]:
        value = cell.value
        if isinstance(value, str):
            if cell.data_type == "f":
                cell.data_type = "s"
            if value.startswith(FORMULA_START):
                cell.quotePrefix = True


def save_atomically(book, path: Path | str) -> None:
    """Save ``book`` under a temporary name beside ``path`` and rename it when complete.

    A full disk or any failure leaves no 0-byte or half file, and an existing file stays as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path, "xlsx") as tmp:
        try:
            book.save(tmp)
        except OSError as exc:
            _drop_half_written(exc)
            raise


def _drop_half_written(exc: OSError) -> None:
    """Close openpyxl's half-run sheet writers now, quietly.

    They hold the failed write's frames; left to the garbage collector they fail once more while
    closing and print a second, meaningless traceback after the user's message.
    """
    import gc
    import sys
    import traceback

    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        traceback.clear_frames(exc.__traceback__)
        gc.collect()
    finally:
        sys.unraisablehook = hook
