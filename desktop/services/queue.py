"""Danh sách hồ sơ — the queries behind the officer's queue, scoped to the officer's office.

The UI holds only dossier ids and asks for rows a page at a time (``rows_for``), so the
queue of a busy provincial department scrolls as fast as a commune's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, case, func, select, text
from sqlalchemy.orm import Session

from desktop.core.appointments import reappointed
from desktop.core.calendar import Due, Standing
from desktop.core.lifecycle import DossierState
from desktop.core.seals import PREFIX
from desktop.core.text import digits_only, fold
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import dossier_due, original_due
from desktop.store.models import DOSSIER_IS_OPEN, Dossier, ProcedureRow

SEARCH_LIMIT = 200
# What a code's tail looks like: its last digits ("0004"), with the day ("260804-0004")
# or more of the office's prefix; at least four characters, so "4" does not list a year.
_CODE_TAIL = re.compile(r"[A-Z0-9][A-Z0-9.\-]{2,}[0-9]")
# Phones have 9 (mobile) or 10 (landline) digits after the 0 or the +84; CCCD 12, CMND 9.
MIN_NUMBER_DIGITS = 9


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


# The queue's columns an officer can sort by, in the table's order.
SORT_KEYS = ("code", "applicant", "procedure", "level", "channel", "submitted", "due", "state",
             "progress")  # fmt: skip


@dataclass(frozen=True)
class QueueSort:
    """A column the officer clicked: one of ``SORT_KEYS``, ascending unless ``descending``."""

    key: str
    descending: bool = False


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
        query = query.where(DOSSIER_IS_OPEN)  # the open-queue index alone, see the model
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


def _sort_terms(sort: QueueSort) -> list[Any]:
    """ORDER BY terms for ``sort``: by the stored values (the deadline as the datetime it is,
    a name without diacritics, a state in its lifecycle order), never by the shown text."""
    deadline = func.coalesce(Dossier.original_due_at, Dossier.due_at)  # the one shown first
    columns: dict[str, Any] = {
        "code": Dossier.code,
        "applicant": Dossier.applicant_folded,
        "procedure": select(ProcedureRow.name)
        .where(ProcedureRow.code == Dossier.procedure_code)
        .scalar_subquery(),
        "level": Dossier.level,
        "channel": Dossier.channel,
        "submitted": Dossier.submitted_at,
        "due": deadline,
        "state": case({s.value: n for n, s in enumerate(DossierState)}, value=Dossier.state),
        "progress": deadline,  # the days left follow the deadline
    }
    if sort.key not in columns:
        raise ValueError(f"unknown queue column {sort.key!r}")
    column = columns[sort.key]
    terms: list[Any] = []
    if sort.key in ("due", "progress"):
        terms.append(deadline.is_(None))  # no deadline yet: after those that have one
    terms.append(column.desc() if sort.descending else column.asc())
    return [*terms, Dossier.submitted_at, Dossier.id]  # ties: a stable, repeatable order


def queue_ids(
    desk: Desk,
    actor: Actor,
    f: QueueFilter = QueueFilter(),
    limit: int | None = None,
    sort: QueueSort | None = None,
) -> list[str]:
    """Ids in queue order: dossiers awaiting the completeness check first, then by due time;
    or in the order of the column the officer sorted by."""
    query = _apply_filter(desk, _scoped(actor), f)
    if sort is None:
        query = query.order_by(Dossier.due_at, Dossier.submitted_at)
    else:
        query = query.order_by(*_sort_terms(sort))
    if limit is not None:
        query = query.limit(limit)
    with desk.store.read() as session:
        return list(session.scalars(query))


def sorted_ids(desk: Desk, actor: Actor, ids: Sequence[str], sort: QueueSort) -> list[str]:
    """``ids`` (a search's results, a few hundred at most) in the order of ``sort``."""
    if not ids:
        return []
    query = _scoped(actor).where(Dossier.id.in_(list(ids))).order_by(*_sort_terms(sort))
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


def phone_spellings(digits: str) -> list[str]:
    """The ways a Vietnamese phone number is commonly stored, whichever of them was typed:
    0912345678, 84912345678, +84912345678, 912345678, and 0912 345 678 / 0912.345.678 /
    +84 912 345 678. Each is an indexed lookup; a scan of every phone would be too slow."""
    if digits.startswith("84") and len(digits) in (11, 12):
        national = digits[2:]
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        national = digits
    spellings = [digits, f"0{national}", f"84{national}", f"+84{national}", national]
    if len(national) == 9:  # a mobile number, written in groups
        a, b, c = national[:3], national[3:6], national[6:]
        spellings += [f"0{a} {b} {c}", f"0{a}.{b}.{c}", f"+84 {a} {b} {c}"]
    return list(dict.fromkeys(spellings))


def _is_number(raw: str) -> bool:
    """A CCCD or phone as typed: digits, perhaps grouped by spaces, dots or dashes, perhaps
    after a +."""
    return any(c.isdigit() for c in raw) and all(c.isdigit() or c in " .-()+" for c in raw)


def _by_code_tail(session: Session, actor: Actor, tail: str) -> list[str]:
    """The office's dossiers whose code ends with ``tail``, the latest first (codes carry
    the day): a scan of the code index only, never of the dossiers."""
    pattern = tail.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = session.execute(
        text(
            # CROSS JOIN: walk the (covering) code index first, then fetch each match.
            "SELECT d.id FROM dossiers m CROSS JOIN dossiers d ON d.rowid = m.rowid "
            "WHERE m.code LIKE :pattern ESCAPE '\\' AND d.office_code = :office "
            "ORDER BY m.code DESC LIMIT :limit"
        ),
        {"pattern": f"%{pattern}", "office": actor.office_code, "limit": SEARCH_LIMIT},
    )
    return [r[0] for r in rows]


def find_dossiers(desk: Desk, actor: Actor, query_text: str) -> list[str]:
    """Tìm hồ sơ: a dossier code or its tail ("0004", "260804-0004"), a name typed with or
    without diacritics, a CCCD, a phone however written (+84…, 84…, 0…, in groups), or what
    a scanner reads off a printed paper's QR code (its dossier code is inside). Every
    state is searched: a citizen asks about a dossier returned last month too."""
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
        if _is_number(raw) and len(digits) >= MIN_NUMBER_DIGITS:
            # Indexed lookups: one OR over both columns makes SQLite scan the office.
            found: list[str] = []
            for column, values in ((Dossier.id_number, [digits]),
                                   (Dossier.phone, phone_spellings(digits))):  # fmt: skip
                query = _scoped(actor).where(column.in_(values)).limit(SEARCH_LIMIT)
                found += [i for i in session.scalars(query) if i not in found]
            if found:
                return found[:SEARCH_LIMIT]
        tail = raw.upper().replace(" ", "")
        if _CODE_TAIL.fullmatch(tail):
            by_tail = _by_code_tail(session, actor, tail)
            if by_tail or _is_number(raw):
                return by_tail
        return _by_name(session, actor, _WORD.findall(fold(raw)))


def _by_name(session: Session, actor: Actor, words: list[str]) -> list[str]:
    """The dossiers whose folded name holds ``words`` in a row (the last one begun):
    first those whose name begins with them, in name order, from one range of the name
    index (no dossier row read: on an encrypted desk each row read from the disk is a
    page to decrypt); then, while fewer than ``SEARCH_LIMIT``, those that hold them
    further in, from the full-text index — whose rows are read, for their ids."""
    if not words:
        return []
    typed = " ".join(words)
    begins = session.execute(
        text(
            "SELECT rowid, id FROM dossiers INDEXED BY ix_dossiers_office_name "
            "WHERE office_code = :office AND applicant_folded >= :typed "
            "AND applicant_folded < :after ORDER BY applicant_folded LIMIT :limit"
        ),
        # U+10FFFF: above every character a name can hold, so the range is the prefix.
        {"office": actor.office_code, "typed": typed, "after": typed + "\U0010ffff",
         "limit": SEARCH_LIMIT},
    ).all()  # fmt: skip
    found = [dossier_id for _, dossier_id in begins]
    if len(found) == SEARCH_LIMIT:
        return found
    seen = {rowid for rowid, _ in begins}
    further = [rowid for (rowid,) in session.execute(
        text("SELECT rowid FROM dossier_search WHERE dossier_search MATCH :q LIMIT :limit"),
        {"q": _fts_phrase(typed), "limit": SEARCH_LIMIT + len(seen)},
    ) if rowid not in seen][: SEARCH_LIMIT - len(found)]  # fmt: skip
    if further:
        ids: dict[int, str] = {rowid: dossier_id for rowid, dossier_id in session.execute(text(
            "SELECT rowid, id FROM dossiers WHERE office_code = :office "
            "AND rowid IN (SELECT value FROM json_each(:rowids))"),
            {"office": actor.office_code, "rowids": json.dumps(further)})}  # fmt: skip
        found += [ids[r] for r in further if r in ids]
    return found


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
