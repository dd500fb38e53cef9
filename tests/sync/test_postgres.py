"""The portal's production path: PostgreSQL on 127.0.0.1 (started by scripts/test)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import select

from desktop.core.lifecycle import Act
from desktop.services import dossiers as acts
from desktop.services.accounts import login
from sync.client.engine import SyncEngine
from sync.portal.db import PortalDatabase
from sync.portal.demo import init_demo, submit_demo
from sync.portal.models import Change
from sync.portal.service import citizen_act, submit_dossier
from tests.sync.conftest import (
    OFFICE,
    PortalProcess,
    empty_postgres,
    enrolled_desk,
)
from tests.sync.test_sync import desk_view, portal_view


def test_sync_round_trip_on_postgresql(pg_portal: PortalProcess, tmp_path: Path) -> None:
    db = pg_portal.database()
    submit_demo(db, 40, OFFICE, seed=5)
    db.dispose()
    desk = enrolled_desk(pg_portal, tmp_path / "desk.db")
    assert SyncEngine(desk).sync_once().snapshot == 40
    officer = login(desk, "canbo1", "canbo1-demo")
    ids = sorted(desk_view(desk))
    acts.accept_dossier(desk, officer, ids[0])
    acts.accept_dossier(desk, officer, ids[1])
    db = pg_portal.database()
    with db.transaction() as s:
        citizen_act(s, ids[1], Act.WITHDRAW, {"reason": "Rút"})
    db.dispose()
    report = SyncEngine(desk).sync_once()
    assert (report.pushed, report.conflicts) == (1, 1)
    view = portal_view(pg_portal)
    assert desk_view(desk)[ids[0]] == view[ids[0]]
    assert not SyncEngine(desk).sync_once().moved_anything()


def test_change_feed_has_no_holes_under_concurrent_writers(pg_url: str) -> None:
    """A reader never sees seq N+1 committed while N is still in flight (and then skips N)."""
    db = PortalDatabase(pg_url)
    empty_postgres(pg_url)
    init_demo(db)
    holes: list[tuple[int, ...]] = []
    stop = threading.Event()

    def writer(pause: float) -> None:
        for _ in range(15):
            with db.transaction() as s:
                submit_dossier(
                    s,
                    office_code=OFFICE,
                    procedure_code="MAU-HT-001",
                    applicant_name="Nguyễn Văn Ánh",
                    submitted_at=_now(),
                    level=4,
                )
                time.sleep(pause)  # hold the transaction open after taking a sequence number

    def reader() -> None:
        while not stop.is_set():
            with db.reading() as s:
                seen = list(s.scalars(select(Change.seq).order_by(Change.seq)))
            if seen != list(range(1, len(seen) + 1)):
                holes.append(tuple(seen))

    threads = [threading.Thread(target=writer, args=(p,)) for p in (0.02, 0.0, 0.01)]
    watcher = threading.Thread(target=reader)
    watcher.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    watcher.join()
    with db.reading() as s:
        assert list(s.scalars(select(Change.seq).order_by(Change.seq))) == list(range(1, 46))
    db.dispose()
    assert holes == []


def _now():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime.now(UTC)
