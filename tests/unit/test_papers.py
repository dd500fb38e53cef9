"""The papers service: what the window, the command line and the scripts print through."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.services import dossiers as acts
from desktop.services import fees, papers
from desktop.services.context import Actor, Desk
from desktop.store.models import AuditEntry, ReceiptPrint
from tests.conftest import T0, incoming


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip


def audited(desk: Desk, action: str) -> list[AuditEntry]:
    with desk.store.read() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_a_receipt_drawn_is_no_print_the_first_printed_is_the_original_then_copies(
    desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    with desk.store.write() as s:
        fees.add_receipt_block(s, "khoi-1", "01BLP0-001", "TD-26T", 41, 90, T0)
    dossier = acts.import_dossier(desk, incoming(procedure="MAU-CT-003", name="Lò Thị Hoà"))
    outcome = fees.collect_fee(desk, officer, dossier.dossier_id)
    assert outcome.receipt is not None
    # Drawn twice (a preview, an offer left for later): still no print, both the original.
    first = papers.receipt_paper(desk, officer, outcome.receipt.id)
    again = papers.receipt_paper(desk, officer, outcome.receipt.id)
    assert (first.copy, again.copy, first.printer) == (False, False, "receipt")
    assert audited(desk, "receipt.print") == []
    papers.print_to_file(desk, again, tmp_path / "bien-lai.pdf")
    assert "BẢN SAO" not in pdf_text(tmp_path / "bien-lai.pdf")
    later = papers.receipt_paper(desk, officer, outcome.receipt.id)
    assert later.copy
    papers.print_to_file(desk, later, tmp_path / "bien-lai-sao.pdf")
    assert "BẢN SAO" in pdf_text(tmp_path / "bien-lai-sao.pdf")
    prints = audited(desk, "receipt.print")
    assert [(e.subject, (e.after or {})["copy"]) for e in prints] == [
        (dossier.dossier_code, False), (dossier.dossier_code, True)]  # fmt: skip
    with desk.store.read() as s:
        assert [p.copy for p in s.scalars(select(ReceiptPrint).order_by(ReceiptPrint.id))] == [
            False, True]  # fmt: skip
    offered = papers.reprints(desk, officer, dossier.dossier_code)
    assert [p.kind for p in offered] == [papers.FEE_RECEIPT]
    assert offered[0].receipt_id == outcome.receipt.id


def test_a_receipt_drawn_as_the_original_and_printed_after_another_print_is_recorded_as_it_was(
    desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    """Two windows drew the receipt before either printed: both papers are originals,
    and the book says so rather than calling the second one a copy it was not marked."""
    with desk.store.write() as s:
        fees.add_receipt_block(s, "khoi-1", "01BLP0-001", "TD-26T", 41, 90, T0)
    dossier = acts.import_dossier(desk, incoming(procedure="MAU-CT-003"))
    outcome = fees.collect_fee(desk, officer, dossier.dossier_id)
    assert outcome.receipt is not None
    one, two = (papers.receipt_paper(desk, officer, outcome.receipt.id) for _ in range(2))
    papers.record_print(desk, one)
    papers.record_print(desk, two)
    assert [(e.after or {})["copy"] for e in audited(desk, "receipt.print")] == [False, False]


def test_an_act_paper_drawn_records_nothing_and_its_print_is_audited_once(
    desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    dossier = acts.import_dossier(desk, incoming())
    acts.accept_dossier(desk, officer, dossier.dossier_id)
    slip = papers.act_paper(desk, officer, dossier.dossier_code, papers.RECEIPT_SLIP)
    assert audited(desk, "document.print") == []
    target = tmp_path / "khong-co" / "m01.pdf"  # no such folder: nothing written, no print
    with pytest.raises(OSError):
        papers.print_to_file(desk, slip, target)
    assert audited(desk, "document.print") == []
    papers.record_print(desk, slip, slip.copies)
    (entry,) = audited(desk, "document.print")
    assert entry.subject == dossier.dossier_code and entry.officer_id == officer.officer_id
    assert entry.after == {"kind": papers.RECEIPT_SLIP, "form": "M01", "set": slip.form_set,
                           "copies": 2}  # fmt: skip
