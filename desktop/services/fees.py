"""Phí, lệ phí và biên lai — fees collected, refunded, and the receipts that prove them.

Every function writes its rows, an audit entry and outbox events in one transaction, or
nothing. Receipt numbers come only from the blocks the portal allotted to this desk, in
order, so several desks issuing offline at once never take the same number and a block
has no gap. An issued receipt is never altered: a correction voids it (the number stays
used, with reason, who and when) and issues a new one; a second print is marked a copy.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core import money
from desktop.core.lifecycle import Act, DomainError, DossierState
from desktop.core.money import amount_in_words, format_dong, whole_dong
from desktop.services.audit import record_audit
from desktop.services.catalogue import procedure_of
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import AccessDenied, check_may_act, load_for, required
from desktop.services.outbox import enqueue
from desktop.services.settings import get_setting, put_setting
from desktop.store.models import (
    ActRow,
    Dossier,
    Payment,
    Receipt,
    ReceiptBlock,
    ReceiptPrint,
)

METHODS = {"cash": "tiền mặt tại bộ phận một cửa", "online": "thanh toán trực tuyến",
           "post": "qua dịch vụ bưu chính"}  # fmt: skip
REFUNDABLE = money.REFUNDABLE  # what of the fees comes back: ``refundable_items``


class OutOfReceiptNumbers(DomainError):
    pass


@dataclass(frozen=True)
class ReceiptView:
    id: str
    form_symbol: str
    series: str
    number: int
    amount: int

    @property
    def label(self) -> str:
        return f"{self.series} số {self.number:07d}"


@dataclass(frozen=True)
class FeeOutcome:
    payment_id: str
    amount: int
    receipt: ReceiptView | None


# --- reading -------------------------------------------------------------------------------


def schedule_items(session: Session, dossier: Dossier) -> list[dict[str, Any]]:
    """The procedure's fee schedule as receipt items (name, kind, amount in đồng)."""
    procedure = procedure_of(session, dossier.procedure_code)
    return [{"name": f.name, "kind": f.kind.value, "amount": f.amount} for f in procedure.fees]


def paid_so_far(session: Session, dossier_id: str) -> int:
    """Payments less refunds, in đồng."""
    rows = session.execute(
        select(Payment.kind, func.sum(Payment.amount))
        .where(Payment.dossier_id == dossier_id)
        .group_by(Payment.kind)
    ).all()
    totals = {kind: int(total) for kind, total in rows}
    return totals.get("payment", 0) - totals.get("refund", 0)


def _settled_by_approval(session: Session, dossier_id: str) -> bool:
    """A payment of another amount a supervisor approved (a reduction, an exemption)
    settles the dossier's fees, unless it was refunded."""
    refunded = select(Payment.refund_of).where(Payment.refund_of.is_not(None))
    return bool(session.scalar(select(Payment.id).where(
        Payment.dossier_id == dossier_id, Payment.kind == "payment",
        Payment.approved_by.is_not(None), Payment.id.not_in(refunded))))  # fmt: skip


def still_owed(session: Session, dossier: Dossier) -> int:
    """What the citizen still has to pay (đồng): the schedule less payments and refunds,
    nothing once a supervisor approved another amount."""
    if _settled_by_approval(session, dossier.id) or DossierState(dossier.state) in REFUNDABLE:
        return 0  # a service not performed is not paid for (Đ10.3)
    total = sum(int(i["amount"]) for i in schedule_items(session, dossier))
    return max(0, total - paid_so_far(session, dossier.id))


def refundable_items(session: Session, dossier: Dossier, payment: Payment) -> list[dict[str, Any]]:
    """The items of ``payment`` given back (Đ10.3): ``money.refundable_items``, with whether
    the dossier ever reached the specialist department."""
    worked_on = session.scalar(select(ActRow.id).where(
        ActRow.dossier_id == dossier.id, ActRow.act == Act.HAND_OVER.value).limit(1))  # fmt: skip
    state = DossierState(dossier.state)
    return [dict(i) for i in money.refundable_items(payment.items, state, worked_on is not None)]


def numbers_left(session: Session) -> int:
    """Receipt numbers this desk still holds, over all its blocks (not those a restore
    retired)."""
    retired = retired_blocks(session)
    held = session.scalar(
        select(func.sum(ReceiptBlock.last_number - ReceiptBlock.first_number + 1)).where(
            ReceiptBlock.id.not_in(retired)
        )
    )
    used = session.scalar(
        select(func.count()).select_from(Receipt).where(Receipt.block_id.not_in(retired))
    )
    return int(held or 0) - int(used or 0)


