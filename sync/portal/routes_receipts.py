"""Routes for what desks sign and collect: blocks of receipt numbers, the keys their
printed documents are signed with, and checking a printed document's QR code."""

from fastapi import APIRouter
from sqlalchemy.exc import IntegrityError

from sync.portal import receipts, service
from sync.portal.http import ERRORS, REFUSED, Database, Db, Desk
from sync.protocol import (
    ClosedBlocksReply,
    DocumentKeyRequest,
    DocumentKeysWire,
    ErrorWire,
    ReceiptBlockRequest,
    ReceiptBlockWire,
    RetiredBlocksRequest,
    VerifyReply,
    VerifyRequest,
)

router = APIRouter()


@router.post("/v1/offices/{office_code}/receipt-blocks", responses=REFUSED)
def receipt_block(
    office_code: str, request: ReceiptBlockRequest, desk: Desk, db: Database
) -> ReceiptBlockWire:
    """A block of receipt numbers for this desk alone (the same request, the same block);
    409 when the desk already holds the blocks it may hold unused."""
    try:
        try:
            with db.transaction() as s:  # one writer at a time: SQLite waits, no 500
                return receipts.allot_block(s, desk.desk_id, desk.office_code, request)
        except IntegrityError:  # the same request twice at once: the first copy's block
            with db.transaction() as s:
                return receipts.allot_block(s, desk.desk_id, desk.office_code, request)
    except receipts.Refused as exc:
        raise service.PortalError(409, str(exc)) from None


@router.post("/v1/offices/{office_code}/receipt-blocks/retired", responses=REFUSED)
def retire_receipt_blocks(
    office_code: str, request: RetiredBlocksRequest, desk: Desk, db: Database
) -> ClosedBlocksReply:
    """Close the blocks this desk gave up on a restore, and those allotted to the database
    it lost (their unused numbers void); 409, nothing closed, when one is not this desk's."""
    try:
        with db.transaction() as s:
            closed = receipts.close_after_restore(
                s, desk.desk_id, request.blocks, set(request.keep)
            )
            return ClosedBlocksReply(closed=closed)
    except receipts.Refused as exc:
        raise service.PortalError(409, str(exc)) from None


@router.put(
    "/v1/offices/{office_code}/document-keys", responses={**ERRORS, 409: {"model": ErrorWire}}
)
def register_document_key(
    office_code: str, request: DocumentKeyRequest, desk: Desk, s: Db
) -> DocumentKeysWire:
    """Register this desk's document key; returns every key of the office's desks, each
    with its desk, office and the days it signs for."""
    try:
        receipts.register_document_key(s, desk.desk_id, desk.office_code, request.public_key)
    except receipts.Refused as exc:
        raise service.PortalError(409, str(exc)) from None
    return receipts.office_document_keys(s, desk.office_code)


@router.post("/v1/offices/{office_code}/verify-doc", responses=ERRORS)
def verify_document(office_code: str, request: VerifyRequest, desk: Desk, s: Db) -> VerifyReply:
    """Say whether a printed document's QR code is genuine: signed by a desk of the office
    it names, with a key in force on the date it bears."""
    verdict = receipts.verify_document(s, request.text)
    return VerifyReply(valid=verdict.valid, message=verdict.message)
