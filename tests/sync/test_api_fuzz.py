"""Property-based fuzzing of the portal's API from its own OpenAPI document (schemathesis):
with a valid desk token, no generated request may cause a server error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sync.client.engine import SyncEngine
from tests.sync.conftest import OFFICE, PortalProcess, enrolled_desk
from tests.sync.test_sync import submit


def test_no_generated_request_causes_a_server_error(portal: PortalProcess, tmp_path: Path) -> None:
    submit(portal, 5)
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    token = SyncEngine(desk).transport.token
    (tmp_path / "schemathesis.toml").write_text(
        f'[parameters]\n"path.office_code" = "{OFFICE}"\n', encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "run", f"{portal.url}/openapi.json",
         "-H", f"Authorization: Bearer {token}", "-H", "X-Motcua-Protocol: 1",
         "--checks", "not_a_server_error", "--max-examples", "40", "--seed", "20261128"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    summary = result.stdout[-3000:]
    assert result.returncode == 0, summary
    assert "passed" in summary and "Authentication failed" not in summary
