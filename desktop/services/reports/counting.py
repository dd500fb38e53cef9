"""Đếm số liệu của một kỳ — the figures of one office for one period, each with the codes
of the dossiers behind it.

How a dossier is counted (the one place that says it):

* received for resolution (nhận giải quyết) when it was accepted in the period — online
  (level 3 or 4), at the desk, or by post, by the channel it came through; carried over
  (từ kỳ trước) when it was accepted before the period and, at the period's start, was
  neither resolved nor withdrawn nor stopped;
* resolved (đã giải quyết) when its result or its reasoned refusal (Đ8.2) was recorded in
  the period; early / on time / late by ``WorkingCalendar.standing`` against the
  appointment it was **accepted** with, as the waits on the citizen moved it — an apology
  and new date do not make a late dossier on time (``desktop.core.appointments``);
* still being resolved (đang giải quyết) at the period's end otherwise — overdue when its
  original appointment had passed at the end; a dossier then waiting on the citizen is
  judged at the moment the wait began, its clock having stood still since;
* acts counted by when they happened in the period: refusals at reception, supplement
  requests, re-appointments, withdrawals, stops, ratings, complaints and their resolution;
* money by when it was paid or refunded, receipts by when they were issued or voided.

A dossier's department is the one that last held it before the period ended (the latest
hand-over or hand-on), else the one-stop desk itself.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from desktop.core.calendar import Due, Timeliness, WorkingCalendar
from desktop.core.calendar import Session as DaySession
from desktop.core.lifecycle import PAUSED, Act
from desktop.core.moments import utc_text
from desktop.core.pauses import HANDING, due_from, moved_original
from desktop.core.report_periods import Period
from desktop.core.reports import Figure, Refusal, Section
from desktop.services.deadlines import AT_RECEPTION
from desktop.store.models import ActRow, Dossier, Payment, ProcedureRow, Receipt

PAUSED_STATES = frozenset(s.value for s in PAUSED)
ENDING = (Act.WITHDRAW.value, Act.STOP.value)
RESOLVING = (Act.RECORD_RESULT.value, Act.DENY.value)
# Acts counted by when they happened in the period: act → figure.
COUNTED_ACTS = {
    Act.REFUSE.value: "refused",
    Act.REQUEST_SUPPLEMENT.value: "supplement_requested",
    Act.REAPPOINT.value: "reappointed",
    Act.WITHDRAW.value: "withdrawn",
    Act.STOP.value: "stopped",
    Act.COMPLAIN.value: "complaints.received",
    Act.RESOLVE_COMPLAINT.value: "complaints.resolved",
}
CHUNK = 500


def _text(column: Any) -> Any:
    """The stored UTC text itself (it sorts as time): no parsing of 200 000 moments."""
    return type_coerce(column, String)


@dataclass
class Tally:
    """Dossier ids per figure, and money per figure and dossier, before grouping."""

    ids: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    money: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    info: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (code, procedure)
    department: dict[str, str] = field(default_factory=dict)
    refusals: list[Refusal] = field(default_factory=list)

    def count(self, key: str, dossier_id: str) -> None:
        self.ids[key].add(dossier_id)

    def add_money(self, key: str, dossier_id: str, amount: int) -> None:
        held = self.money[key]
        held[dossier_id] = held.get(dossier_id, 0) + amount


def _timeliness(calendar: WorkingCalendar, due: Due | None, at: datetime) -> Timeliness:
    if due is None:  # a dossier resolved without an appointment (never accepted here)
        return Timeliness.ON_TIME
    return calendar.standing(due, at).timeliness


def _due(day: date | None, session: str | None, at: str | None) -> Due | None:
    if day is None or not session or not at:
        return None
    return Due(day, DaySession(session), datetime.fromisoformat(at))


def count_period(session: Session, calendar: WorkingCalendar, office: str, period: Period,
                 now: datetime) -> Tally:  # fmt: skip
    """The figures of ``period``; one not yet over is counted up to ``now``."""
    tally = Tally()
    start_dt, end_dt = period.start(calendar.tz), period.end(calendar.tz)
    start, end = utc_text(start_dt), utc_text(end_dt)
    received_at, resolved_at = _text(Dossier.received_at), _text(Dossier.resolved_at)

    # Withdrawals and stops before the period's end: they end a dossier's resolution.
    ended: dict[str, str] = {}
    for dossier_id, at in session.execute(
        select(ActRow.dossier_id, func.min(_text(ActRow.at)))
        .join(Dossier, Dossier.id == ActRow.dossier_id)
        .where(ActRow.act.in_(ENDING), _text(ActRow.at) < end, Dossier.office_code == office)
        .group_by(ActRow.dossier_id)
    ):  # fmt: skip
        ended[dossier_id] = at

    # Every dossier being resolved at some moment of the period.
    open_at_end: list[str] = []
    rows = session.execute(
        select(Dossier.id, Dossier.code, Dossier.procedure_code, Dossier.channel, Dossier.level,
               received_at, resolved_at, Dossier.original_due_date,
               Dossier.original_due_session, _text(Dossier.original_due_at),
               Dossier.due_date, Dossier.due_session, _text(Dossier.due_at))
        .where(Dossier.office_code == office, received_at < end,
               or_(resolved_at.is_(None), resolved_at >= start))
    ).all()  # fmt: skip
    for (dossier_id, code, procedure, channel, level, received, resolved, o_day, o_session,
         o_at, d_day, d_session, d_at) in rows:  # fmt: skip
        tally.info[dossier_id] = (code, procedure)
        gone = ended.get(dossier_id)
        if received < start:
            if gone is not None and gone < start:
                continue  # withdrawn or stopped before the period: not carried
            tally.count("carried_over", dossier_id)
        else:
            tally.count(_received_key(channel, level), dossier_id)
        if resolved is not None and resolved < end:
            due = _due(o_day, o_session, o_at) or _due(d_day, d_session, d_at)
            verdict = _timeliness(calendar, due, datetime.fromisoformat(resolved))
            tally.count(f"resolved.{verdict.value}", dossier_id)
        elif gone is None or gone >= end:
            open_at_end.append(dossier_id)
    _judge_open(session, calendar, tally, open_at_end, min(end_dt, now))
    _count_acts(session, tally, office, start, end)
    _departments(session, tally, end)
    _count_money(session, tally, office, start, end)
    return tally


def _received_key(channel: int, level: int) -> str:
    if channel == 1:
        return "received.desk"
    if channel == 3:
        return "received.post"
    return "received.online_l4" if level == 4 else "received.online_l3"


def _histories(session: Session, ids: Sequence[str], end: str) -> dict[str, list[ActRow]]:
    found: dict[str, list[ActRow]] = {i: [] for i in ids}
    for chunk in range(0, len(ids), CHUNK):
        for row in session.scalars(
            select(ActRow).where(ActRow.dossier_id.in_(ids[chunk:chunk + CHUNK]),
                                 _text(ActRow.at) < end)
            .order_by(ActRow.dossier_id, ActRow.version, ActRow.id)
        ):  # fmt: skip
            found[row.dossier_id].append(row)
    return found


def _judge_open(session: Session, calendar: WorkingCalendar, tally: Tally, ids: list[str],
                end: datetime) -> None:  # fmt: skip
    """In time or overdue at the period's end (or now, if sooner), by the dossier's history
    up to then: its original appointment as the waits that had ended moved it, and — if it
    was waiting on the citizen then — judged when that wait began (the clock stood still
    since)."""
    for dossier_id, history in _histories(session, ids, utc_text(end)).items():
        original: Due | None = None
        moment = end
        for act in history:
            given = due_from(moved_original(act.act, act.payload or {}))
            original = given or original
        if history and history[-1].to_state in PAUSED_STATES:
            entered = [a for a in history if a.to_state in PAUSED_STATES
                       and a.from_state not in PAUSED_STATES]  # fmt: skip
            moment = entered[-1].at if entered else moment
        late = original is not None and _timeliness(calendar, original, moment) is Timeliness.LATE
        tally.count("in_progress.overdue" if late else "in_progress.on_time", dossier_id)


def _count_acts(session: Session, tally: Tally, office: str, start: str, end: str) -> None:
    kinds = (*COUNTED_ACTS, Act.FEEDBACK.value)
    rows = session.execute(
        select(ActRow.dossier_id, ActRow.act, Dossier.code, Dossier.procedure_code,
               func.json_extract(ActRow.payload, "$.rating"),
               func.json_extract(ActRow.payload, "$.reason"))
        .join(Dossier, Dossier.id == ActRow.dossier_id)
        .where(ActRow.act.in_(kinds), _text(ActRow.at) >= start, _text(ActRow.at) < end,
               Dossier.office_code == office)
        .order_by(_text(ActRow.at), ActRow.id)
    ).all()  # fmt: skip
    for dossier_id, act, code, procedure, rating, reason in rows:
        tally.info.setdefault(dossier_id, (code, procedure))
        if act == Act.FEEDBACK.value:
            if rating in ("satisfied", "neutral", "unsatisfied"):
                tally.count(f"ratings.{rating}", dossier_id)
            continue
        tally.count(COUNTED_ACTS[act], dossier_id)
        if act == Act.REFUSE.value:
            tally.refusals.append(Refusal(code, procedure, str(reason or "")))


def _departments(session: Session, tally: Tally, end: str) -> None:
    ids = list(tally.info)
    for chunk in range(0, len(ids), CHUNK):
        latest = (
            select(ActRow.dossier_id, func.max(ActRow.id).label("last"))
            .where(ActRow.dossier_id.in_(ids[chunk:chunk + CHUNK]), ActRow.act.in_(HANDING),
                   _text(ActRow.at) < end)
            .group_by(ActRow.dossier_id).subquery()
        )  # fmt: skip
        for dossier_id, department in session.execute(
            select(ActRow.dossier_id, func.json_extract(ActRow.payload, "$.department"))
            .join(latest, and_(latest.c.last == ActRow.id))
        ):  # fmt: skip
            tally.department[dossier_id] = str(department or AT_RECEPTION)


def _count_money(session: Session, tally: Tally, office: str, start: str, end: str) -> None:
    at = _text(Payment.at)
    for dossier_id, code, procedure, kind, amount in session.execute(
        select(Payment.dossier_id, Dossier.code, Dossier.procedure_code, Payment.kind,
               Payment.amount)
        .join(Dossier, Dossier.id == Payment.dossier_id)
        .where(Dossier.office_code == office, at >= start, at < end)
    ):  # fmt: skip
        tally.info.setdefault(dossier_id, (code, procedure))
        key = "fees.refunded" if kind == "refund" else "fees.collected"
        tally.add_money(key, dossier_id, int(amount))


@dataclass
class SeriesTally:
    ids: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(
        lambda: defaultdict(list)))  # fmt: skip
    amounts: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(
        lambda: defaultdict(int)))  # fmt: skip


def count_receipts(session: Session, office: str, start: str, end: str) -> list[Section]:
    """Receipts issued and voided in the period, per series (ký hiệu)."""
    tally = SeriesTally()
    issued, voided = _text(Receipt.issued_at), _text(Receipt.voided_at)
    for series, code, amount, when_issued, when_voided in session.execute(
        select(Receipt.series, Dossier.code, Receipt.amount, issued, voided)
        .join(Dossier, Dossier.id == Receipt.dossier_id)
        .where(Dossier.office_code == office,
               or_(and_(issued >= start, issued < end), and_(voided >= start, voided < end)))
    ):  # fmt: skip
        if start <= when_issued < end:
            tally.ids[series]["receipts.issued"].append(code)
            tally.amounts[series]["receipts.issued_amount"] += int(amount)
        if when_voided is not None and start <= when_voided < end:
            tally.ids[series]["receipts.voided"].append(code)
            tally.amounts[series]["receipts.voided_amount"] += int(amount)
    sections = []
    for series in sorted(tally.ids):
        figures: dict[str, Figure] = {}
        for key, codes in tally.ids[series].items():
            figures[key] = Figure(len(codes), tuple(sorted(codes)))
            money = key + "_amount"
            figures[money] = Figure(tally.amounts[series][money], tuple(sorted(set(codes))))
        sections.append(Section("series", series, f"Ký hiệu {series}", figures))
    return sections


# --- grouping ----------------------------------------------------------------------------------

DERIVED = {
    "received.online": ("received.online_l3", "received.online_l4"),
    "received.desk_post": ("received.desk", "received.post"),
    "received.total": ("received.online_l3", "received.online_l4", "received.desk",
                       "received.post", "carried_over"),
    "resolved.total": ("resolved.early", "resolved.on_time", "resolved.late"),
    "in_progress.total": ("in_progress.on_time", "in_progress.overdue"),
}  # fmt: skip


def figures_of(tally: Tally, members: Iterable[str] | None) -> dict[str, Figure]:
    """The figures of the dossiers ``members`` (None: all of them)."""
    keep = None if members is None else set(members)
    code = {i: info[0] for i, info in tally.info.items()}
    figures: dict[str, Figure] = {}
    for key, ids in tally.ids.items():
        chosen = ids if keep is None else ids & keep
        if chosen:
            figures[key] = Figure(len(chosen), tuple(sorted(code[i] for i in chosen)))
    for key, parts in DERIVED.items():
        chosen = set().union(*(tally.ids.get(p, set()) for p in parts))
        chosen = chosen if keep is None else chosen & keep
        if chosen:
            figures[key] = Figure(len(chosen), tuple(sorted(code[i] for i in chosen)))
    for key, held in tally.money.items():
        chosen_money = {i: v for i, v in held.items() if keep is None or i in keep}
        if chosen_money:
            figures[key] = Figure(sum(chosen_money.values()),
                                  tuple(sorted(code[i] for i in chosen_money)))  # fmt: skip
    return figures


def group_sections(session: Session, tally: Tally) -> tuple[list[Section], list[Section]]:
    """One section per procedure and per department that has any figure."""
    by_procedure: dict[str, list[str]] = defaultdict(list)
    by_department: dict[str, list[str]] = defaultdict(list)
    for dossier_id, (_code, procedure) in tally.info.items():
        by_procedure[procedure].append(dossier_id)
        by_department[tally.department.get(dossier_id, AT_RECEPTION)].append(dossier_id)
    names = dict(session.execute(select(ProcedureRow.code, ProcedureRow.name).where(
        ProcedureRow.code.in_(list(by_procedure)))).all())  # fmt: skip
    procedures = [Section("procedure", p, str(names.get(p, p)), figures_of(tally, ids))
                  for p, ids in sorted(by_procedure.items())]  # fmt: skip
    departments = [Section("department", d, d, figures_of(tally, ids))
                   for d, ids in sorted(by_department.items())]  # fmt: skip
    keep = [s for s in procedures + departments if s.figures]
    return ([s for s in keep if s.kind == "procedure"],
            [s for s in keep if s.kind == "department"])  # fmt: skip


def codes_digest(codes: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(codes).encode("utf-8")).hexdigest()
