"""Several portal processes sharing one PostgreSQL database, many desks spread across them.

Each desk is a real desk database driven by the real sync engine against one of the
processes; citizens submit dossiers at the same time (straight into the database, as the
province's own portal does). Afterwards: every act a desk queued is on the portal exactly
once, receipt numbers are unique and leave no gap in their series (a voided receipt keeps
its number), dossier codes are unique, and no request got a 5xx or failed on the network.
"""

from __future__ import annotations

import itertools
import threading
import traceback
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from desktop.services import dossiers as acts
from desktop.services import fees
from desktop.services.accounts import login
from desktop.services.context import Desk
from desktop.store.models import OutboxEvent, Receipt
from sync.client.engine import SyncEngine
from sync.client.transport import Transport
from sync.portal.db import PortalDatabase
from sync.portal.demo import init_demo
from sync.portal.models import (
    PortalAct,
    PortalDossier,
    PortalReceipt,
    PortalReceiptBlock,
    PortalReceiptSeries,
)
from sync.portal.service import submit_dossier
from tests.sync.conftest import OFFICE, PortalProcess, empty_postgres, enrolled_desk, free_port

PAPER = {"name": "Tờ khai", "kind": 2, "count": 1}
PROCESSES = 4


class CountingSession(requests.Session):
    """Notes every reply of 500 or more and every request that failed on the network."""

    def __init__(self, failures: list[str]) -> None:
        super().__init__()
        self.failures = failures

    def request(self, method: str | bytes, url: str | bytes, *a: Any, **k: Any) -> Any:
        try:
            response = super().request(method, url, *a, **k)
        except requests.RequestException as exc:
            self.failures.append(f"{method!r} {url!r}: {type(exc).__name__}")
            raise
        if response.status_code >= 500:
            self.failures.append(f"{method!r} {url!r}: HTTP {response.status_code}")
        return response


def submit(db: PortalDatabase, count: int, name: str) -> None:
    for n in range(count):
        with db.transaction() as s:
            submit_dossier(s, office_code=OFFICE, procedure_code="MAU-HT-004",
                           applicant_name=f"{name} {n}", submitted_at=datetime.now(UTC),
                           level=3, papers=[PAPER])  # fmt: skip


def demo_on(url: str) -> None:
    """The demo office and catalogue, the connection closed even when it fails (a pooled
    connection left open fails a later test when it is collected)."""
    db = PortalDatabase(url)
    try:
        init_demo(db)
    finally:
        db.dispose()


@pytest.fixture
def portals(pg_url: str) -> Iterator[list[PortalProcess]]:
    """PROCESSES portal processes started at the same moment on an empty database: they
    build its schema one after another (the advisory lock), then the demo is filled in."""
    empty_postgres(pg_url)
    started = [PortalProcess(f"http://127.0.0.1:{free_port()}", pg_url) for _ in range(PROCESSES)]
    threads = [threading.Thread(target=p.start) for p in started]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert all(p.process is not None and p.process.poll() is None for p in started)
        demo_on(pg_url)
        yield started
    finally:
        errors = [p.stop() for p in started]
    assert not any("Traceback" in e for e in errors), errors


def work(desk: Desk, url: str, mine: list[str], rounds: int, failures: list[str]) -> None:
    try:
        _work(desk, url, mine, rounds, failures)
    except Exception:  # the thread's failure fails the test
        failures.append(traceback.format_exc())


def _work(desk: Desk, url: str, mine: list[str], rounds: int, failures: list[str]) -> None:
    """A desk's day: sync, accept dossiers and collect their fees (a receipt each, one in
    three voided), ask for more receipt numbers, sync again."""
    transport = Transport(url, session=CountingSession(failures))
    engine = SyncEngine(desk, transport=transport, fetch_attachments=False)
    engine.sync_once()  # the snapshot brings the office's officers
    officer = login(desk, "canbo1", "canbo1-demo")
    for round_ in range(rounds):
        for dossier_id in mine[2 * round_ : 2 * round_ + 2]:
            acts.accept_dossier(desk, officer, dossier_id)
            receipt = fees.collect_fee(desk, officer, dossier_id).receipt
            assert receipt is not None
            if int(dossier_id.replace("-", ""), 16) % 3 == 0:
                fees.void_receipt(desk, officer, receipt.id, "Viết sai số tiền")
        if round_ % 2 == 0:  # a second block, asked for while the other desks ask too
            with desk.store.read() as s:
                held = fees.numbers_left(s)
            engine.reserve_receipt_numbers(held + 1)
        engine.sync_once()
    engine.sync_once()  # what is still queued reaches the portal


