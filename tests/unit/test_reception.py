"""The completeness check's decisions, the originals check at return, session pickups."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from desktop.core.calendar import OFFICE_TZ, Session
from desktop.core.checks import OriginalCheck, OriginalVerdict, PaperCheck, PaperVerdict
from desktop.core.lifecycle import DomainError, DossierState
from desktop.services import dossiers as acts
from desktop.services import fees, reception
from desktop.services.accounts import LoginError
from desktop.services.context import Actor, Desk
from desktop.services.demo import ManualClock
from desktop.services.dossier_view import appointment_words, dossier_detail
from desktop.services.sessions import (
    WorkSession,
    awaiting_check,
    lock_minutes,
    missed_sessions,
    pickup_due,
    record_pickup,
    set_lock_minutes,
)
from desktop.store.models import ActRow, AuditEntry, OutboxEvent
from tests.conftest import PASSWORDS, incoming


def counts(desk: Desk) -> tuple[int, int, int]:
    with desk.store.read() as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(t)) for t in (ActRow, AuditEntry, OutboxEvent)
        )


def checklist(desk: Desk, officer: Actor, dossier_id: str, *verdicts: PaperVerdict) -> list[
    PaperCheck
]:
    items = dossier_detail(desk, officer, dossier_id).checklist
    return [PaperCheck(i.position, i.name, v, "mờ" if v is PaperVerdict.WRONG else "")
            for i, v in zip(items, verdicts, strict=False)]  # fmt: skip


def test_accept_records_the_check_and_the_notice_the_officer_previewed(
    desk: Desk, officer: Actor
) -> None:
    d = acts.import_dossier(desk, incoming())
    checks = checklist(desk, officer, d.dossier_id, PaperVerdict.PRESENT, PaperVerdict.PRESENT)
    due, notice = reception.preview_accept(desk, officer, d.dossier_id)
    outcome = reception.accept_checked(desk, officer, d.dossier_id, checks)
    assert outcome.state is DossierState.ACCEPTED and outcome.due == due
    with desk.store.read() as s:
        act = s.scalars(select(ActRow).where(ActRow.act == "accept")).one()
    assert act.payload["notice"] == notice and due.label_vi() in notice
    assert [c["verdict"] for c in act.payload["checks"]] == ["present", "present"]


def test_accept_with_a_missing_paper_is_refused_and_writes_nothing(
    desk: Desk, officer: Actor
) -> None:
    d = acts.import_dossier(desk, incoming())
    checks = checklist(desk, officer, d.dossier_id, PaperVerdict.PRESENT, PaperVerdict.MISSING)
    before = counts(desk)
    with pytest.raises(DomainError, match="chưa đủ điều kiện tiếp nhận"):
        reception.accept_checked(desk, officer, d.dossier_id, checks)
    assert counts(desk) == before


def test_supplement_is_prefilled_from_the_check(desk: Desk, officer: Actor) -> None:
    d = acts.import_dossier(desk, incoming())
    checks = checklist(desk, officer, d.dossier_id, PaperVerdict.WRONG, PaperVerdict.MISSING)
    notice = reception.preview_supplement(desk, officer, d.dossier_id, checks, "Thiếu giấy tờ")
    assert "chưa đúng, cần sửa (mờ)" in notice and "còn thiếu" in notice
    reception.request_supplement_checked(desk, officer, d.dossier_id, checks, "Thiếu giấy tờ")
    with desk.store.read() as s:
        act = s.scalars(select(ActRow).where(ActRow.act == "request_supplement")).one()
    assert [p["problem"] for p in act.payload["papers"]] == ["wrong", "missing"]
    assert act.payload["notice"] == notice


def test_refuse_needs_a_reason(desk: Desk, officer: Actor) -> None:
    d = acts.import_dossier(desk, incoming())
    before = counts(desk)
    with pytest.raises(DomainError, match="lý do từ chối"):
        reception.refuse_checked(desk, officer, d.dossier_id, "  ")
    assert counts(desk) == before


def with_result(desk: Desk, officer: Actor) -> str:
    d = acts.import_dossier(desk, incoming())
    acts.accept_dossier(desk, officer, d.dossier_id)
    acts.hand_over(desk, officer, d.dossier_id, "Phòng Tư pháp")
    acts.record_result(desk, officer, d.dossier_id)
    pay_in_cash(desk, officer, d.dossier_id)
    return d.dossier_id


def pay_in_cash(desk: Desk, officer: Actor, dossier_id: str) -> None:
    with desk.store.write() as s:  # receipt numbers, as the portal allots them to the desk
        fees.add_receipt_block(s, "khoi-thu", "01BLP0-001", "LC-26T", 1, 500, desk.now())
    fees.collect_fee(desk, officer, dossier_id)


def test_a_differing_original_blocks_the_return_until_a_supervisor_overrides(
    desk: Desk, officer: Actor, supervisor: Actor
) -> None:
    dossier_id = with_result(desk, officer)
    originals = [
        OriginalCheck(1, "Tờ khai", OriginalVerdict.MATCHES),
        OriginalCheck(2, "Giấy khai sinh", OriginalVerdict.DIFFERS, "Sai ngày sinh"),
    ]
    before = counts(desk)
    with pytest.raises(DomainError, match="Cần lãnh đạo bộ phận cho phép"):
        reception.return_checked(desk, officer, dossier_id, "Nguyễn Văn Ánh", originals)
    assert counts(desk) == before
    with pytest.raises(DomainError, match="không phải lãnh đạo"):
        reception.authorize_override(desk, "canbo", PASSWORDS["canbo"], "Đã xác minh")
    with pytest.raises(LoginError):
        reception.authorize_override(desk, "lanhdao", "sai-mat-khau", "Đã xác minh")
    with pytest.raises(DomainError, match="lý do cho phép"):
        reception.authorize_override(desk, "lanhdao", PASSWORDS["lanhdao"], "")
    override = reception.authorize_override(
        desk, "lanhdao", PASSWORDS["lanhdao"], "Đã xác minh với UBND xã nơi cấp"
    )
    outcome = reception.return_checked(
        desk, officer, dossier_id, "Nguyễn Văn Ánh", originals, override
    )
    assert outcome.state is DossierState.RETURNED_IN_PERSON
    with desk.store.read() as s:
        audit = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "dossier.originals_override")
        ).one()
        act = s.scalars(select(ActRow).where(ActRow.act == "return_in_person")).one()
    assert audit.officer_id == supervisor.officer_id
    assert audit.after and audit.after["reason"] == "Đã xác minh với UBND xã nơi cấp"
    assert act.payload["override"]["supervisor"] == "lanhdao"


def test_a_differing_original_needs_a_note() -> None:
    with pytest.raises(DomainError, match="khác ở đâu"):
        OriginalCheck(1, "Tờ khai", OriginalVerdict.DIFFERS, " ")


def test_return_needs_the_signature_and_the_fees(desk: Desk, officer: Actor) -> None:
    d = acts.import_dossier(desk, incoming())
    acts.accept_dossier(desk, officer, d.dossier_id)
    acts.hand_over(desk, officer, d.dossier_id, "Phòng Tư pháp")
    acts.record_result(desk, officer, d.dossier_id)
    originals = [OriginalCheck(1, "Tờ khai", OriginalVerdict.MATCHES)]
    before = counts(desk)
    with pytest.raises(DomainError, match=r"còn phải nộp 5\.000 đồng"):
        reception.return_checked(desk, officer, d.dossier_id, "Bà Mai", originals)
    assert counts(desk) == before
    pay_in_cash(desk, officer, d.dossier_id)
    before = counts(desk)
    with pytest.raises(DomainError, match="chưa ký"):
        reception.return_checked(desk, officer, d.dossier_id, "Bà Mai", originals, signed=False)
    assert counts(desk) == before


def test_all_originals_matching_return_without_override(desk: Desk, officer: Actor) -> None:
    dossier_id = with_result(desk, officer)
    originals = [OriginalCheck(1, "Tờ khai", OriginalVerdict.MATCHES)]
    outcome = reception.return_checked(desk, officer, dossier_id, "Bà Lò Thị Mai", originals)
    assert outcome.state is DossierState.RETURNED_IN_PERSON


def test_detail_joins_required_papers_and_attachments(desk: Desk, officer: Actor) -> None:
    d = acts.import_dossier(desk, incoming())
    detail = dossier_detail(desk, officer, d.dossier_id)
    assert detail.code == d.dossier_code and detail.timeline[0].act.value == "receive"
    assert detail.checklist and all(not i.on_desk for i in detail.checklist)


def test_the_history_gives_the_appointment_in_vietnamese(desk: Desk, officer: Actor) -> None:
    d = acts.import_dossier(desk, incoming())
    acts.accept_dossier(desk, officer, d.dossier_id)
    detail = dossier_detail(desk, officer, d.dossier_id)
    assert detail.due is not None
    accepted = next(e for e in detail.timeline if e.act.value == "accept")
    words = f"hẹn {detail.due.date:%d/%m/%Y} {detail.due.session.label_vi}"
    assert accepted.details.startswith(words), accepted.details
    assert "morning" not in accepted.details and "afternoon" not in accepted.details
    assert appointment_words({"date": "2026-12-14", "session": "morning"}) == (
        "hẹn 14/12/2026 buổi sáng")  # fmt: skip
    assert appointment_words({"date": "2026-12-14", "session": "afternoon"}) == (
        "hẹn 14/12/2026 buổi chiều")  # fmt: skip
    # What an older payload holds that is not a day or a session is shown as it is.
    assert appointment_words({"date": "14/12", "session": ""}) == "hẹn 14/12"


def test_session_pickups_and_missed_sessions(
    desk: Desk, officer: Actor, clock: ManualClock
) -> None:
    # T0 is Monday 2026-03-02 08:00, in the morning session.
    ws = pickup_due(desk)
    assert ws == WorkSession(clock.now.date(), Session.MORNING)
    record_pickup(desk, officer, ws, ok=False, new_dossiers=0, message="mất mạng")
    assert pickup_due(desk) == ws  # an offline attempt does not count
    record_pickup(desk, officer, ws, ok=True, new_dossiers=3)
    assert pickup_due(desk) is None
    clock.now = datetime(2026, 3, 3, 15, 0, tzinfo=OFFICE_TZ)  # Tuesday afternoon
    missed = missed_sessions(desk, clock.now.date() - timedelta(days=1))
    assert [m.label_vi() for m in missed] == [
        "buổi chiều 02/03/2026", "buổi sáng 03/03/2026", "buổi chiều 03/03/2026"]  # fmt: skip
    acts.import_dossier(desk, incoming())
    assert awaiting_check(desk, officer, since=clock.now) == 1


def test_lock_minutes_are_the_administrators(desk: Desk, admin: Actor, officer: Actor) -> None:
    assert lock_minutes(desk) == 10
    with pytest.raises(DomainError, match="Chỉ quản trị"):
        set_lock_minutes(desk, officer, 5)
    with pytest.raises(DomainError, match="từ 1 đến 240"):
        set_lock_minutes(desk, admin, 0)
    set_lock_minutes(desk, admin, 3)
    assert lock_minutes(desk) == 3

