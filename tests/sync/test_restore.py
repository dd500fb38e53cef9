"""A desk restored from its backup, with a real portal process over loopback HTTP: the acts
made after the backup come back from the portal, and desk and portal agree again."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from desktop.cli import main
from desktop.core.audit import entry_hash
from desktop.services import dossiers as acts
from desktop.services import fees, processing
from desktop.services.accounts import login
from desktop.services.audit import audit_head, verify_audit
from desktop.services.backup import create_backup, restore_backup
from desktop.services.context import Desk
from desktop.services.doctor import examine
from desktop.services.settings import get_setting, open_desk
from desktop.store.db import open_store
from desktop.store.models import ActRow, AuditEntry, OutboxEvent, Payment, Receipt
from sync.client.engine import SyncEngine
from sync.client.transport import Transport
from sync.portal import audit_heads, receipts
from sync.portal.models import PortalReceipt, PortalReceiptBlock
from tests.sync.conftest import PortalProcess, enrolled_desk
from tests.sync.test_sync import desk_view, portal_view, submit


def sync(desk: Desk):  # type: ignore[no-untyped-def]
    return SyncEngine(desk).sync_once()


def act_ids(desk: Desk) -> set[str]:
    with desk.store.read() as session:
        return set(session.scalars(select(ActRow.act_id)))


def payment_ids(desk: Desk) -> set[str]:
    with desk.store.read() as session:
        return set(session.scalars(select(Payment.id)))


def owing(desk: Desk, officer: object, ids: list[str]) -> str:
    """A dossier still owing a fee once accepted, to collect cash for with a receipt."""
    for dossier_id in ids:
        if processing.owed(desk, officer, dossier_id) > 0:  # type: ignore[arg-type]
            return dossier_id
    raise AssertionError("no dossier with a fee among the demo submissions")


def fee_bearing_first(desk: Desk, officer: object, needed: int) -> list[str]:
    """The desk's dossiers, those with a fee first: the demo draws procedures and ids at
    random, so a test that collects ``needed`` fees makes sure they lead the list."""
    def fee_free(dossier_id: str) -> bool:
        return processing.owed(desk, officer, dossier_id) == 0  # type: ignore[arg-type]

    ids = sorted(desk_view(desk), key=lambda i: (fee_free(i), i))
    assert not fee_free(ids[needed - 1]), "the demo submitted too few dossiers with a fee"
    return ids


def test_backup_then_acts_then_restore_brings_every_act_back(
    portal: PortalProcess, tmp_path: Path, capsys: object
) -> None:
    submit(portal, 16)
    path = tmp_path / "desk.db"
    desk = enrolled_desk(portal, path)
    first = sync(desk)
    assert first.receipt_numbers > 0  # the desk holds a block of receipt numbers
    officer = login(desk, "canbo1", "canbo1-demo")
    ids = fee_bearing_first(desk, officer, 3)
    acts.accept_dossier(desk, officer, ids[0])
    sync(desk)
    backup = tmp_path / "sao-luu.zip"
    create_backup(desk, backup)

    # After the backup: acts through the services, a fee with its receipt, new submissions.
    for dossier_id in ids[1:6]:
        acts.accept_dossier(desk, officer, dossier_id)
    acts.refuse_dossier(desk, officer, ids[6], "Không thuộc thẩm quyền")
    acts.request_supplement(
        desk, officer, ids[7], [acts.PaperProblem("Tờ khai", "missing")], "Thiếu tờ khai"
    )
    paid = owing(desk, officer, ids[1:6])
    receipt = fees.collect_fee(desk, officer, paid, "cash").receipt
    assert receipt is not None
    submit(portal, 3, seed=2)
    report = sync(desk)
    assert (report.pushed, report.conflicts, report.rejected) == (9, 0, 0)
    assert report.pulled >= 3  # the new submissions (and the desk's own acts echoed)
    later_acts, later_payments = act_ids(desk), payment_ids(desk)
    before_restore = desk_view(desk)
    assert before_restore == portal_view(portal)
    desk.store.close()

    # The desk's disk is lost, or its file damaged: the backup is put back.
    assert main(["restore", str(backup), "--db", str(path)]) == 2  # newer acts: refused
    assert main(["restore", str(backup), "--db", str(path), "--replace-newer"]) == 0
    said = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "Đã khôi phục bàn" in said and "Đối soát:" in said
    assert "Bỏ không dùng số biên lai" in said
    # The portal held the audit head the lost file had reached, which the restored chain
    # does not: the restore was declared from the backup's head (one the portal anchored),
    # so the portal takes the restored chain instead of refusing it.
    assert "CẢNH BÁO" not in said

    restored = open_desk(open_store(path, check=True))
    # Every act and payment made after the backup came back from the portal …
    assert act_ids(restored) == later_acts
    assert payment_ids(restored) == later_payments
    assert desk_view(restored) == before_restore == portal_view(portal)
    with restored.store.read() as session:
        waiting = session.scalar(
            select(func.count()).select_from(OutboxEvent).where(OutboxEvent.status != "acked")
        )
        actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
        issued = session.scalar(select(func.count()).select_from(Receipt))
        left = fees.numbers_left(session)
    assert waiting == 0
    assert "backup.restore" in actions and actions.index("backup.restore") < len(actions) - 1
    # … except the receipt, which the portal keeps: its number is never issued again here.
    assert issued == 0 and left > 0  # a fresh block from the portal
    officer = login(restored, "canbo1", "canbo1-demo")
    again = owing(restored, officer, [i for i in ids[1:6] if i != paid])
    second = fees.collect_fee(restored, officer, again, "cash").receipt
    assert second is not None and second.number != receipt.number
    after = sync(restored)
    assert (after.pushed, after.rejected, after.conflicts) == (2, 0, 0)  # payment + receipt
    assert desk_view(restored) == portal_view(portal)
    assert verify_audit(restored.store).ok  # against the anchor the backup carried
    desk_id = portal_desk_id(restored)
    restored.store.close()
    # Online too: the portal's head is the restored chain's, and nothing was refused.
    assert main(["audit", "verify", "--db", str(path), "--portal"]) == 0
    verified = capsys.readouterr()  # type: ignore[attr-defined]
    assert "toàn vẹn" in verified.out and "từ chối" not in verified.err
    with portal.database().transaction() as session:
        (declared,) = audit_heads.restores_of(session, desk_id)
        said_by_portal = audit_heads.head_of(session, desk_id)
    assert (said_by_portal.refused, said_by_portal.restores) == (0, 1)
    # The supervisor sees who restored, from which head, and what was abandoned.
    assert declared.restored_by.startswith("os:")
    assert declared.abandoned_seq > declared.restore_seq > declared.backup_seq


def test_restore_offline_then_the_next_sync_brings_the_acts_back(
    portal: PortalProcess, tmp_path: Path
) -> None:
    submit(portal, 6)
    path = tmp_path / "desk.db"
    desk = enrolled_desk(portal, path)
    sync(desk)
    backup = tmp_path / "sao-luu.zip"
    create_backup(desk, backup)
    officer = login(desk, "canbo1", "canbo1-demo")
    ids = sorted(desk_view(desk))
    acts.accept_dossier(desk, officer, ids[0])
    acts.refuse_dossier(desk, officer, ids[1], "Không thuộc thẩm quyền")
    sync(desk)
    expected = desk_view(desk)
    desk.store.close()
    # A new PC: the backup restored to a folder not made yet, before the portal is reached.
    moved = tmp_path / "may-moi" / "desk.db"
    assert main(["restore", str(backup), "--db", str(moved), "--offline"]) == 0
    restored = open_desk(open_store(moved))
    assert desk_view(restored) != expected  # the two acts are not there yet
    sync(restored)
    assert desk_view(restored) == expected == portal_view(portal)
    restored.store.close()


def test_doctor_compares_the_clock_with_the_portal(portal: PortalProcess, tmp_path: Path) -> None:
    submit(portal, 2)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    sync(desk)
    lines = [f.line for f in examine(desk.store.path)]
    clock = [line for line in lines if "Đồng hồ" in line]
    assert len(clock) == 1 and clock[0].startswith("✓ Đồng hồ của máy lệch"), lines
    an_hour_ahead = lambda: datetime.now(UTC) + timedelta(hours=1)  # noqa: E731
    ahead = [f.line for f in examine(desk.store.path, now=an_hour_ahead)]
    # The portal's Date carries whole seconds, and the request takes its time on a busy
    # machine: an hour ahead reads an hour give or take a few seconds.
    found = [re.match(r"✗ Đồng hồ của máy lệch (\d+) giây .*nhanh", line) for line in ahead]
    seconds = [int(m.group(1)) for m in found if m]
    assert len(seconds) == 1 and abs(seconds[0] - 3600) <= 5, ahead
    portal.stop()
    offline = [f.line for f in examine(desk.store.path)]
    assert any(line.startswith("– Đồng hồ: không hỏi được cổng") for line in offline), offline
    desk.store.close()


def portal_desk_id(desk: Desk) -> str:
    """The desk's id at the portal (given at enrolment; not the desk's own identity)."""
    with desk.store.read() as session:
        return str((get_setting(session, "portal") or {})["desk_id"])


def declare(  # type: ignore[type-arg]
    portal: PortalProcess, desk: Desk, backup_seq: int, backup_hash: str, *, chained: bool = True
) -> dict:
    """A restore declared with ``desk``'s own token (what any program holding it can send):
    an entry made up by the sender, chained to the head it names."""
    with desk.store.read() as session:
        state = get_setting(session, "portal") or {}
    fields = {"seq": backup_seq + 1, "at": "2026-12-01T09:00:00.000000+00:00",
              "officer_id": None, "desk_id": desk.desk_id, "action": "backup.restore",
              "subject": "sao-luu.zip", "before": None,
              "after": {"audit_seq": backup_seq}}  # fmt: skip
    transport = Transport(portal.url, state["token"], attempts=1)
    reply: dict = transport.post(  # type: ignore[type-arg]
        f"/v1/offices/{desk.office_code}/audit-restore",
        {"backup_seq": backup_seq, "backup_hash": backup_hash,
         "hash": entry_hash(backup_hash if chained else "f" * 64, fields),
         **{k: v for k, v in fields.items() if k != "action"}},
    )  # fmt: skip
    return reply


def held(portal: PortalProcess, desk: Desk) -> tuple[int, str]:
    with portal.database().transaction() as session:
        head = audit_heads.head_of(session, portal_desk_id(desk))
        return head.seq, head.hash


def test_a_restore_from_a_head_the_portal_never_saw_is_refused(
    portal: PortalProcess, tmp_path: Path
) -> None:
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    sync(desk)
    login(desk, "canbo1", "canbo1-demo")  # an entry the portal has not anchored
    with desk.store.read() as session:
        unanchored = audit_head(session)
    assert unanchored is not None
    before = held(portal, desk)
    for seq, hash_ in ((unanchored.seq, unanchored.hash), (before[0], "d" * 64)):
        reply = declare(portal, desk, seq, hash_)
        assert reply["status"] == "refused"
        assert "chưa từng được cổng neo" in reply["message"]
    # A head the portal saw, with an entry that does not chain to it: the past before the
    # entry could be anything.
    unchained = declare(portal, desk, *before, chained=False)
    assert unchained["status"] == "refused" and "không nối tiếp" in unchained["message"]
    assert held(portal, desk) == before  # nothing changed at the portal
    with portal.database().transaction() as session:
        assert audit_heads.restores_of(session, portal_desk_id(desk)) == []
    # The head the portal did anchor is accepted, and the chain goes on from the new entry.
    accepted = declare(portal, desk, *before)
    assert accepted["status"] == "accepted"
    assert held(portal, desk) == (before[0] + 1, accepted["head"]["hash"])
    desk.store.close()


def test_another_desks_token_cannot_declare_a_restore_for_this_desk(
    portal: PortalProcess, tmp_path: Path
) -> None:
    desk = enrolled_desk(portal, tmp_path / "a.db")
    other = enrolled_desk(portal, tmp_path / "b.db")
    sync(desk)
    sync(other)
    head = held(portal, desk)
    # Desk B's token with desk A's anchored head: the portal looks at B's heads only.
    reply = declare(portal, other, *head)
    assert reply["status"] == "refused"
    assert held(portal, desk) == head
    with portal.database().transaction() as session:
        assert audit_heads.restores_of(session, portal_desk_id(desk)) == []
        assert audit_heads.restores_of(session, portal_desk_id(other)) == []
    desk.store.close()
    other.store.close()


def test_three_restores_in_a_row_and_the_desk_still_gets_receipt_numbers(
    portal: PortalProcess, tmp_path: Path
) -> None:
    submit(portal, 16)
    path = tmp_path / "desk.db"
    desk = enrolled_desk(portal, path)
    sync(desk)
    officer = login(desk, "canbo1", "canbo1-demo")
    ids = fee_bearing_first(desk, officer, 3)
    for dossier_id in ids[:8]:
        acts.accept_dossier(desk, officer, dossier_id)
    first = owing(desk, officer, ids[:8])
    before = fees.collect_fee(desk, officer, first, "cash").receipt
    assert before is not None
    sync(desk)
    backup = tmp_path / "sao-luu.zip"
    create_backup(desk, backup)
    # After the backup: one more receipt from the same block, on the portal by the sync.
    second = owing(desk, officer, [i for i in ids[:8] if i != first])
    after = fees.collect_fee(desk, officer, second, "cash")
    assert after.receipt is not None and after.receipt.number == before.number + 1
    sync(desk)
    desk.store.close()

    asides = []
    for n in range(3):  # the disk lost three times, the same backup put back each time
        at = datetime(2026, 12, 1, 9, n, tzinfo=UTC)
        restored_report = restore_backup(backup, path, replace_newer=True, clock=lambda at=at: at)
        assert restored_report.replaced is not None
        asides.append(restored_report.replaced)
        restored = open_desk(open_store(path))
        report = sync(restored)
        assert not report.receipt_problem, report.receipt_problem
        assert report.receipt_numbers > 0  # a fresh block, every time
        with restored.store.read() as session:
            assert fees.numbers_left(session) > 0
        restored.store.close()

    with portal.database().transaction() as session:
        closures = receipts.closures_of(session, portal_desk_id(restored))
        issued = {(r.series, r.number) for r in session.scalars(select(PortalReceipt))}
        open_blocks = [b for b in session.scalars(select(PortalReceiptBlock))
                       if b.id not in {c.block_id for c in closures}]  # fmt: skip
    # The block the backup held is closed once, after the two numbers the portal saw used;
    # each block allotted to a database later lost is closed whole.
    assert len(closures) == 3
    held = next(c for c in closures if c.void_first == after.receipt.number + 1)
    assert held.declared_last_used == before.number
    void = {(c.series, n) for c in closures for n in range(c.void_first, c.void_last + 1)}
    assert void and not void & issued
    assert all(not (b.first_number <= n <= b.last_number) for b in open_blocks
               for s, n in void if s == b.series)  # fmt: skip
    # The database the first restore replaced still holds that block: a receipt it issues
    # from a voided number is refused by the portal.
    old = open_desk(open_store(asides[0]))
    officer = login(old, "canbo1", "canbo1-demo")
    late = fees.collect_fee(
        old,
        officer,
        owing(old, officer, [i for i in ids[:8] if i not in {first, second}]),
        "cash",
    ).receipt
    assert late is not None and (late.series, late.number) in void
    assert sync(old).rejected >= 1
    with portal.database().transaction() as session:
        assert (
            session.scalar(
                select(PortalReceipt).where(
                    PortalReceipt.number == late.number, PortalReceipt.series == late.series
                )
            )
            is None
        )
    old.store.close()
