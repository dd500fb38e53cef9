"""Giải quyết hồ sơ — from acceptance to the result (Đ8, Đ9, Đ10.3, Đ16).

* Handover (Đ8): accepted dossiers go in a batch to a specialist department, each step with
  its allotted working time; a department may hand a dossier on to another, consult others,
  and ends with a result (its document number, perhaps its scan) or a reasoned refusal
  signed by a leader with a notice to the citizen (Đ8.2).
* Paused clocks: while the office waits on the citizen (a supplement asked for during
  processing, a financial obligation) the clock stands still; when the wait ends the due
  date moves later by the working sessions spent waiting, recorded in the resuming act so
  the portal and every desk move it the same way.
* Early / on time / late is recorded per step and per dossier in the acts that end them,
  by the one rule of ``WorkingCalendar.standing``.
* Result return by post (Đ9.2): the originals, fees and postage that came by post are
  recorded with their postal references before the result is posted.
* Complaints and feedback (Đ16, Đ11.5) are acts on the dossier's history in any state.

Everything an act needs to say travels in its payload: the same history on every desk.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.calendar import Due, ProcessingTime, Timeliness
from desktop.core.checks import (
    OriginalCheck,
    OriginalVerdict,
    PaperCheck,
    PaperVerdict,
    notice_denied,
    notice_result_ready,
    notice_returned_online,
    notice_supplement,
)
from desktop.core.lifecycle import Act, DomainError, DossierState, next_state
from desktop.core.money import format_dong
from desktop.core.pauses import HANDING, due_dict, due_from
from desktop.services import dossiers as acts
from desktop.services.catalogue import procedure_of
from desktop.services.context import Actor, Desk
from desktop.services.dossier_view import dossier_detail
from desktop.services.dossiers import dossier_due
from desktop.services.fees import REFUNDABLE, refundable_items, still_owed
from desktop.services.reception import Override, originals_gate
from desktop.services.scans import ScanStore
from desktop.store.models import ActRow, Dossier, Payment, ProcedureRow


def history(session: Session, dossier_id: str) -> list[ActRow]:
    return list(session.scalars(select(ActRow).where(ActRow.dossier_id == dossier_id)
                                .order_by(ActRow.version, ActRow.id)))  # fmt: skip


# --- steps of processing --------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One department's turn with the dossier."""

    department: str
    receiver: str
    started_at: datetime
    due: Due | None  # extended by the pauses within the step
    ended_at: datetime | None = None
    timeliness: Timeliness | None = None


def steps_of(rows: Sequence[ActRow]) -> list[Step]:
    """The processing steps, from the acts: each hand-over or hand-on starts one, the next
    one or the result ends it; pauses within a step extend its due date."""
    steps: list[Step] = []
    current: dict[str, Any] | None = None
    for r in rows:
        if r.act in HANDING:
            if current is not None:
                steps.append(_ended(current, r))
            current = {"department": r.payload.get("department", ""),
                       "receiver": r.payload.get("receiver", ""), "started_at": r.at,
                       "due": due_from(r.payload.get("step_due"))}  # fmt: skip
        elif current is not None and (extended := r.payload.get("extended_step_due")):
            current["due"] = due_from(extended)
        elif current is not None and r.act in (Act.RECORD_RESULT.value, Act.DENY.value):
            steps.append(_ended(current, r))
            current = None
    if current is not None:
        steps.append(Step(**current))
    return steps


def _ended(current: dict[str, Any], r: ActRow) -> Step:
    step = r.payload.get("step") or {}
    timeliness = Timeliness(step["timeliness"]) if step.get("timeliness") else None
    return Step(**current, ended_at=r.at, timeliness=timeliness)


def _current_step(session: Session, d: Dossier) -> Step | None:
    steps = steps_of(history(session, d.id))
    return steps[-1] if steps and steps[-1].ended_at is None else None


