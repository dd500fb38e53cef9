"""Khoá cơ sở dữ liệu — the random key the desk's database (SQLCipher) and scans are
encrypted with, and how it is kept.

The key is 32 random bytes, never written anywhere as it is. Beside the database, in
``desk.db.khoa`` (0600), lies only the key *wrapped* (AES-GCM) under a wrapping key, with
the key's id (a hash of the key, not the key) and how to get the wrapping key back:

- ``keystore``: the wrapping key is in the operating system's keystore through ``keyring``
  (Windows Credential Locker, protected by DPAPI under the user's login; Secret Service on
  Linux), so the desk opens without anyone typing anything;
- ``passphrase``: where there is no usable keystore, the wrapping key is derived (scrypt)
  from the administrator's passphrase, asked at start (the window's dialog, the command
  line's prompt, or ``MOTCUA_DESK_PASSPHRASE``);
- ``demo``: demo data on a machine with no keystore is wrapped under the fixed, published
  ``DEMO_PASSPHRASE`` so the quick start needs no typing. That protects nothing — it is
  demo data — but it keeps demo files shaped like a real desk's (encrypted at rest).

Unlocked keys are kept for this process only, by key id (a database moved by the first-run
wizard, or a backup being verified, finds its key again without asking twice).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

KEY_FILE_TAIL = ".khoa"
PASSPHRASE_ENV = "MOTCUA_DESK_PASSPHRASE"
NO_KEYSTORE_ENV = "MOTCUA_DESK_NO_KEYSTORE"  # tests and CI: never touch the user's keystore
DEMO_PASSPHRASE = "motcua-du-lieu-mau"  # published on purpose: it guards demo data only
KEYSTORE_SERVICE = "MotCua Desk"
SCRYPT = {"n": 2**15, "r": 8, "p": 1}  # ~32 MiB and ~0.1 s: slow for a guesser, not a person
MIN_PASSPHRASE = 10

_unlocked: dict[str, bytes] = {}  # key id → key, for this process only
_passphrase: list[str] = []  # the one given at start


class DatabaseKeyError(Exception):
    """The key cannot be had (its file missing or damaged, a wrong passphrase); the message
    is for the administrator. Nothing has been written when it is raised."""


class PassphraseNeeded(DatabaseKeyError):
    pass


class WrongPassphrase(DatabaseKeyError):
    pass


def key_file(database: Path) -> Path:
    return database.with_name(database.name + KEY_FILE_TAIL)


def key_id(key: bytes) -> str:
    return hashlib.sha256(b"motcua-desk key id\0" + key).hexdigest()[:24]


def give_passphrase(passphrase: str) -> None:
    """The passphrase the administrator typed at start (dialog or prompt)."""
    _passphrase[:] = [passphrase]


def _given_passphrase() -> str | None:
    return _passphrase[0] if _passphrase else os.environ.get(PASSPHRASE_ENV) or None


def needs_passphrase(database: Path) -> bool:
    """The database ``database`` is encrypted under a passphrase not given yet: the window
    asks for it before the login."""
    path = key_file(database)
    if not path.exists() or _given_passphrase() is not None:
        return False
    try:
        record = read_record(path)
    except DatabaseKeyError:
        return False  # said when the database is opened
    return record.get("kept") == "passphrase" and str(record["key_id"]) not in _unlocked


def new_key_needs_passphrase() -> bool:
    """A new (not demo) database made now would need a passphrase: no keystore, none given."""
    return _keystore() is None and _given_passphrase() is None


def _keystore() -> Any | None:
    """The keyring backend if a real one is usable here, else None (CI, a bare server)."""
    if os.environ.get(NO_KEYSTORE_ENV):
        return None
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        usable = not isinstance(backend, fail.Keyring) and backend.priority > 0
    except Exception:  # no keyring installed, no D-Bus, its configuration broken: none
        return None
    return backend if usable else None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def create_key(database: Path, *, demo: bool = False, passphrase: str | None = None) -> bytes:
    """A new key for the database about to be made at ``database``, its key file written
    (whole or not at all). The keystore is used where there is one (unless a passphrase is
    given); else, for demo data, the demo passphrase; else the passphrase given at start."""
    key, salt, nonce = os.urandom(32), os.urandom(16), os.urandom(12)
    kid = key_id(key)
    record: dict[str, Any] = {"format": "motcua-khoa", "version": 1, "key_id": kid}
    keystore = None if passphrase else _keystore()
    if keystore is not None:
        wrapping = os.urandom(32)
        try:
            keystore.set_password(KEYSTORE_SERVICE, kid, _b64(wrapping))
            record["kept"] = "keystore"
        except Exception:  # a locked or refusing keystore: a passphrase, as with none
            keystore = None
    if keystore is None:
        # Demo data never takes a real passphrase: it is not worth one, and typing none is
        # the point of the quick start.
        passphrase = passphrase or (DEMO_PASSPHRASE if demo else _given_passphrase())
        if passphrase is None:
            raise PassphraseNeeded(
                "Máy này không có kho khoá của hệ điều hành: cần đặt mật khẩu bảo vệ cơ sở "
                f"dữ liệu (ít nhất {MIN_PASSPHRASE} ký tự), nhập khi được hỏi hoặc qua biến "
                f"môi trường {PASSPHRASE_ENV}."
            )
        if not demo and len(passphrase) < MIN_PASSPHRASE:
            raise DatabaseKeyError(
                f"Mật khẩu bảo vệ cơ sở dữ liệu phải có ít nhất {MIN_PASSPHRASE} ký tự."
            )
        wrapping = _scrypt(passphrase, salt, **SCRYPT)
        record["kept"] = "demo" if passphrase == DEMO_PASSPHRASE else "passphrase"
        record["scrypt"] = {"salt": _b64(salt), **SCRYPT}
    record["nonce"] = _b64(nonce)
    record["wrapped"] = _b64(AESGCM(wrapping).encrypt(nonce, key, kid.encode()))
    write_key_file(key_file(database), json.dumps(record, indent=1).encode("ascii"))
    _unlocked[kid] = key
    return key


def write_key_file(path: Path, data: bytes) -> None:
    """The key file, 0600, whole or not at all (temporary file, fsync, rename)."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.unlink(missing_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(temporary, flags, 0o600), "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)


