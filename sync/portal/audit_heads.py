"""Neo nhật ký kiểm tra — each desk's audit-chain head, held where the desk cannot edit it.

Anyone holding a desk's SQLite file can recompute every hash of its audit chain, or cut
its newest entries. The desk therefore sends its head (seq, hash) at each sync, with its
own hash of the entry the portal anchored last. The portal moves the head forward only when
that proof matches what it holds: a chain rebuilt or cut before the anchored entry is
refused, and the refusal is recorded as a tamper signal for the province (never a crash,
never an error that would stop the desk's sync).

A desk restored from its backup goes on from an older point: its chain no longer holds the
head anchored last. It declares the restore (``declare_restore``) with its backup's head;
the portal takes it only when that head is one it accepted from this desk before (every
accepted head is kept, ``audit_heads_seen``), records the restore with the head it
abandons, and holds the restore's entry as the head the chain now continues from.

What the portal cannot see: entries written after the last anchor and changed before the
next sync; a desk that never syncs again.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.audit import entry_hash
from sync.portal.models import (
    PortalAuditHead,
    PortalAuditHeadSeen,
    PortalAuditRefusal,
    PortalAuditRestore,
    PortalDesk,
)
from sync.protocol import (
    AuditAnchorReply,
    AuditAnchorRequest,
    AuditHeadWire,
    AuditRestoreReply,
    AuditRestoreRequest,
)

RESTORE_ACTION = "backup.restore"  # the entry a desk's restore writes after the backup's head


def head_of(session: Session, desk_id: str) -> AuditHeadWire:
    held = session.get(PortalAuditHead, desk_id)
    refused = session.scalar(
        select(func.count()).select_from(PortalAuditRefusal)
        .where(PortalAuditRefusal.desk_id == desk_id)
    ) or 0  # fmt: skip
    restores = session.scalar(
        select(func.count()).select_from(PortalAuditRestore)
        .where(PortalAuditRestore.desk_id == desk_id)
    ) or 0  # fmt: skip
    if held is None:
        return AuditHeadWire(refused=refused, restores=restores)
    return AuditHeadWire(seq=held.seq, hash=held.hash, refused=refused, restores=restores)


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
    _hold(session, desk_id, request.seq, request.hash, now)
    return AuditAnchorReply(status="anchored", head=head_of(session, desk_id))


def _hold(session: Session, desk_id: str, seq: int, hash_: str, now: datetime) -> None:
    """Make (seq, hash) the head held for the desk, and keep it among the heads seen."""
    held = session.get(PortalAuditHead, desk_id)
    if held is None:
        session.add(PortalAuditHead(desk_id=desk_id, seq=seq, hash=hash_, anchored_at=now))
    else:
        held.seq, held.hash, held.anchored_at = seq, hash_, now
    seen = session.get(PortalAuditHeadSeen, (desk_id, seq))
    if seen is None:
        session.add(PortalAuditHeadSeen(desk_id=desk_id, seq=seq, hash=hash_, anchored_at=now))
    else:  # a seq seen before on an abandoned branch: the newest branch's hash is kept
        seen.hash, seen.anchored_at = hash_, now
    session.flush()


def declare_restore(
    session: Session, desk_id: str, request: AuditRestoreRequest
) -> AuditRestoreReply:
    """Take a restored desk's new chain if it starts from a head the portal accepted from
    this desk; refuse (changing nothing) a backup head it never saw: it could hide
    entries rewritten before any anchor."""
    session.get(PortalDesk, desk_id, with_for_update=True)
    held = session.get(PortalAuditHead, desk_id)
    if held is not None and (held.seq, held.hash) == (request.seq, request.hash):
        return AuditRestoreReply(status="accepted", head=head_of(session, desk_id))  # again
    seen = session.get(PortalAuditHeadSeen, (desk_id, request.backup_seq))
    reason = ""
    if seen is None or seen.hash != request.backup_hash:
        reason = (f"mốc của bản sao lưu (mục #{request.backup_seq}) chưa từng được cổng neo "
                  "cho bàn này, nên không thể xác nhận nhật ký trước nó không bị sửa. Hãy "
                  "khôi phục từ một bản sao lưu làm ngay sau một lần đồng bộ, hoặc báo "
                  "quản trị tỉnh")  # fmt: skip
    elif request.seq != request.backup_seq + 1 or not _chains_to_backup(request):
        reason = (f"mục khôi phục #{request.seq} không nối tiếp mốc của bản sao lưu "
                  f"(mục #{request.backup_seq})")  # fmt: skip
    if reason:
        return AuditRestoreReply(
            status="refused", head=head_of(session, desk_id),
            message=f"Cổng không nhận khai báo khôi phục: {reason}.",
        )  # fmt: skip
    now = datetime.now(UTC)
    session.add(PortalAuditRestore(
        desk_id=desk_id, backup_seq=request.backup_seq, backup_hash=request.backup_hash,
        abandoned_seq=held.seq if held else 0, abandoned_hash=held.hash if held else "",
        restore_seq=request.seq, restore_hash=request.hash,
        restored_by=request.restored_by or "?", restored_at=request.at, at=now,
    ))  # fmt: skip
    _hold(session, desk_id, request.seq, request.hash, now)
    return AuditRestoreReply(status="accepted", head=head_of(session, desk_id))


def _chains_to_backup(request: AuditRestoreRequest) -> bool:
    """The restore's entry, hashed as the desk hashes it, chained to the backup's head."""
    fields = {"seq": request.seq, "at": request.at, "officer_id": request.officer_id,
              "desk_id": request.desk_id, "action": RESTORE_ACTION, "subject": request.subject,
              "before": request.before, "after": request.after}  # fmt: skip
    try:
        return entry_hash(request.backup_hash, fields) == request.hash
    except (TypeError, ValueError):  # a text JSON or UTF-8 cannot carry: not the desk's
        return False


def restores_of(session: Session, desk_id: str) -> list[PortalAuditRestore]:
    """The restores a desk declared, oldest first (what a supervisor reviews)."""
    return list(session.scalars(
        select(PortalAuditRestore).where(PortalAuditRestore.desk_id == desk_id)
        .order_by(PortalAuditRestore.id)
    ))  # fmt: skip
