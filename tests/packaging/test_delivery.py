"""Delivery pieces that run without a bundle: --version, the zip, the Windows wheelhouse, resources in a wheel."""

from __future__ import annotations

import ast
import glob
import stat
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tdkt_desktop import __version__, paths
from tdkt_desktop.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"tdkt-desktop {__version__} (Python {sys.version.split()[0]})\n"


def test_version_of_frozen_build(capsys, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith(f"tdkt-desktop {__version__} (bản đóng gói, Python 3.")


def test_pyproject_takes_the_package_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "tdkt_desktop.__version__"}


def _bundle(tmp_path: Path) -> Path:
    bundle = tmp_path / "dist" / "tdkt-desktop"
    (bundle / "_internal" / "PySide6").mkdir(parents=True)
    (bundle / "tdkt-desktop").write_bytes(b"\x7fELF executable")
    (bundle / "tdkt-desktop").chmod(0o755)
    (bundle / "_internal" / "PySide6" / "libQt6Core.so.6").write_bytes(b"qt" * 1000)
    (bundle / "_internal" / "libQt6Core.so.6").symlink_to("PySide6/libQt6Core.so.6")
    for name in ("HUONG-DAN-CAI-DAT.txt", "LICENSE.txt", "THIRD-PARTY.txt"):
        (bundle / name).write_text("Hướng dẫn", encoding="utf-8")
    return bundle


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks and Unix modes are what the Linux zip must keep")
def test_zip_keeps_one_folder_modes_and_links(tmp_path, load_script):
    make_zip = load_script("make_zip")
    target = make_zip.make_zip(_bundle(tmp_path), tmp_path / "out", version="9.9.9", tag="linux-x86_64")
    assert target.name == "tdkt-desktop-9.9.9-linux-x86_64.zip"
    with zipfile.ZipFile(target) as archive:
        infos = {info.filename: info for info in archive.infolist()}
        assert {name.split("/")[0] for name in infos} == {"tdkt-desktop"}
        assert "tdkt-desktop/HUONG-DAN-CAI-DAT.txt" in infos
        assert (infos["tdkt-desktop/tdkt-desktop"].external_attr >> 16) & 0o111 == 0o111
        link = infos["tdkt-desktop/_internal/libQt6Core.so.6"]
        assert stat.S_ISLNK(link.external_attr >> 16)
        assert archive.read(link) == b"PySide6/libQt6Core.so.6"
        assert archive.read("tdkt-desktop/_internal/PySide6/libQt6Core.so.6") == b"qt" * 1000
    assert not list((tmp_path / "out").glob("*.part"))


def test_zip_refuses_a_bundle_without_the_guide(tmp_path, load_script):
    make_zip = load_script("make_zip")
    bundle = _bundle(tmp_path)
    (bundle / "HUONG-DAN-CAI-DAT.txt").unlink()
    with pytest.raises(SystemExit, match="thiếu HUONG-DAN-CAI-DAT.txt"):
        make_zip.make_zip(bundle, tmp_path / "out", version="9.9.9")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_zip_name_names_this_platform(load_script):
    make_zip = load_script("make_zip")
    tag = make_zip.platform_tag()
    assert tag == "windows-x64" if sys.platform == "win32" else tag.startswith(("linux-", "macos-"))
    assert make_zip.zip_name("0.1.0", "windows-x64") == "tdkt-desktop-0.1.0-windows-x64.zip"


def _wheel(folder: Path, name: str, version: str, *requires: str) -> None:
    meta = "Metadata-Version: 2.1\nName: {}\nVersion: {}\n{}".format(
        name, version, "".join(f"Requires-Dist: {r}\n" for r in requires))
    with zipfile.ZipFile(folder / f"{name}-{version}-py3-none-any.whl", "w") as archive:
        archive.writestr(f"{name}-{version}.dist-info/METADATA", meta)