def _step_end(desk: Desk, session: Session, d: Dossier) -> dict[str, Any]:
    """What the act ending the current step records of it."""
    step = _current_step(session, d)
    if step is None:
        return {}
    timeliness = desk.calendar.standing(step.due, desk.now()).timeliness if step.due else None
    return {"step": {"department": step.department,
                     "due": due_dict(step.due) if step.due else None,
                     "timeliness": timeliness.value if timeliness else None}}  # fmt: skip


def _step_due(desk: Desk, d: Dossier, allotted_days: float | None) -> tuple[Due | None, bool]:
    """The step's due moment, and whether it was cut to the dossier's: a department is
    never given longer than the citizen was promised. Cut rather than refused — the
    officer still hands the dossier on, and the act and Mẫu 05 say the time was cut."""
    if allotted_days is None:
        return dossier_due(d), False  # by default the step may take what the dossier has left
    if allotted_days <= 0:
        raise DomainError("Thời gian giao cho phòng chuyên môn phải lớn hơn 0 ngày làm việc.")
    asked = desk.calendar.due(desk.now(), ProcessingTime.days(allotted_days))
    limit = dossier_due(d)
    if limit is not None and asked.deadline > limit.deadline:
        return limit, True
    return asked, False


# --- handover (Đ8) -------------------------------------------------------------------------------


@dataclass(frozen=True)
class HandoverBatch:
    id: str
    department: str
    receiver: str
    at: datetime
    dossier_codes: tuple[str, ...]


def hand_over_batch(
    desk: Desk,
    actor: Actor,
    dossier_ids: Sequence[str],
    department: str,
    receiver: str,
    allotted_days: float | None = None,
) -> HandoverBatch:
    """Bàn giao a batch of accepted dossiers to a department (Mẫu 05 for each). All of them
    or none: one dossier that may not be handed over refuses the whole batch."""
    acts.check_may_act(actor)
    department = acts.required(department, "phòng chuyên môn nhận")
    receiver = acts.required(receiver, "người nhận hồ sơ của phòng chuyên môn")
    if not dossier_ids:
        raise DomainError("Chưa chọn hồ sơ nào để bàn giao.")
    if len(set(dossier_ids)) != len(dossier_ids):
        raise DomainError("Một hồ sơ được chọn hai lần trong cùng lần bàn giao.")
    batch_id = str(uuid.uuid4())
    codes: list[str] = []
    with desk.store.write() as session:
        for dossier_id in dossier_ids:
            d = acts.load_for(session, actor, dossier_id)
            step_due, capped = _step_due(desk, d, allotted_days)
            payload = {"department": department, "receiver": receiver, "batch_id": batch_id,
                       "step_due": due_dict(step_due) if step_due else None,
                       "allotted_days": allotted_days}  # fmt: skip
            if capped:
                payload["step_due_capped"] = True
            acts.apply_act(session, desk, actor, d, Act.HAND_OVER, payload)
            codes.append(d.code)
    return HandoverBatch(batch_id, department, receiver, desk.now(), tuple(codes))


def hand_on(desk: Desk, actor: Actor, dossier_id: str, department: str, receiver: str = "",
            allotted_days: float | None = None, note: str = "") -> acts.ActOutcome:  # fmt: skip
    """Chuyển tiếp: the department hands the dossier on to another, ending its own step."""
    department = acts.required(department, "phòng chuyên môn nhận tiếp")
    payload: dict[str, Any] = {"department": department, "receiver": receiver.strip(),
                               "note": note.strip(), "allotted_days": allotted_days}  # fmt: skip

    def apply(session: Session, d: Dossier) -> None:
        step = _current_step(session, d)
        if step is not None and step.department == department:
            raise DomainError(f"Hồ sơ {d.code} đang ở {department}: chọn phòng khác.")
        step_due, capped = _step_due(desk, d, allotted_days)
        payload.update(_step_end(desk, session, d),
                       step_due=due_dict(step_due) if step_due else None)
        if capped:
            payload["step_due_capped"] = True

    return acts.perform_act(desk, actor, dossier_id, Act.HAND_ON, payload, apply)


