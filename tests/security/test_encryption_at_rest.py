"""Personal data encrypted at rest: the desk database (SQLCipher), its WAL, its key file and
its scans hold no citizen's name, CCCD number or phone, no portal token and no signing key
in clear; ``motcua db encrypt`` killed anywhere leaves a whole database; a wrong passphrase
is said in Vietnamese and changes nothing."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from desktop.cli import main
from desktop.core.seals import unb64
from desktop.services.audit import verify_audit
from desktop.services.backup import create_backup, restore_backup
from desktop.services.document_keys import document_key
from desktop.services.encryption import encrypt_database
from desktop.services.scans import SEALED, ScanStore
from desktop.services.settings import get_setting, open_desk, put_setting
from desktop.store import keys
from desktop.store.db import (
    SQLITE_MAGIC,
    StoreError,
    connect,
    is_encrypted,
    key_of,
    open_store,
)
from desktop.store.keys import PASSPHRASE_ENV, key_file, read_record

PASSPHRASE = "mat-khau-quan-tri-2026"
TOKEN = "cong-token-" + "7f3a9c" * 8


def _secrets(db: Path) -> dict[str, list[bytes]]:
    """What must never be found in clear: every citizen's name (as stored, in NFD, without
    diacritics), CCCD number and phone; the portal token; the signing key as stored, raw
    and in hex."""
    con = connect(db, read_only=True)
    try:
        rows = con.execute(
            "SELECT applicant_name, applicant_folded, id_number, phone FROM dossiers"
        ).fetchall()
        stored = con.execute("SELECT value FROM settings WHERE key = 'document_key'").fetchone()
    finally:
        con.close()
    found: dict[str, list[bytes]] = {"name": [], "id_number": [], "phone": []}
    for name, folded, id_number, phone in rows:
        found["name"] += [name.encode(), unicodedata.normalize("NFD", name).encode(),
                          folded.encode()]  # fmt: skip
        found["id_number"] += [id_number.encode()] if len(id_number) >= 9 else []
        found["phone"] += [phone.encode()] if len(phone) >= 9 else []
    private_b64 = json.loads(stored[0])["private"]
    private = unb64(private_b64)
    found["signing key"] = [private_b64.encode(), private, private.hex().encode(),
                            base64.b64encode(private).rstrip(b"=")]  # fmt: skip
    found["portal token"] = [TOKEN.encode()]
    key = key_of(db)
    assert key is not None
    found["database key"] = [key, key.hex().encode(), base64.b64encode(key)]
    return {what: sorted(set(values)) for what, values in found.items()}


def _files_of(db: Path) -> list[Path]:
    scans = db.parent / f"{db.stem}.tep-dinh-kem"
    sides = [db.with_name(db.name + t) for t in ("-wal", "-shm")]
    return [db, *[p for p in sides if p.exists()], key_file(db),
            *sorted(p for p in scans.rglob("*") if p.is_file())]  # fmt: skip


def _hits(files: list[Path], secrets: dict[str, list[bytes]]) -> dict[str, int]:
    hits = dict.fromkeys(secrets, 0)
    for path in files:
        data = path.read_bytes()
        for what, values in secrets.items():
            hits[what] += sum(value in data for value in values)
    return hits


def _enrolled_like(db: Path) -> None:
    """What enrolment and the first printed document put in the settings: the portal's token
    and this desk's Ed25519 signing key (each through the code that stores it)."""
    store = open_store(db)
    try:
        with store.write() as session:
            put_setting(session, "portal", {"url": "https://cong.example.vn", "desk_id": "B-1",
                                            "token": TOKEN})  # fmt: skip
            document_key(session)
    finally:
        store.close()


