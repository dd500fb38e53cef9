"""A full disk while printing to a file or downloading scans: the officer is told the disk
is full (the window's DISK_FULL text; one line from the command line) and no half-written
file is left where a whole one is expected. The disk is a real tiny tmpfs (small_disk.py
says why)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from desktop.services import dossiers as acts
from desktop.services import fees
from desktop.services.context import Actor, Desk
from desktop.ui import errors
from desktop.ui.printing import BatchPrint, printer_for, start_batch
from sync.client.attachments import CHUNK
from sync.client.engine import SyncEngine
from tests.conftest import PASSWORDS, T0, incoming
from tests.security.small_disk import small_disk
from tests.sync.conftest import PortalProcess, enrolled_desk
from tests.sync.test_attachments import big_scan

DISK_FULL = "Ổ đĩa đã đầy"


def motcua(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], input=stdin,
                          capture_output=True, text=True, timeout=300)  # fmt: skip


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def receipt_code(desk: Desk, officer: Actor) -> str:
    with desk.store.write() as s:
        fees.add_receipt_block(s, "khoi-1", "01BLP0-001", "TD-26T", 1, 90, T0)
    dossier = acts.import_dossier(desk, incoming(procedure="MAU-CT-003"))
    assert fees.collect_fee(desk, officer, dossier.dossier_id).receipt is not None
    return dossier.dossier_code


def test_printing_a_receipt_to_a_full_disk_says_so_and_keeps_the_earlier_file(
    desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    code = receipt_code(desk, officer)
    with small_disk(tmp_path / "usb", size_kb=64, leave_kb=12) as usb:
        out = usb / "bien-lai.pdf"
        out.write_bytes(b"%PDF-1.4 ban in hom qua\n%%EOF\n")  # yesterday's print, kept
        result = motcua("print", "receipt", "--db", str(desk.store.path), "--dossier", code,
                        "--out", str(out), "--user", "canbo",
                        stdin=PASSWORDS["canbo"] + "\n")  # fmt: skip
        assert result.returncode == 1
        assert one_line(result) == (
            f"motcua: lỗi: {DISK_FULL}: không ghi được {out}. Hãy giải phóng dung lượng rồi "
            "thử lại; dữ liệu đã lưu không bị mất."
        )
        assert out.read_bytes() == b"%PDF-1.4 ban in hom qua\n%%EOF\n"
        assert sorted(p.name for p in usb.iterdir()) == ["bien-lai.pdf", "filler"]
    assert not (tmp_path / "bao-cao-loi").exists()  # a full disk is no bug to report


def test_saving_a_print_as_pdf_on_a_full_disk_fails_saying_so_and_leaves_nothing(
    qtbot: QtBot, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    from tests.gui.test_printing import receipts

    pdfs = receipts(desk, officer, tmp_path, 3)
    with small_disk(tmp_path / "usb", size_kb=64, leave_kb=8) as usb:
        printer = printer_for(desk, "receipt")
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(usb / "ca-lo.pdf"))
        job = BatchPrint(printer, pdfs, dpi=150)
        outcome: list[str] = []
        job.signals.finished.connect(lambda pages: outcome.append(f"in xong {pages} trang"))
        job.signals.failed.connect(outcome.append)
        start_batch(job)
        qtbot.waitUntil(lambda: bool(outcome), timeout=120_000)
        # Qt itself ends such a job "successfully" with half a PDF on the disk.
        assert outcome[0].startswith(f"In không thành công: {DISK_FULL}: không ghi được dữ liệu")
        assert sorted(p.name for p in usb.iterdir()) == ["filler"]
        assert printer.outputFileName() == str(usb / "ca-lo.pdf")


def test_scans_downloading_onto_a_full_disk_stop_saying_so_with_whole_chunks_kept(
    portal: PortalProcess, tmp_path: Path
) -> None:
    sha = big_scan(portal)  # 300 KB: five chunks
    desk = enrolled_desk(portal, tmp_path / "desk.db")
    desk.store.close()
    db = portal.database()
    with db.reading() as s:
        from sync.portal.models import PortalAttachment

        whole = s.get_one(PortalAttachment, sha).data
    db.dispose()
    with small_disk(tmp_path / "desk.tep-dinh-kem", size_kb=100) as scans:
        result = motcua("sync", "--db", str(tmp_path / "desk.db"), "--once", "--quiet")
        assert result.returncode == 1
        assert one_line(result).startswith(f"motcua: lỗi: {DISK_FULL}: không ghi được")
        assert not (scans / sha[:2] / sha).exists()  # never a scan that is not whole
        part = (scans / ".part" / sha).read_bytes()
        assert len(part) % CHUNK == 0 and len(part) >= CHUNK  # whole chunks, kept to resume
        assert whole.startswith(part)
        # The window says it the same way (its sync worker hands the error to describe).
        from desktop.services.settings import open_desk
        from desktop.store.db import open_store

        desk = open_desk(open_store(tmp_path / "desk.db"))
        with pytest.raises(OSError) as raised:
            SyncEngine(desk).sync_once()
        described = errors.describe(raised.value)
        assert described is not None and described[0] == DISK_FULL
        desk.store.close()
    assert not (tmp_path / "bao-cao-loi").exists()
    # With room again, the download resumes after the chunks kept and the scan verifies.
    desk = open_desk(open_store(tmp_path / "desk.db"))
    engine = SyncEngine(desk)
    (engine.attachments.root / ".part").mkdir(parents=True)
    (engine.attachments.root / ".part" / sha).write_bytes(part)
    report = engine.sync_once()
    assert report.attachments == 1 and report.attachment_bytes == len(whole) - len(part)
    assert hashlib.sha256(engine.attachments.read(sha)).hexdigest() == sha


def test_the_on_screen_preview_of_a_printer_saving_to_a_file_writes_nothing(
    qtbot: QtBot, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    from desktop.ui.printing import preview
    from tests.gui.test_printing import receipts

    pdfs = receipts(desk, officer, tmp_path, 1)
    printer = printer_for(desk, "receipt")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "luu" / "ban-in.pdf"))
    (tmp_path / "luu").mkdir()
    dialog = preview(None, printer, pdfs)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.paintRequested, timeout=30_000):
        dialog.show()
    dialog.close()
    assert list((tmp_path / "luu").iterdir()) == []
