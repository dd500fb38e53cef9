"""Đồng bộ — the desk's sync engine: enrol, push the outbox, pull the change feed.

Plain callbacks report progress and a cancel check stops between steps, so the headless
``motcua sync`` and the desk window's background worker run the very same engine.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, aliased

from desktop.core.calendar import Due, ProvinceCalendar
from desktop.core.calendar import Session as DaySession
from desktop.core.lifecycle import Act, DomainError, DossierState
from desktop.core.procedures import procedure_from_dict
from desktop.core.seals import key_id, public_key_ok, unb64
from desktop.services.accounts import audit_account_changes
from desktop.services.audit import (
    AuditHead,
    anchored_head,
    audit_head,
    hash_at,
    record_audit,
    remember_anchor,
    restore_declared,
    undeclared_restore,
)
from desktop.services.catalogue import save_procedures
from desktop.services.context import Actor, Desk
from desktop.services.document_keys import (
    OfficeKey,
    document_key,
    own_public_key,
    trust_key,
    trust_office_keys,
)
from desktop.services.dossiers import IncomingDossier, IncomingPaper
from desktop.services.fees import (
    add_receipt_block,
    blocks_closed,
    blocks_kept,
    blocks_to_close,
    numbers_left,
)
from desktop.services.scans import ScanCorrupt
from desktop.services.settings import (
    PROVINCE_CALENDAR,
    ensure_desk_identity,
    get_setting,
    load_calendar,
    put_setting,
    set_office,
)
from desktop.services.snapshot import (
    HistoryAct,
    SnapshotDossier,
    insert_snapshot,
    refresh_statistics,
)
from desktop.store.db import Store
from desktop.store.models import (
    DOSSIER_IS_OPEN,
    Dossier,
    DossierPaper,
    Office,
    OutboxEvent,
    PortalFact,
    SyncConflict,
)
from sync.client.apply import apply_changes, has_unsettled_events, keep_sealed, upsert_officers
from sync.client.attachments import AttachmentStore, upload
from sync.client.transport import PortalMalformedReply, PortalRefused, Transport
from sync.protocol import (
    MAX_GIVE_BACK,
    MAX_PAGE,
    ActWire,
    AuditAnchorReply,
    AuditHeadWire,
    AuditRestoreReply,
    CalendarWire,
    ChangesPage,
    ChangeWire,
    ClosedBlocksReply,
    DigestReply,
    DocumentKeysWire,
    DossierWire,
    EnrolResponse,
    GiveBackReply,
    OfficersWire,
    PushResponse,
    RangeDigest,
    ReceiptBlockWire,
    SnapshotPage,
    digest_ranges,
)

PUSH_BATCH = 200
GIVE_BACK_ROUNDS = 20  # give back, push: a dossier's history alternating authors that often
PAGE = 500
RECEIPT_RESERVE = 100  # numbers a desk keeps in hand for issuing receipts offline
RECEIPT_BLOCK = 200
SNAPSHOT_COMMIT_SECONDS = 2.0
Progress = Callable[[str, int, int], None]  # (step, done, total or 0)


ID_ALPHABET = "-0123456789abcdef"  # the characters of a dossier id (a UUID)


log = logging.getLogger("motcua.sync")  # into the desk's log file (desktop/logs.py)


class NotEnrolled(DomainError):
    pass


@dataclass(frozen=True)
class Kept:
    """A sealed fact this desk keeps (``PortalFact``), as it offers it back."""

    kind: str
    fact_id: str
    dossier_id: str | None
    body: dict[str, Any]


@dataclass
class ReconcileReport:
    rounds: int = 0
    repaired: list[str] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)  # differ, but have acts on their way up
    unknown_to_portal: list[str] = field(default_factory=list)
    given_back: int = 0  # the portal's own facts a restored portal took back
    pushed: int = 0  # this desk's acts sent again after the repairs

    def summary_vi(self) -> str:
        return (
            f"Đối soát: {self.rounds} vòng; sửa {len(self.repaired)} hồ sơ, hoãn "
            f"{len(self.deferred)}, cổng không biết {len(self.unknown_to_portal)}; trả lại "
            f"cổng {self.given_back}, gửi lại {self.pushed}."
        )


@dataclass
class SyncReport:
    pushed: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    snapshot: int = 0
    receipt_numbers: int = 0  # receipt numbers received in new blocks
    receipt_problem: str = ""
    pulled: int = 0
    deferred: int = 0
    rewound: bool = False
    attachments: int = 0
    attachment_bytes: int = 0
    results_uploaded: int = 0  # level-4 result documents now whole on the portal
    result_bytes: int = 0
    corrupt: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    audit_anchored: int = 0  # seq of the audit entry the portal now holds as this desk's head
    audit_problem: str = ""  # the portal refused the head: the log was cut or rewritten
    given_back: int = 0  # the portal's own facts a restored portal took back from this desk
    give_back_refused: int = 0

    def moved_anything(self) -> bool:
        return bool(self.pushed or self.conflicts or self.rejected or self.snapshot
                    or self.pulled or self.attachments or self.receipt_numbers
                    or self.given_back)  # fmt: skip

    def summary_vi(self) -> str:
        return (f"Đã gửi {self.pushed} (trùng {self.duplicates}), xung đột {self.conflicts}, "
                f"bị từ chối {self.rejected}; nhận ảnh chụp {self.snapshot}, thay đổi "
                f"{self.pulled}, hoãn {self.deferred}; tệp đính kèm {self.attachments} "
                f"({self.attachment_bytes:,} byte, hỏng {self.corrupt}); văn bản kết quả "
                f"gửi lên {self.results_uploaded} ({self.result_bytes:,} byte); "
                f"{self.bytes_sent:,} byte gửi, {self.bytes_received:,} byte nhận."
                + (f" Trả lại cổng {self.given_back} (cổng không nhận {self.give_back_refused})."
                   if self.given_back or self.give_back_refused else "")
                + (f" CẢNH BÁO: {self.audit_problem}" if self.audit_problem else ""))  # fmt: skip


# --- enrolment -----------------------------------------------------------------------------


def enrol_desk(
    store: Store,
    portal_url: str,
    code: str,
    desk_name: str = "",
    *,
    insecure_http: bool = False,
    ca_pem: str | None = None,
) -> EnrolResponse:
    """Ghi danh bàn với cổng bằng mã một lần; bind the desk to the portal's office.

    ``insecure_http`` (plain http:// to another machine) and ``ca_pem`` (the province's
    certificate authority, its PEM text) are kept with the enrolment: every later sync
    connects the same way, whatever happens to the original file.
    """
    with store.write() as session:
        desk_uuid = ensure_desk_identity(session)
        if get_setting(session, "portal"):
            raise DomainError("Bàn đã ghi danh với cổng; không ghi danh lại trên cùng dữ liệu.")
        current = (get_setting(session, "desk") or {}).get("office_code")
        has_dossiers = session.scalar(select(func.count()).select_from(Dossier))
    transport = Transport(portal_url, insecure_http=insecure_http, ca_pem=ca_pem)
    reply = EnrolResponse.model_validate(
        transport.post("/v1/enrol", {"code": code, "desk_uuid": desk_uuid, "desk_name": desk_name})
    )
    if current and current != reply.office.code and has_dossiers:
        raise DomainError(
            f"Bàn đang chứa hồ sơ của cơ quan {current}, không thể ghi danh cho "
            f"cơ quan {reply.office.code}."
        )
    with store.write() as session:
        o = reply.office
        set_office(
            session,
            Office(code=o.code, name=o.name, address=o.address, level=o.level, tax_code=o.tax_code),
        )
        put_setting(session, "portal", {
            "url": transport.base_url, "desk_id": reply.desk_id, "token": reply.token,
            "office_code": o.code, "epoch": reply.epoch, "cursor": None,
            "snapshot_after": "", "deferred": [],
            "insecure_http": insecure_http, "ca_pem": ca_pem,
        })  # fmt: skip
    return reply


# --- the engine ----------------------------------------------------------------------------


def portal_transport(state: dict[str, Any], **options: Any) -> Transport:
    """A transport to the enrolled portal, connecting as the enrolment said (plain http to
    another machine only if ``--insecure-http`` was given; the province's authority)."""
    return Transport(state["url"], token=state["token"],
                     insecure_http=bool(state.get("insecure_http")),
                     ca_pem=state.get("ca_pem"), **options)  # fmt: skip


def portal_audit_head(state: dict[str, Any], **options: Any) -> tuple[AuditHead, int]:
    """The head of this desk's audit chain the portal holds (seq 0: none yet), and how many
    heads of this desk it has refused; ``options`` go to the transport (e.g. a short
    timeout and a single attempt for ``motcua audit verify``)."""
    transport = portal_transport(state, **options)
    try:
        wire = AuditHeadWire.model_validate(
            transport.get(f"/v1/offices/{state['office_code']}/audit-head")
        )
    finally:
        transport.session.close()
    return AuditHead(wire.seq, wire.hash), wire.refused


class SyncEngine:
    def __init__(
        self,
        desk: Desk,
        transport: Transport | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        fetch_attachments: bool = True,
    ) -> None:
        self.desk = desk
        with desk.store.read() as session:
            state = get_setting(session, "portal")
        if not state:
            raise NotEnrolled("Bàn chưa ghi danh với cổng (motcua enrol …).")
        self.office = state["office_code"]
        self.transport = transport or portal_transport(state)
        self.transport.token = state["token"]
        self.progress = progress or (lambda _step, _done, _total: None)
        self.cancelled = cancelled
        self.actor: Actor = desk.sync_actor()
        self.fetch_attachments = fetch_attachments
        self.attachments = AttachmentStore.beside(desk.store.path, desk.store.key)
        self.document_keys_tag = ""  # the portal's, from the last page of changes pulled

    def _state(self) -> dict[str, Any]:
        with self.desk.store.read() as session:
            return get_setting(session, "portal") or {}

    def _remember(self, **values: Any) -> None:
        with self.desk.store.write() as session:
            put_setting(session, "portal", {**(get_setting(session, "portal") or {}), **values})

    def _path(self, tail: str) -> str:
        return f"/v1/offices/{self.office}/{tail}"

    def sync_once(self) -> SyncReport:
        started = time.monotonic()
        try:
            report = self._sync_once()
        except ValidationError as exc:  # a hostile or broken reply: refused, never half-applied
            log.warning("sync of %s refused a malformed reply: %s", self.office, exc.title)
            raise PortalMalformedReply(_first_problem(exc)) from exc
        except Exception as exc:
            log.warning("sync of %s failed: %s", self.office, " ".join(str(exc).split()))
            raise
        log.info("sync of %s in %.1f s: %s", self.office, time.monotonic() - started,
                 report.summary_vi())  # fmt: skip
        return report

    def _sync_once(self) -> SyncReport:
        report = SyncReport()
        self._upload_results(report)  # before the acts that return them online
        self._push(report)
        if not self.cancelled():
            self._pull(report)
        if report.rewound and not self.cancelled():
            # What a restored portal lost goes up again: this desk's acts, and what the
            # portal made itself that this desk holds; then the feed carries it back down.
            self._give_back_and_push(report)
            if not self.cancelled():
                self._pull(report)
        if not self.cancelled():
            self._refresh_deferred(report)
        if not self.cancelled():
            self.reserve_receipt_numbers(RECEIPT_RESERVE, report)
        if not self.cancelled():
            self._exchange_document_keys()
        if self.fetch_attachments and not self.cancelled():
            self._download_attachments(report)
        if not self.cancelled():  # last: the entries this sync wrote are anchored too
            self._anchor_audit(report)
        report.bytes_sent = self.transport.bytes_sent
        report.bytes_received = self.transport.bytes_received
        return report

    # --- receipt numbers ---------------------------------------------------------------------
    def reserve_receipt_numbers(self, at_least: int, report: SyncReport | None = None) -> int:
        """Ask the portal for blocks of receipt numbers until this desk holds ``at_least``
        unused ones, so it can go on issuing receipts offline. Returns the numbers held.

        Each request carries an id kept on the desk until its block is stored: a reply lost
        on the way is asked for again and the portal gives back the same block.
        """
        self._close_retired_blocks()
        while not self.cancelled():
            with self.desk.store.read() as session:
                held = numbers_left(session)
            if held >= at_least:
                return held
            request_id = self._state().get("receipt_request") or str(uuid.uuid4())
            self._remember(receipt_request=request_id)
            try:
                size = max(RECEIPT_BLOCK, at_least - held)
                reply = self.transport.post(  # the same request_id: the same block again
                    self._path("receipt-blocks"),
                    {"request_id": request_id, "size": size},
                    repeatable=True,
                )
            except PortalRefused as refused:
                if refused.status != 409:  # 409: the office has no receipt series yet
                    raise
                if report is not None:
                    report.receipt_problem = refused.detail
                return held
            block = ReceiptBlockWire.model_validate(reply)
            with self.desk.store.write() as session:
                add_receipt_block(session, block.id, block.form_symbol, block.series,
                                  block.first, block.last, self.desk.now())  # fmt: skip
                if block.seal:  # to give back to a portal restored without it
                    session.add(PortalFact(kind="receipt_block", fact_id=block.id,
                                           body=block.model_dump(mode="json")))  # fmt: skip
                record_audit(session, self.desk, self.actor, "receipt.block", block.series,
                             None, {"first": block.first, "last": block.last})  # fmt: skip
                fresh = get_setting(session, "portal") or {}
                fresh.pop("receipt_request", None)
                put_setting(session, "portal", fresh)
            if report is not None:
                report.receipt_numbers += block.last - block.first + 1
        return 0

    # --- document keys -----------------------------------------------------------------------
    def _exchange_document_keys(self) -> None:
        """Register this desk's document key with the portal (so the portal can check the
        papers it prints) and trust the keys of the office's desks, each for its office and
        days. Asked again whenever the portal's tag for the office's keys changed (a desk
        registered a key, or was revoked: its later papers must stop verifying here)."""
        with self.desk.store.read() as session:
            public = own_public_key(session)
        if public is None:  # made once, the first time it is needed
            with self.desk.store.write() as session:
                document_key(session)
                public = own_public_key(session)
        kid = key_id(unb64(public or ""))
        state = self._state()
        if state.get("document_key_sent") == kid and (
            not self.document_keys_tag or self.document_keys_tag == state.get("document_keys_tag")
        ):
            return  # a sync with nothing new stays one round trip and no write
        reply = DocumentKeysWire.model_validate(
            self.transport.put(self._path("document-keys"), {"public_key": public})
        )
        with self.desk.store.write() as session:
            if reply.signers:
                trust_office_keys(session, [
                    OfficeKey(s.public_key, s.office_code, s.desk_id, s.registered_at,
                              s.revoked_at) for s in reply.signers
                ])  # fmt: skip
            else:  # a portal that sends bare keys: the office's, no dates known
                for key in reply.keys.values():
                    if public_key_ok(key):
                        trust_key(session, key)
            fresh = get_setting(session, "portal") or {}
            fresh["document_key_sent"] = kid
            fresh["document_keys_tag"] = reply.tag or self.document_keys_tag
            put_setting(session, "portal", fresh)

    def _close_retired_blocks(self) -> None:
        """Tell the portal the blocks a restore gave up, so it no longer counts them as in
        this desk's hand (it allows only a few) and records their unused numbers void."""
        with self.desk.store.read() as session:
            retired, keep = blocks_to_close(session), blocks_kept(session)
        if not retired:
            return
        reply = ClosedBlocksReply.model_validate(self.transport.post(
            self._path("receipt-blocks/retired"),
            {"blocks": [{"block_id": b, "last_used": n} for b, n in retired], "keep": keep},
        ))  # fmt: skip
        with self.desk.store.write() as session:
            blocks_closed(session, [b for b, _ in retired])
            for c in reply.closed:
                record_audit(session, self.desk, self.actor, "receipt.block_closed", c.series,
                             None, {"block_id": c.block_id, "void_first": c.void_first,
                                    "void_last": c.void_last})  # fmt: skip

    # --- the audit chain's anchor -------------------------------------------------------------
    def _anchor_audit(self, report: SyncReport) -> None:
        """Send the head of the audit chain, with this desk's hash of the entry the portal
        anchored last; keep the head the portal acknowledges. A refused head (the chain was
        cut or rebuilt since) is reported, not raised: the portal has recorded it, and the
        dossiers must still move.

        Nothing is sent when the head is the one anchored last: a sync that moves nothing
        stays one round trip. (A forger who also rewrites the desk's record of its anchor is
        then caught at the first sync after the next entry — any login writes one — and by
        any online ``motcua audit verify``.)"""
        if not self._declare_restore(report):
            return  # the portal would refuse every head of the restored chain
        with self.desk.store.read() as session:
            head, anchored = audit_head(session), anchored_head(session)
            proof_seq = anchored.seq if anchored else 0
            proof_hash = hash_at(session, proof_seq) if proof_seq else ""
        if head is None or head == anchored:
            return  # an empty log, or nothing new since the portal acknowledged it
        for _ in range(2):  # a second time only when the portal holds another seq
            reply = AuditAnchorReply.model_validate(self.transport.put(
                self._path("audit-head"), {"seq": head.seq, "hash": head.hash,
                                           "proof_seq": proof_seq, "proof_hash": proof_hash},
            ))  # fmt: skip
            if reply.status != "prove":
                break
            proof_seq = reply.head.seq
            with self.desk.store.read() as session:
                proof_hash = hash_at(session, proof_seq)
        if reply.status == "anchored":
            with self.desk.store.write() as session:
                remember_anchor(session, head, self.desk.now().isoformat())
            report.audit_anchored = head.seq
        else:
            report.audit_problem = reply.message or "cổng không nhận mốc nhật ký kiểm tra"

    def _declare_restore(self, report: SyncReport) -> bool:
        """A desk restored from its backup first tells the portal its chain now goes on
        from the backup's head; False when the portal refused (said in the report)."""
        with self.desk.store.read() as session:
            pending = undeclared_restore(session)
        if not pending:
            return True
        reply = AuditRestoreReply.model_validate(self.transport.post(
            self._path("audit-restore"), {
                **{k: pending.get(k) for k in ("backup_seq", "backup_hash", "seq", "hash",
                                               "at", "officer_id", "desk_id", "subject",
                                               "before", "after")},
                "restored_by": str(pending.get("by", ""))[:64],
            },
        ))  # fmt: skip
        if reply.status != "accepted":
            report.audit_problem = reply.message or "cổng không nhận khai báo khôi phục"
            return False
        with self.desk.store.write() as session:
            restore_declared(session, AuditHead(int(pending["seq"]), str(pending["hash"])),
                             self.desk.now().isoformat())  # fmt: skip
        return True

    # --- reference data ---------------------------------------------------------------------
    def _ensure_reference_data(self, tag: str) -> None:
        """Catalogue and accounts, fetched only when the portal's tag for them changed (and
        once on a desk whose accounts the audit log does not record yet)."""
        state = self._state()
        if tag and tag == state.get("reference_tag") and state.get("accounts_audited"):
            return
        catalogue = self.transport.get(self._path("catalogue"))
        officers = OfficersWire.model_validate(self.transport.get(self._path("officers")))
        with self.desk.store.write() as session:
            save_procedures(session, [procedure_from_dict(p) for p in catalogue["procedures"]])
            upsert_officers(session, officers.officers, self.desk.now())
            # The accounts as they now are go into the audit log, so that verifying it tells
            # an account edited in the file from one that came from the portal.
            audit_account_changes(session, self.desk, self.actor, "officer.sync",
                                  [o.username for o in officers.officers])  # fmt: skip
            fresh = get_setting(session, "portal") or {}
            fresh["reference_tag"], fresh["accounts_audited"] = tag, True
            put_setting(session, "portal", fresh)

    def _ensure_calendar(self, version: int) -> None:
        """The province calendar (holidays, swaps, this office's hours), fetched when its
        version moves; the desk then counts every new due date by it at once."""
        if not version or version == self._state().get("calendar_version"):
            return
        wire = CalendarWire.model_validate(self.transport.get(self._path("calendar")))
        pulled = ProvinceCalendar.from_dict(wire.model_dump(mode="json"))
        with self.desk.store.write() as session:
            put_setting(session, PROVINCE_CALENDAR, pulled.to_dict())
            fresh = get_setting(session, "portal") or {}
            fresh["calendar_version"] = pulled.version
            put_setting(session, "portal", fresh)
            self.desk.calendar = load_calendar(session)

    # --- giving back what a restored portal lost ----------------------------------------------
    def _give_back_and_push(self, report: SyncReport) -> None:
        """After the portal went back: give back the portal's own facts this desk holds and
        push this desk's acts again, in rounds, so each dossier's history goes up in its
        order — an act of this desk waits while an earlier citizen's act is still waiting
        for the act before it (another desk's, say, pushed later)."""
        for _ in range(GIVE_BACK_ROUNDS):
            if self.cancelled():
                return
            held, restored = self._give_back(report)
            before = report.pushed + report.conflicts + report.rejected
            self._push(report, held)
            if not restored and report.pushed + report.conflicts + report.rejected == before:
                return

    def _give_back(self, report: SyncReport) -> tuple[dict[str, int], int]:
        """Offer the portal every sealed fact this desk keeps (``PortalFact``) and it has not
        refused before; returns, per dossier, the version of the first of its acts that must
        wait, and how many facts the portal took back."""
        with self.desk.store.read() as session:
            # A reception is never offered: a portal that holds the dossier holds it, and a
            # dossier the portal lost whole is not given back.
            facts = [Kept(f.kind, f.fact_id, f.dossier_id, f.body) for f in session.scalars(
                select(PortalFact).where(PortalFact.outcome != "refused"))
                if f.body.get("act") != Act.RECEIVE.value]  # fmt: skip
            codes = {i: c for i, c in session.execute(select(Dossier.id, Dossier.code).where(
                Dossier.id.in_({f.dossier_id for f in facts if f.dossier_id})))}  # fmt: skip
        # Acts in their dossier's order, so one request can restore several in a row.
        facts = sorted(facts, key=lambda f: (f.kind != "receipt_block", f.dossier_id or "",
                                             int(f.body.get("version", 0))))  # fmt: skip
        held: dict[str, int] = {}
        restored = 0
        for start in range(0, len(facts), MAX_GIVE_BACK):
            batch = facts[start : start + MAX_GIVE_BACK]
            reply = GiveBackReply.model_validate(self.transport.post(self._path("give-back"), {
                "facts": [{"kind": f.kind, "dossier_id": f.dossier_id, "body": f.body}
                          for f in batch]}))  # fmt: skip
            outcomes = {r.id: r for r in reply.results}
            with self.desk.store.write() as session:
                for sent in batch:
                    result = outcomes.get(sent.fact_id)
                    if result is None or result.status == "present":
                        continue
                    if result.status == "waiting":
                        assert sent.dossier_id is not None
                        version = int(sent.body.get("version", 0))
                        held[sent.dossier_id] = min(held.get(sent.dossier_id, version), version)
                        continue
                    fact = session.get(PortalFact, (sent.kind, sent.fact_id))
                    assert fact is not None
                    fact.outcome, fact.message = result.status, result.message
                    restored += result.status == "restored"
                    report.given_back += result.status == "restored"
                    report.give_back_refused += result.status == "refused"
                    record_audit(session, self.desk, self.actor, f"sync.give_back_{result.status}",
                                 codes.get(sent.dossier_id or "", sent.fact_id), None,
                                 {"kind": sent.kind, "id": sent.fact_id,
                                  "message": result.message})  # fmt: skip
        return held, restored

    # --- push ---------------------------------------------------------------------------------
    def _upload_results(self, report: SyncReport) -> None:
        """The signed documents of level-4 results returned online (Đ9.3) whose act is
        still to be pushed: each goes up, resumably, before its act, which the portal
        applies only once it holds the whole, verified file."""
        with self.desk.store.read() as session:
            bodies = session.scalars(select(OutboxEvent.body).where(
                OutboxEvent.status == "pending", OutboxEvent.kind == "dossier.act",
                func.json_extract(OutboxEvent.body, "$.act") == Act.RETURN_ONLINE.value,
            ).order_by(OutboxEvent.id)).all()  # fmt: skip
        for body in bodies:
            for document in body["payload"]["documents"]:
                if self.cancelled():
                    return
                sha = document["sha256"]
                url = self._path(f"dossiers/{body['dossier_id']}/results/{sha}")
                try:
                    sent = upload(self.transport, url, self.attachments.read(sha), sha)
                except (ScanCorrupt, OSError) as exc:  # gone or changed on this desk
                    report.corrupt += 1
                    with self.desk.store.write() as session:
                        record_audit(session, self.desk, self.actor, "sync.result_upload_failed",
                                     body["dossier_code"], None, {"sha256": sha,
                                                                  "message": str(exc)})  # fmt: skip
                    continue
                report.results_uploaded += sent > 0
                report.result_bytes += sent

    def _push(self, report: SyncReport, held: dict[str, int] | None = None) -> None:
        """Push the outbox in order; ``held`` (dossier → version) keeps back this sync the
        acts of a dossier after a citizen's act the restored portal does not hold yet."""
        held = held or {}
        while not self.cancelled():
            with self.desk.store.read() as session:
                # After a conflict or refusal, that dossier's *later* acts wait (order kept);
                # earlier ones (sent again after a rewind) still go.
                failed = aliased(OutboxEvent)
                stuck_behind = exists().where(
                    failed.dossier_id == OutboxEvent.dossier_id,
                    failed.status.in_(("conflict", "rejected")),
                    failed.id < OutboxEvent.id,
                )
                events = session.scalars(
                    select(OutboxEvent)
                    .where(OutboxEvent.status == "pending", ~stuck_behind)
                    .order_by(OutboxEvent.id)
                    .limit(PUSH_BATCH)
                ).all()
                events = _not_held(events, held)
                waiting = (
                    session.scalar(
                        select(func.count())
                        .select_from(OutboxEvent)
                        .where(OutboxEvent.status == "pending")
                    )
                    or 0
                )
            if not events:
                return
            self.progress("push", report.pushed, waiting)
            reply = PushResponse.model_validate(
                self.transport.post(
                    self._path("events"), {"events": [e.body for e in events]}, repeatable=True
                )  # each event kept under its id: once
            )
            if not self._record_results(events, reply, report):
                return  # the portal answered none of them: try again at the next sync

    def _record_results(
        self, events: Sequence[OutboxEvent], reply: PushResponse, report: SyncReport
    ) -> int:
        """Store the portal's word on each event; returns how many it answered."""
        by_id = {r.event_id: r for r in reply.results}
        now = self.desk.now()
        with self.desk.store.write() as session:
            for sent in events:
                result = by_id.get(sent.event_id)
                if result is None:
                    continue  # not answered: stays pending, sent again next time
                event = session.get(OutboxEvent, sent.id)
                assert event is not None
                event.attempts += 1
                event.message = result.message
                if result.status in ("applied", "duplicate"):
                    event.status, event.acked_at, event.ack_seq = "acked", now, result.seq
                    report.pushed += 1
                    report.duplicates += result.status == "duplicate"
                elif result.status == "conflict":
                    event.status = "conflict"
                    report.conflicts += 1
                    if event.dossier_id:
                        session.add(
                            SyncConflict(
                                event_id=event.event_id,
                                dossier_id=event.dossier_id,
                                message=result.message,
                                created_at=now,
                            )
                        )
                    record_audit(
                        session,
                        self.desk,
                        self.actor,
                        "sync.conflict",
                        str(event.body.get("dossier_code", "")),
                        None,
                        {"event_id": event.event_id, "message": result.message},
                    )
                else:  # quarantined: kept, visible, never resent by itself
                    event.status = "rejected"
                    report.rejected += 1
                    # Shown in the conflicts panel like a conflict: an officer sees the
                    # portal's reason and takes the portal's version of the dossier.
                    shown = select(SyncConflict.id).where(SyncConflict.event_id == event.event_id)
                    if event.dossier_id and session.scalar(shown) is None:
                        session.add(
                            SyncConflict(
                                event_id=event.event_id,
                                dossier_id=event.dossier_id,
                                message=result.message,
                                created_at=now,
                            )
                        )
                    record_audit(
                        session,
                        self.desk,
                        self.actor,
                        "sync.rejected",
                        str(event.body.get("dossier_code", "")),
                        None,
                        {"event_id": event.event_id, "message": result.message},
                    )
        return sum(e.event_id in by_id for e in events)

    # --- pull ---------------------------------------------------------------------------------
    def _pull(self, report: SyncReport) -> None:
        if self._state().get("cursor") is None:
            self._load_snapshot(report)
        while not self.cancelled():
            state = self._state()
            page = ChangesPage.model_validate(
                self.transport.get(self._path("changes"), since=state["cursor"], limit=PAGE)
            )
            if self._portal_went_back(state, page, report):
                continue
            self._ensure_reference_data(page.reference_tag)
            self._ensure_calendar(page.calendar_version)
            self.document_keys_tag = page.document_keys_tag
            if not page.changes and page.next_seq == state["cursor"]:
                return
            with self.desk.store.write() as session:
                applied, deferred = apply_changes(session, page.changes, self.desk.now())
                fresh = get_setting(session, "portal") or {}
                fresh["cursor"] = page.next_seq  # moved only with the page it belongs to
                fresh["cursor_check"] = page.next_check
                fresh["deferred"] = sorted(set(fresh.get("deferred", [])) | set(deferred))
                put_setting(session, "portal", fresh)
            report.pulled += applied
            report.deferred += len(deferred)
            self.progress("pull", page.next_seq, page.head_seq)
            if page.next_seq >= page.head_seq:
                return

    def _portal_went_back(
        self, state: dict[str, Any], page: ChangesPage, report: SyncReport
    ) -> bool:
        """A restored backup or a re-created portal database: its history changed under us.

        Caught by the epoch, by the sequence falling behind our cursor, or by the change at
        our cursor no longer being the one we applied (the sequence may have grown back past
        it). The desk then replays the feed from the start and marks every acknowledged act
        as pending again: what the portal still has comes back as a duplicate, what it lost
        is applied again, so nothing the desk did is lost.
        """
        cursor, check = state["cursor"], state.get("cursor_check")
        diverged = (
            page.epoch != state.get("epoch")
            or page.head_seq < cursor
            or (check is not None and page.since_check != check)
        )
        if not diverged:
            return False
        with self.desk.store.write() as session:
            for event in session.scalars(select(OutboxEvent).where(OutboxEvent.status == "acked")):
                event.status, event.acked_at = "pending", None
            fresh = get_setting(session, "portal") or {}
            # A restored calendar may carry a version number the desk already saw.
            fresh.update(cursor=0, cursor_check=None, epoch=page.epoch, calendar_version=None)
            put_setting(session, "portal", fresh)
            record_audit(
                session, self.desk, self.actor, "sync.rewind", self.office,
                {"cursor": cursor, "epoch": state.get("epoch")}, {"cursor": 0, "epoch": page.epoch},
            )  # fmt: skip
        report.rewound = True
        return True

    def _load_snapshot(self, report: SyncReport) -> None:
        """A new desk starts from the office's dossiers as they are, plus the cursor.

        Pages are written together with the place to continue from, several to a
        transaction (at most ``SNAPSHOT_COMMIT_SECONDS`` of work: a commit rewrites every
        index page the random ids touched, so one per page of 1,000 cost more than the
        inserts). While they are written the next page is already travelling.
        """
        state = self._state()
        pages = self._snapshot_pages(state.get("snapshot_after", ""), state.get("snapshot_cursor"))
        page, finished = next(pages), False
        with self.desk.store.bulk_writes() as write:  # a bigger page cache, see the store
            while not finished and not self.cancelled():
                # Reference data (catalogue, officers) is written outside the page transaction.
                self._ensure_reference_data(page.reference_tag)
                tag, until = page.reference_tag, time.monotonic() + SNAPSHOT_COMMIT_SECONDS
                with write() as session:
                    while True:
                        report.snapshot += self._write_snapshot_page(session, page)
                        finished = page.next_after is None
                        if finished or self.cancelled():
                            break
                        page = next(pages)  # written by the next transaction if it breaks here
                        if page.reference_tag != tag or time.monotonic() > until:
                            break
                self.progress("snapshot", report.snapshot, 0)
        pages.close()  # a page still travelling is waited for, not left running
        if finished:
            refresh_statistics(self.desk)

    def _snapshot_pages(
        self, after: str, cursor: int | None
    ) -> Generator[SnapshotPage, None, None]:
        """The snapshot's pages in order, one fetched ahead on a thread."""
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="anh-chup") as fetcher:
            ahead = fetcher.submit(self._snapshot_page, after, cursor)
            while True:
                page = ahead.result()
                if page.next_after is not None:
                    ahead = fetcher.submit(self._snapshot_page, page.next_after, page.cursor)
                yield page
                if page.next_after is None:
                    return

    def _write_snapshot_page(self, session: Session, page: SnapshotPage) -> int:
        ids = [d.id for d in page.dossiers]
        known = set(session.scalars(select(Dossier.id).where(Dossier.id.in_(ids))))
        history: dict[str, list[HistoryAct]] = {}
        for a in page.acts:
            history.setdefault(a.dossier_id, []).append(HistoryAct(
                a.act_id, a.version, a.act, a.from_state, a.to_state, a.officer, a.desk_id,
                a.at, a.payload))  # fmt: skip
        items = [_snapshot_item(d, history.get(d.id, ())) for d in page.dossiers
                 if d.id not in known]  # fmt: skip
        sealed: dict[str, list[ActWire]] = {}
        for a in page.acts:
            if a.seal:  # kept as the feed sends it (the seal is over that form)
                sealed.setdefault(a.dossier_id, []).append(
                    ActWire.model_validate(a.model_dump(exclude={"dossier_id"}))
                )
        for d in page.dossiers:
            if d.id not in known:
                keep_sealed(session, d.id, sealed.get(d.id, []), d.payments)
        if items:
            insert_snapshot(session, self.desk, items, self.actor)
        fresh = get_setting(session, "portal") or {}
        fresh.update(snapshot_after=page.next_after or "", snapshot_cursor=page.cursor)
        if page.next_after is None:
            fresh["cursor"], fresh["cursor_check"] = page.cursor, page.cursor_check
        put_setting(session, "portal", fresh)
        return len(items)

    def _snapshot_page(self, after: str, cursor: int | None) -> SnapshotPage:
        raw = self.transport.get_bytes(
            self._path("snapshot"),
            after=after,
            limit=MAX_PAGE,
            **({"cursor": cursor} if cursor is not None else {}),
        )
        return SnapshotPage.model_validate_json(raw)

    # --- reconciliation -----------------------------------------------------------------------
    def reconcile(self, list_below: int = 64) -> ReconcileReport:
        """Compare (id, version) digests by id range with the portal and repair only the
        dossiers that differ — so a bug or a restored backup cannot leave the two sides
        silently different."""
        report = ReconcileReport()
        prefixes = list(ID_ALPHABET)  # the whole range in 17 parts: no pass over all of it
        differing: set[str] = set()
        while prefixes and not self.cancelled():
            local = self._local_ranges(prefixes, list_below)
            known = {prefix: r.digest for prefix, r in local.items()}
            reply = DigestReply.model_validate(
                self.transport.post(  # a question: asked twice, answered the same
                    self._path("digests"),
                    {"prefixes": prefixes, "list_below": list_below, "known": known},
                    repeatable=True,
                )
            )
            report.rounds += 1
            prefixes = []
            for theirs in reply.ranges:
                mine = local[theirs.prefix]
                if mine.digest == theirs.digest:
                    continue
                if theirs.count <= list_below and mine.count <= list_below:
                    ours, portal = dict(mine.items or []), dict(theirs.items or [])
                    differing |= {i for i in portal if ours.get(i) != portal[i]}
                    report.unknown_to_portal += [i for i in ours if i not in portal]
                else:
                    prefixes += [theirs.prefix + c for c in ID_ALPHABET]
        for dossier_id in sorted(differing):
            with self.desk.store.read() as session:
                if has_unsettled_events(session, dossier_id):
                    report.deferred.append(dossier_id)
                    continue
            change = self.portal_dossier(dossier_id)
            with self.desk.store.write() as session:
                apply_changes(session, [change], self.desk.now())
                record_audit(
                    session,
                    self.desk,
                    self.actor,
                    "sync.repair",
                    change.dossier.code,
                    None,
                    {"version": change.dossier.version},
                )
            report.repaired.append(dossier_id)
        if report.repaired and not self.cancelled():
            # The portal went back further than this desk's cursor knew (a restored backup):
            # what it lost of its own that this desk holds goes back now, with this desk's
            # acts the repairs put back in the outbox; the next sync pulls the result.
            pushed = SyncReport()
            self._give_back_and_push(pushed)
            report.given_back, report.pushed = pushed.given_back, pushed.pushed
        # The next sync looks at every open dossier's scans again, not only new papers: a
        # scan refused as corrupt is tried again, one deleted from the disk comes back.
        self._remember(attachments_after=0, document_key_sent=None)
        return report

    def _local_ranges(self, prefixes: list[str], list_below: int) -> dict[str, RangeDigest]:
        by_prefix: dict[str, list[tuple[str, int]]] = {}
        with self.desk.store.read() as session:
            for prefix in prefixes:
                # A primary-key range; the office is checked on the rows (a desk holds one
                # office, and an office-first index would make SQLite scan it per prefix).
                rows = session.execute(
                    select(Dossier.id, Dossier.version, Dossier.office_code).where(
                        Dossier.id >= prefix, Dossier.id < prefix + "\uffff"
                    )
                ).all()
                by_prefix[prefix] = [(i, v) for i, v, office in rows if office == self.office]
        return {r.prefix: r for r in digest_ranges(by_prefix, list_below)}

    def _download_attachments(self, report: SyncReport) -> None:
        """Scans of the dossiers still being worked on, resumed where a cut left them.

        Only papers that arrived since the last complete pass are looked at (papers are
        only ever added, so their ids grow): a sync that moved nothing stays one round trip
        whatever the size of the desk. A reconciliation starts the next pass from zero.
        """
        after = int(self._state().get("attachments_after", 0))
        with self.desk.store.read() as session:
            through = session.scalar(select(func.max(DossierPaper.id))) or 0
            wanted = sorted(set(session.scalars(
                select(DossierPaper.sha256).join(Dossier, Dossier.id == DossierPaper.dossier_id)
                .where(DossierPaper.id > after, DossierPaper.id <= through,
                       DOSSIER_IS_OPEN, DossierPaper.sha256 != "")
            )))  # fmt: skip
        if through == after:
            return
        missing = [sha for sha in wanted if not self.attachments.has(sha)]
        for n, sha in enumerate(missing, start=1):
            if self.cancelled():
                return
            url = self._path(f"attachments/{sha}")
            try:
                moved = self.attachments.fetch(self.transport, url, sha)
            except ScanCorrupt as exc:  # bytes that never hash right, or a name that is no hash
                report.corrupt += 1
                with self.desk.store.write() as session:
                    record_audit(session, self.desk, self.actor, "sync.attachment_corrupt",
                                 sha[:64], None, {"message": str(exc)})  # fmt: skip
                continue
            report.attachments += 1
            report.attachment_bytes += moved
            self.progress("attachments", n, len(missing))
        if not self.cancelled():  # every paper up to ``through`` was fetched or reported
            self._remember(attachments_after=through)

    def portal_dossier(self, dossier_id: str) -> ChangeWire:
        """The dossier and its acts as the portal has them now (the other side of a
        conflict, shown to the officer before resolving it)."""
        return ChangeWire.model_validate(self.transport.get(self._path(f"dossiers/{dossier_id}")))

    def _refresh_deferred(self, report: SyncReport) -> None:
        for dossier_id in list(self._state().get("deferred", [])):
            with self.desk.store.read() as session:
                if has_unsettled_events(session, dossier_id):
                    continue
            change = self.portal_dossier(dossier_id)
            with self.desk.store.write() as session:
                applied, _ = apply_changes(session, [change], self.desk.now())
                fresh = get_setting(session, "portal") or {}
                fresh["deferred"] = [d for d in fresh.get("deferred", []) if d != dossier_id]
                put_setting(session, "portal", fresh)
            report.pulled += applied


