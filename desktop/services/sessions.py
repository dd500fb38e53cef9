"""Phiên làm việc tại quầy — the desk's idle lock and the session pickups of Đ12.8.

Đ12.8: at the start of each morning and afternoon session of a working day the one-stop
desk checks the portal for new online dossiers. The desk does it itself (a sync) and logs
each pickup, so a supervisor can see any session in which nobody looked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from desktop.core.accounts import Role
from desktop.core.calendar import Session as DaySession
from desktop.core.lifecycle import DomainError, DossierState
from desktop.services import options
from desktop.services.context import Actor, Desk
from desktop.store.models import Dossier, SessionPickup

DEFAULT_LOCK_MINUTES = options.IDLE_LOCK.default
LOCK_RANGE = (options.IDLE_LOCK.minimum, options.IDLE_LOCK.maximum)
AWAITING_CHECK = (DossierState.SUBMITTED.value, DossierState.SUPPLEMENTED.value)


# --- idle lock --------------------------------------------------------------------------------


def lock_minutes(desk: Desk) -> int:
    """Minutes without a keystroke or click after which the desk locks itself."""
    return options.read_desk(desk, options.IDLE_LOCK)


def set_lock_minutes(desk: Desk, admin: Actor, minutes: int) -> None:
    """Administrator only, audited."""
    if admin.role is not Role.ADMINISTRATOR:
        raise DomainError("Chỉ quản trị hệ thống được đặt thời gian tự khoá màn hình.")
    options.change_settings(desk, admin, {options.IDLE_LOCK: minutes})


# --- session pickups (Đ12.8) --------------------------------------------------------------------


@dataclass(frozen=True)
class WorkSession:
    day: date
    session: DaySession

    def label_vi(self) -> str:
        return f"{self.session.label_vi} {self.day:%d/%m/%Y}"


def session_at(desk: Desk, moment: datetime) -> WorkSession | None:
    """The working session ``moment`` falls in (opening to closing), if any."""
    local = moment.astimezone(desk.calendar.tz)
    if not desk.calendar.is_working_day(local.date()):
        return None
    for session in DaySession:
        start, end = desk.calendar.hours.span(session)
        if start <= local.time() < end:
            return WorkSession(local.date(), session)
    return None


def _picked_up(desk: Desk, ws: WorkSession) -> bool:
    with desk.store.read() as s:
        return bool(s.scalar(select(func.count()).select_from(SessionPickup).where(
            SessionPickup.day == ws.day, SessionPickup.session == ws.session.value,
            SessionPickup.ok.is_(True))))  # fmt: skip


def pickup_due(desk: Desk) -> WorkSession | None:
    """The session now under way, when the desk has not yet checked for new dossiers in it."""
    ws = session_at(desk, desk.now())
    return ws if ws is not None and not _picked_up(desk, ws) else None


def awaiting_check(desk: Desk, actor: Actor, since: datetime | None = None) -> int:
    """Dossiers waiting for the completeness check (new or supplemented); with ``since``,
    only those that arrived or changed at this desk since then."""
    query = select(func.count()).select_from(Dossier).where(
        Dossier.office_code == actor.office_code, Dossier.state.in_(AWAITING_CHECK))
    if since is not None:
        query = query.where(Dossier.updated_at >= since)
    with desk.store.read() as s:
        return int(s.scalar(query) or 0)


def record_pickup(
    desk: Desk, actor: Actor | None, ws: WorkSession, ok: bool, new_dossiers: int, message: str = ""
) -> None:
    with desk.store.write() as s:
        s.add(SessionPickup(day=ws.day, session=ws.session.value, at=desk.now(),
                            officer_id=actor.officer_id if actor else None, ok=ok,
                            new_dossiers=new_dossiers, message=message))  # fmt: skip


def missed_sessions(desk: Desk, first: date, last: date | None = None) -> list[WorkSession]:
    """Working sessions from ``first`` to ``last`` (default: today) already begun, in which
    the desk never checked the portal successfully. The session under way counts only once
    it has been open for an hour."""
    now = desk.now()
    today = now.astimezone(desk.calendar.tz).date()
    last = min(last or today, today)
    with desk.store.read() as s:
        done = {(d, sess) for d, sess in s.execute(
            select(SessionPickup.day, SessionPickup.session).where(
                SessionPickup.day.between(first, last), SessionPickup.ok.is_(True)))}  # fmt: skip
    missed = []
    day = first
    while day <= last:
        if desk.calendar.is_working_day(day):
            for session in DaySession:
                opening = datetime.combine(day, desk.calendar.hours.span(session)[0],
                                           desk.calendar.tz)  # fmt: skip
                if opening + timedelta(hours=1) <= now and (day, session.value) not in done:
                    missed.append(WorkSession(day, session))
        day += timedelta(days=1)
    return missed
