"""A commune desk works a week offline, then catches up over a slow, lossy link.

    .venv/bin/python -m tests.field.week_offline --days 7 --acts-per-day 60 \\
        --kbps 50 --rtt-ms 1000 --loss 0.02 --seed 1

The portal is the real one (a process over loopback HTTP). On the first morning the desk
is enrolled in town, on a good link: it takes the office's dossiers and scans and enough
receipt numbers for the week. Then its link is gone for ``--days`` days. Every working
day officers receive, check and accept dossiers, ask for supplements, refuse, hand over,
record results and deny, collect fees with receipts (now and then a receipt written wrong
is corrected), print the acceptance slips and receipts, and return results — through the
desk's own services, the clock moved by hand through the day. Meanwhile citizens go on
submitting online, with phone photos of their papers.

Then the link comes back as a commune has it (``tests.field.link``): the desk syncs through
it until it has caught up, trying again a little later whenever a sync gives up. Printed:
the time to catch up, the bytes on the wire each way, how the link behaved, which scans
were resumed after a cut or a reset and whether any completed chunk crossed the link
twice, and the checks — no act lost, none doubled, every receipt once on both sides.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from PIL import Image
from sqlalchemy import func, select

from desktop.core.calendar import OFFICE_TZ
from desktop.core.checks import OriginalCheck, OriginalVerdict, PaperCheck, PaperVerdict
from desktop.core.lifecycle import Act, DomainError, DossierState, allowed_acts
from desktop.documents.demo_scans import demo_pdf
from desktop.services import dossiers as acts
from desktop.services import fees, papers, processing, reception
from desktop.services.accounts import login
from desktop.services.context import Actor, Desk
from desktop.services.demo import ManualClock, id_number, phone_number, vietnamese_name
from desktop.services.dossier_view import dossier_detail
from desktop.services.scans import ScanStore
from desktop.store.models import (
    DOSSIER_IS_OPEN,
    ActRow,
    Dossier,
    DossierPaper,
    OutboxEvent,
    Payment,
    Receipt,
)
from sync.client.attachments import CHUNK
from sync.client.engine import SyncEngine, SyncReport
from sync.client.transport import PortalUnreachable, Transport
from sync.portal.demo import init_demo
from sync.portal.models import PortalAct, PortalDossier, PortalPayment, PortalProcedure
from sync.portal.models import PortalReceipt as PortalReceiptRow
from sync.portal.service import store_attachment, submit_dossier
from tests.field.link import Cut, Link
from tests.sync.conftest import OFFICE, PortalProcess, enrolled_desk, free_port

S = DossierState
DEPARTMENT = "Phòng chuyên môn"
# How often each act is chosen among those the dossier's state allows (a commune's week:
# mostly receptions, hand-overs, results and returns).
WEIGHTS = {
    Act.ACCEPT: 10,
    Act.REQUEST_SUPPLEMENT: 2,
    Act.REFUSE: 1,
    Act.RECORD_SUPPLEMENT: 6,
    Act.HAND_OVER: 10,
    Act.RECORD_RESULT: 8,
    Act.DENY: 1,
    Act.RETURN_IN_PERSON: 8,
    Act.RETURN_BY_POST: 1,
    Act.WITHDRAW: 1,
}


@dataclass(frozen=True)
class Plan:
    days: int = 7
    acts_per_day: int = 60  # per working day
    seed: int = 1
    kbps: float = 50.0
    rtt_ms: float = 1000.0
    loss: float = 0.02
    online_per_day: int = 1  # dossiers citizens submit online each day of the week
    scan_kb: int = 100  # a phone photo of a paper, as citizens attach them
    cut_every_kb: int = 0  # the link is cut each time this many more KB crossed it (0: never)
    cut_seconds: float = 30.0
    cuts: int = 199  # at most this many cuts
    cut_mid_scan: bool = False  # one cut instead, half-way through a scan's second chunk
    retry_seconds: float = 5.0  # the desk tries again this long after a sync gave up


@dataclass
class Week:
    """What the desk did offline."""

    acts: Counter[str] = field(default_factory=Counter)
    receipts: int = 0
    corrected: int = 0
    prints: int = 0
    declined: int = 0  # the services refused (e.g. a fee still owed): not an act
    online: list[str] = field(default_factory=list)  # dossiers citizens submitted meanwhile
    seconds: float = 0.0


@dataclass
class Transfer:
    """One request for a byte range of a scan, as the desk's transport made it."""

    sha: str
    start: int
    got: int  # bytes received, 0 when the request failed
    ok: bool


