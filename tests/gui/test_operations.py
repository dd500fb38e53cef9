"""The desk's acts run off the UI thread (desktop.ui.operations), through the real window
with real worker threads and a real SQLite file: a sync holding the write lock while the
officer accepts a dossier never freezes the window, and the act is done once the lock is
released; a refused act and a database held too long are said in Vietnamese and write
nothing."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.core.lifecycle import DossierState
from desktop.services import papers
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import accept_dossier
from desktop.store.db import connect
from desktop.store.models import ActRow, AuditEntry, Dossier, OutboxEvent
from desktop.ui.decisions import NoticeDialog
from desktop.ui.dossier_view import DossierView
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import Operations
from desktop.ui.paper_offer import PaperOffer
from desktop.ui.workers import InlineWorkers, PoolWorkers
from tests.gui.desk_helpers import dossier_with_scans

CTRL = Qt.KeyboardModifier.ControlModifier
TICK_MS = 20
HELD_MS = 1500  # how long the "sync" holds the write lock: well under the 5 s busy timeout


@pytest.fixture
def window(qtbot: QtBot, desk: Desk, officer: Actor) -> Iterator[MainWindow]:
    w = MainWindow(desk, officer, "UBND xã Tam Đường", PoolWorkers())
    qtbot.addWidget(w)
    w.resize(1280, 760)
    w.show()
    qtbot.waitExposed(w)
    yield w
    workers = w.workers
    assert isinstance(workers, PoolWorkers)
    qtbot.waitUntil(lambda: workers.busy() == 0, timeout=30_000)  # nothing left running


def settled(qtbot: QtBot, window: MainWindow) -> None:
    workers = window.workers
    assert isinstance(workers, PoolWorkers)
    qtbot.waitUntil(lambda: workers.busy() == 0, timeout=30_000)


def open_for_acceptance(qtbot: QtBot, window: MainWindow, dossier_id: str) -> NoticeDialog:
    view = window.open_dossier(dossier_id)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=30_000)
    settled(qtbot, window)
    view.checklist.setFocus()
    qtbot.keyClick(view.checklist, Qt.Key.Key_F2)
    dialog = view.dialog
    assert isinstance(dialog, NoticeDialog)
    qtbot.waitExposed(dialog)
    return dialog


def written(desk: Desk, dossier_id: str) -> tuple[str, int, int, int]:
    """The dossier's state and how many acts, audit entries and outbox events it has."""
    with desk.store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None
        code = d.code

        def count(model: type, *where: object) -> int:
            return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)

        return (d.state, count(ActRow, ActRow.dossier_id == dossier_id),
                count(AuditEntry, AuditEntry.subject == code),
                count(OutboxEvent, OutboxEvent.dossier_id == dossier_id))  # fmt: skip


