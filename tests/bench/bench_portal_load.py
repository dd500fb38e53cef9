"""Benchmark: the portal on PostgreSQL under many desks pushing and pulling at once.

    MOTCUA_TEST_POSTGRES=postgresql+psycopg://… \\
        .venv/bin/python -m tests.bench.bench_portal_load --desks 50 --seconds 60
    # the same load on 1, then 2, then 4 portal processes (`portal serve --workers N`):
    … bench_portal_load --desks 20 --seconds 30 --processes 1 2 4

Each desk is a real desk database with its own enrolment, driven by the real sync engine:
it accepts the next submitted dossier of its share and hands it over (two acts), then runs
a whole sync (push, pull, attachments check). Desks run as threads in a few worker
processes, all against one portal (``--processes``: that many portal processes behind one
port) over loopback. Every HTTP request is timed at
the socket; a 5xx, a refused request or a network error counts as an error (conflicts are
counted apart: two desks of one office never act on the same dossier here, so there
should be none). At the end every act the desks made must be on the portal exactly once.

Target (issue: portal & sync): 50 desks for 60 s, report requests/s and p95 latency,
zero errors. The database is dropped and made again: point it at a scratch database.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import func, select

WORKERS = 5  # processes; each runs its share of the desks as threads


class TimedSession(requests.Session):
    """Times every request as the desk sees it and as the portal reports it
    (``Server-Timing``); notes 5xx replies, refusals and failures."""

    def __init__(self, samples: list[float], portal: list[float], failures: list[str]) -> None:
        super().__init__()
        self.samples, self.portal, self.failures = samples, portal, failures

    def request(self, method: str | bytes, url: str | bytes, *a: Any, **k: Any) -> Any:
        start = time.perf_counter()
        try:
            response = super().request(method, url, *a, **k)
        except requests.RequestException as exc:
            self.failures.append(f"{method} {url}: {type(exc).__name__}: {str(exc)[:160]}")
            raise
        self.samples.append(time.perf_counter() - start)
        timing = response.headers.get("Server-Timing", "")
        if timing.startswith("app;dur="):
            self.portal.append(float(timing.removeprefix("app;dur=")) / 1000)
        if response.status_code >= 500 or response.status_code in (401, 403):
            self.failures.append(f"{method} {url}: HTTP {response.status_code}")
        return response


@dataclass
class DeskResult:
    samples: list[float] = field(default_factory=list)
    portal: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    acts: int = 0
    syncs: int = 0
    conflicts: int = 0


def run_desks(
    portal_url: str, desks: list[tuple[str, str, int, int]], folder: str, ready: Any,
    seconds: float,
) -> DeskResult:  # fmt: skip
    """One worker process: enrol and load its desks, wait for every worker to be ready
    (``ready``: a barrier shared by the workers), then drive them for ``seconds``."""
    from desktop.core.lifecycle import DossierState
    from desktop.services import dossiers as acts
    from desktop.services.accounts import login
    from desktop.services.settings import open_desk
    from desktop.store.db import open_store
    from desktop.store.models import Dossier
    from sync.client.engine import SyncEngine, enrol_desk
    from sync.client.transport import Transport

    # The desks yield the CPU to the portal and PostgreSQL: on a 2-core machine the fifty
    # simulated desks (each applying every other desk's acts) would otherwise starve them.
    os.nice(10)
    result = DeskResult()
    lock = threading.Lock()
    prepared = []
    for office, code, index, share in desks:
        store = open_store(Path(folder) / f"desk-{office}-{index}.db", create=True)
        enrol_desk(store, portal_url, code, f"Bàn tải {index}")
        desk = open_desk(store)
        SyncEngine(desk, fetch_attachments=False).sync_once()  # the snapshot: not timed
        prefix = "" if office == "LCU-TTHCC" else "xa."
        prepared.append((desk, login(desk, prefix + "canbo1", "canbo1-demo"), index, share))

    def drive(desk: Any, officer: Any, index: int, share: int) -> None:
        samples: list[float] = []
        portal: list[float] = []
        failures: list[str] = []
        transport = Transport(portal_url, session=TimedSession(samples, portal, failures))
        engine = SyncEngine(desk, transport=transport, fetch_attachments=False)
        with desk.store.read() as s:
            mine = [i for i in s.scalars(select(Dossier.id).where(
                Dossier.state == DossierState.SUBMITTED.value).order_by(Dossier.id))
                if int(i.replace("-", ""), 16) % share == index]  # fmt: skip
        done = syncs = conflicts = 0
        end = start_at + seconds
        while time.time() < end:
            try:
                if mine:
                    dossier_id = mine.pop()
                    acts.accept_dossier(desk, officer, dossier_id)
                    acts.hand_over(desk, officer, dossier_id, "Phòng Tư pháp")
                    done += 2
                report = engine.sync_once()
                syncs += 1
                conflicts += report.conflicts
            except Exception as exc:  # every failure is counted, none stops the run
                failures.append(f"{type(exc).__name__}: {exc}")
        timed = len(samples)
        engine.sync_once()  # what is still queued reaches the portal (not timed)
        with lock:
            result.samples += samples[:timed]
            result.portal += portal[:timed]
            result.failures += failures
            result.acts += done
            result.syncs += syncs
            result.conflicts += conflicts

    ready.wait()  # every desk of every worker has its snapshot: the clock starts now
    start_at = time.time()
    print(f"load phase from {start_at:.0f}", file=sys.stderr, flush=True)
    threads = [threading.Thread(target=drive, args=p) for p in prepared]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for desk, *_ in prepared:
        desk.store.close()
    return result


def run(
    db_url: str, desk_count: int, seconds: float, dossiers: int, processes: int = 1
) -> list[str]:
    from sync.portal.db import PortalDatabase
    from sync.portal.demo import DEMO_OFFICES, init_demo, submit_demo
    from sync.portal.models import PortalAct
    from tests.sync.conftest import PortalProcess, empty_postgres, free_port

    empty_postgres(db_url)  # plain SQL: empties a SQLite file as well
    db = PortalDatabase(db_url)
    init_demo(db)
    offices = [o[0] for o in DEMO_OFFICES]
    for office in offices:
        submit_demo(db, dossiers // len(offices), office, seed=7, scans=False)
    db.dispose()
    serving = ("--workers", str(processes)) if processes > 1 else ()
    portal = PortalProcess(f"http://127.0.0.1:{free_port()}", db_url, options=serving)
    portal.start()
    try:
        per_office = -(-desk_count // len(offices))
        plan = [
            (offices[n % len(offices)], portal.enrolment_code(offices[n % len(offices)]),
             n // len(offices), per_office)
            for n in range(desk_count)
        ]  # fmt: skip
        shares = [plan[w::WORKERS] for w in range(WORKERS)]
        with tempfile.TemporaryDirectory() as folder:
            # Desks enrol and take their snapshots first; the clock starts for all at once.
            context = multiprocessing.get_context("spawn")
            busy = [share for share in shares if share]
            with (
                context.Manager() as manager,
                ProcessPoolExecutor(len(busy), mp_context=context) as pool,
            ):
                ready = manager.Barrier(len(busy))
                futures = [pool.submit(run_desks, portal.url, s, folder, ready, seconds)
                           for s in busy]  # fmt: skip
                results = [f.result() for f in futures]
        db = PortalDatabase(db_url)
        with db.reading() as s:
            on_portal = s.scalar(
                select(func.count()).select_from(PortalAct).where(PortalAct.desk_id.is_not(None))
            )
        db.dispose()
    finally:
        portal.stop()
    samples = sorted(x for r in results for x in r.samples)
    failures = [f for r in results for f in r.failures]
    acts_made = sum(r.acts for r in results)
    q = statistics.quantiles(samples, n=100, method="inclusive")
    own = statistics.quantiles([x for r in results for x in r.portal], n=100, method="inclusive")
    lines = [
        f"{desk_count} desks (2 offices, {dossiers:,} dossiers) for {seconds:.0f} s against "
        f"{_processes(processes)} on PostgreSQL: **{len(samples) / seconds:,.0f} requests/s** "
        f"({len(samples):,} requests, {sum(r.syncs for r in results):,} whole syncs, "
        f"{acts_made:,} acts pushed). Portal's own time per request (Server-Timing): p50 "
        f"{own[49] * 1000:.0f} ms, **p95 {own[94] * 1000:.0f} ms**, p99 {own[98] * 1000:.0f} "
        f"ms. As the desks saw it (their own CPU waits included): p50 {q[49] * 1000:.0f} ms, "
        f"p95 {q[94] * 1000:.0f} ms.",
        f"Errors: **{len(failures)}** (target 0 {'✅' if not failures else '❌'}); conflicts "
        f"{sum(r.conflicts for r in results)}; acts on the portal {on_portal:,} of "
        f"{acts_made:,} made ({'none lost or doubled ✅' if on_portal == acts_made else '❌'}).",
    ]
    lines += [f"  - {f}" for f in failures[:10]]
    return lines


def _processes(n: int) -> str:
    return "one portal process" if n == 1 else f"{n} portal processes (--workers {n})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=os.environ.get("MOTCUA_TEST_POSTGRES"))
    parser.add_argument("--desks", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--dossiers", type=int, default=12_000)
    parser.add_argument("--processes", type=int, nargs="+", default=[1],
                        help="portal processes; several numbers: one run for each")  # fmt: skip
    args = parser.parse_args(argv)
    if not args.db:
        print("PostgreSQL URL needed: --db or MOTCUA_TEST_POSTGRES", file=sys.stderr)
        return 2
    for processes in args.processes:
        for line in run(args.db, args.desks, args.seconds, args.dossiers, processes):
            print(f"- {line}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