class ObservedSession(requests.Session):
    """The desk's HTTP session, noting each request for a scan's byte range and whether
    its reply came whole (the transport retries on top of this; nothing is changed)."""

    def __init__(self) -> None:
        super().__init__()
        self.transfers: list[Transfer] = []
        self.failed_requests = 0
        self.whole_replies = 0  # bytes of the replies that arrived whole (headers aside)
        self.started = time.monotonic()
        # Per kind of request (push, pull, scans, the rest): bytes of the bodies sent and of
        # the replies that came whole, and when the last of them came (s after ``started``).
        self.kinds: dict[str, list[float]] = {}

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        path = urlsplit(str(url)).path
        sha = path.rsplit("/", 1)[1] if "/attachments/" in path else ""
        tail = path.rsplit("/", 1)[1]
        kind = "scans" if sha else {"events": "push", "changes": "pull"}.get(tail, "other")
        start = int(str((kwargs.get("headers") or {}).get("Range", "bytes=0-"))[6:].split("-")[0])
        try:
            response = super().request(method, url, *args, **kwargs)
        except requests.RequestException:
            self.failed_requests += 1
            if sha:
                self.transfers.append(Transfer(sha, start, 0, False))
            raise
        down = int(response.headers.get("Content-Length") or len(response.content))
        self.whole_replies += down
        sent, received, _last = self.kinds.get(kind, [0, 0, 0])
        self.kinds[kind] = [
            sent + len(kwargs.get("data") or b""),
            received + down,
            time.monotonic() - self.started,
        ]
        if sha:
            self.transfers.append(
                Transfer(sha, start, len(response.content), response.status_code == 206)
            )
        return response


@dataclass
class CatchUp:
    seconds: float = 0.0
    attempts: int = 0
    gave_up: list[str] = field(default_factory=list)  # why each failed sync stopped
    reports: list[SyncReport] = field(default_factory=list)
    bytes_up: int = 0
    bytes_down: int = 0
    link: dict[str, int] = field(default_factory=dict)
    failed_requests: int = 0
    whole_replies: int = 0
    events_waiting: int = 0  # in the outbox when the link came back
    scans_fetched: int = 0
    scans_resumed: int = 0  # interrupted after some chunks, finished from where they stopped
    chunks_resent: list[str] = field(default_factory=list)  # a completed chunk asked again
    transfers: list[Transfer] = field(default_factory=list)
    kinds: dict[str, list[float]] = field(default_factory=dict)


@dataclass
class Checks:
    desk_acts: int = 0
    lost: list[str] = field(default_factory=list)
    doubled: list[str] = field(default_factory=list)
    receipts_desk: int = 0
    receipts_portal: int = 0
    receipt_problems: list[str] = field(default_factory=list)
    payment_problems: list[str] = field(default_factory=list)
    outbox_left: dict[str, int] = field(default_factory=dict)
    disagreements: list[str] = field(default_factory=list)
    scans_missing: int = 0

    @property
    def ok(self) -> bool:
        return not (
            self.lost
            or self.doubled
            or self.receipt_problems
            or self.payment_problems
            or self.outbox_left
            or self.disagreements
            or self.scans_missing
        )


# --- the portal's side: citizens submitting ---------------------------------------------------


def phone_photo(rng: random.Random, size: int) -> bytes:
    """A JPEG of about ``size`` bytes that does not compress any further (a photo's noise)."""
    side = max(16, int((size / 0.49) ** 0.5))  # about 0.49 bytes a pixel at quality 60
    pixels = Image.frombytes("L", (side, side), rng.randbytes(side * side))
    out = io.BytesIO()
    pixels.convert("RGB").save(out, "JPEG", quality=60)
    return out.getvalue()


