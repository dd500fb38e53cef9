"""Lịch làm việc — working days, office sessions, due dates and the one "late" rule.

Rules, in one place (public systems got them wrong by having two):

* A *working day* is a day of the office's working week (Monday–Friday by default) that is
  not a public holiday (the ``holidays`` package, country VN), plus the government's
  make-up working days, then the administrator's overrides (extra days off, make-up days).
* Each working day has two sessions (buổi): morning and afternoon, 07:30–11:30 and
  13:30–17:00 by default. A dossier received before the morning session closes counts as
  received in the morning; before the afternoon closes, in the afternoon; after closing
  or on a day that is not a working day, in the first session of the next working day.
  Saturday-morning reception (a setting) opens the desk but does not make Saturday a
  working day: what is received then counts from the next working day.
* Processing time in days is counted in sessions: N days = 2N sessions after the receipt
  session. So the appointment date is the N-th working day after the day of receipt
  (the day of receipt is not counted), due by the close of the session matching the
  receipt session; 0.5 day means a morning receipt is due that afternoon and an
  afternoon receipt the next morning. Processing time in hours is counted in open hours.
* ``standing`` is the only judge of early / on time / late: late means after the due
  moment; early means done on a working day before the due date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays

from desktop.core.lifecycle import DomainError

OFFICE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class Session(StrEnum):
    """Buổi làm việc."""

    MORNING = "morning"
    AFTERNOON = "afternoon"

    @property
    def label_vi(self) -> str:
        return "buổi sáng" if self is Session.MORNING else "buổi chiều"


class Timeliness(StrEnum):
    EARLY = "early"  # Trước hạn
    ON_TIME = "on_time"  # Đúng hạn
    LATE = "late"  # Trễ hạn

    @property
    def label_vi(self) -> str:
        return {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Trễ hạn"}[self.value]


class TimeUnit(StrEnum):
    DAY = "day"
    HOUR = "hour"


@dataclass(frozen=True)
class ProcessingTime:
    """Thời hạn giải quyết: working days (in steps of half a day) or working hours."""

    amount: Decimal
    unit: TimeUnit = TimeUnit.DAY

    def __post_init__(self) -> None:
        if self.amount <= 0:
            raise DomainError(f"Thời hạn giải quyết phải lớn hơn 0 (nhận được {self.amount}).")
        if self.unit is TimeUnit.DAY and (self.amount * 2) % 1 != 0:
            raise DomainError(
                f"Thời hạn tính theo ngày phải là bội của nửa ngày (nhận được {self.amount})."
            )
        if self.unit is TimeUnit.HOUR and self.amount % 1 != 0:
            raise DomainError(f"Thời hạn tính theo giờ phải là số giờ nguyên ({self.amount}).")

    @classmethod
    def days(cls, amount: float | int | str | Decimal) -> ProcessingTime:
        return cls(Decimal(str(amount)), TimeUnit.DAY)

    @classmethod
    def hours(cls, amount: int) -> ProcessingTime:
        return cls(Decimal(amount), TimeUnit.HOUR)

    def label_vi(self) -> str:
        amount = format(self.amount.normalize(), "f")
        return f"{amount} {'ngày làm việc' if self.unit is TimeUnit.DAY else 'giờ làm việc'}"


@dataclass(frozen=True)
class OfficeHours:
    """Giờ làm việc của cơ quan — the office's settings."""

    morning: tuple[time, time] = (time(7, 30), time(11, 30))
    afternoon: tuple[time, time] = (time(13, 30), time(17, 0))
    working_weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday = 0
    saturday_morning_reception: bool = False

    def __post_init__(self) -> None:
        (m_open, m_close), (a_open, a_close) = self.morning, self.afternoon
        if not (m_open < m_close <= a_open < a_close):
            raise DomainError(
                "Giờ làm việc không hợp lệ: buổi sáng phải mở trước khi đóng, "
                "và kết thúc trước buổi chiều."
            )

    def span(self, session: Session) -> tuple[time, time]:
        return self.morning if session is Session.MORNING else self.afternoon


class DayKind(StrEnum):
    OFF = "off"  # ngày nghỉ thêm
    WORK = "work"  # ngày làm bù


@dataclass(frozen=True)
class DayOverride:
    day: date
    kind: DayKind
    note: str = ""


class CalendarFileError(DomainError):
    def __init__(self, source: str, line_no: int, problem: str) -> None:
        self.source, self.line_no = source, line_no
        super().__init__(f"{source}, dòng {line_no}: {problem}")


_KIND_WORDS = {
    "nghỉ": DayKind.OFF,
    "nghi": DayKind.OFF,
    "off": DayKind.OFF,
    "làm": DayKind.WORK,
    "lam": DayKind.WORK,
    "work": DayKind.WORK,
}


