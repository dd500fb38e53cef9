"""Bản quét của hồ sơ — the citizen's scans kept on this desk, stored by SHA-256.

The sync downloads them here (``sync.client.attachments``); the dossier view and the
signature check read them. A file is served only if its bytes still hash to its name, so a
scan altered on disk is never shown as the citizen's.

A scan's name comes from the portal. Only 64 lowercase hex digits are ever made into a path,
and the path must still lie in this folder once links are resolved: a hostile portal or a
man in the middle sending ``../../desk.db`` as a "SHA-256" neither writes nor deletes a file
anywhere else.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Self

from desktop.core.lifecycle import DomainError
from desktop.files import inside, is_sha256, write_atomically
from desktop.services.context import Desk


class ScanCorrupt(DomainError):
    pass


class ScanNameRefused(ScanCorrupt):
    """A scan's name (its SHA-256, from the portal) that is no SHA-256."""

    def __init__(self, name: object) -> None:
        shown = ascii(name)[:80]  # whatever the portal sent: control characters, any length
        super().__init__(f"Mã băm tệp đính kèm không hợp lệ ({shown}): tệp không được lưu "
                         "hay đọc trên máy này.")  # fmt: skip


class ScanStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def beside(cls, database: Path) -> Self:
        return cls(database.parent / f"{database.stem}.tep-dinh-kem")

    @classmethod
    def of(cls, desk: Desk) -> Self:
        return cls.beside(desk.store.path)

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
        data = self.path_for(sha256).read_bytes()
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
            write_atomically(final, data)  # a full disk leaves no half scan under its name
        return sha256
