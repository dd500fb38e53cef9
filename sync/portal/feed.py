"""What desks read: the change feed, the snapshot pages a new desk starts from, and the
wire forms of the portal's rows (dossiers with their payments, acts, officers, catalogue)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from desktop.core.moments import utc_text
from sync.portal import calendar as province_calendar
from sync.portal import receipts
from sync.portal.base import epoch, head_seq, seal, seal_key
from sync.portal.models import (
    Change,
    Moment,
    PortalAct,
    PortalDossier,
    PortalOfficer,
    PortalPayment,
    PortalProcedure,
)
from sync.protocol import (
    ActWire,
    ChangesPage,
    ChangeWire,
    DossierPaymentWire,
    DossierWire,
    OfficerWire,
    PaperWire,
    body_hash,
)

# --- wire forms ------------------------------------------------------------------------------


def dossier_wire(d: PortalDossier, payments: list[DossierPaymentWire]) -> DossierWire:
    return DossierWire(
        id=d.id, code=d.code, office_code=d.office_code, procedure_code=d.procedure_code,
        level=d.level, channel=d.channel, applicant_name=d.applicant_name,
        id_number=d.id_number, phone=d.phone, email=d.email, address=d.address, state=d.state,
        version=d.version, submitted_at=d.submitted_at, received_at=d.received_at,
        due_date=d.due_date, due_session=d.due_session, due_at=d.due_at,
        original_due_date=d.original_due_date, original_due_session=d.original_due_session,
        original_due_at=d.original_due_at, resolved_at=d.resolved_at,
        papers=[PaperWire(**p) for p in d.papers], payments=payments,
    )  # fmt: skip


def payments_of(
    session: Session, dossier_ids: Sequence[str]
) -> dict[str, list[DossierPaymentWire]]:
    """The fees paid and refunded for each dossier, online or at any desk (one query for
    a page of dossiers)."""
    found: dict[str, list[DossierPaymentWire]] = {i: [] for i in dossier_ids}
    key = seal_key(session)
    for p in session.scalars(
        select(PortalPayment).where(PortalPayment.dossier_id.in_(list(dossier_ids)))
        .order_by(PortalPayment.at)
    ):  # fmt: skip
        wire = DossierPaymentWire.model_validate({
            "id": p.id, "kind": p.kind, "method": p.method, "amount": p.amount,
            "items": p.body.get("items", []), "reference": p.body.get("reference", ""),
            "refund_of": p.body.get("refund_of"), "at": p.at})  # fmt: skip
        if p.method == "online":  # the portal's own: desks give back only what it sealed
            wire = wire.model_copy(update={"seal": seal(
                key, "payment", p.dossier_id, wire.model_dump(mode="json"))})  # fmt: skip
        found[p.dossier_id].append(wire)
    return found


def act_wire(a: PortalAct, key: bytes = b"") -> ActWire:
    """An act as desks read it; one the portal made itself (a citizen's, online) sealed
    with ``key`` (``base.seal_key``), so a desk can give it back after a restore."""
    wire = ActWire(
        act_id=a.act_id,
        act=a.act,
        version=a.version,
        from_state=a.from_state,
        to_state=a.to_state,
        officer=a.officer,
        desk_id=a.desk_id,
        at=a.at,
        payload=a.payload,
    )
    if key and a.desk_id is None:
        return wire.model_copy(update={"seal": seal(key, "act", a.dossier_id,
                                                    wire.model_dump(mode="json"))})  # fmt: skip
    return wire


def officers_of(session: Session, office_code: str) -> list[OfficerWire]:
    rows = session.scalars(select(PortalOfficer).where(PortalOfficer.office_code == office_code))
    return [
        OfficerWire(
            username=o.username,
            full_name=o.full_name,
            role=o.role,
            office_code=o.office_code,
            password_hash=o.password_hash,
            disabled=o.disabled,
        )
        for o in rows
    ]


def catalogue(session: Session) -> list[dict[str, Any]]:
    return [p.data for p in session.scalars(select(PortalProcedure).order_by(PortalProcedure.code))]


# --- the change feed and snapshots --------------------------------------------------------


def reference_tag(session: Session, office_code: str) -> str:
    """A fingerprint of the catalogue and the office's accounts: a desk fetches them only
    when it changes, so a sync with nothing new is a single round trip."""
    officers = [o.model_dump() for o in officers_of(session, office_code)]
    return body_hash({"catalogue": catalogue(session), "officers": officers})[:32]


def change_check(session: Session, seq: int) -> str | None:
    """A fingerprint of change ``seq`` (any office's): which dossier changed, and when."""
    change = session.get(Change, seq) if seq else None
    return None if change is None else f"{change.dossier_id}@{utc_text(change.at)}"


def changes_since(session: Session, office_code: str, since: int, limit: int) -> ChangesPage:
    rows = session.execute(
        select(Change.seq, Change.dossier_id).where(Change.office_code == office_code,
                                                    Change.seq > since)
        .order_by(Change.seq).limit(limit)
    ).all()  # fmt: skip
    latest: dict[str, int] = {}
    for seq, dossier_id in rows:
        latest[dossier_id] = seq  # a dossier changed twice in a page is sent once, as it is now
    # Two queries for the whole page, not two per dossier: under fifty desks pulling at
    # once, per-dossier round trips to PostgreSQL were most of the portal's time.
    dossiers = {d.id: d for d in session.scalars(
        select(PortalDossier).where(PortalDossier.id.in_(latest)))}  # fmt: skip
    acts_of: dict[str, list[ActWire]] = {i: [] for i in latest}
    key = seal_key(session)
    for a in session.scalars(
        select(PortalAct).where(PortalAct.dossier_id.in_(latest))
        .order_by(PortalAct.dossier_id, PortalAct.version)
    ):  # fmt: skip
        acts_of[a.dossier_id].append(act_wire(a, key))
    paid = payments_of(session, list(latest))
    changes = [
        ChangeWire(seq=seq, dossier=dossier_wire(dossiers[dossier_id], paid[dossier_id]),
                   acts=acts_of[dossier_id])
        for dossier_id, seq in sorted(latest.items(), key=lambda kv: kv[1])
    ]  # fmt: skip
    next_seq = rows[-1][0] if rows else since
    return ChangesPage(
        epoch=epoch(session),
        head_seq=head_seq(session),
        changes=changes,
        next_seq=next_seq,
        since_check=change_check(session, since),
        next_check=change_check(session, next_seq),
        reference_tag=reference_tag(session, office_code),
        document_keys_tag=receipts.document_keys_tag(session, office_code),
        calendar_version=province_calendar.calendar_version(session),
    )


def snapshot_page_json(
    session: Session, office_code: str, after: str, limit: int, cursor: int | None
) -> bytes:
    """A page of the office's dossiers as they are now (ids after ``after``), as the JSON of
    a ``SnapshotPage``.

    The first page fixes the cursor the desk continues from; later pages repeat it, and any
    dossier that changed while the desk was paging comes again through the change feed.

    This is the portal's bulk path (a new desk reads every dossier of its office), so rows
    go from the table to JSON without ORM objects or models: moments are already UTC ISO
    text in the table and are passed through as they are. ``DossierWire`` describes the
    result and a test checks both paths give the same dossier.
    """
    if cursor is None:  # read before the rows: a change committed meanwhile comes again
        cursor = head_seq(session)
    rows = session.execute(
        select(*_SNAPSHOT_COLUMNS)
        .where(PortalDossier.office_code == office_code, PortalDossier.id > after)
        .order_by(PortalDossier.id)
        .limit(limit)
    ).all()
    names = [c.name for c in _SNAPSHOT_COLUMNS]
    ids = [r.id for r in rows]
    paid = payments_of(session, ids)
    dossiers = []
    for row in rows:
        dossier = dict(zip(names, row, strict=True))
        dossier["payments"] = [p.model_dump(mode="json") for p in paid[row.id]]
        dossiers.append(dossier)
    # Their history, so a desk enrolled to replace another shows the same timelines, counts
    # the same acts in its reports and moves the same due dates after a wait.
    key = seal_key(session)
    history = [
        {**act_wire(a, key).model_dump(mode="json"), "dossier_id": a.dossier_id}
        for a in session.scalars(select(PortalAct).where(PortalAct.dossier_id.in_(ids))
                                 .order_by(PortalAct.dossier_id, PortalAct.version))
    ]  # fmt: skip
    page = {
        "epoch": epoch(session),
        "cursor": cursor,
        "cursor_check": change_check(session, cursor),
        "reference_tag": reference_tag(session, office_code),
        "dossiers": dossiers,
        "acts": history,
        "next_after": rows[-1].id if len(rows) == limit else None,
    }
    return json.dumps(page, ensure_ascii=False, default=_iso).encode("utf-8")


# Moments as the stored UTC text (no parse and re-format); every other column as it loads.
_SNAPSHOT_COLUMNS = [
    type_coerce(c, String).label(c.name) if isinstance(c.type, Moment) else c
    for c in PortalDossier.__table__.c
]


def _iso(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")