def run_day(
    portals: list[PortalProcess], tmp_path: Path, desk_count: int, rounds: int, per_submitter: int
) -> None:
    failures: list[str] = []
    db = portals[0].database()
    submit(db, 2 * rounds * desk_count, "Công dân")
    with db.reading() as s:
        ids = sorted(s.scalars(select(PortalDossier.id)))
    # Desk n enrols with, and then works against, process n mod PROCESSES.
    serving = [portals[n % len(portals)] for n in range(desk_count)]
    desks = [enrolled_desk(p, tmp_path / f"ban-{n}.db") for n, p in enumerate(serving)]
    workers = [
        threading.Thread(target=work, args=(desk, serving[n].url, ids[n::desk_count], rounds,
                                            failures))
        for n, desk in enumerate(desks)
    ]  # fmt: skip
    submitters = [threading.Thread(target=submit, args=(db, per_submitter, f"Người nộp {k}"))
                  for k in range(3)]  # fmt: skip
    for t in workers + submitters:
        t.start()
    for t in workers + submitters:
        t.join()

    assert failures == []
    desk_acts: set[str] = set()
    desk_receipts: dict[str, bool] = {}
    for desk in desks:
        with desk.store.read() as s:
            statuses = list(s.scalars(select(OutboxEvent.status)))
            assert set(statuses) == {"acked"}, statuses
            for body in s.scalars(select(OutboxEvent.body).where(
                    OutboxEvent.kind == "dossier.act")):  # fmt: skip
                if body["act"] != "receive":  # a receipt of the dossier: not an act there
                    desk_acts.add(body["act_id"])
            for rid, voided in s.execute(select(Receipt.id, Receipt.voided_at)):
                desk_receipts[rid] = voided is not None
        desk.store.close()
    assert len(desk_acts) >= desk_count  # every desk acted
    assert any(desk_receipts.values()) and not all(desk_receipts.values())  # some voided

    with db.reading() as s:
        portal_acts = list(
            s.scalars(select(PortalAct.act_id).where(PortalAct.desk_id.is_not(None)))
        )
        codes = list(s.scalars(select(PortalDossier.code)))
        receipts = s.execute(select(PortalReceipt.id, PortalReceipt.block_id,
                                    PortalReceipt.series, PortalReceipt.number,
                                    PortalReceipt.voided_at)).all()  # fmt: skip
        blocks = {b.id: b for b in s.scalars(select(PortalReceiptBlock))}
        next_number = {r.series: r.next_number for r in s.scalars(select(PortalReceiptSeries))}
        dossiers = s.scalar(select(func.count()).select_from(PortalDossier))
    db.dispose()

    assert sorted(portal_acts) == sorted(desk_acts)  # each act once, none lost
    assert dossiers == len(ids) + 3 * per_submitter and len(set(codes)) == len(codes)
    assert {r.id: r.voided_at is not None for r in receipts} == desk_receipts
    assert len({(r.series, r.number) for r in receipts}) == len(receipts)
    # The blocks of a series tile it from 1 with neither overlap nor hole...
    by_series: dict[str, list[PortalReceiptBlock]] = defaultdict(list)
    for block in blocks.values():
        by_series[block.series].append(block)
    for series, cut in by_series.items():
        cut.sort(key=lambda b: b.first_number)
        assert cut[0].first_number == 1
        assert all(a.last_number + 1 == b.first_number for a, b in itertools.pairwise(cut))
        assert cut[-1].last_number + 1 == next_number[series]
    # ...and each block is used from its first number on, voided ones counted.
    used: dict[str, list[int]] = defaultdict(list)
    for r in receipts:
        used[r.block_id].append(r.number)
    for block_id, numbers in used.items():
        first = blocks[block_id].first_number
        assert sorted(numbers) == list(range(first, first + len(numbers)))
    assert len({blocks[b].desk_id for b in used}) == desk_count
    assert len(blocks) > desk_count  # desks asked for more blocks while the others did


def test_eight_desks_on_four_portal_processes(portals: list[PortalProcess], tmp_path: Path) -> None:
    run_day(portals, tmp_path, desk_count=8, rounds=2, per_submitter=4)


def test_one_port_served_by_several_worker_processes(pg_url: str, tmp_path: Path) -> None:
    """`portal serve --workers 3`: three processes accept on one port, desks see one URL."""
    empty_postgres(pg_url)
    demo_on(pg_url)
    served = PortalProcess(f"http://127.0.0.1:{free_port()}", pg_url, options=("--workers", "3"))
    served.start()
    try:
        assert served.process is not None
        assert len(workers_of(served.process.pid)) == 3
        run_day([served], tmp_path, desk_count=4, rounds=1, per_submitter=2)
    finally:
        errors = served.stop()
    assert "Traceback" not in errors, errors


def workers_of(pid: int) -> list[int]:
    """The processes ``pid`` started with multiprocessing (Linux: read from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(fields[1]) == pid and b"spawn_main" in command:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.slow
def test_twenty_desks_on_four_portal_processes(
    portals: list[PortalProcess], tmp_path: Path
) -> None:
    run_day(portals, tmp_path, desk_count=20, rounds=4, per_submitter=20)
