"""Cài đặt của bàn — desk identity, office, office hours, the province calendar the desk
pulled from the portal, and the desk's own audited day overrides."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from sqlalchemy.orm import Session

from desktop.core.appointments import ReappointmentRules
from desktop.core.calendar import (
    DayKind,
    DayOverride,
    OfficeHours,
    ProvinceCalendar,
    WorkingCalendar,
    load_province_calendar,
)
from desktop.core.lifecycle import DomainError
from desktop.paths import default_calendar_file
from desktop.services.context import Desk, utc_now
from desktop.store.db import Store
from desktop.store.models import Office, Setting


def get_setting(session: Session, key: str) -> dict[str, Any] | None:
    row = session.get(Setting, key)
    return None if row is None else dict(row.value)


def put_setting(session: Session, key: str, value: dict[str, Any]) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def _hhmm(t: time) -> str:
    return t.strftime("%H:%M")


def hours_to_dict(h: OfficeHours) -> dict[str, Any]:
    return {
        "morning": [_hhmm(h.morning[0]), _hhmm(h.morning[1])],
        "afternoon": [_hhmm(h.afternoon[0]), _hhmm(h.afternoon[1])],
        "working_weekdays": sorted(h.working_weekdays),
        "saturday_morning_reception": h.saturday_morning_reception,
    }


def hours_from_dict(d: dict[str, Any]) -> OfficeHours:
    try:
        return OfficeHours(
            morning=(time.fromisoformat(d["morning"][0]), time.fromisoformat(d["morning"][1])),
            afternoon=(
                time.fromisoformat(d["afternoon"][0]),
                time.fromisoformat(d["afternoon"][1]),
            ),
            working_weekdays=frozenset(int(x) for x in d["working_weekdays"]),
            saturday_morning_reception=bool(d.get("saturday_morning_reception", False)),
        )
    except (KeyError, ValueError, TypeError, IndexError) as exc:
        raise DomainError(f"Cài đặt giờ làm việc không hợp lệ ({exc!r}).") from None


def ensure_desk_identity(session: Session) -> str:
    desk = get_setting(session, "desk")
    if desk is None:
        desk = {"desk_id": str(uuid.uuid4()), "office_code": None}
        put_setting(session, "desk", desk)
    return str(desk["desk_id"])


def set_office(session: Session, office: Office) -> None:
    """Bind this desk to its office (one desk serves one office)."""
    if session.get(Office, office.code) is None:
        session.add(office)
    desk_id = ensure_desk_identity(session)
    put_setting(session, "desk", {"desk_id": desk_id, "office_code": office.code})


REAPPOINTMENT = "reappointment"


def reappointment_rules(session: Session) -> ReappointmentRules:
    """How often and how early a dossier may be re-appointed; by default NĐ 118/2025
    Điều 19 khoản 6 (at most once, at the latest one day before the due moment, counted
    by the desk as a working day: docs/LEGAL.md §1.5)."""
    found = get_setting(session, REAPPOINTMENT) or {}
    try:
        return ReappointmentRules(
            int(found.get("max_reappointments", 1)), int(found.get("min_lead_working_days", 1)))
    except (TypeError, ValueError) as exc:
        raise DomainError(f"Cài đặt hẹn lại không hợp lệ ({exc!r}).") from None


def set_reappointment_rules(session: Session, rules: ReappointmentRules) -> None:
    put_setting(session, REAPPOINTMENT, {"max_reappointments": rules.max_reappointments,
                                         "min_lead_working_days": rules.min_lead_working_days})


PROVINCE_CALENDAR = "province_calendar"  # the calendar as last pulled from the portal
DAY_OVERRIDES = "calendar_day_overrides"  # this desk's own days, each set by an audited act


def province_calendar(session: Session) -> ProvinceCalendar:
    """The province calendar this desk counts by: the one pulled from the portal, or the
    copy shipped with the desk until the first sync brings one."""
    pulled = get_setting(session, PROVINCE_CALENDAR)
    if pulled and pulled.get("years"):
        return ProvinceCalendar.from_dict(pulled)
    return load_province_calendar(default_calendar_file())


def day_overrides(session: Session) -> list[DayOverride]:
    stored = get_setting(session, DAY_OVERRIDES) or {}
    return [DayOverride(date.fromisoformat(d["day"]), DayKind(d["kind"]), d.get("note", ""))
            for d in stored.get("days", [])]  # fmt: skip


def load_calendar(session: Session) -> WorkingCalendar:
    hours_d = get_setting(session, "office_hours")
    hours = hours_from_dict(hours_d) if hours_d else OfficeHours()
    office = (get_setting(session, "desk") or {}).get("office_code")
    province = province_calendar(session)
    if office:  # the province sets each office's sessions; the working week stays the desk's
        hours = province.office_hours(str(office), hours)
    return WorkingCalendar(hours, day_overrides(session), province=province)


def open_desk(store: Store, clock: Callable[[], datetime] = utc_now) -> Desk:
    """This desk as recorded in its database; refuses a desk not yet bound to an office."""
    with store.write() as session:
        desk_id = ensure_desk_identity(session)
        desk_setting = get_setting(session, "desk") or {}
        calendar = load_calendar(session)
    office_code = desk_setting.get("office_code")
    if not office_code:
        raise DomainError(
            "Bàn làm việc chưa được gắn với cơ quan nào: hãy ghi danh bàn hoặc tạo dữ liệu mẫu."
        )
    return Desk(store, desk_id, str(office_code), calendar, clock)
