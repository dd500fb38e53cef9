"""Hostile request bodies for the portal, and what they cost it (shared by the security
tests and ``tests/bench/bench_portal_hostile.py``)."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

MiB = 1 << 20


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
