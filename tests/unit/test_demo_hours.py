"""The demo data: whatever hour a citizen submits online, the desk receives a dossier —
and does every other act — within its office hours, on working days."""

from __future__ import annotations

import random
from datetime import date, datetime, time

from sqlalchemy import select

from desktop.core.calendar import OFFICE_TZ, OfficeHours, WorkingCalendar
from desktop.services.demo import office_moment
from desktop.services.settings import open_desk
from desktop.store.db import Store
from desktop.store.models import ActRow, Dossier


def test_every_reception_and_act_of_the_demo_is_in_office_hours(demo_store: Store) -> None:
    calendar = open_desk(demo_store).calendar
    with demo_store.read() as s:
        received = [d.received_at for d in s.scalars(select(Dossier))
                    if d.received_at is not None]  # fmt: skip
        by_desk = [a.at for a in s.scalars(select(ActRow).where(ActRow.officer_id.is_not(None)))]
        counter = [d.submitted_at for d in s.scalars(select(Dossier).where(Dossier.channel == 1))]
        online = [d.submitted_at for d in s.scalars(select(Dossier).where(Dossier.channel == 2))]
    assert len(received) > 20 and len(by_desk) > len(received)
    for at in (*received, *by_desk, *counter):
        assert calendar.is_open_for_reception(at), at.astimezone(OFFICE_TZ)
    # Citizens still submit online in the evening: only the desk keeps office hours.
    assert any(not calendar.is_open_for_reception(at) for at in online)


def test_a_moment_outside_office_hours_moves_into_the_next_session() -> None:
    calendar = WorkingCalendar(OfficeHours(morning=(time(7, 0), time(11, 30)),
                                           afternoon=(time(13, 30), time(17, 0))))  # fmt: skip
    rng = random.Random(1)

    def moved(day: date, hour: int, minute: int = 0) -> datetime:
        at = office_moment(calendar, datetime.combine(day, time(hour, minute), OFFICE_TZ), rng)
        return at.astimezone(OFFICE_TZ)

    inside = moved(date(2026, 3, 2), 9, 15)  # a Monday morning: as it is
    assert (inside.date(), inside.time()) == (date(2026, 3, 2), time(9, 15))
    night = moved(date(2026, 3, 2), 22)  # the next morning, after the desk opens
    assert night.date() == date(2026, 3, 3) and time(7, 0) <= night.time() < time(11, 30)
    lunch = moved(date(2026, 3, 2), 12)
    assert lunch.date() == date(2026, 3, 2) and time(13, 30) <= lunch.time() < time(17, 0)
    friday_night = moved(date(2026, 3, 6), 19)  # the weekend is skipped
    assert friday_night.date() == date(2026, 3, 9) and friday_night.time() >= time(7, 0)
    holiday = moved(date(2026, 9, 2), 8)  # Quốc khánh: the next working day
    assert holiday.date() > date(2026, 9, 2) and calendar.is_working_day(holiday.date())
