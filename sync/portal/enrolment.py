"""Ghi danh bàn — enrolment codes, desks' tokens, and who may read which office."""

from __future__ import annotations

import math
import secrets
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sync.portal.base import PortalError, epoch, sha, utc_now
from sync.portal.models import EnrolmentCode, EnrolmentFailure, PortalDesk, PortalOffice
from sync.protocol import EnrolRequest, EnrolResponse, OfficeWire

ENROLMENT_CODE_LIFETIME = timedelta(hours=24)
GUESSES_ALLOWED = 5  # wrong codes from one address within GUESS_WINDOW, then 429
GUESS_WINDOW = timedelta(minutes=10)


def create_enrolment_code(session: Session, office_code: str, now: datetime | None = None) -> str:
    """A one-time code for a desk of the office, valid ENROLMENT_CODE_LIFETIME from ``now``."""
    if session.get(PortalOffice, office_code) is None:
        raise PortalError(404, f"Không có cơ quan mã {office_code}.")
    code = "-".join(secrets.token_hex(2).upper() for _ in range(4))
    session.add(
        EnrolmentCode(code_hash=sha(code), office_code=office_code, created_at=now or utc_now())
    )
    return code


def enrol(
    transaction: Callable[[], AbstractContextManager[Session]], request: EnrolRequest, client: str
) -> EnrolResponse:
    """Ghi danh một bàn. A wrong, used or expired code counts against the sender's address;
    after GUESSES_ALLOWED of them within GUESS_WINDOW the address is refused, even with a
    right code, until enough of them are older than the window."""
    now = utc_now()
    with transaction() as session:
        _refuse_if_guessing(session, client, now)
        entry = session.get(EnrolmentCode, sha(request.code.strip().upper()))
        refused = _why_refused(entry, now)
        if not refused:
            assert entry is not None  # a missing code is refused
            return _enrol_desk(session, entry, request, now)
        # Remembered in this transaction, which commits: the refusal is raised after it.
        session.execute(delete(EnrolmentFailure).where(EnrolmentFailure.at <= now - GUESS_WINDOW))
        session.add(EnrolmentFailure(client=client, at=now))
    raise PortalError(401, refused)


def _refuse_if_guessing(session: Session, client: str, now: datetime) -> None:
    # On SQLite the writing transaction holds the lock, so concurrent guesses are counted
    # one after the other; on PostgreSQL a burst may slip a few extra guesses in.
    recent = session.scalars(
        select(EnrolmentFailure.at)
        .where(EnrolmentFailure.client == client, EnrolmentFailure.at > now - GUESS_WINDOW)
        .order_by(EnrolmentFailure.at)
    ).all()
    if len(recent) < GUESSES_ALLOWED:
        return
    # Free again once only GUESSES_ALLOWED - 1 of these are left in the window.
    free_at = recent[len(recent) - GUESSES_ALLOWED] + GUESS_WINDOW
    seconds = max(1, math.ceil((free_at - now).total_seconds()))
    raise PortalError(
        429,
        f"Đã nhập sai mã ghi danh {len(recent)} lần từ địa chỉ này; "
        f"thử lại sau {math.ceil(seconds / 60)} phút.",
        headers={"Retry-After": str(seconds)},
    )


def _why_refused(entry: EnrolmentCode | None, now: datetime) -> str | None:
    if entry is None or entry.used_at is not None:
        return "Mã ghi danh không đúng hoặc đã được dùng."
    if now >= entry.created_at + ENROLMENT_CODE_LIFETIME:
        return (
            "Mã ghi danh đã hết hạn (mã chỉ dùng được trong 24 giờ); "
            "xin quản trị cổng cấp mã mới (motcua portal enrol-desk)."
        )
    return None


def _enrol_desk(
    session: Session, entry: EnrolmentCode, request: EnrolRequest, now: datetime
) -> EnrolResponse:
    office = session.get(PortalOffice, entry.office_code)
    assert office is not None
    token = secrets.token_urlsafe(32)
    desk = PortalDesk(
        id=str(uuid.uuid4()),
        desk_uuid=request.desk_uuid,
        name=request.desk_name,
        office_code=office.code,
        token_hash=sha(token),
        enrolled_at=now,
    )
    session.add(desk)
    entry.used_at, entry.desk_id = now, desk.id
    return EnrolResponse(
        desk_id=desk.id, token=token, office=office_wire(office), epoch=epoch(session)
    )


def authenticate(session: Session, token: str | None) -> PortalDesk:
    if not token:
        raise PortalError(401, "Thiếu thông tin xác thực của bàn (Authorization: Bearer …).")
    desk = session.scalar(select(PortalDesk).where(PortalDesk.token_hash == sha(token)))
    if desk is None:
        raise PortalError(401, "Thông tin xác thực của bàn không hợp lệ.")
    if desk.revoked_at is not None:
        raise PortalError(401, "Bàn đã bị thu hồi quyền truy cập.")
    return desk


def revoke_desk(session: Session, desk_id: str) -> None:
    desk = session.get(PortalDesk, desk_id)
    if desk is None:
        raise PortalError(404, f"Không có bàn {desk_id}.")
    if desk.revoked_at is None:  # revoking again must not move the day its key stopped
        desk.revoked_at = utc_now()


def require_office(desk: PortalDesk, office_code: str) -> None:
    if desk.office_code != office_code:
        raise PortalError(403, "Bàn chỉ được truy cập hồ sơ của cơ quan mình.")


def office_wire(o: PortalOffice) -> OfficeWire:
    return OfficeWire(
        code=o.code, name=o.name, address=o.address, level=o.level, tax_code=o.tax_code
    )
