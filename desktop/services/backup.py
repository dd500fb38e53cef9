"""Sao lưu và khôi phục — a whole, verified copy of the desk, made while the desk works.

A backup is one zip file:

- ``manifest.json``: the desk, its office, the schema revision, when, how many dossiers,
  acts, audit entries and outbox events it holds, the audit chain's head, and the size and
  SHA-256 of the database bytes and of every scan;
- ``manifest.sha256``: the SHA-256 of ``manifest.json`` (a damaged manifest is refused,
  never half-believed);
- ``desk.db``: the database as one consistent moment (SQLite's online backup, taken in one
  step inside one read transaction: the desk may keep writing, WAL readers are not blocked
  and block no one), in rollback-journal mode so the file stands alone;
- ``tep-dinh-kem/ab/abcd…``: the scans, each under its own SHA-256, so a restore verifies
  every byte. They are in the backup because a desk may hold scans the portal does not
  have yet (a result returned online whose act is still in the outbox).

The file is written to a temporary name beside it and renamed once synced: a backup killed
half-way leaves no file under its name (the temporary file is removed by the next backup).
``seal_backup`` and ``open_backup`` are the only places that write and read a backup's
bytes.

A backup is encrypted like the database: the copy of an encrypted database is encrypted
with the same key (SQLCipher's backup between two files keyed alike), its scans are sealed
as they are on the desk, and the key file (the key wrapped, never the key) is in the backup
as ``desk.db.khoa``. Restoring it needs what opening the desk needs: the keystore of the
account that wrapped it, or the administrator's passphrase.

A restore verifies everything before it touches the desk's database, refuses another
desk's backup unless told, refuses to overwrite a database holding acts the backup does
not have unless told, keeps the database it replaces beside it, and swaps the file in
one rename. Acts made after the backup come back from the portal at the next sync: the
restored cursor is older than them, so the change feed brings them again
(``reconcile_after_restore``).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

import desktop
from desktop.core.accounts import Role
from desktop.core.lifecycle import DomainError
from desktop.files import _sync_folder, is_sha256
from desktop.services.audit import AuditHead, record_audit, restore_to_declare
from desktop.services.context import Actor, Desk
from desktop.services.encryption import export_encrypted
from desktop.services.fees import retire_blocks, retired_blocks
from desktop.services.scans import ScanCorrupt, ScanStore, seal, unseal
from desktop.services.settings import get_setting, open_desk, put_setting
from desktop.store.db import (
    DatabaseCorrupt,
    NewerDatabaseError,
    StoreError,
    check_integrity,
    connect,
    dbapi,
    head_revision,
    inspect_revision,
    key_of,
    known_revisions,
    open_store,
)
from desktop.store.keys import (
    DatabaseKeyError,
    key_file,
    sqlcipher_key,
    unwrap,
    write_key_file,
)
from desktop.store.models import Receipt, ReceiptBlock

FORMAT = "motcua-sao-luu"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.sha256"
DATABASE = "desk.db"
KEY_FILE = "desk.db.khoa"
SCANS = "tep-dinh-kem"
CHUNK = 1 << 20


class BackupError(DomainError):
    """A backup that cannot be made, or a file that cannot be restored: said as it is."""


def _now() -> datetime:
    return datetime.now(UTC)


# --- the backup file's bytes ---------------------------------------------------------------


def _temporary(folder: Path, name: str, tail: str) -> Path:
    """A new private file in ``folder`` named after ``name`` and this process, so the next
    run can tell the leftovers of a killed run (its process is gone) from a live one's."""
    path = folder / f".{name}.{os.getpid()}.{tail}"
    path.unlink(missing_ok=True)  # only ever one of our own, from a reused process id
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    os.close(os.open(path, flags, 0o600))
    return path


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or a platform without signals: keep its file
        return True
    return True


def remove_leftovers(folder: Path, name: str) -> int:
    """Temporary files of runs that were killed (their process is gone); how many."""
    removed = 0
    for leftover in folder.glob(f".{name}.*.*"):
        parts = leftover.name[len(name) + 2 :].split(".")
        ours = len(parts) == 2 and parts[0].isdigit() and parts[1].endswith("tmp")
        if ours and not _alive(int(parts[0])):
            with suppress(OSError):
                leftover.unlink()
                removed += 1
    return removed


