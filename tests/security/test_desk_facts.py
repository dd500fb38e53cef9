"""Facts a desk pushes are checked by the portal, not trusted because the token is valid:
payments against the fee schedule, refunds against the payments, a supervisor's word
against the office's supervisors, and receipt-number blocks against a cap."""

from __future__ import annotations

import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import select

from desktop.core.checks import OriginalCheck, OriginalVerdict
from desktop.core.lifecycle import DossierState
from desktop.services import dossiers as acts
from desktop.services import fees, reception
from desktop.services.accounts import login
from desktop.services.context import Desk
from desktop.services.sync_status import open_conflicts
from desktop.store.models import Dossier
from sync.client.engine import SyncEngine
from sync.portal.models import PortalDossier, PortalPayment
from sync.portal.service import submit_dossier
from sync.protocol import PROTOCOL_HEADER
from tests.sync.conftest import OFFICE, PortalProcess, enrolled_desk

PAPER = {"name": "Tờ khai", "kind": 2, "count": 1}
FEE = 5_000  # MAU-HT-004's schedule
FREE = "MAU-HT-001"  # a procedure without fees
IN_HAND = 2  # unused receipt blocks a desk may hold per series (receipts.MAX_BLOCKS_IN_HAND)


def dossiers(portal: PortalProcess, count: int, procedure: str = "MAU-HT-004") -> None:
    db = portal.database()
    with db.transaction() as s:
        for n in range(count):
            submit_dossier(s, office_code=OFFICE, procedure_code=procedure,
                           applicant_name=f"Công dân số {n}", submitted_at=datetime.now(UTC),
                           level=3, papers=[PAPER])  # fmt: skip
    db.dispose()


def synced_desk(portal: PortalProcess, path: Path) -> tuple[Desk, SyncEngine, list[Dossier]]:
    desk = enrolled_desk(portal, path)
    engine = SyncEngine(desk, fetch_attachments=False)
    engine.sync_once()
    with desk.store.read() as s:
        rows = list(s.scalars(select(Dossier).order_by(Dossier.code)))
    return desk, engine, rows


def payment(d: Dossier, **changes: Any) -> dict[str, Any]:
    """A fee.payment event as a desk queues it, with ``changes``."""
    return {"schema": 1, "event_id": str(uuid.uuid4()), "desk_id": "?", "kind": "fee.payment",
            "payment_id": str(uuid.uuid4()), "dossier_id": d.id, "dossier_code": d.code,
            "payment_kind": "payment", "method": "cash", "amount": FEE,
            "items": [{"name": "Lệ phí", "kind": "le_phi", "amount": FEE}], "reference": "",
            "reason": "", "refund_of": None, "at": datetime.now(UTC).isoformat(),
            **changes}  # fmt: skip


def push(engine: SyncEngine, *events: dict[str, Any]) -> list[dict[str, Any]]:
    reply = engine.transport.post(f"/v1/offices/{OFFICE}/events", {"events": list(events)})
    return list(reply["results"])


def portal_payments(portal: PortalProcess) -> Counter[tuple[str, str, int]]:
    db = portal.database()
    with db.reading() as s:
        rows = s.execute(select(PortalPayment.dossier_id, PortalPayment.kind,
                                PortalPayment.amount)).all()  # fmt: skip
    db.dispose()
    return Counter((d, k, a) for d, k, a in rows)


