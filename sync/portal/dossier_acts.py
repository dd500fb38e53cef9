"""The one way the portal keeps an act on a dossier, whoever did it (a desk's event, a
citizen online, a desk giving back what a restored portal lost): the state moves, the act
is kept, the citizen's notice stored as recorded, the change counted for the feed."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from desktop.core.calendar import WorkingCalendar
from desktop.core.lifecycle import Act, DossierState
from desktop.core.pauses import moved_original
from sync.portal import calendar as province_calendar
from sync.portal.base import record_change, utc_now
from sync.portal.models import Notice, PortalAct, PortalDossier


def append_act(
    session: Session,
    dossier: PortalDossier,
    act: Act,
    to_state: DossierState,
    officer: str,
    desk_id: str | None,
    at: datetime,
    payload: dict[str, Any],
    act_id: str | None = None,
) -> int:
    """Move the dossier, keep the act, notify the citizen, record the change: one unit."""
    from_state = dossier.state if act is not Act.RECEIVE else None
    dossier.state = to_state.value
    dossier.version += 0 if act is Act.RECEIVE else 1
    apply_payload(dossier, act, payload, at)
    act_id = act_id or str(uuid.uuid4())
    session.add(
        PortalAct(
            act_id=act_id,
            dossier_id=dossier.id,
            version=dossier.version,
            act=act.value,
            from_state=from_state,
            to_state=to_state.value,
            officer=officer,
            desk_id=desk_id,
            at=at,
            payload=payload,
        )
    )
    # The citizen reads exactly the words the act recorded — the words the officer saw
    # before confirming (``desktop.core.checks``) — never a rewording of the portal's own.
    notice = payload.get("notice")
    if isinstance(notice, str) and notice.strip():
        session.add(Notice(dossier_id=dossier.id, act_id=act_id, kind=act.value, text=notice,
                           created_at=utc_now()))  # fmt: skip
    session.flush()
    return record_change(session, dossier, utc_now())


def apply_payload(dossier: PortalDossier, act: Act, payload: dict[str, Any], at: datetime) -> None:
    """The fields an act sets besides the state, as the desk's services set them."""
    appointment = payload.get("appointment")
    # Accepting, re-appointing and resuming after a pause (moved by the waiting time) all
    # carry the appointment the desk computed.
    if appointment:
        dossier.due_date = date.fromisoformat(appointment["date"])
        dossier.due_session = appointment["session"]
        dossier.due_at = datetime.fromisoformat(appointment["deadline"])
    if original := moved_original(act.value, payload):
        dossier.original_due_date = date.fromisoformat(original["date"])
        dossier.original_due_session = original["session"]
        dossier.original_due_at = datetime.fromisoformat(original["deadline"])
    if act is Act.ACCEPT and payload.get("received_at"):
        dossier.received_at = datetime.fromisoformat(payload["received_at"])
    if act in (Act.RECORD_RESULT, Act.DENY):
        dossier.resolved_at = at


def portal_calendar(session: Session, office_code: str) -> WorkingCalendar:
    """The office's working calendar: the province calendar in this database with the
    office's hours — the calendar its desks pulled, so both count the same due dates."""
    return province_calendar.working_calendar(session, office_code)
