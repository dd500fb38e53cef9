"""The figures of a period counted inside SQLite (GROUP BY over CASE expressions), the
dossiers behind each figure read only when someone asks for them.

The rules are those of ``counting`` (its docstring is the one place that says them);
this module only moves the arithmetic into the database. What SQL cannot know — the
working-day calendar — comes in as data: for every day a dossier can be due, the moment
before which one resolved in time was early (``WorkingCalendar.early_before``, in the
office's own time zone), in a temporary table; the department holding each dossier is
on its row (``held_by``, revision 0010); the open dossiers (a few thousand) still have
their clock replayed act by act (``counting._judge_open``). A figure's dossier codes come
from ``counting`` itself, on first demand (``Ledger``), so the drill-down and the
spreadsheet's dossier sheet show exactly what ``counting`` has always listed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.calendar import WorkingCalendar
from desktop.core.lifecycle import Act
from desktop.core.moments import utc_text
from desktop.core.report_periods import Period
from desktop.core.reports import DERIVED, Figure, Refusal, Section, section_id
from desktop.services.reports.counting import (
    COUNTED_ACTS,
    DEPARTMENT,
    RATINGS,
    Tally,
    _judge_open,
    _rows,
    department_name,
)
from desktop.store.models import ProcedureRow

Group = tuple[str, str]  # ("procedure", code) | ("department", name) | ("office", code)

# When a withdrawn or stopped dossier left (asked only of those few).
_GONE = """(SELECT min(a.at) FROM acts a WHERE a.dossier_id = d.id
             AND a.act IN ('withdraw', 'stop') AND a.at < :end)"""
# How a dossier came to be resolved in the period, and how it stood at the end, as small
# numbers (grouping on them is cheaper than on names; see ARRIVALS and OUTCOMES).
_ARRIVAL = f"""CASE WHEN d.received_at < :start THEN
           CASE WHEN d.state IN ('withdrawn', 'stopped') AND {_GONE} < :start THEN 0
                ELSE 1 END
         WHEN d.channel = 1 THEN 2
         WHEN d.channel = 3 THEN 3
         WHEN d.level = 4 THEN 4
         ELSE 5 END"""
_OUTCOME = f"""CASE WHEN d.resolved_at < :end THEN
           CASE WHEN coalesce(d.original_due_at, d.due_at) IS NULL
                  OR coalesce(d.original_due_date, d.due_date) IS NULL
                  OR coalesce(d.original_due_session, d.due_session, '') = '' THEN 2
                WHEN d.resolved_at > coalesce(d.original_due_at, d.due_at) THEN 3
                WHEN d.resolved_at < (SELECT e.early_before FROM temp.report_early e
                     WHERE e.due_day = coalesce(d.original_due_date, d.due_date)) THEN 1
                WHEN coalesce(d.original_due_date, d.due_date) > :judged_until THEN 1
                ELSE 2 END
         WHEN d.state IN ('withdrawn', 'stopped') AND {_GONE} IS NOT NULL THEN 0
         ELSE 4 END"""
ARRIVALS = {1: "carried_over", 2: "received.desk", 3: "received.post", 4: "received.online_l4",
            5: "received.online_l3"}  # fmt: skip
OUTCOMES = {1: "resolved.early", 2: "resolved.on_time", 3: "resolved.late"}
OPEN = 4
_HELD_AT_END = "(d.held_since IS NULL OR d.held_since < :end)"
_DUE_KNOWN = """coalesce(d.original_due_at, d.due_at) IS NOT NULL
       AND coalesce(d.original_due_date, d.due_date) IS NOT NULL
       AND coalesce(d.original_due_session, d.due_session, '') != ''"""
# The period's dossiers whose holder at the end is the one on their row (all but those
# handed on after it), one row per (procedure, holder): how many arrived each way, were
# resolved, late, early (on time is the rest), and the ids of those still open (their
# clock is replayed in Python). Grouped on the leading columns of
# ``ix_dossiers_office_report``, which holds every column read here, so SQLite counts
# as it walks the index and never sorts; each class is tested once per dossier, and the
# calendar's table is asked only for dossiers resolved by their appointment. The classes
# of ``_ARRIVAL`` and ``_OUTCOME`` (``test_reports_grouped`` checks every figure against
# the dossiers ``counting`` lists).
_TALLIES = f"""
SELECT d.procedure_code, d.held_by, count(*),
  count(CASE WHEN d.received_at < :start THEN 1 END),
  count(CASE WHEN d.received_at >= :start AND d.channel = 1 THEN 1 END),
  count(CASE WHEN d.received_at >= :start AND d.channel = 3 THEN 1 END),
  count(CASE WHEN d.received_at >= :start AND d.channel IS NOT 1 AND d.channel IS NOT 3
             AND d.level = 4 THEN 1 END),
  count(CASE WHEN d.resolved_at < :end THEN 1 END),
  count(CASE WHEN d.resolved_at < :end AND {_DUE_KNOWN}
             AND d.resolved_at > coalesce(d.original_due_at, d.due_at) THEN 1 END),
  count(CASE WHEN d.resolved_at < :end AND {_DUE_KNOWN}
             AND d.resolved_at <= coalesce(d.original_due_at, d.due_at)
             AND (coalesce(d.original_due_date, d.due_date) > :judged_until
                  OR d.resolved_at < (SELECT e.early_before FROM temp.report_early e
                     WHERE e.due_day = coalesce(d.original_due_date, d.due_date))) THEN 1 END),
  group_concat(CASE WHEN d.resolved_at < :end THEN NULL
                    WHEN d.state IN ('withdrawn', 'stopped') AND {_GONE} IS NOT NULL THEN NULL
                    ELSE d.id END, char(31))
