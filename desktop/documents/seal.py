"""The desk's document key and the keys it trusts (its own, its office's other desks'),
kept in its settings; signing and checking themselves are in ``desktop.core.seals``."""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy.orm import Session

from desktop.core.lifecycle import DomainError
from desktop.core.seals import KINDS, Seal, Verdict, b64, key_id, public_key_ok, sign, unb64, verify
from desktop.services.settings import get_setting, put_setting

__all__ = ["KINDS", "Seal", "Verdict", "document_key", "seal_text", "trust_key", "verify_text"]


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
    """Add a public key (this desk's, or another desk's of the office) to those trusted."""
    if not public_key_ok(public_b64):
        raise DomainError("Khoá công khai không hợp lệ.")
    keys = dict(get_setting(session, "trusted_document_keys") or {})
    kid = key_id(unb64(public_b64))
    keys[kid] = public_b64
    put_setting(session, "trusted_document_keys", keys)
    return kid


def seal_text(session: Session, seal: Seal) -> str:
    """The QR text for ``seal``, signed by this desk."""
    private, kid = document_key(session)
    return sign(private, kid, seal)


def verify_text(session: Session, text: str) -> Verdict:
    """Valid or forged, offline, against the keys this desk trusts."""
    return verify(text, dict(get_setting(session, "trusted_document_keys") or {}))
