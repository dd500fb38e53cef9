"""A malformed event is rejected on its own — answered ``rejected`` with its reason, shown in
the desk's conflicts panel — and the desk goes on syncing: the events around it apply and
the pull runs in the same sync. Half a UTF-16 pair breaks neither JSON nor SQLite."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import select

from desktop.services import dossiers as acts
from desktop.services.accounts import login
from desktop.services.outbox import enqueue
from desktop.services.sync_status import open_conflicts
from desktop.store.models import Dossier
from sync.client.engine import SyncEngine
from sync.portal.models import PortalAct, PortalDossier, PortalEvent
from sync.protocol import PROTOCOL_HEADER
from tests.sync.conftest import OFFICE, PortalProcess, enrolled_desk
from tests.sync.test_sync import submit

LONE = "\ud800"  # half of a UTF-16 surrogate pair: UTF-8 cannot encode it


def accept_body(d: Dossier, **payload: Any) -> dict[str, Any]:
    """An acceptance as the desk queues it, with ``payload`` (its appointment by default)."""
    return {"act_id": str(uuid.uuid4()), "act": "accept", "dossier_id": d.id,
            "dossier_code": d.code, "base_version": d.version, "version": d.version + 1,
            "from_state": "submitted", "to_state": "accepted", "portal_status": 2,
            "officer": "canbo1", "at": datetime.now(UTC).isoformat(),
            "payload": {"received_at": datetime.now(UTC).isoformat(),
                        "appointment": {"date": "2026-12-08", "session": "afternoon",
                                        "deadline": "2026-12-08T17:00:00+07:00"},
                        "processing_time": "5 ngày làm việc", **payload}}  # fmt: skip


def test_malformed_events_are_rejected_one_by_one_and_the_desk_keeps_syncing(
    portal: PortalProcess, tmp_path: Path
) -> None:
    submit(portal, 6)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    engine = SyncEngine(desk, fetch_attachments=False)
    engine.sync_once()
    officer = login(desk, "canbo1", "canbo1-demo")
    with desk.store.read() as s:
        rows = list(s.scalars(select(Dossier).order_by(Dossier.code)))
    acts.accept_dossier(desk, officer, rows[0].id)  # a good act before the bad ones
    bad_date = accept_body(rows[1], appointment={"date": "2026-02-30", "session": "afternoon",
                                                 "deadline": "2026-02-30T17:00:00+07:00"})
    no_officer = accept_body(rows[2])
    del no_officer["officer"]
    lone = accept_body(rows[3], notice=f"Kính gửi {LONE}")
    with desk.store.write() as s:  # what a desk with a bug (or a tampered one) could queue
        for d, body in zip(rows[1:4], (bad_date, no_officer, lone), strict=True):
            enqueue(s, desk, "dossier.act", body, d.id)
    acts.accept_dossier(desk, officer, rows[4].id)  # and a good one after
    submit(portal, 2, seed=7)  # news for the pull of the same sync

    report = engine.sync_once()
    assert (report.pushed, report.rejected) == (2, 3)
    with desk.store.read() as s:  # the pull ran: the two new dossiers are at the desk
        assert len(s.scalars(select(Dossier.id)).all()) == 8
    shown = {c.dossier_id: c.message for c in open_conflicts(desk, officer)}
    assert set(shown) == {rows[1].id, rows[2].id, rows[3].id}
    assert "payload.appointment.date" in shown[rows[1].id]
    assert "officer: thiếu" in shown[rows[2].id]
    assert "surrogate" in shown[rows[3].id]
    db = portal.database()
    with db.reading() as s:
        states = {d.id: d.state for d in s.scalars(select(PortalDossier))}
        kept = {e.status for e in s.scalars(select(PortalEvent))}
    db.dispose()
    assert [states[d.id] for d in rows[:5]] == [
        "accepted", "submitted", "submitted", "submitted", "accepted"
    ]
    assert kept == {"applied", "rejected"}
    assert not engine.sync_once().moved_anything()  # the next sync is a quiet one


def test_odd_bodies_get_a_reason_never_a_server_error(
    portal: PortalProcess, tmp_path: Path
) -> None:
    submit(portal, 1)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    engine = SyncEngine(desk, fetch_attachments=False)
    engine.sync_once()
    with desk.store.read() as s:
        d = s.scalars(select(Dossier)).one()
    db = portal.database()
    with db.reading() as s:  # the citizen's submission, as the portal recorded it
        received = s.scalars(select(PortalAct.act_id).where(PortalAct.dossier_id == d.id)).one()
    db.dispose()
    headers = {"Authorization": f"Bearer {engine.transport.token}", PROTOCOL_HEADER: "1"}
    odd = [
        "không phải đối tượng",
        {"kind": "dossier.act"},  # no event id
        {**accept_body(d), "event_id": str(uuid.uuid4()), "desk_id": "?", "kind": "lạ"},
        {**accept_body(d), "event_id": str(uuid.uuid4()), "desk_id": "?",
         "kind": "dossier.act", f"khoá{LONE}": 1},
        {**accept_body(d), "event_id": f"id{LONE}", "desk_id": "?", "kind": "dossier.act"},
        {**accept_body(d), "event_id": str(uuid.uuid4()), "desk_id": "?",
         "kind": "dossier.act", "base_version": True, "at": "2026-12-01T08:00:00"},
        {**accept_body(d), "event_id": str(uuid.uuid4()), "desk_id": "?",
         "kind": "dossier.act", "act_id": received},  # the id of an act the portal holds
    ]
    # requests escapes the lone surrogates (\ud800): valid JSON that decodes to them.
    reply = requests.post(f"{portal.url}/v1/offices/{OFFICE}/events", json={"events": odd},
                          headers=headers, timeout=30)  # fmt: skip
    assert reply.status_code == 200, reply.text
    results = reply.json()["results"]
    assert [r["status"] for r in results] == ["rejected"] * len(odd)
    assert "base_version" in results[5]["message"] and "múi giờ" in results[5]["message"]
    assert "đã có trên cổng" in results[6]["message"]
    # Everywhere else a body is read, the same text is a clear 422.
    for path, body in (("/v1/enrol", {"code": LONE, "desk_uuid": str(uuid.uuid4())}),
                       (f"/v1/offices/{OFFICE}/digests", {"prefixes": [LONE]}),
                       (f"/v1/offices/{OFFICE}/verify-doc", {"text": LONE}),
                       (f"/v1/offices/{OFFICE}/receipt-blocks",
                        {"request_id": f"12345678{LONE}", "size": 1})):  # fmt: skip
        refused = requests.post(portal.url + path, json=body, headers=headers, timeout=30)
        assert refused.status_code == 422, (path, refused.text)
        assert "surrogate" in refused.text
