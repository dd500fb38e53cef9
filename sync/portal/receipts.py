"""Biên lai và khoản thu trên cổng — receipt-number blocks for desks, the receipts, voids
and payments desks push, and the keys desks sign their printed documents with (each bound
to its desk, that desk's office, and the days from its registration to the desk's revocation).

The portal cuts each office's receipt series into blocks, one desk per block, so desks
that issue offline at the same time never take the same number. A receipt pushed from a
number outside the desk's own blocks is refused; (series, number) is unique.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from desktop.core import money, seals
from desktop.core.lifecycle import Act, DossierState
from desktop.core.money import format_dong
from sync.portal import rules
from sync.portal.base import seal, seal_key
from sync.portal.models import (
    PortalAct,
    PortalDesk,
    PortalDocumentKey,
    PortalDossier,
    PortalOfficer,
    PortalPayment,
    PortalReceipt,
    PortalReceiptBlock,
    PortalReceiptBlockClosure,
    PortalReceiptSeries,
)
from sync.protocol import (
    ClosedBlockWire,
    DocumentKeysWire,
    EventStatus,
    PaymentWire,
    ReceiptBlockRequest,
    ReceiptBlockWire,
    ReceiptIssuedWire,
    ReceiptVoidedWire,
    RetiredBlockWire,
    SignerKeyWire,
)

Outcome = tuple[EventStatus, str]
# Blocks a desk may hold with numbers the portal has not seen used, per series: enough for a
# long offline spell (a desk asks for more below 100 numbers left), not for draining the
# series (7 digits) with requests.
MAX_BLOCKS_IN_HAND = 2


class Refused(Exception):
    """A request the portal turns down (409), with the reason for the desk."""


def open_series(session: Session, office_code: str, series: str, form_symbol: str) -> None:
    """Make ``series`` the office's active receipt series (e.g. a new year's)."""
    for old in session.scalars(
        select(PortalReceiptSeries).where(PortalReceiptSeries.office_code == office_code)
    ):
        old.active = False
    row = session.get(PortalReceiptSeries, series)
    if row is None:
        session.add(
            PortalReceiptSeries(
                series=series, office_code=office_code, form_symbol=form_symbol, active=True
            )
        )
    else:
        row.active = True


def allot_block(
    session: Session, desk_id: str, office_code: str, request: ReceiptBlockRequest
) -> ReceiptBlockWire:
    """The next ``size`` numbers of the office's active series, for this desk alone (at most
    ``MAX_BLOCKS_IN_HAND`` not used up). Call it in a writing transaction."""
    known = session.scalar(
        select(PortalReceiptBlock).where(PortalReceiptBlock.request_id == request.request_id)
    )
    if known is None:
        series = session.scalar(
            select(PortalReceiptSeries)
            .where(PortalReceiptSeries.office_code == office_code, PortalReceiptSeries.active)
            .with_for_update()  # blocks of one series are cut one at a time
        )
        if series is None:
            raise Refused(f"Cơ quan {office_code} chưa có ký hiệu biên lai đang dùng.")
        in_hand = blocks_in_hand(session, desk_id, series.series)
        if in_hand >= MAX_BLOCKS_IN_HAND:
            raise Refused(
                f"Bàn đang giữ {in_hand} dải số biên lai ký hiệu {series.series} chưa dùng hết "
                f"(tối đa {MAX_BLOCKS_IN_HAND}): dùng hết một dải và đồng bộ rồi xin thêm."
            )
        first = series.next_number
        last = min(first + request.size - 1, 9_999_999)
        if first > last:
            raise Refused(f"Ký hiệu {series.series} đã dùng hết số (7 chữ số).")
        series.next_number = last + 1
        known = PortalReceiptBlock(
            id=str(uuid.uuid4()), request_id=request.request_id, desk_id=desk_id,
            series=series.series, form_symbol=series.form_symbol, first_number=first,
            last_number=last, allotted_at=datetime.now(UTC),
        )  # fmt: skip
        session.add(known)
        session.flush()
    elif known.desk_id != desk_id:
        raise Refused("Mã yêu cầu dải số đã được bàn khác dùng.")
    return block_wire(session, known)


def block_wire(session: Session, block: PortalReceiptBlock) -> ReceiptBlockWire:
    """A block as its desk receives it, sealed for its desk (``base.seal``)."""
    wire = ReceiptBlockWire(id=block.id, form_symbol=block.form_symbol, series=block.series,
                            first=block.first_number, last=block.last_number)  # fmt: skip
    return wire.model_copy(update={"seal": seal(seal_key(session), "receipt_block", block.desk_id,
                                                wire.model_dump(mode="json"))})  # fmt: skip


def blocks_in_hand(session: Session, desk_id: str, series: str) -> int:
    """The desk's blocks of ``series`` with numbers the portal has not seen used."""
    used = (
        select(func.count())
        .select_from(PortalReceipt)
        .where(PortalReceipt.block_id == PortalReceiptBlock.id)
        .scalar_subquery()
    )
    closed = select(PortalReceiptBlockClosure.block_id).where(
        PortalReceiptBlockClosure.block_id == PortalReceiptBlock.id
    )
    return int(session.scalar(
        select(func.count()).select_from(PortalReceiptBlock).where(
            PortalReceiptBlock.desk_id == desk_id, PortalReceiptBlock.series == series,
            used < PortalReceiptBlock.last_number - PortalReceiptBlock.first_number + 1,
            ~closed.exists())
    ) or 0)  # fmt: skip


