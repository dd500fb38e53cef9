"""The scripted demo day (a working week, in fact): fifty dossiers submitted on the portal
walk every path at the desk — accept, supplement at reception, refuse, hand over (in
batches, then on to another department, with a consultation), deny with a reasoned
document, late with an apology (Mẫu 04), a supplement or a financial obligation while
processing (the clock paused, then resumed), withdraw (online, online against an act the
desk made offline — a conflict the officer resolves —, and at the desk with a refund),
stop, return in person (fees in cash with a receipt, originals checked, once with a
supervisor's override), by post, and online: a level-4 dossier whose form is digitally
signed gets its signed result uploaded to the portal (Đ9.3) — with a real portal process
syncing between steps.

At the end the desk and the portal agree on every dossier, every act, every payment and
every receipt; nothing is left in the outbox but the act the conflict refused; the audit
chain verifies.
"""

from __future__ import annotations

import hashlib
import io
import time as wallclock
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from reportlab.pdfgen import canvas
from sqlalchemy import func, select

from desktop.core.calendar import OFFICE_TZ, Due, Timeliness, TimeUnit
from desktop.core.checks import OriginalCheck, OriginalVerdict, PaperCheck, PaperVerdict
from desktop.core.lifecycle import Act, DossierState
from desktop.services import dossiers as acts
from desktop.services import fees, processing, reception
from desktop.services.accounts import login
from desktop.services.audit import verify_audit
from desktop.services.catalogue import procedure_of
from desktop.services.context import Actor, Desk
from desktop.services.demo import ManualClock
from desktop.services.dossier_view import dossier_detail
from desktop.services.queue import rows_for
from desktop.services.scans import ScanStore
from desktop.services.signatures import set_trust_files
from desktop.store.models import ActRow, Dossier, OutboxEvent, Payment, Receipt, SyncConflict
from sync.client.engine import SyncEngine, SyncReport, resolve_conflict
from sync.portal.demo import submit_demo
from sync.portal.models import (
    Change,
    Notice,
    PortalAct,
    PortalAttachment,
    PortalConflict,
    PortalDossier,
    PortalPayment,
    PortalProcedure,
    PortalReceipt,
)
from sync.portal.service import (
    citizen_act,
    citizen_view,
    pay_online,
    store_attachment,
    submit_dossier,
)
from tests.sync.conftest import OFFICE, PortalProcess, enrolled_desk
from tests.unit.test_report_columns import columns_disagreeing
from tests.unit.test_signatures import Pki, sign

S = DossierState
MONDAY = date(2026, 11, 30)  # a working Monday; the week has no public holiday
SEED = 3  # with this seed some level-4 fees are already paid online at submission
SUPERVISOR_NAME = "Nguyễn Thị Hồng Nhung"  # lanhdao, who signs the reasoned refusals

# Path → (how many dossiers, the state it ends in). Paths with needs are filled first.
PLAN: dict[str, tuple[int, DossierState]] = {
    "late": (4, S.RETURNED_IN_PERSON),  # due passes, apology and new date, result, return
    "withdraw_refund": (3, S.WITHDRAWN),  # paid at reception, withdrawn at the desk, refunded
    "by_post": (4, S.RETURNED_BY_POST),  # originals and fees by post, result posted
    "stop": (3, S.STOPPED),  # processing stopped; a fee paid is refunded
    "deny": (4, S.DENIED),  # reasoned refusal signed by a leader; a fee paid is refunded
    "in_person": (8, S.RETURNED_IN_PERSON),  # batch hand-over, result, fees, originals
    "hand_on": (4, S.RETURNED_IN_PERSON),  # handed on to a second department (consulted)
    "supplement": (4, S.RETURNED_IN_PERSON),  # supplemented online, then accepted
    "paused": (4, S.RETURNED_IN_PERSON),  # supplement while processing: the clock pauses
    "obligation": (4, S.RESULT_READY),  # financial obligation: paused, paid; awaits pickup
    "refuse": (4, S.REFUSED),
    "withdraw_online": (3, S.WITHDRAWN),  # the citizen withdraws on the portal
    "withdraw_conflict": (1, S.WITHDRAWN),  # … while the desk hands it over offline
}
COLLECT_AT_RECEPTION = ("withdraw_refund", "stop", "deny")
SECOND_DEPARTMENT = "Phòng Tài chính - Kế hoạch"