RETIRED_BLOCKS = "receipt_blocks_retired"


def retired_blocks(session: Session) -> list[str]:
    """Blocks whose unused numbers a restore gave up (they may have been issued after the
    backup was made; the table of blocks is append-only, so they are listed here)."""
    return list((get_setting(session, RETIRED_BLOCKS) or {}).get("blocks", []))


def retire_blocks(session: Session, ids: set[str]) -> None:
    """List ``ids`` as retired, keeping which of them the portal has already closed."""
    held = get_setting(session, RETIRED_BLOCKS) or {}
    put_setting(session, RETIRED_BLOCKS, {**held, "blocks": sorted(ids)})


def blocks_to_close(session: Session) -> list[tuple[str, int | None]]:
    """Retired blocks the portal has not closed yet, each with the last number this desk
    used in it (None: none), so the portal stops counting them as in the desk's hand."""
    held = get_setting(session, RETIRED_BLOCKS) or {}
    closed = set(held.get("closed_at_portal", []))
    return [
        (block_id, session.scalar(select(func.max(Receipt.number)).where(
            Receipt.block_id == block_id)))
        for block_id in held.get("blocks", []) if block_id not in closed
    ]  # fmt: skip


def blocks_kept(session: Session) -> list[str]:
    """The blocks this desk holds and has not retired."""
    retired = set(retired_blocks(session))
    return [b for b in session.scalars(select(ReceiptBlock.id)) if b not in retired]


def blocks_closed(session: Session, ids: list[str]) -> None:
    held = get_setting(session, RETIRED_BLOCKS) or {}
    closed = sorted(set(held.get("closed_at_portal", [])) | set(ids))
    put_setting(session, RETIRED_BLOCKS, {**held, "closed_at_portal": closed})


# --- collecting --------------------------------------------------------------------------------


def collect_fee(
    desk: Desk,
    actor: Actor,
    dossier_id: str,
    method: str = "cash",
    amount: object = None,
    reference: str = "",
    reason: str = "",
    approver: Actor | None = None,
) -> FeeOutcome:
    """Thu phí, lệ phí of a dossier: cash at the desk (level 3), online payment confirmed
    from the portal (level 4, no desk receipt) or by post (its postal reference).

    The amount is the procedure's schedule unless a supervisor approves another, with a
    reason. Cash and post get a receipt from this desk's blocks.
    """
    check_may_act(actor)
    if method not in METHODS:
        raise DomainError(f"Hình thức nộp “{method}” không có (tiền mặt, trực tuyến, bưu chính).")
    # Online payment is level 4's (Đ10.2): the level in effect, as the window shows it — a
    # level-4 dossier whose form is not validly signed is level 3 and pays at the desk.
    level = _effective_level(desk, actor, dossier_id) if method == "online" else None
    with desk.store.write() as session:
        dossier = load_for(session, actor, dossier_id)
        state = DossierState(dossier.state)
        if state in REFUNDABLE or state.is_final:
            raise DomainError(
                f"Hồ sơ {dossier.code} đang “{state.label_vi}”: không thu phí, lệ phí."
            )
        items = schedule_items(session, dossier)
        owed = sum(i["amount"] for i in items) - paid_so_far(session, dossier.id)
        if not items or sum(i["amount"] for i in items) == 0:
            raise DomainError(f"Hồ sơ {dossier.code}: thủ tục không thu phí, lệ phí.")
        if owed <= 0 or _settled_by_approval(session, dossier.id):
            raise DomainError(f"Hồ sơ {dossier.code} đã nộp đủ phí, lệ phí.")
        value = owed if amount is None else whole_dong(amount)
        if value == 0:
            raise DomainError("Số tiền thu phải lớn hơn 0 đồng.")
        approved_by = None
        if value != owed:
            if approver is None or not approver.is_supervisor:
                raise AccessDenied(
                    f"Số tiền {format_dong(value)} đ khác biểu phí ({format_dong(owed)} đ): "
                    "cần lãnh đạo bộ phận duyệt, kèm lý do."
                )
            reason = required(reason, "lý do thu khác biểu phí")
            approved_by = approver.officer_id
            items = [{"name": "Phí, lệ phí (theo duyệt của lãnh đạo)", "kind": "le_phi",
                      "amount": value}]  # fmt: skip
        if method == "online" and level != 4:
            told = "" if dossier.level != 4 else " (tờ khai chưa được ký số hợp lệ, Đ10.2)"
            raise DomainError(f"Hồ sơ {dossier.code} được xử lý như mức độ 3{told}: phí, lệ phí "
                              "nộp tại bộ phận một cửa hoặc qua bưu chính.")  # fmt: skip
        if method in ("online", "post"):
            reference = required(reference, "mã giao dịch hoặc số hiệu bưu gửi")
        payment = Payment(
            id=str(uuid.uuid4()), dossier_id=dossier.id, kind="payment", method=method,
            amount=value, items=items, reference=reference.strip(), reason=reason.strip(),
            refund_of=None, at=desk.now(), officer_id=actor.officer_id, approved_by=approved_by,
        )  # fmt: skip
        session.add(payment)
        session.flush()
        receipt = None
        if method != "online":  # an online payment's receipt comes from the payment service
            receipt = _issue(session, desk, actor, dossier, payment, items, value)
        record_audit(session, desk, actor, "fee.collect", dossier.code, None,
                     {"payment": payment.id, "method": method, "amount": value,
                      "receipt": receipt.label if receipt else None, "reason": reason})  # fmt: skip
        approver_name = approver.username if approved_by is not None and approver else None
        enqueue(session, desk, "fee.payment", _payment_body(payment, dossier, approver_name),
                dossier.id)  # fmt: skip
        return FeeOutcome(payment.id, value, receipt)


