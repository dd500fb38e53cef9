"""Benchmark: the province's annual report (Biểu 06) over every office's dossiers, on
PostgreSQL.

    MOTCUA_TEST_POSTGRES=postgresql+psycopg://… \\
        .venv/bin/python -m tests.bench.bench_portal_reports --dossiers 1000000

The database named (it is emptied first) is filled in bulk with INSERT … SELECT over
generate_series — dossiers of 100 offices received over 13 months, each with its
acceptance act, most with their result, some withdrawn, some waiting on the citizen, some
resolved after the period — then the year's report is timed beside a raw SQL count of the
columns SQL can count without the working-day calendar (one GROUP BY over the same table,
in the same run: this machine is shared and noisy). The two must agree. Target: ≤ 2 s at
1,000,000 dossiers.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import datetime

from sqlalchemy import text

from desktop.core.calendar import OFFICE_TZ
from desktop.core.moments import utc_text
from desktop.core.report_periods import parse_period
from sync.portal.db import PortalDatabase
from sync.portal.models import Base
from sync.portal.reports import province_report

NOW = datetime(2026, 12, 16, 9, 0, tzinfo=OFFICE_TZ)  # the day after the year's period
OFFICES = 100
FIRST = "2025-11-01 01:00:00+00"  # some dossiers carried over into the year
MINUTES = 409 * 24 * 60  # received until about 14 December 2026
UTC_TEXT = """to_char(({moment}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')"""

# One row per dossier, every column derived from its number i (reproducible).
_DOSSIERS = f"""
INSERT INTO dossiers (id, code, office_code, procedure_code, level, channel, applicant_name,
  id_number, phone, email, address, state, version, submitted_at, received_at, due_date,
  due_session, due_at, original_due_date, original_due_session, original_due_at,
  resolved_at, papers)
SELECT 'bench-' || i, 'BENCH-' || lpad(i::text, 8, '0'),
  'BENCH-' || lpad((i % {OFFICES})::text, 3, '0'), 'BENCH-TT', 3 + (i % 2), 1 + (i % 3),
  'Người nộp ' || i, '', '', '', '',
  CASE WHEN i % 100 = 0 THEN 'withdrawn' WHEN i % 100 = 1 THEN 'supplement_in_processing'
       WHEN i % 10 = 9 THEN 'in_processing' ELSE 'returned' END,
  3, {UTC_TEXT.format(moment="r")}, {UTC_TEXT.format(moment="r")},
  (due AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'afternoon', {UTC_TEXT.format(moment="due")},
  (due AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'afternoon', {UTC_TEXT.format(moment="due")},
  CASE WHEN i % 100 IN (0, 1) OR i % 10 = 9 THEN NULL
       ELSE {UTC_TEXT.format(moment="r + (i % 11) * interval '1 day'")} END,
  '[]'
FROM (SELECT i, r, r + interval '7 days' AS due
      FROM (SELECT i, timestamptz '{FIRST}' + ((i * 7919) % {MINUTES}) * interval '1 minute'
              AS r FROM generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) AS i) t) s
"""
# Acceptance (gives the appointment), the result or the withdrawal, the wait's start.
_ACTS = """
INSERT INTO acts (act_id, dossier_id, version, act, from_state, to_state, officer, desk_id,
  at, payload)
SELECT d.id || '-' || v.version, d.id, v.version, v.act, v.from_state, v.to_state, 'bench',
  NULL, CASE WHEN v.version = 2 THEN d.received_at ELSE coalesce(d.resolved_at,
  to_char((d.received_at::timestamptz + interval '2 days') AT TIME ZONE 'UTC',
          'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')) END, '{}'
FROM dossiers d CROSS JOIN LATERAL (VALUES
  (2, 'accept', 'received', 'accepted'),
  (3, CASE d.state WHEN 'withdrawn' THEN 'withdraw' WHEN 'supplement_in_processing'
       THEN 'request_supplement_in_processing' ELSE 'record_result' END, 'accepted',
      d.state)) AS v(version, act, from_state, to_state)
WHERE d.id LIKE 'bench-%' AND (v.version = 2 OR d.state <> 'in_processing')
"""
_RAW = """
SELECT count(*) FILTER (WHERE received_at >= :start),
       count(*) FILTER (WHERE resolved_at < :end),
       count(*) FILTER (WHERE resolved_at < :end AND resolved_at > original_due_at)
FROM dossiers
WHERE received_at < :end AND (resolved_at IS NULL OR resolved_at >= :start)
"""


def fill(db: PortalDatabase, n: int) -> float:
    started = time.perf_counter()
    Base.metadata.drop_all(db.engine)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    db.upgrade_schema()
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO procedures (code, data) VALUES ('BENCH-TT', '{}')"))
        conn.execute(text(
            f"INSERT INTO offices (code, name, address, level, tax_code) SELECT 'BENCH-' || "
            f"lpad(o::text, 3, '0'), 'Cơ quan ' || o, '', 'xa', '' FROM generate_series(0, "
            f"{OFFICES - 1}) AS o"))  # fmt: skip
    for first in range(1, n + 1, 250_000):  # in slices: one transaction per slice
        with db.engine.begin() as conn:
            conn.execute(text(_DOSSIERS), {"first": first, "last": min(n, first + 249_999)})
    with db.engine.begin() as conn:
        conn.execute(text(_ACTS))
        conn.exec_driver_sql("ANALYZE dossiers")
        conn.exec_driver_sql("ANALYZE acts")
    return time.perf_counter() - started


def run(url: str, dossiers: int, runs: int = 3, reuse: bool = False) -> list[str]:
    """Fill (unless ``reuse``), time the report ``runs`` times beside the raw count, check
    that they agree; the lines to print."""
    db = PortalDatabase(url)
    lines = []
    if not reuse:
        lines.append(f"filled {dossiers:,} dossiers in {fill(db, dossiers):.1f} s")
    period = parse_period("2026")
    bounds = {"start": utc_text(period.start(OFFICE_TZ)), "end": utc_text(period.end(OFFICE_TZ))}
    report_times, raw_times = [], []
    for _ in range(runs):
        with db.reading() as session:
            started = time.perf_counter()
            report = province_report(session, period, NOW)
            report_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            received, resolved, late = session.execute(text(_RAW), bounds).one()
            raw_times.append(time.perf_counter() - started)
    db.dispose()
    total = report.total
    found = (total.value("received.total") - total.value("carried_over"),
             total.value("resolved.total"), total.value("resolved.late"))  # fmt: skip
    assert found == (received, resolved, late), (found, (received, resolved, late))
    lines.append(
        f"offices {len(report.offices)}; received {total.value('received.total'):,} "
        f"(carried over {total.value('carried_over'):,}); resolved "
        f"{total.value('resolved.total'):,} (early {total.value('resolved.early'):,}, on "
        f"time {total.value('resolved.on_time'):,}, late {total.value('resolved.late'):,}); "
        f"in progress {total.value('in_progress.on_time'):,} in time, "
        f"{total.value('in_progress.overdue'):,} overdue; withdrawn "
        f"{total.value('withdrawn'):,}")  # fmt: skip
    lines.append(f"province report: median {statistics.median(report_times):.2f} s "
                 f"(runs {', '.join(f'{t:.2f}' for t in report_times)})")  # fmt: skip
    lines.append(f"raw SQL count:   median {statistics.median(raw_times):.2f} s")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", default=os.environ.get("MOTCUA_TEST_POSTGRES"),
                        help="a PostgreSQL URL (emptied first)")  # fmt: skip
    parser.add_argument("--reuse", action="store_true", help="keep what the database holds")
    args = parser.parse_args()
    if not args.db or not args.db.startswith("postgresql"):
        parser.error("--db (or MOTCUA_TEST_POSTGRES) must name a PostgreSQL database")
    for line in run(args.db, args.dossiers, args.runs, args.reuse):
        print(line)


if __name__ == "__main__":
    main()
