"""Theo dõi hạn giải quyết — the supervisor's view of deadlines: every dossier still being
worked on, where it is (which department), when it is due (the dossier and its current
step), and whether it is overdue, due today, due within two working days, or waiting on the
citizen (clock stopped). Counted per department.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select

from desktop.core.appointments import reappointed
from desktop.core.calendar import Due
from desktop.core.lifecycle import DossierState
from desktop.core.pauses import HANDING, current_step_due
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import dossier_due, original_due
from desktop.store.models import ActRow, Dossier, ProcedureRow

WORKED_ON = (DossierState.ACCEPTED, DossierState.IN_PROCESSING, DossierState.REAPPOINTED,
             DossierState.PAYMENT_REQUESTED, DossierState.SUPPLEMENT_IN_PROCESSING)  # fmt: skip
SOON_DAYS = 2
AT_RECEPTION = "Bộ phận một cửa (chưa bàn giao)"


class Bucket(StrEnum):
    OVERDUE = "overdue"
    TODAY = "today"
    SOON = "soon"  # within two working days
    LATER = "later"
    PAUSED = "paused"  # waiting on the citizen: the clock stands still

    @property
    def label_vi(self) -> str:
        return {"overdue": "Quá hạn", "today": "Đến hạn hôm nay",
                "soon": f"Đến hạn trong {SOON_DAYS} ngày làm việc", "later": "Còn hạn",
                "paused": "Tạm dừng, chờ công dân"}[self.value]  # fmt: skip


@dataclass(frozen=True)
class DeadlineRow:
    dossier_id: str
    code: str
    applicant: str
    procedure: str
    department: str
    state: DossierState
    due: Due | None  # the appointment it was accepted with (moved by pauses only)
    step_due: Due | None
    working_days_left: int | None  # of the earlier of the two dues; < 0 overdue
    bucket: Bucket
    reappointed: Due | None = None  # the new appointment given with an apology


def _bucket(desk: Desk, state: DossierState, due: Due | None) -> tuple[Bucket, int | None]:
    if state.is_paused:
        return Bucket.PAUSED, None
    if due is None:
        return Bucket.LATER, None
    now = desk.now()
    today = now.astimezone(desk.calendar.tz).date()
    left = desk.calendar.working_days_between(today, due.date)
    if due.deadline < now:
        return Bucket.OVERDUE, min(left, 0)
    if due.date == today:
        return Bucket.TODAY, 0
    if left <= SOON_DAYS:
        return Bucket.SOON, left
    return Bucket.LATER, left


def deadline_rows(desk: Desk, actor: Actor, department: str | None = None,
                  bucket: Bucket | None = None) -> list[DeadlineRow]:  # fmt: skip
    """The office's dossiers being worked on, most urgent first."""
    with desk.store.read() as session:
        dossiers = session.execute(
            select(Dossier, ProcedureRow.name)
            .join(ProcedureRow, ProcedureRow.code == Dossier.procedure_code)
            .where(Dossier.office_code == actor.office_code,
                   Dossier.state.in_([s.value for s in WORKED_ON]))).all()  # fmt: skip
        ids = [d.id for d, _ in dossiers]
        histories: dict[str, list[ActRow]] = {i: [] for i in ids}
        for chunk in range(0, len(ids), 500):
            for row in session.scalars(select(ActRow).where(
                    ActRow.dossier_id.in_(ids[chunk:chunk + 500])).order_by(ActRow.version)):
                histories[row.dossier_id].append(row)
    rows = []
    for d, procedure in dossiers:
        state = DossierState(d.state)
        history = histories[d.id]
        hand = next((a for a in reversed(history) if a.act in HANDING), None)
        where = str(hand.payload.get("department", "")) if hand else AT_RECEPTION
        step = current_step_due(history)  # as pauses and re-appointments moved it
        # Overdue against the appointment it was accepted with: a re-appointment gives the
        # citizen a new date but does not make the dossier on time again.
        due = original_due(d)
        nearest = min((x for x in (due, step) if x), key=lambda x: x.deadline, default=None)
        which, left = _bucket(desk, state, nearest)
        rows.append(DeadlineRow(d.id, d.code, d.applicant_name, procedure, where, state, due,
                                step, left, which, reappointed(due, dossier_due(d))))  # fmt: skip
    rows = [r for r in rows if (department is None or r.department == department)
            and (bucket is None or r.bucket is bucket)]  # fmt: skip
    order = list(Bucket)
    return sorted(rows, key=lambda r: (order.index(r.bucket),
                                       r.working_days_left if r.working_days_left is not None
                                       else 10**6, r.code))  # fmt: skip


def deadline_summary(rows: list[DeadlineRow]) -> dict[str, dict[Bucket, int]]:
    """Per department, how many dossiers fall in each bucket."""
    summary: dict[str, dict[Bucket, int]] = {}
    for r in rows:
        counts = summary.setdefault(r.department, dict.fromkeys(Bucket, 0))
        counts[r.bucket] += 1
    return dict(sorted(summary.items()))
