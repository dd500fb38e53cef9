"""Neo nhật ký kiểm tra — each desk's audit-chain head, held where the desk cannot edit it.

Anyone holding a desk's SQLite file can recompute every hash of its audit chain, or cut
its newest entries. The desk therefore sends its head (seq, hash) at each sync, with its
own hash of the entry the portal anchored last. The portal moves the head forward only when
that proof matches what it holds: a chain rebuilt or cut before the anchored entry is
refused, and the refusal is recorded as a tamper signal for the province (never a crash,
never an error that would stop the desk's sync).

What the portal cannot see: entries written after the last anchor and changed before the
next sync; a desk that never syncs again.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.portal.models import PortalAuditHead, PortalAuditRefusal, PortalDesk
from sync.protocol import AuditAnchorReply, AuditAnchorRequest, AuditHeadWire


def head_of(session: Session, desk_id: str) -> AuditHeadWire:
    held = session.get(PortalAuditHead, desk_id)
    refused = session.scalar(
        select(func.count()).select_from(PortalAuditRefusal)
        .where(PortalAuditRefusal.desk_id == desk_id)
    ) or 0  # fmt: skip
    if held is None:
        return AuditHeadWire(refused=refused)
    return AuditHeadWire(seq=held.seq, hash=held.hash, refused=refused)


def anchor(session: Session, desk_id: str, request: AuditAnchorRequest) -> AuditAnchorReply:
    """Take the desk's new head if its chain still holds the entry anchored last."""
    # One desk's heads one at a time (a window's sync and a scheduled one may overlap).
    session.get(PortalDesk, desk_id, with_for_update=True)
    held = session.get(PortalAuditHead, desk_id)
    now = datetime.now(UTC)
    if held is not None:
        reason = ""
        if request.seq < held.seq:
            reason = (f"nhật ký của bàn lùi về mục #{request.seq}, trong khi cổng đã neo "
                      f"mục #{held.seq}")  # fmt: skip
        elif request.proof_seq != held.seq:  # the desk did not know what is held: ask it
            return AuditAnchorReply(
                status="prove",
                head=head_of(session, desk_id),
                message=f"cổng đang giữ mốc ở mục #{held.seq}",
            )
        elif request.proof_hash != held.hash:
            reason = (f"mục #{held.seq} trong nhật ký của bàn "
                      + ("không còn" if not request.proof_hash else "khác với mốc cổng giữ")
                      + ": nhật ký đã bị cắt hoặc tính lại")  # fmt: skip
        elif request.seq == held.seq and request.hash != held.hash:
            reason = f"mục #{held.seq} mang hai mã băm khác nhau"
        if reason:
            session.add(PortalAuditRefusal(
                desk_id=desk_id, held_seq=held.seq, held_hash=held.hash,
                offered_seq=request.seq, offered_hash=request.hash,
                proof_hash=request.proof_hash, reason=reason, at=now,
            ))  # fmt: skip
            session.flush()
            return AuditAnchorReply(
                status="refused",
                head=head_of(session, desk_id),
                message=f"Cổng không nhận mốc nhật ký kiểm tra: {reason}.",
            )
        held.seq, held.hash, held.anchored_at = request.seq, request.hash, now
    else:
        session.add(PortalAuditHead(desk_id=desk_id, seq=request.seq, hash=request.hash,
                                    anchored_at=now))  # fmt: skip
    session.flush()
    return AuditAnchorReply(status="anchored", head=head_of(session, desk_id))
