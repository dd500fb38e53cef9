"""Make docs/screenshots/*.png from a fresh demo database, offscreen, in Vietnamese.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_screenshots.py [NAME.png …]

Given names, only those pictures are written (the rest are made, not saved).

The conflicts panel needs a conflict the sync really produced: the script starts a demo
portal on loopback, enrols a second desk, accepts a dossier on it offline while the
citizen withdraws it online, and syncs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import requests
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from desktop.core.calendar import OFFICE_TZ
from desktop.core.calendar import Session as DaySession
from desktop.core.checks import OriginalVerdict, PaperVerdict
from desktop.core.lifecycle import Act, DossierState
from desktop.services import dossiers as acts
from desktop.services import options
from desktop.services.accounts import login
from desktop.services.context import Desk
from desktop.services.demo import ManualClock, build_demo
from desktop.services.queue import QueueFilter, queue_ids
from desktop.services.sessions import WorkSession, missed_sessions, record_pickup
from desktop.services.settings import open_desk
from desktop.store.db import open_store
from desktop.ui.app import office_name
from desktop.ui.dossier_view import DossierView
from desktop.ui.first_run import FirstRunWizard
from desktop.ui.i18n import apply_ui_font, install_fonts
from desktop.ui.login import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.originals import OriginalsDialog
from desktop.ui.reports_view import KEY_ROLE
from desktop.ui.workers import InlineWorkers
from sync.client.engine import SyncEngine, enrol_desk
from sync.portal.db import PortalDatabase
from sync.portal.demo import init_demo, submit_demo
from sync.portal.service import citizen_act, create_enrolment_code

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
# A fixed "now" keeps the pictures the same from one run to the next: a Monday morning,
# when the weekend's online dossiers wait.
NOW = datetime(2026, 11, 30, 7, 50, tzinfo=OFFICE_TZ)
MONDAY = datetime(2026, 11, 30, 10, 0, tzinfo=OFFICE_TZ)  # the supervisor's deadline view
SIZE = (1400, 800)
SMALL_SCREEN = (1024, 768)
JUSTICE = "Công chức Tư pháp - Hộ tịch cấp xã"
ONLY: set[str] = set()  # the pictures to write; none named: every one


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.02)


def save(app: QApplication, widget: QWidget, name: str) -> None:
    settle(app)
    if ONLY and name not in ONLY:
        return
    widget.grab().save(str(OUT / name))
    print(f"  {name}")


def save_over(app: QApplication, window: QWidget, dialog: QWidget, name: str) -> None:
    """``dialog`` drawn over ``window``, centred, as the officer sees it (offscreen, a
    dialog is a window of its own: each is grabbed, then one painted on the other)."""
    settle(app)
    if ONLY and name not in ONLY:
        return
    picture = window.grab()
    top = dialog.grab()
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 60))  # the window behind, dimmed
    corner = QPoint((picture.width() - top.width()) // 2, (picture.height() - top.height()) // 3)
    painter.setPen(QColor("#5f6368"))
    painter.drawRect(corner.x() - 1, corner.y() - 1, top.width() + 1, top.height() + 1)
    painter.drawPixmap(corner, top)
    painter.end()
    picture.save(str(OUT / name))
    print(f"  {name}")


def first_in(desk: object, actor: object, state: DossierState) -> str:
    ids = queue_ids(desk, actor, QueueFilter(states=(state,)))  # type: ignore[arg-type]
    if not ids:
        raise SystemExit(f"the demo has no dossier in state {state}")
    return ids[0]


def small_screen_picture(app: QApplication, desk: Desk, name: str) -> None:
    """The queue on a commune's old 1024×768 screen, the window maximised on it."""
    officer = login(desk, "canbo2", "canbo2-demo")
    window = MainWindow(desk, officer, name, InlineWorkers())
    window.resize(*SMALL_SCREEN)
    window.show()
    save(app, window, "queue-1024x768.png")
    window.close()


