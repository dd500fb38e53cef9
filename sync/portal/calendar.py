"""Lịch làm việc của tỉnh on the portal — holidays, swaps and office hours, versioned.

The portal owns the province calendar; desks pull it (``GET …/calendar``, fetched again
when ``calendar_version`` in the change feed moves) and count days by it, and the portal
counts the paused clock by the same calendar, so both compute the same due dates. Every
edit moves the version (``portal_meta`` row ``calendar_version``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from desktop.core.calendar import (
    MAX_CALENDAR_NOTE,
    DayKind,
    DayOverride,
    OfficeHours,
    ProvinceCalendar,
    WorkingCalendar,
    load_province_calendar,
    parse_span,
    span_text,
)
from desktop.core.lifecycle import DomainError
from desktop.paths import default_calendar_file
from sync.portal.models import CalendarDay, CalendarYear, Meta, OfficeHoursRow, PortalOffice

VERSION_KEY = "calendar_version"


def calendar_version(session: Session) -> int:
    return int(session.scalar(select(Meta.int_value).where(Meta.key == VERSION_KEY)) or 0)


def _bump(session: Session) -> int:
    if session.get(Meta, VERSION_KEY) is None:
        session.add(Meta(key=VERSION_KEY, text_value="", int_value=0))
        session.flush()
    session.execute(
        update(Meta).where(Meta.key == VERSION_KEY).values(int_value=Meta.int_value + 1)
    )
    return calendar_version(session)


def province_calendar(session: Session, office_code: str | None = None) -> ProvinceCalendar:
    """The calendar as stored (the hours of ``office_code`` only, or of every office)."""
    years = {y.year: y.note for y in session.scalars(select(CalendarYear))}
    days = tuple(
        DayOverride(d.day, DayKind(d.kind), d.note, d.source)
        for d in session.scalars(select(CalendarDay).order_by(CalendarDay.day))
    )
    rows = select(OfficeHoursRow)
    if office_code is not None:
        rows = rows.where(OfficeHoursRow.office_code == office_code)
    hours = {h.office_code: (parse_span(h.morning), parse_span(h.afternoon))
             for h in session.scalars(rows)}  # fmt: skip
    return ProvinceCalendar(years, days, hours, calendar_version(session))


def working_calendar(session: Session, office_code: str) -> WorkingCalendar:
    """The office's working calendar, as its desks build it from what they pull: a portal
    that has loaded no calendar counts by the one shipped with the desk, as they do."""
    province = province_calendar(session, office_code)
    if not province.years:
        province = load_province_calendar(default_calendar_file())
    return WorkingCalendar(province.office_hours(office_code), province=province)


def load(session: Session, loaded: ProvinceCalendar) -> int:
    """Replace the years ``loaded`` declares (their days wholly) and set its office hours."""
    for office in loaded.hours:
        _office(session, office)
    for year, note in loaded.years.items():
        in_year = CalendarDay.day.between(date(year, 1, 1), date(year, 12, 31))
        session.execute(delete(CalendarDay).where(in_year))
        session.merge(CalendarYear(year=year, note=note))
    for d in loaded.days:
        session.add(CalendarDay(day=d.day, kind=d.kind.value, note=d.note, source=d.source))
    for office, (morning, afternoon) in loaded.hours.items():
        session.merge(OfficeHoursRow(office_code=office, morning=span_text(morning),
                                     afternoon=span_text(afternoon)))  # fmt: skip
    session.flush()
    return _bump(session)


def set_day(session: Session, day: date, kind: DayKind, note: str, source: str = "") -> int:
    """Declare one day off or worked, in a year the calendar already declares."""
    if session.get(CalendarYear, day.year) is None:
        raise DomainError(f"năm {day.year} chưa có lịch trên cổng: nạp lịch của năm bằng "
                          "“motcua portal calendar load --file TỆP” trước")  # fmt: skip
    if not note.strip():
        raise DomainError("cần --note: lý do và văn bản (ví dụ “Nghỉ bù theo Thông báo số …”)")
    if len(note) > MAX_CALENDAR_NOTE or len(source) > MAX_CALENDAR_NOTE:
        raise DomainError(f"ghi chú hoặc nguồn dài quá {MAX_CALENDAR_NOTE} ký tự")
    session.merge(CalendarDay(day=day, kind=kind.value, note=note.strip(), source=source.strip()))
    session.flush()
    return _bump(session)


def set_hours(session: Session, office_code: str, morning: str, afternoon: str) -> int:
    _office(session, office_code)
    m, a = parse_span(morning), parse_span(afternoon)
    OfficeHours(m, a)  # the sessions must not overlap
    session.merge(OfficeHoursRow(office_code=office_code, morning=span_text(m),
                                 afternoon=span_text(a)))  # fmt: skip
    session.flush()
    return _bump(session)


def _office(session: Session, code: str) -> None:
    if session.get(PortalOffice, code) is None:
        raise DomainError(f"không có cơ quan mã {code} trên cổng")
