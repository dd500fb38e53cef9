"""Mã QR xác thực — a compact payload signed with the desk's Ed25519 key.

Each printed document carries ``MC1|kind|number|dossier|amount|date|office|key|signature``:
anyone holding the desk's public key (the desk itself, its office, the portal) can say
offline whether the paper is genuine; changing one digit breaks the signature.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy.orm import Session

from desktop.core.money import format_dong
from desktop.services.settings import get_setting, put_setting

PREFIX = "MC1"
KINDS = {
    "BL": "Biên lai thu phí, lệ phí",
    "M01": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "M02": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "M03": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "M04": "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "M05": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "M06": "Sổ theo dõi hồ sơ",
    "BG": "Biên bản bàn giao ca",
}


@dataclass(frozen=True)
class Seal:
    kind: str
    number: str
    dossier: str
    amount: int
    date: str  # ISO date the document bears
    office: str

    def fields(self) -> list[str]:
        return [PREFIX, self.kind, self.number, self.dossier, str(self.amount), self.date,
                self.office]  # fmt: skip


@dataclass(frozen=True)
class Verdict:
    valid: bool
    seal: Seal | None
    message: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def key_id(public: bytes) -> str:
    return hashlib.sha256(public).hexdigest()[:8]


def document_key(session: Session) -> tuple[Ed25519PrivateKey, str]:
    """This desk's signing key, made the first time it is needed."""
    stored: dict[str, Any] = get_setting(session, "document_key") or {}
    if not stored:
        private = Ed25519PrivateKey.generate()
        public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        stored = {"private": _b64(private.private_bytes_raw()), "public": _b64(public),
                  "key_id": key_id(public)}  # fmt: skip
        put_setting(session, "document_key", stored)
        trust_key(session, stored["public"])
    return Ed25519PrivateKey.from_private_bytes(_unb64(stored["private"])), stored["key_id"]


def trust_key(session: Session, public_b64: str) -> str:
    """Add a public key (this desk's, or another desk's of the office) to those trusted."""
    public = _unb64(public_b64)
    Ed25519PublicKey.from_public_bytes(public)  # refuses what is not a key
    keys = dict(get_setting(session, "trusted_document_keys") or {})
    keys[key_id(public)] = public_b64
    put_setting(session, "trusted_document_keys", keys)
    return key_id(public)


def seal_text(session: Session, seal: Seal) -> str:
    """The QR text for ``seal``, signed by this desk."""
    private, kid = document_key(session)
    body = "|".join([*seal.fields(), kid])
    return f"{body}|{_b64(private.sign(body.encode('utf-8')))}"


def verify_text(session: Session, text: str) -> Verdict:
    """Valid or forged, offline, against the keys this desk trusts."""
    parts = text.strip().split("|")
    if len(parts) != 9 or parts[0] != PREFIX:
        return Verdict(False, None, "Không phải mã xác thực của MotCua.")
    *fields, kid, signature = parts
    try:
        seal = Seal(fields[1], fields[2], fields[3], int(fields[4]), fields[5], fields[6])
    except ValueError:
        return Verdict(False, None, "Mã xác thực hỏng: số tiền không đọc được.")
    known = (get_setting(session, "trusted_document_keys") or {}).get(kid)
    if known is None:
        return Verdict(False, seal, f"Không biết khoá ký “{kid}”: không xác thực được.")
    try:
        Ed25519PublicKey.from_public_bytes(_unb64(known)).verify(
            _unb64(signature), "|".join([*fields, kid]).encode("utf-8")
        )
    except (InvalidSignature, ValueError):
        return Verdict(False, seal, "GIẢ MẠO: chữ ký không khớp với nội dung (đã bị sửa).")
    kind = KINDS.get(seal.kind, seal.kind)
    return Verdict(
        True,
        seal,
        f"HỢP LỆ: {kind} số {seal.number}, hồ sơ {seal.dossier}, {format_dong(seal.amount)} "
        f"đồng, ngày {seal.date}, cơ quan {seal.office}.",
    )
