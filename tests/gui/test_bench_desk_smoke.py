"""The desk-window benchmark still runs end to end: a small database, one cold start of each
window, the scroll and the search in child processes. No timing is asserted here."""

from __future__ import annotations

import re
from pathlib import Path

from tests.bench.bench_desk_ui import run

FIGURES = (
    "Cold start → first page of the queue painted",
    "Cold start, desk ÷ bare",
    "Cold start → whole queue",
    "Longest UI-thread stall scrolling the whole queue",
    "Longest stall typing “nguyen van” + Enter",
    "Longest stall from show",
    "RSS, whole queue loaded and scrolled end to end",
)


def test_desk_window_benchmark_reports_every_figure(tmp_path: Path) -> None:
    lines = run(dossiers=2000, runs=1, folder=tmp_path, cache_bytecode=False)
    text = "\n".join(lines)
    shown = re.match(r"2,000 dossiers \(built in [\d.]+ s\); the officer's queue shows ([\d,]+)",
                     lines[0])  # fmt: skip
    assert shown is not None
    rows = [line for line in lines if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + len(FIGURES)  # the header, then one row per figure
    for figure, row in zip(FIGURES, rows[1:], strict=True):
        assert row.startswith(f"| {figure}"), row
        assert row.rstrip(" |").endswith(("✅", "❌", "—")), row
        assert re.search(r"\d", row.split("|")[2]), row  # the desk's figure is a number
    # The whole queue was scrolled, and the typed name found dossiers.
    assert f"Scrolled {shown[1]} of {shown[1]} rows" in text
    found = re.search(r"“nguyen van” found (\d+) dossiers", text)
    assert found is not None and int(found[1]) > 0
    assert "SQLite" in text and "Child's own clock" in text
