"""Nhật ký kiểm tra — writing the hash-chained audit log and verifying it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.audit import GENESIS_HASH, entry_hash
from desktop.services.context import Actor, Desk
from desktop.store.db import Store
from desktop.store.models import AuditEntry


def _fields(e: AuditEntry) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "at": e.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "officer_id": e.officer_id,
        "desk_id": e.desk_id,
        "action": e.action,
        "subject": e.subject,
        "before": e.before,
        "after": e.after,
    }


def record_audit(
    session: Session,
    desk: Desk,
    actor: Actor,
    action: str,
    subject: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry, chained to the last one; call inside the act's own transaction."""
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    entry = AuditEntry(
        seq=seq,
        at=desk.now(),
        officer_id=actor.officer_id,
        desk_id=desk.desk_id,
        action=action,
        subject=subject,
        before=before,
        after=after,
        prev_hash=prev,
    )
    entry.hash = entry_hash(prev, _fields(entry))
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class AuditReport:
    entries: int
    first_broken: int | None  # seq of the first entry that does not verify
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.first_broken is None


def verify_audit(store: Store) -> AuditReport:
    """Walk the chain from the start; name the first entry altered, missing or out of place."""
    prev, expected_seq, count = GENESIS_HASH, 1, 0
    with store.read() as session:
        for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
            count += 1
            if entry.seq != expected_seq:
                return AuditReport(
                    count, expected_seq, f"mục {expected_seq} bị xoá (tiếp theo là {entry.seq})"
                )
            if entry.prev_hash != prev:
                return AuditReport(count, entry.seq, "liên kết với mục trước không khớp")
            if entry_hash(prev, _fields(entry)) != entry.hash:
                return AuditReport(count, entry.seq, "nội dung đã bị sửa")
            prev, expected_seq = entry.hash, expected_seq + 1
    return AuditReport(count, None)
