"""Dữ liệu mẫu — a realistic demo desk, built through the same services officers use.

Every dossier walks a real path through the lifecycle (with audit and outbox entries),
at plausible times over the last six months. It is sample data, marked as such.
"""

from __future__ import annotations

import dataclasses
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select

from desktop.core.accounts import Role
from desktop.core.calendar import WorkingCalendar
from desktop.core.checks import OriginalCheck, OriginalVerdict
from desktop.core.lifecycle import DomainError
from desktop.core.text import fold
from desktop.documents.demo_scans import demo_pdf, demo_png
from desktop.paths import resources_dir
from desktop.services import dossiers as acts
from desktop.services import fees, processing
from desktop.services.accounts import add_officer
from desktop.services.catalogue import procedure_of, read_catalogue_file, save_procedures
from desktop.services.context import Actor, Desk
from desktop.services.dossier_view import dossier_detail
from desktop.services.scans import ScanStore
from desktop.services.settings import open_desk, set_office
from desktop.store.db import Store
from desktop.store.models import Dossier, Office

DEMO_OFFICE_CODE = "LCU-TTHCC"


def demo_office() -> Office:
    return Office(
        code=DEMO_OFFICE_CODE,
        name="Trung tâm Phục vụ hành chính công tỉnh Lai Châu (dữ liệu mẫu)",
        address="Đường Trần Hưng Đạo, phường Tân Phong, tỉnh Lai Châu",
        level="province",
        tax_code="6200000000",
    )


