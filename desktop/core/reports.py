"""Báo cáo định kỳ — what a periodic report holds, as plain data (Đ15, Đ6, Đ11.5, Đ16).

The services count; the PDF and the spreadsheet draw. Every figure carries the codes of
the dossiers behind it, so any number on the paper can be traced back to the dossiers.

The main table follows the national form for the results of handling administrative
procedures at an agency that handles them (Biểu số 06/VPCP/KSTT of Thông tư
01/2020/TT-VPCP; docs/LEGAL.md §5): received (online; in person and by post; carried over
from the period before), resolved (early, on time, late) and still being resolved at the
period's end (on time, overdue).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from desktop.core.lifecycle import Act
from desktop.core.report_periods import Period, PeriodKind


class Figure:
    """One number and the dossiers behind it (for money: the dossiers the sums came from).

    The codes may be given, or fetched on first demand (``Figure.behind``): a year's report
    counts 200 000 dossiers in the database but lists a figure's codes only when someone
    drills into it or writes the spreadsheet's dossier sheet."""

    __slots__ = ("_codes", "_fetch", "value")

    def __init__(self, value: int, codes: tuple[str, ...] = ()) -> None:
        self.value = value
        self._codes: tuple[str, ...] | None = codes
        self._fetch: Callable[[], tuple[str, ...]] | None = None

    @classmethod
    def behind(cls, value: int, fetch: Callable[[], tuple[str, ...]]) -> Figure:
        figure = cls(value)
        figure._codes, figure._fetch = None, fetch
        return figure

    @property
    def codes(self) -> tuple[str, ...]:
        if self._codes is None:
            assert self._fetch is not None
            self._codes = tuple(self._fetch())
        return self._codes

    def __repr__(self) -> str:
        return f"Figure({self.value})"


# The form's columns (3)–(13), in order: key, heading.
TABLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("received.total", "Tổng số nhận giải quyết"),
    ("received.online", "Trực tuyến"),
    ("received.desk_post", "Trực tiếp, dịch vụ bưu chính"),
    ("carried_over", "Từ kỳ trước"),
    ("resolved.total", "Tổng số đã giải quyết"),
    ("resolved.early", "Trước hạn"),
    ("resolved.on_time", "Đúng hạn"),
    ("resolved.late", "Quá hạn"),
    ("in_progress.total", "Tổng số đang giải quyết"),
    ("in_progress.on_time", "Trong hạn"),
    ("in_progress.overdue", "Quá hạn"),
)

# Further figures of the desk's own: counts of dossiers unless said otherwise.
MORE_FIGURES: tuple[tuple[str, str], ...] = (
    ("received.online_l3", "Nhận trực tuyến mức độ 3"),
    ("received.online_l4", "Nhận trực tuyến mức độ 4"),
    ("received.desk", "Nhận trực tiếp tại bộ phận một cửa"),
    ("received.post", "Nhận qua dịch vụ bưu chính"),
    ("refused", "Từ chối tiếp nhận (không đủ điều kiện)"),
    ("supplement_requested", "Yêu cầu bổ sung, hoàn thiện hồ sơ"),
    ("reappointed", "Trễ hạn: xin lỗi, hẹn lại ngày trả"),
    ("withdrawn", "Công dân rút hồ sơ"),
    ("stopped", "Dừng giải quyết"),
    ("fees.collected", "Phí, lệ phí đã thu (đồng)"),
    ("fees.refunded", "Phí, lệ phí đã hoàn trả (đồng)"),
    ("ratings.satisfied", "Đánh giá: hài lòng"),
    ("ratings.neutral", "Đánh giá: bình thường"),
    ("ratings.unsatisfied", "Đánh giá: không hài lòng"),
    ("complaints.received", "Khiếu nại, phản ánh đã nhận"),
    ("complaints.resolved", "Khiếu nại, phản ánh đã giải quyết"),
)

RECEIPT_FIGURES: tuple[tuple[str, str], ...] = (
    ("receipts.issued", "Biên lai đã lập (số tờ)"),
    ("receipts.issued_amount", "Số tiền trên biên lai đã lập (đồng)"),
    ("receipts.voided", "Biên lai đã huỷ (số tờ)"),
    ("receipts.voided_amount", "Số tiền trên biên lai đã huỷ (đồng)"),
)

LABELS_VI: dict[str, str] = dict(TABLE_COLUMNS + MORE_FIGURES + RECEIPT_FIGURES)
MONEY = frozenset({"fees.collected", "fees.refunded", "receipts.issued_amount",
                   "receipts.voided_amount"})  # fmt: skip
