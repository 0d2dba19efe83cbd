"""Every bundled resource the code names exists, with its licence beside it."""

from PySide6.QtGui import QFontDatabase

from tdkt_desktop import paths
from tdkt_desktop.ui.shell.app import UI_FONT_FAMILY, UI_FONT_FILES


def test_ui_fonts_exist_with_licence():
    for name in UI_FONT_FILES:
        assert paths.resource_path("fonts", name).stat().st_size > 50_000
    assert "SIL Open Font License" in paths.resource_path("fonts", "BeVietnamPro-OFL.txt").read_text(encoding="utf-8")


def test_bundled_ui_font_is_the_app_font(app_fonts):
    assert UI_FONT_FAMILY in QFontDatabase.families()
    assert app_fonts.font().family() == UI_FONT_FAMILY


def test_ui_font_covers_vietnamese(app_fonts):
    from PySide6.QtGui import QFont, QFontMetrics

    metrics = QFontMetrics(QFont(UI_FONT_FAMILY, 10))
    for ch in "ĐđẶặỆệỮữỰựẪẫỔổƠơƯư":
        assert metrics.inFontUcs4(ord(ch)), ch
