"""Báo cáo của tỉnh — the province's figures of Biểu 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP;
docs/LEGAL.md §5) per office and in total, from the dossiers the desks pushed.

The rules are the desk's (``desktop.services.reports.counting`` says them): the portal
holds the same dossier rows (the appointment given at acceptance and moved only by the
waits on the citizen is ``original_due_*``) and the same acts, so an office's row here is
the figures its supervisor's report shows. Counted in SQL, grouped by office, on SQLite
and PostgreSQL alike — every moment is stored as UTC text of one form, so moments compare
as text and no date function of either database is needed:

* resolved late: resolved after the original deadline; early: resolved, in time, on a
  local day before the last working day up to the due date — so per due date the
  calendar gives one moment (midnight opening that working day) and a dossier resolved
  in time before it was early (``WorkingCalendar.standing`` asks the same question);
* still being resolved at the period's end (or now, if sooner): overdue when the original
  deadline had passed. The stored appointment is the one at that moment unless an act
  since could have moved it (only acceptance and the end of a wait on the citizen give or
  move it: ``desktop.core.pauses``) or the dossier is waiting on the citizen — those few
  have their clock replayed from their acts, as the desk does.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Date, bindparam, select, text
from sqlalchemy.orm import Session

from desktop.core.calendar import Timeliness, WorkingCalendar
from desktop.core.lifecycle import PAUSED
from desktop.core.moments import utc_text
from desktop.core.pauses import due_from, moved_original
from desktop.core.report_periods import Period
from desktop.core.reports import DERIVED, PERIOD_ACTS, TABLE_COLUMNS, Figure, Section
from sync.portal.calendar import working_calendar
from sync.portal.models import PortalAct, PortalOffice

Reread = Callable[[], AbstractContextManager[Session]]
PAUSED_STATES = tuple(s.value for s in PAUSED)
COUNTED_ACTS = PERIOD_ACTS  # the acts both sides count by when they happened
# Besides the form's columns: how each kind of arrival splits, and the acts.
FIGURES = tuple(dict.fromkeys([*(k for k, _ in TABLE_COLUMNS), "received.online_l3",
                               "received.online_l4", "received.desk", "received.post",
                               *COUNTED_ACTS.values()]))  # fmt: skip

# One row per dossier being resolved at some moment of the period: how it arrived and how
# it stood at the end ('replay': its clock is replayed in Python). ``{early}`` is a VALUES
# list of (due day, the moment before which a dossier resolved in time was early) for every
# day a dossier resolved in the period could be due; one due later than the last listed
# (``:judged_until``), more than a year after the period, was early. A dossier waiting on
# the citizen is judged when its wait began (the latest act that entered it), if that was
# before the end.
_CLASSIFIED = """
WITH early(due_day, early_before) AS (VALUES {early}),
c AS (
  SELECT d.id, d.code, d.office_code AS office, d.state, d.channel, d.level,
    d.received_at AS received, d.resolved_at AS resolved,
    coalesce(d.original_due_date, d.due_date) AS due_day,
    coalesce(d.original_due_session, d.due_session) AS due_session,
    coalesce(d.original_due_at, d.due_at) AS deadline, d.original_due_at AS original,
    e.early_before,
    CASE WHEN d.state IN ({paused}) THEN
      (SELECT max(a.at) FROM acts a WHERE a.dossier_id = d.id AND a.to_state IN ({paused})
       AND (a.from_state IS NULL OR a.from_state NOT IN ({paused}))) END AS waiting_since,
    CASE WHEN d.state IN ('withdrawn', 'stopped') THEN
      (SELECT min(a.at) FROM acts a WHERE a.dossier_id = d.id
       AND a.act IN ('withdraw', 'stop') AND a.at < :end) END AS gone
  FROM dossiers d LEFT JOIN early e ON e.due_day = coalesce(d.original_due_date, d.due_date)
  WHERE d.received_at < :end AND (d.resolved_at IS NULL OR d.resolved_at >= :start) {office}
)
SELECT id, code, office,
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
              WHEN resolved < early_before THEN 'resolved.early'
              WHEN early_before IS NULL AND due_day > :judged_until THEN 'resolved.early'
              ELSE 'resolved.on_time' END
       WHEN gone IS NOT NULL THEN NULL
       WHEN EXISTS (SELECT 1 FROM acts a WHERE a.dossier_id = c.id AND a.at >= :moment
              AND (a.act = 'accept' OR a.from_state IN ({paused}))) THEN 'replay'
       WHEN original IS NOT NULL AND original < CASE WHEN waiting_since < :moment
            THEN waiting_since ELSE :moment END THEN 'in_progress.overdue'
       ELSE 'in_progress.on_time' END AS outcome
