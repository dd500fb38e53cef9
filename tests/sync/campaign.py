"""Randomized fault campaign: desks, citizens and a real portal process, with faults.

    .venv/bin/python -m tests.sync.campaign --iterations 200 --seed 1234
    .venv/bin/python -m tests.sync.campaign --long          # 2,000 iterations

Each iteration does a few random acts at two desks and on the portal (citizens), then
syncs through a transport that drops requests before they leave, drops replies after the
portal committed, delivers twice, or cuts the sync half-way as a killed desk would; now
and then the portal restarts, or is restored from an older backup. After every iteration
a clean sync settles everything and the invariants are checked:

* lost: a desk act (not refused in a conflict) missing on the portal, or a portal act
  missing at a desk that has the dossier;
* doubled: two portal acts for one (dossier, version), or one act id applied twice;
* agreement: every dossier without an open conflict has the same version and state on
  both sides; every conflict recorded on the portal is known as one at the desk whose act
  it refused, and no act of a desk-recorded conflict was ever applied on the portal.

A restore may lose citizens' acts (supplements and withdrawals online): a desk that had
pulled one gives it back (``sync/portal/give_back.py``), so it counts as lost unless the
restored portal refused it — another desk acted on the dossier first —, which the desk
records (``given back refused`` in the totals). Restores are not drawn while a citizen's
submission since the last backup would be lost whole (dossiers are not given back).

Seeded and reproducible: the seed is printed, and ``--seed`` replays it with the same
totals. Nothing the dice decide depends on the wall clock, the speed of the machine or
the random ids (uuid4) the desks and the portal give: the world's time is the desks'
manual clocks from one start, dossiers are chosen in submission order, and the fault dice
are thrown only for requests that may fail (how many requests a clean sync or a
reconciliation makes depends on how the random ids fall into ranges).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from desktop.core.checks import OriginalCheck, OriginalVerdict
from desktop.core.lifecycle import Act, DossierState, allowed_acts
from desktop.services import dossiers as acts
from desktop.services import processing
from desktop.services.accounts import login
from desktop.services.context import Actor, Desk
from desktop.services.demo import ManualClock
from desktop.services.dossier_view import dossier_detail
from desktop.store.models import ActRow, Dossier, OutboxEvent, PortalFact, SyncConflict
from sync.client.engine import SyncEngine, resolve_conflict
from sync.client.transport import PortalUnreachable, Transport
from sync.portal.db import PortalDatabase
from sync.portal.demo import init_demo, submit_demo
from sync.portal.models import PortalAct, PortalConflict, PortalDossier
from sync.portal.service import citizen_act
from tests.sync.conftest import OFFICE, PortalProcess, enrolled_desk, free_port

FAULTS = ("none", "drop_request", "drop_reply", "duplicate", "cut")


class Cut(Exception):
    """The desk process dies here (nothing after this point of the sync is committed)."""


@dataclass
class FaultyTransport(Transport):
    """A real transport to the real portal, with faults decided by the campaign's dice."""

    rng: random.Random = field(default_factory=random.Random)
    fault_rate: float = 0.0
    faults: dict[str, int] = field(default_factory=dict)

    def _send(self, method: str, path: str, **kwargs: Any) -> Any:
        if self.fault_rate <= 0:  # no dice: the next faulty sync draws what it would have
            return super()._send(method, path, **kwargs)
        fault = self.rng.choice(FAULTS[1:]) if self.rng.random() < self.fault_rate else "none"
        self.faults[fault] = self.faults.get(fault, 0) + 1
        if fault == "drop_request":
            raise PortalUnreachable("dropped before it left the desk")
        reply = super()._send(method, path, **kwargs)
        if fault == "duplicate":
            reply = super()._send(method, path, **kwargs)  # the second copy's answer wins
        if fault == "drop_reply":
            raise PortalUnreachable("reply lost after the portal committed")
        if fault == "cut":  # the desk dies with the reply in hand, before writing anything
            raise Cut(path)
        return reply