def citizen_submits(
    portal: PortalProcess, at: datetime, rng: random.Random, photo_bytes: int = 0
) -> str:
    """A citizen submits one dossier online at ``at``: small scanned PDFs, or phone photos
    of ``photo_bytes`` when given."""
    db = portal.database()
    with db.transaction() as s:
        procedures = [
            p.data for p in s.scalars(select(PortalProcedure).order_by(PortalProcedure.code))
        ]
        p = rng.choice(procedures)
        attached = []
        for n, paper in enumerate(p["papers"], start=1):
            if photo_bytes:
                data, name, kind = phone_photo(rng, photo_bytes), f"anh-{n}.jpg", "image/jpeg"
            else:
                data = demo_pdf(paper["name"][:40], rng.randint(1, 3))
                name, kind = f"giay-to-{n}.pdf", "application/pdf"
            attached.append(
                {
                    "name": paper["name"],
                    "kind": paper["kind"],
                    "count": paper["count"],
                    "file_name": name,
                    "sha256": store_attachment(s, OFFICE, data, kind),
                }
            )
        dossier = submit_dossier(
            s,
            office_code=OFFICE,
            procedure_code=p["code"],
            applicant_name=vietnamese_name(rng),
            submitted_at=at,
            level=3,
            id_number=id_number(rng),
            phone=phone_number(rng),
            address="Bản Nà Khum, xã Bản Bo, tỉnh Lai Châu",
            papers=attached,
        )
        dossier_id = dossier.id
    db.dispose()
    return dossier_id


# --- the desk's week ----------------------------------------------------------------------------


@dataclass
class Officers:
    officer: Actor
    supervisor: Actor


def _checks(desk: Desk, actor: Actor, dossier_id: str) -> list[PaperCheck]:
    return [
        PaperCheck(c.position, c.name, PaperVerdict.PRESENT)
        for c in dossier_detail(desk, actor, dossier_id).checklist
    ]


def _originals(desk: Desk, actor: Actor, dossier_id: str) -> list[OriginalCheck]:
    return [
        OriginalCheck(c.position, c.name, OriginalVerdict.MATCHES)
        for c in dossier_detail(desk, actor, dossier_id).checklist
    ]


def _collect_and_print(
    desk: Desk, who: Officers, dossier_id: str, rng: random.Random, week: Week
) -> None:
    """What is owed, in cash, with a receipt printed for the citizen (now and then one is
    written wrong and corrected: voided and issued again, and printed again)."""
    with desk.store.read() as session:
        d = session.get(Dossier, dossier_id)
        assert d is not None
        owed = fees.still_owed(session, d)
    if owed <= 0:
        return
    receipt = fees.collect_fee(desk, who.officer, dossier_id).receipt
    assert receipt is not None
    week.receipts += 1
    papers.receipt_paper(desk, who.officer, receipt.id)
    week.prints += 1
    if rng.random() < 0.05:
        corrected = fees.correct_receipt(desk, who.officer, receipt.id, "Ghi sai tên người nộp")
        papers.receipt_paper(desk, who.officer, corrected.id)
        week.receipts += 1
        week.corrected += 1
        week.prints += 1


def do_act(
    desk: Desk, who: Officers, dossier_id: str, act: Act, rng: random.Random, week: Week
) -> None:
    officer = who.officer
    code = dossier_detail(desk, officer, dossier_id).code
    match act:
        case Act.ACCEPT:
            reception.accept_checked(desk, officer, dossier_id, _checks(desk, officer, dossier_id))
            papers.act_paper(desk, officer, code, papers.RECEIPT_SLIP)
            week.prints += 1
            _collect_and_print(desk, who, dossier_id, rng, week)
        case Act.REQUEST_SUPPLEMENT:
            checks = _checks(desk, officer, dossier_id)
            first = checks[0]
            checks[0] = PaperCheck(first.position, first.name, PaperVerdict.WRONG, "Ảnh chụp mờ")
            reception.request_supplement_checked(
                desk, officer, dossier_id, checks, "Giấy tờ chụp không rõ"
            )
            papers.act_paper(desk, officer, code, papers.SUPPLEMENT)
            week.prints += 1
        case Act.RECORD_SUPPLEMENT:
            acts.record_supplement(desk, officer, dossier_id, "Công dân mang bổ sung tại quầy")
        case Act.REFUSE:
            reception.refuse_checked(
                desk, officer, dossier_id, "Thủ tục không thuộc thẩm quyền của xã"
            )
            papers.act_paper(desk, officer, code, papers.REFUSAL)
            week.prints += 1
        case Act.HAND_OVER:
            acts.hand_over(desk, who.supervisor, dossier_id, DEPARTMENT, "Công chức tư pháp")
            papers.act_paper(desk, officer, code, papers.CONTROL)
            week.prints += 1
        case Act.RECORD_RESULT:
            acts.record_result(desk, officer, dossier_id, "Đã có kết quả")
        case Act.DENY:
            acts.deny_dossier(desk, officer, dossier_id, "Không đủ điều kiện theo quy định")
        case Act.RETURN_IN_PERSON:
            _collect_and_print(desk, who, dossier_id, rng, week)
            reception.return_checked(
                desk, officer, dossier_id, "Người nộp hồ sơ", _originals(desk, officer, dossier_id)
            )
        case Act.RETURN_BY_POST:
            processing.receive_by_post(
                desk,
                officer,
                dossier_id,
                f"EB{rng.randint(1, 10**8)}VN",
                _originals(desk, officer, dossier_id),
                "Bản chính và cước qua bưu điện",
                postage=25_000,
            )
            _collect_and_print(desk, who, dossier_id, rng, week)
            processing.post_result(desk, officer, dossier_id, f"RR{rng.randint(1, 10**8)}VN")
        case Act.WITHDRAW:
            acts.withdraw_dossier(desk, officer, dossier_id, "Công dân đề nghị rút hồ sơ")
        case _:
            raise ValueError(act)