def parse_overrides(text: str, source: str = "overrides") -> list[DayOverride]:
    """Read the administrator's day overrides: ``YYYY-MM-DD nghỉ|làm [ghi chú]`` a line.

    ``#`` starts a comment. Any bad line rejects the whole file, naming the line.
    """
    result: dict[date, DayOverride] = {}
    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split(maxsplit=2)
        if len(parts) < 2:
            raise CalendarFileError(source, line_no, f"thiếu loại ngày (nghỉ/làm): “{raw.strip()}”")
        try:
            day = date.fromisoformat(parts[0])
        except ValueError:
            raise CalendarFileError(
                source, line_no, f"ngày “{parts[0]}” không đúng dạng YYYY-MM-DD"
            ) from None
        kind = _KIND_WORDS.get(parts[1].lower())
        if kind is None:
            raise CalendarFileError(
                source, line_no, f"loại ngày “{parts[1]}” không hợp lệ, dùng “nghỉ” hoặc “làm”"
            )
        if day in result and result[day].kind is not kind:
            raise CalendarFileError(source, line_no, f"ngày {day} đã được khai báo khác ở trên")
        result[day] = DayOverride(day, kind, parts[2] if len(parts) > 2 else "")
    return sorted(result.values(), key=lambda o: o.day)


def load_overrides(path: Path) -> list[DayOverride]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DomainError(f"Không tìm thấy tệp ngày nghỉ/làm bù: {path}") from None
    except UnicodeDecodeError:
        raise DomainError(f"Tệp ngày nghỉ/làm bù không phải UTF-8: {path}") from None
    return parse_overrides(text, source=str(path))


@dataclass(frozen=True)
class Slot:
    """One session of one working day."""

    day: date
    session: Session


@dataclass(frozen=True)
class Due:
    """Hạn trả kết quả: the date, the session it falls in and the exact moment (aware)."""

    date: date
    session: Session
    deadline: datetime

    def label_vi(self) -> str:
        local = self.deadline.astimezone(OFFICE_TZ)
        return f"{local:%H:%M} {self.session.label_vi} {self.date:%d/%m/%Y}"


@dataclass(frozen=True)
class Standing:
    """Where a dossier stands against its due moment at a given moment."""

    timeliness: Timeliness
    working_days: int  # > 0 working days left; < 0 working days overdue; 0 the due date itself


