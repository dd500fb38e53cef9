"""Tình trạng đồng bộ — what the officer sees of the sync: online or not, the last
successful sync, acts waiting to go up, and the conflicts waiting for an officer.

The sync itself lives in ``sync.client``; the window records each attempt's outcome here
so the status survives a restart of the desk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from desktop.core.lifecycle import Act, DossierState
from desktop.core.moments import from_utc_text, utc_text
from desktop.services.context import Actor, Desk
from desktop.services.settings import get_setting, put_setting
from desktop.store.models import Dossier, Officer, OutboxEvent, SyncConflict


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    online: bool | None  # None: not tried since the desk started
    last_success: datetime | None
    last_attempt: datetime | None
    last_error: str
    pending: int  # acts and payments waiting to be sent
    conflicts: int  # conflicts no officer has resolved yet
    rejected: int  # events the portal refused (kept, visible)


def record_sync(desk: Desk, ok: bool, message: str = "") -> None:
    now = desk.now()
    with desk.store.write() as session:
        status = get_setting(session, "sync_status") or {}
        status.update(last_attempt=utc_text(now), online=ok, last_error="" if ok else message)
        if ok:
            status["last_success"] = utc_text(now)
        put_setting(session, "sync_status", status)


def sync_status(desk: Desk) -> SyncStatus:
    with desk.store.read() as session:
        enrolled = get_setting(session, "portal") is not None
        status = get_setting(session, "sync_status") or {}
        counts = {status: n for status, n in session.execute(
            select(OutboxEvent.status, func.count()).where(
                OutboxEvent.status.in_(("pending", "rejected"))).group_by(OutboxEvent.status))}
        conflicts = session.scalar(select(func.count()).select_from(SyncConflict)
                                   .where(SyncConflict.resolved_at.is_(None))) or 0  # fmt: skip
    return SyncStatus(
        enrolled, status.get("online"), from_utc_text(status.get("last_success")),
        from_utc_text(status.get("last_attempt")), str(status.get("last_error", "")),
        int(counts.get("pending", 0)), int(conflicts), int(counts.get("rejected", 0)),
    )  # fmt: skip


@dataclass(frozen=True)
class ConflictView:
    """One side of a conflict is the desk's refused act; the other is the dossier as the
    portal has it (fetched by the window when it is online)."""

    id: int
    dossier_id: str
    dossier_code: str
    applicant_name: str
    message: str  # the portal's word
    created_at: datetime
    desk_act: Act
    desk_officer: str
    desk_at: datetime | None
    desk_to_state: DossierState
    desk_payload: dict[str, Any]
    local_state: DossierState


def open_conflicts(desk: Desk, actor: Actor) -> list[ConflictView]:
    with desk.store.read() as session:
        names = {u: n for u, n in session.execute(select(Officer.username, Officer.full_name))}
        rows = session.execute(
            select(SyncConflict, OutboxEvent, Dossier)
            .join(OutboxEvent, OutboxEvent.event_id == SyncConflict.event_id)
            .join(Dossier, Dossier.id == SyncConflict.dossier_id)
            .where(SyncConflict.resolved_at.is_(None), Dossier.office_code == actor.office_code)
            .order_by(SyncConflict.id)
        ).all()
        views = []
        for conflict, event, dossier in rows:
            body = event.body
            officer = str(body.get("officer", ""))
            views.append(ConflictView(
                conflict.id, dossier.id, dossier.code, dossier.applicant_name, conflict.message,
                conflict.created_at, Act(body.get("act", "receive")),
                names.get(officer, officer), from_utc_text(body.get("at")),
                DossierState(body.get("to_state", dossier.state)), dict(body.get("payload", {})),
                DossierState(dossier.state)))  # fmt: skip
        return views
