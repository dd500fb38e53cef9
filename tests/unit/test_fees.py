"""Fees, refunds and receipts at the desk: numbers from allotted blocks only, never
altered once issued, every bad input refused with nothing written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.core.lifecycle import DomainError
from desktop.services import dossiers as acts
from desktop.services import fees, processing
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import AccessDenied
from desktop.store.db import connect as connect_desk_db
from desktop.store.db import dbapi
from desktop.store.models import AuditEntry, OutboxEvent, Payment, Receipt, ReceiptPrint
from tests.conftest import T0, incoming

Counts = tuple[int, int, int, int]


def counts(desk: Desk) -> Counts:
    with desk.store.read() as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(t)) or 0
            for t in (Payment, Receipt, OutboxEvent, AuditEntry)
        )


def with_block(desk: Desk, first: int = 1, last: int = 50, series: str = "TD-26T") -> None:
    with desk.store.write() as s:
        fees.add_receipt_block(s, f"khoi-{series}-{first}", "01BLP0-001", series, first, last, T0)


def dossier(desk: Desk, procedure: str = "MAU-HT-004", level: int = 3) -> str:
    return acts.import_dossier(desk, incoming(procedure=procedure, level=level)).dossier_id


def refused(desk: Desk, call: Callable[[], Any], error: type[Exception] = DomainError) -> str:
    before = counts(desk)
    with pytest.raises(error) as caught:
        call()
    assert counts(desk) == before  # nothing half-written
    return str(caught.value)


def test_cash_fee_gets_the_blocks_next_number_and_goes_to_the_outbox(
    desk: Desk, officer: Actor
) -> None:
    with_block(desk, 101, 150)
    first = fees.collect_fee(desk, officer, dossier(desk))
    second = fees.collect_fee(desk, officer, dossier(desk, "MAU-CT-003"))
    assert first.amount == 5000 and first.receipt and first.receipt.number == 101
    assert second.amount == 50000 and second.receipt and second.receipt.number == 102
    assert second.receipt.label == "TD-26T số 0000102"
    with desk.store.read() as s:
        kinds = s.scalars(select(OutboxEvent.kind).order_by(OutboxEvent.id)).all()
        receipt = s.get(Receipt, second.receipt.id)
        assert receipt is not None and receipt.payer_name == "Nguyễn Văn Ánh"
        assert receipt.amount == sum(i["amount"] for i in receipt.items) == 50000
        assert fees.numbers_left(s) == 48
    assert kinds.count("receipt.issued") == 2 and kinds.count("fee.payment") == 2


def test_bad_payments_are_refused_and_write_nothing(
    desk: Desk, officer: Actor, supervisor: Actor
) -> None:
    with_block(desk)
    owed = dossier(desk)
    free = dossier(desk, "MAU-HT-001")
    assert "không thu phí" in refused(desk, lambda: fees.collect_fee(desk, officer, free))
    for bad in (-5000, 1.5, "năm nghìn"):
        refused(desk, lambda bad=bad: fees.collect_fee(desk, officer, owed, amount=bad))
    assert "lãnh đạo" in refused(
        desk, lambda: fees.collect_fee(desk, officer, owed, amount=4000), AccessDenied
    )
    assert "lý do" in refused(
        desk, lambda: fees.collect_fee(desk, officer, owed, amount=4000, approver=supervisor)
    )
    assert "mức độ 3" in refused(
        desk, lambda: fees.collect_fee(desk, officer, owed, "online", reference="GD-1")
    )
    assert "bưu gửi" in refused(desk, lambda: fees.collect_fee(desk, officer, owed, "post"))
    refused(desk, lambda: fees.collect_fee(desk, officer, owed, "chuyen-khoan"))
    outcome = fees.collect_fee(desk, officer, owed, amount=4000, approver=supervisor,
                               reason="Miễn giảm theo quyết định số 12")  # fmt: skip
    assert outcome.amount == 4000
    # A fee that differs was collected in full: nothing more is owed.
    assert "đã nộp đủ" in refused(desk, lambda: fees.collect_fee(desk, officer, owed))


def test_no_receipt_outside_the_desks_blocks(desk: Desk, officer: Actor) -> None:
    owed = dossier(desk)
    message = refused(desk, lambda: fees.collect_fee(desk, officer, owed), fees.OutOfReceiptNumbers)
    assert "hết số biên lai" in message
    with_block(desk, 7, 7)
    assert fees.collect_fee(desk, officer, owed).receipt.number == 7  # type: ignore[union-attr]
    another = dossier(desk)
    refused(desk, lambda: fees.collect_fee(desk, officer, another), fees.OutOfReceiptNumbers)
    # A block overlapping one the desk holds is refused.
    with desk.store.write() as s, pytest.raises(DomainError, match="trùng"):
        fees.add_receipt_block(s, "khac", "01BLP0-001", "TD-26T", 5, 9, T0)


def test_void_keeps_the_number_and_a_correction_takes_the_next(desk: Desk, officer: Actor) -> None:
    with_block(desk)
    receipt = fees.collect_fee(desk, officer, dossier(desk)).receipt
    assert receipt is not None
    refused(desk, lambda: fees.void_receipt(desk, officer, receipt.id, "  "))
    new = fees.correct_receipt(desk, officer, receipt.id, "Sai tên người nộp",
                               payer_name="Nguyễn Văn Anh")  # fmt: skip
    assert new.number == receipt.number + 1
    with desk.store.read() as s:
        old, fresh = s.get(Receipt, receipt.id), s.get(Receipt, new.id)
        assert old is not None and fresh is not None
        assert old.voided_at is not None and old.void_reason == "Sai tên người nộp"
        assert fresh.replaces == old.id and fresh.payer_name == "Nguyễn Văn Anh"
        assert fresh.payment_id == old.payment_id and fresh.amount == old.amount
    assert "đã bị huỷ" in refused(desk, lambda: fees.void_receipt(desk, officer, old.id, "lại"))


def test_an_issued_receipt_cannot_be_altered_or_deleted_in_the_database(
    desk: Desk, officer: Actor
) -> None:
    with_block(desk)
    receipt = fees.collect_fee(desk, officer, dossier(desk)).receipt
    assert receipt is not None
    con = connect_desk_db(desk.store.path)
    for statement in (
        "UPDATE receipts SET amount = 1",
        "UPDATE receipts SET number = 99",
        "UPDATE receipts SET voided_at = '2026-03-02T01:00:00.000000+00:00'",  # no reason
        "DELETE FROM receipts",
        "UPDATE payments SET amount = 1",
        "DELETE FROM receipt_blocks",
    ):
        with pytest.raises(dbapi.DatabaseError):
            con.execute(statement)
    con.close()


def test_a_second_print_is_a_copy(desk: Desk, officer: Actor) -> None:
    with_block(desk)
    receipt = fees.collect_fee(desk, officer, dossier(desk)).receipt
    assert receipt is not None
    assert fees.record_print(desk, officer, receipt.id) is False
    assert fees.record_print(desk, officer, receipt.id) is True
    with desk.store.read() as s:
        assert s.scalar(select(func.count()).select_from(ReceiptPrint)) == 2


def test_refund_only_when_the_office_did_not_perform_the_service(
    desk: Desk, officer: Actor
) -> None:
    with_block(desk)
    owed = dossier(desk)
    payment = fees.collect_fee(desk, officer, owed).payment_id
    assert "Đ10.3" in refused(desk, lambda: fees.refund_fee(desk, officer, payment, "Rút"))
    acts.refuse_dossier(desk, officer, owed, "Không thuộc thẩm quyền giải quyết")
    refused(desk, lambda: fees.refund_fee(desk, officer, payment, ""))
    fees.refund_fee(desk, officer, payment, "Từ chối tiếp nhận: hoàn lệ phí")
    with desk.store.read() as s:
        assert fees.paid_so_far(s, owed) == 0
    assert "đã được hoàn" in refused(desk, lambda: fees.refund_fee(desk, officer, payment, "x"))
    assert "không thu phí" in refused(desk, lambda: fees.collect_fee(desk, officer, owed))


def test_a_level_4_dossier_whose_form_is_not_signed_pays_at_the_desk(
    desk: Desk, officer: Actor
) -> None:
    # Declared level 4, but its form has no valid digital signature: level 3 in effect
    # (Đ10.2), as the window shows it. (A signed one pays online with no desk receipt:
    # tests/sync/test_online_return.py.)
    level4 = dossier(desk, "MAU-LLTP-001", level=4)
    before = counts(desk)
    message = refused(desk, lambda: fees.collect_fee(desk, officer, level4, "online",
                                                     reference="VNPAY-2026-000123"))  # fmt: skip
    assert "mức độ 3" in message and "ký số" in message
    assert counts(desk) == before
    with_block(desk)
    outcome = fees.collect_fee(desk, officer, level4)
    assert outcome.receipt is not None and outcome.amount == 200_000


def test_a_refund_gives_back_the_le_phi_and_a_phi_only_for_work_never_begun(
    desk: Desk, officer: Actor
) -> None:
    """Đ10.3 refunds the lệ phí of a service not performed; a phí pays for the department's
    work, so it is kept once the dossier reached the department (docs/LEGAL.md §4)."""
    with_block(desk)

    def paid(procedure: str, *steps: Callable[[str], object]) -> tuple[str, str]:
        dossier_id = dossier(desk, procedure)
        acts.accept_dossier(desk, officer, dossier_id)
        payment = fees.collect_fee(desk, officer, dossier_id).payment_id
        for step in steps:
            step(dossier_id)
        return dossier_id, payment

    def hand_over(i: str) -> object:
        return acts.hand_over(desk, officer, i, "Phòng Tư pháp")

    def withdraw(i: str) -> object:
        return acts.withdraw_dossier(desk, officer, i, "Công dân xin rút")

    def stop(i: str) -> object:
        return acts.stop_processing(desk, officer, i, "Cơ quan có thẩm quyền yêu cầu dừng")

    # A phí (copying a civil-status extract) withdrawn before the department began: refunded.
    early, payment = paid("MAU-HT-005", withdraw)
    assert [p.id for p in processing.refundable_payments(desk, officer, early)] == [payment]
    fees.refund_fee(desk, officer, payment, "Rút trước khi chuyển phòng chuyên môn")
    with desk.store.read() as s:
        assert fees.paid_so_far(s, early) == 0

    # The same phí once the department worked on it: kept, and the refund is refused.
    late, payment = paid("MAU-HT-005", hand_over, withdraw)
    assert processing.refundable_payments(desk, officer, late) == []
    message = refused(desk, lambda: fees.refund_fee(desk, officer, payment, "Rút"))
    assert "phí cho công việc" in message and "Đ10.3" in message

    # A lệ phí is refunded whenever the service was not performed, even after hand-over.
    stopped, payment = paid("MAU-HT-004", hand_over, stop)
    refund = fees.refund_fee(desk, officer, payment, "Dừng giải quyết")
    with desk.store.read() as s:
        row = s.get(Payment, refund)
        assert row is not None and row.amount == 5000
        assert [i["kind"] for i in row.items] == ["le_phi"]
        assert fees.paid_so_far(s, stopped) == 0
