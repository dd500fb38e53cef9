"""The portal's database: SQLite by default, PostgreSQL for a province."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from sync.portal.models import Base
from sync.portal.service import ensure_meta, link_scans_of_older_dossiers


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

    def create_schema(self) -> None:
        Base.metadata.create_all(self.engine)
        with self.transaction() as session:
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
