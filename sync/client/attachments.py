"""Tệp đính kèm — scans downloaded in resumable chunks, verified, stored by content; and
level-4 result documents uploaded the same way (``upload``).

A file is stored under its SHA-256 only after the whole of it hashes to that value; until
then it is a ``.part`` file that the next attempt continues (HTTP Range). A file whose
bytes do not hash right is thrown away and fetched again, never shown as valid. The name is
the portal's word: it must be a SHA-256 before it becomes a path (``ScanStore.within``).

A full disk stops the download with ``OSError`` (ENOSPC), which the window and the command
line report as a full disk; the ``.part`` file keeps only the chunks written in full.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from desktop.files import write_atomically
from desktop.services.scans import ScanCorrupt, ScanStore, seal
from sync.client.transport import PortalRefused, PortalUnreachable, Transport
from sync.protocol import UploadStatusWire

CHUNK = 64 * 1024  # small enough to finish between two drops of a commune's link
UPLOAD_CHUNK = 1024 * 1024  # far below the portal's 8 MiB body limit, few round trips
ATTEMPTS = 3


class AttachmentCorrupt(ScanCorrupt):
    pass


class AttachmentStore(ScanStore):
    """The desk's scan store, filled from the portal."""

    def fetch(self, transport: Transport, url_path: str, sha256: str) -> int:
        """Download (or finish downloading) one file; returns the bytes transferred.

        A name that is no SHA-256 raises ``ScanNameRefused`` before anything is written or
        asked for; bytes that never hash right raise ``AttachmentCorrupt`` (both are
        ``ScanCorrupt``: the sync reports them and goes on)."""
        part = self.within(self.root / ".part" / sha256, sha256)
        final = self.path_for(sha256)
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
                _append(part, chunk, have)  # each chunk is kept as soon as it arrives
                have += len(chunk)
                moved += len(chunk)
            if part.exists() and _sha256_of(part) == sha256:
                final.parent.mkdir(parents=True, exist_ok=True)
                if self.key is None:
                    part.replace(final)
                else:  # sealed like every scan beside an encrypted database
                    write_atomically(final, seal(self.key, sha256, part.read_bytes()))
                    part.unlink()
                return moved
            part.unlink(missing_ok=True)  # corrupt or oversized: start again from the first byte
        raise AttachmentCorrupt(
            f"Tệp {sha256[:12]}… tải về {ATTEMPTS} lần vẫn sai mã băm: không dùng được."
        )


def upload(transport: Transport, url_path: str, data: bytes, sha256: str) -> int:
    """Send a result document to the portal (or finish sending it); returns the bytes sent.

    The mirror of ``fetch``: the portal says how much it holds and the desk continues from
    that byte, a chunk at a time, so a cut upload resumes. The portal keeps the file only
    when all of it hashes to ``sha256``; a file it threw away (it did not hash right, or the
    portal's copy had another length) is sent again from the first byte, ``ATTEMPTS`` times
    at most, then reported as ``AttachmentCorrupt``."""
    sent = lost = 0
    for _ in range(ATTEMPTS):
        status = UploadStatusWire.model_validate(transport.get(url_path))
        while not status.complete:
            have = status.received
            chunk = data[have : have + UPLOAD_CHUNK]
            try:
                reply = transport.put_bytes(f"{url_path}/chunks", chunk, once=True,
                                            offset=have, size=len(data))  # fmt: skip
            except PortalRefused as refused:
                if refused.status != 409:
                    raise
                break  # not where the portal's copy stops, or thrown away: ask again
            except PortalUnreachable:
                # What was lost may be the portal's reply, not the chunk: ask what it holds
                # before sending again (a blind resend sent a stored 1 MiB chunk twice).
                lost += 1
                if lost >= transport.attempts:
                    raise
                transport.sleep(transport.backoff * lost)
                status = UploadStatusWire.model_validate(transport.get(url_path))
                sent += max(0, min(status.received, have + len(chunk)) - have)  # it arrived
                continue
            status = UploadStatusWire.model_validate(reply)
            sent += len(chunk)
        if status.complete:
            return sent
    raise AttachmentCorrupt(
        f"Tệp {sha256[:12]}… gửi lên cổng {ATTEMPTS} lần vẫn không được nhận: kiểm tra tệp."
    )


def _append(part: Path, chunk: bytes, have: int) -> None:
    """Add ``chunk`` after the ``have`` bytes of ``part``, flushed to the disk. When the
    disk is full, what was written of the chunk is cut off again: the file holds whole
    chunks only, and the next attempt asks for the rest."""
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    try:
        os.lseek(fd, have, os.SEEK_SET)
        try:
            view = memoryview(chunk)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        except OSError:
            os.ftruncate(fd, have)
            raise
    finally:
        os.close(fd)


def _sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
