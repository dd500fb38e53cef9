"""Applying what the portal sends to the desk's database (inside the caller's transaction)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from desktop.core.lifecycle import department_given, rating_given
from desktop.core.text import fold
from desktop.services.fees import record_known_payments
from desktop.store.models import ActRow, Dossier, DossierPaper, Officer, OutboxEvent, PortalFact
from desktop.store.search import index_dossiers_after, last_rowid
from sync.protocol import ActWire, ChangeWire, DossierPaymentWire, DossierWire, OfficerWire

UNSETTLED = ("pending", "conflict")  # events the portal has not taken yet


def has_unsettled_events(session: Session, dossier_id: str) -> bool:
    return session.scalar(
        select(OutboxEvent.id).where(OutboxEvent.dossier_id == dossier_id,
                                     OutboxEvent.status.in_(UNSETTLED)).limit(1)
    ) is not None  # fmt: skip


def reclaim_lost_acts(
    session: Session, dossier_id: str, portal_acts: set[str], portal_payments: set[str]
) -> int:
    """Acts and payments the portal acknowledged but no longer has (it was restored from a
    backup taken before them) go back to the outbox: pushed again, they are applied or
    become conflicts, never silently lost. Receipts do not travel back down; the receipt of
    a lost payment (pushed after it) and that receipt's void go back with the payment."""
    acked = session.scalars(select(OutboxEvent).where(
        OutboxEvent.dossier_id == dossier_id, OutboxEvent.status == "acked")).all()  # fmt: skip
    lost = [
        e for e in acked
        if (e.kind == "dossier.act" and e.body.get("act") != "receive"
            and e.body.get("act_id") not in portal_acts)
        or (e.kind == "fee.payment" and e.body.get("payment_id") not in portal_payments)
    ]  # fmt: skip
    receipts = {e.body.get("receipt_id") for e in acked if e.kind == "receipt.issued"
                and e.body.get("payment_id") not in portal_payments}  # fmt: skip
    lost += [e for e in acked if e.kind in ("receipt.issued", "receipt.voided")
             and e.body.get("receipt_id") in receipts]  # fmt: skip
    for event in lost:
        event.status, event.acked_at, event.message = (
            "pending",
            None,
            "cổng không còn giữ thao tác này",
        )
    return len(lost)


def keep_sealed(
    session: Session,
    dossier_id: str | None,
    acts: list[ActWire] | tuple[ActWire, ...] = (),
    payments: list[DossierPaymentWire] | tuple[DossierPaymentWire, ...] = (),
) -> None:
    """Keep what the portal sealed (its own acts, payments made online) as it came, to give
    back if the portal is ever restored from a backup without it. A fact already kept keeps
    what became of it."""
    rows = [{"kind": "act", "fact_id": a.act_id, "dossier_id": dossier_id,
             "body": a.model_dump(mode="json"), "outcome": "", "message": ""}
            for a in acts if a.seal]  # fmt: skip
    rows += [{"kind": "payment", "fact_id": p.id, "dossier_id": dossier_id,
              "body": p.model_dump(mode="json"), "outcome": "", "message": ""}
             for p in payments if p.seal]  # fmt: skip
    if rows:
        session.execute(insert(PortalFact).values(rows).on_conflict_do_nothing())


def _dossier_fields(w: DossierWire) -> dict[str, Any]:
    return {
        "code": w.code, "office_code": w.office_code, "procedure_code": w.procedure_code,
        "level": w.level, "channel": w.channel, "applicant_name": w.applicant_name,
        "applicant_folded": fold(w.applicant_name), "id_number": w.id_number,
        "phone": w.phone, "email": w.email, "address": w.address, "state": w.state,
        "version": w.version, "submitted_at": w.submitted_at, "received_at": w.received_at,
        "due_date": w.due_date, "due_session": w.due_session, "due_at": w.due_at,
        # A portal that does not keep the original appointment: the one the dossier holds.
        "original_due_date": w.original_due_date or w.due_date,
        "original_due_session": w.original_due_session or w.due_session,
        "original_due_at": w.original_due_at or w.due_at,
        "resolved_at": w.resolved_at,
    }  # fmt: skip


def apply_changes(session: Session, changes: list[ChangeWire], now: Any) -> tuple[int, list[str]]:
    """Apply a page of changes; returns (applied, ids deferred because of unsent acts).

    A pulled change never overwrites a dossier that still has acts on their way up: the
    dossier is fetched again once they have been settled.
    """
    before = last_rowid(session)
    officers = {u: i for u, i in session.execute(select(Officer.username, Officer.id))}
    applied, deferred = 0, []
    for change in changes:
        w = change.dossier
        reclaim_lost_acts(session, w.id, {a.act_id for a in change.acts},
                          {p.id for p in w.payments})  # fmt: skip
        keep_sealed(session, w.id, change.acts, w.payments)
        dossier = session.get(Dossier, w.id)
        if dossier is not None and has_unsettled_events(session, w.id):
            deferred.append(w.id)
            continue
        if dossier is None:
            dossier = Dossier(id=w.id, updated_at=now, **_dossier_fields(w))
            session.add(dossier)
            session.add_all(
                DossierPaper(dossier_id=w.id, position=i, name=p.name, kind=p.kind,
                             count=p.count, file_name=p.file_name, sha256=p.sha256)
                for i, p in enumerate(w.papers, start=1)
            )  # fmt: skip
        else:
            for key, value in _dossier_fields(w).items():
                if key.startswith("original_") and w.original_due_at is None:
                    continue  # an older portal: keep what this desk knows of it
                setattr(dossier, key, value)
            dossier.updated_at = now
        session.flush()
        record_known_payments(session, w.id, [p.model_dump() for p in w.payments])
        known = set(session.scalars(select(ActRow.act_id).where(ActRow.dossier_id == w.id)))
        for a in change.acts:
            if a.act_id in known:
                continue
            session.add(ActRow(act_id=a.act_id, dossier_id=w.id, version=a.version, act=a.act,
                               from_state=a.from_state, to_state=a.to_state,
                               officer_id=officers.get(a.officer), desk_id=a.desk_id or "portal",
                               at=a.at, payload=a.payload,
                               rating=rating_given(a.act, a.payload or {})))  # fmt: skip
            department = department_given(a.act, a.payload or {})
            if department is not None:  # the latest act written is the one that holds
                dossier.held_by, dossier.held_since = department, a.at
        applied += 1
    session.flush()
    index_dossiers_after(session, before)
    return applied, deferred


def upsert_officers(session: Session, officers: list[OfficerWire], now: Any) -> int:
    """Accounts come from the portal, with their password hashes, for offline login."""
    for o in officers:
        row = session.scalar(select(Officer).where(Officer.username == o.username))
        if row is None:
            row = Officer(username=o.username, failed_logins=0, created_at=now)
            session.add(row)
        row.full_name, row.role, row.office_code = o.full_name, o.role, o.office_code
        row.password_hash, row.disabled = o.password_hash, o.disabled
    return len(officers)