@dataclass
class Totals:
    iterations: int = 0
    desk_acts: int = 0
    citizen_acts: int = 0
    syncs: int = 0
    failed_syncs: int = 0
    conflicts: int = 0
    restarts: int = 0
    restores: int = 0
    restores_losing_citizen_acts: int = 0
    given_back: int = 0  # citizens' acts a restored portal took back from a desk
    given_back_refused: int = 0
    lost: int = 0
    doubled: int = 0
    disagreements: int = 0
    faults: dict[str, int] = field(default_factory=dict)
    # What the dice chose, in order (desk, act, place in the queue): two runs of one seed
    # must agree on it, not only on the totals.
    trail: list[str] = field(default_factory=list)

    def line(self) -> str:
        faults = ", ".join(f"{k} {v}" for k, v in sorted(self.faults.items()))
        return (
            f"iterations {self.iterations}; desk acts {self.desk_acts}, citizen acts "
            f"{self.citizen_acts}; syncs {self.syncs} ({self.failed_syncs} cut short); "
            f"conflicts {self.conflicts}; portal restarts {self.restarts}, backups "
            f"restored {self.restores} ({self.restores_losing_citizen_acts} losing citizens' "
            f"acts; given back {self.given_back}, refused {self.given_back_refused}); "
            f"faults: {faults}; "
            f"lost {self.lost}, doubled {self.doubled}, disagreements {self.disagreements}"
        )


# Valid arguments for each act an officer may do at the desk.
def _desk_act(desk: Desk, officer: Actor, dossier_id: str, act: Act, rng: random.Random) -> None:
    match act:
        case Act.ACCEPT:
            acts.accept_dossier(desk, officer, dossier_id)
        case Act.REQUEST_SUPPLEMENT:
            acts.request_supplement(
                desk,
                officer,
                dossier_id,
                [acts.PaperProblem("Tờ khai", "missing")],
                "Thiếu tờ khai",
            )
        case Act.REFUSE:
            acts.refuse_dossier(desk, officer, dossier_id, "Không thuộc thẩm quyền")
        case Act.HAND_OVER:
            acts.hand_over(desk, officer, dossier_id, "Phòng chuyên môn")
        case Act.RECORD_RESULT:
            acts.record_result(desk, officer, dossier_id)
        case Act.DENY:
            acts.deny_dossier(desk, officer, dossier_id, "Không đủ điều kiện")
        case Act.RETURN_IN_PERSON:
            acts.return_in_person(desk, officer, dossier_id, "Người nộp")
        case Act.RETURN_BY_POST:  # the originals and the postage came by post first
            checks = [OriginalCheck(p.position, p.name, OriginalVerdict.MATCHES)
                      for p in dossier_detail(desk, officer, dossier_id).checklist]  # fmt: skip
            processing.receive_by_post(desk, officer, dossier_id, f"EB{rng.randint(1, 10**8)}VN",
                                       checks, postage=25_000)  # fmt: skip
            processing.post_result(desk, officer, dossier_id, f"RR{rng.randint(1, 10**8)}VN")
        case Act.STOP:
            acts.stop_processing(desk, officer, dossier_id, "Đề nghị dừng")
        case _:
            raise ValueError(act)


DESK_ACTS = {
    Act.ACCEPT,
    Act.REQUEST_SUPPLEMENT,
    Act.REFUSE,
    Act.HAND_OVER,
    Act.RECORD_RESULT,
    Act.DENY,
    Act.RETURN_IN_PERSON,
    Act.RETURN_BY_POST,
    Act.STOP,
}
CITIZEN_ACTS = {Act.RECORD_SUPPLEMENT, Act.WITHDRAW}


