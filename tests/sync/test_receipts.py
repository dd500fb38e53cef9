"""Receipts across desks: numbers from portal-allotted blocks, issued offline at the same
time by three desks, then synced: no number twice, no gap inside a block, voids kept."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.core.lifecycle import DomainError
from desktop.services import fees
from desktop.services.accounts import login
from desktop.store.models import Dossier, OutboxEvent, Receipt
from sync.client.engine import SyncEngine
from sync.client.transport import PortalRefused, Transport
from sync.portal.models import PortalPayment, PortalReceipt, PortalReceiptBlock
from sync.portal.service import submit_dossier
from tests.sync.conftest import OFFICE, PortalProcess, enrolled_desk

PER_DESK = 1000
PAPER = {"name": "Tờ khai", "kind": 2, "count": 1}


def fee_dossiers(portal: PortalProcess, count: int) -> None:
    db = portal.database()
    with db.transaction() as s:
        for n in range(count):
            submit_dossier(s, office_code=OFFICE, procedure_code="MAU-HT-004",
                           applicant_name=f"Công dân số {n}", submitted_at=datetime.now(UTC),
                           level=3, papers=[PAPER])  # fmt: skip
    db.dispose()


@pytest.mark.slow
def test_three_offline_desks_issue_receipts_without_a_clash(
    portal: PortalProcess, tmp_path: Path
) -> None:
    fee_dossiers(portal, 3 * PER_DESK)
    desks = [enrolled_desk(portal, tmp_path / f"desk-{n}.db") for n in range(3)]
    for desk in desks:
        engine = SyncEngine(desk, fetch_attachments=False)
        assert engine.sync_once().receipt_numbers >= 100  # a first block with the snapshot
        assert engine.reserve_receipt_numbers(PER_DESK + 50) >= PER_DESK + 50
    portal.stop()  # the commune loses its link: everything below happens offline

    voided: set[str] = set()
    for n, desk in enumerate(desks):
        officer = login(desk, "canbo1", "canbo1-demo")
        with desk.store.read() as s:
            assert s.scalar(select(func.count()).select_from(Receipt)) == 0
            share = sorted(s.scalars(select(Dossier.id)))[n * PER_DESK : (n + 1) * PER_DESK]
        issued = [fees.collect_fee(desk, officer, dossier_id).receipt for dossier_id in share]
        for k, receipt in enumerate(issued):
            assert receipt is not None
            if k % 50 == 7:
                fees.void_receipt(desk, officer, receipt.id, "Viết sai số tiền")
                voided.add(receipt.id)
            elif k % 100 == 11:
                fees.correct_receipt(
                    desk, officer, receipt.id, "Sai địa chỉ", payer_address="Lai Châu"
                )
                voided.add(receipt.id)

    portal.start()
    for desk in desks:
        report = SyncEngine(desk, fetch_attachments=False).sync_once()
        assert report.rejected == 0 and report.conflicts == 0
        with desk.store.read() as s:
            assert s.scalar(select(func.count()).select_from(OutboxEvent)
                            .where(OutboxEvent.status != "acked")) == 0  # fmt: skip

    db = portal.database()
    with db.reading() as s:
        r = PortalReceipt
        receipts = s.execute(
            select(r.block_id, r.series, r.number, r.id, r.voided_at, r.void_reason)
        ).all()
        blocks = {b.id: b for b in s.scalars(select(PortalReceiptBlock))}
        payments = s.scalar(select(func.count()).select_from(PortalPayment))
    db.dispose()
    desk_receipts = 0
    for desk in desks:
        with desk.store.read() as s:
            desk_receipts += s.scalar(select(func.count()).select_from(Receipt)) or 0
    assert len(receipts) == desk_receipts == 3 * PER_DESK + 3 * 10  # ten corrections a desk
    assert payments == 3 * PER_DESK
    numbers = [(series, number) for _b, series, number, *_ in receipts]
    assert len(set(numbers)) == len(numbers)  # no number twice
    used: dict[str, list[int]] = defaultdict(list)
    for block_id, _series, number, *_ in receipts:
        used[block_id].append(number)
    for block_id, block_numbers in used.items():
        first = blocks[block_id].first_number
        assert sorted(block_numbers) == list(range(first, first + len(block_numbers)))  # no gap
    kept = {r[3]: (r[4], r[5]) for r in receipts if r[4] is not None}
    assert set(kept) == voided and all(reason for _at, reason in kept.values())
    assert len({blocks[b].desk_id for b in used}) == 3  # each desk in its own blocks


def test_a_lost_block_reply_costs_no_numbers(portal: PortalProcess, tmp_path: Path) -> None:
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    engine = SyncEngine(desk, fetch_attachments=False)
    engine.sync_once()
    token = engine.transport.token
    first = Transport(portal.url, token=token).post(
        f"/v1/offices/{OFFICE}/receipt-blocks", {"request_id": "yeu-cau-0001", "size": 30}
    )
    again = Transport(portal.url, token=token).post(
        f"/v1/offices/{OFFICE}/receipt-blocks", {"request_id": "yeu-cau-0001", "size": 30}
    )
    assert first == again and first["last"] - first["first"] == 29
    for bad in ({"request_id": "yeu-cau-0002", "size": 0}, {"request_id": "x", "size": 10},
                {"request_id": "yeu-cau-0003", "size": 10, "extra": 1}):  # fmt: skip
        try:
            Transport(portal.url, token=token).post(f"/v1/offices/{OFFICE}/receipt-blocks", bad)
        except PortalRefused as refused:
            assert refused.status == 422
        else:
            raise AssertionError(f"accepted {bad}")


def test_the_portal_and_the_office_s_other_desks_check_a_printed_receipt(
    portal: PortalProcess, tmp_path: Path
) -> None:
    from desktop.documents.receipt import print_receipt
    from desktop.services.document_keys import verify_text

    fee_dossiers(portal, 1)
    first = enrolled_desk(portal, tmp_path / "ban-1.db")
    second = enrolled_desk(portal, tmp_path / "ban-2.db")
    engine_2 = SyncEngine(second, fetch_attachments=False)
    engine_2.sync_once()  # the second desk registers its key while it is the only one
    SyncEngine(first, fetch_attachments=False).sync_once()
    officer = login(first, "canbo1", "canbo1-demo")
    with first.store.read() as s:
        dossier_id = s.scalars(select(Dossier.id)).one()
    receipt = fees.collect_fee(first, officer, dossier_id).receipt
    assert receipt is not None
    qr = print_receipt(first, officer, receipt.id, tmp_path / "bien-lai.pdf").seal
    # The second desk registered its key before the first desk had one: it learns the
    # first desk's key at its next reconciliation.
    with second.store.read() as s:
        assert not verify_text(s, qr).valid
    engine_2.reconcile()
    engine_2.sync_once()
    with second.store.read() as s:
        assert verify_text(s, qr).valid
    transport = engine_2.transport
    genuine = transport.post(f"/v1/offices/{OFFICE}/verify-doc", {"text": qr})
    forged = transport.post(f"/v1/offices/{OFFICE}/verify-doc",
                            {"text": qr.replace("|5000|", "|50000|")})  # fmt: skip
    assert genuine["valid"] is True and "HỢP LỆ" in genuine["message"]
    assert forged["valid"] is False and "GIẢ MẠO" in forged["message"]


def test_a_fee_paid_online_or_at_another_desk_is_not_collected_twice(
    portal: PortalProcess, tmp_path: Path
) -> None:
    from sync.portal.service import pay_online

    db = portal.database()
    with db.transaction() as s:
        online = submit_dossier(s, office_code=OFFICE, procedure_code="MAU-LLTP-001",
                                applicant_name="Vừ A Lử", submitted_at=datetime.now(UTC),
                                level=4, papers=[PAPER])  # fmt: skip
        pay_online(s, online.id, "DVC-00001234")
        later = submit_dossier(s, office_code=OFFICE, procedure_code="MAU-LLTP-001",
                               applicant_name="Lý Thị Sai", submitted_at=datetime.now(UTC),
                               level=4, papers=[PAPER])  # fmt: skip
        at_desk = submit_dossier(s, office_code=OFFICE, procedure_code="MAU-HT-004",
                                 applicant_name="Tao Văn Pẩu", submitted_at=datetime.now(UTC),
                                 level=3, papers=[PAPER])  # fmt: skip
        ids = (online.id, later.id, at_desk.id)
    db.dispose()
    first, second = (enrolled_desk(portal, tmp_path / f"ban-{n}.db") for n in (1, 2))
    for desk in (first, second):
        SyncEngine(desk, fetch_attachments=False).sync_once()
    one, two = login(first, "canbo1", "canbo1-demo"), login(second, "canbo1", "canbo1-demo")
    with first.store.read() as s:  # paid before the desk enrolled: in its snapshot
        assert fees.paid_so_far(s, ids[0]) == 200_000
    with pytest.raises(DomainError, match="đã nộp đủ"):
        fees.collect_fee(first, one, ids[0], "online", reference="lan-hai")
    db = portal.database()
    with db.transaction() as s:  # paid after: through the change feed
        pay_online(s, ids[1], "DVC-00005678")
    db.dispose()
    fees.collect_fee(second, two, ids[2])  # cash at the second desk
    SyncEngine(second, fetch_attachments=False).sync_once()
    assert SyncEngine(first, fetch_attachments=False).sync_once().rejected == 0
    with first.store.read() as s:
        assert fees.paid_so_far(s, ids[1]) == 200_000 and fees.paid_so_far(s, ids[2]) == 5_000
    with pytest.raises(DomainError, match="đã nộp đủ"):
        fees.collect_fee(first, one, ids[2])