def consult(desk: Desk, actor: Actor, dossier_id: str, departments: Sequence[str],
            question: str) -> acts.ActOutcome:  # fmt: skip
    """Xin ý kiến phối hợp: recorded in the dossier's history; the step goes on."""
    asked = [x.strip() for x in departments if x.strip()]
    if not asked:
        raise DomainError("Phải nêu cơ quan, phòng được xin ý kiến.")
    payload = {"departments": asked, "question": acts.required(question, "nội dung xin ý kiến")}
    return acts.perform_act(desk, actor, dossier_id, Act.CONSULT, payload)


# --- waiting on the citizen: the clock stands still --------------------------------------------


def request_supplement_in_processing(
    desk: Desk, actor: Actor, dossier_id: str, papers: Sequence[acts.PaperProblem], reason: str
) -> acts.ActOutcome:
    """Yêu cầu bổ sung khi đang giải quyết: the clock pauses until the citizen supplements."""
    if not papers:
        raise DomainError("Phải nêu ít nhất một giấy tờ cần bổ sung hoặc sửa.")
    payload = {"reason": acts.required(reason, "lý do yêu cầu bổ sung"), "paused": True,
               "papers": [{"name": p.name, "problem": p.problem, "note": p.note}
                          for p in papers]}  # fmt: skip
    with desk.store.read() as session:
        state = DossierState(acts.load_for(session, actor, dossier_id).state)
    if state not in (DossierState.IN_PROCESSING, DossierState.REAPPOINTED):
        # Before acceptance the reception's own supplement request applies (no clock yet).
        return acts.request_supplement(desk, actor, dossier_id, papers, reason)
    payload["notice"] = preview_supplement_in_processing(desk, actor, dossier_id, papers, reason)
    return acts.perform_act(desk, actor, dossier_id, Act.REQUEST_SUPPLEMENT, payload)


def preview_supplement_in_processing(
    desk: Desk, actor: Actor, dossier_id: str, papers: Sequence[acts.PaperProblem], reason: str
) -> str:
    """What the citizen is told when asked for a supplement during processing."""
    checks = [PaperCheck(n, p.name, PaperVerdict.MISSING if p.problem == "missing"
                         else PaperVerdict.WRONG, p.note) for n, p in enumerate(papers, 1)]
    with desk.store.read() as session:
        d = acts.load_for(session, actor, dossier_id)
        procedure = procedure_of(session, d.procedure_code).name
        return notice_supplement(d.code, d.applicant_name, procedure, checks, reason,
                                 in_processing=True)  # fmt: skip


def known_departments(desk: Desk, actor: Actor) -> list[str]:
    """The departments a dossier may go to: those of the catalogue's procedures and those
    the office has handed dossiers to."""
    with desk.store.read() as session:
        named = set(session.scalars(select(ProcedureRow.department)))
        handed = select(ActRow.payload).join(Dossier, Dossier.id == ActRow.dossier_id).where(
            Dossier.office_code == actor.office_code, ActRow.act.in_(HANDING))
        named.update(str(p.get("department", "")) for p in session.scalars(handed))
    return sorted(n for n in named if n.strip())


def record_supplement_in_processing(desk: Desk, actor: Actor, dossier_id: str,
                                    note: str = "") -> acts.ActOutcome:  # fmt: skip
    """The citizen supplemented while the dossier was being processed: the clock resumes."""
    # Leaving the pause, the act records the wait and moves the due dates (see apply_act).
    return acts.record_supplement(desk, actor, dossier_id, note)


def confirm_payment(desk: Desk, actor: Actor, dossier_id: str, reference: str) -> acts.ActOutcome:
    """The financial obligation is paid (its receipt reference): the clock resumes."""
    return acts.confirm_payment(desk, actor, dossier_id, reference)


# --- outcomes of processing (Đ8.2) ---------------------------------------------------------------


