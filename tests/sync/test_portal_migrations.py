"""The portal's schema under Alembic: the migrations build what the models describe, on
SQLite and PostgreSQL, and a database the previous release made (``create_all``, no
``alembic_version``) is adopted at start and serves desks as before."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.orm import Session

from desktop.store.models import Dossier
from sync.client.engine import SyncEngine
from sync.portal import citizens
from sync.portal.db import (
    PortalDatabase,
    current_revision,
    known_revisions,
    make_engine,
    schema_differences,
    upgrade_schema,
)
from sync.portal.demo import fill_demo, submit_demo
from sync.portal.models import Base, PortalDossier
from sync.portal.service import PortalError, ensure_meta, submit_dossier
from tests.sync.conftest import (
    OFFICE,
    OTHER,
    PortalProcess,
    empty_postgres,
    enrolled_desk,
    free_port,
)
from tests.sync.test_sync import desk_view

# Tables the models gained after the last release that made its schema with create_all.
ADDED_SINCE_CREATE_ALL = {
    "dossier_code_counters",
    "audit_heads_seen",
    "audit_restores",
    "receipt_block_closures",
    "given_back",
}
# Indexes the models gained since (revision 0006: the province's report reads acts by kind
# and moment): that release's tables did not have them.
INDEXES_ADDED_SINCE_CREATE_ALL = {"ix_acts_act_at", "ix_acts_at"}
AT = datetime(2020, 6, 1, 3, 0, tzinfo=UTC)  # 10:00 in the office: one date, UTC or local


def previous_release_code(session: Session, office_code: str, submitted_at: datetime) -> str:
    """How the release before migrations numbered: every dossier counted, dated in UTC."""
    count = session.scalar(select(func.count()).select_from(PortalDossier)) or 0
    return f"{office_code}-{submitted_at.astimezone(UTC):%y%m%d}-{count + 1:06d}"


def citizen_submits(db: PortalDatabase, office: str, at: datetime) -> str:
    with db.transaction() as session:
        return submit_dossier(
            session, office_code=office, procedure_code="MAU-HT-004",
            applicant_name="Lò Văn Thử", submitted_at=at, level=3,
        ).code  # fmt: skip


def schema_of(engine: Engine) -> dict[str, Any]:
    """Everything inspection sees of the portal's tables, in a comparable form."""
    seen = inspect(engine)
    schema = {}
    for table in sorted(set(seen.get_table_names()) - {"alembic_version"}):
        schema[table] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
                for c in seen.get_columns(table)
            ],
            "primary key": seen.get_pk_constraint(table)["constrained_columns"],
            "foreign keys": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]))
                for f in seen.get_foreign_keys(table)
            ),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in seen.get_indexes(table)
            ),
            "unique": sorted(tuple(u["column_names"]) for u in seen.get_unique_constraints(table)),
        }
    return schema


def create_as_the_previous_release(engine: Engine, tables: list[Any]) -> None:
    """``create_all`` of those tables as the release before migrations described them."""
    Base.metadata.create_all(engine, tables=tables)
    with engine.begin() as conn:
        for index in sorted(INDEXES_ADDED_SINCE_CREATE_ALL):
            conn.exec_driver_sql(f"DROP INDEX IF EXISTS {index}")


