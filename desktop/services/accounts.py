"""Tài khoản cán bộ — add, change password, lock, and log in offline."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.accounts import (
    LockoutPolicy,
    PasswordError,
    Role,
    check_password_strength,
    hash_password,
    locked_until_after_failure,
    verify_password,
)
from desktop.core.lifecycle import DomainError
from desktop.services.audit import ACCOUNT_STATE, account_state, audited_accounts, record_audit
from desktop.services.context import Actor, Desk
from desktop.store.models import Office, Officer


class LoginError(DomainError):
    pass


def actor_of(officer: Officer) -> Actor:
    return Actor(
        officer.id, officer.username, officer.full_name, Role(officer.role), officer.office_code
    )


def _require_admin(actor: Actor | None) -> None:
    if actor is not None and actor.role is not Role.ADMINISTRATOR:
        raise DomainError("Chỉ quản trị hệ thống mới quản lý được tài khoản.")


def has_officers(desk: Desk) -> bool:
    with desk.store.read() as session:
        return bool(session.scalar(select(func.count()).select_from(Officer)))


def add_officer(
    desk: Desk,
    admin: Actor | None,
    username: str,
    full_name: str,
    role: Role,
    password: str,
) -> Actor:
    """Tạo tài khoản. ``admin`` may be None only for the very first account of a desk."""
    username = username.strip().lower()
    if not username or not username.replace(".", "").replace("_", "").isalnum():
        raise DomainError(
            f"Tên đăng nhập “{username}” không hợp lệ (chữ, số, dấu chấm, gạch dưới)."
        )
    if not full_name.strip():
        raise DomainError("Phải nhập họ và tên cán bộ.")
    check_password_strength(password)
    _require_admin(admin)
    with desk.store.write() as session:
        if admin is None and session.scalar(select(func.count()).select_from(Officer)):
            raise DomainError("Cần đăng nhập quản trị để thêm tài khoản.")
        if admin is None and role is not Role.ADMINISTRATOR:
            raise DomainError("Tài khoản đầu tiên của bàn phải là quản trị hệ thống.")
        if session.scalar(select(Officer).where(Officer.username == username)):
            raise DomainError(f"Tên đăng nhập “{username}” đã có.")
        if session.get(Office, desk.office_code) is None:
            raise DomainError(f"Cơ quan {desk.office_code} chưa có trong cơ sở dữ liệu.")
        officer = Officer(
            username=username,
            full_name=full_name.strip(),
            role=role.value,
            office_code=desk.office_code,
            password_hash=hash_password(password),
            failed_logins=0,
            disabled=False,
            created_at=desk.now(),
        )
        session.add(officer)
        session.flush()
        new_actor = actor_of(officer)
        record_audit(
            session,
            desk,
            admin or new_actor,
            "officer.add",
            username,
            None,
            {"full_name": officer.full_name, "role": role.value,
             ACCOUNT_STATE: account_state(officer)},
        )  # fmt: skip
        return new_actor


def _officer(session_officer: Officer | None, username: str) -> Officer:
    if session_officer is None:
        raise DomainError(f"Không có tài khoản “{username}”.")
    return session_officer


def set_password(desk: Desk, admin: Actor, username: str, password: str) -> None:
    """Đặt lại mật khẩu (by an administrator); also lifts a failed-login lock."""
    _require_admin(admin)
    check_password_strength(password)
    with desk.store.write() as session:
        officer = _officer(
            session.scalar(select(Officer).where(Officer.username == username)), username
        )
        officer.password_hash = hash_password(password)
        officer.failed_logins, officer.locked_until = 0, None
        record_audit(session, desk, admin, "officer.password", username, None,
                     {ACCOUNT_STATE: account_state(officer)})  # fmt: skip


def set_locked(desk: Desk, admin: Actor, username: str, locked: bool) -> None:
    """Khoá / mở khoá tài khoản."""
    _require_admin(admin)
    if locked and username == admin.username:
        raise DomainError("Không thể tự khoá tài khoản đang dùng.")
    with desk.store.write() as session:
        officer = _officer(
            session.scalar(select(Officer).where(Officer.username == username)), username
        )
        before = {"disabled": officer.disabled}
        officer.disabled = locked
        if not locked:
            officer.failed_logins, officer.locked_until = 0, None
        record_audit(
            session,
            desk,
            admin,
            "officer.lock" if locked else "officer.unlock",
            username,
            before,
            {"disabled": locked, ACCOUNT_STATE: account_state(officer)},
        )


def audit_account_changes(
    session: Session, desk: Desk, actor: Actor, action: str, usernames: Collection[str]
) -> int:
    """One entry for each of these accounts that is not as the log last recorded it (new, or
    changed), with its state now: the accounts the portal just sent, written over the rows.
    Only those: an account edited into the file stays unaudited, and so reported. Returns
    how many entries were written."""
    audited = audited_accounts(session)
    written = 0
    for officer in session.scalars(
        select(Officer).where(Officer.username.in_(list(usernames))).order_by(Officer.username)
    ):
        state = account_state(officer)
        if audited.get(officer.username) != state:
            record_audit(session, desk, actor, action, officer.username, None,
                         {"full_name": officer.full_name, ACCOUNT_STATE: state})  # fmt: skip
            written += 1
    return written


def login(desk: Desk, username: str, password: str, policy: LockoutPolicy | None = None) -> Actor:
    """Đăng nhập, offline against this desk's accounts; failures are counted and audited."""
    policy = policy or LockoutPolicy()
    username = username.strip().lower()
    now = desk.now()
    # The outcome (success or a counted failure) must be committed even when login fails,
    # so the error is raised after the transaction.
    failure: str | None = None
    with desk.store.write() as session:
        officer = session.scalar(select(Officer).where(Officer.username == username))
        if officer is None:
            failure = "Sai tên đăng nhập hoặc mật khẩu."
        elif officer.office_code != desk.office_code:
            failure = "Tài khoản không thuộc cơ quan của bàn này."
        elif officer.disabled:
            failure = "Tài khoản đã bị khoá, liên hệ quản trị hệ thống."
        elif officer.locked_until is not None and officer.locked_until > now:
            failure = (
                "Tài khoản tạm khoá do nhập sai mật khẩu nhiều lần, thử lại sau "
                f"{officer.locked_until.astimezone(desk.calendar.tz):%H:%M}."
            )
        elif not verify_password(password, officer.password_hash):
            officer.failed_logins += 1
            officer.locked_until = locked_until_after_failure(officer.failed_logins, now, policy)
            failure = "Sai tên đăng nhập hoặc mật khẩu."
            record_audit(
                session,
                desk,
                actor_of(officer),
                "officer.login_failed",
                username,
                None,
                {"failed_logins": officer.failed_logins},
            )
        else:
            officer.failed_logins, officer.locked_until = 0, None
            actor = actor_of(officer)
            record_audit(session, desk, actor, "officer.login", username)
    if failure is not None:
        raise LoginError(failure)
    return actor


def authenticate_admin(desk: Desk, username: str, password: str) -> Actor:
    actor = login(desk, username, password)
    if actor.role is not Role.ADMINISTRATOR:
        raise DomainError(f"Tài khoản “{username}” không phải quản trị hệ thống.")
    return actor


__all__ = [
    "LoginError",
    "PasswordError",
    "actor_of",
    "add_officer",
    "audit_account_changes",
    "authenticate_admin",
    "has_officers",
    "login",
    "set_locked",
    "set_password",
]