class WorkingCalendar:
    def __init__(
        self,
        hours: OfficeHours | None = None,
        overrides: Iterable[DayOverride] = (),
        tz: ZoneInfo = OFFICE_TZ,
    ) -> None:
        self.hours = hours or OfficeHours()
        self.tz = tz
        self._overrides = {o.day: o.kind for o in overrides}
        self._public = holidays.country_holidays("VN")
        self._is_working = lru_cache(maxsize=8192)(self._compute_is_working)
        self._years: dict[int, list[int]] = {}

    # --- days ---------------------------------------------------------------------------
    def _compute_is_working(self, day: date) -> bool:
        override = self._overrides.get(day)
        if override is not None:
            return override is DayKind.WORK
        if day in self._public:
            return False
        if day in getattr(self._public, "weekend_workdays", ()):
            return True
        return day.weekday() in self.hours.working_weekdays

    def is_working_day(self, day: date) -> bool:
        return bool(self._is_working(day))

    def holiday_name(self, day: date) -> str | None:
        name = self._public.get(day)
        return str(name) if name else None

    def next_working_day(self, day: date) -> date:
        day += timedelta(days=1)
        for _ in range(366):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise DomainError(f"Không có ngày làm việc nào trong một năm sau {day}: kiểm tra lịch.")

    def nth_working_day_after(self, day: date, n: int) -> date:
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end] — negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        if start.year == end.year:
            return self._count_to(end) - self._count_to(start)
        years = sum(self._year_table(y)[-1] for y in range(start.year + 1, end.year))
        return (
            self._year_table(start.year)[-1] - self._count_to(start) + years + self._count_to(end)
        )

    def _count_to(self, day: date) -> int:
        """Working days from 1 January of ``day``'s year up to and including ``day``."""
        return self._year_table(day.year)[day.timetuple().tm_yday - 1]

    def _year_table(self, year: int) -> list[int]:
        # Running counts per day of the year: the queue asks "how many working days left"
        # for thousands of rows at once, so a day-by-day walk per row is too slow.
        table = self._years.get(year)
        if table is None:
            table, count, day = [], 0, date(year, 1, 1)
            while day.year == year:
                count += self.is_working_day(day)
                table.append(count)
                day += timedelta(days=1)
            self._years[year] = table
        return table

    def is_open_for_reception(self, moment: datetime) -> bool:
        local = moment.astimezone(self.tz)
        day, t = local.date(), local.time()
        (m_open, m_close), (a_open, a_close) = self.hours.morning, self.hours.afternoon
        if self.is_working_day(day):
            return m_open <= t < m_close or a_open <= t < a_close
        return (
            self.hours.saturday_morning_reception
            and day.weekday() == 5
            and day not in self._public
            and m_open <= t < m_close
        )

    # --- sessions -----------------------------------------------------------------------
    def _local(self, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            raise DomainError("Thời điểm phải có múi giờ (naive datetime bị từ chối).")
        return moment.astimezone(self.tz)

    def receipt_slot(self, received_at: datetime) -> Slot:
        """The session a dossier received at ``received_at`` counts as received in."""
        local = self._local(received_at)
        day, t = local.date(), local.time()
        if self.is_working_day(day):
            if t < self.hours.morning[1]:
                return Slot(day, Session.MORNING)
            if t < self.hours.afternoon[1]:
                return Slot(day, Session.AFTERNOON)
        return Slot(self.next_working_day(day), Session.MORNING)

    def _next_slot(self, slot: Slot) -> Slot:
        if slot.session is Session.MORNING:
            return Slot(slot.day, Session.AFTERNOON)
        return Slot(self.next_working_day(slot.day), Session.MORNING)

    def _close_of(self, slot: Slot) -> datetime:
        return datetime.combine(slot.day, self.hours.span(slot.session)[1], self.tz)

    # --- due dates ----------------------------------------------------------------------
    def due(self, received_at: datetime, processing: ProcessingTime) -> Due:
        if processing.unit is TimeUnit.HOUR:
            return self._due_in_hours(received_at, int(processing.amount))
        slot = self.receipt_slot(received_at)
        for _ in range(int(processing.amount * 2)):
            slot = self._next_slot(slot)
        return Due(slot.day, slot.session, self._close_of(slot))

    def appointment_date(self, received_at: datetime, days: int | float | Decimal) -> date:
        """Ngày hẹn trả kết quả: the N-th working day after the day of receipt."""
        return self.due(received_at, ProcessingTime.days(days)).date

    def _due_in_hours(self, received_at: datetime, hours: int) -> Due:
        local = self._local(received_at)
        slot = self.receipt_slot(received_at)
        remaining = timedelta(hours=hours)
        while True:
            opens, closes = self.hours.span(slot.session)
            start = datetime.combine(slot.day, opens, self.tz)
            if slot.day == local.date() and local > start:
                start = local
            end = datetime.combine(slot.day, closes, self.tz)
            if start + remaining <= end:
                return Due(slot.day, slot.session, start + remaining)
            remaining -= max(end - start, timedelta(0))
            slot = self._next_slot(slot)

    # --- paused clocks ------------------------------------------------------------------
    def sessions_between(self, start: datetime, end: datetime) -> int:
        """Working sessions (half days) the clock stood still while a dossier waited on the
        citizen from ``start`` to ``end``: the sessions crossed between the two."""
        slot, last, n = self.receipt_slot(start), self.receipt_slot(end), 0
        while (slot.day, slot.session is Session.AFTERNOON) < (
                last.day, last.session is Session.AFTERNOON):  # fmt: skip
            slot, n = self._next_slot(slot), n + 1
        return n

    def extend(self, due: Due, sessions: int) -> Due:
        """``due`` moved later by ``sessions`` working sessions, keeping its time of day
        within the session (weekends, Tết and days off skipped as everywhere)."""
        if sessions <= 0:
            return due
        slot = Slot(due.date, due.session)
        for _ in range(sessions):
            slot = self._next_slot(slot)
        local = due.deadline.astimezone(self.tz)
        shift = local - datetime.combine(due.date, self.hours.span(due.session)[1], self.tz)
        opens, closes = self.hours.span(slot.session)
        deadline = datetime.combine(slot.day, closes, self.tz) + shift
        deadline = max(deadline, datetime.combine(slot.day, opens, self.tz))
        return Due(slot.day, slot.session, deadline)

    # --- the one rule for early / on time / late ------------------------------------------
    def standing(self, due: Due, at: datetime) -> Standing:
        local_day = self._local(at).date()
        days = self.working_days_between(local_day, due.date)
        if at > due.deadline:
            return Standing(Timeliness.LATE, min(days, 0))
        if days > 0:
            return Standing(Timeliness.EARLY, days)
        return Standing(Timeliness.ON_TIME, 0)


def calendar_from_settings(
    hours: OfficeHours, override_files: Sequence[Path] = ()
) -> WorkingCalendar:
    overrides: list[DayOverride] = []
    for path in override_files:
        overrides.extend(load_overrides(path))
    return WorkingCalendar(hours, overrides)
