"""Hostile request bodies for the portal, and what they cost it (shared by the security
tests and ``tests/bench/bench_portal_hostile.py``)."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import requests

from sync.protocol import PROTOCOL_HEADER
from tests.sync.conftest import OFFICE, PortalProcess

MiB = 1 << 20
ENROL = "/v1/enrol"  # anyone may call it
EVENTS = f"/v1/offices/{OFFICE}/events"  # a desk's token is needed


def gzip_bomb(inflated: int) -> bytes:
    """gzip of ``inflated`` zero bytes, compressed a MiB at a time (2 GiB → about 2 MB)."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(MiB)
    parts = [packer.compress(zeros) for _ in range(inflated // MiB)]
    parts.append(packer.compress(bytes(inflated % MiB)))
    parts.append(packer.flush())
    return b"".join(parts)


def chunked(total: int, chunk: int = 64 * 1024) -> Iterator[bytes]:
    """``total`` bytes as a generator: ``requests`` sends it chunked, with no Content-Length."""
    piece = b"[" + b" " * (chunk - 1)
    sent = 0
    while sent < total:
        yield piece[: total - sent]
        sent += len(piece)


def peak_rss(pid: int) -> int:
    """The process's peak resident memory so far, in bytes (VmHWM, Linux)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def desk_headers(portal: PortalProcess) -> dict[str, str]:
    """What a freshly enrolled desk sends with each request."""
    reply = requests.post(
        portal.url + ENROL,
        json={"code": portal.enrolment_code(), "desk_uuid": "0" * 32, "desk_name": "Bàn thử"},
        timeout=10,
    )
    reply.raise_for_status()
    return {"Authorization": f"Bearer {reply.json()['token']}", PROTOCOL_HEADER: "1"}


def post(
    portal: PortalProcess, path: str, body: object, headers: dict[str, str]
) -> requests.Response:
    return requests.post(
        portal.url + path,
        data=body,
        headers={"Content-Type": "application/json", **headers},
        timeout=300,
    )