def test_demo_database_wal_key_and_scans_hold_nothing_in_clear(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "desk.db"
    assert main(["demo", "--db", str(db), "--count", "60"]) == 0
    capsys.readouterr()
    assert db.read_bytes()[:16] != SQLITE_MAGIC and is_encrypted(db)
    # No keystore here: the demo's key is wrapped under the published demo passphrase, so the
    # quick start needs no typing (the tests' own passphrase in the environment is not used).
    assert read_record(key_file(db))["kept"] == "demo"
    _enrolled_like(db)
    secrets = _secrets(db)
    assert len(secrets["name"]) >= 60 and len(secrets["id_number"]) >= 20
    assert len(secrets["phone"]) >= 20
    store = open_store(db)  # a live desk: a write in the WAL, not yet folded in
    with store.write() as session:
        put_setting(session, "portal", get_setting(session, "portal"))
    try:
        files = _files_of(db)
        assert db.with_name(db.name + "-wal") in files
        assert sum(1 for p in files if p.parent.parent.name == "desk.tep-dinh-kem") >= 20
        assert all(p.read_bytes().startswith(SEALED) for p in files
                   if p.parent.parent.name == "desk.tep-dinh-kem")  # fmt: skip
        assert _hits(files, secrets) == dict.fromkeys(secrets, 0)
    finally:
        store.close()
    # Nor do the log and crash reports hold a key or the token.
    logs = [p for p in Path(os.environ["MOTCUA_LOG_DIR"]).rglob("*") if p.is_file()]
    keys_only = {k: secrets[k] for k in ("portal token", "signing key", "database key")}
    assert logs and _hits(logs, keys_only) == dict.fromkeys(keys_only, 0)
    # The same search finds them all in a plaintext copy of the same data: it can fail.
    plain = tmp_path / "plain" / "desk.db"
    plain.parent.mkdir()
    con = connect(db)
    try:
        con.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
        con.execute("SELECT sqlcipher_export('plain')")
        con.execute("DETACH DATABASE plain")
    finally:
        con.close()
    assert plain.read_bytes()[:16] == SQLITE_MAGIC
    found = _hits([plain], {k: v for k, v in secrets.items() if k != "database key"})
    assert all(n > 0 for n in found.values()), found
    assert found["name"] >= len(secrets["name"]) // 2


def test_an_encrypted_backup_holds_nothing_in_clear_and_restores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "desk.db"
    assert main(["demo", "--db", str(db), "--count", "40"]) == 0
    capsys.readouterr()
    _enrolled_like(db)
    secrets = _secrets(db)
    desk = open_desk(open_store(db))
    out = tmp_path / "sao-luu.zip"
    report = create_backup(desk, out)
    desk.store.close()
    with zipfile.ZipFile(out) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    assert members["desk.db"][:16] != SQLITE_MAGIC and "desk.db.khoa" in members
    assert report.manifest.scans and all(
        members[f"tep-dinh-kem/{s[:2]}/{s}"].startswith(SEALED) for s in report.manifest.scans
    )
    blobs = [out.read_bytes(), *members.values()]
    for what, values in secrets.items():
        assert not any(v in blob for v in values for blob in blobs), what
    # Restored onto a new folder (a replaced PC of the same account), it opens and verifies.
    target = tmp_path / "may-moi" / "desk.db"
    restored = restore_backup(out, target)
    assert is_encrypted(target) and restored.scans_restored == len(report.manifest.scans)
    store = open_store(target, check=True)
    assert verify_audit(store).ok
    scans = ScanStore.beside(target, store.key)
    assert all(scans.get(s) is not None for s in report.manifest.scans)
    store.close()


def test_the_demo_opens_with_nothing_typed_and_no_passphrase_set(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    made = _motcua("demo", "--db", str(db), "--count", "20", **{PASSPHRASE_ENV: ""})
    assert made.returncode == 0, made.stderr
    assert is_encrypted(db)
    verified = _motcua("audit", "verify", "--db", str(db), **{PASSPHRASE_ENV: ""})
    assert verified.returncode == 0, verified.stderr
    # A real desk on the same machine is refused without a passphrase, before any file.
    real = tmp_path / "ban-that.db"
    refused = _motcua("enrol", "--db", str(real), "--portal", "https://cong.example.vn",
                      "--code", "AAAA-BBBB-CCCC-DDDD", **{PASSPHRASE_ENV: ""})  # fmt: skip
    assert refused.returncode == 2 and "cần đặt mật khẩu bảo vệ cơ sở dữ liệu" in refused.stderr
    assert not real.exists() and not key_file(real).exists()


def _motcua(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args], capture_output=True, text=True,
        timeout=300, env={**os.environ, **env}, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def _digest(paths: list[Path]) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths if p.exists()}


def test_a_wrong_passphrase_is_said_in_vietnamese_and_nothing_is_written(
    demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "desk.db"
    shutil.copy(demo_template, db)
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    encrypt_database(db)
    before = sorted(p.name for p in tmp_path.iterdir())
    digests = _digest(_files_of(db))
    for args in (
        ["audit", "verify"],
        ["db", "encrypt"],
        ["backup", "--out", str(tmp_path / "b.zip")],
    ):
        wrong = _motcua(*args, "--db", str(db), **{PASSPHRASE_ENV: "khong-dung-mat-khau"})
        assert wrong.returncode == 2, wrong.stderr
        assert "Traceback" not in wrong.stderr
        assert wrong.stderr.strip() == (
            "motcua: lỗi: Mật khẩu bảo vệ cơ sở dữ liệu không đúng: không mở được dữ liệu, "
            "không có gì bị thay đổi. Hãy nhập lại."
        )
    none = _motcua("audit", "verify", "--db", str(db), **{PASSPHRASE_ENV: ""})
    assert none.returncode == 2 and "hãy nhập mật khẩu" in none.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no WAL, no backup, no log
    assert _digest(_files_of(db)) == digests
    right = _motcua("audit", "verify", "--db", str(db), **{PASSPHRASE_ENV: PASSPHRASE})
    assert right.returncode == 0, right.stderr


# --- db encrypt killed half-way -----------------------------------------------------------


def _plain_desk(demo_template: Path, folder: Path, rng: random.Random) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    db = folder / "desk.db"
    shutil.copy(demo_template, db)
    scans = ScanStore.beside(db)
    for _ in range(12):  # enough scans that sealing them takes a while too
        scans.put(rng.randbytes(400_000))
    return db


def _encrypt_killed(
    demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runs: int, seed: int
) -> None:
    """``motcua db encrypt`` killed with SIGKILL at random moments: the database is the old
    plaintext file or the new encrypted one, opens, passes its checks, and every scan reads;
    the next run finishes the work."""
    rng = random.Random(seed)
    env = {PASSPHRASE_ENV: PASSPHRASE}
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)  # this process reads what the command wrote
    db = _plain_desk(demo_template, tmp_path / "timing", rng)
    started = time.monotonic()
    assert _motcua("db", "encrypt", "--db", str(db), **env).returncode == 0
    whole_run = time.monotonic() - started
    outcomes = {"plaintext": 0, "encrypted": 0}
    for _ in range(runs):
        db = _plain_desk(demo_template, tmp_path / "desk", rng)
        shas = sorted(p.name for p in (db.parent / "desk.tep-dinh-kem").glob("*/*"))
        process = subprocess.Popen(
            [sys.executable, "-m", "desktop.cli", "db", "encrypt", "--db", str(db)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **env},
        )  # fmt: skip
        time.sleep(rng.uniform(0.3, 1.0) * whole_run)
        process.send_signal(signal.SIGKILL)
        process.wait()
        outcomes["encrypted" if is_encrypted(db) else "plaintext"] += 1
        store = open_store(db, check=True)
        assert verify_audit(store).ok
        scans = ScanStore.beside(db, store.key)
        assert all(scans.read(sha) for sha in shas)
        store.close()
        assert encrypt_database(db).scans_sealed >= 0  # the next run finishes it
        assert is_encrypted(db)
        assert all(p.read_bytes().startswith(SEALED) for p in db.parent.glob("*.tep-dinh-kem/*/*"))
        assert sorted(p.name for p in db.parent.iterdir()) == [
            "desk.db", "desk.db.khoa", "desk.tep-dinh-kem"]  # fmt: skip
        con = connect(db, read_only=True)
        audited = con.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'database.encrypt'"
        ).fetchone()[0]
        con.close()
        assert audited == 1  # recorded in the file that was swapped in, once
    print("db encrypt killed:", outcomes)


