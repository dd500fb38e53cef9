"""A portal restored from an older backup gets back from a desk what it made itself and the
desk pulled — citizens' acts online, a payment made online, the receipt block it allotted —
besides the desk's own acts and receipts, with their ids, times and authors; what a desk
cannot prove the portal sealed is refused."""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.core.lifecycle import Act
from desktop.services import dossiers as acts
from desktop.services import fees
from desktop.services.accounts import login
from desktop.services.context import Desk
from desktop.services.settings import get_setting, put_setting
from desktop.store.models import ActRow, AuditEntry, OutboxEvent, PortalFact
from sync.client.engine import SyncEngine
from sync.client.transport import Transport
from sync.portal.base import head_seq
from sync.portal.feed import change_check
from sync.portal.models import (
    PortalAct,
    PortalGivenBack,
    PortalPayment,
    PortalReceipt,
    PortalReceiptBlock,
)
from sync.portal.service import citizen_act, pay_online, submit_dossier
from tests.sync.conftest import OFFICE, OTHER, PortalProcess, enrolled_desk
from tests.sync.test_sync import desk_view, portal_view

MISSING = [acts.PaperProblem("Tờ khai", "missing")]


def backup(portal: PortalProcess, to: Path) -> None:
    live = sqlite3.connect(portal.db_url.removeprefix("sqlite:///"))
    copy = sqlite3.connect(to)
    live.backup(copy)
    live.close()
    copy.close()


def restore(portal: PortalProcess, backup_file: Path) -> None:
    portal.stop()
    live = Path(portal.db_url.removeprefix("sqlite:///"))
    shutil.copy(backup_file, live)
    for suffix in ("-wal", "-shm"):
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    portal.start()


def portal_facts(portal: PortalProcess) -> dict[str, Any]:
    db = portal.database()
    with db.reading() as s:
        found = {
            "acts": {a.act_id: (a.dossier_id, a.version, a.act, a.officer, a.desk_id,
                                a.at.isoformat(), a.payload)
                     for a in s.scalars(select(PortalAct))},
            "payments": {p.id: (p.dossier_id, p.method, p.amount, p.at.isoformat())
                         for p in s.scalars(select(PortalPayment))},
            "receipts": {(r.series, r.number) for r in s.scalars(select(PortalReceipt))},
            "blocks": {b.id: (b.series, b.first_number, b.last_number)
                       for b in s.scalars(select(PortalReceiptBlock))},
            "given_back": sorted((g.kind, g.fact_id) for g in s.scalars(select(PortalGivenBack))),
        }  # fmt: skip
    db.dispose()
    return found


def submit(portal: PortalProcess) -> dict[str, str]:
    """Three dossiers a citizen submitted online: two of level 3, one of level 4 with a fee."""
    db = portal.database()
    ids = {}
    at = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
    with db.transaction() as s:
        for name, procedure, level in (("supplemented", "MAU-HT-004", 3),
                                       ("withdrawn", "MAU-HT-004", 3),
                                       ("paid_online", "MAU-HT-005", 4)):  # fmt: skip
            ids[name] = submit_dossier(s, office_code=OFFICE, procedure_code=procedure,
                                       applicant_name=f"Công dân {name}", submitted_at=at,
                                       level=level).id  # fmt: skip
    db.dispose()
    return ids


def citizens_act(portal: PortalProcess, ids: dict[str, str]) -> None:
    db = portal.database()
    with db.transaction() as s:
        citizen_act(s, ids["supplemented"], Act.RECORD_SUPPLEMENT, {"note": "Đã bổ sung"})
        citizen_act(s, ids["withdrawn"], Act.WITHDRAW, {"reason": "Nộp nhầm thủ tục"})
        pay_online(s, ids["paid_online"], "DVC-20261130-0007")
    db.dispose()


def desk_act_ids(desk: Desk) -> set[str]:
    with desk.store.read() as s:
        return set(s.scalars(select(ActRow.act_id)))


