"""Tài khoản cán bộ — roles, password hashing and the lockout rule."""

from __future__ import annotations

import base64
import hmac
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from desktop.core.lifecycle import DomainError


class Role(StrEnum):
    OFFICER = "officer"  # cán bộ tiếp nhận
    SUPERVISOR = "supervisor"  # lãnh đạo bộ phận
    ADMINISTRATOR = "administrator"  # quản trị

    @property
    def label_vi(self) -> str:
        return {
            "officer": "Cán bộ tiếp nhận",
            "supervisor": "Lãnh đạo bộ phận",
            "administrator": "Quản trị hệ thống",
        }[self.value]


# Who may approve what needs a leader's word (a fee other than the schedule, a result
# returned although an original differs): the desk and the portal judge it by this one set.
SUPERVISING = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})

# scrypt cost: n=2**15, r=8 takes ~0.1 s on an old office PC — slow for guessing, quick to log in.
_N, _R, _P = 2**15, 8, 1
MIN_PASSWORD_LENGTH = 8


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int = 5
    lock_for: timedelta = timedelta(minutes=15)


class PasswordError(DomainError):
    pass


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, n: int = _N) -> str:
    salt = os.urandom(16)
    key = Scrypt(salt=salt, length=32, n=n, r=_R, p=_P).derive(password.encode("utf-8"))
    return f"scrypt${n}${_R}${_P}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        derived = Scrypt(
            salt=base64.b64decode(salt), length=32, n=int(n), r=int(r), p=int(p)
        ).derive(password.encode("utf-8"))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(derived, base64.b64decode(key))


def locked_until_after_failure(
    failures: int, now: datetime, policy: LockoutPolicy
) -> datetime | None:
    """When ``failures`` consecutive wrong passwords lock the account, until when."""
    return now + policy.lock_for if failures >= policy.max_failures else None
