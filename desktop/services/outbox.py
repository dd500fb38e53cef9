"""Hàng đợi gửi lên cổng — the outbox the sync pushes, one event per act."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from desktop.services.context import Desk
from desktop.store.models import OutboxEvent

OUTBOX_SCHEMA = 1


def enqueue(
    session: Session, desk: Desk, kind: str, body: dict[str, Any], dossier_id: str | None = None
) -> OutboxEvent:
    """Queue an event in the caller's transaction; its UUID is the portal's idempotency key."""
    event_id = str(uuid.uuid4())
    event = OutboxEvent(
        event_id=event_id,
        dossier_id=dossier_id,
        kind=kind,
        body={
            "schema": OUTBOX_SCHEMA,
            "event_id": event_id,
            "desk_id": desk.desk_id,
            "kind": kind,
            **body,
        },
        created_at=desk.now(),
        status="pending",
        attempts=0,
    )
    session.add(event)
    return event