def working_day(desk: Desk, day: date) -> bool:
    return desk.calendar.is_working_day(day)


def work_offline(
    desk: Desk,
    clock: ManualClock,
    who: Officers,
    portal: PortalProcess,
    first_day: date,
    plan: Plan,
    rng: random.Random,
    log: Callable[[str], None],
) -> Week:
    week = Week()
    started = time.monotonic()
    citizens = random.Random(f"{plan.seed}-citizens")
    for n in range(plan.days):
        day = first_day + timedelta(days=n)
        for k in range(plan.online_per_day):  # online, whatever the desk's link
            at = datetime.combine(day, clock_time(6 + 2 * k % 16, 15), OFFICE_TZ)
            week.online.append(citizen_submits(portal, at, citizens, plan.scan_kb * 1024))
        if not working_day(desk, day):
            continue
        opening = datetime.combine(day, clock_time(7, 30), OFFICE_TZ)
        step = timedelta(minutes=9 * 60 / max(plan.acts_per_day, 1))
        for k in range(plan.acts_per_day):
            clock.now = opening + step * k
            with desk.store.read() as session:
                rows = session.execute(
                    select(Dossier.id, Dossier.state).where(DOSSIER_IS_OPEN).order_by(Dossier.code)
                ).all()
            options = [(i, a) for i, st in rows for a in allowed_acts(S(st)) if a in WEIGHTS]
            if not options:
                break
            dossier_id, act = rng.choices(options, [WEIGHTS[a] for _, a in options])[0]
            if act is Act.WITHDRAW and _paid(desk, dossier_id):
                continue  # a paid dossier withdrawn needs a refund decision: not this week
            try:
                do_act(desk, who, dossier_id, act, rng, week)
                week.acts[act.value] += 1
            except DomainError:
                week.declined += 1
        log(
            f"  day {n + 1} ({day:%a %d/%m}): {sum(week.acts.values())} acts so far, "
            f"{week.receipts} receipts, {week.prints} prints"
        )
    week.seconds = time.monotonic() - started
    return week


def _paid(desk: Desk, dossier_id: str) -> bool:
    with desk.store.read() as session:
        return bool(
            session.scalar(
                select(func.count()).select_from(Payment).where(Payment.dossier_id == dossier_id)
            )
        )


# --- the catch-up --------------------------------------------------------------------------------


