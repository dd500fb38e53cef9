"""Mã hoá cơ sở dữ liệu — ``motcua db encrypt``: a plaintext desk database (made before
encryption came) turned into an encrypted one in place, and its scans sealed.

Killed at any point, the database is either the old plaintext file or the new encrypted
one, whole, and opens:

1. the key file is written first (a plaintext file is recognised by its header, so a key
   file beside it changes nothing; a later run takes the same key up again);
2. the old file's WAL is folded into it (journal mode DELETE), so no WAL is left for SQLite
   to replay onto the new file;
3. ``sqlcipher_export`` copies it into a temporary file beside it, which is synced, then
   checked (``integrity_check``, the same schema revision and row counts), and the encryption
   is recorded in its audit log (``database.encrypt``);
4. one ``os.replace`` swaps it in; the folder is synced;
5. the scans are sealed one by one, each file replaced whole (a plaintext scan is still
   read, so a run killed here is finished by the next one).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from desktop.files import _sync_folder
from desktop.services.scans import ScanStore
from desktop.store import keys
from desktop.store.db import (
    StoreError,
    check_integrity,
    connect,
    dbapi,
    inspect_revision,
    is_encrypted,
    key_of,
    open_store,
)

COUNTED = ("dossiers", "acts", "audit_log", "outbox", "settings", "officers")
SIDES = ("-journal", "-wal", "-shm")


@dataclass(frozen=True)
class EncryptReport:
    already: bool  # the database was encrypted before this run
    scans_sealed: int
    kept: str  # how its key is kept: keystore, passphrase or demo


def export_encrypted(plain: Path, target: Path, key: bytes) -> None:
    """Copy the plaintext database ``plain`` into the new file ``target``, encrypted with
    ``key`` (SQLCipher's ``sqlcipher_export``), synced to the disk."""
    con = connect(plain, key=None)
    try:
        con.execute(f"ATTACH DATABASE ? AS encrypted KEY {keys.sqlcipher_key(key)}",
                    (str(target),))  # fmt: skip
        con.execute("SELECT sqlcipher_export('encrypted')")
        version = int(con.execute("PRAGMA main.user_version").fetchone()[0])
        con.execute(f"PRAGMA encrypted.user_version = {version}")
        con.execute("DETACH DATABASE encrypted")
    finally:
        con.close()
    with target.open("rb+") as f:
        os.fsync(f.fileno())


def _counts(path: Path, key: bytes | None) -> dict[str, int]:
    con = connect(path, read_only=True, key=key)
    try:
        return {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in COUNTED}
    finally:
        con.close()


def _fold_wal(database: Path) -> None:
    con = connect(database, timeout=5, key=None)
    try:
        mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()
    except dbapi.OperationalError as exc:
        raise StoreError(f"Cơ sở dữ liệu {database} đang được dùng (cửa sổ của bàn hoặc một "
                         f"lệnh khác): hãy đóng nó rồi mã hoá ({exc}).") from None  # fmt: skip
    finally:
        con.close()
    if not mode or str(mode[0]).lower() != "delete":
        raise StoreError(f"Cơ sở dữ liệu {database} đang được dùng: hãy đóng nó rồi mã hoá.")


def encrypt_database(database: Path) -> EncryptReport:
    """Encrypt the plaintext desk database ``database`` in place (see the module's notes).
    An encrypted one is left as it is, and only its remaining plaintext scans sealed."""
    if not database.is_file():
        raise StoreError(f"Không tìm thấy cơ sở dữ liệu: {database}")
    if is_encrypted(database):
        key = key_of(database)
        assert key is not None
        sealed = ScanStore.beside(database, key).encrypt_all()
        return EncryptReport(True, sealed, _kept(database))
    check_integrity(database)  # a damaged file is not copied as if it were whole
    revision = inspect_revision(database)
    try:  # a killed run's key file is taken up again: its key is the one to use
        key = keys.database_key(database) if keys.key_file(database).exists() else None
        if key is None:
            key = keys.create_key(database)
    except keys.DatabaseKeyError as exc:
        raise StoreError(str(exc)) from exc
    temporary = database.with_name(f".{database.name}.ma-hoa-tmp")
    for leftover in (temporary, *(temporary.with_name(temporary.name + t) for t in SIDES)):
        leftover.unlink(missing_ok=True)
    _fold_wal(database)
    before = _counts(database, None)
    try:
        export_encrypted(database, temporary, key)
        os.chmod(temporary, 0o600)
        check_integrity(temporary, key, full=True)
        if inspect_revision(temporary, key) != revision or _counts(temporary, key) != before:
            raise StoreError("Bản mã hoá không khớp cơ sở dữ liệu gốc; tệp gốc giữ nguyên.")
        _audit(temporary, key, database)
        os.replace(temporary, database)
    except BaseException:
        for leftover in (temporary, *(temporary.with_name(temporary.name + t) for t in SIDES)):
            leftover.unlink(missing_ok=True)
        raise
    _sync_folder(database.parent)
    sealed = ScanStore.beside(database, key).encrypt_all()
    return EncryptReport(False, sealed, _kept(database))


def _audit(encrypted: Path, key: bytes, database: Path) -> None:
    """``database.encrypt`` in the encrypted file's own log, before it is swapped in: the
    desk never runs on an encrypted file that does not say so."""
    from desktop.services.audit import record_audit
    from desktop.services.backup import backup_actor
    from desktop.services.settings import open_desk

    store = open_store(encrypted, key=key, upgrade=False)
    try:
        desk = open_desk(store)
        with store.write() as session:
            record_audit(session, desk, backup_actor(desk), "database.encrypt", database.name,
                         None, {"key_id": keys.key_id(key), "kept": _kept(database)})  # fmt: skip
    finally:
        store.close()  # the last connection: its WAL is folded in and removed


def _kept(database: Path) -> str:
    return str(keys.read_record(keys.key_file(database)).get("kept", "?"))