def _not_held(events: Sequence[OutboxEvent], held: dict[str, int]) -> list[OutboxEvent]:
    """The events that may go now: a dossier's act after the version a citizen's act the
    portal still lacks holds, and every later event of that dossier, wait (order kept)."""
    waiting: set[str] = set()
    going = []
    for e in events:
        d = e.dossier_id
        if d in held and (
            d in waiting or (e.kind == "dossier.act" and int(e.body.get("version", 0)) > held[d])
        ):
            waiting.add(d)
            continue
        going.append(e)
    return going


def _first_problem(exc: ValidationError) -> str:
    """Where a reply broke the protocol, without the value (it may be huge or hostile)."""
    problem = exc.errors()[0]
    where = ".".join(str(part)[:40] for part in problem["loc"])
    return f"{exc.title}: {where}: {problem['msg']}"[:300]


def _snapshot_item(d: DossierWire, acts: Sequence[HistoryAct] = ()) -> SnapshotDossier:
    due = (Due(d.due_date, DaySession(d.due_session), d.due_at)
           if d.due_date and d.due_session and d.due_at else None)  # fmt: skip
    original = (Due(d.original_due_date, DaySession(d.original_due_session), d.original_due_at)
                if d.original_due_date and d.original_due_session and d.original_due_at
                else None)  # fmt: skip
    return SnapshotDossier(
        IncomingDossier(id=d.id, code=d.code, office_code=d.office_code,
                        procedure_code=d.procedure_code, applicant_name=d.applicant_name,
                        submitted_at=d.submitted_at, channel=d.channel, level=d.level,
                        id_number=d.id_number, phone=d.phone, email=d.email,
                        address=d.address,
                        papers=tuple(IncomingPaper(p.name, p.kind, p.count, p.file_name,
                                                   p.sha256) for p in d.papers)),
        DossierState(d.state), d.version, d.received_at, due, d.resolved_at,
        tuple(p.model_dump() for p in d.payments), original, tuple(acts),
    )  # fmt: skip