def previous_release(db: PortalDatabase, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the release before migrations did at start (``create_all`` of its tables, the
    database's identity), its demo rows, and its way of numbering until ``monkeypatch`` is
    undone."""
    tables = [t for t in Base.metadata.sorted_tables if t.name not in ADDED_SINCE_CREATE_ALL]
    create_as_the_previous_release(db.engine, tables)
    with db.transaction() as session:
        ensure_meta(session)
    fill_demo(db)
    monkeypatch.setattr(citizens, "dossier_code", previous_release_code)


@pytest.fixture(params=["sqlite", "postgresql"])
def two_urls(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty databases of one kind (on PostgreSQL the same one, emptied in between)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    else:
        url = request.getfixturevalue("pg_url")
        empty_postgres(url)
        yield url, url
        empty_postgres(url)


def test_revisions_named_by_their_files_agree_with_alembic() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from sync.portal.db import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    assert {r.revision for r in script.walk_revisions()} == known_revisions()
    assert script.get_current_head() == max(known_revisions())
    for revision in script.walk_revisions():  # a straight line: each revises the one before
        expected = None if revision.revision == "0001" else f"{int(revision.revision) - 1:04d}"
        assert revision.down_revision == expected


def test_upgrade_to_head_builds_what_create_all_builds(two_urls: tuple[str, str]) -> None:
    created, upgraded = two_urls
    engine = make_engine(created)
    Base.metadata.create_all(engine)
    by_create_all = schema_of(engine)
    if created == upgraded:  # PostgreSQL: one database, emptied for the second build
        engine.dispose()
        empty_postgres(created)
    db = PortalDatabase(upgraded)
    db.upgrade_schema()
    assert schema_of(db.engine) == by_create_all
    assert set(by_create_all) == set(Base.metadata.tables)
    with db.engine.connect() as conn:
        assert schema_differences(conn) == []  # Alembic's own comparison agrees
        assert current_revision(conn) == max(known_revisions())
    db.upgrade_schema()  # starting again changes nothing
    assert schema_of(db.engine) == by_create_all
    db.dispose()
    engine.dispose()


def test_a_database_at_0005_gets_the_report_indexes_on_its_acts(
    two_urls: tuple[str, str],
) -> None:
    """Revision 0006 indexes the acts of a portal already holding some (by kind and moment,
    and by moment): what the province's report reads."""
    url, _ = two_urls
    db = PortalDatabase(url)
    upgrade_schema(db.engine, "0005")
    with db.transaction() as session:
        ensure_meta(session)
    fill_demo(db)
    submit_demo(db, 6, OFFICE, seed=5, scans=False)
    with db.engine.connect() as conn:
        assert current_revision(conn) == "0005"
        acts = conn.execute(text("SELECT count(*) FROM acts")).scalar_one()
    assert not INDEXES_ADDED_SINCE_CREATE_ALL & {
        i["name"] for i in inspect(db.engine).get_indexes("acts")}  # fmt: skip
    db.upgrade_schema()
    indexes = {i["name"]: tuple(i["column_names"]) for i in inspect(db.engine).get_indexes("acts")}
    assert indexes["ix_acts_act_at"] == ("act", "at") and indexes["ix_acts_at"] == ("at",)
    with db.engine.connect() as conn:
        assert current_revision(conn) == "0006" == max(known_revisions())
        assert schema_differences(conn) == []
        assert conn.execute(text("SELECT count(*) FROM acts")).scalar_one() == acts > 0
    db.dispose()


def test_a_previous_release_database_is_adopted(
    two_urls: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, _ = two_urls
    db = PortalDatabase(url)
    previous_release(db, monkeypatch)
    submit_demo(db, 12, OFFICE, seed=3, scans=False)
    given = [citizen_submits(db, office, AT) for office in (OFFICE, OFFICE, OTHER, OFFICE)]
    assert given[-1].endswith("-200601-000016")  # numbered across offices
    with db.reading() as session:
        before = session.scalars(select(PortalDossier.code).order_by(PortalDossier.id)).all()
    monkeypatch.undo()
    db.upgrade_schema()
    with db.engine.connect() as conn:
        assert current_revision(conn) == max(known_revisions())
        assert schema_differences(conn) == []
    with db.reading() as session:
        after = session.scalars(select(PortalDossier.code).order_by(PortalDossier.id)).all()
    assert after == before
    # The counters start above every code already given that office and day.
    assert citizen_submits(db, OFFICE, AT) == f"{OFFICE}-200601-000017"
    assert citizen_submits(db, OTHER, AT) == f"{OTHER}-200601-000016"
    assert citizen_submits(db, OFFICE, AT + timedelta(days=1)) == f"{OFFICE}-200602-000001"
    submit_demo(db, 5, OFFICE, seed=4, scans=False)
    with db.reading() as session:
        codes = session.scalars(select(PortalDossier.code)).all()
    assert len(codes) == len(set(codes)) == 24
    db.dispose()


def test_an_older_release_missing_tables_gets_them(tmp_path: Path) -> None:
    """A release before the province calendar lacked its tables: adoption adds them."""
    db = PortalDatabase(f"sqlite:///{tmp_path / 'old.db'}")
    old = [
        t
        for t in Base.metadata.sorted_tables
        if not t.name.startswith("calendar_") and t.name not in ADDED_SINCE_CREATE_ALL
    ]
    create_as_the_previous_release(db.engine, old)
    with db.transaction() as session:
        ensure_meta(session)
    db.upgrade_schema()
    assert {"calendar_days", "calendar_years"} <= set(inspect(db.engine).get_table_names())
    with db.engine.connect() as conn:
        assert schema_differences(conn) == []
    db.dispose()


@pytest.mark.parametrize("oddity", ["a column missing", "a later table already there"])
def test_an_unversioned_database_unlike_the_previous_release_is_left_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, oddity: str
) -> None:
    db = PortalDatabase(f"sqlite:///{tmp_path / 'odd.db'}")
    previous_release(db, monkeypatch)
    with db.engine.begin() as conn:
        if oddity == "a column missing":
            conn.execute(text("ALTER TABLE offices DROP COLUMN tax_code"))
        else:
            conn.execute(text("CREATE TABLE dossier_code_counters (n INTEGER)"))
    before = schema_of(db.engine)
    with pytest.raises(PortalError, match="không khớp lược đồ"):
        db.upgrade_schema()
    assert schema_of(db.engine) == before
    assert "alembic_version" not in inspect(db.engine).get_table_names()
    db.dispose()


def test_a_database_of_a_newer_release_is_refused_untouched(tmp_path: Path) -> None:
    db = PortalDatabase(f"sqlite:///{tmp_path / 'new.db'}")
    db.upgrade_schema()
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(PortalError, match="phiên bản mới hơn"):
        db.upgrade_schema()
    with db.engine.connect() as conn:
        assert current_revision(conn) == "9999"
    db.dispose()


def test_a_previous_release_database_upgrades_at_start_and_serves_a_desk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'portal.db'}"
    db = PortalDatabase(url)
    previous_release(db, monkeypatch)
    submit_demo(db, 20, OFFICE, seed=7)
    with db.engine.connect() as conn:
        assert current_revision(conn) is None
    db.dispose()
    monkeypatch.undo()
    portal = PortalProcess(f"http://127.0.0.1:{free_port()}", url)
    portal.start()  # ``motcua portal serve`` upgrades before it listens
    try:
        desk = enrolled_desk(portal, tmp_path / "desk.db")
        assert SyncEngine(desk).sync_once().snapshot == 20
        db = portal.database()
        code = citizen_submits(db, OFFICE, datetime.now(UTC))
        db.dispose()
        report = SyncEngine(desk).sync_once()  # the new dossier reaches the desk
        assert report.pulled == 1
        assert len(desk_view(desk)) == 21
        with desk.store.read() as session:
            assert session.scalar(select(Dossier.id).where(Dossier.code == code)) is not None
        assert not SyncEngine(desk).sync_once().moved_anything()
    finally:
        portal.stop()
    db = PortalDatabase(url)
    with db.engine.connect() as conn:
        assert current_revision(conn) == max(known_revisions())
    db.dispose()
