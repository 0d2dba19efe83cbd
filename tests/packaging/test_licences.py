"""Licence notices: which packages are shipped, what each declares, and the text the build and dialog show."""

from __future__ import annotations

import sys
from email.message import Message

from tdkt_desktop import licences


def _meta(**fields) -> Message:
    meta = Message()
    for key, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            meta[key.replace("_", "-")] = item
    return meta


def test_licence_name_prefers_spdx_then_short_field_then_classifier():
    assert licences.licence_name(_meta(License_Expression="Apache-2.0", License="ignored")) == "Apache-2.0"
    assert licences.licence_name(_meta(License="MIT")) == "MIT"
    long_text = "BSD license (see license.txt for details), Copyright (c) 2000-2025, ReportLab Inc."
    assert licences.licence_name(_meta(License=long_text, Classifier=[
        "Programming Language :: Python", "License :: OSI Approved :: BSD License"])) == "BSD License"
    assert licences.licence_name(_meta()) == "xem tệp giấy phép / see licence file"


def test_runtime_packages_are_the_dependency_closure_without_extras():
    names = {p.name.lower().replace("_", "-") for p in licences.runtime_packages()}
    assert {"pyside6-essentials", "pyside6-pdf", "shiboken6", "sqlite-utils", "reportlab", "openpyxl",
            "platformdirs", "pillow"} <= names
    assert names.isdisjoint({"tdkt-desktop", "pytest", "pypdf", "hypothesis", "pyinstaller", "ruff"})


def test_packages_for_modules_maps_what_a_build_collected():
    found = {p.name: p for p in licences.packages_for_modules(["PIL", "PySide6", "sqlite_utils", "json", "tdkt_desktop"])}
    assert set(found) == {"pillow", "PySide6_Essentials", "PySide6_Pdf", "sqlite-utils"}
    assert found["sqlite-utils"].licence == "Apache-2.0"
    assert any("Apache License" in text for _name, text in found["sqlite-utils"].texts)


def test_full_notice_has_every_licence_text():
    packages = licences.packages_for_modules(["PIL", "PySide6", "sqlite_utils"])
    text = licences.render_third_party(packages, app_licence="MIT License\n\nCopyright", system_libraries=["libX11.so.6"])
    for needle in ("MIT License", "PySide6_Essentials", "OFL-1.1", "GNU LESSER GENERAL PUBLIC LICENSE",
                   "GNU GENERAL PUBLIC LICENSE", "SIL OPEN FONT LICENSE", "libX11.so.6", f"Python {sys.version.split()[0]}"):
        assert needle in text, needle
    assert "PYTHON SOFTWARE FOUNDATION LICENSE" in text or "docs.python.org/3/license" in text


def test_installed_copy_shows_a_summary(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    text = licences.notice_text()
    assert "reportlab" in text and "Be Vietnam Pro" in text and "LGPL 3.0" in text
    assert "GNU LESSER GENERAL PUBLIC LICENSE" not in text  # the full texts are in the frozen build's file


def test_frozen_build_shows_its_third_party_file(tmp_path, monkeypatch):
    (tmp_path / "THIRD-PARTY.txt").write_text("Danh sách thành phần đi kèm", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "tdkt-desktop"))
    assert licences.notice_text() == "Danh sách thành phần đi kèm"
