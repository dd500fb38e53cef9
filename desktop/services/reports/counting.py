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
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.calendar import Due, Timeliness, WorkingCalendar
from desktop.core.calendar import Session as DaySession
from desktop.core.lifecycle import PAUSED, Act
from desktop.core.moments import utc_text
from desktop.core.pauses import due_from, moved_original
from desktop.core.report_periods import Period
from desktop.core.reports import DERIVED, PERIOD_ACTS, Figure, Refusal, Section
from desktop.services.deadlines import AT_RECEPTION
from desktop.store.models import ProcedureRow

PAUSED_STATES = frozenset(s.value for s in PAUSED)
# Acts counted by when they happened in the period: act → figure.
COUNTED_ACTS = {
    **PERIOD_ACTS,
    Act.COMPLAIN.value: "complaints.received",
    Act.RESOLVE_COMPLAINT.value: "complaints.resolved",
}
RATINGS = ("satisfied", "neutral", "unsatisfied")
LATE, ON_TIME = Timeliness.LATE.value, Timeliness.ON_TIME.value
CHUNK = 500

# The department that last held a dossier before the period's end (NULL or '': the desk
# itself): the one on its row (``held_by``: that of its latest hand-over or hand-on) when
# that act came before the end, as it always has for a period just ended; looked up in its
# acts only for a dossier handed on since.
DEPARTMENT = """CASE WHEN d.held_since IS NULL OR d.held_since < :end THEN d.held_by
    ELSE (SELECT json_extract(h.payload, '$.department') FROM acts h
          WHERE h.id = (SELECT max(l.id) FROM acts l WHERE l.dossier_id = d.id
                        AND l.act IN ('hand_over', 'hand_on') AND l.at < :end)) END"""
# The period's dossiers being resolved at some moment of it, in code order (so every list
# of codes built from them is sorted already), with the department holding each at the end.
# Plain SQL through the driver: 200 000 rows must not cost a second of mapping.
_DOSSIERS = f"""
SELECT d.id, d.code, d.procedure_code, d.channel, d.level, d.received_at, d.resolved_at,
       coalesce(d.original_due_date, d.due_date), coalesce(d.original_due_session,
       d.due_session), coalesce(d.original_due_at, d.due_at),
       CASE WHEN d.state IN ('withdrawn', 'stopped') THEN
         (SELECT min(a.at) FROM acts a WHERE a.dossier_id = d.id
          AND a.act IN ('withdraw', 'stop')) END,
       {DEPARTMENT}
FROM dossiers d
WHERE d.office_code = :office AND d.received_at < :end
  AND (d.resolved_at IS NULL OR d.resolved_at >= :start)
ORDER BY d.code
"""
_ACTS = """
SELECT a.dossier_id, a.act, a.rating,
       CASE WHEN a.act = 'refuse' THEN json_extract(a.payload, '$.reason') END
FROM acts a WHERE a.act IN ({kinds}) AND a.at >= :start AND a.at < :end
ORDER BY a.at, a.id
"""
_DOSSIERS_BY_ID = """
SELECT d.id, d.code, d.procedure_code FROM dossiers d
WHERE d.office_code = ? AND d.id IN ({ids})
"""
# What replays an open dossier's clock up to the period's end: the acts that give or move
# its original appointment, and those entering or leaving a wait on the citizen.
_CLOCK = """
SELECT a.dossier_id, a.act, a.from_state, a.to_state, a.at,
       json_extract(a.payload, '$.original_appointment'),
       json_extract(a.payload, '$.appointment')
FROM acts a WHERE a.dossier_id IN ({ids}) AND a.at < ?
ORDER BY a.dossier_id, a.version, a.id
"""
_HELD_BY = f"""SELECT d.id, {DEPARTMENT} FROM dossiers d WHERE d.id IN ({{ids}})"""
_MONEY = """
SELECT p.dossier_id, d.code, d.procedure_code, p.kind, p.amount
FROM payments p JOIN dossiers d ON d.id = p.dossier_id
WHERE d.office_code = :office AND p.at >= :start AND p.at < :end
"""
# Receipts and payments first (CROSS JOIN keeps that order): far fewer than the office's
# dossiers, which the planner would otherwise scan to find them.
_RECEIPTS = """
SELECT r.series, d.code, r.amount, r.issued_at, r.voided_at
FROM receipts r CROSS JOIN dossiers d ON d.id = r.dossier_id
WHERE d.office_code = :office AND ((r.issued_at >= :start AND r.issued_at < :end)
      OR (r.voided_at >= :start AND r.voided_at < :end))
ORDER BY d.code
"""