def test_payments_and_refunds_a_desk_makes_up_are_rejected(
    portal: PortalProcess, tmp_path: Path
) -> None:
    dossiers(portal, 3)
    desk, engine, (first, second, third) = synced_desk(portal, tmp_path / "desk.db")
    results = push(
        engine,
        payment(first, method="online", amount=1),  # only the portal records online payments
        payment(first, amount=1),  # 1 đ instead of the schedule, nobody approved
        payment(first, amount=1, approved_by="canbo2", reason="Miễn giảm"),  # not a supervisor
        payment(first, amount=1, approved_by="xa.lanhdao", reason="Miễn giảm"),  # other office
        payment(second, payment_kind="refund", amount=999_999_999, refund_of=str(uuid.uuid4())),
    )
    assert [r["status"] for r in results] == ["rejected"] * 5
    for result, words in zip(results, ("trực tuyến chỉ do cổng", "khác số còn phải nộp",
                                       "không phải lãnh đạo", "không phải lãnh đạo",
                                       "không ứng với khoản thu"), strict=True):  # fmt: skip
        assert words in result["message"], result["message"]
    assert portal_payments(portal) == Counter()

    # An honest desk still gets through: a reduction a supervisor approved, the schedule.
    officer = login(desk, "canbo1", "canbo1-demo")
    supervisor = login(desk, "lanhdao", "lanhdao-demo")
    fees.collect_fee(desk, officer, first.id, amount=1_000, approver=supervisor,
                     reason="Miễn giảm theo quyết định số 12")  # fmt: skip
    paid = fees.collect_fee(desk, officer, second.id)
    assert engine.sync_once().rejected == 0
    assert portal_payments(portal) == Counter({(first.id, "payment", 1_000): 1,
                                               (second.id, "payment", FEE): 1})  # fmt: skip

    # A second collection of what is paid; a refund while the service goes on (Đ10.3).
    refund = {"payment_kind": "refund", "refund_of": paid.payment_id, "reason": "Đ10.3"}
    results = push(engine, payment(second), payment(second, **refund))
    assert [r["status"] for r in results] == ["rejected"] * 2
    assert "đã nộp đủ" in results[0]["message"] and "Đ10.3" in results[1]["message"]
    # Withdrawn: refunds beyond the payment, or by another way, are still made up.
    acts.withdraw_dossier(desk, officer, second.id, "Công dân xin rút")
    assert engine.sync_once().rejected == 0
    results = push(
        engine,
        payment(second, **refund, amount=FEE + 1),
        payment(second, **refund, method="post"),
        payment(third, **refund),  # a payment of another dossier
    )
    assert [r["status"] for r in results] == ["rejected"] * 3
    assert "vượt" in results[0]["message"]
    assert [r["status"] for r in push(engine, payment(second, **refund))] == ["applied"]
    again = push(engine, payment(second, **refund, amount=1))  # nothing is left to give back
    assert again[0]["status"] == "rejected" and "(0 đ)" in again[0]["message"]
    assert portal_payments(portal)[(second.id, "refund", FEE)] == 1


def test_a_result_let_go_needs_a_supervisor_of_the_office(
    portal: PortalProcess, tmp_path: Path
) -> None:
    dossiers(portal, 2, FREE)
    desk, engine, rows = synced_desk(portal, tmp_path / "desk.db")
    officer = login(desk, "canbo1", "canbo1-demo")
    other_officer = login(desk, "canbo2", "canbo2-demo")
    for d in rows:
        acts.accept_dossier(desk, officer, d.id)
        acts.hand_over(desk, officer, d.id, "Phòng Tư pháp")
        acts.record_result(desk, officer, d.id, "Đã có kết quả")
    differs = [OriginalCheck(1, "Tờ khai", OriginalVerdict.DIFFERS, "Sai năm sinh")]
    # A desk that skipped the supervisor's sign-in (authorize_override) and named an officer.
    forged = reception.Override(other_officer, "Đã đối chiếu với CCCD")
    reception.return_checked(desk, officer, rows[0].id, "Người nhận", differs, forged)
    genuine = reception.authorize_override(desk, "lanhdao", "lanhdao-demo", "Lỗi chính tả")
    reception.return_checked(desk, officer, rows[1].id, "Người nhận", differs, genuine)

    report = engine.sync_once()
    assert report.rejected == 1
    db = portal.database()
    with db.reading() as s:
        states = {d.id: d.state for d in s.scalars(select(PortalDossier))}
    db.dispose()
    assert states[rows[0].id] == DossierState.RESULT_READY  # the forged return did not land
    assert states[rows[1].id] == DossierState.RETURNED_IN_PERSON
    (shown,) = open_conflicts(desk, officer)  # the officer sees why, in the conflicts panel
    assert shown.dossier_id == rows[0].id and "canbo2" in shown.message
    assert "không phải lãnh đạo" in shown.message


def block_request(url: str, token: str, request_id: str, size: int = 200) -> requests.Response:
    return requests.post(f"{url}/v1/offices/{OFFICE}/receipt-blocks",
                         json={"request_id": request_id, "size": size},
                         headers={"Authorization": f"Bearer {token}", PROTOCOL_HEADER: "1"},
                         timeout=60)  # fmt: skip


