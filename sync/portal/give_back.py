"""Trả lại cho cổng — what a portal restored from an older backup lost and a desk still holds.

Desks push their own acts, payments and receipts again (``sync.client``): those the portal
knows by the desk's token and the events' ids. What the portal made itself — a citizen's
act online, a payment made online — and the receipt blocks it allotted were never any
desk's to push, so a desk that pulled them gives them back here, exactly as it received
them. The portal takes back only what carries its own seal (``base.seal``: an HMAC with a
secret that never leaves the portal and that every backup holds), so a desk cannot invent
a citizen's withdrawal or a payment, nor alter one: the act keeps its original id, time,
author and payload. A desk gives back only facts of its own office's dossiers, and only
its own receipt blocks. Each is recorded (``given_back``: from which desk, when)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.core.lifecycle import Act, DossierState, IllegalAct, next_state
from sync.portal.base import ONLINE, record_change, seal_key, sealed
from sync.portal.dossier_acts import append_act
from sync.portal.models import (
    PortalAct,
    PortalDossier,
    PortalGivenBack,
    PortalPayment,
    PortalReceiptBlock,
    PortalReceiptSeries,
)
from sync.protocol import (
    ActWire,
    DossierPaymentWire,
    GiveBackFact,
    GiveBackResult,
    ReceiptBlockWire,
    describe_errors,
)

NOT_SEALED = "không mang dấu của cổng này: không nhận lại"


def take_back(
    transaction: Callable[[], AbstractContextManager[Session]],
    desk_id: str,
    office_code: str,
    facts: Sequence[GiveBackFact],
) -> list[GiveBackResult]:
    """Each fact in its own transaction (one refused never blocks the rest)."""
    results = []
    for fact in facts:
        try:
            with transaction() as session:
                results.append(_take_one(session, desk_id, office_code, fact))
        except IntegrityError:  # the same fact given back by two desks at once: the other won
            try:
                with transaction() as session:
                    results.append(_take_one(session, desk_id, office_code, fact))
            except IntegrityError:  # not a race: it clashes with what the portal holds
                fact_id = str(fact.body.get("id") or fact.body.get("act_id") or "?")[:64]
                results.append(GiveBackResult(id=fact_id, status="refused", message=(
                    "Trùng mã với dữ liệu đã có trên cổng.")))  # fmt: skip
    return results


def _take_one(
    session: Session, desk_id: str, office_code: str, fact: GiveBackFact
) -> GiveBackResult:
    key = seal_key(session)
    fact_id = str(fact.body.get("id") or fact.body.get("act_id") or "?")[:64]

    def refused(message: str, version: int | None = None) -> GiveBackResult:
        return GiveBackResult(id=fact_id, status="refused", message=message, version=version)

    owner = desk_id if fact.kind == "receipt_block" else (fact.dossier_id or "")
    try:  # read as the wire form it was sent in; sealed over that form, as sent
        wire: ActWire | DossierPaymentWire | ReceiptBlockWire = _FORMS[fact.kind].model_validate(
            fact.body)  # fmt: skip
    except ValidationError as exc:
        return refused(f"{_label(fact.kind)} {fact_id}: {describe_errors(exc)}.")
    if not sealed(key, fact.kind, owner, wire.model_dump(mode="json")):
        return refused(f"{_label(fact.kind)} {fact_id} {NOT_SEALED}.")
    if isinstance(wire, ReceiptBlockWire):
        return _take_block(session, desk_id, office_code, wire)
    dossier = session.get(PortalDossier, owner, with_for_update=True)
    if dossier is None or dossier.office_code != office_code:
        # A dossier the restored portal lost whole is not given back (see SYNC.md).
        return refused(f"Hồ sơ {owner} không có trên cổng trong cơ quan của bàn.")
    if isinstance(wire, DossierPaymentWire):
        return _take_payment(session, desk_id, dossier, wire)
    return _take_act(session, desk_id, dossier, wire)


_FORMS: dict[str, type[ActWire] | type[DossierPaymentWire] | type[ReceiptBlockWire]] = {
    "act": ActWire,
    "payment": DossierPaymentWire,
    "receipt_block": ReceiptBlockWire,
}


def _label(kind: str) -> str:
    return {"act": "Thao tác", "payment": "Khoản nộp",
            "receipt_block": "Dải số biên lai"}.get(kind, kind)  # fmt: skip


def _given_back(session: Session, kind: str, fact_id: str, desk_id: str,
                dossier_id: str | None) -> None:  # fmt: skip
    session.add(PortalGivenBack(kind=kind, fact_id=fact_id, desk_id=desk_id,
                                dossier_id=dossier_id, at=datetime.now(UTC)))  # fmt: skip
    session.flush()


def _take_act(
    session: Session, desk_id: str, dossier: PortalDossier, act: ActWire
) -> GiveBackResult:
    """The act again, as the next version of its dossier, or it waits for the versions
    before it (a desk pushes those), or it is refused when the dossier went another way."""

    def result(status: str, message: str = "") -> GiveBackResult:
        return GiveBackResult.model_validate(
            {"id": act.act_id, "status": status, "message": message, "version": dossier.version}
        )

    if session.get(PortalAct, act.act_id) is not None:
        return result("present")
    if dossier.version < act.version - 1:
        return result("waiting", f"Hồ sơ {dossier.code} chưa có phiên bản {act.version - 1}.")
    if dossier.version >= act.version or dossier.state != act.from_state:
        return result("refused", (
            f"Hồ sơ {dossier.code} trên cổng đã sang phiên bản {dossier.version} "
            f"(“{DossierState(dossier.state).label_vi}”) theo cách khác: thao tác "
            f"{act.act} của công dân không nhận lại được."))  # fmt: skip
    try:
        kind = Act(act.act)
        to_state = next_state(dossier.code, DossierState(dossier.state), kind)
    except (ValueError, IllegalAct) as exc:
        return result("refused", str(exc))
    if to_state.value != act.to_state:
        return result("refused", f"Trạng thái mới không khớp quy tắc ({act.to_state}).")
    append_act(session, dossier, kind, to_state, act.officer, None, act.at, act.payload,
                act_id=act.act_id)  # fmt: skip
    _given_back(session, "act", act.act_id, desk_id, dossier.id)
    return result("restored")


def _take_payment(session: Session, desk_id: str, dossier: PortalDossier,
                  paid: DossierPaymentWire) -> GiveBackResult:  # fmt: skip
    def result(status: str, message: str = "") -> GiveBackResult:
        return GiveBackResult.model_validate({"id": paid.id, "status": status,
                                              "message": message})  # fmt: skip

    if session.get(PortalPayment, paid.id) is not None:
        return result("present")
    if paid.method != "online":
        return result("refused", "Chỉ khoản nộp trực tuyến được bàn trả lại cho cổng.")
    session.add(PortalPayment(
        id=paid.id, dossier_id=dossier.id, desk_id=ONLINE, kind=paid.kind, method=paid.method,
        amount=paid.amount, body={"items": paid.items, "reference": paid.reference,
                                  **({"refund_of": paid.refund_of} if paid.refund_of else {})},
        at=paid.at,
    ))  # fmt: skip
    session.flush()
    record_change(session, dossier, datetime.now(UTC))  # the other desks learn it again
    _given_back(session, "payment", paid.id, desk_id, dossier.id)
    return result("restored")


def _take_block(session: Session, desk_id: str, office_code: str,
                block: ReceiptBlockWire) -> GiveBackResult:  # fmt: skip
    """A block allotted to this desk (the seal names the desk): kept again, and the series
    goes on after it, unless its numbers were since allotted again to another block."""

    def result(status: str, message: str = "") -> GiveBackResult:
        return GiveBackResult.model_validate({"id": block.id, "status": status,
                                              "message": message})  # fmt: skip

    if session.get(PortalReceiptBlock, block.id) is not None:
        return result("present")
    series = session.get(PortalReceiptSeries, block.series, with_for_update=True)
    if series is None or series.office_code != office_code:
        return result("refused", f"Ký hiệu {block.series} không thuộc cơ quan của bàn.")
    overlap = session.scalar(select(PortalReceiptBlock.id).where(
        PortalReceiptBlock.series == block.series,
        PortalReceiptBlock.first_number <= block.last,
        PortalReceiptBlock.last_number >= block.first,
    ).limit(1))  # fmt: skip
    if overlap is not None:
        return result("refused", (
            f"Số {block.first}–{block.last} ký hiệu {block.series} đã được cấp lại cho dải "
            f"khác sau khi cổng được khôi phục: báo quản trị cổng."))  # fmt: skip
    session.add(PortalReceiptBlock(
        id=block.id, request_id=f"tra-lai:{block.id}", desk_id=desk_id, series=block.series,
        form_symbol=block.form_symbol, first_number=block.first, last_number=block.last,
        allotted_at=datetime.now(UTC),
    ))  # fmt: skip
    series.next_number = max(series.next_number, block.last + 1)
    session.flush()
    _given_back(session, "receipt_block", block.id, desk_id, None)
    return result("restored")