def _rows(session: Session, sql: str, params: dict[str, Any] | Sequence[Any]) -> list[Any]:
    """Rows as the driver gives them (plain tuples), inside the session's transaction."""
    given = params if isinstance(params, dict) else tuple(params)
    driver = session.connection().connection.driver_connection
    assert driver is not None
    rows: list[Any] = driver.execute(sql, given).fetchall()
    return rows


@dataclass
class Tally:
    """Dossiers per figure (in code order where they come from the period's dossiers), and
    money per figure and dossier, before they are grouped into sections."""

    members: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    money: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    info: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # code, proc., dept.
    being_resolved: set[str] = field(default_factory=set)  # accepted, not done before start
    refusals: list[Refusal] = field(default_factory=list)
    _seen: set[tuple[str, str]] = field(default_factory=set)

    def count_once(self, key: str, dossier_id: str) -> None:
        """For acts: a dossier asked twice for a supplement is one dossier asked."""
        if (key, dossier_id) not in self._seen:
            self._seen.add((key, dossier_id))
            self.members[key].append(dossier_id)

    def add_money(self, key: str, dossier_id: str, amount: int) -> None:
        held = self.money[key]
        held[dossier_id] = held.get(dossier_id, 0) + amount


class _Judge:
    """Early / on time / late by ``WorkingCalendar.standing`` against the original
    appointment. Late is the moment past the deadline; otherwise the verdict depends only
    on the local day and the due date, so it is asked of the calendar once per pair."""

    def __init__(self, calendar: WorkingCalendar) -> None:
        self.calendar = calendar
        self._days: dict[str, date] = {}
        self._verdicts: dict[tuple[date, str], str] = {}

    def resolved(self, at: str, due_day: Any, session: str | None, deadline: str | None) -> str:
        if deadline is None or due_day is None or not session:
            return ON_TIME  # resolved with no appointment on record
        if at > deadline:  # both UTC text of the same form: they compare as moments
            return LATE
        hour = at[:13]
        day = self._days.get(hour)
        if day is None:
            day = datetime.fromisoformat(at).astimezone(self.calendar.tz).date()
            self._days[hour] = day
        key = (day, str(due_day))
        verdict = self._verdicts.get(key)
        if verdict is None:
            due = Due(date.fromisoformat(str(due_day)), DaySession(session),
                      datetime.fromisoformat(deadline))  # fmt: skip
            verdict = self.calendar.standing(due, datetime.fromisoformat(at)).timeliness.value
            self._verdicts[key] = verdict
        return verdict


def _received_key(channel: int, level: int) -> str:
    if channel == 1:
        return "received.desk"
    if channel == 3:
        return "received.post"
    return "received.online_l4" if level == 4 else "received.online_l3"


def count_period(session: Session, calendar: WorkingCalendar, office: str, period: Period,
                 now: datetime) -> Tally:  # fmt: skip
    """The figures of ``period``; one not yet over is counted up to ``now``."""
    tally = Tally()
    end_dt = period.end(calendar.tz)
    bounds = {"office": office, "start": utc_text(period.start(calendar.tz)),
              "end": utc_text(end_dt)}  # fmt: skip
    start, end = bounds["start"], bounds["end"]
    judge = _Judge(calendar)
    members, info = tally.members, tally.info
    carried, resolved_keys = members["carried_over"], {
        t.value: members[f"resolved.{t.value}"] for t in Timeliness}  # fmt: skip
    open_at_end: list[str] = []
    for (dossier_id, code, procedure, channel, level, received, resolved, due_day, due_session,
         deadline, gone, held) in _rows(session, _DOSSIERS, bounds):  # fmt: skip
        if gone is not None and gone >= end:
            gone = None  # withdrawn or stopped after the period
        if received < start:
            if gone is not None and gone < start:
                continue  # withdrawn or stopped before the period: not carried over
            carried.append(dossier_id)
        else:
            members[_received_key(channel, level)].append(dossier_id)
        info[dossier_id] = (code, procedure, department_name(held))
        tally.being_resolved.add(dossier_id)
        if resolved is not None and resolved < end:
            resolved_keys[judge.resolved(resolved, due_day, due_session, deadline)].append(
                dossier_id)  # fmt: skip
        elif gone is None:
            open_at_end.append(dossier_id)
    _judge_open(session, calendar, tally, open_at_end, min(end_dt, now))
    _count_acts(session, tally, bounds)
    _count_money(session, tally, bounds)
    _departments(session, tally, end)
    for key in (*COUNTED_ACTS.values(), *(f"ratings.{r}" for r in RATINGS)):
        if key in members:  # counted in the order the acts happened: put in code order
            members[key].sort(key=lambda i: info[i][0])
    return tally