def _outcome(desk: Desk) -> Any:
    def apply(session: Session, d: Dossier) -> dict[str, Any]:
        d.resolved_at = desk.now()
        due = dossier_due(d)
        extra = _step_end(desk, session, d)
        original = acts.original_due(d)
        if due is not None and original is not None:
            # An apology and a new appointment do not undo the missed one: for Đ15's
            # reports the dossier is judged against the appointment it was accepted with.
            extra["timeliness"] = desk.calendar.standing(original, d.resolved_at).timeliness.value
            extra["timeliness_against_appointment"] = (
                desk.calendar.standing(due, d.resolved_at).timeliness.value)
        return extra

    return apply


def record_result_document(
    desk: Desk,
    actor: Actor,
    dossier_id: str,
    document_number: str,
    note: str = "",
    scan: bytes | None = None,
    file_name: str = "",
) -> acts.ActOutcome:
    """Có kết quả: the result document's number, and its scan kept on the desk when given."""
    payload: dict[str, Any] = {"document_number": acts.required(document_number,
                                                                "số văn bản kết quả"),
                               "note": note.strip()}  # fmt: skip
    if scan is not None:
        payload.update(sha256=ScanStore.of(desk).put(scan),
                       file_name=file_name.strip() or "ket-qua.pdf")  # fmt: skip
    outcome = _outcome(desk)

    def apply(session: Session, d: Dossier) -> None:
        payload.update(outcome(session, d))
        payload["notice"] = notice_result_ready(d.code, d.applicant_name,
                                                payload["document_number"])  # fmt: skip

    return acts.perform_act(desk, actor, dossier_id, Act.RECORD_RESULT, payload, apply)


def deny_with_document(
    desk: Desk, actor: Actor, dossier_id: str, reason: str, document_number: str, signer: str,
    scan: bytes | None = None, file_name: str = "",
) -> acts.ActOutcome:  # fmt: skip
    """Không giải quyết: a reasoned document signed by a leader, and the citizen's notice;
    its digitally signed file, when given, is kept for a level-4 return online."""
    reason = acts.required(reason, "lý do không giải quyết")
    payload: dict[str, Any] = {
        "reason": reason,
        "document_number": acts.required(document_number, "số văn bản trả lời"),
        "signer": acts.required(signer, "lãnh đạo ký văn bản"),
    }
    if scan is not None:
        payload.update(sha256=ScanStore.of(desk).put(scan),
                       file_name=file_name.strip() or "van-ban-tra-loi.pdf")  # fmt: skip
    outcome = _outcome(desk)

    def apply(session: Session, d: Dossier) -> None:
        payload.update(outcome(session, d))
        payload["notice"] = notice_denied(d.code, d.applicant_name, reason,
                                          payload["document_number"], payload["signer"])

    return acts.perform_act(desk, actor, dossier_id, Act.DENY, payload, apply)


# --- result return -------------------------------------------------------------------------------


def owed(desk: Desk, actor: Actor, dossier_id: str) -> int:
    """What the citizen still has to pay for this dossier's fees (đồng)."""
    with desk.store.read() as session:
        return still_owed(session, acts.load_for(session, actor, dossier_id))


def receive_by_post(
    desk: Desk, actor: Actor, dossier_id: str, postal_reference: str,
    originals: Sequence[OriginalCheck], note: str = "", postage: int = 0,
) -> acts.ActOutcome:  # fmt: skip
    """Nhận qua bưu chính (Đ9.2b) what the citizen sent for a result to post: the originals,
    each set beside its online scan as at the counter (matches, differs — saying how — or
    not in the envelope), the fees, and the postage for sending the result back (đồng),
    all under the postal reference of the item that brought them."""
    reference = acts.required(postal_reference, "số hiệu bưu gửi nhận được")
    if isinstance(originals, bool) or not all(isinstance(c, OriginalCheck) for c in originals):
        raise DomainError("Bản chính nhận qua bưu chính phải được đối chiếu từng giấy tờ.")
    if isinstance(postage, bool) or not isinstance(postage, int) or postage < 0:
        raise DomainError("Cước gửi trả kết quả phải là số tiền (đồng) không âm.")
    payload = {"postal_reference": reference, "originals": [c.as_dict() for c in originals],
               "note": note.strip(), "postage": postage}  # fmt: skip
    return acts.perform_act(desk, actor, dossier_id, Act.RECEIVE_BY_POST, payload)


