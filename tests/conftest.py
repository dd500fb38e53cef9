"""Shared fixtures: real SQLite files in a temp folder, a desk bound to an office."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The desk's log (desktop/logs.py) goes to a temporary folder, never the user's own; the
# commands the tests start inherit it.
os.environ.setdefault("MOTCUA_LOG_DIR", tempfile.mkdtemp(prefix="motcua-test-log-"))
# Never the user's own keystore: an encrypted test database is wrapped under a passphrase
# (the demo's, for `motcua demo`), the way a machine with no keystore (CI) does it.
# A real desk made without a keystore needs the administrator's passphrase: the tests'.
os.environ["MOTCUA_DESK_NO_KEYSTORE"] = "1"
os.environ.setdefault("MOTCUA_DESK_PASSPHRASE", "mat-khau-kiem-thu-ban")

from desktop.core.accounts import Role
from desktop.core.calendar import OFFICE_TZ
from desktop.services import dossiers as acts
from desktop.services.accounts import actor_of, add_officer
from desktop.services.catalogue import read_catalogue_file, save_procedures
from desktop.services.context import Actor, Desk
from desktop.services.demo import ManualClock, build_demo, demo_catalogue_path
from desktop.services.settings import open_desk, set_office
from desktop.store.db import Store, open_store
from desktop.store.models import Office, Officer

OFFICE = "XA-TAMDUONG"
OTHER_OFFICE = "XA-SINHO"
# A working Monday morning in the office's zone.
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=OFFICE_TZ)
PASSWORDS = {
    "quantri": "quantri-mat-khau",
    "canbo": "canbo-mat-khau",
    "lanhdao": "lanhdao-mat-khau",
}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture(scope="session")
def desk_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An office, the catalogue and three accounts, built once (scrypt is slow on purpose)."""
    path = tmp_path_factory.mktemp("desk") / "desk.db"
    s = open_store(path, create=True)
    with s.write() as session:
        set_office(
            session,
            Office(
                code=OFFICE,
                name="UBND xã Tam Đường",
                address="Lai Châu",
                level="commune",
                tax_code="6200000001",
            ),
        )
        session.add(
            Office(
                code=OTHER_OFFICE,
                name="UBND xã Sìn Hồ",
                address="Lai Châu",
                level="commune",
                tax_code="",
            )
        )
        save_procedures(session, read_catalogue_file(demo_catalogue_path()))
    desk = open_desk(s, ManualClock(T0 - timedelta(days=30)))
    admin = add_officer(
        desk, None, "quantri", "Lò Văn Quản", Role.ADMINISTRATOR, PASSWORDS["quantri"]
    )
    add_officer(desk, admin, "canbo", "Trần Minh Đức", Role.OFFICER, PASSWORDS["canbo"])
    add_officer(desk, admin, "lanhdao", "Nguyễn Thị Nhung", Role.SUPERVISOR, PASSWORDS["lanhdao"])
    s.close()
    return path


@pytest.fixture
def store(desk_template: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "desk.db"
    shutil.copy(desk_template, path)
    s = open_store(path)
    yield s
    s.close()


@pytest.fixture
def desk(store: Store, clock: ManualClock) -> Desk:
    return open_desk(store, clock)


def account(desk: Desk, username: str) -> Actor:
    with desk.store.read() as session:
        officer = session.scalars(select(Officer).where(Officer.username == username)).one()
        return actor_of(officer)


@pytest.fixture
def admin(desk: Desk) -> Actor:
    return account(desk, "quantri")


@pytest.fixture
def officer(desk: Desk) -> Actor:
    return account(desk, "canbo")


@pytest.fixture
def supervisor(desk: Desk) -> Actor:
    return account(desk, "lanhdao")


def incoming(
    code: str = "",
    procedure: str = "MAU-HT-004",
    name: str = "Nguyễn Văn Ánh",
    office: str = OFFICE,
    **extra: object,
) -> acts.IncomingDossier:
    return acts.IncomingDossier(
        id=str(uuid.uuid4()),
        code=code or f"{office}-260302-{uuid.uuid4().hex[:10].upper()}",
        office_code=office,
        procedure_code=procedure,
        applicant_name=name,
        submitted_at=T0,
        id_number=str(extra.pop("id_number", "012090123456")),
        phone=str(extra.pop("phone", "0912345678")),
        papers=(acts.IncomingPaper("Tờ khai", 2), acts.IncomingPaper("Giấy khai sinh", 0)),
        **extra,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo database built once; tests get their own copy."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    s = open_store(path, create=True)
    build_demo(s, dossier_count=80, now=datetime(2026, 11, 27, 10, 0, tzinfo=OFFICE_TZ))
    s.close()
    return path


@pytest.fixture
def demo_store(demo_template: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    s = open_store(path)
    yield s
    s.close()
