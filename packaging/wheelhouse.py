"""``make wheelhouse-windows``: the app and every dependency as win_amd64 / CPython 3.11 wheels, plus cai-dat.bat.

The second delivery route, for offices whose PC already has Python 3.11: copy dist/wheelhouse-windows to the
PC and run cai-dat.bat, which installs from that folder with ``--no-index`` (no network).

pip evaluates environment markers (``sys_platform == "win32"``…) against the machine it runs on, not the
``--platform`` it downloads for, so a Windows-only dependency would be missed from Linux. After pip's own
resolution this script re-reads every wheel's requirements with Windows markers and fetches what is missing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "dist" / "wheelhouse-windows"
TARGET = ["--only-binary=:all:", "--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp"]
#: The marker environment of 64-bit CPython 3.11 on Windows 10/11.
WINDOWS = {
    "os_name": "nt", "sys_platform": "win32", "platform_system": "Windows", "platform_machine": "AMD64",
    "platform_release": "10", "platform_version": "10.0.19045", "python_version": "3.11",
    "python_full_version": "3.11.9", "implementation_name": "cpython", "implementation_version": "3.11.9",
    "platform_python_implementation": "CPython", "extra": "",
}


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args], check=True)


def _requires(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
        meta = Parser().parsestr(archive.read(name).decode("utf-8"))
    return meta.get_all("Requires-Dist") or []


def missing_for_windows(folder: Path) -> list[str]:
    """Requirements (Windows markers applied) that no wheel in ``folder`` satisfies."""
    have = {}
    for wheel in folder.glob("*.whl"):
        name, version, _build, _tags = parse_wheel_filename(wheel.name)
        have[name] = version
    missing = []
    for wheel in sorted(folder.glob("*.whl")):
        for text in _requires(wheel):
            requirement = Requirement(text)
            if requirement.marker and not requirement.marker.evaluate(WINDOWS):
                continue
            version = have.get(canonicalize_name(requirement.name))
            if version is None or not requirement.specifier.contains(version, prereleases=True):
                requirement.marker = None
                missing.append(str(requirement))
    return sorted(set(missing))


def main() -> int:
    """Build the app wheel, download the closure for Windows, add cai-dat.bat; print the folder size."""
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    _pip("wheel", "--quiet", "--no-deps", "--wheel-dir", str(OUT), str(ROOT))
    app = next(OUT.glob("tdkt_desktop-*.whl"))
    _pip("download", "--quiet", *TARGET, "--dest", str(OUT), str(app))
    for _round in range(5):
        missing = missing_for_windows(OUT)
        if not missing:
            break
        print("Windows-only requirements:", ", ".join(missing))
        _pip("download", "--quiet", *TARGET, "--dest", str(OUT), *missing)
    else:
        raise SystemExit(f"still unresolved for Windows: {', '.join(missing)}")
    shutil.copy2(ROOT / "packaging" / "windows" / "cai-dat.bat", OUT / "cai-dat.bat")
    wheels = sorted(OUT.glob("*.whl"))
    size = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"{OUT}: {len(wheels)} wheels + cai-dat.bat, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
