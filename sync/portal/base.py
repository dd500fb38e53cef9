"""What every part of the portal's service shares: its refusal (``PortalError``), its
clock, and the database's identity (``epoch``) and change counter (``seq``)."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync.portal.models import Change, Meta, PortalDossier


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