def seal_backup(out: Path, write: Callable[[zipfile.ZipFile], None]) -> None:
    """Write the backup file ``out``: whole or not at all (a temporary file beside it,
    synced, then renamed). The one place a backup's bytes are written."""
    temporary = _temporary(out.parent, out.name, "tmp")
    try:
        with temporary.open("r+b") as raw:
            with zipfile.ZipFile(raw, "w", allowZip64=True) as archive:
                write(archive)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(out.parent)


@contextmanager
def open_backup(path: Path) -> Iterator[zipfile.ZipFile]:
    """The backup file ``path`` opened for reading. The one place its bytes are read."""
    if path.is_dir() or not path.exists():
        raise BackupError(f"Không có tệp sao lưu {path}.")
    try:
        with zipfile.ZipFile(path) as archive:
            yield archive
    except (zipfile.BadZipFile, EOFError) as exc:
        raise BackupError(_damaged(path, str(exc))) from None


def _damaged(path: Path, why: str) -> str:
    return (f"Tệp sao lưu {path} bị hỏng hoặc không phải bản sao lưu MotCua ({why}); "
            "không khôi phục từ tệp này, cơ sở dữ liệu không bị thay đổi.")  # fmt: skip


# --- the manifest ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Manifest:
    desk_id: str
    office_code: str
    schema_revision: str
    created_at: str
    database_sha256: str
    database_size: int
    audit_seq: int
    audit_hash: str
    counts: dict[str, int]
    scans: dict[str, int]  # sha256 → size
    enrolled: bool
    app_version: str = desktop.__version__

    def to_json(self) -> bytes:
        return json.dumps({
            "format": FORMAT, "version": FORMAT_VERSION, "app_version": self.app_version,
            "desk_id": self.desk_id, "office_code": self.office_code,
            "schema_revision": self.schema_revision, "created_at": self.created_at,
            "database": {"name": DATABASE, "size": self.database_size,
                         "sha256": self.database_sha256},
            "audit_head": {"seq": self.audit_seq, "hash": self.audit_hash},
            "counts": self.counts, "enrolled": self.enrolled,
            "scans": [{"sha256": s, "size": n} for s, n in sorted(self.scans.items())],
        }, ensure_ascii=False, indent=1).encode("utf-8")  # fmt: skip

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        found = json.loads(data)
        if found.get("format") != FORMAT:
            raise ValueError("không phải bản kê sao lưu MotCua")
        if int(found.get("version", 0)) > FORMAT_VERSION:
            raise BackupError(
                f"Bản sao lưu do phiên bản MotCua Desk mới hơn tạo ra (định dạng "
                f"{found.get('version')}); hãy cập nhật chương trình rồi khôi phục."
            )
        db, head = found["database"], found["audit_head"]
        scans = {str(s["sha256"]): int(s["size"]) for s in found["scans"]}
        if not is_sha256(db["sha256"]) or not all(is_sha256(s) for s in scans):
            raise ValueError("mã băm trong bản kê không hợp lệ")
        return cls(str(found["desk_id"]), str(found["office_code"] or ""),
                   str(found["schema_revision"]), str(found["created_at"]), str(db["sha256"]),
                   int(db["size"]), int(head["seq"]), str(head["hash"]),
                   {str(k): int(v) for k, v in found["counts"].items()}, scans,
                   bool(found.get("enrolled")), str(found.get("app_version", "")))  # fmt: skip


def _read_only(path: Path, key: bytes | None = None) -> Any:
    return connect(path, read_only=True, key=key)


@dataclass(frozen=True)
class DeskFacts:
    """What a database file says about itself: whose it is, how far its history goes."""

    desk_id: str
    office_code: str
    enrolled: bool
    audit_seq: int
    audit_hash: str
    counts: dict[str, int]


def _setting(con: Any, key: str) -> dict[str, Any]:
    row = con.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    value = json.loads(row[0]) if row and row[0] else {}
    return value if isinstance(value, dict) else {}