def test_wheelhouse_finds_windows_only_requirements(tmp_path, load_script):
    wheelhouse = load_script("wheelhouse")
    _wheel(tmp_path, "click", "8.1.7", 'colorama; platform_system == "Windows"', "importlib-metadata; python_version < '3.8'")
    _wheel(tmp_path, "pillow", "11.0.0", 'psutil; sys_platform == "linux" and extra == "tests"')
    _wheel(tmp_path, "sqlite_utils", "4.2.1", "click>=8.3", "tabulate")
    _wheel(tmp_path, "tabulate", "0.9.0")
    # Linux-side pip skipped colorama; click is too old for sqlite-utils.
    assert wheelhouse.missing_for_windows(tmp_path) == ["click>=8.3", "colorama"]
    (tmp_path / "click-8.1.7-py3-none-any.whl").unlink()
    _wheel(tmp_path, "click", "8.3.1", 'colorama; platform_system == "Windows"')
    _wheel(tmp_path, "colorama", "0.4.6")
    assert wheelhouse.missing_for_windows(tmp_path) == []


def test_installer_batch_file_installs_offline():
    text = (ROOT / "packaging" / "windows" / "cai-dat.bat").read_bytes()
    assert b"\r\n" in text and b"\n" not in text.replace(b"\r\n", b"")  # cmd.exe wants CRLF
    assert not text.startswith(b"\xef\xbb\xbf")  # a BOM would break the first command
    body = text.decode("utf-8")
    assert "--no-index" in body and '--find-links "%HERE%."' in body and "py -3.11" in body


def test_every_resource_ships_in_the_wheel():
    """A wheel has no source tree: each resources/ folder needs its data-files line (pyproject)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = set()
    for target, patterns in project["tool"]["setuptools"]["data-files"].items():
        for pattern in patterns:
            assert target == "share/tdkt_desktop/" + Path(pattern).parent.as_posix(), (target, pattern)
            shipped |= {Path(p) for p in glob.glob(str(ROOT / pattern)) if Path(p).is_file()}
    present = {p for p in (ROOT / "resources").rglob("*") if p.is_file()}
    assert present - shipped == set(), "add these folders to [tool.setuptools.data-files]"


@pytest.fixture
def fresh_resources():
    paths._resources_root.cache_clear()
    yield
    paths._resources_root.cache_clear()


def test_wheel_install_finds_resources_under_share(tmp_path, monkeypatch, fresh_resources):
    import sysconfig

    installed = tmp_path / "venv" / "share" / "tdkt_desktop" / "resources"
    (installed / "fonts").mkdir(parents=True)
    monkeypatch.setattr(paths, "_RESOURCES", tmp_path / "site-packages" / "resources")  # no source tree
    real_get_path = sysconfig.get_path
    monkeypatch.setattr(sysconfig, "get_path", lambda name, *a, **k: (
        str(tmp_path / "venv") if name == "data" else real_get_path(name, *a, **k)))
    assert paths.resource_path("fonts", "LiberationSerif-OFL.txt") == installed / "fonts" / "LiberationSerif-OFL.txt"


def test_frozen_build_reads_resources_from_its_folder(tmp_path, monkeypatch, fresh_resources):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "tdkt-desktop"))
    assert paths.resource_path("fonts") == tmp_path / "_internal" / "resources" / "fonts"
    assert paths.install_dir() == tmp_path


def test_spec_is_portable():
    """The same spec runs on Windows: no shell commands, no hard-coded path separators."""
    tree = ast.parse((ROOT / "packaging" / "tdkt-desktop.spec").read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)
                for alias in node.names} | {node.module.split(".")[0] for node in ast.walk(tree)
                                             if isinstance(node, ast.ImportFrom) and node.module}
    assert imported.isdisjoint({"subprocess", "os", "shutil", "shlex"})
    strings = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    assert [s for s in strings if "/" in s or "\\" in s] == []