def demo_desk_pictures(app: QApplication, tmp: Path) -> None:
    store = open_store(tmp / "demo.db", create=True)
    build_demo(store, now=NOW)
    desk = open_desk(store, ManualClock(NOW))
    name = office_name(desk)

    dialog = LoginDialog(desk, name)
    dialog.username.setText("canbo1")
    dialog.show()
    save(app, dialog, "login.png")
    dialog.close()

    officer = login(desk, "canbo1", "canbo1-demo")
    window = MainWindow(desk, officer, name, InlineWorkers())
    window.resize(*SIZE)
    window.show()
    save(app, window, "queue.png")
    window.search.setText("nguyen van")
    window.run_search()
    save(app, window, "queue-search.png")
    window.search.clear()
    small_screen_picture(app, desk, name)

    # The completeness check: one paper missing, one wrong, the supplement about to go.
    view = window.open_dossier(first_in(desk, officer, DossierState.SUBMITTED))
    assert isinstance(view, DossierView) and view.model is not None
    view.model.set_verdict(1, PaperVerdict.MISSING)
    if view.model.rowCount() > 2:
        view.model.set_verdict(2, PaperVerdict.WRONG, "Bản chụp mờ, không đọc được số")
    view.checklist.selectRow(0)
    save(app, window, "completeness-check.png")
    view.request_supplement()
    assert view.dialog is not None
    save(app, view.dialog, "completeness-check-notice.png")
    view.dialog.close()

    # The originals check at result return, with the second paper's scan open.
    view = window.open_dossier(first_in(desk, officer, DossierState.RESULT_READY))
    view.return_result()
    originals = view.dialog
    assert isinstance(originals, OriginalsDialog)
    originals.resize(*SIZE)
    if originals.model.rowCount() > 1:
        originals.table.selectRow(1)
        originals.model.set_verdict(1, OriginalVerdict.DIFFERS, "Sai năm sinh so với bản điện tử")
        originals.signed.setChecked(True)
        originals.collect_fee()  # when the fee is still owed: cash, with its receipt
        settle(app)
        if originals.receipt_offer is not None:  # the receipt's print offer: later
            originals.receipt_offer.reject()
        originals.try_return()  # blocked: the supervisor's override appears
        originals.supervisor.setText("lanhdao")
        originals.reason.setText("Đã xác minh với cơ quan cấp, sai sót do đánh máy")
    save(app, originals, "originals-check.png")
    originals.close()

    # A dossier apologised for with a new date: both appointments, lateness from the first.
    view = window.open_dossier(first_in(desk, officer, DossierState.REAPPOINTED))
    save(app, window, "dossier-reappointed.png")

    # The envelope of originals for a result to post: each paper as at the counter.
    view = window.open_dossier(first_in(desk, officer, DossierState.RESULT_READY))
    view.receive_by_post()
    assert view.dialog is not None
    save(app, view.dialog, "return-by-post.png")
    view.dialog.close()

    window.lock()
    save(app, window, "lock.png")
    window.close()
    supervisor_pictures(app, desk, name)
    print_offer_picture(app, desk, name)
    settings_picture(app, desk, name)
    store.close()
    first_run_picture(app, tmp)


def print_offer_picture(app: QApplication, desk: Desk, name: str) -> None:
    """A dossier just accepted (F2): its Giấy tiếp nhận offered to print at once."""
    officer = login(desk, "canbo1", "canbo1-demo")
    window = MainWindow(desk, officer, name, InlineWorkers())
    window.resize(*SIZE)
    window.show()
    view = window.open_dossier(first_in(desk, officer, DossierState.SUBMITTED))
    assert view.model is not None
    for row in range(view.model.rowCount()):  # every paper checked at the counter
        view.model.set_verdict(row, PaperVerdict.PRESENT)
    view.accept_dossier()
    assert view.dialog is not None
    view.dialog.try_perform()  # type: ignore[attr-defined]
    offer = view.offer
    assert offer is not None and offer.paper is not None, offer and offer.status.text()
    save_over(app, window, offer, "print-offer.png")
    offer.reject()
    window.close()


def settings_picture(app: QApplication, desk: Desk, name: str) -> None:
    """The administrator's Cài đặt, its first tab (Cơ quan) with the office's phone typed."""
    admin = login(desk, "quantri", "quantri-demo")
    window = MainWindow(desk, admin, name, InlineWorkers())
    window.resize(*SIZE)
    window.show()
    dialog = window.show_settings()
    assert dialog is not None
    phone = dialog.fields[options.OFFICE_PHONE]
    assert isinstance(phone, QLineEdit)
    phone.setText("0213 3876 543")
    save_over(app, window, dialog, "settings.png")
    dialog.reject()
    window.close()


def first_run_picture(app: QApplication, tmp: Path) -> None:
    """What a new desk shows first: the wizard's choice of portal or demo data."""
    wizard = FirstRunWizard(tmp / "moi" / "desk.db", InlineWorkers())
    wizard.show()
    save(app, wizard, "first-run.png")
    wizard.reject()