@dataclass(frozen=True)
class Info:
    id: str
    code: str
    applicant: str
    level: int
    short: bool  # processing time of at most three working days
    fee: int
    paid_online: bool
    le_phi: bool  # its fee is a lệ phí (refunded when not served), not a phí for work done
    submitted: int  # its place in the order the citizens submitted


def refund_due(info: Info) -> int:
    """Refunds due once the department has worked on it (Đ10.3, docs/LEGAL.md §4): the lệ
    phí paid comes back, a phí for the department's work does not."""
    return int(info.fee > 0 and info.le_phi)


def submission_order(portal: PortalProcess) -> dict[str, int]:
    """Each dossier's first change on the portal's feed: the order citizens submitted in,
    whatever the wall clock (a code's number restarts each day, and the demo's submissions
    fall on the days before the wall clock's now)."""
    db = portal.database()
    with db.reading() as s:
        first = s.execute(
            select(Change.dossier_id, func.min(Change.seq)).group_by(Change.dossier_id)
        )
        order = {dossier_id: int(seq) for dossier_id, seq in first}
    db.dispose()
    return order


def in_submission_order(info: Info) -> int:
    return info.submitted


def anything(_info: Info) -> bool:
    return True


def assign(infos: list[Info]) -> tuple[dict[str, list[Info]], Info | None]:
    """Dossiers to paths, deterministically (in submission order). Returns the paths and the
    level-4 dossier whose citizen pays online during the day (it walks the in-person path)."""
    pool = sorted(infos, key=in_submission_order)
    needs: dict[str, Callable[[Info], bool]] = {
        "late": lambda i: i.short,
        "withdraw_refund": lambda i: i.fee > 0 and not i.paid_online and i.le_phi,
        "by_post": lambda i: i.fee > 0 and not i.paid_online,
        "stop": lambda i: i.fee > 0,
        "deny": lambda i: i.fee > 0,
        "in_person": lambda i: i.fee > 0,
    }
    paths: dict[str, list[Info]] = {p: [] for p in PLAN}
    pays_later = next((i for i in pool if i.level == 4 and i.fee and not i.paid_online), None)
    if pays_later is not None:
        pool.remove(pays_later)
        paths["in_person"].append(pays_later)
    for path, (count, _final) in PLAN.items():
        need = needs.get(path, anything)
        while len(paths[path]) < count:
            pick = next((i for i in pool if need(i)), None) or pool[0]
            pool.remove(pick)
            paths[path].append(pick)
    assert not pool
    return paths, pays_later


