"""A desk process killed with SIGKILL in the middle of syncs loses and doubles nothing."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.services import dossiers as acts
from desktop.services.accounts import login
from desktop.store.models import OutboxEvent
from sync.client.engine import SyncEngine
from sync.portal.models import PortalAct
from tests.sync.conftest import PortalProcess, enrolled_desk
from tests.sync.test_sync import desk_view, portal_view, submit


@pytest.mark.slow
def test_sigkill_during_sync(portal: PortalProcess, tmp_path: Path) -> None:
    submit(portal, 400)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    SyncEngine(desk).sync_once()
    officer = login(desk, "canbo1", "canbo1-demo")
    for dossier_id in sorted(desk_view(desk))[:120]:
        acts.accept_dossier(desk, officer, dossier_id)
    submit(portal, 600, seed=9)  # plenty to pull while the desk is being killed
    desk.store.close()
    rng = random.Random(11)
    killed = 0
    for round_ in range(8):
        # New dossiers every round: a desk that has caught up syncs in a blink, and the
        # kill must land in the middle of real work.
        submit(portal, 150, seed=20 + round_)
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "desktop.cli",
                "sync",
                "--db",
                str(desk.store.path),
                "--once",
                "--quiet",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.2, 1.5))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait()
    print(f"sigkill: {killed} of 8 syncs killed mid-way")
    assert killed >= 3  # most runs really were cut short
    SyncEngine(desk).sync_once()
    assert desk_view(desk) == portal_view(portal)
    with desk.store.read() as s:
        assert (
            s.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.status != "acked")
            )
            == 0
        )
    db = portal.database()
    with db.reading() as s:
        assert (
            s.scalar(select(func.count()).select_from(PortalAct).where(PortalAct.act == "accept"))
            == 120
        )
    db.dispose()