def close_block(session: Session, desk_id: str, retired: RetiredBlockWire) -> ClosedBlockWire:
    """Close a block its desk gave up on a restore. The numbers after the last one used —
    the desk's word or the portal's receipts, whichever is higher: a receipt synced from
    the lost database counts — are recorded void; the closure is the portal's record of
    it (idempotent: a block closed again gets its first closure back)."""
    block = session.get(PortalReceiptBlock, retired.block_id, with_for_update=True)
    if block is None or block.desk_id != desk_id:
        raise Refused("Dải số biên lai không được cấp cho bàn này.")
    closure = session.get(PortalReceiptBlockClosure, block.id)
    if closure is None:
        seen = session.scalar(
            select(func.max(PortalReceipt.number)).where(PortalReceipt.block_id == block.id)
        )
        last_used = max(block.first_number - 1, seen or 0, retired.last_used or 0)
        if last_used > block.last_number:
            raise Refused(f"Số {last_used} nằm ngoài dải {block.series} "
                          f"{block.first_number}–{block.last_number}.")  # fmt: skip
        closure = PortalReceiptBlockClosure(
            block_id=block.id, desk_id=desk_id, series=block.series,
            declared_last_used=retired.last_used, void_first=last_used + 1,
            void_last=block.last_number, at=datetime.now(UTC),
        )  # fmt: skip
        session.add(closure)
        session.flush()
    return ClosedBlockWire(block_id=block.id, series=closure.series,
                           void_first=closure.void_first, void_last=closure.void_last)  # fmt: skip


def close_after_restore(
    session: Session, desk_id: str, retired: list[RetiredBlockWire], keep: set[str]
) -> list[ClosedBlockWire]:
    """Close the blocks a restored desk retired, and its blocks not in ``keep`` (allotted
    to the lost database after the backup): the desk holds none of their numbers now."""
    closed = [close_block(session, desk_id, r) for r in retired]
    done = {c.block_id for c in closed} | keep
    for block_id in session.scalars(
        select(PortalReceiptBlock.id).where(PortalReceiptBlock.desk_id == desk_id)
        .order_by(PortalReceiptBlock.first_number)
    ):  # fmt: skip
        if block_id not in done and session.get(PortalReceiptBlockClosure, block_id) is None:
            closed.append(close_block(session, desk_id, RetiredBlockWire(block_id=block_id)))
    return closed


def closures_of(session: Session, desk_id: str) -> list[PortalReceiptBlockClosure]:
    """The blocks a desk gave up, in the order closed (what the office reviews)."""
    return list(session.scalars(
        select(PortalReceiptBlockClosure).where(PortalReceiptBlockClosure.desk_id == desk_id)
        .order_by(PortalReceiptBlockClosure.at, PortalReceiptBlockClosure.block_id)
    ))  # fmt: skip


def _officer_problem(session: Session, office_code: str, username: str) -> str | None:
    officer = session.get(PortalOfficer, username)
    if officer is None or officer.office_code != office_code:
        return f"Cán bộ “{username}” không thuộc cơ quan."
    return None


