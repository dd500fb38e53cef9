"""A desk enrolled to replace another (a stolen or broken PC) starts from the snapshot:
it must hold the dossiers' history too, so timelines, reports and the paused clock are the
ones the first desk had."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.core.lifecycle import DossierState
from desktop.core.pauses import resumption
from desktop.services.accounts import login
from desktop.services.context import Desk
from desktop.services.demo import ManualClock
from desktop.services.dossier_view import dossier_detail
from desktop.services.dossiers import dossier_due, original_due
from desktop.services.reports import frozen_figures, periodic_report
from desktop.store.models import ActRow, AuditEntry, Dossier
from sync.client.engine import SyncEngine
from tests.sync.conftest import PortalProcess, enrolled_desk
from tests.sync.test_portal_reports import PERIOD, at, build_month


def history(desk: Desk) -> list[tuple[Any, ...]]:
    """Every act the desk holds: id, dossier, version, kind, states, time, payload."""
    with desk.store.read() as s:
        return sorted(
            (a.act_id, a.dossier_id, a.version, a.act, a.from_state, a.to_state,
             a.at.isoformat(), a.payload)
            for a in s.scalars(select(ActRow))
        )  # fmt: skip


def holders(desk: Desk) -> list[tuple[Any, ...]]:
    """Who holds each dossier and since when, and each act's rating: the columns the
    reports read, which the snapshot fills as the acts and the feed do."""
    with desk.store.read() as s:
        held = [(d.id, d.held_by, d.held_since) for d in s.scalars(select(Dossier))]
        rated = [(a.act_id, a.rating) for a in s.scalars(select(ActRow))]
    return sorted(held) + sorted(rated)


def resumed_now(desk: Desk, dossier_id: str) -> dict[str, Any]:
    """What ending the wait on the citizen now would record (the paused clock's count)."""
    with desk.store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None
        acts = s.scalars(select(ActRow).where(ActRow.dossier_id == dossier_id)
                         .order_by(ActRow.version, ActRow.id)).all()  # fmt: skip
        return resumption(desk.calendar, acts, d.state, desk.now(), dossier_due(d),
                          original_due(d))  # fmt: skip


def test_a_desk_enrolled_later_holds_the_same_history_and_reports(
    portal: PortalProcess, tmp_path: Path
) -> None:
    first = build_month(portal, tmp_path)  # a month worked and pushed at one desk
    second = enrolled_desk(portal, tmp_path / "thay-the.db", clock=ManualClock(at(11, 20)))
    report = SyncEngine(second).sync_once()
    assert report.snapshot == 9 and report.pulled == 0

    made = history(first)
    assert len(made) > 30  # receptions, acceptances, handovers, results, waits
    assert history(second) == made
    assert holders(second) == holders(first)
    assert any(held_by for _, held_by, _ in holders(first)[:9])  # handed-over dossiers
    with second.store.read() as s:
        loads = [e.after for e in s.scalars(
            select(AuditEntry).where(AuditEntry.action == "snapshot.load"))]  # fmt: skip
    assert sum(a["acts"] for a in loads) == len(made)

    # The month's report: every figure, and which dossiers make it, the same.
    figures = [frozen_figures(periodic_report(desk, login(desk, "lanhdao", "lanhdao-demo"),
                                              PERIOD)) for desk in (first, second)]  # fmt: skip
    assert figures[0] == figures[1]
    assert figures[0]["office"]["withdrawn"][0] == 1
    assert figures[0]["office"]["supplement_requested"][0] == 2

    # The timeline an officer reads, and the paused clock of the dossier still waiting.
    officers = [login(desk, "canbo1", "canbo1-demo") for desk in (first, second)]
    with first.store.read() as s:
        ids = sorted(s.scalars(select(Dossier.id)))
        waiting = s.scalars(select(Dossier.id).where(
            Dossier.state == DossierState.SUPPLEMENT_IN_PROCESSING.value)).all()  # fmt: skip
    for dossier_id in ids:
        one, other = (dossier_detail(desk, officer, dossier_id)
                      for desk, officer in zip((first, second), officers, strict=True))  # fmt: skip
        # The desk of an act is named as the portal knows it (its enrolment) on every desk
        # that learnt it from the portal, feed or snapshot: the rest of each entry is equal.
        assert [replace(e, desk="") for e in one.timeline] == [
            replace(e, desk="") for e in other.timeline] and one.timeline, dossier_id  # fmt: skip
        assert (one.due, one.original_due, one.standing) == (
            other.due, other.original_due, other.standing), dossier_id  # fmt: skip
    assert len(waiting) == 1
    resumed = resumed_now(first, waiting[0])
    assert resumed["extended_by_sessions"] > 0 and "appointment" in resumed
    assert resumed_now(second, waiting[0]) == resumed
    first.store.close()
    second.store.close()