# (username, full name, role, password) — demo passwords, printed by `motcua demo`.
DEMO_OFFICERS = [
    ("quantri", "Lò Văn Quản", Role.ADMINISTRATOR, "quantri-demo"),
    ("lanhdao", "Nguyễn Thị Hồng Nhung", Role.SUPERVISOR, "lanhdao-demo"),
    ("canbo1", "Trần Minh Đức", Role.OFFICER, "canbo1-demo"),
    ("canbo2", "Giàng Thị Mai", Role.OFFICER, "canbo2-demo"),
]

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Lò",
    "Tòng",
    "Giàng",
    "Vàng",
    "Sùng",
    "Lường",
    "Đèo",
]
FAMILY_WEIGHTS = [38, 11, 9, 7, 5, 4, 3, 3, 3, 2, 2, 2, 2, 3, 2, 2, 2, 1, 1, 1]
MIDDLE_M = ["Văn", "Đức", "Minh", "Hữu", "Quang", "Thanh", "Xuân", "A", "Công", "Mạnh"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Hồng", "Thùy", "Diệu", "Bích"]
GIVEN_M = [
    "Anh",
    "Ánh",
    "Bình",
    "Cường",
    "Dũng",
    "Hải",
    "Hiếu",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Quân",
    "Sơn",
    "Thắng",
    "Tuấn",
    "Páo",
    "Sếnh",
    "Chư",
    "Phúc",
    "Toàn",
]
GIVEN_F = [
    "Anh",
    "Ánh",
    "Giang",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Ngọc",
    "Phương",
    "Thảo",
    "Trang",
    "Vân",
    "Yến",
    "Dung",
    "Huyền",
    "Lụa",
]
PLACES = [
    "phường Tân Phong",
    "phường Đông Phong",
    "xã Sìn Hồ",
    "xã Tam Đường",
    "xã Phong Thổ",
    "xã Than Uyên",
    "xã Tân Uyên",
    "xã Mường Tè",
    "xã Nậm Nhùn",
    "xã Bản Bo",
]


def vietnamese_name(rng: random.Random) -> str:
    male = rng.random() < 0.5
    family = rng.choices(FAMILY, FAMILY_WEIGHTS)[0]
    middle = rng.choice(MIDDLE_M if male else MIDDLE_F)
    given = rng.choice(GIVEN_M if male else GIVEN_F)
    return f"{family} {middle} {given}"


def id_number(rng: random.Random) -> str:
    # CCCD: province code (012 Lai Châu), gender/century digit, birth year, six digits.
    return f"012{rng.choice('0123')}{rng.randint(50, 99):02d}{rng.randint(0, 999999):06d}"


def phone_number(rng: random.Random) -> str:
    return f"0{rng.choice('3579')}{rng.randint(0, 99999999):08d}"


def demo_catalogue_path() -> Path:
    return resources_dir() / "catalogue" / "danh-muc-mau.json"


class ManualClock:
    """The demo's clock: the demo sets it to each act's plausible moment."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass(frozen=True)
class DemoSummary:
    office: Office
    officers: list[tuple[str, str, Role, str]]
    procedures: int
    dossiers: int


def working_moments(
    calendar: WorkingCalendar, start: date, end: date, rng: random.Random
) -> Iterator[datetime]:
    """Endless plausible submission moments on working days in [start, end)."""
    days = [start + timedelta(days=i) for i in range((end - start).days)]
    days = [d for d in days if calendar.is_working_day(d)] or days
    while True:
        day = rng.choice(days)
        minutes = rng.randint(7 * 60, 21 * 60)  # citizens submit online from morning to night
        yield datetime.combine(day, time(minutes // 60, minutes % 60), calendar.tz)


def office_moment(calendar: WorkingCalendar, moment: datetime, rng: random.Random) -> datetime:
    """``moment`` when the desk is open then (a working day, within its morning or afternoon
    hours); else some minutes into the next session it opens: the desk acts (receives,
    hands over, returns) only in office hours, whenever a citizen submitted online."""
    local = moment.astimezone(calendar.tz)
    day = local.date()
    while True:
        if calendar.is_working_day(day):
            for opens, closes in (calendar.hours.morning, calendar.hours.afternoon):
                start = datetime.combine(day, opens, calendar.tz)
                end = datetime.combine(day, closes, calendar.tz)
                if start <= local < end:
                    return local
                if local < start:  # a few minutes after opening, well before closing
                    room = int((end - start).total_seconds() // 60)
                    return start + timedelta(minutes=rng.randint(min(5, room // 2), room // 2))
        day += timedelta(days=1)
        local = datetime.combine(day, time(0, 0), calendar.tz)


DEMO_RECEIPT_FORM = "01BLP0-001"  # ký hiệu mẫu biên lai (sample)

# Paths a dossier can take; each step is (act, days after the previous step).
Step = tuple[str, float]

PATHS: list[tuple[int, list[Step]]] = [
    (40, [("accept", 0.6), ("hand_over", 0.1), ("result", -1), ("return_in_person", 2)]),
    (
        10,
        [
            ("supplement", 0.8),
            ("record_supplement", 3),
            ("accept", 0.5),
            ("hand_over", 0.1),
            ("result", -1),
            ("return_by_post", 1),
        ],
    ),
    (8, [("refuse", 0.7)]),
    (
        7,
        [
            ("accept", 0.5),
            ("hand_over", 0.1),
            ("reappoint", -2),
            ("result", -3),
            ("return_in_person", 1),
        ],
    ),
    (6, [("accept", 0.5), ("hand_over", 0.1), ("deny", -1), ("return_in_person", 2)]),
    (5, [("withdraw", 1.5)]),
    (
        5,
        [
            ("accept", 0.6),
            ("hand_over", 0.1),
            ("payment", 2),
            ("confirm_payment", 3),
            ("result", -1),
            ("return_in_person", 1),
        ],
    ),
    (3, [("accept", 0.5), ("hand_over", 0.2), ("stop", 4)]),
    (4, [("accept", 0.5), ("withdraw", 2)]),
]


def _do(
    step: str, desk: Desk, officer: Actor, supervisor: Actor, dossier_id: str, rng: random.Random
) -> acts.ActOutcome:
    reasons = ["Thành phần hồ sơ chưa đúng mẫu quy định", "Ảnh chụp giấy tờ mờ, không đọc được"]
    match step:
        case "accept":
            outcome = acts.accept_dossier(desk, officer, dossier_id)
            _collect_demo_fee(desk, officer, dossier_id, rng)
            return outcome
        case "supplement":
            problems = [
                acts.PaperProblem(
                    "Căn cước công dân hoặc giấy tờ tùy thân của người yêu cầu",
                    "wrong",
                    "Ảnh chụp mờ",
                )
            ]
            return acts.request_supplement(desk, officer, dossier_id, problems, rng.choice(reasons))
        case "record_supplement":
            return acts.record_supplement(desk, officer, dossier_id, "Công dân bổ sung trực tuyến")
        case "refuse":
            return acts.refuse_dossier(
                desk, officer, dossier_id, "Thủ tục không thuộc thẩm quyền giải quyết của cơ quan"
            )
        case "hand_over":
            with desk.store.read() as session:
                d = acts.load_for(session, supervisor, dossier_id)
                department = procedure_of(session, d.procedure_code).department
            return acts.hand_over(desk, supervisor, dossier_id, department, "Chuyên viên thụ lý")
        case "result":
            return acts.record_result(desk, officer, dossier_id, "Đã có kết quả giải quyết")
        case "deny":
            return acts.deny_dossier(
                desk,
                officer,
                dossier_id,
                "Không đủ điều kiện theo quy định, có văn bản trả lời kèm theo",
            )
        case "reappoint":
            new_date = desk.calendar.nth_working_day_after(
                desk.now().astimezone(desk.calendar.tz).date(), 3
            )
            return acts.reappoint(
                desk, officer, dossier_id, "Cần xác minh thêm với cơ quan liên quan", new_date
            )
        case "payment":
            return acts.request_payment(desk, officer, dossier_id, "Nộp lệ phí trước bạ", 150000)
        case "confirm_payment":
            return acts.confirm_payment(
                desk, officer, dossier_id, f"KBNN-{rng.randint(1, 99999):05d}"
            )
        case "return_in_person":
            return acts.return_in_person(desk, officer, dossier_id, "Người nộp hồ sơ")
        case "return_by_post":
            # The citizen posted the originals (all matching their scans) and the postage.
            papers = dossier_detail(desk, officer, dossier_id).checklist
            checks = [OriginalCheck(p.position, p.name, OriginalVerdict.MATCHES) for p in papers]
            processing.receive_by_post(
                desk, officer, dossier_id, f"EB{rng.randint(1, 10**9):09d}VN", checks,
                "Bản chính và cước gửi trả kết quả qua bưu điện", postage=25_000,
            )  # fmt: skip
            return processing.post_result(
                desk, officer, dossier_id, f"RR{rng.randint(1, 10**9):09d}VN"
            )
        case "withdraw":
            return acts.withdraw_dossier(desk, officer, dossier_id, "Công dân đề nghị rút hồ sơ")
        case "stop":
            return acts.stop_processing(
                desk, supervisor, dossier_id, "Người yêu cầu đề nghị dừng giải quyết"
            )
    raise ValueError(step)


def build_demo(
    store: Store,
    dossier_count: int = 520,
    seed: int = 20170201,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty desk database with sample data through the real services."""
    now = now or datetime.now(UTC)
    rng = random.Random(seed)
    clock = ManualClock(now - timedelta(days=200))
    with store.write() as session:
        if session.scalar(select(func.count()).select_from(Dossier)):
            raise DomainError(
                f"{store.path} đã có hồ sơ: dữ liệu mẫu chỉ tạo trên cơ sở dữ liệu trống."
            )
        office = demo_office()
        set_office(session, office)
        procedures = read_catalogue_file(demo_catalogue_path())
        save_procedures(session, procedures)
    desk = open_desk(store, clock)
    username, full_name, role, password = DEMO_OFFICERS[0]
    admin = add_officer(desk, None, username, full_name, role, password)
    actors = {u: add_officer(desk, admin, u, n, r, p) for u, n, r, p in DEMO_OFFICERS[1:]}
    supervisor, officers = actors["lanhdao"], [actors["canbo1"], actors["canbo2"]]
    with store.write() as session:  # a desk enrolled with a portal gets its blocks from it
        fees.add_receipt_block(session, "mau-khoi-1", DEMO_RECEIPT_FORM,
                               f"LC-{now:%y}T", 1, 9999, clock.now)  # fmt: skip

    # Its own generator: the scans do not change which paths the demo dossiers take.
    scans = _DemoScans(ScanStore.of(desk), random.Random(seed + 1))
    hours_rng = random.Random(seed + 2)  # the minutes after opening an act is moved to
    today = now.astimezone(desk.calendar.tz).date()
    older = working_moments(desk.calendar, today - timedelta(days=183), today, rng)
    # A third arrived in the last three weeks, so the queue has work in every early state.
    recent = working_moments(desk.calendar, today - timedelta(days=21), today, rng)
    submitted = sorted(
        m
        for m in (next(recent if rng.random() < 0.33 else older) for _ in range(dossier_count))
        if m < now
    )
    weights = [w for w, _ in PATHS]
    for n, at in enumerate(submitted, start=1):
        procedure = rng.choice(procedures)
        dossier_id = str(uuid.uuid4())
        incoming = acts.IncomingDossier(
            id=dossier_id,
            code=f"{DEMO_OFFICE_CODE}-{at:%y%m%d}-{n:04d}",
            office_code=DEMO_OFFICE_CODE,
            procedure_code=procedure.code,
            applicant_name=vietnamese_name(rng),
            submitted_at=at,
            channel=rng.choices([2, 1, 3], [85, 10, 5])[0],
            level=procedure.level,
            id_number=id_number(rng),
            phone=phone_number(rng),
            address=f"Bản {rng.randint(1, 20)}, {rng.choice(PLACES)}, tỉnh Lai Châu",
            papers=tuple(
                acts.IncomingPaper(p.name, int(p.kind), p.count, *scans.of(p.name, i))
                for i, p in enumerate(procedure.papers, start=1)
            ),
        )
        if incoming.channel != 2:  # handed in at the counter, or opened there from the post
            moved = office_moment(desk.calendar, at, hours_rng)
            if moved < now:
                at = moved
                code = f"{DEMO_OFFICE_CODE}-{at:%y%m%d}-{n:04d}"
                incoming = dataclasses.replace(incoming, submitted_at=at, code=code)
        clock.now = at
        acts.import_dossier(desk, incoming)
        officer = rng.choice(officers)
        path = rng.choices([p for _, p in PATHS], weights)[0]
        t = at
        missed: datetime | None = None  # the appointment a re-appointment will be late on
        for step, gap in path:
            if step == "reappoint":
                # The apology goes out the working day before the due date (NĐ 118/2025
                # Đ19.6's latest); the result then comes after that date, before the new one.
                missed = _due_of(desk, dossier_id)
                t = max(t + timedelta(hours=1), _working_morning_before(desk, missed))
            elif step == "result" and missed is not None:
                local = missed.astimezone(desk.calendar.tz).date()
                t = datetime.combine(desk.calendar.next_working_day(local), time(9, 0),
                                     desk.calendar.tz)  # fmt: skip
            elif gap < 0:  # relative to the appointment: |gap| working days before it is due
                due = _due_of(desk, dossier_id)
                t = max(t + timedelta(hours=2), due - timedelta(days=-gap * rng.uniform(0.2, 1.0)))
            else:
                t = t + timedelta(days=gap * rng.uniform(0.3, 1.5))
            t = office_moment(desk.calendar, t, hours_rng)
            if t >= now:
                break
            clock.now = t
            if step == "reappoint" and acts.may_reappoint(desk, officer, dossier_id):
                missed = None  # too late to apologise: the result simply comes late
                continue
            _do(step, desk, officer, supervisor, dossier_id, rng)
        if progress:
            progress(n, len(submitted))
    return DemoSummary(office, DEMO_OFFICERS, len(procedures), len(submitted))


class _DemoScans:
    """A few real scans per kind of paper (PDFs of 1–3 pages, and photos), kept in the
    desk's scan store as the sync would; dossiers share them, as the store is by content."""

    PER_PAPER = 3

    def __init__(self, store: ScanStore, rng: random.Random) -> None:
        self._store, self._rng = store, rng
        self._made: dict[str, list[tuple[str, str]]] = {}

    def of(self, paper: str, position: int) -> tuple[str, str]:
        """(file name, sha256) of a scan for ``paper``."""
        pool = self._made.setdefault(paper, [])
        if len(pool) < self.PER_PAPER:
            n = len(pool) + 1
            if "anh" in fold(paper).split() or self._rng.random() < 0.2:
                data, name = demo_png(self._rng.randrange(10**6)), f"anh-{position}-{n}.png"
            else:
                title = fold(paper).upper()[:60]
                data, name = demo_pdf(title, self._rng.randint(1, 3)), f"giay-to-{position}.pdf"
            pool.append((name, self._store.put(data)))
        return self._rng.choice(pool)


def _collect_demo_fee(desk: Desk, officer: Actor, dossier_id: str, rng: random.Random) -> None:
    """Fees at acceptance, cash at the desk; now and then a receipt written wrong is
    corrected (voided and issued again). The demo's forms carry no digital signature, so
    its level-4 dossiers are level 3 in effect (Đ10.2) and do not pay online."""
    with desk.store.read() as session:
        dossier = session.get(Dossier, dossier_id)
        assert dossier is not None
        owes = any(f.amount for f in procedure_of(session, dossier.procedure_code).fees)
    if not owes:
        return
    receipt = fees.collect_fee(desk, officer, dossier_id).receipt
    if receipt is not None and rng.random() < 0.04:
        fees.correct_receipt(desk, officer, receipt.id, "Ghi sai tên người nộp tiền")


def _working_morning_before(desk: Desk, due: datetime) -> datetime:
    """09:00 of the working day before ``due``'s day."""
    day = due.astimezone(desk.calendar.tz).date() - timedelta(days=1)
    while not desk.calendar.is_working_day(day):
        day -= timedelta(days=1)
    return datetime.combine(day, time(9, 0), desk.calendar.tz)


def _due_of(desk: Desk, dossier_id: str) -> datetime:
    with desk.store.read() as session:
        d = session.get(Dossier, dossier_id)
        assert d is not None and d.due_at is not None
        return d.due_at
