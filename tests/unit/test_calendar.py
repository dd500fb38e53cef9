"""Working days, sessions, due dates and the one early/on-time/late rule."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.calendar import (
    OFFICE_TZ,
    CalendarFileError,
    DayKind,
    DayOverride,
    OfficeHours,
    ProcessingTime,
    Session,
    Timeliness,
    TimeUnit,
    WorkingCalendar,
    parse_province_calendar,
)
from desktop.core.lifecycle import DomainError

CAL = WorkingCalendar()


def at(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=OFFICE_TZ)


def days(n: float | str) -> ProcessingTime:
    return ProcessingTime.days(n)


# --- the example the whole office relies on ---------------------------------------------------


def test_friday_afternoon_before_tet_five_days() -> None:
    due = CAL.due(at(2026, 2, 13, 16, 30), days(5))
    assert due.date == date(2026, 2, 27)
    assert due.session is Session.AFTERNOON
    assert due.deadline == at(2026, 2, 27, 17, 0)


def test_tet_2026_is_closed_monday_to_friday() -> None:
    assert [CAL.is_working_day(date(2026, 2, d)) for d in range(16, 21)] == [False] * 5
    assert CAL.is_working_day(date(2026, 2, 23))


@pytest.mark.parametrize(
    ("received", "n", "expected"),
    [
        (at(2026, 3, 2, 9), 1, date(2026, 3, 3)),  # Monday → Tuesday
        (at(2026, 3, 6, 9), 1, date(2026, 3, 9)),  # Friday → Monday (weekend skipped)
        (at(2026, 3, 6, 17, 30), 1, date(2026, 3, 10)),  # after closing: counts from Monday
        (at(2026, 3, 7, 10), 1, date(2026, 3, 10)),  # Saturday: counts from Monday
        (at(2026, 3, 8, 10), 3, date(2026, 3, 12)),  # Sunday: counts from Monday
        (at(2026, 4, 29, 10), 2, date(2026, 5, 5)),  # 30/4 and 1/5 are holidays
        (at(2026, 4, 24, 10), 1, date(2026, 4, 28)),  # Giỗ Tổ observed on Monday 27/4
        (at(2026, 8, 28, 10), 3, date(2026, 9, 7)),  # 31/8 swapped off, 1–2/9 National Day
        (at(2026, 12, 31, 10), 1, date(2027, 1, 4)),  # New Year's Day, then the weekend
        (at(2026, 2, 16, 10), 1, date(2026, 2, 24)),  # received during Tết: counts from 23/2
    ],
)
def test_appointment_date_is_nth_working_day_after_receipt(
    received: datetime, n: int, expected: date
) -> None:
    assert CAL.appointment_date(received, n) == expected


def test_make_up_saturday_from_the_government_swap_is_a_working_day() -> None:
    # 2026: Saturday 22/8 is worked to give Monday 31/8 off.
    assert CAL.is_working_day(date(2026, 8, 22))
    assert not CAL.is_working_day(date(2026, 8, 31))
    assert CAL.appointment_date(at(2026, 8, 21, 10), 1) == date(2026, 8, 22)


# --- sessions: half days and hours ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "expected_day", "session"),
    [
        (at(2026, 3, 2, 9), date(2026, 3, 2), Session.AFTERNOON),  # morning → same afternoon
        (at(2026, 3, 2, 7, 0), date(2026, 3, 2), Session.AFTERNOON),  # before opening: morning
        (at(2026, 3, 2, 12, 15), date(2026, 3, 3), Session.MORNING),  # lunch break: afternoon
        (at(2026, 3, 2, 15), date(2026, 3, 3), Session.MORNING),  # afternoon → next morning
        (at(2026, 3, 6, 15), date(2026, 3, 9), Session.MORNING),  # Friday pm → Monday am
        (at(2026, 2, 13, 15), date(2026, 2, 23), Session.MORNING),  # across Tết
        (at(2026, 3, 2, 17, 0), date(2026, 3, 3), Session.AFTERNOON),  # at closing: next day
    ],
)
def test_half_day(received: datetime, expected_day: date, session: Session) -> None:
    due = CAL.due(received, days("0.5"))
    assert (due.date, due.session) == (expected_day, session)
    close = time(11, 30) if session is Session.MORNING else time(17, 0)
    assert due.deadline == datetime.combine(expected_day, close, OFFICE_TZ)


def test_one_and_a_half_days_from_a_morning() -> None:
    due = CAL.due(at(2026, 3, 2, 9), days("1.5"))
    assert (due.date, due.session) == (date(2026, 3, 3), Session.AFTERNOON)


@pytest.mark.parametrize(
    ("received", "hours", "deadline"),
    [
        (at(2026, 3, 2, 8), 2, at(2026, 3, 2, 10)),
        (at(2026, 3, 2, 10), 2, at(2026, 3, 2, 14)),  # 1h30 before lunch, 30 min after
        (at(2026, 3, 2, 12), 1, at(2026, 3, 2, 14, 30)),  # lunch break: clock starts 13:30
        (at(2026, 2, 13, 16, 30), 4, at(2026, 2, 23, 11)),  # Friday before Tết
        (at(2026, 3, 2, 18), 8, at(2026, 3, 4, 8, 0)),  # a whole day is 7h30 of office hours
    ],
)
def test_hours(received: datetime, hours: int, deadline: datetime) -> None:
    due = CAL.due(received, ProcessingTime.hours(hours))
    assert due.deadline == deadline
    assert due.date == deadline.date()
    assert due.session is (
        Session.MORNING if deadline.time() <= time(11, 30) else Session.AFTERNOON
    )


@pytest.mark.parametrize("bad", ["-1", "0.3", "1.25"])
def test_processing_time_in_days_must_be_half_days(bad: str) -> None:
    with pytest.raises(DomainError):
        ProcessingTime.days(bad)


def test_zero_hours_and_a_cutoff_on_a_timed_procedure_are_refused() -> None:
    # 0 days is "trong ngày"; 0 hours means nothing.
    with pytest.raises(DomainError, match="lớn hơn 0"):
        ProcessingTime.hours(0)
    with pytest.raises(DomainError, match="trong ngày"):
        ProcessingTime(Decimal(1), TimeUnit.DAY, time(15))


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(DomainError, match="múi giờ"):
        CAL.due(datetime(2026, 3, 2, 9), days(1))


# --- office settings --------------------------------------------------------------------------


def test_office_hours_change_the_session_boundaries() -> None:
    cal = WorkingCalendar(
        OfficeHours(morning=(time(7), time(11)), afternoon=(time(13), time(16, 30)))
    )
    assert cal.receipt_slot(at(2026, 3, 2, 11, 15)).session is Session.AFTERNOON
    assert cal.due(at(2026, 3, 2, 9), days("0.5")).deadline == at(2026, 3, 2, 16, 30)


def test_bad_office_hours_are_refused() -> None:
    with pytest.raises(DomainError):
        OfficeHours(morning=(time(11), time(8)))


def test_saturday_morning_reception_opens_the_desk_but_counts_from_monday() -> None:
    cal = WorkingCalendar(OfficeHours(saturday_morning_reception=True))
    saturday = at(2026, 3, 7, 9)
    assert cal.is_open_for_reception(saturday)
    assert not CAL.is_open_for_reception(saturday)
    assert not cal.is_open_for_reception(at(2026, 3, 7, 14))
    assert cal.appointment_date(saturday, 1) == date(2026, 3, 10)


def test_six_day_working_week_setting() -> None:
    cal = WorkingCalendar(OfficeHours(working_weekdays=frozenset(range(6))))
    assert cal.appointment_date(at(2026, 3, 6, 9), 1) == date(2026, 3, 7)


# --- administrator's overrides --------------------------------------------------------------------


def test_overrides_add_days_off_and_make_up_days() -> None:
    cal = WorkingCalendar(
        overrides=[
            DayOverride(date(2026, 3, 3), DayKind.OFF, "Nghỉ theo quyết định của tỉnh"),
            DayOverride(date(2026, 3, 7), DayKind.WORK, "Làm bù"),
            DayOverride(date(2026, 2, 20), DayKind.WORK, "Trực Tết"),
        ]
    )
    assert cal.appointment_date(at(2026, 3, 2, 9), 1) == date(2026, 3, 4)
    assert cal.appointment_date(at(2026, 3, 6, 9), 1) == date(2026, 3, 7)
    assert cal.is_working_day(date(2026, 2, 20))  # an override beats the holiday table


def test_calendar_file_days_take_vietnamese_and_english_words() -> None:
    text = (
        "# ghi chú\n"
        "năm 2026\n"
        "2026-03-03 nghỉ  Nghỉ theo quyết định của tỉnh\n"
        "2026-03-07 làm   Làm bù  # trailing comment\n"
        "2026-03-14 work\n"
        "2026-03-16 OFF\n"
    )
    parsed = parse_province_calendar(text).days
    assert [(o.day.day, o.kind) for o in parsed] == [
        (3, DayKind.OFF),
        (7, DayKind.WORK),
        (14, DayKind.WORK),
        (16, DayKind.OFF),
    ]
    assert parsed[0].note == "Nghỉ theo quyết định của tỉnh"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("2026-03-03 nghỉ\n2026-13-01 nghỉ\n", 2),
        ("# ok\n\n2026-03-03\n", 3),
        ("2026-03-03 nghỉ\n2026-03-04 vắng\n", 2),
        ("03/03/2026 nghỉ\n", 1),
        ("2026-03-03 nghỉ\n2026-03-05 làm\n2026-03-03 làm\n", 3),
    ],
)
def test_a_bad_calendar_line_is_rejected_with_its_number(text: str, line: int) -> None:
    with pytest.raises(CalendarFileError) as err:  # the year line first: numbers move by one
        parse_province_calendar("năm 2026\n" + text, source="lich.txt")
    assert err.value.line_no == line + 1
    assert f"lich.txt, dòng {line + 1}:" in str(err.value)


def test_the_shipped_province_calendar_loads() -> None:
    from desktop.core.calendar import load_province_calendar
    from desktop.paths import default_calendar_file

    shipped = load_province_calendar(default_calendar_file())
    assert set(shipped.years) == {2026, 2027}


# --- the one rule for early / on time / late --------------------------------------------------


def test_standing_early_on_time_late() -> None:
    due = CAL.due(at(2026, 2, 13, 16, 30), days(5))  # 27/2 17:00
    assert CAL.standing(due, at(2026, 2, 13, 16, 45)).timeliness is Timeliness.EARLY
    # Across Tết only working days count: from Friday 13/2 to 27/2 is five of them.
    assert CAL.standing(due, at(2026, 2, 13, 16, 45)).working_days == 5
    assert CAL.standing(due, at(2026, 2, 26, 10)).working_days == 1
    assert CAL.standing(due, at(2026, 2, 27, 8)).timeliness is Timeliness.ON_TIME
    assert CAL.standing(due, due.deadline).timeliness is Timeliness.ON_TIME
    late_same_day = CAL.standing(due, due.deadline + timedelta(microseconds=1))
    assert (late_same_day.timeliness, late_same_day.working_days) == (Timeliness.LATE, 0)
    # Done on Monday 2/3: one working day late, not three calendar days.
    assert CAL.standing(due, at(2026, 3, 2, 9)).working_days == -1


def test_on_the_due_date_the_open_time_left_is_counted() -> None:
    """A "trong ngày" dossier received at 09:00 is due at 17:00: at 10:15 the officer has
    the rest of the morning (1 h 15) and the afternoon (3 h 30), not "0 days"."""
    due = CAL.due(at(2026, 3, 3, 9), ProcessingTime.same_day())
    assert due.deadline == at(2026, 3, 3, 17)
    standing = CAL.standing(due, at(2026, 3, 3, 10, 15))
    assert (standing.working_days, standing.open_time_left) == (0, timedelta(hours=4, minutes=45))
    # At lunch only the afternoon is left; the day before, whole days count instead.
    assert CAL.standing(due, at(2026, 3, 3, 12)).open_time_left == timedelta(hours=3, minutes=30)
    assert CAL.standing(due, at(2026, 3, 2, 10)).open_time_left == timedelta(0)
    # Hour-based: 4 open hours from Friday 16:00 run to Monday 10:30 across the weekend.
    hours = CAL.due(at(2026, 3, 6, 16), ProcessingTime.hours(4))
    assert CAL.standing(hours, at(2026, 3, 9, 8)).open_time_left == timedelta(hours=2, minutes=30)


def test_late_across_a_holiday_counts_working_days_only() -> None:
    due = CAL.due(at(2026, 2, 12, 9), days(1))  # Friday 13/2 morning
    standing = CAL.standing(due, at(2026, 2, 23, 9))
    assert standing.timeliness is Timeliness.LATE
    assert standing.working_days == -1


# --- properties over many moments --------------------------------------------------------------

moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 10, 31)).map(
    lambda d: d.replace(tzinfo=OFFICE_TZ, second=0, microsecond=0)
)


@settings(max_examples=300, deadline=None)
@given(received=moments, n=st.integers(min_value=1, max_value=30))
def test_whole_days_equal_the_nth_working_day_rule(received: datetime, n: int) -> None:
    slot = CAL.receipt_slot(received)
    due = CAL.due(received, days(n))
    assert due.date == CAL.nth_working_day_after(slot.day, n)
    assert due.session is slot.session
    assert CAL.is_working_day(due.date)
    assert due.date > received.date()
    assert CAL.working_days_between(slot.day, due.date) == n


@settings(max_examples=300, deadline=None)
@given(received=moments, halves=st.integers(min_value=1, max_value=20))
def test_due_moment_splits_on_time_from_late(received: datetime, halves: int) -> None:
    due = CAL.due(received, days(halves / 2))
    assert CAL.standing(due, due.deadline).timeliness is not Timeliness.LATE
    assert CAL.standing(due, due.deadline + timedelta(seconds=1)).timeliness is Timeliness.LATE
    assert CAL.standing(due, received).timeliness is not Timeliness.LATE
    # More time allowed never makes the due moment earlier.
    assert CAL.due(received, days((halves + 1) / 2)).deadline > due.deadline


def test_a_time_limit_is_written_with_a_decimal_comma() -> None:
    # Vietnamese papers write "0,5 ngày" (Mẫu 01 prints this label as the time by regulation).
    assert ProcessingTime.days("0.5").label_vi() == "0,5 ngày làm việc"
    assert ProcessingTime.days(10).label_vi() == "10 ngày làm việc"
    assert ProcessingTime.hours(8).label_vi() == "8 giờ làm việc"
