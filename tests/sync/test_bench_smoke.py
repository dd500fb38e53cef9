"""The sync benchmarks still run, on small sizes (no timing is asserted here; the
load run's own checks are: no error, every act on the portal exactly once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bench import bench_portal_load, bench_sync


def test_sync_benchmark_reports_every_figure(tmp_path: Path) -> None:
    lines = bench_sync.run(1200, tmp_path, runs=3)
    assert [line.split(" ")[0] for line in lines] == [
        "Initial", "Reconciliation", "No-op", "No-op", "No-op"]  # fmt: skip
    assert "1,200 dossiers" in lines[0]


@pytest.mark.slow  # tens of seconds: runs in the slow group, beside the rest
def test_load_benchmark_on_postgresql_loses_nothing(pg_url: str) -> None:
    lines = bench_portal_load.run(pg_url, desk_count=4, seconds=3, dossiers=200)
    assert lines[0].startswith("4 desks (2 offices, 200 dossiers)")
    assert "Errors: **0**" in lines[1] and "none lost or doubled ✅" in lines[1], lines
