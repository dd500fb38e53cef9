"""Events pushed by desks: each checked against its kind's schema, the desk's office, the
officer, the dossier's version and the lifecycle, then applied once (a resend gets the
stored outcome) or answered ``rejected``/``conflict`` with the reason for the desk."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.core.lifecycle import Act, DossierState, IllegalAct, next_state
from sync.portal import receipts, rules
from sync.portal.attachments import missing_results
from sync.portal.base import record_change, utc_now
from sync.portal.dossier_acts import append_act
from sync.portal.models import (
    PortalAct,
    PortalConflict,
    PortalDesk,
    PortalDossier,
    PortalEvent,
    PortalOfficer,
)
from sync.protocol import (
    EVENT_MODELS,
    MAX_ID,
    EventResult,
    EventStatus,
    EventWire,
    PaymentWire,
    ReceiptIssuedWire,
    ReceiptVoidedWire,
    Request,
    ReturnByPostPayload,
    ReturnInPersonPayload,
    act_payload,
    body_hash,
    describe_errors,
    text_problem,
)


def apply_events(
    transaction: Callable[[], AbstractContextManager[Session]],
    desk_id: str,
    office_code: str,
    bodies: Sequence[object],
) -> list[EventResult]:
    """Apply each event in its own transaction, so one bad event never blocks the rest and
    a batch cut half-way leaves only whole events behind (a resend finishes the job)."""
    results = []
    for body in bodies:
        try:
            with transaction() as session:
                results.append(_apply_one(session, desk_id, office_code, body))
        except IntegrityError:
            # The same event arrived twice at once: the other copy won; report its outcome.
            try:
                with transaction() as session:
                    results.append(_apply_one(session, desk_id, office_code, body))
            except IntegrityError:  # not a race: it clashes with what the portal holds
                results.append(_clashing(body))
    return results


def _clashing(body: object) -> EventResult:
    event_id = _usable_id(body.get("event_id")) if isinstance(body, dict) else None
    return EventResult(event_id=event_id or "?", status="rejected",
                       message="Sự kiện trùng mã với dữ liệu đã có trên cổng.")  # fmt: skip


def _remember(
    session: Session,
    desk_id: str,
    event_id: str,
    digest: str,
    result: EventResult,
) -> EventResult:
    session.add(
        PortalEvent(
            event_id=event_id,
            desk_id=desk_id,
            body_hash=digest,
            status=result.status,
            seq=result.seq,
            message=result.message,
            received_at=utc_now(),
        )
    )
    session.flush()
    return result


DeskEvent = EventWire | ReceiptIssuedWire | ReceiptVoidedWire | PaymentWire


def _usable_id(value: object) -> str | None:
    """An event id the portal can key its record by and the desk can match its answer to."""
    if isinstance(value, str) and 0 < len(value) <= MAX_ID and text_problem(value) is None:
        return value
    return None


def _parse(body: dict[str, Any]) -> tuple[DeskEvent, Request | None] | str:
    """The event checked against its kind's schema (and an act's payload against the act's),
    or what is wrong with it, in words for the desk's conflicts panel."""
    if problem := text_problem(body):
        return problem
    kind = body.get("kind")
    model = EVENT_MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        return f"loại sự kiện “{str(kind)[:40]}” không có"
    try:
        event = model.model_validate(body)
    except ValidationError as exc:
        return describe_errors(exc)
    if not isinstance(event, EventWire):
        return event, None
    try:
        return event, act_payload(event.act, event.payload)
    except ValidationError as exc:
        return describe_errors(exc, prefix="payload")


