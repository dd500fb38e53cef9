"""Reconciliation: silent drift on either side is found by range digests and repaired."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update

from desktop.store.db import connect as connect_desk_db
from sync.client.engine import SyncEngine
from sync.portal.models import PortalDossier
from tests.sync.conftest import PortalProcess, enrolled_desk
from tests.sync.test_sync import desk_view, portal_view, submit


def test_drift_is_found_and_only_the_differing_dossiers_are_repaired(
    portal: PortalProcess, tmp_path: Path
) -> None:
    submit(portal, 300)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    engine = SyncEngine(desk)
    engine.sync_once()
    clean = engine.reconcile()
    assert (clean.rounds, clean.repaired) == (1, [])  # one round trip when nothing differs
    ids = sorted(desk_view(desk))
    # A bug at the desk (edited by hand, nothing in the outbox) …
    con = connect_desk_db(desk.store.path)
    con.executemany(
        "UPDATE dossiers SET version = version + 5, state = 'refused' WHERE id = ?",
        [(ids[10],), (ids[150],), (ids[299],)],
    )
    con.commit()
    con.close()
    # … and on the portal, a change that never reached the feed (a restored table, a bug).
    db = portal.database()
    with db.transaction() as s:
        s.execute(
            update(PortalDossier)
            .where(PortalDossier.id.in_([ids[42], ids[200]]))
            .values(version=PortalDossier.version + 1, state="withdrawn")
        )
    db.dispose()
    assert desk_view(desk) != portal_view(portal)
    report = engine.reconcile()
    assert sorted(report.repaired) == sorted([ids[10], ids[150], ids[299], ids[42], ids[200]])
    assert report.unknown_to_portal == [] and report.deferred == []
    assert desk_view(desk) == portal_view(portal)
    assert engine.reconcile().repaired == []
