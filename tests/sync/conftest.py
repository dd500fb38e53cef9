"""A real portal process over loopback HTTP, and desks enrolled with it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine

from desktop.services.context import Desk
from desktop.services.demo import ManualClock
from desktop.services.settings import open_desk
from desktop.store.db import open_store
from sync.client.engine import enrol_desk
from sync.portal.db import PortalDatabase
from sync.portal.demo import init_demo
from sync.portal.models import Base
from sync.portal.service import create_enrolment_code
from tests.unit.test_signatures import pki  # noqa: F401  (the test PKI: signed level-4 papers)

OFFICE = "LCU-TTHCC"
OTHER = "XA-TAMDUONG"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PortalProcess:
    url: str
    db_url: str
    process: subprocess.Popen[bytes] | None = None
    options: tuple[str, ...] = ()  # more options of `portal serve`

    def start(self) -> None:
        port = self.url.rsplit(":", 1)[1]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "desktop.cli", "portal", "serve", "--db", self.db_url,
             "--port", port, *self.options],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/health", timeout=1).ok:
                    return
            except requests.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError(f"portal did not start: {self.stop()}")

    def stop(self) -> str:
        if self.process is None:
            return ""
        self.process.terminate()
        try:
            _, err = self.process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        self.process = None
        return err.decode(errors="replace")[-2000:]

    def database(self) -> PortalDatabase:
        return PortalDatabase(self.db_url)

    def enrolment_code(self, office: str = OFFICE) -> str:
        db = self.database()
        with db.transaction() as session:
            code = create_enrolment_code(session, office)
        db.dispose()
        return code


def postgres_url() -> str | None:
    return os.environ.get("MOTCUA_TEST_POSTGRES")


def empty_postgres(url: str) -> None:
    """Drop the portal's tables and its schema version: the next start builds them anew."""
    engine = create_engine(url)
    Base.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    engine.dispose()


@pytest.fixture
def pg_url() -> str:
    url = postgres_url()
    if url:
        return url
    if shutil.which("pg_ctlcluster") or Path("/usr/lib/postgresql").exists():
        pytest.fail(
            "PostgreSQL is installed but MOTCUA_TEST_POSTGRES is not set: "
            "run the tests through scripts/test, which starts it."
        )
    pytest.skip("PostgreSQL is not installed on this machine: the PostgreSQL path is untested.")


@pytest.fixture
def pg_portal(pg_url: str) -> Iterator[PortalProcess]:
    """A portal process on PostgreSQL, its database emptied and given the demo's offices."""
    db = PortalDatabase(pg_url)
    empty_postgres(pg_url)
    init_demo(db)
    db.dispose()
    p = PortalProcess(f"http://127.0.0.1:{free_port()}", pg_url)
    p.start()
    yield p
    p.stop()


@pytest.fixture(scope="session")
def portal_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Demo offices, officers (scrypt hashes: slow on purpose) and catalogue, made once."""
    path = tmp_path_factory.mktemp("portal") / "portal.db"
    db = PortalDatabase(f"sqlite:///{path}")
    init_demo(db)
    db.dispose()
    return path


@pytest.fixture
def portal(tmp_path: Path, portal_template: Path) -> Iterator[PortalProcess]:
    shutil.copy(portal_template, tmp_path / "portal.db")
    p = PortalProcess(f"http://127.0.0.1:{free_port()}", f"sqlite:///{tmp_path / 'portal.db'}")
    p.start()
    yield p
    p.stop()


def enrolled_desk(
    portal: PortalProcess, path: Path, office: str = OFFICE, clock: ManualClock | None = None
) -> Desk:
    store = open_store(path, create=True)
    enrol_desk(store, portal.url, portal.enrolment_code(office), "Bàn thử")
    return open_desk(store, clock) if clock else open_desk(store)
