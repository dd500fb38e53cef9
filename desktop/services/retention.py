"""Thời hạn lưu bản quét — the citizen's scans removed from this desk once the dossier was
returned long enough ago (``SCAN_RETENTION`` months), when the portal holds them.

The portal is the system of record: removing the desk's copy, authorised and audited,
deletes no data message (Quy chế 03/2017 Đ5.3 forbids deleting one without right); it only
keeps less personal data on a computer at the counter once its purpose is served (Luật
91/2025/QH15; see docs/SECURITY.md for what we could verify of it). So a scan goes only
when the portal is known to hold it:

- the desk is enrolled with a portal (a demo desk's scans exist nowhere else);
- every act of the dossier was acknowledged by the portal (nothing still to push);
- the scan is one the portal sent (a paper of the dossier), or a signed document of a
  return online, which the portal applied only once it held the whole file;
- no other dossier still kept on the desk uses the same file (scans are stored by content).

A scan made at the desk and never sent (a result document recorded with its scan, for
instance) stays. The dossier's record, its papers and each scan's SHA-256 stay too: the
file can be fetched from the portal again under that name. Each dossier purged gets one
audit entry (``scans.purge``: how many files, how many bytes, which hashes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.accounts import Role
from desktop.core.lifecycle import Act, DomainError, DossierState
from desktop.services.audit import record_audit
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import AccessDenied
from desktop.services.options import SCAN_RETENTION, read
from desktop.services.scans import ScanStore
from desktop.services.sync_status import is_enrolled
from desktop.store.models import ActRow, Dossier, DossierPaper, OutboxEvent

PURGE_ACTION = "scans.purge"
RETURNED = (DossierState.RETURNED_IN_PERSON, DossierState.RETURNED_BY_POST,
            DossierState.RETURNED_ONLINE)  # fmt: skip
RETURN_ACTS = (Act.RETURN_IN_PERSON, Act.RETURN_BY_POST, Act.RETURN_ONLINE)


@dataclass(frozen=True)
class PurgedDossier:
    dossier_id: str
    code: str
    returned_at: datetime
    files: tuple[str, ...]  # the SHA-256 of each file removed (or to remove, on a dry run)
    bytes: int
    kept: int  # files of this dossier kept: not known to be on the portal, or shared


@dataclass(frozen=True)
class PurgeReport:
    months: int  # 0: the desk keeps scans for ever, nothing was looked at
    cutoff: datetime | None  # dossiers returned before this moment were looked at
    dry_run: bool
    dossiers: tuple[PurgedDossier, ...]
    waiting: int  # returned long enough ago, but with acts the portal has not acknowledged

    @property
    def files(self) -> int:
        return sum(len(d.files) for d in self.dossiers)

    @property
    def bytes(self) -> int:
        return sum(d.bytes for d in self.dossiers)


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (the 31st becomes the last
    day of a shorter month)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    following = datetime(year + (month == 12), month % 12 + 1, 1)
    last_day = (following - datetime(year, month, 1)).days
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def purge_scans(desk: Desk, actor: Actor, *, dry_run: bool = False) -> PurgeReport:
    """Remove the scans of dossiers returned more than ``SCAN_RETENTION`` months ago which
    the portal holds; with ``dry_run``, only say what would go. Administrators only."""
    if actor.role is not Role.ADMINISTRATOR:
        raise AccessDenied("Chỉ quản trị hệ thống được xoá bản quét khỏi máy.")
    with desk.store.read() as session:
        months = read(session, SCAN_RETENTION)
        if months == 0:
            return PurgeReport(0, None, dry_run, (), 0)
        if not is_enrolled(session):
            raise DomainError("Bàn chưa ghi danh với cổng: bản quét trên máy không có bản nào "
                              "trên cổng, không xoá.")  # fmt: skip
        cutoff = months_before(desk.now(), months)
        returned = _returned_before(session, cutoff)
        unsettled = _with_unacknowledged_acts(session, returned)
        due = {i: at for i, at in returned.items() if i not in unsettled}
        kept_elsewhere = _files_of_dossiers_kept(session, set(due))
        plans = [_plan(session, desk, dossier_id, at, kept_elsewhere)
                 for dossier_id, at in sorted(due.items(), key=lambda item: (item[1], item[0]))
                 ]  # fmt: skip
    done = [p for p in plans if p.files]
    if not dry_run:
        done = [_purge(desk, actor, p, months) for p in done]
    return PurgeReport(months, cutoff, dry_run, tuple(done), len(unsettled))


def _returned_before(session: Session, cutoff: datetime) -> dict[str, datetime]:
    """Dossiers now returned, by id, with the moment of their return, if before ``cutoff``."""
    rows = session.execute(
        select(ActRow.dossier_id, func.max(ActRow.at))
        .join(Dossier, Dossier.id == ActRow.dossier_id)
        .where(Dossier.state.in_([s.value for s in RETURNED]),
               ActRow.act.in_([a.value for a in RETURN_ACTS]))
        .group_by(ActRow.dossier_id)
    ).all()  # fmt: skip
    # Compared here, not in SQL: the moment is read back as an aware datetime.
    return {dossier_id: at for dossier_id, at in rows if at < cutoff}


# Still to be pushed or settled: a "superseded" act gave way to the portal's (whose record
# the desk then took), so it no longer holds the dossier back.
UNSETTLED = ("pending", "conflict", "rejected")


def _with_unacknowledged_acts(session: Session, dossier_ids: Iterable[str]) -> set[str]:
    wanted = set(dossier_ids)
    open_events = session.scalars(
        select(OutboxEvent.dossier_id).where(OutboxEvent.status.in_(UNSETTLED)).distinct()
    )
    return {i for i in open_events if i in wanted}


def _files_of_dossiers_kept(session: Session, purged: set[str]) -> set[str]:
    """Every file another dossier still uses: its papers and what its acts recorded."""
    kept = {sha for dossier_id, sha in session.execute(
        select(DossierPaper.dossier_id, DossierPaper.sha256).where(DossierPaper.sha256 != "")
    ) if dossier_id not in purged}  # fmt: skip
    for dossier_id, payload in session.execute(
        select(ActRow.dossier_id, ActRow.payload).where(
            func.json_extract(ActRow.payload, "$.sha256").is_not(None)
            | func.json_extract(ActRow.payload, "$.documents").is_not(None))
    ):  # fmt: skip
        if dossier_id not in purged:
            kept |= _files_in(payload)
    return kept


def _files_in(payload: dict[str, Any]) -> set[str]:
    found = {str(payload["sha256"])} if payload.get("sha256") else set()
    for document in payload.get("documents") or []:
        if isinstance(document, dict) and document.get("sha256"):
            found.add(str(document["sha256"]))
    return found


def _plan(
    session: Session, desk: Desk, dossier_id: str, returned_at: datetime, kept_elsewhere: set[str]
) -> PurgedDossier:
    dossier = session.get(Dossier, dossier_id)
    assert dossier is not None  # found by the query above, in this transaction
    on_portal = set(session.scalars(select(DossierPaper.sha256).where(
        DossierPaper.dossier_id == dossier_id, DossierPaper.sha256 != "")))  # fmt: skip
    # Acts this desk sent that the portal did not apply (superseded by the portal's own).
    not_applied = set(session.scalars(select(
        func.json_extract(OutboxEvent.body, "$.act_id")).where(
        OutboxEvent.dossier_id == dossier_id, OutboxEvent.status != "acked")))  # fmt: skip
    made_here: set[str] = set()
    for act_id, act, payload in session.execute(
        select(ActRow.act_id, ActRow.act, ActRow.payload).where(ActRow.dossier_id == dossier_id)
    ):
        files = _files_in(payload)
        # A signed document of a return online the portal applied (acknowledged, or pulled
        # from it): the portal applies one only once it holds the whole file.
        if act == Act.RETURN_ONLINE.value and act_id not in not_applied:
            on_portal |= {str(d["sha256"]) for d in payload.get("documents") or []
                          if isinstance(d, dict) and d.get("sha256")}  # fmt: skip
            files -= on_portal
        made_here |= files
    scans = ScanStore.of(desk)
    present = {sha for sha in on_portal | made_here if scans.has(sha)}
    going = sorted(sha for sha in present & on_portal if sha not in kept_elsewhere)
    size = sum(scans.path_for(sha).stat().st_size for sha in going)
    return PurgedDossier(dossier_id, dossier.code, returned_at, tuple(going), size,
                         len(present) - len(going))  # fmt: skip


def _purge(desk: Desk, actor: Actor, plan: PurgedDossier, months: int) -> PurgedDossier:
    """Remove one dossier's files and record it, in one transaction. A file that cannot be
    removed stops the purge; the ones removed before it are still recorded."""
    scans = ScanStore.of(desk)
    removed: list[str] = []
    size = 0
    failure: OSError | None = None
    for sha in plan.files:
        path = scans.path_for(sha)
        try:
            length = path.stat().st_size
            path.unlink()
        except FileNotFoundError:
            continue  # gone meanwhile: nothing removed, nothing to record
        except OSError as exc:
            failure = exc
            break
        removed.append(sha)
        size += length
    done = PurgedDossier(plan.dossier_id, plan.code, plan.returned_at, tuple(removed), size,
                         plan.kept + len(plan.files) - len(removed))  # fmt: skip
    if removed:
        with desk.store.write() as session:
            record_audit(session, desk, actor, PURGE_ACTION, plan.code, None, {
                "dossier_id": plan.dossier_id, "files": len(removed), "bytes": size,
                "sha256": list(removed), "kept": done.kept, "months": months,
                "returned_at": plan.returned_at.isoformat(),
            })  # fmt: skip
    if failure is not None:
        raise failure
    return done
