"""Tệp đính kèm — scans downloaded in resumable chunks, verified, stored by content.

A file is stored under its SHA-256 only after the whole of it hashes to that value; until
then it is a ``.part`` file that the next attempt continues (HTTP Range). A file whose
bytes do not hash right is thrown away and fetched again, never shown as valid.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from desktop.services.scans import ScanCorrupt, ScanStore
from sync.client.transport import PortalRefused, Transport

CHUNK = 64 * 1024  # small enough to finish between two drops of a commune's link
ATTEMPTS = 3


class AttachmentCorrupt(ScanCorrupt):
    pass


class AttachmentStore(ScanStore):
    """The desk's scan store, filled from the portal."""

    def fetch(self, transport: Transport, url_path: str, sha256: str) -> int:
        """Download (or finish downloading) one file; returns the bytes transferred."""
        part = self.root / ".part" / sha256
        part.parent.mkdir(parents=True, exist_ok=True)
        moved = 0
        for _ in range(ATTEMPTS):
            have = part.stat().st_size if part.exists() else 0
            # A desk killed between the last chunk and the rename leaves a whole file:
            # asking the portal for the bytes after its end would be refused (416).
            total: int | None = have if have and _sha256_of(part) == sha256 else None
            while total is None or have < total:
                try:
                    chunk, total = transport.get_range(url_path, have, have + CHUNK - 1)
                except PortalRefused as refused:
                    if refused.status != 416:  # 416: the .part is longer than the file
                        raise
                    break
                if not chunk:
                    break
                with part.open("ab") as f:  # each chunk is kept as soon as it arrives
                    f.write(chunk)
                    f.flush()
                    os.fsync(f.fileno())
                have += len(chunk)
                moved += len(chunk)
            if _sha256_of(part) == sha256:
                final = self.path_for(sha256)
                final.parent.mkdir(parents=True, exist_ok=True)
                part.replace(final)
                return moved
            part.unlink()  # corrupt or oversized: start again from the first byte
        raise AttachmentCorrupt(
            f"Tệp {sha256[:12]}… tải về {ATTEMPTS} lần vẫn sai mã băm: không dùng được."
        )


def _sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