FROM dossiers d
WHERE d.office_code = :office AND d.received_at < :end
  AND (d.resolved_at IS NULL OR d.resolved_at >= :start) AND {_HELD_AT_END}
  AND NOT (d.received_at < :start AND d.state IN ('withdrawn', 'stopped')
           AND {_GONE} < :start)
GROUP BY d.procedure_code, d.held_by
"""
# The period's dossiers, one row per (procedure, department, arrival, outcome) with the
# number of dossiers — except the ones still open at the end, one row each; ``{held}``
# says which: those handed on after the period's end (a few), whose holder at the end is
# looked up in their acts.
_DOSSIERS = f"""
SELECT procedure, department, arrival, outcome, open_id, count(*)
FROM (
  SELECT d.procedure_code AS procedure, {DEPARTMENT} AS department,
         {_ARRIVAL} AS arrival, {_OUTCOME} AS outcome,
         CASE WHEN d.resolved_at < :end THEN NULL
              WHEN d.state IN ('withdrawn', 'stopped') AND {_GONE} IS NOT NULL THEN NULL
              ELSE d.id END AS open_id  -- the outcome OPEN, said without judging the rest
  FROM dossiers d
  WHERE d.office_code = :office AND d.received_at < :end
    AND (d.resolved_at IS NULL OR d.resolved_at >= :start) AND {{held}}
) WHERE arrival > 0
GROUP BY 1, 2, 3, 4, 5
"""
HANDED_ON_LATER = f"NOT {_HELD_AT_END}"
# Early or on time, as the calendar says, for every day a dossier resolved in the period in
# time can be due (a month before the period to 400 days after it; one due later still was
# early): resolved before ``early_before`` was early. Put once per report into the
# connection's own temporary table.
_EARLY_TABLE = """CREATE TEMP TABLE IF NOT EXISTS report_early (
    due_day TEXT PRIMARY KEY, early_before TEXT) WITHOUT ROWID"""
# The period's acts by figure, a dossier counted once per figure; the rating read from the
# act's column and the dossier's procedure and department from ``ix_dossiers_id_report``
# (both indexes cover what is read here: no act's JSON, no dossier row).
_ACTS = f"""
SELECT procedure, department, act, rating, count(DISTINCT dossier_id) FROM (
  SELECT a.dossier_id, d.procedure_code AS procedure, {DEPARTMENT} AS department, a.act,
         CASE WHEN a.act = 'feedback' THEN a.rating END AS rating
  FROM acts a JOIN dossiers d ON d.id = a.dossier_id
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
  SELECT d.procedure_code AS procedure, {DEPARTMENT} AS department, p.kind, p.amount
  FROM payments p CROSS JOIN dossiers d ON d.id = p.dossier_id  -- payments first: fewer
  WHERE d.office_code = :office AND p.at >= :start AND p.at < :end
) GROUP BY 1, 2, 3
"""


# How much of the database file a report reads through a memory map (SQLite maps no more
# than the file). A year's report at 200,000 dossiers walks a 66 MB index and more, larger
# than the connection's 16 MiB page cache: read through the cache, every page is copied in
# by a system call each time; mapped, SQLite reads it in place (a year's report, median
# of ten: 0.92 s of CPU instead of 1.00 s).
REPORT_MAP_BYTES = 1 << 30


@contextmanager
def mapped_reads(session: Session) -> Iterator[None]:
    """The session's connection reads the file through a memory map while the report is
    counted, and as before afterwards (the mapping ends with the report, so the desk's
    other work keeps its memory and its way of reading)."""
    driver = session.connection().connection.driver_connection
    assert driver is not None
    before = driver.execute("PRAGMA mmap_size").fetchone()
    if before is None:  # a database in memory, or SQLite built without memory maps
        yield
        return
    driver.execute(f"PRAGMA mmap_size={REPORT_MAP_BYTES}")
    try:
        yield
    finally:
        driver.execute(f"PRAGMA mmap_size={int(before[0])}")


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


def count_sections(session: Session, calendar: WorkingCalendar, office: str, office_name: str,
                   period: Period, now: datetime,
                   read_codes: Callable[[], tuple[Section, list[Section], list[Section]]],
                   ) -> tuple[Section, list[Section], list[Section], list[Refusal]]:  # fmt: skip
    """The office's section and one per procedure and per department, counted in SQL;
    each figure's codes fetched through ``read_codes`` when first asked for."""
    end_dt = period.end(calendar.tz)
    bounds = {"office": office, "start": utc_text(period.start(calendar.tz)),
              "end": utc_text(end_dt)}  # fmt: skip
    counts: dict[Group, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def add(procedure: str, department: str, key: str, n: int) -> None:
        for group in (("office", office), ("procedure", procedure), ("department", department)):
            counts[group][key] += n

    open_ids: list[str] = []
    where: dict[str, tuple[str, str]] = {}
    params = {**bounds, "judged_until": _judge_early(session, calendar, period)}
    for procedure, held, n, carried, desk, post, l4, resolved, late, early, still_open in _rows(
            session, _TALLIES, params):  # fmt: skip
        department = department_name(held)
        for key, value in (("carried_over", carried), ("received.desk", desk),
                           ("received.post", post), ("received.online_l4", l4),
                           ("received.online_l3", n - carried - desk - post - l4),
                           ("resolved.early", early), ("resolved.late", late),
                           ("resolved.on_time", resolved - late - early)):  # fmt: skip
            if value:
                add(procedure, department, key, value)
        for dossier_id in still_open.split("\x1f") if still_open else ():
            open_ids.append(dossier_id)
            where[dossier_id] = (procedure, department)
    handed_later = _DOSSIERS.format(held=HANDED_ON_LATER)
    for procedure, held, arrival, outcome, dossier_id, n in _rows(session, handed_later, params):
        department = department_name(held)
        add(procedure, department, ARRIVALS[arrival], n)
        if outcome == OPEN:
            open_ids.append(dossier_id)
            where[dossier_id] = (procedure, department)
        elif outcome:
            add(procedure, department, OUTCOMES[outcome], n)
    tally = Tally()
    _judge_open(session, calendar, tally, sorted(open_ids), min(end_dt, now))
    for key in ("in_progress.on_time", "in_progress.overdue"):
        for dossier_id in tally.members.get(key, ()):
            add(*where[dossier_id], key, 1)
    kinds = ", ".join(f"'{k}'" for k in (*COUNTED_ACTS, Act.FEEDBACK.value))
    for procedure, held, act, rating, n in _rows(session, _ACTS.format(kinds=kinds), bounds):
        department = department_name(held)
        if act == Act.FEEDBACK.value:
            if rating in RATINGS:
                add(procedure, department, f"ratings.{rating}", n)
        else:
            add(procedure, department, COUNTED_ACTS[act], n)
    for procedure, held, kind, amount in _rows(session, _MONEY, bounds):
        department = department_name(held)
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


def _judge_early(session: Session, calendar: WorkingCalendar, period: Period) -> str:
    """Fill ``temp.report_early``; the last due day it holds."""
    first, last = period.first - timedelta(days=31), period.last + timedelta(days=400)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    _rows(session, _EARLY_TABLE, ())
    driver = session.connection().connection.driver_connection
    assert driver is not None
    driver.execute("DELETE FROM temp.report_early")
    moments = [(d.isoformat(), utc_text(calendar.early_before(d))) for d in days]
    driver.executemany("INSERT INTO temp.report_early VALUES (?, ?)", moments)
    return last.isoformat()


def _fetcher(ledger: Ledger, section: str, key: str) -> Callable[[], tuple[str, ...]]:
    return lambda: ledger.codes(section, key)


__all__: list[Any] = ["Ledger", "count_sections", "mapped_reads"]
