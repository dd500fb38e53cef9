"""Benchmark: initial sync, no-op sync and reconciliation against a real portal process.

    .venv/bin/python -m tests.bench.bench_sync --dossiers 100000

Targets (issue: portal & sync): initial sync ≥ 5,000 dossiers/s and within 5× of a raw
SQLite bulk insert of the same rows in the same run, ≤ 600 bytes on the wire per dossier;
a no-op sync is one round trip, ≤ 50 ms, and the same within 20 % at 1,000 and at the
full size; reconciliation finding 10 drifted dossiers takes ≤ 2 s and ≤ 100 KB.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from desktop.core.moments import utc_text
from desktop.services.catalogue import read_catalogue_file
from desktop.services.demo import demo_catalogue_path
from desktop.services.settings import open_desk
from desktop.services.snapshot import SnapshotDossier
from desktop.store.db import connect, open_store
from sync.client.engine import SyncEngine, enrol_desk
from sync.client.transport import Transport
from sync.portal.db import PortalDatabase
from sync.portal.demo import init_demo
from tests.bench.bench_queue import empty_desk, make_dossiers, raw_build
from tests.sync.conftest import OFFICE, PortalProcess, enrolled_desk, free_port


class CountingTransport(Transport):
    requests_made = 0

    def _send(self, method: str, path: str, **kwargs: object) -> object:
        self.requests_made += 1
        return super()._send(method, path, **kwargs)


PORTAL_DOSSIER_COLUMNS = (
    "id", "code", "office_code", "procedure_code", "level", "channel", "applicant_name",
    "id_number", "phone", "email", "address", "state", "version", "submitted_at",
    "received_at", "due_date", "due_session", "due_at", "original_due_date",
    "original_due_session", "original_due_at", "resolved_at", "papers",
)  # fmt: skip


def fill_portal(db_path: Path, items: list[SnapshotDossier]) -> None:
    """Put the dossiers straight into the portal's tables, with one change each."""
    con = sqlite3.connect(db_path)
    rows, changes = [], []
    for seq, it in enumerate(items, start=1):
        d, due = it.dossier, it.due
        papers = json.dumps(
            [
                {
                    "name": p.name,
                    "kind": p.kind,
                    "count": p.count,
                    "file_name": p.file_name,
                    "sha256": p.sha256,
                }
                for p in d.papers
            ],
            ensure_ascii=False,
        )
        rows.append(
            (
                d.id,
                d.code,
                OFFICE,
                d.procedure_code,
                d.level,
                d.channel,
                d.applicant_name,
                d.id_number,
                d.phone,
                d.email,
                d.address,
                it.state.value,
                it.version,
                utc_text(d.submitted_at),
                utc_text(it.received_at),
                due.date.isoformat() if due else None,
                due.session.value if due else None,
                utc_text(due.deadline) if due else None,
                due.date.isoformat() if due else None,  # the appointment of acceptance
                due.session.value if due else None,
                utc_text(due.deadline) if due else None,
                None,
                papers,
            )
        )
        changes.append((seq, d.id, OFFICE, utc_text(d.submitted_at)))
    columns = ", ".join(PORTAL_DOSSIER_COLUMNS)  # by name: migrations add columns at the end
    marks = ", ".join("?" * len(PORTAL_DOSSIER_COLUMNS))
    con.executemany(f"INSERT INTO dossiers ({columns}) VALUES ({marks})", rows)
    con.executemany("INSERT INTO changes VALUES (?, ?, ?, ?)", changes)
    con.execute("UPDATE portal_meta SET int_value = ? WHERE key = 'seq'", (len(items),))
    con.commit()
    con.close()


def p(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1] * 1000


