"""Benchmark: build a large desk database and time the queue queries the UI needs.

    .venv/bin/python -m tests.bench.bench_queue --dossiers 200000

Each figure stands beside a raw-SQLite baseline measured in the same run (the same query
through the plain ``sqlite3`` module on the same file), since this machine is shared and
noisy. Targets (2 cores): every query p95 ≤ 30 ms; build ≥ 20,000 dossiers/s.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.core.accounts import Role
from desktop.core.calendar import OFFICE_TZ, ProcessingTime
from desktop.core.lifecycle import DossierState
from desktop.core.text import fold
from desktop.services.catalogue import read_catalogue_file, save_procedures
from desktop.services.context import Actor, Desk
from desktop.services.demo import (
    DEMO_OFFICE_CODE,
    ManualClock,
    demo_catalogue_path,
    demo_office,
    id_number,
    phone_number,
    vietnamese_name,
)
from desktop.services.dossiers import IncomingDossier, IncomingPaper
from desktop.services.queue import QueueFilter, find_dossiers, queue_ids, rows_for
from desktop.services.settings import open_desk, set_office
from desktop.services.snapshot import SnapshotDossier, load_snapshot
from desktop.store.db import connect, open_store
from desktop.store.models import _IS_OPEN_SQL

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=OFFICE_TZ)
STATE_WEIGHTS = {
    DossierState.RETURNED_IN_PERSON: 50,
    DossierState.RETURNED_BY_POST: 8,
    DossierState.REFUSED: 6,
    DossierState.WITHDRAWN: 5,
    DossierState.STOPPED: 2,
    DossierState.SUBMITTED: 3,
    DossierState.SUPPLEMENT_REQUESTED: 2,
    DossierState.SUPPLEMENTED: 1,
    DossierState.ACCEPTED: 3,
    DossierState.IN_PROCESSING: 12,
    DossierState.PAYMENT_REQUESTED: 1,
    DossierState.REAPPOINTED: 1,
    DossierState.RESULT_READY: 5,
    DossierState.DENIED: 1,
}


def make_dossiers(
    desk: Desk, n: int, rng: random.Random, codes: list[str]
) -> Iterator[SnapshotDossier]:
    states, weights = list(STATE_WEIGHTS), list(STATE_WEIGHTS.values())
    for i in range(n):
        submitted = NOW - timedelta(minutes=rng.randint(0, 730 * 24 * 60))
        state = rng.choices(states, weights)[0]
        checked = state not in (
            DossierState.SUBMITTED,
            DossierState.SUPPLEMENT_REQUESTED,
            DossierState.SUPPLEMENTED,
        )
        due = (
            desk.calendar.due(
                submitted + timedelta(hours=3), ProcessingTime.days(rng.choice([1, 3, 5, 10, 15]))
            )
            if checked
            else None
        )
        yield SnapshotDossier(
            IncomingDossier(
                id=str(uuid.uuid4()),
                code=f"{DEMO_OFFICE_CODE}-{submitted:%y%m%d}-{i:06d}",
                office_code=DEMO_OFFICE_CODE,
                procedure_code=rng.choice(codes),
                applicant_name=vietnamese_name(rng),
                submitted_at=submitted,
                id_number=id_number(rng),
                phone=phone_number(rng),
                papers=(IncomingPaper("Tờ khai", 2), IncomingPaper("Căn cước công dân", 1)),
            ),
            state,
            version=3,
            received_at=submitted + timedelta(hours=3) if checked else None,
            due=due,
        )


@dataclass
class Figure:
    name: str
    ours: list[float]
    raw: list[float]

    @staticmethod
    def pct(samples: list[float], q: int) -> float:
        return statistics.quantiles(samples, n=100, method="inclusive")[q - 1] * 1000

    def row(self) -> str:
        return (
            f"| {self.name} | {self.pct(self.ours, 50):.2f} | {self.pct(self.ours, 95):.2f} "
            f"| {self.pct(self.raw, 50):.2f} | {self.pct(self.raw, 95):.2f} "
            f"| {'✅' if self.pct(self.ours, 95) <= 30 else '❌'} |"
        )


def once(fn: Callable[[int], object], i: int) -> float:
    start = time.perf_counter()
    fn(i)
    return time.perf_counter() - start


DESK_DOSSIER_COLUMNS = (
    "id", "code", "office_code", "procedure_code", "level", "channel", "applicant_name",
    "applicant_folded", "id_number", "phone", "email", "address", "state", "version",
    "submitted_at", "received_at", "due_date", "due_session", "due_at", "original_due_date",
    "original_due_session", "original_due_at", "resolved_at", "updated_at",
)  # fmt: skip


def raw_rows(items: list[SnapshotDossier]) -> list[tuple[object, ...]]:
    """The snapshot's rows as plain tuples, in the order of ``DESK_DOSSIER_COLUMNS``."""
    return [
        (it.dossier.id, it.dossier.code, DEMO_OFFICE_CODE, it.dossier.procedure_code, 3, 2,
         it.dossier.applicant_name, fold(it.dossier.applicant_name), it.dossier.id_number,
         it.dossier.phone, "", "", it.state.value, 3, it.dossier.submitted_at.isoformat(), None,
         it.due.date.isoformat() if it.due else None, it.due.session.value if it.due else None,
         it.due.deadline.isoformat() if it.due else None,
         it.due.date.isoformat() if it.due else None, it.due.session.value if it.due else None,
         it.due.deadline.isoformat() if it.due else None, None, NOW.isoformat())
        for it in items
    ]  # fmt: skip


