"""Hẹn trả và hẹn lại — the appointment the law counts and the one the citizen now holds.

A dossier accepted with an appointment keeps it: the waits on the citizen move it (the
clock stood still), a re-appointment does not. The apology and new date (Mẫu 04) tell the
citizen when to come, but the dossier was resolved late if it was resolved after the
appointment it was accepted with — that is how the reports count it (Đ15). Every place
that says early / on time / late judges with ``judge``.

The re-appointment itself is bounded (``check_reappointment``): how many times, and how
long before the due moment the apology must go out, are settings of the desk — the
defaults are Nghị định 118/2025/NĐ-CP Điều 19 khoản 6: the apology goes out "chậm nhất
01 ngày trước ngày hết hạn" and "việc hẹn lại ngày trả kết quả được thực hiện không quá
một lần" (the same as Nghị định 61/2018). The decree says a day; the desk counts one
working day, never looser than the decree (docs/LEGAL.md §1.5).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop.core.calendar import Due, Standing, Timeliness, WorkingCalendar
from desktop.core.lifecycle import DomainError


@dataclass(frozen=True)
class Judgement:
    """Where a dossier stands against its original appointment, and the new one if any."""

    standing: Standing
    reappointed: Due | None  # the appointment given with the apology, when there was one

    @property
    def timeliness(self) -> Timeliness:
        return self.standing.timeliness

    def label_vi(self) -> str:
        """"Trễ hạn (hẹn lại 03/12/2026)", "Đúng hạn" …"""
        text = self.standing.timeliness.label_vi
        if self.reappointed is not None:
            text += f" (hẹn lại {self.reappointed.date:%d/%m/%Y})"
        return text


def reappointed(original: Due | None, current: Due | None) -> Due | None:
    """The appointment the citizen now holds when it is not the original one."""
    if original is None or current is None or current.deadline == original.deadline:
        return None
    return current


def judge(calendar: WorkingCalendar, original: Due, current: Due | None,
          at: datetime) -> Judgement:  # fmt: skip
    """Early / on time / late at ``at`` against the original appointment."""
    return Judgement(calendar.standing(original, at), reappointed(original, current))


@dataclass(frozen=True)
class ReappointmentRules:
    """How often and until when a dossier may be re-appointed (the desk's settings)."""

    max_reappointments: int = 1  # NĐ 118/2025 Đ19.6: hẹn lại không quá một lần
    min_lead_working_days: int = 1  # NĐ 118/2025 Đ19.6: chậm nhất 01 ngày trước hạn

    def __post_init__(self) -> None:
        if self.max_reappointments < 0 or self.min_lead_working_days < 0:
            raise DomainError("Số lần hẹn lại và số ngày báo trước không được âm.")


def check_reappointment(calendar: WorkingCalendar, rules: ReappointmentRules, code: str,
                        due: Due, now: datetime, done: int) -> None:  # fmt: skip
    """Refuse a re-appointment the rules do not allow; ``due`` is the appointment in force,
    ``done`` how many re-appointments the dossier already had."""
    if done >= rules.max_reappointments:
        raise DomainError(
            f"Hồ sơ {code} đã được hẹn lại {done} lần; cài đặt của bàn cho phép tối đa "
            f"{rules.max_reappointments} lần: không hẹn lại thêm được."
        )
    if now > due.deadline:
        raise DomainError(
            f"Hồ sơ {code} đã quá hạn trả ({due.label_vi()}): thư xin lỗi, hẹn lại phải gửi "
            "trước hạn; hồ sơ được tính trễ hạn."
        )
    # Working days from today (if it is one) up to the day before the due date: on Friday
    # before a Monday due date one is left, on the Saturday none.
    today = now.astimezone(calendar.tz).date()
    left = calendar.working_days_between(today - timedelta(days=1), due.date - timedelta(days=1))
    if left < rules.min_lead_working_days:
        raise DomainError(
            f"Hồ sơ {code}: thư xin lỗi, hẹn lại phải gửi chậm nhất "
            f"{rules.min_lead_working_days} ngày làm việc trước ngày hẹn trả "
            f"({due.label_vi()}); nay chỉ còn {max(left, 0)} ngày làm việc trước ngày đó."
        )
