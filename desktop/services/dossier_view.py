"""Xem hồ sơ — everything the dossier view shows, read in one go (off the UI thread).

The checklist joins the procedure's required papers to what the citizen attached: a
required paper with no attachment shows as such, so the officer sees what is missing
without comparing two lists by eye.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from desktop.core.appointments import reappointed
from desktop.core.calendar import Due, Session, Standing
from desktop.core.lifecycle import Act, DomainError, DossierState, allowed_acts
from desktop.core.procedures import PaperKind, Procedure
from desktop.core.text import fold
from desktop.services.catalogue import procedure_of
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import (
    dossier_due,
    load_for,
    original_due,
    reappointment_refusal,
)
from desktop.services.scans import ScanStore
from desktop.store.models import ActRow, DossierPaper, Officer


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