class DemoDay:
    """The desk, its clock and the portal, with the few moves every step makes."""

    def __init__(self, portal: PortalProcess, desk: Desk, clock: ManualClock) -> None:
        self.portal, self.desk, self.clock = portal, desk, clock
        self.reports: list[SyncReport] = []

    # --- time and sync ---------------------------------------------------------------------
    def at(self, day: int, hour: int, minute: int = 0) -> None:
        """Working day ``day`` of the demo (0 is Monday 30/11), at hour:minute."""
        when = self.desk.calendar.nth_working_day_after(MONDAY, day)
        moment = datetime.combine(when, time(hour, minute), OFFICE_TZ)
        assert moment >= self.clock.now, "the demo's clock only moves forward"
        self.clock.now = moment

    def tick(self, minutes: int = 2) -> None:
        self.clock.now += timedelta(minutes=minutes)

    def sync(self) -> SyncReport:
        report = SyncEngine(self.desk).sync_once()
        assert report.rejected == 0 and report.corrupt == 0, report.summary_vi()
        self.reports.append(report)
        return report

    # --- the portal's citizens -------------------------------------------------------------
    def citizen(self, dossier_id: str, act: Act, payload: dict[str, Any]) -> None:
        db = self.portal.database()
        with db.transaction() as s:
            citizen_act(s, dossier_id, act, payload)
        db.dispose()

    def pays_online(self, dossier_id: str, reference: str) -> None:
        db = self.portal.database()
        with db.transaction() as s:
            pay_online(s, dossier_id, reference)
        db.dispose()

    # --- reading the desk ------------------------------------------------------------------
    def state(self, dossier_id: str) -> DossierState:
        with self.desk.store.read() as s:
            d = s.get(Dossier, dossier_id)
            assert d is not None
            return DossierState(d.state)

    def due(self, dossier_id: str) -> Due:
        with self.desk.store.read() as s:
            d = s.get(Dossier, dossier_id)
            assert d is not None
            due = processing.dossier_due(d)
        assert due is not None
        return due

    def papers(self, officer: Actor, dossier_id: str, missing: bool = False) -> list[PaperCheck]:
        checklist = dossier_detail(self.desk, officer, dossier_id).checklist
        return [
            PaperCheck(c.position, c.name, PaperVerdict.MISSING, "Chưa nộp bản chụp")
            if missing and n == 0 else PaperCheck(c.position, c.name, PaperVerdict.PRESENT)
            for n, c in enumerate(checklist)
        ]  # fmt: skip

    def originals(
        self, officer: Actor, dossier_id: str, differ: bool = False
    ) -> list[OriginalCheck]:
        checklist = dossier_detail(self.desk, officer, dossier_id).checklist
        return [
            OriginalCheck(c.position, c.name, OriginalVerdict.DIFFERS, "Sai một chữ trong họ tên")
            if differ and n == 0 else OriginalCheck(c.position, c.name, OriginalVerdict.MATCHES)
            for n, c in enumerate(checklist)
        ]  # fmt: skip

    # --- money -----------------------------------------------------------------------------
    def collect(
        self, officer: Actor, info: Info, method: str = "cash", reference: str = ""
    ) -> bool:
        """Collect what is still owed (nothing if paid online or the procedure is free)."""
        if processing.owed(self.desk, officer, info.id) == 0:
            return False
        outcome = fees.collect_fee(self.desk, officer, info.id, method, reference=reference)
        assert outcome.amount == info.fee and outcome.receipt is not None
        assert processing.owed(self.desk, officer, info.id) == 0
        return True

    def refund_all(self, officer: Actor, dossier_id: str, reason: str) -> int:
        paid = processing.refundable_payments(self.desk, officer, dossier_id)
        for p in paid:
            fees.refund_fee(self.desk, officer, p.id, reason)
        return len(paid)

    def return_in_person(self, officer: Actor, info: Info, override: bool = False) -> bool:
        """Fees, originals, signature, then the result; True when a receipt was issued."""
        collected = self.collect(officer, info)
        if override:
            permit = reception.authorize_override(
                self.desk, "lanhdao", "lanhdao-demo", "Lỗi chính tả, đã đối chiếu với CCCD"
            )
            outcome = reception.return_checked(
                self.desk, officer, info.id, info.applicant,
                self.originals(officer, info.id, differ=True), permit)  # fmt: skip
        else:
            outcome = reception.return_checked(
                self.desk, officer, info.id, info.applicant, self.originals(officer, info.id)
            )
        assert outcome.state is S.RETURNED_IN_PERSON
        return collected


def read_infos(desk: Desk, order: dict[str, int]) -> list[Info]:
    with desk.store.read() as s:
        infos = []
        for d in s.scalars(select(Dossier)):
            procedure = procedure_of(s, d.procedure_code)
            pt = procedure.processing_time
            owed = fees.still_owed(s, d)
            infos.append(Info(
                d.id, d.code, d.applicant_name, d.level,
                pt.unit is TimeUnit.HOUR or pt.amount <= 3, procedure.total_fee,
                procedure.total_fee > 0 and owed == 0,
                any(f.amount and f.kind.value == "le_phi" for f in procedure.fees),
                order[d.id],
            ))  # fmt: skip
    return infos


def department_of(desk: Desk, dossier_id: str) -> str:
    with desk.store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None
        return procedure_of(s, d.procedure_code).department


def hand_over_by_department(day: DemoDay, officer: Actor, infos: list[Info]) -> int:
    """Mẫu 05: one batch per specialist department."""
    groups: dict[str, list[str]] = {}
    for info in infos:
        groups.setdefault(department_of(day.desk, info.id), []).append(info.id)
    for department, ids in sorted(groups.items()):
        batch = processing.hand_over_batch(day.desk, officer, ids, department, "Vàng Văn Sáng")
        assert len(batch.dossier_codes) == len(ids)
        day.tick(1)
    return len(groups)


def result(day: DemoDay, officer: Actor, info: Info, n: int, scan: bytes | None = None) -> str:
    outcome = processing.record_result_document(
        day.desk, officer, info.id, f"{n:03d}/QĐ-UBND", "Kết quả đã được lãnh đạo ký", scan
    )
    assert outcome.state is S.RESULT_READY
    return outcome.act_id


def signed_pdf(pki: Pki, text: str) -> bytes:
    """A one-page PDF digitally signed by the test province's signer."""
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return sign(out.getvalue(), pki.signer)


