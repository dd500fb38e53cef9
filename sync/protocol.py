"""Giao thức đồng bộ — the versioned wire schema shared by the desk and the portal (JSON).

Every request and reply carries ``X-Motcua-Protocol``; a peer speaking another major
version is refused with 400 and a message naming both versions. See docs/SYNC.md.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1
PROTOCOL_HEADER = "X-Motcua-Protocol"
MAX_EVENTS_PER_PUSH = 500
MAX_PAGE = 1000
MAX_AMOUNT = 10**12  # đồng: far above any fee, below JSON's safe integers
MAX_SEQ = 2**62  # change sequence numbers fit a 64-bit integer column on every database


class Wire(BaseModel):
    """Replies: a newer portal may add fields; an older desk ignores what it does not know."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class Request(BaseModel):
    """What a desk sends: the portal refuses anything it does not know, with a clear 422."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class OfficeWire(Wire):
    code: str
    name: str
    address: str = ""
    level: str
    tax_code: str = ""


class OfficerWire(Wire):
    username: str
    full_name: str
    role: str
    office_code: str
    password_hash: str  # scrypt, so an officer can log in at the desk while offline
    disabled: bool = False


class PaperWire(Wire):
    name: str
    kind: int = 1
    count: int = 1
    file_name: str = ""
    sha256: str = ""


class ActWire(Wire):
    act_id: str
    act: str
    version: int
    from_state: str | None
    to_state: str
    officer: str
    desk_id: str | None
    at: datetime
    payload: dict[str, Any]


class DossierPaymentWire(Wire):
    """A fee paid or refunded for the dossier, wherever it was recorded: online on the
    portal (level 4) or at any desk of the office; so no desk collects it a second time."""

    id: str
    kind: Literal["payment", "refund"] = "payment"
    method: Literal["cash", "online", "post"]
    amount: int
    items: list[dict[str, Any]] = Field(default_factory=list)
    reference: str = ""
    refund_of: str | None = None
    at: datetime


class DossierWire(Wire):
    id: str
    code: str
    office_code: str
    procedure_code: str
    level: int
    channel: int
    applicant_name: str
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    state: str
    version: int
    submitted_at: datetime
    received_at: datetime | None = None
    due_date: date | None = None
    due_session: str | None = None
    due_at: datetime | None = None
    resolved_at: datetime | None = None
    papers: list[PaperWire] = Field(default_factory=list)
    payments: list[DossierPaymentWire] = Field(default_factory=list)


class ChangeWire(Wire):
    seq: int
    dossier: DossierWire
    acts: list[ActWire]  # the dossier's whole history on the portal


class ChangesPage(Wire):
    epoch: str  # changes when the portal database is re-created, not when restored
    head_seq: int  # the newest change the portal has
    changes: list[ChangeWire]
    next_seq: int  # the cursor after this page
    # Fingerprints of the changes at ``since`` and at ``next_seq``: a desk whose stored
    # fingerprint no longer matches knows the portal's history changed under it (a restored
    # backup), even when the sequence has since grown past its cursor again.
    since_check: str | None = None
    next_check: str | None = None
    reference_tag: str = ""  # changes when the catalogue or the office's accounts change
    # Changes when a desk of the office registers a document key or is revoked: the desk
    # then asks for the office's keys again (a revoked desk's papers stop verifying).
    document_keys_tag: str = ""


class SnapshotPage(Wire):
    epoch: str
    cursor: int  # where the change feed continues once the snapshot is loaded
    cursor_check: str | None = None
    reference_tag: str = ""
    dossiers: list[DossierWire]
    next_after: str | None  # pass back as ``after`` for the next page; None at the end


class EventWire(Request):
    """One act done at a desk, as queued in its outbox."""

    schema_: int = Field(alias="schema", default=1)
    event_id: str
    desk_id: str
    kind: Literal["dossier.act"]
    act_id: str
    act: str
    dossier_id: str
    dossier_code: str
    base_version: int
    version: int
    from_state: str | None
    to_state: str
    portal_status: int
    officer: str
    at: datetime
    payload: dict[str, Any]


class FeeItemWire(Request):
    name: str = Field(min_length=1, max_length=300)
    kind: Literal["phi", "le_phi"]
    amount: int = Field(ge=0, le=MAX_AMOUNT)


class ReceiptIssuedWire(Request):
    """A receipt a desk issued (biên lai thu phí, lệ phí), from a block allotted to it."""

    schema_: int = Field(alias="schema", default=1)
    event_id: str
    desk_id: str
    kind: Literal["receipt.issued"]
    receipt_id: str
    block_id: str
    form_symbol: str
    series: str
    number: int = Field(ge=1, le=9_999_999)
    payment_id: str
    dossier_id: str
    dossier_code: str
    payer_name: str = Field(min_length=1)
    payer_address: str
    items: list[FeeItemWire] = Field(min_length=1)
    amount: int = Field(ge=1, le=MAX_AMOUNT)
    amount_in_words: str
    officer: str
    issued_at: datetime
    replaces: str | None


class ReceiptVoidedWire(Request):
    schema_: int = Field(alias="schema", default=1)
    event_id: str
    desk_id: str
    kind: Literal["receipt.voided"]
    receipt_id: str
    series: str
    number: int
    dossier_id: str
    dossier_code: str
    reason: str = Field(min_length=1)
    officer: str
    voided_at: datetime


class PaymentWire(Request):
    """A fee paid at (or refunded by) a desk."""

    schema_: int = Field(alias="schema", default=1)
    event_id: str
    desk_id: str
    kind: Literal["fee.payment"]
    payment_id: str
    dossier_id: str
    dossier_code: str
    payment_kind: Literal["payment", "refund"]
    method: Literal["cash", "online", "post"]
    amount: int = Field(ge=1, le=MAX_AMOUNT)
    items: list[FeeItemWire]
    reference: str
    reason: str
    refund_of: str | None
    at: datetime


class ReceiptBlockRequest(Request):
    """Ask for a block of receipt numbers; the same ``request_id`` always gets the same
    block back, so a reply lost on the way never costs numbers."""

    request_id: str = Field(min_length=8, max_length=64)
    size: int = Field(ge=1, le=1000)


class ReceiptBlockWire(Wire):
    id: str
    form_symbol: str
    series: str
    first: int
    last: int


EventStatus = Literal["applied", "duplicate", "conflict", "rejected"]


class EventResult(Wire):
    event_id: str
    status: EventStatus
    seq: int | None = None  # the change that recorded it on the portal
    message: str = ""


class PushRequest(Request):
    events: list[dict[str, Any]] = Field(max_length=MAX_EVENTS_PER_PUSH)


class PushResponse(Wire):
    results: list[EventResult]


class EnrolRequest(Request):
    code: str
    desk_uuid: str
    desk_name: str = ""


class EnrolResponse(Wire):
    desk_id: str
    token: str
    office: OfficeWire
    epoch: str


class CatalogueWire(Wire):
    procedures: list[dict[str, Any]]


class OfficersWire(Wire):
    officers: list[OfficerWire]


class DigestRequest(Request):
    """Reconciliation: digests of (dossier id, version) for id prefixes."""

    prefixes: list[str] = Field(max_length=4096)
    list_below: int = Field(default=64, ge=0, le=1000)  # list the pairs of small ranges …
    known: dict[str, str] = Field(default_factory=dict)  # … whose digest differs from these


class RangeDigest(Wire):
    prefix: str
    count: int
    digest: str
    items: list[tuple[str, int]] | None = None  # (id, version), when count ≤ list_below


class DigestReply(Wire):
    ranges: list[RangeDigest]


class ErrorWire(Wire):
    detail: str


def body_hash(body: dict[str, Any]) -> str:
    """The fingerprint that tells an identical resend from a different body with the same id."""
    canonical = json.dumps(
        body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def range_digest(pairs: list[tuple[str, int]]) -> str:
    """The digest both ends compute over a range's (id, version) pairs, sorted by id."""
    h = hashlib.sha256()
    for dossier_id, version in sorted(pairs):
        h.update(f"{dossier_id}:{version}\n".encode())
    return h.hexdigest()