def _effective_level(desk: Desk, actor: Actor, dossier_id: str) -> int:
    # pyHanko is slow to import: only when an online payment is recorded
    from desktop.services.scans import ScanStore
    from desktop.services.signatures import check_dossier_signatures

    return check_dossier_signatures(desk, actor, dossier_id, ScanStore.of(desk).get).effective_level


def refund_fee(desk: Desk, actor: Actor, payment_id: str, reason: str) -> str:
    """Hoàn trả (Đ10.3) when the office did not perform the service: the lệ phí, and the
    phí only if its work never began (``refundable_items``)."""
    check_may_act(actor)
    reason = required(reason, "lý do hoàn trả")
    with desk.store.write() as session:
        paid = session.get(Payment, payment_id)
        if paid is None or paid.kind != "payment":
            raise DomainError("Không có khoản thu này.")
        dossier = load_for(session, actor, paid.dossier_id)
        state = DossierState(dossier.state)
        if state not in REFUNDABLE:
            raise DomainError(
                f"Hồ sơ {dossier.code} đang “{state.label_vi}”: chỉ hoàn trả khi cơ quan không "
                "thực hiện được dịch vụ (từ chối, rút, dừng, không giải quyết) — Đ10.3."
            )
        if session.scalar(select(Payment.id).where(Payment.refund_of == paid.id)):
            raise DomainError(f"Khoản thu của hồ sơ {dossier.code} đã được hoàn trả.")
        items = refundable_items(session, dossier, paid)
        if not items:
            raise DomainError(
                f"Khoản thu của hồ sơ {dossier.code} chỉ gồm phí cho công việc phòng chuyên môn "
                "đã thực hiện: không hoàn trả (Đ10.3 hoàn trả lệ phí)."
            )
        refund = Payment(
            id=str(uuid.uuid4()), dossier_id=dossier.id, kind="refund", method=paid.method,
            amount=sum(int(i["amount"]) for i in items), items=items, reference="", reason=reason,
            refund_of=paid.id, at=desk.now(), officer_id=actor.officer_id, approved_by=None,
        )  # fmt: skip
        session.add(refund)
        session.flush()
        record_audit(session, desk, actor, "fee.refund", dossier.code, None,
                     {"payment": paid.id, "refund": refund.id, "amount": refund.amount,
                      "reason": reason})  # fmt: skip
        enqueue(session, desk, "fee.payment", _payment_body(refund, dossier), dossier.id)
        return refund.id


