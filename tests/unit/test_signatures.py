"""Digital signatures on attached PDFs: real certificates and real pyHanko signatures, made
once per session; a level-4 dossier whose form is not validly signed is handled as level 3."""

from __future__ import annotations

import dataclasses
import hashlib
import io
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.pdfgen import canvas
from sqlalchemy import func, select

from desktop.core.lifecycle import DomainError
from desktop.services import dossiers as acts
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import AccessDenied, IncomingPaper
from desktop.services.settings import get_setting
from desktop.services.signatures import (
    check_dossier_signatures,
    check_pdf,
    set_trust_files,
    trust_roots,
)
from desktop.store.models import AuditEntry
from tests.conftest import OTHER_OFFICE, incoming

SIGNER = "Nguyễn Văn Ánh"
PAGE_TEXT = b"To khai dang ky khai sinh"


@dataclass(frozen=True)
class Pki:
    root_pem: bytes
    other_root_pem: bytes  # a CA that signed nothing here
    unsigned: bytes
    signed: bytes
    signer: signers.SimpleSigner


def sign(pdf: bytes, signer: signers.SimpleSigner, field: str = "Signature1") -> bytes:
    return signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf)),
        signers.PdfSignatureMetadata(field_name=field),
        signer=signer,
    ).getvalue()


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _usage(*, signer: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signer,
        content_commitment=signer,  # nonRepudiation
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=not signer,
        crl_sign=not signer,
        encipher_only=False,
        decipher_only=False,
    )


def _certificate(
    subject: str,
    key: ec.EllipticCurvePrivateKey,
    issuer: x509.Name,
    issuer_key: ec.EllipticCurvePrivateKey,
) -> x509.Certificate:
    now = datetime.now(UTC)
    ca = issuer == _name(subject)
    return (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(_usage(signer=not ca), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
        .sign(issuer_key, hashes.SHA256())
    )


def _root(cn: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    return key, _certificate(cn, key, _name(cn), key)


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="session")
def pki() -> Pki:
    root_key, root = _root("Root CA thử nghiệm")
    _, other_root = _root("Root CA khác")
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _certificate(SIGNER, key, root.subject, root_key)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    signer = signers.SimpleSigner(
        signing_cert=next(load_certs_from_pemder_data(_pem(cert))),
        signing_key=load_private_key_from_pemder_data(key_pem, passphrase=None),
        cert_registry=SimpleCertificateStore.from_certs(
            list(load_certs_from_pemder_data(_pem(root)))
        ),
    )
    # Uncompressed page content, so a test can alter a letter of it in place.
    out = io.BytesIO()
    page = canvas.Canvas(out, pageCompression=0)
    page.drawString(72, 720, PAGE_TEXT.decode())
    page.showPage()
    page.save()
    unsigned = out.getvalue()
    return Pki(_pem(root), _pem(other_root), unsigned, sign(unsigned, signer), signer)


# ---- one PDF -----------------------------------------------------------------------------


def test_a_pdf_signed_through_a_trusted_root_is_valid(pki: Pki) -> None:
    result = check_pdf(pki.signed, [pki.root_pem])
    assert result.signed and result.intact and result.trusted and result.valid
    assert result.signer == SIGNER and result.problem == ""
    assert result.signed_at is not None and result.signed_at.tzinfo is not None
    assert abs(datetime.now(UTC) - result.signed_at) < timedelta(minutes=10)
    assert result.label_vi.startswith(f"Có chữ ký số hợp lệ: {SIGNER}, ký lúc ")
    assert result.label_en.startswith(f"Valid digital signature: {SIGNER}")


def test_a_der_root_among_unrelated_and_broken_roots_is_enough(pki: Pki) -> None:
    der = x509.load_pem_x509_certificate(pki.root_pem).public_bytes(serialization.Encoding.DER)
    assert check_pdf(pki.signed, [b"not a certificate", pki.other_root_pem, der]).valid


def test_without_a_trusted_root_the_signature_is_intact_but_not_trusted(pki: Pki) -> None:
    for roots in ([], [pki.other_root_pem]):
        result = check_pdf(pki.signed, roots)
        assert result.signed and result.intact and not result.trusted and not result.valid
        assert result.signer == SIGNER
        assert result.label_vi.startswith("Có chữ ký số nhưng chứng thư chưa được tin cậy: ")


def test_a_pdf_changed_inside_the_signed_range_is_not_intact(pki: Pki) -> None:
    at = pki.signed.index(PAGE_TEXT)
    assert at < pki.signed.index(b"/Contents <")  # the text is covered by the signature
    tampered = pki.signed[:at] + b"X" + pki.signed[at + 1 :]
    assert len(tampered) == len(pki.signed)
    result = check_pdf(tampered, [pki.root_pem])
    assert result.signed and not result.intact and not result.valid
    assert result.label_vi == "Chữ ký số không còn nguyên vẹn: tệp đã bị sửa sau khi ký"


def test_a_page_changed_in_a_later_update_breaks_the_signature(pki: Pki) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(pki.signed))
    text = generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 700 Td (Da sua sau khi ky) Tj ET")
    writer.add_stream_to_page(0, writer.add_object(text))
    out = io.BytesIO()
    writer.write(out)
    result = check_pdf(out.getvalue(), [pki.root_pem])
    assert result.signed and result.trusted and not result.intact and not result.valid


