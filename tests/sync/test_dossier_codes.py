"""Mã hồ sơ nộp trực tuyến: numbered per office and local day from a counter row (one
upsert, never a count of every dossier), on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from desktop.core.calendar import OFFICE_TZ
from sync.portal.db import PortalDatabase
from sync.portal.demo import init_demo
from sync.portal.models import DossierCodeCounter, PortalDossier
from sync.portal.service import PortalError, submit_dossier
from tests.sync.conftest import OFFICE, OTHER, empty_postgres

DAY = datetime(2026, 12, 1, tzinfo=OFFICE_TZ)  # midnight in the office


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("codes") / "portal.db"
    db = PortalDatabase(f"sqlite:///{path}")
    init_demo(db)
    db.dispose()
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[PortalDatabase]:
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        (tmp_path / "portal.db").write_bytes(template.read_bytes())
        url = f"sqlite:///{tmp_path / 'portal.db'}"
    else:
        url = request.getfixturevalue("pg_url")
        empty_postgres(url)
    database = PortalDatabase(url)
    try:  # disposed whatever happens: a connection left open fails a later test's GC
        if request.param == "postgresql":
            init_demo(database)
        yield database
    finally:
        database.dispose()
    if request.param == "postgresql":
        empty_postgres(url)


def submit(db: PortalDatabase, office: str, at: datetime) -> str:
    with db.transaction() as session:
        return submit_dossier(
            session, office_code=office, procedure_code="MAU-HT-004",
            applicant_name="Lò Thị Thử", submitted_at=at, level=3,
        ).code  # fmt: skip


def test_numbers_restart_each_day_for_each_office(db: PortalDatabase) -> None:
    morning = DAY + timedelta(hours=9)
    assert [submit(db, OFFICE, morning) for _ in range(3)] == [
        f"{OFFICE}-261201-000001",
        f"{OFFICE}-261201-000002",
        f"{OFFICE}-261201-000003",
    ]
    assert submit(db, OTHER, morning) == f"{OTHER}-261201-000001"
    assert submit(db, OFFICE, morning + timedelta(days=1)) == f"{OFFICE}-261202-000001"
    assert submit(db, OFFICE, morning) == f"{OFFICE}-261201-000004"
    with db.reading() as session:
        codes = session.scalars(select(PortalDossier.code)).all()
        counters = session.execute(
            select(DossierCodeCounter.office_code, DossierCodeCounter.day,
                   DossierCodeCounter.last_number)
        ).all()  # fmt: skip
    assert len(codes) == len(set(codes)) == 6
    assert sorted((o, d.isoformat(), n) for o, d, n in counters) == [
        (OFFICE, "2026-12-01", 4),
        (OFFICE, "2026-12-02", 1),
        (OTHER, "2026-12-01", 1),
    ]


def test_the_date_is_the_offices_local_day(db: PortalDatabase) -> None:
    early = DAY + timedelta(hours=6, minutes=30)  # 23:30 UTC the day before
    assert early.astimezone(UTC).date().isoformat() == "2026-11-30"
    assert submit(db, OFFICE, early.astimezone(UTC)) == f"{OFFICE}-261201-000001"
    late = DAY + timedelta(hours=23, minutes=30)  # 16:30 UTC, the same day
    assert submit(db, OFFICE, late.astimezone(UTC)) == f"{OFFICE}-261201-000002"
    after_midnight = DAY + timedelta(days=1, minutes=30)  # 17:30 UTC on the 1st
    assert after_midnight.astimezone(UTC).date().isoformat() == "2026-12-01"
    assert submit(db, OFFICE, after_midnight.astimezone(UTC)) == f"{OFFICE}-261202-000001"


def test_a_submission_rolled_back_gives_its_number_back(db: PortalDatabase) -> None:
    at = DAY + timedelta(hours=8)
    assert submit(db, OFFICE, at) == f"{OFFICE}-261201-000001"
    with pytest.raises(RuntimeError), db.transaction() as session:
        submit_dossier(session, office_code=OFFICE, procedure_code="MAU-HT-004",
                       applicant_name="Bỏ dở", submitted_at=at, level=3)  # fmt: skip
        raise RuntimeError("the request failed after the code was taken")
    assert submit(db, OFFICE, at) == f"{OFFICE}-261201-000002"


def test_an_unknown_office_is_refused_and_nothing_is_kept(db: PortalDatabase) -> None:
    with pytest.raises(PortalError, match="Không có cơ quan mã KHONG-CO"):
        submit(db, "KHONG-CO", DAY)
    with db.reading() as session:
        assert session.scalars(select(DossierCodeCounter)).all() == []


def test_a_code_does_not_count_the_dossiers(db: PortalDatabase) -> None:
    """The statements behind one submission read no aggregate over the dossiers."""
    submit(db, OFFICE, DAY)
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement.lower())

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        submit(db, OFFICE, DAY)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert any("dossier_code_counters" in s for s in statements)
    assert not [s for s in statements if "count(" in s or "max(" in s]


def test_concurrent_submissions_get_unique_gap_free_numbers(pg_url: str) -> None:
    """Twenty-four citizens submit at once to one office on PostgreSQL, each in their own
    transaction and connection: the numbers are 1…24, each once."""
    empty_postgres(pg_url)
    db = PortalDatabase(pg_url)
    try:
        init_demo(db)
    except BaseException:
        db.dispose()
        raise
    threads_count, each = 6, 4
    start = threading.Barrier(threads_count)
    codes: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def citizen() -> None:
        try:
            start.wait()
            for _ in range(each):
                code = submit(db, OFFICE, DAY + timedelta(hours=10))
                with lock:
                    codes.append(code)
        except BaseException as exc:  # reported below, not lost in the thread
            failures.append(exc)

    threads = [threading.Thread(target=citizen) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    db.dispose()
    empty_postgres(pg_url)
    assert failures == []
    numbers = sorted(int(code.rsplit("-", 1)[1]) for code in codes)
    assert numbers == list(range(1, threads_count * each + 1))
    assert {code.rsplit("-", 1)[0] for code in codes} == {f"{OFFICE}-261201"}
