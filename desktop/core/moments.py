"""How a moment is written down: UTC ISO text, so it sorts as text and keeps its zone."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload


@overload
def utc_text(value: datetime) -> str: ...
@overload
def utc_text(value: None) -> None: ...
@overload
def utc_text(value: datetime | None) -> str | None: ...
def utc_text(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime refused: store aware datetimes only")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def from_utc_text(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)
