"""The province calendar lives on the portal; desks pull it and count due dates by it, and
the portal counts the paused clock by the same calendar: both give the same due date."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from desktop.core.calendar import (
    OFFICE_TZ,
    DayKind,
    Due,
    WorkingCalendar,
    load_province_calendar,
)
from desktop.core.calendar import Session as DaySession
from desktop.core.lifecycle import Act, DossierState
from desktop.paths import default_calendar_file
from desktop.services.demo import ManualClock
from desktop.services.settings import PROVINCE_CALENDAR, get_setting
from desktop.store.models import ActRow, Dossier
from sync.client.engine import SyncEngine
from sync.portal import calendar as province
from sync.portal.models import PortalDossier
from sync.portal.service import citizen_act
from tests.sync.conftest import OFFICE, PortalProcess, enrolled_desk
from tests.sync.test_paused_clock_sync import waiting_on_the_citizen
from tests.sync.test_sync import submit


def test_office_hours_and_a_declared_day_off_give_the_same_due_date_on_both_sides(
    portal: PortalProcess, tmp_path: Path
) -> None:
    db = portal.database()
    with db.transaction() as s:  # the province sets this office's hours
        province.set_hours(s, OFFICE, "07:00-11:00", "13:00-16:30")
    db.dispose()
    submit(portal, 1)
    # A week ago at 08:00: the citizen's act on the portal (real clock) comes days later.
    week_ago = datetime.now(OFFICE_TZ) - timedelta(days=7)
    clock = ManualClock(datetime.combine(week_ago.date(), time(8), OFFICE_TZ))
    desk = enrolled_desk(portal, tmp_path / "desk.db", clock=clock)
    SyncEngine(desk).sync_once()
    assert desk.calendar.hours.afternoon == (time(13), time(16, 30))  # pulled, in use at once

    dossier_id = waiting_on_the_citizen(desk)
    with desk.store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None and d.due_date and d.due_session and d.due_at
        before = Due(d.due_date, DaySession(d.due_session), d.due_at)
    assert before.deadline.astimezone(OFFICE_TZ).time() == time(16, 30)  # the office's close

    # The province declares the first working day after the due date off.
    day_off = desk.calendar.next_working_day(before.date)
    db = portal.database()
    with db.transaction() as s:
        province.set_day(s, day_off, DayKind.OFF, "Nghỉ theo quyết định của tỉnh (thử)")
    with db.transaction() as s:  # the citizen supplements online (real clock)
        citizen_act(s, dossier_id, Act.RECORD_SUPPLEMENT, {"note": "Đã ký tờ khai"})
    with db.reading() as s:
        on_portal = s.get(PortalDossier, dossier_id)
        assert on_portal is not None
        portal_due = (on_portal.due_date, on_portal.due_at)
    db.dispose()

    SyncEngine(desk).sync_once()
    assert not desk.calendar.is_working_day(day_off)  # the new version was pulled
    with desk.store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None and d.state == DossierState.IN_PROCESSING.value
        act = s.scalars(select(ActRow).where(ActRow.dossier_id == dossier_id)
                        .order_by(ActRow.version.desc())).first()  # fmt: skip
        stored = get_setting(s, PROVINCE_CALENDAR)
    assert act is not None and act.act == "record_supplement"
    waited = act.payload["extended_by_sessions"]
    assert waited > 1
    # The desk, counting by its own (pulled) calendar, gets the portal's new due date.
    on_desk = desk.calendar.extend(before, waited)
    assert (on_desk.date, on_desk.deadline) == portal_due == (d.due_date, d.due_at)
    assert on_desk.date > day_off
    # ... which the calendar the portal used to count by (shipped, default hours) does not.
    shipped = WorkingCalendar(province=load_province_calendar(default_calendar_file()))
    assert shipped.extend(before, waited).deadline != on_desk.deadline
    assert stored is not None and stored["version"] == province_version(portal)


def province_version(portal: PortalProcess) -> int:
    db = portal.database()
    with db.reading() as s:
        version = province.calendar_version(s)
    db.dispose()
    return version


def test_a_portal_calendar_edit_reaches_the_desk_at_its_next_sync(
    portal: PortalProcess, tmp_path: Path
) -> None:
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    SyncEngine(desk).sync_once()
    monday = datetime(2026, 11, 23, 10, tzinfo=OFFICE_TZ)
    assert desk.calendar.appointment_date(monday, 1) == monday.date() + timedelta(days=1)
    db = portal.database()
    with db.transaction() as s:
        province.set_day(s, monday.date() + timedelta(days=1), DayKind.OFF,
                         "Ngày Văn hóa Việt Nam", "thông báo của tỉnh (thử)")  # fmt: skip
    db.dispose()
    SyncEngine(desk).sync_once()
    assert desk.calendar.appointment_date(monday, 1) == monday.date() + timedelta(days=2)
    assert desk.calendar.holiday_name(monday.date() + timedelta(days=1)) == "Ngày Văn hóa Việt Nam"
