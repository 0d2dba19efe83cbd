"""A cancelled campaign dialog never crashes the program when it quits (PySide 6.12 teardown)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    from tdkt_desktop.db.connection import open_memory
    from tdkt_desktop.demo import build_demo
    from tdkt_desktop.ui.campaigns import actions
    from tdkt_desktop.ui.shell.app import ensure_app
    from tdkt_desktop.ui.shell.main_window import MainWindow

    app = ensure_app()
    db = open_memory()
    build_demo(db)
    window = MainWindow(db)
    window.show()
    window.tabs.setCurrentWidget(window.campaigns_tab)
    app.processEvents()

    def cancel():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()

    QTimer.singleShot(100, cancel)
    assert actions.edit_campaign(window, db, window, None) is None
    window.close()
    print("đã đóng")
""")


def test_quitting_after_a_cancelled_campaign_dialog_exits_cleanly(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TDKT_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "đã đóng" in done.stdout