def submit_signed_level4(portal: PortalProcess, form: bytes, at: datetime) -> str:
    """A citizen submits a level-4 dossier whose form is digitally signed, and pays its
    fees online (level 4) when the procedure has any."""
    db = portal.database()
    with db.transaction() as s:
        sha = store_attachment(s, OFFICE, form, "application/pdf")
        procedure = s.scalars(select(PortalProcedure).order_by(PortalProcedure.code)).first()
        assert procedure is not None
        form_paper = {"name": "Tờ khai (ký số)", "kind": 2, "file_name": "to-khai.pdf",
                      "sha256": sha}  # fmt: skip
        dossier = submit_dossier(
            s, office_code=OFFICE, procedure_code=procedure.code, level=4, submitted_at=at,
            applicant_name="Lò Thị Thu Hà", papers=[form_paper])  # fmt: skip
        dossier_id = dossier.id
        if any(f["amount"] for f in procedure.data.get("fees", [])):
            pay_online(s, dossier_id, "DVC-20261130-0042")
    db.dispose()
    return dossier_id


def act_payload(desk: Desk, act_id: str) -> dict[str, Any]:
    with desk.store.read() as s:
        row = s.scalars(select(ActRow).where(ActRow.act_id == act_id)).one()
        return dict(row.payload)