def _judge_open(session: Session, calendar: WorkingCalendar, tally: Tally, ids: list[str],
                end: datetime) -> None:  # fmt: skip
    """In time or overdue at the period's end (or now, if sooner), by the dossier's history
    up to then: its original appointment as the waits that had ended moved it, and — if it
    was waiting on the citizen then — judged when that wait began (the clock stood still
    since)."""
    # The acts that may give an appointment, latest first per dossier: the first of them
    # that gives one (``moved_original``) is the appointment at the end — so only that
    # one's JSON is parsed.
    giving: dict[str, list[tuple[str, str | None, str | None]]] = {i: [] for i in ids}
    paused_since: dict[str, datetime | None] = dict.fromkeys(ids)
    for chunk in range(0, len(ids), CHUNK):
        part = ids[chunk : chunk + CHUNK]
        sql = _CLOCK.format(ids=", ".join("?" * len(part)))
        for dossier_id, act, before, after, at, moved, given in _rows(
                session, sql, [*part, utc_text(end)]):  # fmt: skip
            if moved or given:
                giving[dossier_id].append((act, moved, given))
            if after in PAUSED_STATES and before not in PAUSED_STATES:
                paused_since[dossier_id] = datetime.fromisoformat(at)
            elif after not in PAUSED_STATES:
                paused_since[dossier_id] = None
    overdue, on_time = tally.members["in_progress.overdue"], tally.members["in_progress.on_time"]
    verdicts: dict[tuple[Due, datetime], bool] = {}  # many share a due moment and the end
    for dossier_id in ids:  # still in code order
        due = None
        for act, moved, given in reversed(giving[dossier_id]):
            payload = {k: json.loads(v) for k, v in (("original_appointment", moved),
                                                     ("appointment", given)) if v}  # fmt: skip
            due = due_from(moved_original(act, payload))
            if due is not None:
                break
        moment = paused_since[dossier_id] or end
        late = False
        if due is not None:
            late = verdicts.get((due, moment))  # type: ignore[assignment]
            if late is None:
                late = calendar.standing(due, moment).timeliness is Timeliness.LATE
                verdicts[(due, moment)] = late
        (overdue if late else on_time).append(dossier_id)


def _count_acts(session: Session, tally: Tally, bounds: dict[str, Any]) -> None:
    kinds = ", ".join(f"'{k}'" for k in (*COUNTED_ACTS, Act.FEEDBACK.value))
    rows = _rows(session, _ACTS.format(kinds=kinds), {"start": bounds["start"],
                                                       "end": bounds["end"]})  # fmt: skip
    _learn(session, tally, bounds["office"], {r[0] for r in rows})
    for dossier_id, act, rating, reason in rows:
        if dossier_id not in tally.info:
            continue  # another office's dossier
        if act == Act.FEEDBACK.value:
            if rating in RATINGS:
                tally.count_once(f"ratings.{rating}", dossier_id)
            continue
        tally.count_once(COUNTED_ACTS[act], dossier_id)
        if act == Act.REFUSE.value:
            code, procedure, _ = tally.info[dossier_id]
            tally.refusals.append(Refusal(code, procedure, str(reason or "")))


def _learn(session: Session, tally: Tally, office: str, ids: set[str]) -> None:
    """Code and procedure of the office's dossiers among ``ids`` not yet known."""
    unknown = [i for i in ids if i not in tally.info]
    for chunk in range(0, len(unknown), CHUNK):
        part = unknown[chunk : chunk + CHUNK]
        sql = _DOSSIERS_BY_ID.format(ids=", ".join("?" * len(part)))
        for dossier_id, code, procedure in _rows(session, sql, [office, *part]):
            tally.info[dossier_id] = (code, procedure, "")


def _count_money(session: Session, tally: Tally, bounds: dict[str, Any]) -> None:
    for dossier_id, code, procedure, kind, amount in _rows(session, _MONEY, bounds):
        tally.info.setdefault(dossier_id, (code, procedure, ""))
        tally.add_money("fees.refunded" if kind == "refund" else "fees.collected", dossier_id,
                        int(amount))  # fmt: skip


