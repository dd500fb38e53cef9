"""A result chunk the portal stored, whose reply was lost on the way back, is not sent
again: the desk asks the portal what it holds first (a blind resend doubled the bytes up:
601,279 for a 300,000-byte document)."""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from desktop.services.settings import get_setting
from sync.client.attachments import upload
from sync.client.transport import Transport
from sync.portal.models import PortalProcedure
from sync.portal.service import submit_dossier
from tests.field.link import Cut, Link
from tests.sync.conftest import (  # noqa: F401
    OFFICE,
    PortalProcess,
    enrolled_desk,
    portal,
    portal_template,
)


def test_a_result_chunk_the_portal_stored_is_not_sent_again_when_its_reply_is_lost(
    portal: PortalProcess, tmp_path: Path  # noqa: F811
) -> None:
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    db = portal.database()
    with db.transaction() as s:
        code = s.scalars(select(PortalProcedure.code).order_by(PortalProcedure.code)).first()
        dossier_id = submit_dossier(s, office_code=OFFICE, procedure_code=code,
                                    applicant_name="Lò Thị Thu Hà", level=4,
                                    submitted_at=datetime.now(UTC)).id
    db.dispose()
    data = random.Random(1).randbytes(300_000)  # one chunk (1 MiB chunks)
    sha = hashlib.sha256(data).hexdigest()
    with desk.store.read() as s:
        token = get_setting(s, "portal")["token"]
    port = int(portal.url.rsplit(":", 1)[1])
    # The link drops as the portal's reply to the chunk starts down: the portal has it all.
    cut = Cut(after_bytes=len(data) + 600, seconds=1, marker=b"PUT /v1/offices/")
    with Link(("127.0.0.1", port), kbps=20_000, rtt_ms=20, cuts=(cut,)) as link:
        transport = Transport(link.url, token=token)
        url = f"/v1/offices/{OFFICE}/dossiers/{dossier_id}/results/{sha}"
        sent = upload(transport, url, data, sha)
        up = link.stats.bytes_up
    assert link.stats.cuts == 1
    assert sent == len(data), f"the desk counts {sent:,} bytes sent for {len(data):,}"
    assert up < len(data) * 1.2, f"{up:,} bytes went up for a {len(data):,}-byte chunk"
    desk.store.close()