def test_db_encrypt_killed_at_random_moments(
    demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _encrypt_killed(demo_template, tmp_path, monkeypatch, runs=5, seed=14)


@pytest.mark.slow
def test_db_encrypt_killed_at_random_moments_many_times(
    demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _encrypt_killed(demo_template, tmp_path, monkeypatch, runs=50, seed=1400)


# --- the keystore -------------------------------------------------------------------------


class MemoryKeystore(KeyringBackend):
    """A keystore holding its secrets in memory, through keyring's own backend interface
    (what Windows Credential Locker or the Secret Service are to the desk)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def test_with_a_keystore_a_real_desk_opens_with_nothing_typed_and_only_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = keyring.get_keyring()
    keystore = MemoryKeystore()
    monkeypatch.delenv(keys.NO_KEYSTORE_ENV)
    monkeypatch.delenv(PASSPHRASE_ENV)
    keyring.set_keyring(keystore)
    try:
        db = tmp_path / "desk.db"
        open_store(db, create=True, encrypt=True).close()
        record = read_record(key_file(db))
        assert record["kept"] == "keystore" and "scrypt" not in record
        ((service, kid),) = keystore.items
        assert (service, kid) == (keys.KEYSTORE_SERVICE, record["key_id"])
        monkeypatch.setattr(keys, "_unlocked", {})  # a new start of the desk
        store = open_store(db, check=True)
        assert store.key is not None and keys.key_id(store.key) == record["key_id"]
        store.close()
        # The same files on another account (its keystore does not hold the key): refused.
        keyring.set_keyring(MemoryKeystore())
        monkeypatch.setattr(keys, "_unlocked", {})
        with pytest.raises(StoreError, match="không có trong kho khoá"):
            open_store(db)
    finally:
        keyring.set_keyring(before)
