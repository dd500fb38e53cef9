"""``motcua-desk``: open the desk database, log in, show the queue."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.lifecycle import DomainError
from desktop.paths import default_database
from desktop.services.context import Desk
from desktop.services.settings import open_desk
from desktop.store.db import StoreError, open_store
from desktop.store.models import Office
from desktop.ui.login import LoginDialog
from desktop.ui.main_window import MainWindow


def office_name(desk: Desk) -> str:
    with desk.store.read() as session:
        office = session.get(Office, desk.office_code)
        return office.name if office else desk.office_code


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="motcua-desk", description="MotCua Desk")
    parser.add_argument("--db", default=str(default_database()), help="cơ sở dữ liệu của bàn")
    args, qt_args = parser.parse_known_args(argv)
    app = QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("MotCua Desk")
    try:
        desk = open_desk(open_store(Path(args.db), create=False))
    except (StoreError, DomainError) as exc:
        QMessageBox.critical(None, "MotCua Desk", str(exc))
        return 2
    name = office_name(desk)
    dialog = LoginDialog(desk, name)
    if dialog.exec() != LoginDialog.DialogCode.Accepted or dialog.actor is None:
        return 0
    window = MainWindow(desk, dialog.actor, name)
    window.resize(1280, 760)
    window.show()
    return app.exec()