def department_name(held: Any) -> str:
    """The department as a section names it: the desk itself when none holds the dossier."""
    return AT_RECEPTION if held is None or held == "" else str(held)


def _departments(session: Session, tally: Tally, end: str) -> None:
    """The department that last held each dossier counted only by an act or a payment
    (those being resolved in the period have theirs already)."""
    rest = [i for i in tally.info if i not in tally.being_resolved]
    info = tally.info
    for chunk in range(0, len(rest), CHUNK):
        part = rest[chunk : chunk + CHUNK]
        names = {f"i{n}": dossier_id for n, dossier_id in enumerate(part)}
        sql = _HELD_BY.format(ids=", ".join(f":{name}" for name in names))
        for dossier_id, held in _rows(session, sql, {**names, "end": end}):
            code, procedure, _none = info[dossier_id]
            info[dossier_id] = (code, procedure, department_name(held))


def count_receipts(session: Session, bounds: dict[str, Any]) -> list[Section]:
    """Receipts issued and voided in the period, per series (ký hiệu)."""
    codes: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    amounts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    start, end = bounds["start"], bounds["end"]
    for series, code, amount, issued, voided in _rows(session, _RECEIPTS, bounds):
        for key, when in (("receipts.issued", issued), ("receipts.voided", voided)):
            if when is not None and start <= when < end:
                codes[series][key].append(code)
                amounts[series][key + "_amount"] += int(amount)
    sections = []
    for series in sorted(codes):
        figures: dict[str, Figure] = {}
        for key, found in codes[series].items():
            figures[key] = Figure(len(found), tuple(found))
            figures[key + "_amount"] = Figure(amounts[series][key + "_amount"],
                                              tuple(sorted(set(found))))  # fmt: skip
        sections.append(Section("series", series, f"Ký hiệu {series}", figures))
    return sections


# --- grouping ----------------------------------------------------------------------------------



def _figures(codes: dict[str, list[str]], money: dict[str, int],
             money_codes: dict[str, list[str]]) -> dict[str, Figure]:  # fmt: skip
    # Every list is in code order already (``count_period``): no sorting of 200 000 codes.
    figures = {key: Figure(len(found), tuple(found)) for key, found in codes.items()}
    for key, parts in DERIVED.items():
        found: list[str] = []
        for part in parts:
            found.extend(codes.get(part, ()))
        found.sort()  # a concatenation of sorted lists: a merge of runs (Timsort)
        if found:
            figures[key] = Figure(len(found), tuple(found))
    for key, value in money.items():
        figures[key] = Figure(value, tuple(sorted(money_codes[key])))
    return figures


def build_sections(session: Session, tally: Tally, office: str,
                   office_name: str) -> tuple[Section, list[Section], list[Section]]:  # fmt: skip
    """The office's section, and one per procedure and per department, in one pass."""
    groups: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    money: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    money_codes: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(
        lambda: defaultdict(list))  # fmt: skip
    info = tally.info
    whole = ("office", office)
    for key, ids in tally.members.items():
        if not ids:
            continue
        in_office = groups[whole][key]
        for dossier_id in ids:
            code, procedure, department = info[dossier_id]
            in_office.append(code)
            groups[("procedure", procedure)][key].append(code)
            groups[("department", department)][key].append(code)
    for key, held in tally.money.items():
        for dossier_id, amount in held.items():
            code, procedure, department = info[dossier_id]
            for group in (whole, ("procedure", procedure), ("department", department)):
                money[group][key] += amount
                money_codes[group][key].append(code)
    names = {code: name for code, name in session.execute(select(ProcedureRow.code,
                                                                   ProcedureRow.name))}  # fmt: skip
    sections = {
        group: Section(group[0], group[1], office_name if group == whole
                       else names.get(group[1], group[1]) if group[0] == "procedure"
                       else group[1], _figures(groups.get(group, {}), money.get(group, {}),
                                               money_codes.get(group, {})))
        for group in set(groups) | set(money)
    }  # fmt: skip
    office_section = sections.pop(whole, Section("office", office, office_name, {}))
    ordered = sorted(sections.values(), key=lambda s: s.key)
    return (office_section, [s for s in ordered if s.kind == "procedure"],
            [s for s in ordered if s.kind == "department"])  # fmt: skip


def codes_digest(codes: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(codes).encode("utf-8")).hexdigest()
