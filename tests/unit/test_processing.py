"""From acceptance to the result: handover batches and their Mẫu 05, hand-ons and
consultations, paused clocks (supplement, financial obligation), late dossiers with a new
appointment, reasoned refusals, withdrawals with refunds, stops, results by post,
complaints and feedback — each on real SQLite files, through the services an officer uses.

Dates: T0 is Monday 02/03/2026 08:00 (morning session). MAU-HT-004 takes 5 working days,
so a dossier accepted at T0 is due at the close of the morning of Monday 09/03/2026.
"""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.core.appointments import ReappointmentRules
from desktop.core.calendar import OFFICE_TZ, Due, Session, Timeliness
from desktop.core.checks import OriginalCheck, OriginalVerdict
from desktop.core.lifecycle import Act, DomainError, DossierState, IllegalAct
from desktop.services import dossiers as acts
from desktop.services import fees, papers, processing, reception
from desktop.services.context import Actor, Desk
from desktop.services.deadlines import Bucket, deadline_rows
from desktop.services.demo import ManualClock
from desktop.services.dossier_view import dossier_detail
from desktop.services.queue import QueueFilter, queue_ids, rows_for
from desktop.services.settings import set_reappointment_rules
from desktop.store.models import ActRow, AuditEntry, Dossier, OutboxEvent, Payment
from tests.conftest import OTHER_OFFICE, T0, incoming

S = DossierState
TU_PHAP = "Phòng Tư pháp"
TAI_CHINH = "Phòng Tài chính - Kế hoạch"
RECEIVER = "Lò Thị Hoa"
PAPERS = [acts.PaperProblem("Giấy khai sinh", "missing", "bản sao chứng thực")]


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=OFFICE_TZ)


def due_at(day: date, session: Session, hour: int, minute: int) -> Due:
    return Due(day, session, datetime(day.year, day.month, day.day, hour, minute, tzinfo=OFFICE_TZ))


def due_in(recorded: dict[str, str] | None) -> Due | None:
    """A due date as an act records it (the instant may be written in UTC or +07:00)."""
    return processing.due_from(recorded)


def counts(desk: Desk) -> tuple[int, int, int]:
    with desk.store.read() as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(t)) for t in (ActRow, AuditEntry, OutboxEvent)
        )


def dossier(desk: Desk, dossier_id: str) -> Dossier:
    with desk.store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None
        return d


def acts_of(desk: Desk, dossier_id: str, act: Act | None = None) -> list[ActRow]:
    with desk.store.read() as s:
        rows = processing.history(s, dossier_id)
    return [r for r in rows if act is None or r.act == act.value]


def last_act(desk: Desk, dossier_id: str, act: Act) -> ActRow:
    rows = acts_of(desk, dossier_id, act)
    assert rows, f"no {act.value} act"
    return rows[-1]


def accepted(desk: Desk, officer: Actor, name: str = "Nguyễn Văn Ánh") -> str:
    """A dossier accepted now (at T0 unless the clock moved)."""
    dossier_id = acts.import_dossier(desk, incoming(name=name)).dossier_id
    acts.accept_dossier(desk, officer, dossier_id)
    return dossier_id


def in_processing(
    desk: Desk, officer: Actor, department: str = TU_PHAP, allotted_days: float | None = None
) -> str:
    dossier_id = accepted(desk, officer)
    processing.hand_over_batch(desk, officer, [dossier_id], department, RECEIVER, allotted_days)
    return dossier_id


def receipt_numbers(desk: Desk) -> None:
    with desk.store.write() as s:  # level-3 fees at the desk need receipt numbers
        fees.add_receipt_block(s, "khoi", "01BLP0-001", "LC-26T", 1, 500, desk.now())


def print_slip(desk: Desk, officer: Actor, code: str, form: str, out: Path) -> None:
    """Mẫu 04 / 05 of the 2018 set, whose control slip reads each movement as one phrase."""
    kind = {"M04": papers.APOLOGY, "M05": papers.CONTROL}[form]
    papers.save(papers.act_paper(desk, officer, code, kind, "2018"), out)


def pdf_text(path: Path) -> str:
    """The PDF's text in drawing order (a table row's cells one after the other, each
    whole), whitespace folded."""
    out = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(out.split())


def return_in_person(desk: Desk, officer: Actor, dossier_id: str) -> acts.ActOutcome:
    originals = [OriginalCheck(1, "Tờ khai", OriginalVerdict.MATCHES)]
    return reception.return_checked(desk, officer, dossier_id, "Nguyễn Văn Ánh", originals)


# --- handover (Đ8) ---------------------------------------------------------------------------


def test_a_batch_hands_every_dossier_over_with_one_batch_id_and_a_step_due(
    desk: Desk, officer: Actor, clock: ManualClock
) -> None:
    ids = [accepted(desk, officer, f"Công dân {n}") for n in range(3)]
    codes = [dossier(desk, i).code for i in ids]
    clock.now = at(2, 9)
    before = counts(desk)
    batch = processing.hand_over_batch(desk, officer, ids, f" {TU_PHAP} ", RECEIVER, 3)
    assert batch.department == TU_PHAP and batch.receiver == RECEIVER
    assert batch.at == at(2, 9) and batch.dossier_codes == tuple(codes)
    assert counts(desk) == tuple(n + 3 for n in before)  # an act, an audit, an event each
    # 3 working days from Monday morning: the close of Thursday morning.
    step_due = due_at(date(2026, 3, 5), Session.MORNING, 11, 30)
    for dossier_id in ids:
        d = dossier(desk, dossier_id)
        assert d.state == S.IN_PROCESSING.value and d.due_date == date(2026, 3, 9)
        row = last_act(desk, dossier_id, Act.HAND_OVER)
        assert {**row.payload, "step_due": due_in(row.payload["step_due"])} == {
            "department": TU_PHAP,
            "receiver": RECEIVER,
            "batch_id": batch.id,
            "step_due": step_due,
            "allotted_days": 3,
        }
    with desk.store.read() as s:
        events = s.scalars(select(OutboxEvent).order_by(OutboxEvent.id.desc()).limit(3)).all()
    assert {e.body["payload"]["batch_id"] for e in events} == {batch.id}
    assert {e.body["portal_status"] for e in events} == {int(S.IN_PROCESSING.portal_status)}

    # Without allotted days the step may take what the dossier has left: its own due.
    other = accepted(desk, officer)
    second = processing.hand_over_batch(desk, officer, [other], TAI_CHINH, "Vàng A Sử")
    assert second.id != batch.id
    assert due_in(last_act(desk, other, Act.HAND_OVER).payload["step_due"]) == due_at(
        date(2026, 3, 9), Session.MORNING, 11, 30
    )


