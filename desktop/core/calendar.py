"""Lịch làm việc — working days, office sessions, due dates and the one "late" rule.

Rules, in one place (public systems got them wrong by having two):

* A *working day* is a day of the office's working week (Monday–Friday by default) that is
  not a day off. For the years the province's calendar declares (``ProvinceCalendar``, owned
  by the portal and pulled by desks), its listed days off and make-up working days are the
  whole truth; for other years, Vietnam's public holidays and swaps from the ``holidays``
  package. A desk's own audited overrides come last and win.
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
* "Trong ngày" (0 days): received on a working day before the procedure's cut-off hour
  (15:00 by default) → due that day at the afternoon close; later, or on a day off → due
  at the afternoon close of the next working day.
* ``standing`` is the only judge of early / on time / late: late means after the due
  moment; early means done on a working day before the due date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any
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


# The usual cut-off hour of "trong ngày" procedures when the catalogue names none.
DEFAULT_SAME_DAY_CUTOFF = time(15, 0)


class TimeUnit(StrEnum):
    DAY = "day"
    HOUR = "hour"


@dataclass(frozen=True)
class ProcessingTime:
    """Thời hạn giải quyết: working days (in steps of half a day) or working hours."""

    amount: Decimal
    unit: TimeUnit = TimeUnit.DAY
    # Giờ chốt of a "within the day" procedure (amount 0): received before it, due that day.
    cutoff: time | None = None

    def __post_init__(self) -> None:
        if self.amount < 0 or (self.amount == 0 and self.unit is TimeUnit.HOUR):
            raise DomainError(f"Thời hạn giải quyết phải lớn hơn 0 (nhận được {self.amount}).")
        if self.cutoff is not None and not self.is_same_day:
            raise DomainError("Giờ chốt chỉ dùng cho thủ tục giải quyết trong ngày (0 ngày).")
        if self.is_same_day and self.cutoff is None:  # frozen: set once, here
            object.__setattr__(self, "cutoff", DEFAULT_SAME_DAY_CUTOFF)
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

    @classmethod
    def same_day(cls, cutoff: time = DEFAULT_SAME_DAY_CUTOFF) -> ProcessingTime:
        return cls(Decimal(0), TimeUnit.DAY, cutoff)

    @property
    def is_same_day(self) -> bool:
        return self.unit is TimeUnit.DAY and self.amount == 0

    def label_vi(self) -> str:
        if self.is_same_day and self.cutoff is not None:
            return f"trong ngày (nhận trước {self.cutoff:%H:%M})"
        amount = format(self.amount.normalize(), "f").replace(".", ",")  # "0,5": decimal comma
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
    source: str = ""  # the notice it comes from (số văn bản), for the province's days


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


def day_kind(word: str) -> DayKind:
    """“nghỉ” / “làm” (also without diacritics, or off / work)."""
    kind = _KIND_WORDS.get(word.strip().lower())
    if kind is None:
        raise DomainError(f"loại ngày “{word}” không hợp lệ, dùng “nghỉ” hoặc “làm”")
    return kind


def _parse_day(line: str, source: str, line_no: int) -> DayOverride:
    """``YYYY-MM-DD nghỉ|làm [ghi chú]`` (comment already cut off)."""
    parts = line.split(maxsplit=2)
    if len(parts) < 2:
        raise CalendarFileError(source, line_no, f"thiếu loại ngày (nghỉ/làm): “{line}”")
    try:
        day = date.fromisoformat(parts[0])
    except ValueError:
        raise CalendarFileError(
            source, line_no, f"ngày “{parts[0]}” không đúng dạng YYYY-MM-DD"
        ) from None
    try:
        kind = day_kind(parts[1])
    except DomainError as exc:
        raise CalendarFileError(source, line_no, str(exc)) from None
    return DayOverride(day, kind, parts[2] if len(parts) > 2 else "")


def parse_span(text: str) -> tuple[time, time]:
    """``07:30-11:30`` → (07:30, 11:30); a bad span raises a one-line ``DomainError``."""
    try:
        if not re.fullmatch(r"\d\d:\d\d-\d\d:\d\d", text.strip()):
            raise ValueError(text)
        opens, closes = (time.fromisoformat(part) for part in text.strip().split("-"))
    except ValueError:
        raise DomainError(f"khoảng giờ “{text}” không đúng dạng HH:MM-HH:MM") from None
    if not opens < closes:
        raise DomainError(f"khoảng giờ “{text}”: giờ mở phải trước giờ đóng")
    return opens, closes


def span_text(span: tuple[time, time]) -> str:
    return f"{span[0]:%H:%M}-{span[1]:%H:%M}"


@dataclass(frozen=True)
class ProvinceCalendar:
    """Lịch làm việc của tỉnh — owned by the portal, pulled by desks, versioned.

    ``years`` are the years it declares, each with its status note (e.g. "dự kiến, chưa có
    thông báo chính thức"); for those years ``days`` (days off and make-up working days,
    each with its note and source) are the whole list, so desk and portal agree whatever
    version of the ``holidays`` package either has. ``hours`` are office hours by office.
    """

    years: dict[int, str]
    days: tuple[DayOverride, ...] = ()
    hours: dict[str, tuple[tuple[time, time], tuple[time, time]]] = field(default_factory=dict)
    version: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "years": [{"year": y, "note": n} for y, n in sorted(self.years.items())],
            "days": [
                {"day": d.day.isoformat(), "kind": d.kind.value, "note": d.note, "source": d.source}
                for d in self.days
            ],
            "hours": {
                office: {"morning": span_text(m), "afternoon": span_text(a)}
                for office, (m, a) in sorted(self.hours.items())
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProvinceCalendar:
        try:
            return cls(
                years={int(y["year"]): str(y.get("note", "")) for y in data["years"]},
                days=tuple(
                    DayOverride(
                        date.fromisoformat(d["day"]),
                        DayKind(d["kind"]),
                        str(d.get("note", "")),
                        str(d.get("source", "")),
                    )
                    for d in data["days"]
                ),
                hours={
                    str(office): (parse_span(h["morning"]), parse_span(h["afternoon"]))
                    for office, h in data.get("hours", {}).items()
                },
                version=int(data.get("version", 0)),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise DomainError(f"Lịch làm việc của tỉnh không hợp lệ ({exc!r}).") from None

    def office_hours(self, office_code: str, base: OfficeHours | None = None) -> OfficeHours:
        """The office's hours: the province's sessions for it over ``base`` (its working
        week and Saturday reception stay the desk's settings)."""
        base = base or OfficeHours()
        spans = self.hours.get(office_code)
        if spans is None:
            return base
        return OfficeHours(spans[0], spans[1], base.working_weekdays,
                           base.saturday_morning_reception)  # fmt: skip


MAX_CALENDAR_NOTE = 500  # a day's note, and its source, each


def parse_province_calendar(text: str, source: str = "lịch") -> ProvinceCalendar:
    """Read a province calendar file. One entry a line, ``#`` starts a comment::

        năm 2026  Đã công bố chính thức
        2026-01-02 nghỉ  Nghỉ bù Tết Dương lịch | 12729/VPCP-KGVX ngày 25/12/2025
        2026-01-10 làm   Làm bù cho ngày 02/01 | 12729/VPCP-KGVX ngày 25/12/2025
        giờ LC-TD 07:00-11:00 13:00-16:30

    A day must fall in a year the file declares. Any bad line rejects the whole file,
    naming the line.
    """
    years: dict[int, str] = {}
    days: dict[date, DayOverride] = {}
    hours: dict[str, tuple[tuple[time, time], tuple[time, time]]] = {}
    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        head, _, rest = line.partition(" ")
        rest = rest.strip()
        if head.lower() in ("năm", "nam", "year"):
            year_text, _, note = rest.partition(" ")
            if not (year_text.isdigit() and 2000 <= int(year_text) <= 2199):
                raise CalendarFileError(source, line_no, f"năm “{year_text}” không hợp lệ")
            years[int(year_text)] = note.strip()
        elif head.lower() in ("giờ", "gio", "hours"):
            parts = rest.split()
            if len(parts) != 3:
                raise CalendarFileError(
                    source, line_no, "dòng giờ làm việc cần: giờ MÃ_CQ HH:MM-HH:MM HH:MM-HH:MM"
                )
            try:
                morning, afternoon = parse_span(parts[1]), parse_span(parts[2])
                OfficeHours(morning, afternoon)
            except DomainError as exc:
                raise CalendarFileError(source, line_no, str(exc)) from None
            hours[parts[0]] = (morning, afternoon)
        else:
            entry = _parse_day(line, source, line_no)
            if entry.day.year not in years:
                raise CalendarFileError(source, line_no, f"ngày {entry.day} thuộc năm "
                                        f"{entry.day.year} chưa khai báo (thêm dòng “năm "
                                        f"{entry.day.year}” ở trên)")  # fmt: skip
            note, _, where = entry.note.partition("|")
            if len(note) > MAX_CALENDAR_NOTE or len(where) > MAX_CALENDAR_NOTE:
                raise CalendarFileError(
                    source, line_no, f"ghi chú hoặc nguồn dài quá {MAX_CALENDAR_NOTE} ký tự"
                )
            if entry.day in days and days[entry.day].kind is not entry.kind:
                raise CalendarFileError(
                    source, line_no, f"ngày {entry.day} đã được khai báo khác ở trên"
                )
            days[entry.day] = DayOverride(entry.day, entry.kind, note.strip(), where.strip())
    if not years:
        raise CalendarFileError(source, 1, "tệp không khai báo năm nào (dòng “năm YYYY”)")
    return ProvinceCalendar(years, tuple(sorted(days.values(), key=lambda d: d.day)), hours)


def load_province_calendar(path: Path) -> ProvinceCalendar:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DomainError(f"Không tìm thấy tệp lịch làm việc: {path}") from None
    except UnicodeDecodeError:
        raise DomainError(f"Tệp lịch làm việc không phải UTF-8: {path}") from None
    return parse_province_calendar(text, source=str(path))


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
    # On the due date itself, the office's open time left until the due moment: what an
    # officer counts by for a "trong ngày" or an hour-based procedure ("còn 0 ngày" says
    # nothing).
    open_time_left: timedelta = timedelta(0)


class WorkingCalendar:
    def __init__(
        self,
        hours: OfficeHours | None = None,
        overrides: Iterable[DayOverride] = (),
        tz: ZoneInfo = OFFICE_TZ,
        province: ProvinceCalendar | None = None,
    ) -> None:
        self.hours = hours or OfficeHours()
        self.tz = tz
        self.province = province
        self._overrides = {o.day: o.kind for o in overrides}
        self._declared = {d.day: d for d in province.days} if province else {}
        self._public = holidays.country_holidays("VN")
        self._is_working = lru_cache(maxsize=8192)(self._compute_is_working)
        self._years: dict[int, list[int]] = {}

    # --- days ---------------------------------------------------------------------------
    def _declares(self, day: date) -> bool:
        return self.province is not None and day.year in self.province.years

    def _compute_is_working(self, day: date) -> bool:
        override = self._overrides.get(day)
        if override is not None:
            return override is DayKind.WORK
        if self._declares(day):
            declared = self._declared.get(day)
            if declared is not None:
                return declared.kind is DayKind.WORK
        else:
            if day in self._public:
                return False
            if day in getattr(self._public, "weekend_workdays", ()):
                return True
        return day.weekday() in self.hours.working_weekdays

    def is_working_day(self, day: date) -> bool:
        return bool(self._is_working(day))

    def is_public_day_off(self, day: date) -> bool:
        """A holiday or a declared day off (not a mere weekend)."""
        if self._declares(day):
            declared = self._declared.get(day)
            return declared is not None and declared.kind is DayKind.OFF
        return day in self._public

    def holiday_name(self, day: date) -> str | None:
        if self._declares(day):
            declared = self._declared.get(day)
            if declared is None or declared.kind is not DayKind.OFF:
                return None
            return declared.note or None
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

    def early_before(self, due_day: date) -> datetime:
        """Resolved in time before this moment is early for an appointment on ``due_day``:
        ``standing`` calls a dossier early when a working day lies in (its local day, due
        day], i.e. its local day is before the last working day up to the due day — so
        before that day's opening midnight. (Reports judge a whole period with it, one
        moment per due day, instead of asking ``standing`` dossier by dossier.)"""
        last = due_day
        for _ in range(400):
            if self.is_working_day(last):
                break
            last -= timedelta(days=1)
        return datetime.combine(last, time(0), self.tz)

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
            and not self.is_public_day_off(day)
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
        if processing.is_same_day:
            return self._due_within_the_day(
                received_at, processing.cutoff or DEFAULT_SAME_DAY_CUTOFF
            )
        slot = self.receipt_slot(received_at)
        for _ in range(int(processing.amount * 2)):
            slot = self._next_slot(slot)
        return Due(slot.day, slot.session, self._close_of(slot))

    def appointment_date(self, received_at: datetime, days: int | float | Decimal) -> date:
        """Ngày hẹn trả kết quả: the N-th working day after the day of receipt."""
        return self.due(received_at, ProcessingTime.days(days)).date

    def _due_within_the_day(self, received_at: datetime, cutoff: time) -> Due:
        """Trong ngày: before the cut-off on a working day → that day's close; else the
        next working day's close. A cut-off after closing time means "before closing"."""
        local = self._local(received_at)
        day, close = local.date(), self.hours.afternoon[1]
        if not (self.is_working_day(day) and local.time() < min(cutoff, close)):
            day = self.next_working_day(day)
        return Due(day, Session.AFTERNOON, datetime.combine(day, close, self.tz))

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
        return Standing(Timeliness.ON_TIME, 0, self.open_time_between(at, due.deadline))

    def open_time_between(self, start: datetime, end: datetime) -> timedelta:
        """The office's open time (its sessions on working days) from ``start`` to ``end``."""
        total, slot = timedelta(0), self.receipt_slot(start)
        while slot.day <= self._local(end).date():
            opens, closes = self.hours.span(slot.session)
            begin = max(datetime.combine(slot.day, opens, self.tz), start)
            finish = min(datetime.combine(slot.day, closes, self.tz), end)
            total += max(finish - begin, timedelta(0))
            slot = self._next_slot(slot)
        return total