def supervisor_pictures(app: QApplication, desk: Desk, name: str) -> None:
    """The supervisor's side: a handover batch being chosen on Friday morning, then the
    deadline view on Monday afternoon."""
    officer = login(desk, "canbo1", "canbo1-demo")
    for dossier_id in queue_ids(desk, officer, QueueFilter(states=(DossierState.SUBMITTED,)))[:4]:
        acts.accept_dossier(desk, officer, dossier_id)  # a morning's acceptances to hand over

    supervisor = login(desk, "lanhdao", "lanhdao-demo")
    window = MainWindow(desk, supervisor, name, InlineWorkers())
    window.resize(*SIZE)
    window.show()
    handover = window.show_handover()
    handover.resize(SIZE[0] - 160, SIZE[1] - 200)
    justice = [n for n, d in enumerate(handover.model.dossiers) if d.department == JUSTICE]
    handover.model.set_checked(justice, True)
    handover.table.selectRow(justice[-1])
    handover.receiver.setText("Lò Thị Hoa — công chức Tư pháp - Hộ tịch")
    handover.days.setValue(2)
    save(app, handover, "handover-batch.png")
    handover.try_hand_over()  # the batch goes, so the deadline view shows it
    assert handover.batch is not None, handover.error.text()
    handover.reject()

    # Monday afternoon. The desk's session pickups of the week, as a desk that runs all day
    # makes them; one afternoon nobody looked, which the deadline view reports (Đ12.8).
    assert isinstance(desk.clock, ManualClock)
    desk.clock.now = MONDAY
    today = MONDAY.date()
    skipped = WorkSession(today - timedelta(days=4), DaySession.AFTERNOON)  # Thursday
    for ws in missed_sessions(desk, today - timedelta(days=6), today):
        if ws != skipped:
            record_pickup(desk, None, ws, True, 0)
    panel = window.show_deadlines()
    panel.table.selectRow(0)
    save(app, window, "supervisor-deadlines.png")

    # November's report (15/10–14/11, Biểu 06) per department, its late dossiers listed.
    reports_view = window.show_reports()
    reports_view.period.setText("2026-11")
    reports_view.grouping.setCurrentIndex(1)  # per department: the form's rows fit
    reports_view.reload()
    late = next(c for c in range(1, reports_view.model.columnCount())
                if reports_view.model.index(0, c).data(KEY_ROLE) == "resolved.late")  # fmt: skip
    total = reports_view.model.rowCount() - 1
    reports_view.table.setCurrentIndex(reports_view.model.index(total, late))
    reports_view.table.horizontalScrollBar().setValue(0)
    save(app, window, "supervisor-reports.png")
    window.close()


def conflict_pictures(app: QApplication, tmp: Path) -> None:
    """A real conflict from a real portal: offline accept versus online withdrawal."""
    database = f"sqlite:///{tmp / 'portal.db'}"
    db = PortalDatabase(database)
    init_demo(db)
    submit_demo(db, 6, "LCU-TTHCC", 7)
    with db.transaction() as s:
        code = create_enrolment_code(s, "LCU-TTHCC")
    db.dispose()
    port = 18765
    portal = subprocess.Popen([sys.executable, "-m", "desktop.cli", "portal", "serve", "--db",
                               database, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if requests.get(url + "/health", timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        store = open_store(tmp / "desk.db", create=True)
        enrol_desk(store, url, code, "Quầy 2")
        desk = open_desk(store)
        SyncEngine(desk).sync_once()
        officer = login(desk, "canbo1", "canbo1-demo")
        target = queue_ids(desk, officer)[0]
        acts.accept_dossier(desk, officer, target)
        db = PortalDatabase(database)
        with db.transaction() as s:
            citizen_act(s, target, Act.WITHDRAW, {"reason": "Đã nộp hồ sơ tại nơi khác"})
        db.dispose()
        window = MainWindow(desk, officer, office_name(desk), InlineWorkers())
        window.resize(*SIZE)
        window.show()
        window.sync_now()
        window.show_conflicts()
        save(app, window, "conflicts-panel.png")
        window.close()
        store.close()
    finally:
        portal.terminate()
        portal.wait(10)


def main() -> int:
    app = QApplication(sys.argv)
    apply_ui_font(app, install_fonts())
    OUT.mkdir(parents=True, exist_ok=True)
    for old in ("first-window.png", "first-window-search.png"):  # earlier names
        (OUT / old).unlink(missing_ok=True)
    ONLY.update(sys.argv[1:])
    with tempfile.TemporaryDirectory() as tmp:
        demo_desk_pictures(app, Path(tmp))
        if not ONLY or "conflicts-panel.png" in ONLY:
            conflict_pictures(app, Path(tmp))
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
