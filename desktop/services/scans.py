"""Bản quét của hồ sơ — the citizen's scans kept on this desk, stored by SHA-256.

The sync downloads them here (``sync.client.attachments``); the dossier view and the
signature check read them. A file is served only if its bytes still hash to its name, so a
scan altered on disk is never shown as the citizen's.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Self

from desktop.core.lifecycle import DomainError
from desktop.services.context import Desk


class ScanCorrupt(DomainError):
    pass


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
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return bool(sha256) and self.path_for(sha256).is_file()

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
            part = final.with_suffix(".part")
            part.write_bytes(data)
            part.replace(final)
        return sha256