def catch_up(desk: Desk, portal: PortalProcess, plan: Plan, log: Callable[[str], None]) -> CatchUp:
    port = int(portal.url.rsplit(":", 1)[1])
    cuts: tuple[Cut, ...] = ()
    if plan.cut_mid_scan:  # 6 KiB into the second chunk of the first scan that has one
        cuts = (Cut(6 * 1024, plan.cut_seconds, f"Range: bytes={CHUNK}-".encode()),)
    elif plan.cut_every_kb:
        every = plan.cut_every_kb * 1024
        cuts = tuple(Cut(every * k, plan.cut_seconds) for k in range(1, plan.cuts + 1))
    link = Link(
        ("127.0.0.1", port),
        kbps=plan.kbps,
        rtt_ms=plan.rtt_ms,
        loss=plan.loss,
        seed=plan.seed,
        cuts=cuts,
    ).start()
    result = CatchUp(events_waiting=_pending(desk))
    session = ObservedSession()
    started = session.started
    try:
        engine = SyncEngine(desk, transport=Transport(link.url, session=session))
        while True:
            result.attempts += 1
            try:
                report = engine.sync_once()
            except PortalUnreachable as exc:
                result.gave_up.append(" ".join(str(exc).split()))
                log(
                    f"  sync {result.attempts} gave up after {time.monotonic() - started:.0f} s"
                    f" ({link.stats.bytes_up + link.stats.bytes_down:,} B so far): {exc}"
                )
                time.sleep(plan.retry_seconds)
                continue
            result.reports.append(report)
            log(
                f"  sync {result.attempts} done at {time.monotonic() - started:.0f} s: "
                f"{report.summary_vi()}"
            )
            if not _pending(desk):
                break
        result.seconds = time.monotonic() - started
    finally:
        time.sleep(0.2)  # the last bytes delivered are counted
        stats = link.stats
        link.stop()
    result.bytes_up, result.bytes_down = stats.bytes_up, stats.bytes_down
    result.link = {
        "connections": stats.connections,
        "stalls": stats.stalls,
        "resets": stats.resets,
        "cuts": stats.cuts,
        "connections cut": stats.cut_resets,
    }
    result.failed_requests = session.failed_requests
    result.whole_replies = session.whole_replies
    result.kinds = session.kinds
    result.transfers = session.transfers
    _chunk_ledger(session.transfers, result)
    return result


def _pending(desk: Desk) -> int:
    with desk.store.read() as session:
        return (
            session.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.status == "pending")
            )
            or 0
        )


def _chunk_ledger(transfers: list[Transfer], result: CatchUp) -> None:
    """Per scan: the byte ranges that arrived whole. A byte inside two of them crossed the
    link twice for a completed chunk. A scan whose request failed after some of its chunks
    had arrived, and that went on from that very byte, was resumed."""
    by_sha: dict[str, list[Transfer]] = {}
    for t in transfers:
        by_sha.setdefault(t.sha, []).append(t)
    for sha, items in by_sha.items():
        result.scans_fetched += 1
        done: list[tuple[int, int]] = []
        cut_at: set[int] = set()  # offsets where a request failed after earlier chunks came
        resumed = False
        for t in items:
            if not t.ok:
                if t.start > 0:
                    cut_at.add(t.start)
                continue
            resumed = resumed or t.start in cut_at
            end = t.start + t.got
            for a, b in done:
                if t.start < b and a < end:
                    result.chunks_resent.append(
                        f"{sha[:12]}… bytes {max(a, t.start)}–{min(b, end) - 1} again"
                    )
            done.append((t.start, end))
        result.scans_resumed += resumed


# --- the checks -----------------------------------------------------------------------------------