def apply_receipt(
    session: Session, desk_id: str, office_code: str, event: ReceiptIssuedWire
) -> Outcome:
    if problem := _officer_problem(session, office_code, event.officer):
        return "rejected", problem
    block = session.get(PortalReceiptBlock, event.block_id)
    if block is None or block.desk_id != desk_id:
        return "rejected", "Dải số biên lai không được cấp cho bàn này."
    if block.series != event.series or not (
        block.first_number <= event.number <= block.last_number
    ):
        return "rejected", (
            f"Số {event.number} ký hiệu {event.series} nằm ngoài dải số của bàn "
            f"({block.series} {block.first_number}–{block.last_number})."
        )
    closure = session.get(PortalReceiptBlockClosure, block.id)
    if closure is not None and event.number >= closure.void_first:
        return "rejected", (
            f"Số {event.number} ký hiệu {event.series} đã bị huỷ khi bàn khôi phục từ bản "
            "sao lưu (dải số đã đóng): không được dùng."
        )
    dossier = session.get(PortalDossier, event.dossier_id)
    if dossier is None or dossier.office_code != office_code:
        return "rejected", f"Không có hồ sơ {event.dossier_code} của cơ quan trên cổng."
    if sum(i.amount for i in event.items) != event.amount:
        return "rejected", "Tổng các khoản không bằng số tiền của biên lai."
    if session.get(PortalReceipt, event.receipt_id) is not None:
        return "rejected", "Mã biên lai đã có trên cổng."
    taken = session.scalar(select(PortalReceipt.id).where(
        PortalReceipt.series == event.series, PortalReceipt.number == event.number))  # fmt: skip
    if taken is not None:
        return "rejected", f"Số {event.number} ký hiệu {event.series} đã được dùng."
    session.add(PortalReceipt(
        id=event.receipt_id, block_id=block.id, desk_id=desk_id, series=event.series,
        number=event.number, dossier_id=dossier.id, amount=event.amount,
        body=event.model_dump(mode="json", by_alias=True), issued_at=event.issued_at,
    ))  # fmt: skip
    session.flush()
    return "applied", ""


def apply_void(
    session: Session, desk_id: str, office_code: str, event: ReceiptVoidedWire
) -> Outcome:
    if problem := _officer_problem(session, office_code, event.officer):
        return "rejected", problem
    receipt = session.get(PortalReceipt, event.receipt_id, with_for_update=True)
    if receipt is None or receipt.desk_id != desk_id:
        return "rejected", "Không có biên lai này của bàn trên cổng."
    if receipt.voided_at is not None:
        return "rejected", f"Biên lai {receipt.series} số {receipt.number} đã bị huỷ."
    receipt.voided_at, receipt.void_reason = event.voided_at, event.reason
    return "applied", ""


def apply_payment(session: Session, desk_id: str, office_code: str, event: PaymentWire) -> Outcome:
    dossier = session.get(PortalDossier, event.dossier_id, with_for_update=True)
    if dossier is None or dossier.office_code != office_code:
        return "rejected", f"Không có hồ sơ {event.dossier_code} của cơ quan trên cổng."
    if session.get(PortalPayment, event.payment_id) is not None:
        return "rejected", "Khoản thu đã có trên cổng."
    check = _refund_problem if event.payment_kind == "refund" else _payment_problem
    if problem := check(session, office_code, dossier, event):
        return "rejected", f"Hồ sơ {dossier.code}: {problem}"
    session.add(PortalPayment(
        id=event.payment_id, dossier_id=dossier.id, desk_id=desk_id, kind=event.payment_kind,
        method=event.method, amount=event.amount,
        body=event.model_dump(mode="json", by_alias=True), at=event.at,
    ))  # fmt: skip
    return "applied", ""


def _payment_problem(
    session: Session, office_code: str, dossier: PortalDossier, event: PaymentWire
) -> str | None:
    """A fee collected at a desk: cash or post, the amount the schedule says is still owed
    unless a supervisor of the office approved another, with a reason (as at the desk)."""
    if event.method == "online":
        return "khoản nộp trực tuyến chỉ do cổng ghi nhận, bàn không gửi lên được."
    if rules.schedule_total(session, dossier) == 0:
        return "thủ tục không thu phí, lệ phí."
    owed = rules.still_owed(session, dossier)
    if owed == 0:
        return "đã nộp đủ phí, lệ phí."
    if event.amount == owed and event.approved_by is None:
        return None
    if event.approved_by is None:
        return (f"số tiền {format_dong(event.amount)} đ khác số còn phải nộp theo biểu phí "
                f"({format_dong(owed)} đ) mà không có lãnh đạo duyệt.")  # fmt: skip
    if not event.reason.strip():
        return "thu khác biểu phí phải có lý do."
    return rules.supervisor_problem(session, office_code, event.approved_by)


