"""What citizens do online on the portal: submit a dossier (the portal numbers it), pay
fees online (level 4), supplement or withdraw, and read their dossier's status and notices."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from desktop.core.calendar import OFFICE_TZ, Due
from desktop.core.calendar import Session as DaySession
from desktop.core.checks import notice_withdrawn
from desktop.core.lifecycle import INITIAL_STATE, Act, DossierState, IllegalAct, next_state
from desktop.core.pauses import resumption
from sync.portal.attachments import link_scans
from sync.portal.base import CITIZEN, ONLINE, PortalError, record_change, utc_now
from sync.portal.dossier_acts import append_act, portal_calendar
from sync.portal.models import (
    DossierCodeCounter,
    Notice,
    PortalAct,
    PortalDossier,
    PortalOffice,
    PortalPayment,
    PortalProcedure,
)
from sync.protocol import MAX_CODE, MAX_TEXT, SubmissionWire, describe_errors, text_problem


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
        raise PortalError(
            422, "Hồ sơ nộp không hợp lệ: " + describe_errors(exc, labels=SubmissionWire.LABELS)
        ) from None
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
    append_act(
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
    return append_act(session, dossier, act, to_state, CITIZEN, None, now, payload)


def _check_citizen_text(fields: dict[str, Any], longest: int) -> None:
    """What a citizen typed online: bounded, and storable by every database."""
    for name, value in fields.items():
        if not isinstance(value, str):
            continue
        if len(value) > longest:
            raise PortalError(422, f"“{name}” dài quá {longest} ký tự.")
        if problem := text_problem(value):
            raise PortalError(422, f"“{name}” {problem}.")


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
    returned = session.scalars(
        select(PortalAct.payload).where(
            PortalAct.dossier_id == dossier.id, PortalAct.act == Act.RETURN_ONLINE.value
        )
    )
    return {
        "code": dossier.code,
        "status": int(state.portal_status),
        "state": state.label_vi,
        "notices": [{"act_id": a, "kind": k, "text": t} for a, k, t in notices],
        # the signed documents to download (``attachment_for`` serves them by hash)
        "documents": [d for p in returned for d in p.get("documents", [])],
    }
