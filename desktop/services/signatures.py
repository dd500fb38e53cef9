"""Chữ ký số trên tệp PDF — is a level-4 dossier's form really digitally signed?

A level-4 online dossier's forms must carry a valid digital signature; when they do not,
the desk treats the dossier as level 3 (Đ10.2). The check runs fully offline: trust comes
only from root certificates an administrator placed on this desk, and revocation is never
fetched over the network (the desk may have none), so a revoked certificate is not caught
here — the portal checks revocation when the citizen submits.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path, PurePath
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import EmbeddedPdfSignature, validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext
from sqlalchemy import select

from desktop.core.accounts import Role
from desktop.core.calendar import OFFICE_TZ
from desktop.core.lifecycle import DomainError
from desktop.core.procedures import PaperKind
from desktop.paths import resources_dir
from desktop.services.audit import record_audit
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import AccessDenied, load_for
from desktop.services.settings import get_setting, put_setting
from desktop.store.models import DossierPaper

log = logging.getLogger(__name__)

SETTING = "signature_trust"
CERT_SUFFIXES = (".pem", ".crt", ".cer")
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"})
FORM_PREFIXES = ("tờ khai", "đơn")
# pyHanko asks for nonRepudiation alone by default; like PDF readers, accept a signing
# certificate that has either usage (some CAs issue digitalSignature-only certificates).
SIGNING_USAGE = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"})

# Problems are shown to the officer; each has its English twin for label_en.
UNREADABLE = "tệp hỏng hoặc không phải PDF"
BROKEN_SIGNATURE = "chữ ký số bị hỏng, không kiểm tra được"
CHANGED = "tệp đã bị sửa sau khi ký"
_PROBLEMS_EN = {
    UNREADABLE: "the file is damaged or not a PDF",
    BROKEN_SIGNATURE: "the signature is damaged and cannot be checked",
    CHANGED: "the file was changed after signing",
}


@dataclass(frozen=True)
class PdfSignature:
    """The result of checking one PDF's bytes."""

    signed: bool
    signer: str  # the signer certificate's common name ("" if unsigned)
    signed_at: datetime | None  # signing time as the signature states it (aware)
    intact: bool  # the signed bytes are unchanged and cover the document
    trusted: bool  # the chain validates to one of the desk's trust roots
    problem: str = ""  # "" or a short Vietnamese explanation

    @property
    def valid(self) -> bool:
        return self.signed and self.intact and self.trusted

    def _who(self, at: str) -> str:
        if self.signed_at is None:
            return self.signer
        return f"{self.signer}, {at} {self.signed_at.astimezone(OFFICE_TZ):%H:%M %d/%m/%Y}"

    @property
    def label_vi(self) -> str:
        if not self.signed:
            return f"Không đọc được tệp PDF: {self.problem}" if self.problem else "Chưa ký số"
        if not self.intact:
            return f"Chữ ký số không còn nguyên vẹn: {self.problem or CHANGED}"
        if not self.trusted:
            return f"Có chữ ký số nhưng chứng thư chưa được tin cậy: {self._who('ký lúc')}"
        return f"Có chữ ký số hợp lệ: {self._who('ký lúc')}"

    @property
    def label_en(self) -> str:
        problem = _PROBLEMS_EN.get(self.problem, self.problem)
        if not self.signed:
            return f"Cannot read the PDF file: {problem}" if problem else "Not digitally signed"
        if not self.intact:
            return f"Digital signature no longer intact: {problem or _PROBLEMS_EN[CHANGED]}"
        if not self.trusted:
            return f"Digitally signed but the certificate is not trusted: {self._who('signed')}"
        return f"Valid digital signature: {self._who('signed')}"


UNSIGNED = PdfSignature(False, "", None, False, False)


def _der_certificates(blob: bytes) -> list[bytes]:
    """Every certificate in a PEM bundle or a DER file, as DER; ValueError when none.

    cryptography parses strictly, so a file that is not a certificate is refused here
    rather than failing later inside a signature check."""
    if b"-----BEGIN" in blob:
        certs = x509.load_pem_x509_certificates(blob)
    else:
        certs = [x509.load_der_x509_certificate(blob)]
    return [cert.public_bytes(Encoding.DER) for cert in certs]


def _anchors(blobs: Sequence[bytes]) -> list[Any]:
    """The trust roots as pyHanko wants them; a root that does not parse is skipped."""
    anchors: list[Any] = []
    for blob in blobs:
        try:
            for der in _der_certificates(blob):
                anchors.extend(load_certs_from_pemder_data(der))
        except ValueError:
            log.warning("Bỏ qua một chứng thư gốc không đọc được.")
    return anchors