def post_result(
    desk: Desk, actor: Actor, dossier_id: str, tracking_number: str,
    override: Override | None = None,
) -> acts.ActOutcome:  # fmt: skip
    """Gửi kết quả qua bưu chính (Đ9.2b): as at the counter, every paper's original must
    have come by post and match its scan (the latest check of each paper counts), unless a
    supervisor of the office allows it with a reason (audited under their name); the fees
    are paid; the return postage came by post. The act records all of it."""
    tracking = acts.required(tracking_number, "số hiệu bưu gửi")
    with desk.store.read() as session:
        d = acts.load_for(session, actor, dossier_id)
        next_state(d.code, DossierState(d.state), Act.RETURN_BY_POST)
        code, left = d.code, still_owed(session, d)
        received = [r for r in history(session, d.id) if r.act == Act.RECEIVE_BY_POST.value]
    # The papers the officer checks, as the window lists them (the procedure's, then extras).
    papers = dossier_detail(desk, actor, dossier_id).checklist
    latest: dict[int, dict[str, Any]] = {}
    for r in received:  # an envelope sent later (a corrected paper) supersedes the first
        for check in r.payload.get("originals") or []:
            if isinstance(check, dict):
                latest[int(check["position"])] = check
    checks = [OriginalCheck(p.position, p.name, OriginalVerdict.NOT_PRESENTED)
              if p.position not in latest else
              OriginalCheck(p.position, p.name, OriginalVerdict(latest[p.position]["verdict"]),
                            str(latest[p.position].get("note", "")))
              for p in papers]  # fmt: skip
    if not latest:
        raise DomainError(f"Hồ sơ {code}: chưa nhận bản chính qua bưu chính để đối chiếu.")
    allowed, audit_override = originals_gate(desk, actor, code, checks, override,
                                             "gửi kết quả", by_post=True)  # fmt: skip
    if left > 0:
        raise DomainError(f"Hồ sơ {code} còn phải nộp {format_dong(left)} đồng phí, lệ phí: "
                          "ghi nhận khoản nộp qua bưu chính trước khi gửi kết quả.")  # fmt: skip
    postage = [r for r in received if int(r.payload.get("postage") or 0) > 0]
    if not postage:
        raise DomainError(f"Hồ sơ {code}: chưa nhận cước gửi trả kết quả qua bưu chính "
                          "(ghi khi nhận bưu gửi).")  # fmt: skip
    payload: dict[str, Any] = {
        "tracking_number": tracking,
        "postage": sum(int(r.payload["postage"]) for r in postage),
        "postage_references": [r.payload["postal_reference"] for r in postage],
        "postal_references": [r.payload.get("postal_reference") for r in received],
        "originals": [c.as_dict() for c in checks],
        **allowed,
    }
    return acts.perform_act(desk, actor, dossier_id, Act.RETURN_BY_POST, payload, audit_override)


