"""Bản quét và văn bản kết quả — scans kept once by their SHA-256 and served to the offices
whose dossiers use them, and the signed results desks upload for level-4 dossiers returned
online (Đ9.3), in chunks."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.portal.base import PortalError, utc_now
from sync.portal.models import (
    PortalAttachment,
    PortalDossier,
    PortalDossierScan,
    PortalResultUpload,
)
from sync.protocol import MAX_RESULT_FILE, Request, ReturnOnlinePayload, UploadStatusWire


def store_attachment(session: Session, office_code: str, data: bytes, content_type: str) -> str:
    """Keep a scan once, by its SHA-256; returns the hash the paper refers to. Who may read
    it is decided by the dossiers whose papers use it (``attachment_for``), not by the
    office that uploaded the bytes first (kept as ``office_code``, for the record)."""
    digest = hashlib.sha256(data).hexdigest()
    if session.get(PortalAttachment, digest) is None:
        session.add(
            PortalAttachment(
                sha256=digest,
                office_code=office_code,
                content_type=content_type,
                size=len(data),
                data=data,
            )
        )
    return digest


# --- results returned online (level 4, Đ2.9, Đ3.3, Đ9.3) -----------------------------------


def _online_dossier(session: Session, office_code: str, dossier_id: str) -> PortalDossier:
    dossier = session.get(PortalDossier, dossier_id)
    if dossier is None or dossier.office_code != office_code:
        raise PortalError(404, "Không có hồ sơ này trong cơ quan.")
    if dossier.level != 4:
        raise PortalError(409, f"Hồ sơ {dossier.code} mức độ 3: kết quả trả trực tiếp hoặc qua "
                          "bưu chính, không trả trực tuyến (Đ2.9).")  # fmt: skip
    return dossier


def _upload_status(sha256: str, upload: PortalResultUpload | None) -> UploadStatusWire:
    if upload is None:
        return UploadStatusWire(sha256=sha256, size=0, received=0, complete=False)
    done = upload.completed_at is not None
    return UploadStatusWire(sha256=sha256, size=upload.size, complete=done,
                            received=upload.size if done else len(upload.data))  # fmt: skip


def result_upload_status(
    session: Session, office_code: str, dossier_id: str, sha256: str
) -> UploadStatusWire:
    """How much of a result document the portal holds (a cut upload continues from there)."""
    _online_dossier(session, office_code, dossier_id)
    return _upload_status(sha256, session.get(PortalResultUpload, (dossier_id, sha256)))


def receive_result_chunk(
    session: Session, desk_id: str, office_code: str, dossier_id: str, sha256: str,
    offset: int, size: int, chunk: bytes,
) -> tuple[UploadStatusWire, str | None]:  # fmt: skip
    """Take bytes ``offset``… of a result document. Chunks come in order (the desk asks
    where to continue); when the last byte arrives the whole file must hash to ``sha256``
    before it becomes the dossier's: if not, what came is thrown away and the problem is
    returned (to refuse it once this transaction has committed the discarding)."""
    dossier = _online_dossier(session, office_code, dossier_id)
    if not 0 < size <= MAX_RESULT_FILE:
        raise PortalError(413, f"Văn bản kết quả phải từ 1 đến {MAX_RESULT_FILE} byte.")
    upload = session.get(PortalResultUpload, (dossier.id, sha256), with_for_update=True)
    if upload is not None and upload.completed_at is not None:
        return _upload_status(sha256, upload), None  # a resend after a lost reply
    if upload is None:
        upload = PortalResultUpload(dossier_id=dossier.id, sha256=sha256, desk_id=desk_id,
                                    size=size, data=b"")  # fmt: skip
        session.add(upload)
    if upload.size != size:
        raise PortalError(409, f"Kích thước {size} byte khác lần tải trước ({upload.size} byte).")
    if offset != len(upload.data):
        raise PortalError(409, f"Cổng đang có {len(upload.data)} byte của tệp này: "
                          "tiếp tục từ byte đó.")  # fmt: skip
    if offset + len(chunk) > size:
        raise PortalError(409, f"Phần gửi vượt quá kích thước đã khai ({size} byte).")
    upload.data = upload.data + chunk
    if len(upload.data) < size:
        return _upload_status(sha256, upload), None
    if hashlib.sha256(upload.data).hexdigest() != sha256:
        # Never kept as the dossier's: the desk sends it again from the first byte.
        if upload in session.new:
            session.expunge(upload)
        else:
            session.delete(upload)
        return (
            _upload_status(sha256, None),
            "Tệp tải lên không khớp mã băm SHA-256 đã khai: cổng không nhận, gửi lại.",
        )
    store_attachment(session, office_code, upload.data, "application/pdf")
    if session.get(PortalDossierScan, (dossier.id, sha256)) is None:
        session.add(PortalDossierScan(dossier_id=dossier.id, sha256=sha256))
    upload.data, upload.completed_at = b"", utc_now()  # the bytes live in ``attachments``
    return _upload_status(sha256, upload), None


def missing_results(session: Session, dossier: PortalDossier, payload: Request | None) -> str:
    """Why a return online cannot be applied yet: a level-3 dossier, or a document the
    portal does not hold whole (uploads go before the act; see the desk's sync)."""
    if not isinstance(payload, ReturnOnlinePayload):
        return ""
    if dossier.level != 4:
        return f"Hồ sơ {dossier.code} mức độ 3: không trả kết quả trực tuyến (Đ2.9)."
    for document in payload.documents:
        upload = session.get(PortalResultUpload, (dossier.id, document.sha256))
        if upload is None or upload.completed_at is None:
            return (f"Văn bản “{document.file_name}” chưa được tải lên cổng đầy đủ: "
                    "chưa trả kết quả trực tuyến được.")  # fmt: skip
    return ""


def attachment_for(session: Session, office_code: str, sha256: str) -> PortalAttachment:
    """A scan a dossier of the office uses. The same scan at two offices is served to both;
    a scan only other offices use is answered like one that does not exist (the same 404),
    so a desk cannot learn which scans other offices hold."""
    used_here = session.scalar(
        select(PortalDossierScan.sha256)
        .join(PortalDossier, PortalDossier.id == PortalDossierScan.dossier_id)
        .where(PortalDossierScan.sha256 == sha256, PortalDossier.office_code == office_code)
        .limit(1)
    )
    attachment = session.get(PortalAttachment, sha256) if used_here else None
    if attachment is None:
        raise PortalError(404, "Không có tệp đính kèm này.")
    return attachment


def link_scans(session: Session, dossier: PortalDossier) -> None:
    for sha256 in sorted({p["sha256"] for p in dossier.papers if p.get("sha256")}):
        session.add(PortalDossierScan(dossier_id=dossier.id, sha256=sha256))


def link_scans_of_older_dossiers(session: Session) -> None:
    """A database made before scans were linked to dossiers: link them once, from the papers."""
    if session.scalar(select(PortalDossierScan.sha256).limit(1)) is not None:
        return
    if session.scalar(select(PortalAttachment.sha256).limit(1)) is None:
        return
    for dossier in session.scalars(select(PortalDossier)):
        link_scans(session, dossier)
