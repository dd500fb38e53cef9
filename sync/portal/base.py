"""What every part of the portal's service shares: its refusal (``PortalError``), its
clock, and the database's identity (``epoch``) and change counter (``seq``)."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync.portal.models import Change, Meta, PortalDossier

CITIZEN = "citizen"  # the actor of acts citizens do online
ONLINE = "thanh-toan-truc-tuyen"  # the "desk" of payments made on the portal


class PortalError(Exception):
    """A refusal with an HTTP status and a message fit for the desk's log."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self.status, self.headers = status, headers
        super().__init__(message)


def utc_now() -> datetime:
    return datetime.now(UTC)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- the database's identity and counter --------------------------------------------------------


def ensure_meta(session: Session) -> None:
    if session.get(Meta, "epoch") is None:
        session.add(Meta(key="epoch", text_value=str(uuid.uuid4()), int_value=0))
        session.add(Meta(key="seq", text_value="", int_value=0))
        session.flush()
    if session.get(Meta, SEAL_KEY) is None:
        session.add(Meta(key=SEAL_KEY, text_value=secrets.token_hex(32), int_value=0))
        session.flush()


# --- the portal's seal ----------------------------------------------------------------------

SEAL_KEY = "seal_key"


def seal_key(session: Session) -> bytes:
    """The secret the portal seals what it sends with. Made once, with the database, so
    every backup holds it: a portal restored from one still knows its seals. It never
    leaves the portal (desks cannot seal)."""
    meta = session.get(Meta, SEAL_KEY)
    return bytes.fromhex(meta.text_value) if meta is not None else b""


def seal(key: bytes, kind: str, owner: str, body: dict[str, Any]) -> str:
    """HMAC-SHA256 of a fact's wire form (its ``seal`` left out) with what it belongs to
    (the dossier; the desk, for a receipt block): the portal's word that it issued it."""
    if not key:
        return ""
    fact = {k: v for k, v in body.items() if k != "seal"}
    text = json.dumps({"kind": kind, "owner": owner, "fact": fact}, sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"))  # fmt: skip
    return hmac.new(key, text.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def sealed(key: bytes, kind: str, owner: str, body: dict[str, Any]) -> bool:
    given = body.get("seal")
    if not key or not isinstance(given, str):
        return False
    expected = seal(key, kind, owner, body).encode()
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected)


def epoch(session: Session) -> str:
    meta = session.get(Meta, "epoch")
    if meta is None:
        raise PortalError(503, "Cơ sở dữ liệu cổng chưa được khởi tạo (motcua portal init-demo).")
    return meta.text_value


def head_seq(session: Session) -> int:
    return int(session.scalar(select(Meta.int_value).where(Meta.key == "seq")) or 0)


def record_change(session: Session, dossier: PortalDossier, now: datetime) -> int:
    # The counter row stays locked until this transaction commits: changes commit in order.
    seq = session.execute(
        update(Meta).where(Meta.key == "seq").values(int_value=Meta.int_value + 1)
        .returning(Meta.int_value)
    ).scalar_one()  # fmt: skip
    session.add(Change(seq=seq, dossier_id=dossier.id, office_code=dossier.office_code, at=now))
    return int(seq)
