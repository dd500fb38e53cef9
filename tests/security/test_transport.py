"""Plain http:// carries the desk's token and citizens' personal data in clear: refused to
any other machine unless the enrolment said ``--insecure-http``; loopback stays allowed."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store.db import connect as connect_db
from tests.security.portals import ServedPortal, lan_address, portal_copy
from tests.sync.conftest import free_port


def motcua(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args], capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def lan_portal(tmp_path: Path, portal_template: Path) -> Iterator[ServedPortal]:
    """A real portal listening on every address, reached by the machine's network address."""
    port = free_port()
    served = ServedPortal(f"http://{lan_address()}:{port}", portal_copy(portal_template, tmp_path),
                          options=("--host", "0.0.0.0"))  # fmt: skip
    served.start()
    yield served
    served.stop()


def test_enrolment_over_plain_http_to_another_machine_needs_insecure_http(
    lan_portal: ServedPortal, tmp_path: Path
) -> None:
    db, code = str(tmp_path / "desk.db"), lan_portal.enrolment_code()
    refused = motcua("enrol", "--db", db, "--portal", lan_portal.url, "--code", code)
    assert refused.returncode == 2, refused.stdout + refused.stderr
    line = refused.stderr.strip()
    assert "\n" not in line and "http://" in line and "--insecure-http" in line
    assert "không mã hoá" in line and "Traceback" not in refused.stderr
    # Nothing was sent: the one-time code was not spent.
    allowed = motcua("enrol", "--db", db, "--portal", lan_portal.url, "--code", code,
                     "--insecure-http")  # fmt: skip
    assert allowed.returncode == 0, allowed.stderr
    # Kept with the enrolment: the next syncs go the same way without being told again.
    synced = motcua("sync", "--db", db, "--once", "--quiet")
    assert synced.returncode == 0, synced.stderr


def test_every_sync_refuses_plain_http_to_another_machine(
    lan_portal: ServedPortal, tmp_path: Path
) -> None:
    db = tmp_path / "desk.db"
    loopback = f"http://127.0.0.1:{lan_portal.url.rsplit(':', 1)[1]}"
    code = lan_portal.enrolment_code()
    enrolled = motcua("enrol", "--db", str(db), "--portal", loopback, "--code", code)
    assert enrolled.returncode == 0, enrolled.stderr  # loopback http stays allowed
    # The enrolment's address is changed to another machine's (by hand, or an older version
    # enrolled that way): the sync refuses it rather than send the token in clear.
    con = connect_db(db)
    with con:
        con.execute("UPDATE settings SET value = json_set(value, '$.url', ?) WHERE key = 'portal'",
                    (lan_portal.url,))  # fmt: skip
    con.close()
    refused = motcua("sync", "--db", str(db), "--once", "--quiet")
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "--insecure-http" in refused.stderr and "Traceback" not in refused.stderr


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8080", "http://localhost:8080/", "http://[::1]:8080", "http://127.0.0.2",
     "https://cong.laichau.gov.vn", "https://192.0.2.10:8443"],
)  # fmt: skip
def test_loopback_http_and_any_https_are_allowed(url: str) -> None:
    from sync.client.transport import Transport

    assert Transport(url).base_url == url.rstrip("/")


@pytest.mark.parametrize(
    "url",
    ["http://192.0.2.10:8080", "http://cong.laichau.gov.vn", "http://localhost.evil.example", "http://x.localhost",
     "http://127.0.0.1.nip.io", "ftp://127.0.0.1", "127.0.0.1:8080", "http://"],
)  # fmt: skip
def test_plain_http_elsewhere_and_non_web_addresses_are_refused(url: str) -> None:
    from sync.client.transport import InsecurePortalUrl, Transport

    with pytest.raises(InsecurePortalUrl):
        Transport(url)
    if url.startswith("http://") and len(url) > len("http://"):
        assert Transport(url, insecure_http=True).base_url == url  # said explicitly
