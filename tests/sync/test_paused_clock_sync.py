"""A pause ended by the citizen on the portal moves the due dates as a desk would."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from desktop.core.calendar import OFFICE_TZ
from desktop.core.lifecycle import Act, DossierState
from desktop.services import dossiers as acts
from desktop.services import processing
from desktop.services.accounts import login
from desktop.services.demo import ManualClock
from desktop.store.models import ActRow, Dossier
from sync.client.engine import SyncEngine
from sync.portal.models import PortalDossier
from tests.sync.conftest import PortalProcess, enrolled_desk
from tests.sync.test_sync import submit


def test_citizen_supplement_on_the_portal_resumes_the_clock(
    portal: PortalProcess, tmp_path: Path
) -> None:
    submit(portal, 1)
    # A Monday already past: the citizen's act on the portal (real clock) comes days later.
    clock = ManualClock(datetime(2026, 11, 23, 8, 0, tzinfo=OFFICE_TZ))
    desk = enrolled_desk(portal, tmp_path / "desk.db", clock=clock)
    SyncEngine(desk).sync_once()
    officer = login(desk, "canbo1", "canbo1-demo")
    with desk.store.read() as s:
        dossier_id = s.scalars(select(Dossier.id)).one()
    acts.accept_dossier(desk, officer, dossier_id)
    processing.hand_over_batch(desk, officer, [dossier_id], "Phòng Tư pháp", "Lò Thị Hoa")
    processing.request_supplement_in_processing(
        desk, officer, dossier_id, [acts.PaperProblem("Tờ khai", "wrong", "thiếu chữ ký")],
        "Tờ khai chưa ký")  # fmt: skip
    SyncEngine(desk).sync_once()
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
