"""The first run: from an empty folder to a logged-in queue, through the real wizard, a real
SQLite file and (for the portal path) a real portal over loopback."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.core.accounts import Role
from desktop.core.calendar import OFFICE_TZ
from desktop.services import options
from desktop.services.accounts import login
from desktop.services.settings import open_desk
from desktop.services.sync_status import sync_status
from desktop.store.db import open_store
from desktop.store.models import AuditEntry, Officer
from desktop.ui.app import office_name
from desktop.ui.first_run import ACCOUNT, CHOICE, DEMO, PORTAL, FirstRunWizard, building_folder
from desktop.ui.login import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.workers import InlineWorkers, PoolWorkers, Workers
from tests.sync.conftest import PortalProcess, portal, portal_template  # noqa: F401

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=OFFICE_TZ)
PASSWORD = "mat-khau-cua-toi"


def wizard_in(qtbot: QtBot, folder: Path, workers: Workers | None = None) -> FirstRunWizard:
    wizard = FirstRunWizard(folder / "desk.db", workers or InlineWorkers(), demo_dossiers=30,
                            demo_now=NOW)  # fmt: skip
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentId() == CHOICE
    return wizard


def to_account_page_with_demo(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    wizard.choice.use_demo.click()
    wizard.next()
    assert wizard.currentId() == DEMO
    wizard.next()  # builds the demo desk (inline here, on a worker in the app)
    qtbot.waitUntil(lambda: wizard.currentId() == ACCOUNT, timeout=120_000)


def fill_account(wizard: FirstRunWizard, again: str = PASSWORD) -> None:
    page = wizard.account
    page.full_name.setText("Hoàng Thị Lan")
    page.username.setText("hoanglan")
    page.password.setText(PASSWORD)
    page.again.setText(again)


def nothing_left(folder: Path) -> None:
    assert sorted(p.name for p in folder.iterdir()) == []


def test_from_an_empty_folder_to_a_logged_in_queue_with_demo_data(
    qtbot: QtBot, tmp_path: Path
) -> None:
    database = tmp_path / "desk.db"
    pool = PoolWorkers()  # as in the app: the demo is built on a worker thread
    wizard = wizard_in(qtbot, tmp_path, pool)
    to_account_page_with_demo(qtbot, wizard)
    assert not database.exists()  # built aside until the account is made
    assert (building_folder(database) / "desk.db").is_file()

    finish = wizard.button(QWizard.WizardButton.FinishButton)
    fill_account(wizard, again="mat-khau-khac")
    finish.click()
    assert "không khớp" in wizard.account.status.text() and not database.exists()
    fill_account(wizard)
    wizard.account.password.setText("ngan")
    wizard.account.again.setText("ngan")
    finish.click()
    qtbot.waitUntil(lambda: "ít nhất 8 ký tự" in wizard.account.status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: pool.busy() == 0)
    assert not database.exists()
    fill_account(wizard)
    with qtbot.waitSignal(wizard.accepted, timeout=30_000):
        finish.click()
    assert wizard.username == "hoanglan"
    assert database.is_file() and (tmp_path / "desk.tep-dinh-kem").is_dir()
    assert not building_folder(database).exists()

    # As the app goes on: the login (the new account), then the queue.
    desk = open_desk(open_store(database, check=True))
    dialog = LoginDialog(desk, office_name(desk))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, wizard.username)
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.role is Role.ADMINISTRATOR
    window = MainWindow(desk, dialog.actor, office_name(desk), InlineWorkers())
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() > 0
    assert window.model.index(0, 0).data().startswith("LCU-TTHCC-")
    with desk.store.read() as session:  # added by the demo's administrator, audited
        added = session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "officer.add", AuditEntry.subject == "hoanglan"
            )
        ).one()
        creator = session.get(Officer, added.officer_id)
    assert creator is not None and creator.username == "quantri"
    desk.store.close()


def test_cancel_leaves_no_file(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = wizard_in(qtbot, tmp_path)
    to_account_page_with_demo(qtbot, wizard)
    fill_account(wizard)
    with qtbot.waitSignal(wizard.rejected, timeout=5000):
        wizard.button(QWizard.WizardButton.CancelButton).click()
    nothing_left(tmp_path)

    wizard = wizard_in(qtbot, tmp_path)  # cancelled at once
    wizard.reject()
    nothing_left(tmp_path)


def test_cancelled_while_the_demo_is_being_built(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = wizard_in(qtbot, tmp_path, PoolWorkers())
    wizard.choice.use_demo.click()
    wizard.next()
    wizard.next()
    assert wizard.busy
    qtbot.waitUntil(lambda: (building_folder(tmp_path / "desk.db") / "desk.db").exists())
    wizard.reject()  # the window closed mid-build, as the app then ends
    wizard.abandon()
    nothing_left(tmp_path)


KILLED = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from desktop.ui.first_run import FirstRunWizard
    from desktop.ui.workers import InlineWorkers

    app = QApplication([])
    wizard = FirstRunWizard(Path(sys.argv[1]), InlineWorkers(), demo_dossiers=400)
    wizard.show()
    wizard.choice.use_demo.click()
    wizard.next()
    wizard.next()  # builds for a long while: killed during it
""")