def record_known_payments(
    session: Session, dossier_id: str, payments: Iterable[dict[str, Any]]
) -> int:
    """Payments the portal knows of (paid online, or at another desk of the office), kept
    here too so no desk collects the same fee twice. Inside the caller's transaction; a
    payment already on this desk is left as it is. Returns how many were new."""
    known = set(session.scalars(select(Payment.id).where(Payment.dossier_id == dossier_id)))
    new = 0
    for p in sorted(payments, key=lambda p: p["kind"] != "payment"):  # payments before refunds
        if p["id"] in known:
            continue
        session.add(Payment(
            id=p["id"], dossier_id=dossier_id, kind=p["kind"], method=p["method"],
            amount=p["amount"], items=p.get("items", []), reference=p.get("reference", ""),
            reason="", refund_of=p.get("refund_of"), at=p["at"], officer_id=None,
            approved_by=None,
        ))  # fmt: skip
        session.flush()
        new += 1
    return new


# --- receipts ----------------------------------------------------------------------------------


def void_receipt(desk: Desk, actor: Actor, receipt_id: str, reason: str) -> None:
    """Huỷ biên lai: the number stays used; the receipt is kept, marked void."""
    check_may_act(actor)
    reason = required(reason, "lý do huỷ biên lai")
    with desk.store.write() as session:
        receipt, dossier = _receipt_for(session, actor, receipt_id)
        _void(session, desk, actor, receipt, dossier, reason)


def correct_receipt(
    desk: Desk, actor: Actor, receipt_id: str, reason: str, payer_name: str | None = None,
    payer_address: str | None = None,
) -> ReceiptView:  # fmt: skip
    """Sửa biên lai: void it and issue a new one for the same payment, in one step."""
    check_may_act(actor)
    reason = required(reason, "lý do sửa biên lai")
    with desk.store.write() as session:
        old, dossier = _receipt_for(session, actor, receipt_id)
        _void(session, desk, actor, old, dossier, reason)
        payment = session.get(Payment, old.payment_id)
        assert payment is not None
        return _issue(session, desk, actor, dossier, payment, old.items, old.amount,
                      payer_name=required(payer_name or old.payer_name, "tên người nộp"),
                      payer_address=(payer_address if payer_address is not None
                                     else old.payer_address), replaces=old.id)  # fmt: skip


def record_print(desk: Desk, actor: Actor, receipt_id: str) -> bool:
    """Note a print of the receipt; returns True when it is a copy (printed before)."""
    with desk.store.write() as session:
        return note_print(session, desk, actor, receipt_id)


def printed_before(session: Session, actor: Actor, receipt_id: str) -> bool:
    """Whether the receipt (of the actor's office) was printed before: the next print is
    then a copy."""
    receipt, _ = _receipt_for(session, actor, receipt_id)
    return bool(session.scalar(
        select(func.count()).select_from(ReceiptPrint)
        .where(ReceiptPrint.receipt_id == receipt.id)))  # fmt: skip


def note_print(session: Session, desk: Desk, actor: Actor, receipt_id: str,
               marked: bool | None = None) -> bool:  # fmt: skip
    """Note a print inside the caller's transaction (which writes the paper before it
    commits, so a print that failed is not counted); True when it is a copy. ``marked``:
    whether the paper printed was marked BẢN SAO, when it was drawn before this moment (a
    paper drawn as the original and printed after another print of it says so)."""
    receipt, dossier = _receipt_for(session, actor, receipt_id)
    copy = printed_before(session, actor, receipt_id) if marked is None else marked
    session.add(ReceiptPrint(receipt_id=receipt.id, printed_at=desk.now(),
                             officer_id=actor.officer_id, copy=copy))  # fmt: skip
    record_audit(session, desk, actor, "receipt.print", dossier.code, None,
                 {"receipt": f"{receipt.series}/{receipt.number}", "copy": copy})  # fmt: skip
    return copy


def add_receipt_block(
    session: Session, block_id: str, form_symbol: str, series: str, first: int, last: int,
    at: datetime,
) -> bool:  # fmt: skip
    """Keep a block the portal allotted (idempotent: a block received twice is kept once)."""
    if session.get(ReceiptBlock, block_id) is not None:
        return False
    if not (0 < first <= last <= 9_999_999):
        raise DomainError(f"Dải số biên lai {first}–{last} không hợp lệ (tối đa 7 chữ số).")
    overlap = session.scalar(select(ReceiptBlock.id).where(
        ReceiptBlock.series == series, ReceiptBlock.first_number <= last,
        ReceiptBlock.last_number >= first))  # fmt: skip
    if overlap:
        raise DomainError(f"Dải số {series} {first}–{last} trùng với dải đã có trên bàn.")
    session.add(ReceiptBlock(id=block_id, form_symbol=form_symbol, series=series,
                             first_number=first, last_number=last, allotted_at=at))  # fmt: skip
    return True