def test_a_countersigned_pdf_reports_its_first_signature(pki: Pki) -> None:
    both = sign(pki.signed, pki.signer, "Signature2")
    result = check_pdf(both, [pki.root_pem])
    assert result.valid and result.signer == SIGNER
    assert result == check_pdf(pki.signed, [pki.root_pem])  # the first signer, same time


def test_an_unsigned_pdf_and_garbage_are_reported_not_raised(pki: Pki) -> None:
    unsigned = check_pdf(pki.unsigned, [pki.root_pem])
    assert not unsigned.signed and not unsigned.valid and unsigned.problem == ""
    assert unsigned.label_vi == "Chưa ký số"
    for junk in (b"", b"\x89PNG\r\n\x1a\n not a pdf", b"%PDF-1.7\n garbage", pki.signed[:900]):
        result = check_pdf(junk, [pki.root_pem])
        assert not result.signed and not result.valid and result.problem
        assert result.label_vi.startswith("Không đọc được tệp PDF: ")


# ---- a dossier ---------------------------------------------------------------------------


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def level4(desk: Desk, form: bytes) -> str:
    papers = (
        IncomingPaper("Tờ khai đăng ký khai sinh", 2, 1, "to-khai.pdf", sha(form)),
        IncomingPaper("Giấy chứng sinh", 0, 1, "giay-chung-sinh.png", sha(b"png")),
    )
    dossier = dataclasses.replace(incoming(level=4), papers=papers)
    return acts.import_dossier(desk, dossier).dossier_id


def trusting(desk: Desk, admin: Actor, pki: Pki, tmp_path: Path) -> None:
    root = tmp_path / "root.pem"
    root.write_bytes(pki.root_pem)
    set_trust_files(desk, admin, [root])


def scans_of(*files: bytes) -> dict[str, bytes]:
    return {sha(f): f for f in (*files, b"png")}


def test_a_level4_dossier_with_a_validly_signed_form_stays_level4(
    desk: Desk, officer: Actor, admin: Actor, pki: Pki, tmp_path: Path
) -> None:
    trusting(desk, admin, pki, tmp_path)
    dossier_id = level4(desk, pki.signed)
    result = check_dossier_signatures(desk, officer, dossier_id, scans_of(pki.signed).get)
    assert (result.declared_level, result.effective_level) == (4, 4)
    form, photo = result.papers
    assert form.position == 1 and form.form and form.signature and form.signature.valid
    assert form.note_vi.startswith("Có chữ ký số hợp lệ")
    assert not photo.form and photo.signature is None
    assert photo.note_vi == "Ảnh chụp, không phải PDF"
    assert result.note_vi == "Hồ sơ mức độ 4: tờ khai đã được ký số hợp lệ."


def test_a_level4_dossier_whose_form_is_unsigned_is_handled_as_level3(
    desk: Desk, officer: Actor, admin: Actor, pki: Pki, tmp_path: Path
) -> None:
    trusting(desk, admin, pki, tmp_path)
    dossier_id = level4(desk, pki.unsigned)
    result = check_dossier_signatures(desk, officer, dossier_id, scans_of(pki.unsigned).get)
    assert (result.declared_level, result.effective_level) == (4, 3)
    assert result.papers[0].note_vi == "Chưa ký số"
    assert result.note_vi == (
        "Hồ sơ mức độ 4 nhưng tờ khai chưa được ký số hợp lệ: xử lý như mức độ 3 (Đ10.2)."
    )


