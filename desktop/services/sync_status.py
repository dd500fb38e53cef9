"""Tình trạng đồng bộ — what the officer sees of the sync: online or not, the last
successful sync, acts waiting to go up, and the conflicts waiting for an officer.

The sync itself lives in ``sync.client``; the window records each attempt's outcome here
so the status survives a restart of the desk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

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


@dataclass
class SyncRecord:
    """Kết quả đồng bộ gần nhất — the last attempts' outcome, kept in the ``sync_status``
    row (times as UTC text) so the status bar survives a restart. The desk writes it
    itself after each attempt, not an officer: it is not audited."""

    ROW: ClassVar[str] = "sync_status"
    online: bool | None = None  # None: not tried yet
    last_attempt: datetime | None = None
    last_success: datetime | None = None
    last_error: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # what a newer desk wrote: kept

    @classmethod
    def load(cls, session: Session) -> SyncRecord:
        found = dict(get_setting(session, cls.ROW) or {})
        online = found.pop("online", None)
        attempt, success = found.pop("last_attempt", None), found.pop("last_success", None)
        error = found.pop("last_error", "")
        return cls(online if isinstance(online, bool) else None, _moment(attempt),
                   _moment(success), str(error or ""), found)  # fmt: skip

    def save(self, session: Session) -> None:
        put_setting(session, self.ROW, {
            **self.extra, "online": self.online, "last_error": self.last_error,
            "last_attempt": utc_text(self.last_attempt) if self.last_attempt else None,
            "last_success": utc_text(self.last_success) if self.last_success else None,
        })  # fmt: skip


def is_enrolled(session: Session) -> bool:
    """Whether the desk has enrolled with the portal (its ``portal`` row exists)."""
    return get_setting(session, "portal") is not None


def record_sync(desk: Desk, ok: bool, message: str = "") -> None:
    now = desk.now()
    with desk.store.write() as session:
        record = SyncRecord.load(session)
        record.last_attempt, record.online = now, ok
        record.last_error = "" if ok else message
        if ok:
            record.last_success = now
        record.save(session)


def sync_status(desk: Desk) -> SyncStatus:
    with desk.store.read() as session:
        enrolled = is_enrolled(session)
        record = SyncRecord.load(session)
        counts = {status: n for status, n in session.execute(
            select(OutboxEvent.status, func.count()).where(
                OutboxEvent.status.in_(("pending", "rejected"))).group_by(OutboxEvent.status))}
        conflicts = session.scalar(select(func.count()).select_from(SyncConflict)
                                   .where(SyncConflict.resolved_at.is_(None))) or 0  # fmt: skip
    return SyncStatus(
        enrolled, record.online, record.last_success, record.last_attempt, record.last_error,
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
