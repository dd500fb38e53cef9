"""Cài đặt giấy tờ in — what the office puts on its papers: the place name of the date
line, its phone and address, the people who sign each kind, and its emblem. Only an
administrator changes them, and every change is audited.

The place name, when nobody set one, comes from the office's own record: a commune-level
office writes its commune's name, any other its province's (Nghị định 30/2020 names the
place where the issuing body sits), so no office prints another's place."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop.core.accounts import Role
from desktop.core.lifecycle import DomainError
from desktop.services import options
from desktop.services.audit import record_audit
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import AccessDenied
from desktop.services.settings import get_setting, put_setting
from desktop.store.models import Office

DEFAULTS: dict[str, Any] = {"place": "", "phone": "", "address": "", "signers": {},
                            "emblem": ""}  # fmt: skip
EMBLEM_LIMIT = 256 * 1024
_COMMUNES = ("xã ", "phường ", "thị trấn ", "đặc khu ")
_PROVINCES = ("tỉnh ", "thành phố ")


def document_settings(session: Session, office: Office | None = None) -> dict[str, Any]:
    """The settings, with the place, phone and address nobody set taken from ``office``."""
    found = {**DEFAULTS, **(get_setting(session, "documents") or {})}
    if office is not None:
        found["place"] = found["place"] or office_place(office)
        found["address"] = found["address"] or office.address
    return found


def office_place(office: Office) -> str:
    """The office's place name for the date line, from its own record."""
    parts = [p.strip() for p in office.address.split(",") if p.strip()]
    wanted = _COMMUNES if office.level == "commune" else _PROVINCES
    for text in (*reversed(parts), office.name):
        lower = text.lower()
        for prefix in wanted:
            if prefix in f" {lower}":
                return text[lower.index(prefix) + len(prefix) :].strip()
    return parts[-1] if parts else ""


def emblem_bytes(settings: dict[str, Any]) -> bytes | None:
    return base64.b64decode(settings["emblem"]) if settings.get("emblem") else None


def set_document_settings(
    desk: Desk,
    admin: Actor,
    place: str | None = None,
    signers: dict[str, str] | None = None,
    emblem: Path | None = None,
    phone: str | None = None,
    address: str | None = None,
) -> dict[str, Any]:
    """Change the place name, signers (kind → full name: a kind's name, or its number in
    the 2018 set as older settings have it), emblem (PNG or JPEG), phone or address."""
    from desktop.services.papers import signer_keys

    if admin.role is not Role.ADMINISTRATOR:
        raise AccessDenied("Chỉ quản trị hệ thống được sửa thông tin in trên giấy tờ.")
    image = None
    if emblem is not None:
        try:
            image = emblem.read_bytes()
        except OSError as exc:
            raise DomainError(f"Không đọc được tệp biểu tượng {emblem}: {exc.strerror}.") from None
        if not image.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
            raise DomainError("Biểu tượng phải là ảnh PNG hoặc JPEG.")
        if len(image) > EMBLEM_LIMIT:
            raise DomainError(f"Biểu tượng quá lớn (tối đa {EMBLEM_LIMIT // 1024} KB).")
    known = signer_keys()
    unknown = sorted(set(signers or {}) - set(known))
    if unknown:
        raise DomainError(f"Không có loại giấy tờ {', '.join(unknown)} (có: {', '.join(known)}).")
    typed: dict[options.Option[Any], object] = {}
    if place is not None:
        if not place.strip():
            raise DomainError("Địa danh ghi trên giấy tờ không được để trống.")
        typed[options.PLACE_NAME] = place
    if phone is not None:
        typed[options.OFFICE_PHONE] = phone
    if address is not None:
        typed[options.OFFICE_ADDRESS] = address
    with desk.store.write() as session:
        # Place, phone and address are typed settings: checked, one audit entry each.
        options.apply_changes(session, desk, admin, typed)
        if signers or image is not None:
            before = document_settings(session)
            after = dict(before)
            if signers:
                after["signers"] = {**before["signers"],
                                    **{k: v.strip() for k, v in signers.items()}}  # fmt: skip
            if image is not None:
                after["emblem"] = base64.b64encode(image).decode()
            put_setting(session, "documents", after)
            record_audit(session, desk, admin, "settings.documents", "documents",
                         _shown(before), _shown(after))  # fmt: skip
        return document_settings(session)


def _shown(settings: dict[str, Any]) -> dict[str, Any]:
    """The settings as the audit log records them: the emblem by its size, not its bytes."""
    return {k: (v if k != "emblem" else f"{len(v)} ký tự") for k, v in settings.items()}
