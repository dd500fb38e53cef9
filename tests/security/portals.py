"""Real portals for the transport tests: over TLS with certificates made here, or listening
on the machine's network address rather than loopback."""

from __future__ import annotations

import datetime as dt
import ipaddress
import shutil
import socket
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from urllib3.exceptions import InsecureRequestWarning

from tests.sync.conftest import PortalProcess


@dataclass
class Authority:
    """A certificate authority (e.g. the province's), able to sign server certificates."""

    name: str
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @classmethod
    def make(cls, name: str) -> Authority:
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        now = dt.datetime.now(dt.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    key_cert_sign=True,
                    crl_sign=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .sign(key, hashes.SHA256())
        )
        return cls(name, key, cert)

    def pem(self) -> str:
        return self.cert.public_bytes(serialization.Encoding.PEM).decode("ascii")

    def write(self, path: Path) -> Path:
        path.write_text(self.pem(), encoding="ascii")
        return path

    def server(self, folder: Path, *names: str) -> tuple[Path, Path]:
        """A server certificate for ``names`` (DNS names or IP addresses): (cert, key) files."""
        key = ec.generate_private_key(ec.SECP256R1())
        alt: list[x509.GeneralName] = []
        for name in names:
            try:
                alt.append(x509.IPAddress(ipaddress.ip_address(name)))
            except ValueError:
                alt.append(x509.DNSName(name))
        now = dt.datetime.now(dt.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(self.key, hashes.SHA256())
        )
        folder.mkdir(parents=True, exist_ok=True)
        cert_file, key_file = folder / "cong.crt", folder / "cong.key"
        cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                               serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))  # fmt: skip
        return cert_file, key_file


def lan_address() -> str:
    """How another machine would name this one: its address on the network (no packet is
    sent to find it), or else its host name — never a loopback address."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))
            address = str(s.getsockname()[0])
        if not ipaddress.ip_address(address).is_loopback:
            return address
    except OSError:
        pass
    return socket.gethostname()  # a name: the desk never resolves it to judge it


@dataclass
class ServedPortal(PortalProcess):
    """``motcua portal serve`` with extra options (TLS files, another host)."""

    options: tuple[str, ...] = ()
    verify: str | bool = True  # what the health check trusts: a CA file, or nothing at all

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
                with warnings.catch_warnings():  # verify=False: the impostor's own check
                    warnings.simplefilter("ignore", InsecureRequestWarning)
                    if requests.get(self.url + "/health", timeout=1, verify=self.verify).ok:
                        return
            except requests.ConnectionError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        raise RuntimeError(f"portal did not start: {self.stop()}")

    def restart_with(self, *options: str, verify: str | bool = True) -> None:
        self.stop()
        self.options, self.verify = options, verify
        self.start()


def portal_copy(template: Path, folder: Path) -> str:
    shutil.copy(template, folder / "portal.db")
    return f"sqlite:///{folder / 'portal.db'}"
