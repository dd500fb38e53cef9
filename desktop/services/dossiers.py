"""Thao tác trên hồ sơ — one function per act an officer performs.

Each act runs in one write transaction that checks the act against the lifecycle, moves
the dossier's current state, appends the act to its history, appends an audit entry and
queues an outbox event for the portal — all of it, or (on any error) nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.accounts import Role
from desktop.core.appointments import ReappointmentRules, check_reappointment
from desktop.core.calendar import Due
from desktop.core.calendar import Session as DaySession
from desktop.core.checks import (
    PaperCheck,
    PaperVerdict,
    notice_accepted,
    notice_denied,
    notice_late,
    notice_refused,
    notice_result_ready,
    notice_stopped,
    notice_supplement,
    notice_withdrawn,
)
from desktop.core.lifecycle import (
    INITIAL_STATE,
    Act,
    DomainError,
    DossierState,
    department_given,
    next_state,
    rating_given,
)
from desktop.core.pauses import current_step_due, due_dict, due_from, moved_original, resumption
from desktop.core.text import fold
from desktop.services.audit import record_audit
from desktop.services.catalogue import procedure_of
from desktop.services.context import Actor, Desk
from desktop.services.outbox import enqueue
from desktop.services.settings import reappointment_rules, set_reappointment_rules
from desktop.store.models import ActRow, Dossier, DossierPaper
from desktop.store.search import index_dossiers_after, last_rowid


class DossierNotFound(DomainError):
    pass


class AccessDenied(DomainError):
    pass


@dataclass(frozen=True)
class IncomingPaper:
    name: str
    kind: int = 1
    count: int = 1
    file_name: str = ""
    sha256: str = ""


@dataclass(frozen=True)
class IncomingDossier:
    """A dossier as the portal sends it (submitted online by a citizen)."""

    id: str
    code: str
    office_code: str
    procedure_code: str
    applicant_name: str
    submitted_at: datetime
    channel: int = 2
    level: int = 3
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    papers: tuple[IncomingPaper, ...] = field(default=())


@dataclass(frozen=True)
class PaperProblem:
    """One paper to supplement or correct (Mẫu 02)."""

    name: str
    problem: str  # "missing" (thiếu) or "wrong" (sai, không hợp lệ)
    note: str = ""

    def __post_init__(self) -> None:
        if self.problem not in ("missing", "wrong"):
            raise DomainError(f"Giấy tờ “{self.name}”: vấn đề phải là thiếu hoặc sai.")


@dataclass(frozen=True)
class ActOutcome:
    dossier_id: str
    dossier_code: str
    act: Act
    state: DossierState
    version: int
    act_id: str
    due: Due | None = None


def required(text: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(f"Phải nhập {what}.")
    return text


def _snapshot(d: Dossier) -> dict[str, Any]:
    return {
        "state": d.state,
        "version": d.version,
        "due_date": d.due_date.isoformat() if d.due_date else None,
        "due_session": d.due_session,
    }


def load_for(session: Session, actor: Actor, dossier_id: str) -> Dossier:
    dossier = session.get(Dossier, dossier_id)
    if dossier is None:
        raise DossierNotFound(f"Không tìm thấy hồ sơ {dossier_id}.")
    if dossier.office_code != actor.office_code:
        # Do not even confirm the code to an officer of another office.
        raise AccessDenied("Hồ sơ không thuộc cơ quan của cán bộ: không được phép thao tác.")
    return dossier


def check_may_act(actor: Actor) -> None:
    if actor.role is Role.ADMINISTRATOR:
        raise AccessDenied("Tài khoản quản trị không thực hiện thao tác trên hồ sơ.")


def _append_act(
    session: Session,
    desk: Desk,
    actor: Actor,
    dossier: Dossier,
    act: Act,
    from_state: DossierState | None,
    payload: dict[str, Any],
    before: dict[str, Any] | None,
) -> ActOutcome:
    """History, audit and outbox for an act already applied to ``dossier``."""
    now = desk.now()
    act_id = str(uuid.uuid4())
    dossier.updated_at = now
    department = department_given(act.value, payload)
    if department is not None:  # who holds it now, kept on its row for the reports
        dossier.held_by, dossier.held_since = department, now
    session.add(
        ActRow(
            act_id=act_id,
            dossier_id=dossier.id,
            version=dossier.version,
            act=act.value,
            from_state=from_state.value if from_state else None,
            to_state=dossier.state,
            officer_id=actor.officer_id,
            desk_id=desk.desk_id,
            at=now,
            payload=payload,
            rating=rating_given(act.value, payload),
        )
    )
    state = DossierState(dossier.state)
    record_audit(
        session,
        desk,
        actor,
        f"dossier.{act.value}",
        dossier.code,
        before,
        {**_snapshot(dossier), **payload},
    )
    enqueue(
        session,
        desk,
        "dossier.act",
        {
            "act_id": act_id,
            "act": act.value,
            "dossier_id": dossier.id,
            "dossier_code": dossier.code,
            "base_version": dossier.version - 1,
            "version": dossier.version,
            "from_state": from_state.value if from_state else None,
            "to_state": state.value,
            "portal_status": int(state.portal_status),
            "officer": actor.username,
            "at": now.isoformat(),
            "payload": payload,
        },
        dossier_id=dossier.id,
    )
    session.flush()
    return ActOutcome(dossier.id, dossier.code, act, state, dossier.version, act_id)


def apply_act(
    session: Session,
    desk: Desk,
    actor: Actor,
    dossier: Dossier,
    act: Act,
    payload: dict[str, Any],
    apply: Callable[[Session, Dossier], None] | None = None,
) -> ActOutcome:
    """Apply ``act`` to a dossier already loaded in the caller's write transaction (a batch
    of acts commits or fails as one)."""
    from_state = DossierState(dossier.state)
    to_state = next_state(dossier.code, from_state, act)
    before = _snapshot(dossier)
    if apply is not None:
        apply(session, dossier)
    if from_state.is_paused and to_state is DossierState.IN_PROCESSING:
        _resume_clock(session, desk, dossier, from_state, payload)
    dossier.state = to_state.value
    dossier.version += 1
    return _append_act(session, desk, actor, dossier, act, from_state, payload, before)


def _resume_clock(
    session: Session, desk: Desk, d: Dossier, paused: DossierState, payload: dict[str, Any]
) -> None:
    """The wait on the citizen is over: the due dates move by the sessions it took."""
    history = session.scalars(
        select(ActRow).where(ActRow.dossier_id == d.id).order_by(ActRow.version, ActRow.id)
    ).all()
    due = dossier_due(d)
    extra = resumption(desk.calendar, history, paused.value, desk.now(), due, original_due(d))
    if moved := due_from(extra.get("appointment")):
        d.due_date, d.due_session, d.due_at = moved.date, moved.session.value, moved.deadline
    set_original(d, due_from(moved_original(Act.RECORD_SUPPLEMENT.value, extra)))
    payload.update(extra)


def dossier_due(d: Dossier) -> Due | None:
    """The appointment the citizen now holds (a re-appointment's, if one was given)."""
    if d.due_date and d.due_session and d.due_at:
        return Due(d.due_date, DaySession(d.due_session), d.due_at)
    return None


def original_due(d: Dossier) -> Due | None:
    """The appointment the dossier was accepted with, as the waits moved it (a dossier
    from a portal that does not keep it: the appointment it holds)."""
    if d.original_due_date and d.original_due_session and d.original_due_at:
        return Due(d.original_due_date, DaySession(d.original_due_session), d.original_due_at)
    return dossier_due(d)


def set_original(d: Dossier, due: Due | None) -> None:
    if due is not None:
        d.original_due_date, d.original_due_session, d.original_due_at = (
            due.date, due.session.value, due.deadline)


def perform_act(
    desk: Desk,
    actor: Actor,
    dossier_id: str,
    act: Act,
    payload: dict[str, Any],
    apply: Callable[[Session, Dossier], None] | None = None,
) -> ActOutcome:
    """One act in its own transaction: state, history, audit and outbox, or nothing."""
    check_may_act(actor)
    with desk.store.write() as session:
        dossier = load_for(session, actor, dossier_id)
        return apply_act(session, desk, actor, dossier, act, payload, apply)


# --- receiving ------------------------------------------------------------------------------


def import_dossier(desk: Desk, incoming: IncomingDossier, actor: Actor | None = None) -> ActOutcome:
    """Nhận hồ sơ từ cổng. Receiving the same dossier again changes nothing."""
    actor = actor or desk.sync_actor()
    if incoming.office_code != desk.office_code:
        raise AccessDenied(
            f"Hồ sơ {incoming.code} thuộc cơ quan {incoming.office_code}, "
            f"không phải cơ quan của bàn này ({desk.office_code})."
        )
    required(incoming.code, "mã hồ sơ")
    required(incoming.applicant_name, "tên người nộp")
    if incoming.channel not in (1, 2, 3) or incoming.level not in (3, 4):
        raise DomainError(f"Hồ sơ {incoming.code}: kênh nộp hoặc mức độ không hợp lệ.")
    with desk.store.write() as session:
        existing = session.get(Dossier, incoming.id)
        if existing is not None:
            return ActOutcome(
                existing.id,
                existing.code,
                Act.RECEIVE,
                DossierState(existing.state),
                existing.version,
                "",
            )
        procedure_of(session, incoming.procedure_code)  # unknown procedure → DomainError
        before = last_rowid(session)
        dossier = Dossier(
            id=incoming.id,
            code=incoming.code.strip(),
            office_code=incoming.office_code,
            procedure_code=incoming.procedure_code,
            level=incoming.level,
            channel=incoming.channel,
            applicant_name=incoming.applicant_name.strip(),
            applicant_folded=fold(incoming.applicant_name),
            id_number=incoming.id_number,
            phone=incoming.phone,
            email=incoming.email,
            address=incoming.address,
            state=INITIAL_STATE.value,
            version=1,
            submitted_at=incoming.submitted_at,
            updated_at=desk.now(),
        )
        session.add(dossier)
        for position, paper in enumerate(incoming.papers, start=1):
            session.add(
                DossierPaper(
                    dossier_id=incoming.id,
                    position=position,
                    name=paper.name,
                    kind=paper.kind,
                    count=paper.count,
                    file_name=paper.file_name,
                    sha256=paper.sha256,
                )
            )
        session.flush()
        index_dossiers_after(session, before)
        payload = {
            "submitted_at": incoming.submitted_at.isoformat(),
            "papers": len(incoming.papers),
        }
        return _append_act(session, desk, actor, dossier, Act.RECEIVE, None, payload, None)


# --- completeness check (Đ7) ------------------------------------------------------------------


def accept_dossier(
    desk: Desk,
    actor: Actor,
    dossier_id: str,
    describe: Callable[[Session, Dossier, Due], dict[str, Any]] | None = None,
) -> ActOutcome:
    """Tiếp nhận hồ sơ: the appointment date is counted from now in working days.

    ``describe`` adds to the act what the officer checked and told the citizen, from the
    appointment computed inside the act's own transaction (so the two cannot disagree)."""
    received = desk.now()
    payload: dict[str, Any] = {}
    due_holder: list[Due] = []

    def apply(session: Session, d: Dossier) -> None:
        procedure = procedure_of(session, d.procedure_code)
        due = desk.calendar.due(received, procedure.processing_time)
        d.received_at, d.due_date, d.due_session, d.due_at = (
            received,
            due.date,
            due.session.value,
            due.deadline,
        )
        set_original(d, due)  # kept whatever re-appointment follows
        due_holder.append(due)
        payload.update(
            received_at=received.isoformat(),
            appointment=due_dict(due),
            processing_time=procedure.processing_time.label_vi(),
        )
        if describe is not None:
            payload.update(describe(session, d, due))
        if "notice" not in payload:  # every acceptance tells the citizen the appointment
            name = procedure.name
            payload["notice"] = notice_accepted(d.code, d.applicant_name, name, due)

    outcome = perform_act(desk, actor, dossier_id, Act.ACCEPT, payload, apply)
    return replace(outcome, due=due_holder[0])


def request_supplement(
    desk: Desk,
    actor: Actor,
    dossier_id: str,
    problems: Sequence[PaperProblem],
    reason: str,
    extra: dict[str, Any] | None = None,
) -> ActOutcome:
    """Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)."""
    if not problems:
        raise DomainError("Phải nêu ít nhất một giấy tờ cần bổ sung hoặc sửa.")
    payload = {
        "reason": required(reason, "lý do yêu cầu bổ sung"),
        "papers": [{"name": p.name, "problem": p.problem, "note": p.note} for p in problems],
        **(extra or {}),
    }

    def apply(session: Session, d: Dossier) -> None:
        if "notice" in payload:
            return
        name = procedure_of(session, d.procedure_code).name
        checks = [PaperCheck(n, p.name, PaperVerdict(p.problem), p.note)
                  for n, p in enumerate(problems, start=1)]  # fmt: skip
        payload["notice"] = notice_supplement(d.code, d.applicant_name, name, checks,
                                              payload["reason"])  # fmt: skip

    return perform_act(desk, actor, dossier_id, Act.REQUEST_SUPPLEMENT, payload, apply)


def record_supplement(desk: Desk, actor: Actor, dossier_id: str, note: str = "") -> ActOutcome:
    """Công dân đã bổ sung: the dossier returns to the queue for another check."""
    return perform_act(desk, actor, dossier_id, Act.RECORD_SUPPLEMENT, {"note": note.strip()})


def refuse_dossier(
    desk: Desk, actor: Actor, dossier_id: str, reason: str, extra: dict[str, Any] | None = None
) -> ActOutcome:
    """Từ chối tiếp nhận (Mẫu 03)."""
    payload = {"reason": required(reason, "lý do từ chối"), **(extra or {})}

    def apply(session: Session, d: Dossier) -> None:
        if "notice" not in payload:
            name = procedure_of(session, d.procedure_code).name
            payload["notice"] = notice_refused(d.code, d.applicant_name, name, payload["reason"])

    return perform_act(desk, actor, dossier_id, Act.REFUSE, payload, apply)


def _telling(payload: dict[str, Any], words: Callable[[Dossier], str]) -> Any:
    """An ``apply`` that records in the act what the citizen is told (the portal shows
    exactly these words)."""

    def apply(_session: Session, d: Dossier) -> None:
        payload["notice"] = words(d)

    return apply


def withdraw_dossier(desk: Desk, actor: Actor, dossier_id: str, reason: str = "") -> ActOutcome:
    """Công dân rút hồ sơ (before a result exists)."""
    payload: dict[str, Any] = {"reason": reason.strip()}
    told = _telling(payload, lambda d: notice_withdrawn(d.code, d.applicant_name, reason))
    return perform_act(desk, actor, dossier_id, Act.WITHDRAW, payload, told)


# --- processing (Đ8) ---------------------------------------------------------------------------


def hand_over(
    desk: Desk, actor: Actor, dossier_id: str, department: str, receiver: str = ""
) -> ActOutcome:
    """Chuyển hồ sơ cho phòng chuyên môn (Mẫu 05)."""
    payload = {
        "department": required(department, "phòng chuyên môn nhận"),
        "receiver": receiver.strip(),
    }
    return perform_act(desk, actor, dossier_id, Act.HAND_OVER, payload)


def request_payment(
    desk: Desk, actor: Actor, dossier_id: str, reason: str, amount: int
) -> ActOutcome:
    if amount <= 0:
        raise DomainError("Số tiền nghĩa vụ tài chính phải lớn hơn 0.")
    payload = {"reason": required(reason, "nội dung nghĩa vụ tài chính"), "amount": amount}
    return perform_act(desk, actor, dossier_id, Act.REQUEST_PAYMENT, payload)


def confirm_payment(desk: Desk, actor: Actor, dossier_id: str, reference: str) -> ActOutcome:
    payload = {"reference": required(reference, "số chứng từ nộp tiền")}
    return perform_act(desk, actor, dossier_id, Act.CONFIRM_PAYMENT, payload)


def reappoint(desk: Desk, actor: Actor, dossier_id: str, reason: str, new_date: date) -> ActOutcome:
    """Xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04): before the due moment, as many times
    and as early as the desk's settings say (``desktop.core.appointments``). The original
    appointment stays: the dossier is still judged against it."""
    reason = required(reason, "lý do trễ hạn")
    if not desk.calendar.is_working_day(new_date):
        raise DomainError(f"Ngày hẹn mới {new_date:%d/%m/%Y} không phải ngày làm việc.")
    close = desk.calendar.hours.afternoon[1]
    new_due = Due(
        new_date, DaySession.AFTERNOON, datetime.combine(new_date, close, desk.calendar.tz)
    )

    payload: dict[str, Any] = {"reason": reason, "appointment": due_dict(new_due)}

    def apply(_session: Session, d: Dossier) -> None:
        reappointment_refusal(desk, _session, d)
        if d.due_date is not None and new_date <= d.due_date:
            raise DomainError(
                f"Ngày hẹn mới {new_date:%d/%m/%Y} phải sau ngày hẹn cũ {d.due_date:%d/%m/%Y}."
            )
        d.due_date, d.due_session, d.due_at = new_date, new_due.session.value, new_due.deadline
        payload["notice"] = notice_late(d.code, d.applicant_name, reason, new_due)
        # The department holding it gets the new appointment too, if its step was due sooner.
        step = current_step_due(_session.scalars(
            select(ActRow).where(ActRow.dossier_id == d.id).order_by(ActRow.version)).all())
        if step is not None and step.deadline < new_due.deadline:
            payload["extended_step_due"] = due_dict(new_due)

    return perform_act(desk, actor, dossier_id, Act.REAPPOINT, payload, apply)


def reappointment_refusal(desk: Desk, session: Session, d: Dossier) -> None:
    """Raise the reason a re-appointment of ``d`` is not allowed now, if there is one."""
    due = dossier_due(d)
    if due is None:
        raise DomainError(f"Hồ sơ {d.code} chưa có ngày hẹn trả: không hẹn lại được.")
    done = session.scalar(select(func.count()).select_from(ActRow).where(
        ActRow.dossier_id == d.id, ActRow.act == Act.REAPPOINT.value)) or 0  # fmt: skip
    check_reappointment(desk.calendar, reappointment_rules(session), d.code, due, desk.now(),
                        done)  # fmt: skip


def change_reappointment_rules(desk: Desk, admin: Actor, max_reappointments: int,
                               min_lead_working_days: int) -> ReappointmentRules:  # fmt: skip
    """The office's rule for apologies and new dates (administrator only, audited)."""
    if admin.role is not Role.ADMINISTRATOR:
        raise AccessDenied("Chỉ quản trị hệ thống được sửa quy tắc hẹn lại.")
    rules = ReappointmentRules(max_reappointments, min_lead_working_days)  # refuses < 0
    if rules.max_reappointments > 10 or rules.min_lead_working_days > 30:
        raise DomainError("Số lần hẹn lại tối đa 10, số ngày báo trước tối đa 30.")
    with desk.store.write() as session:
        before = reappointment_rules(session)
        set_reappointment_rules(session, rules)
        record_audit(session, desk, admin, "settings.reappointment", "reappointment",
                     asdict(before), asdict(rules))  # fmt: skip
    return rules


def may_reappoint(desk: Desk, actor: Actor, dossier_id: str) -> str | None:
    """Why the dossier may not be re-appointed now (for the window), or None."""
    with desk.store.read() as session:
        try:
            reappointment_refusal(desk, session, load_for(session, actor, dossier_id))
        except DomainError as refusal:
            return str(refusal)
    return None


def _mark_resolved(desk: Desk) -> Callable[[Session, Dossier], None]:
    def apply(_session: Session, d: Dossier) -> None:
        d.resolved_at = desk.now()

    return apply


def record_result(desk: Desk, actor: Actor, dossier_id: str, note: str = "") -> ActOutcome:
    payload: dict[str, Any] = {"note": note.strip()}
    told = _telling(payload, lambda d: notice_result_ready(d.code, d.applicant_name))

    def apply(session: Session, d: Dossier) -> None:
        _mark_resolved(desk)(session, d)
        told(session, d)

    return perform_act(desk, actor, dossier_id, Act.RECORD_RESULT, payload, apply)


def deny_dossier(desk: Desk, actor: Actor, dossier_id: str, reason: str) -> ActOutcome:
    """Không giải quyết: the department's reasoned refusal document (Đ8.2)."""
    reason = required(reason, "lý do không giải quyết")
    payload: dict[str, Any] = {"reason": reason}
    told = _telling(payload, lambda d: notice_denied(d.code, d.applicant_name, reason, "", ""))

    def apply(session: Session, d: Dossier) -> None:
        _mark_resolved(desk)(session, d)
        told(session, d)

    return perform_act(desk, actor, dossier_id, Act.DENY, payload, apply)


def stop_processing(desk: Desk, actor: Actor, dossier_id: str, reason: str) -> ActOutcome:
    """Dừng giải quyết hồ sơ (Mẫu 05): the citizen is told why, and that fees come back."""
    reason = required(reason, "lý do dừng xử lý")
    payload: dict[str, Any] = {"reason": reason}
    told = _telling(payload, lambda d: notice_stopped(d.code, d.applicant_name, reason))
    return perform_act(desk, actor, dossier_id, Act.STOP, payload, told)


# --- result return (Đ9.2, Đ10.1) ----------------------------------------------------------------


def return_in_person(
    desk: Desk,
    actor: Actor,
    dossier_id: str,
    receiver: str,
    extra: dict[str, Any] | None = None,
    also: Callable[[Session, Dossier], None] | None = None,
) -> ActOutcome:
    """Trả kết quả trực tiếp; ``also`` writes what must land in the same transaction (the
    originals check's override, see ``desktop.services.reception``)."""
    payload = {"receiver": required(receiver, "tên người nhận kết quả"), **(extra or {})}
    return perform_act(desk, actor, dossier_id, Act.RETURN_IN_PERSON, payload, also)



# Returning by post has no act here: ``processing.post_result`` checks the originals that
# came by post paper by paper, the fees and the postage first — no path skips them.
