"""A scan belongs to the dossiers that use it, not to the office that uploaded it first: the
same bytes submitted at two offices reach the desks of both, and a desk asking for a scan
only another office uses learns nothing more than from a scan that exists nowhere."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path

import requests

from sync.client.attachments import AttachmentStore
from sync.client.engine import SyncEngine
from sync.portal.service import store_attachment, submit_dossier
from sync.protocol import PROTOCOL_HEADER
from tests.sync.conftest import OFFICE, OTHER, PortalProcess, enrolled_desk


def test_the_same_scan_at_two_offices_reaches_both_and_leaks_nothing(
    portal: PortalProcess, tmp_path: Path
) -> None:
    shared, theirs = os.urandom(70_000), os.urandom(5_000)  # a citizen's ID card, say
    db = portal.database()
    with db.transaction() as s:
        for office, scans in ((OFFICE, [shared]), (OTHER, [shared, theirs])):
            papers = [{"name": f"Bản quét {n}", "kind": 1, "count": 1, "file_name": "a.pdf",
                       "sha256": store_attachment(s, office, data, "application/pdf")}
                      for n, data in enumerate(scans)]  # fmt: skip
            submit_dossier(s, office_code=office, procedure_code="MAU-HT-004",
                           applicant_name="Lò Thị Ánh", submitted_at=datetime.now(UTC),
                           level=3, papers=papers)  # fmt: skip
    db.dispose()
    here = enrolled_desk(portal, tmp_path / "here.db", OFFICE)
    there = enrolled_desk(portal, tmp_path / "there.db", OTHER)

    # The second office's desk gets the scan the first office uploaded first, every sync.
    for desk, count in ((here, 1), (there, 2)):
        engine = SyncEngine(desk)
        assert engine.sync_once().attachments == count
        assert AttachmentStore.beside(desk.store.path).has(hashlib.sha256(shared).hexdigest())
        assert engine.sync_once().corrupt == 0

    token = SyncEngine(here).transport.token
    headers = {"Authorization": f"Bearer {token}", PROTOCOL_HEADER: "1"}

    def ask(data: bytes) -> requests.Response:
        sha = hashlib.sha256(data).hexdigest()
        return requests.get(f"{portal.url}/v1/offices/{OFFICE}/attachments/{sha}",
                            headers=headers, timeout=30)  # fmt: skip

    only_theirs, nowhere = ask(theirs), ask(b"khong co o dau")
    assert only_theirs.status_code == nowhere.status_code == 404
    assert only_theirs.json() == nowhere.json()
