"""Kỳ báo cáo — the period a periodic report (Đ15) covers, and when it is due.

Two ways to cut a period, both found in force (docs/LEGAL.md §5):

* ``CUTOFF_15`` — the Government's reporting regime (Nghị định 09/2019/NĐ-CP Điều 12,
  applied to the reports on handling administrative procedures): a month runs from the
  15th of the month before to the 14th of the month; a quarter from the 15th of the month
  before it to the 14th of its last month; a year from 15 December of the year before to
  14 December. This is why Lai Châu's deadlines (Đ15: before the 20th; a year before 15
  December) can be met at all.
* ``CALENDAR`` — the calendar month, quarter or year, as some provinces' own rules ask.

A period is written "2026-11" (month), "2026-Q4" (quarter) or "2026" (year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from desktop.core.lifecycle import DomainError


class PeriodRule(StrEnum):
    CUTOFF_15 = "15-14"  # từ ngày 15 kỳ trước đến ngày 14 (NĐ 09/2019 Điều 12)
    CALENDAR = "calendar"  # tháng, quý, năm dương lịch

    @property
    def label_vi(self) -> str:
        return {"15-14": "chốt số liệu từ ngày 15 đến ngày 14 (NĐ 09/2019/NĐ-CP)",
                "calendar": "theo tháng, quý, năm dương lịch"}[self.value]  # fmt: skip


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


_FORMS = re.compile(r"^(\d{4})(?:-(\d{2})|-[Qq]([1-4]))?$")


@dataclass(frozen=True)
class Period:
    """A reporting period: its name, its first and last day (both counted)."""

    text: str  # "2026-11", "2026-Q4", "2026"
    kind: PeriodKind
    year: int
    number: int  # month 1–12, quarter 1–4, or 0 for a year
    rule: PeriodRule
    first: date
    last: date

    def start(self, tz: ZoneInfo) -> datetime:
        """The first moment counted: midnight at the office opening the first day."""
        return datetime.combine(self.first, time(0), tz)

    def end(self, tz: ZoneInfo) -> datetime:
        """The first moment no longer counted (midnight after the last day)."""
        return datetime.combine(self.last + timedelta(days=1), time(0), tz)

    @property
    def name_vi(self) -> str:
        if self.kind is PeriodKind.MONTH:
            return f"Tháng {self.number:02d}/{self.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"Quý {['I', 'II', 'III', 'IV'][self.number - 1]} năm {self.year}"
        return f"Năm {self.year}"

    @property
    def span_vi(self) -> str:
        return f"Từ ngày {self.first:%d/%m/%Y} đến ngày {self.last:%d/%m/%Y}"

    @property
    def due_date(self) -> date:
        """Lai Châu Đ15: a month's report before the 20th of the month, a quarter's before
        the 20th of its last month, a year's before 15 December (the last day allowed is
        the day before)."""
        if self.kind is PeriodKind.YEAR:
            return date(self.year, 12, 14)
        month = self.number if self.kind is PeriodKind.MONTH else self.number * 3
        return date(self.year, month, 19)


def _month_start(year: int, month: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1  # month 0 / 13 roll over
    return date(year, month, 1)


def _month_end(year: int, month: int) -> date:
    return _month_start(year, month + 1) - timedelta(days=1)


def parse_period(text: str, rule: PeriodRule = PeriodRule.CUTOFF_15) -> Period:
    """ "2026-11" / "2026-Q4" / "2026" → the period, or a DomainError saying what is wrong."""
    cleaned = (text or "").strip()
    match = _FORMS.match(cleaned)
    if match is None:
        raise DomainError(f"Kỳ báo cáo “{text}” không đúng dạng: viết 2026-11 (tháng), "
                          "2026-Q4 (quý) hoặc 2026 (năm).")  # fmt: skip
    year = int(match.group(1))
    if not 2000 <= year <= 2100:
        raise DomainError(f"Kỳ báo cáo “{text}”: năm {year} nằm ngoài 2000–2100.")
    if match.group(2):
        month = int(match.group(2))
        if not 1 <= month <= 12:
            raise DomainError(f"Kỳ báo cáo “{text}”: tháng {month} không có.")
        kind, number, first_month, last_month = PeriodKind.MONTH, month, month, month
        name = f"{year}-{month:02d}"
    elif match.group(3):
        quarter = int(match.group(3))
        kind, number = PeriodKind.QUARTER, quarter
        first_month, last_month = quarter * 3 - 2, quarter * 3
        name = f"{year}-Q{quarter}"
    else:
        kind, number, first_month, last_month, name = PeriodKind.YEAR, 0, 1, 12, str(year)
    if rule is PeriodRule.CUTOFF_15:
        before = _month_start(year, first_month - 1)
        first, last = before.replace(day=15), date(year, last_month, 14)
    else:
        first, last = date(year, first_month, 1), _month_end(year, last_month)
    return Period(name, kind, year, number, rule, first, last)
