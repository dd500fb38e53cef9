"""Tiếp nhận và trả kết quả tại quầy — the acts behind the officer's two checks.

The completeness check (Đ7) ends in accept, request supplement or refuse; the originals
check (Đ9.2, Đ10.1) guards the return of a result in person. Each act records the check
and the exact words the citizen is told, which the officer saw before confirming
(``preview_*`` computes them with the same functions the act uses).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from desktop.core.calendar import Due
from desktop.core.checks import (
    OriginalCheck,
    PaperCheck,
    PaperVerdict,
    notice_accepted,
    notice_refused,
    notice_supplement,
    originals_blocking,
    problems,
    require_complete,
)
from desktop.core.lifecycle import DomainError
from desktop.core.money import format_dong
from desktop.services import dossiers as acts
from desktop.services.accounts import login
from desktop.services.audit import record_audit
from desktop.services.catalogue import procedure_of
from desktop.services.context import Actor, Desk
from desktop.services.fees import still_owed
from desktop.store.models import Dossier


@dataclass(frozen=True)
class Override:
    """A supervisor's written permission to return a result although some originals
    differ or were not presented. Made only by ``authorize_override`` (password checked)."""

    supervisor: Actor
    reason: str


def _names(session: Session, actor: Actor, dossier_id: str) -> tuple[Dossier, str]:
    dossier = acts.load_for(session, actor, dossier_id)
    return dossier, procedure_of(session, dossier.procedure_code).name


# --- previews: what the officer reads before confirming ---------------------------------------


def preview_accept(desk: Desk, actor: Actor, dossier_id: str) -> tuple[Due, str]:
    """The appointment an acceptance now would give, and the notice that says it."""
    with desk.store.read() as session:
        dossier, procedure_name = _names(session, actor, dossier_id)
        procedure = procedure_of(session, dossier.procedure_code)
        due = desk.calendar.due(desk.now(), procedure.processing_time)
        return due, notice_accepted(dossier.code, dossier.applicant_name, procedure_name, due)


def preview_supplement(
    desk: Desk, actor: Actor, dossier_id: str, checks: Sequence[PaperCheck], reason: str
) -> str:
    with desk.store.read() as session:
        dossier, procedure_name = _names(session, actor, dossier_id)
        return notice_supplement(dossier.code, dossier.applicant_name, procedure_name, checks,
                                 reason)  # fmt: skip


def preview_refuse(desk: Desk, actor: Actor, dossier_id: str, reason: str) -> str:
    with desk.store.read() as session:
        dossier, procedure_name = _names(session, actor, dossier_id)
        return notice_refused(dossier.code, dossier.applicant_name, procedure_name, reason)


# --- the completeness check's three decisions ---------------------------------------------------


def _checked(checks: Sequence[PaperCheck]) -> list[dict[str, object]]:
    return [c.as_dict() for c in checks]


def accept_checked(
    desk: Desk, actor: Actor, dossier_id: str, checks: Sequence[PaperCheck]
) -> acts.ActOutcome:
    """Tiếp nhận after the check: every paper must be present."""
    with desk.store.read() as session:
        require_complete(acts.load_for(session, actor, dossier_id).code, checks)

    def describe(session: Session, d: Dossier, due: Due) -> dict[str, Any]:
        name = procedure_of(session, d.procedure_code).name
        return {"checks": _checked(checks),
                "notice": notice_accepted(d.code, d.applicant_name, name, due)}  # fmt: skip

    return acts.accept_dossier(desk, actor, dossier_id, describe)


def request_supplement_checked(
    desk: Desk, actor: Actor, dossier_id: str, checks: Sequence[PaperCheck], reason: str
) -> acts.ActOutcome:
    """Yêu cầu bổ sung with the missing and wrong papers of the check (Mẫu 02)."""
    wanting = problems(checks)
    if not wanting:
        raise DomainError("Mọi giấy tờ đều đủ, hợp lệ: không có gì để yêu cầu bổ sung.")
    acts.required(reason, "lý do yêu cầu bổ sung")
    notice = preview_supplement(desk, actor, dossier_id, checks, reason)
    papers = [
        acts.PaperProblem(c.name, "missing" if c.verdict is PaperVerdict.MISSING else "wrong",
                          c.note.strip())
        for c in wanting
    ]  # fmt: skip
    return acts.request_supplement(desk, actor, dossier_id, papers, reason,
                                   {"checks": _checked(checks), "notice": notice})  # fmt: skip


def refuse_checked(
    desk: Desk, actor: Actor, dossier_id: str, reason: str, checks: Sequence[PaperCheck] = ()
) -> acts.ActOutcome:
    """Từ chối tiếp nhận, with a reason (Mẫu 03)."""
    acts.required(reason, "lý do từ chối")
    notice = preview_refuse(desk, actor, dossier_id, reason)
    return acts.refuse_dossier(desk, actor, dossier_id, reason,
                               {"checks": _checked(checks), "notice": notice})  # fmt: skip


# --- the originals check at result return -------------------------------------------------------


def authorize_override(desk: Desk, username: str, password: str, reason: str) -> Override:
    """Lãnh đạo bộ phận cho phép trả kết quả dù bản chính chưa khớp: the supervisor signs
    in at this desk (the password is checked and the attempt audited like any login)."""
    reason = acts.required(reason, "lý do cho phép")
    supervisor = login(desk, username, password)
    if not supervisor.is_supervisor:
        raise DomainError(f"Tài khoản “{supervisor.username}” không phải lãnh đạo bộ phận: "
                          "không được cho phép trả kết quả khi bản chính chưa khớp.")  # fmt: skip
    return Override(supervisor, reason)


def return_checked(
    desk: Desk,
    actor: Actor,
    dossier_id: str,
    receiver: str,
    originals: Sequence[OriginalCheck],
    override: Override | None = None,
    signed: bool = True,
) -> acts.ActOutcome:
    """Trả kết quả trực tiếp (Đ9.2): each original compared with its scan, the citizen has
    signed the forms, the fees are paid — then the result is handed.

    Refused while an original differs or was not presented, unless a supervisor of this
    office overrides with a reason; the override is audited under the supervisor's name in
    the same transaction as the return."""
    with desk.store.read() as session:
        dossier = acts.load_for(session, actor, dossier_id)
        code = dossier.code
        left = still_owed(session, dossier)
    if not originals:
        raise DomainError(f"Hồ sơ {code}: chưa đối chiếu bản chính của giấy tờ nào.")
    if not signed:
        raise DomainError(f"Hồ sơ {code}: công dân chưa ký vào tờ khai, phiếu nhận kết quả.")
    if left > 0:
        raise DomainError(f"Hồ sơ {code} còn phải nộp {format_dong(left)} đồng phí, lệ phí: "
                          "thu phí và in biên lai trước khi trả kết quả.")  # fmt: skip
    allowed, audit_override = originals_gate(desk, actor, code, originals, override,
                                             "trả kết quả")  # fmt: skip
    extra: dict[str, Any] = {"originals": [c.as_dict() for c in originals], "signed": True,
                             **allowed}  # fmt: skip
    return acts.return_in_person(desk, actor, dossier_id, receiver, extra, audit_override)


def originals_gate(
    desk: Desk, actor: Actor, code: str, checks: Sequence[OriginalCheck],
    override: Override | None, doing: str, **audited: Any,
) -> tuple[dict[str, Any], Callable[[Session, Dossier], None]]:  # fmt: skip
    """The rule of every return (in person, by post): while an original differs or was not
    presented, ``doing`` is refused unless a supervisor of this office allows it with a
    reason. Gives what the act records of the permission ({} when nothing needed one) and
    the hook that audits it under the supervisor's name, in the act's own transaction."""
    blocking = originals_blocking(checks)
    if blocking and override is None:
        names = ", ".join(f"“{c.name}” ({c.verdict.label_vi.lower()})" for c in blocking)
        raise DomainError(f"Hồ sơ {code}: chưa {doing} được vì {names}. "
                          "Cần lãnh đạo bộ phận cho phép, có ghi lý do.")  # fmt: skip
    if override is not None and override.supervisor.office_code != actor.office_code:
        raise DomainError("Lãnh đạo cho phép phải thuộc cơ quan của cán bộ.")
    if not blocking or override is None:
        return {}, lambda _session, _dossier: None
    permission = override

    def audit(session: Session, d: Dossier) -> None:
        record_audit(session, desk, permission.supervisor, "dossier.originals_override",
                     d.code, None,
                     {"reason": permission.reason, "officer": actor.username, **audited,
                      "papers": [c.as_dict() for c in blocking]})  # fmt: skip

    return {"override": {"supervisor": override.supervisor.username,
                         "reason": override.reason}}, audit  # fmt: skip
