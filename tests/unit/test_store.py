"""The database file: pragmas, migrations, refusing what it must not touch, append-only."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.core.lifecycle import DossierState
from desktop.services import dossiers as acts
from desktop.services.context import Actor, Desk
from desktop.services.queue import find_dossiers
from desktop.store.db import (
    BULK_CACHE_KIB,
    CACHE_KIB,
    NewerDatabaseError,
    Store,
    StoreError,
    dbapi,
    head_revision,
    inspect_revision,
    make_engine,
    open_store,
    upgrade_schema,
)
from desktop.store.db import connect as connect_desk_db
from tests.conftest import incoming


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_wal_with_foreign_keys(tmp_path: Path) -> None:
    store = open_store(tmp_path / "new.db", create=True)
    with store.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    store.close()
    assert inspect_revision(tmp_path / "new.db") == head_revision()


def test_missing_file_is_not_created_unless_asked(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="Không tìm thấy"):
        open_store(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("ghi chú, không phải cơ sở dữ liệu")
    before = digest(path)
    with pytest.raises(StoreError, match="không phải cơ sở dữ liệu SQLite"):
        open_store(path)
    assert digest(path) == before


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_store(path, create=True).close()
    con = connect_desk_db(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(NewerDatabaseError) as err:
        open_store(path)
    assert "9999_from_the_future" in str(err.value) and "mới hơn" in str(err.value)
    assert digest(path) == before
    assert not Path(f"{path}-wal").exists()


def test_an_older_database_is_upgraded_on_open_and_keeps_its_data(
    tmp_path: Path, desk: Desk, officer: Actor
) -> None:
    """A desk at revision 0001 (before the search index) is upgraded and its data found."""
    old = tmp_path / "old.db"
    engine = make_engine(old)
    upgrade_schema(engine, "0001")
    engine.dispose()
    # Copy today's rows into the old schema: every table 0001 has.
    src = connect_desk_db(desk.store.path)
    item = incoming(name="Hoàng Thị Bích Ngọc")
    acts.import_dossier(desk, item)
    dst = connect_desk_db(old)
    for (table,) in src.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'dossier_search%' "
        "AND name NOT IN ('alembic_version', 'sqlite_sequence')"
    ):
        # table_info leaves out generated columns, which cannot be inserted; later
        # revisions add tables and columns the old schema does not have.
        old_columns = [r[1] for r in dst.execute(f"PRAGMA table_info({table})")]
        if not old_columns:
            continue
        new_columns = {r[1] for r in src.execute(f"PRAGMA table_info({table})")}
        columns = ", ".join(c for c in old_columns if c in new_columns)
        rows = src.execute(f"SELECT {columns} FROM {table}").fetchall()
        if rows:
            marks = ",".join("?" * len(rows[0]))
            dst.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
    dst.commit()
    dst.close()
    src.close()
    assert inspect_revision(old) == "0001"

    upgraded = open_store(old)
    assert inspect_revision(old) == head_revision()
    from desktop.services.settings import open_desk

    old_desk = open_desk(upgraded, desk.clock)
    assert find_dossiers(old_desk, officer, "hoang thi bich ngoc") == [item.id]
    outcome = acts.accept_dossier(old_desk, officer, item.id)
    assert outcome.state is DossierState.ACCEPTED
    upgraded.close()


@pytest.mark.parametrize("table", ["acts", "audit_log"])
@pytest.mark.parametrize("statement", ["UPDATE {t} SET desk_id = 'x'", "DELETE FROM {t}"])
def test_history_is_append_only(desk: Desk, officer: Actor, table: str, statement: str) -> None:
    acts.import_dossier(desk, incoming())
    con = connect_desk_db(desk.store.path)
    with pytest.raises(dbapi.IntegrityError, match="append-only"):
        con.execute(statement.format(t=table))
    con.close()


def test_outbox_events_are_never_deleted_nor_rewritten(desk: Desk) -> None:
    acts.import_dossier(desk, incoming())
    con = connect_desk_db(desk.store.path)
    with pytest.raises(dbapi.IntegrityError):
        con.execute("DELETE FROM outbox")
    with pytest.raises(dbapi.IntegrityError):
        con.execute("UPDATE outbox SET body = '{}'")
    con.execute("UPDATE outbox SET status = 'acked'")  # acknowledgement is allowed
    con.commit()
    con.close()


def test_the_open_flag_in_the_schema_matches_the_lifecycle(store: Store) -> None:
    from desktop.store.models import _IS_OPEN_SQL

    with store.read() as session:
        sql = session.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'dossiers'")
        ).scalar_one()
    assert _IS_OPEN_SQL in sql


def test_revisions_named_by_their_files_agree_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    from desktop.store.db import _alembic_config, head_revision, known_revisions

    script = ScriptDirectory.from_config(_alembic_config())
    assert {r.revision for r in script.walk_revisions()} == known_revisions()
    assert script.get_current_head() == head_revision()


def test_bulk_writes_run_on_one_bigger_cache_that_goes_with_them(store: Store) -> None:
    """A bulk load's transactions share one connection with a 64 MiB page cache; each
    commits or rolls back on its own; afterwards that connection is gone and every other
    transaction has the usual 16 MiB."""

    def cache(session: object) -> int:
        return int(session.execute(text("PRAGMA cache_size")).scalar())  # type: ignore[attr-defined]

    def setting(key: str) -> object:
        with store.read() as session:
            return session.execute(
                text("SELECT value FROM settings WHERE key = :k"), {"k": key}
            ).scalar()

    with store.bulk_writes() as write:
        with write() as session:
            assert cache(session) == -BULK_CACHE_KIB
            session.execute(text("INSERT INTO settings (key, value) VALUES ('bulk-1', '1')"))
            first = session.connection().connection.dbapi_connection
        with pytest.raises(RuntimeError), write() as session:
            assert session.connection().connection.dbapi_connection is first
            session.execute(text("INSERT INTO settings (key, value) VALUES ('bulk-2', '2')"))
            raise RuntimeError("the page was cut")
        assert setting("bulk-1") == 1 and setting("bulk-2") is None
    with store.write() as session:
        assert cache(session) == -CACHE_KIB
        assert session.connection().connection.dbapi_connection is not first