FROM c
"""
_GROUPED = """
SELECT office, arrival, outcome, count(*)
FROM ({classified}) k WHERE arrival IS NOT NULL
GROUP BY office, arrival, outcome
"""
# The few dossiers 'replay' stands for (the same conditions, found from their acts).
_REPLAYED = """
SELECT d.office_code, d.id FROM dossiers d
WHERE d.id IN (SELECT a.dossier_id FROM acts a WHERE a.at >= :moment
               AND (a.act = 'accept' OR a.from_state IN ({paused})))
  AND d.received_at < :end AND (d.resolved_at IS NULL OR d.resolved_at >= :end)
  AND NOT (d.state IN ('withdrawn', 'stopped') AND EXISTS (SELECT 1 FROM acts g
           WHERE g.dossier_id = d.id AND g.act IN ('withdraw', 'stop') AND g.at < :end)) {office}
"""
_LISTED = """
SELECT office, arrival, outcome, id, code FROM ({classified}) k WHERE arrival IS NOT NULL
"""
_ACTS = """
SELECT d.office_code, a.act, {what} FROM acts a JOIN dossiers d ON d.id = a.dossier_id
WHERE a.act IN ({kinds}) AND a.at >= :start AND a.at < :end {office}
{group}
"""


@dataclass(frozen=True)
class ProvinceReport:
    """One row per office (those with a figure, or the one asked for) and the total."""

    period: Period
    made_at: datetime
    offices: tuple[Section, ...]
    total: Section

    def office(self, code: str) -> Section:
        for s in self.offices:
            if s.key == code:
                return s
        raise KeyError(code)


def province_report(session: Session, period: Period, now: datetime, office: str | None = None,
                    reread: Reread | None = None) -> ProvinceReport:  # fmt: skip
    """The figures of ``period`` per office (or of ``office`` alone); a period not yet over
    is counted up to ``now``. Each figure lists its dossiers' codes when first asked: in
    ``session`` while its transaction lasts, else in a read of its own (``reread``)."""
    if session.get_bind().dialect.name == "postgresql":
        # The planner prices the per-dossier subqueries high and would compile the query
        # (JIT): a second and more of compiling for a scan that takes a fraction of it.
        session.execute(text("SET LOCAL jit = off"))
        session.execute(text("SET LOCAL work_mem = '64MB'"))
    names = {c: n for c, n in session.execute(select(PortalOffice.code, PortalOffice.name))}
    calendar = working_calendar(session, office or next(iter(sorted(names)), ""))
    end_dt = period.end(calendar.tz)
    moment = min(end_dt, now)
    params: dict[str, Any] = {"start": utc_text(period.start(calendar.tz)),
                              "end": utc_text(end_dt), "moment": utc_text(moment)}  # fmt: skip
    where = ""
    if office is not None:
        params["office"], where = office, "AND d.office_code = :office"
    classified = _classified(calendar, period, where)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    sql, binds = classified
    to_replay: dict[str, int] = defaultdict(int)
    postgresql = session.get_bind().dialect.name == "postgresql"
    if postgresql:  # a few thousand groups: hashed, not a sort of every dossier on disk
        session.execute(text("SET LOCAL enable_sort = off"))
    grouped = session.execute(text(_GROUPED.format(classified=sql)).bindparams(*binds),
                              params).all()  # fmt: skip
    if postgresql:
        session.execute(text("SET LOCAL enable_sort = on"))
    for row_office, arrival, outcome, n in grouped:
        counts[row_office][arrival] += n
        if outcome == "replay":
            to_replay[row_office] += n
        elif outcome is not None:
            counts[row_office][outcome] += n
    found = session.execute(text(_REPLAYED.format(office=where, paused=_paused())), params)
    replay = {dossier_id: row_office for row_office, dossier_id in found}
    if Counter(replay.values()) != Counter(to_replay):  # two readings of one rule: never
        raise RuntimeError("the dossiers to replay differ from those the count found")
    verdicts = _replayed(session, calendar, sorted(replay), moment)
    for dossier_id, key in verdicts.items():
        counts[replay[dossier_id]][key] += 1
    acts = _ACTS.format(what="count(DISTINCT a.dossier_id)", kinds=_kinds(), office=where,
                        group="GROUP BY d.office_code, a.act")  # fmt: skip
    for row_office, act, n in session.execute(text(acts), params):
        counts[row_office][COUNTED_ACTS[act]] += n
    ledger = _Ledger(session, reread, lambda within: _Ledger.list(within, classified, params,
                                                                   where, verdicts))  # fmt: skip
    offices = []
    for code in sorted(set(counts) | ({office} if office else set())):
        values = _with_totals(counts.get(code, {}))
        figures = {k: Figure.behind(v, ledger.fetcher(code, k)) for k, v in values.items() if v}
        offices.append(Section("office", code, names.get(code, code), figures))
    total = _with_totals({k: sum(s.value(k) for s in offices) for k in FIGURES
                          if k not in DERIVED})  # fmt: skip
    total_figures = {k: Figure.behind(v, ledger.fetcher(None, k)) for k, v in total.items() if v}
    return ProvinceReport(period, now, tuple(offices),
                          Section("office", "", "Tổng cộng", total_figures))  # fmt: skip


def _with_totals(values: dict[str, int]) -> dict[str, int]:
    out = {k: int(v) for k, v in values.items() if k not in DERIVED}
    for key, parts in DERIVED.items():
        out[key] = sum(out.get(p, 0) for p in parts)
    return out


def _paused() -> str:
    return ", ".join(f"'{s}'" for s in PAUSED_STATES)


def _kinds() -> str:
    return ", ".join(f"'{k}'" for k in COUNTED_ACTS)


def _classified(calendar: WorkingCalendar, period: Period,
                where: str) -> tuple[str, list[Any]]:  # fmt: skip
    """The classifying query, with the early moment of each day a dossier resolved in the
    period in time can be due (from a month before the period to a year and more after it)
    bound as typed values (a date column is a date on PostgreSQL, ISO text on SQLite)."""
    values, binds = [], []
    first, last = period.first - timedelta(days=31), period.last + timedelta(days=400)
    for i in range((last - first).days + 1):
        day = first + timedelta(days=i)
        values.append(f"(:due_{i}, :before_{i})")
        binds.append(bindparam(f"due_{i}", day, type_=Date))
        binds.append(bindparam(f"before_{i}", _early_before(calendar, day)))
    binds.append(bindparam("judged_until", last, type_=Date))
    sql = _CLASSIFIED.format(early=", ".join(values), office=where, paused=_paused())
    return sql, binds


def _early_before(calendar: WorkingCalendar, due_day: date) -> str:
    """Resolved in time before this moment is early (``WorkingCalendar.early_before``)."""
    return str(utc_text(calendar.early_before(due_day)))


def _replayed(session: Session, calendar: WorkingCalendar, ids: list[str],
              moment: datetime) -> dict[str, str]:  # fmt: skip
    """In time or overdue at ``moment``, by each dossier's acts up to then: its original
    appointment as they moved it and, if it was waiting on the citizen then, judged when
    that wait began (the clock stood still since) — the desk's own replay."""
    verdicts: dict[str, str] = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        original: dict[str, Any] = dict.fromkeys(part)
        paused_since: dict[str, datetime | None] = dict.fromkeys(part)
        acts = session.scalars(select(PortalAct).where(PortalAct.dossier_id.in_(part),
                                                       PortalAct.at < moment)
                               .order_by(PortalAct.dossier_id, PortalAct.version))  # fmt: skip
        for a in acts:
            original[a.dossier_id] = (due_from(moved_original(a.act, a.payload or {}))
                                      or original[a.dossier_id])  # fmt: skip
            if a.to_state in PAUSED_STATES and a.from_state not in PAUSED_STATES:
                paused_since[a.dossier_id] = a.at
            elif a.to_state not in PAUSED_STATES:
                paused_since[a.dossier_id] = None
        for dossier_id in part:
            due, at = original[dossier_id], paused_since[dossier_id] or moment
            late = due is not None and calendar.standing(due, at).timeliness is Timeliness.LATE
            verdicts[dossier_id] = "in_progress.overdue" if late else "in_progress.on_time"
    return verdicts


