"""Ngày nghỉ / ngày làm riêng của bàn — a desk's own override of the province calendar.

The province calendar comes from the portal; a desk departs from it only by this act: an
administrator, a note saying why, an audit entry. The portal does not know these days, so
a due date counted over one may differ from the portal's — the audit log says who chose so.
"""

from __future__ import annotations

from datetime import date

from desktop.core.accounts import Role
from desktop.core.calendar import MAX_CALENDAR_NOTE, DayKind
from desktop.core.lifecycle import DomainError
from desktop.services.audit import record_audit
from desktop.services.context import Actor, Desk
from desktop.services.settings import DAY_OVERRIDES, get_setting, load_calendar, put_setting


def override_day(desk: Desk, admin: Actor, day: date, kind: DayKind, note: str) -> None:
    """Administrator only, audited; the desk counts by it from now on."""
    if admin.role is not Role.ADMINISTRATOR:
        raise DomainError("Chỉ quản trị hệ thống được đặt ngày nghỉ / ngày làm riêng của bàn.")
    note = note.strip()
    if not note:
        raise DomainError("Cần ghi chú: lý do và văn bản cho ngày nghỉ / ngày làm này.")
    if len(note) > MAX_CALENDAR_NOTE:
        raise DomainError(f"Ghi chú dài quá {MAX_CALENDAR_NOTE} ký tự.")
    with desk.store.write() as session:
        before_calendar = load_calendar(session)
        was = DayKind.WORK if before_calendar.is_working_day(day) else DayKind.OFF
        stored = get_setting(session, DAY_OVERRIDES) or {"days": []}
        days = [d for d in stored["days"] if d["day"] != day.isoformat()]
        days.append({"day": day.isoformat(), "kind": kind.value, "note": note,
                     "by": admin.username})  # fmt: skip
        put_setting(session, DAY_OVERRIDES, {"days": sorted(days, key=lambda d: d["day"])})
        record_audit(session, desk, admin, "calendar.override", day.isoformat(),
                     {"day": was.value}, {"day": kind.value, "note": note})  # fmt: skip
        desk.calendar = load_calendar(session)
