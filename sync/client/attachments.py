"""Tệp đính kèm — scans downloaded in resumable chunks, verified, stored by content; and
level-4 result documents uploaded the same way (``upload``).

A file is stored under its SHA-256 only after the whole of it hashes to that value; until
then it is a ``.part`` file that the next attempt continues (HTTP Range). A file whose
bytes do not hash right is thrown away and fetched again, never shown as valid. The name is
the portal's word: it must be a SHA-256 before it becomes a path (``ScanStore.within``).

A full disk stops the download with ``OSError`` (ENOSPC), which the window and the command
line report as a full disk; the ``.part`` file keeps only the chunks written in full.

Beside an encrypted database a ``.part`` file is encrypted as it arrives (AES-256-CTR
under a key derived from the database key, from a random counter block kept at its head),
so no piece of a citizen's scan lies on the disk in clear, even when the link drops
mid-file or the desk is killed. CTR lets a cut download continue at any byte; no tag is
needed while it is partial, since the whole file is checked against its SHA-256 before it
is kept (then sealed with AES-GCM like every scan).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from desktop.files import write_atomically
from desktop.services.scans import ScanCorrupt, ScanStore, seal
from desktop.store.keys import download_key
from sync.client.transport import PortalRefused, PortalUnreachable, Transport
from sync.protocol import UploadStatusWire

CHUNK = 64 * 1024  # small enough to finish between two drops of a commune's link
UPLOAD_CHUNK = 1024 * 1024  # far below the portal's 8 MiB body limit, few round trips
ATTEMPTS = 3
PART_HEADER = b"MCPART1\0"  # an encrypted .part: this, a 16-byte counter block, the bytes
PART_HEAD = len(PART_HEADER) + 16


class AttachmentCorrupt(ScanCorrupt):
    pass


class AttachmentStore(ScanStore):
    """The desk's scan store, filled from the portal."""

    def fetch(self, transport: Transport, url_path: str, sha256: str) -> int:
        """Download (or finish downloading) one file; returns the bytes transferred.

        A name that is no SHA-256 raises ``ScanNameRefused`` before anything is written or
        asked for; bytes that never hash right raise ``AttachmentCorrupt`` (both are
        ``ScanCorrupt``: the sync reports them and goes on)."""
        part = Part(self.within(self.root / ".part" / sha256, sha256), self.key)
        final = self.path_for(sha256)
        part.path.parent.mkdir(parents=True, exist_ok=True)
        moved = 0
        for _ in range(ATTEMPTS):
            have = part.size()
            # A desk killed between the last chunk and the rename leaves a whole file:
            # asking the portal for the bytes after its end would be refused (416).
            total: int | None = have if have and part.sha256() == sha256 else None
            while total is None or have < total:
                try:
                    chunk, total = transport.get_range(url_path, have, have + CHUNK - 1)
                except PortalRefused as refused:
                    if refused.status != 416:  # 416: the .part is longer than the file
                        raise
                    break
                if not chunk:
                    break
                part.append(chunk, have)  # each chunk is kept as soon as it arrives
                have += len(chunk)
                moved += len(chunk)
            if part.size() and part.sha256() == sha256:
                final.parent.mkdir(parents=True, exist_ok=True)
                if self.key is None:
                    part.path.replace(final)
                else:  # sealed like every scan beside an encrypted database
                    write_atomically(final, seal(self.key, sha256, part.read()))
                    part.path.unlink()
                return moved
            part.path.unlink(missing_ok=True)  # corrupt or oversized: start again from byte 0
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


class Part:
    """A download in progress: its bytes as received, or beside an encrypted database
    (``key``) those bytes encrypted, behind a header holding their first counter block."""

    def __init__(self, path: Path, key: bytes | None) -> None:
        self.path = path
        self.key = download_key(key) if key is not None else None

    def size(self) -> int:
        """How many bytes of the file it holds; 0 for none. Beside an encrypted database
        a file without our header (cut in it, or kept in clear from before) is removed
        here and counts as none: the download starts again."""
        try:
            raw = self.path.stat().st_size
        except FileNotFoundError:
            return 0
        if self.key is None:
            return raw
        with self.path.open("rb") as f:
            ours = f.read(len(PART_HEADER)) == PART_HEADER
        if not ours or raw < PART_HEAD:  # cut in its header, or kept in clear before
            self.path.unlink()
            return 0
        return raw - PART_HEAD

    def append(self, chunk: bytes, have: int) -> None:
        if self.key is None:
            _write_at(self.path, chunk, have)
        elif have == 0:  # a new download: a new random counter block
            block = os.urandom(16)
            _write_at(self.path, PART_HEADER + block + self._ctr(block, 0, chunk), 0)
        else:
            with self.path.open("rb") as f:
                block = f.read(PART_HEAD)[len(PART_HEADER) :]
            _write_at(self.path, self._ctr(block, have, chunk), PART_HEAD + have)

    def read(self) -> bytes:
        raw = self.path.read_bytes()
        if self.key is None:
            return raw
        return self._ctr(raw[len(PART_HEADER) : PART_HEAD], 0, raw[PART_HEAD:])

    def sha256(self) -> str:
        return (
            _sha256_of(self.path) if self.key is None else hashlib.sha256(self.read()).hexdigest()
        )

    def _ctr(self, block: bytes, offset: int, data: bytes) -> bytes:
        """``data`` at byte ``offset`` of the file, through AES-CTR (either way)."""
        assert self.key is not None
        counter = (int.from_bytes(block, "big") + offset // 16) % (1 << 128)
        cipher = Cipher(algorithms.AES(self.key), modes.CTR(counter.to_bytes(16, "big")))
        stream = cipher.encryptor()
        stream.update(bytes(offset % 16))  # into the block where ``offset`` falls
        return stream.update(data) + stream.finalize()


def _write_at(path: Path, data: bytes, at: int) -> None:
    """Write ``data`` at byte ``at`` of ``path``, flushed to the disk. When the disk is
    full, what was written of it is cut off again: the file holds whole chunks only, and
    the next attempt asks for the rest."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    try:
        os.lseek(fd, at, os.SEEK_SET)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        except OSError:
            os.ftruncate(fd, at)
            raise
    finally:
        os.close(fd)


def _sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