def hold_write_lock(desk: Desk) -> Any:
    """Another connection (as a sync would) takes the database's write lock and keeps it.
    It goes through the desk's own SQLite library (SQLCipher's): a second SQLite library in
    one process keeps locks of its own, which the first does not see."""
    holder = connect(desk.store.path, timeout=0)
    holder.isolation_level = None
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_accepting_while_a_sync_holds_the_database_keeps_the_window_alive(
    qtbot: QtBot, window: MainWindow, desk: Desk
) -> None:
    d = dossier_with_scans(desk)  # every paper attached: accepted as it is
    dialog = open_for_acceptance(qtbot, window, d.dossier_id)  # F2: what the citizen is told
    before = written(desk, d.dossier_id)
    holder = hold_write_lock(desk)  # the sync starts writing as the officer confirms
    try:
        changed: list[str] = []
        window.operations.changed.connect(changed.append)
        resets: list[float] = []
        window.model.modelReset.connect(lambda: resets.append(time.monotonic()))
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(TICK_MS)
        timer.timeout.connect(lambda: ticks.append(time.monotonic()))
        timer.start()
        released: list[float] = []
        state_at_release: list[str] = []

        def release() -> None:  # on the UI thread: it runs only if the event loop does
            state_at_release.append(written(desk, d.dossier_id)[0])
            holder.execute("COMMIT")
            released.append(time.monotonic())

        qtbot.keyClick(dialog, Qt.Key.Key_Return, CTRL)
        pressed = time.monotonic()
        # The act is on a worker, waiting for the lock; the key returned at once.
        assert window.operations.running is not None
        assert not dialog.confirm.isEnabled() and dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Return, CTRL)  # pressed again: not a second act
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nor is the act left behind unfinished
        assert dialog.isVisible()
        QTimer.singleShot(HELD_MS, release)
        qtbot.waitUntil(lambda: bool(released), timeout=30_000)
        during = [t for t in ticks if pressed <= t <= released[0]]
        assert state_at_release == [DossierState.SUBMITTED.value]  # the act was waiting
        qtbot.waitUntil(lambda: window.operations.running is None, timeout=30_000)
        timer.stop()
        # The loop kept turning all the while: a tick every 20 ms, not one frozen second.
        assert len(during) >= (HELD_MS // TICK_MS) // 4, f"{len(during)} ticks while waiting"
        gaps = [b - a for a, b in pairwise(during)]
        assert max(gaps) < HELD_MS / 1000 / 2, f"the window stalled {max(gaps):.2f} s"
        state, acts, audits, events = written(desk, d.dossier_id)
        assert state == DossierState.ACCEPTED.value
        # One act, audited once, one event for the portal: not two for the key pressed twice.
        assert (acts, audits, events) == (before[1] + 1, before[2] + 1, before[3] + 1)
        assert changed == [d.dossier_id]  # one signal, for this dossier
        # The queue, then the dossier's tab, refresh from that signal: the queue once.
        qtbot.waitUntil(lambda: len(resets) == 1, timeout=30_000)
        view = window.dossier_tab(d.dossier_id)
        assert isinstance(view, DossierView)
        qtbot.waitUntil(lambda: view.detail is not None
                        and view.detail.state is DossierState.ACCEPTED, timeout=30_000)  # fmt: skip
        # The paper the act gives is offered once the act is done.
        assert isinstance(view.offer, PaperOffer) and not dialog.isVisible()
        qtbot.waitUntil(lambda: view.offer is None or view.offer.paper is not None,
                        timeout=60_000)  # fmt: skip
        settled(qtbot, window)
        assert len(resets) == 1 and changed == [d.dossier_id]
        if view.offer is not None:
            view.offer.reject()
    finally:
        holder.close()


def test_a_refused_act_is_said_in_its_dialog_and_writes_nothing(
    qtbot: QtBot, window: MainWindow, desk: Desk
) -> None:
    d = dossier_with_scans(desk)
    view = window.open_dossier(d.dossier_id)
    qtbot.waitUntil(lambda: view.model is not None, timeout=30_000)
    assert view.model is not None
    view.checklist.setFocus()
    view.checklist.setCurrentIndex(view.model.index(1, 0))
    qtbot.keyClick(view.checklist, Qt.Key.Key_2)  # a paper missing: the rules refuse F2
    dialog = open_for_acceptance(qtbot, window, d.dossier_id)
    before = written(desk, d.dossier_id)
    changed: list[str] = []
    window.operations.changed.connect(changed.append)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: window.operations.running is None, timeout=30_000)
    assert "chưa đủ điều kiện tiếp nhận" in dialog.error.text()  # in Vietnamese, in red
    assert dialog.isVisible() and dialog.confirm.isEnabled()  # corrected, it can go again
    assert written(desk, d.dossier_id) == before and changed == []


