"""``motcua-desk``: open the desk database (or, when there is none yet, set one up with the
first-run wizard), log in, show the officer's window."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QWidget

import desktop
from desktop.core.lifecycle import DomainError
from desktop.logs import start_log, utf8_console
from desktop.paths import default_database, keep_private
from desktop.services import options
from desktop.services.context import Desk
from desktop.services.settings import open_desk
from desktop.store.db import StoreError, open_store
from desktop.store.models import Office
from desktop.ui.errors import default_report_dir, error_box, install_crash_handler
from desktop.ui.first_run import FirstRunWizard
from desktop.ui.i18n import (
    DEFAULT_LANGUAGE,
    apply_ui_font,
    install_fonts,
    install_language,
    language_setting,
)
from desktop.ui.integrity import StartCheck
from desktop.ui.login import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.passphrase import unlock_database
from desktop.ui.workers import PoolWorkers


def office_name(desk: Desk) -> str:
    with desk.store.read() as session:
        office = session.get(Office, desk.office_code)
        return office.name if office else desk.office_code


class _QuitWhenShown(QObject):
    """``--quit-after-start``: close the first window shown (the login) once it is on
    screen, so a cold start can be timed and a bundle checked without anyone at the desk."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        shown = event.type() == QEvent.Type.Show
        if shown and isinstance(watched, QWidget) and watched.isWindow():
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            logging.getLogger("motcua").info("%s shown; quitting", type(watched).__name__)
            QTimer.singleShot(0, watched.close)
        return False


def main(argv: Sequence[str] | None = None) -> int:
    utf8_console()
    parser = argparse.ArgumentParser(prog="motcua-desk", description="MotCua Desk")
    parser.add_argument("--version", action="version", version=f"%(prog)s {desktop.__version__}")
    parser.add_argument("--db", default=str(default_database()), help="cơ sở dữ liệu của bàn")
    parser.add_argument("--language", choices=("vi", "en"), help="ngôn ngữ giao diện")
    parser.add_argument("--quit-after-start", action="store_true",
                        help="đóng khi cửa sổ đầu tiên hiện ra (đo khởi động)")  # fmt: skip
    args, qt_args = parser.parse_known_args(argv)
    keep_private()  # the database, scans, log and crash reports: this user's alone (POSIX)
    start_log("motcua-desk")
    app = QApplication([sys.argv[0], *qt_args])
    quitter = _QuitWhenShown()
    if args.quit_after_start or os.environ.get("MOTCUA_QUIT_AFTER_START"):
        app.installEventFilter(quitter)
    app.setApplicationName("MotCua Desk")
    # A bug anywhere from here on leaves a crash report; environment errors get a dialog.
    install_crash_handler(default_report_dir(Path(args.db)), QApplication.activeWindow)
    family = install_fonts()
    apply_ui_font(app, family)  # Vietnamese glyphs whatever fonts the PC has
    database, username = Path(args.db), ""
    if not database.exists():  # a new desk: set it up, instead of an error and nothing else
        install_language(app, args.language or DEFAULT_LANGUAGE)  # kept installed by i18n
        wizard = FirstRunWizard(database)
        if wizard.exec() != FirstRunWizard.DialogCode.Accepted:
            wizard.abandon()  # nothing is left behind, even when cancelled mid-step
            return 0
        username = wizard.username
    if not unlock_database(database):  # encrypted under a passphrase: asked before login
        return 0
    try:
        # The integrity check runs on a worker from here (``StartCheck``), unless an older
        # schema is about to be upgraded: then it runs first, before anything is written.
        desk = open_desk(open_store(database, create=False, check_if_upgrading=True))
    except (StoreError, DomainError) as exc:
        error_box(None, exc).exec()  # no event loop yet: this dialog waits for the officer
        return 2
    pool = QThreadPool.globalInstance()
    try:
        return _log_in_and_work(app, desk, args.language, family, username, PoolWorkers(pool))
    finally:
        pool.waitForDone()  # the check is not left reading a file the program has closed


def _log_in_and_work(app: QApplication, desk: Desk, language: str | None, family: str,
                     username: str, workers: PoolWorkers) -> int:  # fmt: skip
    shown: list[QWidget] = []  # the login, then the window: what a damaged file closes

    def refuse(damage: StoreError) -> None:
        if not shown:  # found before the login is up: said when it would have shown
            return
        for widget in shown:
            widget.setEnabled(False)  # no act goes on in a damaged file
        if isinstance(shown[-1], LoginDialog):
            shown[-1].reject()  # main shows the dialog below once the login has closed
            return
        error_box(shown[-1], damage).exec()
        app.exit(2)

    check = StartCheck(desk.store, workers, refuse)
    translators = install_language(app, language or language_setting(desk))
    apply_ui_font(app, family, options.read_desk(desk, options.FONT_SIZE))
    name = office_name(desk)
    dialog = LoginDialog(desk, name)
    shown.append(dialog)
    if username:  # the account the first-run wizard just made
        dialog.username.setText(username)
        dialog.password.setFocus()
    accepted = dialog.exec() == LoginDialog.DialogCode.Accepted
    if check.damage is not None:
        error_box(None, check.damage).exec()
        return 2
    if not accepted or dialog.actor is None:
        return 0
    window = MainWindow(desk, dialog.actor, name, workers=workers)
    shown.append(window)
    window.show_for_desk()  # maximised; restored, it fits the screen
    window.start_background()
    # What is loaded by now lives as long as the program: keep it out of the garbage
    # collector's full passes, which otherwise stall the queue's scrolling (~200 ms each).
    gc.freeze()
    code = app.exec()
    del translators  # kept alive until the window has closed
    return code
