"""The README's portal walk-through, command by command, with 1,000 dossiers."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop.store.db import connect as connect_db
from tests.sync.conftest import OFFICE, PortalProcess, free_port


def motcua(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def rows(db: Path, sql: str) -> set[tuple[object, ...]]:
    con = connect_db(db)
    try:
        return set(con.execute(sql).fetchall())
    finally:
        con.close()


@pytest.mark.slow
def test_thousand_dossiers_end_to_end_and_a_second_sync_moves_nothing(tmp_path: Path) -> None:
    portal_db, desk_db = tmp_path / "portal.db", tmp_path / "desk.db"
    out = motcua("portal", "init-demo", "--db", str(portal_db))
    assert OFFICE in out
    motcua(
        "portal",
        "submit-demo",
        "--db",
        str(portal_db),
        "--count",
        "1000",
        "--office",
        OFFICE,
        "--seed",
        "7",
    )
    code = motcua("portal", "enrol-desk", "--db", str(portal_db), "--office", OFFICE)
    code = code.strip().splitlines()[-1]
    assert re.fullmatch(r"[0-9A-F]{4}(-[0-9A-F]{4}){3}", code)
    portal = PortalProcess(f"http://127.0.0.1:{free_port()}", str(portal_db))
    portal.start()
    try:
        motcua("enrol", "--db", str(desk_db), "--portal", portal.url, "--code", code)
        first = motcua("sync", "--db", str(desk_db), "--once", "--quiet")
        assert "nhận ảnh chụp 1000" in first
        second = motcua("sync", "--db", str(desk_db), "--once", "--quiet")
        assert second.startswith(
            "Đã gửi 0 (trùng 0), xung đột 0, bị từ chối 0; nhận ảnh chụp 0, thay đổi 0, hoãn 0;"
        )
    finally:
        portal.stop()
    query = "SELECT id, code, version, state FROM dossiers"
    assert rows(desk_db, query) == rows(portal_db, query + f" WHERE office_code = '{OFFICE}'")
    assert len(rows(desk_db, query)) == 1000


def test_sync_and_enrol_mistakes_are_one_clear_line(tmp_path: Path) -> None:
    desk_db = tmp_path / "desk.db"
    motcua("db", "upgrade", "--db", str(desk_db))
    for args, expected in (
        (["sync", "--db", str(desk_db), "--once"], "hãy ghi danh bàn"),
        (
            ["enrol", "--db", str(desk_db), "--portal", "http://127.0.0.1:9", "--code", "X"],
            "Không kết nối được cổng",
        ),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "desktop.cli", *args],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert expected in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow  # tens of seconds: runs in the slow group, beside the rest
def test_watch_keeps_going_while_the_portal_is_away(tmp_path: Path) -> None:
    from tests.sync.conftest import enrolled_desk

    portal_db = tmp_path / "portal.db"
    motcua("portal", "init-demo", "--db", str(portal_db))
    portal = PortalProcess(f"http://127.0.0.1:{free_port()}", f"sqlite:///{portal_db}")
    portal.start()
    try:
        desk = enrolled_desk(portal, tmp_path / "desk.db")
        desk.store.close()
    finally:
        portal.stop()  # the commune's link goes down
    watcher = subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", "sync", "--db", str(desk.store.path), "--watch",
         "--interval", "0.1", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True)  # fmt: skip
    deadline = threading.Timer(60, watcher.kill)  # a hung watcher cannot hang the suite
    deadline.start()
    try:
        assert watcher.stderr is not None
        first = next((line for line in watcher.stderr if "thử lại sau" in line), "")
        time.sleep(1.0)
        still_watching = watcher.poll() is None  # it went on to the next attempt
    finally:
        deadline.cancel()
        watcher.kill()
        _, rest = watcher.communicate()
    assert first and still_watching
    assert "Traceback" not in first + rest