@dataclass
class World:
    portal: PortalProcess
    desks: list[Desk]
    officers: list[Actor]
    clocks: list[ManualClock]
    transports: list[FaultyTransport]
    backup: Path
    rng: random.Random
    totals: Totals = field(default_factory=Totals)
    # A restored backup loses what citizens did on the portal after it: their acts on
    # dossiers come back from the desks that pulled them, a whole dossier submitted after
    # it does not (see docs/SYNC.md), so restores are drawn only while there is none.
    citizen_acts_since_backup: bool = False
    submissions_since_backup: bool = False

    def portal_db(self) -> PortalDatabase:
        return PortalDatabase(self.portal.db_url)


def build_world(folder: Path, seed: int, start: datetime, dossiers: int = 120) -> World:
    rng = random.Random(seed)
    portal_file = folder / "portal.db"
    portal = PortalProcess(f"http://127.0.0.1:{free_port()}", f"sqlite:///{portal_file}")
    db = portal.database()
    init_demo(db)
    submit_demo(db, dossiers, OFFICE, seed, now=start)
    db.dispose()
    portal.start()
    desks, officers, clocks, transports = [], [], [], []
    for n, skew in enumerate((timedelta(0), timedelta(days=rng.choice([-1, 1])))):
        # The second desk's clock is a day off: nothing may depend on desks' clocks agreeing.
        clock = ManualClock(start + skew)
        desk = enrolled_desk(portal, folder / f"desk{n}.db", clock=clock)
        SyncEngine(desk).sync_once()
        desks.append(desk)
        clocks.append(clock)
        officers.append(login(desk, ("canbo1", "canbo2")[n], ("canbo1-demo", "canbo2-demo")[n]))
        # One attempt per request, so that faults surface instead of being retried away.
        transports.append(FaultyTransport(portal.url, attempts=1, rng=random.Random(rng.random())))
    world = World(portal, desks, officers, clocks, transports, folder / "backup.db", rng)
    take_backup(world)
    return world


def take_backup(world: World) -> None:
    live = sqlite3.connect(world.portal.db_url.removeprefix("sqlite:///"))
    copy = sqlite3.connect(world.backup)
    live.backup(copy)
    live.close()
    copy.close()


def restore_backup(world: World) -> None:
    world.portal.stop()
    portal_file = Path(world.portal.db_url.removeprefix("sqlite:///"))
    shutil.copy(world.backup, portal_file)
    for suffix in ("-wal", "-shm"):
        Path(f"{portal_file}{suffix}").unlink(missing_ok=True)
    world.portal.start()


def sync_with_faults(world: World, n: int, fault_rate: float) -> None:
    desk, transport = world.desks[n], world.transports[n]
    transport.fault_rate = fault_rate
    world.totals.syncs += 1
    engine = SyncEngine(desk, transport=transport)
    try:
        report = engine.sync_once()
        world.totals.conflicts += report.conflicts
        world.totals.given_back += report.given_back
        world.totals.given_back_refused += report.give_back_refused
    except (PortalUnreachable, Cut):
        world.totals.failed_syncs += 1
    finally:
        for k, v in transport.faults.items():
            world.totals.faults[k] = world.totals.faults.get(k, 0) + v
        transport.faults.clear()


def settle(world: World) -> None:
    """Clean syncs until nothing moves, as the next quiet hour on a good link would; the
    officers take the portal's side of every conflict (an audited act of theirs)."""
    for _ in range(6):
        moved = False
        for n, desk in enumerate(world.desks):
            _resolve_all_conflicts(desk, world.officers[n])
            world.transports[n].fault_rate = 0.0
            engine = SyncEngine(desk, transport=world.transports[n])
            report = engine.sync_once()
            world.totals.conflicts += report.conflicts
            world.totals.given_back += report.given_back
            world.totals.given_back_refused += report.give_back_refused
            # The periodic reconciliation catches what no change in the feed would show.
            reconciled = engine.reconcile()
            world.totals.given_back += reconciled.given_back
            moved = moved or report.moved_anything() or bool(reconciled.repaired)
        if not moved:
            return


def _resolve_all_conflicts(desk: Desk, officer: Actor) -> None:
    with desk.store.read() as s:
        open_ids = list(
            s.scalars(select(SyncConflict.id).where(SyncConflict.resolved_at.is_(None)))
        )
    for conflict_id in open_ids:
        resolve_conflict(desk, officer, conflict_id)


