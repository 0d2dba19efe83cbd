"""QtGui as PyInstaller's own hook collects it, minus the Qt plugins an office desktop app never loads.

A user hook replaces the built-in one, so the dropped plugins' own dependencies (the GTK/cairo/pango stack of the
gtk3 theme, the EGL/DRM libraries of the embedded platforms) are never analysed or copied either.
"""

from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

#: Plugin folders dropped whole: touch/evdev input, embedded EGL, Wayland compositor side.
DROP_TYPES = {"generic", "egldeviceintegrations", "wayland-graphics-integration-server"}
#: For these folders only the listed plugins stay (names without "lib" prefix and suffix).
KEEP_ONLY = {
    # The desktop platforms (X11, Wayland, Windows, macOS) plus offscreen/minimal for `screenshots` and tests.
    "platforms": {"qxcb", "qwayland", "qwindows", "qcocoa", "qoffscreen", "qminimal"},
    # Formats a user might pick for a logo or icon; PNG/BMP are built into QtGui.
    "imageformats": {"qjpeg", "qgif", "qico", "qsvg"},
    # The portal theme gives native file dialogs through D-Bus; the gtk3 theme would pull the whole GTK stack.
    "platformthemes": {"qxdgdesktopportal"},
}


def _keep(src: str, dest_dir: str) -> bool:
    dest = PurePath(dest_dir)
    if "plugins" not in dest.parts:
        return True
    plugin_type = dest.name
    if plugin_type in DROP_TYPES:
        return False
    name = PurePath(src).stem.split(".")[0]
    name = name[3:] if name.startswith("lib") else name
    return plugin_type not in KEEP_ONLY or name in KEEP_ONLY[plugin_type]


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(src, dest) for src, dest in binaries if _keep(src, dest)]
