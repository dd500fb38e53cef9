"""A pause ended by the citizen on the portal moves the due dates as a desk would."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from desktop.core.appointments import ReappointmentRules
from desktop.core.calendar import OFFICE_TZ
from desktop.core.lifecycle import Act, DossierState
from desktop.services import dossiers as acts
from desktop.services import processing
from desktop.services.accounts import login
from desktop.services.context import Desk
from desktop.services.demo import ManualClock
from desktop.services.settings import set_reappointment_rules
from desktop.store.models import ActRow, Dossier
from sync.client.engine import SyncEngine
from sync.portal.models import PortalDossier
from tests.sync.conftest import PortalProcess, enrolled_desk
from tests.sync.test_sync import submit


def waiting_on_the_citizen(desk: Desk) -> str:
    """The desk's one dossier accepted, handed to a department, then sent back to the
    citizen for a supplement (the clock paused), and the desk synced."""
    officer = login(desk, "canbo1", "canbo1-demo")
    with desk.store.read() as s:
        dossier_id = s.scalars(select(Dossier.id)).one()
    acts.accept_dossier(desk, officer, dossier_id)
    processing.hand_over_batch(desk, officer, [dossier_id], "Phòng Tư pháp", "Lò Thị Hoa")
    processing.request_supplement_in_processing(
        desk, officer, dossier_id, [acts.PaperProblem("Tờ khai", "wrong", "thiếu chữ ký")],
        "Tờ khai chưa ký")  # fmt: skip
    SyncEngine(desk).sync_once()
    return dossier_id


def test_citizen_supplement_on_the_portal_resumes_the_clock(
    portal: PortalProcess, tmp_path: Path
) -> None:
    submit(portal, 1)
    # A Monday already past: the citizen's act on the portal (real clock) comes days later.
    clock = ManualClock(datetime(2026, 11, 23, 8, 0, tzinfo=OFFICE_TZ))
    desk = enrolled_desk(portal, tmp_path / "desk.db", clock=clock)
    SyncEngine(desk).sync_once()
    dossier_id = waiting_on_the_citizen(desk)
    with desk.store.read() as s:
        before = s.get(Dossier, dossier_id).due_at  # type: ignore[union-attr]
    db = portal.database()
    with db.transaction() as s:  # the citizen supplements online, days later (real clock)
        from sync.portal.service import citizen_act

        citizen_act(s, dossier_id, Act.RECORD_SUPPLEMENT, {"note": "Đã ký tờ khai"})
    db.dispose()
    SyncEngine(desk).sync_once()
    with desk.store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None and d.state == DossierState.IN_PROCESSING.value
        act = s.scalars(select(ActRow).where(ActRow.dossier_id == dossier_id)
                        .order_by(ActRow.version.desc())).first()  # fmt: skip
    assert act is not None and act.act == "record_supplement"
    waited = act.payload["extended_by_sessions"]
    paused_since = datetime.fromisoformat(act.payload["paused_since"])
    assert waited == desk.calendar.sessions_between(paused_since, act.at) > 0
    assert before is not None and d.due_at is not None and d.due_at > before
    db = portal.database()
    with db.reading() as s:
        assert s.get(PortalDossier, dossier_id).due_at == d.due_at  # type: ignore[union-attr]
    db.dispose()


def test_the_original_appointment_survives_a_re_appointment_through_the_portal(
    portal: PortalProcess, tmp_path: Path
) -> None:
    """Re-appointed, then paused and resumed by the citizen online: the portal moves both
    appointments, keeps them, and a second desk of the office gets both."""
    submit(portal, 1)
    clock = ManualClock(datetime(2026, 11, 23, 8, 0, tzinfo=OFFICE_TZ))
    desk = enrolled_desk(portal, tmp_path / "desk.db", clock=clock)
    SyncEngine(desk).sync_once()
    officer = login(desk, "canbo1", "canbo1-demo")
    with desk.store.write() as s:  # whatever the procedure's time: apologise at once
        set_reappointment_rules(s, ReappointmentRules(1, 0))
        dossier_id = s.scalars(select(Dossier.id)).one()
    due = acts.accept_dossier(desk, officer, dossier_id).due
    assert due is not None
    processing.hand_over_batch(desk, officer, [dossier_id], "Phòng Tư pháp", "Lò Thị Hoa")
    acts.reappoint(desk, officer, dossier_id, "Chờ xác minh",
                   desk.calendar.nth_working_day_after(due.date, 3))  # fmt: skip
    processing.request_supplement_in_processing(
        desk, officer, dossier_id, [acts.PaperProblem("Tờ khai", "wrong", "thiếu chữ ký")],
        "Tờ khai chưa ký")  # fmt: skip
    SyncEngine(desk).sync_once()
    db = portal.database()
    with db.transaction() as s:
        from sync.portal.service import citizen_act

        citizen_act(s, dossier_id, Act.RECORD_SUPPLEMENT, {"note": "Đã ký tờ khai"})
    db.dispose()
    SyncEngine(desk).sync_once()
    with desk.store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None and d.original_due_at is not None and d.due_at is not None
        mine = (d.original_due_at, d.due_at)
    # Both moved by the wait, and still apart: the first is what lateness counts from.
    assert due.deadline < mine[0] < mine[1]
    db = portal.database()
    with db.reading() as s:
        p = s.get(PortalDossier, dossier_id)
        assert p is not None and (p.original_due_at, p.due_at) == mine
    db.dispose()
    other = enrolled_desk(portal, tmp_path / "desk2.db", clock=clock)
    SyncEngine(other).sync_once()
    with other.store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None and (d.original_due_at, d.due_at) == mine