def _issue(
    session: Session, desk: Desk, actor: Actor, dossier: Dossier, payment: Payment,
    items: list[dict[str, Any]], amount: int, payer_name: str | None = None,
    payer_address: str | None = None, replaces: str | None = None,
) -> ReceiptView:  # fmt: skip
    block, number = _next_number(session)
    receipt = Receipt(
        id=str(uuid.uuid4()), block_id=block.id, form_symbol=block.form_symbol,
        series=block.series, number=number, payment_id=payment.id, dossier_id=dossier.id,
        payer_name=payer_name or dossier.applicant_name,
        payer_address=dossier.address if payer_address is None else payer_address,
        items=items, amount=amount, issued_at=desk.now(), officer_id=actor.officer_id,
        desk_id=desk.desk_id, replaces=replaces,
    )  # fmt: skip
    session.add(receipt)
    session.flush()
    view = ReceiptView(receipt.id, receipt.form_symbol, receipt.series, number, amount)
    record_audit(session, desk, actor, "receipt.issue", dossier.code, None,
                 {"receipt": view.label, "amount": amount, "replaces": replaces})  # fmt: skip
    enqueue(session, desk, "receipt.issued", {
        "receipt_id": receipt.id, "block_id": block.id, "form_symbol": receipt.form_symbol,
        "series": receipt.series, "number": number, "payment_id": payment.id,
        "dossier_id": dossier.id, "dossier_code": dossier.code, "payer_name": receipt.payer_name,
        "payer_address": receipt.payer_address, "items": items, "amount": amount,
        "amount_in_words": amount_in_words(amount), "officer": actor.username,
        "issued_at": receipt.issued_at.isoformat(), "replaces": replaces,
    }, dossier.id)  # fmt: skip
    return view


def _next_number(session: Session) -> tuple[ReceiptBlock, int]:
    """The lowest unused number of the oldest block that has one left."""
    blocks = session.scalars(
        select(ReceiptBlock)
        .where(ReceiptBlock.id.not_in(retired_blocks(session)))
        .order_by(ReceiptBlock.allotted_at, ReceiptBlock.first_number)
    ).all()
    for block in blocks:
        used = session.scalar(select(func.max(Receipt.number)).where(Receipt.block_id == block.id))
        number = block.first_number if used is None else used + 1
        if number <= block.last_number:
            return block, number
    raise OutOfReceiptNumbers(
        "Bàn đã dùng hết số biên lai được cấp. Kết nối và đồng bộ với cổng để nhận thêm dải "
        "số; không được tự đặt số."
    )


def _void(
    session: Session, desk: Desk, actor: Actor, receipt: Receipt, dossier: Dossier, reason: str
) -> None:
    if receipt.voided_at is not None:
        raise DomainError(f"Biên lai {receipt.series} số {receipt.number:07d} đã bị huỷ trước đó.")
    receipt.voided_at, receipt.voided_by, receipt.void_reason = desk.now(), actor.officer_id, reason
    session.flush()
    record_audit(session, desk, actor, "receipt.void", dossier.code, None,
                 {"receipt": f"{receipt.series}/{receipt.number}", "reason": reason})  # fmt: skip
    enqueue(session, desk, "receipt.voided", {
        "receipt_id": receipt.id, "series": receipt.series, "number": receipt.number,
        "dossier_id": dossier.id, "dossier_code": dossier.code, "reason": reason,
        "officer": actor.username, "voided_at": receipt.voided_at.isoformat(),
    }, dossier.id)  # fmt: skip


def _receipt_for(session: Session, actor: Actor, receipt_id: str) -> tuple[Receipt, Dossier]:
    receipt = session.get(Receipt, receipt_id)
    if receipt is None:
        raise DomainError("Không có biên lai này trên bàn.")
    return receipt, load_for(session, actor, receipt.dossier_id)


def _payment_body(
    payment: Payment, dossier: Dossier, approved_by: str | None = None
) -> dict[str, Any]:
    body = {
        "payment_id": payment.id, "dossier_id": dossier.id, "dossier_code": dossier.code,
        "payment_kind": payment.kind, "method": payment.method, "amount": payment.amount,
        "items": payment.items, "reference": payment.reference, "reason": payment.reason,
        "refund_of": payment.refund_of, "at": payment.at.isoformat(),
    }  # fmt: skip
    if approved_by is not None:  # the portal checks that the approver is a supervisor
        body["approved_by"] = approved_by
    return body
