"""Due dates across the 2026 and 2027 schedules, with the province calendar the desk ships.

Each expected date says where it comes from: the notice number (docs/LEGAL.md §3.1) or
"computed: lunar calendar" for 2027, whose schedule is not yet published (LEGAL.md §3.2).
Office hours are the defaults (07:30–11:30, 13:30–17:00) unless a case says otherwise.
"""

from __future__ import annotations

from datetime import date, datetime, time

import holidays
import pytest

from desktop.core.calendar import (
    OFFICE_TZ,
    DayKind,
    OfficeHours,
    ProcessingTime,
    ProvinceCalendar,
    Session,
    WorkingCalendar,
    load_province_calendar,
    parse_province_calendar,
)
from desktop.core.lifecycle import DomainError
from desktop.paths import default_calendar_file

PROVINCE = load_province_calendar(default_calendar_file())
CAL = WorkingCalendar(province=PROVINCE)
AM, PM = Session.MORNING, Session.AFTERNOON


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=OFFICE_TZ)


def days(n: float | str) -> ProcessingTime:
    return ProcessingTime.days(n)


CASES = [
    # --- Tết Dương lịch 2026: 1–4/1 off, Friday 2/1 swapped for Saturday 10/1
    #     (Văn bản 12729/VPCP-KGVX ngày 25/12/2025)
    (at(2025, 12, 31), days(2), date(2026, 1, 6), AM),  # 12729/VPCP-KGVX (old code: 05/01)
    (at(2025, 12, 31), days(1), date(2026, 1, 5), AM),  # 12729/VPCP-KGVX: 1/1, 2/1 off
    (at(2026, 1, 9), days(1), date(2026, 1, 10), AM),  # 12729/VPCP-KGVX: Sat 10/1 worked
    (at(2026, 1, 2, 9), days(1), date(2026, 1, 6), AM),  # 12729/VPCP-KGVX: 2/1 off → from 5/1
    (at(2026, 1, 10, 9), days(1), date(2026, 1, 12), AM),  # 12729/VPCP-KGVX: received on 10/1
    (at(2026, 1, 9, 17, 30), days(1), date(2026, 1, 12), AM),  # after hours → from Sat 10/1
    (at(2026, 1, 9, 15), days("0.5"), date(2026, 1, 10), AM),  # half day → Sat 10/1 morning
    (at(2025, 12, 31, 14), days("0.5"), date(2026, 1, 5), AM),  # 12729/VPCP-KGVX: half day
    # --- Tết Nguyên đán Bính Ngọ 2026: 16–20/2 off (Thông báo 9441/TB-BNV ngày 16/10/2025)
    (at(2026, 2, 13, 16, 30), days(5), date(2026, 2, 27), PM),  # 9441/TB-BNV
    (at(2026, 2, 12), days(2), date(2026, 2, 23), AM),  # 9441/TB-BNV: 13/2 then 23/2
    (at(2026, 2, 17, 9), days(1), date(2026, 2, 24), AM),  # 9441/TB-BNV: mùng 1 → from 23/2
    # --- Giỗ Tổ Hùng Vương 2026: Sunday 26/4 → Monday 27/4 off (BLLĐ 2019 Đ112; LEGAL.md [H6])
    (at(2026, 4, 24), days(1), date(2026, 4, 28), AM),  # Đ112 + [H6]
    # --- 30/4 – 1/5/2026: Thursday and Friday (BLLĐ 2019 Đ112; LEGAL.md [H6])
    (at(2026, 4, 29, 15), days(1), date(2026, 5, 4), PM),  # Đ112: 30/4, 1/5, weekend
    (at(2026, 4, 29), days(2), date(2026, 5, 5), AM),  # Đ112
    # --- Quốc khánh 2026: 29/8 – 2/9, Monday 31/8 swapped for Saturday 22/8
    #     (5 days: LEGAL.md [H6][H5]; the swap dates as in LEGAL.md §3.1)
    (at(2026, 8, 21), days(1), date(2026, 8, 22), AM),  # make-up Saturday 22/8
    (at(2026, 8, 22, 9), days(1), date(2026, 8, 24), AM),  # received on the make-up Saturday
    (at(2026, 8, 28), days(1), date(2026, 9, 3), AM),  # 31/8, 1/9, 2/9 off
    (at(2026, 8, 28), days(3), date(2026, 9, 7), AM),  # [H6]: 5 days off
    # --- weekends and 24/11/2026 (not a day off: no notice found, LEGAL.md §3.1)
    (at(2026, 1, 11), days(1), date(2026, 1, 13), AM),  # Sunday → from Monday 12/1
    (at(2026, 11, 23), days(1), date(2026, 11, 24), AM),  # LEGAL.md §3.1: 24/11 worked
    # --- 11:45, between the sessions: counts as received in the afternoon
    (at(2026, 1, 5, 11, 45), days(1), date(2026, 1, 6), PM),  # session rule (calendar.py)
    # --- 2027, not yet published: computed: lunar calendar (mùng 1 Tết = Sat 6/2/2027)
    (at(2027, 2, 3), days(1), date(2027, 2, 11), AM),  # computed: lunar calendar, 4–10/2 off
    (at(2027, 2, 5, 9), days(1), date(2027, 2, 12), AM),  # computed: lunar calendar
    (at(2027, 2, 1), days(5), date(2027, 2, 15), AM),  # computed: lunar calendar
    (at(2027, 4, 15), days(1), date(2027, 4, 19), AM),  # computed: lunar calendar, 10/3 = 16/4
    (at(2027, 4, 29), days(1), date(2027, 5, 4), AM),  # computed: Đ112, 1/5 Sat → 3/5 off
    (at(2027, 9, 1), days(1), date(2027, 9, 6), AM),  # computed: Đ112, 2/9 + 3/9 off
    (at(2026, 12, 31), days(1), date(2027, 1, 4), AM),  # Đ112: 1/1/2027 Friday
]