def check(desk: Desk, portal: PortalProcess, week_start: datetime) -> Checks:
    """Desk against portal after the catch-up."""
    out = Checks()
    with desk.store.read() as s:
        desk_acts = {
            a.act_id: (a.dossier_id, a.version, a.act)
            for a in s.scalars(select(ActRow).where(ActRow.at >= week_start))
        }
        receipts = [
            (r.series, r.number, r.id, r.voided_at is not None) for r in s.scalars(select(Receipt))
        ]
        payments = {p.id: p.amount for p in s.scalars(select(Payment))}
        out.outbox_left = dict(
            s.execute(
                select(OutboxEvent.status, func.count())
                .where(OutboxEvent.status != "acked")
                .group_by(OutboxEvent.status)
            ).all()
        )
        local = {d.id: (d.version, d.state) for d in s.scalars(select(Dossier))}
        wanted = set(
            s.scalars(
                select(DossierPaper.sha256)
                .join(Dossier, Dossier.id == DossierPaper.dossier_id)
                .where(DOSSIER_IS_OPEN, DossierPaper.sha256 != "")
            )
        )
    scans = ScanStore.of(desk)
    out.scans_missing = sum(not scans.has(sha) for sha in wanted)
    out.desk_acts = len(desk_acts)
    db = portal.database()
    with db.reading() as s:
        portal_acts = {
            a.act_id: (a.dossier_id, a.version, a.act) for a in s.scalars(select(PortalAct))
        }
        doubled = s.execute(
            select(PortalAct.dossier_id, PortalAct.version, func.count())
            .group_by(PortalAct.dossier_id, PortalAct.version)
            .having(func.count() > 1)
        ).all()
        portal_receipts = [
            (r.series, r.number, r.id, r.voided_at is not None)
            for r in s.scalars(select(PortalReceiptRow))
        ]
        portal_payments = {p.id: p.amount for p in s.scalars(select(PortalPayment))}
        remote = {
            d.id: (d.version, d.state)
            for d in s.scalars(select(PortalDossier).where(PortalDossier.office_code == OFFICE))
        }
    db.dispose()
    for act_id, (dossier_id, version, act) in desk_acts.items():
        if act == Act.RECEIVE.value:
            continue  # the desk noting a dossier it pulled: the portal keeps no act for it
        if portal_acts.get(act_id) != (dossier_id, version, act):
            out.lost.append(f"{act} of {dossier_id[:8]} v{version} ({act_id[:8]})")
    out.doubled = [f"{d[:8]} v{v}: {n} acts" for d, v, n in doubled]
    out.receipts_desk, out.receipts_portal = len(receipts), len(portal_receipts)
    numbers = Counter((a, b) for a, b, _, _ in portal_receipts)
    out.receipt_problems += [
        f"{a}/{b} {n} times on the portal" for (a, b), n in numbers.items() if n > 1
    ]
    if sorted(receipts) != sorted(portal_receipts):
        gone = set(receipts) ^ set(portal_receipts)
        out.receipt_problems.append(f"{len(gone)} receipts differ, e.g. {sorted(gone)[:2]}")
    if payments != {k: v for k, v in portal_payments.items() if k in payments} or not set(
        payments
    ) <= set(portal_payments):
        out.payment_problems.append("payments differ between desk and portal")
    out.disagreements = [i[:8] for i, v in local.items() if remote.get(i) != v]
    return out


# --- the whole run ------------------------------------------------------------------------------


@dataclass
class Outcome:
    plan: Plan
    week: Week
    catch_up: CatchUp
    checks: Checks
    initial_dossiers: int


