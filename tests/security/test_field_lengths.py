"""Every text field is bounded, on the portal's submission path and on the wire: a 1 MB
applicant name once froze a desk's window for 22 s. Too long is refused with a clear
message and nothing is stored (nor echoed back)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from pydantic import ValidationError
from sqlalchemy import func, select

from desktop.core.lifecycle import Act
from desktop.services import dossiers as acts
from desktop.services.accounts import login
from desktop.store.models import Dossier, OutboxEvent
from sync.client.engine import SyncEngine
from sync.portal.models import Change, PortalAct, PortalDossier
from sync.portal.service import PortalError, citizen_act, submit_dossier
from sync.protocol import PROTOCOL_HEADER, DossierWire
from tests.sync.conftest import OFFICE, PortalProcess, enrolled_desk
from tests.sync.test_sync import submit

MEGABYTE = "Ạ" * 1_000_000


def counts(portal: PortalProcess) -> tuple[int, int, int]:
    db = portal.database()
    with db.reading() as s:
        found = tuple(int(s.scalar(select(func.count()).select_from(t)) or 0)
                      for t in (PortalDossier, PortalAct, Change))  # fmt: skip
    db.dispose()
    return found  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("field", "label"),
    [("applicant_name", "Họ tên người nộp: dài quá 200 ký tự"),
     ("address", "Địa chỉ: dài quá 500 ký tự"),
     ("phone", "Số điện thoại: dài quá 16 ký tự")],
)  # fmt: skip
def test_an_oversized_submission_is_refused_and_nothing_is_stored(
    portal: PortalProcess, field: str, label: str
) -> None:
    before = counts(portal)
    db = portal.database()
    with pytest.raises(PortalError) as refused, db.transaction() as s:
        submit_dossier(s, **{"office_code": OFFICE, "procedure_code": "MAU-HT-004",
                             "applicant_name": "Lò Văn Pảo", "submitted_at": datetime.now(UTC),
                             "level": 3, field: MEGABYTE})  # fmt: skip
    db.dispose()
    assert refused.value.status == 422 and label in str(refused.value)
    assert len(str(refused.value)) < 300  # the value itself is not repeated
    assert counts(portal) == before


def test_oversized_citizen_and_desk_texts_are_refused(
    portal: PortalProcess, tmp_path: Path
) -> None:
    submit(portal, 2)
    db = portal.database()
    with db.reading() as s:
        dossier_id = s.scalars(select(PortalDossier.id)).first()
    assert dossier_id is not None
    before = counts(portal)
    with pytest.raises(PortalError, match="dài quá 2000 ký tự"), db.transaction() as s:
        citizen_act(s, dossier_id, Act.WITHDRAW, {"reason": MEGABYTE})
    db.dispose()
    assert counts(portal) == before

    desk = enrolled_desk(portal, tmp_path / "desk.db")
    engine = SyncEngine(desk, fetch_attachments=False)
    engine.sync_once()
    officer = login(desk, "canbo1", "canbo1-demo")
    with desk.store.read() as s:
        ids = sorted(s.scalars(select(Dossier.id)))
    acts.refuse_dossier(desk, officer, ids[0], "Không thuộc thẩm quyền " + "x" * 3000)
    acts.refuse_dossier(desk, officer, ids[1], "Không thuộc thẩm quyền")
    report = engine.sync_once()
    assert (report.pushed, report.rejected) == (1, 1)
    with desk.store.read() as s:
        bad = s.scalars(select(OutboxEvent).where(OutboxEvent.status == "rejected")).one()
    assert bad.dossier_id == ids[0] and "payload.reason: dài quá 2000 ký tự" in bad.message

    # Enrolment: 422 naming the field, without sending the megabyte back.
    reply = requests.post(f"{portal.url}/v1/enrol", headers={PROTOCOL_HEADER: "1"},
                          json={"code": "ABCD-ABCD-ABCD-ABCD", "desk_uuid": str(uuid.uuid4()),
                                "desk_name": MEGABYTE}, timeout=30)  # fmt: skip
    assert reply.status_code == 422 and "desk_name" in reply.text
    assert "dài quá 200 ký tự" in reply.text and len(reply.content) < 1000


def test_the_desk_refuses_an_oversized_dossier_from_a_portal() -> None:
    wire = {"id": str(uuid.uuid4()), "code": "LCU-1", "office_code": OFFICE,
            "procedure_code": "MAU-HT-004", "level": 3, "channel": 2, "applicant_name": MEGABYTE,
            "state": "submitted", "version": 1, "submitted_at": datetime.now(UTC)}  # fmt: skip
    with pytest.raises(ValidationError, match="at most 200 characters"):
        DossierWire.model_validate(wire)