def _refund_problem(
    session: Session, office_code: str, dossier: PortalDossier, event: PaymentWire
) -> str | None:
    """A refund (Đ10.3) gives back at most what a payment of this dossier brought in."""
    paid = session.get(PortalPayment, event.refund_of) if event.refund_of else None
    if paid is None or paid.dossier_id != dossier.id or paid.kind != "payment":
        return "khoản hoàn trả không ứng với khoản thu nào của hồ sơ."
    if event.method != paid.method:
        return "khoản hoàn trả phải theo hình thức của khoản thu."
    left = rules.refundable(session, paid)
    # Đ10.3 as the desk applies it: a lệ phí back when the service was not performed, a phí
    # only if the department never began (``money.refundable_items``).
    handed = select(PortalAct.act_id).where(PortalAct.dossier_id == dossier.id,
                                            PortalAct.act == Act.HAND_OVER.value)  # fmt: skip
    worked_on = session.scalar(handed.limit(1))
    due = money.refundable_items(paid.body.get("items", []), DossierState(dossier.state),
                                 worked_on is not None)  # fmt: skip
    if not due:
        return (f"hồ sơ đang “{DossierState(dossier.state).label_vi}”: khoản thu không có gì "
                "được hoàn trả (Đ10.3: lệ phí khi không thực hiện dịch vụ; phí khi phòng "
                "chuyên môn chưa thực hiện).")  # fmt: skip
    left = min(left, sum(int(i["amount"]) for i in due))
    if event.amount > left:
        return (f"hoàn trả {format_dong(event.amount)} đ vượt số còn hoàn được "
                f"({format_dong(left)} đ) của khoản thu.")  # fmt: skip
    return None


def register_document_key(session: Session, desk_id: str, office_code: str, public: str) -> str:
    if not seals.public_key_ok(public):
        raise Refused("Khoá công khai không hợp lệ hoặc là khoá yếu (ai cũng giả được chữ ký).")
    kid = seals.key_id(seals.unb64(public))
    known = session.get(PortalDocumentKey, kid)
    if known is None:
        at = datetime.now(UTC)
        session.add(PortalDocumentKey(key_id=kid, desk_id=desk_id, office_code=office_code,
                                      public_key=public, registered_at=at))  # fmt: skip
        session.flush()
    elif known.desk_id != desk_id:
        raise Refused("Khoá này đã được bàn khác đăng ký.")
    return kid


def _signers(session: Session, *where: ColumnElement[bool]) -> list[SignerKeyWire]:
    """Keys with their desk: the office is the desk's and the key's days end when the
    desk is revoked."""
    rows = session.execute(
        select(PortalDocumentKey, PortalDesk)
        .join(PortalDesk, PortalDesk.id == PortalDocumentKey.desk_id)
        .where(*where)
        .order_by(PortalDocumentKey.key_id)
    ).all()
    return [
        SignerKeyWire(
            key_id=k.key_id,
            public_key=k.public_key,
            desk_id=d.id,
            office_code=d.office_code,
            registered_at=k.registered_at,
            revoked_at=d.revoked_at,
        )
        for k, d in rows
    ]


def _tag(facts: list[tuple[str, datetime | None]]) -> str:
    """A fingerprint of the office's keys: which there are, and which desks are revoked."""
    lines = [[kid, revoked.isoformat() if revoked else ""] for kid, revoked in facts]
    return hashlib.sha256(json.dumps(lines).encode()).hexdigest()[:32]


def document_keys_tag(session: Session, office_code: str) -> str:
    """Changes when a desk of the office registers a key or is revoked (sent with every
    page of changes, so it reads two columns only)."""
    rows = session.execute(
        select(PortalDocumentKey.key_id, PortalDesk.revoked_at)
        .join(PortalDesk, PortalDesk.id == PortalDocumentKey.desk_id)
        .where(PortalDesk.office_code == office_code)
        .order_by(PortalDocumentKey.key_id)
    ).all()
    return _tag([(kid, revoked) for kid, revoked in rows])


def office_document_keys(session: Session, office_code: str) -> DocumentKeysWire:
    """Every key of the office's desks with what binds it; ``keys`` (for desks of older
    versions, which know no dates) only those of desks still in service."""
    signers = _signers(session, PortalDesk.office_code == office_code)
    return DocumentKeysWire(
        keys={s.key_id: s.public_key for s in signers if s.revoked_at is None},
        signers=signers, tag=_tag([(s.key_id, s.revoked_at) for s in signers]),
    )  # fmt: skip


def verify_document(session: Session, text: str) -> seals.Verdict:
    """Genuine or not, against the key the QR names, any office's: the seal must name the
    office of the desk that signed it and a date not after that desk's revocation."""
    kid = seals.seal_key_id(text)
    keys = {}
    for s in _signers(session, PortalDocumentKey.key_id == kid) if kid else []:
        keys[s.key_id] = seals.TrustedKey(
            public=s.public_key,
            office=s.office_code,
            desk_id=s.desk_id,
            revoked_on=seals.office_day(s.revoked_at) if s.revoked_at else None,
        )
    from desktop.services.papers import seal_names  # what each kind code is, old ones too

    return seals.verify(text, keys, seal_names())