def test_a_restored_portal_gets_back_citizens_acts_payments_and_receipts(
    portal: PortalProcess, tmp_path: Path
) -> None:
    ids = submit(portal)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    before_anything = tmp_path / "cong-truoc.db"
    backup(portal, before_anything)  # the dossiers and the enrolment, nothing else

    first = SyncEngine(desk).sync_once()  # the snapshot, and a block of receipt numbers
    assert first.snapshot == 3 and first.receipt_numbers > 0
    officer = login(desk, "canbo1", "canbo1-demo")
    acts.request_supplement(desk, officer, ids["supplemented"], MISSING, "Thiếu tờ khai")
    SyncEngine(desk).sync_once()
    citizens_act(portal, ids)
    assert SyncEngine(desk).sync_once().pulled == 3
    # The desk goes on from the citizen's supplement: its acceptance and a fee with a receipt.
    acts.accept_dossier(desk, officer, ids["supplemented"])
    receipt = fees.collect_fee(desk, officer, ids["supplemented"], "cash").receipt
    assert receipt is not None
    assert SyncEngine(desk).sync_once().pushed == 3  # the act, the payment, the receipt
    expected = portal_facts(portal)
    assert (receipt.series, receipt.number) in expected["receipts"]
    assert len(expected["blocks"]) == 1 and len(expected["payments"]) == 2
    with desk.store.read() as s:
        kept = Counter(f.kind for f in s.scalars(select(PortalFact)))
    # Sealed by the portal and kept: the receptions online, the two citizen's acts, the
    # payment online and the block (the desk's own acts are its outbox's to send again).
    assert kept == {"act": 5, "payment": 1, "receipt_block": 1}

    restore(portal, before_anything)  # the portal's disk failed: last night's backup
    lost = portal_facts(portal)
    assert not lost["blocks"] and not lost["receipts"] and len(lost["acts"]) == 3

    report = SyncEngine(desk).sync_once()
    assert report.rewound and (report.conflicts, report.rejected) == (0, 0)
    # Citizen's supplement, withdrawal, the online payment and the block came back.
    assert report.given_back == 4 and report.give_back_refused == 0
    again = portal_facts(portal)
    assert {k: v for k, v in again.items() if k != "given_back"} == {
        k: v for k, v in expected.items() if k != "given_back"}  # fmt: skip
    assert [k for k, _ in again["given_back"]] == ["act", "act", "payment", "receipt_block"]
    # The feed and the desk agree, and nothing is doubled on either side.
    assert desk_view(desk) == portal_view(portal)
    assert desk_act_ids(desk) == set(again["acts"])
    with desk.store.read() as s:
        assert len(s.scalars(select(ActRow.act_id)).all()) == len(again["acts"])
        pending = s.scalars(select(OutboxEvent).where(OutboxEvent.status != "acked")).all()
        audited = Counter(e.action for e in s.scalars(
            select(AuditEntry).where(AuditEntry.action.like("sync.give_back%"))))  # fmt: skip
    assert pending == [] and audited == {"sync.give_back_restored": 4}
    versions = Counter((d, v) for d, v, *_ in again["acts"].values())
    assert max(versions.values()) == 1
    # A second sync, or a reconciliation, gives nothing back twice.
    assert SyncEngine(desk).sync_once().given_back == 0
    assert SyncEngine(desk).reconcile().repaired == []
    assert portal_facts(portal)["given_back"] == again["given_back"]
    desk.store.close()


