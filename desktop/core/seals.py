"""Mã QR xác thực — the compact payload printed documents carry, signed with a desk's
Ed25519 key: ``MC1|kind|number|dossier|amount|date|office|key|signature``.

The signature (64 bytes) is written as a 155-digit decimal number: a QR code holds digits
in 3⅓ bits each against 8 bits for a base64 letter, which makes the printed code one
version smaller (four modules a side), so it still scans when printed small. Papers
printed before carry it in base64url (86 letters); both spellings verify, since the signed
text (everything before the signature) is the same.

Pure: signing and checking need only keys, so the desk and the portal check papers the
same way, offline; a changed digit breaks the signature.

A signature alone proves only that some key signed. A key is trusted for what binds it
(``TrustedKey``): the desk it belongs to, that desk's office, and the days it may sign for
(until its desk is revoked). A paper is genuine only if its signer's office is the office
it names and its date is not after the revocation. There is no lower bound on purpose: a
paper carries the date of its act, not of its printing, so a desk enrolled to replace a
dead PC reprints last month's papers with last month's dates. Weak keys
(the small-order points of the curve, or anything outside the prime-order group) are
refused outright: a signature "by" them can be made without any private key.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop.core.calendar import OFFICE_TZ
from desktop.core.money import format_dong

PREFIX = "MC1"


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
class TrustedKey:
    """A desk's public key with what it may sign for."""

    public: str  # Ed25519, raw, base64url
    office: str  # the office of the desk that holds it
    desk_id: str = ""
    revoked_on: date | None = None  # the office's day its desk was revoked


def office_day(moment: datetime) -> date:
    """The day a moment falls on at the office (seals carry the office's dates)."""
    return moment.astimezone(OFFICE_TZ).date()


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


SIGNATURE_DIGITS = 155  # 2**512 has 155 decimal digits


def sign(private: Ed25519PrivateKey, kid: str, seal: Seal) -> str:
    """The QR text for ``seal``, signed with ``private`` (whose key id is ``kid``)."""
    body = "|".join([*seal.fields(), kid])
    return f"{body}|{signature_text(private.sign(body.encode('utf-8')))}"


def signature_text(signature: bytes) -> str:
    """A signature as the QR carries it: decimal, zero-padded to 155 digits."""
    return str(int.from_bytes(signature, "big")).zfill(SIGNATURE_DIGITS)


def signature_bytes(text: str) -> bytes:
    """The signature a QR carries, decimal (155 digits) or base64url (papers printed
    before); ValueError if it is neither."""
    if len(text) == SIGNATURE_DIGITS and text.isascii() and text.isdigit():
        try:
            return int(text).to_bytes(64, "big")
        except OverflowError:
            raise ValueError("signature out of range") from None
    return unb64(text)


def seal_key_id(text: str) -> str | None:
    """The id of the key a QR text says signed it (None if it is no MotCua code)."""
    parts = text.strip().split("|")
    return parts[7] if len(parts) == 9 and parts[0] == PREFIX else None


