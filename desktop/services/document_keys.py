"""The desk's document key and the keys it trusts (its own, its office's other desks'),
kept in its settings; signing and checking themselves are in ``desktop.core.seals``.

Each trusted key is kept with what binds it, as the portal told this desk at its last sync:
the desk holding it, that desk's office, when it was registered and when (if ever) its desk
was revoked. So the desk tells a genuine paper offline by the same rule as the portal. A key
the portal has not described yet (this desk's own before its first sync, or one kept by an
older version as bare text) signs for this desk's office, without a date limit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy.orm import Session

from desktop.core.lifecycle import DomainError
from desktop.core.moments import from_utc_text, utc_text
from desktop.core.seals import (
    Seal,
    TrustedKey,
    Verdict,
    b64,
    key_id,
    office_day,
    public_key_ok,
    sign,
    unb64,
    verify,
)
from desktop.services.settings import get_setting, put_setting

__all__ = ["OfficeKey", "Seal", "Verdict", "document_key", "seal_text", "trust_key",
           "trust_office_keys", "verify_text"]  # fmt: skip

TRUSTED = "trusted_document_keys"


@dataclass(frozen=True)
class OfficeKey:
    """A key of one of the office's desks, as the portal describes it."""

    public: str
    office: str
    desk_id: str
    registered_at: datetime
    revoked_at: datetime | None = None


def document_key(session: Session) -> tuple[Ed25519PrivateKey, str]:
    """This desk's signing key, made the first time it is needed."""
    stored: dict[str, Any] = get_setting(session, "document_key") or {}
    if not stored:
        private = Ed25519PrivateKey.generate()
        public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        stored = {"private": b64(private.private_bytes_raw()), "public": b64(public),
                  "key_id": key_id(public)}  # fmt: skip
        put_setting(session, "document_key", stored)
        trust_key(session, stored["public"])
    return Ed25519PrivateKey.from_private_bytes(unb64(stored["private"])), stored["key_id"]


def own_public_key(session: Session) -> str | None:
    return (get_setting(session, "document_key") or {}).get("public")


def trust_key(session: Session, public_b64: str) -> str:
    """Trust a key for this desk's office, without a date limit: this desk's own key until
    the portal describes it, or the office's keys from a portal that does not say more."""
    if not public_key_ok(public_b64):
        raise DomainError("Khoá công khai không hợp lệ hoặc là khoá yếu: không tin dùng.")
    keys = dict(get_setting(session, TRUSTED) or {})
    kid = key_id(unb64(public_b64))
    keys[kid] = {"public": public_b64, "office": None}
    put_setting(session, TRUSTED, keys)
    return kid


def trust_office_keys(session: Session, office_keys: Iterable[OfficeKey]) -> int:
    """Trust exactly the keys the portal lists (revoked desks' too, for the papers they
    printed before), each for its office and days; this desk's own key stays trusted.
    Weak keys are left out. Returns how many keys were left out."""
    own = own_public_key(session)
    old = dict(get_setting(session, TRUSTED) or {})
    keys: dict[str, Any] = {}
    if own is not None and key_id(unb64(own)) in old:
        keys[key_id(unb64(own))] = old[key_id(unb64(own))]
    left_out = 0
    for k in office_keys:
        if not public_key_ok(k.public):
            left_out += 1
            continue
        keys[key_id(unb64(k.public))] = {
            "public": k.public, "office": k.office, "desk_id": k.desk_id,
            "registered_at": utc_text(k.registered_at), "revoked_at": utc_text(k.revoked_at),
        }  # fmt: skip
    put_setting(session, TRUSTED, keys)
    return left_out


def trusted_keys(session: Session) -> dict[str, TrustedKey]:
    """The keys this desk trusts, with what binds each."""
    office = str((get_setting(session, "desk") or {}).get("office_code") or "")
    found = {}
    for kid, entry in (get_setting(session, TRUSTED) or {}).items():
        if isinstance(entry, str):  # kept by an older version: the office's, no dates known
            entry = {"public": entry, "office": None}
        revoked = from_utc_text(entry.get("revoked_at"))
        found[kid] = TrustedKey(
            public=entry["public"], office=entry.get("office") or office,
            desk_id=entry.get("desk_id", ""),
            revoked_on=office_day(revoked) if revoked else None,
        )  # fmt: skip
    return found


def seal_text(session: Session, seal: Seal) -> str:
    """The QR text for ``seal``, signed by this desk."""
    private, kid = document_key(session)
    return sign(private, kid, seal)


def verify_text(session: Session, text: str) -> Verdict:
    """Genuine or not, offline, against the keys this desk trusts."""
    from desktop.services.papers import seal_names

    return verify(text, trusted_keys(session), seal_names())