def desk_facts(path: Path, key: bytes | None = None) -> DeskFacts:
    """Read ``path`` without writing a byte (it may be another desk's or damaged)."""
    con = _read_only(path, key)
    try:
        desk = _setting(con, "desk")
        head = con.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        counts = {name: int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                  for name, table in (("dossiers", "dossiers"), ("acts", "acts"),
                                      ("audit_entries", "audit_log"), ("receipts", "receipts"),
                                      ("officers", "officers"))}  # fmt: skip
        for status, n in con.execute("SELECT status, count(*) FROM outbox GROUP BY status"):
            counts[f"outbox_{status}"] = int(n)
        return DeskFacts(str(desk.get("desk_id") or ""), str(desk.get("office_code") or ""),
                         bool(_setting(con, "portal")), int(head[0]) if head else 0,
                         str(head[1]) if head else "", counts)  # fmt: skip
    finally:
        con.close()


# --- making a backup ----------------------------------------------------------------------


def _snapshot(database: Path, into: Path, key: bytes | None) -> None:
    """One consistent copy of the live database (SQLite's backup API, in one step, inside
    one read transaction), made to stand alone without a WAL; encrypted with ``key`` as
    the database is (SQLCipher copies between two files keyed alike)."""
    source = connect(database, timeout=30, key=key)
    try:
        target = connect(into, key=key)
        try:
            source.backup(target)  # every page in one step: one moment of the database
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    except dbapi.DatabaseError as exc:
        if isinstance(exc, dbapi.OperationalError) and ("locked" in str(exc) or "busy" in str(exc)):
            raise StoreError("Cơ sở dữ liệu đang bị chương trình khác khoá, vui lòng thử "
                             "lại.") from None  # fmt: skip
        raise DatabaseCorrupt(database, str(exc)) from None
    finally:
        source.close()


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _scans_of(store: ScanStore) -> Iterator[tuple[str, bytes]]:
    """The scans kept beside the database whose bytes still hash to their name (a file
    changed on the disk is left out: a restore would refuse it)."""
    if not store.root.is_dir():
        return
    for folder in sorted(store.root.iterdir()):
        if not folder.is_dir() or folder.is_symlink():
            continue
        for path in sorted(folder.iterdir()):
            if not is_sha256(path.name) or not store.has(path.name):
                continue  # a .part of a cut download, or anything else put there
            data = store.get(path.name)
            if data is not None:
                yield path.name, data


@dataclass
class BackupReport:
    path: Path
    manifest: Manifest
    skipped_scans: int = 0
    leftovers_removed: int = 0


