"""``motcua-desk``: open the desk database, log in, show the officer's window."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.core.lifecycle import DomainError
from desktop.paths import default_database
from desktop.services.context import Desk
from desktop.services.settings import open_desk
from desktop.store.db import StoreError, open_store
from desktop.store.models import Office
from desktop.ui.errors import default_report_dir, error_box, install_crash_handler
from desktop.ui.i18n import apply_ui_font, install_fonts, install_language, language_setting
from desktop.ui.login import LoginDialog
from desktop.ui.main_window import MainWindow


def office_name(desk: Desk) -> str:
    with desk.store.read() as session:
        office = session.get(Office, desk.office_code)
        return office.name if office else desk.office_code


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="motcua-desk", description="MotCua Desk")
    parser.add_argument("--db", default=str(default_database()), help="cơ sở dữ liệu của bàn")
    parser.add_argument("--language", choices=("vi", "en"), help="ngôn ngữ giao diện")
    args, qt_args = parser.parse_known_args(argv)
    app = QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("MotCua Desk")
    # A bug anywhere from here on leaves a crash report; environment errors get a dialog.
    install_crash_handler(default_report_dir(Path(args.db)), QApplication.activeWindow)
    apply_ui_font(app, install_fonts())  # Vietnamese glyphs whatever fonts the PC has
    try:
        desk = open_desk(open_store(Path(args.db), create=False, check=True))
    except (StoreError, DomainError) as exc:
        error_box(None, exc).exec()  # no event loop yet: this dialog waits for the officer
        return 2
    translators = install_language(app, args.language or language_setting(desk))
    name = office_name(desk)
    dialog = LoginDialog(desk, name)
    if dialog.exec() != LoginDialog.DialogCode.Accepted or dialog.actor is None:
        return 0
    window = MainWindow(desk, dialog.actor, name)
    window.resize(1360, 800)
    window.show()
    window.start_background()
    # What is loaded by now lives as long as the program: keep it out of the garbage
    # collector's full passes, which otherwise stall the queue's scrolling (~200 ms each).
    gc.freeze()
    code = app.exec()
    del translators  # kept alive until the window has closed
    return code
