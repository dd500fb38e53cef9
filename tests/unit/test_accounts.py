"""Officer accounts: hashing, offline login, lockout, administrator-only management."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.core.accounts import Role, hash_password, verify_password
from desktop.core.lifecycle import DomainError
from desktop.services.accounts import LoginError, add_officer, login, set_locked, set_password
from desktop.services.context import Actor, Desk
from desktop.services.demo import ManualClock
from desktop.store.models import AuditEntry, Officer
from tests.conftest import PASSWORDS


def test_password_hash_is_salted_scrypt() -> None:
    a, b = hash_password("mat-khau-1"), hash_password("mat-khau-1")
    assert a != b and a.startswith("scrypt$")
    assert verify_password("mat-khau-1", a)
    assert not verify_password("mat-khau-2", a)
    assert not verify_password("mat-khau-1", "garbage")


def test_login_offline_returns_the_officer(desk: Desk) -> None:
    actor = login(desk, "CanBo ", PASSWORDS["canbo"])
    assert (actor.username, actor.role, actor.full_name) == ("canbo", Role.OFFICER, "Trần Minh Đức")


def test_wrong_password_and_unknown_user_look_the_same(desk: Desk) -> None:
    with pytest.raises(LoginError) as wrong:
        login(desk, "canbo", "sai-mat-khau")
    with pytest.raises(LoginError) as unknown:
        login(desk, "khong-co", "sai-mat-khau")
    assert str(wrong.value) == str(unknown.value)


def test_lockout_after_five_failures_then_unlocks_in_time(desk: Desk, clock: ManualClock) -> None:
    for _ in range(5):
        with pytest.raises(LoginError, match="Sai"):
            login(desk, "canbo", "sai-mat-khau")
    with pytest.raises(LoginError, match="tạm khoá"):
        login(desk, "canbo", PASSWORDS["canbo"])  # even the right password
    clock.now += timedelta(minutes=16)
    assert login(desk, "canbo", PASSWORDS["canbo"]).username == "canbo"
    with desk.store.read() as s:
        officer = s.scalars(select(Officer).where(Officer.username == "canbo")).one()
        assert officer.failed_logins == 0 and officer.locked_until is None


def test_failed_and_successful_logins_are_audited(desk: Desk) -> None:
    with pytest.raises(LoginError):
        login(desk, "canbo", "sai-mat-khau")
    login(desk, "canbo", PASSWORDS["canbo"])
    with desk.store.read() as s:
        actions = [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq))]
    assert actions[-2:] == ["officer.login_failed", "officer.login"]


def test_administrator_locks_and_unlocks(desk: Desk, admin: Actor) -> None:
    set_locked(desk, admin, "canbo", True)
    with pytest.raises(LoginError, match="đã bị khoá"):
        login(desk, "canbo", PASSWORDS["canbo"])
    set_locked(desk, admin, "canbo", False)
    assert login(desk, "canbo", PASSWORDS["canbo"]).username == "canbo"


def test_password_reset_by_administrator(desk: Desk, admin: Actor) -> None:
    set_password(desk, admin, "canbo", "mat-khau-moi-2026")
    with pytest.raises(LoginError):
        login(desk, "canbo", PASSWORDS["canbo"])
    assert login(desk, "canbo", "mat-khau-moi-2026").username == "canbo"


def test_only_administrators_manage_accounts(desk: Desk, officer: Actor, supervisor: Actor) -> None:
    for actor in (officer, supervisor):
        with pytest.raises(DomainError, match="quản trị"):
            add_officer(desk, actor, "moi", "Người Mới", Role.OFFICER, "mat-khau-dai")
        with pytest.raises(DomainError, match="quản trị"):
            set_locked(desk, actor, "canbo", True)


def test_first_account_needs_no_admin_but_later_ones_do(desk: Desk) -> None:
    with pytest.raises(DomainError, match="Cần đăng nhập quản trị"):
        add_officer(desk, None, "moi", "Người Mới", Role.ADMINISTRATOR, "mat-khau-dai")


@pytest.mark.parametrize(
    ("username", "name", "password", "message"),
    [
        ("canbo", "Trùng Tên", "mat-khau-dai", "đã có"),
        ("a b", "Sai Tên", "mat-khau-dai", "không hợp lệ"),
        ("moi", "  ", "mat-khau-dai", "họ và tên"),
        ("moi", "Người Mới", "ngan", "ít nhất 8"),
    ],
)
def test_bad_account_input(
    desk: Desk, admin: Actor, username: str, name: str, password: str, message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        add_officer(desk, admin, username, name, Role.OFFICER, password)
