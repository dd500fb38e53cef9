"""The desk window with a real portal over loopback HTTP: the session pickup (Đ12.8), the
sync status, and the conflicts panel resolving a conflict the sync engine produced."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.core.calendar import OFFICE_TZ
from desktop.core.lifecycle import Act, DossierState
from desktop.services import dossiers as acts
from desktop.services.accounts import login
from desktop.services.demo import ManualClock
from desktop.services.sessions import missed_sessions
from desktop.store.models import AuditEntry, Dossier, SessionPickup
from desktop.ui.main_window import MainWindow
from desktop.ui.workers import InlineWorkers
from sync.client.engine import SyncEngine
from sync.portal.service import citizen_act
from tests.sync.conftest import PortalProcess, enrolled_desk
from tests.sync.test_sync import submit

MONDAY_MORNING = datetime(2026, 11, 30, 7, 35, tzinfo=OFFICE_TZ)


def test_session_pickup_sync_status_and_conflicts_panel(
    qtbot: QtBot, qtmodeltester: ModelTester, portal: PortalProcess, tmp_path: Path
) -> None:
    clock = ManualClock(MONDAY_MORNING)
    desk = enrolled_desk(portal, tmp_path / "desk.db", clock=clock)
    SyncEngine(desk).sync_once()  # enrolment day: the accounts arrive, no dossier yet
    officer = login(desk, "canbo1", "canbo1-demo")
    submit(portal, 4)
    window = MainWindow(desk, officer, "Trung tâm PVHCC", InlineWorkers())
    qtbot.addWidget(window)
    window.show()
    status = window.findChild(QLabel, "sync_status")
    assert status is not None and "Chưa đồng bộ" in status.text()

    # The first minute of the morning session: the desk syncs and says what arrived.
    window.sync.check_session_pickup()
    assert window.banner.isVisible() and "<b>4</b> hồ sơ mới" in window.banner.text()
    assert "buổi sáng 30/11/2026" in window.banner.text()
    assert "● Trực tuyến" in status.text() and "chờ gửi: 0" in status.text()
    assert window.model.rowCount() == 4
    with desk.store.read() as s:
        pickup = s.scalars(select(SessionPickup)).one()
    assert pickup.ok and pickup.new_dossiers == 4
    window.sync.check_session_pickup()  # once per session
    with desk.store.read() as s:
        assert len(s.scalars(select(SessionPickup)).all()) == 1
    clock.now = datetime(2026, 11, 30, 15, 0, tzinfo=OFFICE_TZ)
    assert [m.label_vi() for m in missed_sessions(desk, MONDAY_MORNING.date())] == [
        "buổi chiều 30/11/2026"]  # fmt: skip

    # Offline at the desk the officer accepts; meanwhile the citizen withdraws online.
    target = window.model.dossier_id(0)
    acts.accept_dossier(desk, officer, target)
    window.sync.refresh_status()
    assert "chờ gửi: 1" in status.text()
    db = portal.database()
    with db.transaction() as s:
        citizen_act(s, target, Act.WITHDRAW, {"reason": "Đã nộp ở nơi khác"})
    db.dispose()
    window.sync_now()
    assert "xung đột: 1" in status.text()

    panel = window.show_conflicts()
    qtmodeltester.check(panel.model)
    assert panel.model.rowCount() == 1
    assert "Tiếp nhận" in panel.desk_side.text()
    # The other side, asked from the portal: the citizen's withdrawal with its reason.
    assert "Đã rút" in panel.portal_side.text() and "Đã nộp ở nơi khác" in panel.portal_side.text()
    panel.resolve_button.click()
    assert panel.model.rowCount() == 0
    with desk.store.read() as s:
        audit = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "sync.resolve_conflict")).one()  # fmt: skip
    assert audit.officer_id == officer.officer_id
    window.sync_now()
    with desk.store.read() as s:
        assert s.get(Dossier, target).state == DossierState.WITHDRAWN.value  # type: ignore[union-attr]
    assert "xung đột: 0" in status.text()
