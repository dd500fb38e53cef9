"""The open queue's ids (the table model loads all of them) are read from the open-queue
index alone, never from the wide dossier rows: on an encrypted desk every page read is
decrypted, and the rows hold most of the pages. SQLite takes that partial index only when
the query states its condition word for word, so the plan is checked on the statement the
queue service really runs — on a new desk and on one upgraded from the release before."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event

from desktop.core.calendar import OFFICE_TZ
from desktop.services.accounts import login
from desktop.services.demo import ManualClock
from desktop.services.queue import QueueFilter, find_dossiers, queue_ids
from desktop.services.settings import open_desk
from desktop.store.db import Store, downgrade_schema, head_revision, inspect_revision, open_store
from desktop.store.db import connect as connect_desk_db

AFTER_THE_DEMO = datetime(2026, 11, 27, 15, 0, tzinfo=OFFICE_TZ)
INDEX = "ix_dossiers_open_queue"


def statements_of(store: Store, work: Callable[[], Any]) -> tuple[Any, list[tuple[str, Any]]]:
    """What ``work`` returns, and the SQL statements (with parameters) it ran."""
    seen: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        seen.append((statement, params))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        return work(), seen
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


def plan(path: Path, statement: str, params: Any) -> str:
    con = connect_desk_db(path)
    try:
        rows = con.execute(f"EXPLAIN QUERY PLAN {statement}", params).fetchall()
    finally:
        con.close()
    return " | ".join(row[-1] for row in rows)


def open_ids_by_hand(path: Path, office: str) -> list[str]:
    """The open dossiers in due order, through the generated column (a different plan)."""
    con = connect_desk_db(path)
    try:
        return [r[0] for r in con.execute(
            "SELECT id FROM dossiers NOT INDEXED WHERE office_code = ? AND is_open = 1 "
            "ORDER BY due_at, submitted_at, id", (office,))]  # fmt: skip
    finally:
        con.close()


def check_open_queue(store: Store) -> int:
    desk = open_desk(store, ManualClock(AFTER_THE_DEMO))
    officer = login(desk, "canbo1", "canbo1-demo")
    ids, ran = statements_of(store, lambda: queue_ids(desk, officer, QueueFilter()))
    listing = [(s, p) for s, p in ran if s.lstrip().upper().startswith("SELECT")]
    assert len(listing) == 1, ran
    how = plan(store.path, *listing[0])
    assert f"COVERING INDEX {INDEX}" in how and "TEMP B-TREE" not in how, how
    assert ids == open_ids_by_hand(store.path, officer.office_code)
    return len(ids)


def test_the_open_queue_is_read_from_its_index_alone(demo_store: Store) -> None:
    opened = check_open_queue(demo_store)
    con = connect_desk_db(demo_store.path)
    closed = con.execute("SELECT count(*) FROM dossiers WHERE is_open = 0").fetchone()[0]
    con.close()
    assert opened > 10 and closed > 10  # both kinds are there to be told apart


def test_a_desk_of_the_release_before_gets_the_index(demo_store: Store, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    demo_store.close()
    shutil.copy(demo_store.path, old)
    store = open_store(old)
    downgrade_schema(store.engine, "0011")
    store.engine.dispose()
    con = connect_desk_db(old)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    con.close()
    assert inspect_revision(old) == "0011"
    assert "ix_dossiers_office_open_due" in names and INDEX not in names

    upgraded = open_store(old)
    try:
        assert inspect_revision(old) == head_revision()
        assert check_open_queue(upgraded) > 10
    finally:
        upgraded.close()


def test_a_name_as_it_begins_is_read_from_the_name_index_alone(demo_store: Store) -> None:
    desk = open_desk(demo_store, ManualClock(AFTER_THE_DEMO))
    officer = login(desk, "canbo1", "canbo1-demo")
    found, ran = statements_of(demo_store, lambda: find_dossiers(desk, officer, "nguyen"))
    assert found  # the demo has its Nguyễn
    by_name = [(s, p) for s, p in ran if "ix_dossiers_office_name" in s]
    assert len(by_name) == 1, ran
    how = plan(demo_store.path, *by_name[0])
    assert "COVERING INDEX ix_dossiers_office_name" in how and "TEMP B-TREE" not in how, how