def test_a_batch_with_one_dossier_not_accepted_is_refused_whole(
    desk: Desk, officer: Actor, admin: Actor
) -> None:
    ready = [accepted(desk, officer) for _ in range(2)]
    submitted = acts.import_dossier(desk, incoming(name="Chưa Tiếp Nhận")).dossier_id
    before = counts(desk)
    with pytest.raises(IllegalAct, match=dossier(desk, submitted).code):
        processing.hand_over_batch(desk, officer, [*ready, submitted], TU_PHAP, RECEIVER, 2)
    assert counts(desk) == before
    assert [(dossier(desk, i).state, dossier(desk, i).version) for i in ready] == [
        (S.ACCEPTED.value, 2)
    ] * 2
    assert dossier(desk, submitted).state == S.SUBMITTED.value

    cases: list[tuple[Actor, list[str], str, str, float | None, str]] = [
        (officer, [], TU_PHAP, RECEIVER, None, "Chưa chọn"),
        (officer, [ready[0], ready[0]], TU_PHAP, RECEIVER, None, "hai lần"),
        (officer, ready, TU_PHAP, "  ", None, "người nhận"),
        (officer, ready, "", RECEIVER, None, "phòng chuyên môn"),
        (officer, ready, TU_PHAP, RECEIVER, 0, "lớn hơn 0"),
        (admin, ready, TU_PHAP, RECEIVER, None, "quản trị"),
    ]
    for who, chosen, department, receiver, days, message in cases:
        with pytest.raises(DomainError, match=message):
            processing.hand_over_batch(desk, who, chosen, department, receiver, days)
        assert counts(desk) == before
    stranger = Actor(officer.officer_id, "la", "Người lạ", officer.role, OTHER_OFFICE)
    with pytest.raises(acts.AccessDenied):
        processing.hand_over_batch(desk, stranger, ready, TU_PHAP, RECEIVER)
    assert counts(desk) == before

    batch = processing.hand_over_batch(desk, officer, ready, TU_PHAP, RECEIVER, 2)
    assert len(batch.dossier_codes) == 2
    assert {dossier(desk, i).state for i in ready} == {S.IN_PROCESSING.value}


def test_the_batch_mau_05_names_every_dossier_the_department_receiver_and_hour(
    desk: Desk, officer: Actor, clock: ManualClock, tmp_path: Path
) -> None:
    ids = [accepted(desk, officer, f"Công dân {n}") for n in range(3)]
    apart = accepted(desk, officer, "Hồ Sơ Khác")  # handed over in another batch
    clock.now = at(2, 9, 5)
    batch = processing.hand_over_batch(desk, officer, ids, TU_PHAP, RECEIVER, 3)
    processing.hand_over_batch(desk, officer, [apart], TAI_CHINH, "Vàng A Sử")
    out = tmp_path / "mau05.pdf"
    paper = papers.handover_batch_paper(desk, officer, batch.id, "2018")
    papers.print_to_file(desk, paper, out)
    assert paper.kind == papers.CONTROL and paper.form == "M05"
    text = pdf_text(out)
    assert text.count("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ") == 3  # one per dossier
    for code in batch.dossier_codes:
        assert code in text
    assert dossier(desk, apart).code not in text and TAI_CHINH not in text
    # Each slip's one row: giver and receiver, the hour and date of handover, the step's due.
    row = (
        f"1 Giao: Bộ phận TN&TKQ ({officer.full_name}) — Nhận: {TU_PHAP} {RECEIVER} "
        "09 giờ 05 phút, ngày 02/03/2026 Hạn bước: 11 giờ 30 phút, ngày 05/03/2026"
    )
    assert text.count(row) == 3 and "2 Giao:" not in text
    assert text.count(f"Cơ quan (bộ phận) giải quyết hồ sơ: {TU_PHAP}") == 3
    assert text.count("Thời gian hẹn trả kết quả: 11 giờ 30 phút, ngày 09/03/2026") == 3
    for n in range(3):
        assert f"Công dân {n}" in text
    with desk.store.read() as s:
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "document.print")).one()
    assert (
        audit.subject == batch.id
        and audit.officer_id == officer.officer_id
        and audit.after is not None
    )
    assert sorted(audit.after["dossiers"]) == sorted(batch.dossier_codes)
    with pytest.raises(DomainError, match="Không có lần bàn giao"):
        papers.handover_batch_paper(desk, officer, "khong-co")
    stranger = Actor(officer.officer_id, "la", "Người lạ", officer.role, OTHER_OFFICE)
    with pytest.raises(DomainError, match="Không có lần bàn giao"):
        papers.handover_batch_paper(desk, stranger, batch.id)


# --- hand-on and consultation ----------------------------------------------------------------