def test_a_database_held_past_the_busy_timeout_is_said_and_nothing_is_half_written(
    qtbot: QtBot, window: MainWindow, desk: Desk
) -> None:
    d = dossier_with_scans(desk)
    dialog = open_for_acceptance(qtbot, window, d.dossier_id)
    before = written(desk, d.dossier_id)
    changed: list[str] = []
    window.operations.changed.connect(changed.append)
    holder = hold_write_lock(desk)
    try:
        qtbot.keyClick(dialog, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: window.operations.running is None, timeout=60_000)
        box = dialog.findChild(QMessageBox, "error_dialog")
        assert isinstance(box, QMessageBox)
        assert box.text() == "Cơ sở dữ liệu đang bận"
        assert "chương trình khác khoá" in box.informativeText()
        box.close()
    finally:
        holder.close()
    assert written(desk, d.dossier_id) == before and changed == []
    assert dialog.isVisible() and dialog.confirm.isEnabled()
    # The lock gone, the same confirmation goes through.
    qtbot.keyClick(dialog, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: window.operations.running is None, timeout=30_000)
    assert written(desk, d.dossier_id)[0] == DossierState.ACCEPTED.value
    assert changed == [d.dossier_id]
    view = window.dossier_tab(d.dossier_id)
    assert view is not None
    qtbot.waitUntil(lambda: view.offer is None or view.offer.paper is not None, timeout=60_000)
    settled(qtbot, window)
    if view.offer is not None:
        view.offer.reject()


def test_a_bug_in_an_act_is_logged_with_its_traceback_and_the_desk_is_left_usable(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    button = QPushButton("Tiếp nhận (F2)")
    qtbot.addWidget(button)
    operations = Operations(InlineWorkers())
    changed: list[str] = []
    operations.changed.connect(changed.append)

    def broken() -> None:
        raise RuntimeError("a bug in the service")

    # On to the crash handler, which saves a report and tells the officer.
    with caplog.at_level(logging.ERROR, "motcua.operations"), pytest.raises(RuntimeError):
        operations.run(button, "Tiếp nhận hồ sơ", broken, busy=(button,))
    assert "Tiếp nhận hồ sơ failed" in caplog.text and "in broken" in caplog.text
    assert operations.running is None and button.isEnabled() and changed == []
    assert operations.run(button, "Tiếp nhận hồ sơ", lambda: 1, dossier_id="d1")
    assert changed == ["d1"]


def test_a_print_from_the_preview_is_recorded_on_a_worker(
    qtbot: QtBot, desk: Desk, officer: Actor
) -> None:
    """The preview prints on the UI thread; recording that print (a database write) does
    not: while a sync holds the lock the offer waits, saying so, the window keeps
    answering, and once the lock is gone the print is recorded once and the offer closes."""
    d = dossier_with_scans(desk)
    accept_dossier(desk, officer, d.dossier_id)
    with desk.store.read() as s:
        code = s.get(Dossier, d.dossier_id).code  # type: ignore[union-attr]
    offer = PaperOffer(None, desk, PoolWorkers(),
                       lambda: papers.act_paper(desk, officer, code, papers.RECEIPT_SLIP),
                       "Giấy tiếp nhận")  # fmt: skip
    qtbot.addWidget(offer)
    offer.show()
    qtbot.waitUntil(lambda: offer.paper is not None, timeout=30_000)
    preview = offer.show_preview()
    assert preview is not None
    qtbot.waitExposed(preview)

    def printed() -> int:
        query = (
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "document.print", AuditEntry.subject == code)
        )
        with desk.store.read() as s:
            return int(s.scalar(query) or 0)

    holder = hold_write_lock(desk)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    released: list[float] = []

    def release() -> None:
        holder.execute("COMMIT")
        released.append(time.monotonic())

    try:
        preview.accepted.emit()  # the preview's own print went out: now it is recorded
        pressed = time.monotonic()
        assert offer.isVisible() and "đang ghi sổ" in offer.status.text()
        assert not offer.print_button.isEnabled() and not offer.later.isEnabled()
        QTimer.singleShot(HELD_MS, release)
        qtbot.waitUntil(lambda: bool(released), timeout=30_000)
        assert printed() == 0  # still waiting for the lock when it was released
        during = [t for t in ticks if pressed <= t <= released[0]]
        assert len(during) >= 10 and max(b - a for a, b in pairwise(during)) < 0.5
    finally:
        timer.stop()
        holder.close()
    qtbot.waitUntil(lambda: not offer.isVisible(), timeout=30_000)
    assert printed() == 1
