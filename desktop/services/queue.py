"""Danh sách hồ sơ — the queries behind the officer's queue, scoped to the officer's office.

The UI holds only dossier ids and asks for rows a page at a time (``rows_for``), so the
queue of a busy provincial department scrolls as fast as a commune's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select, text

from desktop.core.appointments import reappointed
from desktop.core.calendar import Due, Standing
from desktop.core.lifecycle import DossierState
from desktop.core.seals import PREFIX
from desktop.core.text import digits_only, fold
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import dossier_due, original_due
from desktop.store.models import Dossier, ProcedureRow

SEARCH_LIMIT = 200


OPEN_STATES = tuple(s for s in DossierState if not s.is_final)


@dataclass(frozen=True)
class QueueFilter:
    """What the queue shows; by default every dossier that still needs work."""

    states: tuple[DossierState, ...] = OPEN_STATES  # () means every state
    procedure_code: str | None = None
    sector: str | None = None
    level: int | None = None
    channel: int | None = None
    due: str | None = None  # "overdue" | "today" | "week" (among dossiers still open)


@dataclass(frozen=True)
class QueueRow:
    id: str
    code: str
    applicant_name: str
    procedure_name: str
    level: int
    channel: int
    submitted_at: datetime
    state: DossierState
    due: Due | None  # the appointment the dossier was accepted with (pauses move it)
    standing: Standing | None  # against ``due``: at the result if any, else now (open ones)
    resolved: bool
    reappointed: Due | None = None  # the new appointment given with an apology (Mẫu 04)


def _scoped(actor: Actor) -> Select[Any]:
    return select(Dossier.id).where(Dossier.office_code == actor.office_code)


def _apply_filter(desk: Desk, query: Select[Any], f: QueueFilter) -> Select[Any]:
    if f.states == OPEN_STATES:
        query = query.where(Dossier.is_open.is_(True))  # one index range, see the model
    elif f.states:
        query = query.where(Dossier.state.in_([s.value for s in f.states]))
    if f.procedure_code:
        query = query.where(Dossier.procedure_code == f.procedure_code)
    if f.level:
        query = query.where(Dossier.level == f.level)
    if f.channel:
        query = query.where(Dossier.channel == f.channel)
    if f.sector:
        codes = select(ProcedureRow.code).where(ProcedureRow.sector == f.sector)
        query = query.where(Dossier.procedure_code.in_(codes))
    if f.due:
        now = desk.now()
        today = now.astimezone(desk.calendar.tz).date()
        # Waiting on the citizen, the clock stands still: never "overdue" meanwhile.
        open_states = [
            s.value
            for s in DossierState
            if not s.is_final and not s.is_paused
            and s not in (DossierState.RESULT_READY, DossierState.DENIED)
        ]
        query = query.where(Dossier.state.in_(open_states))
        if f.due == "overdue":
            # Past the appointment it was accepted with: a re-appointment does not undo it.
            query = query.where(func.coalesce(Dossier.original_due_at, Dossier.due_at) < now)
        elif f.due == "today":
            query = query.where(Dossier.due_date == today)
        elif f.due == "week":  # this calendar week, Monday to Sunday
            monday = today - timedelta(days=today.weekday())
            query = query.where(Dossier.due_date.between(monday, monday + timedelta(days=6)))
    return query


def queue_ids(
    desk: Desk, actor: Actor, f: QueueFilter = QueueFilter(), limit: int | None = None
) -> list[str]:
    """Ids in queue order: dossiers awaiting the completeness check first, then by due time."""
    query = _apply_filter(desk, _scoped(actor), f).order_by(Dossier.due_at, Dossier.submitted_at)
    if limit is not None:
        query = query.limit(limit)
    with desk.store.read() as session:
        return list(session.scalars(query))


def rows_for(desk: Desk, actor: Actor, ids: Sequence[str]) -> dict[str, QueueRow]:
    """The rows for a page of ids (missing or foreign ids are simply absent)."""
    if not ids:
        return {}
    query = (
        select(Dossier, ProcedureRow.name)
        .join(ProcedureRow, ProcedureRow.code == Dossier.procedure_code)
        .where(Dossier.id.in_(list(ids)), Dossier.office_code == actor.office_code)
    )
    now = desk.now()
    result: dict[str, QueueRow] = {}
    with desk.store.read() as session:
        for dossier, procedure_name in session.execute(query):
            due = original_due(dossier)  # lateness as the law counts it
            new = reappointed(due, dossier_due(dossier))
            state = DossierState(dossier.state)
            standing = None
            if due is not None and dossier.resolved_at is not None:
                standing = desk.calendar.standing(due, dossier.resolved_at)
            elif due is not None and not state.is_final and not state.is_paused:
                standing = desk.calendar.standing(due, now)
            result[dossier.id] = QueueRow(
                dossier.id,
                dossier.code,
                dossier.applicant_name,
                procedure_name,
                dossier.level,
                dossier.channel,
                dossier.submitted_at,
                state,
                due,
                standing,
                dossier.resolved_at is not None,
                new,
            )
    return result


def count_by_state(desk: Desk, actor: Actor) -> dict[DossierState, int]:
    query = (
        select(Dossier.state, func.count())
        .where(Dossier.office_code == actor.office_code)
        .group_by(Dossier.state)
    )
    with desk.store.read() as session:
        return {DossierState(s): n for s, n in session.execute(query)}


_WORD = re.compile(r"[a-z0-9]+")


def _fts_phrase(folded: str) -> str | None:
    words = _WORD.findall(folded)
    return f'"{" ".join(words)}" *' if words else None


def dossier_code_in_qr(text: str) -> str | None:
    """The dossier code of a scanned ``MC1|kind|number|dossier|…`` payload (unverified:
    it only opens the dossier, which the officer's office scope still guards)."""
    parts = text.split("|")
    if len(parts) >= 4 and parts[0] == PREFIX and parts[3] not in ("", "-"):
        return parts[3]
    return None


def find_dossiers(desk: Desk, actor: Actor, query_text: str) -> list[str]:
    """Tìm hồ sơ: a dossier code, a name typed with or without diacritics, a CCCD or phone,
    or what a scanner reads off a printed paper's QR code (its dossier code is inside)."""
    raw = query_text.strip()
    if not raw:
        return []
    raw = dossier_code_in_qr(raw) or raw
    with desk.store.read() as session:
        by_code = (
            session.scalars(_scoped(actor).where(Dossier.code == raw.upper())).all()
            or session.scalars(_scoped(actor).where(Dossier.code == raw)).all()
        )
        if by_code:
            return list(by_code)
        digits = digits_only(raw)
        if digits and len(digits) >= len(raw.replace(" ", "").replace(".", "")) - 1:
            # Two indexed lookups: one OR over both columns makes SQLite scan the office.
            found: list[str] = []
            for column in (Dossier.id_number, Dossier.phone):
                found += [
                    i
                    for i in session.scalars(
                        _scoped(actor).where(column == digits).limit(SEARCH_LIMIT)
                    )
                    if i not in found
                ]
            return found[:SEARCH_LIMIT]
        phrase = _fts_phrase(fold(raw))
        if phrase is None:
            return []
        rows = session.execute(
            text(
                # CROSS JOIN keeps SQLite from scanning the office's dossiers first.
                "SELECT d.id FROM dossier_search s CROSS JOIN dossiers d ON d.rowid = s.rowid "
                "WHERE dossier_search MATCH :q AND d.office_code = :office LIMIT :limit"
            ),
            {"q": phrase, "office": actor.office_code, "limit": SEARCH_LIMIT},
        )
        return [r[0] for r in rows]


def filter_choices(desk: Desk) -> tuple[list[tuple[str, str]], list[str]]:
    """The procedures (code, name) and sectors the queue can be filtered by."""
    with desk.store.read() as session:
        procedures = [(c, n) for c, n in session.execute(
            select(ProcedureRow.code, ProcedureRow.name).order_by(ProcedureRow.name))]
        sectors = list(session.scalars(
            select(ProcedureRow.sector).distinct().order_by(ProcedureRow.sector)))
    return procedures, sectors  # fmt: skip


def dossier_by_code(desk: Desk, actor: Actor, text: str) -> str | None:
    """The id of this office's dossier whose code is ``text`` (typed, or read by a scanner
    off a barcode or a printed paper's QR code), else None. Exact: a scan must not open a
    dossier that merely resembles it."""
    raw = text.strip()
    code = dossier_code_in_qr(raw) or raw
    if not code:
        return None
    with desk.store.read() as session:
        found = session.scalar(_scoped(actor).where(Dossier.code.in_({code, code.upper()})))
        return str(found) if found is not None else None
