"""Tình trạng đồng bộ — what the officer sees of the sync: online or not, the last
successful sync, acts waiting to go up, and the conflicts waiting for an officer.

The sync itself lives in ``sync.client``; the window records each attempt's outcome here
so the status survives a restart of the desk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

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
    desk_label: str  # what the desk did: an act's name, or a fee, a receipt, a void


E = TypeVar("E", Act, DossierState)

# Events that are not acts, named for the conflicts panel.
EVENT_LABELS = {"fee.payment": "Thu phí, lệ phí", "receipt.issued": "Lập biên lai thu phí",
                "receipt.voided": "Huỷ biên lai"}  # fmt: skip


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
            state = DossierState(dossier.state)
            act = _known(Act, body.get("act"), Act.RECEIVE)
            label = act.label_vi if event.kind == "dossier.act" else EVENT_LABELS.get(
                event.kind, event.kind)  # fmt: skip
            if body.get("payment_kind") == "refund":
                label = "Hoàn trả phí, lệ phí"
            payload = body.get("payload")
            views.append(ConflictView(
                conflict.id, dossier.id, dossier.code, dossier.applicant_name, conflict.message,
                conflict.created_at, act, names.get(officer, officer),
                _moment(body.get("at") or body.get("issued_at") or body.get("voided_at")),
                _known(DossierState, body.get("to_state"), state),
                dict(payload) if isinstance(payload, dict) else {}, state, label))  # fmt: skip
        return views


def _known(kind: type[E], value: object, default: E) -> E:
    """The enum member named by an outbox body, or ``default`` for what this desk does not
    know (a rejected event is shown whatever it holds)."""
    try:
        return kind(str(value))
    except ValueError:
        return default


def _moment(value: object) -> datetime | None:
    try:
        return from_utc_text(value) if isinstance(value, str) else None
    except ValueError:
        return None
