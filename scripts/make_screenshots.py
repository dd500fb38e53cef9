"""Make docs/screenshots/*.png from a fresh demo database, offscreen.

QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from desktop.core.calendar import OFFICE_TZ
from desktop.services.accounts import login
from desktop.services.demo import ManualClock, build_demo
from desktop.services.settings import open_desk
from desktop.store.db import open_store
from desktop.ui.app import office_name
from desktop.ui.login import LoginDialog
from desktop.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
# A fixed "now" keeps the pictures the same from one run to the next.
NOW = datetime(2026, 11, 27, 9, 15, tzinfo=OFFICE_TZ)


def main() -> int:
    app = QApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "demo.db", create=True)
        build_demo(store, now=NOW)
        desk = open_desk(store, ManualClock(NOW))
        name = office_name(desk)

        dialog = LoginDialog(desk, name)
        dialog.username.setText("canbo1")
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(OUT / "login.png"))

        window = MainWindow(desk, login(desk, "canbo1", "canbo1-demo"), name)
        window.resize(1400, 760)
        window.show()
        app.processEvents()
        window.grab().save(str(OUT / "first-window.png"))

        window.search.setText("nguyen van")
        window.run_search()
        app.processEvents()
        window.grab().save(str(OUT / "first-window-search.png"))
        window.close()
        store.close()
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
