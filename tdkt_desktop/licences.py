"""Licences of the app and of what it ships with: THIRD-PARTY.txt for the frozen build, text for the About dialog."""

from __future__ import annotations

import re
import sys
import sysconfig
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from tdkt_desktop import __version__, paths

#: The app's own distribution; never listed as third party.
APP_DISTRIBUTION = "tdkt-desktop"
#: Files in a dist-info folder that carry licence or notice text.
_LICENCE_FILE = re.compile(r"(licen[cs]e|copying|notice|authors)", re.IGNORECASE)
#: Bundled fonts: (family, licence file under resources/fonts).
FONTS = [("Be Vietnam Pro", "BeVietnamPro-OFL.txt"), ("Liberation Serif", "LiberationSerif-OFL.txt")]
#: Qt is used under the LGPL 3.0, which is the GPL 3.0 plus extra permissions: both texts ship.
QT_LICENCE_FILES = ["LGPL-3.0.txt", "GPL-3.0.txt"]
QT_NOTE = (
    "PySide6 và các thư viện Qt 6 được dùng theo giấy phép GNU LGPL 3.0 (toàn văn LGPL-3.0 và GPL-3.0 ở cuối tệp).\n"
    "Qt is used under the GNU LGPL 3.0. The Qt and PySide6 shared libraries are shipped unmodified as separate\n"
    "files in the folder _internal/PySide6; you may replace them with a compatible build of your own. Sources:\n"
    "https://download.qt.io/official_releases/qt/ and https://code.qt.io/cgit/pyside/pyside-setup.git/ .\n"
    "Qt itself contains third-party code (e.g. PDFium, FreeType, HarfBuzz, libpng, zlib, ICU) under their own\n"
    "permissive licences: https://doc.qt.io/qt-6/licenses-used-in-qt.html"
)


@dataclass(frozen=True)
class PackageLicence:
    """One shipped distribution: name, version, licence name, home page and its licence files' text."""

    name: str
    version: str
    licence: str
    url: str
    texts: tuple[tuple[str, str], ...] = ()


def licence_name(meta) -> str:
    """The licence as the package declares it: SPDX expression, short License field, else a trove classifier."""
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    declared = (meta.get("License") or "").strip()
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if declared and "\n" not in declared and len(declared) <= 60:
        return declared
    if classifiers:
        return ", ".join(classifiers)
    return declared.splitlines()[0][:60] if declared else "xem tệp giấy phép / see licence file"


def _home_page(meta) -> str:
    if meta.get("Home-page"):
        return meta["Home-page"]
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in {"homepage", "home", "source", "repository", "source code"}:
            return url.strip()
    return ""


def describe(dist: metadata.Distribution, *, with_texts: bool = True) -> PackageLicence:
    """Read one installed distribution's licence facts (and the text of its dist-info licence files)."""
    texts = []
    if with_texts:
        for file in dist.files or []:
            if file.parts[0].endswith(".dist-info") and _LICENCE_FILE.search(file.name):
                try:
                    text = Path(dist.locate_file(file)).read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue  # a RECORD may list a file the installer skipped; the summary still names the licence
                texts.append((file.name, text))
    meta = dist.metadata
    return PackageLicence(meta["Name"], dist.version, licence_name(meta), _home_page(meta), tuple(texts))


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def packages_for_modules(module_names: Iterable[str], *, with_texts: bool = True) -> list[PackageLicence]:
    """The distributions that provide the given top-level modules (what a build actually bundled).

    Stdlib modules and the app's own package map to no distribution and are left out.
    """
    owners = metadata.packages_distributions()
    names = {dist for module in module_names for dist in owners.get(module, [])}
    found = {}
    for name in names:
        if _key(name) == APP_DISTRIBUTION:
            continue
        dist = metadata.distribution(name)
        found[_key(dist.metadata["Name"])] = describe(dist, with_texts=with_texts)
    return [found[k] for k in sorted(found)]


