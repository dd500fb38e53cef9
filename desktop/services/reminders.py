"""Nhắc việc cho lãnh đạo — what a supervisor should not miss this week, shown in the window:

* a periodic report falling due within the next days (Lai Châu Đ15: the month's before the
  20th, the quarter's before the 20th of its last month, the year's before 15 December —
  ``Period.due_date``, the last day allowed);
* the dossiers that will be late this week: being worked on, not resolved, and due (by the
  appointment they were accepted with) on or before the last working day of this week —
  those already overdue included. A dossier waiting on the citizen is not counted: its
  clock stands still.

``report_reminders`` is pure (dates in, reminders out); ``desk_reminders`` reads the desk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from desktop.core.calendar import WorkingCalendar
from desktop.core.report_periods import Period, PeriodRule, parse_period
from desktop.services.context import Actor, Desk
from desktop.services.deadlines import WORKED_ON
from desktop.store.models import Dossier

REPORT_DAYS = 7  # how far ahead a report falling due is announced


@dataclass(frozen=True)
class Reminder:
    kind: str  # "report" | "late"
    text_vi: str
    period: str | None = None  # the report's period ("2026-11", "2026-Q4", "2026")
    due: date | None = None  # the report's last day, or the end of the working week
    count: int = 0  # dossiers that will be late


def _periods_of(today: date, rule: PeriodRule) -> list[Period]:
    """The reports whose due date can fall from ``today`` on: this month's, the next
    month's, their quarters' and this year's and the next's."""
    months = [(today.year, today.month), (today.year + today.month // 12, today.month % 12 + 1)]
    texts = {f"{y}-{m:02d}" for y, m in months} | {f"{y}-Q{(m - 1) // 3 + 1}" for y, m in months}
    texts |= {str(today.year), str(today.year + 1)}
    return [parse_period(t, rule) for t in sorted(texts)]


def report_reminders(today: date, within: int = REPORT_DAYS,
                     rule: PeriodRule = PeriodRule.CUTOFF_15) -> list[Reminder]:  # fmt: skip
    """The reports due from ``today`` to ``within`` days later, soonest first."""
    found = []
    for period in _periods_of(today, rule):
        due = period.due_date
        if today <= due <= today + timedelta(days=within):
            left = (due - today).days
            when = "hôm nay là hạn cuối" if left == 0 else f"còn {left} ngày"
            found.append(Reminder("report", f"Báo cáo {period.name_vi} gửi trước ngày "
                                  f"{due + timedelta(days=1):%d/%m/%Y} ({when}).",
                                  period.text, due))  # fmt: skip
    kinds = {"month": 0, "quarter": 1, "year": 2}
    return sorted(found, key=lambda r: (r.due or today, kinds[_kind(r.period)]))


def _kind(text: str | None) -> str:
    return "year" if text and "-" not in text else "quarter" if text and "Q" in text else "month"


def end_of_working_week(calendar: WorkingCalendar, today: date) -> date:
    """The last working day from ``today`` to Sunday (``today`` itself if none is left)."""
    sunday = today + timedelta(days=6 - today.weekday())
    day = sunday
    while day > today and not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def late_reminder(count: int, week_end: date) -> Reminder | None:
    if count == 0:
        return None
    return Reminder("late", f"{count} hồ sơ đến hạn hoặc quá hạn đến hết ngày "
                    f"{week_end:%d/%m/%Y} mà chưa có kết quả.", None, week_end, count)  # fmt: skip


def late_this_week(desk: Desk, actor: Actor) -> tuple[int, date]:
    """How many of the office's dossiers being worked on are due by the working week's end."""
    today = desk.now().astimezone(desk.calendar.tz).date()
    week_end = end_of_working_week(desk.calendar, today)
    due_day = func.coalesce(Dossier.original_due_date, Dossier.due_date)
    running = [s.value for s in WORKED_ON if not s.is_paused]
    with desk.store.read() as session:
        count = session.scalar(
            select(func.count()).select_from(Dossier)
            .where(Dossier.office_code == actor.office_code, Dossier.state.in_(running),
                   due_day.is_not(None), due_day <= week_end))  # fmt: skip
    return int(count or 0), week_end


def desk_reminders(desk: Desk, actor: Actor, within: int = REPORT_DAYS) -> list[Reminder]:
    """A supervisor's reminders now (nobody else gets any: the reports are theirs)."""
    if not actor.is_supervisor:
        return []
    from desktop.services.reports import report_rule

    today = desk.now().astimezone(desk.calendar.tz).date()
    late = late_reminder(*late_this_week(desk, actor))
    return [*report_reminders(today, within, report_rule(desk)), *([late] if late else [])]
