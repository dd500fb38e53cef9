"""Routes of the desks' audit chains: anchoring a head, declaring a restore, reading the
head the portal holds (``motcua audit verify --portal``)."""

from fastapi import APIRouter

from sync.portal import audit_heads
from sync.portal.http import ERRORS, Database, Db, Desk
from sync.protocol import (
    AuditAnchorReply,
    AuditAnchorRequest,
    AuditHeadWire,
    AuditRestoreReply,
    AuditRestoreRequest,
)

router = APIRouter()


@router.put("/v1/offices/{office_code}/audit-head", responses=ERRORS)
def anchor_audit_head(
    office_code: str, request: AuditAnchorRequest, desk: Desk, db: Database
) -> AuditAnchorReply:
    """Anchor the head of this desk's audit chain (refused, and recorded, when the
    chain no longer holds the head anchored before)."""
    with db.transaction() as s:
        return audit_heads.anchor(s, desk.desk_id, request)


@router.post("/v1/offices/{office_code}/audit-restore", responses=ERRORS)
def declare_audit_restore(
    office_code: str, request: AuditRestoreRequest, desk: Desk, db: Database
) -> AuditRestoreReply:
    """A restored desk's chain goes on from its backup's head, if the portal saw it."""
    with db.transaction() as s:
        return audit_heads.declare_restore(s, desk.desk_id, request)


@router.get("/v1/offices/{office_code}/audit-head", responses=ERRORS)
def audit_head(office_code: str, desk: Desk, s: Db) -> AuditHeadWire:
    """The head of this desk's audit chain the portal holds, for ``motcua audit verify``."""
    return audit_heads.head_of(s, desk.desk_id)
