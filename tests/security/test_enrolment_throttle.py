"""Enrolment codes: a code lasts 24 hours, and an address that keeps guessing is stopped
(5 wrong codes in 10 minutes), even when its next code is right."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from hashlib import sha256

import requests
from sqlalchemy import func, select

from desktop.core.calendar import OFFICE_TZ
from desktop.core.moments import utc_text
from sync.portal.models import EnrolmentCode, PortalDesk
from sync.portal.service import utc_now
from tests.sync.conftest import OFFICE, PortalProcess

WRONG = "0000-0000-0000-0000"


def enrol(portal: PortalProcess, code: str, address: str | None = None) -> requests.Response:
    # uvicorn takes X-Forwarded-For from a proxy on 127.0.0.1 (its default): the header
    # stands for a desk behind such a proxy at another address.
    headers = {"X-Forwarded-For": address} if address else {}
    body = {"code": code, "desk_uuid": "0" * 32, "desk_name": "Bàn thử"}
    return requests.post(f"{portal.url}/v1/enrol", json=body, headers=headers, timeout=10)


def code_made(portal: PortalProcess, hours_ago: float) -> str:
    """A code issued ``hours_ago`` (its creation time moved back in the portal's file)."""
    code = portal.enrolment_code()
    with sqlite3.connect(portal_file(portal)) as con:
        con.execute(
            "UPDATE enrolment_codes SET created_at = ? WHERE code_hash = ?",
            (utc_text(utc_now() - timedelta(hours=hours_ago)), sha256(code.encode()).hexdigest()),
        )
    con.close()
    return code


def portal_file(portal: PortalProcess) -> str:
    return portal.db_url.removeprefix("sqlite:///")


def desks(portal: PortalProcess) -> int:
    db = portal.database()
    with db.reading() as s:
        count = s.scalar(select(func.count()).select_from(PortalDesk)) or 0
    db.dispose()
    return count


def test_a_code_expires_after_24_hours(portal: PortalProcess) -> None:
    stale, fresh = code_made(portal, 24.01), code_made(portal, 23.9)
    refused = enrol(portal, stale)
    assert refused.status_code == 401
    assert "hết hạn" in refused.json()["detail"]
    assert desks(portal) == 0
    assert enrol(portal, fresh).status_code == 200
    assert desks(portal) == 1


def test_an_address_that_keeps_guessing_is_stopped_even_with_the_right_code(
    portal: PortalProcess,
) -> None:
    right = portal.enrolment_code()
    for _ in range(5):
        assert enrol(portal, WRONG).status_code == 401
    throttled = enrol(portal, right)
    assert throttled.status_code == 429
    assert 0 < int(throttled.headers["Retry-After"]) <= 600
    assert "thử lại sau" in throttled.json()["detail"]
    assert desks(portal) == 0
    # Another address is not held back by this one's guesses.
    assert enrol(portal, portal.enrolment_code(), address="203.0.113.7").status_code == 200
    # Ten minutes later (the failures aged in the portal's own file) the right code works.
    with sqlite3.connect(portal_file(portal)) as con:
        con.execute(
            "UPDATE enrolment_failures SET at = ?",
            (utc_text(utc_now() - timedelta(minutes=10, seconds=1)),),
        )
    con.close()
    assert enrol(portal, right).status_code == 200
    assert desks(portal) == 2


def test_enrol_desk_says_when_the_code_expires(portal: PortalProcess) -> None:
    before = utc_now()
    out = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "portal", "enrol-desk", "--db", portal.db_url,
         "--office", OFFICE],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    code = out.strip().splitlines()[-1]
    until = re.search(r"(\d\d:\d\d \d\d/\d\d/\d{4})", out)
    assert until, out
    expires = datetime.strptime(until[1], "%H:%M %d/%m/%Y").replace(tzinfo=OFFICE_TZ)
    lifetime = expires - before
    assert timedelta(hours=23, minutes=59) <= lifetime <= timedelta(hours=24, minutes=1), out
    db = portal.database()
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(EnrolmentCode)) == 1
    db.dispose()
    assert enrol(portal, code).status_code == 200