def resolve_conflict(desk: Desk, actor: Actor, conflict_id: int) -> None:
    """Officer accepts the portal's version: the refused act stays in history, marked by the
    conflict; the dossier is fetched from the portal at the next sync."""
    with desk.store.write() as session:
        conflict = session.get(SyncConflict, conflict_id)
        if conflict is None or conflict.resolved_at is not None:
            raise DomainError("Không có xung đột này hoặc đã được giải quyết.")
        dossier = session.get(Dossier, conflict.dossier_id)
        if dossier is None or dossier.office_code != actor.office_code:
            raise DomainError("Xung đột không thuộc cơ quan của cán bộ.")
        conflict.resolved_at, conflict.resolved_by = desk.now(), actor.officer_id
        refused = session.scalars(
            select(OutboxEvent).where(OutboxEvent.event_id == conflict.event_id)
        ).one()
        # The refused act and every later act of the dossier built on it give way; earlier
        # acts (e.g. sent again after a portal restore) are untouched.
        for event in session.scalars(
            select(OutboxEvent).where(
                OutboxEvent.dossier_id == conflict.dossier_id,
                OutboxEvent.status.in_(("conflict", "pending", "rejected")),
                OutboxEvent.id >= refused.id,
            )
        ):
            event.status = "superseded"
        fresh = get_setting(session, "portal") or {}
        fresh["deferred"] = sorted({*fresh.get("deferred", []), conflict.dossier_id})
        put_setting(session, "portal", fresh)
        record_audit(
            session,
            desk,
            actor,
            "sync.resolve_conflict",
            dossier.code,
            {"event_id": conflict.event_id},
            {"resolution": "portal_version"},
        )
