"""Returning a level-4 result online (Đ9.3): at the desk, only a dossier that is level 4
in effect, with its fees paid and a validly signed result or refusal document; the upload
to a real portal process is resumable, verified, level 4 only, scoped to the office."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.core.calendar import OFFICE_TZ
from desktop.core.checks import PaperCheck, PaperVerdict
from desktop.core.lifecycle import Act, DomainError, DossierState
from desktop.services import dossiers as acts
from desktop.services import fees, processing, reception
from desktop.services.accounts import login
from desktop.services.context import Actor, Desk
from desktop.services.demo import ManualClock
from desktop.services.dossier_view import dossier_detail
from desktop.services.scans import ScanStore
from desktop.services.signatures import set_trust_files
from desktop.store.models import ActRow, Dossier, OutboxEvent
from sync.client.attachments import UPLOAD_CHUNK, AttachmentCorrupt, upload
from sync.client.engine import SyncEngine
from sync.client.transport import PortalRefused, PortalUnreachable
from sync.portal.models import PortalAttachment, PortalDossierScan, PortalProcedure
from sync.portal.service import citizen_view, submit_dossier
from sync.protocol import MAX_UPLOAD_CHUNK, UploadStatusWire
from tests.sync.conftest import OFFICE, OTHER, PortalProcess, enrolled_desk
from tests.sync.test_demo_day import signed_pdf, submit_signed_level4
from tests.unit.test_signatures import Pki, level4, trusting


def submitted(portal: PortalProcess, level: int, office: str = OFFICE) -> str:
    db = portal.database()
    with db.transaction() as s:
        procedure = s.scalars(select(PortalProcedure.code).order_by(PortalProcedure.code)).first()
        assert procedure is not None
        dossier = submit_dossier(
            s, office_code=office, procedure_code=procedure, level=level,
            submitted_at=datetime.now(UTC), applicant_name="Lò Thị Thu Hà")  # fmt: skip
        dossier_id = dossier.id
    db.dispose()
    return dossier_id


def kept(portal: PortalProcess, sha256: str) -> tuple[bytes | None, list[str]]:
    """The bytes the portal keeps under ``sha256`` and the dossiers they belong to."""
    db = portal.database()
    with db.reading() as s:
        attachment = s.get(PortalAttachment, sha256)
        owners = list(s.scalars(select(PortalDossierScan.dossier_id)
                                .where(PortalDossierScan.sha256 == sha256)))  # fmt: skip
        data = attachment.data if attachment is not None else None
    db.dispose()
    return data, owners


def test_a_cut_upload_resumes_and_only_bytes_that_hash_right_are_kept(
    portal: PortalProcess, tmp_path: Path
) -> None:
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    transport = SyncEngine(desk).transport
    dossier_id = submitted(portal, level=4)
    data = os.urandom(2 * UPLOAD_CHUNK + 12_345)
    sha = hashlib.sha256(data).hexdigest()
    url = f"/v1/offices/{OFFICE}/dossiers/{dossier_id}/results/{sha}"

    # The link drops after two chunks: the portal keeps them, and nothing is the dossier's.
    put, sent = transport.put_bytes, []

    def dropping(path: str, chunk: bytes, **params: Any) -> Any:
        if len(sent) == 2:
            raise PortalUnreachable("đường truyền bị ngắt")
        sent.append(params["offset"])
        return put(path, chunk, **params)

    transport.put_bytes = dropping  # type: ignore[method-assign]
    with pytest.raises(PortalUnreachable):
        upload(transport, url, data, sha)
    transport.put_bytes = put  # type: ignore[method-assign]
    status = UploadStatusWire.model_validate(transport.get(url))
    assert (status.received, status.size, status.complete) == (2 * UPLOAD_CHUNK, len(data), False)
    assert kept(portal, sha) == (None, [])

    # The next attempt sends only the rest; the whole file hashed right is the dossier's.
    assert upload(transport, url, data, sha) == len(data) - 2 * UPLOAD_CHUNK
    assert kept(portal, sha) == (data, [dossier_id])
    assert upload(transport, url, data, sha) == 0  # already whole: nothing sent again

    # Bytes that do not hash to the name they are sent under are thrown away, every time.
    wrong = hashlib.sha256(b"a different file").hexdigest()
    wrong_url = f"/v1/offices/{OFFICE}/dossiers/{dossier_id}/results/{wrong}"
    with pytest.raises(AttachmentCorrupt):
        upload(transport, wrong_url, b"the bytes actually sent", wrong)
    assert UploadStatusWire.model_validate(transport.get(wrong_url)).received == 0
    assert kept(portal, wrong) == (None, [])

    # A chunk above the limit is refused before it is looked at.
    with pytest.raises(PortalRefused) as too_big:
        transport.put_bytes(f"{wrong_url}/chunks", b"\0" * (MAX_UPLOAD_CHUNK + 1), offset=0,
                            size=MAX_UPLOAD_CHUNK + 1)  # fmt: skip
    assert too_big.value.status == 413
    # So is one with no bytes at all: it would move nothing and answer as if it had.
    with pytest.raises(PortalRefused) as empty:
        transport.put_bytes(f"{wrong_url}/chunks", b"", offset=0, size=1)
    assert empty.value.status == 400


def test_only_a_level4_dossier_of_the_desks_office_takes_a_result(
    portal: PortalProcess, tmp_path: Path
) -> None:
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    transport = SyncEngine(desk).transport
    data = b"%PDF-1.4 ket qua"
    sha = hashlib.sha256(data).hexdigest()
    level3, elsewhere = submitted(portal, level=3), submitted(portal, level=4, office=OTHER)
    with pytest.raises(PortalRefused) as refused:
        upload(transport, f"/v1/offices/{OFFICE}/dossiers/{level3}/results/{sha}", data, sha)
    assert refused.value.status == 409 and "mức độ 3" in str(refused.value)
    with pytest.raises(PortalRefused) as unknown:  # another office's dossier: as if none
        upload(transport, f"/v1/offices/{OFFICE}/dossiers/{elsewhere}/results/{sha}", data, sha)
    assert unknown.value.status == 404
    with pytest.raises(PortalRefused) as foreign:  # another office's path
        upload(transport, f"/v1/offices/{OTHER}/dossiers/{elsewhere}/results/{sha}", data, sha)
    assert foreign.value.status == 403
    assert kept(portal, sha) == (None, [])


# --- at the desk ------------------------------------------------------------------------------


def processed(desk: Desk, officer: Actor, form: bytes) -> str:
    """A level-4 dossier with ``form`` as its form's scan, accepted and handed over."""
    dossier_id = level4(desk, form)
    ScanStore.of(desk).put(form)  # its scan, downloaded from the portal
    acts.accept_dossier(desk, officer, dossier_id)
    acts.hand_over(desk, officer, dossier_id, "Phòng Tư pháp")
    return dossier_id


