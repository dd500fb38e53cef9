"""Reads of personal data are logged (Luật 91/2025/QH15): opening a dossier records who
read which dossier and when, once per officer and dossier in a short window, and the
audit chain still verifies."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.services import dossiers as acts
from desktop.services.audit import verify_audit
from desktop.services.context import Actor, Desk
from desktop.services.demo import ManualClock
from desktop.services.dossier_view import (
    VIEW_ACTION,
    VIEW_AUDIT_WINDOW,
    dossier_detail,
    view_dossier,
)
from desktop.services.dossiers import AccessDenied
from desktop.store.models import AuditEntry
from desktop.ui.main_window import MainWindow
from desktop.ui.workers import InlineWorkers
from tests.conftest import OTHER_OFFICE, incoming


def views(desk: Desk) -> list[AuditEntry]:
    with desk.store.read() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == VIEW_ACTION)
                              .order_by(AuditEntry.seq)))  # fmt: skip


def test_opening_a_dossier_records_who_read_it_and_when(
    desk: Desk, officer: Actor, clock: ManualClock
) -> None:
    received = acts.import_dossier(desk, incoming())
    detail = view_dossier(desk, officer, received.dossier_id)
    assert detail.applicant_name == "Nguyễn Văn Ánh"
    [entry] = views(desk)
    assert entry.officer_id == officer.officer_id
    assert entry.subject == received.dossier_code
    assert entry.after == {"dossier_id": received.dossier_id}
    assert entry.at == clock.now
    assert verify_audit(desk.store).ok


def test_reopening_within_the_window_records_once_then_again_after_it(
    desk: Desk, officer: Actor, supervisor: Actor, clock: ManualClock
) -> None:
    first = acts.import_dossier(desk, incoming()).dossier_id
    second = acts.import_dossier(desk, incoming()).dossier_id
    view_dossier(desk, officer, first)
    clock.now += timedelta(minutes=3)
    view_dossier(desk, officer, first)  # the same officer, the same dossier: not again
    view_dossier(desk, officer, second)  # another dossier
    view_dossier(desk, supervisor, first)  # another officer
    clock.now += VIEW_AUDIT_WINDOW - timedelta(minutes=1)
    view_dossier(desk, officer, first)  # 3 + 9 minutes after the first: 12 minutes
    entries = [(e.subject, e.officer_id) for e in views(desk)]
    code_of = {i: dossier_detail(desk, officer, i).code for i in (first, second)}
    assert entries == [(code_of[first], officer.officer_id), (code_of[second], officer.officer_id),
                       (code_of[first], supervisor.officer_id),
                       (code_of[first], officer.officer_id)]  # fmt: skip
    assert verify_audit(desk.store).ok


def test_the_bare_read_used_while_acting_records_nothing(desk: Desk, officer: Actor) -> None:
    dossier_id = acts.import_dossier(desk, incoming()).dossier_id
    dossier_detail(desk, officer, dossier_id)
    assert views(desk) == []


def test_a_dossier_of_another_office_is_refused_and_not_recorded(
    desk: Desk, officer: Actor
) -> None:
    dossier_id = acts.import_dossier(desk, incoming()).dossier_id
    stranger = Actor(999, "nguoi-la", "Người lạ", officer.role, OTHER_OFFICE)
    with pytest.raises(AccessDenied):
        view_dossier(desk, stranger, dossier_id)
    assert views(desk) == []


def test_opening_a_dossier_in_the_window_records_the_read(
    qtbot: QtBot, desk: Desk, officer: Actor
) -> None:
    received = acts.import_dossier(desk, incoming())
    window = MainWindow(desk, officer, "UBND xã Tam Đường", InlineWorkers())
    qtbot.addWidget(window)
    view = window.open_dossier(received.dossier_id)
    qtbot.waitUntil(lambda: view.detail is not None)
    window.open_dossier(received.dossier_id)  # the tab again: no second entry
    [entry] = views(desk)
    assert (entry.subject, entry.officer_id) == (received.dossier_code, officer.officer_id)
    assert verify_audit(desk.store).ok
