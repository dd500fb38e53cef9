"""The province's report on the portal gives an office the figures its own desk's report
gives, column by column: a month built through a real desk synced to a real portal."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.core.calendar import OFFICE_TZ
from desktop.core.report_periods import parse_period
from desktop.core.reports import TABLE_COLUMNS
from desktop.services import dossiers as acts
from desktop.services import processing
from desktop.services.accounts import login
from desktop.services.context import Desk
from desktop.services.demo import ManualClock
from desktop.services.reports import periodic_report
from desktop.store.models import Dossier
from sync.client.engine import SyncEngine
from sync.portal.db import PortalDatabase
from sync.portal.reports import province_report
from sync.portal.service import submit_dossier
from tests.sync.conftest import OFFICE, PortalProcess, enrolled_desk

PERIOD = "2026-11"  # 15 October – 14 November 2026 (the 15th → 14th rule)
TU_PHAP = "Phòng Tư pháp"
PROBLEM = [acts.PaperProblem("Tờ khai", "wrong", "thiếu chữ ký")]
# Every kind of figure the month must hold, so that the comparison compares something.
MUST_HAVE = ("carried_over", "received.online", "received.desk_post", "resolved.early",
             "resolved.on_time", "resolved.late", "in_progress.on_time",
             "in_progress.overdue")  # fmt: skip


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=OFFICE_TZ)


def build_month(portal: PortalProcess, tmp_path: Path) -> Desk:
    """Dossiers submitted on the portal (online, at the desk, by post), worked on a desk
    whose clock walks through the period, then pushed: returns the desk."""
    db = portal.database()
    ids: dict[str, str] = {}
    with db.transaction() as s:
        for letter, procedure, level, channel in (
            ("A", "MAU-CC-001", 3, 2), ("B", "MAU-HT-004", 3, 2), ("C", "MAU-HT-004", 3, 2),
            ("D", "MAU-HT-006", 4, 2), ("E", "MAU-HT-004", 3, 2), ("F", "MAU-HT-004", 3, 1),
            ("H", "MAU-HT-004", 3, 2), ("J", "MAU-HT-004", 3, 3), ("K", "MAU-HT-004", 3, 2),
        ):  # fmt: skip
            ids[letter] = submit_dossier(
                s, office_code=OFFICE, procedure_code=procedure, level=level, channel=channel,
                applicant_name=f"Người nộp {letter}", submitted_at=at(10, 1)).id  # fmt: skip
    db.dispose()
    clock = ManualClock(at(10, 12))
    desk = enrolled_desk(portal, tmp_path / "desk.db", clock=clock)
    SyncEngine(desk).sync_once()
    officer = login(desk, "canbo1", "canbo1-demo")

    def due_at(letter: str) -> datetime:
        with desk.store.read() as s:
            d = s.get(Dossier, ids[letter])
            assert d is not None and d.due_at is not None
            return d.due_at

    # Before the period: A accepted (carried over), resolved early in the period.
    acts.accept_dossier(desk, officer, ids["A"])
    processing.hand_over_batch(desk, officer, [ids["A"]], TU_PHAP, "Lò Thị Hoa")
    clock.now = at(10, 16)
    processing.record_result_document(desk, officer, ids["A"], "21/QĐ-UBND")
    clock.now = at(10, 19)
    for letter in "BCDEFHK":
        acts.accept_dossier(desk, officer, ids[letter])
    processing.hand_over_batch(desk, officer, [ids[x] for x in "BCDEFHK"], TU_PHAP,
                               "Lò Thị Hoa")  # fmt: skip
    clock.now = at(10, 19, 10)
    processing.record_result_document(desk, officer, ids["D"], "22/QĐ-UBND")  # early
    clock.now = at(10, 20)
    # H waits on the citizen at the period's end: judged when the wait began.
    processing.request_supplement_in_processing(desk, officer, ids["H"], PROBLEM, "Chưa ký")
    clock.now = at(10, 21)
    acts.withdraw_dossier(desk, officer, ids["B"], "Công dân xin rút")
    acts.reappoint(desk, officer, ids["C"], "Chờ xác minh", (due_at("C") + timedelta(days=7))
                   .astimezone(OFFICE_TZ).date())  # fmt: skip
    clock.now = due_at("E") - timedelta(minutes=1)  # on its due day, before its moment
    processing.record_result_document(desk, officer, ids["E"], "23/QĐ-UBND")
    clock.now = at(10, 28)  # past C's original appointment, before the new one: late
    processing.record_result_document(desk, officer, ids["C"], "24/QĐ-UBND")
    # K, already overdue, waits on the citizen past the period's end: overdue at the end,
    # though the wait's end (after it) moves its appointment past the end.
    processing.request_supplement_in_processing(desk, officer, ids["K"], PROBLEM, "Chưa ký")
    clock.now = at(11, 12)
    acts.accept_dossier(desk, officer, ids["J"])  # by post, in time at the end
    # After the period: F (overdue at the end) is resolved and K's wait ends; November's
    # figures must not move (the portal replays K's clock to know them).
    clock.now = at(11, 20)
    processing.record_result_document(desk, officer, ids["F"], "25/QĐ-UBND")
    processing.record_supplement_in_processing(desk, officer, ids["K"])
    report = SyncEngine(desk).sync_once()
    assert report.conflicts == 0
    return desk


def compare(desk: Desk, db_url: str) -> None:
    supervisor = login(desk, "lanhdao", "lanhdao-demo")
    on_desk = periodic_report(desk, supervisor, PERIOD).office
    db = PortalDatabase(db_url)
    with db.reading() as s:
        counted = province_report(s, parse_period(PERIOD), datetime.now(UTC))
        alone = province_report(s, parse_period(PERIOD), datetime.now(UTC), office=OFFICE)
        # The codes behind a figure, listed in the counting read itself…
        assert alone.office(OFFICE).codes("resolved.late") == on_desk.codes("resolved.late")
    # … and after it, in a read of their own.
    later = PortalDatabase(db_url)
    with later.reading() as s:
        province = province_report(s, parse_period(PERIOD), datetime.now(UTC),
                                   reread=later.reading)  # fmt: skip
    on_portal = province.office(OFFICE)
    for key in MUST_HAVE:
        assert on_desk.value(key) > 0, key
    for key, label in TABLE_COLUMNS:
        assert (label, on_portal.value(key)) == (label, on_desk.value(key))
        assert on_portal.codes(key) == on_desk.codes(key), key
        assert alone.office(OFFICE).value(key) == on_desk.value(key)
        assert province.total.value(key) == on_desk.value(key)  # one office has dossiers
    for key, n in (("withdrawn", 1), ("reappointed", 1), ("supplement_requested", 2)):
        assert on_portal.value(key) == on_desk.value(key) == n, key
    with pytest.raises(RuntimeError, match="reading has ended"):
        counted.office(OFFICE).codes("resolved.early")  # never listed while it lasted
    later.dispose()
    db.dispose()


def test_an_office_row_of_the_province_report_is_its_desk_report(
    portal: PortalProcess, tmp_path: Path
) -> None:
    desk = build_month(portal, tmp_path)
    compare(desk, portal.db_url)


def test_the_same_on_postgresql(pg_portal: PortalProcess, tmp_path: Path) -> None:
    desk = build_month(pg_portal, tmp_path)
    compare(desk, pg_portal.db_url)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop.cli", "portal", "report", *args],
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def test_the_cli_draws_the_province_report(portal: PortalProcess, tmp_path: Path) -> None:
    desk = build_month(portal, tmp_path)
    supervisor = login(desk, "lanhdao", "lanhdao-demo")
    row = periodic_report(desk, supervisor, PERIOD).office
    figures = " ".join(str(row.value(k)) for k, _ in TABLE_COLUMNS)
    text = run_cli("--period", PERIOD, "--format", "text", "--db", portal.db_url)
    assert text.returncode == 0, text.stderr
    assert OFFICE in text.stdout and figures in " ".join(text.stdout.split())
    pdf = tmp_path / "tinh.pdf"
    done = run_cli("--period", PERIOD, "--format", "pdf", "--out", str(pdf), "--db",
                   portal.db_url)  # fmt: skip
    assert done.returncode == 0, done.stderr
    words = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    assert "Tổng cộng" in words and "Tháng 11/2026" in words
    assert figures in " ".join(words.split())
    xlsx = tmp_path / "tinh.xlsx"
    done = run_cli("--period", PERIOD, "--format", "xlsx", "--out", str(xlsx), "--db",
                   portal.db_url)  # fmt: skip
    assert done.returncode == 0, done.stderr
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).active
    rows = [[c for c in r] for r in sheet.iter_rows(values_only=True)]
    assert list(next(r for r in rows if r and r[1] == "Tổng cộng")[2:13]) == [
        row.value(k) for k, _ in TABLE_COLUMNS]  # fmt: skip
    bad = run_cli("--period", "2026-13", "--format", "text", "--db", portal.db_url)
    assert bad.returncode != 0 and bad.stderr.startswith("motcua: lỗi:")
    assert len(bad.stderr.strip().splitlines()) == 1
    missing = run_cli("--period", PERIOD, "--office", "KHONG-CO", "--format", "text", "--db",
                      portal.db_url)  # fmt: skip
    assert missing.returncode != 0 and "KHONG-CO" in missing.stderr


def test_the_benchmark_runs_and_agrees_with_raw_sql(pg_url: str) -> None:
    from tests.bench import bench_portal_reports

    lines = bench_portal_reports.run(pg_url, 3000, runs=1)  # asserts the agreement itself
    assert lines[1].startswith("offices 100; received ")