def return_online(desk: Desk, actor: Actor, dossier_id: str) -> acts.ActOutcome:
    """Trả kết quả trực tuyến (Đ2.9 mức độ 4, Đ3.3, Đ9.3): the department's digitally
    signed result — or its signed reasoned refusal — goes up to the portal, where the
    citizen downloads it; the dossier is then returned (national status 10).

    Only for a dossier that is level 4 in effect (an unsigned level-4 form makes it level
    3, whose result is collected in person or by post: Đ10.2), whose fees are paid, and
    whose outcome document is on this desk, intact, with a valid digital signature. The
    file itself is uploaded by the next sync, before this act (``SyncEngine``)."""
    # pyHanko is slow to import: only when a result is returned online (as the window does)
    from desktop.services.signatures import check_dossier_signatures, check_pdf, trust_roots

    scans = ScanStore.of(desk)
    with desk.store.read() as session:
        d = acts.load_for(session, actor, dossier_id)
        next_state(d.code, DossierState(d.state), Act.RETURN_ONLINE)  # legal here at all?
        code, left = d.code, still_owed(session, d)
        outcomes = [r for r in history(session, d.id)
                    if r.act in (Act.RECORD_RESULT.value, Act.DENY.value)]  # fmt: skip
    if not outcomes:
        raise DomainError(f"Hồ sơ {code} chưa có kết quả hoặc văn bản trả lời.")
    level = check_dossier_signatures(desk, actor, dossier_id, scans.get).effective_level
    if level != 4:
        raise DomainError(f"Hồ sơ {code} được xử lý như mức độ {level} (Đ10.2): trả kết quả "
                          "trực tiếp hoặc qua bưu chính, không trả trực tuyến.")  # fmt: skip
    if left > 0:
        raise DomainError(f"Hồ sơ {code} còn phải nộp {format_dong(left)} đồng phí, lệ phí: "
                          "chưa trả kết quả trực tuyến được.")  # fmt: skip
    outcome = outcomes[-1]
    sha256, file_name = outcome.payload.get("sha256"), outcome.payload.get("file_name", "")
    data = scans.get(sha256) if sha256 else None
    if data is None:
        raise DomainError(f"Hồ sơ {code}: bàn không có tệp điện tử (nguyên vẹn) của văn bản "
                          "kết quả: ghi nhận kết quả kèm tệp đã ký số.")  # fmt: skip
    signature = check_pdf(data, trust_roots(desk))
    if not signature.valid:
        raise DomainError(f"Văn bản “{file_name}” của hồ sơ {code} chưa có chữ ký số hợp lệ "
                          f"({signature.label_vi}): không trả trực tuyến được.")  # fmt: skip
    kind = "result" if outcome.act == Act.RECORD_RESULT.value else "refusal"
    payload: dict[str, Any] = {
        "documents": [{"sha256": sha256, "file_name": file_name, "kind": kind}]}

    def apply(_session: Session, dossier: Dossier) -> None:
        payload["notice"] = notice_returned_online(dossier.code, dossier.applicant_name,
                                                   [file_name])  # fmt: skip

    return acts.perform_act(desk, actor, dossier_id, Act.RETURN_ONLINE, payload, apply)


# --- withdrawals and stops (Đ10.3) ----------------------------------------------------------------


def refundable_payments(desk: Desk, actor: Actor, dossier_id: str) -> list[Payment]:
    """Payments of this dossier not yet refunded (refunded only when the office did not
    perform the service: refused, withdrawn, stopped, denied — Đ10.3)."""
    with desk.store.read() as session:
        d = acts.load_for(session, actor, dossier_id)
        if DossierState(d.state) not in REFUNDABLE:
            return []  # served, or still being served: nothing to give back
        refunded = select(Payment.refund_of).where(Payment.refund_of.is_not(None))
        paid = session.scalars(select(Payment).where(
            Payment.dossier_id == dossier_id, Payment.kind == "payment",
            Payment.id.not_in(refunded)))  # fmt: skip
        # A phí for work the department did is kept (Đ10.3, ``fees.refundable_items``).
        return [p for p in paid if refundable_items(session, d, p)]


# --- complaints and feedback (Đ16, Đ11.5) ---------------------------------------------------------

COMPLAINT_KINDS = {"complaint": "Khiếu nại", "denunciation": "Tố cáo",
                   "reflection": "Phản ánh, kiến nghị", "dispute": "Tranh chấp"}  # fmt: skip
RATINGS = {"satisfied": "Hài lòng", "neutral": "Bình thường", "unsatisfied": "Không hài lòng"}