def raw_build(path: Path, items: list[SnapshotDossier]) -> float:
    """Baseline: the same rows, papers and search index through plain sqlite3."""
    rows = raw_rows(items)
    papers = [
        (r[0], i, n, k)
        for r in rows
        for i, (n, k) in enumerate((("Tờ khai", 2), ("Căn cước công dân", 1)), start=1)
    ]
    con = sqlite3.connect(path)
    con.execute("PRAGMA cache_size=-65536")  # as the desk's own connections
    con.execute("PRAGMA synchronous=NORMAL")
    start = time.perf_counter()
    columns = ", ".join(DESK_DOSSIER_COLUMNS)  # by name: migrations add columns at the end
    marks = ", ".join("?" * len(DESK_DOSSIER_COLUMNS))
    con.executemany(f"INSERT INTO dossiers ({columns}) VALUES ({marks})", rows)
    con.executemany(
        "INSERT INTO dossier_papers (dossier_id, position, name, kind, count, "
        "file_name, sha256) VALUES (?, ?, ?, ?, 1, '', '')",
        papers,
    )
    con.execute(
        "INSERT INTO dossier_search(rowid, applicant_folded) "
        "SELECT rowid, applicant_folded FROM dossiers"
    )
    con.commit()
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed


def empty_desk(path: Path, encrypt: bool = False) -> Desk:
    store = open_store(path, create=True, encrypt=encrypt, demo=encrypt)
    with store.write() as session:
        set_office(session, demo_office())
        save_procedures(session, read_catalogue_file(demo_catalogue_path()))
    return open_desk(store, ManualClock(NOW))


@dataclass
class Prepared:
    """A desk built and ready to be queried: its queries (ours, raw SQL) by run number."""

    desk: Desk
    raw: Any  # a connection through the desk's SQLite library
    header: list[str]
    queries: list[tuple[str, Callable[[int], object], Callable[[int], object]]]


def prepare(dossiers: int, runs: int, folder: Path, encrypt: bool = False) -> Prepared:
    rng = random.Random(7)
    desk = empty_desk(folder / "bench.db", encrypt)
    actor = Actor(None, "bench", "Bench", Role.OFFICER, DEMO_OFFICE_CODE)
    codes = [p.code for p in read_catalogue_file(demo_catalogue_path())]
    items = list(make_dossiers(desk, dossiers, rng, codes))
    start = time.perf_counter()
    load_snapshot(desk, items)
    build_s = time.perf_counter() - start
    empty_desk(folder / "raw.db").store.close()
    raw_build_s = raw_build(folder / "raw.db", items)

    raw = connect(desk.store.path)  # SQLCipher's SQLite, keyed when the file is encrypted

    def sql(query: str, params: Callable[[int], Sequence[object]]) -> Callable[[int], object]:
        return lambda i: raw.execute(query, params(i)).fetchall()

    sample = rng.sample(items, runs)
    proc = codes[0]
    names = [fold(" ".join(it.dossier.applicant_name.split()[:3])) for it in sample]
    queries = [
        ("Trang đầu hàng đợi theo hạn (100 mã + 100 dòng) — first page by due date",
         lambda i: rows_for(desk, actor, queue_ids(desk, actor, limit=100)),
         sql("SELECT d.*, p.name FROM dossiers d JOIN procedures p "
             f"ON p.code = d.procedure_code WHERE d.office_code = ? AND d.{_IS_OPEN_SQL} "
             "ORDER BY d.due_at, d.submitted_at LIMIT 100", lambda i: [DEMO_OFFICE_CODE])),
        ("Lọc trạng thái + thủ tục — filter state + procedure",
         lambda i: queue_ids(desk, actor, QueueFilter(
             states=(DossierState.IN_PROCESSING,), procedure_code=proc), limit=100),
         sql("SELECT id FROM dossiers WHERE office_code = ? AND state = ? "
             "AND procedure_code = ? ORDER BY due_at, submitted_at LIMIT 100",
             lambda i: (DEMO_OFFICE_CODE, "in_processing", proc))),
        ("Mã hồ sơ chính xác — exact dossier code",
         lambda i: find_dossiers(desk, actor, sample[i].dossier.code),
         sql("SELECT id FROM dossiers WHERE code = ?", lambda i: (sample[i].dossier.code,))),
        ("Tên không dấu (“nguyen van anh”) — name without diacritics",
         lambda i: find_dossiers(desk, actor, names[i]),
         sql("SELECT d.id FROM dossier_search s CROSS JOIN dossiers d ON d.rowid = s.rowid "
             "WHERE dossier_search MATCH ? AND d.office_code = ? LIMIT 200",
             lambda i: (f'"{names[i]}" *', DEMO_OFFICE_CODE))),
        ("Số CCCD — ID-card number",
         lambda i: find_dossiers(desk, actor, sample[i].dossier.id_number),
         sql("SELECT id FROM dossiers WHERE office_code = ? AND id_number = ? LIMIT 200",
             lambda i: (DEMO_OFFICE_CODE, sample[i].dossier.id_number))),
        ("Mọi mã hồ sơ đang mở (mô hình bảng) — all open ids for the table model",
         lambda i: queue_ids(desk, actor),
         sql(f"SELECT id FROM dossiers WHERE office_code = ? AND {_IS_OPEN_SQL} "
             "ORDER BY due_at, submitted_at", lambda i: [DEMO_OFFICE_CODE])),
    ]  # fmt: skip
    check = find_dossiers(desk, actor, "nguyen van anh")
    assert all("nguyen van anh" in fold(r.applicant_name)
               for r in rows_for(desk, actor, check).values())  # fmt: skip
    rate, raw_rate = dossiers / build_s, dossiers / raw_build_s
    header = [
        f"Build: {dossiers:,} dossiers in {build_s:.2f} s = **{rate:,.0f}/s** "
        f"(target ≥ 20,000/s {'✅' if rate >= 20000 else '❌'}); raw sqlite3 baseline "
        f"{raw_build_s:.2f} s = {raw_rate:,.0f}/s (ours takes {build_s / raw_build_s:.1f}× "
        "as long).",
        f"“nguyen van anh” finds {len(check)} dossiers, every one of them a “Nguyễn Văn Anh/Ánh”.",
    ]
    return Prepared(desk, raw, header, queries)