def test_a_signed_form_not_yet_on_this_desk_or_untrusted_does_not_make_level4(
    desk: Desk, officer: Actor, pki: Pki
) -> None:
    dossier_id = level4(desk, pki.signed)
    missing = check_dossier_signatures(desk, officer, dossier_id, {}.get)
    assert missing.effective_level == 3
    assert missing.papers[0].signature is None
    assert missing.papers[0].note_vi == "Chưa có bản quét trên bàn"
    untrusted = check_dossier_signatures(desk, officer, dossier_id, scans_of(pki.signed).get)
    assert untrusted.effective_level == 3  # no trust root configured on this desk


def test_without_a_paper_named_as_a_form_every_pdf_must_be_signed(
    desk: Desk, officer: Actor, admin: Actor, pki: Pki, tmp_path: Path
) -> None:
    trusting(desk, admin, pki, tmp_path)
    papers = (
        IncomingPaper("Bản khai thông tin", 1, 1, "ban-khai.pdf", sha(pki.signed)),
        IncomingPaper("Giấy chứng sinh", 0, 1, "chung-sinh.pdf", sha(pki.unsigned)),
    )
    dossier_id = acts.import_dossier(
        desk, dataclasses.replace(incoming(level=4), papers=papers)
    ).dossier_id
    scans = scans_of(pki.signed, pki.unsigned)
    result = check_dossier_signatures(desk, officer, dossier_id, scans.get)
    assert [p.form for p in result.papers] == [True, True]
    assert result.effective_level == 3  # the second PDF is unsigned
    scans[sha(pki.unsigned)] = pki.signed  # the citizen sent it again, signed
    assert check_dossier_signatures(desk, officer, dossier_id, scans.get).effective_level == 4


def test_a_level3_dossier_stays_level3(desk: Desk, officer: Actor) -> None:
    dossier_id = acts.import_dossier(desk, incoming(level=3)).dossier_id
    result = check_dossier_signatures(desk, officer, dossier_id, {}.get)
    assert (result.declared_level, result.effective_level) == (3, 3)
    assert result.papers[0].note_vi == "Không có tệp đính kèm"


def test_an_officer_of_another_office_may_not_check_a_dossier(
    desk: Desk, officer: Actor, pki: Pki
) -> None:
    dossier_id = level4(desk, pki.signed)
    stranger = dataclasses.replace(officer, office_code=OTHER_OFFICE)
    with pytest.raises(AccessDenied):
        check_dossier_signatures(desk, stranger, dossier_id, scans_of(pki.signed).get)


# ---- trust roots -------------------------------------------------------------------------


def audit_count(desk: Desk) -> int:
    with desk.store.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_only_an_administrator_sets_trust_roots_and_only_certificates(
    desk: Desk, admin: Actor, officer: Actor, supervisor: Actor, pki: Pki, tmp_path: Path
) -> None:
    good, bad = tmp_path / "goc.pem", tmp_path / "khong-phai.pem"
    good.write_bytes(pki.root_pem + pki.other_root_pem)
    bad.write_text("Đây không phải chứng thư", encoding="utf-8")
    before = audit_count(desk)
    for files, error in (
        ([good, bad], DomainError),
        ([tmp_path / "khong-co.pem"], DomainError),
    ):
        with pytest.raises(error) as caught:
            set_trust_files(desk, admin, files)
        assert str(files[-1]) in str(caught.value)
    for not_admin in (officer, supervisor):
        with pytest.raises(AccessDenied):
            set_trust_files(desk, not_admin, [good])
    with desk.store.read() as s:
        assert get_setting(s, "signature_trust") is None
    assert audit_count(desk) == before and trust_roots(desk) == []

    assert set_trust_files(desk, admin, [good]) == [str(good)]
    assert trust_roots(desk) == [pki.root_pem + pki.other_root_pem]
    assert audit_count(desk) == before + 1
    assert check_pdf(pki.signed, trust_roots(desk)).valid


def test_certificates_in_the_resources_trust_folder_are_trusted(
    desk: Desk, pki: Pki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "trust").mkdir()
    (tmp_path / "trust" / "README.md").write_text("không phải chứng thư", encoding="utf-8")
    (tmp_path / "trust" / "root-ca.CRT").write_bytes(pki.root_pem)
    monkeypatch.setenv("MOTCUA_RESOURCES", str(tmp_path))
    assert trust_roots(desk) == [pki.root_pem]


def test_the_repositorys_trust_folder_explains_itself() -> None:
    readme = Path(__file__).resolve().parents[2] / "desktop" / "resources" / "trust" / "README.md"
    assert "Ban Cơ yếu Chính phủ" in readme.read_text(encoding="utf-8")
