"""Desk and portal over loopback HTTP: push, pull, idempotency, conflicts, auth, backups."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select

from desktop.core.lifecycle import Act, DossierState
from desktop.services import dossiers as acts
from desktop.services.accounts import login
from desktop.services.context import Desk
from desktop.store.db import connect as connect_desk_db
from desktop.store.models import ActRow, Dossier, OutboxEvent, SyncConflict
from sync.client.engine import SyncEngine, resolve_conflict
from sync.client.transport import PortalRefused, Transport
from sync.portal.base import seal_key
from sync.portal.db import PortalDatabase
from sync.portal.demo import init_demo, submit_demo
from sync.portal.models import Notice, PortalAct, PortalConflict, PortalDossier, PortalEvent
from sync.portal.service import act_wire, citizen_act, dossier_wire, snapshot_page_json
from sync.protocol import PROTOCOL_HEADER, DossierActWire, SnapshotPage
from tests.sync.conftest import OFFICE, OTHER, PortalProcess, enrolled_desk


def submit(portal: PortalProcess, count: int, office: str = OFFICE, seed: int = 1) -> None:
    db = portal.database()
    submit_demo(db, count, office, seed)
    db.dispose()


def portal_view(portal: PortalProcess, office: str = OFFICE) -> dict[str, tuple[int, str]]:
    db = portal.database()
    with db.reading() as s:
        rows = s.execute(
            select(PortalDossier.id, PortalDossier.version, PortalDossier.state).where(
                PortalDossier.office_code == office
            )
        ).all()
    db.dispose()
    return {i: (v, st) for i, v, st in rows}


def desk_view(desk: Desk) -> dict[str, tuple[int, str]]:
    with desk.store.read() as s:
        rows = s.execute(select(Dossier.id, Dossier.version, Dossier.state)).all()
    return {i: (v, st) for i, v, st in rows}


def sync(desk: Desk):  # type: ignore[no-untyped-def]
    return SyncEngine(desk).sync_once()


def test_desk_and_portal_reconcile_and_a_second_sync_moves_nothing(
    portal: PortalProcess, tmp_path: Path
) -> None:
    submit(portal, 120)
    submit(portal, 30, office=OTHER, seed=2)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    first = sync(desk)
    assert first.snapshot == 120
    assert desk_view(desk) == portal_view(portal)
    second = sync(desk)
    assert not second.moved_anything()
    # New submissions arrive through the change feed, with their history.
    submit(portal, 5, seed=3)
    third = sync(desk)
    assert third.pulled == 5 and desk_view(desk) == portal_view(portal)


def test_desk_acts_reach_the_portal_once(portal: PortalProcess, tmp_path: Path) -> None:
    submit(portal, 10)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    sync(desk)
    officer = login(desk, "canbo1", "canbo1-demo")  # the portal's account, offline
    ids = sorted(desk_view(desk))
    acts.accept_dossier(desk, officer, ids[0])
    acts.request_supplement(
        desk, officer, ids[1], [acts.PaperProblem("Tờ khai", "missing")], "Thiếu tờ khai"
    )
    acts.refuse_dossier(desk, officer, ids[2], "Không thuộc thẩm quyền")
    report = sync(desk)
    assert (report.pushed, report.conflicts, report.rejected) == (3, 0, 0)
    assert desk_view(desk) == portal_view(portal)
    # Lose every acknowledgement: the resend is recognised, nothing is applied twice.
    con = connect_desk_db(desk.store.path)
    con.execute("UPDATE outbox SET status = 'pending', acked_at = NULL")
    con.commit()
    con.close()
    again = sync(desk)
    assert again.pushed == 3 and again.duplicates == 3
    db = portal.database()
    with db.reading() as s:
        desk_acts = s.scalar(
            select(func.count()).select_from(PortalAct).where(PortalAct.desk_id.is_not(None))
        )
        notices = s.scalars(select(Notice.text).where(Notice.dossier_id == ids[0])).all()
    db.dispose()
    assert desk_acts == 3
    assert any("đã được tiếp nhận" in n for n in notices)
    with desk.store.read() as s:
        assert (
            s.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.status != "acked")
            )
            == 0
        )


def test_same_event_id_with_another_body_is_a_conflict(
    portal: PortalProcess, tmp_path: Path
) -> None:
    submit(portal, 2)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    sync(desk)
    officer = login(desk, "canbo1", "canbo1-demo")
    acts.accept_dossier(desk, officer, sorted(desk_view(desk))[0])
    sync(desk)
    with desk.store.read() as s:
        event = s.scalars(
            select(OutboxEvent)
            .where(OutboxEvent.kind == "dossier.act")
            .order_by(OutboxEvent.id.desc())
        ).first()
    assert event is not None
    forged = {**event.body, "payload": {**event.body["payload"], "received_at": "2020-01-01"}}
    reply = SyncEngine(desk).transport.post(f"/v1/offices/{OFFICE}/events", {"events": [forged]})
    assert reply["results"][0]["status"] == "conflict"
    assert "nội dung khác" in reply["results"][0]["message"]


def test_accept_versus_citizen_withdrawal_becomes_a_recorded_conflict(
    portal: PortalProcess, tmp_path: Path
) -> None:
    submit(portal, 3)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    sync(desk)
    officer = login(desk, "canbo1", "canbo1-demo")
    target = sorted(desk_view(desk))[0]
    acts.accept_dossier(desk, officer, target)  # offline at the desk …
    db = portal.database()
    with db.transaction() as s:  # … while the citizen withdraws online
        citizen_act(s, target, Act.WITHDRAW, {"reason": "Không cần nữa"})
    db.dispose()
    report = sync(desk)
    assert report.conflicts == 1
    with desk.store.read() as s:
        conflict = s.scalars(select(SyncConflict)).one()
        assert "đã thay đổi trên cổng" in conflict.message
        local = s.get(Dossier, target)
        assert local is not None and local.state == DossierState.ACCEPTED.value  # not overwritten
    db = portal.database()
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(PortalConflict)) == 1
        assert s.get(PortalDossier, target).state == DossierState.WITHDRAWN.value  # type: ignore[union-attr]
    db.dispose()
    # The officer takes the portal's version; the refused act stays in the desk's history.
    resolve_conflict(desk, officer, conflict.id)
    sync(desk)
    assert desk_view(desk)[target] == portal_view(portal)[target]
    with desk.store.read() as s:
        names = sorted(s.scalars(select(ActRow.act).where(ActRow.dossier_id == target)))
    # The portal's whole history (receive, withdraw) beside the desk's refused accept.
    assert names == ["accept", "receive", "withdraw"]


def api_paths(portal: PortalProcess) -> list[tuple[str, str]]:
    spec = requests.get(portal.url + "/openapi.json", timeout=10).json()
    return [(method.upper(), path) for path, item in spec["paths"].items() for method in item]


def test_every_api_path_refuses_strangers_and_other_offices(
    portal: PortalProcess, tmp_path: Path
) -> None:
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    token = SyncEngine(desk).transport.token
    paths = api_paths(portal)
    assert len(paths) >= 7
    for method, path in paths:
        if path == "/health":
            continue
        body = {"events": []} if method == "POST" else None
        if path == "/v1/enrol":
            body = {"code": "SAI-MA", "desk_uuid": "x"}
        url = portal.url + path.replace("{dossier_id}", "x").replace("{sha256}", "0" * 64)
        headers = {PROTOCOL_HEADER: "1"}
        stranger = requests.request(
            method, url.replace("{office_code}", OFFICE), json=body, headers=headers, timeout=10
        )
        assert stranger.status_code == 401, (method, path, stranger.text)
        if "{office_code}" in path:
            other = requests.request(
                method,
                url.replace("{office_code}", OTHER),
                json=body,
                headers={**headers, "Authorization": f"Bearer {token}"},
                timeout=10,
            )
            assert other.status_code == 403, (method, path, other.text)


def test_a_revoked_desk_is_refused_and_keeps_its_acts(
    portal: PortalProcess, tmp_path: Path
) -> None:
    submit(portal, 2)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    sync(desk)
    officer = login(desk, "canbo1", "canbo1-demo")
    acts.accept_dossier(desk, officer, sorted(desk_view(desk))[0])
    db = portal.database()
    with db.transaction() as s:
        from sync.portal.models import PortalDesk

        for d in s.scalars(select(PortalDesk)):
            d.revoked_at = d.enrolled_at
    db.dispose()
    with pytest.raises(PortalRefused) as err:
        sync(desk)
    assert err.value.status == 401
    with desk.store.read() as s:
        assert (
            s.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.status == "pending")
            )
            == 1
        )


def test_a_restored_portal_backup_gets_the_desks_acts_again(
    portal: PortalProcess, tmp_path: Path
) -> None:
    submit(portal, 4)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    sync(desk)
    officer = login(desk, "canbo1", "canbo1-demo")
    ids = sorted(desk_view(desk))
    acts.accept_dossier(desk, officer, ids[0])
    sync(desk)
    portal_file = Path(portal.db_url.removeprefix("sqlite:///"))
    backup = tmp_path / "backup.db"
    live, copy = sqlite3.connect(portal_file), sqlite3.connect(backup)
    live.backup(copy)  # last night's backup, taken while the portal runs
    live.close()
    copy.close()
    acts.accept_dossier(desk, officer, ids[1])
    acts.hand_over(desk, officer, ids[0], "Phòng Tư pháp")
    sync(desk)
    assert desk_view(desk) == portal_view(portal)
    portal.stop()
    shutil.copy(backup, portal_file)  # the province restores last night's backup
    for suffix in ("-wal", "-shm"):
        Path(f"{portal_file}{suffix}").unlink(missing_ok=True)
    portal.start()
    report = sync(desk)
    assert report.rewound
    assert desk_view(desk) == portal_view(portal)
    assert portal_view(portal)[ids[0]] == (3, DossierState.IN_PROCESSING.value)


def test_a_bad_event_is_quarantined_and_the_rest_go_through(
    portal: PortalProcess, tmp_path: Path
) -> None:
    submit(portal, 3)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    sync(desk)
    officer = login(desk, "canbo1", "canbo1-demo")
    ids = sorted(desk_view(desk))
    acts.accept_dossier(desk, officer, ids[0])
    acts.accept_dossier(desk, officer, ids[1])
    # An act the portal cannot take (its officer is unknown there), queued before the others.
    con = connect_desk_db(desk.store.path)
    con.execute("UPDATE officers SET username = 'khong-co' WHERE username = 'canbo1'")
    con.commit()
    con.close()
    stranger = login(desk, "khong-co", "canbo1-demo")
    acts.accept_dossier(desk, stranger, ids[2])
    report = sync(desk)
    assert (report.pushed, report.rejected) == (2, 1)
    with desk.store.read() as s:
        bad = s.scalars(select(OutboxEvent).where(OutboxEvent.status == "rejected")).one()
        assert "khong-co" in bad.message
    db = portal.database()
    with db.reading() as s:
        assert s.get(PortalEvent, bad.event_id).status == "rejected"  # type: ignore[union-attr]
    db.dispose()


@pytest.mark.parametrize(
    ("headers", "body", "status"),
    [
        ({PROTOCOL_HEADER: "99"}, {"events": []}, 400),
        ({PROTOCOL_HEADER: "1"}, {"events": "không phải danh sách"}, 422),
        ({PROTOCOL_HEADER: "1"}, {"events": [{}] * 501}, 422),
    ],
    ids=["wrong-version", "malformed", "too-many"],
)
def test_bad_payloads_get_a_clear_4xx(
    portal: PortalProcess, tmp_path: Path, headers: dict[str, str], body: object, status: int
) -> None:
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    token = SyncEngine(desk).transport.token
    reply = requests.post(
        f"{portal.url}/v1/offices/{OFFICE}/events",
        json=body,
        headers={**headers, "Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert reply.status_code == status and reply.json()["detail"]


def test_oversized_body_is_refused(portal: PortalProcess, tmp_path: Path) -> None:
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    transport: Transport = SyncEngine(desk).transport
    reply = requests.post(
        f"{portal.url}/v1/offices/{OFFICE}/events",
        data=b"x" * (9 << 20),
        headers={
            "Authorization": f"Bearer {transport.token}",
            PROTOCOL_HEADER: "1",
            "Content-Type": "application/json",
        },
        timeout=30,
    )
    assert reply.status_code == 413


def test_snapshot_json_says_what_the_models_say(tmp_path: Path) -> None:
    """The snapshot's bulk path skips ORM objects and models; it must still describe each
    dossier exactly as ``dossier_wire`` does (moments, dates, papers, empty values)."""
    db = PortalDatabase(f"sqlite:///{tmp_path / 'portal.db'}")
    init_demo(db)
    submit_demo(db, 30, OFFICE, seed=4, scans=False)
    with db.transaction() as s:  # some dossiers received, with a due date and a resolution
        for d in s.scalars(select(PortalDossier).limit(10)):
            d.received_at = datetime(2026, 2, 13, 9, 30, tzinfo=UTC)
            d.due_date, d.due_session = date(2026, 2, 27), "afternoon"
            d.due_at = datetime(2026, 2, 27, 10, 0, tzinfo=UTC)
            d.resolved_at = datetime(2026, 2, 20, 8, 15, 30, 123456, tzinfo=UTC)
    with db.reading() as s:
        page = SnapshotPage.model_validate_json(snapshot_page_json(s, OFFICE, "", 1000, None))
        expected = [dossier_wire(d, []) for d in s.scalars(
            select(PortalDossier).where(PortalDossier.office_code == OFFICE)
            .order_by(PortalDossier.id))]  # fmt: skip
        key = seal_key(s)  # receptions online are the portal's own acts: sealed
        history = [
            DossierActWire(**act_wire(a, key).model_dump(), dossier_id=a.dossier_id)
            for a in s.scalars(
                select(PortalAct)
                .join(PortalDossier)
                .where(PortalDossier.office_code == OFFICE)
                .order_by(PortalAct.dossier_id, PortalAct.version)
            )
        ]
    db.dispose()
    assert page.dossiers == expected and len(expected) == 30
    assert page.acts == history and len(history) == 30  # each dossier's reception
    assert all(len(a.seal) == 64 for a in page.acts)
    assert sum(d.due_date is not None for d in page.dossiers) == 10
    assert page.next_after is None and page.cursor > 0


def test_every_reply_says_how_long_the_portal_took(portal: PortalProcess) -> None:
    """``Server-Timing`` separates the portal's time from the network's (load tests, and
    a desk on a slow link telling whose fault a slow sync is)."""
    for reply in (
        requests.get(f"{portal.url}/health", timeout=5),
        requests.get(f"{portal.url}/v1/offices/{OFFICE}/changes", timeout=5),  # a 401
    ):
        timing = reply.headers["Server-Timing"]
        assert timing.startswith("app;dur=") and float(timing.removeprefix("app;dur=")) >= 0
