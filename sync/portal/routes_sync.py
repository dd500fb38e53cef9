"""Routes a desk writes through: its events (acts, payments, receipts), the digests it
reconciles against, and what it gives back to a portal restored from an older backup."""

from fastapi import APIRouter

from sync.portal import give_back, service
from sync.portal.http import ERRORS, Database, Db, Desk
from sync.protocol import (
    DigestReply,
    DigestRequest,
    GiveBackReply,
    GiveBackRequest,
    PushRequest,
    PushResponse,
)

router = APIRouter()


@router.post("/v1/offices/{office_code}/give-back", responses=ERRORS)
def give_back_facts(
    office_code: str, request: GiveBackRequest, desk: Desk, db: Database
) -> GiveBackReply:
    """What a portal restored from an older backup lost and a desk still holds: the
    portal's own acts (citizens', online), payments made online and this desk's receipt
    blocks — each taken back only under the portal's own seal, each in its own
    transaction, with its original id, time and author."""
    return GiveBackReply(results=give_back.take_back(
        db.transaction, desk.desk_id, desk.office_code, request.facts))  # fmt: skip


@router.post("/v1/offices/{office_code}/digests", responses=ERRORS)
def reconcile_digests(office_code: str, request: DigestRequest, desk: Desk, s: Db) -> DigestReply:
    return service.digests(s, office_code, request)


@router.post("/v1/offices/{office_code}/events", responses=ERRORS)
def push(office_code: str, request: PushRequest, desk: Desk, db: Database) -> PushResponse:
    results = service.apply_events(db.transaction, desk.desk_id, desk.office_code, request.events)
    return PushResponse(results=results)