def measure(desks: list[Prepared], runs: int) -> list[list[Figure]]:
    """Each query's runs on every desk, the desks taking turns run by run: a ratio between
    two desks is then not skewed by the machine's pace drifting between two halves."""
    figures: list[list[Figure]] = [[] for _ in desks]
    for q in range(len(desks[0].queries)):
        ours: list[list[float]] = [[] for _ in desks]
        raw: list[list[float]] = [[] for _ in desks]
        for i in range(runs):
            for d, prepared in enumerate(desks):
                _, mine, theirs = prepared.queries[q]
                ours[d].append(once(mine, i))
                raw[d].append(once(theirs, i))
        for d, prepared in enumerate(desks):
            figures[d].append(Figure(prepared.queries[q][0], ours[d], raw[d]))
    return figures


def run(
    dossiers: int, runs: int, folder: Path, encrypt: bool = False
) -> tuple[list[str], list[Figure]]:
    prepared = prepare(dossiers, runs, folder, encrypt)
    try:
        return prepared.header, measure([prepared], runs)[0]
    finally:
        prepared.raw.close()
        prepared.desk.store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dossiers", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--encrypted", action="store_true",
                        help="in the same run, plaintext then encrypted (SQLCipher) databases, "
                             "and the ratio of their p95")  # fmt: skip
    args = parser.parse_args(argv)
    kinds = (False, True) if args.encrypted else (False,)
    with tempfile.TemporaryDirectory() as tmp:
        desks = []
        for encrypt in kinds:
            (Path(tmp) / str(encrypt)).mkdir()
            desks.append(prepare(args.dossiers, args.runs, Path(tmp) / str(encrypt), encrypt))
        try:
            measured = measure(desks, args.runs)  # interleaved: plaintext, encrypted, …
        finally:
            for prepared in desks:
                prepared.raw.close()
                prepared.desk.store.close()
    results = dict(zip(kinds, measured, strict=True))
    for encrypt, prepared in zip(kinds, desks, strict=True):
        print(f"### {'encrypted (SQLCipher)' if encrypt else 'plaintext'}" if args.encrypted
              else "", "\n".join(prepared.header), sep="\n")  # fmt: skip
        print()
        print("| query | p50 ms | p95 ms | raw p50 ms | raw p95 ms | p95 ≤ 30 ms |")
        print("|---|---:|---:|---:|---:|:-:|")
        for f in results[encrypt]:
            print(f.row())
        print()
    if args.encrypted:
        print("| query | p95 plaintext ms | p95 encrypted ms | ratio (≤ 1.3×) |")
        print("|---|---:|---:|:-:|")
        for plain, sealed in zip(results[False], results[True], strict=True):
            a, b = plain.pct(plain.ours, 95), sealed.pct(sealed.ours, 95)
            print(f"| {plain.name} | {a:.2f} | {b:.2f} | {b / a:.2f}× "
                  f"{'✅' if b / a <= 1.3 else '❌'} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