def read_record(path: Path) -> dict[str, Any]:
    try:
        record = json.loads(path.read_bytes())
        if record.get("format") != "motcua-khoa" or not record.get("key_id"):
            raise ValueError("not a key file")
        return dict(record)
    except FileNotFoundError:
        raise DatabaseKeyError(
            f"Thiếu tệp khoá {path} của cơ sở dữ liệu đã mã hoá: không mở được. Nếu đã mất "
            "khoá, hãy ghi danh lại bàn với cổng (motcua enrol) để tải lại hồ sơ."
        ) from None
    except (OSError, ValueError, AttributeError) as exc:
        raise DatabaseKeyError(f"Tệp khoá {path} bị hỏng ({exc}).") from None


def database_key(database: Path) -> bytes:
    """The key of the encrypted database ``database``, unwrapped from its key file."""
    return unwrap(read_record(key_file(database)))


def unwrap(record: dict[str, Any]) -> bytes:
    kid = str(record["key_id"])
    if kid in _unlocked:
        return _unlocked[kid]
    kept = record.get("kept")
    try:
        nonce, wrapped = base64.b64decode(record["nonce"]), base64.b64decode(record["wrapped"])
        if kept == "keystore":
            keystore = _keystore()
            try:
                stored = keystore.get_password(KEYSTORE_SERVICE, kid) if keystore else None
            except Exception as exc:  # a locked keystore, a broken D-Bus session
                raise DatabaseKeyError(
                    f"Không đọc được kho khoá của hệ điều hành ({exc})."
                ) from None
            if not stored:
                raise DatabaseKeyError(
                    "Khoá của cơ sở dữ liệu không có trong kho khoá của tài khoản Windows/hệ "
                    "điều hành này (tệp đã được chép từ máy khác?). Nếu đã mất khoá, hãy ghi "
                    "danh lại bàn với cổng (motcua enrol) để tải lại hồ sơ."
                )
            wrapping = base64.b64decode(stored)
        else:
            passphrase = DEMO_PASSPHRASE if kept == "demo" else _given_passphrase()
            if passphrase is None:
                raise PassphraseNeeded(
                    "Cơ sở dữ liệu được mã hoá bằng mật khẩu của quản trị: hãy nhập mật khẩu "
                    f"(hoặc đặt biến môi trường {PASSPHRASE_ENV})."
                )
            s = record["scrypt"]
            wrapping = _scrypt(passphrase, base64.b64decode(s["salt"]), int(s["n"]),
                               int(s["r"]), int(s["p"]))  # fmt: skip
        key = AESGCM(wrapping).decrypt(nonce, wrapped, kid.encode())
    except InvalidTag:
        raise WrongPassphrase(
            "Mật khẩu bảo vệ cơ sở dữ liệu không đúng: không mở được dữ liệu, không có gì bị "
            "thay đổi. Hãy nhập lại."
        ) from None
    except (KeyError, ValueError, TypeError) as exc:
        raise DatabaseKeyError(f"Tệp khoá bị hỏng ({exc}).") from None
    if key_id(key) != kid:
        raise DatabaseKeyError("Tệp khoá bị hỏng (mã khoá không khớp).")
    _unlocked[kid] = key
    return key


def sqlcipher_key(key: bytes) -> str:
    """The ``PRAGMA key`` argument for a raw 256-bit key (no passphrase derivation)."""
    return f"\"x'{key.hex()}'\""


def scan_key(key: bytes) -> bytes:
    """The scans' own AES-GCM key, derived from the database key."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"motcua-desk scans v1").derive(key)  # fmt: skip


def download_key(key: bytes) -> bytes:
    """The key of scans still being downloaded (AES-CTR), derived from the database key:
    another key than the sealed scans', so the two modes never share a key."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"motcua-desk scan downloads v1").derive(key)  # fmt: skip