@pytest.mark.parametrize(("received", "processing", "expected", "session"), CASES)
def test_due_date(
    received: datetime, processing: ProcessingTime, expected: date, session: Session
) -> None:
    due = CAL.due(received, processing)
    assert (due.date, due.session) == (expected, session)
    close = time(11, 30) if session is AM else time(17, 0)
    assert due.deadline == datetime.combine(expected, close, OFFICE_TZ)


@pytest.mark.parametrize(
    ("received", "hours", "deadline"),
    [
        # 16:00–17:00 on Friday 9/1, then Saturday 10/1 (12729/VPCP-KGVX) from 07:30
        (at(2026, 1, 9, 16), 4, at(2026, 1, 10, 10, 30)),
        # 9441/TB-BNV: Friday 13/2 16:30–17:00, then Monday 23/2 from 07:30
        (at(2026, 2, 13, 16, 30), 4, at(2026, 2, 23, 11)),
        # computed: lunar calendar — Wednesday 3/2/2027 15:00–17:00, then Thursday 11/2
        (at(2027, 2, 3, 15), 3, at(2027, 2, 11, 8, 30)),
    ],
)
def test_hours(received: datetime, hours: int, deadline: datetime) -> None:
    assert CAL.due(received, ProcessingTime.hours(hours)).deadline == deadline


@pytest.mark.parametrize(
    ("received", "cutoff", "expected"),
    [
        (at(2026, 1, 9, 14, 59), time(15), date(2026, 1, 9)),  # before the cut-off: same day
        (at(2026, 1, 9, 15, 0), time(15), date(2026, 1, 10)),  # 12729/VPCP-KGVX: Sat 10/1
        (at(2026, 1, 8, 15, 30), time(16), date(2026, 1, 8)),  # the procedure's later cut-off
        (at(2026, 1, 8, 7, 0), time(15), date(2026, 1, 8)),  # before opening: that day
        (at(2026, 2, 16, 9), time(15), date(2026, 2, 23)),  # 9441/TB-BNV: Tết → 23/2
        (at(2027, 2, 3, 15, 30), time(15), date(2027, 2, 11)),  # computed: lunar calendar
        (at(2026, 1, 10, 9), time(15), date(2026, 1, 10)),  # on the make-up Saturday
        (at(2026, 1, 11, 9), time(15), date(2026, 1, 12)),  # Sunday → Monday
    ],
)
def test_within_the_day(received: datetime, cutoff: time, expected: date) -> None:
    due = CAL.due(received, ProcessingTime.same_day(cutoff))
    assert (due.date, due.session) == (expected, PM)
    assert due.deadline == datetime.combine(expected, time(17), OFFICE_TZ)


def test_within_the_day_defaults_to_a_15_00_cut_off_and_says_so() -> None:
    same_day = ProcessingTime.days(0)
    assert same_day.cutoff == time(15)
    assert same_day.label_vi() == "trong ngày (nhận trước 15:00)"


def test_province_office_hours_move_every_deadline() -> None:
    # A commune office working 07:00–11:00 and 13:00–16:30, set on the portal.
    commune = parse_province_calendar(
        "năm 2026\n2026-01-02 nghỉ bù | 12729/VPCP-KGVX\ngiờ XA-1 07:00-11:00 13:00-16:30\n"
    )
    cal = WorkingCalendar(commune.office_hours("XA-1"), province=commune)
    assert cal.due(at(2026, 1, 5, 9), days("0.5")).deadline == at(2026, 1, 5, 16, 30)
    # 11:15 is after its morning session: counted in the afternoon.
    assert cal.due(at(2026, 1, 5, 11, 15), days(1)).deadline == at(2026, 1, 6, 16, 30)
    assert cal.due(at(2026, 1, 5, 15, 30), ProcessingTime.same_day()).date == date(2026, 1, 6)


