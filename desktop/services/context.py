"""Who acts, at which desk, by which clock — handed to every service call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from desktop.core.accounts import SUPERVISING, Role
from desktop.core.calendar import WorkingCalendar
from desktop.store.db import Store


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Actor:
    """The officer performing an act; ``officer_id`` is None for the desk's own sync."""

    officer_id: int | None
    username: str
    full_name: str
    role: Role
    office_code: str

    @property
    def is_supervisor(self) -> bool:
        return self.role in SUPERVISING


@dataclass
class Desk:
    """This desk: its database, identity, office, calendar and clock."""

    store: Store
    desk_id: str
    office_code: str
    calendar: WorkingCalendar
    clock: Callable[[], datetime] = field(default=utc_now)

    def now(self) -> datetime:
        moment = self.clock()
        if moment.tzinfo is None:
            raise ValueError("the desk clock must return aware datetimes")
        return moment

    def sync_actor(self) -> Actor:
        """The desk itself, for what arrives from the portal rather than from an officer."""
        return Actor(
            None, f"desk:{self.desk_id[:8]}", "Đồng bộ tự động", Role.OFFICER, self.office_code
        )