def verify(
    text: str, keys: Mapping[str, TrustedKey], names: Mapping[str, str] | None = None
) -> Verdict:
    """Genuine or not, against ``keys`` (key id → the key and what binds it); ``names``
    says what each kind code is ("tiep-nhan", or an older paper's "M01"), for the message."""
    parts = text.strip().split("|")
    if len(parts) != 9 or parts[0] != PREFIX:
        return Verdict(False, None, "Không phải mã xác thực của MotCua.")
    *fields, kid, signature = parts
    try:
        seal = Seal(fields[1], fields[2], fields[3], int(fields[4]), fields[5], fields[6])
        day = date.fromisoformat(seal.date)
    except ValueError:
        return Verdict(False, None, "Mã xác thực hỏng: số tiền hoặc ngày không đọc được.")
    known = keys.get(kid)
    if known is None:
        return Verdict(False, seal, f"Không biết khoá ký “{kid}”: không xác thực được.")
    # Before the signature: a weak key "verifies" signatures nobody made.
    if not public_key_ok(known.public):
        return Verdict(False, seal, f"GIẢ MẠO: khoá ký “{kid}” là khoá yếu, ai cũng giả được "
                                    "chữ ký của nó; không chấp nhận.")  # fmt: skip
    try:
        Ed25519PublicKey.from_public_bytes(unb64(known.public)).verify(
            signature_bytes(signature), "|".join([*fields, kid]).encode("utf-8")
        )
    except (InvalidSignature, ValueError):
        return Verdict(False, seal, "GIẢ MẠO: chữ ký không khớp với nội dung (đã bị sửa).")
    # A genuine signature, but a desk signs only for its own office and its own days.
    if known.office != seal.office:
        return Verdict(False, seal, f"GIẢ MẠO: giấy ghi cơ quan {seal.office} nhưng được ký "
                                    f"bằng khoá của bàn thuộc cơ quan {known.office}.")  # fmt: skip
    if known.revoked_on is not None and day > known.revoked_on:
        return Verdict(False, seal, f"KHÔNG HỢP LỆ: bàn ký đã bị thu hồi ngày "
                                    f"{_vn(known.revoked_on)}; giấy ghi ngày {_vn(day)}, sau "
                                    "ngày thu hồi.")  # fmt: skip
    kind = (names or {}).get(seal.kind, seal.kind)
    note = ""
    if known.revoked_on is not None:
        # Papers a desk printed before it was revoked stay genuine; on the day itself the
        # seal cannot tell before from after, so the officer is told to look closer.
        note = (f" Lưu ý: bàn ký đã bị thu hồi ngày {_vn(known.revoked_on)}"
                + (", đúng ngày ghi trên giấy: nên đối chiếu thêm với sổ." if day ==
                   known.revoked_on else "; giấy được in trước đó."))  # fmt: skip
    return Verdict(
        True,
        seal,
        f"HỢP LỆ: {kind} số {seal.number}, hồ sơ {seal.dossier}, {format_dong(seal.amount)} "
        f"đồng, ngày {seal.date}, cơ quan {seal.office}.{note}",
    )


def _vn(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def public_key_ok(public_b64: str) -> bool:
    """A usable Ed25519 public key: 32 bytes, the canonical encoding of a curve point of the
    prime-order group (what key generation makes). Refuses the eight small-order points
    (the all-zero key among them), which verify signatures made without a private key."""
    try:
        raw = unb64(public_b64)
    except ValueError:
        return False
    return len(raw) == 32 and _in_prime_order_group(raw)


# --- edwards25519, just enough to tell a weak key (RFC 8032, section 5.1) ----------------------
_P = 2**255 - 19
_D = -121665 * pow(121666, _P - 2, _P) % _P
_L = 2**252 + 27742317777372353535851937790883648493  # the order of the base point
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)
_Point = tuple[int, int, int, int]  # extended coordinates X, Y, Z, T
_IDENTITY: _Point = (0, 1, 1, 0)


@functools.lru_cache(maxsize=1024)
def _in_prime_order_group(raw: bytes) -> bool:
    point = _decode(raw)
    if point is None or _is_identity(point):
        return False
    # L·A is the identity exactly when A has no small-order part; a small-order point
    # (order 1, 2, 4 or 8) or a mixed one never gives the identity.
    return _is_identity(_times(point, _L))


def _decode(raw: bytes) -> _Point | None:
    """The point ``raw`` encodes, or None if it is not a canonical encoding of one."""
    n = int.from_bytes(raw, "little")
    y, sign = n & ((1 << 255) - 1), n >> 255
    if y >= _P:
        return None  # y not reduced: another spelling of a point, refused
    u, v = (y * y - 1) % _P, (_D * y * y + 1) % _P
    x2 = u * pow(v, _P - 2, _P) % _P
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P:
        x = x * _SQRT_M1 % _P
    if (x * x - x2) % _P:
        return None  # not on the curve
    if x == 0 and sign:
        return None  # "-0": a second spelling
    if x & 1 != sign:
        x = _P - x
    return (x, y, 1, x * y % _P)


def _add(p: _Point, q: _Point) -> _Point:
    x1, y1, z1, t1 = p
    x2, y2, z2, t2 = q
    a, b = (y1 - x1) * (y2 - x2) % _P, (y1 + x1) * (y2 + x2) % _P
    c, d = 2 * t1 * t2 * _D % _P, 2 * z1 * z2 % _P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % _P, g * h % _P, f * g % _P, e * h % _P)


def _times(point: _Point, n: int) -> _Point:
    result = _IDENTITY
    while n:
        if n & 1:
            result = _add(result, point)
        point, n = _add(point, point), n >> 1
    return result


def _is_identity(point: _Point) -> bool:
    x, y, z, _ = point
    return x % _P == 0 and (y - z) % _P == 0
