"""Mã QR xác thực — the compact payload printed documents carry, signed with a desk's
Ed25519 key: ``MC1|kind|number|dossier|amount|date|office|key|signature``.

Pure: signing and checking need only keys, so the desk and the portal check papers the
same way, offline; a changed digit breaks the signature.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop.core.money import format_dong

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


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def key_id(public: bytes) -> str:
    return hashlib.sha256(public).hexdigest()[:8]


def sign(private: Ed25519PrivateKey, kid: str, seal: Seal) -> str:
    """The QR text for ``seal``, signed with ``private`` (whose key id is ``kid``)."""
    body = "|".join([*seal.fields(), kid])
    return f"{body}|{b64(private.sign(body.encode('utf-8')))}"


def verify(text: str, keys: dict[str, str]) -> Verdict:
    """Valid or forged, against ``keys`` (key id → public key, base64url)."""
    parts = text.strip().split("|")
    if len(parts) != 9 or parts[0] != PREFIX:
        return Verdict(False, None, "Không phải mã xác thực của MotCua.")
    *fields, kid, signature = parts
    try:
        seal = Seal(fields[1], fields[2], fields[3], int(fields[4]), fields[5], fields[6])
    except ValueError:
        return Verdict(False, None, "Mã xác thực hỏng: số tiền không đọc được.")
    known = keys.get(kid)
    if known is None:
        return Verdict(False, seal, f"Không biết khoá ký “{kid}”: không xác thực được.")
    try:
        Ed25519PublicKey.from_public_bytes(unb64(known)).verify(
            unb64(signature), "|".join([*fields, kid]).encode("utf-8")
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


def public_key_ok(public_b64: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(unb64(public_b64))
    except ValueError:
        return False
    return True