class _Ledger:
    """The codes behind every figure, listed (one more pass of the same queries) the first
    time any figure's codes are asked for, then kept."""

    def __init__(self, session: Session, reread: Reread | None,
                 listing: Callable[[Session], dict[tuple[str | None, str], tuple[str, ...]]],
                 ) -> None:  # fmt: skip
        self._session, self._reread, self._listing = session, reread, listing
        self._codes: dict[tuple[str | None, str], tuple[str, ...]] | None = None

    def fetcher(self, office: str | None, key: str) -> Callable[[], tuple[str, ...]]:
        return lambda: self.codes(office, key)

    def codes(self, office: str | None, key: str) -> tuple[str, ...]:
        if self._codes is None:
            if self._session.in_transaction():
                self._codes = self._listing(self._session)
            elif self._reread is not None:
                with self._reread() as session:
                    self._codes = self._listing(session)
            else:  # a closed session would quietly open a connection nobody closes
                raise RuntimeError("the report's reading has ended: pass reread to list codes")
        return self._codes.get((office, key), ())

    @staticmethod
    def list(session: Session, classified: tuple[str, list[Any]], params: dict[str, Any],
              where: str, verdicts: dict[str, str]) -> dict[tuple[str | None, str],
                                                            tuple[str, ...]]:  # fmt: skip
        found: dict[tuple[str | None, str], set[str]] = defaultdict(set)

        def add(office: str, key: str, code: str) -> None:
            for scope in (office, None):
                found[(scope, key)].add(code)
                for total, parts in DERIVED.items():
                    if key in parts:
                        found[(scope, total)].add(code)

        sql, binds = classified
        for office, arrival, outcome, dossier_id, code in session.execute(
                text(_LISTED.format(classified=sql)).bindparams(*binds), params):  # fmt: skip
            add(office, arrival, code)
            if outcome == "replay":
                add(office, verdicts[dossier_id], code)
            elif outcome is not None:
                add(office, outcome, code)
        acts = _ACTS.format(what="d.code", kinds=_kinds(), office=where, group="")
        for office, act, code in session.execute(text(acts), params):
            add(office, COUNTED_ACTS[act], code)
        return {k: tuple(sorted(v)) for k, v in found.items()}


def table_rows(report: ProvinceReport) -> Iterable[tuple[str, str, list[int]]]:
    """(office code, name, the form's columns (3)–(13)) per office, then the total."""
    for s in (*report.offices, report.total):
        yield s.key, s.label, [s.value(k) for k, _ in TABLE_COLUMNS]
