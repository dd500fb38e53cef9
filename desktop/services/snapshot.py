"""Ảnh chụp dữ liệu — loading many dossiers at once, as they stand on the portal.

A new desk starts from a snapshot of its office's dossiers plus the portal's current
change cursor, not from a replay of the feed. The dossiers arrive with their current
state and, from a portal that sends it, their history (the acts, as the portal holds
them): a desk enrolled to replace a lost one shows the same timelines, counts the same
acts in its reports and moves the same due dates after a wait. One audit entry records
the load, and nothing goes to the outbox: the portal already has every one of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.core.calendar import Due
from desktop.core.lifecycle import DomainError, DossierState, department_given, rating_given
from desktop.core.moments import utc_text
from desktop.core.text import fold
from desktop.services.audit import record_audit
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import AccessDenied, IncomingDossier
from desktop.services.fees import record_known_payments
from desktop.store.models import Officer, ProcedureRow
from desktop.store.search import index_dossiers_after, last_rowid

BATCH = 5000


@dataclass(frozen=True)
class HistoryAct:
    """One act of a snapshot dossier's history, as the portal keeps it (``officer`` is a
    username, or "citizen" for what a citizen did online)."""

    act_id: str
    version: int
    act: str
    from_state: str | None
    to_state: str
    officer: str
    desk_id: str | None
    at: datetime
    payload: dict[str, Any]


@dataclass(frozen=True)
class SnapshotDossier:
    dossier: IncomingDossier
    state: DossierState
    version: int
    received_at: datetime | None = None
    due: Due | None = None
    resolved_at: datetime | None = None
    payments: tuple[dict[str, Any], ...] = ()  # fees already paid (online, other desks)
    original_due: Due | None = None  # the acceptance's appointment; None: the same as due
    acts: tuple[HistoryAct, ...] = ()  # its history, oldest first (none from an older portal)


_DOSSIER_COLUMNS = (
    "id", "code", "office_code", "procedure_code", "level", "channel", "applicant_name",
    "applicant_folded", "id_number", "phone", "email", "address", "state", "version",
    "submitted_at", "received_at", "due_date", "due_session", "due_at", "resolved_at",
    "updated_at", "original_due_date", "original_due_session", "original_due_at",
    "held_by", "held_since",
)  # fmt: skip
_PAPER_COLUMNS = ("dossier_id", "position", "name", "kind", "count", "file_name", "sha256")
_ACT_COLUMNS = ("act_id", "dossier_id", "version", "act", "from_state", "to_state",
                "officer_id", "desk_id", "at", "payload", "rating")  # fmt: skip


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return (f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})")  # fmt: skip


def _holder(item: SnapshotDossier) -> tuple[str | None, str | None]:
    """Who holds the dossier and since when, from its history, as the feed and the acts set
    the columns (``sync.client.apply``, ``services.dossiers``): the latest hand-over wins."""
    held: tuple[str | None, str | None] = (None, None)
    for a in item.acts:
        department = department_given(a.act, a.payload or {})
        if department is not None:
            held = (department, utc_text(a.at))
    return held


def _dossier_row(item: SnapshotDossier, now: str) -> tuple[Any, ...]:
    d, due = item.dossier, item.due
    original = item.original_due or due
    return (
        d.id, d.code, d.office_code, d.procedure_code, d.level, d.channel, d.applicant_name,
        fold(d.applicant_name), d.id_number, d.phone, d.email, d.address, item.state.value,
        item.version, utc_text(d.submitted_at), utc_text(item.received_at),
        due.date.isoformat() if due else None, due.session.value if due else None,
        utc_text(due.deadline) if due else None, utc_text(item.resolved_at), now,
        original.date.isoformat() if original else None,
        original.session.value if original else None,
        utc_text(original.deadline) if original else None,
        *_holder(item),
    )  # fmt: skip


def load_snapshot(
    desk: Desk, items: Iterable[SnapshotDossier], actor: Actor | None = None, analyze: bool = True
) -> int:
    """Insert the dossiers of a snapshot in one transaction; all of them or none."""
    with desk.store.write() as session:
        total = insert_snapshot(session, desk, items, actor or desk.sync_actor())
    if analyze:
        refresh_statistics(desk)
    return total


def insert_snapshot(
    session: Session, desk: Desk, items: Iterable[SnapshotDossier], actor: Actor
) -> int:
    """Insert snapshot dossiers inside the caller's transaction (the sync engine commits a
    page together with its cursor).

    This is the desk's one bulk path, so rows go to the driver as plain tuples (the same
    text forms the models store) rather than through per-row ORM parameter handling.
    """
    now = utc_text(desk.now())
    total = acts = 0
    iterator = iter(items)
    known = set(session.scalars(select(ProcedureRow.code)))
    before = last_rowid(session)
    connection = session.connection()
    paid: list[SnapshotDossier] = []
    officers = {u: i for u, i in session.execute(select(Officer.username, Officer.id))}
    while batch := list(islice(iterator, BATCH)):
        rows: list[tuple[Any, ...]] = []
        papers: list[tuple[Any, ...]] = []
        history: list[tuple[Any, ...]] = []
        for item in batch:
            d = item.dossier
            if d.office_code != desk.office_code:
                raise AccessDenied(f"Hồ sơ {d.code} không thuộc cơ quan {desk.office_code}.")
            if d.procedure_code not in known:
                raise DomainError(f"Hồ sơ {d.code}: thủ tục “{d.procedure_code}” không có.")
            rows.append(_dossier_row(item, now))
            if item.payments:
                paid.append(item)
            papers.extend(
                (d.id, i, p.name, p.kind, p.count, p.file_name, p.sha256)
                for i, p in enumerate(d.papers, start=1)
            )
            # As the feed stores them (``sync.client.apply``): a citizen's act has no
            # officer here, and the desk of an act the portal made is "portal".
            history.extend(
                (a.act_id, d.id, a.version, a.act, a.from_state, a.to_state,
                 officers.get(a.officer), a.desk_id or "portal", utc_text(a.at),
                 json.dumps(a.payload, ensure_ascii=False), rating_given(a.act, a.payload or {}))
                for a in item.acts
            )  # fmt: skip
        try:
            connection.exec_driver_sql(_insert_sql("dossiers", _DOSSIER_COLUMNS), rows)
        except IntegrityError:
            raise DomainError(
                "Ảnh chụp có hồ sơ trùng mã hoặc đã có trên bàn: không nạp hồ sơ nào."
            ) from None
        if papers:
            connection.exec_driver_sql(_insert_sql("dossier_papers", _PAPER_COLUMNS), papers)
        if history:
            try:
                connection.exec_driver_sql(_insert_sql("acts", _ACT_COLUMNS), history)
            except IntegrityError:
                raise DomainError(
                    "Ảnh chụp có thao tác trùng mã hoặc đã có trên bàn: không nạp hồ sơ nào."
                ) from None
        total += len(rows)
        acts += len(history)
    index_dossiers_after(session, before)
    for item in paid:
        record_known_payments(session, item.dossier.id, item.payments)
    record_audit(session, desk, actor, "snapshot.load", desk.office_code, None,
                 {"dossiers": total, "acts": acts})  # fmt: skip
    return total


def refresh_statistics(desk: Desk) -> None:
    with desk.store.write() as session:
        # The planner needs statistics after a bulk load; sampled ones are enough for it.
        session.execute(text("PRAGMA analysis_limit=1000"))
        session.execute(text("ANALYZE"))
