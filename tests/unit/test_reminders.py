"""A supervisor's reminders: the reports falling due (Lai Châu Đ15) and the dossiers that
will be late this week, with fixed dates."""

from __future__ import annotations

from datetime import date

from desktop.services.context import Actor, Desk
from desktop.services.demo import ManualClock
from desktop.services.reminders import (
    desk_reminders,
    end_of_working_week,
    late_reminder,
    late_this_week,
    report_reminders,
)
from tests.unit.test_deadlines import KINH_TE, TU_PHAP, at, start


def test_the_months_report_is_due_before_the_20th() -> None:
    found = report_reminders(date(2026, 11, 14), within=7)
    assert [(r.period, r.due) for r in found] == [("2026-11", date(2026, 11, 19))]
    assert found[0].text_vi == "Báo cáo Tháng 11/2026 gửi trước ngày 20/11/2026 (còn 5 ngày)."
    assert report_reminders(date(2026, 11, 11), within=7) == []  # 8 days ahead: not yet
    assert report_reminders(date(2026, 11, 20), within=7) == []  # past: the next is 19/12


def test_a_quarters_last_month_and_the_year_come_together() -> None:
    found = report_reminders(date(2026, 12, 10), within=9)
    assert [(r.period, r.due) for r in found] == [
        ("2026", date(2026, 12, 14)),  # before 15 December
        ("2026-12", date(2026, 12, 19)),
        ("2026-Q4", date(2026, 12, 19)),  # before the 20th of the quarter's last month
    ]
    assert "hôm nay là hạn cuối" in report_reminders(date(2026, 12, 14), within=0)[0].text_vi
    # At the turn of the year the next year's January report is found.
    assert [r.period for r in report_reminders(date(2026, 12, 31), within=20)] == ["2027-01"]


def test_the_working_week_ends_on_friday_or_before_a_holiday(desk: Desk) -> None:
    cal = desk.calendar
    assert end_of_working_week(cal, date(2026, 3, 3)) == date(2026, 3, 6)  # Tue → Fri
    assert end_of_working_week(cal, date(2026, 2, 11)) == date(2026, 2, 13)  # Tết from 16/2
    assert end_of_working_week(cal, date(2026, 3, 7)) == date(2026, 3, 7)  # a Saturday
    assert late_reminder(0, date(2026, 3, 6)) is None


def test_the_dossiers_that_will_be_late_this_week(
    desk: Desk, officer: Actor, supervisor: Actor, clock: ManualClock
) -> None:
    start(desk, officer, clock, "A", at(2, 23, 8), TU_PHAP)  # due Mon 2/3: overdue
    start(desk, officer, clock, "B", at(2, 26, 8), KINH_TE)  # due Thu 5/3: this week
    start(desk, officer, clock, "D", at(3, 5, 8))  # due Thu 12/3: next week
    clock.now = at(3, 3, 9)  # Tuesday
    assert late_this_week(desk, supervisor) == (2, date(2026, 3, 6))
    found = desk_reminders(desk, supervisor)
    assert [(r.kind, r.count) for r in found] == [("late", 2)]  # no report due 3/3 … 10/3
    assert found[0].text_vi == ("2 hồ sơ đến hạn hoặc quá hạn đến hết ngày 06/03/2026 mà "
                                "chưa có kết quả.")  # fmt: skip
    clock.now = at(3, 13, 9)
    assert [r.period for r in desk_reminders(desk, supervisor) if r.kind == "report"] == [
        "2026-03", "2026-Q1"]  # fmt: skip
    assert desk_reminders(desk, officer) == []  # an officer has no reports to send
