"""Pack dist/tdkt-desktop into tdkt-desktop-<version>-<platform>.zip (``make dist-zip``, build.ps1).

Usage: python packaging/make_zip.py [BUNDLE_DIR] [OUT_DIR]   (defaults: dist/tdkt-desktop, dist)

The archive holds one top-level folder, so "Extract All…" gives the same folder the build made. Unix
permissions and symbolic links are kept (PyInstaller links some Qt libraries on Linux; copying them
instead would store the largest files twice).
"""

from __future__ import annotations

import os
import platform
import stat
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Files a person must find next to the executable.
REQUIRED = ("HUONG-DAN-CAI-DAT.txt", "LICENSE.txt", "THIRD-PARTY.txt")


def platform_tag() -> str:
    """windows-x64, linux-x86_64, macos-arm64…: what the zip name tells a person picking a download."""
    machine = platform.machine().lower()
    if sys.platform == "win32":
        return "windows-x64" if machine in {"amd64", "x86_64"} else f"windows-{machine}"
    if sys.platform == "darwin":
        return f"macos-{machine}"
    return f"{sys.platform.rstrip('0123456789')}-{machine}"


def zip_name(version: str, tag: str) -> str:
    """tdkt-desktop-0.1.0-windows-x64.zip."""
    return f"tdkt-desktop-{version}-{tag}.zip"


def _add(archive: zipfile.ZipFile, path: Path, arcname: str) -> None:
    info = zipfile.ZipInfo.from_file(path, arcname)
    mode = path.lstat().st_mode
    if stat.S_ISLNK(mode):
        # Stored the way Info-ZIP does: the link target as content, S_IFLNK in the Unix mode bits.
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        info.compress_type = zipfile.ZIP_STORED
        archive.writestr(info, os.readlink(path))
        return
    info.external_attr = (mode & 0xFFFF) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    with open(path, "rb") as source, archive.open(info, "w") as target:
        while chunk := source.read(1 << 20):
            target.write(chunk)


def make_zip(bundle: Path, out_dir: Path, *, version: str, tag: str | None = None) -> Path:
    """Write the archive of ``bundle`` into ``out_dir`` and return its path.

    Raises:
        SystemExit: the bundle is missing or lacks the install guide or licences.
    """
    missing = [name for name in REQUIRED if not (bundle / name).is_file()]
    if not bundle.is_dir() or missing:
        what = ", ".join(missing) or str(bundle)
        raise SystemExit(f"{bundle}: chưa có bản đóng gói đầy đủ (thiếu {what}); hãy chạy make dist")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / zip_name(version, tag or platform_tag())
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", compresslevel=6) as archive:
        for path in sorted(bundle.rglob("*")):
            if path.is_dir() and not path.is_symlink():
                continue
            _add(archive, path, f"{bundle.name}/{path.relative_to(bundle).as_posix()}")
    partial.replace(target)  # a half-written zip never carries the final name
    return target


def main(argv: list[str]) -> int:
    """Command line: bundle folder and output folder, both optional."""
    sys.path.insert(0, str(ROOT))
    from tdkt_desktop import __version__

    bundle = Path(argv[0]) if argv else ROOT / "dist" / "tdkt-desktop"
    out_dir = Path(argv[1]) if len(argv) > 1 else bundle.parent
    target = make_zip(bundle, out_dir, version=__version__)
    print(f"{target} ({target.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
