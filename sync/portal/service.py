"""What the portal does, without HTTP: enrol desks, take citizens' acts, apply desk events,
serve the change feed and snapshots. The FastAPI app (``app.py``) only translates."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.core.calendar import OFFICE_TZ, Due, WorkingCalendar
from desktop.core.calendar import Session as DaySession
from desktop.core.checks import notice_withdrawn
from desktop.core.lifecycle import INITIAL_STATE, Act, DossierState, IllegalAct, next_state
from desktop.core.pauses import moved_original, resumption
from sync.portal import calendar as province_calendar
from sync.portal import receipts, rules
from sync.portal.attachments import attachment_for as attachment_for
from sync.portal.attachments import link_scans, missing_results
from sync.portal.attachments import link_scans_of_older_dossiers as link_scans_of_older_dossiers
from sync.portal.attachments import receive_result_chunk as receive_result_chunk
from sync.portal.attachments import result_upload_status as result_upload_status
from sync.portal.attachments import store_attachment as store_attachment

# Split out by concern; named here too, where the app, the commands and the tests find them.
from sync.portal.base import PortalError as PortalError
from sync.portal.base import ensure_meta as ensure_meta
from sync.portal.base import epoch as epoch
from sync.portal.base import head_seq as head_seq
from sync.portal.base import record_change
from sync.portal.base import utc_now as utc_now
from sync.portal.enrolment import ENROLMENT_CODE_LIFETIME as ENROLMENT_CODE_LIFETIME
from sync.portal.enrolment import GUESS_WINDOW as GUESS_WINDOW
from sync.portal.enrolment import GUESSES_ALLOWED as GUESSES_ALLOWED
from sync.portal.enrolment import authenticate as authenticate
from sync.portal.enrolment import create_enrolment_code as create_enrolment_code
from sync.portal.enrolment import enrol as enrol
from sync.portal.enrolment import office_wire as office_wire
from sync.portal.enrolment import require_office as require_office
from sync.portal.enrolment import revoke_desk as revoke_desk
from sync.portal.feed import act_wire as act_wire
from sync.portal.feed import catalogue as catalogue
from sync.portal.feed import change_check as change_check
from sync.portal.feed import changes_since as changes_since
from sync.portal.feed import dossier_wire as dossier_wire
from sync.portal.feed import officers_of as officers_of
from sync.portal.feed import payments_of as payments_of
from sync.portal.feed import reference_tag as reference_tag
from sync.portal.feed import snapshot_page_json as snapshot_page_json
from sync.portal.models import (
    DossierCodeCounter,
    Notice,
    PortalAct,
    PortalConflict,
    PortalDesk,
    PortalDossier,
    PortalEvent,
    PortalOffice,
    PortalOfficer,
    PortalPayment,
    PortalProcedure,
)
from sync.portal.reconciliation import digests as digests
from sync.protocol import (
    EVENT_MODELS,
    MAX_CODE,
    MAX_ID,
    MAX_TEXT,
    EventResult,
    EventStatus,
    EventWire,
    PaymentWire,
    ReceiptIssuedWire,
    ReceiptVoidedWire,
    Request,
    ReturnByPostPayload,
    ReturnInPersonPayload,
    SubmissionWire,
    act_payload,
    body_hash,
    describe_errors,
    text_problem,
)

CITIZEN = "citizen"  # the actor of acts citizens do online
ONLINE = "thanh-toan-truc-tuyen"  # the "desk" of payments made on the portal


def pay_online(session: Session, dossier_id: str, reference: str) -> PortalPayment:
    """Công dân nộp phí, lệ phí trực tuyến (level 4): the procedure's fees, once."""
    _check_citizen_text({"mã giao dịch": reference}, MAX_CODE)
    dossier = session.get(PortalDossier, dossier_id, with_for_update=True)
    if dossier is None:
        raise PortalError(404, f"Không có hồ sơ {dossier_id}.")
    if dossier.level != 4:
        raise PortalError(409, f"Hồ sơ {dossier.code} mức độ 3: nộp lệ phí tại bộ phận một cửa.")
    procedure = session.get(PortalProcedure, dossier.procedure_code)
    schedule = procedure.data.get("fees", []) if procedure else []
    items = [{"name": f["name"], "kind": f["kind"], "amount": int(f["amount"])}
             for f in schedule if f["amount"]]  # fmt: skip
    if not items:
        raise PortalError(409, f"Hồ sơ {dossier.code}: thủ tục không thu phí, lệ phí.")
    if session.scalar(select(PortalPayment.id).where(PortalPayment.dossier_id == dossier.id,
                                                     PortalPayment.kind == "payment")):  # fmt: skip
        raise PortalError(409, f"Hồ sơ {dossier.code} đã nộp phí, lệ phí.")
    now = utc_now()
    payment = PortalPayment(
        id=str(uuid.uuid4()), dossier_id=dossier.id, desk_id=ONLINE, kind="payment",
        method="online", amount=sum(i["amount"] for i in items),
        body={"items": items, "reference": reference}, at=now,
    )  # fmt: skip
    session.add(payment)
    record_change(session, dossier, now)  # desks learn of it through the change feed
    return payment


