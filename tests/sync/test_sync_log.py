"""Every sync leaves a line in the desk's log file: what moved, or why it failed — what
technical support reads when a commune says “it did not sync last week”."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.logs import start_log
from sync.client.engine import SyncEngine
from sync.client.transport import PortalUnreachable, Transport
from tests.sync.conftest import OFFICE, PortalProcess, enrolled_desk
from tests.sync.test_sync import submit


def test_a_sync_and_a_failed_one_are_in_the_log(portal: PortalProcess, tmp_path: Path) -> None:
    # The log the tests write to (MOTCUA_LOG_DIR, tests/conftest.py), whoever opened it.
    log = start_log("pytest")
    assert log is not None
    before = log.read_text("utf-8") if log.exists() else ""
    submit(portal, 3)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    try:
        report = SyncEngine(desk).sync_once()
        portal.stop()  # the commune's link goes down
        gone = Transport(portal.url, attempts=1)
        with pytest.raises(PortalUnreachable):
            SyncEngine(desk, transport=gone).sync_once()
    finally:
        desk.store.close()
    lines = log.read_text("utf-8")[len(before) :].splitlines()
    synced = [line for line in lines if " INFO " in line and f"sync of {OFFICE} in" in line]
    assert len(synced) == 1 and report.summary_vi() in synced[0]
    failed = [line for line in lines if "WARNING" in line and f"sync of {OFFICE} failed" in line]
    assert len(failed) == 1 and "Không kết nối được cổng" in failed[0]