def written(desk: Desk) -> tuple[int, int]:
    with desk.store.read() as s:
        return len(s.scalars(select(ActRow.id)).all()), len(s.scalars(select(OutboxEvent.id)).all())


def paid_online(desk: Desk, officer: Actor, dossier_id: str) -> None:
    """A level-4 fee paid online: recorded at the desk without a desk receipt."""
    if processing.owed(desk, officer, dossier_id):
        paid = fees.collect_fee(desk, officer, dossier_id, "online", reference="DVC-0001")
        assert paid.receipt is None


def test_only_a_signed_level4_result_with_fees_paid_is_returned_online(
    desk: Desk, officer: Actor, admin: Actor, pki: Pki, tmp_path: Path
) -> None:
    trusting(desk, admin, pki, tmp_path)
    result = signed_pdf(pki, "Quyet dinh ky so")

    # A level-4 form without a valid signature makes the dossier level 3 (Đ10.2).
    unsigned_form = processed(desk, officer, pki.unsigned)
    processing.record_result_document(desk, officer, unsigned_form, "1/QĐ", scan=result)
    with pytest.raises(DomainError, match="mức độ 3"):  # nor does it pay online
        paid_online(desk, officer, unsigned_form)
    before = written(desk)
    with pytest.raises(DomainError, match="mức độ 3"):
        processing.return_online(desk, officer, unsigned_form)
    assert written(desk) == before

    # A result scanned without a digital signature is not returned online.
    unsigned_result = processed(desk, officer, pki.signed)
    processing.record_result_document(desk, officer, unsigned_result, "2/QĐ",
                                      scan=b"%PDF-1.4 ban chup khong ky so")  # fmt: skip
    paid_online(desk, officer, unsigned_result)
    before = written(desk)
    with pytest.raises(DomainError, match="chữ ký số"):
        processing.return_online(desk, officer, unsigned_result)
    assert written(desk) == before

    # Fees still owed: not yet.
    signed = processed(desk, officer, pki.signed)
    processing.record_result_document(desk, officer, signed, "3/QĐ", scan=result,
                                      file_name="quyet-dinh.pdf")  # fmt: skip
    assert processing.owed(desk, officer, signed) > 0, "the test procedure has a fee"
    with pytest.raises(DomainError, match="phí"):
        processing.return_online(desk, officer, signed)
    paid_online(desk, officer, signed)

    outcome = processing.return_online(desk, officer, signed)
    assert outcome.state is DossierState.RETURNED_ONLINE
    with desk.store.read() as s:
        row = s.scalars(select(ActRow).where(ActRow.act_id == outcome.act_id)).one()
        dossier = s.get(Dossier, signed)
        assert dossier is not None and dossier.is_open is False  # off the open queue
    document = {"sha256": hashlib.sha256(result).hexdigest(), "file_name": "quyet-dinh.pdf",
                "kind": "result"}  # fmt: skip
    assert row.payload["documents"] == [document]
    assert "trả trực tuyến" in row.payload["notice"] and "quyet-dinh.pdf" in row.payload["notice"]

    # A reasoned refusal, signed, goes back online the same way.
    denied = processed(desk, officer, pki.signed)
    refusal = signed_pdf(pki, "Van ban tra loi ky so")
    processing.deny_with_document(desk, officer, denied, "Không đủ điều kiện", "4/TB",
                                  "Nguyễn Thị Nhung", refusal, "tra-loi.pdf")  # fmt: skip
    outcome = processing.return_online(desk, officer, denied)
    with desk.store.read() as s:
        row = s.scalars(select(ActRow).where(ActRow.act_id == outcome.act_id)).one()
    assert row.act == Act.RETURN_ONLINE.value
    assert [d["kind"] for d in row.payload["documents"]] == ["refusal"]