def receipt(d: Dossier, block: dict[str, Any]) -> dict[str, Any]:
    """A receipt.issued event for the first number of ``block``."""
    return {"schema": 1, "event_id": str(uuid.uuid4()), "desk_id": "?", "kind": "receipt.issued",
            "receipt_id": str(uuid.uuid4()), "block_id": block["id"],
            "form_symbol": block["form_symbol"], "series": block["series"],
            "number": block["first"], "payment_id": str(uuid.uuid4()), "dossier_id": d.id,
            "dossier_code": d.code, "payer_name": "Công dân", "payer_address": "",
            "items": [{"name": "Lệ phí", "kind": "le_phi", "amount": FEE}], "amount": FEE,
            "amount_in_words": "Năm nghìn đồng", "officer": "canbo1",
            "issued_at": datetime.now(UTC).isoformat(), "replaces": None}  # fmt: skip


def test_a_desk_holds_at_most_two_unused_receipt_blocks(
    portal: PortalProcess, tmp_path: Path
) -> None:
    dossiers(portal, 1)
    _desk, engine, (d,) = synced_desk(portal, tmp_path / "desk.db")  # a first block of 200
    token = engine.transport.token or ""
    second = block_request(portal.url, token, "yeu-cau-2", size=1)
    third = block_request(portal.url, token, "yeu-cau-3", size=1)
    assert (second.status_code, third.status_code) == (200, 409)
    assert f"tối đa {IN_HAND}" in third.json()["detail"]
    # The same request id still gets its block back (a reply lost on the way).
    assert block_request(portal.url, token, "yeu-cau-2", size=1).json() == second.json()
    # Once the portal has seen a block's numbers used, the desk may ask for another.
    assert [r["status"] for r in push(engine, receipt(d, second.json()))] == ["applied"]
    assert block_request(portal.url, token, "yeu-cau-4", size=1).status_code == 200


def test_two_hundred_block_requests_at_once_get_no_server_error(
    portal: PortalProcess, tmp_path: Path
) -> None:
    tokens = []
    for _ in range(20):
        reply = requests.post(f"{portal.url}/v1/enrol", json={
            "code": portal.enrolment_code(), "desk_uuid": str(uuid.uuid4())},
            headers={PROTOCOL_HEADER: "1"}, timeout=30)  # fmt: skip
        tokens.append(reply.json()["token"])
    asks = [(token, f"{n}-{uuid.uuid4()}") for n in range(10) for token in tokens]
    with ThreadPoolExecutor(max_workers=50) as pool:
        replies = list(pool.map(lambda ask: block_request(portal.url, *ask, size=7), asks))
    statuses = Counter(r.status_code for r in replies)
    assert statuses == {200: 20 * IN_HAND, 409: 200 - 20 * IN_HAND}, statuses
    numbers = [n for r in replies if r.ok for n in range(r.json()["first"], r.json()["last"] + 1)]
    assert len(numbers) == len(set(numbers)) == 7 * 20 * IN_HAND  # no number twice


def test_a_refund_follows_d10_3_at_the_portal_too(portal: PortalProcess, tmp_path: Path) -> None:
    """A phí paid for the department's work is not refunded once the department had the
    dossier; before that it is (the rule the desk applies: ``money.refundable_items``)."""
    dossiers(portal, 2, "MAU-HT-005")  # a phí: copying a civil-status extract
    desk, engine, (early, late) = synced_desk(portal, tmp_path / "desk.db")
    officer = login(desk, "canbo1", "canbo1-demo")
    paid = {}
    for d in (early, late):
        acts.accept_dossier(desk, officer, d.id)
        paid[d.id] = fees.collect_fee(desk, officer, d.id)
    acts.hand_over(desk, officer, late.id, "Phòng Tư pháp")
    for d in (early, late):
        acts.withdraw_dossier(desk, officer, d.id, "Công dân xin rút")
    assert engine.sync_once().rejected == 0
    results = push(engine, *(
        payment(d, payment_kind="refund", refund_of=paid[d.id].payment_id, reason="Đ10.3",
                amount=paid[d.id].amount, items=[{"name": "Phí", "kind": "phi",
                                                  "amount": paid[d.id].amount}])
        for d in (late, early)))  # fmt: skip
    assert [r["status"] for r in results] == ["rejected", "applied"]
    assert "phí khi phòng chuyên môn chưa thực hiện" in results[0]["message"]