def test_hand_on_ends_the_first_step_with_its_timeliness_and_mau_05_shows_both(
    desk: Desk, officer: Actor, clock: ManualClock, tmp_path: Path
) -> None:
    dossier_id = in_processing(desk, officer, TU_PHAP, allotted_days=2)  # step due 4/3 11:30
    clock.now = at(3, 10)
    before = counts(desk)
    with pytest.raises(DomainError, match="chọn phòng khác"):
        processing.hand_on(desk, officer, dossier_id, TU_PHAP, "Ai đó")
    assert counts(desk) == before
    outcome = processing.hand_on(
        desk, officer, dossier_id, TAI_CHINH, "Vàng A Sử", 2.5, "Thẩm định lệ phí"
    )
    assert outcome.state is S.IN_PROCESSING
    first_due = due_at(date(2026, 3, 4), Session.MORNING, 11, 30)
    row = last_act(desk, dossier_id, Act.HAND_ON)
    assert row.payload["step"]["department"] == TU_PHAP
    assert row.payload["step"]["timeliness"] == "early"
    assert due_in(row.payload["step"]["due"]) == first_due
    # 2.5 working days from Tuesday morning: five sessions, the close of Thursday afternoon.
    second_due = due_at(date(2026, 3, 5), Session.AFTERNOON, 17, 0)
    assert due_in(row.payload["step_due"]) == second_due
    assert row.payload["note"] == "Thẩm định lệ phí"
    with pytest.raises(DomainError, match="chọn phòng khác"):
        processing.hand_on(desk, officer, dossier_id, TAI_CHINH)

    clock.now = at(4, 16)  # a day before the second step's due, and the dossier's
    result = processing.record_result_document(desk, officer, dossier_id, "15/QĐ-UBND")
    assert result.state is S.RESULT_READY
    payload = last_act(desk, dossier_id, Act.RECORD_RESULT).payload
    assert payload["step"]["department"] == TAI_CHINH
    assert payload["step"]["timeliness"] == "early" and due_in(payload["step"]["due"]) == (
        second_due
    )
    assert payload["timeliness"] == "early"  # the dossier: due Monday 9/3

    steps = processing.steps_of(acts_of(desk, dossier_id))
    assert [(s.department, s.receiver, s.started_at, s.ended_at, s.timeliness) for s in steps] == [
        (TU_PHAP, RECEIVER, T0, at(3, 10), Timeliness.EARLY),
        (TAI_CHINH, "Vàng A Sử", at(3, 10), at(4, 16), Timeliness.EARLY),
    ]
    assert [s.due for s in steps] == [first_due, second_due]

    out = tmp_path / "m05.pdf"
    print_slip(desk, officer, dossier(desk, dossier_id).code, "M05", out)
    text = pdf_text(out)
    assert f"Cơ quan (bộ phận) giải quyết hồ sơ: {TU_PHAP}, {TAI_CHINH}" in text
    rows = [
        f"1 Giao: Bộ phận TN&TKQ ({officer.full_name}) — Nhận: {TU_PHAP} {RECEIVER} "
        "08 giờ 00 phút, ngày 02/03/2026 Hạn bước: 11 giờ 30 phút, ngày 04/03/2026",
        # The hand-on row carries the first step's timeliness.
        f"2 Giao: {TU_PHAP} — Nhận: {TAI_CHINH} Vàng A Sử 10 giờ 00 phút, ngày 03/03/2026 "
        "Trước hạn Hạn bước: 17 giờ 00 phút, ngày 05/03/2026",
        # The result row: early for the second step and for the dossier alike.
        f"3 Giao: {TAI_CHINH} — Nhận: Bộ phận TN&TKQ 16 giờ 00 phút, ngày 04/03/2026 "
        "Có kết quả — Trước hạn",
    ]
    positions = [text.find(r) for r in rows]
    assert -1 not in positions and positions == sorted(positions), (positions, text)
    assert "Trễ hạn" not in text


def test_a_late_step_is_recorded_late_on_the_hand_on(
    desk: Desk, officer: Actor, clock: ManualClock, tmp_path: Path
) -> None:
    dossier_id = in_processing(desk, officer, TU_PHAP, allotted_days=0.5)  # due 2/3 17:00
    clock.now = at(3, 8)
    processing.hand_on(desk, officer, dossier_id, TAI_CHINH)
    assert last_act(desk, dossier_id, Act.HAND_ON).payload["step"]["timeliness"] == "late"
    out = tmp_path / "m05.pdf"
    print_slip(desk, officer, dossier(desk, dossier_id).code, "M05", out)
    assert (
        f"2 Giao: {TU_PHAP} — Nhận: {TAI_CHINH} 08 giờ 00 phút, ngày 03/03/2026 Trễ hạn"
        in pdf_text(out)
    )


def test_consultation_is_recorded_and_the_step_goes_on(
    desk: Desk, officer: Actor, clock: ManualClock
) -> None:
    dossier_id = in_processing(desk, officer)
    clock.now = at(3, 9)
    before = counts(desk)
    for departments, question, message in [
        ([], "Xác minh cư trú", "cơ quan, phòng"),
        (["  "], "Xác minh cư trú", "cơ quan, phòng"),
        (["Công an xã"], " ", "nội dung xin ý kiến"),
    ]:
        with pytest.raises(DomainError, match=message):
            processing.consult(desk, officer, dossier_id, departments, question)
    assert counts(desk) == before
    outcome = processing.consult(
        desk, officer, dossier_id, [" Công an xã ", "", "Trạm y tế"], "Xác minh nơi cư trú"
    )
    assert outcome.state is S.IN_PROCESSING and outcome.version == 4
    assert last_act(desk, dossier_id, Act.CONSULT).payload == {
        "departments": ["Công an xã", "Trạm y tế"],
        "question": "Xác minh nơi cư trú",
    }
    steps = processing.steps_of(acts_of(desk, dossier_id))
    assert len(steps) == 1 and steps[0].ended_at is None and steps[0].department == TU_PHAP
    with pytest.raises(IllegalAct):  # not before the dossier is with a department
        processing.consult(desk, officer, accepted(desk, officer), ["Công an xã"], "Hỏi")


# --- paused clocks ---------------------------------------------------------------------------


def test_a_supplement_during_processing_pauses_the_clock_and_moves_the_due(
    desk: Desk, officer: Actor, clock: ManualClock
) -> None:
    paused = in_processing(desk, officer)  # due Monday 9/3, close of the morning
    running = in_processing(desk, officer)  # the same, never paused
    clock.now = at(3, 9)
    with pytest.raises(DomainError, match="ít nhất một giấy tờ"):
        processing.request_supplement_in_processing(desk, officer, paused, [], "Thiếu")
    outcome = processing.request_supplement_in_processing(
        desk, officer, paused, PAPERS, "Thiếu bản sao giấy khai sinh"
    )
    assert outcome.state is S.SUPPLEMENT_IN_PROCESSING and S.SUPPLEMENT_IN_PROCESSING.is_paused
    payload = last_act(desk, paused, Act.REQUEST_SUPPLEMENT).payload
    assert payload["paused"] is True and payload["papers"][0]["name"] == "Giấy khai sinh"

    clock.now = at(10, 9)  # Tuesday: past the old due date (9/3 11:30)
    overdue = queue_ids(desk, officer, QueueFilter(due="overdue"))
    assert running in overdue and paused not in overdue
    assert rows_for(desk, officer, [paused])[paused].standing is None
    buckets = {r.dossier_id: r.bucket for r in deadline_rows(desk, officer)}
    assert buckets == {paused: Bucket.PAUSED, running: Bucket.OVERDUE}

    resumed = processing.record_supplement_in_processing(desk, officer, paused, "Đã nộp bản sao")
    assert resumed.state is S.IN_PROCESSING
    # Waiting from Tuesday 3/3 morning to Tuesday 10/3 morning: ten sessions crossed.
    assert desk.calendar.sessions_between(at(3, 9), at(10, 9)) == 10
    moved = due_at(date(2026, 3, 16), Session.MORNING, 11, 30)  # 9/3 morning + 10 sessions
    row = last_act(desk, paused, Act.RECORD_SUPPLEMENT)
    assert {
        **row.payload,
        "paused_since": datetime.fromisoformat(row.payload["paused_since"]),
        "appointment": due_in(row.payload["appointment"]),
        "extended_step_due": due_in(row.payload["extended_step_due"]),
    } == {
        "note": "Đã nộp bản sao",
        "paused_since": at(3, 9),
        "extended_by_sessions": 10,
        "appointment": moved,
        "extended_step_due": moved,
    }
    d = dossier(desk, paused)
    assert (d.due_date, d.due_session) == (date(2026, 3, 16), "morning")
    assert d.due_at == at(16, 11, 30)
    assert paused not in queue_ids(desk, officer, QueueFilter(due="overdue"))
    standing = rows_for(desk, officer, [paused])[paused].standing
    assert standing is not None and standing.timeliness is Timeliness.EARLY
    assert standing.working_days == 4  # 11, 12, 13 and 16 March
    with desk.store.read() as s:
        event = s.scalars(select(OutboxEvent).order_by(OutboxEvent.id.desc())).first()
    assert event is not None and due_in(event.body["payload"]["appointment"]) == moved