def _common_name(cert: Any) -> str:
    name = cert.subject.native.get("common_name") or cert.subject.human_friendly
    return str(name[0] if isinstance(name, list) else name)


def _verify(sig: EmbeddedPdfSignature, context: ValidationContext) -> PdfSignature:
    try:
        status = validate_pdf_signature(sig, context, key_usage_settings=SIGNING_USAGE)
        signer = _common_name(status.signing_cert)
    except Exception:  # a damaged signature dictionary or CMS blob raises anything
        log.warning("Không kiểm tra được chữ ký số", exc_info=True)
        return PdfSignature(True, "", None, False, False, BROKEN_SIGNATURE)
    signed_at = status.signer_reported_dt
    if signed_at is None and status.timestamp_validity is not None:
        signed_at = status.timestamp_validity.timestamp
    if signed_at is not None and signed_at.tzinfo is None:
        signed_at = signed_at.replace(tzinfo=UTC)  # a PDF date without offset: read as UTC
    return PdfSignature(
        signed=True,
        signer=signer,
        signed_at=signed_at,
        # intact: the digest matches; valid: the CMS signature over it verifies;
        # docmdp_ok: anything added after signing is only what signing allows
        # (another signature, form filling), not changed pages.
        intact=bool(status.intact and status.valid and status.docmdp_ok),
        trusted=bool(status.trusted),
    )


def check_pdf(data: bytes, trust_roots: Sequence[bytes]) -> PdfSignature:
    """Check the digital signatures in one PDF; never raises for bad input.

    With several signatures, the first one (the signer of the form) is reported, and the
    file is intact only if every signature is."""
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        signatures = list(reader.embedded_regular_signatures)
    except Exception:  # pyHanko's parser raises many kinds of errors on broken input
        return PdfSignature(False, "", None, False, False, UNREADABLE)
    if not signatures:
        return UNSIGNED
    # allow_fetching=False: no CRL/OCSP/certificate download, ever (the desk is offline);
    # soft-fail then means missing revocation data does not fail the chain. An explicit
    # (possibly empty) trust root list also keeps pyHanko off the system's TLS trust store.
    context = ValidationContext(
        trust_roots=_anchors(trust_roots), allow_fetching=False, revocation_mode="soft-fail"
    )
    results = [_verify(sig, context) for sig in signatures]
    first = results[0]
    if all(r.intact for r in results):
        return first
    broken = next(r for r in results if not r.intact)
    return PdfSignature(True, first.signer, first.signed_at, False, first.trusted, broken.problem)


# ---- trust roots -------------------------------------------------------------------------


def trust_folder() -> Path:
    """Where an administrator places the national root CA certificates."""
    return resources_dir() / "trust"


def trust_roots(desk: Desk) -> list[bytes]:
    """The certificates (PEM or DER bytes) signatures must chain to on this desk."""
    with desk.store.read() as session:
        setting = get_setting(session, SETTING) or {}
    files = [Path(p) for p in setting.get("files", [])]
    folder = trust_folder()
    if folder.is_dir():
        files += sorted(p for p in folder.iterdir() if p.suffix.lower() in CERT_SUFFIXES)
    roots = []
    for path in files:
        try:
            roots.append(path.read_bytes())
        except OSError as exc:  # checked when configured; it may have gone since
            log.warning("Không đọc được chứng thư gốc %s: %s", path, exc.strerror)
    return roots


def set_trust_files(desk: Desk, admin: Actor, files: Sequence[Path | str]) -> list[str]:
    """Trust the root certificates in ``files`` (replacing the previous list); audited.

    Every file must hold at least one certificate; otherwise nothing is changed."""
    if admin.role is not Role.ADMINISTRATOR:
        raise AccessDenied("Chỉ quản trị hệ thống được đặt chứng thư gốc tin cậy.")
    paths, subjects = [], []
    for name in files:
        path = Path(name).expanduser().resolve()
        try:
            ders = _der_certificates(path.read_bytes())
        except OSError as exc:
            raise DomainError(f"Không đọc được tệp {path}: {exc.strerror}.") from None
        except ValueError:
            raise DomainError(
                f"Tệp {path} không phải chứng thư số (cần tệp PEM hoặc DER)."
            ) from None
        paths.append(str(path))
        subjects += [x509.load_der_x509_certificate(d).subject.rfc4514_string() for d in ders]
    with desk.store.write() as session:
        before = get_setting(session, SETTING)
        put_setting(session, SETTING, {"files": paths})
        after = {"files": paths, "subjects": subjects}
        record_audit(session, desk, admin, "settings.signature_trust", SETTING, before, after)
    return paths