def digest_ranges(
    pairs_by_prefix: dict[str, list[tuple[str, int]]],
    list_below: int,
    known: dict[str, str] | None = None,
) -> list[RangeDigest]:
    """Digests per prefix; the pairs themselves for small ranges that differ from ``known``
    (all small ranges when nothing is known), so matching ranges cost one digest each."""
    ranges = []
    for prefix, pairs in pairs_by_prefix.items():
        digest = range_digest(pairs)
        small = len(pairs) <= list_below
        differs = known is None or known.get(prefix) != digest
        items = sorted(pairs) if small and differs else None
        ranges.append(RangeDigest(prefix=prefix, count=len(pairs), digest=digest, items=items))
    return ranges


class DocumentKeyRequest(Request):
    """A desk's public key for the documents it prints (Ed25519, raw, base64url)."""

    public_key: str = Field(min_length=43, max_length=44)


class SignerKeyWire(Wire):
    """A desk's document key and what binds it: the desk, its office, the days it signs for."""

    key_id: str
    public_key: str
    desk_id: str
    office_code: str
    registered_at: datetime  # papers dated before are not its
    revoked_at: datetime | None = None  # its desk's revocation: papers dated after are not its


class DocumentKeysWire(Wire):
    keys: dict[str, str]  # key id → public key of the office's desks not revoked (older desks)
    signers: list[SignerKeyWire] = []  # every key of the office's desks, revoked ones too
    tag: str = ""  # the ``document_keys_tag`` these keys answer to


class VerifyRequest(Request):
    text: str = Field(min_length=1, max_length=600)  # what the document's QR code says


class VerifyReply(Wire):
    valid: bool
    message: str


# --- the audit chain's anchor ------------------------------------------------------------

SHA256_HEX = r"^[0-9a-f]{64}$"


class AuditAnchorRequest(Request):
    """The head of the desk's audit chain, and the proof that its chain still holds the
    entry the portal anchored last: the desk's own hash of its entry ``proof_seq``."""

    seq: int = Field(ge=1, le=MAX_SEQ)
    hash: str = Field(pattern=SHA256_HEX)
    proof_seq: int = Field(ge=0, le=MAX_SEQ)  # 0 before the first anchor
    proof_hash: str = Field(default="", pattern=r"^([0-9a-f]{64})?$")  # "" when missing


class AuditHeadWire(Wire):
    """The head the portal holds for a desk (seq 0: none yet), and how many heads of that
    desk it refused as not continuing it (a sign the desk's log was rewritten)."""

    seq: int = 0
    hash: str = ""
    refused: int = 0


class AuditAnchorReply(Wire):
    # anchored: the portal now holds the head sent; prove: the portal holds another seq
    # than ``proof_seq`` (send again with the proof at ``head.seq``); refused: the chain no
    # longer holds the anchored entry, or went backwards — recorded at the portal.
    status: Literal["anchored", "prove", "refused"]
    head: AuditHeadWire
    message: str = ""