def test_two_pauses_do_not_make_a_timely_result_late(
    desk: Desk, officer: Actor, clock: ManualClock, tmp_path: Path
) -> None:
    dossier_id = in_processing(desk, officer)  # 10 sessions of work: due 9/3 11:30
    clock.now = at(3, 9)  # two sessions worked (2/3), then waiting
    processing.request_supplement_in_processing(desk, officer, dossier_id, PAPERS, "Thiếu")
    clock.now = at(4, 9)
    first = processing.record_supplement_in_processing(desk, officer, dossier_id)
    assert first.state is S.IN_PROCESSING
    clock.now = at(6, 9)  # four more sessions worked (4/3, 5/3)
    processing.request_supplement_in_processing(desk, officer, dossier_id, PAPERS, "Sai tên")
    clock.now = at(10, 9)  # past the original due date while waiting
    processing.record_supplement_in_processing(desk, officer, dossier_id)
    extended = [
        r.payload["extended_by_sessions"] for r in acts_of(desk, dossier_id, Act.RECORD_SUPPLEMENT)
    ]
    assert extended == [2, 4]  # 3/3 AM → 4/3 AM; 6/3 AM → 10/3 AM over the weekend
    d = dossier(desk, dossier_id)
    assert (d.due_date, d.due_session, d.due_at) == (date(2026, 3, 12), "morning", at(12, 11, 30))

    clock.now = at(12, 10)  # the tenth session of work: in time
    processing.record_result_document(desk, officer, dossier_id, "20/QĐ-UBND")
    payload = last_act(desk, dossier_id, Act.RECORD_RESULT).payload
    assert payload["timeliness"] == Timeliness.ON_TIME.value
    assert payload["step"]["timeliness"] == Timeliness.ON_TIME.value
    assert due_in(payload["step"]["due"]) == due_at(date(2026, 3, 12), Session.MORNING, 11, 30)
    assert dossier(desk, dossier_id).resolved_at == at(12, 10)
    out = tmp_path / "m05.pdf"
    print_slip(desk, officer, d.code, "M05", out)
    text = pdf_text(out)
    assert "Có kết quả — Đúng hạn" in text and "Trễ hạn" not in text
    assert "Thời gian hẹn trả kết quả: 11 giờ 30 phút, ngày 12/03/2026" in text


def test_a_financial_obligation_pauses_until_payment_is_confirmed(
    desk: Desk, officer: Actor, clock: ManualClock
) -> None:
    dossier_id = in_processing(desk, officer, allotted_days=3)  # step due 5/3 11:30
    clock.now = at(3, 14)
    asked = acts.request_payment(desk, officer, dossier_id, "Lệ phí trước bạ", 150_000)
    assert asked.state is S.PAYMENT_REQUESTED and asked.state.is_paused
    clock.now = at(10, 9)  # past the due while the citizen pays: never overdue meanwhile
    assert dossier_id not in queue_ids(desk, officer, QueueFilter(due="overdue"))
    clock.now = at(5, 8)  # the obligation paid on Thursday morning
    with pytest.raises(DomainError, match="số chứng từ"):
        processing.confirm_payment(desk, officer, dossier_id, "  ")
    outcome = processing.confirm_payment(desk, officer, dossier_id, "KBNN-0001")
    assert outcome.state is S.IN_PROCESSING
    payload = last_act(desk, dossier_id, Act.CONFIRM_PAYMENT).payload
    # Tuesday afternoon → Thursday morning: three sessions crossed (3 PM, 4 AM, 4 PM).
    assert payload["extended_by_sessions"] == 3 and payload["reference"] == "KBNN-0001"
    assert datetime.fromisoformat(payload["paused_since"]) == at(3, 14)
    assert due_in(payload["appointment"]) == due_at(date(2026, 3, 10), Session.AFTERNOON, 17, 0)
    assert due_in(payload["extended_step_due"]) == due_at(
        date(2026, 3, 6), Session.AFTERNOON, 17, 0
    )
    d = dossier(desk, dossier_id)
    assert (d.due_date, d.due_session) == (date(2026, 3, 10), "afternoon")
    (step,) = processing.steps_of(acts_of(desk, dossier_id))
    assert step.due is not None and step.due.date == date(2026, 3, 6)
    (row,) = deadline_rows(desk, officer)
    assert row.step_due == step.due and row.bucket is Bucket.SOON and row.working_days_left == 1


def test_confirming_a_payment_never_requested_is_refused(desk: Desk, officer: Actor) -> None:
    dossier_id = in_processing(desk, officer)
    before = counts(desk)
    with pytest.raises(IllegalAct):
        processing.confirm_payment(desk, officer, dossier_id, "KBNN-0001")
    assert counts(desk) == before


# --- late, denied, withdrawn, stopped ---------------------------------------------------------


