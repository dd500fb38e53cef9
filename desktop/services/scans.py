"""Bản quét của hồ sơ — the citizen's scans kept on this desk, stored by SHA-256.

The sync downloads them here (``sync.client.attachments``); the dossier view and the
signature check read them. A file is served only if its bytes still hash to its name, so a
scan altered on disk is never shown as the citizen's.

A scan's name comes from the portal. Only 64 lowercase hex digits are ever made into a path,
and the path must still lie in this folder once links are resolved: a hostile portal or a
man in the middle sending ``../../desk.db`` as a "SHA-256" neither writes nor deletes a file
anywhere else.

Beside an encrypted database the scans are encrypted too (AES-GCM under a key derived from
the database key, the scan's SHA-256 bound in as associated data, so a file cannot be passed
off under another scan's name). A scan is still addressed by the SHA-256 of its plaintext.
A plaintext scan (kept before the database was encrypted) is still read; ``motcua db
encrypt`` encrypts those in place.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Self

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.core.lifecycle import DomainError
from desktop.files import inside, is_sha256, write_atomically
from desktop.services.context import Desk
from desktop.store.db import key_of
from desktop.store.keys import scan_key

SEALED = b"MCSCAN1\0"  # an encrypted scan: this, a 12-byte nonce, then the ciphertext


class ScanCorrupt(DomainError):
    pass


class ScanNameRefused(ScanCorrupt):
    """A scan's name (its SHA-256, from the portal) that is no SHA-256."""

    def __init__(self, name: object) -> None:
        shown = ascii(name)[:80]  # whatever the portal sent: control characters, any length
        super().__init__(f"Mã băm tệp đính kèm không hợp lệ ({shown}): tệp không được lưu "
                         "hay đọc trên máy này.")  # fmt: skip


def seal(key: bytes, sha256: str, data: bytes) -> bytes:
    nonce = os.urandom(12)
    return SEALED + nonce + AESGCM(scan_key(key)).encrypt(nonce, data, sha256.encode())


def unseal(key: bytes | None, sha256: str, stored: bytes) -> bytes:
    """The plaintext of a scan as stored (sealed, or plaintext from before encryption)."""
    if not stored.startswith(SEALED):
        return stored
    if key is None:
        raise ScanCorrupt(f"Tệp {sha256[:12]}… được mã hoá nhưng cơ sở dữ liệu thì không.")
    body = stored[len(SEALED) :]
    try:
        return AESGCM(scan_key(key)).decrypt(body[:12], body[12:], sha256.encode())
    except InvalidTag:
        raise ScanCorrupt(f"Tệp {sha256[:12]}… trên máy đã bị thay đổi.") from None


class ScanStore:
    def __init__(self, root: Path, key: bytes | None = None) -> None:
        self.root = root
        self.key = key  # the database key: scans are sealed under it (None: plaintext)

    @classmethod
    def beside(cls, database: Path, key: bytes | None = None) -> Self:
        """The scans of ``database``, encrypted like it (its key unless ``key`` is given)."""
        folder = database.parent / f"{database.stem}.tep-dinh-kem"
        return cls(folder, key if key is not None else key_of(database))

    @classmethod
    def of(cls, desk: Desk) -> Self:
        return cls.beside(desk.store.path, desk.store.key)

    def path_for(self, sha256: str) -> Path:
        """Where the scan ``sha256`` is kept; refused unless it is a SHA-256 and the path
        stays in the store (a link planted in the folder is not followed out of it)."""
        return self.within(self.root / sha256[:2] / sha256, sha256)

    def within(self, path: Path, sha256: str) -> Path:
        if not is_sha256(sha256) or not inside(self.root, path):
            raise ScanNameRefused(sha256)
        return path

    def has(self, sha256: str) -> bool:
        try:
            return is_sha256(sha256) and self.path_for(sha256).is_file()
        except ScanNameRefused:  # a link out of the store: not a scan this desk has
            return False

    def read(self, sha256: str) -> bytes:
        """The verified bytes (re-checked: a file changed on disk is not served)."""
        data = unseal(self.key, sha256, self.path_for(sha256).read_bytes())
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ScanCorrupt(f"Tệp {sha256[:12]}… trên máy đã bị thay đổi.")
        return data

    def get(self, sha256: str) -> bytes | None:
        """The bytes, or None when this desk has no (intact) copy."""
        if not self.has(sha256):
            return None
        try:
            return self.read(sha256)
        except ScanCorrupt:
            return None

    def put(self, data: bytes) -> str:
        """Keep ``data`` (a scan made or received at the desk); returns its SHA-256."""
        sha256 = hashlib.sha256(data).hexdigest()
        final = self.path_for(sha256)
        if not final.is_file():
            final.parent.mkdir(parents=True, exist_ok=True)
            sealed = seal(self.key, sha256, data) if self.key is not None else data
            write_atomically(final, sealed)  # a full disk leaves no half scan under its name
        return sha256

    def encrypt_all(self) -> int:
        """Seal every plaintext scan in place (each whole or not at all); how many."""
        if self.key is None or not self.root.is_dir():
            return 0
        sealed = 0
        for path in sorted(self.root.glob("*/*")):
            if not is_sha256(path.name) or path.is_symlink() or not path.is_file():
                continue
            stored = self.within(path, path.name).read_bytes()
            if stored.startswith(SEALED) or hashlib.sha256(stored).hexdigest() != path.name:
                continue  # sealed already, or damaged: left for the checks to report
            write_atomically(path, seal(self.key, path.name, stored))
            sealed += 1
        return sealed
