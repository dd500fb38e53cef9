"""The portal's database: SQLite by default, PostgreSQL for a province. Its schema is
Alembic's (``migrations``), upgraded each time the portal starts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from sync.portal.models import Base
from sync.portal.service import PortalError, ensure_meta, link_scans_of_older_dossiers

MIGRATIONS = Path(__file__).with_name("migrations")
# Any number: while one portal process upgrades a PostgreSQL database, another starting at
# the same moment waits on this lock, then finds the schema already at head.
UPGRADE_LOCK = 0x6D6F7463


class PortalDatabase:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(
            self.engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        )
        self._readers = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A writing transaction (on SQLite it takes the write lock at once)."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._readers.begin() as session:
            yield session

    def upgrade_schema(self) -> None:
        """Bring the schema to this release's head (creating it in an empty database,
        adopting one the release before migrations made), then the rows the portal needs."""
        upgrade_schema(self.engine)
        with self.transaction() as session:
            # Processes starting together would each find no epoch and each insert one (a
            # duplicate key for all but the first): they take their turn here as well.
            if session.get_bind().dialect.name == "postgresql":
                session.execute(text(f"SELECT pg_advisory_xact_lock({UPGRADE_LOCK})"))
            ensure_meta(session)
            link_scans_of_older_dossiers(session)

    def dispose(self) -> None:
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url)

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None
            for pragma in (
                "foreign_keys=ON",
                "busy_timeout=10000",
                "journal_mode=WAL",
                "synchronous=NORMAL",
            ):
                dbapi_connection.execute(f"PRAGMA {pragma}")

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            # Writers take the lock up front: one at a time, never a lock-upgrade deadlock.
            conn.exec_driver_sql(f"BEGIN {conn.get_execution_options().get('sqlite_begin', '')}")

        return engine
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


def known_revisions() -> set[str]:
    """The revisions this release knows, from the migration files' names ("0002_….py" is
    revision "0002", each revising the one before — a test checks Alembic agrees)."""
    return {p.name[:4] for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")}


def current_revision(conn: Connection) -> str | None:
    from alembic.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def schema_differences(conn: Connection) -> list[Any]:
    """What Alembic's autogenerate finds between the database and the models ([] if none)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    return list(compare_metadata(MigrationContext.configure(conn), Base.metadata))


def upgrade_schema(engine: Engine, revision: str = "head") -> None:
    """Upgrade in one transaction (DDL is transactional on PostgreSQL and SQLite): a failed
    step leaves the database as it was. A database without ``alembic_version`` but with the
    portal's tables was made by ``create_all`` before migrations: revision 0001 adds only
    the tables it lacks, and the result must then match the models, or nothing is kept."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.execution_options(sqlite_begin="IMMEDIATE").begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({UPGRADE_LOCK})")
        found = current_revision(conn)
        if found is not None and found not in known_revisions():
            raise PortalError(
                503,
                f"Cơ sở dữ liệu cổng do phiên bản mới hơn tạo ra (lược đồ {found}); phiên bản "
                f"này chỉ biết đến lược đồ {max(known_revisions())}. Hãy cập nhật chương "
                "trình cổng; cơ sở dữ liệu không bị thay đổi.",
            )
        adopting = found is None and inspect(conn).has_table("portal_meta")
        cfg.attributes["connection"] = conn
        try:
            command.upgrade(cfg, revision)
        except DBAPIError as exc:  # e.g. a later revision's table already there
            if not adopting:
                raise
            raise _unlike_previous_release(str(exc.orig).strip()) from None
        if adopting and revision == "head" and (differences := schema_differences(conn)):
            raise _unlike_previous_release(f"{len(differences)} chỗ khác, ví dụ {differences[0]!r}")


def _unlike_previous_release(detail: str) -> PortalError:
    return PortalError(
        503,
        f"Cơ sở dữ liệu cổng chưa có phiên bản lược đồ và không khớp lược đồ của phiên bản "
        f"trước ({detail[:300]}); không nâng cấp, cơ sở dữ liệu không bị thay đổi.",
    )