def test_the_portal_applies_a_return_online_only_once_it_holds_the_document(
    portal: PortalProcess, tmp_path: Path, pki: Pki
) -> None:
    """The signed result vanished from the desk before the sync: nothing to upload, so the
    portal rejects the act with the reason and the dossier stays "resolved" there."""
    monday = datetime.combine(datetime(2026, 11, 30).date(), time(8, 0), OFFICE_TZ)
    clock = ManualClock(monday)
    desk = enrolled_desk(portal, tmp_path / "desk.db", clock=clock)
    dossier_id = submit_signed_level4(portal, pki.signed, monday)
    SyncEngine(desk).sync_once()
    root = tmp_path / "root.pem"
    root.write_bytes(pki.root_pem)
    set_trust_files(desk, login(desk, "quantri", "quantri-demo"), [root])
    officer = login(desk, "canbo1", "canbo1-demo")
    checks = [PaperCheck(c.position, c.name, PaperVerdict.PRESENT)
              for c in dossier_detail(desk, officer, dossier_id).checklist]  # fmt: skip
    reception.accept_checked(desk, officer, dossier_id, checks)
    acts.hand_over(desk, officer, dossier_id, "Phòng Tư pháp")
    result = signed_pdf(pki, "Quyet dinh ky so")
    processing.record_result_document(desk, officer, dossier_id, "7/QĐ", scan=result)
    processing.return_online(desk, officer, dossier_id)
    sha = hashlib.sha256(result).hexdigest()
    ScanStore.of(desk).path_for(sha).unlink()  # lost from this desk's disk

    report = SyncEngine(desk).sync_once()
    assert (report.results_uploaded, report.corrupt, report.rejected) == (0, 1, 1)
    with desk.store.read() as s:
        event = s.scalars(select(OutboxEvent).where(OutboxEvent.status == "rejected")).one()
    assert event.body["act"] == Act.RETURN_ONLINE.value
    assert "chưa được tải lên cổng đầy đủ" in event.message
    db = portal.database()
    with db.reading() as s:
        view = citizen_view(s, dossier_id)
    db.dispose()
    assert view["status"] == 9 and view["documents"] == []
    assert kept(portal, sha) == (None, [])
