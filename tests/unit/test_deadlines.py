"""Deadline arithmetic across Tết 2026 and weekends, the supervisor's deadline buckets per
department, and the session pickups missed in a week with a holiday.

Tết 2026: the office closes Monday 16 to Friday 20 February; with the weekends either side
nothing is worked from Saturday 14 to Sunday 22 February. Offices work 07:30–11:30 and
13:30–17:00; each working day has a morning and an afternoon session.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from desktop.core.calendar import (
    OFFICE_TZ,
    DayKind,
    DayOverride,
    Due,
    ProcessingTime,
    Session,
    Standing,
    Timeliness,
    WorkingCalendar,
)
from desktop.services import dossiers as acts
from desktop.services import processing
from desktop.services.context import Actor, Desk
from desktop.services.deadlines import (
    AT_RECEPTION,
    Bucket,
    DeadlineRow,
    deadline_rows,
    deadline_summary,
)
from desktop.services.demo import ManualClock
from desktop.services.sessions import WorkSession, missed_sessions, record_pickup
from tests.conftest import OFFICE, OTHER_OFFICE, incoming

AM, PM = Session.MORNING, Session.AFTERNOON
TU_PHAP = "Phòng Tư pháp"
KINH_TE = "Phòng Kinh tế"


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=OFFICE_TZ)


def due(month: int, day: int, session: Session, hour: int, minute: int = 0) -> Due:
    return Due(date(2026, month, day), session, at(month, day, hour, minute))


@pytest.fixture
def cal(desk: Desk) -> WorkingCalendar:
    """The desk's own calendar: the public holidays and the office's overrides file."""
    return desk.calendar


# --- the calendar around Tết ---------------------------------------------------------------


def test_tet_2026_and_its_weekends_are_not_worked(cal: WorkingCalendar) -> None:
    days = [date(2026, 2, 13) + timedelta(days=n) for n in range(11)]  # Fri 13 … Mon 23
    assert [cal.is_working_day(d) for d in days] == [True] + [False] * 9 + [True]
    assert all(cal.holiday_name(date(2026, 2, d)) for d in range(16, 21))
    assert cal.holiday_name(date(2026, 2, 14)) is None  # a plain Saturday
    assert cal.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)
    assert cal.working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1
    assert cal.working_days_between(date(2026, 2, 23), date(2026, 2, 13)) == -1


@pytest.mark.parametrize(
    ("start", "end", "sessions"),
    [
        # Friday afternoon → Monday morning after Tết: one session boundary crossed
        # (Fri PM → Mon AM); the weekends and the five days of Tết count for nothing.
        (at(2, 13, 14), at(2, 23, 9), 1),
        (at(2, 13, 9), at(2, 23, 9), 2),  # Fri AM → Fri PM → Mon AM
        (at(2, 12, 9), at(2, 24, 15), 7),  # Thu AM … Tue PM: 12 AM/PM, 13 AM/PM, 23 AM/PM, 24
        (at(3, 6, 16), at(3, 9, 8), 1),  # an ordinary weekend
        # Within one session: nothing.
        (at(3, 2, 8), at(3, 2, 11), 0),
        (at(3, 2, 7, 30), at(3, 2, 11, 29), 0),
        (at(3, 2, 12), at(3, 2, 15), 0),  # the lunch break counts with the afternoon
        (at(3, 2, 11, 29), at(3, 2, 12), 1),
        # A pause that starts after closing (or on a day off) counts from the next session.
        (at(2, 13, 17, 30), at(2, 23, 9), 0),
        (at(2, 13, 17, 30), at(2, 23, 14), 1),
        (at(2, 18, 10), at(2, 23, 10), 0),  # asked on the third day of Tết
        (at(2, 14, 9), at(2, 24, 9), 2),  # asked on the Saturday: from Mon 23 AM
        (at(3, 2, 17, 0), at(3, 3, 7), 0),  # 17:00 is closing: Tuesday morning
    ],
)
def test_sessions_between_counts_the_working_sessions_crossed(
    cal: WorkingCalendar, start: datetime, end: datetime, sessions: int
) -> None:
    assert cal.sessions_between(start, end) == sessions


def test_an_administrators_make_up_saturday_and_day_off_change_the_count() -> None:
    plain = WorkingCalendar()
    swapped = WorkingCalendar(
        overrides=[
            DayOverride(date(2026, 2, 14), DayKind.WORK, "làm bù"),
            DayOverride(date(2026, 2, 23), DayKind.OFF, "nghỉ thêm"),
        ]
    )
    start, end = at(2, 13, 14), at(2, 24, 9)
    assert plain.sessions_between(start, end) == 3  # Fri PM → Mon AM → Mon PM → Tue AM
    assert swapped.sessions_between(start, end) == 3  # Fri PM → Sat AM → Sat PM → Tue AM
    # Back on Monday 23 at 10:00: one session for the plain calendar; for the swapped one
    # Monday is off, so Tuesday morning, across the make-up Saturday's two sessions.
    assert plain.sessions_between(start, at(2, 23, 10)) == 1
    assert swapped.sessions_between(start, at(2, 23, 10)) == 3
    assert plain.extend(due(2, 13, PM, 17), 1) == due(2, 23, AM, 11, 30)
    assert swapped.extend(due(2, 13, PM, 17), 1) == due(2, 14, AM, 11, 30)
    assert swapped.extend(due(2, 13, PM, 17), 3) == due(2, 24, AM, 11, 30)  # skips Mon 23


def test_due_dates_cross_tet_and_the_weekend(cal: WorkingCalendar) -> None:
    # Five working days from a Friday afternoon: the close of the next Friday afternoon.
    assert cal.due(at(2, 6, 14), ProcessingTime.days(5)) == due(2, 13, PM, 17)
    # Three working days from Thursday 12 February morning: Tết is skipped whole.
    assert cal.due(at(2, 12, 9), ProcessingTime.days(3)) == due(2, 24, AM, 11, 30)
    # Received after closing on the last day before Tết: counted from Monday 23 morning.
    assert cal.due(at(2, 13, 17, 30), ProcessingTime.days("0.5")) == due(2, 23, PM, 17)
    # Four open hours from Thursday 15:00: two that afternoon, two on Friday morning.
    assert cal.due(at(2, 12, 15), ProcessingTime.hours(4)) == due(2, 13, AM, 9, 30)


def test_extend_moves_a_due_across_tet_and_the_weekend(cal: WorkingCalendar) -> None:
    friday = due(2, 13, PM, 17)
    assert cal.extend(friday, 1) == due(2, 23, AM, 11, 30)
    assert cal.extend(friday, 2) == due(2, 23, PM, 17)
    assert cal.extend(friday, 3) == due(2, 24, AM, 11, 30)
    assert cal.extend(friday, 0) is friday and cal.extend(friday, -2) is friday
    assert cal.extend(cal.extend(friday, 2), 3) == cal.extend(friday, 5) == due(2, 25, AM, 11, 30)
    # A due in the morning of Thursday 12 February, ten sessions later: Thursday 26.
    assert cal.extend(due(2, 12, AM, 11, 30), 10) == due(2, 26, AM, 11, 30)


def test_extend_keeps_the_time_within_the_session_for_hour_based_dues(
    cal: WorkingCalendar,
) -> None:
    hours = cal.due(at(2, 12, 15), ProcessingTime.hours(4))  # Friday 13, 09:30
    assert hours == due(2, 13, AM, 9, 30)
    # Two hours before the morning's close stays two hours before the session's close.
    assert cal.extend(hours, 1) == due(2, 13, PM, 15)
    assert cal.extend(hours, 2) == due(2, 23, AM, 9, 30)
    assert cal.extend(hours, 3) == due(2, 23, PM, 15)
    # The afternoon is half an hour shorter: a due near the morning's opening lands on the
    # afternoon's opening, never before it.
    assert cal.extend(due(2, 13, AM, 7, 45), 1) == due(2, 13, PM, 13, 30)
    assert cal.extend(due(2, 13, PM, 13, 45), 1) == due(2, 23, AM, 8, 15)


def test_a_pause_across_tet_moves_a_due_by_exactly_the_sessions_waited(
    cal: WorkingCalendar,
) -> None:
    appointment = cal.due(at(2, 11, 9), ProcessingTime.days(5))  # Wed 11 AM + 10 sessions
    assert appointment == due(2, 25, AM, 11, 30)
    waited = cal.sessions_between(at(2, 12, 14), at(2, 24, 10))  # Thu 12 PM → Tue 24 AM
    assert waited == 5  # 12 PM → 13 AM → 13 PM → 23 AM → 23 PM → 24 AM
    assert cal.extend(appointment, waited) == due(2, 27, PM, 17)


@pytest.mark.parametrize(
    ("moment", "standing"),
    [
        (at(2, 13, 10), Standing(Timeliness.EARLY, 2)),  # 23 and 24 February still to come
        (at(2, 18, 10), Standing(Timeliness.EARLY, 2)),  # during Tết: no day used up
        (at(2, 23, 16), Standing(Timeliness.EARLY, 1)),
        (at(2, 24, 11, 30), Standing(Timeliness.ON_TIME, 0)),  # the due moment itself
        (at(2, 24, 11, 31), Standing(Timeliness.LATE, 0)),
        (at(2, 25, 9), Standing(Timeliness.LATE, -1)),
        (at(3, 2, 9), Standing(Timeliness.LATE, -4)),  # 25, 26, 27 February and 2 March
    ],
)
def test_standing_against_a_due_after_tet(
    cal: WorkingCalendar, moment: datetime, standing: Standing
) -> None:
    assert cal.standing(due(2, 24, AM, 11, 30), moment) == standing


# --- the supervisor's deadlines --------------------------------------------------------------


def code(letter: str) -> str:
    return f"{OFFICE}-HAN-{letter}"


def start(
    desk: Desk,
    officer: Actor,
    clock: ManualClock,
    letter: str,
    accepted: datetime,
    department: str | None = None,
    allotted_days: float | None = None,
) -> str:
    """Dossier ``letter`` accepted at ``accepted`` and, with a department, handed over an
    hour later."""
    clock.now = accepted
    dossier_id = acts.import_dossier(desk, incoming(code(letter), name=f"Công dân {letter}"))
    acts.accept_dossier(desk, officer, dossier_id.dossier_id)
    if department is not None:
        clock.now = accepted + timedelta(hours=1)
        processing.hand_over_batch(
            desk, officer, [dossier_id.dossier_id], department, "Chuyên viên", allotted_days
        )
    return dossier_id.dossier_id


def view(rows: list[DeadlineRow]) -> list[tuple[str, Bucket, int | None, str]]:
    return [(r.code[-1], r.bucket, r.working_days_left, r.department) for r in rows]


def test_deadline_buckets_per_department_as_the_clock_moves(
    desk: Desk, officer: Actor, supervisor: Actor, clock: ManualClock
) -> None:
    ids = {
        # Accepted Mon 23/2 08:00: due Mon 2/3 11:30.
        "A": start(desk, officer, clock, "A", at(2, 23, 8), TU_PHAP),
        # Accepted Thu 26/2 08:00: due Thu 5/3 11:30.
        "B": start(desk, officer, clock, "B", at(2, 26, 8), KINH_TE),
        # Accepted Mon 2/3 08:00: due Mon 9/3 11:30.
        "C": start(desk, officer, clock, "C", at(3, 2, 8), TU_PHAP),
        "E": start(desk, officer, clock, "E", at(3, 2, 8), TU_PHAP),
        # Accepted Thu 5/3 08:00: due Thu 12/3 11:30; D stays at the reception desk.
        "D": start(desk, officer, clock, "D", at(3, 5, 8)),
        # F's department has two working days of its own (to Mon 9/3 11:30); G has what
        # the dossier has left.
        "F": start(desk, officer, clock, "F", at(3, 5, 8), TU_PHAP, allotted_days=2),
        "G": start(desk, officer, clock, "G", at(3, 5, 8), KINH_TE),
    }
    clock.now = at(3, 3, 9)
    processing.request_supplement_in_processing(
        desk, officer, ids["E"], [acts.PaperProblem("Tờ khai", "wrong", "sai tên")], "Sai tên"
    )
    # Neither a dossier awaiting the check nor one with its result is being worked on.
    acts.import_dossier(desk, incoming(code("H")))
    done = start(desk, officer, clock, "I", at(3, 2, 8), TU_PHAP)
    processing.record_result_document(desk, officer, done, "1/QĐ-UBND")

    clock.now = at(3, 5, 9)  # Thursday morning
    rows = deadline_rows(desk, supervisor)
    assert view(rows) == [
        ("A", Bucket.OVERDUE, -3, TU_PHAP),  # 3, 4 and 5 March gone by
        ("B", Bucket.TODAY, 0, KINH_TE),
        ("C", Bucket.SOON, 2, TU_PHAP),  # 6 and 9 March left
        ("F", Bucket.SOON, 2, TU_PHAP),  # its step is due before the dossier (12/3)
        ("D", Bucket.LATER, 5, AT_RECEPTION),
        ("G", Bucket.LATER, 5, KINH_TE),  # the same dossier due as F, no step of its own
        ("E", Bucket.PAUSED, None, TU_PHAP),
    ]
    f = rows[3]
    assert f.due == due(3, 12, AM, 11, 30) and f.step_due == due(3, 9, AM, 11, 30)
    assert rows[5].step_due == rows[5].due == due(3, 12, AM, 11, 30)
    assert rows[4].step_due is None and rows[4].state.value == "accepted"
    assert (f.applicant, f.procedure) == ("Công dân F", "Đăng ký lại khai sinh")
    summary = deadline_summary(rows)
    assert list(summary) == sorted([AT_RECEPTION, KINH_TE, TU_PHAP])
    assert {dept: {b: n for b, n in counts.items() if n} for dept, counts in summary.items()} == {
        AT_RECEPTION: {Bucket.LATER: 1},
        KINH_TE: {Bucket.TODAY: 1, Bucket.LATER: 1},
        TU_PHAP: {Bucket.OVERDUE: 1, Bucket.SOON: 2, Bucket.PAUSED: 1},
    }
    assert all(set(counts) == set(Bucket) for counts in summary.values())
    assert [r.code[-1] for r in deadline_rows(desk, supervisor, department=TU_PHAP)] == [
        "A",
        "C",
        "F",
        "E",
    ]
    assert [r.code[-1] for r in deadline_rows(desk, supervisor, bucket=Bucket.SOON)] == ["C", "F"]
    assert deadline_rows(desk, supervisor, department=KINH_TE, bucket=Bucket.OVERDUE) == []
    stranger = Actor(supervisor.officer_id, "la", "Người lạ", supervisor.role, OTHER_OFFICE)
    assert deadline_rows(desk, stranger) == []

    clock.now = at(3, 9, 9)  # Monday morning, before 11:30
    assert view(deadline_rows(desk, supervisor)) == [
        ("A", Bucket.OVERDUE, -5, TU_PHAP),
        ("B", Bucket.OVERDUE, -2, KINH_TE),
        ("C", Bucket.TODAY, 0, TU_PHAP),
        ("F", Bucket.TODAY, 0, TU_PHAP),
        ("D", Bucket.LATER, 3, AT_RECEPTION),
        ("G", Bucket.LATER, 3, KINH_TE),
        ("E", Bucket.PAUSED, None, TU_PHAP),  # its old due (9/3) passes unnoticed
    ]

    clock.now = at(3, 9, 12)  # past 11:30: C and F's step overdue, F's dossier not
    # E's citizen supplements: waited from Tue 3/3 AM to Mon 9/3 PM, nine sessions.
    resumed = processing.record_supplement_in_processing(desk, officer, ids["E"])
    assert resumed.state.value == "in_processing"
    # F's department hands on, with what the dossier has left (to Thu 12/3).
    processing.hand_on(desk, officer, ids["F"], KINH_TE)
    rows = deadline_rows(desk, supervisor)
    assert view(rows) == [
        ("A", Bucket.OVERDUE, -5, TU_PHAP),
        ("B", Bucket.OVERDUE, -2, KINH_TE),
        ("C", Bucket.OVERDUE, 0, TU_PHAP),
        ("D", Bucket.LATER, 3, AT_RECEPTION),
        ("F", Bucket.LATER, 3, KINH_TE),
        ("G", Bucket.LATER, 3, KINH_TE),
        ("E", Bucket.LATER, 4, TU_PHAP),  # due 9/3 AM + 9 sessions: Fri 13/3 17:00
    ]
    e = rows[-1]
    assert e.due == e.step_due == due(3, 13, PM, 17)
    assert {dept: counts[Bucket.OVERDUE] for dept, counts in deadline_summary(rows).items()} == {
        AT_RECEPTION: 0,
        KINH_TE: 1,
        TU_PHAP: 2,
    }


def test_a_short_step_is_soon_before_its_dossier(
    desk: Desk, officer: Actor, supervisor: Actor, clock: ManualClock
) -> None:
    step = start(desk, officer, clock, "S", at(3, 2, 8), TU_PHAP, allotted_days=1)
    whole = start(desk, officer, clock, "W", at(3, 2, 8), TU_PHAP)
    clock.now = at(3, 2, 10)
    # The step: Mon 2/3 09:00 + 1 day = Tue 3/3 11:30, one working day away; the dossier
    # (and the twin without a step of its own) is due Mon 9/3, five working days away.
    rows = {r.dossier_id: r for r in deadline_rows(desk, supervisor)}
    assert (rows[step].bucket, rows[step].working_days_left) == (Bucket.SOON, 1)
    assert (rows[whole].bucket, rows[whole].working_days_left) == (Bucket.LATER, 5)
    assert rows[step].due == rows[whole].due == due(3, 9, AM, 11, 30)
    assert rows[step].step_due == due(3, 3, AM, 11, 30)
    clock.now = at(3, 3, 12)
    rows = {r.dossier_id: r for r in deadline_rows(desk, supervisor)}
    assert rows[step].bucket is Bucket.OVERDUE and rows[whole].bucket is Bucket.LATER


# --- session pickups (Đ12.8) -----------------------------------------------------------------


def test_missed_sessions_skip_a_holiday_week_s_days_off(
    desk: Desk, officer: Actor, clock: ManualClock
) -> None:
    # 27/4/2026 (Giỗ Tổ, observed), 30/4 and 1/5 are days off: only 28 and 29 April work.
    clock.now = at(5, 1, 10)
    record_pickup(desk, officer, WorkSession(date(2026, 4, 28), AM), ok=True, new_dossiers=2)
    record_pickup(
        desk,
        officer,
        WorkSession(date(2026, 4, 28), PM),
        ok=False,
        new_dossiers=0,
        message="mất mạng",
    )
    missed = missed_sessions(desk, date(2026, 4, 27))
    assert [m.label_vi() for m in missed] == [
        "buổi chiều 28/04/2026",
        "buổi sáng 29/04/2026",
        "buổi chiều 29/04/2026",
    ]
    assert missed_sessions(desk, date(2026, 4, 29), date(2026, 4, 29)) == missed[1:]


def test_missed_sessions_across_tet(desk: Desk, officer: Actor, clock: ManualClock) -> None:
    clock.now = at(2, 23, 8)  # Monday after Tết: the morning opened half an hour ago
    for session in (AM, PM):
        record_pickup(
            desk, officer, WorkSession(date(2026, 2, 12), session), ok=True, new_dossiers=0
        )
    assert missed_sessions(desk, date(2026, 2, 12)) == [
        WorkSession(date(2026, 2, 13), AM),
        WorkSession(date(2026, 2, 13), PM),
    ]
    clock.now = at(2, 23, 8, 30)  # open for an hour: now it counts
    assert missed_sessions(desk, date(2026, 2, 12))[-1] == WorkSession(date(2026, 2, 23), AM)
    assert len(missed_sessions(desk, date(2026, 2, 12))) == 3
    # A range ending in the future stops today; one inside Tết has nothing to miss.
    assert missed_sessions(desk, date(2026, 2, 14), date(2026, 2, 22)) == []
    assert missed_sessions(desk, date(2026, 2, 23), date(2026, 12, 31)) == [
        WorkSession(date(2026, 2, 23), AM)
    ]


def test_a_reappointed_dossier_is_overdue_once_its_first_appointment_has_passed(
    desk: Desk, officer: Actor, clock: ManualClock
) -> None:
    d = acts.import_dossier(desk, incoming())
    acts.accept_dossier(desk, officer, d.dossier_id)  # due Monday 9 March, 17:00
    processing.hand_over_batch(desk, officer, [d.dossier_id], "Phòng Tư pháp", "Lò Thị Hoa")
    clock.now = at(3, 6, 9)  # Friday: the apology goes out a working day before
    acts.reappoint(desk, officer, d.dossier_id, "Chờ xác minh", date(2026, 3, 13))
    (row,) = deadline_rows(desk, officer)
    assert row.bucket is Bucket.SOON and row.due is not None and row.due.date == date(2026, 3, 9)
    assert row.reappointed is not None and row.reappointed.date == date(2026, 3, 13)
    assert row.step_due == row.reappointed  # the department works to the new date
    clock.now = at(3, 10, 9)  # the first appointment has passed: late, as the law counts it
    (row,) = deadline_rows(desk, officer)
    assert row.bucket is Bucket.OVERDUE and row.working_days_left == -1
    assert deadline_rows(desk, officer, bucket=Bucket.OVERDUE) == [row]
    # Still being served: no fee is offered back (Đ10.3).
    assert processing.refundable_payments(desk, officer, d.dossier_id) == []