# The form's totals, each the sum of the figures counted: the desk's and the portal's reports
# add them up the same way.
DERIVED: dict[str, tuple[str, ...]] = {
    "received.online": ("received.online_l3", "received.online_l4"),
    "received.desk_post": ("received.desk", "received.post"),
    "received.total": ("received.online_l3", "received.online_l4", "received.desk",
                       "received.post", "carried_over"),
    "resolved.total": ("resolved.early", "resolved.on_time", "resolved.late"),
    "in_progress.total": ("in_progress.on_time", "in_progress.overdue"),
}  # fmt: skip
# Acts counted by when they happened in the period, on the desk and on the portal:
# act → figure (the desk counts complaints too, which the portal does not hold).
PERIOD_ACTS = {
    Act.REFUSE.value: "refused",
    Act.REQUEST_SUPPLEMENT.value: "supplement_requested",
    Act.REAPPOINT.value: "reappointed",
    Act.WITHDRAW.value: "withdrawn",
    Act.STOP.value: "stopped",
}


@dataclass(frozen=True)
class Section:
    """A row of the report: the whole office, one procedure, one department or one
    receipt series — its figures by key (a key missing counts 0)."""

    kind: str  # office | procedure | department | series
    key: str
    label: str
    figures: Mapping[str, Figure]

    def value(self, key: str) -> int:
        figure = self.figures.get(key)
        return figure.value if figure else 0

    def codes(self, key: str) -> tuple[str, ...]:
        figure = self.figures.get(key)
        return figure.codes if figure else ()


@dataclass(frozen=True)
class Refusal:
    code: str
    procedure: str
    reason: str


@dataclass(frozen=True)
class Change:
    """A figure that differs from the one frozen at sign-off."""

    section: str  # e.g. "office", "procedure:MAU-HT-004"
    key: str
    signed: int
    now: int
    same_count_other_dossiers: bool = False

    def label_vi(self) -> str:
        where = "" if self.section == "office" else f" [{self.section}]"
        if self.same_count_other_dossiers:
            return (f"{LABELS_VI.get(self.key, self.key)}{where}: vẫn {self.now} nhưng khác "
                    "hồ sơ so với khi ký")  # fmt: skip
        return f"{LABELS_VI.get(self.key, self.key)}{where}: khi ký {self.signed}, nay {self.now}"


@dataclass(frozen=True)
class SignOff:
    """Ký chốt số liệu: who froze the figures of a period, and when."""

    id: int
    period: str
    rule: str
    signed_at: datetime
    signed_by: str  # the supervisor's full name


@dataclass(frozen=True)
class PeriodicReport:
    office_code: str
    office_name: str
    period: Period
    made_at: datetime
    made_by: str
    office: Section
    procedures: tuple[Section, ...]
    departments: tuple[Section, ...]
    series: tuple[Section, ...]
    refusals: tuple[Refusal, ...] = ()
    signed: SignOff | None = None
    changes: tuple[Change, ...] = field(default=())

    def sections(self) -> Iterable[Section]:
        yield self.office
        yield from self.procedures
        yield from self.departments
        yield from self.series


def section_id(section: Section) -> str:
    return "office" if section.kind == "office" else f"{section.kind}:{section.key}"


@dataclass(frozen=True)
class MonthTrend:
    """One month of the dashboard's on-time trend: the dossiers resolved in it (Biểu 06
    column (7)), those early or on time ((8) + (9)) and those late ((10))."""

    period: Period
    resolved: int
    in_time: int
    late: int

    @property
    def on_time_rate(self) -> float | None:
        """Percent resolved early or on time; None for a month that resolved nothing."""
        return self.in_time * 100 / self.resolved if self.resolved else None


def trend_months(period: Period) -> list[str]:
    """The months the trend shows for ``period``: a year's twelve; otherwise the six
    months ending with the period's last month (as "2026-11")."""
    last = {PeriodKind.MONTH: period.number, PeriodKind.QUARTER: period.number * 3,
            PeriodKind.YEAR: 12}[period.kind]  # fmt: skip
    count = 12 if period.kind is PeriodKind.YEAR else 6
    months = []
    for back in range(count - 1, -1, -1):
        year, month = divmod(period.year * 12 + last - 1 - back, 12)
        months.append(f"{year}-{month + 1:02d}")
    return months
