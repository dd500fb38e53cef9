"""The figures of a period counted inside SQLite (GROUP BY over CASE expressions), the
dossiers behind each figure read only when someone asks for them.

The rules are those of ``counting`` (its docstring is the one place that says them);
this module only moves the arithmetic into the database. What SQL cannot know — the
working-day calendar — comes in as data: the (local day, due day) pairs of the dossiers
resolved in time are judged early or on time by ``WorkingCalendar`` first, once per pair,
and handed to the count as a JSON list; the open dossiers (a few thousand) still have
their clock replayed act by act (``counting._judge_open``). A figure's dossier codes come
from ``counting`` itself, on first demand (``Ledger``), so the drill-down and the
spreadsheet's dossier sheet show exactly what ``counting`` has always listed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.calendar import WorkingCalendar
from desktop.core.lifecycle import Act
from desktop.core.moments import utc_text
from desktop.core.report_periods import Period
from desktop.core.reports import Figure, Refusal, Section, section_id
from desktop.services.deadlines import AT_RECEPTION
from desktop.services.reports.counting import (
    COUNTED_ACTS,
    DERIVED,
    RATINGS,
    Tally,
    _judge_open,
    _rows,
    build_sections,
    count_period,
)
from desktop.store.models import ProcedureRow

Group = tuple[str, str]  # ("procedure", code) | ("department", name) | ("office", code)

# The department that last held a dossier before the period's end (else the desk itself):
# the hand-overs since the oldest dossier being resolved in the period was received are
# put, last one winning, in a temporary table keyed by dossier (one pass over the acts'
# (act, at) index); a dossier counted only for an act or a payment, handed over before
# that, is looked up on its own.
_HELD_TABLE = """CREATE TEMP TABLE IF NOT EXISTS report_held (
    dossier_id TEXT PRIMARY KEY, department TEXT)"""
_SINCE = """
SELECT min(d.received_at) FROM dossiers d
WHERE d.office_code = :office AND d.received_at < :end
  AND (d.resolved_at IS NULL OR d.resolved_at >= :start)
"""
_FILL_HELD = """
INSERT OR REPLACE INTO temp.report_held
SELECT a.dossier_id, json_extract(a.payload, '$.department') FROM acts a
WHERE a.act IN ('hand_over', 'hand_on') AND a.at >= :since AND a.at < :end ORDER BY a.id
"""
_LOOKED_UP = """coalesce(nullif((SELECT json_extract(h.payload, '$.department') FROM acts h
    WHERE h.id = (SELECT max(l.id) FROM acts l WHERE l.dossier_id = d.id
                  AND l.act IN ('hand_over', 'hand_on') AND l.at < :end)), ''), :reception)"""
_HELD = f"""CASE WHEN held.dossier_id IS NOT NULL
    THEN coalesce(nullif(held.department, ''), :reception) ELSE {_LOOKED_UP} END"""
_JOIN_HELD = "LEFT JOIN temp.report_held held ON held.dossier_id = d.id"

# The period's dossiers, one row per (procedure, department, arrival, outcome) with the
# number of dossiers — except the ones still open at the end, one row each (their clock is
# replayed in Python).
_DOSSIERS = f"""
WITH c AS MATERIALIZED (
  SELECT d.id, d.procedure_code AS procedure, {_HELD} AS department,
    d.channel, d.level, d.received_at AS received, d.resolved_at AS resolved,
    coalesce(d.original_due_date, d.due_date) AS due_day,
    coalesce(d.original_due_session, d.due_session) AS due_session,
    coalesce(d.original_due_at, d.due_at) AS deadline,
    CASE WHEN d.state IN ('withdrawn', 'stopped') THEN
      (SELECT min(a.at) FROM acts a WHERE a.dossier_id = d.id
       AND a.act IN ('withdraw', 'stop') AND a.at < :end) END AS gone
  FROM dossiers d {_JOIN_HELD}
  WHERE d.office_code = :office AND d.received_at < :end
    AND (d.resolved_at IS NULL OR d.resolved_at >= :start)
), k AS (
  SELECT id, procedure, department,
    CASE WHEN received < :start THEN
           CASE WHEN gone IS NOT NULL AND gone < :start THEN NULL ELSE 'carried_over' END
         WHEN channel = 1 THEN 'received.desk'
         WHEN channel = 3 THEN 'received.post'
         WHEN level = 4 THEN 'received.online_l4'
         ELSE 'received.online_l3' END AS arrival,
    CASE WHEN resolved IS NOT NULL AND resolved < :end THEN
           CASE WHEN deadline IS NULL OR due_day IS NULL OR coalesce(due_session, '') = ''
                  THEN 'resolved.on_time'
                WHEN resolved > deadline THEN 'resolved.late'
                WHEN date(resolved, :shift) || ' ' || due_day
                     IN (SELECT value FROM json_each(:early)) THEN 'resolved.early'
                ELSE 'resolved.on_time' END
         WHEN gone IS NULL THEN 'open' END AS outcome
  FROM c
)
SELECT procedure, department, arrival, outcome, CASE WHEN outcome = 'open' THEN id END,
       count(*)
