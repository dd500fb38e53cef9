"""Xem hồ sơ — everything the dossier view shows, read in one go (off the UI thread).

The checklist joins the procedure's required papers to what the citizen attached: a
required paper with no attachment shows as such, so the officer sees what is missing
without comparing two lists by eye.

Opening a dossier reads the citizen's personal data, which the law on personal data
protection (Luật 91/2025/QH15) asks to be logged: :func:`view_dossier`, the call the window
makes, records who opened which dossier and when (``dossier.view``). :func:`dossier_detail`
is the bare read other services use while acting (the act is audited on its own).
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from desktop.core.appointments import reappointed
from desktop.core.calendar import Due, Session, Standing
from desktop.core.lifecycle import Act, DomainError, DossierState, allowed_acts
from desktop.core.procedures import PaperKind, Procedure
from desktop.core.text import fold
from desktop.services.audit import record_audit
from desktop.services.catalogue import procedure_of
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import (
    dossier_due,
    load_for,
    original_due,
    reappointment_refusal,
)
from desktop.services.scans import ScanStore
from desktop.store.models import ActRow, AuditEntry, DossierPaper, Officer

VIEW_ACTION = "dossier.view"
# The view is read again after every act and whenever the officer comes back to its tab:
# one entry per officer and dossier in this window says who read whose data and when,
# without burying the acts (and the chain the portal anchors) under identical entries.
VIEW_AUDIT_WINDOW = timedelta(minutes=10)


@dataclass(frozen=True)
class ChecklistItem:
    position: int
    name: str
    kind: PaperKind
    count: int
    file_name: str  # "" when the citizen attached nothing for it
    sha256: str
    on_desk: bool  # the scan's bytes are on this desk (downloaded and intact)

    @property
    def attached(self) -> bool:
        return bool(self.sha256)

    @property
    def is_pdf(self) -> bool:
        return self.file_name.lower().endswith(".pdf")


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    act: Act
    officer: str  # full name, or the desk / portal for acts that arrived by sync
    desk: str
    to_state: DossierState
    details: str  # a reason, an appointment, a receiver … in one line


@dataclass(frozen=True)
class DossierDetail:
    id: str
    code: str
    state: DossierState
    version: int
    level: int
    channel: int
    applicant_name: str
    id_number: str
    phone: str
    email: str
    address: str
    submitted_at: datetime
    received_at: datetime | None
    procedure: Procedure
    due: Due | None  # the appointment the citizen now holds
    standing: Standing | None  # against the original appointment (the law's count)
    checklist: tuple[ChecklistItem, ...]
    timeline: tuple[TimelineEntry, ...]
    acts: tuple[Act, ...]  # what may be done now, by the lifecycle
    original_due: Due | None = None  # the acceptance's, when a re-appointment changed it
    reappoint_refusal: str | None = None  # why "xin lỗi, hẹn lại" is not allowed now


def appointment_words(appointment: dict[str, Any]) -> str:
    """ "hẹn 14/12/2026 buổi sáng": an act's appointment as the officer reads it (what a
    payload from an older desk or the portal holds that is not a day or session stays
    as it is, rather than hiding the entry)."""
    day, session = str(appointment.get("date", "")), str(appointment.get("session", ""))
    with suppress(ValueError):
        day = f"{date.fromisoformat(day):%d/%m/%Y}"
    with suppress(ValueError):
        session = Session(session).label_vi
    return " ".join(w for w in ("hẹn", day, session) if w)


def _details(payload: dict[str, Any]) -> str:
    parts = []
    if (appointment := payload.get("appointment")) and isinstance(appointment, dict):
        parts.append(appointment_words(appointment))
    for key, label in (("reason", "lý do"), ("receiver", "người nhận"),
                       ("department", "phòng"), ("tracking_number", "số bưu gửi"),
                       ("note", "ghi chú")):  # fmt: skip
        if value := payload.get(key):
            parts.append(f"{label}: {value}")
    if (papers := payload.get("papers")) and isinstance(papers, list):
        parts.append("giấy tờ: " + ", ".join(str(p.get("name", "")) for p in papers))
    if override := payload.get("override"):
        parts.append(f"lãnh đạo cho phép ({override.get('supervisor')}): {override.get('reason')}")
    return "; ".join(parts)


def _match(required: str, attached: list[DossierPaper]) -> DossierPaper | None:
    wanted = fold(required)
    for paper in attached:
        if fold(paper.name) == wanted:
            return paper
    return None


def dossier_detail(desk: Desk, actor: Actor, dossier_id: str) -> DossierDetail:
    scans = ScanStore.of(desk)
    with desk.store.read() as session:
        d = load_for(session, actor, dossier_id)
        procedure = procedure_of(session, d.procedure_code)
        papers = list(session.scalars(select(DossierPaper).where(DossierPaper.dossier_id == d.id)
                                      .order_by(DossierPaper.position)))  # fmt: skip
        names = {i: n for i, n in session.execute(select(Officer.id, Officer.full_name))}
        rows = session.scalars(select(ActRow).where(ActRow.dossier_id == d.id)
                               .order_by(ActRow.at, ActRow.id)).all()  # fmt: skip
        timeline = tuple(
            TimelineEntry(
                r.at, Act(r.act),
                names.get(r.officer_id, "") if r.officer_id else "Cổng dịch vụ công",
                "cổng" if r.desk_id == "portal" else r.desk_id[:8],
                DossierState(r.to_state), _details(r.payload),
            )
            for r in rows
        )  # fmt: skip
        checklist: list[ChecklistItem] = []
        used: set[int] = set()
        for position, req in enumerate(procedure.papers, start=1):
            paper = _match(req.name, [p for p in papers if p.id not in used])
            if paper is not None:
                used.add(paper.id)
            checklist.append(ChecklistItem(
                position, req.name, req.kind, req.count,
                paper.file_name if paper else "", paper.sha256 if paper else "",
                bool(paper and scans.has(paper.sha256))))  # fmt: skip
        for paper in papers:  # attached, but not a paper the procedure lists
            if paper.id not in used:
                checklist.append(ChecklistItem(
                    len(checklist) + 1, paper.name, PaperKind(paper.kind), paper.count,
                    paper.file_name, paper.sha256, scans.has(paper.sha256)))  # fmt: skip
        due, original = dossier_due(d), original_due(d)
        state = DossierState(d.state)
        standing = None
        if original is not None:
            standing = desk.calendar.standing(original, d.resolved_at or desk.now())
        refusal = None
        if Act.REAPPOINT in allowed_acts(state):
            try:
                reappointment_refusal(desk, session, d)
            except DomainError as exc:
                refusal = str(exc)
        return DossierDetail(
            d.id, d.code, state, d.version, d.level, d.channel, d.applicant_name, d.id_number,
            d.phone, d.email, d.address, d.submitted_at, d.received_at, procedure, due,
            standing, tuple(checklist), timeline, tuple(allowed_acts(state)),
            original if reappointed(original, due) else None, refusal,
        )  # fmt: skip


def view_dossier(desk: Desk, actor: Actor, dossier_id: str) -> DossierDetail:
    """Open a dossier for an officer: its detail, and the read recorded in the audit log
    (once per officer and dossier in ``VIEW_AUDIT_WINDOW``). A dossier the officer may not
    see is refused by the read, before anything is recorded."""
    detail = dossier_detail(desk, actor, dossier_id)
    with desk.store.read() as session:  # most reopenings write nothing: no write lock taken
        if _viewed_lately(session, desk, actor, detail.code):
            return detail
    with desk.store.write() as session:
        if not _viewed_lately(session, desk, actor, detail.code):  # another worker's, meanwhile
            record_audit(session, desk, actor, VIEW_ACTION, detail.code, None,
                         {"dossier_id": detail.id})  # fmt: skip
    return detail


def _viewed_lately(session: DbSession, desk: Desk, actor: Actor, code: str) -> bool:
    """Whether ``actor`` opening ``code`` is already recorded within the window. The log is
    walked from its newest entry back to the window's start only: entries are appended in
    time order, and the log has no index on time or subject."""
    since = desk.now() - VIEW_AUDIT_WINDOW
    newest_first = session.execute(
        select(AuditEntry.at, AuditEntry.action, AuditEntry.subject, AuditEntry.officer_id)
        .order_by(AuditEntry.seq.desc()).execution_options(yield_per=200)
    )  # fmt: skip
    try:
        for at, action, subject, officer_id in newest_first:
            if at < since:
                return False
            if action == VIEW_ACTION and subject == code and officer_id == actor.officer_id:
                return True
        return False
    finally:
        newest_first.close()  # left part-read on purpose: release the cursor now
