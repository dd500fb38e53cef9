"""A desk killed with SIGKILL in the middle of issuing receipts leaves no half-issued
receipt and no lost payment: each is whole (payment, receipt, audit, outbox) or absent."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from sqlalchemy import func, select

from desktop.services import dossiers as acts
from desktop.services import fees
from desktop.services.audit import verify_audit
from desktop.services.context import Actor, Desk
from desktop.store.models import OutboxEvent, Payment, Receipt
from tests.conftest import PASSWORDS, T0, incoming

ISSUER = textwrap.dedent(
    """
    import sys
    from sqlalchemy import select
    from desktop.services import fees
    from desktop.services.accounts import login
    from desktop.services.settings import open_desk
    from desktop.store.db import open_store
    from desktop.store.models import Dossier, Payment

    desk = open_desk(open_store(sys.argv[1]))
    officer = login(desk, "canbo", sys.argv[2])
    with desk.store.read() as s:
        paid = set(s.scalars(select(Payment.dossier_id)))
        todo = [i for i in s.scalars(select(Dossier.id).order_by(Dossier.id)) if i not in paid]
    print("ready", flush=True)
    for dossier_id in todo:
        fees.collect_fee(desk, officer, dossier_id)
    """
)


def test_sigkill_while_issuing_leaves_only_whole_receipts(
    desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    for _ in range(600):
        acts.import_dossier(desk, incoming(procedure="MAU-HT-004"))
    with desk.store.write() as s:
        fees.add_receipt_block(s, "khoi-1", "01BLP0-001", "TD-26T", 1, 5000, T0)
    script = tmp_path / "issuer.py"
    script.write_text(ISSUER, encoding="utf-8")
    rng = random.Random(5)
    killed = 0
    for _ in range(4):
        with subprocess.Popen(
            [sys.executable, str(script), str(desk.store.path), PASSWORDS["canbo"]],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        ) as issuer:  # fmt: skip
            assert issuer.stdout is not None and issuer.stdout.readline() == b"ready\n"
            time.sleep(rng.uniform(0.05, 0.4))
            if issuer.poll() is None:
                issuer.send_signal(signal.SIGKILL)
                killed += 1
    assert killed >= 3
    with desk.store.read() as s:
        payments = s.scalar(select(func.count()).select_from(Payment)) or 0
        receipts = s.scalars(select(Receipt).order_by(Receipt.number)).all()
        events = dict(
            s.execute(select(OutboxEvent.kind, func.count()).group_by(OutboxEvent.kind)).all()
        )
        unreceipted = s.scalar(
            select(func.count()).select_from(Payment)
            .where(Payment.id.not_in(select(Receipt.payment_id)))
        )  # fmt: skip
    assert 0 < payments < 600  # the runs really were cut short, and did work
    assert unreceipted == 0 and len(receipts) == payments  # no payment without its receipt
    assert [r.number for r in receipts] == list(range(1, payments + 1))  # no gap, none twice
    assert events.get("receipt.issued") == events.get("fee.payment") == payments
    assert verify_audit(desk.store).ok