def test_a_run_killed_midway_is_cleared_and_never_taken_for_a_desk(
    qtbot: QtBot, tmp_path: Path
) -> None:
    database = tmp_path / "desk.db"
    half = building_folder(database) / "desk.db"
    run = subprocess.Popen([sys.executable, "-c", KILLED, str(database)])
    try:
        deadline = time.monotonic() + 120
        while not (half.exists() and half.stat().st_size > 100_000):  # dossiers going in
            assert run.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
    finally:
        run.kill()  # as a power cut would
        run.wait(30)
    assert not database.exists() and half.exists()
    wizard = wizard_in(qtbot, tmp_path)  # the next start clears it and begins again
    assert not building_folder(database).exists() and not database.exists()
    wizard.reject()
    nothing_left(tmp_path)


def test_an_unreachable_portal_is_said_and_leaves_no_file(qtbot: QtBot, tmp_path: Path) -> None:
    from tests.sync.conftest import free_port

    wizard = wizard_in(qtbot, tmp_path)
    wizard.next()
    assert wizard.currentId() == PORTAL
    wizard.next()
    assert "Hãy nhập cả địa chỉ cổng và mã ghi danh" in wizard.portal.status.text()
    wizard.portal.address.setText(f"http://127.0.0.1:{free_port()}")  # nobody listens there
    wizard.portal.code.setText("ABCD-EFGH")
    wizard.next()
    said = wizard.portal.status.text()
    assert said.startswith("Không kết nối được cổng dịch vụ công"), said
    assert "kiểm tra địa chỉ cổng và kết nối mạng" in said
    assert wizard.currentId() == PORTAL
    nothing_left(tmp_path)
    wizard.portal.address.setText("http://10.20.30.40:8080")  # plain http to another machine
    wizard.next()
    assert "http:// không mã hoá" in wizard.portal.status.text()
    nothing_left(tmp_path)
    not_pem = tmp_path.parent / f"{tmp_path.name}-ca.pem"  # outside the desk's folder
    not_pem.write_text("not a certificate", encoding="ascii")
    wizard.portal.address.setText("https://cong.example")
    wizard.portal.ca_file.setText(str(not_pem))
    wizard.next()
    assert "Chứng chỉ gốc (CA) của tỉnh: tệp" in wizard.portal.status.text()
    assert "không chứa chứng chỉ PEM" in wizard.portal.status.text()
    nothing_left(tmp_path)


def test_enrolled_with_the_portal_then_the_first_account(
    qtbot: QtBot,
    tmp_path: Path,
    portal: PortalProcess,  # noqa: F811
) -> None:
    folder = tmp_path / "ban"
    folder.mkdir()
    wizard = wizard_in(qtbot, folder)
    wizard.next()
    wizard.portal.address.setText(portal.url)
    wizard.portal.code.setText("MA-SAI")
    wizard.next()
    assert "không nhận mã ghi danh" in wizard.portal.status.text()
    nothing_left(folder)
    wizard.portal.code.setText(portal.enrolment_code())
    wizard.portal.desk_name.setText("Quầy 1")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == ACCOUNT, timeout=30_000)
    fill_account(wizard)
    with qtbot.waitSignal(wizard.accepted, timeout=30_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    desk = open_desk(open_store(folder / "desk.db", check=True))
    assert sync_status(desk).enrolled
    with desk.store.read() as session:
        officers = [(o.username, o.role) for o in session.scalars(select(Officer))]
    assert officers == [("hoanglan", Role.ADMINISTRATOR.value)]  # the desk's first account
    admin = login(desk, "hoanglan", PASSWORD)
    settings = SettingsDialog(desk, admin)  # the portal's tab, now that the desk is enrolled
    qtbot.addWidget(settings)
    address = settings.fields[options.PORTAL_ADDRESS]
    assert isinstance(address, QLineEdit) and address.isEnabled()
    assert address.text() == portal.url
    address.setText(portal.url.replace("127.0.0.1", "localhost"))
    with qtbot.waitSignal(settings.accepted, timeout=5000):
        settings.save_button.click()
    assert settings.changed == [options.PORTAL_ADDRESS]
    assert options.read_desk(desk, options.PORTAL_ADDRESS).startswith("http://localhost:")
    desk.store.close()
