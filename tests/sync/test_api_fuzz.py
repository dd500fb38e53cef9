"""Property-based fuzzing of the portal's API from its own OpenAPI document (schemathesis),
with a valid desk token and every check: no server error, every status and every reply
as documented, schema-valid requests accepted and schema-violating ones refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from sync.client.engine import SyncEngine
from sync.portal.models import PortalDossierScan
from tests.sync.conftest import OFFICE, PortalProcess, enrolled_desk
from tests.sync.test_sync import submit

# Every check runs: schemathesis enables all of them unless told otherwise. They are not
# named on the command line (--checks all), which would override the one exception below.
CONFIG = """
[parameters]
"path.office_code" = "{office}"
# A scan of the office, so the scan route answers with bytes (and ranges), not only 404.
"path.sha256" = "{scan}"

# A push answers each event on its own: a malformed event is answered "rejected" inside a
# 200 reply and the others still apply (one bad event must not stop a desk's sync). A push
# holding a schema-violating event is therefore accepted by design; only this check, and
# only for this operation, is off. Every other check still runs on it.
[[operations]]
include-path = "/v1/offices/{{office_code}}/events"
checks.negative_data_rejection.enabled = false

# A well-formed Range past the end of a scan is answered 416 (RFC 9110 15.5.17), documented.
[[operations]]
include-path = "/v1/offices/{{office_code}}/attachments/{{sha256}}"
checks.positive_data_acceptance.expected-statuses = [200, 206, 401, 403, 404, 416]
"""


@pytest.mark.slow
def test_every_check_passes_on_every_path(portal: PortalProcess, tmp_path: Path) -> None:
    submit(portal, 5)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    token = SyncEngine(desk).transport.token
    db = portal.database()
    with db.reading() as s:
        scan = s.scalars(select(PortalDossierScan.sha256)).first()
    db.dispose()
    assert scan is not None
    config = CONFIG.format(office=OFFICE, scan=scan)
    (tmp_path / "schemathesis.toml").write_text(config, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "run", f"{portal.url}/openapi.json",
         "-H", f"Authorization: Bearer {token}", "-H", "X-Motcua-Protocol: 1",
         "--max-examples", "40", "--seed", "20261128"],
        cwd=tmp_path, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    summary = result.stdout[-6000:]
    assert result.returncode == 0, summary
    assert "passed" in summary and "Authentication failed" not in summary
