"""Scans: resumable chunked downloads, verified by SHA-256, stored by content."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from desktop.services.context import Desk
from desktop.services.scans import SEALED
from desktop.services.settings import open_desk
from desktop.store.db import open_store
from sync.client.attachments import CHUNK, PART_HEAD, PART_HEADER, Part
from sync.client.engine import SyncEngine, enrol_desk
from sync.client.transport import PortalUnreachable, Transport
from sync.portal.models import PortalAttachment
from sync.portal.service import store_attachment, submit_dossier
from tests.sync.conftest import OFFICE, PortalProcess, enrolled_desk
from tests.sync.test_sync import submit


def test_scans_arrive_verified_and_are_real_files(portal: PortalProcess, tmp_path: Path) -> None:
    submit(portal, 6)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    engine = SyncEngine(desk)
    report = engine.sync_once()
    assert report.attachments >= 6 and report.corrupt == 0
    files = [p for p in engine.attachments.root.rglob("*") if p.is_file()]
    assert len(files) == report.attachments
    for path in files:
        data = engine.attachments.read(path.name)  # re-verified on every read
        assert hashlib.sha256(data).hexdigest() == path.name
        assert data.startswith((b"%PDF-1.4", b"\x89PNG"))
    assert engine.sync_once().attachments == 0  # nothing fetched twice


def big_scan(portal: PortalProcess) -> str:
    """A dossier whose one paper is a 300 KB scan (five chunks)."""
    db = portal.database()
    with db.transaction() as s:
        sha = store_attachment(s, OFFICE, os.urandom(300_000), "application/pdf")
        submit_dossier(
            s,
            office_code=OFFICE,
            procedure_code="MAU-HT-001",
            applicant_name="Lò Thị Bản Quét",
            submitted_at=datetime.now(UTC),
            level=4,
            papers=[
                {
                    "name": "Tờ khai",
                    "kind": 2,
                    "count": 1,
                    "file_name": "to-khai.pdf",
                    "sha256": sha,
                }
            ],
        )
    db.dispose()
    return sha


class CutAfter(Transport):
    """The link drops after a number of range requests."""

    ranges_left = 2

    def get_range(self, path: str, start: int, end: int) -> tuple[bytes, int]:
        if self.ranges_left == 0:
            raise PortalUnreachable("link dropped")
        self.ranges_left -= 1
        return super().get_range(path, start, end)


def test_a_cut_transfer_resumes_where_it_stopped(portal: PortalProcess, tmp_path: Path) -> None:
    sha = big_scan(portal)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    cut = SyncEngine(desk, transport=CutAfter(portal.url, attempts=1))
    with pytest.raises(PortalUnreachable):
        cut.sync_once()
    part = cut.attachments.root / ".part" / sha
    assert part.stat().st_size == 2 * 64 * 1024 and not cut.attachments.has(sha)
    report = SyncEngine(desk).sync_once()
    assert report.attachments == 1
    assert report.attachment_bytes == 300_000 - 2 * 64 * 1024  # only what was missing
    assert cut.attachments.has(sha) and not part.exists()


def test_a_whole_part_left_by_a_killed_desk_is_kept(portal: PortalProcess, tmp_path: Path) -> None:
    """Killed after the last chunk was written but before the rename: no byte is asked for
    again (asking for bytes past the end is refused with 416)."""
    sha = big_scan(portal)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    engine = SyncEngine(desk)
    whole = portal.database()
    with whole.transaction() as s:
        data = s.get(PortalAttachment, sha)
        assert data is not None
        scan = bytes(data.data)
    whole.dispose()
    part = engine.attachments.root / ".part" / sha
    part.parent.mkdir(parents=True)
    part.write_bytes(scan)
    report = engine.sync_once()
    assert report.attachments == 1 and report.attachment_bytes == 0
    assert engine.attachments.read(sha) == scan and not part.exists()


def test_a_part_longer_than_the_file_is_fetched_again(
    portal: PortalProcess, tmp_path: Path
) -> None:
    sha = big_scan(portal)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    engine = SyncEngine(desk)
    part = engine.attachments.root / ".part" / sha
    part.parent.mkdir(parents=True)
    part.write_bytes(os.urandom(400_000))
    report = engine.sync_once()
    assert report.attachments == 1 and report.attachment_bytes == 300_000
    assert engine.attachments.has(sha) and not part.exists()


def test_a_corrupt_scan_is_refetched_then_refused(portal: PortalProcess, tmp_path: Path) -> None:
    sha = big_scan(portal)
    db = portal.database()
    with db.transaction() as s:  # the portal's copy rots under its name
        s.execute(
            update(PortalAttachment)
            .where(PortalAttachment.sha256 == sha)
            .values(data=os.urandom(300_000))
        )
    db.dispose()
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    engine = SyncEngine(desk)
    report = engine.sync_once()
    assert report.corrupt == 1 and report.attachments == 0
    assert not engine.attachments.has(sha)
    assert not (engine.attachments.root / ".part" / sha).exists()


def test_only_new_papers_are_looked_at_until_a_reconciliation(
    portal: PortalProcess, tmp_path: Path
) -> None:
    """A sync that moves nothing does not walk every open dossier's scans (that made a
    no-op sync grow with the desk); a reconciliation checks them all again."""
    submit(portal, 3)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    engine = SyncEngine(desk)
    assert engine.sync_once().attachments >= 3
    lost = next(p for p in engine.attachments.root.rglob("*") if p.is_file())
    lost.unlink()  # e.g. removed by hand from the disk
    assert engine.sync_once().attachments == 0
    submit(portal, 1, seed=9)
    assert engine.sync_once().attachments >= 1  # the new dossier's scans, not the lost one
    assert not engine.attachments.has(lost.name)
    engine.reconcile()
    assert engine.sync_once().attachments == 1
    assert engine.attachments.has(lost.name)


def test_an_encrypted_desk_keeps_the_scans_it_downloads_sealed(
    portal: PortalProcess, tmp_path: Path
) -> None:
    submit(portal, 4)
    db = tmp_path / "desk.db"
    store = open_store(db, create=True, encrypt=True)  # under the tests' passphrase
    enrol_desk(store, portal.url, portal.enrolment_code(OFFICE), "Bàn mã hoá")
    engine = SyncEngine(open_desk(store))
    report = engine.sync_once()
    assert report.attachments >= 4 and report.corrupt == 0
    files = [p for p in engine.attachments.root.rglob("*") if p.is_file()]
    assert len(files) == report.attachments
    for path in files:
        stored = path.read_bytes()
        data = engine.attachments.read(path.name)  # opened, then re-verified
        assert hashlib.sha256(data).hexdigest() == path.name
        assert data.startswith((b"%PDF-1.4", b"\x89PNG"))
        assert stored.startswith(SEALED) and data[:32] not in stored
    store.close()


def portal_bytes(portal: PortalProcess, sha: str) -> bytes:
    db = portal.database()
    with db.transaction() as s:
        row = s.get(PortalAttachment, sha)
        assert row is not None
        data = bytes(row.data)
    db.dispose()
    return data


def encrypted_desk(portal: PortalProcess, path: Path) -> Desk:
    store = open_store(path, create=True, encrypt=True, demo=True)
    enrol_desk(store, portal.url, portal.enrolment_code(OFFICE), "Bàn thử")
    return open_desk(store)


def in_clear(scan: bytes, raw: bytes) -> list[int]:
    """Where a 16-byte piece of ``scan`` (one every 1,024 bytes) appears in ``raw``."""
    return [i for i in range(0, len(scan) - 16, 1024) if scan[i : i + 16] in raw]


def test_a_cut_transfer_beside_an_encrypted_database_leaves_nothing_in_clear(
    portal: PortalProcess, tmp_path: Path
) -> None:
    sha = big_scan(portal)
    scan = portal_bytes(portal, sha)
    desk = encrypted_desk(portal, tmp_path / "desk.db")
    cut = SyncEngine(desk, transport=CutAfter(portal.url, attempts=1))
    with pytest.raises(PortalUnreachable):
        cut.sync_once()
    part = cut.attachments.root / ".part" / sha
    raw = part.read_bytes()
    assert len(raw) == PART_HEAD + 2 * CHUNK and raw.startswith(PART_HEADER)
    assert in_clear(scan[: 2 * CHUNK], raw) == []
    report = SyncEngine(desk).sync_once()
    assert report.attachments == 1
    assert report.attachment_bytes == 300_000 - 2 * CHUNK  # it went on where it stopped
    assert cut.attachments.read(sha) == scan and not part.exists()
    stored = cut.attachments.path_for(sha).read_bytes()
    assert stored.startswith(SEALED) and in_clear(scan, stored) == []


def test_a_part_left_in_clear_beside_an_encrypted_database_is_fetched_again(
    portal: PortalProcess, tmp_path: Path
) -> None:
    """A download begun before the database was encrypted: dropped, not continued."""
    sha = big_scan(portal)
    scan = portal_bytes(portal, sha)
    desk = encrypted_desk(portal, tmp_path / "desk.db")
    engine = SyncEngine(desk)
    part = engine.attachments.root / ".part" / sha
    part.parent.mkdir(parents=True)
    part.write_bytes(scan[: 2 * CHUNK])
    report = engine.sync_once()
    assert report.attachments == 1 and report.attachment_bytes == 300_000
    assert engine.attachments.read(sha) == scan and not part.exists()


def test_an_encrypted_part_continues_at_any_byte(tmp_path: Path) -> None:
    data = os.urandom(5_000)
    part = Part(tmp_path / "part", os.urandom(32))
    for start, end in ((0, 7), (7, 23), (23, 1_000), (1_000, 5_000)):  # not on AES blocks
        part.append(data[start:end], start)
        assert part.size() == end
    assert part.read() == data and part.sha256() == hashlib.sha256(data).hexdigest()
    assert in_clear(data, (tmp_path / "part").read_bytes()) == []
    (tmp_path / "part").write_bytes(PART_HEADER + b"cut")  # killed while writing its head
    assert part.size() == 0 and not (tmp_path / "part").exists()