def test_an_apology_before_the_due_date_gives_a_new_date_but_the_result_after_the_first_is_late(
    desk: Desk, officer: Actor, clock: ManualClock, tmp_path: Path
) -> None:
    dossier_id = in_processing(desk, officer)  # due Monday 9/3 11:30
    receipt_numbers(desk)
    fees.collect_fee(desk, officer, dossier_id)
    clock.now = at(6, 9)  # Friday: one working day before the due date, the latest moment
    before = counts(desk)
    with pytest.raises(DomainError, match="phải sau ngày hẹn cũ"):
        acts.reappoint(desk, officer, dossier_id, "Cần xác minh", date(2026, 3, 9))
    with pytest.raises(DomainError, match="không phải ngày làm việc"):
        acts.reappoint(desk, officer, dossier_id, "Cần xác minh", date(2026, 3, 14))
    with pytest.raises(DomainError, match="lý do trễ hạn"):
        acts.reappoint(desk, officer, dossier_id, " ", date(2026, 3, 13))
    assert counts(desk) == before

    outcome = acts.reappoint(
        desk, officer, dossier_id, "Chờ xác minh của Công an xã", date(2026, 3, 13)
    )
    assert outcome.state is S.REAPPOINTED
    notice = last_act(desk, dossier_id, Act.REAPPOINT).payload["notice"]
    assert "Chờ xác minh của Công an xã" in notice and dossier(desk, dossier_id).code in notice
    assert "Thời gian hẹn trả kết quả mới: 17:00 buổi chiều 13/03/2026" in notice
    d = dossier(desk, dossier_id)
    assert (d.due_date, d.due_session, d.due_at) == (date(2026, 3, 13), "afternoon", at(13, 17))
    # The appointment of acceptance stays beside the new one.
    assert (d.original_due_date, d.original_due_at) == (date(2026, 3, 9), at(9, 11, 30))

    clock.now = at(10, 9)  # past the first appointment, before the new one
    row = rows_for(desk, officer, [dossier_id])[dossier_id]
    assert row.standing is not None and row.standing.timeliness is Timeliness.LATE
    assert row.reappointed is not None and row.reappointed.date == date(2026, 3, 13)
    assert dossier_id in queue_ids(desk, officer, QueueFilter(due="overdue"))

    clock.now = at(12, 15)
    processing.record_result_document(
        desk, officer, dossier_id, "30/QĐ-UBND", scan=b"%PDF-1.4 ket qua", file_name=""
    )
    payload = last_act(desk, dossier_id, Act.RECORD_RESULT).payload
    # Late against the appointment of acceptance (Đ15's reports count it so); early against
    # the new appointment, which the department's step got too.
    assert payload["timeliness"] == Timeliness.LATE.value
    assert payload["timeliness_against_appointment"] == Timeliness.EARLY.value
    assert payload["step"]["timeliness"] == Timeliness.EARLY.value
    assert payload["document_number"] == "30/QĐ-UBND" and payload["file_name"] == "ket-qua.pdf"
    assert len(payload["sha256"]) == 64

    returned = return_in_person(desk, officer, dossier_id)
    assert returned.state is S.RETURNED_IN_PERSON
    out = tmp_path / "m05.pdf"
    print_slip(desk, officer, d.code, "M05", out)
    text = pdf_text(out)
    assert "Hẹn lại ngày 13/03/2026: Chờ xác minh của Công an xã" in text
    assert "Có kết quả — Trễ hạn (hẹn lại 13/03/2026)" in text and "Đã trả kết quả" in text
    assert "Trước hạn" not in text
    m04 = tmp_path / "m04.pdf"
    print_slip(desk, officer, d.code, "M04", m04)
    assert "13/03/2026" in pdf_text(m04) and "09/03/2026" in pdf_text(m04)


def test_a_dossier_resolved_on_time_after_an_apology_is_not_late(
    desk: Desk, officer: Actor, clock: ManualClock
) -> None:
    dossier_id = in_processing(desk, officer)  # due Monday 9/3 11:30
    clock.now = at(5, 9)
    acts.reappoint(desk, officer, dossier_id, "Chờ xác minh", date(2026, 3, 13))
    clock.now = at(9, 10)  # the work was done after all, before the first appointment
    processing.record_result_document(desk, officer, dossier_id, "31/QĐ-UBND")
    payload = last_act(desk, dossier_id, Act.RECORD_RESULT).payload
    assert payload["timeliness"] == Timeliness.ON_TIME.value


def test_the_apology_is_refused_after_the_due_moment_too_close_to_it_or_a_second_time(
    desk: Desk, officer: Actor, clock: ManualClock
) -> None:
    dossier_id = in_processing(desk, officer)  # due Monday 9/3 11:30
    clock.now = at(9, 8)  # the due date itself: less than one working day before it
    before = counts(desk)
    with pytest.raises(DomainError, match="chậm nhất 1 ngày làm việc trước ngày hẹn trả"):
        acts.reappoint(desk, officer, dossier_id, "Chờ xác minh", date(2026, 3, 13))
    clock.now = at(9, 14)  # past the due moment: the dossier is late, no apology now
    with pytest.raises(DomainError, match="đã quá hạn trả"):
        acts.reappoint(desk, officer, dossier_id, "Chờ xác minh", date(2026, 3, 13))
    assert acts.may_reappoint(desk, officer, dossier_id) is not None
    assert counts(desk) == before

    other = in_processing(desk, officer)  # accepted Monday 9/3 14:00, due Monday 16/3
    acts.reappoint(desk, officer, other, "Chờ xác minh", date(2026, 3, 18))
    before = counts(desk)
    with pytest.raises(DomainError, match="tối đa 1 lần"):
        acts.reappoint(desk, officer, other, "Chờ thêm", date(2026, 3, 20))
    assert counts(desk) == before

    with desk.store.write() as s:  # the office allows two, and no notice period
        set_reappointment_rules(s, ReappointmentRules(2, 0))
    assert acts.may_reappoint(desk, officer, other) is None
    assert acts.reappoint(desk, officer, other, "Chờ thêm", date(2026, 3, 20)).version