def test_the_portal_takes_back_only_what_it_sealed_for_this_desk_and_office(
    portal: PortalProcess, tmp_path: Path
) -> None:
    ids = submit(portal)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    other = enrolled_desk(portal, tmp_path / "khac.db", office=OTHER)
    SyncEngine(desk).sync_once()
    SyncEngine(other).sync_once()
    officer = login(desk, "canbo1", "canbo1-demo")
    acts.request_supplement(desk, officer, ids["supplemented"], MISSING, "Thiếu tờ khai")
    SyncEngine(desk).sync_once()
    citizens_act(portal, ids)
    SyncEngine(desk).sync_once()
    with desk.store.read() as s:
        facts = {(f.kind, f.fact_id): (f.dossier_id, f.body) for f in s.scalars(select(PortalFact))}
    withdrawal = next(v for (k, _), v in facts.items()
                      if k == "act" and v[1]["act"] == "withdraw")  # fmt: skip
    block = next(v for (k, _), v in facts.items() if k == "receipt_block")

    def give_back(by: Desk, office: str, *facts: dict[str, Any]) -> list[dict[str, Any]]:
        with by.store.read() as s:
            token = (get_setting(s, "portal") or {})["token"]
        transport = Transport(portal.url, token=token, attempts=1)
        try:
            reply = transport.post(f"/v1/offices/{office}/give-back", {"facts": list(facts)})
        finally:
            transport.session.close()
        return list(reply["results"])

    act = {"kind": "act", "dossier_id": withdrawal[0], "body": withdrawal[1]}
    # As sealed: the portal still has it.
    assert give_back(desk, OFFICE, act)[0]["status"] == "present"
    # Altered — another reason, another time, an officer's name — or unsealed: refused.
    for change in (
        {"payload": {**withdrawal[1]["payload"], "reason": "Khác"}},
        {"at": "2026-11-30T08:00:00+00:00"},
        {"officer": "canbo1"},
        {"seal": ""},
    ):
        forged = {**act, "body": {**withdrawal[1], **change}}
        (result,) = give_back(desk, OFFICE, forged)
        assert result["status"] == "refused" and "không mang dấu" in result["message"], change
    # Moved to another dossier (the seal names the dossier).
    moved = {**act, "dossier_id": ids["supplemented"]}
    assert give_back(desk, OFFICE, moved)[0]["status"] == "refused"
    # The desk's block, given back by another desk: the seal names the desk it was cut for.
    theirs = {"kind": "receipt_block", "body": block[1]}
    assert give_back(desk, OFFICE, theirs)[0]["status"] == "present"
    (result,) = give_back(other, OTHER, theirs)
    assert result["status"] == "refused" and "không mang dấu" in result["message"]
    # Another office's desk with a sealed act of this office: refused too.
    (result,) = give_back(other, OTHER, act)
    assert result["status"] == "refused" and "không có trên cổng trong cơ quan" in result["message"]
    assert portal_facts(portal)["given_back"] == []
    desk.store.close()
    other.store.close()


def test_a_restore_the_desks_cursor_does_not_show_is_repaired_by_reconciliation(
    portal: PortalProcess, tmp_path: Path
) -> None:
    """A desk whose cursor is older than the backup sees no rewind in the feed: the
    reconciliation finds the dossier the portal went back on and sends again the desk's
    act, the payment and its receipt, after giving back the block the receipt is from."""
    ids = submit(portal)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    before_anything = tmp_path / "cong-truoc.db"
    backup(portal, before_anything)
    SyncEngine(desk).sync_once()  # the snapshot, and a block cut after the backup
    officer = login(desk, "canbo1", "canbo1-demo")
    acts.accept_dossier(desk, officer, ids["supplemented"])
    receipt = fees.collect_fee(desk, officer, ids["supplemented"], "cash").receipt
    assert receipt is not None
    assert SyncEngine(desk).sync_once().pushed == 3
    expected = portal_facts(portal)
    restore(portal, before_anything)
    # As if the desk had stopped after its push and before it pulled past the backup.
    db = portal.database()
    with db.reading() as s:
        head = head_seq(s)
        check = change_check(s, head)
    db.dispose()
    with desk.store.write() as s:
        state = get_setting(s, "portal") or {}
        put_setting(s, "portal", {**state, "cursor": head, "cursor_check": check})
    assert not SyncEngine(desk).sync_once().rewound  # the feed does not show it

    engine = SyncEngine(desk)
    report = engine.reconcile()
    assert report.repaired == [ids["supplemented"]]
    assert (report.given_back, report.pushed) == (1, 3)  # the block; act, payment, receipt
    again = portal_facts(portal)
    for kind in ("acts", "payments", "receipts", "blocks"):
        assert again[kind] == expected[kind], kind
    SyncEngine(desk).sync_once()
    assert desk_view(desk) == portal_view(portal)
    assert engine.reconcile().repaired == []
    desk.store.close()