def backup_actor(desk: Desk) -> Actor:
    """Who the audit log names for a backup or a restore: the operating-system account
    that ran it (backups run from a scheduled task, with no officer at the desk)."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment or the password file
        user = "?"
    return Actor(None, f"os:{user}"[:64], "Quản trị máy (dòng lệnh)", Role.ADMINISTRATOR,
                 desk.office_code)  # fmt: skip


def create_backup(desk: Desk, out: Path, clock: Callable[[], datetime] = _now) -> BackupReport:
    """Back up ``desk`` into ``out`` (see the module's notes); audited in the desk's log."""
    database = desk.store.path
    if out.resolve() in {p.resolve() for p in (database, *_side_files(database))}:
        raise BackupError("Tệp sao lưu không được trùng với cơ sở dữ liệu của bàn.")
    removed = remove_leftovers(out.parent, out.name)
    removed += remove_leftovers(database.parent, database.name)
    snapshot = _temporary(database.parent, database.name, "sao-luu-tmp")
    key = desk.store.key
    try:
        _snapshot(database, snapshot, key)
        check_integrity(snapshot, key)  # a damaged desk is not backed up as if it were whole
        facts = desk_facts(snapshot, key)
        scans = ScanStore.beside(database, key)
        revision, digest = inspect_revision(snapshot, key) or "", _sha256_of(snapshot)
        size, created = snapshot.stat().st_size, clock().astimezone(UTC)
        made: list[Manifest] = []

        def write(archive: zipfile.ZipFile) -> None:
            archive.write(snapshot, DATABASE, compress_type=zipfile.ZIP_DEFLATED)
            if key is not None:  # the key wrapped as on the desk, never the key itself
                archive.writestr(KEY_FILE, key_file(database).read_bytes())
            kept: dict[str, int] = {}
            for sha, data in _scans_of(scans):
                stored = seal(key, sha, data) if key is not None else data
                archive.writestr(f"{SCANS}/{sha[:2]}/{sha}", stored)  # already compressed
                kept[sha] = len(data)
            manifest = Manifest(
                facts.desk_id, facts.office_code, revision,
                created.isoformat(timespec="seconds"), digest, size, facts.audit_seq,
                facts.audit_hash, {**facts.counts, "scans": len(kept)}, kept, facts.enrolled,
            )  # fmt: skip
            archive.writestr(MANIFEST, manifest.to_json())
            archive.writestr(MANIFEST_SUM, hashlib.sha256(manifest.to_json()).hexdigest())
            made.append(manifest)

        seal_backup(out, write)
    finally:
        snapshot.unlink(missing_ok=True)
    manifest = made[0]
    with desk.store.write() as session:  # after the file is whole: the log says what exists
        record_audit(session, desk, backup_actor(desk), "backup.create", out.name, None,
                     {"sha256": manifest.database_sha256, "audit_seq": manifest.audit_seq,
                      "dossiers": manifest.counts.get("dossiers", 0),
                      "scans": len(manifest.scans), "created_at": manifest.created_at})  # fmt: skip
    skipped = _count_files(scans.root) - len(manifest.scans)
    return BackupReport(out, manifest, max(skipped, 0), removed)


def _count_files(root: Path) -> int:
    if not root.is_dir():
        return 0
    return sum(1 for f in root.glob("*/*") if is_sha256(f.name))


def _side_files(database: Path) -> list[Path]:
    return [database.with_name(database.name + t) for t in ("-wal", "-shm", "-journal")]


# --- reading and verifying a backup -------------------------------------------------------


def read_manifest(archive: zipfile.ZipFile, path: Path) -> Manifest:
    try:
        data = archive.read(MANIFEST)
        expected = archive.read(MANIFEST_SUM).decode("ascii").strip()
    except KeyError:
        raise BackupError(_damaged(path, "thiếu bản kê")) from None
    except (zipfile.BadZipFile, UnicodeDecodeError, OSError) as exc:
        raise BackupError(_damaged(path, f"bản kê: {exc}")) from None
    if hashlib.sha256(data).hexdigest() != expected:
        raise BackupError(_damaged(path, "bản kê không khớp mã kiểm tra"))
    try:
        return Manifest.from_json(data)
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(_damaged(path, f"bản kê không hợp lệ: {exc}")) from None


def backup_key(archive: zipfile.ZipFile, path: Path) -> tuple[bytes | None, bytes]:
    """The key of an encrypted backup (None: a plaintext one) and its key file's bytes,
    unwrapped as the desk's own (keystore or passphrase)."""
    try:
        data = archive.read(KEY_FILE)
    except KeyError:
        return None, b""
    except Exception as exc:  # a bad CRC, a broken stream
        raise BackupError(_damaged(path, f"tệp khoá: {exc}")) from None
    try:
        record = json.loads(data)
        if not isinstance(record, dict) or record.get("format") != "motcua-khoa":
            raise ValueError("không phải tệp khoá MotCua")
        return unwrap(record), data
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(_damaged(path, f"tệp khoá: {exc}")) from None
    except DatabaseKeyError as exc:
        raise BackupError(f"Không mở được khoá của bản sao lưu {path}: {exc}") from exc


def _extract_database(
    archive: zipfile.ZipFile, path: Path, manifest: Manifest, into: Path, key: bytes | None
) -> None:
    """The database member into ``into``, refused unless its size and SHA-256 are the
    manifest's, SQLite finds it whole and it is the desk the manifest names."""
    digest, size = hashlib.sha256(), 0
    try:
        with archive.open(DATABASE) as member, into.open("wb") as f:
            while block := member.read(CHUNK):
                digest.update(block)
                size += len(block)
                f.write(block)
            f.flush()
            os.fsync(f.fileno())
    except KeyError:
        raise BackupError(_damaged(path, "thiếu cơ sở dữ liệu")) from None
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        if isinstance(exc, OSError) and exc.errno is not None:
            raise  # the disk being written to (full, read-only): said by the caller
        raise BackupError(_damaged(path, str(exc))) from None
    except Exception as exc:  # zlib.error: a corrupted compressed stream
        raise BackupError(_damaged(path, str(exc))) from None
    if size != manifest.database_size or digest.hexdigest() != manifest.database_sha256:
        raise BackupError(_damaged(path, "mã kiểm tra của cơ sở dữ liệu không khớp"))
    try:
        check_integrity(into, key)
        revision = inspect_revision(into, key)
    except DatabaseCorrupt as exc:
        raise BackupError(_damaged(path, exc.problem)) from None
    if revision is not None and revision not in known_revisions():
        raise NewerDatabaseError(
            f"Bản sao lưu {path} do phiên bản MotCua Desk mới hơn tạo ra (lược đồ {revision}); "
            f"phiên bản này chỉ biết đến lược đồ {head_revision()}. Hãy cập nhật chương trình."
        )
    if desk_facts(into, key).desk_id != manifest.desk_id:
        raise BackupError(_damaged(path, "cơ sở dữ liệu không phải của bàn ghi trong bản kê"))


def verify_backup(path: Path, scratch: Path) -> Manifest:
    """Check a backup whole — manifest, database, every scan — without restoring it;
    the database is unpacked into the private folder ``scratch`` and removed again."""
    with open_backup(path) as archive:
        manifest = read_manifest(archive, path)
        key, _ = backup_key(archive, path)
        probe = _temporary(scratch, path.name, "kiem-tra-tmp")
        try:
            _extract_database(archive, path, manifest, probe, key)
        finally:
            probe.unlink(missing_ok=True)
        for sha in manifest.scans:
            _read_scan(archive, path, sha, key)
    return manifest


def _read_scan(archive: zipfile.ZipFile, path: Path, sha: str, key: bytes | None) -> bytes:
    try:
        data = unseal(key, sha, archive.read(f"{SCANS}/{sha[:2]}/{sha}"))
    except KeyError:
        raise BackupError(_damaged(path, f"thiếu tệp đính kèm {sha[:12]}…")) from None
    except ScanCorrupt:
        raise BackupError(_damaged(path, f"tệp đính kèm {sha[:12]}… bị thay đổi")) from None
    except Exception as exc:  # a bad CRC, a broken stream
        raise BackupError(_damaged(path, f"tệp đính kèm {sha[:12]}…: {exc}")) from None
    if hashlib.sha256(data).hexdigest() != sha:
        raise BackupError(_damaged(path, f"tệp đính kèm {sha[:12]}… không khớp mã băm"))
    return data


# --- restoring ------------------------------------------------------------------------------


@dataclass
class RestoreReport:
    manifest: Manifest
    database: Path
    replaced: Path | None = None  # where the database it replaced was kept
    replaced_damaged: bool = False
    scans_restored: int = 0
    retired_numbers: list[dict[str, Any]] = field(default_factory=list)


def _current(database: Path) -> tuple[DeskFacts | None, bool]:
    """What the database about to be replaced holds (None: no file), and whether it is
    damaged (then nothing in it can be compared, and it is kept aside as it is)."""
    if not database.exists():
        return None, False
    try:
        check_integrity(database)
        return desk_facts(database), False
    except DatabaseCorrupt:
        return None, True
    except (StoreError, dbapi.DatabaseError):  # not a desk database at all, or empty
        return None, True


def _check_target(
    current: DeskFacts | None, manifest: Manifest, database: Path, *, foreign_ok: bool,
    replace_newer: bool,
) -> None:  # fmt: skip
    if current is None:
        return
    if current.desk_id and current.desk_id != manifest.desk_id and not foreign_ok:
        raise BackupError(
            f"Bản sao lưu là của bàn khác ({manifest.desk_id}, cơ quan "
            f"{manifest.office_code or '?'}), không phải bàn {current.desk_id} đang dùng "
            f"{database}. Chỉ khôi phục bàn khác sang máy này khi máy cũ đã ngừng dùng hẳn, "
            "với --foreign-ok."
        )
    newer = current.audit_seq > manifest.audit_seq or (
        current.audit_seq == manifest.audit_seq and current.audit_hash != manifest.audit_hash
    )
    unsent = current.counts.get("outbox_pending", 0)
    if newer and not replace_newer:
        raise BackupError(
            f"Cơ sở dữ liệu {database} có thao tác mới hơn bản sao lưu (nhật ký đến mục "
            f"#{current.audit_seq}, bản sao lưu đến #{manifest.audit_seq}"
            + (f"; {unsent} thao tác chưa gửi lên cổng sẽ mất" if unsent else "")
            + "). Nếu vẫn muốn thay, thêm --replace-newer (tệp hiện có được giữ lại bên "
            "cạnh)."
        )


def _aside_name(database: Path, at: datetime) -> Path:
    return database.with_name(f"{database.name}.truoc-khoi-phuc-{at:%Y%m%d-%H%M%S}")


def _put_aside(database: Path, damaged: bool, aside: Path, key: bytes | None) -> Path:
    """Keep the database about to be replaced beside it, under a dated name. A readable one
    is first folded into one file (its WAL checkpointed), so nothing is left for SQLite to
    replay onto the restored file; a damaged one's WAL and SHM are moved with it."""
    if not damaged:
        con = connect(database, timeout=5, key=key)
        try:
            mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()
        except dbapi.OperationalError as exc:
            raise StoreError(
                f"Cơ sở dữ liệu {database} đang được dùng (cửa sổ của bàn hoặc một lệnh "
                f"khác): hãy đóng nó rồi khôi phục ({exc})."
            ) from None
        finally:
            con.close()
        if not mode or str(mode[0]).lower() != "delete":
            raise StoreError(f"Cơ sở dữ liệu {database} đang được dùng: hãy đóng nó rồi "
                             "khôi phục.")  # fmt: skip
    for side, tail in zip(_side_files(database), ("-wal", "-shm", "-journal"), strict=True):
        if side.exists():
            os.replace(side, aside.with_name(aside.name + tail))
    kept = [(database, aside)]
    if key is not None:  # the key file goes with it: the file kept aside stays readable
        kept.append((key_file(database), key_file(aside)))
    for source, target in kept:
        try:
            os.link(source, target)  # the same bytes under a second name, at no cost
        except OSError:
            _copy(source, target)
    return aside


def _copy(source: Path, target: Path) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with source.open("rb") as src, os.fdopen(os.open(target, flags, 0o600), "wb") as dst:
        while block := src.read(CHUNK):
            dst.write(block)
        dst.flush()
        os.fsync(dst.fileno())


def restore_backup(
    path: Path, database: Path, *, foreign_ok: bool = False, replace_newer: bool = False,
    clock: Callable[[], datetime] = _now,
) -> RestoreReport:  # fmt: skip
    """Put the backup ``path`` in place of ``database`` (see the module's notes).

    Everything is verified first; on any refusal the database is not touched. The swap is
    one rename: killed at any point, ``database`` is the old file or the restored one,
    whole. Before the swap the restore is audited in the restored file, and the unused
    receipt numbers the backup held are retired there: they may have been used after the
    backup was made, and a receipt number is never issued twice.
    """
    database = Path(database)
    if database.is_dir():
        raise BackupError(f"{database} là một thư mục, không phải tệp cơ sở dữ liệu.")
    with open_backup(path) as archive:
        manifest = read_manifest(archive, path)
        key, key_record = backup_key(archive, path)
        current_key = key_of(database)  # a key that cannot be had stops here, not "damaged"
        current, damaged = _current(database)
        _check_target(current, manifest, database, foreign_ok=foreign_ok,
                      replace_newer=replace_newer)  # fmt: skip
        database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # a new PC's folder
        remove_leftovers(database.parent, database.name)
        incoming = _temporary(database.parent, database.name, "khoi-phuc-tmp")
        try:
            _extract_database(archive, path, manifest, incoming, key)
            final_key = _key_like_the_desk(incoming, key, current_key, database, key_record)
            scans = ScanStore.beside(database, final_key)
            restored = 0
            for sha in manifest.scans:
                if not scans.has(sha):
                    scans.put(_read_scan(archive, path, sha, key))
                    restored += 1
            kept_as = _aside_name(database, clock()) if database.exists() else None
            # Recorded in the incoming file before it is swapped in: killed at any point,
            # the desk never runs on a restored file whose numbers were not retired.
            retired = _record_restore(incoming, path, manifest, current, damaged, kept_as,
                                      final_key)  # fmt: skip
            aside = _put_aside(database, damaged, kept_as, current_key) if kept_as else None
            os.replace(incoming, database)
        except BaseException:
            incoming.unlink(missing_ok=True)
            raise
    _sync_folder(database.parent)
    return RestoreReport(manifest, database, aside, damaged, restored, retired)


def _key_like_the_desk(
    incoming: Path, key: bytes | None, current_key: bytes | None, database: Path,
    key_record: bytes,
) -> bytes | None:  # fmt: skip
    """Make the restored file readable with the key the desk has (its key file stays as it
    is: killed before the swap, the old file still opens); the key it ends with.

    A desk already encrypted keeps its key: a backup under another key is re-keyed to it, a
    plaintext backup is encrypted with it. A plaintext (or new) desk takes the backup's key
    file, written before the swap (a plaintext file is read by its header, key file or not).
    """
    if current_key is None:
        if key is not None:
            write_key_file(key_file(database), key_record)
        return key
    if key is None:
        plain = incoming.with_name(incoming.name + "-ro")
        os.replace(incoming, plain)
        try:
            export_encrypted(plain, incoming, current_key)
        finally:
            plain.unlink(missing_ok=True)
    elif key != current_key:
        con = connect(incoming, key=key)
        try:
            con.execute(f"PRAGMA rekey = {sqlcipher_key(current_key)}")
        finally:
            con.close()
    return current_key


def _record_restore(
    incoming: Path, path: Path, manifest: Manifest, current: DeskFacts | None, damaged: bool,
    kept_as: Path | None, key: bytes | None,
) -> list[dict[str, Any]]:  # fmt: skip
    """In the restored file: its schema brought up to date, the unused receipt numbers
    retired and the restore audited; the receipt numbers retired."""
    store = open_store(incoming, key=key)  # an older backup's schema is brought up to date here
    try:
        desk = open_desk(store)
        with store.write() as session:
            retired = _retire_unused_numbers(session)
            actor = backup_actor(desk)
            entry = record_audit(session, desk, actor, "backup.restore", path.name,
                         {"audit_seq": current.audit_seq if current else None,
                          "desk_id": current.desk_id if current else None,
                          "damaged": damaged, "kept_as": kept_as.name if kept_as else None},
                         {"audit_seq": manifest.audit_seq, "created_at": manifest.created_at,
                          "sha256": manifest.database_sha256,
                          "retired_receipt_numbers": retired})  # fmt: skip
            if manifest.audit_seq:  # the portal is told at the next sync
                restore_to_declare(session, AuditHead(manifest.audit_seq, manifest.audit_hash),
                                   entry, actor.username)  # fmt: skip
    finally:
        store.close()  # the last connection: its WAL is folded in and removed
    return retired


def _retire_unused_numbers(session: Any) -> list[dict[str, Any]]:
    """Receipt numbers the backup held unused may have been issued after it was made (the
    portal keeps those receipts; they do not come back down). Their blocks are retired —
    the numbers listed in the audit entry so the office can declare them unused — and the
    next sync asks the portal for a new block."""
    retired, ids = [], set(retired_blocks(session))
    for block in session.scalars(select(ReceiptBlock).order_by(ReceiptBlock.first_number)):
        if block.id in ids:
            continue
        used = session.scalar(select(func.max(Receipt.number)).where(
            Receipt.block_id == block.id))  # fmt: skip
        first_free = block.first_number if used is None else used + 1
        if first_free > block.last_number:
            continue
        retired.append({"series": block.series, "first": first_free, "last": block.last_number})
        ids.add(block.id)
    retire_blocks(session, ids)
    # A block asked for before the backup and not stored yet went to the lost database: the
    # portal closes it with the others, so it is not asked for again.
    portal = get_setting(session, "portal")
    if portal and portal.pop("receipt_request", None):
        put_setting(session, "portal", portal)
    return retired


def reconcile_after_restore(desk: Desk, write: Callable[[str], None]) -> bool:
    """Sync and reconcile a restored desk with its portal, so the acts made after the
    backup come back; False when the portal could not be reached (the next sync will)."""
    from sync.client.engine import SyncEngine
    from sync.client.transport import PortalRefused, PortalUnreachable

    try:
        engine = SyncEngine(desk)
        report = engine.sync_once()
        write(report.summary_vi())
        write(engine.reconcile().summary_vi())
    except (PortalUnreachable, PortalRefused) as exc:
        write(f"Chưa đồng bộ được với cổng ({exc}); lần đồng bộ sau sẽ tải lại các thao tác "
              "làm sau bản sao lưu.")  # fmt: skip
        return False
    return True
