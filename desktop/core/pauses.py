"""Đồng hồ tạm dừng — while the office waits on the citizen (a supplement asked for during
processing, a financial obligation) the processing clock stands still. When the wait ends
— at a desk, or by the citizen on the portal — the dossier's due date, and its current
step's, move later by the working sessions spent waiting.

One pure rule over a dossier's history, used by the desk's act services and by the portal
for the acts citizens make there, so both move the dates the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Protocol

from desktop.core.calendar import Due, Session, WorkingCalendar

HANDING = ("hand_over", "hand_on")


class ActLike(Protocol):
    """An act of the history as both the desk and the portal keep it."""

    @property
    def act(self) -> str: ...
    @property
    def from_state(self) -> str | None: ...
    @property
    def to_state(self) -> str: ...
    @property
    def at(self) -> datetime: ...
    @property
    def payload(self) -> Any: ...


def due_dict(due: Due) -> dict[str, str]:
    return {"date": due.date.isoformat(), "session": due.session.value,
            "deadline": due.deadline.isoformat()}  # fmt: skip


def due_from(d: Mapping[str, str] | None) -> Due | None:
    if not d:
        return None
    return Due(date.fromisoformat(d["date"]), Session(d["session"]),
               datetime.fromisoformat(d["deadline"]))  # fmt: skip


def moved_original(act: str, payload: Mapping[str, Any]) -> Mapping[str, str] | None:
    """The original appointment an act sets: acceptance gives it, an act ending a pause
    moves it (by ``original_appointment`` when a re-appointment made the two differ);
    a re-appointment never touches it."""
    if act == "reappoint":
        return None
    given = payload.get("original_appointment") or payload.get("appointment")
    return given if isinstance(given, Mapping) else None


def current_step_due(history: Sequence[ActLike]) -> Due | None:
    """The due date of the step under way: the latest hand-over's or hand-on's, as later
    acts moved it; None when no department holds the dossier (or its step has ended)."""
    due: Due | None = None
    handed = False
    for a in history:
        if a.act in HANDING:
            handed, due = True, due_from(a.payload.get("step_due"))
        elif a.act in ("record_result", "deny"):
            handed, due = False, None
        elif handed and a.payload.get("extended_step_due"):
            due = due_from(a.payload["extended_step_due"])
    return due if handed else None


def resumption(
    calendar: WorkingCalendar,
    history: Sequence[ActLike],
    paused_state: str,
    now: datetime,
    due: Due | None,
    original: Due | None = None,
) -> dict[str, Any]:
    """What an act ending the pause records (and the dates it moves): since when the clock
    stood still, by how many working sessions, the dossier's new appointment, its original
    appointment when a re-appointment made them differ (the law's count moves with the
    clock too), and its step's new due date."""
    entered = [a for a in history if a.to_state == paused_state and a.from_state != paused_state]
    paused_at = entered[-1].at if entered else None
    if paused_at is None:
        return {}
    sessions = calendar.sessions_between(paused_at, now)
    extra: dict[str, Any] = {"paused_since": paused_at.isoformat(),
                             "extended_by_sessions": sessions}  # fmt: skip
    if sessions:
        if due is not None:
            extra["appointment"] = due_dict(calendar.extend(due, sessions))
        if original is not None and (due is None or original.deadline != due.deadline):
            extra["original_appointment"] = due_dict(calendar.extend(original, sessions))
        step = current_step_due(history)
        if step is not None:
            extra["extended_step_due"] = due_dict(calendar.extend(step, sessions))
    return extra