def one_iteration(world: World) -> None:
    rng = world.rng
    for _ in range(rng.randint(1, 6)):  # both desks work on the same office's queue
        n = rng.randrange(len(world.desks))
        desk, officer = world.desks[n], world.officers[n]
        world.clocks[n].now += timedelta(minutes=rng.randint(1, 90))
        with desk.store.read() as s:  # codes break ties: within a day, in submission order
            rows = s.execute(
                select(Dossier.id, Dossier.state).order_by(Dossier.submitted_at, Dossier.code)
            ).all()
        workable = [
            (i, st) for i, st in rows if any(a in DESK_ACTS for a in allowed_acts(DossierState(st)))
        ]
        if not workable:
            break
        place = rng.randrange(len(workable))
        dossier_id, state = workable[place]
        act = rng.choice([a for a in allowed_acts(DossierState(state)) if a in DESK_ACTS])
        world.totals.trail.append(f"desk {n}: {act.value} {place}/{len(workable)}")
        try:
            _desk_act(desk, officer, dossier_id, act, rng)
            world.totals.desk_acts += 1
        except acts.DomainError:
            pass  # e.g. the dossier has no appointment to move yet
    if rng.random() < 0.5:  # citizens act online meanwhile: submit, supplement, withdraw
        citizen_turn(world)
    # Not every desk syncs every time: a commune's link may be down for hours.
    for n in rng.sample(range(len(world.desks)), rng.randint(1, len(world.desks))):
        sync_with_faults(world, n, fault_rate=0.35)
    if rng.random() < 0.08:
        world.portal.stop()
        world.portal.start()
        world.totals.restarts += 1
    if rng.random() < 0.12 and not world.submissions_since_backup:
        restore_backup(world)
        world.totals.restores += 1
        world.totals.restores_losing_citizen_acts += world.citizen_acts_since_backup
    elif rng.random() < 0.15:
        take_backup(world)
        world.citizen_acts_since_backup = world.submissions_since_backup = False


def citizen_turn(world: World) -> None:
    rng = world.rng
    db = world.portal_db()
    if rng.random() < 0.3:  # at the office's time, which the first desk's clock keeps
        submit_demo(db, rng.randint(1, 3), OFFICE, rng.randrange(10**6), now=world.clocks[0].now)
        world.totals.citizen_acts += 1
        world.submissions_since_backup = True
    with db.transaction() as s:
        rows = s.execute(
            select(PortalDossier.id, PortalDossier.state)
            .where(PortalDossier.office_code == OFFICE)
            .order_by(PortalDossier.submitted_at, PortalDossier.code)
        ).all()
        place = rng.randrange(len(rows))
        dossier_id, state = rows[place]
        options = [a for a in allowed_acts(DossierState(state)) if a in CITIZEN_ACTS]
        if options:
            act = rng.choice(options)
            world.totals.trail.append(f"citizen: {act.value} {place}/{len(rows)}")
            citizen_act(s, dossier_id, act, {"reason": "Công dân"})
            world.totals.citizen_acts += 1
            world.citizen_acts_since_backup = True
    db.dispose()