def run(
    plan: Plan, folder: Path, log: Callable[[str], None] = print, template: Path | None = None
) -> Outcome:
    """The week and its catch-up; ``template`` is a portal database already holding the
    demo offices, accounts and catalogue (made once for a test session: scrypt is slow)."""
    rng = random.Random(plan.seed)
    today = datetime.now(OFFICE_TZ).date()
    first_day = today - timedelta(days=plan.days + 1)
    first_day -= timedelta(days=first_day.weekday())  # the week starts on a Monday
    portal = PortalProcess(f"http://127.0.0.1:{free_port()}", f"sqlite:///{folder / 'portal.db'}")
    if template is not None:
        shutil.copy(template, folder / "portal.db")
    else:
        db = portal.database()
        init_demo(db)
        db.dispose()
    working = sum(1 for n in range(plan.days) if (first_day + timedelta(days=n)).weekday() < 5)
    initial = max(10, plan.acts_per_day * working // 2 + 10)
    citizens = random.Random(f"{plan.seed}-before")
    before = datetime.combine(first_day - timedelta(days=3), clock_time(8, 0), OFFICE_TZ)
    for n in range(initial):
        citizen_submits(portal, before + timedelta(minutes=17 * n), citizens)
    portal.start()
    try:
        clock = ManualClock(datetime.combine(first_day, clock_time(7, 0), OFFICE_TZ))
        desk = enrolled_desk(portal, folder / "desk.db", clock=clock)
        engine = SyncEngine(desk)  # in town, on a good link
        first = engine.sync_once()
        engine.reserve_receipt_numbers(plan.acts_per_day * plan.days)
        engine.transport.session.close()
        log(
            f"enrolled: {first.snapshot} dossiers, {first.attachments} scans; offline from "
            f"{first_day:%d/%m/%Y} for {plan.days} days"
        )
        who = Officers(login(desk, "canbo1", "canbo1-demo"), login(desk, "lanhdao", "lanhdao-demo"))
        week_start = clock.now
        week = work_offline(desk, clock, who, portal, first_day, plan, rng, log)
        clock.now = datetime.now(OFFICE_TZ)
        log(
            f"offline week: {sum(week.acts.values())} acts in {week.seconds:.0f} s; catching up "
            f"over {plan.kbps:g} kbps, {plan.rtt_ms:g} ms RTT, {plan.loss:.1%} loss"
        )
        caught = catch_up(desk, portal, plan, log)
        checks = check(desk, portal, week_start)
        desk.store.close()
    finally:
        err = portal.stop()
    if not checks.ok and err:
        log(err)
    return Outcome(plan, week, caught, checks, initial)


def summary(o: Outcome) -> list[str]:
    w, c, k = o.week, o.catch_up, o.checks
    pushed = sum(r.pushed for r in c.reports)
    lines = [
        f"Offline {o.plan.days} days: {sum(w.acts.values())} acts on {o.initial_dossiers} "
        f"dossiers ({', '.join(f'{a} {n}' for a, n in w.acts.most_common())}); "
        f"{w.receipts} receipts ({w.corrected} corrected), {w.prints} papers printed; "
        f"{w.declined} refused by the services; {len(w.online)} dossiers submitted online "
        f"meanwhile ({o.plan.scan_kb} KB photos).",
        f"Catch-up over {o.plan.kbps:g} kbps / {o.plan.rtt_ms:g} ms RTT / {o.plan.loss:.0%} loss"
        f": **{c.seconds:.0f} s** in {c.attempts} syncs ({len(c.gave_up)} gave up and were "
        f"tried again); {c.events_waiting} events waiting in the outbox, every one "
        f"acknowledged at the end; the last sync pushed {pushed} "
        f"({sum(r.duplicates for r in c.reports)} answered as duplicates).",
        f"On the wire: **{c.bytes_up:,} B up, {c.bytes_down:,} B down**; link: "
        + ", ".join(f"{k_} {v}" for k_, v in c.link.items())
        + f"; {c.failed_requests} requests failed and were retried; replies that arrived "
        f"whole {c.whole_replies:,} B (the rest down: headers, and replies cut on the way).",
        "By kind, what came whole: "
        + "; ".join(
            f"{kind} {int(up):,} B up / {int(down):,} B down, the last at {last:.0f} s"
            for kind, (up, down, last) in sorted(c.kinds.items(), key=lambda kv: kv[1][2])
        )
        + ".",
        f"Scans: {c.scans_fetched} fetched, **{c.scans_resumed} resumed** after a cut or reset;"
        f" completed chunks sent twice: **{len(c.chunks_resent)}**"
        + (f" ({'; '.join(c.chunks_resent[:5])})" if c.chunks_resent else "")
        + ".",
        f"Checks: {k.desk_acts} desk acts of the week, lost **{len(k.lost)}**, doubled "
        f"**{len(k.doubled)}**; receipts desk {k.receipts_desk} / portal {k.receipts_portal}, "
        f"problems {len(k.receipt_problems)}; payments problems {len(k.payment_problems)}; "
        f"outbox not acknowledged {k.outbox_left or 0}; dossiers disagreeing "
        f"{len(k.disagreements)}; scans missing {k.scans_missing}.",
    ]
    for what, items in (
        ("lost", k.lost),
        ("doubled", k.doubled),
        ("receipts", k.receipt_problems),
        ("payments", k.payment_problems),
        ("disagree", k.disagreements),
    ):
        if items:
            lines.append(f"  {what}: {items[:5]}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    d = Plan()
    parser.add_argument("--days", type=int, default=d.days)
    parser.add_argument("--acts-per-day", type=int, default=d.acts_per_day)
    parser.add_argument("--seed", type=int, default=d.seed)
    parser.add_argument("--kbps", type=float, default=d.kbps)
    parser.add_argument("--rtt-ms", type=float, default=d.rtt_ms)
    parser.add_argument("--loss", type=float, default=d.loss)
    parser.add_argument("--online-per-day", type=int, default=d.online_per_day)
    parser.add_argument("--scan-kb", type=int, default=d.scan_kb)
    parser.add_argument("--cut-every-kb", type=int, default=d.cut_every_kb)
    parser.add_argument("--cut-seconds", type=float, default=d.cut_seconds)
    parser.add_argument("--cuts", type=int, default=d.cuts, help="at most this many cuts")
    args = parser.parse_args(argv)
    plan = Plan(**{k: v for k, v in vars(args).items()})
    print(f"week offline: {plan} on {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        outcome = run(plan, Path(tmp), lambda line: print(line, flush=True))
    for line in summary(outcome):
        print(f"- {line}")
    ok = outcome.checks.ok and not outcome.catch_up.chunks_resent
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
