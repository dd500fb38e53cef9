"""A portal over real TLS: the province's authority given at enrolment (kept by the desk),
and a certificate that is not trusted said as such — never as "cannot connect"."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.security.portals import Authority, ServedPortal, portal_copy
from tests.sync.conftest import free_port


def motcua(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args], capture_output=True, text=True, timeout=300
    )


def said_untrusted(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    line = result.stderr.strip()
    assert "\n" not in line and "Traceback" not in line, line
    assert "chứng chỉ của cổng" in line.lower() and "không được tin cậy" in line, line
    assert "Không kết nối được" not in line


@pytest.fixture(scope="module")
def province() -> Authority:
    return Authority.make("CA Tỉnh Lai Châu (thử)")


@pytest.fixture
def tls_portal(
    tmp_path: Path, portal_template: Path, province: Authority
) -> Iterator[ServedPortal]:
    cert, key = province.server(tmp_path / "tls", "127.0.0.1", "localhost")
    ca_file = province.write(tmp_path / "tls" / "province-ca.pem")
    served = ServedPortal(
        f"https://127.0.0.1:{free_port()}",
        portal_copy(portal_template, tmp_path),
        options=("--ssl-certfile", str(cert), "--ssl-keyfile", str(key)),
        verify=str(ca_file),
    )
    served.start()
    yield served
    served.stop()


def test_the_province_authority_is_kept_with_the_enrolment(
    tls_portal: ServedPortal, province: Authority, tmp_path: Path
) -> None:
    db = str(tmp_path / "desk.db")
    ca_file = province.write(tmp_path / "province-ca.pem")
    enrolled = motcua("enrol", "--db", db, "--portal", tls_portal.url,
                      "--code", tls_portal.enrolment_code(), "--ca-file", str(ca_file))  # fmt: skip
    assert enrolled.returncode == 0, enrolled.stderr
    ca_file.unlink()  # the file moved or deleted: the desk kept its own copy
    synced = motcua("sync", "--db", db, "--once", "--quiet")
    assert synced.returncode == 0, synced.stderr
    assert synced.stdout.startswith("Đã gửi")


def test_an_untrusted_certificate_is_said_as_such(
    tls_portal: ServedPortal, tmp_path: Path, qapp: object
) -> None:
    from desktop.ui import errors
    from sync.client.transport import PortalCertificateError, Transport

    # No --ca-file: the public authorities do not know the province's.
    code = tls_portal.enrolment_code()
    said_untrusted(motcua("enrol", "--db", str(tmp_path / "desk.db"), "--portal",
                          tls_portal.url, "--code", code))  # fmt: skip
    # Another authority's PEM given: refused at once, not retried as a network fault.
    slept: list[float] = []
    other = Authority.make("CA khác")
    transport = Transport(tls_portal.url, ca_pem=other.pem(), sleep=slept.append)
    with pytest.raises(PortalCertificateError) as refused:
        transport.get("/health")
    transport.session.close()
    assert slept == [] and "không được tin cậy" in str(refused.value)
    # The desk window's dialog names the certificate, not the network.
    described = errors.describe(refused.value)
    assert described is not None and described[0] == "Lỗi chứng chỉ bảo mật"


@pytest.mark.parametrize("impostor", ["another authority", "the right authority, another name"])
def test_a_portal_whose_certificate_changes_is_refused_at_the_next_sync(
    tls_portal: ServedPortal, province: Authority, tmp_path: Path, impostor: str
) -> None:
    db = str(tmp_path / "desk.db")
    enrolled = motcua("enrol", "--db", db, "--portal", tls_portal.url, "--code",
                      tls_portal.enrolment_code(), "--ca-file", str(tls_portal.verify))  # fmt: skip
    assert enrolled.returncode == 0, enrolled.stderr
    # Someone in the middle answers at the portal's address with a certificate of its own.
    if impostor == "another authority":
        rogue = Authority.make("CA Tỉnh Lai Châu (thử)")  # the same name, another key
        cert, key = rogue.server(tmp_path / "rogue", "127.0.0.1", "localhost")
        trusted: str | bool = str(rogue.write(tmp_path / "rogue" / "ca.pem"))
    else:
        cert, key = province.server(tmp_path / "rogue", "cong.example.vn")
        trusted = False  # no name of its certificate is the address: checked by no one
    tls_portal.restart_with("--ssl-certfile", str(cert), "--ssl-keyfile", str(key),
                            verify=trusted)  # fmt: skip
    said_untrusted(motcua("sync", "--db", db, "--once", "--quiet"))


def test_a_ca_file_that_is_not_a_certificate_is_refused_at_enrolment(tmp_path: Path) -> None:
    not_pem = tmp_path / "province-ca.pem"
    not_pem.write_text("-----BEGIN CERTIFICATE-----\nđây không phải chứng chỉ\n", encoding="utf-8")
    for given in (not_pem, tmp_path / "missing.pem"):
        result = motcua("enrol", "--db", str(tmp_path / "desk.db"), "--portal",
                        "https://127.0.0.1:9", "--code", "X", "--ca-file", str(given))  # fmt: skip
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert str(given) in result.stderr and "chứng chỉ" in result.stderr
        assert "\n" not in result.stderr.strip()
    assert not (tmp_path / "desk.db").exists()