# ---- a dossier's papers ------------------------------------------------------------------


@dataclass(frozen=True)
class PaperSignature:
    position: int
    paper_name: str
    file_name: str
    signature: PdfSignature | None  # None when not a PDF or no scan on this desk
    note_vi: str
    form: bool = False  # a form (tờ khai, đơn) whose signature decides level 4


@dataclass(frozen=True)
class DossierSignatures:
    declared_level: int  # as submitted (3 or 4)
    effective_level: int  # 3 when declared 4 but a form is not validly signed
    papers: tuple[PaperSignature, ...]

    @property
    def note_vi(self) -> str:
        if self.declared_level != 4:
            return f"Hồ sơ mức độ {self.declared_level}: không yêu cầu ký số tờ khai."
        if self.effective_level == 4:
            return "Hồ sơ mức độ 4: tờ khai đã được ký số hợp lệ."
        return "Hồ sơ mức độ 4 nhưng tờ khai chưa được ký số hợp lệ: xử lý như mức độ 3 (Đ10.2)."


def _is_form(name: str, kind: int) -> bool:
    # NFC: the portal may send decomposed diacritics, which would not match "tờ khai".
    folded = unicodedata.normalize("NFC", name).strip().casefold()
    return folded.startswith(FORM_PREFIXES) or kind == PaperKind.ELECTRONIC


def _looks_like_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]  # the header may follow a little junk


def _paper_signature(
    position: int,
    name: str,
    file_name: str,
    sha256: str,
    scans: Callable[[str], bytes | None],
    roots: Sequence[bytes],
) -> PaperSignature:
    def result(signature: PdfSignature | None, note: str) -> PaperSignature:
        return PaperSignature(position, name, file_name, signature, note)

    suffix = PurePath(file_name).suffix.lower()
    if not sha256:
        return result(None, "Không có tệp đính kèm")
    if suffix in IMAGE_SUFFIXES:
        return result(None, "Ảnh chụp, không phải PDF")
    if suffix not in ("", ".pdf"):
        return result(None, f"Tệp {suffix}, không phải PDF")
    data = scans(sha256)
    if data is None:
        return result(None, "Chưa có bản quét trên bàn")
    if suffix != ".pdf" and not _looks_like_pdf(data):
        return result(None, "Không phải tệp PDF")
    signature = check_pdf(data, roots)
    return result(signature, signature.label_vi)


def check_dossier_signatures(
    desk: Desk, actor: Actor, dossier_id: str, scans: Callable[[str], bytes | None]
) -> DossierSignatures:
    """Check every attached PDF of a dossier of the actor's office.

    ``scans(sha256)`` gives a scan's bytes, or None when it is not on this desk. A level-4
    dossier stays level 4 only if it has a form and every form is a validly signed PDF;
    when no paper is named as a form, each of its PDFs is held to that."""
    with desk.store.read() as session:
        dossier = load_for(session, actor, dossier_id)
        level = dossier.level
        rows = session.execute(
            select(
                DossierPaper.position,
                DossierPaper.name,
                DossierPaper.kind,
                DossierPaper.file_name,
                DossierPaper.sha256,
            )
            .where(DossierPaper.dossier_id == dossier.id)
            .order_by(DossierPaper.position)
        ).all()
    # The checks run outside the transaction: parsing PDFs may take a moment.
    roots = trust_roots(desk)
    papers = [
        _paper_signature(r.position, r.name, r.file_name, r.sha256, scans, roots) for r in rows
    ]
    forms = [_is_form(r.name, r.kind) for r in rows]
    if not any(forms):
        forms = [p.signature is not None or p.file_name.lower().endswith(".pdf") for p in papers]
    papers = [replace(p, form=form) for p, form in zip(papers, forms, strict=True)]
    signed = any(forms) and all(
        p.signature is not None and p.signature.valid for p in papers if p.form
    )
    effective = 3 if level == 4 and not signed else level
    return DossierSignatures(level, effective, tuple(papers))


__all__ = [
    "DossierSignatures",
    "PaperSignature",
    "PdfSignature",
    "check_dossier_signatures",
    "check_pdf",
    "set_trust_files",
    "trust_roots",
]