def record_complaint(desk: Desk, actor: Actor, dossier_id: str, kind: str, content: str,
                     channel: str = "trực tiếp") -> acts.ActOutcome:  # fmt: skip
    if kind not in COMPLAINT_KINDS:
        raise DomainError(f"Loại “{kind}” không có (khiếu nại, tố cáo, phản ánh, tranh chấp).")
    payload = {"kind": kind, "content": acts.required(content, "nội dung khiếu nại, phản ánh"),
               "channel": channel.strip(), "complaint_id": str(uuid.uuid4())}  # fmt: skip
    return acts.perform_act(desk, actor, dossier_id, Act.COMPLAIN, payload)


@dataclass(frozen=True)
class Complaint:
    id: str
    dossier_id: str
    dossier_code: str
    kind: str
    content: str
    at: datetime
    resolved_at: datetime | None
    resolution: str


def complaints(desk: Desk, actor: Actor, open_only: bool = False) -> list[Complaint]:
    """Khiếu nại, phản ánh of the office, with their resolution if any."""
    with desk.store.read() as session:
        rows = session.execute(
            select(ActRow, Dossier.code).join(Dossier, Dossier.id == ActRow.dossier_id)
            .where(Dossier.office_code == actor.office_code,
                   ActRow.act.in_((Act.COMPLAIN.value, Act.RESOLVE_COMPLAINT.value)))
            .order_by(ActRow.at)).all()  # fmt: skip
    found: dict[str, Complaint] = {}
    for r, code in rows:
        cid = str(r.payload.get("complaint_id", ""))
        if r.act == Act.COMPLAIN.value:
            found[cid] = Complaint(cid, r.dossier_id, code, r.payload.get("kind", ""),
                                   r.payload.get("content", ""), r.at, None, "")  # fmt: skip
        elif cid in found:
            c = found[cid]
            found[cid] = Complaint(c.id, c.dossier_id, c.dossier_code, c.kind, c.content, c.at,
                                   r.at, r.payload.get("resolution", ""))  # fmt: skip
    result = list(found.values())
    return [c for c in result if c.resolved_at is None] if open_only else result


def resolve_complaint(desk: Desk, actor: Actor, complaint_id: str,
                      resolution: str) -> acts.ActOutcome:  # fmt: skip
    resolution = acts.required(resolution, "kết quả giải quyết khiếu nại, phản ánh")
    match = [c for c in complaints(desk, actor) if c.id == complaint_id]
    if not match:
        raise DomainError("Không có khiếu nại, phản ánh này trong cơ quan.")
    if match[0].resolved_at is not None:
        raise DomainError(f"Khiếu nại về hồ sơ {match[0].dossier_code} đã được giải quyết.")
    payload = {"complaint_id": complaint_id, "resolution": resolution}
    return acts.perform_act(desk, actor, match[0].dossier_id, Act.RESOLVE_COMPLAINT, payload)


def record_feedback(desk: Desk, actor: Actor, dossier_id: str, rating: str,
                    comment: str = "") -> acts.ActOutcome:  # fmt: skip
    if rating not in RATINGS:
        raise DomainError("Mức đánh giá phải là hài lòng, bình thường hoặc không hài lòng.")
    return acts.perform_act(desk, actor, dossier_id, Act.FEEDBACK,
                            {"rating": rating, "comment": comment.strip()})  # fmt: skip


def feedback_counts(desk: Desk, actor: Actor, start: datetime,
                    end: datetime) -> dict[str, int]:  # fmt: skip
    """Đánh giá of the office's citizens in [start, end), by rating (Đ11.5)."""
    with desk.store.read() as session:
        rows = session.execute(
            select(ActRow.payload).join(Dossier, Dossier.id == ActRow.dossier_id)
            .where(Dossier.office_code == actor.office_code, ActRow.act == Act.FEEDBACK.value,
                   ActRow.at >= start, ActRow.at < end)).scalars().all()  # fmt: skip
    counts = dict.fromkeys(RATINGS, 0)
    for payload in rows:
        counts[payload.get("rating", "")] = counts.get(payload.get("rating", ""), 0) + 1
    return counts

