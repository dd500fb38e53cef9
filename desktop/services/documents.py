"""Cài đặt giấy tờ in — what the office puts on its papers: the place name of the date
line, the people who sign each kind, and its emblem. Only an administrator changes them,
and every change is audited."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop.core import seals
from desktop.core.accounts import Role
from desktop.core.lifecycle import DomainError
from desktop.services.audit import record_audit
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import AccessDenied
from desktop.services.settings import get_setting, put_setting

DEFAULTS: dict[str, Any] = {"place": "Lai Châu", "signers": {}, "emblem": ""}
KINDS = tuple(seals.KINDS)  # the kinds a printed QR names
EMBLEM_LIMIT = 256 * 1024


def document_settings(session: Session) -> dict[str, Any]:
    return {**DEFAULTS, **(get_setting(session, "documents") or {})}


def emblem_bytes(settings: dict[str, Any]) -> bytes | None:
    return base64.b64decode(settings["emblem"]) if settings.get("emblem") else None


def set_document_settings(
    desk: Desk,
    admin: Actor,
    place: str | None = None,
    signers: dict[str, str] | None = None,
    emblem: Path | None = None,
) -> dict[str, Any]:
    """Change the place name, signers (kind → full name) or emblem (PNG or JPEG)."""
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
    unknown = sorted(set(signers or {}) - set(KINDS))
    if unknown:
        raise DomainError(f"Không có loại giấy tờ {', '.join(unknown)} (có: {', '.join(KINDS)}).")
    with desk.store.write() as session:
        before = document_settings(session)
        after = dict(before)
        if place is not None:
            if not place.strip():
                raise DomainError("Địa danh ghi trên giấy tờ không được để trống.")
            after["place"] = place.strip()
        if signers:
            after["signers"] = {**before["signers"],
                                **{k: v.strip() for k, v in signers.items()}}  # fmt: skip
        if image is not None:
            after["emblem"] = base64.b64encode(image).decode()
        put_setting(session, "documents", after)
        shown = {k: (v if k != "emblem" else f"{len(v)} ký tự") for k, v in after.items()}
        old = {k: (v if k != "emblem" else f"{len(v)} ký tự") for k, v in before.items()}
        record_audit(session, desk, admin, "settings.documents", "documents", old, shown)
    return after