def noop_sync(desk_engine: SyncEngine, transport: CountingTransport, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        before = transport.requests_made
        start = time.perf_counter()
        report = desk_engine.sync_once()
        samples.append(time.perf_counter() - start)
        assert not report.moved_anything() and transport.requests_made - before == 1
    return samples


def office_dossiers(folder: Path, dossiers: int, rng: random.Random) -> list[SnapshotDossier]:
    """The queue benchmark's generated dossiers, moved to the test portal's office."""
    codes = [c.code for c in read_catalogue_file(demo_catalogue_path())]
    template = empty_desk(folder / "template.db")
    items = [
        SnapshotDossier(
            it.dossier.__class__(**{**it.dossier.__dict__, "office_code": OFFICE,
                                    "code": it.dossier.code.replace("LCU-TTHCC", OFFICE)}),
            it.state, it.version, it.received_at, it.due, it.resolved_at)
        for it in make_dossiers(template, dossiers, rng, codes)
    ]  # fmt: skip
    template.store.close()
    return items


def started_portal(portal_file: Path, items: list[SnapshotDossier]) -> PortalProcess:
    """A demo portal database at ``portal_file`` holding ``items``, served by a process."""
    db = PortalDatabase(f"sqlite:///{portal_file}")
    init_demo(db)
    db.dispose()
    fill_portal(portal_file, items)
    portal = PortalProcess(f"http://127.0.0.1:{free_port()}", f"sqlite:///{portal_file}")
    portal.start()
    return portal


def run(dossiers: int, folder: Path, runs: int = 50) -> list[str]:
    rng = random.Random(3)
    items = office_dossiers(folder, dossiers, rng)
    lines = []
    small = 1000
    results: dict[int, list[float]] = {}
    for size in (small, dossiers) if dossiers > small else (dossiers,):
        portal = started_portal(folder / f"portal-{size}.db", items[:size])
        try:
            desk = enrolled_desk(portal, folder / f"desk-{size}.db")
            transport = CountingTransport(portal.url)
            engine = SyncEngine(desk, transport=transport)
            start = time.perf_counter()
            report = engine.sync_once()
            initial = time.perf_counter() - start
            assert report.snapshot == size
            results[size] = noop_sync(engine, transport, runs)
            if size == dossiers:
                empty_desk(folder / "raw.db").store.close()
                raw = raw_build(folder / "raw.db", items[:size])
                per = report.bytes_received / size
                lines.append(
                    f"Initial sync of {size:,} dossiers over loopback: {initial:.2f} s = "
                    f"**{size / initial:,.0f}/s** (target ≥ 5,000/s "
                    f"{'✅' if size / initial >= 5000 else '❌'}); raw SQLite bulk insert of "
                    f"the same rows {raw:.2f} s, ratio **{initial / raw:.1f}×** (target ≤ 5× "
                    f"{'✅' if initial / raw <= 5 else '❌'}); {report.bytes_received:,} bytes "
                    f"received = **{per:.0f} B/dossier** (target ≤ 600 "
                    f"{'✅' if per <= 600 else '❌'})."
                )
                drift = rng.sample(sorted(i.dossier.id for i in items[:size]), 10)
                con = connect(desk.store.path)
                con.executemany(
                    "UPDATE dossiers SET version = version + 1 WHERE id = ?", [(i,) for i in drift]
                )
                con.commit()
                con.close()
                sent, received = transport.bytes_sent, transport.bytes_received
                start = time.perf_counter()
                repair = engine.reconcile()
                took = time.perf_counter() - start
                wire = transport.bytes_sent - sent + transport.bytes_received - received
                assert sorted(repair.repaired) == sorted(drift)
                lines.append(
                    f"Reconciliation finding 10 drifted dossiers among {size:,}: **{took:.2f} s**"
                    f" (target ≤ 2 s {'✅' if took <= 2 else '❌'}), {repair.rounds} rounds, "
                    f"**{wire / 1024:.1f} KB** on the wire (target ≤ 100 KB "
                    f"{'✅' if wire <= 100 * 1024 else '❌'})."
                )
            desk.store.close()
        finally:
            portal.stop()
    for size, samples in results.items():
        lines.append(
            f"No-op sync at {size:,} dossiers: one round trip; p50 {p(samples, 50):.1f} "
            f"ms, p95 **{p(samples, 95):.1f} ms** over {runs} runs (target ≤ 50 ms "
            f"{'✅' if p(samples, 95) <= 50 else '❌'})."
        )
    if len(results) == 2:
        a, b = (statistics.median(results[s]) for s in sorted(results))
        lines.append(
            f"No-op sync, median at {dossiers:,} vs at {small:,}: **{b / a:.2f}×** "
            f"(target within 20 % {'✅' if abs(b / a - 1) <= 0.2 else '❌'})."
        )
    return lines


def encrypted_pair(dossiers: int, folder: Path, rounds: int = 2) -> list[str]:
    """Initial sync of the same portal into a plaintext and an encrypted (SQLCipher) desk,
    alternately, in the same run: the best of ``rounds`` each, and their ratio."""
    items = office_dossiers(folder, dossiers, random.Random(3))
    portal = started_portal(folder / "portal.db", items)
    best: dict[bool, float] = {}
    try:
        for n in range(rounds):
            for encrypt in (False, True):
                store = open_store(folder / f"desk-{n}-{encrypt}.db", create=True,
                                   encrypt=encrypt, demo=encrypt)  # fmt: skip
                enrol_desk(store, portal.url, portal.enrolment_code(OFFICE), "Bàn thử")
                engine = SyncEngine(open_desk(store))
                start = time.perf_counter()
                assert engine.sync_once().snapshot == dossiers
                took = time.perf_counter() - start
                best[encrypt] = min(best.get(encrypt, took), took)
                store.close()
    finally:
        portal.stop()
    plain, sealed = dossiers / best[False], dossiers / best[True]
    return [
        f"Initial sync of {dossiers:,} dossiers, best of {rounds}: plaintext desk "
        f"{best[False]:.2f} s = **{plain:,.0f}/s**; encrypted desk {best[True]:.2f} s = "
        f"**{sealed:,.0f}/s**; encrypted takes **{best[True] / best[False]:.2f}×** as long "
        f"(target ≤ 1.3× {'✅' if best[True] / best[False] <= 1.3 else '❌'})."
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--encrypted", action="store_true",
                        help="only the initial sync, into a plaintext and an encrypted desk "
                             "alternately in the same run")  # fmt: skip
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        measure = encrypted_pair if args.encrypted else run
        for line in measure(args.dossiers, Path(tmp), *([] if args.encrypted else [args.runs])):
            print(f"- {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