FROM k WHERE arrival IS NOT NULL
GROUP BY 1, 2, 3, 4, 5
"""
# The (local day, due day) pairs of the dossiers resolved in the period before their
# deadline: the calendar says which of them were early.
_IN_TIME_PAIRS = """
SELECT DISTINCT date(d.resolved_at, :shift), coalesce(d.original_due_date, d.due_date)
FROM dossiers d
WHERE d.office_code = :office AND d.received_at < :end
  AND d.resolved_at >= :start AND d.resolved_at < :end
  AND coalesce(d.original_due_at, d.due_at) >= d.resolved_at
  AND coalesce(d.original_due_date, d.due_date) IS NOT NULL
"""
_ACTS = f"""
SELECT procedure, department, act, rating, count(DISTINCT dossier_id) FROM (
  SELECT a.dossier_id, d.procedure_code AS procedure, {_HELD} AS department, a.act,
         CASE WHEN a.act = 'feedback' THEN json_extract(a.payload, '$.rating') END AS rating
  FROM acts a JOIN dossiers d ON d.id = a.dossier_id {_JOIN_HELD}
  WHERE a.act IN ({{kinds}}) AND a.at >= :start AND a.at < :end AND d.office_code = :office
) GROUP BY 1, 2, 3, 4
"""
_REFUSALS = """
SELECT d.code, d.procedure_code, json_extract(a.payload, '$.reason')
FROM acts a JOIN dossiers d ON d.id = a.dossier_id
WHERE a.act = 'refuse' AND a.at >= :start AND a.at < :end AND d.office_code = :office
ORDER BY a.at, a.id
"""
_MONEY = f"""
SELECT procedure, department, kind, sum(amount) FROM (
  SELECT d.procedure_code AS procedure, {_HELD} AS department, p.kind, p.amount
  FROM payments p JOIN dossiers d ON d.id = p.dossier_id {_JOIN_HELD}
  WHERE d.office_code = :office AND p.at >= :start AND p.at < :end
) GROUP BY 1, 2, 3
"""


class Ledger:
    """The dossiers behind every figure of one report, listed by ``counting`` the first
    time any figure's codes are asked for (a fresh read of the same period, up to the
    moment the report was made), then kept."""

    def __init__(self, read: Callable[[], tuple[Section, list[Section], list[Section]]]):
        self._read = read
        self._codes: dict[str, dict[str, tuple[str, ...]]] | None = None

    def codes(self, section: str, key: str) -> tuple[str, ...]:
        if self._codes is None:
            whole, procedures, departments = self._read()
            self._codes = {section_id(s): {k: f.codes for k, f in s.figures.items()}
                           for s in (whole, *procedures, *departments)}  # fmt: skip
        return self._codes.get(section, {}).get(key, ())


def _shift(calendar: WorkingCalendar, period: Period) -> str | None:
    """The office's offset from UTC as an SQLite modifier — None if it changes within the
    period (summer time), where only ``counting`` can say the local day."""
    start, end = period.start(calendar.tz), period.end(calendar.tz)
    offset = start.utcoffset()
    if offset is None or offset != end.utcoffset():
        return None
    return f"{int(offset / timedelta(minutes=1)):+d} minutes"


def count_sections(session: Session, calendar: WorkingCalendar, office: str, office_name: str,
                   period: Period, now: datetime,
                   read_codes: Callable[[], tuple[Section, list[Section], list[Section]]],
                   ) -> tuple[Section, list[Section], list[Section], list[Refusal]]:  # fmt: skip
    """The office's section and one per procedure and per department, counted in SQL;
    each figure's codes fetched through ``read_codes`` when first asked for."""
    shift = _shift(calendar, period)
    end_dt = period.end(calendar.tz)
    bounds = {"office": office, "start": utc_text(period.start(calendar.tz)),
              "end": utc_text(end_dt), "reception": AT_RECEPTION}  # fmt: skip
    if shift is None:  # the slow, row-by-row way (it lists every code while counting)
        tally = count_period(session, calendar, office, period, now)
        whole, procedures, departments = build_sections(session, tally, office, office_name)
        return whole, procedures, departments, list(tally.refusals)
    counts: dict[Group, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def add(procedure: str, department: str, key: str, n: int) -> None:
        for group in (("office", office), ("procedure", procedure),
                      ("department", str(department))):  # fmt: skip
            counts[group][key] += n

    _hold(session, bounds)
    early = []
    for day, due_day in _rows(session, _IN_TIME_PAIRS, {**bounds, "shift": shift}):
        if calendar.working_days_between(date.fromisoformat(day),
                                         date.fromisoformat(str(due_day))) > 0:  # fmt: skip
            early.append(f"{day} {due_day}")
    open_ids: list[str] = []
    where: dict[str, tuple[str, str]] = {}
    params = {**bounds, "shift": shift, "early": json.dumps(early)}
    for procedure, department, arrival, outcome, dossier_id, n in _rows(session, _DOSSIERS,
                                                                        params):  # fmt: skip
        add(procedure, department, arrival, n)
        if outcome == "open":
            open_ids.append(dossier_id)
            where[dossier_id] = (procedure, department)
        elif outcome is not None:
            add(procedure, department, outcome, n)
    tally = Tally()
    _judge_open(session, calendar, tally, sorted(open_ids), min(end_dt, now))
    for key in ("in_progress.on_time", "in_progress.overdue"):
        for dossier_id in tally.members.get(key, ()):
            add(*where[dossier_id], key, 1)
    kinds = ", ".join(f"'{k}'" for k in (*COUNTED_ACTS, Act.FEEDBACK.value))
    for procedure, department, act, rating, n in _rows(session, _ACTS.format(kinds=kinds),
                                                       bounds):  # fmt: skip
        if act == Act.FEEDBACK.value:
            if rating in RATINGS:
                add(procedure, department, f"ratings.{rating}", n)
        else:
            add(procedure, department, COUNTED_ACTS[act], n)
    for procedure, department, kind, amount in _rows(session, _MONEY, bounds):
        add(procedure, department, "fees.refunded" if kind == "refund" else "fees.collected",
            int(amount))  # fmt: skip
    refusals = [Refusal(code, procedure, str(reason or ""))
                for code, procedure, reason in _rows(session, _REFUSALS, bounds)]  # fmt: skip
    ledger = Ledger(read_codes)
    names = {c: n for c, n in session.execute(select(ProcedureRow.code, ProcedureRow.name))}
    sections: dict[Group, Section] = {}
    for group, values in counts.items():
        for key, parts in DERIVED.items():
            total = sum(values.get(p, 0) for p in parts)
            if total:
                values[key] = total
        kind, name = group
        label = (office_name if kind == "office" else names.get(name, name)
                 if kind == "procedure" else name)  # fmt: skip
        ident = section_id(Section(kind, name, label, {}))
        figures = {key: Figure.behind(value, _fetcher(ledger, ident, key))
                   for key, value in values.items() if value}  # fmt: skip
        sections[group] = Section(kind, name, label, figures)
    whole = sections.pop(("office", office), Section("office", office, office_name, {}))
    ordered = sorted(sections.values(), key=lambda s: s.key)
    return (whole, [s for s in ordered if s.kind == "procedure"],
            [s for s in ordered if s.kind == "department"], refusals)  # fmt: skip


def _hold(session: Session, bounds: dict[str, Any]) -> None:
    """Fill ``temp.report_held`` (the connection's own: no other desk reads it)."""
    since = _rows(session, _SINCE, bounds)[0][0]
    _rows(session, _HELD_TABLE, ())
    _rows(session, "DELETE FROM temp.report_held", ())
    if since is not None:
        _rows(session, _FILL_HELD, {"since": since, "end": bounds["end"]})


def _fetcher(ledger: Ledger, section: str, key: str) -> Callable[[], tuple[str, ...]]:
    return lambda: ledger.codes(section, key)


__all__: list[Any] = ["Ledger", "count_sections"]