def test_a_denial_needs_reason_number_and_signer_then_its_document_is_returned(
    desk: Desk, officer: Actor, clock: ManualClock
) -> None:
    in_person = in_processing(desk, officer)
    by_post = in_processing(desk, officer)
    receipt_numbers(desk)
    for dossier_id in (in_person, by_post):  # level 3: the fee was paid at reception
        fees.collect_fee(desk, officer, dossier_id)
    clock.now = at(4, 10)
    before = counts(desk)
    for reason, number, signer, message in [
        ("", "05/TB-UBND", "Chủ tịch Lò Văn Páo", "lý do không giải quyết"),
        ("Không đủ điều kiện", " ", "Chủ tịch Lò Văn Páo", "số văn bản"),
        ("Không đủ điều kiện", "05/TB-UBND", "", "lãnh đạo ký"),
    ]:
        with pytest.raises(DomainError, match=message):
            processing.deny_with_document(desk, officer, in_person, reason, number, signer)
    assert counts(desk) == before and dossier(desk, in_person).resolved_at is None

    reason = "Giấy tờ khai sinh đã được đăng ký tại nơi khác"
    for dossier_id in (in_person, by_post):
        outcome = processing.deny_with_document(
            desk, officer, dossier_id, reason, "05/TB-UBND", "Chủ tịch Lò Văn Páo"
        )
        assert outcome.state is S.DENIED
        assert S.DENIED.portal_status == S.RESULT_READY.portal_status  # processing finished
    payload = last_act(desk, in_person, Act.DENY).payload
    d = dossier(desk, in_person)
    assert d.resolved_at == at(4, 10) and payload["timeliness"] == "early"
    assert payload["step"]["department"] == TU_PHAP
    notice = payload["notice"]
    for part in (reason, "05/TB-UBND", "Chủ tịch Lò Văn Páo", d.code, d.applicant_name):
        assert part in notice
    assert processing.steps_of(acts_of(desk, in_person))[-1].ended_at == at(4, 10)
    with pytest.raises(IllegalAct):  # a denied dossier has no result to record
        processing.record_result_document(desk, officer, in_person, "1/QĐ")

    clock.now = at(5, 9)
    assert return_in_person(desk, officer, in_person).state is S.RETURNED_IN_PERSON
    checks = originals_by_post(desk, officer, by_post)
    processing.receive_by_post(desk, officer, by_post, "EB000111VN", checks, postage=25_000)
    posted = processing.post_result(desk, officer, by_post, "RR000222VN")
    assert posted.state is S.RETURNED_BY_POST


def test_a_denied_dossier_whose_fee_was_refunded_can_still_be_returned(
    desk: Desk, officer: Actor
) -> None:
    dossier_id = in_processing(desk, officer)
    receipt_numbers(desk)
    paid = fees.collect_fee(desk, officer, dossier_id)
    processing.deny_with_document(
        desk, officer, dossier_id, "Không đủ điều kiện", "05/TB-UBND", "Chủ tịch Lò Văn Páo"
    )
    fees.refund_fee(desk, officer, paid.payment_id, "Không giải quyết: hoàn lệ phí")
    # The fee may not be collected again (DENIED is refundable), yet the return demands it.
    with pytest.raises(DomainError, match="không thu phí"):
        fees.collect_fee(desk, officer, dossier_id)
    try:
        assert return_in_person(desk, officer, dossier_id).state is S.RETURNED_IN_PERSON
    except DomainError as err:
        assert "còn phải nộp 5.000 đồng" in str(err)  # the bug, not some other refusal
        raise


def test_a_withdrawal_after_payment_is_refunded_once(
    desk: Desk, officer: Actor, clock: ManualClock
) -> None:
    dossier_id = in_processing(desk, officer)
    receipt_numbers(desk)
    assert processing.owed(desk, officer, dossier_id) == 5_000
    paid = fees.collect_fee(desk, officer, dossier_id, method="cash")
    assert paid.amount == 5_000 and paid.receipt is not None and paid.receipt.number == 1
    assert processing.owed(desk, officer, dossier_id) == 0
    with pytest.raises(DomainError, match=r"Đ10\.3"):  # still being processed
        fees.refund_fee(desk, officer, paid.payment_id, "Công dân rút")
    clock.now = at(3, 9)
    assert acts.withdraw_dossier(desk, officer, dossier_id, "Công dân đề nghị rút").state is (
        S.WITHDRAWN
    )
    assert [p.id for p in processing.refundable_payments(desk, officer, dossier_id)] == [
        paid.payment_id
    ]
    with pytest.raises(DomainError, match="lý do hoàn trả"):
        fees.refund_fee(desk, officer, paid.payment_id, " ")
    refund_id = fees.refund_fee(desk, officer, paid.payment_id, "Rút hồ sơ: hoàn lệ phí")
    with desk.store.read() as s:
        refund = s.get(Payment, refund_id)
        assert refund is not None
        assert (refund.kind, refund.amount, refund.refund_of) == ("refund", 5_000, paid.payment_id)
    assert processing.refundable_payments(desk, officer, dossier_id) == []
    before = counts(desk)
    with pytest.raises(DomainError, match="đã được hoàn trả"):
        fees.refund_fee(desk, officer, paid.payment_id, "Hoàn lần hai")
    with pytest.raises(DomainError, match="Không có khoản thu"):
        fees.refund_fee(desk, officer, refund_id, "Hoàn khoản hoàn")
    assert counts(desk) == before
    with pytest.raises(IllegalAct):  # nothing moves a withdrawn dossier any more
        processing.record_result_document(desk, officer, dossier_id, "1/QĐ")


def test_a_served_dossier_keeps_its_fee(desk: Desk, officer: Actor, clock: ManualClock) -> None:
    dossier_id = in_processing(desk, officer)
    receipt_numbers(desk)
    paid = fees.collect_fee(desk, officer, dossier_id)
    clock.now = at(4, 9)
    processing.record_result_document(desk, officer, dossier_id, "7/QĐ-UBND")
    assert return_in_person(desk, officer, dossier_id).state is S.RETURNED_IN_PERSON
    before = counts(desk)
    with pytest.raises(DomainError, match=r"Đ10\.3"):
        fees.refund_fee(desk, officer, paid.payment_id, "Công dân đòi lại")
    with pytest.raises(IllegalAct):  # too late to withdraw a dossier already served
        acts.withdraw_dossier(desk, officer, dossier_id)
    assert counts(desk) == before
    with desk.store.read() as s:
        assert (
            s.scalar(select(func.count()).select_from(Payment).where(Payment.kind == "refund")) == 0
        )