def check(world: World) -> None:
    """Count lost, doubled and disagreeing acts and dossiers after settling."""
    db = world.portal_db()
    with db.reading() as s:
        portal_acts = {a.act_id: (a.dossier_id, a.act) for a in s.scalars(select(PortalAct))}
        doubled = s.execute(
            select(func.count()).select_from(
                select(PortalAct.dossier_id, PortalAct.version)
                .group_by(PortalAct.dossier_id, PortalAct.version)
                .having(func.count() > 1)
                .subquery()
            )
        ).scalar_one()
        portal_state = {
            d.id: (d.version, d.state)
            for d in s.scalars(select(PortalDossier).where(PortalDossier.office_code == OFFICE))
        }
        portal_conflicts = {c.event_id for c in s.scalars(select(PortalConflict))}
    db.dispose()
    world.totals.doubled += int(doubled)
    # An act the portal refused (at whichever desk made it) is recorded there, not lost,
    # even where another desk had pulled a copy before a restore undid it.
    refused: set[str] = set()
    for desk in world.desks:
        with desk.store.read() as s:
            refused |= {
                str(e.body["act_id"])
                for e in s.scalars(
                    select(OutboxEvent).where(
                        OutboxEvent.status.in_(("conflict", "superseded", "rejected"))
                    )
                )
            }
            # A citizen's act a restored portal could not take back (a desk acted first).
            refused |= set(
                s.scalars(select(PortalFact.fact_id).where(PortalFact.outcome == "refused"))
            )
    for desk in world.desks:
        with desk.store.read() as s:
            # Every conflict the desk recorded left its act refused, never applied up.
            conflicted_but_sent = s.scalar(
                select(func.count())
                .select_from(SyncConflict)
                .join(OutboxEvent, OutboxEvent.event_id == SyncConflict.event_id)
                .where(OutboxEvent.status.not_in(("conflict", "superseded", "rejected")))
            )
            known_events = {
                e.event_id: e.status
                for e in s.scalars(select(OutboxEvent).where(OutboxEvent.kind == "dossier.act"))
            }
            desk_acts = {a.act_id: a.dossier_id for a in s.scalars(select(ActRow))}
            local = {d.id: (d.version, d.state) for d in s.scalars(select(Dossier))}
            pending = (
                s.scalar(
                    select(func.count())
                    .select_from(OutboxEvent)
                    .where(OutboxEvent.status == "pending")
                )
                or 0
            )
        missing_up = [a for a in desk_acts if a not in portal_acts and a not in refused]
        # Desks start from a snapshot: the submissions before it are not theirs to hold.
        missing_down = [
            a
            for a, (dossier_id, act) in portal_acts.items()
            if dossier_id in local and a not in desk_acts and act != "receive"
        ]
        if missing_up or missing_down or pending:
            print(
                f"    desk {desk.desk_id[:8]}: up {missing_up[:3]}, down {missing_down[:3]}, "
                f"pending {pending}",
                flush=True,
            )
        world.totals.lost += len(missing_up) + len(missing_down) + pending
        world.totals.disagreements += sum(local[i] != portal_state.get(i) for i in local)
        world.totals.disagreements += int(conflicted_but_sent or 0)
        # Every conflict the portal recorded for this desk's event was learnt by the desk.
        world.totals.disagreements += sum(
            1 for e in portal_conflicts if known_events.get(e, "conflict") == "acked"
        )


def run(
    iterations: int,
    seed: int,
    progress: Callable[[int, Totals], None] | None = None,
    start: datetime | None = None,
) -> Totals:
    """The campaign; ``start`` is the desks' first moment (now by default): the totals of
    one seed do not depend on it."""
    with tempfile.TemporaryDirectory() as tmp:
        world = build_world(Path(tmp), seed, start or datetime.now(UTC))
        try:
            for i in range(1, iterations + 1):
                one_iteration(world)
                settle(world)
                check(world)
                world.totals.iterations = i
                if progress:
                    progress(i, world.totals)
        finally:
            world.portal.stop()
            for desk in world.desks:
                desk.store.close()
    return world.totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--long", action="store_true", help="2,000 iterations")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
    iterations = 2000 if args.long else args.iterations
    print(f"fault campaign: seed {seed}, {iterations} iterations", flush=True)
    start = time.monotonic()
    totals = run(
        iterations,
        seed,
        lambda i, t: (
            i % 50 == 0 and print(f"  after {i}: lost {t.lost}, doubled {t.doubled}", flush=True)
        ),
    )
    print(f"fault campaign totals ({time.monotonic() - start:.0f} s): {totals.line()}")
    ok = totals.lost == totals.doubled == totals.disagreements == 0
    print("OK" if ok else f"FAILED — replay with --seed {seed}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
