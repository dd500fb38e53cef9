"""Accounts edited in the desk's file — a role raised, a lock lifted, a password hash
swapped, an account slipped in — are caught by ``motcua audit verify``: every change made
through the program writes the account's resulting state into the hash-chained log."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import update

from desktop.services.accounts import set_locked, set_password
from desktop.services.context import Actor, Desk
from desktop.store.db import connect as connect_db
from sync.client.engine import SyncEngine
from sync.portal.models import PortalOfficer
from tests.sync.conftest import PortalProcess, enrolled_desk


def motcua(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args], capture_output=True, text=True, timeout=600
    )


def verify(db: Path) -> subprocess.CompletedProcess[str]:
    result = motcua("audit", "verify", "--db", str(db))
    assert "Traceback" not in result.stderr, result.stderr
    return result


def sql(db: Path, statement: str) -> None:
    """Another program (sqlite3, DB Browser) writing to the file: no trigger guards accounts."""
    con = connect_db(db)
    with con:
        con.execute(statement)
    con.close()


@pytest.fixture
def local_desk(desk: Desk, admin: Actor) -> Desk:
    """A desk's own accounts, changed through the program: locked, password reset."""
    set_locked(desk, admin, "lanhdao", True)
    set_password(desk, admin, "canbo", "mat-khau-moi-cua-canbo")
    desk.store.close()
    assert verify(desk.store.path).returncode == 0
    return desk


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        ("UPDATE officers SET role = 'administrator' WHERE username = 'canbo'",
         "“canbo” bị sửa ngoài chương trình: vai trò officer → administrator"),
        ("UPDATE officers SET disabled = 0 WHERE username = 'lanhdao'",
         "“lanhdao” bị sửa ngoài chương trình: khoá có → không"),
        ("UPDATE officers SET password_hash = (SELECT password_hash FROM officers "
         "WHERE username = 'quantri') WHERE username = 'canbo'",
         "“canbo” bị sửa ngoài chương trình: mật khẩu"),
        ("UPDATE officers SET office_code = 'XA-SINHO' WHERE username = 'canbo'",
         "cơ quan XA-TAMDUONG → XA-SINHO"),
        ("INSERT INTO officers (username, full_name, role, office_code, password_hash, "
         "failed_logins, disabled, created_at) SELECT 'ke-gian', 'Kẻ Gian', 'administrator', "
         "office_code, password_hash, 0, 0, created_at FROM officers WHERE username = 'quantri'",
         "“ke-gian” không có trong nhật ký kiểm tra"),
        ("DELETE FROM officers WHERE username = 'lanhdao'",
         "“lanhdao” đã bị xoá khỏi bảng cán bộ"),
    ],
    ids=["role", "lock", "password", "office", "inserted", "deleted"],
)  # fmt: skip
def test_an_account_edited_in_the_file_is_caught(local_desk: Desk, edit: str, said: str) -> None:
    db = local_desk.store.path
    sql(db, edit)
    result = verify(db)
    assert result.returncode == 1, result.stdout
    assert said in result.stderr, result.stderr


def test_accounts_from_the_portal_are_audited_as_they_arrive_and_change(
    portal: PortalProcess, tmp_path: Path
) -> None:
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    SyncEngine(desk).sync_once()
    db = desk.store.path
    clean = verify(db)
    assert clean.returncode == 0, clean.stderr
    # The province locks an account and raises another: the next sync brings it, audited.
    pdb = portal.database()
    with pdb.transaction() as s:
        s.execute(update(PortalOfficer).where(PortalOfficer.username == "canbo2")
                  .values(disabled=True))  # fmt: skip
        s.execute(update(PortalOfficer).where(PortalOfficer.username == "canbo1")
                  .values(role="supervisor"))  # fmt: skip
    pdb.dispose()
    SyncEngine(desk).sync_once()
    desk.store.close()
    assert verify(db).returncode == 0
    # The same change made in the desk's file instead is caught.
    sql(db, "UPDATE officers SET role = 'administrator' WHERE username = 'canbo2'")
    caught = verify(db)
    assert caught.returncode == 1 and "“canbo2”" in caught.stderr, caught.stderr


def test_the_demo_desk_verifies_clean(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    built = motcua("demo", "--db", str(db), "--count", "25")
    assert built.returncode == 0, built.stderr
    result = verify(db)
    assert result.returncode == 0, result.stderr
    assert "chưa neo với cổng" in result.stdout