def runtime_packages(*, with_texts: bool = False) -> list[PackageLicence]:
    """The app's runtime dependency closure as installed here (no extras): what an installed copy uses."""
    seen: dict[str, PackageLicence] = {}
    pending = [APP_DISTRIBUTION]
    while pending:
        name = pending.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a dependency for another platform, or not installed in this environment
        for requirement in dist.requires or []:
            spec = requirement.split(";")[0]
            marker = requirement.partition(";")[2]
            if "extra ==" in marker or "extra==" in marker:
                continue
            pending.append(re.split(r"[\s<>=!~\[(]", spec.strip(), maxsplit=1)[0])
        key = _key(dist.metadata["Name"])
        if key != APP_DISTRIBUTION and key not in seen:
            seen[key] = describe(dist, with_texts=with_texts)
    return [seen[k] for k in sorted(seen)]


def python_licence_text() -> str:
    """CPython's LICENSE.txt from the running interpreter (stdlib folder on Linux, install folder on Windows)."""
    for folder in (Path(sysconfig.get_path("stdlib")), Path(sys.base_prefix)):
        candidate = folder / "LICENSE.txt"
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8", errors="replace")
    return "PSF License Agreement: https://docs.python.org/3/license.html"


def _table(rows: list[tuple[str, str, str]]) -> list[str]:
    width = max(len(r[0]) for r in rows) + 2
    lic_width = min(max(len(r[1]) for r in rows), 48) + 2
    return [f"  {a.ljust(width)}{b.ljust(lic_width)}{c}".rstrip() for a, b, c in rows]


def render_third_party(
    packages: list[PackageLicence],
    *,
    full_texts: bool = True,
    app_licence: str | None = None,
    system_libraries: Iterable[str] = (),
) -> str:
    """The notice file: a summary table, then (with ``full_texts``) every licence text in full.

    Args:
        packages: the shipped Python distributions.
        full_texts: append the text of every licence (the frozen build); the About dialog shows the summary.
        app_licence: the app's own LICENSE text, printed first.
        system_libraries: shared libraries copied from the build machine that belong to no Python package.
    """
    python = f"Python {sys.version.split()[0]}"
    rows = [(python, "PSF-2.0", "https://www.python.org")]
    rows += [(f"{p.name} {p.version}", p.licence, p.url) for p in packages]
    rows += [(f"{family} (phông chữ / font)", "OFL-1.1", f"resources/fonts/{file}") for family, file in FONTS]
    lines = [
        f"tdkt-desktop {__version__} — phần mềm của bên thứ ba đi kèm / third-party software shipped with it",
        "",
        "tdkt-desktop: giấy phép MIT / MIT License (xem LICENSE.txt).",
        "",
        "Tóm tắt / Summary:",
        *_table(rows),
        "",
        QT_NOTE,
    ]
    libraries = sorted(set(system_libraries))
    if libraries:
        lines += [
            "",
            "Thư viện hệ thống chép từ máy đóng gói / system libraries copied from the build machine",
            "(giấy phép của từng thư viện theo bản phân phối của máy đó / licences as shipped by that distribution):",
            *[f"  {name}" for name in libraries],
        ]
    if not full_texts:
        return "\n".join(lines) + "\n"
    sections: list[tuple[str, str]] = []
    if app_licence:
        sections.append(("tdkt-desktop — LICENSE", app_licence))
    sections.append((python, python_licence_text()))
    for package in packages:
        for file_name, text in package.texts:
            sections.append((f"{package.name} {package.version} — {file_name}", text))
    for family, file in FONTS:
        sections.append((f"{family} — {file}", paths.resource_path("fonts", file).read_text(encoding="utf-8")))
    for file in QT_LICENCE_FILES:
        sections.append((f"Qt / PySide6 — {file}", paths.resource_path("licenses", file).read_text(encoding="utf-8")))
    for title, text in sections:
        lines += ["", "=" * 100, title, "=" * 100, "", text.strip()]
    return "\n".join(lines) + "\n"


def notice_text() -> str:
    """What the About dialog shows: the frozen build's THIRD-PARTY.txt, or a summary of this installation."""
    bundled = paths.install_dir() / "THIRD-PARTY.txt"
    if paths.is_frozen() and bundled.is_file():
        return bundled.read_text(encoding="utf-8-sig")  # the Windows build writes a BOM for Notepad
    return render_third_party(runtime_packages(), full_texts=False)