@pytest.mark.parametrize("paused", [False, True], ids=["in-processing", "paused"])
def test_stopping_needs_a_reason_and_ends_the_dossier(
    desk: Desk, officer: Actor, clock: ManualClock, paused: bool
) -> None:
    dossier_id = in_processing(desk, officer)
    clock.now = at(3, 9)
    if paused:
        acts.request_payment(desk, officer, dossier_id, "Lệ phí trước bạ", 100_000)
    before = counts(desk)
    with pytest.raises(DomainError, match="lý do dừng"):
        acts.stop_processing(desk, officer, dossier_id, "  ")
    assert counts(desk) == before
    outcome = acts.stop_processing(desk, officer, dossier_id, "Người yêu cầu đã qua đời")
    assert outcome.state is S.STOPPED and S.STOPPED.is_final
    stopped = last_act(desk, dossier_id, Act.STOP).payload
    assert stopped["reason"] == "Người yêu cầu đã qua đời"
    assert "dừng giải quyết" in stopped["notice"] and stopped["reason"] in stopped["notice"]
    assert deadline_rows(desk, officer) == []  # no longer being worked on
    with pytest.raises(IllegalAct):
        processing.record_result_document(desk, officer, dossier_id, "1/QĐ")
    with pytest.raises(IllegalAct):
        processing.confirm_payment(desk, officer, dossier_id, "KBNN-1")
    with pytest.raises(IllegalAct):
        processing.hand_on(desk, officer, dossier_id, TAI_CHINH)
    assert counts(desk)[0] == before[0] + 1  # only the stop


# --- result by post (Đ9.2) --------------------------------------------------------------------


def originals_by_post(
    desk: Desk, officer: Actor, dossier_id: str, differ: str = "", missing: str = ""
) -> list[OriginalCheck]:
    """Each paper's original beside its scan: all match, but the paper named ``differ``
    (which differs) and the one named ``missing`` (not in the envelope)."""
    checks = []
    for p in dossier_detail(desk, officer, dossier_id).checklist:
        if p.name == differ:
            checks.append(OriginalCheck(p.position, p.name, OriginalVerdict.DIFFERS, "Sai ngày"))
        elif p.name != missing:
            checks.append(OriginalCheck(p.position, p.name, OriginalVerdict.MATCHES))
    return checks


def test_a_result_is_posted_only_after_each_original_fees_and_postage_came_by_post(
    desk: Desk, officer: Actor, supervisor: Actor, clock: ManualClock
) -> None:
    dossier_id = in_processing(desk, officer)
    receipt_numbers(desk)
    clock.now = at(5, 9)
    processing.record_result_document(desk, officer, dossier_id, "11/QĐ-UBND")
    code = dossier(desk, dossier_id).code
    first, second = [p.name for p in dossier_detail(desk, officer, dossier_id).checklist][:2]
    before = counts(desk)
    with pytest.raises(DomainError, match=f"{code}: chưa nhận bản chính"):
        processing.post_result(desk, officer, dossier_id, "RR123456789VN")
    assert counts(desk) == before

    # One yes/no for every paper is no check: refused, nothing written.
    with pytest.raises(DomainError, match="từng giấy tờ"):
        processing.receive_by_post(desk, officer, dossier_id, "EB100000001VN",
                                   True)  # type: ignore[arg-type]  # fmt: skip
    with pytest.raises(DomainError, match="không âm"):
        processing.receive_by_post(desk, officer, dossier_id, "EB100000001VN", [], postage=-1)
    with pytest.raises(DomainError, match="số hiệu bưu gửi nhận được"):
        processing.receive_by_post(desk, officer, dossier_id, " ", [])
    assert counts(desk) == before

    # The first envelope: one paper missing, another differs; the fees and the postage.
    clock.now = at(6, 9)
    got = processing.receive_by_post(
        desk, officer, dossier_id, "EB100000001VN",
        originals_by_post(desk, officer, dossier_id, differ=first, missing=second),
        note="Phí và cước gửi kèm", postage=28_000,
    )  # fmt: skip
    assert got.state is S.RESULT_READY  # recorded, nothing moved
    before = counts(desk)
    with pytest.raises(DomainError, match=f"“{first}” \\(khác bản chính\\).*“{second}” "
                                          "\\(không xuất trình\\)"):  # fmt: skip
        processing.post_result(desk, officer, dossier_id, "RR123456789VN")
    assert counts(desk) == before

    # The second envelope brings both right; the latest check of each paper counts.
    processing.receive_by_post(desk, officer, dossier_id, "EB100000002VN",
                               originals_by_post(desk, officer, dossier_id))  # fmt: skip
    with pytest.raises(DomainError, match=r"còn phải nộp 5\.000 đồng"):
        processing.post_result(desk, officer, dossier_id, "RR123456789VN")

    with pytest.raises(DomainError, match="số hiệu bưu gửi"):
        fees.collect_fee(desk, officer, dossier_id, method="post")
    paid = fees.collect_fee(desk, officer, dossier_id, method="post", reference="EB100000001VN")
    assert paid.receipt is not None and processing.owed(desk, officer, dossier_id) == 0
    with desk.store.read() as s:
        payment = s.get(Payment, paid.payment_id)
        assert payment is not None
        assert (payment.method, payment.reference) == ("post", "EB100000001VN")
    with pytest.raises(DomainError, match="Phải nhập số hiệu bưu gửi"):
        processing.post_result(desk, officer, dossier_id, "  ")

    clock.now = at(9, 14)
    outcome = processing.post_result(desk, officer, dossier_id, " RR123456789VN ")
    assert outcome.state is S.RETURNED_BY_POST
    payload = last_act(desk, dossier_id, Act.RETURN_BY_POST).payload
    checklist = dossier_detail(desk, officer, dossier_id).checklist
    assert payload == {
        "tracking_number": "RR123456789VN",
        "postage": 28_000,
        "postage_references": ["EB100000001VN"],
        "postal_references": ["EB100000001VN", "EB100000002VN"],
        "originals": [{"position": p.position, "name": p.name, "verdict": "matches", "note": ""}
                      for p in checklist],
    }  # fmt: skip
    with desk.store.read() as s:
        event = s.scalars(select(OutboxEvent).order_by(OutboxEvent.id.desc())).first()
    assert event is not None and event.body["act"] == "return_by_post"
    assert event.body["payload"]["tracking_number"] == "RR123456789VN"
    assert event.body["portal_status"] == 10
    with pytest.raises(IllegalAct):  # returned once
        processing.post_result(desk, officer, dossier_id, "RR999999999VN")