def test_the_holidays_package_alone_gets_the_new_year_swap_wrong() -> None:
    # What the desk counted before the province calendar (the wrong dates officers reported).
    package_only = WorkingCalendar()
    assert package_only.appointment_date(at(2025, 12, 31), 2) == date(2026, 1, 5)
    assert package_only.appointment_date(at(2026, 1, 9), 1) == date(2026, 1, 12)


def _weekday_days_off(cal: WorkingCalendar, year: int) -> set[date]:
    day, found = date(year, 1, 1), set()
    while day.year == year:
        if day.weekday() < 5 and not cal.is_working_day(day):
            found.add(day)
        day = date.fromordinal(day.toordinal() + 1)
    return found


def test_the_shipped_calendar_against_the_holidays_package() -> None:
    """Every 2026 and 2027 day off checked against holidays 0.109; the differences are the
    ones LEGAL.md lists, and nothing else."""
    assert holidays.__version__ == "0.109"  # pinned in pyproject.toml
    package_only = WorkingCalendar()
    for year, ours_only, package_only_days, package_saturdays in [
        # 2/1/2026 off by 12729/VPCP-KGVX (the package lacks it); 24/11 off only in the package
        (2026, {date(2026, 1, 2)}, {date(2026, 11, 24)}, {date(2026, 8, 22)}),
        (2027, set(), {date(2027, 11, 24)}, set()),
    ]:
        ours, theirs = _weekday_days_off(CAL, year), _weekday_days_off(package_only, year)
        assert ours - theirs == ours_only
        assert theirs - ours == package_only_days
        worked_saturdays = {d for d in PROVINCE.days if d.kind is DayKind.WORK
                            and d.day.year == year}  # fmt: skip
        expected = package_saturdays | ({date(2026, 1, 10)} if year == 2026 else set())
        assert {d.day for d in worked_saturdays} == expected


def test_every_day_of_the_shipped_calendar_names_its_source() -> None:
    assert all(d.note and d.source for d in PROVINCE.days)
    assert "chưa có thông báo chính thức" in PROVINCE.years[2027]


def test_a_year_the_calendar_does_not_declare_falls_back_to_the_package() -> None:
    assert not CAL.is_working_day(date(2028, 1, 26))  # Tết 2028 (computed by the package)
    assert CAL.holiday_name(date(2026, 1, 2)) == "Nghỉ bù Tết Dương lịch (đổi với thứ Bảy 10/01)"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("năm 2026\n2027-01-01 nghỉ Tết\n", 2, "chưa khai báo"),
        ("năm 26\n", 1, "năm “26”"),
        ("năm 2026\ngiờ XA 07:30-11:30\n", 2, "giờ MÃ_CQ"),
        ("năm 2026\ngiờ XA 07:30-11:30 11:00-17:00\n", 2, "Giờ làm việc không hợp lệ"),
        ("năm 2026\ngiờ XA 7:30-11:30 13:30-17:00\n", 2, "HH:MM-HH:MM"),
        ("năm 2026\n2026-01-02 nghỉ a\n2026-01-02 làm b\n", 3, "khai báo khác"),
        ("# chỉ có ghi chú\n", 1, "không khai báo năm"),
        ("năm 2026\n2026-01-02 nghỉ " + "x" * 501 + "\n", 2, "dài quá 500"),
    ],
)
def test_a_bad_calendar_file_is_refused_naming_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(DomainError) as err:
        parse_province_calendar(text, "lich.txt")
    assert f"lich.txt, dòng {line}:" in str(err.value)
    assert words in str(err.value)


def test_the_calendar_round_trips_through_its_wire_form() -> None:
    again = ProvinceCalendar.from_dict(PROVINCE.to_dict())
    assert again == PROVINCE
    with pytest.raises(DomainError, match="không hợp lệ"):
        ProvinceCalendar.from_dict({"years": [{"year": "x"}], "days": []})


def test_saturday_reception_is_closed_on_a_declared_holiday_saturday() -> None:
    cal = WorkingCalendar(OfficeHours(saturday_morning_reception=True), province=PROVINCE)
    assert not cal.is_open_for_reception(at(2027, 5, 1, 9))  # 1/5/2027 is a Saturday
    assert cal.is_open_for_reception(at(2027, 5, 8, 9))
