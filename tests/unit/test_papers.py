"""The papers service: what the window, the command line and the scripts print through."""

from __future__ import annotations

import subprocess
from pathlib import Path

from desktop.services import dossiers as acts
from desktop.services import fees, papers
from desktop.services.context import Actor, Desk
from tests.conftest import T0, incoming


def text_of(paper: papers.Paper, tmp_path: Path) -> str:
    pdf = tmp_path / f"{paper.kind}.pdf"
    papers.save(paper, pdf)
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip


def test_a_dossiers_papers_print_again_and_a_receipt_reprint_is_a_copy(
    desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    with desk.store.write() as s:
        fees.add_receipt_block(s, "khoi-1", "01BLP0-001", "TD-26T", 41, 90, T0)
    dossier = acts.import_dossier(desk, incoming(procedure="MAU-CT-003", name="Lò Thị Hoà"))
    outcome = fees.collect_fee(desk, officer, dossier.dossier_id)
    assert outcome.receipt is not None
    first = papers.receipt_paper(desk, officer, outcome.receipt.id)
    again = papers.receipt_paper(desk, officer, outcome.receipt.id)
    assert (first.copy, again.copy, first.printer) == (False, True, "receipt")
    assert "BẢN SAO" not in text_of(first, tmp_path)
    assert "BẢN SAO" in text_of(again, tmp_path)
    offered = papers.reprints(desk, officer, dossier.dossier_code)
    assert [p.kind for p in offered] == [papers.FEE_RECEIPT]
    assert offered[0].receipt_id == outcome.receipt.id