def test_a_result_posted_without_postage_or_with_an_original_differing_needs_more(
    desk: Desk, officer: Actor, supervisor: Actor, clock: ManualClock
) -> None:
    dossier_id = in_processing(desk, officer)
    clock.now = at(5, 9)
    processing.record_result_document(desk, officer, dossier_id, "12/QĐ-UBND")
    receipt_numbers(desk)
    fees.collect_fee(desk, officer, dossier_id, method="post", reference="EB200000001VN")
    first = dossier_detail(desk, officer, dossier_id).checklist[0].name
    checks = originals_by_post(desk, officer, dossier_id, differ=first)
    processing.receive_by_post(desk, officer, dossier_id, "EB200000001VN", checks)
    before = counts(desk)
    with pytest.raises(DomainError, match="khác bản chính"):
        processing.post_result(desk, officer, dossier_id, "RR200000001VN")
    permit = reception.Override(supervisor, "Sai ngày do lỗi đánh máy, đã đối chiếu CCCD")
    with pytest.raises(DomainError, match="cước gửi trả kết quả"):
        processing.post_result(desk, officer, dossier_id, "RR200000001VN", permit)
    assert counts(desk) == before
    processing.receive_by_post(desk, officer, dossier_id, "EB200000002VN", [], postage=30_000)
    outcome = processing.post_result(desk, officer, dossier_id, "RR200000001VN", permit)
    assert outcome.state is S.RETURNED_BY_POST
    payload = last_act(desk, dossier_id, Act.RETURN_BY_POST).payload
    assert payload["override"] == {"supervisor": supervisor.username, "reason": permit.reason}
    assert payload["postage"] == 30_000 and payload["postage_references"] == ["EB200000002VN"]
    with desk.store.read() as s:
        audited = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "dossier.originals_override")).all()  # fmt: skip
    assert [a.officer_id for a in audited] == [supervisor.officer_id]


# --- complaints and feedback (Đ16, Đ11.5) -----------------------------------------------------


def test_complaints_are_recorded_listed_and_resolved_once(
    desk: Desk, officer: Actor, supervisor: Actor, clock: ManualClock
) -> None:
    first = in_processing(desk, officer)
    second = acts.import_dossier(desk, incoming(name="Lường Thị Mai")).dossier_id
    before = counts(desk)
    with pytest.raises(DomainError, match="không có"):
        processing.record_complaint(desk, officer, first, "rumour", "Chậm")
    with pytest.raises(DomainError, match="nội dung khiếu nại"):
        processing.record_complaint(desk, officer, first, "complaint", "  ")
    assert counts(desk) == before

    clock.now = at(3, 9)
    a = processing.record_complaint(desk, officer, first, "complaint", "Cán bộ hẹn sai ngày")
    assert a.state is S.IN_PROCESSING  # recorded in the history, nothing moved
    clock.now = at(3, 10)
    b = processing.record_complaint(
        desk, officer, second, "reflection", "Chờ lâu", channel=" đường dây nóng "
    )
    assert b.state is S.SUBMITTED
    assert last_act(desk, second, Act.COMPLAIN).payload["channel"] == "đường dây nóng"
    listed = processing.complaints(desk, supervisor, open_only=True)
    assert [(c.dossier_id, c.kind, c.content, c.at) for c in listed] == [
        (first, "complaint", "Cán bộ hẹn sai ngày", at(3, 9)),
        (second, "reflection", "Chờ lâu", at(3, 10)),
    ]
    assert listed[0].dossier_code == dossier(desk, first).code
    stranger = Actor(officer.officer_id, "la", "Người lạ", officer.role, OTHER_OFFICE)
    assert processing.complaints(desk, stranger) == []
    with pytest.raises(DomainError, match="Không có khiếu nại"):
        processing.resolve_complaint(desk, stranger, listed[0].id, "Đã xử lý")
    with pytest.raises(DomainError, match="Không có khiếu nại"):
        processing.resolve_complaint(desk, supervisor, "khong-co", "Đã xử lý")
    with pytest.raises(DomainError, match="kết quả giải quyết"):
        processing.resolve_complaint(desk, supervisor, listed[0].id, " ")

    clock.now = at(4, 9)
    done = processing.resolve_complaint(desk, supervisor, listed[0].id, "Đã giải thích, xin lỗi")
    assert done.dossier_id == first and done.state is S.IN_PROCESSING
    assert [c.id for c in processing.complaints(desk, supervisor, open_only=True)] == [listed[1].id]
    resolved = {c.id: c for c in processing.complaints(desk, supervisor)}[listed[0].id]
    assert (resolved.resolved_at, resolved.resolution) == (at(4, 9), "Đã giải thích, xin lỗi")
    with pytest.raises(DomainError, match="đã được giải quyết"):
        processing.resolve_complaint(desk, supervisor, listed[0].id, "Lần nữa")
    # Even a final dossier takes a complaint.
    acts.stop_processing(desk, officer, first, "Công dân đề nghị dừng")
    assert processing.record_complaint(desk, officer, first, "dispute", "Tranh chấp").state is (
        S.STOPPED
    )


def test_feedback_is_counted_by_rating_within_the_period(
    desk: Desk, officer: Actor, clock: ManualClock
) -> None:
    ids = [in_processing(desk, officer) for _ in range(4)]
    with pytest.raises(DomainError, match="Mức đánh giá"):
        processing.record_feedback(desk, officer, ids[0], "great")
    for moment, dossier_id, rating in [
        (at(2, 9), ids[0], "unsatisfied"),  # before the period
        (at(3, 9), ids[0], "satisfied"),
        (at(4, 9), ids[1], "satisfied"),
        (at(5, 16), ids[2], "unsatisfied"),
        (at(9, 0), ids[3], "neutral"),  # the end of the period: not in it
    ]:
        clock.now = moment
        outcome = processing.record_feedback(desk, officer, dossier_id, rating, " Tốt ")
        assert outcome.state is S.IN_PROCESSING
    assert last_act(desk, ids[3], Act.FEEDBACK).payload == {"rating": "neutral", "comment": "Tốt"}
    assert processing.feedback_counts(desk, officer, at(3, 0), at(9, 0)) == {
        "satisfied": 2,
        "neutral": 0,
        "unsatisfied": 1,
    }
    assert processing.feedback_counts(desk, officer, at(2, 0), at(10, 0)) == {
        "satisfied": 2,
        "neutral": 1,
        "unsatisfied": 2,
    }
    stranger = Actor(officer.officer_id, "la", "Người lạ", officer.role, OTHER_OFFICE)
    assert processing.feedback_counts(desk, stranger, at(2, 0), at(10, 0)) == {
        "satisfied": 0,
        "neutral": 0,
        "unsatisfied": 0,
    }
