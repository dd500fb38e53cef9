"""Printing through Qt: a batch of receipts printed on a worker thread with progress, to a
PDF printer here (offscreen); the printed pages keep a QR that still scans and verifies."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from desktop.documents.receipt import print_receipt
from desktop.services import dossiers as acts
from desktop.services import fees
from desktop.services.context import Actor, Desk
from desktop.services.document_keys import verify_text
from desktop.services.settings import get_setting
from desktop.ui.printing import (
    BatchPrint,
    BatchPrintDialog,
    preview,
    printer_for,
    remember_printer,
    remember_printer_name,
    start_batch,
)
from tests.conftest import T0, incoming


def receipts(desk: Desk, officer: Actor, folder: Path, count: int) -> list[Path]:
    with desk.store.write() as s:
        fees.add_receipt_block(s, "khoi-in", "01BLP0-001", "TD-26T", 1, 100, T0)
    paths = []
    for n in range(count):
        dossier = acts.import_dossier(desk, incoming(name=f"Người nộp số {n + 1}"))
        receipt = fees.collect_fee(desk, officer, dossier.dossier_id).receipt
        assert receipt is not None
        paths.append(folder / f"bien-lai-{n + 1}.pdf")
        print_receipt(desk, officer, receipt.id, paths[-1])
    return paths


def test_a_batch_prints_on_a_worker_with_progress(
    qtbot: QtBot, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    pdfs = receipts(desk, officer, tmp_path, 3)
    printer = printer_for(desk, "receipt")
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "da-in.pdf"))
    job = BatchPrint(printer, pdfs, dpi=200, as_documents=False)  # the pages a printer gets
    seen: list[tuple[int, int]] = []
    job.signals.progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(job.signals.finished, timeout=60_000) as finished:
        start_batch(job)
    assert finished.args == [3] and seen == [(1, 3), (2, 3), (3, 3)]
    assert len(PdfReader(tmp_path / "da-in.pdf").pages) == 3
    # What came out of the printer still carries a QR that scans and verifies.
    page = ["-r", "200", "-png", "-f", "2", "-l", "2", "-singlefile"]
    subprocess.run(["pdftoppm", *page, str(tmp_path / "da-in.pdf"), str(tmp_path / "trang-2")],
                   check=True)  # fmt: skip
    out = subprocess.run(["zbarimg", "-q", str(tmp_path / "trang-2.png")], capture_output=True,
                         text=True).stdout  # fmt: skip
    qr = next(line.removeprefix("QR-Code:") for line in out.splitlines() if "QR-Code:" in line)
    assert "|TD-26T/0000002|" in qr
    with desk.store.read() as s:
        assert verify_text(s, qr).valid


@pytest.mark.qt_log_ignore("QPainter::begin")  # Qt's own note about the refusal we test
def test_a_printer_that_cannot_open_is_reported_not_lost(
    qtbot: QtBot, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    pdfs = receipts(desk, officer, tmp_path, 1)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "khong-co" / "thu-muc" / "x.pdf"))
    job = BatchPrint(printer, pdfs, dpi=100)
    with qtbot.waitSignal(job.signals.failed, timeout=30_000) as failed:
        start_batch(job)
    assert "In không thành công" in failed.args[0]


def test_the_printer_of_each_kind_is_remembered(desk: Desk, tmp_path: Path) -> None:
    saved = QPrinter()
    saved.setOutputFileName(str(tmp_path / "luu-thanh.pdf"))
    remember_printer(desk, "slip", saved)  # "save as PDF" is not remembered
    remember_printer_name(desk, "receipt", "May-in-quay-1")
    with desk.store.read() as s:
        assert get_setting(s, "printers") == {"receipt": "May-in-quay-1"}
    # A remembered printer that is no longer installed gives way to the default one;
    # each kind keeps the paper size of its form.
    receipt = printer_for(desk, "receipt")
    assert receipt.printerName() != "May-in-quay-1"
    assert receipt.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
    assert printer_for(desk, "slip").pageLayout().pageSize().id() == QPageSize.PageSizeId.A5


def test_the_preview_paints_the_documents_pages(
    qtbot: QtBot, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    pdfs = receipts(desk, officer, tmp_path, 2)
    printer = printer_for(desk, "receipt")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    dialog = preview(None, printer, pdfs)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.paintRequested, timeout=30_000):
        dialog.show()
    assert dialog.windowTitle() == "Xem trước khi in"
    dialog.close()


def test_the_batch_dialog_shows_progress_to_the_end(
    qtbot: QtBot, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    pdfs = receipts(desk, officer, tmp_path, 3)
    printer = printer_for(desk, "receipt")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "lo.pdf"))
    dialog = BatchPrintDialog(None, printer, pdfs)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.job.signals.finished, timeout=60_000):
        dialog.start()
    qtbot.waitUntil(lambda: dialog.outcome == "Đã in xong 3 trang.", timeout=5_000)
    assert dialog.windowTitle() == "In hàng loạt"


def test_saving_as_pdf_keeps_the_documents_themselves(
    qtbot: QtBot, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    """A printer writing a PDF file gets the documents (their text, bytes or files), each
    as many times as asked, not pictures of their pages."""
    files = receipts(desk, officer, tmp_path, 2)
    printer = printer_for(desk, "receipt")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "luu.pdf"))
    job = BatchPrint(printer, [files[0], files[1].read_bytes(), files[1].read_bytes()])
    with qtbot.waitSignal(job.signals.finished, timeout=60_000) as finished:
        start_batch(job)
    assert finished.args == [3]
    text = subprocess.run(["pdftotext", str(tmp_path / "luu.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert text.count("TD-26T") >= 3 and "0000002" in text


def test_a_batch_tells_what_went_out_only_once_it_has(
    qtbot: QtBot, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    """``printed`` (the papers recorded as printed) runs once the output exists, with the
    documents that went out; a batch that produced nothing calls it not at all."""
    pdfs = receipts(desk, officer, tmp_path, 2)
    for as_documents in (True, False):  # saved as a PDF file, or painted as for paper
        out, seen = tmp_path / f"ra-{as_documents}.pdf", []

        def printed(done: int, out: Path = out, seen: list[tuple[int, bool]] = seen) -> None:
            seen.append((done, out.exists()))

        printer = printer_for(desk, "receipt")
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        job = BatchPrint(printer, pdfs, dpi=100, as_documents=as_documents, printed=printed)
        with qtbot.waitSignal(job.signals.finished, timeout=60_000):
            start_batch(job)
        assert seen == [(2, True)]
    refused: list[int] = []
    printer = printer_for(desk, "receipt")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "khong-co" / "ra.pdf"))  # no such folder
    job = BatchPrint(printer, pdfs, dpi=100, printed=refused.append)
    with qtbot.waitSignal(job.signals.failed, timeout=60_000):
        start_batch(job)
    assert refused == []
    cancelled: list[int] = []
    printer.setOutputFileName(str(tmp_path / "huy.pdf"))
    job = BatchPrint(printer, pdfs, dpi=100, as_documents=False, printed=cancelled.append)
    job.cancelled = True  # cancelled before the first document: nothing went out
    with qtbot.waitSignal(job.signals.finished, timeout=60_000):
        start_batch(job)
    assert cancelled == []