def test_scripted_demo_day(portal: PortalProcess, tmp_path: Path, pki: Pki) -> None:
    started = wallclock.monotonic()
    db = portal.database()
    submit_demo(db, 50, OFFICE, seed=SEED, online_payments=0.5)
    db.dispose()

    # --- Monday 07:45: the desk is enrolled; the first sync brings the office ----------------
    clock = ManualClock(datetime.combine(MONDAY, time(7, 45), OFFICE_TZ))
    desk = enrolled_desk(portal, tmp_path / "desk.db", clock=clock)
    day = DemoDay(portal, desk, clock)
    first = day.sync()
    assert first.snapshot == 50 and first.receipt_numbers >= 100 and first.attachments > 0
    canbo1 = login(desk, "canbo1", "canbo1-demo")  # the portal's accounts, offline
    canbo2 = login(desk, "canbo2", "canbo2-demo")
    infos = read_infos(desk, submission_order(portal))
    paths, pays_later = assign(infos)
    path_of = {i.id: p for p, members in paths.items() for i in members}
    assert any(i.paid_online for i in infos), "some level-4 fees were paid at submission"
    receipts_issued = refunds = 0
    # The province's signing authority, trusted by the administrator; a level-4 dossier with
    # a signed form is submitted after the first sync (its result will be returned online).
    root = tmp_path / "province-root.pem"
    root.write_bytes(pki.root_pem)
    set_trust_files(desk, login(desk, "quantri", "quantri-demo"), [root])
    online = submit_signed_level4(portal, signed_pdf(pki, "To khai ky so"), clock.now)

    # --- 08:00 reception: two counters check every dossier ---------------------------------
    day.at(0, 8, 0)
    accepted_due: dict[str, Due] = {}
    for n, info in enumerate(sorted(infos, key=in_submission_order)):
        officer = (canbo1, canbo2)[n % 2]
        path = path_of[info.id]
        day.tick(2)
        if path == "supplement":
            reception.request_supplement_checked(
                desk, officer, info.id, day.papers(officer, info.id, missing=True),
                "Hồ sơ thiếu giấy tờ theo quy định")  # fmt: skip
        elif path == "refuse":
            reception.refuse_checked(
                desk, officer, info.id, "Thủ tục không thuộc thẩm quyền của cơ quan",
                day.papers(officer, info.id))  # fmt: skip
        else:
            outcome = reception.accept_checked(desk, officer, info.id, day.papers(officer, info.id))
            assert outcome.due is not None
            accepted_due[info.id] = outcome.due
            if path in COLLECT_AT_RECEPTION:
                receipts_issued += day.collect(officer, info)
    assert day.sync().conflicts == 0  # 09:40

    # --- citizens on the portal: supplements, withdrawals, an online payment ----------------
    for info in paths["supplement"]:
        day.citizen(info.id, Act.RECORD_SUPPLEMENT, {"note": "Đã bổ sung giấy tờ trực tuyến"})
    for info in paths["withdraw_online"]:
        day.citizen(info.id, Act.WITHDRAW, {"reason": "Đã nộp ở nơi khác"})
    if pays_later is not None:
        assert processing.owed(desk, canbo1, pays_later.id) == pays_later.fee
        day.pays_online(pays_later.id, "DVC-20261130-0001")
    day.at(0, 10, 0)
    pulled = day.sync()
    assert pulled.pulled >= len(paths["supplement"]) + len(paths["withdraw_online"])
    assert {day.state(i.id) for i in paths["supplement"]} == {S.SUPPLEMENTED}
    assert {day.state(i.id) for i in paths["withdraw_online"]} == {S.WITHDRAWN}
    if pays_later is not None:
        assert processing.owed(desk, canbo1, pays_later.id) == 0  # the desk will not collect
    assert day.state(online) is S.SUBMITTED and processing.owed(desk, canbo1, online) == 0
    reception.accept_checked(desk, canbo1, online, day.papers(canbo1, online))
    processing.hand_over_batch(desk, canbo1, [online], department_of(desk, online), "Lò Thị Hoa")

    # --- 10:10 hand-over in batches, while one citizen withdraws online: a conflict ---------
    (target,) = paths["withdraw_conflict"]
    day.citizen(target.id, Act.WITHDRAW, {"reason": "Không còn nhu cầu"})
    day.at(0, 10, 10)
    processing_paths = ("in_person", "hand_on", "deny", "late", "paused", "stop", "by_post",
                        "obligation", "withdraw_refund", "withdraw_conflict")  # fmt: skip
    handed = [i for p in processing_paths for i in paths[p]]
    batches = hand_over_by_department(day, canbo1, handed)
    day.at(0, 10, 20)
    clash = day.sync()
    assert clash.conflicts == 1 and clash.pushed >= len(handed) - 1
    with desk.store.read() as s:
        conflict = s.scalars(select(SyncConflict)).one()
    assert conflict.dossier_id == target.id and day.state(target.id) is S.IN_PROCESSING
    resolve_conflict(desk, canbo1, conflict.id)  # the officer takes the portal's version

    # --- 10:30 the supplemented dossiers are checked again and handed over ------------------
    day.at(0, 10, 30)
    for info in paths["supplement"]:
        day.tick(3)
        outcome = reception.accept_checked(desk, canbo2, info.id, day.papers(canbo2, info.id))
        assert outcome.due is not None
        accepted_due[info.id] = outcome.due
    day.at(0, 10, 45)
    batches += hand_over_by_department(day, canbo2, paths["supplement"])
    day.at(0, 11, 0)
    day.sync()
    assert day.state(target.id) is S.WITHDRAWN

    # --- Monday afternoon: hand-on, consultations, pauses, stops, refusals, results ---------
    day.at(0, 14, 0)
    for n, info in enumerate(paths["hand_on"]):
        if n % 2 == 0:
            processing.consult(desk, canbo1, info.id, ["Công an tỉnh"], "Xác minh nơi cư trú")
        processing.hand_on(desk, canbo1, info.id, SECOND_DEPARTMENT, "Lò Thị Hoa", 2,
                           "Cần thẩm định phần tài chính")  # fmt: skip
        day.tick(3)
    due_before_pause: dict[str, Due] = {}
    paused_at = day.clock.now
    for info in paths["paused"]:
        due_before_pause[info.id] = day.due(info.id)
        assert due_before_pause[info.id] == accepted_due[info.id]
        name = dossier_detail(desk, canbo1, info.id).checklist[0].name
        outcome = processing.request_supplement_in_processing(
            desk, canbo1, info.id, [acts.PaperProblem(name, "wrong", "Bản chụp mờ")],
            "Phòng chuyên môn cần bản rõ hơn")  # fmt: skip
        assert outcome.state is S.SUPPLEMENT_IN_PROCESSING
    for info in paths["obligation"]:
        due_before_pause[info.id] = day.due(info.id)
        outcome = acts.request_payment(desk, canbo1, info.id, "Lệ phí trước bạ", 150_000)
        assert outcome.state is S.PAYMENT_REQUESTED
    day.at(0, 15, 0)
    for info in paths["stop"]:
        acts.stop_processing(desk, canbo2, info.id, "Cơ quan có thẩm quyền yêu cầu tạm dừng")
        got = day.refund_all(canbo2, info.id, "Dừng xử lý hồ sơ (Đ10.3)")
        assert got == refund_due(info)
        refunds += got
        day.tick(2)
    day.at(0, 15, 30)
    for n, info in enumerate(paths["deny"], start=1):
        outcome = processing.deny_with_document(
            desk, canbo2, info.id, "Không đủ điều kiện theo quy định", f"{n:03d}/TB-UBND",
            SUPERVISOR_NAME)  # fmt: skip
        assert outcome.state is S.DENIED
        got = day.refund_all(canbo2, info.id, "Không giải quyết (Đ10.3)")
        assert got == refund_due(info)
        refunds += got
        day.tick(2)
    day.at(0, 16, 0)
    numbers = iter(range(1, 100))
    for n, info in enumerate(paths["in_person"]):
        result(day, canbo1, info, next(numbers), b"%PDF-1.4 ket qua\n" if n == 0 else None)
        day.tick(1)
    signed_result = signed_pdf(pki, "Quyet dinh - ket qua giai quyet (ky so)")
    processing.record_result_document(desk, canbo1, online, "099/QĐ-UBND", "Ký số",
                                      signed_result, "ket-qua-ky-so.pdf")  # fmt: skip
    day.at(0, 16, 30)
    assert day.sync().conflicts == 0

    # --- Monday 16:40: the short dossiers (due from Tuesday to Thursday) will be late: the
    # apology goes out at least a working day before their due date (the desk's default
    # rule), with a new date a week on ---------------------------------------------------------
    day.at(0, 16, 40)
    new_date = desk.calendar.nth_working_day_after(day.clock.now.date(), 5)
    for info in paths["late"]:
        due = day.due(info.id)
        assert due == accepted_due[info.id]
        assert desk.calendar.standing(due, day.clock.now).timeliness is not Timeliness.LATE
        outcome = acts.reappoint(desk, canbo2, info.id, "Chờ ý kiến của cơ quan phối hợp",
                                 new_date)  # fmt: skip
        assert outcome.state is S.REAPPOINTED
        assert "xin lỗi" in act_payload(desk, outcome.act_id)["notice"]
        day.tick(3)
    day.at(0, 16, 55)
    day.sync()

    # --- Tuesday: returns in person, feedback, a complaint, a withdrawal with a refund ------
    day.at(1, 8, 0)
    for n, info in enumerate(paths["in_person"]):
        receipts_issued += day.return_in_person(canbo1, info, override=n == 0)
        day.tick(4)
    for info, rating in zip(paths["in_person"][:3], ("satisfied", "satisfied", "neutral"),
                            strict=True):  # fmt: skip
        processing.record_feedback(desk, canbo1, info.id, rating, "Cán bộ hướng dẫn tận tình")
    complaint_on = paths["in_person"][3]
    processing.record_complaint(desk, canbo1, complaint_on.id, "reflection",
                                "Phải chờ lâu tại quầy trả kết quả")  # fmt: skip
    # The level-4 result goes back online: the signed file up to the portal, verified there.
    returned = processing.return_online(desk, canbo1, online)
    assert returned.state is S.RETURNED_ONLINE and returned.state.portal_status == 10
    uploaded = day.sync()
    assert (uploaded.results_uploaded, uploaded.result_bytes) == (1, len(signed_result))
    result_sha = hashlib.sha256(signed_result).hexdigest()
    desk_copy = ScanStore.of(desk).read(result_sha)  # re-verified on the desk's disk
    db = portal.database()
    with db.reading() as s:
        online_view = citizen_view(s, online)
        portal_copy = s.get(PortalAttachment, result_sha)
        assert portal_copy is not None
        portal_bytes = portal_copy.data
    db.dispose()
    assert hashlib.sha256(portal_bytes).digest() == hashlib.sha256(desk_copy).digest()
    assert portal_bytes == signed_result
    assert online_view["status"] == 10 and online_view["documents"] == [
        {"sha256": result_sha, "file_name": "ket-qua-ky-so.pdf", "kind": "result"}]
    assert online_view["notices"][-1]["text"] == act_payload(desk, returned.act_id)["notice"]
    day.at(1, 9, 30)
    for info in paths["withdraw_refund"]:
        outcome = acts.withdraw_dossier(desk, canbo2, info.id, "Công dân xin rút hồ sơ")
        assert outcome.state is S.WITHDRAWN
        got = day.refund_all(canbo2, info.id, "Công dân rút hồ sơ (Đ10.3)")
        assert got == refund_due(info)
        refunds += got
        day.tick(5)
    day.at(1, 10, 0)
    for info in paths["hand_on"] + paths["by_post"]:
        result(day, canbo1, info, next(numbers))
        day.tick(1)
    day.at(1, 10, 30)
    assert day.sync().conflicts == 0

    # --- Wednesday: the complaint resolved, hand-on returns, results by post ----------------
    day.at(2, 8, 30)
    (open_complaint,) = processing.complaints(desk, canbo1, open_only=True)
    assert open_complaint.dossier_id == complaint_on.id
    processing.resolve_complaint(desk, canbo1, open_complaint.id,
                                 "Đã bố trí thêm một quầy trả kết quả")  # fmt: skip
    day.at(2, 9, 0)
    for info in paths["hand_on"]:
        receipts_issued += day.return_in_person(canbo2, info)
        day.tick(4)
    for n, info in enumerate(paths["by_post"], start=1):
        reference = f"RR{n:08d}VN"
        processing.receive_by_post(desk, canbo1, info.id, reference,
                                   day.originals(canbo1, info.id), postage=25_000,
                                   note="Bản chính, lệ phí, cước gửi trả")  # fmt: skip
        receipts_issued += day.collect(canbo1, info, "post", reference)
        outcome = processing.post_result(desk, canbo1, info.id, f"EB{n:08d}VN")
        posted = act_payload(desk, outcome.act_id)
        assert posted["postage"] == 25_000 and posted["postage_references"] == [reference]
        assert {c["verdict"] for c in posted["originals"]} == {"matches"}
        assert outcome.state is S.RETURNED_BY_POST
        day.tick(3)
    day.at(2, 10, 0)
    assert day.sync().conflicts == 0

    # --- Wednesday 14:30: the waits end; the due dates move by the sessions spent waiting ---
    day.at(2, 14, 30)
    waited = desk.calendar.sessions_between(paused_at, day.clock.now)
    assert waited == 4  # Monday afternoon → Wednesday afternoon
    for info in paths["paused"] + paths["obligation"]:
        if path_of[info.id] == "paused":
            outcome = processing.record_supplement_in_processing(
                desk, canbo1, info.id, "Công dân nộp bản rõ tại quầy"
            )
        else:
            outcome = processing.confirm_payment(desk, canbo1, info.id, "BL-TB-000123")
        assert outcome.state is S.IN_PROCESSING
        payload = act_payload(desk, outcome.act_id)
        assert payload["extended_by_sessions"] == waited
        moved = desk.calendar.extend(due_before_pause[info.id], waited)
        assert day.due(info.id) == moved and moved.deadline > due_before_pause[info.id].deadline
        day.tick(2)
    day.at(2, 15, 0)
    day.sync()

    # --- Thursday afternoon: past their first appointment, before the new one: late -----------
    day.at(3, 14, 0)
    late_rows = rows_for(desk, canbo2, [i.id for i in paths["late"]])
    for info in paths["late"]:
        row = late_rows[info.id]
        assert row.due == accepted_due[info.id] and row.standing is not None
        assert row.standing.timeliness is Timeliness.LATE
        assert row.reappointed is not None and row.reappointed.date == new_date

    # --- Friday: results of the supplemented, the paused and the obligations; returns -------
    day.at(4, 9, 0)
    for info in paths["supplement"] + paths["paused"] + paths["obligation"]:
        result(day, canbo1, info, next(numbers))
        day.tick(1)
    day.at(4, 10, 0)
    for info in paths["supplement"] + paths["paused"]:
        receipts_issued += day.return_in_person(canbo2, info)
        day.tick(4)
    day.at(4, 11, 0)
    day.sync()

    # --- next Monday: the late results, before the new date, and their return ---------------
    day.at(5, 9, 0)
    for info in paths["late"]:
        act_id = result(day, canbo1, info, next(numbers))
        # Late for the reports (the first appointment was missed), early for the new one.
        assert act_payload(desk, act_id)["timeliness"] == Timeliness.LATE.value
        assert act_payload(desk, act_id)["timeliness_against_appointment"] != "late"
        day.tick(2)
    day.at(5, 9, 30)
    day.sync()
    day.at(5, 14, 0)
    for info in paths["late"]:
        receipts_issued += day.return_in_person(canbo1, info)
        day.tick(4)
    day.at(5, 14, 30)
    day.sync()

    # --- Tuesday morning: the last sync, a reconciliation, and a sync that moves nothing ----
    day.at(6, 7, 45)
    day.sync()
    reconciled = SyncEngine(desk).reconcile()
    assert (reconciled.repaired, reconciled.deferred, reconciled.unknown_to_portal) == ([], [], [])
    assert not day.sync().moved_anything()

    # --- desk and portal agree on every dossier, act, payment and receipt -------------------
    def dossier_fields(d: Dossier | PortalDossier) -> tuple[Any, ...]:
        return (d.version, d.state, d.received_at, d.due_date, d.due_session, d.due_at,
                d.resolved_at)  # fmt: skip

    with desk.store.read() as s:
        desk_dossiers = {d.id: dossier_fields(d) for d in s.scalars(select(Dossier))}
        desk_acts = {a.act_id: (a.dossier_id, a.version, a.act, a.to_state)
                     for a in s.scalars(select(ActRow))}  # fmt: skip
        outbox = s.scalars(select(OutboxEvent)).all()
        desk_payments = {p.id: (p.dossier_id, p.kind, p.method, p.amount)
                         for p in s.scalars(select(Payment))}  # fmt: skip
        desk_receipts = {r.id: (r.dossier_id, r.series, r.number, r.amount)
                         for r in s.scalars(select(Receipt))}  # fmt: skip
        conflicts = s.scalars(select(SyncConflict)).all()
    db = portal.database()
    with db.reading() as s:
        portal_dossiers = {d.id: dossier_fields(d) for d in s.scalars(
            select(PortalDossier).where(PortalDossier.office_code == OFFICE))}  # fmt: skip
        portal_acts = {a.act_id: (a.dossier_id, a.version, a.act, a.to_state)
                       for a in s.scalars(select(PortalAct))}  # fmt: skip
        portal_payments = {p.id: (p.dossier_id, p.kind, p.method, p.amount)
                           for p in s.scalars(select(PortalPayment))}  # fmt: skip
        portal_receipts = {r.id: (r.dossier_id, r.series, r.number, r.amount)
                           for r in s.scalars(select(PortalReceipt))}  # fmt: skip
        portal_conflicts = s.scalars(select(PortalConflict)).all()
        reappoint_notices = s.scalars(select(Notice.dossier_id).where(
            Notice.kind == Act.REAPPOINT.value)).all()  # fmt: skip
    db.dispose()

    assert len(desk_dossiers) == 51 and desk_dossiers == portal_dossiers
    assert desk_dossiers[online][1] == S.RETURNED_ONLINE.value
    superseded = [e for e in outbox if e.status == "superseded"]
    refused_acts = {e.body["act_id"] for e in superseded if e.kind == "dossier.act"}
    # The hand-over the conflict refused stays in the desk's history, and only there.
    assert [desk_acts[a][0] for a in refused_acts] == [target.id]
    assert {a: v for a, v in desk_acts.items() if a not in refused_acts} == portal_acts
    per_dossier = Counter(v[0] for v in portal_acts.values())
    assert set(per_dossier) == set(portal_dossiers)  # every history came down, receive too
    assert Counter(e.status for e in outbox) == Counter(
        {"acked": len(outbox) - len(superseded), "superseded": len(superseded)}
    )
    assert len(superseded) == 1 and [c.resolved_at is not None for c in conflicts] == [True]
    assert [(c.event_id, c.dossier_id) for c in portal_conflicts] == [
        (conflicts[0].event_id, target.id)]  # fmt: skip
    assert desk_payments == portal_payments and desk_receipts == portal_receipts
    kinds = Counter((kind, method) for _d, kind, method, _a in desk_payments.values())
    assert sum(n for (kind, _m), n in kinds.items() if kind == "refund") == refunds
    refunded_paths = paths["withdraw_refund"] + paths["stop"] + paths["deny"]
    assert refunds == sum(refund_due(i) for i in refunded_paths) and refunds >= 1
    assert len(desk_receipts) == receipts_issued and kinds[("payment", "post")] >= 1
    assert kinds[("payment", "online")] >= 1 + (pays_later is not None)
    assert sorted(reappoint_notices) == sorted(i.id for i in paths["late"])
    for path, members in paths.items():
        final = PLAN[path][1]
        assert {desk_dossiers[i.id][1] for i in members} == {final.value}, path
    with desk.store.read() as s:
        for info in paths["hand_on"]:
            steps = processing.steps_of(processing.history(s, info.id))
            assert [x.department for x in steps][1:] == [SECOND_DEPARTMENT]
            assert all(x.ended_at is not None and x.timeliness for x in steps)
    audit = verify_audit(desk.store)
    assert audit.ok, audit
    # Who holds each dossier and the ratings, kept on their rows for the reports, are what
    # the acts say — those made here and those the sync brought (the conflict's too).
    assert columns_disagreeing(desk.store.path) == []

    elapsed = wallclock.monotonic() - started
    print(
        "\ndemo day: "
        + ", ".join(f"{path} {len(members)}" for path, members in paths.items())
        + f" | {len(portal_acts)} acts, {len(desk_payments)} payments "
        f"({kinds[('payment', 'online')]} online), {len(desk_receipts)} receipts, "
        f"{batches} hand-over batches, {len(day.reports)} syncs, {elapsed:.1f} s"
    )
