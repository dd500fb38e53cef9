"""The audit chain anchored with the portal: a chain rebuilt or cut by someone holding the
desk's file is caught offline (the last anchored head) and online (the portal's copy), and
the portal refuses — and records — a head that does not continue the one it holds."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from sqlalchemy import select, text

from desktop.core.audit import GENESIS_HASH, entry_hash
from desktop.services.accounts import login
from desktop.services.audit import _fields
from desktop.services.context import Desk
from desktop.services.settings import get_setting, open_desk, put_setting
from desktop.store.db import open_store
from desktop.store.models import AuditEntry
from sync.client.engine import SyncEngine
from tests.sync.conftest import PortalProcess, enrolled_desk


def motcua(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args], capture_output=True, text=True, timeout=300
    )


def verify(db: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    result = motcua("audit", "verify", "--db", str(db), *flags)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def head_seq(db: Path) -> int:
    store = open_store(db)
    try:
        with store.read() as session:
            return int(session.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc())) or 0)
    finally:
        store.close()


def forge(db: Path, edit: Callable[[AuditEntry], None] | None = None, *,
          cut_from: int | None = None, forge_anchor: bool = False) -> None:  # fmt: skip
    """What anyone holding the file can do with the program's own code: drop the guards,
    cut the newest entries or edit one, recompute every hash after it (and, the careful
    forger, the desk's record of its last anchor)."""
    store = open_store(db)
    try:
        with store.write() as session:
            session.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
            session.execute(text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
            if cut_from is not None:
                session.execute(text("DELETE FROM audit_log WHERE seq >= :s"), {"s": cut_from})
            prev = GENESIS_HASH
            for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
                if edit is not None:
                    edit(entry)
                entry.prev_hash, entry.hash = prev, entry_hash(prev, _fields(entry))
                prev = entry.hash
            session.flush()
            if forge_anchor:
                last = session.execute(select(AuditEntry.seq, AuditEntry.hash)
                                       .order_by(AuditEntry.seq.desc()).limit(1)).one()  # fmt: skip
                put_setting(session, "audit_anchor", {"seq": last[0], "hash": last[1], "at": ""})
    finally:
        store.close()


def reword_first_login(entry: AuditEntry) -> None:
    """A record of who logged in, rewritten to someone else."""
    if entry.action == "officer.login" and entry.subject == "canbo1":
        entry.subject = "canbo2"


@pytest.fixture
def anchored(portal: PortalProcess, tmp_path: Path) -> Desk:
    """An enrolled desk with a few officers' acts, synced twice: its head is anchored."""
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    SyncEngine(desk).sync_once()  # accounts arrive (audited), receipt numbers…
    login(desk, "canbo1", "canbo1-demo")
    login(desk, "canbo2", "canbo2-demo")
    SyncEngine(desk).sync_once()
    login(desk, "canbo1", "canbo1-demo")  # written after the anchor: not anchored yet
    desk.store.close()  # the file is now in the forger's hands
    return desk


def test_a_clean_desk_verifies_against_the_portal(anchored: Desk, portal: PortalProcess) -> None:
    db = anchored.store.path
    result = verify(db)
    assert result.returncode == 0, result.stderr
    assert f"khớp với mốc cổng đang giữ (mục #{head_seq(db) - 1})" in result.stdout


def test_cutting_the_newest_entries_is_caught_offline(
    anchored: Desk, portal: PortalProcess
) -> None:
    db = anchored.store.path
    anchor = head_seq(db) - 1  # the last entry was written after the anchor
    forge(db, cut_from=anchor - 1)  # what remains is a perfect chain, only shorter
    portal.stop()  # offline: the anchor the desk kept is all there is
    result = verify(db)
    assert result.returncode == 1, result.stdout
    assert "không hỏi được cổng" in result.stderr  # said, and verified offline anyway
    assert f"#{anchor}" in result.stderr and "bị cắt" in result.stderr
    assert verify(db, "--offline").returncode == 1


def test_recomputing_the_chain_is_caught_offline_and_online(
    anchored: Desk, portal: PortalProcess
) -> None:
    db = anchored.store.path
    forge(db, reword_first_login)
    offline = verify(db, "--offline")
    assert offline.returncode == 1 and "tính lại" in offline.stderr, offline.stderr
    # The careful forger also rewrites the desk's record of its anchor: offline, nothing is
    # left to compare with; the portal's copy is out of reach.
    forge(db, forge_anchor=True)
    assert verify(db, "--offline").returncode == 0  # the limit of an offline check
    online = verify(db)
    assert online.returncode == 1, online.stdout
    assert "bản cổng đang giữ" in online.stderr and "tính lại" in online.stderr


def test_the_portal_refuses_and_records_a_rebuilt_chain_at_the_next_sync(
    anchored: Desk, portal: PortalProcess
) -> None:
    from sync.portal.models import PortalAuditHead, PortalAuditRefusal

    db = anchored.store.path
    pdb = portal.database()
    with pdb.reading() as s:
        held = s.scalars(select(PortalAuditHead)).one()
        before = (held.seq, held.hash)
    forge(db, reword_first_login, forge_anchor=True)
    desk = open_desk(open_store(db))
    login(desk, "canbo2", "canbo2-demo")  # the desk goes on being used
    desk.store.close()
    synced = motcua("sync", "--db", str(db), "--once", "--quiet")
    assert synced.returncode == 0, synced.stderr  # the dossiers still move …
    assert "Cổng không nhận mốc nhật ký" in synced.stderr  # … and the officer is told
    with pdb.reading() as s:
        held = s.scalars(select(PortalAuditHead)).one()
        refusals = s.scalars(select(PortalAuditRefusal)).all()
    pdb.dispose()
    assert (held.seq, held.hash) == before  # the portal kept the head it trusted
    assert len(refusals) == 1 and "tính lại" in refusals[0].reason
    online = verify(db)
    assert online.returncode == 1 and "đã từ chối 1 mốc" in online.stderr, online.stderr


def test_a_head_going_backwards_is_refused_and_recorded_not_a_crash(
    anchored: Desk, portal: PortalProcess
) -> None:
    store = open_store(anchored.store.path)
    with store.read() as session:
        state = get_setting(session, "portal") or {}
        anchor = get_setting(session, "audit_anchor") or {}
    store.close()
    url = f"{portal.url}/v1/offices/{state['office_code']}/audit-head"
    headers = {"Authorization": f"Bearer {state['token']}", "X-Motcua-Protocol": "1"}
    back = {"seq": anchor["seq"] - 2, "hash": "a" * 64,
            "proof_seq": anchor["seq"], "proof_hash": anchor["hash"]}  # fmt: skip
    reply = requests.put(url, json=back, headers=headers, timeout=10)
    assert reply.status_code == 200, reply.text
    assert reply.json()["status"] == "refused" and "lùi" in reply.json()["message"]
    assert reply.json()["head"]["seq"] == anchor["seq"]
    held = requests.get(url, headers=headers, timeout=10).json()
    assert (held["seq"], held["hash"], held["refused"]) == (anchor["seq"], anchor["hash"], 1)


def test_a_desk_that_lost_its_anchor_record_proves_its_chain_again(
    anchored: Desk, portal: PortalProcess
) -> None:
    """A desk stopped between the portal's answer and its own write forgets what the portal
    anchored: the portal asks for the proof at the head it holds, and takes the new head."""
    from sync.portal.models import PortalAuditRefusal

    db = anchored.store.path
    store = open_store(db)
    with store.write() as session:
        session.execute(text("DELETE FROM settings WHERE key = 'audit_anchor'"))
    desk = open_desk(store)
    login(desk, "canbo2", "canbo2-demo")
    report = SyncEngine(desk).sync_once()
    store.close()
    assert report.audit_anchored == head_seq(db) and not report.audit_problem
    pdb = portal.database()
    with pdb.reading() as s:
        assert s.scalars(select(PortalAuditRefusal)).all() == []
    pdb.dispose()
    assert verify(db).returncode == 0
