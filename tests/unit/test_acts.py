"""Every (state, act) pair: legal acts write state + history + audit + outbox together,
illegal ones raise the domain error and write nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text

from desktop.core.appointments import ReappointmentRules
from desktop.core.checks import OriginalCheck, OriginalVerdict
from desktop.core.lifecycle import TRANSITIONS, Act, DomainError, DossierState, IllegalAct
from desktop.services import dossiers as acts
from desktop.services import processing
from desktop.services.audit import verify_audit
from desktop.services.context import Actor, Desk
from desktop.services.dossier_view import dossier_detail
from desktop.services.settings import set_reappointment_rules
from desktop.store.models import ActRow, AuditEntry, Dossier, OutboxEvent
from tests.conftest import OTHER_OFFICE, incoming

S = DossierState
ActCall = Callable[[Desk, Actor, str], acts.ActOutcome]


def three_days_after_due(desk: Desk, dossier_id: str) -> date:
    with desk.store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None
        return desk.calendar.nth_working_day_after(d.due_date or date(2026, 3, 2), 3)


def all_matching(desk: Desk, officer: Actor, dossier_id: str) -> list[OriginalCheck]:
    return [OriginalCheck(p.position, p.name, OriginalVerdict.MATCHES)
            for p in dossier_detail(desk, officer, dossier_id).checklist]  # fmt: skip


# One valid call per act, as an officer would make it.
CALLS: dict[Act, ActCall] = {
    Act.ACCEPT: lambda d, a, i: acts.accept_dossier(d, a, i),
    Act.REQUEST_SUPPLEMENT: lambda d, a, i: acts.request_supplement(
        d, a, i, [acts.PaperProblem("Giấy khai sinh", "missing")], "Thiếu giấy khai sinh"
    ),
    Act.RECORD_SUPPLEMENT: lambda d, a, i: acts.record_supplement(d, a, i, "Đã bổ sung"),
    Act.REFUSE: lambda d, a, i: acts.refuse_dossier(d, a, i, "Không thuộc thẩm quyền"),
    Act.HAND_OVER: lambda d, a, i: acts.hand_over(d, a, i, "Phòng Tư pháp", "Chuyên viên A"),
    Act.REQUEST_PAYMENT: lambda d, a, i: acts.request_payment(d, a, i, "Lệ phí trước bạ", 150000),
    Act.CONFIRM_PAYMENT: lambda d, a, i: acts.confirm_payment(d, a, i, "KBNN-00001"),
    Act.REAPPOINT: lambda d, a, i: acts.reappoint(
        d, a, i, "Cần xác minh thêm", three_days_after_due(d, i)
    ),
    Act.RECORD_RESULT: lambda d, a, i: acts.record_result(d, a, i),
    Act.DENY: lambda d, a, i: acts.deny_dossier(d, a, i, "Không đủ điều kiện"),
    Act.RETURN_IN_PERSON: lambda d, a, i: acts.return_in_person(d, a, i, "Nguyễn Văn Ánh"),
    # Refused until the originals came by post (then it posts: see PATH_TO).
    Act.RETURN_BY_POST: lambda d, a, i: processing.post_result(d, a, i, "RR123456789VN"),
    Act.WITHDRAW: lambda d, a, i: acts.withdraw_dossier(d, a, i, "Công dân đề nghị rút"),
    Act.STOP: lambda d, a, i: acts.stop_processing(d, a, i, "Người yêu cầu đề nghị dừng"),
    Act.HAND_ON: lambda d, a, i: processing.hand_on(d, a, i, "Phòng Tài chính - Kế hoạch"),
    Act.CONSULT: lambda d, a, i: processing.consult(d, a, i, ["Công an xã"], "Xác minh cư trú"),
    Act.RECEIVE_BY_POST: lambda d, a, i: processing.receive_by_post(
        d, a, i, "EB1234VN", all_matching(d, a, i), postage=25_000
    ),
    Act.COMPLAIN: lambda d, a, i: processing.record_complaint(d, a, i, "reflection", "Chậm"),
    Act.FEEDBACK: lambda d, a, i: processing.record_feedback(d, a, i, "satisfied"),
    # Here on a level-3 dossier: refused where it is legal (tests/unit/test_online_return.py
    # walks a validly signed level-4 dossier to "returned online").
    Act.RETURN_ONLINE: lambda d, a, i: processing.return_online(d, a, i),
}
REFUSED_WHERE_LEGAL = {Act.RETURN_ONLINE: "mức độ 3", Act.RETURN_BY_POST: "chưa nhận bản chính"}
# Resolving needs a complaint on record first: tested on its own below.
NEEDS_A_COMPLAINT = {Act.RESOLVE_COMPLAINT}

# A legal way to bring a fresh dossier into each state.
PATH_TO: dict[DossierState, list[Act]] = {
    S.SUBMITTED: [],
    S.SUPPLEMENT_REQUESTED: [Act.REQUEST_SUPPLEMENT],
    S.SUPPLEMENTED: [Act.REQUEST_SUPPLEMENT, Act.RECORD_SUPPLEMENT],
    S.REFUSED: [Act.REFUSE],
    S.ACCEPTED: [Act.ACCEPT],
    S.IN_PROCESSING: [Act.ACCEPT, Act.HAND_OVER],
    S.PAYMENT_REQUESTED: [Act.ACCEPT, Act.HAND_OVER, Act.REQUEST_PAYMENT],
    S.SUPPLEMENT_IN_PROCESSING: [Act.ACCEPT, Act.HAND_OVER, Act.REQUEST_SUPPLEMENT],
    S.REAPPOINTED: [Act.ACCEPT, Act.HAND_OVER, Act.REAPPOINT],
    S.RESULT_READY: [Act.ACCEPT, Act.HAND_OVER, Act.RECORD_RESULT],
    S.DENIED: [Act.ACCEPT, Act.HAND_OVER, Act.DENY],
    S.RETURNED_IN_PERSON: [Act.ACCEPT, Act.HAND_OVER, Act.RECORD_RESULT, Act.RETURN_IN_PERSON],
    # Denied: no fee is owed, so the result goes once the originals came by post.
    S.RETURNED_BY_POST: [Act.ACCEPT, Act.HAND_OVER, Act.DENY, Act.RECEIVE_BY_POST,
                         Act.RETURN_BY_POST],
    S.WITHDRAWN: [Act.WITHDRAW],
    S.STOPPED: [Act.ACCEPT, Act.STOP],
}
# Needs a digitally signed level-4 dossier and result: tests/unit/test_online_return.py.
SIGNED_LEVEL4_ONLY = {S.RETURNED_ONLINE}


def test_every_state_and_act_is_covered() -> None:
    assert set(PATH_TO) == set(DossierState) - SIGNED_LEVEL4_ONLY
    assert set(CALLS) == set(Act) - {Act.RECEIVE} - NEEDS_A_COMPLAINT


def dossier_in(desk: Desk, officer: Actor, state: DossierState) -> str:
    dossier_id = acts.import_dossier(desk, incoming()).dossier_id
    for act in PATH_TO[state]:
        CALLS[act](desk, officer, dossier_id)
    return dossier_id


def counts(desk: Desk, dossier_id: str) -> tuple[str, int, int, int, int]:
    with desk.store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None
        return (
            d.state,
            d.version,
            s.scalar(select(func.count()).select_from(ActRow)) or 0,
            s.scalar(select(func.count()).select_from(AuditEntry)) or 0,
            s.scalar(select(func.count()).select_from(OutboxEvent)) or 0,
        )


@pytest.mark.parametrize("state", list(PATH_TO), ids=lambda s: s.value)
@pytest.mark.parametrize("act", list(CALLS), ids=lambda a: a.value)
def test_state_act_pair(desk: Desk, officer: Actor, state: DossierState, act: Act) -> None:
    dossier_id = dossier_in(desk, officer, state)
    st, version, n_acts, n_audit, n_outbox = counts(desk, dossier_id)
    assert st == state.value
    desk.clock.now += timedelta(hours=1)  # type: ignore[attr-defined]
    if act is Act.REAPPOINT:  # a second apology needs a desk that allows two (default one)
        with desk.store.write() as s:
            set_reappointment_rules(s, ReappointmentRules(max_reappointments=2))

    if (state, act) in TRANSITIONS and act in REFUSED_WHERE_LEGAL:
        with pytest.raises(DomainError, match=REFUSED_WHERE_LEGAL[act]):
            CALLS[act](desk, officer, dossier_id)
        assert counts(desk, dossier_id) == (st, version, n_acts, n_audit, n_outbox)
    elif (state, act) in TRANSITIONS:
        outcome = CALLS[act](desk, officer, dossier_id)
        expected = TRANSITIONS[(state, act)]
        assert outcome.state is expected
        assert counts(desk, dossier_id) == (
            expected.value,
            version + 1,
            n_acts + 1,
            n_audit + 1,
            n_outbox + 1,
        )
        with desk.store.read() as s:
            row = s.scalars(select(ActRow).where(ActRow.act_id == outcome.act_id)).one()
            assert (row.act, row.from_state, row.to_state, row.version) == (
                act.value,
                state.value,
                expected.value,
                version + 1,
            )
            event = s.scalars(select(OutboxEvent).order_by(OutboxEvent.id.desc())).first()
            assert event is not None and event.body["act_id"] == outcome.act_id
            assert event.body["base_version"] == version
            assert event.body["portal_status"] == int(expected.portal_status)
            entry = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
            assert entry is not None and entry.action == f"dossier.{act.value}"
            assert entry.before is not None and entry.before["state"] == state.value
            assert entry.after is not None and entry.after["state"] == expected.value
            assert entry.officer_id == officer.officer_id
        assert verify_audit(desk.store).ok
    else:
        with pytest.raises(IllegalAct) as err:
            CALLS[act](desk, officer, dossier_id)
        message = str(err.value)
        code = counts_code(desk, dossier_id)
        assert code in message and state.value in message and act.value in message
        assert counts(desk, dossier_id) == (st, version, n_acts, n_audit, n_outbox)


def counts_code(desk: Desk, dossier_id: str) -> str:
    with desk.store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None
        return d.code


def test_a_failure_inside_the_transaction_leaves_nothing(desk: Desk, officer: Actor) -> None:
    dossier_id = dossier_in(desk, officer, S.SUBMITTED)
    before = counts(desk, dossier_id)
    # A real failure at the last write of the act (the outbox), raised by SQLite itself.
    with desk.store.write() as s:
        s.execute(
            text(
                "CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox "
                "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
            )
        )
    with pytest.raises(Exception, match="disk on fire"):
        acts.accept_dossier(desk, officer, dossier_id)
    assert counts(desk, dossier_id) == before
    with desk.store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None and d.due_date is None and d.received_at is None


def test_accept_records_the_appointment(desk: Desk, officer: Actor) -> None:
    dossier_id = dossier_in(desk, officer, S.SUBMITTED)  # MAU-HT-004: 5 working days
    outcome = acts.accept_dossier(desk, officer, dossier_id)  # Monday 2/3/2026 08:00
    assert outcome.due is not None and outcome.due.date == date(2026, 3, 9)
    with desk.store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None and d.due_date == date(2026, 3, 9) and d.due_session == "morning"
        row = s.scalars(select(ActRow).where(ActRow.act_id == outcome.act_id)).one()
        assert row.payload["appointment"]["date"] == "2026-03-09"


def test_import_is_idempotent_and_scoped(desk: Desk, officer: Actor) -> None:
    item = incoming()
    first = acts.import_dossier(desk, item)
    again = acts.import_dossier(desk, item)
    assert again.dossier_id == first.dossier_id and again.version == 1
    with desk.store.read() as s:
        assert s.scalar(select(func.count()).select_from(ActRow)) == 1
    with pytest.raises(acts.AccessDenied):
        acts.import_dossier(desk, incoming(office=OTHER_OFFICE))
    with pytest.raises(acts.DomainError, match="thủ tục"):
        acts.import_dossier(desk, incoming(procedure="KHONG-CO"))


def test_an_officer_cannot_act_on_another_offices_dossier(desk: Desk, officer: Actor) -> None:
    dossier_id = dossier_in(desk, officer, S.SUBMITTED)
    stranger = Actor(officer.officer_id, "la", "Người lạ", officer.role, OTHER_OFFICE)
    with pytest.raises(acts.AccessDenied):
        acts.accept_dossier(desk, stranger, dossier_id)


def test_administrators_do_not_act_on_dossiers(desk: Desk, officer: Actor, admin: Actor) -> None:
    dossier_id = dossier_in(desk, officer, S.SUBMITTED)
    with pytest.raises(acts.AccessDenied):
        acts.accept_dossier(desk, admin, dossier_id)


@pytest.mark.parametrize(
    "call",
    [
        lambda d, a, i: acts.refuse_dossier(d, a, i, "   "),
        lambda d, a, i: acts.request_supplement(d, a, i, [], "Thiếu"),
        lambda d, a, i: acts.request_supplement(
            d, a, i, [acts.PaperProblem("Tờ khai", "missing")], ""
        ),
    ],
    ids=["refuse-without-reason", "supplement-without-papers", "supplement-without-reason"],
)
def test_required_reasons(desk: Desk, officer: Actor, call: ActCall) -> None:
    dossier_id = dossier_in(desk, officer, S.SUBMITTED)
    before = counts(desk, dossier_id)
    with pytest.raises(acts.DomainError, match="Phải"):
        call(desk, officer, dossier_id)
    assert counts(desk, dossier_id) == before


def test_reappointment_must_move_the_date_later_to_a_working_day(
    desk: Desk, officer: Actor
) -> None:
    dossier_id = dossier_in(desk, officer, S.IN_PROCESSING)  # due 9/3/2026
    with pytest.raises(acts.DomainError, match="không phải ngày làm việc"):
        acts.reappoint(desk, officer, dossier_id, "Trễ", date(2026, 3, 14))  # Saturday
    with pytest.raises(acts.DomainError, match="phải sau ngày hẹn cũ"):
        acts.reappoint(desk, officer, dossier_id, "Trễ", date(2026, 3, 9))
    outcome = acts.reappoint(desk, officer, dossier_id, "Trễ", date(2026, 3, 12))
    assert outcome.state is S.REAPPOINTED


@pytest.mark.parametrize("state", list(PATH_TO), ids=lambda s: s.value)
def test_a_complaint_is_recorded_and_resolved_in_any_state(
    desk: Desk, officer: Actor, state: DossierState
) -> None:
    dossier_id = dossier_in(desk, officer, state)
    processing.record_complaint(desk, officer, dossier_id, "complaint", "Hẹn nhiều lần")
    (open_one,) = processing.complaints(desk, officer, open_only=True)
    before = counts(desk, dossier_id)
    outcome = processing.resolve_complaint(desk, officer, open_one.id, "Đã trả lời công dân")
    assert outcome.state is state
    assert counts(desk, dossier_id)[1:] == tuple(n + 1 for n in before[1:])
    assert processing.complaints(desk, officer, open_only=True) == []
