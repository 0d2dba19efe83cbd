"""Every file location the app uses: data dir, database, backups, resources."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

from tdkt_desktop import APP_NAME

#: Environment override for the data directory (development, tests, portable installs).
DATA_DIR_ENV = "TDKT_DATA_DIR"

#: resources/ beside the package: the source tree, an editable install, and the frozen build's _internal folder.
_RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def is_frozen() -> bool:
    """True in the PyInstaller build (``make dist``), False when run from an installed package or the source."""
    return bool(getattr(sys, "frozen", False))


def install_dir() -> Path:
    """The folder the user unpacked (executable, LICENSE.txt, THIRD-PARTY.txt); the source tree otherwise."""
    if is_frozen():
        return Path(sys.executable).resolve().parent
    return _RESOURCES.parent


def data_dir() -> Path:
    """The per-user data directory, created on first use.

    ``TDKT_DATA_DIR`` wins over the platform default so tests never touch the real home.
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override)
    else:
        import platformdirs  # lazy: only the window and CLI need it, not the db layer

        path = platformdirs.user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    """The user's real database."""
    return data_dir() / "tdkt.sqlite"


def demo_database_path() -> Path:
    """The demo database; never the same file as the real one."""
    return data_dir() / "tdkt-demo.sqlite"


def backup_dir(db_path: Path) -> Path:
    """Rotating backups of ``db_path`` live beside it, one folder per file name.

    The whole name is the key: ``data.sqlite`` and ``data.db`` in one folder never share backups.
    """
    return db_path.parent / "backups" / db_path.name


def legacy_backup_dir(db_path: Path) -> Path:
    """Where builds before the whole-name key put backups (``backups/<stem>/``); read, never written."""
    return db_path.parent / "backups" / db_path.stem


def attachments_dir(db_path: Path | None) -> Path:
    """Evidence files copied for ``db_path`` live beside it, one folder per database file.

    A database in memory (tests) keeps them in the data directory.
    """
    if db_path is None:
        return data_dir() / "attachments" / "bo-nho"
    return Path(db_path).parent / "attachments" / Path(db_path).stem


def log_path() -> Path:
    """The application log (unexpected errors with their traceback)."""
    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "tdkt.log"


@functools.cache
def _resources_root() -> Path:
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", _RESOURCES.parent)) / "resources"
    if _RESOURCES.is_dir():
        return _RESOURCES
    # A wheel install (the Windows wheelhouse) puts resources/ in <prefix>/share/tdkt_desktop (pyproject data-files).
    import site
    import sysconfig

    for base in (sysconfig.get_path("data"), site.getuserbase()):
        candidate = Path(base) / "share" / APP_NAME / "resources"
        if candidate.is_dir():
            return candidate
    return _RESOURCES


def resource_path(*parts: str) -> Path:
    """A file shipped in the top-level ``resources/`` folder (wherever this copy of the app keeps it)."""
    return _resources_root().joinpath(*parts)


def verified_files() -> Path:
    """Size and modification time of each database as it was left by a clean session whose check passed."""
    return data_dir() / "da-kiem-tra.json"


def session_marker(db_path: Path) -> Path:
    """Present while a window has ``db_path`` open; still there at the next start means the last session
    ended uncleanly (crash, power cut), so the file's integrity is checked before it is opened."""
    return db_path.with_name(db_path.name + ".dang-mo")