# --- acts on dossiers ------------------------------------------------------------------------

def _append_act(
    session: Session,
    dossier: PortalDossier,
    act: Act,
    to_state: DossierState,
    officer: str,
    desk_id: str | None,
    at: datetime,
    payload: dict[str, Any],
    act_id: str | None = None,
) -> int:
    """Move the dossier, keep the act, notify the citizen, record the change: one unit."""
    from_state = dossier.state if act is not Act.RECEIVE else None
    dossier.state = to_state.value
    dossier.version += 0 if act is Act.RECEIVE else 1
    _apply_payload(dossier, act, payload, at)
    act_id = act_id or str(uuid.uuid4())
    session.add(
        PortalAct(
            act_id=act_id,
            dossier_id=dossier.id,
            version=dossier.version,
            act=act.value,
            from_state=from_state,
            to_state=to_state.value,
            officer=officer,
            desk_id=desk_id,
            at=at,
            payload=payload,
        )
    )
    # The citizen reads exactly the words the act recorded — the words the officer saw
    # before confirming (``desktop.core.checks``) — never a rewording of the portal's own.
    notice = payload.get("notice")
    if isinstance(notice, str) and notice.strip():
        session.add(Notice(dossier_id=dossier.id, act_id=act_id, kind=act.value, text=notice,
                           created_at=utc_now()))  # fmt: skip
    session.flush()
    return record_change(session, dossier, utc_now())


def _apply_payload(dossier: PortalDossier, act: Act, payload: dict[str, Any], at: datetime) -> None:
    """The fields an act sets besides the state, as the desk's services set them."""
    appointment = payload.get("appointment")
    # Accepting, re-appointing and resuming after a pause (moved by the waiting time) all
    # carry the appointment the desk computed.
    if appointment:
        dossier.due_date = date.fromisoformat(appointment["date"])
        dossier.due_session = appointment["session"]
        dossier.due_at = datetime.fromisoformat(appointment["deadline"])
    if original := moved_original(act.value, payload):
        dossier.original_due_date = date.fromisoformat(original["date"])
        dossier.original_due_session = original["session"]
        dossier.original_due_at = datetime.fromisoformat(original["deadline"])
    if act is Act.ACCEPT and payload.get("received_at"):
        dossier.received_at = datetime.fromisoformat(payload["received_at"])
    if act in (Act.RECORD_RESULT, Act.DENY):
        dossier.resolved_at = at


def dossier_code(session: Session, office_code: str, submitted_at: datetime) -> str:
    """Mã hồ sơ nộp trực tuyến: ``OFFICE-yymmdd-NNNNNN``, numbered from 1 each local day
    (Asia/Ho_Chi_Minh: a dossier submitted at 06:30 is today's, not yesterday's in UTC)
    for each office. One upsert of the (office, day) counter row: the row stays locked until
    the submission commits (on SQLite the writing transaction holds the database lock), so
    two submissions never take one number, and a rolled-back one gives its number back."""
    if session.get(PortalOffice, office_code) is None:
        raise PortalError(404, f"Không có cơ quan mã {office_code}.")
    day = submitted_at.astimezone(OFFICE_TZ).date()
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(DossierCodeCounter)
        .values(office_code=office_code, day=day, last_number=1)
        .on_conflict_do_update(
            index_elements=[DossierCodeCounter.office_code, DossierCodeCounter.day],
            set_={"last_number": DossierCodeCounter.last_number + 1},
        )
        .returning(DossierCodeCounter.last_number)
    )
    number = session.execute(statement).scalar_one()
    return f"{office_code}-{day:%y%m%d}-{number:06d}"


def submit_dossier(
    session: Session,
    *,
    office_code: str,
    procedure_code: str,
    applicant_name: str,
    submitted_at: datetime,
    level: int,
    channel: int = 2,
    id_number: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    papers: Sequence[dict[str, Any]] = (),
    dossier_id: str | None = None,
) -> PortalDossier:
    """Một công dân nộp hồ sơ trực tuyến: the portal issues the code. What the citizen typed
    is bounded like the wire (``SubmissionWire``): an oversized field is refused, never stored.
    ``dossier_id`` is for seeded demo data only; the portal otherwise draws a random one."""
    try:
        form = SubmissionWire.model_validate({
            "procedure_code": procedure_code, "applicant_name": applicant_name, "level": level,
            "channel": channel, "id_number": id_number, "phone": phone, "email": email,
            "address": address, "papers": list(papers)})  # fmt: skip
    except ValidationError as exc:
        raise PortalError(422, "Hồ sơ nộp không hợp lệ: "
                          + describe_errors(exc, labels=SubmissionWire.LABELS)) from None
    if session.get(PortalProcedure, procedure_code) is None:
        raise PortalError(404, f"Không có thủ tục mã {procedure_code}.")
    dossier = PortalDossier(
        id=dossier_id or str(uuid.uuid4()), code=dossier_code(session, office_code, submitted_at),
        office_code=office_code, procedure_code=procedure_code, level=level, channel=channel,
        applicant_name=applicant_name, id_number=id_number, phone=phone, email=email,
        address=address, state=INITIAL_STATE.value, version=1, submitted_at=submitted_at,
        papers=[p.model_dump() for p in form.papers],
    )  # fmt: skip
    session.add(dossier)
    session.flush()
    link_scans(session, dossier)
    _append_act(
        session,
        dossier,
        Act.RECEIVE,
        INITIAL_STATE,
        CITIZEN,
        None,
        submitted_at,
        {"submitted_at": submitted_at.isoformat(), "papers": len(papers)},
    )
    return dossier


