"""Forged seals: a printed paper's QR is genuine only if a desk of the office it names
signed it, dated no later than that desk's revocation, and the key is no weak key.

Real parts: a portal process over loopback HTTP, desks on SQLite files, real Ed25519 keys.
A desk "signs" whatever it likes here with its own private key (``sign_on``): that is what
a stolen or rogue desk can do, and what the checks must catch.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop.core.calendar import OFFICE_TZ
from desktop.core.lifecycle import DomainError
from desktop.core.seals import Seal, b64, key_id
from desktop.services.context import Desk
from desktop.services.document_keys import seal_text, trust_key, verify_text
from desktop.services.settings import get_setting, put_setting
from sync.client.engine import SyncEngine
from sync.client.transport import PortalRefused, Transport
from sync.portal.models import PortalDesk, PortalDocumentKey
from sync.portal.service import revoke_desk
from tests.sync.conftest import OFFICE, OTHER, PortalProcess, enrolled_desk

# The eight points of small order on edwards25519, as 32-byte encodings (the identity,
# the point of order 2, two of order 4 — the all-zero key is one — and four of order 8).
SMALL_ORDER = [bytes.fromhex(h) for h in (
    "0100000000000000000000000000000000000000000000000000000000000000",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000080",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
)]  # fmt: skip
IDENTITY, ALL_ZERO = SMALL_ORDER[0], SMALL_ORDER[2]


def today() -> date:
    return datetime.now(OFFICE_TZ).date()


def receipt(day: date, office: str = OFFICE, number: str = "TD-26T/0000007") -> Seal:
    return Seal("BL", number, f"{office}-261201-000001", 50000, day.isoformat(), office)


def sign_on(desk: Desk, seal: Seal) -> str:
    with desk.store.write() as s:
        return seal_text(s, seal)


def on_desk(desk: Desk, text: str) -> tuple[bool, str]:
    with desk.store.read() as s:
        verdict = verify_text(s, text)
    return verdict.valid, verdict.message


def on_portal(engine: SyncEngine, text: str) -> tuple[bool, str]:
    reply = engine.transport.post(f"/v1/offices/{engine.office}/verify-doc", {"text": text})
    return reply["valid"], reply["message"]


def portal_desk_id(desk: Desk) -> str:
    with desk.store.read() as s:
        return str((get_setting(s, "portal") or {})["desk_id"])


def forge(public: bytes, seal: Seal) -> str:
    """A QR text a small-order key "signed" without any private key: R a small-order
    point, S = 0. Varies the number until the curve's arithmetic lines up (at once for the
    identity; for the all-zero key about one try in four)."""
    kid = key_id(public)
    for n in range(100):
        body = "|".join([*replace(seal, number=f"{seal.number}{n or ''}").fields(), kid])
        for r in SMALL_ORDER:
            try:
                Ed25519PublicKey.from_public_bytes(public).verify(r + bytes(32), body.encode())
            except InvalidSignature:
                continue
            return f"{body}|{b64(r + bytes(32))}"
    raise AssertionError("no forgery found")


def test_a_seal_naming_one_office_but_signed_by_another_office_s_desk_is_refused(
    portal: PortalProcess, tmp_path: Path
) -> None:
    ours = enrolled_desk(portal, tmp_path / "ban-1.db")
    colleague = enrolled_desk(portal, tmp_path / "ban-2.db")
    stranger = enrolled_desk(portal, tmp_path / "xa.db", OTHER)
    for desk in (colleague, stranger, ours):  # ours last: it learns the colleague's key at once
        engine = SyncEngine(desk, fetch_attachments=False)
        engine.sync_once()
    # A desk of another office signs a receipt naming ours: the portal knows its key.
    forged = sign_on(stranger, receipt(today(), OFFICE))
    valid, message = on_portal(engine, forged)
    assert not valid and "GIẢ MẠO" in message and f"cơ quan {OTHER}" in message
    assert on_portal(engine, sign_on(stranger, receipt(today(), OTHER)))[0]
    # A desk of our office signs a paper naming another office: our desk trusts its key,
    # but only for our office.
    valid, message = on_desk(ours, sign_on(colleague, receipt(today(), OTHER)))
    assert not valid and "GIẢ MẠO" in message and f"cơ quan {OFFICE}" in message
    assert on_desk(ours, sign_on(colleague, receipt(today(), OFFICE)))[0]


def test_a_revoked_desk_s_key_signs_nothing_dated_after_its_revocation(
    portal: PortalProcess, tmp_path: Path
) -> None:
    ours = enrolled_desk(portal, tmp_path / "ban-1.db")
    theirs = enrolled_desk(portal, tmp_path / "ban-2.db")
    SyncEngine(theirs, fetch_attachments=False).sync_once()
    engine = SyncEngine(ours, fetch_attachments=False)
    engine.sync_once()
    printed_before = sign_on(theirs, receipt(today()))
    backdated = sign_on(theirs, receipt(today() - timedelta(days=30)))

    def revoke() -> datetime | None:
        db = portal.database()
        with db.transaction() as s:
            revoke_desk(s, portal_desk_id(theirs))
            row = s.get(PortalDesk, portal_desk_id(theirs))
            assert row is not None
            at = row.revoked_at
        db.dispose()
        return at

    revoked_at = revoke()
    assert revoke() == revoked_at  # revoking again moves nothing

    # The revoked desk's computer still holds its private key (stolen, say).
    after = sign_on(theirs, receipt(today() + timedelta(days=1)))
    engine.sync_once()  # a plain sync, no reconciliation: the revocation reaches our desk
    day = f"{today():%d/%m/%Y}"

    def by_portal(text: str) -> tuple[bool, str]:
        return on_portal(engine, text)

    def by_desk(text: str) -> tuple[bool, str]:
        return on_desk(ours, text)

    for check in (by_portal, by_desk):
        valid, message = check(after)
        assert not valid and f"thu hồi ngày {day}" in message, message
        valid, message = check(printed_before)  # papers printed before stay genuine
        assert valid and "HỢP LỆ" in message and "thu hồi" in message, message
        # Dated before the desk was enrolled: a replacement desk reprinting last month's
        # papers prints last month's dates, so there is no lower bound.
        valid, message = check(backdated)
        assert valid and "HỢP LỆ" in message, message
    ours.store.close()
    cli = subprocess.run([sys.executable, "-m", "desktop.cli", "verify-doc", "--db",
                          str(tmp_path / "ban-1.db"), after],
                         capture_output=True, text=True, timeout=60)  # fmt: skip
    assert cli.returncode == 1 and "KHÔNG HỢP LỆ: bàn ký đã bị thu hồi" in cli.stderr


def test_small_order_keys_forge_without_a_private_key_and_are_refused(
    portal: PortalProcess, tmp_path: Path
) -> None:
    paper = receipt(today())
    # The premise: the library takes these keys and "verifies" signatures nobody made.
    for weak in (IDENTITY, ALL_ZERO):
        forge(weak, paper)

    desk = enrolled_desk(portal, tmp_path / "ban-1.db")
    with desk.store.read() as s:
        token = (get_setting(s, "portal") or {})["token"]
    transport = Transport(portal.url, token=token)
    for weak in SMALL_ORDER:
        with pytest.raises(PortalRefused) as refused:
            transport.put(f"/v1/offices/{OFFICE}/document-keys", {"public_key": b64(weak)})
        assert refused.value.status == 409 and "khoá yếu" in refused.value.detail

    # Weak keys a portal of an older version took in: neither it nor its desks trust them.
    db = portal.database()
    with db.transaction() as s:
        for weak in (IDENTITY, ALL_ZERO):
            s.add(PortalDocumentKey(
                key_id=key_id(weak), desk_id=portal_desk_id(desk), office_code=OFFICE,
                public_key=b64(weak), registered_at=datetime.now(UTC) - timedelta(days=1),
            ))  # fmt: skip
    db.dispose()
    engine = SyncEngine(desk, fetch_attachments=False)
    engine.sync_once()
    for weak in (IDENTITY, ALL_ZERO):
        forged = forge(weak, paper)
        valid, message = on_portal(engine, forged)
        assert not valid and "khoá yếu" in message, message
        assert not on_desk(desk, forged)[0]

    # Nor does a desk that kept one from before (an older version kept keys as bare text).
    with desk.store.write() as s:
        with pytest.raises(DomainError, match="khoá yếu"):
            trust_key(s, b64(IDENTITY))
        keys = dict(get_setting(s, "trusted_document_keys") or {})
        put_setting(s, "trusted_document_keys", {**keys, key_id(IDENTITY): b64(IDENTITY)})
    valid, message = on_desk(desk, forge(IDENTITY, paper))
    assert not valid and "GIẢ MẠO" in message and "khoá yếu" in message
