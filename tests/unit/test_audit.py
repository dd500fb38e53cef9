"""The hash-chained audit log: editing the SQLite file by hand is caught."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.services import dossiers as acts
from desktop.services.audit import verify_audit
from desktop.services.context import Actor, Desk
from tests.conftest import incoming


def motcua(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args], capture_output=True, text=True, timeout=120
    )


def sqlite3_cli(db: Path, sql: str) -> None:
    subprocess.run(["sqlite3", str(db), sql], check=True, capture_output=True, text=True)


@pytest.fixture
def busy_desk(desk: Desk, officer: Actor) -> Desk:
    for _ in range(3):
        outcome = acts.import_dossier(desk, incoming())
        acts.accept_dossier(desk, officer, outcome.dossier_id)
    desk.store.close()  # the file is now edited by another program
    return desk


def test_untouched_chain_verifies(busy_desk: Desk) -> None:
    report = verify_audit(busy_desk.store)
    assert report.ok and report.entries >= 9  # 3 accounts + 3 × (receive, accept)
    result = motcua("audit", "verify", "--db", str(busy_desk.store.path))
    assert result.returncode == 0, result.stderr
    assert f"{report.entries} mục" in result.stdout


def test_editing_one_row_with_sqlite3_is_caught(busy_desk: Desk) -> None:
    db = busy_desk.store.path
    # The database refuses a plain UPDATE of history …
    refused = subprocess.run(
        ["sqlite3", str(db), "UPDATE audit_log SET subject='X' WHERE seq=6"],
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0 and "append-only" in refused.stderr
    # … so a forger drops the guard first; the chain still gives them away.
    sqlite3_cli(
        db,
        "DROP TRIGGER audit_log_no_update; "
        "UPDATE audit_log SET after = json_set(after, '$.state', 'refused') "
        "WHERE seq = 6",
    )
    result = motcua("audit", "verify", "--db", str(db))
    assert result.returncode == 1
    assert "#6" in result.stderr and "sửa" in result.stderr
    assert "Traceback" not in result.stderr


def test_deleting_a_row_is_caught(busy_desk: Desk) -> None:
    db = busy_desk.store.path
    sqlite3_cli(db, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 5")
    result = motcua("audit", "verify", "--db", str(db))
    assert result.returncode == 1 and "#5" in result.stderr and "xoá" in result.stderr


def test_rewriting_a_hash_to_match_breaks_the_next_link(busy_desk: Desk) -> None:
    db = busy_desk.store.path
    sqlite3_cli(
        db,
        "DROP TRIGGER audit_log_no_update; "
        "UPDATE audit_log SET hash = '" + "f" * 64 + "' WHERE seq = 4",
    )
    report = verify_audit(busy_desk.store)
    assert report.first_broken == 4