def _apply_one(session: Session, desk_id: str, office_code: str, body: object) -> EventResult:
    if not isinstance(body, dict):
        return EventResult(event_id="?", status="rejected",
                           message="Sự kiện không hợp lệ: phải là một đối tượng JSON.")  # fmt: skip
    event_id = _usable_id(body.get("event_id"))
    if event_id is None:  # nothing to keep it under: answered, not remembered
        return EventResult(event_id="?", status="rejected", message=(
            f"Sự kiện không hợp lệ: thiếu mã event_id (chuỗi 1–{MAX_ID} ký tự)."))  # fmt: skip
    digest = body_hash(body)
    stored = session.get(PortalEvent, event_id)
    if stored is not None:
        if stored.body_hash != digest:
            return EventResult(
                event_id=event_id,
                status="conflict",
                message="Cùng mã sự kiện nhưng nội dung khác: không áp dụng.",
            )
        # Insert-or-return: the stored outcome, with "applied" reported as "duplicate".
        return EventResult.model_validate(
            {
                "event_id": event_id,
                "status": "duplicate" if stored.status == "applied" else stored.status,
                "seq": stored.seq,
                "message": stored.message,
            }
        )

    def record(status: EventStatus, message: str = "", seq: int | None = None) -> EventResult:
        result = EventResult(event_id=event_id, status=status, seq=seq, message=message)
        return _remember(session, desk_id, event_id, digest, result)

    parsed = _parse(body)
    if isinstance(parsed, str):
        return record("rejected", f"Sự kiện không hợp lệ: {parsed}.")
    event, payload = parsed
    if session.get(PortalDesk, desk_id) is None:
        return record("rejected", "Bàn không xác định.")
    if isinstance(event, ReceiptIssuedWire):
        return record(*receipts.apply_receipt(session, desk_id, office_code, event))
    if isinstance(event, ReceiptVoidedWire):
        return record(*receipts.apply_void(session, desk_id, office_code, event))
    if isinstance(event, PaymentWire):
        status, message = receipts.apply_payment(session, desk_id, office_code, event)
        paid = session.get(PortalDossier, event.dossier_id) if status == "applied" else None
        # The office's other desks learn of it through the change feed (no second collection).
        seq = record_change(session, paid, utc_now()) if paid is not None else None
        return record(status, message, seq)

    def reject(message: str) -> EventResult:
        return record("rejected", message)

    dossier = session.get(PortalDossier, event.dossier_id, with_for_update=True)
    if dossier is None:
        return reject(f"Không có hồ sơ {event.dossier_code} trên cổng.")
    if dossier.office_code != office_code:
        return reject("Hồ sơ không thuộc cơ quan của bàn.")
    act = event.act
    if act is Act.RECEIVE:  # the desk confirms it has the dossier: nothing changes here
        return record("applied", "Bàn đã nhận hồ sơ.")
    if session.get(PortalAct, event.act_id) is not None:
        return reject(f"Mã thao tác {event.act_id} đã có trên cổng.")
    officer = session.get(PortalOfficer, event.officer)
    if officer is None or officer.office_code != office_code or officer.disabled:
        return reject(f"Cán bộ “{event.officer}” không thuộc cơ quan hoặc đã bị khoá.")
    if missing := missing_results(session, dossier, payload):
        return reject(missing)
    if isinstance(payload, ReturnInPersonPayload | ReturnByPostPayload) and payload.override:
        # The desk asks a supervisor to sign in before letting a result go this way.
        who = payload.override.supervisor
        if problem := rules.supervisor_problem(session, office_code, who):
            return reject(f"Cho phép trả kết quả khi bản chính chưa khớp: {problem}")
    # Same version is not enough: another desk may have reached that version another way.
    if dossier.version != event.base_version or dossier.state != event.from_state:
        session.add(
            PortalConflict(
                event_id=event_id,
                desk_id=desk_id,
                dossier_id=dossier.id,
                base_version=event.base_version,
                portal_version=dossier.version,
                portal_state=dossier.state,
                body=body,
                created_at=utc_now(),
            )
        )
        state = DossierState(dossier.state).label_vi
        return record(
            "conflict",
            f"Hồ sơ {dossier.code} đã thay đổi trên cổng (phiên bản {dossier.version}, "
            f"“{state}”) sau phiên bản {event.base_version} mà bàn dựa vào.",
        )
    try:
        to_state = next_state(dossier.code, DossierState(dossier.state), act)
    except IllegalAct as exc:
        return reject(str(exc))
    if to_state is not event.to_state:
        return reject(f"Trạng thái mới không khớp quy tắc ({event.to_state} ≠ {to_state.value}).")
    seq = append_act(
        session,
        dossier,
        act,
        to_state,
        event.officer,
        desk_id,
        event.at,
        event.payload,
        act_id=event.act_id,
    )
    return record("applied", seq=seq)