def citizen_act(session: Session, dossier_id: str, act: Act, payload: dict[str, Any]) -> int:
    """Công dân bổ sung hoặc rút hồ sơ trực tuyến."""
    if act not in (Act.RECORD_SUPPLEMENT, Act.WITHDRAW, Act.CONFIRM_PAYMENT):
        raise PortalError(400, f"Công dân không thực hiện được “{act.label_vi}”.")
    _check_citizen_text(payload, MAX_TEXT)
    # Notices are the office's words: a citizen's own text never becomes one.
    payload = {k: v for k, v in payload.items() if k != "notice"}
    dossier = session.get(PortalDossier, dossier_id, with_for_update=True)
    if dossier is None:
        raise PortalError(404, f"Không có hồ sơ {dossier_id}.")
    try:
        to_state = next_state(dossier.code, DossierState(dossier.state), act)
    except IllegalAct as exc:
        raise PortalError(409, str(exc)) from None
    now = utc_now()
    if act is Act.WITHDRAW:  # the office confirms the withdrawal, as a desk would word it
        reason = str(payload.get("reason", ""))
        payload = {**payload, "notice": notice_withdrawn(dossier.code, dossier.applicant_name,
                                                         reason)}  # fmt: skip
    if DossierState(dossier.state).is_paused and to_state is DossierState.IN_PROCESSING:
        # The citizen ended the wait online: the due dates move as a desk would move them.
        history = session.scalars(select(PortalAct).where(PortalAct.dossier_id == dossier.id)
                                  .order_by(PortalAct.version)).all()  # fmt: skip
        due = None
        if dossier.due_date and dossier.due_session and dossier.due_at:
            due = Due(dossier.due_date, DaySession(dossier.due_session), dossier.due_at)
        calendar = portal_calendar(session, dossier.office_code)
        original = None
        if dossier.original_due_date and dossier.original_due_session and dossier.original_due_at:
            original = Due(dossier.original_due_date, DaySession(dossier.original_due_session),
                           dossier.original_due_at)  # fmt: skip
        payload = {**payload, **resumption(calendar, history, dossier.state, now, due,
                                           original)}  # fmt: skip
    return _append_act(session, dossier, act, to_state, CITIZEN, None, now, payload)


def _check_citizen_text(fields: dict[str, Any], longest: int) -> None:
    """What a citizen typed online: bounded, and storable by every database."""
    for name, value in fields.items():
        if not isinstance(value, str):
            continue
        if len(value) > longest:
            raise PortalError(422, f"“{name}” dài quá {longest} ký tự.")
        if problem := text_problem(value):
            raise PortalError(422, f"“{name}” {problem}.")


def portal_calendar(session: Session, office_code: str) -> WorkingCalendar:
    """The office's working calendar: the province calendar in this database with the
    office's hours — the calendar its desks pulled, so both count the same due dates."""
    return province_calendar.working_calendar(session, office_code)


# --- events pushed by desks ------------------------------------------------------------------


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
    seq = _append_act(
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


# --- reading -----------------------------------------------------------------------------------


def citizen_view(session: Session, dossier_id: str) -> dict[str, Any]:
    """What the citizen sees of a dossier on the portal: its national status code and the
    office's notices, oldest first, each exactly as the act that told it recorded it."""
    dossier = session.get(PortalDossier, dossier_id)
    if dossier is None:
        raise PortalError(404, f"Không có hồ sơ {dossier_id}.")
    state = DossierState(dossier.state)
    notices = session.execute(
        select(Notice.act_id, Notice.kind, Notice.text).where(Notice.dossier_id == dossier.id)
        .order_by(Notice.id)
    ).all()  # fmt: skip
    returned = session.scalars(select(PortalAct.payload).where(
        PortalAct.dossier_id == dossier.id, PortalAct.act == Act.RETURN_ONLINE.value))
    return {
        "code": dossier.code,
        "status": int(state.portal_status),
        "state": state.label_vi,
        "notices": [{"act_id": a, "kind": k, "text": t} for a, k, t in notices],
        # the signed documents to download (``attachment_for`` serves them by hash)
        "documents": [d for p in returned for d in p.get("documents", [])],
    }
